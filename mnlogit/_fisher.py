"""Sums over the rows of the multinomial logit, on plain arrays: log-likelihood, score,
information, X'WX. No pandas, no labels. The per-row probabilities and scores, and the
outer products of the scores, are in :mod:`mnlogit._scores`.

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
The optimisers that call these sums are in :mod:`mnlogit._solvers`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import DTypeLike

from ._linalg import column_reduce
from ._near_certain import NearCertain, near_certain
from ._pairs import pair_layout, unpack_pairs
from ._parallel import default_threads, run_split

# the per-row scores and the sandwich sums, read through this module by the Dask path
from ._scores import design_meat as design_meat
from ._scores import probabilities as probabilities
from ._scores import row_scores as row_scores
from ._scores import score_meat as score_meat

CHUNK_BYTES = 4 << 20  # working set of the stacked design per chunk: fits in L2/L3
WORK_SHARE_OF_DESIGN = 0.25  # a pass's work arrays, at most (see _pass_rows)

LOGLIK, SCORE, INFO = 0, 1, 2
# Optional levels (an evaluator may decline them by returning ``info=None``):
GRAM = -1  # ``info`` holds X'WX (p, p); with y given, ``score`` holds X'WY (p, q+1), see below
SAMPLE_INFO = -2  # ``info`` from a systematic sample of rows, scaled up to all of them
SAMPLE_INFO_ANY_COST = -3  # the same, also when it costs more than SAMPLE_MAX_COST_PASSES
TOTALS = -4  # ``info`` holds the diagonal of X'WX (p,), ``score`` X'WY (p, q+1), as GRAM's
PASS_KINDS = {  # what each level of pass is called in progress lines
    LOGLIK: "log-likelihood",
    SCORE: "gradient",
    INFO: "information",
    GRAM: "X'WX",
    SAMPLE_INFO: "sample information",
    SAMPLE_INFO_ANY_COST: "sample information",
}
# SAMPLE_INFO's sample: 200 rows per parameter (its metric then gains over two digits per
# L-BFGS step), but no more rows than cost about two gradient passes (a row costs (pq)^2 in
# the information against ~12 pq in a gradient pass) and no fewer than 10 per parameter.
# At 20 the sample cost 0.18 s of a 0.45 s fit at 1e5 x 200 x 5; at 10 half that, for the
# same 15 passes (at 5, 19); K = 20, 50 took as many, p = 100 one more (13), a factor of 500
# levels 22 for 17. K = 100 takes it where it declined the dearer: 13 passes for 39, but 1.5 s.
SAMPLE_ROWS_PER_PARAM = (10, 200)
SAMPLE_COST_PASSES = 2
# ...and none at all when 10 rows per parameter would cost more than this many gradient passes
# (measured: from about five passes' cost the L-BFGS phase is faster without it).
SAMPLE_MAX_COST_PASSES = 4


@dataclass(frozen=True)
class Stats:
    """Sums over rows at one coefficient matrix: log-likelihood, score, information."""

    loglik: float
    score: np.ndarray | None  # (p, q); for level GRAM X'WY (p, q+1): totals by outcome
    info: np.ndarray | None  # (p*q, p*q), full symmetric; (p, p) X'WX for level GRAM
    extent: np.ndarray | None = None  # GRAM and TOTALS: each column's largest |x| (p,)

    def __add__(self, other: Stats) -> Stats:
        def add(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
            return None if a is None else a + b

        extent = (
            None
            if self.extent is None or other.extent is None
            else np.maximum(self.extent, other.extent)
        )
        return Stats(
            self.loglik + other.loglik,
            add(self.score, other.score),
            add(self.info, other.info),
            extent,
        )


# Past this many columns a gradient pass's chunks are sized to stay in cache (_pass_rows).
GRADIENT_WIDE_COLUMNS = 32
# From this many parameters on, a chunk of the information pass has more rows (_pass_rows).
LARGE_INFORMATION_PARAMS = 256
# From this many equations on, the information is summed entry by unique entry (see _Sums):
# half the flops of the stacked product, and the product is then large enough to run at speed.
PAIRWISE_MIN_Q = 6
# Below that, from this many columns on, it is summed by equation rather than stacked (_Sums).
BY_EQUATION_MIN_COLUMNS = 100


class Scratch:
    """Work arrays that one worker reuses from chunk to chunk and pass to pass.

    A fit makes dozens of passes; arrays allocated afresh for each come back as new pages
    from the kernel, and the page faults (a few microseconds per 4 KB on a virtual machine)
    then cost more than a small pass's arithmetic.
    """

    def __init__(self) -> None:
        self._buffers: dict[str, np.ndarray] = {}
        self._arange = np.arange(0, dtype=np.intp)

    def take(self, name: str, shape: tuple[int, ...], dtype: DTypeLike = np.float64) -> np.ndarray:
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
    in one of three ways, with level-3 products and no loop over rows or outcome pairs:

    * stacked (fewer than PAIRWISE_MIN_Q equations and BY_EQUATION_MIN_COLUMNS columns):
      ``cross`` = Z'Z with Z = [sqrt(w) P_j x]_j stacked by equation (one symmetric rank-k
      update gives every (j, k) block) and ``diag`` = [X' diag(w P_j) X]_j side by side (one
      product): q^2 p^2 / 2 + q p^2 multiply-adds per row, in two products;
    * by equation (as many columns or more): ``blocks`` holds the blocks (j, k >= j), one
      equation's row of blocks per step: the diagonal block Y'Y with
      Y = sqrt(w P_j (1 - P_j)) x (a symmetric rank-m update) and the blocks right of it,
      -sum w P_j P_k x x', in one product of Z_j with the later equations' Z_k. q p^2 / 2 +
      q(q-1) p^2 / 2 multiply-adds per row, two thirds of the stacked way's at q = 4, in 2q
      products: 1.45x faster from 500 columns, no faster below 100 (the calls' overhead);
    * unique entries (more equations): ``pairs`` = Omega' V, where Omega holds the weights
      w (delta_jk P_j - P_j P_k) of the q(q+1)/2 outcome pairs j <= k and V the p(p+1)/2
      products x_a x_b, b >= a. Every (j, k) block X' diag(.) X is symmetric, so this is the
      q(q+1)p(p+1)/4 distinct entries and nothing else.
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
        self.by_equation = level >= INFO and not self.pairwise and p >= BY_EQUATION_MIN_COLUMNS
        if self.by_equation:
            self.blocks = np.zeros((p * q, p * q))  # the blocks (j, k >= j)
            self._buf = np.empty((p, p))
        elif level >= INFO and not self.pairwise:
            self.cross = np.zeros((p * q, p * q))
            self.diag = np.zeros((p, p * q))
            self._buf = np.empty((p * q, p * q))
        if level in (GRAM, TOTALS):
            self.gram = np.zeros((p, p) if level == GRAM else p)
            self.by_outcome = np.zeros((q + 1, p))
            self.extent = np.zeros(p)

    def add(self, X: np.ndarray, y: np.ndarray | None, w: np.ndarray | None, B: np.ndarray) -> None:
        m = X.shape[0]
        q = self.q
        if self.level == TOTALS:
            self.gram += np.einsum("ij,ij->j", X, X) if w is None else (X * X).T @ w
        if self.level in (GRAM, TOTALS):
            # the columns' sizes, read while the chunk is in cache (the columns' scaling
            # needs them; a pass of its own would cost as much as a gradient pass)
            np.maximum(self.extent, column_extent(X, w), out=self.extent)
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
        assert y is not None  # only X'WX is summed without the outcomes
        E = self.scratch.take("E", (q + 1, m))
        np.matmul(B.T, X.T, out=E[:q])
        self.add_predictors(E, y, w, X)

    def add_predictors(
        self, E: np.ndarray, y: np.ndarray, w: np.ndarray | None, X: np.ndarray
    ) -> None:
        """The sums of a chunk whose linear predictors are in ``E[:q]`` ((q+1, m), from the
        scratch's ``"E"``), with ``X`` the columns the score and information are over. ``E``
        is left holding the rows' score weights w_i (e_{y_i} - P_i), reference last (at
        ``SCORE`` and ``INFO``), for sums over columns that are not in ``X``."""
        q = self.q
        m = E.shape[1]
        flat_E = E.reshape(-1)
        observed = self.scratch.take("observed", (m,), np.intp)  # flat positions in E
        np.multiply(y, m, out=observed, dtype=np.intp)
        observed += self.scratch.arange(m)
        E[q] = 0.0
        E -= E.max(axis=0)
        obs = flat_E.take(observed)
        np.exp(E, out=E)
        s = E.sum(axis=0)
        near = near_certain(E, s)  # rows whose 1 - P cancels (usually none): see there
        if near is not None:
            rows, mine = near.rows, y[near.rows] == near.top
            shifted = obs[rows]
        obs -= np.log(s)  # log-probability of each row's outcome
        if near is not None:
            obs[rows] = shifted - np.log1p(near.other)
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
            self.add_information(X, E[:q], w, near)
            if w is None:
                np.negative(E, out=E)
            else:
                E *= -w
        # score: sum_i w_i (e_{y_i} - P_i) x_i, through the reference row too (then dropped).
        # take/put and np.dot, not fancy-index += and @: those hold the GIL for this shape
        # (numpy 2.4), which would serialise the workers.
        flat_E.put(observed, flat_E.take(observed) + (1.0 if w is None else w))
        if near is not None:  # w (1 - P) of a near-certain outcome, from the others' share
            own = near.other[mine] / near.s[mine]
            flat_E.put(observed[rows[mine]], own if w is None else own * w[rows[mine]])
        self.score += np.dot(E[:q], X)

    def add_information(
        self, X: np.ndarray, P: np.ndarray, w: np.ndarray | None, near: NearCertain | None
    ) -> None:
        """The information's sums of a chunk, ``P`` its probabilities (q, m): the ``near``
        certain rows are left out of the products and summed on their own with their 1 - P
        (``P`` is as it was when this returns)."""
        if near is not None:
            rows = near.rows
            P_near = P[:, rows]
            P[:, rows] = 0.0  # their terms in the products are exact zeros
        if self.pairwise:
            self._add_pairs(X, P, w)
        else:
            self._add_stacked(X, P, w)
        if near is None:
            return
        P[:, rows] = P_near
        X_near = np.ascontiguousarray(X[rows])
        w_near = None if w is None else w[rows]
        C = near.complement(P_near)
        if self.pairwise:
            self._add_pairs(X_near, P_near, w_near, C)
        else:
            self._add_stacked(X_near, P_near, w_near, C)

    def _add_stacked(
        self, X: np.ndarray, P: np.ndarray, w: np.ndarray | None, C: np.ndarray | None = None
    ) -> None:
        """With ``C`` (1 - P, for near-certain rows) a diagonal block is X' diag(w P_j C_j) X,
        not the difference of X' diag(w P_j) X and X' diag(w P_j^2) X, which cancels."""
        m, p = X.shape
        q = self.q
        XT = self.scratch.take("XT", (p, m))  # sqrt(w_i) x_i as columns
        if w is None:
            XT[...] = X.T
        else:
            np.multiply(X.T, np.sqrt(w), out=XT)
        Z = self.scratch.take("Z", (q, p, m))
        np.multiply(P[:, None, :], XT[None, :, :], out=Z)  # Z[j]: sqrt(w) P_j x
        Z = Z.reshape(q * p, m)
        if self.by_equation:
            self._add_by_equation(XT, Z, P, C)
            return
        if C is None:
            self.diag += np.dot(XT, Z.T)  # X' diag(w P_j) X for every j, side by side
        else:
            self.diag += np.dot(XT, (Z.reshape(q, p, m) * C[:, None, :]).reshape(q * p, m).T)
        np.dot(Z, Z.T, out=self._buf)  # symmetric rank-m update (BLAS syrk)
        if C is not None:
            for j in range(q):  # the diagonal blocks' P_j^2 is in diag's 1 - P_j already
                self._buf[j * p : (j + 1) * p, j * p : (j + 1) * p] = 0.0
        self.cross += self._buf

    def _add_by_equation(
        self, XT: np.ndarray, Z: np.ndarray, P: np.ndarray, C: np.ndarray | None = None
    ) -> None:
        """The blocks (j, k >= j) of a chunk: ``XT`` holds sqrt(w_i) x_i as columns (p, m),
        ``Z`` the rows sqrt(w) P_j x stacked by equation (q p, m), ``P`` the probabilities,
        ``C`` 1 - P when given (near-certain rows)."""
        p, m = XT.shape
        q = self.q
        Y = self.scratch.take("Y", (p, m))
        root = self.scratch.take("root", (m,))
        for j in range(q):  # one equation's row of blocks: q steps of level-3 products
            rows = slice(j * p, (j + 1) * p)
            if C is None:
                np.subtract(1.0, P[j], out=root)
            else:
                root[...] = C[j]
            root *= P[j]
            np.sqrt(root, out=root)
            np.multiply(XT, root, out=Y)
            np.dot(Y, Y.T, out=self._buf)  # symmetric rank-m update (BLAS syrk)
            self.blocks[rows, rows] += self._buf
            if j < q - 1:
                right = self.scratch.take("right", (p, (q - 1 - j) * p))
                np.dot(Z[rows], Z[(j + 1) * p :].T, out=right)
                self.blocks[rows, (j + 1) * p :] -= right

    def _add_pairs(
        self, X: np.ndarray, P: np.ndarray, w: np.ndarray | None, C: np.ndarray | None = None
    ) -> None:
        m, p = X.shape
        ja, jb, offsets, _, _ = pair_layout(p, self.q)
        XT = self.scratch.take("XT", (p, m))
        XT[...] = X.T
        V = self.scratch.take("V", (offsets[-1], m))
        for a in range(p):  # p products of rows, each (p - a) x m: x_a x_b for b >= a
            np.multiply(XT[a], XT[a:], out=V[offsets[a] : offsets[a + 1]])
        omega = P[ja] * P[jb]
        omega *= -1.0
        if C is None:
            omega[ja == jb] += P
        else:
            omega[ja == jb] = P * C  # P_j (1 - P_j), not P_j - P_j^2
        if w is not None:
            omega *= w
        np.dot(omega, V.T, out=self._buf)
        self.pairs += self._buf

    def stats(self) -> Stats:
        if self.level in (GRAM, TOTALS):
            return Stats(0.0, self.by_outcome.T.copy(), self.gram, self.extent)
        score = None if self.score is None else self.score.T.copy()
        info = None
        if self.pairwise:
            info = unpack_pairs(self.pairs, self.p, self.q)
        elif self.by_equation:
            p, q = self.p, self.q
            info = self.blocks
            for j in range(q):  # q rows of blocks mirrored, not a loop over rows or pairs
                rows = slice(j * p, (j + 1) * p)
                info[(j + 1) * p :, rows] = info[rows, (j + 1) * p :].T
                block = info[rows, rows]
                # the update is symmetric only to rounding: make it exactly so
                block[...] = 0.5 * (block + block.T)
        elif self.level >= INFO:
            p, q = self.p, self.q
            info = -self.cross
            for j in range(q):  # q additions of p x p blocks, not a loop over rows or pairs
                block = self.diag[:, j * p : (j + 1) * p]
                # a general product is symmetric only to rounding: make it exactly so
                info[j * p : (j + 1) * p, j * p : (j + 1) * p] += 0.5 * (block + block.T)
        return Stats(self.loglik, score, info)


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
    fewest = 256
    if level < INFO and p > GRADIENT_WIDE_COLUMNS:
        # a gradient pass reads each chunk twice (X B, then X'R), best while the chunk is
        # still in cache the second time: chunks of 3/8 of CHUNK_BYTES made passes 5-25%
        # faster than a quarter from 50 to 1500 columns, and a quarter 10-20% faster than a
        # half from 50 to 500 (1e5 rows, K = 5). Past 750 columns that is under 256 rows, and
        # down to 128 still faster (at 1000 columns 0.066 s a pass in chunks of 196 rows,
        # 0.087 s of 256); narrower designs do better with fewer, longer chunks
        rows = 3 * CHUNK_BYTES // 8 // (8 * p)
        fewest = 128
    if level >= INFO and p * q >= LARGE_INFORMATION_PARAMS:
        # every chunk adds its product to a (pq)^2 sum (q^2 p^2 / 4 for unique entries): past
        # a few hundred parameters that addition, memory-bound, costs as much as the product
        # unless the chunk has about as many rows as there are parameters
        rows = max(rows, min(2 * p * q, 2048))
    if level == GRAM and p >= LARGE_INFORMATION_PARAMS:
        # the same for X'WX's p^2 sum: 0.42 s against 0.32 s for the sampled X'WX at
        # 1e5 x 1000 (its 25,000 rows in chunks of 256 rows against 2,002)
        rows = max(rows, min(2 * p, 2048))
    if n is not None:
        rows = min(rows, int(WORK_SHARE_OF_DESIGN * n * p) // work)
    return int(max(fewest, min(16_384, rows)))


def _slab_stats(
    X: np.ndarray,
    y: np.ndarray | None,
    w: np.ndarray | None,
    B: np.ndarray,
    level: int,
    start: int,
    stop: int,
    chunk: int,
    scratch: Scratch,
) -> Stats:
    p, q = B.shape
    sums = _Sums(p, q, level, scratch)
    for lo in range(start, stop, chunk):
        hi = min(lo + chunk, stop)
        sums.add(X[lo:hi], None if y is None else y[lo:hi], None if w is None else w[lo:hi], B)
    return sums.stats()


def stats(
    X: np.ndarray,
    y: np.ndarray | None,
    w: np.ndarray | None,
    B: np.ndarray,
    level: int,
    *,
    threads: int | None = None,
    chunk: int | None = None,
    scratch: list[Scratch] | None = None,
) -> Stats:
    """The sums ``level`` asks for over all rows, in chunks, across ``threads`` workers.

    Each worker reads one contiguous slab of rows chunk by chunk into its own running sums;
    the slabs' sums are added at the end. Callers that use more than one thread should limit
    BLAS to one thread (see :func:`single_threaded_blas`) so that the workers do not
    oversubscribe the cores. ``scratch``: one per worker, kept by the caller across passes
    (fresh ones when not given).
    """
    n = X.shape[0]
    p, q = B.shape
    if level in (SAMPLE_INFO, SAMPLE_INFO_ANY_COST):
        assert y is not None
        return _sample_info(
            X,
            y,
            w,
            B,
            threads=threads,
            chunk=chunk,
            scratch=scratch,
            any_cost=level == SAMPLE_INFO_ANY_COST,
        )
    threads = default_threads(n) if threads is None else max(1, threads)
    chunk = chunk or _pass_rows(p, q, level, -(-n // threads))
    if scratch is None or len(scratch) < threads:
        scratch = scratches(threads)
    bounds = [n * k // threads for k in range(threads + 1)]  # np.linspace: 20 us a pass
    parts = run_split(
        lambda k: _slab_stats(X, y, w, B, level, bounds[k], bounds[k + 1], chunk, scratch[k]),
        threads,
    )
    total = parts[0]
    for part in parts[1:]:
        total = total + part
    return total


def sample_cost(n: int, n_params: int) -> float:
    """What the sampled information costs, in gradient passes over the n rows."""
    k_params = max(n_params, 1)
    rows = min(n, _sample_rows(n, k_params))
    return rows * k_params / (12 * n)


def _sample_rows(n: int, k_params: int) -> int:
    low, high = SAMPLE_ROWS_PER_PARAM
    return max(low * k_params, min(high * k_params, SAMPLE_COST_PASSES * 12 * n // k_params))


def sample_stride(n: int, n_params: int, any_cost: bool = False) -> int | None:
    """Every how many rows the sampled information takes one (see SAMPLE_ROWS_PER_PARAM), or
    None when even the smallest useful sample would cost more than SAMPLE_MAX_COST_PASSES
    gradient passes: the sample saves about ten L-BFGS steps, and with many parameters
    (a sample of 10 rows per parameter costs 10 (pq)^2 / 12 n gradient passes, growing with
    the square of their number) it would cost more than it saves. ``any_cost``: the stride
    even then."""
    k_params = max(n_params, 1)
    rows = _sample_rows(n, k_params)
    if rows * k_params > SAMPLE_MAX_COST_PASSES * 12 * n and not any_cost:
        return None
    return max(1, n // rows)


def _sample_info(
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray | None,
    B: np.ndarray,
    *,
    threads: int | None,
    chunk: int | None,
    scratch: list[Scratch] | None = None,
    any_cost: bool = False,
) -> Stats:
    """The information from every k-th row, times total weight / sampled weight.

    Only a preconditioner is built from it, so a systematic sample of ten to a few
    hundred rows per parameter is enough (see SAMPLE_ROWS_PER_PARAM) and deterministic.
    ``loglik`` is 0: the sample's log-likelihood means nothing here. Declined (``info`` None)
    when dearer than SAMPLE_MAX_COST_PASSES gradient passes, unless ``any_cost``.
    """
    n = X.shape[0]
    k = sample_stride(n, B.size, any_cost)
    if k is None:  # too dear: declined (the L-BFGS phase keeps its first metric)
        return Stats(0.0, None, None)
    ws = None if w is None else w[::k]
    total = float(len(range(0, n, k)) if ws is None else ws.sum())
    if total <= 0:
        return Stats(0.0, None, None)
    threads = default_threads(n) if threads is None else max(1, threads)
    # chunks as the full information's: the work arrays are the same, not grown later
    chunk = chunk or _pass_rows(B.shape[0], B.shape[1], INFO, -(-n // threads))
    s = stats(X[::k], y[::k], ws, B, INFO, threads=threads, chunk=chunk, scratch=scratch)
    assert s.info is not None  # an INFO-level pass
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
    rows' probabilities equal (see :func:`mnlogit._null.equal_rows_stats`)."""
    B = np.zeros((X.shape[1], max(levels, 1) - 1))
    s = stats(X, y, w, B, GRAM, threads=threads, chunk=chunk)
    assert s.info is not None  # a GRAM pass
    return s.info, None if y is None else s.score


def gram_stats(
    X: np.ndarray,
    w: np.ndarray | None,
    *,
    y: np.ndarray,
    levels: int,
    exact: bool = True,
    threads: int | None = None,
) -> Stats:
    """One pass's sums for a model's kept sums (see :mod:`mnlogit._sums`): ``info`` X'WX, or
    with ``exact=False`` only its diagonal (O(n p q) flops instead of n p^2 / 2); ``score``
    X'WY (p, levels); ``extent`` each column's largest absolute value."""
    B = np.zeros((X.shape[1], max(levels, 1) - 1))
    return stats(X, y, w, B, GRAM if exact else TOTALS, threads=threads)


def column_extent(X: np.ndarray, w: np.ndarray | None) -> np.ndarray:
    """Each column's largest absolute value over the rows of positive weight, as every sum
    is taken: 1e200 in a row of weight 0 had the columns scaled by it, the other rows' values
    to 1e-200, whose squares vanished (the columns refused as rank deficient)."""
    rows = None if w is None or w.all() else (w > 0)[:, None]
    if rows is None:
        return np.maximum(column_reduce(np.maximum, X), -column_reduce(np.minimum, X))
    return np.maximum(
        X.max(axis=0, initial=0.0, where=rows), -X.min(axis=0, initial=0.0, where=rows)
    )
