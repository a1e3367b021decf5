"""The sums of its rows a model keeps from its first pass: X'WX (or, on a wide design, that of
a sample of rows), each column's sum of squares and X'WY.

They serve the rank check, the columns' equilibration, the score at the intercept-only start
and the first metric of the L-BFGS phase. X'WX costs n p^2 / 2 multiply-adds against about
n p q for a gradient pass: at p = 1000 and K = 5 as much as a dozen passes. The metric needs
it only roughly, and the rank check only to tell that no column is (nearly) a combination of
the others; a wide design therefore keeps the X'WX of a systematic sample of rows and the
exact diagonal and X'WY (one O(n p q) pass), and the exact X'WX is computed only when the
sample cannot settle the rank (see :func:`residuals`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from scipy import linalg

from . import _fisher
from ._grouped import GroupedDesign, grouped_gram
from ._linalg import NEAR_COLLINEAR, cho_solve, cholesky, column_residuals

__all__ = [
    "CONSTANT_SHARE",
    "OFF_CENTRE",
    "SUM_KEYS",
    "column_moments",
    "column_scale",
    "compute",
    "constant_combination",
    "divide",
    "empty_cells",
    "is_ones_column",
    "keep_gram",
    "metric_gram",
    "residuals",
    "spans_constant",
    "subset",
]

# A sample of this many rows per column, taken when the design has at least SAMPLE_MIN_COLUMNS
# columns and the sample is at most SAMPLE_MAX_SHARE of the rows. 20 rows per column leave the
# sample's X'WX within a factor of about 1.5 of the whole's in every direction, and L-BFGS as
# many steps as with the exact X'WX (measured at 1e5 x 500 and 1e5 x 1000, K = 5).
SAMPLE_ROWS_PER_COLUMN = 20
SAMPLE_MIN_COLUMNS = 64
SAMPLE_MAX_SHARE = 0.25

# "gram": exact X'WX (p, p); "gram_sample": a sample's X'WX scaled up to the whole weight,
# "sample_share": the sample's share of the weight; "sum_squares": diag(X'WX) (p,) exactly;
# "by_outcome": X'WY (p, q+1), exactly
# "extent": each column's largest absolute value (p,)
SUM_KEYS = ("gram", "gram_sample", "sample_share", "sum_squares", "by_outcome", "extent")
# An equilibrated copy's cache holds, under this key, the sums its data keep for every such copy
ORIGIN = "equilibrated_sums_of_origin"
# and under this one, the data it was made from and the divisors (see InformationPass)
UNSCALED = "unscaled_data_and_divisors"

# Columns are equilibrated by powers of two (see InMemoryData.equilibrated): first those
# whose largest entry is outside EXTREME_COLUMN, whose squares in X'WX would overflow or
# underflow, then those whose root mean square is outside UNIT_RMS.
EXTREME_COLUMN = (2.0**-480, 2.0**480)
UNIT_RMS = (2.0**-8, 2.0**8)

# The sample's bounds settle the rank only when every one is above this times NEAR_COLLINEAR.
# A bound is below the exact residual only in exact arithmetic: both are pivots of a Cholesky
# factor, and a pivot r carries a relative rounding error of about p eps / r^2 (2e-6 p at
# r = 1e-5), so a column whose residual lies on the sampled rows alone had a bound of
# 1.000003e-5 (no warning) where the exact X'WX gave 9.99999e-6 (a warning). At twice the
# threshold that error is about p * 3e-7 of the bound: rounding does not cross the margin.
BOUND_MARGIN = 2.0


# A column whose mean is this many times its spread (a year, x + 1e4) leaves the information
# nearly singular beside the intercept: the IIA comparisons then run on centred columns
OFF_CENTRE = 30.0


def column_moments(sums: dict[str, Any], total: float) -> tuple[np.ndarray, np.ndarray]:
    """Each column's weighted mean and spread (standard deviation) over the rows, from X'WY
    (its row sums are X'W1) and the sums of squares: no pass over the rows."""
    mean = sums["by_outcome"].sum(axis=1) / total
    return mean, np.sqrt(np.abs(sums["sum_squares"] / total - mean**2))


def _power_of_two(size: np.ndarray, band: tuple[float, float]) -> np.ndarray:
    """The power of two nearest each positive ``size`` outside ``band``, else 1."""
    out = np.ones(len(size))
    outside = (size > 0) & np.isfinite(size) & ((size < band[0]) | (size > band[1]))
    out[outside] = np.exp2(np.round(np.log2(size[outside])))
    return out


def sample_stride(n: int, p: int) -> int | None:
    """Every how many rows the sample of a design of n rows and p columns takes one, or None
    when the exact X'WX is cheap enough."""
    if p < SAMPLE_MIN_COLUMNS or SAMPLE_ROWS_PER_COLUMN * p > SAMPLE_MAX_SHARE * n:
        return None
    return n // (SAMPLE_ROWS_PER_COLUMN * p)


def compute(
    X: np.ndarray,
    y: np.ndarray,
    w: np.ndarray | None,
    levels: int,
    grouped: GroupedDesign | None,
    threads: int,
) -> dict[str, Any]:
    """The sums of a design (``w`` None: unweighted), in one pass (two on a wide design)."""
    if grouped is not None:  # blocks of dummies: counted by level, not multiplied
        G, XWY = grouped_gram(grouped, w, y, levels, threads=threads)
        extent = _fisher.column_extent(X, w)
        return {"gram": G, "by_outcome": XWY, "sum_squares": np.diag(G).copy(), "extent": extent}
    stride = sample_stride(*X.shape)
    # a column of entries near 1e200 overflows here: its sums are made again once it is scaled
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        s = _fisher.gram_stats(X, w, y=y, levels=levels, exact=stride is None, threads=threads)
        sums = {"sum_squares": s.info, "by_outcome": s.score, "extent": s.extent}
        if stride is None:
            assert s.info is not None  # a GRAM pass
            return {**sums, "gram": s.info, "sum_squares": np.diag(s.info).copy()}
        ws = None if w is None else w[::stride]
        # the sample read in place, through its row stride (BLAS takes it as it is): a
        # gathered copy's fresh pages cost more than the product (0.3-0.5 s at 1e5 x 1000)
        Gs, _ = _fisher.gram(X[::stride], ws, threads=threads)
    rows = len(range(0, len(X), stride))
    share = rows / len(X) if ws is None or w is None else float(ws.sum() / w.sum())
    return {**sums, "gram_sample": Gs / share if share > 0 else Gs, "sample_share": share}


def column_scale(sums: dict[str, Any], total_weight: float) -> tuple[np.ndarray, np.ndarray]:
    """The columns' divisors, from the sums of the design: first those whose largest entry is
    outside EXTREME_COLUMN (their squares overflow or underflow), or whose weighted sum of
    squares overflowed (large frequency weights), then (``second``) by the
    root mean square of the design divided by the first; both powers of two. Returns
    (first, second): the sums hold for X / first only when ``first`` is all ones."""
    extent = sums["extent"]
    first = _power_of_two(extent, EXTREME_COLUMN)
    # frequency weights summing near the largest total they may have (1e302) overflow the
    # squares of entries of ordinary size (1e4): such a column is first divided to entries
    # of at most 1, whose squares' weighted sum is at most the total weight
    over = ~np.isfinite(sums["sum_squares"]) & np.isfinite(extent) & (extent > 0) & (first == 1)
    first[over] = np.exp2(np.ceil(np.log2(extent[over])))
    return first, unit_scale(sums["sum_squares"], total_weight)


def unit_scale(sum_squares: np.ndarray, total_weight: float) -> np.ndarray:
    """The power of two nearest each column's root mean square outside UNIT_RMS, else 1."""
    return _power_of_two(
        np.sqrt(np.maximum(sum_squares, 0.0) / max(total_weight, 1e-300)), UNIT_RMS
    )


# The constant is in the column space when regressing 1 on X leaves a weighted residual sum of
# squares below this share of the total: rounding, not a missing direction.
CONSTANT_TOL = 1e-9


def spans_constant(G: np.ndarray, by_outcome: np.ndarray, total: float, tol: float) -> bool:
    """Whether the columns of X'WX ``G`` span the constant: the weighted residual of
    regressing 1 on X, from G and X'W1 (the row sums of X'WY ``by_outcome``), at most ``tol``
    of the total weight. The columns are first scaled by powers of two to unit root mean
    square, so the answer does not depend on their units (and is unchanged, bit for bit, on
    columns already so scaled)."""
    found = _constant_fit(G, by_outcome, total)
    return found is not None and total - found[1] <= tol * total


# A design column carries the constant when its share of the combination a with X a = 1,
# |a_j| times the column's root mean square, is above this times the largest share (a full
# set of dummies has ones there; other columns rounding, about 1e-15).
CONSTANT_SHARE = 1e-8


def constant_combination(G: np.ndarray, by_outcome: np.ndarray, total: float) -> np.ndarray:
    """a (p,) with X a = 1, for columns that :func:`spans_constant` found to hold the
    constant: the least-squares coefficients of 1 on X, from G and X'W1, with the entries
    of columns that carry none of it (a share of rounding, see ``CONSTANT_SHARE``) exactly
    0. Read in the columns' own units, the rounding of a column in units of 1e-200 was
    1e184 beside the dummies' 1, and the column seemed to carry the constant."""
    found = _constant_fit(G, by_outcome, total)
    assert found is not None  # the design spans the constant
    a, s = found[0], found[2]
    share = np.abs(a * s)  # in the columns scaled to unit root mean square
    return np.where(share <= CONSTANT_SHARE * share.max(), 0.0, a)


def _constant_fit(
    G: np.ndarray, by_outcome: np.ndarray, total: float
) -> tuple[np.ndarray, float, np.ndarray] | None:
    """The regression of 1 on X (columns scaled by powers of two to unit root mean square,
    so that it does not depend on their units): its coefficients, the weighted sum of its
    fitted values and the scales; None when G is not finite or not positive definite."""
    ones = by_outcome.sum(axis=1)
    if total <= 0 or not (np.isfinite(G).all() and np.isfinite(ones).all()):
        return None
    s = _power_of_two(np.sqrt(np.maximum(np.diag(G), 0.0) / total), UNIT_RMS)
    c = cholesky(G / np.outer(s, s))
    if c is None:
        return None
    scaled = cho_solve(c, ones / s)
    return scaled / s, float((ones / s) @ scaled), s


def empty_cells(
    by_outcome: np.ndarray,
    sum_squares: np.ndarray,
    bounds: Callable[[int], tuple[float, float]],
) -> np.ndarray:
    """Where a design column of one sign is 0 on every row of an outcome: (p, K), the
    column's sign (1 or -1) in each such cell, 0 elsewhere; K in the order of ``by_outcome``.

    Each cell separates for sure: the column's coefficient in that outcome's equation can run
    to -inf (every equation's to +inf for the reference) without lowering the likelihood of
    any row, and raising that of every row where the column is not 0. Read from the sums a
    model keeps: X'WY (``by_outcome``) is 0 exactly in such a cell (a sum of products with
    0), and the column must be nonzero on some row of positive weight (``sum_squares``, the
    diagonal of X'WX, above 0). ``bounds(j)``, the smallest and largest value of column j
    over the rows of positive weight, is asked only of columns with a cell at 0, so that
    data in memory read their rows only then.
    """
    zero = (by_outcome == 0) & (sum_squares > 0)[:, None]
    signs = np.zeros(by_outcome.shape, dtype=np.int8)
    for j in np.flatnonzero(zero.any(axis=1)):
        low, high = bounds(int(j))
        if low >= 0 or high <= 0:
            signs[j, zero[j]] = 1 if low >= 0 else -1
    return signs


def metric_gram(sums: dict[str, Any]) -> np.ndarray:
    """X'WX, or the sample's scaled up: what a preconditioner needs."""
    return sums["gram"] if "gram" in sums else sums["gram_sample"]


def residuals(sums: dict[str, Any]) -> np.ndarray | None:
    """Each column's residual length relative to its own after projecting it on the columns
    before it (see :func:`mnlogit._linalg.column_residuals`), or lower bounds of them all
    when every bound clears BOUND_MARGIN times NEAR_COLLINEAR (then no column is aliased or
    nearly so, and the exact values change nothing); None when only the exact X'WX can tell
    (nearer the threshold, rounding could put a bound and the exact value on either side).

    The bounds: the whole design's X'WX is the sample's (unscaled) plus that of the other
    rows, a positive semi-definite sum, so each of its Schur complements, the squared
    residuals, is at least the sample's; divided by the exact squared lengths of the columns
    they bound the relative residuals from below.
    """
    if "gram" in sums:
        return column_residuals(sums["gram"])
    d = np.sqrt(sums["sum_squares"])
    if not np.all(d > 0):
        return None
    C = sums["gram_sample"] * sums["sample_share"] / np.outer(d, d)
    try:
        bounds = np.diag(linalg.cholesky(C, lower=True, check_finite=False))
    except linalg.LinAlgError:
        return None
    return bounds if bounds.min() > BOUND_MARGIN * NEAR_COLLINEAR else None


def keep_gram(cache: dict[str, Any], G: np.ndarray) -> None:
    """Keep the exact X'WX ``G`` found for a data's rows in its ``cache``, and, for an
    equilibrated copy, in the sums its data keep for the copies to come (``cache[ORIGIN]``).

    A wide design's copy computes it when its sample cannot settle the rank; kept only in the
    copy, made anew on each call, it was computed again for every later question, and the fit
    took the sample's X'WX (singular when the sample misses a rare dummy) as its metric.
    """
    cache["gram"] = G
    if ORIGIN in cache:
        cache[ORIGIN]["gram"] = G


def divide(sums: dict[str, Any], s: np.ndarray) -> dict[str, Any]:
    """The sums of the design X / s (columns divided by ``s``)."""
    out: dict[str, Any] = {}
    for key, value in sums.items():
        if key in ("gram", "gram_sample"):
            out[key] = value / np.outer(s, s)
        elif key == "sum_squares":
            out[key] = value / (s * s)
        elif key == "extent":
            out[key] = value / s
        elif key == "by_outcome":
            out[key] = value / s[:, None]
        elif key == "sample_share":
            out[key] = value
    return out


def subset(sums: dict[str, Any], cols: list[int]) -> dict[str, Any]:
    """The sums of the design's columns ``cols``."""
    keep = np.asarray(cols, dtype=np.intp)
    out: dict[str, Any] = {}
    for key, value in sums.items():
        if key in ("gram", "gram_sample"):
            out[key] = value[np.ix_(keep, keep)]
        elif key in ("sum_squares", "extent", "by_outcome"):
            out[key] = value[keep]
        elif key == "sample_share":
            out[key] = value
    return out


def is_ones_column(sum_squares: float, by_outcome: np.ndarray, j: int, total: float) -> bool:
    """Whether design column j is 1 on every row of positive weight, from the sums alone:
    sum_i w_i (x_ij - 1)^2 = (X'WX)_jj - 2 (X'W1)_j + sum_i w_i vanishes (``sum_squares`` is
    (X'WX)_jj, ``total`` the sum of the weights)."""
    spread = sum_squares - 2.0 * by_outcome[j].sum() + total
    return abs(spread) <= 1e-10 * total
