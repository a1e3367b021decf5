"""A tol looser than the default stops a fit early, but never as "converged" with its
estimates far from the maximum in their own standard errors.

The tests of convergence are relative to the deviance, which grows with the sum of the
weights while the standard errors shrink: at tol=1e-2, frequency weights of 1e12 left a fit
converged 1,200 standard errors from its maximum (its log-likelihood 9.95e5 below it), and at
tol=0.5 an unweighted fit of 1e5 rows 26; every p-value and test then read as final. A step
of at most a hundredth of a standard error is now left, whatever tol asks, while the default
tol's tests are as they were.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

TOLS = [0.5, 1e-2, 1e-4]


def _data(n: int, k: int, p: int, seed: int) -> tuple[str, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, p - 1))
    B = 1.5 * rng.normal(size=(p, k - 1))
    eta = np.c_[np.zeros(n), np.c_[np.ones(n), X] @ B]
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    y = (P.cumsum(axis=1) > rng.random((n, 1))).argmax(axis=1)
    names = [f"x{i}" for i in range(p - 1)]
    return "y ~ " + " + ".join(names), pd.DataFrame(X, columns=names).assign(y=y)


def _distance(res: mnlogit.MNLogitResults, at: mnlogit.MNLogitResults) -> float:
    """How far res's estimates are from at's, in at's standard errors (the largest)."""
    return float(np.max(np.abs((res.params - at.params) / at.bse).to_numpy()))


def _fits(formula: str, df: pd.DataFrame, **options) -> dict[float | None, mnlogit.MNLogitResults]:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # none of these fits warns
        out = {None: mnlogit.fit(formula, df, **options)}
        for tol in TOLS:
            out[tol] = mnlogit.fit(formula, df, tol=tol, **options)
    return out


@pytest.mark.parametrize("weight", [1.0, 1e6, 1e12])
def test_scoring_fits_at_a_loose_tol_stop_at_their_maximum(weight):
    formula, df = _data(3000, 3, 3, 8)
    fits = _fits(formula, df.assign(w=weight), weights="w")
    for tol in TOLS:
        assert fits[tol].converged
        # were 1.35, 1.2 (weights of 1e6) and 1.2e3 (1e12) standard errors at tol 0.5, 1e-2
        assert _distance(fits[tol], fits[None]) < 1e-2, tol
        llf = fits[None].llf
        assert fits[tol].llf == pytest.approx(llf, rel=1e-12, abs=1e-9)
        lr = fits[tol].lr_test().statistic
        assert lr == pytest.approx(fits[None].lr_test().statistic, rel=1e-9)


def test_quasi_newton_fits_at_a_loose_tol_stop_at_their_maximum():
    # 24 coefficients on 8,000 rows: L-BFGS on gradient passes first, its own stopping test
    formula, df = _data(8000, 5, 6, 8)
    for weight in (1.0, 1e12):
        fits = _fits(formula, df.assign(w=weight), weights="w")
        for tol in TOLS:
            # were 2.46 standard errors unweighted at tol=0.5, 2.5e6 with weights of 1e12
            assert fits[tol].converged and _distance(fits[tol], fits[None]) < 1e-2, tol


def test_firth_fits_at_a_loose_tol_stop_at_their_maximum():
    formula, df = _data(3000, 3, 3, 8)
    fits = _fits(formula, df.assign(w=1e12), weights="w", method="firth")
    for tol in TOLS:
        # was 1.2e3 standard errors at tol=1e-4
        assert fits[tol].converged and _distance(fits[tol], fits[None]) < 1e-2, tol


def test_the_default_tol_allows_what_it_did():
    from mnlogit._quasi_newton import gradient_allowance, gradient_scale

    for dev in (1.0, 600.0, 6e15):
        for tol, power in ((1e-10, 1), (1e-10, 2), (1e-12, 1), (1e-12, 2)):
            want = tol**power * gradient_scale(dev)
            assert gradient_allowance(tol, dev, power=power) == want


def test_firth_fits_of_separated_data_at_a_loose_tol_stop_at_their_maximum():
    # Firth's scoring converges only linearly; on separated data its steps slow down most
    rng = np.random.default_rng(5)
    n = 200
    x, g = rng.normal(size=n), rng.integers(0, 2, size=n)
    y = rng.choice(2, size=n)
    y[(y == 1) & (g == 1)] = 0  # an empty cell
    y[x > 1.2] = 2  # an outcome separated by x
    df = pd.DataFrame({"y": y, "x": x, "g": g})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the penalised estimates' notes
        fits = {tol: mnlogit.fit("y ~ x + C(g)", df, method="firth", tol=tol) for tol in TOLS}
        at = mnlogit.fit("y ~ x + C(g)", df, method="firth")
    for tol in TOLS:
        # was 0.046 standard errors at tol=0.5
        assert fits[tol].converged and _distance(fits[tol], at) < 1e-2, tol
