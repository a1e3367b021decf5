"""Integers past 2**53 given as Python objects beside floats (a list of records, an array of
objects): numpy reads them as float64 in one step, so they are refused as the same integers
in an int64 array are, rather than fitted rounded with nothing said."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mnlogit import MNLogit
from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier

N = 60
RNG = np.random.default_rng(11)
Y = RNG.integers(0, 3, N)
X_FLOAT = RNG.normal(size=N)
NANOSECONDS = [1_700_000_000_000_000_000 + int(v) for v in RNG.integers(0, 1000, N)]


def _records(big: list[int]) -> list[tuple[float, int]]:
    return [(float(a), b) for a, b in zip(X_FLOAT, big, strict=True)]


def _int64(big: list[int]) -> np.ndarray:
    return np.array([(round(a * 100), b) for a, b in zip(X_FLOAT, big, strict=True)], np.int64)


def _given(kind: str, big: list[int]):
    if kind == "records":
        return _records(big)
    return np.array(_records(big), dtype=object)


@pytest.mark.parametrize("kind", ["records", "objects"])
def test_python_ints_past_2_53_beside_floats_are_refused_as_int64_ones_are(kind):
    with pytest.raises(InputTypeError) as int64:
        MNLogit(Y, _int64(NANOSECONDS))
    X = _given(kind, NANOSECONDS)
    with pytest.raises(InputTypeError, match=r"column 'x1' holds integers as large as") as got:
        MNLogit(Y, X)
    assert str(got.value) == str(int64.value)
    assert X[0][1] == NANOSECONDS[0]  # the user's values are left as they were


@pytest.mark.parametrize("kind", ["records", "objects"])
def test_the_classifier_without_an_intercept_refuses_them_too(kind):
    # with an intercept the rank check refused them as an offset; without one they were fitted
    with pytest.raises(InputTypeError, match=r"column 'x1' holds integers as large as"):
        MNLogitClassifier(fit_intercept=False).fit(_given(kind, NANOSECONDS), Y)


@pytest.mark.parametrize("kind", ["records", "objects"])
def test_large_numbers_that_float64_holds_apart_are_fitted(kind):
    spread = [10**18 + 10**15 * int(v) for v in RNG.integers(0, 1000, N)]
    as_floats = np.array(_records(spread), dtype=np.float64)
    res = MNLogit(Y, _given(kind, spread)).fit()
    np.testing.assert_array_equal(res.params.to_numpy(), MNLogit(Y, as_floats).fit().params)


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    offset=st.integers(2**53, 2**63 - 2**20),
    spread=st.integers(1, 2**20),
    kind=st.sampled_from(["records", "objects"]),
)
def test_objects_are_refused_exactly_when_int64_integers_are(offset, spread, kind):
    big = [offset + int(v) for v in np.linspace(0, spread, N).round()]
    try:
        MNLogit(Y, _int64(big))
    except InputTypeError as exc:
        int64: str | None = str(exc)
    else:
        int64 = None
    try:
        MNLogit(Y, _given(kind, big))
    except InputTypeError as exc:
        assert int64 is not None and str(exc) == int64
    else:
        assert int64 is None
