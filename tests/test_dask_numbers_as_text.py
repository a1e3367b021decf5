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


def _twice_written(n: int = 240) -> pd.DataFrame:
    """Columns of Python numbers, each written as an int in some rows and as a float in
    others (1 and 1.0), which in memory are one level, cluster or stratum."""
    df = _data(n=n)
    df["k"] = pd.Series([(1, 2.0, 1.0, 2, 3)[i % 5] for i in range(n)], dtype=object)
    df["cl"] = pd.Series([(i % 8) if i % 16 < 8 else float(i % 8) for i in range(n)], dtype=object)
    df["st"] = pd.Series([(1, 2.0, 1.0, 2)[i % 4] for i in range(n)], dtype=object)
    df["wt"] = 1.0 + (np.arange(n) % 3)
    return df


@pytest.mark.parametrize(
    ("formula", "options", "said"),
    [
        ("y ~ x + C(k)", {}, "factor 'k': levels '1' and '1.0'; '2' and '2.0' are one number"),
        ("k ~ x", {}, "outcome 'k': levels '1' and '1.0'; '2' and '2.0' are one number"),
        (
            "y ~ x",
            {"cov_type": "cluster", "groups": "cl"},
            "groups='cl': clusters '0' and '0.0'; '1' and '1.0'; '2' and '2.0', and 5 more",
        ),
        (
            "y ~ x",
            {"design": mnlogit.SurveyDesign(weights="wt", strata="st")},
            "strata column 'st': strata '1' and '1.0'; '2' and '2.0' are one number",
        ),
    ],
    ids=["factor", "outcome", "clusters", "strata"],
)
def test_python_numbers_dask_wrote_two_ways_as_text_are_said_to_be_split(formula, options, said):
    # in memory 1 and 1.0 are one level (cluster, stratum); from_pandas stored them as the
    # texts '1' and '1.0', two, and the dask fit had other coefficients or standard errors
    # (the clusters' 0.23 larger) with nothing said
    df = _twice_written()
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(df, npartitions=2)
    with pytest.warns(MNLogitWarning) as caught:
        mnlogit.fit(formula, ddf, **options)
    text = " ".join(str(w.message) for w in caught)
    assert said in text
    column = {"factor": "k", "outcome": "k"}.get(said.split()[0], said.split("'")[1])
    assert f"ddf[{column!r}] = dd.to_numeric(ddf[{column!r}])" in text
    # converted as the warning says, the dask fit is the in-memory one
    ddf[column] = dd.to_numeric(ddf[column])
    want = mnlogit.fit(formula, df, **options)
    got = mnlogit.fit(formula, ddf, **options)
    np.testing.assert_allclose(got.params, want.params, rtol=1e-8)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-8)


def test_codes_of_text_with_leading_zeros_are_fitted_as_in_memory_without_advice():
    # '007', '07' and '7' read as text (dtype=str) are three levels in memory too: the dask
    # fit warned that they sort as text and advised dd.to_numeric, which makes them one
    df = _data(n=300)
    df["code"] = pd.Series(["007", "07", "7", "12"] * 75, dtype="string")
    ddf = dd.from_pandas(df, npartitions=3)
    with warnings.catch_warnings():
        warnings.simplefilter("error", MNLogitWarning)
        got = mnlogit.fit("y ~ x + C(code)", ddf)
    want = mnlogit.fit("y ~ x + C(code)", df)
    assert list(got.params.index) == list(want.params.index)
    np.testing.assert_allclose(got.params, want.params, rtol=1e-8)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-8)


def test_integers_float64_rounds_to_one_number_are_not_said_to_be_one():
    # 2**60 and 2**60 + 1 are two clusters in memory and as text; as floats they are one
    df = _data(n=240)
    df["cl"] = pd.Series([(2**60, 2**60 + 1, 5, 7)[i % 4] for i in range(240)], dtype=object)
    with dask.config.set({"dataframe.convert-string": True}):
        ddf = dd.from_pandas(df, npartitions=2)
    options = {"cov_type": "cluster", "groups": "cl"}
    with warnings.catch_warnings():
        warnings.simplefilter("error", MNLogitWarning)
        got = mnlogit.fit("y ~ x", ddf, **options)
    want = mnlogit.fit("y ~ x", df, **options)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-8)
