"""The raw variables of a formula and counterfactual copies of the data.

Effects are taken with respect to the raw variables of the data, not the design columns: for
``x1 + x1:group + log(x2)`` the effect of x1 runs through both x1 columns and the effect of x2
through log(x2); :mod:`._derivative` differentiates the design with respect to them.
"""

from __future__ import annotations

import reprlib
from collections.abc import KeysView
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import pandas as pd

from .._data import ModelData
from .._new_data_design import design_for_new_data
from .._terms import (
    bounded_splines,
    c_column,
    coding,
    learned_state,
    transform_states,
)
from ..exceptions import ColumnNotFoundError, DataError, InputTypeError
from ..formula import required_columns
from ._names import listed_names, near_name

__all__ = [
    "Variable",
    "check_finite",
    "coded_levels",
    "counted_rows",
    "design",
    "is_date",
    "raw_variables",
    "select",
    "set_column",
    "transform_bounds",
]


@dataclass(frozen=True)
class Variable:
    """A raw variable: numeric (``levels`` None) or a factor with its levels and baseline."""

    name: str
    levels: tuple | None = None
    base: Any = None
    column: int | None = None  # models from arrays: the design column it is
    # a date or time span that a transform reads (I(d.dt.year)): held at its mean or as
    # observed, never set nor differentiated. Taken as a factor, its every date was a level:
    # a discrete change from the first date for each other one, and at="typical" the first
    date: bool = False
    # whether ``base`` is a treatment coding's baseline (C(g, Sum) has none: its changes and
    # contrasts start from the first level)
    coded_base: bool = False
    outside: tuple = ()  # its values found only outside the fit's subpopulation
    # a number read only as the categories of one computed factor (C(k % 3)): that factor,
    # and its level at each of ``levels`` (values of the variable the rows hold at it)
    term: str = ""
    named: tuple = ()

    def label(self, i: int) -> str:
        """The label of the change to the ``i``-th of ``levels``, as formulaic names its
        treatment column (``group[T.urban]``, ``C(k % 3)[T.1]``)."""
        level = self.named[i] if self.named else self.levels[i]  # type: ignore[index]
        return f"{self.term or self.name}[T.{level}]"


def raw_variables(data: ModelData) -> list[Variable]:
    """The variables of the model in formula order (every design column but the intercept
    for a model from arrays)."""
    if data.spec is None:
        return [
            Variable(name, column=j)
            for j, name in enumerate(data.column_names)
            if j != data.intercept
        ]
    if data.frame is None:
        raise DataError(
            "marginal effects need the model's raw variables, which this model "
            "does not keep; fit it with mnlogit.fit(formula, data)"
        )
    spec, frame = data.spec, data.frame
    # formulaic's required_variables splits a quoted dotted name (`x.y` reads as x), which
    # left such a variable out of every effect and margin without a word
    required = set(required_columns(spec.factors, spec.required_variables, frame.columns))
    names: list[str] = []
    for term in spec.terms:  # formula order
        for factor in term.factors:
            for v in sorted(required & factor_columns(spec, factor, frame.columns)):
                if v not in names and v in frame.columns:
                    names.append(v)
    categorical = coded_levels(spec, frame.columns)
    outside = dict(getattr(data.design, "outside_levels", ()))
    out = []
    for v in names:
        col = frame[v]
        if is_date(col) and v not in categorical:  # C(d) makes its dates levels: a factor
            out.append(Variable(v, date=True))
            continue
        numeric = pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)
        if numeric and v not in categorical:
            out.append(Variable(v))
            continue
        found = _factor(v, col, *categorical.get(v, ([], None)))
        out.append(replace(found, outside=outside.get(v, ())))
    return out


def coded_levels(spec: Any, columns: Any) -> dict[str, tuple[list, Any]]:
    """Variable -> (its levels in the order its factor codes them, the treatment baseline or
    None), of the first C()/categorical factor of that variable alone, among ``columns``."""
    required = set(required_columns(spec.factors, spec.required_variables, columns))
    categorical: dict[str, tuple[list, Any]] = {}
    for factor in spec.factor_variables:
        state = spec.encoder_state.get(factor.expr)
        if state is None or getattr(state[0], "value", None) != "categorical":
            continue
        # only a factor's own column has its values as levels (g, C(k)); a number read by a
        # computed one (C(np.round(x / 50))) stays a number: its 366 distinct values were
        # taken as levels, margins(at=) refused x = 60 and the effects were 365 contrasts
        source = c_column(factor, levels=True)
        if str(getattr(factor.eval_method, "value", "")) == "lookup":
            source = str(factor.expr).strip("`")
        read = required & factor_columns(spec, factor, columns)
        for v in read & {source}:
            if len(read) == 1 and v not in categorical:
                order, _, base = coding(state[1])
                categorical[v] = (order, base)
            categorical.setdefault(v, ([], None))
    return categorical


def factor_columns(spec: Any, factor: Any, columns: Any) -> set[str]:
    """The data ``columns`` that ``factor`` of ``spec`` reads. formulaic names the variable
    of a method or attribute of a column by its dotted path (``x.clip`` of ``x.clip(0, 8)``,
    ``g.str.upper`` of ``C(g.str.upper())``), which is no column: such a variable was left out
    of the effects without a word, and margins at its values were refused."""
    used = spec.factor_variables.get(factor, ())
    return set(required_columns([factor], used, columns)) & {str(c) for c in columns}


def is_date(col: pd.Series) -> bool:
    """Whether ``col`` holds dates (with or without a zone), time spans or periods."""
    return col.dtype.kind in "mM" or isinstance(col.dtype, pd.PeriodDtype)


def _factor(name: str, col: pd.Series, order: list, base: Any) -> Variable:
    """The factor ``name`` with the levels its rows hold, in the order the formula codes them
    (``C(g, levels=[...])``'s, which R's ``factor(g, levels = ...)`` gives too), and its
    baseline: the treatment baseline, else the first level. Its changes were taken from the
    first sorted level, not the coefficients' baseline, when the formula ordered the levels."""
    if isinstance(col.dtype, pd.CategoricalDtype):
        present = set(col.dropna().unique())
        levels = tuple(c for c in col.cat.categories if c in present)
    else:
        levels = tuple(in_order(col.dropna().unique().tolist()))
    held = {c: c for c in levels}  # the coding's level -> the column's value of it
    ordered = [held[lv] for lv in order if lv in held]
    if len(ordered) == len(levels):
        levels = tuple(ordered)
    found = next((lv for lv in levels if base is not None and lv == base), levels[0])
    return Variable(name, levels=levels, base=found, coded_base=base is not None)


def in_order(values: list) -> list:
    """``values`` sorted; as found when they cannot be (numbers and words in one column, which
    ``C()`` reads as levels): the coding's order, which the caller takes, then orders them."""
    try:
        return sorted(values)
    except TypeError:
        return values


def select(available: list[Variable], variables: Any) -> list[Variable]:
    """The named variables (all when ``variables`` is None), in the order asked."""
    if variables is None:
        return available
    by_name = {v.name: v for v in available}
    names = listed_names(by_name)
    if not isinstance(variables, str) and np.ndim(variables) == 0 and str(variables) in by_name:
        variables = str(variables)  # a DataFrame's column 0 is the formula's `0`
    wanted = [variables] if isinstance(variables, str) else variables
    if isinstance(wanted, (pd.Series, KeysView)):  # names in a Series or a dict's keys, as at=
        wanted = list(wanted)  # and over= take values and names in them
    listed = isinstance(wanted, (set, frozenset)) or (
        isinstance(wanted, (list, tuple, pd.Index, np.ndarray)) and np.ndim(wanted) == 1
    )
    if listed:  # a DataFrame's column 0 is the formula's `0`, named "0"
        named = [str(v) if not isinstance(v, str) and str(v) in by_name else v for v in wanted]
        wanted = set(named) if isinstance(wanted, (set, frozenset)) else named
    if not listed or not all(isinstance(v, str) for v in wanted):
        raise InputTypeError(
            f"variables: expected a variable name or a list of them ({names}); got "
            f"{type(variables).__name__} {reprlib.repr(variables)}"
        )
    if isinstance(wanted, (set, frozenset)):
        # a set has no order of its own (string hashes change from run to run, and so did the
        # order of the rows of the effects): the formula's
        wanted = sorted(wanted, key=lambda v: list(by_name).index(v) if v in by_name else -1)
    wanted = list(wanted)
    if not wanted:
        raise DataError(f"variables: the list is empty; name at least one of {names}")
    unknown = [v for v in wanted if v not in by_name]
    if unknown:
        raise ColumnNotFoundError(
            f"variables: {', '.join(map(repr, unknown))} not among the model's variables ({names})"
            + "".join(near_name(v, list(by_name)) for v in unknown)
        )
    return [by_name[v] for v in dict.fromkeys(wanted)]


def counted_rows(data: ModelData) -> tuple[pd.DataFrame | None, np.ndarray, np.ndarray]:
    """The raw rows, design and weights of the rows of positive weight, those an average over
    the fit's rows runs over.

    A row of weight 0 adds nothing to the average, and differentiating it, or setting values
    in it, could only refuse it: a frequency weight of 0 on a row at x = 2 had the average
    effect of x through I(x > 2) refused as having no derivative there, and one on a row at
    x = 0 had that through np.sqrt(x) refused as infinite, effects the fit without that row
    gives.
    """
    w = data.w
    kept = w > 0
    if kept.all():
        return data.frame, data.X, w
    rows = np.flatnonzero(kept)
    frame = None if data.frame is None else data.frame.iloc[rows]
    return frame, data.X[rows], w[rows]


def design(data: ModelData, frame: pd.DataFrame) -> np.ndarray:
    """The design of raw rows ``frame``, encoded as the model's data were."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return design_for_new_data(data.spec, frame, integers=data.raw_dtypes)[0]


def check_finite(data: ModelData, X: np.ndarray, where: str) -> None:
    """Refuse values set by ``at`` or ``over`` (or a reference grid's means) at which the
    design is not finite: a transform outside its domain (``np.log(x)`` at x = 0) would make
    the margin NaN without a reason. ``where`` names the values, as :func:`margins` says."""
    bad = ~np.isfinite(X)
    if not bad.any():
        return
    row, col = (int(i[0]) for i in np.nonzero(bad))
    raise DataError(
        f"{where}, design column {data.column_names[col]!r} is {X[row, col]} in "
        f"{int(bad.any(axis=1).sum())} of {len(X)} rows: a transform in the formula is not "
        "defined there (a log or square root of a value <= 0, say); choose values inside "
        "its domain"
    )


def set_column(frame: pd.DataFrame, name: str, value: Any) -> pd.DataFrame:
    """A shallow copy of ``frame`` with column ``name`` replaced (the user's data are untouched)."""
    new = frame.copy(deep=False)
    if np.ndim(value) == 0:
        dtype = frame[name].dtype
        if (
            isinstance(value, float)
            and pd.api.types.is_integer_dtype(dtype)
            and not _whole_in(dtype, value)
        ):
            # a numeric variable stored as whole numbers (int64, uint8, Int64) is still a
            # number to the model: at={"children": 2.5} or -1 is a value of it, which its own
            # dtype cannot hold (pandas refused the cast, or would wrap -1 in uint8). A whole
            # number keeps the integers, which code that reads them as such needs:
            # k.astype('str') of at={"k": 3} gave '3.0', a level the fit never saw
            dtype = np.dtype(np.float64)
        elif isinstance(value, float) and _narrow_float(dtype, value):
            # the fit read a float32 column as float64: at={"x": 1e39} became inf (refused as
            # outside a transform's domain) and 0.1 became 0.10000000149, shown as 0.1
            dtype = np.dtype(np.float64)
        value = pd.Series([value] * len(frame), index=frame.index, dtype=dtype)
    new[name] = value
    return new


def _whole_in(dtype: Any, value: float) -> bool:
    """Whether the integer ``dtype`` holds the whole number ``value`` exactly."""
    if not value.is_integer() or abs(value) > 2.0**53:
        return False
    info = np.iinfo(np.dtype(getattr(dtype, "numpy_dtype", dtype)))
    return info.min <= value <= info.max


def _narrow_float(dtype: Any, value: float) -> bool:
    """Whether ``dtype`` is a float type narrower than float64 that does not hold ``value``
    exactly (a level of such a column always is held, so factors keep their dtype)."""
    if not pd.api.types.is_float_dtype(dtype):
        return False
    held = np.dtype(getattr(dtype, "numpy_dtype", dtype))  # Float32's numpy type too
    with np.errstate(over="ignore"):
        return held.itemsize < 8 and float(held.type(value)) != value


def transform_bounds(
    data: ModelData, undefined_beyond: bool = False
) -> dict[str, tuple[float, float, str]]:
    """Variables read by a stateful transform (``bs()``, ``cr()``, ``center()``, ...) ->
    (lowest, highest value the fit saw, the transform); with ``undefined_beyond``, only the
    columns of a B-spline whose basis is not defined beyond its bounds, with those bounds
    (``lower_bound=``, ``upper_bound=``, as ``predict`` checks them).

    Such a transform was fitted on those values; splines refuse (or extrapolate) beyond their
    bounds, which contain the observed range. Differences taken there stay inside it. A
    spline of an expression (``bs(x1 - x2)``, ``bs(np.abs(x))``) has its bounds on the
    expression, which x's range does not give: x = -3.2 of ``bs(np.abs(x))`` was refused as
    outside x's values -2.9 to 3.2, called the spline's bounds; its encoding says when values
    leave them.
    """
    spec = data.spec
    if spec is None or data.frame is None or not spec.transform_state:
        return {}
    out: dict[str, tuple[float, float, str]] = {}
    if undefined_beyond:
        for name, lo, hi, expr in bounded_splines(spec):
            out.setdefault(name, (float(lo), float(hi), expr))
        return out
    for factor in spec.factor_variables:
        # Q("x$") quotes a name and is kept with an empty state: it learned nothing
        if not learned_state(transform_states(spec, str(factor.expr))):
            continue
        for v in sorted(factor_columns(spec, factor, data.frame.columns)):
            if v in data.frame.columns and pd.api.types.is_numeric_dtype(data.frame[v]):
                x = data.frame[v].to_numpy(np.float64)
                out.setdefault(v, (float(x.min()), float(x.max()), str(factor.expr)))
    return out
