"""The separation screen read from the sums a model keeps of its rows, without the exact check.

An indicator of one sign (a design column, a treatment-coded factor's baseline level, which
has no column of its own, or any level or interaction cell whose indicator is a combination of
the columns, :mod:`mnlogit._screen_cells`) that is 0 on every row of some outcome separates
for sure (see :func:`mnlogit._sums.empty_cells`). X'WY, each column's weighted total over each
outcome's rows, shows where: exactly 0 for a column, and for a level or cell the combination
of the columns' totals (for a factor's baseline the intercept's less the factor's columns').
A slope on a factor whose columns are 0 outside an empty cell (``x1:g[T.c]``) diverges with
it. Terms whose separation the sums cannot tell are named
(:func:`mnlogit._screen_cells.unjudged`). In memory such a cell only sends the fit to the
exact check (:func:`mnlogit.separation.detect`), which judges; for rows held elsewhere (a dask
fit) it is what :func:`screened` reports.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from ._alike import level_said
from ._data import ModelData
from ._plain_design import DeferredSpec
from ._screen_cells import cell_indicators, unjudged
from ._terms import coding, term_label
from .separation import Separation, exact_check_runs

__all__ = ["Indicator", "baselines", "screen", "screened", "shows_separation"]

# Integer totals below this are exact in float64 (every partial sum an integer), so that a
# baseline's total is 0 only when no row of positive weight is at it
_EXACT_INTEGERS = 2.0**53


@dataclass(frozen=True, eq=False)  # an array field: compared by identity
class Indicator:
    """An indicator of one sign over the rows, as a combination of the design columns.

    Attributes
    ----------
    label : str
        A design column's name, or ``"C(g) at its baseline level 'a'"`` for a factor's baseline.
    combination : ndarray, shape (p,)
        ``a`` with ``X a`` the indicator: a unit vector for a column; for a baseline, 1 at the
        intercept and -1 at each of the factor's columns.
    slopes : ndarray of bool, shape (p,), or None
        Columns that move with it besides its combination's (a slope on the factor,
        ``x1:g[T.c]``, 0 on every row outside the level: see :mod:`mnlogit._screen_cells`).
    """

    label: str
    combination: np.ndarray
    slopes: np.ndarray | None = None


def baselines(data: ModelData) -> list[Indicator]:
    """Each factor's baseline level as an indicator, where the design says what it is: a model
    with an intercept, and a term of one factor alone, treatment-coded with a column for every
    level but its baseline. Those columns' sum is then 1 on every row not at the baseline and 0
    on those at it, so the intercept less them is the baseline's indicator, 0 or 1. A model
    without a formula's spec, without an intercept, or on mapped columns (no terms) has none;
    other codings, interactions and a model without an intercept are read by
    :func:`mnlogit._screen_cells.cell_indicators` (these keep their baseline's label)."""
    spec = data.spec
    # a design of numeric columns alone has no factor, and its spec, built when first used,
    # would cost a formulaic encoding (milliseconds) at every fit
    if data.intercept is None or spec is None or isinstance(spec, DeferredSpec) or not data.terms:
        return []
    out = []
    for entry in getattr(spec, "structure", None) or ():
        label = term_label(entry.term)
        cols = data.terms.get(label)
        if cols is None or len(entry.scoped_terms) != 1 or len(entry.term.factors) != 1:
            continue
        scoped = entry.scoped_terms[0].factors
        if len(scoped) != 1 or not scoped[0].reduced:
            continue
        kind, state = spec.encoder_state.get(scoped[0].factor.expr, (None, {}))
        if str(getattr(kind, "value", kind)) != "categorical":
            continue
        levels, _, base = coding(state)
        names = [data.column_names[c] for c in cols]
        if base is None or names != [str(c) for c in entry.columns] or len(cols) != len(levels) - 1:
            continue
        a = np.zeros(data.p)
        a[data.intercept] = 1.0
        a[list(cols)] = -1.0
        out.append(Indicator(f"{label} at its baseline level {level_said(base)}", a))
    return out


def _baseline_cells(data: ModelData, found: list[Indicator]) -> np.ndarray:
    """(len(found), q + 1), core order: whether each indicator of ``found`` (a combination
    of the columns, 0 or 1 on every row) is 0 on every row of each outcome while 1 at some
    row of positive weight. Read from the unweighted X'Y over the rows of positive weight
    where the data keep it (a dask fit's tally), whose totals count rows: integers whatever
    the weights and the coding, known to far less than a half. Else from X'WY, whose totals
    are sums of weights: for integer totals (unweighted or frequency weights) an integer,
    which a combination of integer entries gives exactly and one of other entries (a sum
    coding's thirds) to within far less than a half; otherwise known to within the rounding
    of a sum of ``n_rows`` terms, below which a total cannot be told from 0."""
    counts = data.positive_outcome_sums()
    counted = counts is not None
    by_outcome = np.asarray(data.outcome_sums() if counts is None else counts, dtype=np.float64)
    # only the columns some indicator uses: another's sums may be past the float range (a
    # column of 1e300 with weights of 1e10), and 0 times them NaN
    cols = np.flatnonzero(np.any([f.combination != 0 for f in found], axis=0))
    A = np.array([f.combination[cols] for f in found])
    by_outcome = by_outcome[cols]
    used = np.abs(A) > 0
    with np.errstate(over="ignore", invalid="ignore"):
        totals = A @ by_outcome
        size = np.abs(A) @ np.abs(by_outcome)  # what the differences are taken of
        rounding = data.n_rows * np.finfo(np.float64).eps * size
        integral = np.array(
            [
                bool(np.all(by_outcome[u] == np.round(by_outcome[u])))
                and by_outcome[u].sum() < _EXACT_INTEGERS
                for u in used
            ]
        )
    whole = np.all(A == np.round(A), axis=1) & integral  # totals exact
    exact = whole | ((integral | counted) & (rounding.max(axis=1) < 0.25))
    tol = np.where(whole[:, None], 0.0, np.where(exact[:, None], 0.5, rounding))
    # an exact total rounds to its count: the indicator is somewhere if any count is not 0
    present = np.where(
        exact,
        (np.abs(totals) > tol).any(axis=1),
        np.abs(totals.sum(axis=1)) > tol.sum(axis=1),
    )
    judged = np.isfinite(size).all(axis=1)  # sums past the float range tell nothing
    return (np.abs(totals) <= tol) & (present & judged)[:, None]


def _with_cells(data: ModelData, columns: list[Indicator]) -> list[Indicator]:
    """``columns`` (design columns found by the column screen) given the slopes that move
    with them, then the factors' baselines and the other cells' indicators
    (:func:`mnlogit._screen_cells.cell_indicators`) not among them. Where the exact check
    runs, the screen only sends a converged fit to it, and the columns and baselines are those
    it sent before: the cells, a least-squares solve for each set of factors, made an
    in-memory fit of ``y ~ g * h`` at 1e4 rows a quarter slower."""
    if exact_check_runs(data):
        return [*columns, *baselines(data)]
    cells = cell_indicators(data)
    found = _Combinations([c.combination for c in cells])
    out = []
    for ind in [*columns, *baselines(data)]:
        i = found.first_close(ind.combination, query_first=False)
        cell = None if i is None else cells[i]
        out.append(ind if cell is None else Indicator(ind.label, ind.combination, cell.slopes))
    kept = _Combinations([o.combination for o in out])
    for cell in cells:
        if kept.first_close(cell.combination, query_first=True) is None:
            if np.count_nonzero(cell.combination) > 1 or cell.combination.max() != 1.0:
                out.append(Indicator(cell.label, cell.combination, cell.slopes))
                kept.add(cell.combination)
    return out


# Two combinations are the same indicator when np.allclose (its default rtol) says so at this
# atol: they come from least-squares solves, exact but for rounding
_SAME_ATOL, _SAME_RTOL = 1e-12, 1e-5


class _Combinations:
    """Combinations of the columns, searched for one close to a given one (np.allclose at
    ``_SAME_ATOL``) by a projection first: for r >= 0, close a and b have
    |r'(a - b)| <= atol sum(r) + rtol (r'|a| + r'|b|), so only the few within that of the
    query's projection are compared whole. Comparing each cell with every one kept before it
    was quadratic in the cells: a factor of 500 levels made 110,000 comparisons, 2.3 s of a
    3 s fit of 1e5 rows.

    Examples
    --------
    >>> kept = _Combinations([np.array([1.0, -1.0, 0.0]), np.array([0.0, 1.0, 0.0])])
    >>> kept.first_close(np.array([0.0, 1.0 + 1e-15, 0.0]), query_first=True)
    1
    >>> kept.first_close(np.array([0.0, 0.5, 0.5]), query_first=True) is None
    True
    """

    def __init__(self, rows: list[np.ndarray]) -> None:
        self._rows: list[np.ndarray] = []
        self._keys: list[float] = []
        self._sizes: list[float] = []
        self._r: np.ndarray | None = None
        for row in rows:
            self.add(row)

    def _project(self, a: np.ndarray) -> tuple[float, float]:
        if self._r is None:  # fixed weights in [1, 2): no combination is special to them
            self._r = np.random.default_rng(0).uniform(1.0, 2.0, len(a))
        return float(self._r @ a), float(self._r @ np.abs(a))

    def add(self, a: np.ndarray) -> None:
        key, size = self._project(a)
        self._rows.append(a)
        self._keys.append(key)
        self._sizes.append(size)

    def first_close(self, a: np.ndarray, *, query_first: bool) -> int | None:
        """The first kept row ``b`` with ``np.allclose(a, b)`` (``query_first``) or
        ``np.allclose(b, a)`` (their tolerance is relative to the second), or None."""
        if not self._rows:
            return None
        key, size = self._project(a)
        assert self._r is not None
        sizes = np.asarray(self._sizes)
        bound = _SAME_ATOL * self._r.sum() + _SAME_RTOL * (size + sizes)
        # the bound's own rounding: the projections are sums of p products
        bound += 4 * len(a) * np.finfo(np.float64).eps * (size + sizes)
        for i in np.flatnonzero(np.abs(np.asarray(self._keys) - key) <= bound):
            x, y = (a, self._rows[i]) if query_first else (self._rows[i], a)
            if np.allclose(x, y, rtol=_SAME_RTOL, atol=_SAME_ATOL):
                return int(i)
        return None


def screen(data: ModelData) -> tuple[list[Indicator], np.ndarray]:
    """The indicators that the kept sums show to be 0 on every row of some outcome: design
    columns (:meth:`~mnlogit._data.ModelData.empty_cells`), then factors' baselines
    (:func:`baselines`) and the cells of factors under any coding
    (:func:`mnlogit._screen_cells.cell_indicators`), and their signs (1 or -1) in those
    cells, 0 elsewhere: (m, q + 1), core order."""
    signs = data.empty_cells()
    rows = np.flatnonzero(signs.any(axis=1))
    columns = [Indicator(data.column_names[j], np.eye(1, data.p, int(j))[0]) for j in rows]
    out = [signs[j] for j in rows]
    levels = _with_cells(data, columns)
    found = levels[: len(columns)]
    rest = levels[len(columns) :]
    if rest:
        cells = _baseline_cells(data, rest)
        for indicator, empty in zip(rest, cells, strict=True):
            if empty.any():
                found.append(indicator)
                out.append(empty.astype(np.int8))  # of sign 1
    return found, np.array(out, dtype=np.int8).reshape(len(found), data.q + 1)


def shows_separation(data: ModelData) -> bool:
    """Whether :func:`screen` finds an indicator 0 on every row of some outcome."""
    return bool(screen(data)[1].any())


def screened(data: ModelData) -> Separation | None:
    """The separation that :func:`screen` shows (an indicator of one sign, a column or a
    factor's baseline, that is 0 on every row of some outcome), without the exact check: for
    data not in memory (a dask fit), where :func:`mnlogit.separation.detect` cannot run. None
    when it shows none.

    The direction is one along which the likelihood never falls: for an indicator of sign s,
    -s in the equation of each outcome whose rows all have it 0, and, when the reference's rows
    all have it 0, 2s in every equation besides (so that the two never cancel), each times the
    indicator's combination of the columns (1 at the intercept and -1 at the factor's columns
    for a baseline: the linear predictor moves by the baseline's indicator). Each indicator's
    part satisfies every inequality of :func:`~mnlogit.separation.detect`, so their sum does.
    The coefficients named are those some part moves: a part for a baseline and one for a
    column of its factor may cancel in that column's entry of the sum, not in what diverges.
    """
    found, signs = screen(data)
    if not signs.any():
        return None
    q = data.q
    on_ref = signs[:, q : q + 1].astype(np.float64)
    parts = 2.0 * on_ref - signs[:, :q]  # (m, q): each indicator's weight in each equation
    A = np.array([f.combination for f in found])  # (m, p)
    D = A.T @ parts
    D = D / np.abs(D).max()
    # a slope that moves with an indicator (x1:g[T.c] beside g[T.c]) diverges with it
    support = np.array(
        [(f.combination != 0) | (False if f.slopes is None else f.slopes) for f in found]
    )
    moved = (support.T.astype(np.int64) @ (parts != 0).astype(np.int64)) > 0
    level_of = data.coding.core_to_level  # core code -> position in levels
    cells = sorted((int(m), int(level_of[k])) for m, k in zip(*np.nonzero(signs), strict=True))
    equations = data.equations
    return Separation(
        kind="screened",
        outcomes=tuple(eq for j, eq in enumerate(equations) if moved[:, j].any()),
        terms=tuple(name for a, name in enumerate(data.column_names) if moved[a].any()),
        rows=(),
        direction=pd.DataFrame(
            D,
            index=pd.Index(data.column_names, name="term"),
            columns=pd.Index(equations, name="outcome"),
        ),
        ref=data.ref,
        empty=tuple((found[m].label, data.levels[i]) for m, i in cells),
        unjudged=tuple(unjudged(data)),
        levels=tuple(data.levels),
        apart=_apart(support, signs, level_of),
    )


def _apart(support: np.ndarray, signs: np.ndarray, level_of: np.ndarray) -> np.ndarray:
    """(p, K, K) by level position: whether some direction the indicators give moves the
    coefficient of each column for level k against reference l. An indicator 0 on every row
    of the levels E moves each level of E by its own amount, at most that of the others,
    which move together (their rows at it would lose otherwise): a difference k - l moves
    where k or l is in E, over the indicator's columns and the slopes that move with it. A
    fit's cells read from it against any reference, so that two indicators empty for
    different outcomes no longer mark every term in every equation."""
    K = signs.shape[1]
    empty = np.zeros((len(signs), K), dtype=bool)
    empty[:, level_of] = signs != 0  # core order -> level order
    either = empty[:, :, None] | empty[:, None, :]  # (m, K, K)
    either &= ~np.eye(K, dtype=bool)
    return np.einsum("ma,mkl->akl", support.astype(np.int64), either.astype(np.int64)) > 0
