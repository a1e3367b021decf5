"""The design the separation's linear programs are posed on, kept from the solver's
absolute tolerances.

An orthogonal basis of the columns where one is nearly a combination of the others
(:func:`conditioning`, beside x = 1e6 + z; from the rank check's residuals,
:func:`model_residuals`) and the product with it in extended precision (:func:`rotated`);
beside an outlying entry (an x of 1e12 among values near 1), the columns divided by their
typical entries and each row by its largest (:func:`typical_entries`,
:func:`programs_design`). Neither changes the cone of separating directions, only how
exactly the solver sees it; :mod:`mnlogit._recession` poses the programs on it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from scipy import linalg

from ._linalg import ORTHOGONALISE_BELOW, column_residuals, row_factor
from ._once import compute_once

if TYPE_CHECKING:
    from ._data import ModelData

__all__ = ["conditioning", "model_residuals", "programs_design", "rotated", "typical_entries"]


def conditioning(X: np.ndarray, residuals: np.ndarray | None = None) -> np.ndarray | None:
    """T (p, p) with the columns of X T orthogonal and of largest entry 1, where a column
    of ``X`` is nearly a combination of the others (residual at most ORTHOGONALISE_BELOW of
    its length, as the fit's orthogonal basis); None otherwise.

    The separating directions of X T are T^-1 those of X, which inequalities can be strict
    the same. On the columns as given, the solver's absolute tolerances were wider than what
    nearly collinear columns can separate: beside x = 1e6 + z (y = 'B' exactly when
    z > 0.2), a direction along x moved the inequalities by 1e-6 z, so 38 of 60 rows were
    counted on the boundary and the coefficients of 'C', which overlaps 'A', as diverging.
    ``residuals``: the model's (:meth:`mnlogit._data.ModelData.column_residuals`, from the
    sums it keeps), else found from X'X, which on a factor of many levels takes minutes."""
    if X.shape[1] < 2 or not X.shape[0]:
        return None
    if residuals is None:
        residuals = column_residuals(X.T @ X)
    live = residuals[residuals > 0]
    if not live.size or live.min() > ORTHOGONALISE_BELOW:
        return None
    R, d = row_factor(X, None)
    T = linalg.solve_triangular(R, np.eye(X.shape[1])) / d[:, None]
    size = np.abs(X @ T).max(axis=0)
    T = T / np.where(size > 0, size, 1.0)[None, :]
    # an entry within the rounding of its column's largest is 0 (one that is 0 came out
    # 1e-17): read back through T, a direction moved the coefficients of columns it does not
    # touch by that rounding, which the separating span counted as moving them
    T[np.abs(T) <= X.shape[1] * np.finfo(np.float64).eps * np.abs(T).max(axis=0)] = 0.0
    return T


def rotated(X: np.ndarray, T: np.ndarray) -> np.ndarray:
    """X @ T (unit-scaled columns ``X``, the conditioning ``T`` of :func:`conditioning`),
    in extended precision where the platform has it and the product is small enough for
    numpy's loops (not BLAS).

    T undoes the near collinearity of columns such as x = 1e6 + z beside the intercept, so
    its entries are as large as the collinearity is close (1e6 there), and the product's
    rounding in float64, eps times them, moved inequalities that are exactly 0 by 1e-10:
    a direction that barely separates two rows 4e-4 apart amplified that past the programs'
    threshold, so that rows tied on the boundary at x = z were counted strict at 1e6 + z."""
    wide = np.longdouble
    if np.finfo(wide).eps >= np.finfo(np.float64).eps or X.shape[0] * T.size > _WIDE_PRODUCT:
        out = X @ T
    else:
        out = np.asarray(X.astype(wide) @ T.astype(wide), dtype=np.float64)
    # an entry within the rounding of its sum of products is 0, T's entries rounded to
    # within eps of its column's largest (an entry of T that is 0 came out 1e-17): a
    # combination of columns 0 off a cell came out 1e-18 there, which made the column's
    # typical entry that rounding (typical_entries), and the programs, dividing by it,
    # found no separating direction where the design without T has one
    sums = np.abs(X).sum(axis=1)[:, None] * np.abs(T).max(axis=0)[None, :]
    rounding = X.shape[1] * np.finfo(np.float64).eps * sums
    out[np.abs(out) <= rounding] = 0.0
    return out


# multiply-adds of X @ T done in extended precision at most (about half a second)
_WIDE_PRODUCT = 10**8


def model_residuals(data: ModelData) -> np.ndarray | None:
    """The columns' residuals the rank check read (None where it read none), on the columns
    divided by powers of two as the fit's (the residuals are relative, so the same): X'X of a
    column in units of 1e300 overflowed to inf, and inf / inf gave a numpy warning. Found
    once (the equilibrated design is a copy of X)."""
    return compute_once(data, "_model_residuals", lambda d: d.equilibrated()[0].column_residuals())


# a column whose typical entry is below this share of its largest (one x of 1e12 beside values
# near 1) is rescaled for the linear programs
_OUTLYING = 1e-4


def typical_entries(X: np.ndarray) -> np.ndarray | None:
    """Each column's median nonzero absolute entry, where some column's is below _OUTLYING
    of its largest (1 on unit-scaled columns); else None (the programs run on ``X``)."""
    if not X.size:
        return None
    size = np.abs(X)
    nonzero = np.where(size > 0, size, np.nan)
    nonzero[0, ~(size > 0).any(axis=0)] = 1.0  # an all-zero column (no all-NaN median)
    typical = np.nanmedian(nonzero, axis=0)
    return typical if (typical < _OUTLYING).any() else None


def programs_design(X: np.ndarray, typical: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The rows the linear programs read, and what each row was divided by: ``X`` itself
    (ones), or, beside an outlying entry, its columns divided by their typical entries and
    each row by its largest.

    Scaling a column or a row by a positive number leaves the cone of separating directions
    as it is, but not the solver's tolerances, which are absolute: on columns scaled to unit
    maximum, an x of 1e12 among values near 1 left those at 1e-12, and a direction along x
    broke the inequalities of the rows of other outcomes by 1e-12, within tolerance, so data
    that no direction separates were reported as quasi-completely separated by x."""
    if typical is None:
        return X, np.ones(len(X))
    X = X / typical
    size = np.abs(X).max(axis=1, keepdims=True)
    size = np.where(size > 0, size, 1.0)
    return X / size, size.ravel()
