"""Frequency weights spread over four orders of magnitude (1, 7, 120, 5000) against R: VGAM's
weighted fit, robust (HC0, the rows repeated) and cluster-robust (G/(G-1)) covariances from
its rows' scores, car's type II anova (likelihood-ratio refits, and Wald tests with a sandwich
covariance) and Wald tests of a term and of a restriction across equations
(tests/reference/make_weight_orders.R). Other reference tests of weights use weights of 1 to 3.
"""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from refdata import RTOL_COEF, RTOL_LOGLIK, RTOL_SE, data, expected

import mnlogit

REF = expected("weight_orders")
COVARIANCES = ("nonrobust", "robust", "cluster")
# statistics of order 1e4 from differences of log-likelihoods of order 1e5, and Wald
# statistics through the covariances: as the standard errors
RTOL_TEST = 1e-6


@pytest.fixture(scope="module", params=COVARIANCES)
def fitted(request):
    options = {"cov_type": request.param}
    if request.param == "cluster":
        options["groups"] = "cl"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(
            REF["formula"], data("weight_orders"), ref=REF["ref"], weights="w", **options
        )
    assert res.converged
    return request.param, res


def test_estimates_and_standard_errors_are_r_s(fitted):
    cov, res = fitted
    # equation-major, the design's columns in R's order (formulaic names them otherwise)
    np.testing.assert_allclose(res.params.T.to_numpy().ravel(), REF["params"], rtol=RTOL_COEF)
    np.testing.assert_allclose(res.bse.T.to_numpy().ravel(), REF["bse"][cov], rtol=RTOL_SE)
    np.testing.assert_allclose(res.llf, REF["llf"], rtol=RTOL_LOGLIK)
    if cov == "cluster":
        assert f"({REF['n_clusters']} clusters)" in res.to_frame().attrs["covariance"]


def test_anova_type_ii_is_car_s(fitted):
    cov, res = fitted
    table = res.anova()
    want = REF["anova_lr"] if cov == "nonrobust" else REF["anova_wald"][cov]
    assert table.attrs["test"] == ("LR" if cov == "nonrobust" else "Wald")
    for term, chi2 in want.items():
        np.testing.assert_allclose(table.loc[term, "chi2"], chi2, rtol=RTOL_TEST, err_msg=term)


def test_wald_tests_are_r_s(fitted):
    cov, res = fitted
    term = res.wald_test("x:g")
    assert term.df == 4
    np.testing.assert_allclose(term.statistic, REF["wald_interaction"][cov], rtol=RTOL_TEST)
    across = res.wald_test("k3:x = 0.5*k2:x")
    np.testing.assert_allclose(across.statistic, REF["wald_restriction"][cov], rtol=RTOL_TEST)
