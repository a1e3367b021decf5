"""Per-term Wald tests with a cluster-robust covariance and frequency weights, on rows
missing a predictor, of a factor x factor interaction under sum-to-zero and treatment
coding, and linear hypotheses across the equations of the sum-coded fit, against car's
Anova.default and linearHypothesis of VGAM::vglm fits given the sandwich built by hand
(tests/reference/wald_sum_interactions.R). Type II agrees across the codings; type III of
a main effect beside its interaction does not (each coding tests another hypothesis)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, women_with_weights

import mnlogit

REF = json.loads((REF_DIR / "wald_sum_interactions.json").read_text())
# vglm's fits leave a Newton step below 1e-8 standard errors
RTOL_CHI2 = 1e-6
RTOL_P = 1e-5


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    return women_with_weights()


@pytest.fixture(scope="module")
def fits(women) -> dict[str, mnlogit.MNLogitResults]:
    return {
        name: mnlogit.fit(
            case["formula"], women, ref="not.work", weights="w", cov_type="cluster", groups="cl"
        )
        for name, case in REF["cases"].items()
    }


@pytest.mark.parametrize("kind", ["II", "III"])
@pytest.mark.parametrize("case", list(REF["cases"]))
def test_cluster_wald_anova_matches_car(fits, case, kind):
    want = REF["cases"][case]
    res = fits[case]
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=1e-10)
    table = res.anova(kind)
    assert table.attrs["test"] == "Wald"
    assert table["df"].tolist() == want[kind]["df"]
    np.testing.assert_allclose(table["chi2"], want[kind]["chi2"], rtol=RTOL_CHI2)
    np.testing.assert_allclose(table["pvalue"], want[kind]["pvalue"], rtol=RTOL_P)


@pytest.mark.parametrize("name", list(REF["wald"]))
def test_cluster_wald_across_equations_matches_linear_hypothesis(fits, name):
    want = REF["wald"][name]
    test = fits["sum"].wald_test(want["restrictions"])
    assert test.df == want["df"]
    np.testing.assert_allclose(test.statistic, want["chi2"], rtol=RTOL_CHI2)
    np.testing.assert_allclose(test.pvalue, want["pvalue"], rtol=RTOL_P)
