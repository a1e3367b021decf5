"""Robust and cluster-robust covariances with frequency weights are those of the rows
repeated (Stata's fweight semantics: a row of weight 3 is three observations), checked
against statsmodels' MNLogit and R's sandwich on the repeated rows, and statsmodels'
GLM(freq_weights=); R's sandwich on a glm with prior weights and statsmodels' var_weights
follow another convention (one observation whose score counts w times), which mnlogit does
not. No small-sample factor for HC0 (Stata's vce(robust) multiplies by N/(N-1)); G/(G-1)
for clusters, G the clusters holding a row of positive weight.
(tests/reference/make_weighted_robust.py and make_weighted_robust.R.)"""

import numpy as np
import pandas as pd
import pytest
from refdata import expected

import mnlogit

SM = expected("weighted_robust_statsmodels")
R = expected("weighted_robust_r")
BINARY_TERMS = {
    "(Intercept)": "Intercept",
    "hincome": "hincome",
    "childrenpresent": "children[T.present]",
    "regionBC": "region[T.BC]",
    "regionOntario": "region[T.Ontario]",
    "regionPrairie": "region[T.Prairie]",
    "regionQuebec": "region[T.Quebec]",
}


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    df = pd.read_csv("tests/reference/womenlf.csv")
    row = np.arange(1, len(df) + 1)
    df["cl"] = (row - 1) // 5
    df["w"] = np.where(df["cl"] < 3, 0, row % 4)
    df["working"] = (df["partic"] != "not.work").astype(int)
    return df


def _fit(data, formula, ref, cov_type):
    options = {"groups": "cl"} if cov_type == "cluster" else {}
    return mnlogit.fit(formula, data, ref=ref, weights="w", cov_type=cov_type, **options)


@pytest.mark.parametrize(("cov_type", "key"), [("robust", "vcov_hc0"), ("cluster", "vcov_cluster")])
def test_three_outcomes_match_statsmodels_on_the_repeated_rows(data, cov_type, key):
    m = SM["multinomial"]
    res = _fit(data, m["formula"], m["ref"], cov_type)
    np.testing.assert_allclose(res.params.to_numpy().T, m["params"], rtol=1e-8, atol=1e-10)
    assert res.nobs == m["nobs"]
    np.testing.assert_allclose(res.llf, m["llf"], rtol=1e-10)
    np.testing.assert_allclose(res.cov_params().to_numpy(), m[key], rtol=1e-7, atol=1e-12)


@pytest.mark.parametrize(("cov_type", "key"), [("robust", "hc0"), ("cluster", "cluster")])
def test_two_outcomes_match_r_sandwich_on_the_repeated_rows(data, cov_type, key):
    res = _fit(data, R["formula"], 0, cov_type)
    order = [BINARY_TERMS[t] for t in R["terms"]]
    V = res.cov_params().to_numpy()
    got = pd.DataFrame(V, index=res.params.index, columns=res.params.index).loc[order, order]
    np.testing.assert_allclose(res.params[1].loc[order], R["params"], rtol=1e-8)
    np.testing.assert_allclose(got.to_numpy(), R[f"vcov_{key}_repeated"], rtol=1e-7, atol=1e-12)
    if cov_type == "robust":
        # the other convention (R's prior weights, statsmodels' var_weights, which agree) is
        # not a rounding away: its standard errors are 1.39 to 1.55 times these
        prior = np.sqrt(np.diag(R["vcov_hc0_prior_weights"]))
        assert (prior / np.sqrt(np.diag(got)) > 1.3).all()
        np.testing.assert_allclose(
            R["vcov_hc0_prior_weights"], SM["binary"]["vcov_hc0_var_weights"], rtol=1e-6
        )
        np.testing.assert_allclose(
            got.to_numpy(), SM["binary"]["vcov_hc0_freq_weights"], rtol=1e-7, atol=1e-12
        )
    else:  # clusters sum the rows' scores either way
        np.testing.assert_allclose(
            got.to_numpy(), R["vcov_cluster_prior_weights"], rtol=1e-7, atol=1e-12
        )
