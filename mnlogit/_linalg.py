"""LAPACK helpers: equation-major vectors, Cholesky factor, solve and inverse.

Numpy and scipy only. The parameter vector is equation-major: index ``j * p + a`` is column
``a`` of equation ``j``, which is ``B.T.ravel()`` for the (p, q) coefficient matrix.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import linalg, sparse

from .exceptions import CollinearityWarning, warn

__all__ = [
    "add_by_group",
    "aliased_from_gram",
    "cho_solve",
    "cholesky",
    "column_norms",
    "column_reduce",
    "column_residuals",
    "confirm_residuals",
    "flat",
    "ill_conditioned",
    "in_basis",
    "inverse_from_cholesky",
    "norm",
    "residuals_from_factor",
    "row_factor",
    "stack_factors",
    "unflat",
    "warn_near_collinear",
]


def flat(M: np.ndarray) -> np.ndarray:
    """(p, q) matrix -> equation-major vector."""
    return M.T.ravel()


def in_basis(J: np.ndarray, T: np.ndarray | None) -> np.ndarray:
    """Rows J (m, q p) over equation-major coefficients, times I_q kron T (J itself for
    None): a Jacobian, or restrictions, on coefficients that T maps to those of J.

    Examples
    --------
    >>> in_basis(np.array([[1.0, 2.0, 3.0, 4.0]]), np.array([[1.0, 1.0], [0.0, 1.0]]))
    array([[1., 3., 3., 7.]])
    """
    if T is None or not J.size:
        return J
    p = T.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):  # rows past the largest double: NaN
        return (J.reshape(len(J), -1, p) @ T).reshape(J.shape)


def norm(v: np.ndarray) -> float:
    """The Euclidean norm of ``v`` without overflow: scores summed over rows of frequency
    weight 1e299 are near the float range, and their squares pass it (np.linalg.norm gave
    inf with numpy's overflow warning).

    Examples
    --------
    >>> norm(np.array([3e300, 4e300]))
    5e+300
    """
    m = float(np.abs(v).max()) if v.size else 0.0
    if m == 0.0 or not np.isfinite(m):
        return m
    return m * float(np.linalg.norm(v / m))


def column_norms(X: np.ndarray) -> np.ndarray:
    """The Euclidean norms of the columns of ``X`` without overflow or underflow: squares of
    a column in units of 1e200 overflow to inf and of 1e-200 underflow to 0, as
    np.linalg.norm computes them.

    Examples
    --------
    >>> column_norms(np.array([[3e200, 3e-200, 0.0], [4e200, 4e-200, 0.0]]))
    array([5.e+200, 5.e-200, 0.e+000])
    """
    m = np.abs(X).max(axis=0) if len(X) else np.zeros(X.shape[1])
    m = np.where((m > 0) & np.isfinite(m), m, 1.0)
    return m * np.linalg.norm(X / m, axis=0)


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
    if not np.all(r > 0) or r.min() <= SINGULAR:
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


# A column whose residual, after projecting it on the columns before it, is at most RANK_TOL
# of its length is aliased: R's glm/lm QR tolerance (1e-7 on column norms), here on squared
# lengths of the unit-scaled Gram matrix. Between that and NEAR_COLLINEAR the column is
# estimable but its standard errors are computed to only about -log10(eps / residual^2)
# digits (fewer than six), which a warning says.
RANK_TOL = 1e-7
NEAR_COLLINEAR = 1e-5
# A maximum-likelihood fit in memory runs on an orthogonal basis of the columns when one has
# a residual at most this (see mnlogit._methods.orthogonalise). In their own basis the
# information's rounding costs its inverse about eps n / residual^2: y ~ year + I(year**2)
# (residual 1.8e-5, no warning due) had the quadratic's standard error 2.6e-5 off and its
# Wald statistic 61.8696 for 61.8702. Here that loss is at most about 1e-9.
ORTHOGONALISE_BELOW = 1e-3
# The information (unit-scaled) is singular when a pivot of its Cholesky factor is at most
# this: below RANK_TOL, so that every design the rank check accepts can be fitted, and at the
# rounding floor of a pivot (its square carries errors of order eps, so the pivot sqrt(eps)).
SINGULAR = 1e-8


def ill_conditioned(
    G: np.ndarray, below: float = ORTHOGONALISE_BELOW, lengths: np.ndarray | None = None
) -> bool:
    """Whether the (weighted) Gram matrix X'WX, columns scaled to unit length, has an
    eigenvalue at most ``below`` squared: a condition number of the information of at
    least 1 / below^2, as one column with a residual of ``below`` on the others gives.
    ``lengths``: the columns' lengths to scale by (by default the roots of G's diagonal),
    as when G is a sample's X'WX, below the whole's, whose answer False holds for the whole.

    The residuals of single columns miss near dependencies that build up over several:
    y ~ year + I(year**2 - 4e6) has residuals 4.6e-3 (year on the intercept) and 1.8e-3,
    yet a condition number of 5.6e10, and in the columns' own basis its standard errors
    were 7e-6 off (relative). The smallest eigenvalue is at most every column's squared
    residual on the columns before it (that of a leading block), so this holds whenever a
    residual is at most ``below``.

    Examples
    --------
    >>> year = np.arange(1990.0, 2021.0)
    >>> X = np.column_stack([np.ones_like(year), year, year**2 - 4e6])
    >>> ill_conditioned(X.T @ X), ill_conditioned(X[:, :2].T @ X[:, :2])
    (True, False)
    """
    G = np.asarray(G, dtype=float)
    d = np.sqrt(np.diag(G)) if lengths is None else np.asarray(lengths, dtype=float)
    keep = np.flatnonzero(d > 0)
    if len(keep) < 2:
        return False
    if len(keep) < len(d):
        G, d = G[np.ix_(keep, keep)], d[keep]
    C = G / d
    C /= d[:, None]
    if len(keep) <= _EXACT_MAX_COLUMNS and np.isfinite(C).all():
        # the smallest eigenvalue itself, in at most a millisecond: the power iteration's
        # sixty solves below cost more than that at any size (0.7 ms at 20 columns, 7% of a
        # fit of 1e4 rows), in the calls' overhead
        return bool(np.linalg.eigvalsh(C)[0] <= below**2)
    try:
        c = linalg.cholesky(C, lower=True, overwrite_a=True, check_finite=False)
    except linalg.LinAlgError:
        return True
    if np.diag(c).min() <= below:
        return True
    # the largest eigenvalue of C^-1 by power iteration, two triangular solves a step: an
    # eigendecomposition of C took a second at 2000 columns, a factorisation of the
    # information's size, for every fit; the seeded start keeps the answer reproducible
    v = np.random.default_rng(0).uniform(0.5, 1.5, len(keep))
    largest = 0.0
    for _ in range(_POWER_STEPS):
        v = linalg.solve_triangular(c, v / linalg.norm(v), lower=True, check_finite=False)
        v = linalg.solve_triangular(c, v, lower=True, trans="T", check_finite=False)
        largest = float(linalg.norm(v))
    return largest * below**2 >= 1.0


# up to this many columns, ill_conditioned computes C's smallest eigenvalue (1.4 ms at 200
# columns, 14 ms at 400, where the power iteration takes 3 ms)
_EXACT_MAX_COLUMNS = 200
# steps of the power iteration of ill_conditioned: enough to bring its estimate of the largest
# eigenvalue of C^-1 within a few percent of it (from below) unless the next is as large,
# when either one shows the condition
_POWER_STEPS = 30


def column_residuals(G: np.ndarray, tol: float = RANK_TOL) -> np.ndarray:
    """Each column's residual length, relative to its own, after projecting it on the columns
    before it that are not aliased (0 for a zero column and for aliased ones), from the
    (weighted) Gram matrix X'WX.

    Columns are scaled to unit diagonal first, so the result does not depend on their units.
    """
    G = np.asarray(G, dtype=float)
    d = np.sqrt(np.diag(G))
    out = np.zeros(len(d))
    keep = [j for j in range(len(d)) if d[j] > 0]
    if not keep:  # every column 0 on every row: nothing to factor (LAPACK's empty min)
        return out
    d[d == 0] = 1.0
    C = G / np.outer(d, d)
    try:  # the usual case: full rank, one LAPACK factorisation
        c = linalg.cholesky(C[np.ix_(keep, keep)], lower=True, check_finite=False)
        if np.diag(c).min() > tol:
            out[keep] = np.diag(c)
            return out
    except linalg.LinAlgError:
        pass
    # Rank deficient: factor column by column in design order, so the earliest columns are kept
    # and each aliased column is named where it first adds nothing (as R's alias() does).
    L = np.zeros((len(d), len(d)))
    kept: list[int] = []
    for j in keep:
        v = (
            linalg.solve_triangular(
                L[: len(kept), : len(kept)], C[kept, j], lower=True, check_finite=False
            )
            if kept
            else np.zeros(0)
        )
        resid = C[j, j] - v @ v
        if resid <= tol * tol:
            continue
        k = len(kept)
        L[k, :k] = v
        L[k, k] = np.sqrt(resid)
        out[j] = np.sqrt(resid)
        kept.append(j)
    return out


# Residuals from X'WX that are at most this are made again from the rows (see
# confirm_residuals): twice NEAR_COLLINEAR, so that rounding in X'WX cannot move a column
# across the warning's threshold or the refusal's.
CONFIRM_BELOW = 2 * NEAR_COLLINEAR
# Rows per block of the factorisation: at least this many, and at least 8 per column.
QR_BLOCK_ROWS = 2048


def confirm_residuals(
    found: np.ndarray, X: np.ndarray, w: np.ndarray | None, tol: float = RANK_TOL
) -> np.ndarray:
    """The residuals ``found`` from X'WX (see :func:`column_residuals`), made again from the
    rows when one is at most CONFIRM_BELOW.

    X'WX squares the columns, so a squared residual carries a rounding error of order eps
    times the number of rows: a residual read from it is noise below about 1e-7, R's rank
    tolerance. cr(distance, df=3) beside the intercept (its basis sums to one, so the columns
    are exactly aliased; singular value 3e-16) read 3.8e-7 there: the design passed the rank
    check with a warning, and the fit stopped at its first iteration with a singular
    information, or came out as separated. Here the residuals are the diagonal of the R of a
    QR factorisation of the unit-scaled rows (backward stable: accurate to eps, not sqrt(eps)),
    computed a block of rows at a time, so memory stays bounded.
    """
    if not len(found) or found.min() > CONFIRM_BELOW:
        return found
    return residuals_from_factor(row_factor(X, w)[0], tol)


def row_factor(
    X: np.ndarray,
    w: np.ndarray | None,
    d: np.ndarray | None = None,
    shift: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """(R, d): the upper triangular (p, p) R of a QR factorisation of the rows of
    sqrt(w) (X - shift) / d, d the columns' (weighted) lengths unless given (1 for a zero
    column; it must be given with ``shift``), computed a block of rows at a time (see
    :func:`stack_factors`)."""
    n, p = X.shape
    if d is None:
        sq = np.einsum("ij,ij->j", X, X) if w is None else np.einsum("ij,ij,i->j", X, X, w)
        d = np.sqrt(sq)
        d[d == 0] = 1.0
    R = np.zeros((p, p))
    block = max(QR_BLOCK_ROWS, 8 * p)
    for start in range(0, n, block):
        rows = X[start : start + block]
        rows = (rows if shift is None else rows - shift) / d
        if w is not None:
            rows *= np.sqrt(w[start : start + block])[:, None]
        R = stack_factors(R, rows)
    return R, d


def stack_factors(*parts: np.ndarray) -> np.ndarray:
    """The (p, p) R of the QR of the rows of ``parts`` stacked (R factors or rows): that of
    a design whose row blocks they factor, since R'R is the sum of the blocks' X'X."""
    stacked = np.vstack(parts)
    p = stacked.shape[1]
    R = linalg.qr(stacked, mode="r", check_finite=False)[0][:p]
    return np.vstack([R, np.zeros((p - len(R), p))])


def residuals_from_factor(R: np.ndarray, tol: float = RANK_TOL) -> np.ndarray:
    """Each column's residual on the columns before it that are not aliased, from the R of
    a QR of the unit-scaled design (R'R = X'WX): Gram-Schmidt twice over R's columns (p-
    vectors), skipping those whose residual is at most ``tol``, as column_residuals does."""
    p = R.shape[1]
    out = np.zeros(p)
    basis = np.zeros((p, 0))
    for j in range(p):
        v = R[:, j].copy()
        # BLAS's nrm2 scales as it sums: a column in units of 1e153 (its factor's scale an
        # overflowed sum of squares) had np.linalg.norm's square overflow, with its warning
        size = float(linalg.norm(v))
        if size == 0.0:
            continue
        for _ in range(2):  # twice is enough (Giraud et al. 2005)
            v -= basis @ (basis.T @ v)
        r = float(linalg.norm(v)) / size
        if r <= tol:
            continue
        out[j] = r
        basis = np.column_stack([basis, v / (r * size)])
    return out


def aliased_from_gram(G: np.ndarray, tol: float = RANK_TOL) -> list[int]:
    """Aliased columns of a design from its (weighted) Gram matrix X'WX: those whose residual
    on the earlier columns is at most ``tol`` of their length (see :func:`column_residuals`).

    Examples
    --------
    >>> X = np.array([[1.0, 0.0, 1.0], [1.0, 1.0, 2.0], [1.0, 2.0, 3.0], [1.0, 5.0, 6.0]])
    >>> aliased_from_gram(X.T @ X)  # the third column is the sum of the first two
    [2]
    """
    return [int(j) for j in np.flatnonzero(column_residuals(G, tol) <= tol)]


def warn_near_collinear(
    names: tuple[str, ...],
    residuals: np.ndarray,
    blame: Callable[[np.ndarray], str],
) -> None:
    """Warn about estimable columns so nearly collinear that their coefficients are nearly
    aliased (see :data:`NEAR_COLLINEAR`), in memory and on dask alike. ``blame(near)``: why,
    when only the weights make them so ("" otherwise). An unpenalised fit runs on an
    orthogonal basis of the columns (see :data:`ORTHOGONALISE_BELOW`), which keeps its
    standard errors to about -log10(eps / residual) digits, and those of margins, marginal
    effects and prediction intervals to -log10(eps / residual^2), fewer than six (they read
    the covariance in the columns' own basis). Not called for an L2-penalised fit, which has
    no standard errors and whose penalty identifies even exactly collinear columns."""
    near = np.flatnonzero((residuals > RANK_TOL) & (residuals <= NEAR_COLLINEAR))
    if not len(near):
        return
    worst = float(residuals[near].min())
    eps = np.finfo(float).eps
    digits = max(0, int(np.floor(-np.log10(eps / worst))))
    # margins, marginal effects and prediction intervals are quadratic forms J V J' in the
    # covariance of the columns' own coefficients, whose condition number is 1 / residual^2:
    # at a residual of 2.4e-7 (income / 1e4 + 1e4 beside an intercept) their standard errors
    # were 0.2% off while the warning promised 9 digits of all standard errors
    combined = max(0, int(np.floor(-np.log10(eps / worst**2))))
    why = blame(near)  # collinear only under the weights: not the columns
    accuracy = (
        # the warning said "accurate to only about 3 significant digits" of fits whose
        # standard errors were true to 1e-10
        f"estimable and runs on an orthogonal basis of the columns (its standard errors keep "
        f"about {digits} significant digits; those of margins, marginal effects and "
        f"prediction intervals, which combine these coefficients with the others', about "
        f"{combined}), but their coefficients are nearly aliased with those columns' and have "
        "large standard errors"
    )
    warn(
        f"column(s) {', '.join(repr(names[j]) for j in near)} are nearly linear combinations "
        f"of the columns before them (residual {worst:.1e} of their length): the fit is "
        f"{accuracy}. "
        + (why[:1].upper() + why[1:] or "Centre or drop a redundant column for better ones")
        + ".",
        CollinearityWarning,
    )


def add_by_group(sums: np.ndarray, codes: np.ndarray, values: np.ndarray) -> None:
    """``sums[codes[i]] += values[i]`` for every row i, in place, as the product of a sparse
    indicator matrix: about 5 times faster than ``np.add.at`` (0.6 s of a cluster-robust fit
    at 1e6 x 20 x 5). Each group's rows are added in order, then to ``sums``: from zeros the
    bits of np.add.at, which adds them to ``sums`` one by one."""
    m = len(codes)
    if m:
        indicator = sparse.csc_array((np.ones(m), codes, np.arange(m + 1)), shape=(len(sums), m))
        sums += indicator @ values


def column_reduce(ufunc: np.ufunc, X: np.ndarray) -> np.ndarray:
    """``ufunc.reduce`` (np.add, np.maximum, np.minimum) of the row-major ``X``'s columns,
    starting from 0.

    numpy reduces a row-major (m, p) array over its rows p values at a time, a loop too
    short to be fast when p is small: max and min took 0.56 ms at 1e4 x 11, as long as the
    rest of an X'WX pass. Folded into rows of k p values (k rows side by side), the same
    operations take 0.06 ms. A maximum or minimum is the same value in any order; a sum
    rounds differently (it is read only to tell finite columns from the others)."""
    m, p = X.shape
    k = max(1, 512 // max(p, 1))
    whole = m // k * k
    out = ufunc.reduce(X[whole:], axis=0, initial=0.0)
    if whole:
        folded = ufunc.reduce(X[:whole].reshape(m // k, k * p), axis=0, initial=0.0)
        ufunc(out, ufunc.reduce(folded.reshape(k, p), axis=0), out=out)
    return out
