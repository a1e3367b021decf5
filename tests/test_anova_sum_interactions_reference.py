"""Per-term likelihood-ratio tests and cross-equation Wald tests against car
(tests/reference/anova_sum_interactions.R): a factor x factor interaction under sum-to-zero
coding (type III then averages each main effect over the other factor), the same with
frequency weights and rows missing a predictor (treatment-coded too: type II agrees across
codings, type III does not), a sum-coded factor x numeric interaction with weights, and
car::linearHypothesis of equalities across equations and a linear combination with a
constant on the weighted fit with missing rows."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, women_with_weights

import mnlogit

REF = json.loads((REF_DIR / "anova_sum_interactions.json").read_text())
# car's refits and mnlogit's agree to ~1e-12 in chi2; nnet's Hessian (linearHypothesis's
# covariance) to ~3e-8
RTOL_LR_CHI2 = 1e-8
RTOL_LR_P = 1e-7
RTOL_WALD_CHI2 = 1e-6
RTOL_WALD_P = 1e-5


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    return women_with_weights()


@pytest.fixture(scope="module")
def fits(women) -> dict[str, mnlogit.MNLogitResults]:
    return {
        name: mnlogit.fit(case["formula"], women, ref="not.work", weights=case["weights"])
        for name, case in REF["cases"].items()
    }


@pytest.mark.parametrize("kind", ["II", "III"])
@pytest.mark.parametrize("case", list(REF["cases"]))
def test_anova_matches_car(fits, case, kind):
    want = REF["cases"][case]
    res = fits[case]
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=1e-10)
    table = res.anova(kind)
    assert table.attrs["test"] == "LR"
    assert table["df"].tolist() == want[kind]["df"]
    np.testing.assert_allclose(table["chi2"], want[kind]["chi2"], rtol=RTOL_LR_CHI2)
    np.testing.assert_allclose(table["pvalue"], want[kind]["pvalue"], rtol=RTOL_LR_P)


def test_rows_missing_a_predictor_are_left_out_of_every_refit(fits):
    # the refits of type II/III without hmiss would use the 15 rows it is missing on, were
    # they refitted on the data rather than on the fit's rows
    res = fits["ff_sum_weighted_missing"]
    assert len(res.predict()) == REF["cases"]["ff_sum_weighted_missing"]["nobs"]


@pytest.mark.parametrize("name", list(REF["wald"]["tests"]))
def test_wald_across_equations_matches_linear_hypothesis(fits, name):
    want = REF["wald"]["tests"][name]
    test = fits[REF["wald"]["case"]].wald_test(want["restrictions"])
    assert test.df == want["df"]
    np.testing.assert_allclose(test.statistic, want["chi2"], rtol=RTOL_WALD_CHI2)
    np.testing.assert_allclose(test.pvalue, want["pvalue"], rtol=RTOL_WALD_P)
