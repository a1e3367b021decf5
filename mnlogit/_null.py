"""The intercept-only model: its maximum-likelihood start and log-likelihood, and the sums at
that start read from X'WY without a pass over the rows (every row's probabilities are then
the same)."""

from __future__ import annotations

import numpy as np

from ._fisher import LOGLIK, SCORE, Stats
from ._parallel import numeric_errstate

__all__ = [
    "NULL_MODELS",
    "NULL_ZERO",
    "equal_rows_curvature",
    "equal_rows_stats",
    "null_loglik",
    "null_start",
]

# The names of a result's null model (``res.null_model``): the intercept-only model when the
# design's column space holds the constant, else every coefficient zero (each outcome 1/K).
NULL_INTERCEPT_ONLY = "intercept-only"
NULL_ZERO = "zero"
NULL_MODELS = (NULL_INTERCEPT_ONLY, NULL_ZERO)


def equal_rows_stats(
    B: np.ndarray, by_outcome: np.ndarray, intercept: int | None, level: int
) -> Stats | None:
    """Log-likelihood and score at ``B`` without a pass over the data, when only the
    intercept's row of ``B`` is non-zero (the intercept-only start): every row then has the
    same probabilities P, so the log-likelihood is sum_k c_k log P_k (c_k the outcome's total
    weight, the intercept's row of X'WY) and the score X'WY minus the column totals times P.
    None for any other ``B`` or level."""
    if intercept is None or level not in (LOGLIK, SCORE):
        return None
    if np.count_nonzero(B[:intercept]) or np.count_nonzero(B[intercept + 1 :]):
        return None
    logp = _log_shares(np.append(B[intercept], 0.0))
    counts = by_outcome[intercept]
    loglik = float(counts @ logp)
    if level == LOGLIK:
        return Stats(loglik, None, None)
    P = np.exp(logp)
    score = by_outcome[:, :-1] - np.outer(by_outcome.sum(axis=1), P[:-1])
    return Stats(loglik, score, None)


def equal_rows_curvature(eta: np.ndarray) -> np.ndarray:
    """diag(P) - PP' (q, q) of rows whose linear predictors are ``eta`` (the q equations'),
    each diagonal entry P_k (1 - P_k) with 1 - P_k the other outcomes' summed shares: as
    P_k - P_k^2 it cancelled for an outcome of nearly all the weight (P of 1 - 1e-16 with
    frequency weights of 1e16 on its rows), the dask fit's information at its start came out
    singular, and the fit stopped there as diverged, its slopes 0."""
    P = np.exp(_log_shares(np.append(eta, 0.0)))
    S = -np.outer(P[:-1], P[:-1])
    others = P.sum() - P  # each outcome's complement, none of them near 1 - P_k's rounding
    k = int(np.argmax(P))
    others[k] = np.delete(P, k).sum()
    np.fill_diagonal(S, P[:-1] * others[:-1])
    return S


def null_start(counts: np.ndarray, p: int, intercept: int | None) -> np.ndarray:
    """Intercept-only maximum-likelihood start: log frequency ratios against the reference.

    ``counts`` are the weighted outcome counts in core order (reference last).
    """
    q = len(counts) - 1
    B = np.zeros((p, q))
    if intercept is not None:
        B[intercept] = np.log(counts[:q]) - np.log(counts[q])
    return B


def null_loglik(counts: np.ndarray) -> float:
    """log-likelihood of the intercept-only model: sum_k n_k log(n_k / N)."""
    counts = counts[counts > 0]
    # log(n_k / N) as -log1p(rest / n_k), the rest summed without n_k: an outcome of nearly
    # all the weight (6.9e15 of it beside 131) has log(n_k) - log(N) of 36.47 less 36.47,
    # whose rounding times n_k put the log-likelihood 16 off
    rest = np.array([np.delete(counts, k).sum() for k in range(len(counts))])
    return float(counts @ -np.log1p(rest / counts))


def _log_shares(eta: np.ndarray) -> np.ndarray:
    """log softmax of one row of linear predictors (the reference's 0 among them), the
    largest's without cancellation: as log_softmax it was eta_k less a log-sum-exp of the
    same size (32.31 less 32.31 + 1.9e-14), whose rounding, times the outcome's weight of
    6.9e15, moved the start's log-likelihood by 16."""
    k = int(np.argmax(eta))
    shifted = eta - eta[k]
    with numeric_errstate():
        return shifted - np.log1p(np.exp(np.delete(shifted, k)).sum())
