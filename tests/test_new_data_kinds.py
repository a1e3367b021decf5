"""New data whose values are of another kind than the fitted ones are refused, never read as
some other level: True is not the level 1, as ``same_level`` and ``margins(at=...)`` hold."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, LevelError


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    n = 400
    d = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "k": rng.integers(0, 3, n),
            "b": rng.random(n) > 0.5,
            "x": rng.normal(size=n),
        }
    )
    return d, mnlogit.fit("y ~ C(k) + C(b) + x", d)


@pytest.mark.parametrize(
    "values",
    [
        pd.Series([True, True, False]),  # a boolean column: was encoded as the baseline 0
        pd.Series([True, 1, 2], dtype=object),  # True was read as the level 1
    ],
)
def test_booleans_for_a_factor_of_numbers_are_refused(fitted, values):
    d, res = fitted
    new = d.head(3).assign(k=values.to_numpy())
    with pytest.raises(LevelError, match=r"column 'k' \(in C\(k\)\) has value\(s\) \{True"):
        res.predict(new)


def test_numbers_for_a_factor_of_booleans_are_refused(fitted):
    d, res = fitted
    with pytest.raises(LevelError, match=r"levels seen in fitting: False, True"):
        res.predict(d.head(3).assign(b=d["b"].head(3).astype(int)))


def test_the_same_levels_in_other_dtypes_predict_the_same(fitted):
    d, res = fitted
    new = d.head(5)
    expected = res.predict(new)
    for other in (
        new.assign(k=new["k"].astype(float)),
        new.assign(k=new["k"].astype("Int64")),
        new.assign(k=new["k"].astype("category")),
        new.assign(b=new["b"].astype("boolean")),
        new.assign(b=new["b"].astype(object)),
    ):
        pd.testing.assert_frame_equal(res.predict(other), expected)


@pytest.mark.parametrize("as_frame", [False, True])
def test_complex_new_data_of_a_model_from_arrays_is_refused(as_frame):
    # the fit refuses complex numbers; predict dropped the imaginary parts (a ComplexWarning)
    rng = np.random.default_rng(1)
    X = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200)})
    res = mnlogit.MNLogit(rng.choice(["p", "q", "r"], 200), X).fit()
    new = X.head(2) + 1j
    with pytest.raises(InputTypeError, match="complex numbers"):
        res.predict(new if as_frame else new.to_numpy())
    with pytest.raises(InputTypeError, match="got list with values that are not numbers"):
        res.predict([[1.0, 2.0], [3.0]])  # ragged: refused as before
