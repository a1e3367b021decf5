"""The gain in log-likelihood of one fit over a nested one, summed row by row.

Twice the difference of two log-likelihoods is the likelihood-ratio statistic, but each sum
rounds at a few eps of its size: beside frequency weights of 1e12 on some rows the sums are
of order 1e14 and a statistic of 5.3 from the other rows read 5.375, at 1e14 zero. Each
row's gain, computed from the difference of the linear predictors, is exact to rounding of
its own (small) size, and so is their sum; a Firth fit's penalised statistic adds the
difference of the penalties, log det I / 2, which are small sums.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from ._data import ModelData
from ._test_result import LOGLIK_AGREE, ROUNDING, lr_statistic

__all__ = ["Maximum", "gain_statistic", "loglik_gain", "null_coefficients", "on_full_columns"]

_CHUNK = 1 << 16  # rows per pass: a few (rows x outcomes) arrays of this many rows


class Maximum(NamedTuple):
    """A model's (penalised) log-likelihood at its maximum, its coefficients there on the
    larger design (p, q; None where the value is not at them: a separated fit's supremum, a
    fit short of its maximum) and the penalty in the value (log det I(B) / 2 for Firth)."""

    value: float
    B: np.ndarray | None
    penalty: float = 0.0


def gain_statistic(data: ModelData, full: Maximum, restricted: Maximum) -> float:
    """The likelihood-ratio statistic 2 (l_full - l_restricted) of nested fits (penalised
    log-likelihoods for Firth fits) on the design of ``data``, from the rows' gains
    (:func:`loglik_gain`) and the difference of the penalties; from the two values
    (:func:`~mnlogit._test_result.lr_statistic`) when a model's coefficients are not known
    or the rows are not in memory.

    As there, a difference below zero by no more than the fits' convergence is zero; a
    positive one is zero when within the rounding of the rows' gains (the maxima are equal,
    as for a predictor of no effect at all on balanced data).

    The values are for the weights as given (``res.llf``'s), the statistic for the weights
    the fit ran on (a survey design's divided by its ``weight_scale``), as the rows' gains
    are: a dask survey fit's statistic, taken from the values, was ``weight_scale`` times the
    one its design effects are scaled for (weights of 1e-8 tested at p = 1)."""
    ll_full, ll_restricted = full.value, restricted.value
    found = (
        None
        if full.B is None
        or restricted.B is None
        or not np.isfinite([ll_full, ll_restricted, full.penalty, restricted.penalty]).all()
        else loglik_gain(data, full.B, restricted.B)
    )
    if found is None:
        scale = 1.0 if data.design is None else data.design.weight_scale
        return lr_statistic(ll_full, ll_restricted) / scale
    rows, spread = found
    gain = rows + (full.penalty - restricted.penalty)
    spread += abs(full.penalty) + abs(restricted.penalty)
    size = abs(ll_full) + abs(ll_restricted)
    if -LOGLIK_AGREE * (size + 1.0) <= gain < 0 or 0 < gain <= ROUNDING * spread:
        return 0.0
    return 2.0 * gain


def loglik_gain(
    data: ModelData, B_full: np.ndarray, B_restricted: np.ndarray
) -> tuple[float, float] | None:
    """sum_i w_i (l_i(B_full) - l_i(B_restricted)) over the rows of ``data`` (both (p, q),
    the reference's coefficients 0), and sum_i w_i |l_i(B_full) - l_i(B_restricted)|, the
    size its rounding is relative to; None when the rows are not in memory or a
    coefficient is not finite.

    Per row, with D = X (B_full - B_restricted) and P the restricted fit's probabilities,
    l_i(B_full) - l_i(B_restricted) = D_iy - log sum_k P_ik exp(D_ik), the log taken as
    log1p(sum_k P_ik expm1(D_ik)) where D is small, so that no digit is lost to the size
    of the log-likelihoods."""
    if not data.in_memory or not (np.isfinite(B_full).all() and np.isfinite(B_restricted).all()):
        return None
    D_B = B_full - B_restricted
    keep = np.flatnonzero(np.asarray(data.w) > 0)  # a row of weight 0 adds nothing
    total = spread = 0.0
    for start in range(0, len(keep), _CHUNK):
        rows = keep[start : start + _CHUNK]
        X, y, w = data.X[rows], np.asarray(data.y)[rows], np.asarray(data.w)[rows]
        zero = np.zeros((len(rows), 1))
        eta = np.hstack([X @ B_restricted, zero])  # the reference last, as y codes it
        D = np.hstack([X @ D_B, zero])
        eta -= eta.max(axis=1, keepdims=True)
        P = np.exp(eta)
        P /= P.sum(axis=1, keepdims=True)
        # a row far out (|D| > 1, read from ``large``) can make the sum -1: log1p(-1)
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            small = np.log1p(np.sum(P * np.expm1(D), axis=1))
        shifted = D.max(axis=1, keepdims=True)
        with np.errstate(divide="ignore"):
            large = np.log(np.sum(P * np.exp(D - shifted), axis=1)) + shifted[:, 0]
        near = np.abs(D).max(axis=1) <= 1.0
        gains = D[np.arange(len(rows)), y] - np.where(near, small, large)
        total += float(w @ gains)
        spread += float(w @ np.abs(gains))
    return (total, spread) if np.isfinite(total) and np.isfinite(spread) else None


def null_coefficients(data: ModelData) -> np.ndarray | None:
    """The null model's coefficients on the design (p, q): the constant combination times
    the log odds of each outcome's weighted count against the reference's (intercept-only),
    or zero; None for rows not in memory."""
    if not data.in_memory:
        return None
    a = data.constant_combination
    if a is None:
        return np.zeros((data.p, data.q))
    counts = data.outcome_counts()  # by core code, the reference last
    return a[:, None] * np.log(counts[: data.q] / counts[data.q])[None, :]


def on_full_columns(restricted: Any, full: Any, basis: np.ndarray) -> np.ndarray:
    """The restricted fit's coefficients as those of the full design (basis B_r), with its
    equations in the full fit's order (its levels may come in another)."""
    order = np.argsort(restricted._data.coding.recode_map(full._data.coding)[: restricted._data.q])
    return basis @ restricted._core.B[:, order]
