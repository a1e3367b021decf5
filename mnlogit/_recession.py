"""Which coefficients a separation moves: the span of the separating directions.

The directions along which the multinomial log-likelihood never falls (see
:mod:`mnlogit.separation`) form a cone. The direction the linear programs find is one of
them; the coefficients that diverge are those that some direction of the cone moves, and
which those are depends on the reference only through which differences d_k - d_l are read.
"""

from __future__ import annotations

import numpy as np
from scipy import linalg
from scipy.special import logsumexp

from ._memory import information_fits

__all__ = ["ZERO", "apart", "limit_loglik", "on_boundary"]

ZERO = 1e-7  # |direction entry| on unit-scaled columns below this counts as zero
_ROWS = 8192  # rows of the design multiplied at a time


def _others(y: np.ndarray, q: int) -> np.ndarray:
    """(n, q): the levels k != y_i of every row, in core order (as the inequalities are)."""
    levels = np.arange(q + 1)
    return np.broadcast_to(levels, (len(y), q + 1))[levels[None, :] != y[:, None]].reshape(-1, q)


def apart(X: np.ndarray, y: np.ndarray, strict: np.ndarray, D_unit: np.ndarray) -> np.ndarray:
    """(p, K, K) booleans by core code: whether column a's coefficient of level k against
    level l diverges, i.e. d_k - d_l is nonzero in column a for some separating direction.

    The separating directions (the cone A d >= 0 of the inequalities x_i'(d_{y_i} - d_k) on
    unit-scaled columns ``X``, core codes ``y``) span the subspace where the inequalities
    that cannot be strict (``~strict``, (n, q), row i's against the levels k != y_i in core
    order) are 0: ``D_unit`` (p, q), which makes every other one strict, lies inside the
    cone relative to that subspace, so the cone reaches every direction of it. A
    coefficient diverges exactly when it is not 0 on the whole subspace; one direction may
    have it 0 by coincidence (at the box's vertices d_k and d_l are often both 1), and a fit
    with another reference, whose check finds another direction, would mark it. The cells
    that ``D_unit`` moves are kept as well, whatever the rounding, and are all that is read
    when the subspace's (pq)^2 cross products would not fit in memory (as the information
    would not): then another reference's check may mark other cells.
    """
    p = X.shape[1]
    q = strict.shape[1]
    K = q + 1
    row, slot = np.nonzero(~strict)
    a, b = y[row], _others(y, q)[row, slot]
    pair = np.minimum(a, b) * K + np.maximum(a, b)
    tied = [(*divmod(int(c), K), row[pair == c]) for c in np.unique(pair)]  # lo < hi
    if not tied:  # complete separation: every direction near the one found separates, so
        # every coefficient moves (the identity as the basis, without its (pq)^2 entries)
        return np.broadcast_to(~np.eye(K, dtype=bool), (p, K, K)).copy()
    if information_fits(q * p, 1):
        basis = _tied_null_space(X, tied, q)
    else:  # the span's (pq)^2 cross products would not fit: the cells U moves, as before
        basis = np.zeros((q * p, 0))
    # Z[a, k]: how column a of level k moves along the subspace's basis (the reference's 0)
    Z = np.zeros((p, K, basis.shape[1]))
    Z[:, :q] = basis.reshape(q, p, -1).transpose(1, 0, 2)
    U = np.zeros((p, K))
    U[:, :q] = D_unit / np.abs(D_unit).max()
    out = np.zeros((p, K, K), dtype=bool)
    for k in range(K - 1):  # against every later level at once: K - 1 slices, not K^2 / 2 pairs
        moves = np.linalg.norm(Z[:, k, None] - Z[:, k + 1 :], axis=2) > ZERO
        moves |= np.abs(U[:, k, None] - U[:, k + 1 :]) > ZERO
        out[:, k, k + 1 :] = out[:, k + 1 :, k] = moves
    return out


def _tied_null_space(X: np.ndarray, tied: list, q: int) -> np.ndarray:
    """Orthonormal basis (q p, dim), equation-major, of the d with x_i'(d_lo - d_hi) = 0
    for every row i of every ``(lo, hi, rows)`` in ``tied`` (d_q, the reference's, 0), on
    unit-scaled columns ``X``: a singular value below ``ZERO`` times the largest counts as 0.

    The cross products of the rows give candidates (eigenvalues below 1e-6 of the largest,
    far above a square's rounding); within them the singular values come from the rows
    again, so squaring costs no accuracy at the threshold (a QR of the rows, as accurate,
    took five times as long)."""
    p = X.shape[1]

    def products(rows: np.ndarray, right: np.ndarray) -> np.ndarray:
        # (X_rows right)'(X_rows right), a block of rows at a time
        out = np.zeros((right.shape[1], right.shape[1]))
        for s in range(0, len(rows), _ROWS):
            M = X[rows[s : s + _ROWS]] @ right
            out += M.T @ M
        return out

    G = np.zeros((q, p, q, p))
    for lo, hi, rows in tied:
        g = products(rows, np.eye(p))
        G[lo, :, lo] += g
        if hi < q:
            G[hi, :, hi] += g
            G[lo, :, hi] -= g
            G[hi, :, lo] -= g
    lam, V = linalg.eigh(G.reshape(q * p, q * p))
    top = max(float(lam[-1]), 0.0)
    C = V[:, lam <= 1e-6 * top]
    if not C.shape[1]:
        return C
    H = np.zeros((C.shape[1], C.shape[1]))
    Cq = C.reshape(q, p, -1)
    for lo, hi, rows in tied:
        H += products(rows, Cq[lo] - Cq[hi] if hi < q else Cq[lo])
    mu, W = linalg.eigh(H)
    return C @ W[:, mu <= ZERO**2 * top]


def on_boundary(strict: np.ndarray, y: np.ndarray, moved: np.ndarray) -> np.ndarray:
    """The rows tied on the separating boundary: with an inequality x_i'(d_{y_i} - d_k) that
    cannot be strict (``strict`` as :func:`apart` reads it) between two outcomes that some
    separating direction moves apart (``moved`` (K, K) by core code), whatever the
    reference.

    Inequalities between two outcomes no direction moves apart are 0 on every row: when only
    'walk' was separated, every row of the other outcomes was counted as tied ("2972 of the
    2972 rows tied on its boundary"), and against a separated reference every row was."""
    relevant = moved[y[:, None], _others(y, strict.shape[1])]
    return np.asarray((~strict & relevant).any(axis=1))


def limit_loglik(
    X: np.ndarray, y: np.ndarray, w: np.ndarray, B: np.ndarray, strict: np.ndarray
) -> float:
    """The log-likelihood of coefficients ``B`` (p, q) moved without end along a direction
    that makes the inequalities ``strict`` (n, q; see :func:`apart`) strict and the others
    0: row i keeps the outcomes whose inequality against y_i stays 0 (and y_i), with the
    odds between them that ``B`` gives, and the others' probabilities vanish. ``w``: the
    rows' frequency weights."""
    q = B.shape[1]
    total = 0.0
    for lo in range(0, len(y), _ROWS):
        sl = slice(lo, lo + _ROWS)
        yb = y[sl]
        eta = np.zeros((len(yb), q + 1))
        eta[:, :q] = X[sl] @ B
        kept = np.zeros(eta.shape, dtype=bool)
        rows = np.arange(len(yb))
        kept[rows, yb] = True
        kept[rows[:, None], _others(yb, q)] |= ~strict[sl]
        total += float(w[sl] @ (eta[rows, yb] - logsumexp(eta, axis=1, b=kept)))
    return total
