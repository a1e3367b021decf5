"""Fisher scoring for the multinomial logit, on plain arrays.

Conventions (callers guarantee them; nothing here checks input):

* ``X``: (n, p) float64 design; ``y``: (n,) integer codes where 0..q-1 are the non-reference
  outcomes (one equation each) and ``q`` is the reference; ``w``: (n,) non-negative weights,
  or None when every weight is 1 (the sums then skip the multiplications by them).
* ``B``: (p, q) coefficients, column j = equation j. Vectors of all parameters are
  equation-major: index ``j * p + a`` is column ``a`` of equation ``j``, which is ``B.T.ravel()``.

Every pass over the data walks row chunks of bounded size, split into one contiguous slab per
worker thread (BLAS single-threaded inside, one set of running sums per worker), so memory
stays O(chunk * p * q) whatever n is and the same sums can run on partitions of a distributed
DataFrame. Inside a chunk the linear predictors are laid out outcome by row, (q+1, m), so the
log-sum-exp reductions over outcomes run along contiguous rows instead of across short ones.

A gradient pass costs O(n p q) and an information matrix O(n (pq)^2), so for many parameters
:func:`fisher_scoring` first runs L-BFGS on gradient passes, with a metric that approximates
the information (S kron X'WX, then the information of a sample of rows), and computes the
full information once, at the optimum, where it gives both the last scoring step and the
covariance.
"""

from __future__ import annotations

import functools
import itertools
import math
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from scipy import linalg

CHUNK_BYTES = 4 << 20  # working set of the stacked design per chunk: fits in L2/L3
MIN_ROWS_PER_THREAD = 20_000  # below this, threads cost more than they save
WORK_SHARE_OF_DESIGN = 0.25  # a pass's work arrays, at most (see _pass_rows)

LOGLIK, SCORE, INFO = 0, 1, 2
# Optional levels (an evaluator may decline them by returning ``info=None``):
GRAM = -1  # ``info`` holds X'WX (p, p); with y given, ``score`` holds X'WY (p, q+1), see below
SAMPLE_INFO = -2  # ``info`` from a systematic sample of rows, scaled up to all of them
# SAMPLE_INFO's sample: 200 rows per parameter (its metric then gains over two digits per
# L-BFGS step), but no more rows than cost about two gradient passes (a row costs (pq)^2 in
# the information against ~12 pq in a gradient pass) and no fewer than 20 per parameter.
SAMPLE_ROWS_PER_PARAM = (20, 200)
SAMPLE_COST_PASSES = 2

# At or above this many parameters p*q a Newton step is dominated by the information matrix
# (m (pq)^2 flops against m pq for a gradient), so the fit first runs preconditioned L-BFGS on
# gradient passes and computes the information only at the end (see fisher_scoring).
QUASI_NEWTON_MIN_PARAMS = 20
# ...and when one information matrix costs at least this many multiply-adds, n (pq)^2: below
# it a whole Newton fit takes a few milliseconds and the phase would save less than that.
QUASI_NEWTON_MIN_WORK = 2e6
# The last scoring step is taken with the information it was computed from once the
# predicted decrement U'I^-1U (squared distance to the optimum in standard errors) is below
# this times tol**2 times the deviance. The deviance grows like n and the information's
# relative change per standard error shrinks like 1/sqrt(n), so the covariance is then that
# at the optimum to about sqrt(FINAL_STEP_SLACK) * tol (1e-9 relative by default).
FINAL_STEP_SLACK = 100.0


@dataclass(frozen=True)
class Stats:
    """Sums over rows at one coefficient matrix: log-likelihood, score, information."""

    loglik: float
    score: np.ndarray | None  # (p, q); for level GRAM X'WY (p, q+1): totals by outcome
    info: np.ndarray | None  # (p*q, p*q), full symmetric; (p, p) X'WX for level GRAM

    def __add__(self, other: Stats) -> Stats:
        def add(a, b):
            return None if a is None else a + b

        return Stats(
            self.loglik + other.loglik, add(self.score, other.score), add(self.info, other.info)
        )


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


# From this many equations on, the information is summed entry by unique entry (see _Sums):
# half the flops of the stacked product, and the product is then large enough to run at speed.
PAIRWISE_MIN_Q = 6


@functools.lru_cache(maxsize=8)
def _pair_layout(p: int, q: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Index arrays for the unique-entry information: outcome pairs (j <= k), the offsets of
    each design column's run of products x_a x_b (b >= a), and the (pq, pq) map from
    information entries to (pair of outcomes, pair of columns)."""
    ja, jb = np.triu_indices(q)
    offsets = np.concatenate([[0], np.cumsum(np.arange(p, 0, -1))])
    tri_q = np.zeros((q, q), dtype=np.intp)
    tri_q[ja, jb] = tri_q[jb, ja] = np.arange(len(ja))
    ia, ib = np.triu_indices(p)
    tri_p = np.zeros((p, p), dtype=np.intp)
    tri_p[ia, ib] = tri_p[ib, ia] = np.arange(len(ia))
    eq, col = np.repeat(np.arange(q), p), np.tile(np.arange(p), q)  # equation-major order
    where = tri_q[eq[:, None], eq[None, :]] * len(ia) + tri_p[col[:, None], col[None, :]]
    return ja, jb, offsets, where


class Scratch:
    """Work arrays that one worker reuses from chunk to chunk and pass to pass.

    A fit makes dozens of passes; arrays allocated afresh for each come back as new pages
    from the kernel, and the page faults (a few microseconds per 4 KB on a virtual machine)
    then cost more than a small pass's arithmetic.
    """

    def __init__(self) -> None:
        self._buffers: dict[str, np.ndarray] = {}
        self._arange = np.arange(0, dtype=np.intp)

    def take(self, name: str, shape: tuple[int, ...], dtype=np.float64) -> np.ndarray:
        """An uninitialised C-contiguous array of ``shape`` (and ``dtype``, always the same for
        one ``name``), sharing memory with the last array taken under ``name``."""
        size = math.prod(shape)
        buffer = self._buffers.get(name)
        if buffer is None or buffer.size < size:
            del buffer  # the old buffer goes before the new one comes: no moment with both
            self._buffers.pop(name, None)
            buffer = self._buffers[name] = np.empty(size, dtype)
        return buffer[:size].reshape(shape)

    def arange(self, m: int) -> np.ndarray:
        if len(self._arange) < m:
            self._arange = np.arange(m, dtype=np.intp)
        return self._arange[:m]


def scratches(threads: int) -> list[Scratch]:
    """One :class:`Scratch` per worker, for an evaluator to keep across its passes."""
    return [Scratch() for _ in range(max(1, threads))]


class _Sums:
    """One worker's running sums over the chunks it reads (never shared between threads).

    The information sum_i w_i W_i (x) x_i x_i', W_i = diag(P_i) - P_i P_i', is accumulated
    in one of two ways, both one level-3 product per chunk and no loop over outcome pairs:

    * stacked (fewer than PAIRWISE_MIN_Q equations): ``cross`` = Z'Z with
      Z = [sqrt(w) P_j x]_j stacked by equation (one symmetric rank-k update gives every
      (j, k) block) and ``diag`` = [X' diag(w P_j) X]_j side by side (one product);
    * unique entries (more equations): ``pairs`` = Omega' V, where Omega holds the weights
      w (delta_jk P_j - P_j P_k) of the q(q+1)/2 outcome pairs j <= k and V the p(p+1)/2
      products x_a x_b, b >= a. Every (j, k) block X' diag(.) X is symmetric, so this is the
      q(q+1)p(p+1)/4 distinct entries and nothing else: about half the flops of Z'Z.
    """

    def __init__(self, p: int, q: int, level: int, scratch: Scratch) -> None:
        self.p, self.q, self.level = p, q, level
        self.scratch = scratch
        self.loglik = 0.0
        self.score = np.zeros((q, p)) if level >= SCORE else None
        self.pairwise = level >= INFO and q >= PAIRWISE_MIN_Q
        if self.pairwise:
            self.pairs = np.zeros((q * (q + 1) // 2, p * (p + 1) // 2))
            self._buf = np.empty_like(self.pairs)
        elif level >= INFO:
            self.cross = np.zeros((p * q, p * q))
            self.diag = np.zeros((p, p * q))
            self._buf = np.empty((p * q, p * q))
        if level == GRAM:
            self.gram = np.zeros((p, p))
            self.by_outcome = np.zeros((q + 1, p))

    def add(self, X: np.ndarray, y: np.ndarray, w: np.ndarray, B: np.ndarray) -> None:
        m = X.shape[0]
        q = self.q
        if self.level == GRAM:
            Xs = X.T if w is None else X.T * np.sqrt(w)  # no weights: X'X, no copy
            self.gram += Xs @ Xs.T
            if y is not None:  # X'WY: each column's (weighted) total over each outcome's rows
                Y = self.scratch.take("E", (q + 1, m))
                np.equal(y, self.scratch.arange(q + 1)[:, None], out=Y)
                if w is not None:
                    Y *= w
                self.by_outcome += np.dot(Y, X)
            return
        E = self.scratch.take("E", (q + 1, m))
        flat_E = E.reshape(-1)
        observed = self.scratch.take("observed", (m,), np.intp)  # flat positions in E
        np.multiply(y, m, out=observed, dtype=np.intp)
        observed += self.scratch.arange(m)
        np.matmul(B.T, X.T, out=E[:q])
        E[q] = 0.0
        E -= E.max(axis=0)
        obs = flat_E.take(observed)
        np.exp(E, out=E)
        s = E.sum(axis=0)
        obs -= np.log(s)  # log-probability of each row's outcome
        self.loglik += float(obs.sum() if w is None else w @ obs)
        if self.level == LOGLIK:
            return
        if self.level < INFO:  # -w_i P_i, reference last
            if w is None:
                E *= np.divide(-1.0, s, out=s)
            else:
                E *= -w / s
        else:
            E /= s  # probabilities, reference last
            if self.pairwise:
                self._add_pairs(X, E[:q], w)
            else:
                self._add_stacked(X, E[:q], w)
            if w is None:
                np.negative(E, out=E)
            else:
                E *= -w
        # score: sum_i w_i (e_{y_i} - P_i) x_i, through the reference row too (then dropped).
        # take/put and np.dot, not fancy-index += and @: those hold the GIL for this shape
        # (numpy 2.4), which would serialise the workers.
        flat_E.put(observed, flat_E.take(observed) + (1.0 if w is None else w))
        self.score += np.dot(E[:q], X)

    def _add_stacked(self, X: np.ndarray, P: np.ndarray, w: np.ndarray) -> None:
        m, p = X.shape
        q = self.q
        XT = self.scratch.take("XT", (p, m))  # sqrt(w_i) x_i as columns
        if w is None:
            XT[...] = X.T
        else:
            np.multiply(X.T, np.sqrt(w), out=XT)
        Z = self.scratch.take("Z", (q, p, m))
        np.multiply(P[:, None, :], XT[None, :, :], out=Z)  # row j*p+a: sqrt(w) P_j x_a
        Z = Z.reshape(q * p, m)
        self.diag += np.dot(XT, Z.T)  # X' diag(w P_j) X for every j, side by side
        np.dot(Z, Z.T, out=self._buf)  # symmetric rank-m update (BLAS syrk)
        self.cross += self._buf

    def _add_pairs(self, X: np.ndarray, P: np.ndarray, w: np.ndarray) -> None:
        m, p = X.shape
        ja, jb, offsets, _ = _pair_layout(p, self.q)
        XT = self.scratch.take("XT", (p, m))
        XT[...] = X.T
        V = self.scratch.take("V", (offsets[-1], m))
        for a in range(p):  # p products of rows, each (p - a) x m: x_a x_b for b >= a
            np.multiply(XT[a], XT[a:], out=V[offsets[a] : offsets[a + 1]])
        omega = P[ja] * P[jb]
        omega *= -1.0
        omega[ja == jb] += P
        if w is not None:
            omega *= w
        np.dot(omega, V.T, out=self._buf)
        self.pairs += self._buf

    def stats(self) -> Stats:
        if self.level == GRAM:
            return Stats(0.0, self.by_outcome.T.copy(), self.gram)
        score = None if self.score is None else self.score.T.copy()
        info = None
        if self.pairwise:
            info = self.pairs.reshape(-1)[_pair_layout(self.p, self.q)[3]]
        elif self.level >= INFO:
            p, q = self.p, self.q
            info = -self.cross
            for j in range(q):  # q additions of p x p blocks, not a loop over rows or pairs
                block = self.diag[:, j * p : (j + 1) * p]
                # a general product is symmetric only to rounding: make it exactly so
                info[j * p : (j + 1) * p, j * p : (j + 1) * p] += 0.5 * (block + block.T)
        return Stats(self.loglik, score, info)


def chunk_stats(X: np.ndarray, y: np.ndarray, w: np.ndarray, B: np.ndarray, level: int) -> Stats:
    """Stats of one block of rows. ``level``: 0 log-likelihood, 1 + score, 2 + information;
    ``GRAM`` (-1): X'WX in ``info``; ``SAMPLE_INFO`` (-2): information from a sample of rows."""
    if level == SAMPLE_INFO:
        return _sample_info(X, y, w, B, threads=1, chunk=len(y))
    sums = _Sums(B.shape[0], B.shape[1], level, Scratch())
    sums.add(X, y, w, B)
    return sums.stats()


def _chunk_rows(p: int, q: int) -> int:
    """Rows per chunk so that a (rows, p*q) working array stays near CHUNK_BYTES."""
    return int(max(64, min(65_536, CHUNK_BYTES // (8 * p * max(q, 1)))))


def _pass_rows(p: int, q: int, level: int, n: int | None = None) -> int:
    """Default chunk rows for one pass over ``n`` rows (per worker).

    Rows enough that a chunk's working set (what the information builds per row: p*q stacked
    values, or p(p+1)/2 column products; otherwise X's p values) is near CHUNK_BYTES / 2: past
    a few hundred rows the products' speed no longer depends on the chunk. On a small design
    the work arrays are also held to a share of the design's size (WORK_SHARE_OF_DESIGN).
    """
    if level >= INFO:
        pairwise = q >= PAIRWISE_MIN_Q
        per_row = p * (p + 1) // 2 if pairwise else p * q
        work = per_row + p + (q * (q + 1) // 2 if pairwise else 0) + q + 3
    else:
        per_row = p
        work = q + 6  # linear predictors of every outcome, positions, vector temporaries
    rows = CHUNK_BYTES // 2 // (8 * max(per_row, 1))
    if n is not None:
        rows = min(rows, int(WORK_SHARE_OF_DESIGN * n * p) // work)
    return int(max(256, min(16_384, rows)))


def _slab_stats(X, y, w, B, level, start, stop, chunk, scratch: Scratch) -> Stats:
    p, q = B.shape
    sums = _Sums(p, q, level, scratch)
    for lo in range(start, stop, chunk):
        hi = min(lo + chunk, stop)
        sums.add(X[lo:hi], None if y is None else y[lo:hi], None if w is None else w[lo:hi], B)
    return sums.stats()


def default_threads(n: int) -> int:
    """Worker threads for n rows: one per available core, with at least
    MIN_ROWS_PER_THREAD rows each."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, n // MIN_ROWS_PER_THREAD))


T = TypeVar("T")
_POOLS: dict[int, ThreadPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


def worker_pool(threads: int) -> ThreadPoolExecutor:
    """One long-lived pool per thread count: a fit makes dozens of passes, and starting fresh
    threads for each costs about a millisecond apiece. Its workers (the row slabs of a pass,
    the row blocks of the design fill) never submit to a pool, so sharing cannot deadlock."""
    with _POOLS_LOCK:
        pool = _POOLS.get(threads)
        if pool is None:
            pool = _POOLS[threads] = ThreadPoolExecutor(threads, thread_name_prefix="mnlogit")
        return pool


def run_split(task: Callable[[int], T], parts: int) -> list[T]:
    """[task(0), ..., task(parts - 1)]: part 0 on the calling thread, the others on a shared
    pool's workers. The caller works instead of waiting, so each pass wakes one worker fewer;
    on a virtual machine, waking a worker that has gone idle costs up to a millisecond."""
    if parts == 1:
        return [task(0)]
    futures = [worker_pool(parts - 1).submit(task, k) for k in range(1, parts)]
    try:
        first = task(0)
    except BaseException:
        wait(futures)  # the workers share the caller's arrays: let them finish first
        raise
    return [first, *(f.result() for f in futures)]


def stats(
    X,
    y,
    w,
    B,
    level: int,
    *,
    threads: int | None = None,
    chunk: int | None = None,
    scratch: list[Scratch] | None = None,
) -> Stats:
    """Sum :func:`chunk_stats` over all rows, in chunks, across ``threads`` workers.

    Each worker reads one contiguous slab of rows chunk by chunk into its own running sums;
    the slabs' sums are added at the end. Callers that use more than one thread should limit
    BLAS to one thread (see :func:`single_threaded_blas`) so that the workers do not
    oversubscribe the cores. ``scratch``: one per worker, kept by the caller across passes
    (fresh ones when not given).
    """
    n = X.shape[0]
    p, q = B.shape
    if level == SAMPLE_INFO:
        return _sample_info(X, y, w, B, threads=threads, chunk=chunk, scratch=scratch)
    threads = default_threads(n) if threads is None else max(1, threads)
    chunk = chunk or _pass_rows(p, q, level, -(-n // threads))
    if scratch is None or len(scratch) < threads:
        scratch = scratches(threads)
    bounds = np.linspace(0, n, threads + 1).astype(int)
    parts = run_split(
        lambda k: _slab_stats(X, y, w, B, level, bounds[k], bounds[k + 1], chunk, scratch[k]),
        threads,
    )
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def _sample_info(X, y, w, B, *, threads, chunk, scratch=None) -> Stats:
    """The information from every k-th row, times total weight / sampled weight.

    Only a preconditioner is built from it, so a systematic sample of a few dozen to a few
    hundred rows per parameter is enough (see SAMPLE_ROWS_PER_PARAM) and deterministic.
    ``loglik`` is 0: the sample's log-likelihood means nothing here.
    """
    n = X.shape[0]
    k_params = max(B.size, 1)
    low, high = SAMPLE_ROWS_PER_PARAM
    rows = max(low * k_params, min(high * k_params, SAMPLE_COST_PASSES * 12 * n // k_params))
    k = max(1, n // rows)
    ws = None if w is None else w[::k]
    total = float(len(range(0, n, k)) if w is None else ws.sum())
    if total <= 0:
        return Stats(0.0, None, None)
    threads = default_threads(n) if threads is None else max(1, threads)
    # chunks as the full information's: the work arrays are the same, not grown later
    chunk = chunk or _pass_rows(*B.shape, INFO, -(-n // threads))
    s = stats(X[::k], y[::k], ws, B, INFO, threads=threads, chunk=chunk, scratch=scratch)
    return Stats(0.0, None, s.info * ((n if w is None else float(w.sum())) / total))


def gram(
    X: np.ndarray,
    w: np.ndarray | None,
    *,
    y: np.ndarray | None = None,
    levels: int = 1,
    threads: int | None = None,
    chunk: int | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """X'WX (X'X for ``w=None``), summed over row chunks (no weighted copy of the design), and
    with core codes ``y`` of ``levels`` outcomes X'WY (p, levels): every column's weighted
    total over each outcome's rows, which gives the score at any coefficients that make all
    rows' probabilities equal (see :func:`equal_rows_stats`)."""
    B = np.zeros((X.shape[1], max(levels, 1) - 1))
    s = stats(X, y, w, B, GRAM, threads=threads, chunk=chunk)
    return s.info, None if y is None else s.score


def is_ones_column(gram: np.ndarray, by_outcome: np.ndarray, j: int, total: float) -> bool:
    """Whether design column j is 1 on every row of positive weight, from the sums alone:
    sum_i w_i (x_ij - 1)^2 = (X'WX)_jj - 2 (X'W1)_j + sum_i w_i vanishes (``total`` is the
    sum of the weights)."""
    spread = gram[j, j] - 2.0 * by_outcome[j].sum() + total
    return abs(spread) <= 1e-10 * total


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
    logp, logp_ref = log_softmax(B[intercept][None, :])
    logp = np.append(logp[0], logp_ref[0])
    counts = by_outcome[intercept]
    loglik = float(counts @ logp)
    if level == LOGLIK:
        return Stats(loglik, None, None)
    P = np.exp(logp)
    score = by_outcome[:, :-1] - np.outer(by_outcome.sum(axis=1), P[:-1])
    return Stats(loglik, score, None)


@functools.cache
def _blas_controller():
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # finding the loaded libraries once costs milliseconds


def single_threaded_blas():
    """Context manager limiting BLAS to one thread (threads then split rows, not products)."""
    return _blas_controller().limit(limits=1, user_api="blas")


def flat(M: np.ndarray) -> np.ndarray:
    """(p, q) matrix -> equation-major vector."""
    return M.T.ravel()


def unflat(v: np.ndarray, p: int) -> np.ndarray:
    """Equation-major vector -> (p, q) matrix."""
    return v.reshape(-1, p).T


def cholesky(info: np.ndarray) -> np.ndarray | None:
    """Upper Cholesky factor, or None when ``info`` is not numerically positive definite.

    The test is made on D^-1/2 I D^-1/2 (unit diagonal), so it does not depend on the units of
    the predictors: a column in millions beside one in millionths is not "singular".
    """
    diag = np.diag(info)
    if not np.all(diag > 0):  # also catches NaN
        return None
    d = np.sqrt(diag)
    c, failed = linalg.lapack.dpotrf(info / np.outer(d, d), lower=0, clean=1)
    if failed:
        return None
    r = np.diag(c)
    if not np.all(r > 0) or r.min() ** 2 <= 1e-13:
        return None
    return c * d  # R D^1/2: the factor of info itself


def cho_solve(c: np.ndarray, V: np.ndarray) -> np.ndarray:
    """(R'R)^-1 V from the upper factor R. LAPACK potrs directly: a fit makes a few dozen of
    these small solves, and scipy's checking wrapper costs several times the solve."""
    x, info = linalg.lapack.dpotrs(c, V, lower=0)
    if info != 0:
        raise np.linalg.LinAlgError("potrs failed")
    return x


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


def fisher_scoring(
    evaluate: Evaluate,
    B0: np.ndarray,
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
    quasi_newton_min: int | None = None,
    shares: np.ndarray | None = None,
) -> FitResult:
    """Maximise the log-likelihood by Fisher scoring with step-halving.

    ``evaluate(B, level)`` returns the :class:`Stats` summed over all rows (level 0: log-
    likelihood, 1: + score, 2: + information; optionally ``GRAM``: X'WX and ``SAMPLE_INFO``:
    the information of a sample of rows), in memory (:func:`stats`) or over the partitions of
    a distributed data set; it is the only way the loop reads the data. Each iteration solves
    I(B) d = U(B) with a Cholesky factorisation. Convergence needs both the relative change in
    deviance and the scaled gradient U'I^-1U below ``tol``; the information at the returned B
    is the one its covariance comes from.

    With p*q >= ``quasi_newton_min`` (default ``QUASI_NEWTON_MIN_PARAMS``) and an evaluator
    that answers ``GRAM``, the fit first runs L-BFGS on gradient passes only (see
    :func:`_quasi_newton`) until the predicted Newton decrement is far below the convergence
    threshold, so the first information matrix (computed by the last L-BFGS step's own pass)
    is already at the optimum: it passes the convergence test and gives the covariance.
    ``shares``: outcome shares (reference last) for the preconditioner's curvature; Böhning's
    bound without them.
    Every iteration of either kind counts against ``max_iter`` (L-BFGS takes at most half).

    When the scaled gradient at convergence is below ``FINAL_STEP_SLACK * tol**2`` times the
    deviance, the last scoring step (far below the standard errors) is taken with the same
    information, which then gives the covariance of the returned coefficients to ~1e-9
    (relative; see ``FINAL_STEP_SLACK``).
    """
    p, q = B0.shape
    at = evaluate
    threshold = QUASI_NEWTON_MIN_PARAMS if quasi_newton_min is None else quasi_newton_min

    B = B0.copy()
    dev_prev = cur = None
    n_iter = 0
    if p * q >= threshold and max_iter > 1:
        # at most half the iterations, so that scoring steps remain to finish the fit or, when
        # the coefficients run off (separation), to show it
        pre = _quasi_newton(at, B, max_steps=max_iter // 2, tol=tol, shares=shares)
        if pre is not None:
            B, dev_prev, n_iter, last = pre
            if last.info is not None:
                cur = last
    if cur is None:
        cur = at(B, INFO)
    loglik = cur.loglik
    steps: list[float] = []
    converged = diverged = False
    while True:
        c, factored = cholesky(cur.info), cur
        if c is None:
            diverged = True
            break
        d = cho_solve(c, flat(cur.score))
        gnorm = float(flat(cur.score) @ d)
        dev = -2.0 * cur.loglik
        if _converged(dev, dev_prev, gnorm, tol):
            converged = True
            if gnorm <= FINAL_STEP_SLACK * tol * tol * (abs(dev) + 0.1):
                # The remaining step is far below the standard errors: take it (the
                # log-likelihood gains U'd/2 to third order) with the information just
                # computed, which thus serves the last step and the covariance.
                B = B + unflat(d, p)
                loglik = cur.loglik + 0.5 * gnorm
            break
        if n_iter >= max_iter:
            break
        D = unflat(d, p)
        step = 1.0
        for _ in range(40):
            trial = at(B + step * D, LOGLIK)
            if trial.loglik >= cur.loglik - 1e-12 * abs(cur.loglik):
                break
            step /= 2
        B = B + step * D
        steps.append(float(np.abs(step * D).max()))
        dev_prev = dev
        cur = at(B, INFO)
        loglik = cur.loglik
        n_iter += 1
        if _running_off(steps):
            diverged = True
            break
    if factored is not cur:  # stopped right after a step: factor the latest information
        c = cholesky(cur.info)
    cov = None if c is None else inverse_from_cholesky(c)
    return FitResult(B, loglik, cur.info, cov, n_iter, converged, diverged)


def _running_off(steps: list[float]) -> bool:
    """Separation's signature: steps that stop shrinking while the fit keeps improving.

    Newton steps towards a finite maximum shrink quadratically; towards a maximum at infinity
    they settle at a roughly constant size. Eight iterations in, five steps in a row each at least
    half the previous one, and none small, mean the coefficients are running off.
    """
    if len(steps) < 8:
        return False
    last = steps[-6:]
    return all(b >= 0.5 * a and b > 1e-3 for a, b in itertools.pairwise(last))


# --- quasi-Newton phase -------------------------------------------------------------------

LBFGS_MEMORY = 10
SAMPLE_AT_DECREMENT = 1.0  # switch to the sampled metric at a decrement of this times p*q


def _quasi_newton(
    evaluate: Evaluate, B0: np.ndarray, *, max_steps: int, tol: float, shares: np.ndarray | None
) -> tuple[np.ndarray, float | None, int] | None:
    """L-BFGS ascent on gradient passes, with a metric that approximates the information.

    The information is sum_i W_i (x) x_i x_i' with W_i = diag(P_i) - P_i P_i'. Far from the
    optimum the metric replaces W_i by one q x q matrix S: S (x) X'WX, whose inverse costs two
    small Cholesky solves. With S = diag(pi) - pi pi' from the outcome shares this is the
    exact information at the intercept-only start (the first step is a Newton step); without
    them Böhning's S = (I - 11'/K) / 2, which bounds the information everywhere. Once the
    predicted Newton decrement is below p*q (about one standard error per coefficient away),
    the metric becomes the information of a sample of rows at the current point (a few per
    cent of a full information matrix; see ``SAMPLE_INFO``), and each step then gains about two
    digits. L-BFGS corrects either metric from gradient differences.

    Stops when U'HU (H the L-BFGS inverse-Hessian estimate, i.e. the predicted Newton
    decrement: the squared distance to the optimum in standard-error units) falls below
    ``FINAL_STEP_SLACK * tol**2 * deviance``. As the deviance grows like n and standard errors
    shrink like 1/sqrt(n), that leaves the coefficients about 1e-9 from the optimum whatever n
    is, so the information computed next is the one at the optimum to ~1e-9 (relative) and
    the scoring step it gives lands on the optimum to rounding. Also stops when the decrement
    stalls for four steps. Returns (B, deviance before the last step, steps taken, the Stats
    at B: with the information when the last step predicted the stop and computed it), or
    None when the evaluator cannot give X'WX (then the scoring loop runs alone).
    """
    p, q = B0.shape
    G = evaluate(B0, GRAM).info
    if G is None or G.shape != (p, p):
        return None
    cG = cholesky(G)
    if cG is None:
        return None
    if shares is not None:
        pi = np.asarray(shares, dtype=float)[:q] / np.sum(shares)
        S = np.diag(pi) - np.outer(pi, pi)
    else:
        S = 0.5 * (np.eye(q) - 1.0 / (q + 1))
    S_inv = linalg.inv(S)

    def kronecker(V: np.ndarray) -> np.ndarray:
        return cho_solve(cG, V) @ S_inv

    metric, rescale, sampled = kronecker, True, False
    B = B0
    cur = evaluate(B, SCORE)
    dev_prev = None
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    steps = 0
    decrements: list[float] = []
    sampled_decrements: list[float] = []
    while steps < max_steps:
        U = cur.score
        d = _two_loop(U, s_hist, y_hist, metric, rescale)
        slope = float(np.vdot(U, d))
        if not slope > 0:  # memory gone stale: restart from the metric alone
            s_hist.clear()
            y_hist.clear()
            d = metric(U)
            slope = float(np.vdot(U, d))
        dev = -2.0 * cur.loglik
        stop = FINAL_STEP_SLACK * tol * tol * (abs(dev) + 0.1)
        if slope <= stop:
            break
        decrements.append(slope)
        if len(decrements) > 4 and min(decrements[-4:]) > 0.5 * decrements[-5]:
            break  # stalled (rounding, or coefficients running off): scoring takes over
        if not sampled and slope <= SAMPLE_AT_DECREMENT * p * q:
            sampled = True
            sample = _sampled_metric(evaluate, B)
            if sample is not None:
                metric, rescale = sample, False
                s_hist.clear()
                y_hist.clear()
                continue
        level = SCORE
        if sampled:
            sampled_decrements.append(slope)
            # The sampled metric converges linearly, at a fairly steady rate: when even the
            # slowest rate seen so far takes the next point past the stopping test, that
            # point's pass computes the information at once (the scoring loop needs it
            # there), which saves a gradient pass.
            rates = [b / a for a, b in itertools.pairwise(sampled_decrements)]
            if rates and slope * max(rates) <= stop:
                level = INFO
        t, trial = _line_search(evaluate, B, cur, d, slope, level)
        if trial is None:
            break
        s = t * d
        yv = U - trial.score  # gradient difference of the negative log-likelihood
        if np.vdot(s, yv) > 0:
            s_hist.append(s)
            y_hist.append(yv)
            if len(s_hist) > LBFGS_MEMORY:
                del s_hist[0], y_hist[0]
        B = B + s
        dev_prev = dev
        cur = trial
        steps += 1
        if cur.info is not None:
            break
    return B, dev_prev, steps, cur


def _sampled_metric(evaluate: Evaluate, B: np.ndarray):
    """V -> I_sample(B)^-1 V, or None when the evaluator declines or the sample is singular."""
    p = B.shape[0]
    info = evaluate(B, SAMPLE_INFO).info
    c = None if info is None else cholesky(info)
    if c is None:
        return None

    def solve(V: np.ndarray) -> np.ndarray:
        return unflat(cho_solve(c, flat(V)), p)

    return solve


def _two_loop(U, s_hist, y_hist, precondition, rescale: bool = True) -> np.ndarray:
    """L-BFGS direction H U (ascent for the log-likelihood), H0 = gamma * preconditioner
    (gamma = 1 when ``rescale`` is False: the preconditioner's scale is already right)."""
    a = []
    r = U.copy()
    for s, yv in zip(reversed(s_hist), reversed(y_hist), strict=True):
        rho = 1.0 / np.vdot(yv, s)
        alpha = rho * np.vdot(s, r)
        r -= alpha * yv
        a.append((rho, alpha))
    r = precondition(r)
    if s_hist and rescale:
        s, yv = s_hist[-1], y_hist[-1]
        r *= np.vdot(s, yv) / np.vdot(yv, precondition(yv))
    for (s, yv), (rho, alpha) in zip(zip(s_hist, y_hist, strict=True), reversed(a), strict=True):
        beta = rho * np.vdot(yv, r)
        r += (alpha - beta) * s
    return r


def _line_search(
    evaluate, B, cur: Stats, d, slope: float, level: int = SCORE
) -> tuple[float, Stats | None]:
    """Backtracking from the full step: Armijo, or where the log-likelihood's change is lost
    in rounding, the slope test of approximate Wolfe conditions (Hager & Zhang 2005). The
    full step is evaluated at ``level`` (SCORE or INFO), shorter ones at SCORE."""
    noise = 1e-12 * (abs(cur.loglik) + 1.0)
    t = 1.0
    for _ in range(30):
        trial = evaluate(B + t * d, level if t == 1.0 else SCORE)
        gain = trial.loglik - cur.loglik
        if np.isfinite(trial.loglik):
            if gain >= 1e-4 * t * slope:
                return t, trial
            if gain >= -noise and float(np.vdot(trial.score, d)) >= -0.8 * slope:
                return t, trial
        t *= 0.5
    return t, None
