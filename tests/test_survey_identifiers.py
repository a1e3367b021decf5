"""Strata and PSU identifiers of types that do not compare with each other: a column of
Python objects merged from several sources (a date beside a number, periods of two
frequencies, times with and without a time zone) identifies strata as well as any other
values, and the fit is the one of the same identifiers written as text."""

import datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

API = Path(__file__).resolve().parent / "reference" / "apistrat.csv"
FORMULA = "perf ~ meals + ell + mobility"


@pytest.fixture(scope="module")
def apistrat():
    return pd.read_csv(API)


def fit(data, **design):
    return mnlogit.fit(FORMULA, data, ref="low", design=mnlogit.SurveyDesign(**design))


UNORDERED = {
    "date, text and number": {"E": datetime.date(2020, 1, 1), "H": "H", "M": 3},
    "tuple and number": {"E": (1, 2), "H": 1, "M": 2},
    "periods of two frequencies": {
        "E": pd.Period("2020Q1"),
        "H": pd.Period("2020Q2"),
        "M": pd.Period("2020-03", "M"),
    },
    "times with and without a zone": {
        "E": pd.Timestamp("2020-01-01", tz="UTC"),
        "H": pd.Timestamp("2020-01-01"),
        "M": pd.Timestamp("2021-01-01"),
    },
}


def as_objects(codes: pd.Series, labels: dict) -> np.ndarray:
    out = np.empty(len(codes), dtype=object)
    for i, code in enumerate(codes):
        out[i] = labels[code]
    return out


@pytest.mark.parametrize("kind", list(UNORDERED))
def test_strata_that_do_not_sort_give_the_fit_of_the_same_strata_as_text(apistrat, kind):
    # was: TypeError "'<' not supported between instances of 'int' and 'datetime.date'"
    # (IncompatibleFrequency, "Cannot compare tz-naive and tz-aware") from sorting them
    mixed = apistrat.assign(s=as_objects(apistrat["stype"], UNORDERED[kind]))
    got = fit(mixed, weights="pw", strata="s", psu="dnum", fpc="fpc")
    want = fit(apistrat, weights="pw", strata="stype", psu="dnum", fpc="fpc")
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-12)
    assert got.df_design == want.df_design == 159
    assert set(got.design.strata_labels) == set(UNORDERED[kind].values())


def test_psus_that_do_not_sort_give_the_fit_of_the_same_psus_as_text(apistrat):
    start = datetime.date(2020, 1, 1)
    psu = np.array(
        [
            v if i % 3 else start + datetime.timedelta(days=int(v))
            for i, v in enumerate(apistrat["dnum"])
        ],
        dtype=object,
    )
    text = np.array([f"{type(v).__name__}:{v}" for v in psu], dtype=object)
    got = fit(apistrat.assign(p=psu), weights="pw", strata="stype", psu="p")
    want = fit(apistrat.assign(p=text), weights="pw", strata="stype", psu="p")
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-12)
    assert got.df_design == want.df_design


def test_a_lonely_stratum_among_unsortable_strata_is_named(apistrat):
    # one PSU in stratum 3: the refusal names it rather than failing to sort the labels
    rows = apistrat[(apistrat["stype"] != "M") | (apistrat["dnum"] == 401)]
    mixed = rows.assign(s=as_objects(rows["stype"], UNORDERED["date, text and number"]))
    with pytest.raises(mnlogit.MNLogitError, match="stratum 3 of strata column 's' has only one"):
        fit(mixed, weights="pw", strata="s", psu="dnum")


@pytest.mark.parametrize("kind", list(UNORDERED))
def test_dask_codes_strata_that_do_not_sort_as_memory_does(apistrat, kind):
    dd = pytest.importorskip("dask.dataframe")
    mixed = apistrat.assign(s=as_objects(apistrat["stype"], UNORDERED[kind]))
    design = mnlogit.SurveyDesign(weights="pw", strata="s", psu="dnum", fpc="fpc")
    got = mnlogit.fit(FORMULA, dd.from_pandas(mixed, npartitions=3), ref="low", design=design)
    want = fit(mixed, weights="pw", strata="s", psu="dnum", fpc="fpc")
    np.testing.assert_allclose(got.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-10)
