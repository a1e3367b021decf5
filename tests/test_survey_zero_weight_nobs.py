"""Rows of sampling weight 0 are rows outside the domain fitted: the fit keeps their PSUs in
the design but does not count them among its observations, as a subpopulation's rows outside
it are not counted, and as R's ``nobs()`` after ``svyglm`` counts (reference values from
tests/reference/make_survey_zero_weight_nobs.R)."""

from __future__ import annotations

import json
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

HERE = Path(__file__).parent / "reference"
REF = json.loads((HERE / "survey_zero_weight_nobs.json").read_text())


def _data() -> pd.DataFrame:
    d = pd.read_csv(HERE / "apistrat.csv")
    d["w0"] = np.where(d["cname"] == "Los Angeles", 0.0, d["pw"])
    return d


def test_rows_of_weight_zero_are_not_counted_as_r_and_a_subpopulation_count_them():
    # nobs was 200 (every row) beside the subpopulation's 159 for the same estimates and
    # standard errors; R's nobs() is 159 for both
    d = _data()
    zero = mnlogit.fit(
        "awards ~ meals + ell",
        d,
        ref="No",
        design=mnlogit.SurveyDesign(weights="w0", strata="stype"),
    )
    sub = mnlogit.fit(
        "awards ~ meals + ell",
        d,
        ref="No",
        design=mnlogit.SurveyDesign(weights="pw", strata="stype"),
        subpop="cname != 'Los Angeles'",
    )
    assert zero.nobs == sub.nobs == REF["zero_weights"]["nobs"] == 159
    np.testing.assert_allclose(
        zero.params.to_numpy().ravel(), REF["zero_weights"]["params"], rtol=1e-8
    )
    np.testing.assert_allclose(zero.bse.to_numpy().ravel(), REF["zero_weights"]["se"], rtol=1e-8)
    np.testing.assert_allclose(sub.bse.to_numpy().ravel(), REF["subpop"]["se"], rtol=1e-8)
    assert zero.df_resid == sub.df_resid  # the design keeps every PSU in both
    text = str(zero.summary())
    assert re.search(r"Rows in the design +200 ", text)
    assert re.search(r"Rows used +200 ", text)  # as a frequency-weighted table says it
    assert re.search(r"Rows of weight zero +41 ", text)


def test_probability_weights_without_a_design_count_the_rows_of_positive_weight():
    d = _data()
    res = mnlogit.fit("awards ~ meals + ell", d, ref="No", weights="w0", weight_type="probability")
    assert res.nobs == 159
    with pytest.warns(mnlogit.InferenceWarning, match="AIC and BIC are NaN"):
        statistics = mnlogit.compare([res]).statistics
    assert res.nobs == statistics.loc["N"].iloc[0]


@pytest.mark.filterwarnings("ignore::UserWarning")
def test_a_dask_fit_counts_them_as_the_one_in_memory():
    dd = pytest.importorskip("dask.dataframe")
    d = _data()[["awards", "meals", "ell", "stype", "w0"]]
    design = mnlogit.SurveyDesign(weights="w0", strata="stype")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(
            "awards ~ meals + ell", dd.from_pandas(d, npartitions=3), ref="No", design=design
        )
    assert res.nobs == 159
