"""Wald tests of combinations of diverging coefficients that stay finite.

Under quasi-complete separation by a factor level (no row of region Atlantic is fulltime),
the fulltime intercept and region dummies diverge together, along one direction; the
difference of two dummies (BC against Ontario) and a level's log-odds (intercept + BC) do not
move along it. Their Wald tests were NaN, as any test touching a diverging coefficient; they
are the tests of the limit model (fulltime impossible in Atlantic), which the fit has
converged to in every other direction. Tests that move along the direction stay NaN.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR
from scipy import optimize
from scipy.special import logsumexp

import mnlogit

REGIONS = ["BC", "Ontario", "Prairie", "Quebec"]
FORMULA = "partic ~ hincome + children + region"


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    d = pd.read_csv(REF_DIR / "womenlf.csv")
    d.loc[(d.region == "Atlantic") & (d.partic == "fulltime"), "partic"] = "not.work"
    return d


@pytest.fixture(scope="module")
def res(data):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        return mnlogit.fit(FORMULA, data, ref="not.work")


def _limit_model_walds(d: pd.DataFrame) -> tuple[float, float]:
    """Wald chi2 of fulltime's BC - Ontario and of its BC log-odds in the limit model, fitted
    directly: fulltime's equation without Atlantic (its probability 0 there), a log-odds per
    other region, the inverse of a finite-difference Hessian as covariance."""
    dummies = [(d.region == r).to_numpy(float) for r in REGIONS]
    present = (d.children == "present").to_numpy(float)
    Xf = np.column_stack([d.hincome, present, *dummies])
    Xp = np.column_stack([np.ones(len(d)), d.hincome, present, *dummies])
    atlantic = (d.region == "Atlantic").to_numpy()
    y = d.partic.map({"not.work": 0, "fulltime": 1, "parttime": 2}).to_numpy()

    def nll(theta):
        full = np.where(atlantic, -np.inf, Xf @ theta[:6])
        eta = np.column_stack([np.zeros(len(d)), full, Xp @ theta[6:]])
        return -(eta[np.arange(len(d)), y] - logsumexp(eta, axis=1)).sum()

    theta = optimize.minimize(nll, np.zeros(13), method="BFGS", options={"gtol": 1e-9}).x
    grad = lambda t: optimize.approx_fprime(t, nll, 1e-6)  # noqa: E731
    H = np.array([(grad(theta + e * 1e-4) - grad(theta - e * 1e-4)) / 2e-4 for e in np.eye(13)])
    V = np.linalg.inv((H + H.T) / 2)
    c = np.zeros(13)
    c[2], c[3] = 1.0, -1.0
    return (c @ theta) ** 2 / (c @ V @ c), theta[2] ** 2 / V[2, 2]


def test_finite_combinations_of_diverging_coefficients_are_tested(res, data):
    assert res.diverging.loc["region[T.BC]", "fulltime"]
    difference = res.wald_test("fulltime:region[T.BC] = fulltime:region[T.Ontario]")
    level = res.wald_test("fulltime:Intercept + fulltime:region[T.BC] = 0")
    # the fit stops where the divergence is found: its log-likelihood 3e-3 short of the
    # limit's, so the statistics agree to about 1e-4
    np.testing.assert_allclose(
        [difference.statistic, level.statistic], _limit_model_walds(data), rtol=1e-3
    )
    assert np.isfinite(difference.pvalue) and np.isfinite(level.pvalue)
    assert "stay finite along every separating direction" in difference.note


@pytest.mark.parametrize(
    "text",
    [
        "fulltime:region[T.BC] = 0",
        "region",
        "fulltime:region[T.BC] = parttime:region[T.BC]",
        "fulltime:Intercept = 0",
    ],
)
def test_combinations_that_diverge_stay_nan(res, text):
    test = res.wald_test(text)
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert "diverge under separation" in test.note


def test_another_reference_tests_the_same_combination(res):
    moved = res.with_ref("fulltime")
    a = res.wald_test("fulltime:region[T.BC] = fulltime:region[T.Ontario]")
    b = moved.wald_test("not.work:region[T.BC] = not.work:region[T.Ontario]")
    np.testing.assert_allclose(a.statistic, b.statistic, rtol=1e-9)


def test_firth_wald_tests_of_coefficients_finite_only_through_the_penalty_say_so(data):
    # Firth's Wald chi2 of region was 12.4 (p = 0.13) beside its penalised LR's 19.7
    # (p = 0.011), without a word that the data are separated along those coefficients
    res = mnlogit.fit(FORMULA, data, ref="not.work", method="firth")
    region = res.wald_test("region")
    assert np.isfinite(region.statistic)
    assert "quasi-completely separated" in region.note and "fulltime:region[T.BC]" in region.note
    assert "anova()" in region.note
    assert res.anova().loc["region", "chi2"] > region.statistic
    for text in ("hincome", "fulltime:region[T.BC] = fulltime:region[T.Ontario]"):
        assert "separated" not in res.wald_test(text).note


@pytest.mark.parametrize("scale", [1e-160, 1e-300, 1e160, 1e300])
def test_multipliers_far_from_one_are_read_as_the_same_restriction(res, scale):
    # a multiplier of 1e-300 on a diverging coefficient squared to 0 in the norm of R d, so
    # the restriction read as finite along the separation and got a chi2 (9.7 where the
    # same restriction without the multiplier is NaN)
    moved = res.wald_test(f"{scale:g}*fulltime:region[T.BC] = 0")
    assert np.isnan(moved.statistic) and "diverge under separation" in moved.note
    L = np.zeros((1, res.cov_params().shape[1]))
    L[0, list(res.cov_params().columns).index(("fulltime", "region[T.BC]"))] = scale
    assert np.isnan(res.wald_test((L, 0)).statistic)
    # a difference of two that diverge together stays finite at any multiplier
    finite = res.wald_test(
        f"{scale:g}*fulltime:region[T.BC] = {scale:g}*fulltime:region[T.Ontario]"
    )
    base = res.wald_test("fulltime:region[T.BC] = fulltime:region[T.Ontario]")
    np.testing.assert_allclose(finite.statistic, base.statistic, rtol=1e-9)
