"""Values of a numpy array given to ``margins(at=...)`` quoted as the numbers they are.

An array is how a grid of values is usually given (``np.arange``, ``np.linspace``, a
column's ``.unique()``), and its values are numpy scalars: the refusal of one quoted it as
``np.float64(nan)`` or ``np.int64(7)``, and a level matched only as text as
``np.str_('3') is a str_``, where the same value in a list is ``nan``, ``7`` and ``'3' is a
str``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import MNLogitError


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(631)
    n = 200
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "k": rng.integers(0, 3, n),
            "g": rng.choice(["p", "q"], n),
        }
    )
    return mnlogit.fit("y ~ x + C(k) + g", df)


_REFUSED = [
    ("x", np.nan),
    ("x", np.inf),
    ("k", 7),
    ("k", "1"),
    ("g", "P"),
    ("g", 3),
]


@settings(max_examples=30, deadline=None)
@given(
    case=st.sampled_from(_REFUSED),
    dtype=st.sampled_from([None, "int64", "int32", "uint8", "float64", "float32"]),
)
def test_an_arrays_value_is_quoted_as_the_same_value_in_a_list(res, case, dtype):
    name, value = case
    if dtype is not None and isinstance(value, str):
        dtype = None  # text stays text
    if dtype is not None and dtype[0] in "iu" and not float(value).is_integer():
        dtype = "float64"  # nan and inf are no integers
    with pytest.raises(MNLogitError) as listed:
        res.margins(at={name: [value]})
    with pytest.raises(MNLogitError) as in_array:
        res.margins(at={name: np.array([value], dtype=dtype)})
    said = str(in_array.value)
    assert "np." not in said and "str_" not in said, said
    if dtype is None:  # numpy's scalar of the list's value: the same sentence
        assert said == str(listed.value)


def test_a_non_name_over_is_quoted_as_its_value(res):
    with pytest.raises(MNLogitError, match=r"got int64 3$"):
        res.margins(over=np.int64(3))
