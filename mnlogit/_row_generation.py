"""The separation's tall linear programs solved on a working subset of their inequalities.

The programs of :func:`mnlogit._recession.separating_cone` read one inequality per row and
outcome other than the row's own: with many outcomes they are tall (25 outcomes, 3000 rows,
20 columns: 66,000 inequalities on 440 variables, 6.5 s each in HiGHS). A direction is held
by a few of them, some per variable, so each program is solved on a working subset with
the full objective, checked against every inequality, and solved again with the most
violated ones added, until none is violated: optimal for the subset and feasible for all,
it is optimal for all. The subset is kept from one round of the lifting to the next, whose
inequalities are the same.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse

__all__ = ["FEASIBLE", "TALL_RATIO", "TALL_ROWS", "is_tall", "maximise"]

# Inequalities, and inequalities per variable, from which a program is solved by row
# generation; smaller programs are solved whole, exactly as before. The fits of
# benchmarks/bench_separation.py's data with every program solved either way: 3800 by 380,
# 4.0 s whole and 2.6 s generated; 5000 by 100, 0.61 and 0.45 s; 1200 by 80 and 1900 by
# 380, the same to 0.1 s; 20,000 by 400, 11.7 and 3.6 s.
TALL_ROWS = 5_000
TALL_RATIO = 10
# HiGHS's primal feasibility tolerance: an inequality of the whole program counts as
# satisfied as it would in the solver's own solution of it
FEASIBLE = 1e-7
_BATCH = 2  # inequalities added per round, per variable: the most violated
_WHOLE = 4  # a working subset past 1 / _WHOLE of the program: the whole is solved instead

Solver = Callable[[np.ndarray, sparse.csr_matrix, np.ndarray, list], np.ndarray]


def is_tall(A: sparse.csr_matrix) -> bool:
    """Whether the program on the inequalities ``A`` is solved by :func:`maximise`."""
    m, nv = A.shape
    return bool(m >= TALL_ROWS and m >= TALL_RATIO * nv)


def maximise(
    gain: np.ndarray, A: sparse.csr_matrix, q: int, working: np.ndarray, solve: Solver
) -> np.ndarray:
    """A d maximising ``gain @ d`` subject to A d >= 0 and |d| <= 1, by row generation.

    Parameters
    ----------
    gain : ndarray
        The objective, one entry per variable.
    A : csr_matrix
        The inequalities, row i's q (one per outcome other than its own) one after another
        (:func:`mnlogit._recession.constraints`).
    q : int
        Inequalities per row.
    working : ndarray of bool
        The inequalities the program is solved on, one entry per row of ``A``; extended in
        place with those added, for the next program on the same inequalities.
    solve : callable
        ``solve(c, A_ub, b_ub, bounds)``: a minimiser of c @ x subject to A_ub x <= b_ub.

    Returns
    -------
    ndarray
        The direction: optimal on the working subset, every inequality of ``A`` at least
        -FEASIBLE at it, so optimal for the whole program (another optimum than the whole
        program's own solution may be found where the optimum is not unique).

    Notes
    -----
    Each round adds, for every row of the data, the most violated of its q inequalities, the
    ``_BATCH`` times the variables most violated of those: the inequalities that hold a
    direction are spread over the rows (about one per row of the data at the optimum of the
    first program on 3000 rows), and a round's program takes longer with each row added.
    """
    m, nv = A.shape
    box: list[tuple[float | None, float | None]] = [(-1.0, 1.0)] * nv

    def solved(rows: np.ndarray) -> np.ndarray:
        return solve(-gain, -A[rows], np.zeros(len(rows)), box)

    # with no working subset, the box's own optimum: it may hold already
    x = solved(np.flatnonzero(working)) if working.any() else np.sign(gain)
    index = np.arange(m // q)
    while True:
        margins = (A @ x).reshape(-1, q)
        slot = margins.argmin(axis=1)
        worst = margins[index, slot]
        rows = np.flatnonzero(worst < -FEASIBLE)
        if not len(rows):
            return x
        rows = rows[np.argsort(worst[rows], kind="stable")[: _BATCH * nv]]
        new = rows * q + slot[rows]
        if working[new].all() or (working.sum() + len(new)) * _WHOLE > m:
            # violated in the solver's own solution (its tolerance is on its scaled
            # program), or the subset no smaller than the whole: the whole is solved
            working[:] = True
            return solve(-gain, -A, np.zeros(m), box)
        working[new] = True
        x = solved(np.flatnonzero(working))
