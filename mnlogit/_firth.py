"""Firth's bias-reduced estimates for the multinomial logit, by modified-score Fisher scoring.

For a canonical-link model the mean-bias-reducing adjusted score of Firth (1993) is the
gradient of the Jeffreys-penalised log-likelihood

    l*(B) = l(B) + 1/2 log det I(B),

and its maximiser is finite even when the data are separated (Kosmidis & Firth 2011, who fit
it through the equivalent Poisson log-linear model; brglm2::brmultinom, type "AS_mean").
"""

from __future__ import annotations

import numpy as np
from scipy import linalg

from . import _fisher
from ._estimate import ModelData
from .exceptions import EstimationError

__all__ = ["firth_fit", "score_adjustment"]


def _chunk_adjustment(X: np.ndarray, w: np.ndarray, B: np.ndarray, V: np.ndarray) -> np.ndarray:
    """One block of rows' share of A_r = 1/2 tr(I^-1 dI/dbeta_r), as a (p, q) matrix.

    I = sum_i w_i (W_i kron x_i x_i') with W_i = diag(pi_i) - pi_i pi_i' (equation-major
    parameters). With H_i[k, l] = x_i' V_kl x_i for the (k, l) block V_kl of V = I^-1,

        tr(V dI/db_ja) = sum_i w_i x_ia pi_ij (H_i[j,j] - sum_k pi_ik H_i[k,k]
                                               - 2 (H_i pi_i)_j + 2 pi_i' H_i pi_i).
    """
    m, p = X.shape
    q = B.shape[1]
    P = _fisher.probabilities(X, B)[:, :q]
    # H_i for every row from one product: (X V_kl)_i . x_i, blocks laid out (k, l, a)
    V4 = V.reshape(q, p, q, p).transpose(1, 0, 2, 3).reshape(p, q * q * p)
    H = np.einsum("ikla,ia->ikl", (X @ V4).reshape(m, q, q, p), X, optimize=True)
    HP = np.einsum("ikl,il->ik", H, P)
    diagH = np.einsum("ikk->ik", H)
    t = P * (
        diagH
        - (P * diagH).sum(axis=1, keepdims=True)
        - 2.0 * HP
        + 2.0 * (P * HP).sum(axis=1, keepdims=True)
    )
    return 0.5 * (X.T @ (t * w[:, None]))


def score_adjustment(data: ModelData, B: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Firth's score adjustment A(B) (p, q), given V = I(B)^-1, summed over row blocks."""
    X, w = data.X, data.w
    n, p = X.shape
    q = B.shape[1]
    chunk = _fisher._chunk_rows(p, q * q)
    total = np.zeros((p, q))
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        total += _chunk_adjustment(X[lo:hi], w[lo:hi], B, V)
    return total


def _penalised(s: _fisher.Stats) -> tuple[float, np.ndarray | None]:
    """l + 1/2 log det I and the Cholesky factor of I (-inf, None when I is singular)."""
    c = _fisher.cholesky(s.info)
    if c is None:
        return -np.inf, None
    return s.loglik + float(np.log(np.diag(c)).sum()), c


def firth_fit(data: ModelData, *, max_iter: int = 100, tol: float = 1e-10) -> _fisher.FitResult:
    """Maximise the Jeffreys-penalised log-likelihood of ``data``.

    Parameters
    ----------
    data : ModelData
        The model's arrays; frequency weights count repeated rows.
    max_iter : int
        Iteration limit.
    tol : float
        Convergence tolerance: the relative change in penalised deviance must fall below
        ``tol`` and the scaled adjusted score U*' I^-1 U* below ``tol**2`` times the penalised
        deviance (+0.1); the iteration converges linearly, so this keeps the coefficients as
        accurate as a Newton fit with the same ``tol``.

    Returns
    -------
    FitResult
        ``loglik`` is the unpenalised log-likelihood at the estimate, ``penalized_loglik`` the
        penalised one; ``cov`` is the inverse information at the estimate.

    Notes
    -----
    Each iteration solves I(B) d = U*(B) with the adjusted score U* = U + A,
    A_r = 1/2 tr(I^-1 dI/dbeta_r) (Firth 1993; Kosmidis & Firth 2011), by Cholesky, and halves
    the step while the penalised log-likelihood l + 1/2 log det I does not improve. It starts
    from the intercept-only maximum-likelihood solution.
    """
    threads = _fisher.default_threads(data.n_rows)
    if threads > 1:
        with _fisher.single_threaded_blas():
            return _firth_scoring(data, data.evaluator(threads=threads), max_iter, tol)
    return _firth_scoring(data, data.evaluator(threads=1), max_iter, tol)


def _firth_scoring(
    data: ModelData, evaluate: _fisher.Evaluate, max_iter: int, tol: float
) -> _fisher.FitResult:
    p = data.p
    B = _fisher.null_start(data.outcome_counts(), p, data.intercept)
    cur = evaluate(B, 2)
    pen, c = _penalised(cur)
    if c is None:  # only for a degenerate design, which model building rejects
        raise EstimationError("Firth fit: the information matrix is singular at the start")
    dev_prev = None
    n_iter = 0
    converged = False
    while True:
        V = _fisher.inverse_from_cholesky(c)
        U = _fisher.flat(cur.score + score_adjustment(data, B, V))
        d = linalg.cho_solve((c, False), U, check_finite=False)
        gnorm = float(U @ d)
        dev = -2.0 * pen
        scale = abs(dev) + 0.1
        # Scoring on the adjusted score converges only linearly (its Jacobian is not -I), so
        # the step that passes a tol-sized test is not negligible as Newton's is: require the
        # scaled adjusted score to fall to tol^2 instead.
        if _fisher._converged(dev, dev_prev, gnorm / tol, tol):
            converged = True
            break
        if n_iter >= max_iter:
            break
        D = _fisher.unflat(d, p)
        step = 1.0
        for _ in range(40):
            trial = evaluate(B + step * D, 2)
            trial_pen, trial_c = _penalised(trial)
            if trial_c is not None and trial_pen >= pen - 1e-12 * (abs(pen) + 1.0):
                break
            step /= 2
        else:  # no step improves: the penalised likelihood is at its maximum to rounding
            converged = gnorm <= tol * scale
            break
        B = B + step * D
        cur, pen, c = trial, trial_pen, trial_c
        dev_prev = dev
        n_iter += 1
    return _fisher.FitResult(
        B,
        cur.loglik,
        cur.info,
        _fisher.inverse_from_cholesky(c),
        n_iter,
        converged,
        False,
        penalized_loglik=pen,
    )
