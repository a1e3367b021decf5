"""Wald tests with sandwich covariances against R (tests/reference/wald_tests.R): anova's
type II and III Wald tests and wald_test with a cluster-robust covariance and frequency
weights (car::Anova and car::linearHypothesis given sandwich::vcovCL), and the design-based
Wald chi2 and Stata's adjusted F of a survey fit (survey::regTermTest)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "wald_tests.json").read_text())
RTOL = 1e-7  # glm converged to a relative deviance change of 1e-14
RTOL_P = 1e-6


@pytest.fixture(scope="module")
def clustered():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    rows = np.arange(1, len(df) + 1)
    df = df.assign(
        working=np.where(df["partic"] != "not.work", "yes", "no"),
        w=1 + rows % 3,
        cl=(rows - 1) // 5,
    )
    case = REF["cluster"]
    return mnlogit.fit(
        case["formula"], df, ref=case["ref"], weights="w", cov_type="cluster", groups="cl"
    )


@pytest.fixture(scope="module")
def survey():
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", fpc="fpc")
    return mnlogit.fit(REF["survey"]["formula"], d, ref=REF["survey"]["ref"], design=design)


def test_the_cluster_robust_fit_matches(clustered):
    case = REF["cluster"]
    np.testing.assert_allclose(clustered.params["yes"], list(case["coef"].values()), rtol=RTOL)
    np.testing.assert_allclose(clustered.bse["yes"], list(case["bse"].values()), rtol=RTOL)


@pytest.mark.parametrize("kind", ["II", "III"])
def test_anova_wald_tests_match_car(clustered, kind):
    got = clustered.anova(kind)
    want = REF["cluster"][f"anova_type{len(kind)}"]
    assert got.attrs["test"] == "Wald" and list(got.index) == list(want)
    for term, w in want.items():
        np.testing.assert_allclose(got.loc[term, "chi2"], w["chi2"], rtol=RTOL)
        assert got.loc[term, "df"] == w["df"]
        np.testing.assert_allclose(got.loc[term, "pvalue"], w["p"], rtol=RTOL_P)


@pytest.mark.parametrize(
    ("name", "restriction"),
    [
        ("hincome", "hincome"),
        ("region", "region"),
        ("cross", "yes:hincome + 10*yes:hincome:children[T.present] = 0"),
    ],
)
def test_wald_tests_match_linear_hypothesis(clustered, name, restriction):
    got, want = clustered.wald_test(restriction), REF["cluster"]["wald"][name]
    np.testing.assert_allclose(got.statistic, want["chi2"], rtol=RTOL)
    assert got.df == want["df"]
    np.testing.assert_allclose(got.pvalue, want["p"], rtol=RTOL_P)


@pytest.mark.parametrize(("name", "terms"), [("stype", "stype"), ("meals_ell", ["meals", "ell"])])
def test_survey_wald_matches_reg_term_test(survey, name, terms):
    assert survey.df_design == REF["survey"]["degf"]
    got, want = survey.wald_test(terms), REF["survey"]["wald"][name]
    np.testing.assert_allclose(got.details["chi2"], want["chi2"], rtol=RTOL)
    np.testing.assert_allclose(got.statistic, want["F"], rtol=RTOL)
    assert (got.df, got.df_denom) == (want["df"], want["df_denom"])
    np.testing.assert_allclose(got.pvalue, want["p"], rtol=RTOL_P)
