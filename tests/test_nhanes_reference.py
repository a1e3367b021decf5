"""A real survey design against R's survey package (tests/reference/make_nhanes.R): the
NHANES extract shipped with it, 15 strata whose PSUs are numbered 1 and 2 in each (nested
in strata, R's nest = TRUE), 745 rows missing the outcome that stay in the design, a
subpopulation, and a four-level outcome whose covariance is vcov(svytotal) of the
influence functions."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "nhanes.json").read_text())
AGES = ["(0,19]", "(19,39]", "(39,59]", "(59,Inf]"]
DESIGN = mnlogit.SurveyDesign(weights="WTMEC2YR", strata="SDMVSTRA", psu="SDMVPSU")
RTOL = 1e-6  # svyglm's IRLS to 1e-14 against a Newton fit; linearised covariances alike


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    df = pd.read_csv(refdata.REF_DIR / "nhanes.csv")
    return df.assign(agecat=pd.Categorical(df["agecat"], categories=AGES))


def test_a_binary_outcome_is_svyglm_quasibinomial(data):
    res = mnlogit.fit("HI_CHOL ~ agecat + C(race) + RIAGENDR", data, design=DESIGN)
    assert res.n_dropped == 745 and res.df_resid == REF["degf"]
    np.testing.assert_allclose(res.params.iloc[:, 0], REF["binary"]["coef"], rtol=RTOL)
    np.testing.assert_allclose(res.bse.iloc[:, 0], REF["binary"]["se"], rtol=RTOL)
    table = res.anova(type="II")  # car::Anova's Wald chi2 of the svyglm fit
    np.testing.assert_allclose(table["chi2"], REF["binary"]["anova2"]["chi2"], rtol=RTOL)
    np.testing.assert_array_equal(table["df"], REF["binary"]["anova2"]["df"])


def test_a_subpopulation_is_r_s_subset_design(data):
    res = mnlogit.fit("HI_CHOL ~ agecat + C(race)", data, design=DESIGN, subpop="RIAGENDR == 2")
    np.testing.assert_allclose(res.params.iloc[:, 0], REF["women"]["coef"], rtol=RTOL)
    np.testing.assert_allclose(res.bse.iloc[:, 0], REF["women"]["se"], rtol=RTOL)


def test_four_outcomes_their_test_and_margins(data):
    res = mnlogit.fit("race ~ agecat + RIAGENDR", data, design=DESIGN, ref=1)
    want = REF["race"]
    assert list(res.params.columns) == want["equations"]
    np.testing.assert_allclose(res.params.T.to_numpy().ravel(), want["coef"], rtol=RTOL)
    np.testing.assert_allclose(res.bse.T.to_numpy().ravel(), want["se"], rtol=RTOL)
    test = res.wald_test("agecat")
    assert (test.df, test.df_denom) == (9, REF["degf"] - 9 + 1)
    np.testing.assert_allclose(test.statistic, want["f_agecat"], rtol=RTOL)
    table = res.margins(over="agecat").to_frame()
    for age, margin in want["margins"].items():
        rows = table[table["agecat"] == age].set_index("outcome").loc[[1, 2, 3, 4]]
        np.testing.assert_allclose(rows["estimate"], margin["estimate"], rtol=RTOL)
        np.testing.assert_allclose(rows["std_error"], margin["se"], rtol=RTOL)
