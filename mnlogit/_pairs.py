"""The layout of the information's unique entries (summed so when there are many equations,
see :class:`mnlogit._fisher._Sums`): which outcome pairs and column products they are, and
the full matrix made from them."""

from __future__ import annotations

import functools

import numpy as np


@functools.lru_cache(maxsize=8)
def pair_layout(
    p: int, q: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Index arrays for the unique-entry information: outcome pairs (j <= k), the offsets of
    each design column's run of products x_a x_b (b >= a), and the (q, q) and (p, p) maps
    from a pair of outcomes or columns to its position. All O(q^2 + p^2): nothing of the
    information's (pq)^2 size is kept from one fit to the next."""
    ja, jb = np.triu_indices(q)
    offsets = np.concatenate([[0], np.cumsum(np.arange(p, 0, -1))])
    tri_q = np.zeros((q, q), dtype=np.intp)
    tri_q[ja, jb] = tri_q[jb, ja] = np.arange(len(ja))
    ia, ib = np.triu_indices(p)
    tri_p = np.zeros((p, p), dtype=np.intp)
    tri_p[ia, ib] = tri_p[ib, ia] = np.arange(len(ia))
    return ja, jb, offsets, tri_q, tri_p


def unpack_pairs(pairs: np.ndarray, p: int, q: int) -> np.ndarray:
    """The (pq, pq) information, equation-major, from its q(q+1)/2 x p(p+1)/2 distinct
    entries: one equation's rows at a time (a loop over the q equations, each a gather of
    q p^2 entries), so that no (pq)^2 index map is needed."""
    _, _, _, tri_q, tri_p = pair_layout(p, q)
    info = np.empty((q * p, q * p))
    blocks = info.reshape(q, p, q, p)
    for j in range(q):
        blocks[j] = pairs[tri_q[j]][:, tri_p].transpose(1, 0, 2)
    return info
