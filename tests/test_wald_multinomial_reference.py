"""Per-term Wald tests and linear hypotheses across the equations of a three-outcome fit
with sandwich covariances against R (tests/reference/wald_multinomial.R): car's
Anova.default and linearHypothesis of VGAM::vglm fits given a sandwich built by hand,
cluster-robust with frequency weights (also against another reference outcome, which
mnlogit gives by with_ref and R by refitting) and robust (HC0) with an interaction of a
polynomial. Type II is car's conjugate complement taken in the whole covariance, across the
equations, where tests/reference/wald_tests.R has one equation only."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "wald_multinomial.json").read_text())
RTOL = 1e-6  # vglm converged to epsilon 1e-14 (its scores sum to below 1e-8)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    rows = np.arange(1, len(df) + 1)
    return df.assign(w=1 + rows % 3, cl=(rows - 1) // 5)


@pytest.fixture(scope="module")
def clustered(frame):
    case = REF["cluster"]
    return mnlogit.fit(
        case["formula"], frame, ref=case["ref"], weights="w", cov_type="cluster", groups="cl"
    )


@pytest.fixture(scope="module")
def robust(frame):
    case = REF["robust"]
    return mnlogit.fit(case["formula"], frame, ref=case["ref"], cov_type="robust")


def _vglm_order(res: mnlogit.MNLogitResults, table: pd.DataFrame) -> np.ndarray:
    # vglm lays out each column's equations together: (Intercept):1, (Intercept):2, ...
    return table.loc[:, list(res.params.columns)].to_numpy().ravel()


def test_the_cluster_robust_fit_matches(clustered):
    case = REF["cluster"]
    got = _vglm_order(clustered, clustered.params)
    np.testing.assert_allclose(got, list(case["coef"].values()), rtol=RTOL)
    got = _vglm_order(clustered, clustered.bse)
    np.testing.assert_allclose(got, list(case["bse"].values()), rtol=RTOL)


def _matches(got: pd.DataFrame, want: dict) -> None:
    assert got.attrs["test"] == "Wald" and list(got.index) == list(want)
    for term, w in want.items():
        np.testing.assert_allclose(got.loc[term, "chi2"], w["chi2"], rtol=RTOL)
        assert got.loc[term, "df"] == w["df"]
        np.testing.assert_allclose(got.loc[term, "pvalue"], w["p"], rtol=RTOL)


@pytest.mark.parametrize("kind", ["II", "III"])
@pytest.mark.parametrize("case", ["cluster", "other_reference"])
def test_anova_wald_tests_match_car(clustered, case, kind):
    res = clustered if case == "cluster" else clustered.with_ref(REF[case]["ref"])
    _matches(res.anova(kind), REF[case][f"anova_type{len(kind)}"])


@pytest.mark.parametrize("kind", ["II", "III"])
def test_anova_wald_tests_of_a_polynomial_interaction_match_car(robust, kind):
    _matches(robust.anova(kind), REF["robust"][f"anova_type{len(kind)}"])


@pytest.mark.parametrize(
    ("case", "name"),
    [("cluster", n) for n in REF["cluster"]["wald"]]
    + [("other_reference", n) for n in REF["other_reference"]["wald"]],
)
def test_restrictions_across_equations_match_linear_hypothesis(clustered, case, name):
    res = clustered if case == "cluster" else clustered.with_ref(REF[case]["ref"])
    want = REF[case]["wald"][name]
    got = res.wald_test(want["mnlogit"])
    np.testing.assert_allclose(got.statistic, want["chi2"], rtol=RTOL)
    assert got.df == want["df"]
    np.testing.assert_allclose(got.pvalue, want["p"], rtol=RTOL)
