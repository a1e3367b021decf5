"""The information of a design whose factor dummies dominate, from grouped sums.

A factor's treatment-coded columns (one per non-reference level) hold a single 1 per row at
most, so the information's blocks that involve them need no products of columns:

* a level with itself: sum over its rows of w_i W_i (q x q), W_i = diag(P_i) - P_i P_i';
* two levels of one factor: zero (no row has both);
* levels of two factors: the same sums over the rows that have both;
* a level with a numeric column d: sum over its rows of w_i W_i x_id.

Only the numeric columns' block is a product of columns (the stacked or unique-entry sums of
:mod:`mnlogit._fisher`, on those columns). A 500-level factor beside 10 numeric columns thus
costs O(n q^2 p) instead of O(n (pq)^2).

Gradient passes likewise (:func:`grouped_stats`): a row's linear predictors are its dense
columns' product plus one looked-up coefficient row per block, and the score of a block's
columns is the sum of the rows' score weights by level: O(n q p_dense) instead of O(n q p).
The dense design stays as it is for everything else (predictions, margins, sandwiches).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from ._fisher import INFO, SCORE, Scratch, Stats, _Sums, gram
from ._near_certain import near_certain_predictors
from ._parallel import default_threads, run_split
from ._scores import log_softmax

__all__ = [
    "GroupedDesign",
    "IndicatorBlock",
    "find_indicator_blocks",
    "grouped_gram",
    "grouped_information",
    "grouped_stats",
    "worth_grouping",
]

# A block of dummies is used as such from this many columns on (fewer are summed densely).
MIN_BLOCK_COLUMNS = 8
CHUNK_ROWS = 8192


@dataclass(frozen=True)
class IndicatorBlock:
    """Design columns ``cols`` of which each row has at most one 1 (the others 0):
    ``codes[i]`` is the position in ``cols`` of row i's 1, -1 when it has none."""

    cols: tuple[int, ...]
    codes: np.ndarray


def find_indicator_blocks(X: np.ndarray, terms: dict[str, tuple[int, ...]]) -> list[IndicatorBlock]:
    """The terms of ``terms`` whose (at least MIN_BLOCK_COLUMNS) columns are dummies of one
    factor: 0/1 values, at most one 1 per row. One pass over those columns, in row chunks."""
    blocks = []
    taken: set[int] = set()
    for cols in terms.values():
        if len(cols) < MIN_BLOCK_COLUMNS or taken.intersection(cols):
            continue
        codes = _dummy_codes(X, cols)
        if codes is not None:
            blocks.append(IndicatorBlock(tuple(cols), codes))
            taken.update(cols)
    return blocks


def _dummy_codes(X: np.ndarray, cols: tuple[int, ...]) -> np.ndarray | None:
    """Each row's position of its 1 among ``cols`` (-1: none), or None when the columns are
    not dummies. Per row, min 0, max 0 or 1 and sum equal to the max mean exactly that: the
    values lie in [0, 1] and all but the largest are 0."""
    n = X.shape[0]
    consecutive = list(cols) == list(range(cols[0], cols[0] + len(cols)))
    index = slice(cols[0], cols[0] + len(cols)) if consecutive else list(cols)
    codes = np.empty(n, dtype=np.intp)
    for lo in range(0, n, CHUNK_ROWS):
        sub = X[lo : lo + CHUNK_ROWS, index]
        top = sub.max(axis=1)
        if sub.min() != 0.0 or not np.all((top == 0.0) | (top == 1.0)):
            return None
        if not np.array_equal(sub.sum(axis=1), top):
            return None
        codes[lo : lo + CHUNK_ROWS] = np.where(top == 1.0, sub.argmax(axis=1), -1)
    return codes


def worth_grouping(p: int, blocks: list[IndicatorBlock]) -> bool:
    """Whether the grouped sums beat the dense ones: when the dummies are at least half the
    columns (the dense pass costs (pq)^2 per row, the grouped one (q p_dense)^2 + q^2 p)."""
    grouped = sum(len(b.cols) for b in blocks)
    return grouped >= MIN_BLOCK_COLUMNS and 2 * grouped >= p


def grouped_information(
    X: np.ndarray,
    w: np.ndarray | None,
    B: np.ndarray,
    blocks: list[IndicatorBlock],
    *,
    threads: int | None = None,
) -> np.ndarray:
    """The (pq, pq) information at ``B``, equation-major, with the ``blocks`` of dummies
    summed by group (see the module's notes) and the other columns by products."""
    n, p = X.shape
    q = B.shape[1]
    in_blocks = sorted(c for b in blocks for c in b.cols)
    dense = np.array([c for c in range(p) if c not in set(in_blocks)], dtype=np.intp)
    threads = default_threads(n) if threads is None else max(1, threads)
    bounds = np.linspace(0, n, threads + 1).astype(int)
    sizes = [len(b.cols) for b in blocks]
    pairs = [(a, b) for a in range(len(blocks)) for b in range(a + 1, len(blocks))]

    def slab(part: int) -> tuple[np.ndarray | None, list, list, list]:
        sums = _Sums(len(dense), q, INFO, Scratch()) if len(dense) else None
        own = [np.zeros((L, q * q)) for L in sizes]  # level with itself
        mixed = [np.zeros((L, q * q * len(dense))) for L in sizes]  # level with dense column
        cross = [np.zeros((sizes[a] * sizes[b], q * q)) for a, b in pairs]
        for lo in range(bounds[part], bounds[part + 1], CHUNK_ROWS):
            hi = min(lo + CHUNK_ROWS, bounds[part + 1])
            Xc = X[lo:hi]
            m = hi - lo
            eta = Xc @ B
            logp, _ = log_softmax(eta)
            P = np.exp(logp)  # (m, q) probabilities of the equations' outcomes
            near = near_certain_predictors(eta, P)  # rows whose 1 - P cancels: see there
            wc = None if w is None else w[lo:hi]
            if sums is not None:
                XD = np.ascontiguousarray(Xc[:, dense])
                sums.add_information(XD, P.T, wc, near)
            W = -P[:, :, None] * P[:, None, :]  # w_i W_i, (m, q, q)
            W[:, np.arange(q), np.arange(q)] += P
            if near is not None:  # P_j (1 - P_j) of their near-certain outcome, not P - P^2
                P_near = P[near.rows]
                diagonal = np.arange(q)[None, :]
                W[near.rows[:, None], diagonal, diagonal] = P_near * near.complement(P_near.T).T
            if wc is not None:
                W *= wc[:, None, None]
            Wf = W.reshape(m, q * q)
            WX = (W[:, :, :, None] * Xc[:, dense][:, None, None, :]).reshape(m, -1)
            for k, block in enumerate(blocks):
                S = _group_matrix(block.codes[lo:hi], sizes[k])
                own[k] += S @ Wf
                if len(dense):
                    mixed[k] += S @ WX
            for t, (a, b) in enumerate(pairs):
                ca, cb = blocks[a].codes[lo:hi], blocks[b].codes[lo:hi]
                both = (ca >= 0) & (cb >= 0)
                S = _group_matrix(np.where(both, ca * sizes[b] + cb, -1), sizes[a] * sizes[b])
                cross[t] += S @ Wf
        info_dense = None if sums is None else sums.stats().info
        return info_dense, own, mixed, cross

    parts = run_split(slab, threads)
    info_dense, own, mixed, cross = parts[0]
    for other in parts[1:]:
        if info_dense is not None:
            info_dense = info_dense + other[0]
        own = [a + b for a, b in zip(own, other[1], strict=True)]
        mixed = [a + b for a, b in zip(mixed, other[2], strict=True)]
        cross = [a + b for a, b in zip(cross, other[3], strict=True)]

    info = np.zeros((q, p, q, p))
    eq = np.arange(q)
    if info_dense is not None:
        info[np.ix_(eq, dense, eq, dense)] = info_dense.reshape(q, len(dense), q, len(dense))
    for k, block in enumerate(blocks):
        cols = np.array(block.cols, dtype=np.intp)
        # level with itself: (L, q, q) onto info[j, c_l, k, c_l]
        info[:, cols, :, cols] = own[k].reshape(len(cols), q, q)
        if len(dense):
            H = mixed[k].reshape(len(cols), q, q, len(dense))  # [l, j, k, d]
            info[np.ix_(eq, cols, eq, dense)] = H.transpose(1, 0, 2, 3)
            info[np.ix_(eq, dense, eq, cols)] = H.transpose(2, 3, 1, 0)
    for t, (a, b) in enumerate(pairs):
        ca = np.array(blocks[a].cols, dtype=np.intp)
        cb = np.array(blocks[b].cols, dtype=np.intp)
        G = cross[t].reshape(len(ca), len(cb), q, q)  # [l, m, j, k]
        info[np.ix_(eq, ca, eq, cb)] = G.transpose(2, 0, 3, 1)
        info[np.ix_(eq, cb, eq, ca)] = G.transpose(3, 1, 2, 0)
    return info.reshape(q * p, q * p)


class GroupedDesign:
    """A design as its dense columns (one contiguous copy, n x p_dense) and its blocks of
    dummies as codes: what a gradient pass reads instead of the whole design."""

    def __init__(self, X: np.ndarray, blocks: list[IndicatorBlock]) -> None:
        in_blocks = {c for b in blocks for c in b.cols}
        self.p = X.shape[1]
        self.dense = np.array([c for c in range(self.p) if c not in in_blocks], dtype=np.intp)
        self.Xd = np.ascontiguousarray(X[:, self.dense])
        self.blocks = blocks
        # position of each row's level in the block's coefficients with a zero row first,
        # so that a row with none of the block's levels looks up zeros
        self.positions = [b.codes + 1 for b in blocks]

    @property
    def nbytes(self) -> int:
        return int(self.Xd.nbytes + sum(c.nbytes for c in self.positions))


def grouped_stats(
    g: GroupedDesign,
    y: np.ndarray,
    w: np.ndarray | None,
    B: np.ndarray,
    level: int,
    *,
    threads: int,
    scratch: list[Scratch],
) -> Stats:
    """Log-likelihood (and at ``SCORE`` the score) at ``B`` (p, q), as
    :func:`mnlogit._fisher.stats` gives them, from the dense columns and the blocks' codes."""
    n = len(y)
    q = B.shape[1]
    Bd = np.ascontiguousarray(B[g.dense])
    # (q, L+1) per block: a zero column, then each level's coefficients
    looked_up = [
        np.ascontiguousarray(np.vstack([np.zeros((1, q)), B[list(b.cols)]]).T) for b in g.blocks
    ]
    bounds = np.linspace(0, n, threads + 1).astype(int)

    def slab(part: int) -> tuple[Stats, list[np.ndarray]]:
        sums = _Sums(len(g.dense), q, level, scratch[part])
        by_level = [np.zeros(c.size) for c in looked_up]
        for lo in range(bounds[part], bounds[part + 1], CHUNK_ROWS):
            hi = min(lo + CHUNK_ROWS, bounds[part + 1])
            Xc = g.Xd[lo:hi]
            E = sums.scratch.take("E", (q + 1, hi - lo))
            np.matmul(Bd.T, Xc.T, out=E[:q])
            for coef, pos in zip(looked_up, g.positions, strict=True):
                E[:q] += coef.take(pos[lo:hi], axis=1)
            sums.add_predictors(E, y[lo:hi], None if w is None else w[lo:hi], Xc)
            if level >= SCORE:  # each level's total of the score weights, every equation
                for k, (coef, pos) in enumerate(zip(looked_up, g.positions, strict=True)):
                    L1 = coef.shape[1]
                    index = pos[lo:hi] + L1 * np.arange(q)[:, None]
                    by_level[k] += np.bincount(index.ravel(), E[:q].ravel(), q * L1)
        return sums.stats(), by_level

    parts = run_split(slab, threads)
    dense = parts[0][0]
    by_level = parts[0][1]
    for other, levels in parts[1:]:
        dense = dense + other
        by_level = [a + b for a, b in zip(by_level, levels, strict=True)]
    if level < SCORE:
        return Stats(dense.loglik, None, None)
    assert dense.score is not None
    score = np.zeros((g.p, q))
    score[g.dense] = dense.score
    for block, totals in zip(g.blocks, by_level, strict=True):
        score[list(block.cols)] = totals.reshape(q, -1)[:, 1:].T
    return Stats(dense.loglik, score, None)


def grouped_gram(
    g: GroupedDesign, w: np.ndarray | None, y: np.ndarray, levels: int, *, threads: int
) -> tuple[np.ndarray, np.ndarray]:
    """X'WX (p, p) and X'WY (p, levels), as :func:`mnlogit._fisher.gram` gives them: the
    dense columns' block by products, every block of dummies by (weighted) counts of its
    levels, alone, with each dense column, with each other block's levels and with each
    outcome."""
    n = len(y)
    pd_ = len(g.dense)
    ones = np.ones(n) if w is None else w
    G = np.zeros((g.p, g.p))
    XWY = np.zeros((g.p, levels))
    if pd_:
        Gd, XWYd = gram(g.Xd, w, y=y, levels=levels, threads=threads)
        G[np.ix_(g.dense, g.dense)] = Gd
        XWY[g.dense] = XWYd
    for k, (block, pos) in enumerate(zip(g.blocks, g.positions, strict=True)):
        cols = np.array(block.cols, dtype=np.intp)
        L1 = len(cols) + 1
        G[cols, cols] = np.bincount(pos, ones, L1)[1:]
        XWY[cols] = np.bincount(pos * levels + y, ones, L1 * levels).reshape(L1, levels)[1:]
        if pd_:  # each level's weighted total of each dense column
            M = np.column_stack([np.bincount(pos, ones * g.Xd[:, d], L1)[1:] for d in range(pd_)])
            G[np.ix_(cols, g.dense)] = M
            G[np.ix_(g.dense, cols)] = M.T
        for other, opos in zip(g.blocks[k + 1 :], g.positions[k + 1 :], strict=True):
            ocols = np.array(other.cols, dtype=np.intp)
            O1 = len(ocols) + 1
            both = np.bincount(pos * O1 + opos, ones, L1 * O1).reshape(L1, O1)[1:, 1:]
            G[np.ix_(cols, ocols)] = both
            G[np.ix_(ocols, cols)] = both.T
    return G, XWY


def _group_matrix(codes: np.ndarray, levels: int) -> sparse.csr_array:
    """(levels, m) 0/1 matrix summing the rows of each code (rows coded -1: none)."""
    rows = np.flatnonzero(codes >= 0)
    return sparse.csr_array((np.ones(len(rows)), (codes[rows], rows)), shape=(levels, len(codes)))
