"""Rows whose largest outcome is near certain, on arrays: 1 - P of that outcome summed from
the other outcomes' shares, not taken as a difference.

1 - P as a difference keeps only eps / (1 - P) of its digits, and so do the score, the
log-probability and the information's diagonal blocks built from it. With one outcome's rows
weighted 1e12 beside ones its probability is 1 - O(1e-12) in every row: the slopes were 1e-5
off, at 1e14 2e-3 (standard errors 4%), and from 1e16 the fit stopped at its start. Ordinary
data have no such rows or a few, so the sums (:mod:`mnlogit._fisher`, :mod:`mnlogit._grouped`)
and the sandwich's row scores (:mod:`mnlogit._scores`) are computed as they always were and
only these rows, found by one reduction over the chunk, are computed again
(:class:`NearCertain`).
"""

from __future__ import annotations

import numpy as np

# The others' share beside a row's largest outcome below which its 1 - P is summed: above it
# the difference keeps at least 1 - eps / NEAR of its digits (2e-12 of error).
NEAR = 1e-4


class NearCertain:
    """The near-certain rows of a chunk, from its exponentials ``E`` ((q+1, m), reference
    last, each column's largest exactly 1) and their column sums ``s``.

    ``rows`` are the rows' positions in the chunk, ``top`` each row's largest outcome, ``other``
    the sum of the others' exponentials (so 1 - P_top = other / s, and log P_top =
    -log1p(other)) and ``s`` the rows' sums as the chunk computed them.
    """

    def __init__(self, E: np.ndarray, s: np.ndarray, rows: np.ndarray) -> None:
        self.rows = rows
        sub = E[:, rows]
        top = sub == 1.0  # one per row: a tie would make the others' share 1 or more
        self.top = top.argmax(axis=0)
        self.other = np.where(top, 0.0, sub).sum(axis=0)
        self.s = s[rows]

    def complement(self, P: np.ndarray) -> np.ndarray:
        """1 - P of these rows' first ``len(P)`` outcomes, ``P`` (q, k) their probabilities:
        the largest outcome's from the others' sum."""
        C = 1.0 - P
        mine = self.top < len(P)
        C[self.top[mine], np.flatnonzero(mine)] = self.other[mine] / self.s[mine]
        return C


def near_certain(E: np.ndarray, s: np.ndarray) -> NearCertain | None:
    """The rows of ``E`` ((q+1, m) exponentials, each column's largest exactly 1) whose others'
    share ``s - 1`` is below NEAR, or None when there are none (one reduction, no copy)."""
    if not s.size or not s.min() < 1.0 + NEAR:
        return None
    return NearCertain(E, s, np.flatnonzero(s < 1.0 + NEAR))


def near_certain_predictors(eta: np.ndarray, P: np.ndarray) -> NearCertain | None:
    """As :func:`near_certain` from linear predictors ``eta`` (m, q; the reference's is 0) and
    their probabilities ``P`` (m, q), for sums that computed the probabilities by
    log-softmax; only the rows that an equation's P passes 1 - NEAR are exponentiated again
    (the reference's being near certain leaves every equation's 1 - P accurate)."""
    if not P.size or not P.max() > 1.0 - NEAR:
        return None
    rows = np.flatnonzero(P.max(axis=1) > 1.0 - NEAR)
    sub = np.column_stack([eta[rows], np.zeros(len(rows))]).T  # (q+1, k), reference last
    sub -= sub.max(axis=0)
    np.exp(sub, out=sub)
    found = NearCertain(sub, sub.sum(axis=0), np.arange(len(rows)))
    found.rows = rows
    return found
