"""The separating directions and which coefficients they move.

The linear programs that find a separating direction (:func:`separating_cone`: the
inequalities, :func:`constraints`, made strict in rounds, :func:`lift_bounded`), kept on the
data, and the log-likelihood a fit approaches along it (:func:`limit_loglik`).

The directions along which the multinomial log-likelihood never falls (see
:mod:`mnlogit.separation`) form a cone. The direction the linear programs find is one of
them; the coefficients that diverge are those that some direction of the cone moves, and
which those are depends on the reference only through which differences d_k - d_l are read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy import linalg, sparse
from scipy.optimize import linprog
from scipy.special import logsumexp

from ._lp_design import conditioning, model_residuals, programs_design, rotated, typical_entries
from ._memory import check_separation_fits, information_fits
from ._once import compute_once
from ._parallel import numeric_errstate
from ._row_generation import is_tall, maximise
from .exceptions import EstimationError

if TYPE_CHECKING:
    from ._data import ModelData

__all__ = [
    "ZERO",
    "apart",
    "bounded_along_separation",
    "constraints",
    "largest_margin",
    "lift_bounded",
    "limit_loglik",
    "moving_rows",
    "on_boundary",
    "proves_finite",
    "separating_cone",
    "solve_lp",
]

ZERO = 1e-7  # |direction entry| on unit-scaled columns below this counts as zero
_ROWS = 8192  # rows of the design multiplied at a time


def _others(y: np.ndarray, q: int) -> np.ndarray:
    """(n, q): the levels k != y_i of every row, in core order (as the inequalities are)."""
    levels = np.arange(q + 1)
    return np.broadcast_to(levels, (len(y), q + 1))[levels[None, :] != y[:, None]].reshape(-1, q)


def apart(
    X: np.ndarray,
    y: np.ndarray,
    strict: np.ndarray,
    D_unit: np.ndarray,
    residuals: np.ndarray | None = None,
) -> np.ndarray:
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
    tied = _tied(y, strict)
    if not tied:  # complete separation: every direction near the one found separates, so
        # every coefficient moves (the identity as the basis, without its (pq)^2 entries)
        return np.broadcast_to(~np.eye(K, dtype=bool), (p, K, K)).copy()
    T = None
    if information_fits(q * p, 1):
        T = conditioning(X, residuals)  # the basis is found on X T, and read back through T
        basis = _tied_null_space(X if T is None else rotated(X, T), tied, q)
    else:  # the span's (pq)^2 cross products would not fit: the cells U moves, as before
        basis = np.zeros((q * p, 0))
    # Z[a, k]: how column a of level k moves along the subspace's basis (the reference's 0)
    Z = np.zeros((p, K, basis.shape[1]))
    Z[:, :q] = basis.reshape(q, p, -1).transpose(1, 0, 2)
    U = np.zeros((p, K))
    U[:, :q] = D_unit / np.abs(D_unit).max()
    out = np.zeros((p, K, K), dtype=bool)
    for k in range(K - 1):  # against every later level at once: K - 1 slices, not K^2 / 2 pairs
        moves = _columns_moved(Z[:, k, None] - Z[:, k + 1 :], T)
        moves |= np.abs(U[:, k, None] - U[:, k + 1 :]) > ZERO
        out[:, k, k + 1 :] = out[:, k + 1 :, k] = moves
    return out


def _columns_moved(D: np.ndarray, T: np.ndarray | None) -> np.ndarray:
    """(p, m) whether the differences ``D`` (p, m, dim) of two levels' coefficients along an
    orthonormal basis of the span are nonzero for some direction (each column's zero below
    ZERO). With the conditioning ``T``, ``D`` is on the columns X T, read back through T
    after that, as :func:`_separating_span` says why; a column is then moved where its
    terms do not cancel to ZERO of their size."""
    size = np.linalg.norm(D, axis=2)
    if T is None:
        return size > ZERO
    D = np.where((size > ZERO)[:, :, None], D, 0.0)
    moved = np.linalg.norm(np.einsum("ab,bjd->ajd", T, D), axis=2)
    terms = np.linalg.norm(np.einsum("ab,bjd->ajd", np.abs(T), np.abs(D)), axis=2)
    return moved > ZERO * terms


def _tied(y: np.ndarray, strict: np.ndarray) -> list:
    """The inequalities that cannot be strict, as ``(lo, hi, rows)``: the rows whose
    inequality between outcomes lo < hi (core codes) stays 0."""
    q = strict.shape[1]
    K = q + 1
    row, slot = np.nonzero(~strict)
    a, b = y[row], _others(y, q)[row, slot]
    pair = np.minimum(a, b) * K + np.maximum(a, b)
    return [(*divmod(int(c), K), row[pair == c]) for c in np.unique(pair)]  # lo < hi


def bounded_along_separation(data: ModelData, R: np.ndarray) -> bool:
    """Whether every row of R (equation-major, the user's units) gives a combination R b
    that stays finite along every separating direction of ``data`` (R d = 0 on the span of
    the cone, :func:`apart`): the difference of two coefficients that diverge together, or
    a level's log-odds where a factor's dummies and the intercept diverge against each
    other. False when that span is not known (rows not in memory, or its cross products
    would not fit in memory) or the separation is complete (every direction separates)."""
    span = compute_once(data, "_separating_span", _separating_span)
    if span is None:
        return False
    basis, scale, T = span
    Ru = R / np.tile(scale, data.q)[None, :]  # b_unit = scale b: R b = (R / scale) b_unit
    if T is not None:  # b_unit = T b' in every equation
        Ru = (Ru.reshape(len(Ru), data.q, data.p) @ T).reshape(len(Ru), -1)
    return not _moved(Ru, basis).any()


def moving_rows(data: ModelData, X: np.ndarray) -> np.ndarray | None:
    """Which rows of ``X`` (design values in the user's units, NaN read as 0) have linear
    predictors that some separating direction of ``data`` moves (x'd_k != 0 for an outcome
    k, the reference's d being 0): their probabilities are where the fit stopped. The
    others' are not, whichever coefficients diverge: with a rare level as a factor's
    baseline, the intercept diverges with that level's log-odds, but a row of another
    level reads their difference, which stays finite. None when the span of the directions
    is not known (see :func:`bounded_along_separation`)."""
    span = compute_once(data, "_separating_span", _separating_span)
    if span is None:
        return None
    basis, scale, T = span
    out = np.zeros(len(X), dtype=bool)
    p = data.p
    for lo in range(0, len(X), _ROWS):
        # a subnormal x, or a product of a basis entry with one, is the 0 it rounds to
        with numeric_errstate():
            Xu = np.nan_to_num(X[lo : lo + _ROWS]) / scale  # x b = (x / scale) (scale b)
            if T is not None:
                Xu = Xu @ T
        for k in range(data.q):
            out[lo : lo + _ROWS] |= _moved(Xu, basis[k * p : (k + 1) * p])
    return out


def _moved(Ru: np.ndarray, basis: np.ndarray) -> np.ndarray:
    """Which rows of ``Ru`` (on unit-scaled columns) give combinations that some direction
    of the span (orthonormal ``basis``, rows as Ru's columns) moves.

    An entry that no direction moves by more than ZERO is one none moves (the basis's
    rounding), as :func:`apart` reads it. R d is 0 where the moved entries' terms cancel,
    judged against the smaller of their size and the row's largest entry: against the
    row's alone, a row whose moved entries are small beside its others (x = 1e-8 of the
    column's largest beside the intercept's 1, off a separating hyperplane x = 0; a
    restriction b_v = b_w of a column v in units of 1e8 beside w in units of 1) was read
    as not moved, and against the terms' alone, a row of an offset column (1e6 + z) past
    the hyperplane was, its terms cancelling to 2e-7. Rows are scaled to a largest entry of 1."""
    reach = np.linalg.norm(basis, axis=1)
    reached = reach > ZERO
    size = np.abs(Ru).max(axis=1)
    # products of a row's entries far below its largest (x = -1e308 beside 5) with the
    # basis underflow to the 0 they mean, whatever numpy error handling the program set
    with numeric_errstate():
        Ru = Ru / np.where(size > 0, size, 1.0)[:, None]  # 1e-300 squared to 0 in the norm
        moved = np.linalg.norm(Ru[:, reached] @ basis[reached], axis=1)
        return moved > ZERO * np.minimum(np.abs(Ru[:, reached]) @ reach[reached], 1.0)


def _separating_span(
    data: ModelData,
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None] | None:
    """An orthonormal basis (q p, dim), equation-major by core code, of the span of the
    separating directions on the unit-scaled columns, or, where some column is nearly a
    combination of the others, on their conditioned columns X T
    (:func:`~mnlogit._lp_design.conditioning`); the columns' scale; T (None for the columns
    themselves). None when the span is not known (see :func:`bounded_along_separation`).

    A combination R d is read on the conditioned columns, as (R T) d': mapped back through
    T, whose entries grow as the columns near collinearity (1e6 beside x = 1e6 + z), the
    basis's rounding (1e-13) came back as 1e-7, past ZERO, and B:x - C:x, which no
    direction moves with the centred column, was read as moved."""
    if not data.in_memory:
        return None
    cone = separating_cone(data)
    if cone is None:
        return np.zeros((data.q * data.p, 0)), np.ones(data.p), None
    keep, scale, strict, D_unit = cone
    tied = _tied(data.y[keep], strict.reshape(-1, data.q))
    if not tied or not information_fits(data.q * data.p, 1):
        return None
    X = data.X[keep] / scale
    T = conditioning(X, model_residuals(data))
    basis = _tied_null_space(X if T is None else rotated(X, T), tied, data.q)
    # the direction found lies in the span; kept, whatever the rounding of its basis
    found = D_unit / np.abs(D_unit).max()
    if T is not None:
        found = np.linalg.solve(T, found)  # d' = T^-1 d in every equation
    return linalg.orth(np.column_stack([basis, found.T.reshape(-1, 1)]), rcond=ZERO), scale, T


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


def constraint_entries(y: np.ndarray, p: int, q: int) -> int:
    """Nonzero entries of :func:`constraints` for outcomes ``y`` (core codes) and p columns:
    a row of a non-reference outcome owns q inequalities of 2p entries less p (the reference's
    equation has none), a row of the reference q of p."""
    counts = np.bincount(y, minlength=q + 1)
    return p * (int(counts[:q].sum()) * (2 * q - 1) + int(counts[q]) * q)


def constraints(X: np.ndarray, y: np.ndarray, q: int) -> sparse.csr_matrix:
    """Rows of A with (A d)_{(i,k)} = x_i'(d_{y_i} - d_k), d equation-major (index j*p + a).

    Row i owns the q constraints for the levels k != y_i, in level order. Built from COO
    triplets in one go: a +x_i block at equation y_i (absent when y_i is the reference) and a
    -x_i block at equation k (absent when k is the reference).
    """
    n, p = X.shape
    levels = np.arange(q + 1)
    others = np.broadcast_to(levels, (n, q + 1))[levels[None, :] != y[:, None]].reshape(n, q)
    m = n * q
    con = np.arange(m)
    row_of = np.repeat(np.arange(n), q)
    k = others.ravel()
    yk = y[row_of]

    def block(
        eq: np.ndarray, sign: float, keep: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        # only the nonzero entries: a factor's dummies are 0 on most rows, and stored, those
        # zeros were most of what the programs read (a factor of 100 levels, 20000 rows:
        # 2e7 entries, 97% of them 0, and the fit's check took 42 s instead of 17)
        rows = X[row_of[keep]]
        i, a = np.nonzero(rows)
        return con[keep][i], eq[keep][i] * p + a, sign * rows[i, a]

    pos = block(yk, 1.0, yk < q)
    neg = block(k, -1.0, k < q)
    rows_, cols_, vals = (np.concatenate(parts) for parts in zip(pos, neg, strict=True))
    return sparse.csr_matrix((vals, (rows_, cols_)), shape=(m, q * p))


def solve_lp(
    c: np.ndarray,
    A_ub: sparse.csr_matrix,
    b_ub: np.ndarray,
    bounds: list[tuple[float | None, float | None]],
) -> np.ndarray:
    res = linprog(c, A_ub=A_ub, b_ub=b_ub, bounds=bounds, method="highs")
    if res.status != 0:
        raise EstimationError(f"the separation linear program failed: {res.message}")
    return res.x


# HiGHS's large_matrix_value: an entry past it makes the model an error ("Model error")
_LARGEST_ENTRY = 1e15


def largest_margin(
    X: np.ndarray, y: np.ndarray, q: int, scale: np.ndarray, residuals: np.ndarray | None = None
) -> tuple[float, np.ndarray | None]:
    """For complete separation: the largest t with every x_i'(d_{y_i} - d_k) >= t over
    |d| <= 1 on the design ``X`` as given (as the reference records it), and its direction
    on the unit-scaled columns (p, q; ``scale`` the columns' largest entries).

    Solved as its reciprocal, the smallest max |d| with every inequality at least 1, on the
    columns of :func:`~mnlogit._lp_design.conditioning` (or the unit-scaled ones), d mapped
    back by M; the margin is then read off the inequalities on ``X`` at the direction found.
    Solved on ``X`` itself, beside x = 1e6 + z, the margin (1.4e-8) was below the solver's
    tolerances: it came out as 2.6e-8, and against another reference as -0.0.

    NaN and None when the box on the coefficients as given cannot be posed to the solver:
    a column whose largest entry is 1e-300 bounds its unit-scaled coefficient by 1e300
    times the bound, past what HiGHS reads ("Model error"), and the separated fit, and a
    Firth fit's table noting the separation, were refused for a number nothing else needs;
    and so when the solver fails on the box: beside one row at x = 1e9 among rows of order
    1, the inequalities of the others ask |d| of 1e9 to reach 1, which HiGHS called
    infeasible, and the separated fit was refused with its message."""
    p = X.shape[1]
    Xu = X / scale
    T = conditioning(Xu, residuals)
    if T is None:
        A = constraints(Xu, y, q)
        M = sparse.diags(np.tile(1.0 / scale, q), format="csr")
    else:
        A = constraints(Xu @ T, y, q)
        M = sparse.block_diag([T / scale[:, None]] * q, format="csr")
    if not abs(M).max() < _LARGEST_ENTRY:
        return float("nan"), None
    m, nv = A.shape
    bound = sparse.csr_matrix(np.ones((nv, 1)))
    A_ub = sparse.vstack(
        [
            sparse.hstack([-A, sparse.csr_matrix((m, 1))]),
            sparse.hstack([M, -bound]),
            sparse.hstack([-M, -bound]),
        ],
        format="csr",
    )
    try:
        x = solve_lp(
            np.r_[np.zeros(nv), 1.0],
            A_ub,
            np.r_[-np.ones(m), np.zeros(2 * nv)],
            [(None, None)] * nv + [(0.0, None)],
        )
    except EstimationError:  # posed, but past the solver's tolerances (see the docstring)
        return float("nan"), None
    d = M @ x[:nv]
    d = d / np.abs(d).max()
    return float((constraints(X, y, q) @ d).min()), d.reshape(q, p).T * scale[:, None]


def lift_bounded(
    A: sparse.csr_matrix, strict: np.ndarray, q: int = 1, working: np.ndarray | None = None
) -> np.ndarray:
    """The second step of :func:`mnlogit.separation.detect`: marks in ``strict`` (in place)
    every inequality that can be strict and returns a direction (flat, equation by equation)
    that makes them so.

    As in the first step, the direction stays in |d| <= 1 and an inequality counts as strict
    above ``ZERO``: each round maximises the sum of the inequalities still tied and marks
    those it lifts, until none is lifted. An inequality that some feasible direction makes
    strict is lifted in some round: while it is tied, a round's optimum is positive, so each
    round lifts at least one. (With the direction free, as a program with slacks would
    have it, a natural-spline basis's inequalities that are 0 to rounding were lifted by
    directions of size 1e16.) With a ``working`` subset (``A``'s rows q to a row of the
    data), each round is solved by row generation (:func:`_maximise`).
    """
    nv = A.shape[1]
    total = np.zeros(nv)
    while not strict.all():
        tied = np.flatnonzero(~strict)
        gain = np.asarray(A[tied].sum(axis=0)).ravel()
        x = _maximise(gain, A, q, working)
        lifted = tied[A[tied] @ x > ZERO]
        if not len(lifted):
            break
        strict[lifted] = True
        total += x
    return total


def _maximise(
    gain: np.ndarray, A: sparse.csr_matrix, q: int, working: np.ndarray | None
) -> np.ndarray:
    """max gain @ d subject to A d >= 0, |d| <= 1: the whole program, or, given a
    ``working`` subset of its inequalities (a tall program), by row generation from it
    (:mod:`mnlogit._row_generation`), which may find another optimum where it is not unique."""
    if working is None:
        return solve_lp(-gain, -A, np.zeros(A.shape[0]), [(-1.0, 1.0)] * A.shape[1])
    return maximise(gain, A, q, working, lambda *args: solve_lp(*args))


Cone = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def separating_cone(data: ModelData) -> Cone | None:
    """The first two steps of :func:`mnlogit.separation.detect`: (rows of positive weight,
    the columns' scale, which inequalities can be strict, (n_kept q,) row by row, and a
    direction (p, q) on the unit-scaled columns that makes them so), or None when the data
    are not separated. Kept on ``data``: a linear program over every row, which the fit's
    check and the likelihood-ratio tests of a separated fit each need (seconds at 1e5
    rows)."""
    return compute_once(data, "_separating_cone", _cone)


def _cone(data: ModelData) -> Cone | None:
    keep, scale, T, typical, A, _ = _program(data)
    p, q = data.p, data.q
    found = _separating(A, q)
    for _ in range(_REPOSED):
        if found is None:
            return None
        factor = _broken(A, found[0])
        if factor is None:
            break
        # the same cone, the broken inequalities weighed past the solver's tolerance
        A = sparse.diags(factor, format="csr") @ A
        found = _separating(A, q)
    if found is None:
        return None
    x, strict = found
    D_unit = x.reshape(q, p).T
    if typical is not None:
        D_unit = D_unit / typical[:, None]
    if T is not None:
        D_unit = _read_back(T, D_unit)
    if typical is not None or T is not None:  # back to the unit-scaled columns, largest 1
        D_unit = D_unit / np.abs(D_unit).max()
    return keep, scale, strict, D_unit


def _separating(A: sparse.csr_matrix, q: int) -> tuple[np.ndarray, np.ndarray] | None:
    """The first two steps of :func:`mnlogit.separation.detect` on the inequalities ``A``: a
    direction (flat) that makes strict every inequality that can be, and which those are;
    None when the first program finds no direction."""
    total = np.asarray(A.sum(axis=0)).ravel()  # sum(A d) = total @ d
    working = np.zeros(A.shape[0], dtype=bool) if is_tall(A) else None
    x = _maximise(total, A, q, working)
    if total @ x <= ZERO:
        return None
    strict = A @ x > ZERO
    if not strict.all():
        x = x + lift_bounded(A, strict, q, working)
    return x, strict


# An inequality x_i'(d_{y_i} - d_k) below -_BROKEN of its terms' size |x_i|'|d| is broken
# by the direction, not tied: far past the rounding of the design (1e-16 of it; 1e-10
# through the conditioning's rotation in float64), though within the solver's absolute
# tolerance (1e-7), which let a direction break the inequalities of rows that overlap by
# less than that. Beside y = 'a' at x = 1 + 1e-8 and 'b' at x = 1 (rows of either outcome
# on either side otherwise) the data were reported as quasi-completely separated, every
# standard error NaN, where the maximum likelihood is finite (R's glm: slope 332.3, its
# standard error 75492).
_BROKEN = 1e-9
_REPOSED = 6  # programs posed again, each with the inequalities broken so far weighed more


def _broken(A: sparse.csr_matrix, x: np.ndarray) -> np.ndarray | None:
    """Row factors for ``A`` that weigh each inequality the direction ``x`` breaks (see
    _BROKEN) by the inverse of its share broken, so that the solver's tolerance no longer
    lets a direction break it by as much; None when ``x`` breaks none. Scaling an
    inequality leaves the cone of separating directions as it is."""
    v = A @ x
    size = abs(A) @ np.abs(x)
    broken = v < -_BROKEN * size
    if not broken.any():
        return None
    factor = np.ones(A.shape[0])
    factor[broken] = size[broken] / -v[broken]
    return factor


def _read_back(T: np.ndarray, D: np.ndarray) -> np.ndarray:
    """The direction ``D`` (p, q) found on the columns X T, on the columns X: T D, each entry
    that cancels to ZERO of its terms' size 0, as :func:`_columns_moved` reads the span.
    T's entries are as large as the columns are close to collinear, and carry the programs'
    tolerance on D with them: beside x + 1e6 a slope the direction does not move came back
    as 2e-7 (of the largest entry), past ZERO, and was named as diverging, its standard
    error and tests NaN, where the fit on x itself estimates it."""
    moved = T @ D
    terms = np.abs(T) @ np.abs(D)
    return np.where(np.abs(moved) > ZERO * terms, moved, 0.0)


Program = tuple[
    np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None, sparse.csr_matrix, np.ndarray
]


def _program(data: ModelData) -> Program:
    """What the linear programs read: the rows of positive weight, the columns' scale, the
    conditioning T and the typical entries (or None), the inequalities A on that design, and
    the size each row was divided by (see :func:`~mnlogit._lp_design.programs_design`)."""
    keep = data.w > 0
    check_separation_fits(constraint_entries(data.y[keep], data.p, data.q))
    X, y = data.X[keep], data.y[keep]
    scale = np.abs(X).max(axis=0)
    scale[scale == 0] = 1.0
    T = conditioning(X / scale, model_residuals(data))
    Xlp = X / scale if T is None else rotated(X / scale, T)
    typical = typical_entries(Xlp)
    design, size = programs_design(Xlp, typical)
    return keep, scale, T, typical, constraints(design, y, data.q), size


def proves_finite(data: ModelData, B: np.ndarray) -> bool:
    """Whether coefficients ``B`` (p, q, core order; a maximum-likelihood fit's, polished)
    prove that the first linear program of :func:`separating_cone` finds no separating
    direction; if so, that finding is kept on ``data``, so the exact check solves none.

    Stiemke's lemma: no d has A d >= 0 with A d != 0 exactly when some lambda > 0 has
    A'lambda = 0. The fitted probabilities give one: with lambda_(i,k) = w_i p_ik for the
    levels k != y_i, A'lambda is the score, 0 at the maximum. At B, for any d in the
    program's box |d| <= 1 with A d >= 0, sum(A d) <= |A'lambda|_1 / min(lambda), the
    program's optimum too; at most ZERO, it finds none (its own threshold). On wide data the
    program took minutes (212 s at 3000 rows of 600 columns, where the fit takes 1 s);
    near separation some probability is close to 0 and the bound fails, so the program
    runs."""
    if not data.in_memory:
        return False
    keep, _, _, _, A, size = _program(data)
    X, y, w, q = data.X[keep], data.y[keep], data.w[keep], data.q
    eta = np.zeros((len(y), q + 1))
    eta[:, :q] = X @ B
    P = np.exp(eta - logsumexp(eta, axis=1, keepdims=True))
    lam = ((w * size)[:, None] * np.take_along_axis(P, _others(y, q), axis=1)).ravel()
    if not lam.size or not lam.min() > 0:
        return False
    # the residual as computed, its rounding included (a bound of that rounding, eps
    # |A|'lambda, is some 1e5 times it and would fail every proof on wide data)
    if not np.abs(A.T @ lam).sum() <= ZERO * lam.min():
        return False
    compute_once(data, "_separating_cone", lambda d: None)
    return True
