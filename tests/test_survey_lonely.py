"""Strata with a single PSU under R's other survey.lonely.psu options: "certainty" and
"remove" leave such a stratum out of the linearised variance (its PSU total is centred at
itself in survey:::onestrat), "average" gives it the mean of the other strata's (survey:::
onestage, over the strata the fit's rows are in). Reference: tests/reference/make_lonely_psu.R
on apistrat.csv with counties as strata and districts as PSUs (16 of 40 counties have one
district)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError, OptionError

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
    treatment = mnlogit.survey.LONELY_PSU[case["lonely_psu"]].treatment
    note = f"Strata with a single PSU (16 of 40): {treatment} (lonely_psu={case['lonely_psu']!r})"
    assert note in " ".join(str(res.summary()).split())
    if case["lonely_psu"] == "average":  # the others' variance scaled up, nothing else
        averaged = res.cov_params().to_numpy()
        certainty = fit(case, "certainty").cov_params().to_numpy()
        scale = np.trace(averaged) / np.trace(certainty)
        # entries near 0 carry their rounding into a ratio: compare on the largest's scale
        assert scale > 1.0
        np.testing.assert_allclose(
            averaged, scale * certainty, rtol=1e-10, atol=1e-12 * np.abs(averaged).max()
        )
        return
    # 'adjust' keeps the lonely totals (about zero): larger variances, the same estimates
    adjusted = fit(case, "adjust")
    assert (np.diag(adjusted.cov_params()) >= np.diag(res.cov_params()) - 1e-15).all()
    assert np.diag(adjusted.cov_params()).sum() > np.diag(res.cov_params()).sum()


@pytest.mark.slow
@pytest.mark.parametrize("option", ["certainty", "average"])
def test_dask_treats_them_as_in_memory(option):
    dd = pytest.importorskip("dask.dataframe")
    case = REF["cases"][f"{option}/multi/comp_imp"]
    res = fit(case, option, dd.from_pandas(DATA, npartitions=3))
    np.testing.assert_allclose(res.cov_params().to_numpy(), np.asarray(case["cov"]), rtol=1e-6)


def test_the_options_are_r_s_names():
    with pytest.raises(
        OptionError, match=r"'fail', 'adjust', 'certainty', 'remove', 'average'\); got 'drop'"
    ):
        mnlogit.SurveyDesign(lonely_psu="drop")


def test_average_with_every_stratum_of_the_fit_lonely_is_refused_saying_why():
    # R gives NaN (a sum over no strata times 0/0); there is nothing to average
    lonely = (DATA.groupby("cname")["dnum"].transform("nunique") == 1).to_numpy()
    design = mnlogit.SurveyDesign(**REF["design"], lonely_psu="average")
    with pytest.raises(DataError, match="no other stratum's variance to average"):
        mnlogit.fit("awards ~ meals", DATA, ref="No", design=design, subpop=lonely)


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


def test_a_stratum_of_one_psu_sampled_in_full_is_not_called_lonely():
    """A county of one district whose fpc says it was sampled in full (a certainty PSU, no
    variance of its own, no lonely PSU: R's onestrat returns zero for it before its lonely
    rule) was counted in the summary's '16 strata have a single PSU; their PSU totals are
    centred at zero'."""
    one = DATA.groupby("cname")["dnum"].transform("nunique") == 1
    first = DATA.loc[one, "cname"].iloc[0]
    # every county's fpc 3 times its districts, except the first lonely one: 1 (census)
    data = DATA.assign(
        ncty=np.where(
            DATA["cname"] == first, 1, 3 * DATA.groupby("cname")["dnum"].transform("nunique")
        )
    )
    design = mnlogit.SurveyDesign(**REF["design"], fpc="ncty", lonely_psu="adjust")
    res = mnlogit.fit(
        "awards ~ meals + ell + mobility", data, ref="No", design=design, subpop="comp_imp == 'Yes'"
    )
    text = " ".join(str(res.summary()).split())
    assert "Strata with a single PSU (15 of 40): their PSU totals are centred at zero" in text
    assert res.design.fraction[res.design.strata_labels.index(first)] == 1.0
