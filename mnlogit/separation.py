"""Exact detection of (quasi-)complete separation by linear programming.

The multinomial log-likelihood has no finite maximum exactly when there is a recession
direction: coefficients ``D`` (one column per equation, the reference's column fixed at 0),
not all zero, with

    x_i'(d_{y_i} - d_k) >= 0    for every row i and every level k != y_i.

Along such a direction the log-likelihood never decreases, so the estimates run off to infinity
(Albert & Anderson 1984; Lesaffre & Albert 1989 for the multinomial case). The separation is
*complete* when every inequality can be made strict at once (the observed outcome of every row
is predicted perfectly), *quasi-complete* when some must stay equalities: the rows owning them
lie on the boundary and keep the likelihood finite in those directions.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd

from ._alike import first_few, level_said, levels_listed
from ._data import ModelData, level_counts
from ._levels import Coding, same_level
from ._lp_design import model_residuals
from ._memory import separation_check_fits
from ._other_options import answering_other_options
from ._recession import ZERO as _ZERO
from ._recession import (
    apart,
    constraint_entries,
    largest_margin,
    on_boundary,
    separating_cone,
)
from ._separation_advice import firth_advice, kind_of
from .exceptions import LevelError, NotInMemoryError, SeparationWarning, warn

__all__ = [
    "Separation",
    "detect",
    "diverging_cells",
    "exact_check_runs",
    "re_expressed",
    "warn_separation",
]


class _CopiedField:
    """A frame field of a frozen dataclass, handed out as a copy: an edit of what
    ``sep.direction`` gave (``d.iloc[:] = 0``) changed the separation the results keep, and
    with it the direction ``with_ref`` re-expresses (NaN where it was 1)."""

    def __set_name__(self, owner: type, name: str) -> None:
        self.key = f"_{name}"

    def __get__(self, obj: Any, owner: type | None = None) -> pd.DataFrame:
        if obj is None:  # no default: the dataclass asks, and the field is required
            raise AttributeError(self.key[1:])
        return obj.__dict__[self.key].copy()

    def __set__(self, obj: Any, value: pd.DataFrame) -> None:
        # reached from the dataclass's __init__ only: assignment is refused as frozen
        obj.__dict__[self.key] = value


# how a screened separation's level or cell without a column of its own is written with them
_INDICATOR_SAID = {
    True: "the intercept less the factor's columns",
    False: "a combination of the design columns",
}


@dataclass(frozen=True)
class Separation:
    """A separating direction of the data and what it involves.

    Found by :func:`mnlogit.check_separation`, and by a fit whose coefficients diverge
    (``res.separation``); ``str()`` is :attr:`message`.

    Attributes
    ----------
    kind : {"complete", "quasi-complete", "screened"}
        Complete: a linear score classifies every row perfectly. Quasi-complete: it classifies
        every row except those on the boundary, which it ties. Screened: found without the
        exact check (a dask fit's, whose rows are not in memory), from the sums the fit keeps:
        a design column of one sign is 0 on every row of some outcome, or no row of some
        outcome is at a factor's level or an interaction's cell (whose indicator is a
        combination of the columns; see :attr:`empty`); whether it is complete, and what
        else diverges, only the exact check can tell.
    outcomes : tuple
        Non-reference outcomes whose equations have a coefficient that diverges (that some
        separating direction moves), in level order.
    terms : tuple of str
        Design columns whose coefficient diverges in some equation.
    rows : tuple
        Labels of the rows on the boundary: tied, against an outcome whose equation
        diverges, at 0 along the direction (empty for complete separation).
    direction : DataFrame
        A separating direction, shaped like ``params`` (design columns x non-reference
        outcomes), scaled so its largest absolute entry is 1: one of a cone of them, which
        may leave at 0 a coefficient that others move (see :meth:`diverging`).
    ref : level
        The reference outcome (its direction is 0 by construction).
    margin : float
        For complete separation, the largest ``t`` with every ``x_i'(d_{y_i} - d_k) >= t``
        over directions with ``|d| <= 1``; 0 for quasi-complete separation. NaN when a
        column's largest entry is below about 1e-15 of 1 (units of 1e-300, say), where that
        box cannot be posed to the linear program's solver, or when the solver fails on it
        (a row at x = 1e9 beside rows of order 1): :attr:`direction` is then another
        separating direction, not the one of largest margin.
    counts : tuple
        Observations of each outcome of ``outcomes`` (rows, or frequency weights).
    counted : str
        What :attr:`counts` count: ``"row"``, or ``"observation"`` when frequency weights
        make them sums of weights, not rows.
    n_rows : int
        Rows the check read (those of positive weight).
    empty : tuple of (str, level)
        For a screened separation, the (design column, outcome) pairs where the column, of
        one sign, is 0 on every row of the outcome, and the (``"C(g) at its baseline level
        'a'"``, outcome) pairs where no row of the outcome is at a factor's baseline level;
        empty otherwise.
    unjudged : tuple of str
        For a screened separation, the terms the screen could not judge from the sums
        (a numeric factor times factors whose cells have no indicator among the columns,
        ``x1:g`` without ``g``; a factor whose coding it cannot read): their coefficients
        may diverge too, which only the exact check on the rows in memory tells.
    levels : tuple
        Every outcome level, in level order (the axes of :attr:`apart`).
    apart : ndarray of bool, shape (p, K, K), or None
        ``apart[a, k, l]``: whether the coefficient of design column ``a`` for level ``k``
        against reference ``l`` (positions in :attr:`levels`) diverges, i.e. is nonzero
        along some separating direction, not only along :attr:`direction`; what
        :meth:`diverging` reads. For a screened separation, along the directions the
        screen's indicators give (the exact check may find more).
    advice : str
        What the fit that found it is told to do instead, as that kind of fit can (a robust
        fit's Firth refit takes the model-based covariance; a survey fit has none), which
        :attr:`message` ends with; "" for :func:`mnlogit.check_separation`'s (but for
        sampling weights, whose fits refuse Firth's estimates of separated data).

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("risk")
    >>> sep = mnlogit.check_separation("risk ~ age + income", df, ref="low")
    >>> sep.kind, sep.outcomes, sep.terms
    ('complete', ('high', 'medium'), ('Intercept', 'age', 'income'))
    >>> sep.direction.shape
    (3, 2)
    """

    kind: str
    outcomes: tuple
    terms: tuple[str, ...]
    rows: tuple
    direction: _CopiedField = _CopiedField()
    ref: Any = None
    margin: float = 0.0
    counts: tuple = ()
    n_rows: int = 0
    counted: str = "row"
    empty: tuple = ()
    unjudged: tuple[str, ...] = ()
    levels: tuple = ()
    apart: np.ndarray | None = field(default=None, repr=False, compare=False)
    advice: str = field(default="", repr=False, compare=False)

    def __post_init__(self) -> None:
        # what res.diverging, the standard errors and the tests read: an edit of it would
        # show numbers for coefficients that diverge
        if self.apart is not None and self.apart.flags.writeable:
            apart = np.array(self.apart, dtype=bool)
            apart.setflags(write=False)
            object.__setattr__(self, "apart", apart)

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)  # pickle and deepcopy make arrays writable again
        self.__post_init__()

    @answering_other_options
    def diverging(self, ref: Any = None) -> pd.DataFrame:
        """Which coefficients diverge against a reference: those some separating direction moves.

        Parameters
        ----------
        ref : outcome level, optional
            The reference (the check's own, :attr:`ref`, when None).

        Returns
        -------
        DataFrame
            Booleans, design columns x the other outcomes, as ``res.diverging`` of a fit
            with that reference (or re-expressed with ``with_ref``) has them: the
            coefficients that some separating direction moves, whether :attr:`direction`
            does or not.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("risk")
        >>> sep = mnlogit.check_separation("risk ~ age + income", df, ref="low")
        >>> sep.diverging("high").loc["age"].tolist()
        [True, True]
        """
        if self.apart is None:
            raise NotInMemoryError(
                "a screened separation (found from the sums a fit keeps, its rows not in "
                "memory) does not know every coefficient that diverges: run "
                "mnlogit.check_separation on the rows in memory"
            )
        ref = self.ref if ref is None else ref
        r = next((i for i, lv in enumerate(self.levels) if same_level(lv, ref)), None)
        if r is None:
            raise LevelError(
                f"ref={ref!r} is not an outcome level; levels are "
                f"{', '.join(map(repr, self.levels))}"
            )
        others = [i for i in range(len(self.levels)) if i != r]
        return pd.DataFrame(
            self.apart[:, others, r],
            index=self.direction.index.copy(),
            columns=pd.Index([self.levels[i] for i in others], name="outcome"),
        )

    @property
    def finding(self) -> str:
        """What was found and which coefficients diverge (the message without the advice).

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("risk")
        >>> sep = mnlogit.check_separation("risk ~ age + income", df, ref="low")
        >>> sep.finding.endswith("are not meaningful.")
        True
        """
        outs = ", ".join(map(level_said, self.outcomes))
        terms = levels_listed(self.terms)
        if not kind_of(self).exact:
            what = (
                "separation found from the sums the fit keeps (not by the exact check, "
                "which needs the rows in memory and may find more): "
                + "; ".join(map(self._empty_said, dict.fromkeys(t for t, _ in self.empty)))
            )
            if self.unjudged:
                what += (
                    f"; the screen could not judge {levels_listed(self.unjudged)}, whose "
                    "coefficients may diverge too (mnlogit.check_separation on the rows in "
                    "memory checks them)"
                )
        elif kind_of(self).complete:
            what = (
                "complete separation: a linear combination of the predictors classifies "
                "every row perfectly"
            )
        else:
            n = len(self.rows)
            shown = first_few(self.rows, 10, str)
            of = f" of the {self.n_rows}" if self.n_rows else ""
            # no row on the boundary: the rows are parted strictly, and only outcomes that
            # overlap one another keep the separation from being complete
            tied = (
                f"with {n}{of} rows tied on its boundary ({shown})"
                if n
                else f"with none{of} rows on its boundary (outcomes that overlap one another "
                "keep it from being complete)"
            )
            what = (
                "quasi-complete separation: a linear combination of the predictors "
                f"separates the rows of outcome(s) {self._counted()} from the other outcomes "
                f"(against reference {level_said(self.ref)}), {tied}"
            )
        return (
            f"{what}, so the maximum-likelihood estimates do not exist. The coefficients of "
            f"{self._by_outcome() or f'{terms} in the equation(s) for outcome(s) {outs}'} (against "
            f"reference {level_said(self.ref)}) diverge; their estimates, standard errors and "
            "tests are not meaningful."
        )

    def _empty_said(self, label: str) -> str:
        """What :attr:`empty` says of a design column or a factor's baseline level."""
        outs = ", ".join(
            f"{level_said(o)}{' (the reference)' if same_level(o, self.ref) else ''}"
            for u, o in self.empty
            if u == label
        )
        if label in self.direction.index:
            return (
                f"column {level_said(label)}, of one sign, is 0 on every row of outcome(s) {outs}"
            )
        # a level or cell has no column: its indicator is a combination of the columns
        return (
            f"no row of outcome(s) {outs} has {label} (whose indicator, "
            f"{_INDICATOR_SAID[' at its baseline level ' in label]}, is 0 on every row of them)"
        )

    def _by_outcome(self) -> str:
        """The diverging terms by outcome where they differ between outcomes; else ""."""
        if self.apart is None or not self.levels:
            return ""
        cells = self.diverging()
        groups: dict[tuple[str, ...], list[Any]] = {}
        for outcome in cells.columns:
            terms = tuple(cells.index[cells[outcome].to_numpy()])
            if terms:
                groups.setdefault(terms, []).append(outcome)
        if len(groups) < 2:
            return ""
        return "; ".join(
            f"{levels_listed(terms)} in the equation(s) for outcome(s) "
            f"{', '.join(map(level_said, outcomes))}"
            for terms, outcomes in groups.items()
        )

    def _counted(self) -> str:
        """The outcomes with their counts: ``'6' (9 rows), '7' (29 rows)``."""
        if len(self.counts) != len(self.outcomes):
            return ", ".join(map(level_said, self.outcomes))
        # with frequency weights the counts are observations: 'c' (58 rows) had 27 rows
        return ", ".join(
            f"{level_said(o)} ({c:g} {self.counted}{'s' if c != 1 else ''})"
            for o, c in zip(self.outcomes, self.counts, strict=True)
        )

    @property
    def message(self) -> str:
        """What was found, which coefficients diverge, and what to do about it.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("risk")
        >>> sep = mnlogit.check_separation("risk ~ age + income", df, ref="low")
        >>> print(sep.message)  # doctest: +ELLIPSIS
        complete separation: a linear combination of the predictors classifies every row
        perfectly, ... Use method='firth' for finite bias-reduced estimates.
        """
        # a dask fit's (screened) refuses method='firth'
        kind = kind_of(self)
        advice = self.advice or firth_advice(kind.exact, verb="Use")
        if kind.exact and not kind.complete and self.terms:
            # under complete separation every coefficient diverges: nothing to drop or merge
            # the terms are design columns: "a factor among 'Intercept', 'x1'" misnamed them
            advice += (
                "; to keep maximum likelihood, merge the levels that separate the outcomes (a "
                "factor's levels, if its columns are among "
                f"{levels_listed(self.terms)}, or a rare outcome level with "
                "another) or drop those terms"
            )
        return f"{self.finding} {advice}."

    def __str__(self) -> str:
        return self.message


def detect(data: ModelData) -> Separation | None:
    """Exact check for separation of the outcome by the design.

    Parameters
    ----------
    data : ModelData
        The model's rows, in memory; rows with zero weight are ignored.

    Returns
    -------
    Separation or None
        The separation found, or None when finite maximum-likelihood estimates exist.

    Notes
    -----
    With ``A`` the matrix of the inequalities ``x_i'(d_{y_i} - d_k) >= 0`` (``n q`` rows) on
    the design with columns scaled to unit maximum (so the solver's tolerances are relative;
    on an orthogonal basis of them where one is nearly a combination of the others, as beside
    x = 1e6 + z, see :func:`mnlogit._lp_design.conditioning`), linear programs (HiGHS)
    decide which of them can be strict at once:

    1. max sum(A d) subject to A d >= 0, |d| <= 1. A full-rank design admits no nonzero d with
       A d = 0, so an optimum of 0 means no separation: the usual case ends here, with one
       small program (p q variables).
    2. The inequalities left at 0 by step 1 (none, for complete separation) are lifted in
       rounds (see :func:`mnlogit._recession.lift_bounded`), each a program of the same p q
       variables: max the sum of those still at 0 subject to A d >= 0, |d| <= 1, marking
       those it makes strict, until a round lifts none. The feasible directions form a cone,
       so the sum of the rounds' directions makes every inequality that can be strict strict
       at once. (One
       program with a slack for each tied inequality answers the same in one go, but with
       n q variables: 154 s against 3.9 s for the rounds at 1e5 rows with one row in a factor
       level of its own.)
    3. A direction that breaks some inequality by more than 1e-9 of its terms' size, which
       the solver's absolute tolerance lets through, separates nothing: steps 1 and 2 are
       posed again with those inequalities weighed past that tolerance (the same cone),
       so that outcomes overlapping by 1e-8 of a column's range are not read as separated.

    All strict: complete separation, reported with the direction of largest margin,
    max t subject to A d >= t, |d| <= 1, on the design as given. Some: quasi-complete, and the
    rows owning an inequality that cannot be strict, between two outcomes that some direction
    moves apart, are on the boundary. The coefficients that diverge are those that some
    direction of the cone moves, against any reference: the cone spans the null space of the
    inequalities that cannot be strict (:func:`mnlogit._recession.apart`).
    """
    cone = separating_cone(data)
    if cone is None:
        return None
    keep, scale, strict, D_unit = cone
    X, y, q = data.X[keep], data.y[keep], data.q
    complete = bool(strict.all())
    residuals = model_residuals(data)  # as the rank check read them: X'X would be slow
    moved = apart(X / scale, y, strict.reshape(-1, q), D_unit, residuals)  # by core code
    order = data.coding.level_to_core
    rows = np.asarray(data.row_index if data.row_index is not None else range(data.n_rows))
    tied = on_boundary(strict.reshape(-1, q), y, np.asarray(moved.any(axis=0)))
    margin = 0.0
    if complete:
        margin, largest = largest_margin(X, y, q, scale, residuals)
        D_unit = D_unit if largest is None else largest  # else the cone's: it separates too
    return _found(
        data,
        kind="complete" if complete else "quasi-complete",
        D_unit=D_unit,
        margin=margin,
        rows=tuple(rows[keep][tied].tolist()),
        moved=moved[:, order][:, :, order],
    )


def _found(
    data: ModelData, *, kind: str, D_unit: np.ndarray, margin: float, rows: tuple, moved: Any
) -> Separation:
    """The :class:`Separation` against ``data``'s reference: the direction ``D_unit`` (p, q,
    on unit-scaled columns), and ``moved`` (p, K, K by position in the levels, see
    :attr:`Separation.apart`) for which coefficients diverge."""
    keep = data.w > 0
    scale = np.abs(data.X[keep]).max(axis=0)
    scale[scale == 0] = 1.0
    nonzero = np.abs(D_unit) > _ZERO * np.abs(D_unit).max()
    D = np.where(nonzero, D_unit / scale[:, None], 0.0)
    D = D / np.abs(D).max()
    moved = np.array(moved, dtype=bool)
    cells = _cells(moved, data.coding)
    equations = data.equations
    counts = level_counts(data)[data.coding.core_to_level]  # core order: equations first
    return Separation(
        kind=kind,
        outcomes=tuple(eq for j, eq in enumerate(equations) if cells[:, j].any()),
        terms=tuple(name for a, name in enumerate(data.column_names) if cells[a].any()),
        rows=rows,
        direction=pd.DataFrame(
            D,
            index=pd.Index(data.column_names, name="term"),
            columns=pd.Index(equations, name="outcome"),
        ),
        ref=data.ref,
        margin=margin,
        counts=tuple(float(counts[j]) for j in range(len(equations)) if cells[:, j].any()),
        n_rows=int(keep.sum()),
        counted="observation" if data.weighted and data.weight_type.counts_rows else "row",
        levels=tuple(data.levels),
        apart=moved,
    )


def _cells(moved: np.ndarray, coding: Coding) -> np.ndarray:
    """(p, q): the coefficients of ``moved`` (p, K, K by position in ``coding.levels``)
    against ``coding``'s reference, equation by equation."""
    return moved[:, coding.core_to_level[: coding.q], coding.ref_index]


def re_expressed(sep: Separation | None, data: ModelData) -> Separation | None:
    """``sep``, found on ``data``'s rows and columns against another reference, as the check
    finds it against ``data``'s (``with_ref``): the same rows on the boundary and the same
    coefficients diverging, read against the new reference (:attr:`Separation.apart`), the
    direction re-expressed (d_k - d_ref), and for complete separation the largest margin
    and its direction found again, as they depend on which level is held at 0. A screened
    separation (a dask fit's, whose rows the check cannot re-read) keeps what the screen
    found, read against the new reference: kept against the old one, its message named the
    equations of a reference the re-expressed fit does not show."""
    apart = None if sep is None else sep.apart
    pos = None if sep is None or apart is None else _positions(sep, data)
    if sep is None or apart is None or pos is None:
        return sep
    exact = kind_of(sep).exact
    if exact and not data.in_memory:
        return sep
    moved = apart[:, pos][:, :, pos]
    D = np.zeros((data.p, len(sep.levels)))
    D[:, [i for i, lv in enumerate(sep.levels) if not same_level(lv, sep.ref)]] = sep.direction
    eqs = [pos[i] for i in data.coding.core_to_level[: data.q]]
    D = D[:, eqs] - D[:, [pos[data.coding.ref_index]]]  # the linear predictors' differences
    if not exact:
        cells = _cells(moved, data.coding)
        equations = data.equations
        return replace(
            sep,
            outcomes=tuple(eq for j, eq in enumerate(equations) if cells[:, j].any()),
            terms=tuple(name for a, name in enumerate(data.column_names) if cells[a].any()),
            direction=pd.DataFrame(
                D / (float(np.abs(D).max()) or 1.0),
                index=pd.Index(data.column_names, name="term"),
                columns=pd.Index(equations, name="outcome"),
            ),
            ref=data.ref,
            levels=tuple(data.levels),
            apart=moved,
        )
    keep = data.w > 0
    X = data.X[keep]
    scale = np.abs(X).max(axis=0)
    scale[scale == 0] = 1.0
    margin = sep.margin
    largest = None
    if kind_of(sep).complete:
        margin, largest = largest_margin(X, data.y[keep], data.q, scale, model_residuals(data))
    # quasi-complete, or a margin the solver cannot be posed: the direction found
    D_unit = largest if largest is not None else D * scale[:, None]
    return _found(data, kind=sep.kind, D_unit=D_unit, margin=margin, rows=sep.rows, moved=moved)


def _positions(sep: Any, data: Any) -> list[int] | None:
    """Position in ``sep.levels`` of each of ``data``'s levels; None when ``sep`` was not
    found on ``data``'s levels and columns."""
    if list(sep.direction.index) != list(data.column_names):
        return None
    pos = [next((i for i, u in enumerate(sep.levels) if same_level(u, v)), -1) for v in data.levels]
    return None if -1 in pos or len(pos) != len(sep.levels) else pos


def diverging_cells(sep: Any, data: Any) -> np.ndarray:
    """Which coefficients separation makes diverge: a (p, q) boolean array shaped like B.

    Those that some separating direction moves against ``data``'s reference
    (:attr:`Separation.apart`), so that a fit re-expressed against another reference
    (``with_ref``) marks the cells a fit with that reference marks (a screened separation's
    from its indicators). Without them: the equations of the separated outcomes (every
    equation when the reference is among them, or when the outcomes are not known) and the
    design columns of the separating terms (a term may be named by its label, for all its
    columns; every column when none are known). The single definition that the summary, the
    standard errors and the tests share.
    """
    p, q = data.p, data.q
    if sep is None:
        return np.zeros((p, q), dtype=bool)
    cells = _exact_cells(sep, data)
    if cells is not None:
        return cells
    outcomes = list(getattr(sep, "outcomes", None) or ())
    if not outcomes or any(same_level(o, data.ref) for o in outcomes):
        rows = np.ones(q, dtype=bool)
    else:
        rows = np.array([any(same_level(eq, o) for o in outcomes) for eq in data.equations])
    cols = np.zeros(p, dtype=bool)
    names = list(data.column_names)
    for term in getattr(sep, "terms", None) or ():
        if term in names:
            cols[names.index(term)] = True
        elif term in data.terms:
            cols[list(data.terms[term])] = True
    if not cols.any():
        cols[:] = True
    return cols[:, None] & rows[None, :]


def _exact_cells(sep: Any, data: Any) -> np.ndarray | None:
    """The cells of :func:`diverging_cells` from ``sep.apart`` (those some separating
    direction moves) for ``data``'s reference; None when ``sep`` has none for its levels and
    columns."""
    moved = getattr(sep, "apart", None)
    pos = None if moved is None else _positions(sep, data)
    if moved is None or pos is None:
        return None
    return np.array(_cells(moved[:, pos][:, :, pos], data.coding))


def exact_check_runs(data: ModelData) -> bool:
    """Whether :func:`detect` can run on ``data``: its rows are in memory (not a dask fit's
    partitions) and its linear program fits in the memory available. A fit that stops short
    where it cannot is reported as one that no exact check explained, never as one the check
    cleared."""
    if not data.in_memory:
        return False
    return separation_check_fits(constraint_entries(data.y[data.w > 0], data.p, data.q))


def warn_separation(sep: Separation) -> None:
    """Issue a :class:`~mnlogit.exceptions.SeparationWarning` carrying ``sep.message``, at the
    user's line."""
    warn(sep.message, SeparationWarning)
