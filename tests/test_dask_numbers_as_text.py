"""Outcomes and factors of Python numbers held as objects, which dask's from_pandas stores
as text: their levels sort as text, which a dask fit says."""

import warnings

import numpy as np
import pandas as pd
import pytest
from test_parallel import _data

import mnlogit
from mnlogit.exceptions import MNLogitWarning

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


def _codes() -> pd.DataFrame:
    df = _data(n=600)
    df["yo"] = pd.Series(df["y"].map({"bus": 2, "car": 10, "walk": 30}).tolist(), dtype=object)
    df["ko"] = pd.Series((np.arange(600) % 3 * 10 + 2).tolist(), dtype=object)
    df["k1"] = pd.Series((np.arange(600) % 3 + 1).tolist(), dtype=object)
    return df


@pytest.mark.parametrize(
    ("formula", "said"),
    [
        (
            "yo ~ x + g",
            "outcome 'yo': its values are text that reads as numbers, so its levels "
            "are sorted as text ('10', '2', '30'), not as numbers (2, 10, 30), and the first is "
            "the reference",
        ),
        (
            "y ~ x + C(ko)",
            "factor 'ko': its values are text that reads as numbers, so its "
            "levels are sorted as text ('12', '2', '22')",
        ),
    ],
)
def test_numbers_dask_stored_as_text_are_said_to_sort_as_text(formula, said):
    # the in-memory fit of the same DataFrame has the reference 2 (the baseline 2): the dask
    # fit had '10' ('12'), so other coefficients, without a word
    df = _codes()
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(df, npartitions=3)
    with pytest.warns(MNLogitWarning) as caught:
        got = mnlogit.fit(formula, ddf)
    text = " ".join(str(w.message) for w in caught)
    assert said in text and "dd.to_numeric(ddf[" in text
    # converted as the warning says, the dask fit is the in-memory one
    column = formula.split()[0] if formula.startswith("yo") else "ko"
    ddf[column] = dd.to_numeric(ddf[column])
    want = mnlogit.fit(formula, df)
    got = mnlogit.fit(formula, ddf)
    assert got.ref == want.ref and list(got.params.index) == list(want.params.index)
    np.testing.assert_allclose(got.params, want.params, rtol=1e-10, atol=1e-12)


def test_numbers_whose_text_sorts_as_they_do_are_not_warned_of():
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(_codes(), npartitions=3)
    with dask.config.set(scheduler="synchronous"):
        with warnings.catch_warnings():
            warnings.simplefilter("error", MNLogitWarning)
            mnlogit.fit("y ~ x + C(k1)", ddf)
