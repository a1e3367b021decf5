"""Strata with a single PSU under R's other survey.lonely.psu options: "certainty" and
"remove" leave such a stratum out of the linearised variance (its PSU total is centred at
itself in survey:::onestrat). Reference: tests/reference/make_lonely_psu.R on apistrat.csv with
counties as strata and districts as PSUs (16 of 40 counties have one district)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import OptionError

REF = json.loads((refdata.REF_DIR / "lonely_psu.json").read_text())
DATA = pd.read_csv(refdata.REF_DIR / "apistrat.csv")


def fit(case: dict, lonely_psu: str, data=DATA):
    design = mnlogit.SurveyDesign(**REF["design"], lonely_psu=lonely_psu)
    return mnlogit.fit(case["formula"], data, ref=case["ref"], design=design, subpop=case["subpop"])


@pytest.mark.parametrize("name", list(REF["cases"]))
def test_lonely_strata_left_out_of_the_variance_equal_the_survey_package(name):
    case = REF["cases"][name]
    res = fit(case, case["lonely_psu"])
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), case["params"], rtol=1e-6)
    expected = np.asarray(case["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), expected, rtol=1e-6, atol=1e-12 * np.abs(expected).max()
    )
    # 'adjust' keeps the lonely totals (about zero): larger variances, the same estimates
    adjusted = fit(case, "adjust")
    assert (np.diag(adjusted.cov_params()) >= np.diag(res.cov_params()) - 1e-15).all()
    assert np.diag(adjusted.cov_params()).sum() > np.diag(res.cov_params()).sum()
    note = f"{REF['lonely_strata']} strata have a single PSU; they are left out of the variance"
    assert note in str(res.summary()).replace("\n    ", " ")


@pytest.mark.slow
def test_dask_leaves_them_out_too():
    dd = pytest.importorskip("dask.dataframe")
    case = REF["cases"]["certainty/multi/comp_imp"]
    res = fit(case, "certainty", dd.from_pandas(DATA, npartitions=3))
    np.testing.assert_allclose(res.cov_params().to_numpy(), np.asarray(case["cov"]), rtol=1e-6)


def test_the_options_are_r_s_names():
    with pytest.raises(
        OptionError, match=r"'fail', 'adjust', 'certainty', 'remove'\); got 'average'"
    ):
        mnlogit.SurveyDesign(lonely_psu="average")


def test_a_fit_inside_lonely_strata_left_out_says_its_standard_errors_are_zero():
    # as certainty PSUs they have no sampling variance (R gives zero too), but the summary
    # said nothing of it and the Wald test's reason spoke of 16 PSUs centred within strata
    lonely = (DATA.groupby("cname")["dnum"].transform("nunique") == 1).to_numpy()
    design = mnlogit.SurveyDesign(**REF["design"], lonely_psu="certainty")
    res = mnlogit.fit("awards ~ meals", DATA, ref="No", design=design, subpop=lonely)
    assert np.allclose(res.bse.to_numpy(), 0.0)
    text = " ".join(str(res.summary()).split())
    assert (
        "left out of the variance, and every row of the fit lies in them, so the standard "
        "errors are 0 (lonely_psu='certainty')" in text
    )
    note = res.wald_test("meals").note
    assert "every row of the fit lies in a stratum of a single PSU" in note
    assert "lonely_psu='adjust'" in note
