"""Rao and Scott's working likelihood-ratio test of nested survey fits.

Under a survey design twice the difference of the weighted log-likelihoods is not chi2: it
is distributed about as sum_i lambda_i chi2_1, where lambda are the eigenvalues of the
generalised design effects (V0)^-1 V of the tested coefficients: V their design-based
covariance, V0 the model-based one, both from the larger fit (Rao & Scott 1984; Lumley &
Scott 2013, "Partial likelihood ratio tests for the Cox model under complex sampling"). R's
survey package tests terms of a ``svyglm`` so (``regTermTest(method="LRT")``,
``anova.svyglm``); the statistic and the design effects here are R's (weights scaled to
mean 1 over the rows of the fit, those of weight 0 among them, as ``svyglm`` scales them),
and so is the p-value: the tail of sum_i lambda_i chi2_1 / (chi2_d / d), with d the design
degrees of freedom, by the saddlepoint approximation (Kuonen 1999), or Satterthwaite's F when
it is undefined. R's ``svyglm`` scales the weights before it drops the rows missing a value,
so that on a design holding such rows its statistic and design effects are the ones here
times a common factor (the p-value the same): the ones here are those of R's fit on
``subset(design, !is.na(x))``, the fit ``subpop="x.notna()"`` gives, with which the fit
that drops those rows is compared.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy import linalg, optimize

from ._distributions import chi2_sf, f_sf, norm_sf
from ._test_result import TestResult, lr_note

if TYPE_CHECKING:  # for annotations only: results imports inference, which imports this
    from .results import MNLogitResults

__all__ = ["design_effects", "rao_scott_test", "weighted_chi2_f_tail"]

# what the statistic is called where a test is printed (R prints "Working 2logLR")
NAME = "working 2logLR"
# R's survey (saddle): the approximation is undefined this near the mean, where
# Satterthwaite's F takes over
_NEAR_MEAN = 1e-4


def _saddlepoint_tail(lam: np.ndarray, counts: np.ndarray, x: float) -> float:
    """P(sum_i counts_i lam_i chi2_1 > x) by Lugannani and Rice's saddlepoint formula, as R
    survey's ``saddle`` computes it; NaN where that is undefined (a saddlepoint within
    ``_NEAR_MEAN`` of 0)."""
    top = lam.max()
    lam, x = lam / top, x / top

    def k(z: float) -> float:
        return float(-(counts * np.log1p(-2.0 * z * lam)).sum() / 2.0)

    def k1(z: float) -> float:
        return float((counts * lam / (1.0 - 2.0 * z * lam)).sum()) - x

    def k2(z: float) -> float:
        return float(2.0 * (counts * lam**2 / (1.0 - 2.0 * z * lam) ** 2).sum())

    # the cumulant generating function exists between the poles 1 / (2 lam) either side of 0
    if (lam < 0).any():
        low = (1.0 / (2.0 * lam[lam < 0])).max() * 0.99999
    else:
        low = -0.01 if x > (counts * lam).sum() else -counts.sum() / (2.0 * x)
    high = (1.0 / (2.0 * lam[lam > 0])).min() * 0.99999
    if not k1(low) < 0.0 < k1(high):
        return np.nan
    z = optimize.brentq(k1, low, high, xtol=1e-15, rtol=4 * np.finfo(float).eps)
    if abs(z) < _NEAR_MEAN:
        return np.nan
    w = np.sign(z) * np.sqrt(2.0 * (z * x - k(z)))
    v = z * np.sqrt(k2(z))
    return float(norm_sf(w + np.log(v / w) / w))


def _satterthwaite(lam: np.ndarray) -> tuple[float, float]:
    """The scale and degrees of freedom of the chi2 that matches sum_i lam_i chi2_1's first
    two moments."""
    tr, tr2 = lam.mean(), (lam**2).mean() / lam.mean() ** 2
    return float(tr * tr2), float(len(lam) / tr2)


def weighted_chi2_f_tail(x: float, lam: np.ndarray, ddf: float) -> float:
    """P(sum_i lam_i chi2_1 / (chi2_ddf / ddf) > x): R survey's ``pFsum(x, 1, lam, ddf,
    lower.tail=FALSE)`` (saddlepoint, else Satterthwaite's F).

    Examples
    --------
    With no design effect the statistic is chi2 (here on 2 df, whose tail at 6 is 0.0498),
    and with a design effect of 2 on one coefficient it is 2 F(1, d) (0.0919 at 6, d = 50):

    >>> round(weighted_chi2_f_tail(6.0, np.array([1.0, 1.0]), np.inf), 4)
    0.0506
    >>> round(weighted_chi2_f_tail(6.0, np.array([2.0]), 50.0), 4)
    0.0919
    """
    lam = lam[lam > 0]
    if x <= 0:
        return 1.0
    scale, df = _satterthwaite(lam)
    if ddf == np.inf:
        p = _saddlepoint_tail(lam, np.ones(len(lam)), x)
        return p if not np.isnan(p) else float(chi2_sf(x / scale, df))
    # X > x  <=>  sum lam_i chi2_1 - (x / d) chi2_d > 0, R repeating the last term d times
    values = np.append(lam, -x / ddf)
    p = _saddlepoint_tail(values, np.append(np.ones(len(lam)), np.floor(ddf)), 0.0)
    return p if not np.isnan(p) else float(f_sf(x / df / scale, df, ddf))


def design_effects(full: MNLogitResults, basis: np.ndarray, unit: float) -> np.ndarray:
    """The generalised design effects of the coefficients a restriction to ``B = basis T``
    tests: the eigenvalues of (L' V0 L)^-1 L' V L, L spanning the coefficients outside the
    span of ``basis`` in every equation, V the design-based and V0 the model-based
    covariance of ``full``; with weights of mean ``unit`` scaled to mean 1."""
    V, S = full._scaled_cov  # of S * flat(B), NaN where no PSU's rows vary it
    V0 = full._sandwich_and_bread[2]
    assert V0 is not None  # a fit with a design-based covariance has its information
    free = linalg.null_space(basis.T)  # per equation: directions the restriction removes
    # coefficients the tested directions leave out (kept columns, up to rounding) take no
    # part: their NaN variances (one PSU's rows determine them) made every test NaN, where
    # R's regTermTest reads only the tested coefficients' block
    involved = np.abs(free).max(axis=1, initial=0.0) > 1e-12 * np.abs(free).max(initial=0.0)
    free[~involved] = 0.0
    keep = np.tile(involved, full._data.q)
    L = (np.kron(np.eye(full._data.q), free) / S[:, None])[keep]  # on flat(B), then S * flat(B)
    M, M0 = L.T @ V[np.ix_(keep, keep)] @ L, L.T @ V0[np.ix_(keep, keep)] @ L
    if not (np.isfinite(M).all() and np.isfinite(M0).all()):
        return np.full(len(M), np.nan)  # a tested coefficient without a design variance
    try:
        lam = np.asarray(linalg.eigh(M, M0, eigvals_only=True)) / unit
    except linalg.LinAlgError:  # a model-based covariance that is not positive definite
        return np.full(len(M), np.nan)
    # a design of fewer PSUs than tested coefficients varies only PSUs - strata of them: the
    # others' effects are 0, computed as rounding either side of it
    lam[np.abs(lam) <= 1e-10 * np.abs(lam).max()] = 0.0
    return lam


def rao_scott_test(
    full: MNLogitResults, basis: np.ndarray, statistic: float, df: int, method: str, note: str
) -> TestResult:
    """The working likelihood-ratio test of ``full`` restricted to B = ``basis`` T, from the
    weighted statistic 2 (l_full - l_restricted) on the fit's weights; ``note`` adds to
    what the test's note says of it."""
    data = full._data
    # the mean weight of the rows fitted, those of weight 0 among them as svyglm counts them
    # (a dask fit keeps their tallies, not the rows)
    unit = float(data.sum_weights / data.n_rows)
    lam = design_effects(full, basis, unit)
    stat = statistic / unit
    d = full.df_design
    ddf = np.inf if d is None else float(d)
    details = {"design_effects": lam, "df_denom": ddf, "chi2_weighted": statistic}
    reason = ""
    if not (np.isfinite(lam).all() and (lam > 0).any()):
        reason = (
            "Not computed: a tested coefficient has no design-based variance (NaN in res.bse: "
            "one PSU's rows determine it alone, or every PSU's score total is zero along it), "
            "so the design effects of the tested coefficients are not defined"
        )
    elif not ddf > 0:
        reason = (
            f"Not computed: the design has {ddf:g} degrees of freedom (#PSU - #strata), so "
            "its variance has no sampling distribution to refer the statistic to"
        )
    if reason:
        details["reason"] = reason
        return TestResult(np.nan, float(df), np.nan, method, reason, details, statistic_name=NAME)
    shown = ", ".join(f"{v:.3g}" for v in lam[::-1])
    said = (
        "Rao and Scott's working likelihood-ratio test, as R's "
        "survey::regTermTest(method='LRT'): twice the difference of the weighted "
        "log-likelihoods (weights scaled to mean 1, as R's svyglm scales them), referred to "
        "sum_i lambda_i chi2_1 / (chi2_d / d) by the saddlepoint approximation, lambda the "
        f"design effects of the {df} tested coefficients ({shown}) and d = {ddf:g} design "
        "degrees of freedom."
    )
    pvalue = weighted_chi2_f_tail(stat, lam, ddf) if stat >= 0 else np.nan
    return TestResult(
        stat,
        float(df),
        pvalue,
        method,
        lr_note(stat, f"{said} {note}".strip()),
        details,
        statistic_name=NAME,
    )
