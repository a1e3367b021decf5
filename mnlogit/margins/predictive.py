"""Predictive margins: probabilities or effects at chosen values, over factor levels, averaged
over the observed rows or over a reference grid (Stata's ``margins``, R's emmeans)."""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._checks import check_alpha, critical_value
from .._levels import same_level
from .._wald import untestable
from ..exceptions import DataError, LevelError, NotInMemoryError
from . import _delta, _rounding, _unconditional, _undetermined
from ._at_values import in_data_dtypes
from ._contrast_terms import baselines
from ._dates import date_mean, refuse_dates
from ._derivative import NoSlopeError, design_derivative
from ._grid_notes import described, extrapolated, held_value
from ._kinds import (
    AVERAGES,
    GRID,
    KINDS,
    OTHER_AVERAGES,
    OTHER_KINDS,
    ROWS,
    check_named,
    margin_kind,
)
from ._left_out import LeftOut
from ._settings import at_settings
from ._variables import (
    Variable,
    check_finite,
    counted_rows,
    design,
    raw_variables,
    select,
    set_column,
)
from .effects import (
    binary_note,
    check_final,
    covariance_label,
    diverging_columns,
    estimates_note,
    few_clusters,
    inference_note,
    runs_through_separation,
)
from .result import Margins, separation_note

if TYPE_CHECKING:  # for annotations only: results imports this package
    from .._data import ModelData
    from ..results import MNLogitResults

__all__ = ["margins"]

# The columns of a margins table besides the values set: a variable set by at/over takes a
# column of its own, which may not be one of these (a table with two columns "z" cannot be
# read by name, nor contrast("outcome") tell the variable from the outcomes)
RESERVED = ("variable", "outcome", "estimate", "std_error", "z", "pvalue", "lower", "upper")


def margins(
    res: MNLogitResults,
    at: dict | None = None,
    over: str | list[str] | None = None,
    kind: str = "prob",
    average: str = "rows",
    alpha: float = 0.05,
    variables: Any = None,
    vce: str = "delta",
) -> Margins:
    """Predicted probabilities (or marginal effects) at chosen values, with delta-method SEs.

    Parameters
    ----------
    res : MNLogitResults
        A model fitted from a formula on in-memory data.
    at : dict, optional
        Raw variable -> value or list of values, e.g. ``{"age": [20, 40, 60], "region":
        "west"}``. Margins are computed for every combination of the values. A set of
        values comes sorted (levels in the factor's order). A variable set by ``at`` or
        ``over`` has a column of its own in the table, so one named as the table's other
        columns (``variable``, ``outcome``, ``estimate``, ``std_error``, ``z``,
        ``pvalue``, ``lower``, ``upper``) is refused: rename it in the data and the formula.
    over : str or list of str, optional
        Factor(s) whose every level is a margin of its own, the factor set to that level
        (Stata's ``margins region``, emmeans' ``~ region``). Not Stata's ``over()`` option,
        which averages within subgroups of the rows.
    kind : {"prob", "effect"}
        ``"prob"``: probabilities of every outcome. ``"effect"``: marginal effects of
        ``variables`` (dP/dx of a numeric variable, the discrete change from the baseline of
        a factor), as :meth:`MNLogitResults.marginal_effects`.
    average : {"rows", "grid"}
        What the variables not named in ``at``/``over`` are. ``"rows"``: as observed; every
        row of the fit is predicted with the named variables set, and the predictions are
        averaged with the fit's frequency or sampling weights (Stata's default,
        "predictive margins").
        ``"grid"``: a reference grid; numeric variables at their (weighted) means, every
        combination of the levels of the other factors, equally weighted (emmeans'
        estimated marginal means, ``mode = "prob"`` for a multinomial model). A grid with
        more points than the fit has rows, and a design of more than 25 million cells, is
        refused (as emmeans' ``rg.limit``): set some of its factors, or average the rows.
    alpha : float
        Error rate, in (0, 0.5]: intervals are 1 - alpha symmetric Wald intervals, as Stata
        and emmeans give.
    variables : str or list of str, optional
        For ``kind="effect"``: the variables whose effects are taken (default: every
        variable except the factors named in ``at``/``over``). As in
        :meth:`MNLogitResults.marginal_effects`, a variable whose design has no derivative
        at some rows (``C(k > 4)`` at k = 4, ``np.sqrt(c)`` at 0) is left out of the default
        table, its note naming the rows and a warning saying so, and refused when named; a
        table of which every variable is left out is refused.
    vce : {"delta", "unconditional"}
        The covariates averaged over as fixed, J V J' (``"delta"``, Stata's default), or as
        sampled with the rows (Stata's ``vce(unconditional)``, Korn and Graubard's predictive
        margins): a margin over the rows then estimates a population mean, and its variance
        counts the covariates' sampling too, summed over the fit's units as its covariance
        sums the coefficients' (a survey design's strata, PSUs, fpc, lonely PSUs and
        subpopulation; clusters with G/(G-1); rows, HC0, as the fit's robust covariance:
        Stata's are sqrt(n/(n-1)) times these). Values set by ``at``/``over`` stay fixed;
        ``average="grid"`` (no rows averaged) and fits with the model-based covariance
        (covariates fixed) or none (penalised) are refused, and so, with a
        ``MemoryLimitError``, are margins whose values at every row (held twice) would not fit.

    Returns
    -------
    Margins
        ``to_frame()`` has one row per (outcome, combination of the values), the values in
        columns of their own; ``contrast()`` compares margins; ``plot()`` draws them.

    Notes
    -----
    A margin is m = sum_i w_i P_ik(x_i) / sum_i w_i over its rows (observed rows with the
    ``at`` values set, or grid points); its Jacobian with respect to the coefficients is
    sum_i w_i P_ik (e_k - P_i) (x) x_i / sum_i w_i, and its standard error
    sqrt(J V J') with V the covariance of the fit (robust or cluster-robust when the fit
    is). Transforms and interactions are handled by encoding the rows with the stored
    formula. Under separation, what involves a diverging coefficient has NaN standard
    errors, and effects and contrasts (changes) are NaN too; a margin of probabilities keeps
    its fitted value, as ``predict`` does. The note says why.

    With ``vce="unconditional"`` row i's influence on a margin m is z_i = w_i (g_i - m) / W
    + J A^-1 w_i u_i, g_i the row's prediction (or effect) at the values set, A^-1 w_i u_i its
    influence on the coefficients; the variance is that of the units' totals of z_i. R
    survey's ``svypredmeans`` leaves out the covariance of the two terms. The notes and
    ``to_frame().attrs["vce"]`` say which variance a table has.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")
    >>> m = res.margins(at={"distance": [2, 10]}, over="region")
    >>> m.to_frame().shape
    (24, 9)

    >>> design = mnlogit.SurveyDesign(psu="household", strata="region")
    >>> svy = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car", design=design)
    >>> svy.margins(over="region", vce="unconditional").to_frame().attrs["vce"]
    'unconditional'
    """
    check_named("kind", kind, tuple(KINDS), OTHER_KINDS)
    check_named("average", average, AVERAGES, OTHER_AVERAGES)
    sampling = _unconditional.lookup_vce(vce)
    alpha = check_alpha(alpha)  # a float: Fraction(1, 20) failed in the headers' format
    critical_value(alpha)
    check_final(res, "margins")
    sampling.check(res, average)
    data = res._data
    if data.spec is None:
        raise DataError(
            "margins set and average the formula's raw variables, but the model was built "
            "from arrays, without a formula: fit it from one (mnlogit.fit(formula, data), or "
            "MNLogitClassifier(formula=...) for the scikit-learn classifier); "
            "marginal_effects() needs no formula"
        )
    if not data.in_memory:  # the error every other use of a dask fit's rows raises
        raise NotInMemoryError(
            "margins predict every row of the fit, but its rows stay in partitions; "
            f"{data.in_memory_advice}"
        )
    available = raw_variables(data)
    by_name = {v.name: v for v in available}
    settings = at_settings(data, by_name, at, over)
    keys = list(settings)
    effects: list[Variable] = []
    spec = margin_kind(kind)
    if spec.effects:
        effects = _effect_variables(available, variables, settings, by_name)
    elif variables is not None:
        raise DataError('variables: only used with kind="effect"')
    sampling.check_size(res, settings, effects)
    clash = [k for k in keys if k in RESERVED]
    if clash:
        renamed = ", ".join(f"{k!r}: {k + '_'!r}" for k in clash)
        raise DataError(
            f"margins: the variable name(s) {', '.join(map(repr, clash))} clash with the "
            f"columns of the margins table ({', '.join(map(repr, RESERVED))}), which would "
            "hold both the values set and a statistic; rename the column(s) in the data "
            f"and the formula and refit, e.g. data.rename(columns={{{renamed}}})"
        )
    B = res._core.B
    # Jacobians with respect to S * flat(B), whose covariance V is: with respect to flat(B),
    # that of a column in units of 1e-200 beside one in units of 1e200 passed the largest double
    _, S = res._scaled_cov
    V, T = res._delta_coordinates  # a fit on an orthogonal basis: the forms taken there
    diverging = diverging_columns(res)
    order = data.coding.level_to_core
    base_frame, base_w = _base(data, by_name, settings, average)
    # (combination, checksum, variable taken or None, [(label, estimate, Jacobian, involves
    # diverging, values at the rows)]): a variable left out at one combination is left out
    # of them all, so the table is built once every combination is computed
    computed: list[tuple[dict, int, str | None, list]] = []
    rests: list[np.ndarray] = []  # 1 - each probability margin, which contrasts take
    kinked: dict[str, list[str]] = {}  # the rows of an effect where the design has a kink at x
    z = critical_value(alpha, res.df_design)
    # computed's index -> its parts' margins with no standard error
    loose: dict[int, list[np.ndarray]] = {}
    points: list[np.ndarray] = []  # coefficients witnessing effects' collapse at a combination
    left = LeftOut("margins", variables is not None, len(effects), data)
    for values in itertools.product(*settings.values()):
        combo = dict(zip(keys, values, strict=True))
        frame = _with_values(base_frame, combo)
        w = base_w
        where = _where(combo, by_name, average, base_frame)
        try:
            X = design(data, frame)
        except (LevelError, DataError) as exc:
            # a value that makes a computed category (C(k % 3) at 1.5), or asks a spline of
            # an expression (bs(x1 - x2)) beyond its bounds in some row; so may a grid's mean
            raise type(exc)(f"{where}, {str(exc).removeprefix('newdata: ')}") from None
        check_finite(data, X, where)
        checksum = _rounding.fingerprint(X)
        points = []
        if not spec.effects:
            est, rest, J = _delta.mean_probability(X, w, B)
            rests.append(rest[order])
            at_rows = _delta.row_probabilities(X, B) if sampling.sampled else None
            dep = runs_through_separation(res, X, w=w)
            if not dep:
                rows_of = _row_logits(X, w, B, V, S[: data.p], T)
                se = _delta.delta_se(J / S, V, T)
                loose[len(computed)] = [
                    _undetermined.undetermined(est, rest, se, z, rows_of)[order]
                ]
            computed.append(
                (combo, checksum, None, _ordered([(None, est, J / S, dep, at_rows, None)], order))
            )
        elif effects and not runs_through_separation(res, X, w=w):
            # the probabilities the effects are made of: where some are undetermined, the
            # coefficients that witness an effect's collapse (_undetermined's notes)
            est, rest, J = _delta.mean_probability(X, w, B)
            se = _delta.delta_se(J / S, V, T)
            flagged = _undetermined.undetermined(
                est, rest, se, z, _row_logits(X, w, B, V, S[: data.p], T)
            )
            points = _witnesses(res, B, J, est, rest, flagged, z) if flagged.any() else []
        for var in effects:
            if var.name in left.names:
                continue
            notes = kinked.setdefault(var.name, [])
            try:
                parts = _effect(res, frame, X, w, B, var, notes, S, sampling.sampled)
            except NoSlopeError as exc:
                left.leave_out(var, exc)  # the table of the others, with a note
                continue
            if points:
                unsupported = _undetermined.unsupported_effects
                loose[len(computed)] = [
                    unsupported(e, _delta.delta_se(Je, V, T), z, at, points)[order]
                    for _, e, Je, _, _, at in parts
                ]
            computed.append((combo, checksum, var.name, _ordered(parts, order)))
    rows: list[dict] = []
    estimates: list[np.ndarray] = []
    jacobians: list[np.ndarray] = []
    depends: list[np.ndarray] = []
    designs: list[np.ndarray] = []  # each margin's design checksum (see Margins.contrast)
    values_at: list[np.ndarray] = []  # each margin's value at every row (vce="unconditional")
    undetermined: list[np.ndarray] = []
    for index, (combo, checksum, taken, parts) in enumerate(computed):
        if taken in left.names:
            continue
        none = [np.zeros(len(order), dtype=bool)] * len(parts)
        for (label, est, J, dep, at_rows, _), part_loose in zip(
            parts, loose.get(index, none), strict=True
        ):
            undetermined.append(part_loose)
            for level in data.levels:
                row = {} if label is None else {"variable": label}
                row.update(combo)
                row["outcome"] = level
                rows.append(row)
            estimates.append(est)
            jacobians.append(J)
            if at_rows is not None:
                values_at.append(at_rows)
            depends.append(np.full(len(order), dep))
            designs.append(np.full(len(order), checksum, dtype=np.int64))
    # the values at the rows are values_at's alone now: the unconditional covariance frees
    # them as it stacks them, which a reference kept here prevented (a third copy at its peak)
    computed.clear()
    parts, at_rows = [], None
    if not rows:
        left.refuse_all()
    frame = in_data_dtypes(pd.DataFrame(rows), data.frame)
    if spec.effects:  # variable outermost, as marginal_effects orders its rows
        position = {v: i for i, v in enumerate(dict.fromkeys(frame["variable"]))}
        sort = np.argsort(frame["variable"].map(position).to_numpy(), kind="stable")
    else:
        sort = np.arange(len(frame))
    note = described(data, by_name, settings, average, base_frame)
    note += extrapolated(data, by_name, settings)
    note += [why for why in [binary_note(data, effects)] if why]
    if spec.effects:
        left.leave_out_dates(available)
    note += list(
        dict.fromkeys(n for v, said in kinked.items() if v not in left.names for n in said)
    )
    note += left.notes()
    involved = np.concatenate(depends)[sort]
    if involved.any():
        terms = ", ".join(repr(data.column_names[j]) for j in diverging)
        note.append(separation_note(res, spec, terms))
    # a census named, as marginal_effects names it (the note on zero SEs only lists causes)
    said = (estimates_note(res), inference_note(res), untestable(res), few_clusters(res))
    note += [why for why in said if why]
    jacobian = np.concatenate(jacobians)[sort]
    sampled = None
    if sampling.sampled:
        sampled = _unconditional.sampled_covariance(res, values_at, sort, jacobian, sampling)
        note.append(_unconditional.note(sampling, res))
    return Margins(
        keys=frame.iloc[sort].reset_index(drop=True),
        estimate=np.concatenate(estimates)[sort],
        complement=np.concatenate(rests)[sort] if rests else None,
        scaled_jacobian=jacobian,
        cov=V,
        cov_scale=S,
        basis=T,
        depends=involved,
        nan_estimates=spec.effects,
        alpha=alpha,
        title=spec.title(average),
        notes=note,
        outcomes=data.levels,
        outcome_name=data.outcome_name,
        # a penalised fit has no covariance behind its margins (compare() says "none" too)
        covariance=sampling.describe(covariance_label(res)),
        kind=kind,
        df=res.df_design,
        baselines=baselines(res.ref, [by_name[name] for name in keys]),
        designs=np.concatenate(designs)[sort],
        factors=tuple(name for name in keys if by_name[name].levels is not None),
        sampled=sampled,
        undetermined=np.concatenate(undetermined)[sort],
    )


def _row_logits(
    X: np.ndarray, w: np.ndarray, B: np.ndarray, V: np.ndarray, s: np.ndarray, T: Any
) -> Callable[[], tuple[np.ndarray, np.ndarray, np.ndarray]]:
    """Each row's logits, their standard errors and the rows' weights, computed when asked
    (for margins that round to 0 or 1 exactly: :func:`_undetermined.undetermined`)."""

    def rows() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        _, logit, se = _delta.logit_se(X, B, V, s, T)
        return logit, se, w

    return rows


# A reference grid holds every combination of the levels of the factors not set: four factors
# of 40 levels are 2.56 million points, a design of 3 GB encoded for each combination. Up to
# the size of the fit's own design (or this many cells, 200 MB) it costs no more than
# averaging over the rows; emmeans refuses grids past 10,000 points unless rg.limit is raised.
MAX_GRID_CELLS = 25_000_000


def _effect_variables(
    available: list[Variable], variables: Any, settings: dict[str, list], by_name: dict
) -> list[Variable]:
    set_factors = [n for n in settings if by_name[n].levels is not None]
    if variables is None:
        chosen = [v for v in available if v.name not in set_factors and not v.date]
    else:
        chosen = select(available, variables)
        refuse_dates(chosen, "variables")
        fixed = [v.name for v in chosen if v.name in set_factors]
        if fixed:
            raise DataError(
                f"variables: {', '.join(map(repr, fixed))} is set by at/over, so it has no "
                f"effect of its own there; compare its levels with .contrast() instead"
            )
    if not chosen:
        raise DataError("margins: no variable is left to take effects of")
    return chosen


def _base(
    data: ModelData, by_name: dict[str, Variable], settings: dict[str, list], average: str
) -> tuple[pd.DataFrame, np.ndarray]:
    """The rows every combination starts from: the observed rows, or the reference grid of
    the variables not in ``settings``."""
    if average == ROWS:
        frame, _, w = counted_rows(data)
        assert frame is not None  # margins need a formula's raw rows
        return frame, w
    w = data.w
    columns: dict[str, list] = {}
    for name, var in by_name.items():
        if name in settings:
            continue
        if var.date:
            columns[name] = [date_mean(data.frame[name], w)]
        elif var.levels is None:
            columns[name] = [float(_delta.weighted_mean(data.frame[name].to_numpy(np.float64), w))]
        else:
            columns[name] = list(var.levels)
    points = math.prod(len(v) for v in columns.values())
    limit = max(MAX_GRID_CELLS // data.p, data.n_rows)
    if points > limit:
        sizes = " x ".join(f"{len(v)} ({k})" for k, v in columns.items() if len(v) > 1)
        raise DataError(
            f'average="grid": the reference grid of the factors not set has {sizes} = '
            f"{points:,} points, each predicted for every combination of the values; at most "
            f"{limit:,} are (as many as the fit has rows, or a design of {MAX_GRID_CELLS:,} "
            "cells). Average over the rows instead "
            '(average="rows"), or set some of these factors with at= or over='
        )
    grid = (
        pd.DataFrame(list(itertools.product(*columns.values())), columns=list(columns))
        if columns
        else pd.DataFrame(index=pd.RangeIndex(1))
    )
    for name in columns:
        like = data.frame[name]
        if by_name[name].levels is not None or by_name[name].date:
            grid[name] = pd.Series(list(grid[name]), dtype=like.dtype)
    for name in settings:  # placeholders, replaced for every combination
        grid[name] = pd.Series([data.frame[name].iloc[0]] * len(grid), dtype=data.frame[name].dtype)
    return grid, np.ones(len(grid))


def _with_values(base: pd.DataFrame, combo: dict[str, Any]) -> pd.DataFrame:
    """``base`` with every variable of ``combo`` set to its value in every row."""
    frame = base
    for name, value in combo.items():
        frame = set_column(frame, name, value)
    return frame


def _effect(
    res: MNLogitResults,
    frame: pd.DataFrame,
    X: np.ndarray,
    w: np.ndarray,
    B: np.ndarray,
    var: Variable,
    notes: list[str],
    S: np.ndarray,
    at_rows: bool = False,
) -> list[tuple[str, np.ndarray, np.ndarray, bool, np.ndarray | None, Callable]]:
    """[(label, effect, Jacobian, involves diverging, effect at each row, effect at other
    coefficients B)] of one variable on these rows, the Jacobian with respect to S * flat(B),
    the effects at the rows (n, K) only when ``at_rows``; what the table should say of them
    goes to ``notes`` (a kink of the design at the values)."""
    data = res._data
    if var.levels is None:
        D, kinked = design_derivative(data, frame, var, len(X), B, X)
        if kinked:
            notes.append(kinked)
        est, J = _delta.slope(X, D, w, B, S[: data.p])
        dep = runs_through_separation(res, X, D, w=w)
        rows = _delta.row_slopes(X, D, B) if at_rows else None
        return [(var.name, est, J, dep, rows, lambda B_: _delta.slope(X, D, w, B_)[0])]
    X_base = design(data, set_column(frame, var.name, var.base))
    base, base_rest, J_base = _delta.mean_probability(X_base, w, B)
    base_rows = _delta.row_probabilities(X_base, B) if at_rows else None
    out: list[tuple[str, np.ndarray, np.ndarray, bool, np.ndarray | None, Callable]] = []
    for lv in var.levels:
        if same_level(lv, var.base):
            continue
        X_lv = design(data, set_column(frame, var.name, lv))
        p, rest, J = _delta.mean_probability(X_lv, w, B)
        dep = runs_through_separation(res, X_lv, X_base, w=w)
        change = _delta.difference(p, rest, base, base_rest)
        rows = None if base_rows is None else _delta.row_probabilities(X_lv, B) - base_rows
        # J - J_base of probabilities over S: no overflow
        out.append(
            (f"{var.name}[T.{lv}]", change, (J - J_base) / S, dep, rows, _change(X_lv, X_base, w))
        )
    return out


def _change(X_lv: np.ndarray, X_base: np.ndarray, w: np.ndarray) -> Callable:
    """A factor's change in the margins from ``X_base`` to ``X_lv`` at coefficients B."""

    def at(B: np.ndarray) -> np.ndarray:
        return _delta.difference(
            *_delta.mean_probability(X_lv, w, B)[:2], *_delta.mean_probability(X_base, w, B)[:2]
        )

    return at


def _witnesses(
    res: MNLogitResults,
    B: np.ndarray,
    J: np.ndarray,
    est: np.ndarray,
    rest: np.ndarray,
    flagged: np.ndarray,
    z: float,
) -> list[np.ndarray]:
    """:func:`_undetermined.witnesses` of the probability margins ``est`` (Jacobian ``J``
    with respect to flat(B)), taken in the units the fit's covariance is of."""
    Vs, S = res._scaled_cov
    units = S.reshape(B.shape[1], B.shape[0]).T
    points = _undetermined.witnesses(B * units, J / S, est, rest, flagged, Vs, z)
    return [b / units for b in points]


def _ordered(parts: list, order: np.ndarray) -> list:
    """``parts`` of margins (see :func:`_effect`) with their outcomes in level order; the
    values at the rows are reordered as they are kept, so that each is held once."""
    return [
        (label, est[order], J[order], dep, None if rows is None else rows[:, order], at)
        for label, est, J, dep, rows, at in parts
    ]


def _where(
    combo: dict[str, Any], by_name: dict[str, Variable], average: str, base: pd.DataFrame
) -> str:
    """The values a margin is computed at, for a refusal: those set by ``at``/``over``, and on
    a reference grid the means the numeric variables are held at (x at its mean of 4.9 makes
    the category C(np.round(x / 3)) = 2, which no row has; the refusal read "at: with , ")."""
    parts = [f"at: with {', '.join(f'{k}={v!r}' for k, v in combo.items())}"] if combo else []
    if average == GRID:
        held = [
            f"{n} = {held_value(base[n].iloc[0], 6)}"
            for n, v in by_name.items()
            if n not in combo and v.levels is None
        ]
        if held:
            parts.append(
                f'average="grid" holds {", ".join(held)} (the means; set other values with '
                'at=, or average the rows with average="rows")'
            )
    return "; ".join(parts) or "at the rows of the fit"
