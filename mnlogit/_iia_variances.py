"""The variances of d = b_restricted - b_full that the IIA tests compare it with: the
Hausman–McFadden difference of the two fits' model-based covariances and suest's stacked
sandwich of both fits' row scores (the entries ``variance`` of :data:`mnlogit.iia.METHODS`),
on the columns divided by the tests' common scale."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._data import ModelData
from ._linalg import add_by_group
from ._scores import row_scores
from ._solvers import FitResult

if TYPE_CHECKING:  # for annotations only: results imports iia, which imports this module
    from .results import MNLogitResults

__all__ = ["CHUNK", "cov_of_scaled", "difference_cov", "suest_cov"]

CHUNK = 8192  # rows per block when summing per-row scores or collecting row patterns


def cov_of_scaled(core: FitResult, s: np.ndarray) -> np.ndarray:
    """The covariance of s * B (model-based), from the fit's own scaled one: s and the fit's
    divisors are powers of two, so the ratio is exact and nothing overflows."""
    V, S_own = core.scaled_cov
    assert V is not None  # _fit_failure checked it
    r = np.tile(s, core.B.shape[1]) / S_own
    return V * r[:, None] * r[None, :]


def difference_cov(
    res: MNLogitResults,
    full: ModelData,
    core_f: FitResult,
    rdata: ModelData,
    core_r: FitResult,
    idx_f: np.ndarray,
    idx_r: np.ndarray,
    omit: Any,
    s: np.ndarray,
) -> np.ndarray:
    """V_restricted - V_full on the common coefficients (model-based covariances), of the
    coefficients of the columns divided by ``s``."""
    V_r, V_f = cov_of_scaled(core_r, s), cov_of_scaled(core_f, s)
    return V_r[np.ix_(idx_r, idx_r)] - V_f[np.ix_(idx_f, idx_f)]


def suest_cov(
    res: MNLogitResults,
    full: ModelData,
    core_f: FitResult,
    rdata: ModelData,
    core_r: FitResult,
    idx_f: np.ndarray,
    idx_r: np.ndarray,
    omit: Any,
    s: np.ndarray,
) -> np.ndarray:
    """Var(b_r - b_f) on the common coefficients from the stacked sandwich of both fits, of
    the coefficients of the columns divided by ``s`` (scores and covariances in those units).

    Each row's influence on d is t_i = V_r[idx_r] g_r,i - V_f[idx_f] g_f,i (the restricted
    score is zero on omitted rows), so the p*q-dimensional meat is never formed.
    """
    X_all, w = full.X, full.w  # per-row scores need the rows in memory
    A_f = cov_of_scaled(core_f, s)[:, idx_f]
    A_r = cov_of_scaled(core_r, s)[:, idx_r]
    B_f, B_r = core_f.B * s[:, None], core_r.B * s[:, None]
    keep = full.y != full.coding.equation(omit)
    y_r = np.empty(full.n_rows, dtype=np.intp)
    y_r[keep] = rdata.y
    y_r[~keep] = 0  # placeholder; these rows' restricted scores are zeroed below
    groups = full.groups if res.covariance.needs_groups else None
    n_groups = full.n_clusters  # those with a row of positive weight
    m = len(idx_f)
    sums = np.zeros((0 if groups is None else int(groups.max()) + 1, m))
    meat = np.zeros((m, m))
    for lo in range(0, full.n_rows, CHUNK):
        sl = slice(lo, lo + CHUNK)
        X = X_all[sl] / s
        t = row_scores(X, y_r[sl], B_r) @ A_r
        t[~keep[sl]] = 0.0
        t -= row_scores(X, full.y[sl], B_f) @ A_f
        if groups is not None:
            add_by_group(sums, groups[sl], t * w[sl, None])
        else:
            tw = t * np.sqrt(w[sl])[:, None]
            meat += tw.T @ tw
    if groups is not None:
        return sums.T @ sums * (n_groups / (n_groups - 1))
    n = full.sum_weights
    return meat * (n / (n - 1))
