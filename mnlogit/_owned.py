"""Coefficients that one sampling unit (a PSU of a survey design, a cluster) determines alone.

A design column that only one unit's rows carry (a dummy for that PSU, its interaction with
a slope, or the intercept beside dummies for every other PSU) has a coefficient fitted to
that unit's rows: its score equation sets the unit's own score total to zero, so the
sandwich's meat has nothing of its sampling variance. Such standard errors come out small
and their statistics huge (a t of 600 for a PSU dummy), numbers of no meaning: the design
variance of what one PSU alone determines cannot be estimated, as a stratum of one PSU's
cannot. The slopes beside them keep their standard errors (the within-unit estimator).

A cluster-robust or design-based sandwich also estimates no variance along coefficients
where every unit's score total is zero, as when each cluster or PSU holds the same rows: it
is 0 up to rounding there (``VANISHING``), and z would be b over 1e-16. Those are NaN too,
with their own note."""

from __future__ import annotations

from typing import Any

import numpy as np

from ._linalg import flat

__all__ = [
    "VANISHING",
    "leverages",
    "owned_columns",
    "owned_from_shares",
    "owned_note",
    "whitening",
    "without_owned",
]

# an eigenvalue of a unit's share of the weighted Gram matrix this close to 1 is a direction
# no other unit's rows carry (exactly 1 up to rounding)
_OWNED_TOL = 1e-8
_CHUNK = 1 << 15
# a robust standard error this many times the model-based one, or less, is rounding of a zero
VANISHING = 1e-12


def owned_columns(X: np.ndarray, w: np.ndarray, units: np.ndarray) -> np.ndarray:
    """Which design columns move along a direction carried by the rows of one unit only.

    Parameters
    ----------
    X : ndarray (n, p)
        The design's rows.
    w : ndarray (n,)
        Their weights; rows of weight 0 carry nothing.
    units : ndarray (n,)
        Integer code of each row's unit (PSU or cluster).

    Returns
    -------
    ndarray of bool (p,)
        True for a column whose coefficient changes along such a direction.

    Notes
    -----
    With G = X'WX on columns scaled to unit diagonal and T its whitening (G's eigenvectors
    over the square roots of its eigenvalues), each row's leverage is w_i |x_i T|^2 and a
    unit's leverages add up to the trace of its share T' X_g' W_g X_g T, whose eigenvalues
    lie in [0, 1]. An eigenvalue of 1 is a direction a with X a zero outside the unit; the
    leverages of all rows add up to rank(X), so only the few units whose leverages add up
    to 1 or more are examined.

    Examples
    --------
    >>> import numpy as np
    >>> units = np.repeat([0, 1, 2], 4)
    >>> X = np.column_stack([np.ones(12), units == 1, units == 2, np.arange(12.0) % 3])
    >>> owned_columns(X, np.ones(12), units).tolist()  # the intercept is PSU 0's level
    [True, True, True, False]
    """
    n, p = X.shape
    owned = np.zeros(p, dtype=bool)
    w = np.where(w > 0, w, 0.0)  # rows of weight 0 carry nothing
    if n == 0 or not w.any():
        return owned
    units = np.asarray(units, dtype=np.intp)
    parts = [slice(start, start + _CHUNK) for start in range(0, n, _CHUNK)]
    # columns and weights in units of their largest values first, so that no sum of
    # squares passes the float range (weights near 1e300, columns in units of 1e150); in
    # chunks of rows, so that no copy of the design is made
    w = w / w.max()
    top = np.zeros(p)
    for part in parts:
        top = np.maximum(top, np.abs(X[part]).max(axis=0))
    top[~(top > 0)] = 1.0
    G = np.zeros((p, p))
    for part in parts:
        Xc = X[part] / top
        G += Xc.T @ (Xc * w[part, None])
    scale = np.sqrt(np.diag(G))
    scale[~(scale > 0)] = 1.0
    G = G / scale[:, None] / scale[None, :]
    D = top * scale  # X / D: the columns scaled to a unit weighted sum of squares
    T = whitening(G)
    totals = np.zeros(int(units.max()) + 1)
    for part in parts:
        totals += np.bincount(
            units[part], weights=leverages(X[part], w[part], D, T), minlength=len(totals)
        )
    shares = []
    for g in np.flatnonzero(totals >= OWNED_LEVERAGE):
        rows = np.flatnonzero(units == g)
        Z = (X[rows] / D) @ T
        shares.append(Z.T @ (Z * w[rows][:, None]))
    return owned_from_shares(shares, T, p)


# a unit whose rows' leverages add up to less cannot carry a direction alone
OWNED_LEVERAGE = 1 - 1e-6


def whitening(G: np.ndarray) -> np.ndarray:
    """T with T' G T the identity on G's column space, for a G of unit diagonal."""
    p = len(G)
    values, vectors = np.linalg.eigh((G + G.T) / 2)
    kept = values > values.max() * p * np.finfo(float).eps * 10
    return vectors[:, kept] / np.sqrt(values[kept])


def leverages(X: np.ndarray, w: np.ndarray, D: np.ndarray, T: np.ndarray) -> np.ndarray:
    """Each row's leverage w_i |x_i T|^2 in the columns X / D (rows of weight <= 0: 0)."""
    Z = (X / D) @ T
    return np.where(w > 0, w, 0.0) * np.einsum("ij,ij->i", Z, Z)


def owned_from_shares(shares: Any, T: np.ndarray, p: int) -> np.ndarray:
    """The columns along the directions some unit carries alone, from the shares
    T' X_g' W_g X_g T of the units examined (eigenvalues of 1)."""
    directions = []
    for share in shares:
        lam, v = np.linalg.eigh((share + share.T) / 2)
        ones = lam > 1 - _OWNED_TOL
        if ones.any():
            directions.append(T @ v[:, ones])
    if not directions:
        return np.zeros(p, dtype=bool)
    A = np.column_stack(directions)
    A /= np.linalg.norm(A, axis=0)
    return (np.abs(A) > 1e-6).any(axis=1)


def owned_note(res: Any, cells: np.ndarray | None = None) -> str:
    """Why the standard errors of the coefficients without a sampling variance in the fit's
    sandwich are NaN, or "": those of ``cells`` (equation-major), or of every such one. They
    are the coefficients one PSU's (or cluster's) rows determine alone, and those along
    which every unit's score total is zero (``res._vanishing``)."""
    owned = flat(res._owned) if cells is None else np.asarray(cells, dtype=bool)
    if not owned.any():
        return ""
    alone = owned & flat(res._unit_owned)
    vanishing = owned & ~alone
    unit = res.covariance.units(res._data)
    kind = "PSU" if unit is None else unit[1]
    parts = []
    if alone.any():
        parts.append(
            f"No standard errors, tests or intervals for {_names(res, alone)}: each is "
            f"determined by the rows of a single {kind} (a dummy for it, a column only its "
            f"rows carry, or the intercept beside dummies for the others), whose score total "
            f"it sets to zero, so the {res.covariance.label} covariance holds nothing of its "
            f"sampling variance (NaN, as are tests and margins involving it); the other "
            f"coefficients keep theirs. Leave {kind} identifiers out of the formula: the "
            f"{kind}s are already in the covariance. Merge a factor's level that only one "
            f"{kind}'s rows have with another level; as the factor's baseline it takes the "
            f"intercept and all the factor's dummies with it, so at least give the factor "
            f"another baseline (C(x, Treatment('other level')))."
        )
    if vanishing.any():
        who = "row" if unit is None else kind
        same = f"is zero along them (as when each {who} holds the same data)"
        if res.covariance.needs_design:
            # a survey design centres the totals within strata: equal totals leave nothing,
            # and strata sampled in full (or lonely PSUs left out) add nothing at all
            info = res._data.design
            silent = bool((info.domain_psus[info.left_out()] > 0).any())
            same = (
                "less its stratum's mean is zero along them"
                + (" in the strata that add to the variance" if silent else "")
                + " (as when "
                + (
                    "only rows of strata sampled in full or of lonely PSUs left out determine "
                    "them, "
                    if silent
                    else ""
                )
                + f"every {who} of a stratum holds the same data, or the strata are the "
                "outcome's levels, as in a choice-based sample)"
            )
        parts.append(
            f"No standard errors, tests or intervals for {_names(res, vanishing, True)}: "
            f"every {who}'s score total {same}, so the {res.covariance.label} covariance "
            "estimates no "
            f"sampling variance for them (it is below {VANISHING:g} times the model-based "
            f"one: rounding of 0); NaN, as are tests and margins involving them."
            + ("" if res.covariance.needs_design else _MODEL_BASED)
        )
    return " ".join(parts)


_MODEL_BASED = " cov_type='nonrobust' gives the model-based standard errors."


def _names(res: Any, cells: np.ndarray, by_outcome: bool = False) -> str:
    """The coefficients of ``cells`` (equation-major), at most four named: their columns, or
    'outcome:column' when ``by_outcome``."""
    data = res._data
    at = np.flatnonzero(cells)
    cols = [data.column_names[k % data.p] for k in at]
    if by_outcome:
        levels = list(res.params.columns)
        cols = [f"{levels[k // data.p]}:{c}" for k, c in zip(at, cols, strict=True)]
    names = list(dict.fromkeys(cols))
    return ", ".join(map(repr, names[:4])) + (
        f" and {len(names) - 4} more" if len(names) > 4 else ""
    )


def without_owned(V: np.ndarray, cells: np.ndarray) -> np.ndarray:
    """A covariance with NaN in the rows and columns of the owned ``cells`` (equation-major):
    a sandwich's variance of them holds nothing of their own sampling variance."""
    if not cells.any():
        return V
    V = V.copy()
    V[cells, :] = V[:, cells] = np.nan
    return V
