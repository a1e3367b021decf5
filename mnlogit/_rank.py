"""The refusals of a rank-deficient design: which columns are combinations of the others, which
are 0 on every row (of positive weight), and what to drop, from a formula or from X."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from . import _sums
from ._factor_rank import factor_rank_error
from ._linalg import NEAR_COLLINEAR, RANK_TOL, residuals_from_factor, row_factor, stack_factors
from ._subpop_refusals import constant_in_subpopulation
from .exceptions import RankError

__all__ = [
    "ZERO_WEIGHT_ROWS",
    "centring_estimable",
    "centring_in_memory",
    "in_memory_rank_error",
    "one_column_terms_aliased",
    "positive_weight_subpop",
    "rank_deficient",
    "weighted_rank_deficient",
    "weights_to_blame",
    "whole_terms_aliased",
    "zero_sampling_weight_rows",
]


# why a formula's columns are collinear in the weighted sums and not in the rows, when
# frequency weights of 0 leave out the rows that tell them apart
ZERO_WEIGHT_ROWS = (
    "they are not so in the data: what tells them apart is in the rows of weight 0 (a level "
    "of a factor, its baseline, whose rows all have weight 0, say): drop those rows, and the "
    "levels they alone hold go with them"
)


def positive_weight_subpop(column: str | None) -> str:
    """The ``subpop=`` of the rows whose sampling weights (``column``; None or "": given as
    values) are positive, as a message writes it."""
    if not column:
        return "subpop=<the weights> > 0"
    return f'subpop="{column if column.isidentifier() else f"`{column}`"} > 0"'


def zero_sampling_weight_rows(column: str | None) -> str:
    """:data:`ZERO_WEIGHT_ROWS` for sampling weights of 0, ``column`` naming the weights
    (None or "": given as values). Dropping those rows would take their PSUs out of the
    design, where they count in n_h; a subpopulation leaves them in it and learns the
    factor's levels from its own rows, with the same estimates and standard errors."""
    return (
        "they are not so in the data: what tells them apart is in the rows of sampling weight "
        "0 (a level of a factor, its baseline, whose rows all have weight 0, say): give the "
        f"rows of positive weight as the subpopulation ({positive_weight_subpop(column)}, "
        "joined with 'and' to a subpopulation already given), which keeps every PSU in the "
        "design and leaves the levels only rows of weight 0 hold out of the model; dropping "
        "the rows from the data would drop their PSUs from the design too"
    )


def centring_estimable(
    aliased: list[int],
    low: np.ndarray,
    high: np.ndarray,
    sum_squares: np.ndarray,
    factor: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> dict[int, tuple[float, float]]:
    """Of the ``aliased`` columns of a design that spans the constant, those that vary
    (``low`` < ``high``: their smallest and largest values on the rows of positive weight)
    and are estimable once centred, with those values.

    A column x + 1e9 keeps x to seven digits, yet its residual on the intercept, about
    1e-9 of its length, is below the rank check's 1e-7 (R's QR drops it as well); the
    refusal said to drop it from the formula, though what it measures is there, and
    centring it, which changes only the intercept's coefficient, makes it estimable.
    ``sum_squares``: each column's weighted sum of squares (its scale in the factor);
    ``factor(d, shift)``: the R of a QR of the rows sqrt(w) (X - shift) / d.
    """
    varies = [j for j in aliased if low[j] < high[j]]
    if not varies:
        return {}
    d = np.sqrt(np.asarray(sum_squares, dtype=float))
    d[~(d > 0) | ~np.isfinite(d)] = 1.0
    shift = np.zeros(len(d))
    half = (high[varies] - low[varies]) / 2
    shift[varies] = low[varies] + half
    d[varies] = half
    # each centred column's residual on every column that is not aliased, not only on the
    # columns before it: a factor's dummies that span the constant after it (0 + x + x/10
    # + g) made x/10 - 2 look estimable beside x alone, and the refusal said to centre it
    kept = [j for j in range(len(d)) if j not in set(aliased)]
    order = np.array(kept + list(aliased))
    R = stack_factors(factor(d, shift)[:, order])
    residuals = np.empty(len(d))
    residuals[order] = residuals_from_factor(R)
    return {j: (float(low[j]), float(high[j])) for j in varies if residuals[j] > RANK_TOL}


def weights_to_blame(data: Any, columns: np.ndarray) -> str:
    """Why ``columns`` of in-memory model ``data`` are (nearly) collinear when only the
    weights make them so ("" when they are so in the data too): weights of 1e20 and 1 put
    every row but the heaviest below rounding in the weighted sums, and the refusal said to
    drop the columns; a formula's factor whose baseline level only rows of weight 0 have is
    a full set of dummies beside the intercept, and the refusal said to drop one from the
    formula."""
    pos = data.w[data.w > 0]
    if not data.weighted or not len(pos):
        return ""
    # rows of weight 0 tell nothing apart (a survey's keep their PSUs in its design); a
    # column 0 on every row of positive weight is refused as such (rank_deficient)
    zero_rows = data.frame is not None and len(pos) < len(data.w)
    zero_rows &= not (data.sums()["sum_squares"][columns] == 0).any()
    # Python's floats: numpy's warned of the overflow of 1e12 times weights of 1e300
    heaviest, lightest = float(pos.max()), float(pos.min())
    if not zero_rows and heaviest <= 1e12 * lightest:
        return ""
    plain = replace(data, w=np.ones_like(data.w), weighted=False)
    if (plain.equilibrated()[0].column_residuals()[columns] <= NEAR_COLLINEAR).any():
        return ""
    if heaviest <= 1e12 * lightest:
        if data.weight_type.counts_rows or data.design is None:
            return ZERO_WEIGHT_ROWS
        return zero_sampling_weight_rows(data.design.columns.get("weights"))
    return weights_far_apart(heaviest / lightest)


def weights_far_apart(ratio: float) -> str:
    """Why columns only weights ``ratio`` (largest / smallest positive) apart make collinear
    are so, in memory and on Dask."""
    return (
        f"they are not so in the data: the largest weight is {ratio:.1e} "
        "times the smallest positive one, and beside the rows of the largest the others "
        "are below rounding; bring the weights closer (cap the largest)"
    )


def in_memory_rank_error(
    data: Any, names: tuple, aliased: list[int], where: str, sampling: str | None
) -> RankError:
    """The refusal of the ``aliased`` columns of in-memory model data: of those the weights
    alone make collinear, or (:func:`rank_deficient`) of the others."""
    blame = weights_to_blame(data, np.array(aliased))
    if blame:
        return weighted_rank_deficient(names, aliased, blame)
    constant = _constant_in_subpopulation(data, aliased, where)
    if constant:
        rest = [j for j in aliased if j not in constant]
        err = in_memory_rank_error(data, names, rest, where, sampling) if rest else RankError()
        return constant_in_subpopulation(
            err, names, constant, data.design.subpop, where, bool(rest)
        )
    coded = factor_rank_error(data, names, aliased) if where == "the formula" else None
    if coded is not None:
        return coded
    if where == "the formula":
        aliased = whole_terms_aliased(data, aliased)
    zero = data.sums()["sum_squares"] == 0
    # a formula's column 0 on every row, not only on those of positive weight: dropping rows
    # would not help (the advice to drop a level's rows of weight 0 was given for a column of
    # zeros). X's advice names both ways, and a classifier has dropped its rows of weight 0
    by_weight = data.weighted and (where == "X" or bool((data.X[data.w == 0][:, zero] != 0).any()))
    return rank_deficient(
        names,
        aliased,
        zero,
        weighted=by_weight,
        where=where,
        sampling=sampling,
        centre=centring_in_memory(data, aliased),
        inside=_offset_interactions(data, names, aliased) if where == "the formula" else None,
        powers=_offset_powers(data, names, aliased) if where == "the formula" else None,
        subpop=getattr(data.design, "subpop", None) if where == "the formula" else None,
        dropped=data.n_dropped,
    )


def _offset_powers(
    data: Any, names: tuple, aliased: list[int]
) -> dict[int, tuple[float, float, int]]:
    """Of the ``aliased`` columns of in-memory model data, the powers (x itself among them)
    of a column x that varies too little beside its size, when the design with every power
    of x taken of x centred is of full rank: with x's smallest and largest values and the
    highest power. x + I(x**2) of x = 1e6 + z spans the intercept to rounding, and the
    refusal said to drop x from the formula, which fits another model; centred before
    squaring, as poly(x, 2) does, both are estimable."""
    if not data.spans_constant and not _others_span_constant(data, aliased):
        return {}
    w = data.w if data.weighted else None
    rows = data.X[data.w > 0]
    lo, hi = rows.min(axis=0), rows.max(axis=0)
    narrow = (lo < hi) & (hi - lo <= 1e-3 * np.maximum(np.abs(lo), np.abs(hi)))
    for b in np.flatnonzero(narrow):
        if ":" in str(names[b]):
            continue  # a product with a dummy: see _offset_interactions
        degree = {
            k: m
            for k in range(data.p)
            for m in range(1, 7)
            if np.allclose(rows[:, k], rows[:, b] ** m, rtol=1e-9, atol=0)
        }
        if not set(aliased) <= degree.keys() or max(degree.values()) < 2:
            continue
        c, h = lo[b] + (hi[b] - lo[b]) / 2, (hi[b] - lo[b]) / 2
        M = data.X.astype(float, copy=True)
        for k, m in degree.items():
            M[:, k] = ((data.X[:, b] - c) / h) ** m
        if (residuals_from_factor(row_factor(M, w)[0]) > RANK_TOL).all():
            top = max(degree.values())
            return {j: (float(lo[b]), float(hi[b]), top) for j in aliased}
    return {}


def _cells_empty_in_rows_fitted(weighted: bool, subpop: str | None, dropped: int) -> str:
    """Why interaction columns 0 on the rows a fit counts (those of positive weight, of a
    survey's subpopulation, those not dropped for ``dropped`` rows' missing values) are so,
    and what to do: their levels never occur together in those rows, whatever the others
    hold. Leaving rows out does not fill an empty cell, where it drops a level whose rows all
    have weight 0 (the advice to drop them, or to give the rows of positive sampling weight
    as the subpopulation, was followed by a refusal of the same columns as levels that never
    occur together, which rows of weight 0 or outside the subpopulation had together)."""
    rows = "every row used" if dropped else "every row"
    others = []
    if weighted:
        rows += " of positive weight"
        others.append("the rows of weight 0")
    if subpop is not None:
        rows += f" in the subpopulation ({subpop})"
        others.append("the rows outside it")
    if dropped:
        others.append(_dropped_words(dropped))
    # the verb agrees with the last of the subjects 'or' joins: 'the 1 row ... hold' was said
    hold = "holds" if dropped == 1 else "hold"
    return (
        f"are 0 on {rows}: interactions of levels (or values) that never occur together "
        f"there (whatever {' or '.join(others)} {hold}), empty cells that leaving rows out does "
        "not fill. Leave the interaction out, or fit the cells that occur as one factor: a "
        "column pasting the factors' levels together, in C()"
    )


def _dropped_words(dropped: int) -> str:
    """The words that count the ``dropped`` rows dropped for missing values."""
    return f"the {dropped} row{'s' if dropped > 1 else ''} dropped for missing values"


def whole_terms_aliased(data: Any, aliased: list[int]) -> list[int]:
    """:func:`one_column_terms_aliased` of a formula's in-memory model ``data``."""
    scaled = data.equilibrated()[0]
    return one_column_terms_aliased(
        aliased,
        data.column_names,
        data.terms,
        data.intercept,
        data.sums()["sum_squares"] == 0,
        lambda: row_factor(scaled.X, scaled.w if scaled.weighted else None)[0],
    )


def one_column_terms_aliased(
    aliased: list[int],
    names: tuple,
    terms: dict[str, tuple[int, ...]],
    intercept: int | None,
    zero: np.ndarray,
    factor: Callable[[], np.ndarray],
) -> list[int]:
    """The columns of a formula's design to name in place of its ``aliased`` ones when some
    of those belong to a term of several columns (a factor's dummy, a column of an
    interaction or a basis) and the same rank deficiency can be read off terms of one
    column instead; else ``aliased``.

    The rank check names the later of two collinear columns, as R's alias() does, so
    ``d + g`` with ``d`` equal to one of the dummies of a three-level ``g`` named
    ``g[T.v]``, and the refusal said to drop it from the formula, which cannot drop one
    column of a term (``d + e + x*g``, ``e`` equal to ``x:g[T.v]``, was even said to have
    an empty cell). Judged with the columns of one-column terms last: the deficiency is
    the same (the rank does not depend on the order), so those named are the ones a
    formula can leave out. A factor's column per level inside an interaction keeps its own
    explanation (see :func:`rank_deficient`). ``terms``: each term's columns; ``zero``:
    the columns 0 on every row of positive weight, which keep their own refusal;
    ``factor()``: the R of a QR of the design's unit-scaled rows (see
    :func:`mnlogit._linalg.row_factor`).
    """
    # a term inside an interaction stays: dropping g from g*h with an empty cell leaves the
    # cell empty, and the model without g's own term is not the one asked for
    inside = {part for term in map(str, terms) if ":" in term for part in term.split(":")}
    single = [
        cols[0]
        for term, cols in terms.items()
        if len(cols) == 1 and cols[0] != intercept and str(term) not in inside
    ]
    if all(j in single for j in aliased) or zero[aliased].any():
        return aliased
    if any(_PER_LEVEL.search(str(names[j])) for j in aliased):
        return aliased
    order = [j for j in range(len(zero)) if j not in set(single)] + single
    residuals = np.empty(len(zero))
    residuals[order] = residuals_from_factor(stack_factors(factor()[:, order]))
    instead = [int(j) for j in np.flatnonzero(residuals <= RANK_TOL)]
    if len(instead) != len(aliased) or not all(j in single for j in instead):
        return aliased
    return instead


def _constant_in_subpopulation(data: Any, aliased: list[int], where: str) -> dict[int, float]:
    """Of the ``aliased`` columns of a survey subpopulation's in-memory model data (of a
    formula's design), those constant on all its rows: 0, or beside an intercept any value
    (the columns of an interaction keep their own refusal, of empty cells), with their
    value."""
    if where != "the formula" or getattr(data.design, "subpop", None) is None:
        return {}  # X's intercept has no name: the column refused may be it
    first = data.X[0]
    return {
        j: float(first[j])
        for j in aliased
        if (first[j] == 0 or data.spans_constant)
        and ":" not in str(data.column_names[j])
        and (data.X[:, j] == first[j]).all()
    }


def centring_in_memory(data: Any, aliased: list[int]) -> dict[int, tuple[float, float]]:
    """:func:`centring_estimable` of the rows of in-memory model data."""
    if not (data.spans_constant or _others_span_constant(data, aliased)):
        return {}  # centring would change what the columns fit
    w = data.w if data.weighted else None
    used = data.X[:, aliased][data.w > 0]
    low, high = np.zeros(data.p), np.zeros(data.p)
    low[aliased], high[aliased] = used.min(axis=0), used.max(axis=0)
    return centring_estimable(
        aliased,
        low,
        high,
        data.sums()["sum_squares"],
        lambda d, shift: row_factor(data.X, w, d, shift)[0],
    )


def _offset_interactions(
    data: Any, names: tuple, aliased: list[int]
) -> dict[int, tuple[float, float, bool]]:
    """Of the ``aliased`` interaction columns of a formula's in-memory design, those that
    are estimable once the numeric column they multiply is centred, with that column's
    smallest and largest values and whether the dummy it multiplies is in the model (else
    centring needs the factor's own term too): x:g of x = 1e9 + z is 1e9 times g's dummies
    to seven digits, and the refusal called an interaction of cells that all occur an
    empty cell, or said to drop its columns. Each is judged shifted by its middle on its
    nonzero rows, against every column that is not aliased and the dummies."""
    if not data.spans_constant and not _others_span_constant(data, aliased):
        return {}
    rows = data.X[data.w > 0]
    found: dict[int, tuple[float, float]] = {}
    for j in aliased:
        on = rows[:, j] != 0
        if ":" not in str(names[j]) or not on.any():
            continue
        lo, hi = float(rows[on, j].min()), float(rows[on, j].max())
        if lo < hi and (hi - lo) <= 1e-3 * max(abs(lo), abs(hi)):
            found[j] = (lo, hi)  # else a dummy's product, or a column that varies
    if not found:
        return {}
    shifted = data.X[:, aliased].copy()
    for k, j in enumerate(aliased):
        if j in found:
            lo, hi = found[j]
            shifted[:, k] -= (lo + (hi - lo) / 2) * (data.X[:, j] != 0)
    kept = [j for j in range(data.p) if j not in set(aliased)]
    dummies = np.column_stack([(data.X[:, j] != 0).astype(float) for j in found])
    M = np.column_stack([data.X[:, kept], dummies, shifted])
    d = np.sqrt(np.einsum("ij,ij->j", M, M))
    d[~(d > 0)] = 1.0
    residuals = residuals_from_factor(row_factor(M, data.w if data.weighted else None, d)[0])
    after = dict(zip(aliased, residuals[len(kept) + len(found) :], strict=True))
    # whether the factor's own columns are in the model, from the names: to rounding, x:g
    # of x = 1e9 + z spans g's dummies whether or not they are
    own = {str(n).split("[")[0] for n in names if ":" not in str(n) and "[" in str(n)}
    return {
        j: (lo, hi, any(p.split("[")[0] in own for p in str(names[j]).split(":") if "[" in p))
        for j, (lo, hi) in found.items()
        if after[j] > RANK_TOL
    }


def _others_span_constant(data: Any, aliased: list[int]) -> bool:
    """Whether the columns of in-memory model data other than ``aliased`` span the constant.
    Asked of them all, a design without an intercept whose X'WX is singular was said not to
    (0 + g + x with x = 1e9 + z: x was to be dropped, where centred it is estimable)."""
    kept = np.setdiff1d(np.arange(data.p), aliased)
    if not kept.size:
        return False
    G, by_outcome = data.equilibrated()[0].gram()
    G = G[np.ix_(kept, kept)]
    return _sums.spans_constant(G, by_outcome[kept], data.sum_weights, _sums.CONSTANT_TOL)


def weighted_rank_deficient(names: tuple, aliased: list[int], blame: str) -> RankError:
    """The refusal of ``aliased`` columns that only the weights make collinear, ``blame``
    saying how."""
    err = RankError(
        f"the weighted sums are rank deficient: column(s) "
        f"{', '.join(repr(names[j]) for j in aliased)} are combinations of the others in "
        f"them, but {blame}"
    )
    err.weights_only = True
    return err


def rank_deficient(
    names: tuple,
    aliased: list[int],
    zero: np.ndarray,
    *,
    weighted: bool,
    where: str,
    sampling: str | None = None,
    centre: dict[int, tuple[float, float]] | None = None,
    inside: dict[int, tuple[float, float, bool]] | None = None,
    powers: dict[int, tuple[float, float, int]] | None = None,
    subpop: str | None = None,
    dropped: int = 0,
) -> RankError:
    """The refusal of the design's ``aliased`` columns (positions in ``names``), to be dropped
    from ``where`` ("the formula" or "X"). Those that are 0 on every row of positive weight
    (``zero``, a mask over all columns: a factor level whose rows all have weight 0) are said
    to be so, with their own advice, not called combinations of the others, which asked to
    drop a dummy from the formula. ``sampling``: the column of a survey's sampling weights
    ("" given as values), whose rows of weight 0 are left out of the subpopulation rather
    than dropped (their PSUs stay in the design). ``centre``: those that centring makes
    estimable, with their smallest and largest values (see :func:`centring_estimable`),
    which are asked to be centred, not dropped. ``inside``: interaction columns estimable
    once the numeric column they multiply is centred, with its smallest and largest values
    and whether the factor's own columns are in the model (see :func:`_offset_interactions`).
    ``powers``: powers of a column that varies too little beside its size, estimable once
    it is centred before they are taken, with its values and the highest power (see
    :func:`_offset_powers`).
    ``subpop``: what selected a survey's subpopulation, whose rows alone the design holds;
    ``dropped``: how many rows were dropped for missing values."""
    # centring a power of x alone (x**2 - 1e12 of x = 1e6 + z) keeps few digits of z**2
    powers = {j: v for j, v in (powers or {}).items() if j not in (inside or {})}
    centre = {j: v for j, v in (centre or {}).items() if j not in powers}
    inside = inside or {}
    special = centre.keys() | inside.keys() | powers.keys()
    named = [
        ", ".join(repr(names[j]) for j in aliased if zero[j] == z and j not in special)
        for z in (True, False)
    ]
    cells = where == "the formula" and all(":" in str(names[j]) for j in aliased if zero[j])
    if cells and (weighted or subpop is not None or dropped):
        empty = _cells_empty_in_rows_fitted(weighted, subpop, dropped)
    elif cells:
        # a formula cannot drop one column of a term: "drop them from the formula" led nowhere
        empty = (
            "are 0 on every row: interactions of levels (or values) that never occur together, "
            "empty cells. Leave the interaction out, or fit the cells that occur as one "
            "factor: a column pasting the factors' levels together, in C()"
        )
    elif (
        not weighted
        and where == "the formula"
        and all(
            "levels=" in str(names[j]) and str(names[j]).endswith("]") for j in aliased if zero[j]
        )
    ):
        # a level C(g, levels=[...]) names that no row has: its dummy cannot be dropped alone
        empty = (
            "are 0 on every row: levels that C(..., levels=[...]) names but no row used "
            "has; leave them out of levels="
        )
    elif not weighted:
        empty = f"are 0 on every row: drop them from {where}"
    elif where == "X":  # a column of X stays when rows are dropped: "drop those rows" left it 0
        empty = (
            "are 0 on every row of positive weight: drop them from X, or give weight to rows "
            "where they are not 0"
        )
    elif sampling is not None:  # a survey's rows of weight 0 keep their PSUs in its design
        empty = (
            "are 0 on every row of positive weight (a level whose rows all have sampling "
            "weight 0, say): give the rows of positive weight as the subpopulation "
            f"({positive_weight_subpop(sampling)}, joined with 'and' to a subpopulation "
            "already given), which leaves that level out of the model and keeps every PSU in "
            "the design"
        )
    else:  # a formula's level goes with its rows
        empty = (
            "are 0 on every row of positive weight (a level whose rows all have weight 0, "
            "say): drop those rows"
        )
    combined = "are linear combinations of the others (or constant beside the intercept): "
    combos = [str(names[j]) for j in aliased if not zero[j] and j not in special]
    # x:z of numbers alone is a term a formula can leave out, and has no cells to be empty
    if where == "the formula" and all(":" in n for n in combos) and any("[" in n for n in combos):
        # one column of an interaction cannot be dropped from a formula either: with factors,
        # an empty cell whose dummies are not all 0 (g*h without the baselines' cell) is this
        combined += (
            "columns of an interaction, which a formula cannot drop one by one; with factors, "
            "the levels of some cell never occur together (an empty cell). Leave the "
            "interaction out, or fit the cells that occur as one factor: a column pasting the "
            "factors' levels together, in C()"
        )
        per_level = [str(names[j]) for j in aliased if not zero[j]]
        per_level = [name for name in per_level if _PER_LEVEL.search(name)]
        if per_level:
            # scale(x) + x:g: without x's own term, g has a column per level in x:g (as in
            # R), and those products add up to x, which scale(x) spans: no empty cell
            combined += (
                f". Or, as in {per_level[0]!r}, a factor has a column per level in the "
                "interaction (the formula having no term of the other variables alone), so "
                "that its columns add up to them, which another term spans (scale(x) + x:g): "
                "write x + x:g, or the same transform in both (scale(x) * g)"
            )
    else:
        combined += f"drop them from {where}"
    why = [empty, combined]
    found = [f"column(s) {cols} {w}" for cols, w in zip(named, why, strict=True) if cols]
    if centre:
        shown = ", ".join(
            f"{names[j]!r} (values {lo!r} to {hi!r})" for j, (lo, hi) in centre.items()
        )
        near = next(iter(centre.values()))
        found.append(
            f"column(s) {shown} vary too little beside their size for the rank check to "
            "tell them from the intercept (R's lm and VGAM::vglm refuse them too), though "
            "they are estimable once centred: subtract a number near their values from "
            f"them (such as {_round_number(near)}) in {_centred_in(where)}, which changes "
            "only the intercept's coefficient"
        )
    for margin in (True, False):
        these = {j: v for j, v in inside.items() if v[2] == margin}
        if not these:
            continue
        lo, hi, _ = next(iter(these.values()))
        how = (
            "from it in the data or the formula, or write center() of it"
            if margin  # centring without the factor's own columns would change the model
            else "from it and add the factor's own term, which this model has not (centring "
            "alone would change the model): e.g. g + center(x):g for x:g"
        )
        found.append(
            f"column(s) {', '.join(repr(names[j]) for j in these)} multiply a column whose "
            f"values ({lo!r} to {hi!r}) vary too little beside their size for the "
            "rank check to tell the products from the factor's own columns, though they are "
            "estimable once that column is centred: subtract a number near its values (such "
            f"as {_round_number((lo, hi))}) {how}"
        )
    if powers:
        lo, hi, degree = next(iter(powers.values()))
        mid = _round_number((lo, hi))
        found.append(
            f"column(s) {', '.join(repr(names[j]) for j in powers)} are powers of a column "
            f"whose values ({lo!r} to {hi!r}) vary too little beside their size for the rank "
            "check to tell its powers from one another and the intercept, though they are "
            "estimable once it is centred before the powers are taken: subtract a number "
            f"near its values (such as {mid}) inside them, e.g. poly(x - {mid}, {degree}, "
            f"raw=True) or I((x - {mid})**2) for x, or write the orthogonal poly(x, "
            f"{degree}), which centres x (dropping a power would change the model)"
        )
    err = RankError(f"the design is rank deficient: {'; '.join(found)}")
    if dropped and _dropped_words(dropped) in str(err):
        err.rows_dropped_said = _dropped_words(dropped)
    err.centring_only = len(special) == len(aliased)
    err.needs_centring = bool(special)
    return err


# a factor's column of its own level inside an interaction (x:g[c]), not a contrast (g[T.c])
_PER_LEVEL = re.compile(
    r":[^:]*\[(?!T\.|S\.|H\.|D\.|\.)[^\]]*\]$|\[(?!T\.|S\.|H\.|D\.|\.)[^\]]*\]:"
)


def _round_number(values: tuple[float, float]) -> str:
    """A number with few digits between the smallest and largest of ``values``, or near them."""
    lo, hi = values
    for digits in range(1, 18):
        text = f"{lo + (hi - lo) / 2:.{digits}g}"
        if lo <= float(text) <= hi:
            return text
    return repr(lo)


def _centred_in(where: str) -> str:
    return "the data or the formula" if where == "the formula" else where
