"""Fisher scoring for the multinomial logit, on plain arrays.

Conventions (callers guarantee them; nothing here checks input):

* ``X``: (n, p) float64 design; ``y``: (n,) integer codes where 0..q-1 are the non-reference
  outcomes (one equation each) and ``q`` is the reference; ``w``: (n,) non-negative weights.
* ``B``: (p, q) coefficients, column j = equation j. Vectors of all parameters are
  equation-major: index ``j * p + a`` is column ``a`` of equation ``j``, which is ``B.T.ravel()``.

Every pass over the data walks row chunks of bounded size, split into one contiguous slab per
worker thread (BLAS single-threaded inside), so memory stays O(chunk * p * q) whatever n is and
the same accumulators can run on partitions of a distributed DataFrame.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from scipy import linalg

CHUNK_BYTES = 4 << 20  # working set of the stacked design per chunk: fits in L2/L3
MIN_ROWS_PER_THREAD = 20_000  # below this, threads cost more than they save


@dataclass(frozen=True)
class Stats:
    """Sums over rows at one coefficient matrix: log-likelihood, score, information."""

    loglik: float
    score: np.ndarray | None  # (p, q)
    info: np.ndarray | None  # (p*q, p*q), full symmetric

    def __add__(self, other: Stats) -> Stats:
        def add(a, b):
            return None if a is None else a + b

        return Stats(self.loglik + other.loglik, add(self.score, other.score),
                     add(self.info, other.info))


def log_softmax(eta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Log-probabilities of the non-reference outcomes and of the reference.

    ``eta`` is (m, q); the reference's linear predictor is 0. Log-sum-exp with the row maximum
    taken out, so no exponential overflows.
    """
    top = np.maximum(eta.max(axis=1), 0.0)
    shifted = eta - top[:, None]
    lse = top + np.log(np.exp(shifted).sum(axis=1) + np.exp(-top))
    return eta - lse[:, None], -lse


def probabilities(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    """(m, q+1) probabilities, reference last."""
    logp, logp_ref = log_softmax(X @ B)
    return np.exp(np.column_stack([logp, logp_ref]))


def chunk_stats(X: np.ndarray, y: np.ndarray, w: np.ndarray, B: np.ndarray, level: int) -> Stats:
    """Stats of one block of rows. ``level``: 0 log-likelihood, 1 + score, 2 + information."""
    m, p = X.shape
    q = B.shape[1]
    eta = X @ B
    logp, logp_ref = log_softmax(eta)
    rows = np.arange(m)
    is_eq = y < q
    logp_obs = np.where(is_eq, logp[rows, np.minimum(y, q - 1)], logp_ref)
    loglik = float(w @ logp_obs)
    if level == 0:
        return Stats(loglik, None, None)
    P = np.exp(logp)
    resid = -P
    resid[rows[is_eq], y[is_eq]] += 1.0
    score = X.T @ (resid * w[:, None])
    if level == 1:
        return Stats(loglik, score, None)
    wP = P * w[:, None]
    # Information = blockdiag(X' diag(w P_j) X) - Z'Z with Z = [sqrt(w) P_j X]_j: one symmetric
    # rank-k update gives every (j, k) block; one product gives all diagonal corrections.
    Z = (P * np.sqrt(w)[:, None])[:, :, None] * X[:, None, :]
    Z = Z.reshape(m, q * p)
    info = -(Z.T @ Z)
    diag = X.T @ (wP[:, :, None] * X[:, None, :]).reshape(m, q * p)
    for j in range(q):  # q additions of p x p blocks, not a loop over rows or outcome pairs
        info[j * p:(j + 1) * p, j * p:(j + 1) * p] += diag[:, j * p:(j + 1) * p]
    return Stats(loglik, score, info)


def _chunk_rows(p: int, q: int) -> int:
    return int(max(64, min(65_536, CHUNK_BYTES // (8 * p * max(q, 1)))))


def _slab_stats(X, y, w, B, level, start, stop, chunk) -> Stats:
    total = None
    for lo in range(start, stop, chunk):
        hi = min(lo + chunk, stop)
        s = chunk_stats(X[lo:hi], y[lo:hi], w[lo:hi], B, level)
        total = s if total is None else total + s
    return total


def default_threads(n: int) -> int:
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, n // MIN_ROWS_PER_THREAD))


def stats(X, y, w, B, level: int, *, threads: int | None = None, chunk: int | None = None) -> Stats:
    """Sum :func:`chunk_stats` over all rows, in chunks, across ``threads`` workers.

    Callers that use more than one thread should limit BLAS to one thread (see
    :func:`single_threaded_blas`) so that the workers do not oversubscribe the cores.
    """
    n, p = X.shape
    q = B.shape[1]
    chunk = chunk or _chunk_rows(p, q)
    threads = default_threads(n) if threads is None else max(1, threads)
    if threads == 1:
        return _slab_stats(X, y, w, B, level, 0, n, chunk)
    bounds = np.linspace(0, n, threads + 1).astype(int)
    with ThreadPoolExecutor(threads) as pool:
        parts = list(pool.map(
            lambda k: _slab_stats(X, y, w, B, level, bounds[k], bounds[k + 1], chunk),
            range(threads),
        ))
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def single_threaded_blas():
    """Context manager limiting BLAS to one thread (threads then split rows, not products)."""
    from threadpoolctl import threadpool_limits  # noqa: PLC0415

    return threadpool_limits(limits=1, user_api="blas")


def flat(M: np.ndarray) -> np.ndarray:
    """(p, q) matrix -> equation-major vector."""
    return M.T.ravel()


def unflat(v: np.ndarray, p: int) -> np.ndarray:
    """Equation-major vector -> (p, q) matrix."""
    return v.reshape(-1, p).T


def cholesky(info: np.ndarray) -> np.ndarray | None:
    """Upper Cholesky factor, or None when ``info`` is not numerically positive definite."""
    try:
        c = linalg.cholesky(info, lower=False, check_finite=False)
    except linalg.LinAlgError:
        return None
    d = np.diag(c)
    if not np.all(d > 0) or d.min() ** 2 <= 1e-13 * np.abs(np.diag(info)).max():
        return None
    return c


def inverse_from_cholesky(c: np.ndarray) -> np.ndarray:
    """(R'R)^-1 from its upper factor R, via LAPACK potri (the covariance needs every entry)."""
    inv, info = linalg.lapack.dpotri(c, lower=0)
    if info != 0:
        raise np.linalg.LinAlgError("potri failed")
    return np.triu(inv) + np.triu(inv, 1).T


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
    return float(counts @ (np.log(counts) - np.log(counts.sum())))


@dataclass(frozen=True)
class FitResult:
    """Outcome of the Fisher-scoring loop."""

    B: np.ndarray  # (p, q)
    loglik: float
    info: np.ndarray  # at B
    cov: np.ndarray | None  # inverse information, None when singular
    n_iter: int
    converged: bool
    diverged: bool  # coefficients running off or information singular (separation suspected)
    penalized_loglik: float | None = None  # Firth fits: l(B) + log det I(B) / 2


def _converged(dev: float, dev_prev: float | None, gnorm: float, tol: float) -> bool:
    scale = abs(dev) + 0.1
    return dev_prev is not None and abs(dev_prev - dev) <= tol * scale and gnorm <= tol * scale


Evaluate = Callable[[np.ndarray, int], Stats]


def fisher_scoring(evaluate: Evaluate, B0: np.ndarray, *, max_iter: int = 100,
                   tol: float = 1e-10) -> FitResult:
    """Maximise the log-likelihood by Fisher scoring with step-halving.

    ``evaluate(B, level)`` returns the :class:`Stats` summed over all rows (level 0: log-
    likelihood, 1: + score, 2: + information), in memory (:func:`stats`) or over the partitions
    of a distributed data set. Each iteration solves I(B) d = U(B) with a Cholesky
    factorisation. Convergence needs both the relative change in deviance and the scaled
    gradient U'I^-1U below ``tol``; the information at the returned B is the one its covariance
    comes from.
    """
    p, q = B0.shape
    at = evaluate

    B = B0.copy()
    cur = at(B, 2)
    dev_prev = None
    steps: list[float] = []
    n_iter = 0
    converged = diverged = False
    while True:
        c = cholesky(cur.info)
        if c is None:
            diverged = True
            break
        d = linalg.cho_solve((c, False), flat(cur.score), check_finite=False)
        gnorm = float(flat(cur.score) @ d)
        dev = -2.0 * cur.loglik
        if _converged(dev, dev_prev, gnorm, tol):
            converged = True
            break
        if n_iter >= max_iter:
            break
        D = unflat(d, p)
        step = 1.0
        for _ in range(40):
            trial = at(B + step * D, 0)
            if trial.loglik >= cur.loglik - 1e-12 * abs(cur.loglik):
                break
            step /= 2
        B = B + step * D
        steps.append(float(np.abs(step * D).max()))
        dev_prev = dev
        cur = at(B, 2)
        n_iter += 1
        if _running_off(steps):
            diverged = True
            break
    cov = None
    c = cholesky(cur.info)
    if c is not None:
        cov = inverse_from_cholesky(c)
    return FitResult(B, cur.loglik, cur.info, cov, n_iter, converged, diverged)


def _running_off(steps: list[float]) -> bool:
    """Separation's signature: steps that stop shrinking while the fit keeps improving.

    Newton steps towards a finite maximum shrink quadratically; towards a maximum at infinity
    they settle at a roughly constant size. Eight iterations in, five steps in a row each at least
    half the previous one, and none small, mean the coefficients are running off.
    """
    if len(steps) < 8:
        return False
    last = steps[-6:]
    return all(b >= 0.5 * a and b > 1e-3 for a, b in zip(last, last[1:], strict=False))
