"""Nearly collinear but full-rank designs: every fit reaches the maximum, with the true
standard errors, or is refused as aliased; never a silent wrong answer.

The reference is the same model fitted on an orthonormal basis Q of the design's column space
(numpy's QR): the same log-likelihood and fitted probabilities, and the covariance of B = T G
(X T = Q) is T V_G T'. The residual r of the last column on the ones before it (of the
unit-scaled design, from the same QR) decides what must happen: refused below R's 1e-7,
fitted with a CollinearityWarning up to 1e-5, silently above.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from refdata import REF_DIR, RTOL_COEF, RTOL_LOGLIK, RTOL_SE

import mnlogit
from mnlogit._linalg import NEAR_COLLINEAR, RANK_TOL
from mnlogit.exceptions import CollinearityWarning, RankError


def _draw(seed: int, n: int = 2000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x, z = rng.normal(size=n), rng.normal(size=n)
    eta = np.column_stack([0.3 + 0.8 * x + 0.5 * z, -0.2 - 0.5 * x + 0.7 * z, np.zeros(n)])
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    y = np.array(list("abc"))[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return x, z, y


def _residual(X: np.ndarray) -> float:
    """The residual of the last column on the ones before it, the columns scaled to length 1."""
    return float(abs(np.linalg.qr(X / np.linalg.norm(X, axis=0))[1][-1, -1]))


def check_fit_or_refusal(
    x: np.ndarray, x2: np.ndarray, y: np.ndarray, w: np.ndarray | None = None, **kw
) -> str:
    """Fit y ~ x + x2 and check it against the orthonormal basis's fit; what happened."""
    X = np.column_stack([np.ones(len(x)), x, x2])
    d = np.linalg.norm(X, axis=0)
    Q, R = np.linalg.qr(X / d)
    # the residual that decides is that of the design the likelihood weighs, sqrt(w) X: with
    # frequency weights the unweighted one put x2 below 1e-5 (a warning due) where the fit,
    # rightly, found it above
    r = abs(R[-1, -1]) if w is None else _residual(X * np.sqrt(w)[:, None])
    frame = pd.DataFrame({"y": y, "x": x, "x2": x2, "w": 1.0 if w is None else w})
    weights = None if w is None else "w"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = mnlogit.fit("y ~ x + x2", frame, weights=weights, ref="a", **kw)
        except RankError as e:
            assert "'x2'" in str(e)
            assert r < 1.01 * RANK_TOL, r  # refused only when aliased
            return "refused"
    assert r > 0.99 * RANK_TOL, r  # an aliased column is never fitted
    kinds = {w.category for w in caught}
    assert kinds <= {CollinearityWarning}, [str(w.message) for w in caught]
    if r < 0.99 * NEAR_COLLINEAR:
        assert CollinearityWarning in kinds
    elif r > 1.01 * NEAR_COLLINEAR:
        assert not kinds
    assert res.converged
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        other = mnlogit.MNLogit(y, Q * np.sqrt(len(x)), ref="a", weights=w).fit(**kw)
    assert other.converged
    # Q spans the column space of X as stored to about eps / r: so far the two maxima differ
    np.testing.assert_allclose(res.llf, other.llf, rtol=1e-12 + 1e-16 / r)
    np.testing.assert_allclose(
        res.predict().to_numpy(), other.predict().to_numpy(), rtol=0, atol=1e-12 + 2e-14 / r
    )
    # B = T G with X T = sqrt(n) Q; the covariance T V_G T', equation by equation
    T = np.linalg.inv(R) * (np.sqrt(len(x)) / d[:, None])
    G = other.params.to_numpy()
    np.testing.assert_allclose(res.params.to_numpy(), T @ G, rtol=1e-6, atol=1e-8 / r)
    eps = np.finfo(float).eps
    # the standard errors: model-based ones true to 1e-7 (the fit runs on the orthogonal
    # basis where r is at most ORTHOGONALISE_BELOW, and beyond it eps / r^2 is below 1e-9),
    # sandwiches (their meat is summed in the columns' own basis) to the digits the warning
    # promises, -log10(eps / r^2)
    model_based = kw.get("cov_type", "nonrobust") == "nonrobust"
    rtol = 1e-7 if model_based else max(1e-7, 10 * eps / r**2)
    for k in res.params.columns:
        V = other.cov_params().loc[(k,), (k,)].to_numpy()
        np.testing.assert_allclose(res.bse[k].to_numpy(), np.sqrt(np.diag(T @ V @ T.T)), rtol=rtol)
    return "warned" if kinds else "fitted"


@pytest.mark.parametrize(
    "eps", [1e-3, 1e-4, 2e-5, 5e-6, 1e-6, 3e-7, 2e-7, 1.5e-7, 1.2e-7, 8e-8, 5e-8, 1e-9]
)
def test_a_column_ever_closer_to_another_is_fitted_to_the_maximum_or_refused(eps):
    # at eps = 1.5e-7 the standard errors of x2 were 1.5% off (the information's condition
    # number is about 1 / eps^2); they now agree with the orthonormal basis's fit to 2e-10
    x, z, y = _draw(0)
    outcome = check_fit_or_refusal(x, x + eps * z, y)
    assert outcome == ("refused" if eps < RANK_TOL else "warned" if eps < 1e-5 else "fitted")


def test_a_quadratic_in_calendar_years_has_its_true_standard_errors():
    # year + I(year**2): the square's residual on (1, year) is 1.8e-5, above the warning's
    # 1e-5, and the fit ran in the columns' own basis: its standard errors were 2.6e-5 off
    # and the Wald statistic of the square 61.8696 for the 61.8702 of the centred years
    rng = np.random.default_rng(8)
    n = 3000
    df = pd.DataFrame({"year": rng.integers(1990, 2021, n).astype(float)})
    c = df["year"] - 2005
    eta = np.column_stack([np.zeros(n), 0.05 * c - 0.004 * c**2, -0.03 * c + 0.002 * c**2])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    df["y"] = (P.cumsum(axis=1) < rng.random(n)[:, None]).sum(axis=1)
    df["c"] = c
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        years = mnlogit.fit("y ~ year + I(year**2)", df)
        centred = mnlogit.fit("y ~ c + I(c**2)", df)
    # the square's coefficients are the same parameters in both
    np.testing.assert_allclose(years.bse.iloc[2], centred.bse.iloc[2], rtol=1e-9)
    np.testing.assert_allclose(
        years.wald_test("I(year ** 2)").statistic,
        centred.wald_test("I(c ** 2)").statistic,
        rtol=1e-9,
    )


def test_a_quadratic_in_calendar_years_agrees_with_vgam():
    # VGAM's fit of the centred years mapped to 1, year, year^2 (make_year_quadratic.R)
    ref = json.loads((REF_DIR / "year_quadratic.json").read_text())
    df = pd.read_csv(REF_DIR / "year_quadratic.csv")
    res = mnlogit.fit(ref["formula"], df, ref=ref["ref"])
    assert list(res.params.index) == ref["terms"]
    assert list(res.params.columns) == ref["outcomes"]
    np.testing.assert_allclose(res.params.to_numpy(), ref["params"], rtol=RTOL_COEF)
    np.testing.assert_allclose(res.cov_params().to_numpy(), ref["vcov"], rtol=RTOL_SE)
    np.testing.assert_allclose(res.llf, ref["loglik"], rtol=RTOL_LOGLIK)
    wald = res.wald_test("I(year ** 2)").statistic
    np.testing.assert_allclose(wald, ref["wald_square"], rtol=RTOL_SE)


def test_robust_standard_errors_of_a_nearly_aliased_column_have_the_promised_digits():
    x, z, y = _draw(1)
    check_fit_or_refusal(x, x + 2e-7 * z, y, cov_type="robust")


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(
    seed=st.integers(0, 10**6),
    log_eps=st.floats(-9.5, -2.5),
    a=st.floats(-2, 2),
    b=st.floats(-2, 2),
    weighted=st.booleans(),
)
# weighted, x2's residual is 9.9e-6 of its length and 1.0e-5 in the design the fit weighs
@example(seed=1138, log_eps=-4.981803504749015, a=1.0, b=-0.2890625, weighted=True)
def test_a_nearly_aliased_column_is_never_a_silent_wrong_answer(seed, log_eps, a, b, weighted):
    # x2 = a + b x + eps z: nearly a combination of the intercept and x (unless a and b are
    # small beside eps), with or without frequency weights
    x, z, y = _draw(seed, n=1000)
    w = np.random.default_rng(seed).integers(1, 4, size=len(x)).astype(float) if weighted else None
    check_fit_or_refusal(x, a + b * x + 10.0**log_eps * z, y, w)


def test_standard_errors_computed_after_a_quasi_newton_fit_are_the_true_ones():
    # 5 outcomes x 7 columns: the fit runs L-BFGS and computes the information only when the
    # standard errors are first read; that deferred information is mapped back as well
    # (before: the standard errors of s were 0.6% off)
    rng = np.random.default_rng(3)
    n = 6000
    Z = rng.normal(size=(n, 5))
    eta = np.column_stack([Z @ rng.normal(scale=0.4, size=(5, 4)), np.zeros(n)])
    P = np.exp(eta)
    P /= P.sum(axis=1, keepdims=True)
    y = np.array(list("abcde"))[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    df = pd.DataFrame(Z, columns=[f"z{j}" for j in range(5)]).assign(y=y)
    df["s"] = df.z0 + 0.5 * df.z1 + 3e-7 * rng.normal(size=n)
    X = np.column_stack([np.ones(n), Z, df.s])
    d = np.linalg.norm(X, axis=0)
    Q, R = np.linalg.qr(X / d)
    with pytest.warns(CollinearityWarning, match="'s'"):
        res = mnlogit.fit("y ~ z0 + z1 + z2 + z3 + z4 + s", df, ref="e")
    assert res.converged and res._core.pending  # the deferred route
    other = mnlogit.MNLogit(y, Q * np.sqrt(n), ref="e").fit()
    np.testing.assert_allclose(res.llf, other.llf, rtol=1e-11)
    np.testing.assert_allclose(res.predict().to_numpy(), other.predict().to_numpy(), atol=1e-8)
    T = np.linalg.inv(R) * (np.sqrt(n) / d[:, None])
    for k in res.params.columns:
        V = other.cov_params().loc[(k,), (k,)].to_numpy()
        np.testing.assert_allclose(res.bse[k].to_numpy(), np.sqrt(np.diag(T @ V @ T.T)), rtol=1e-8)
