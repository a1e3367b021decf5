"""Numeric variables that the formula reads only as the categories of one computed factor
(``C(k % 3)`` of integers k): taken as discrete, as Stata takes ``i.k3`` of a variable
``k3 = mod(k, 3)``.

Such a design has no slope in k: k nudged by a step makes categories the fit has no
coefficients for (``k % 3`` of 1.001), and ``marginal_effects()`` refused the whole table,
the other variables' slopes with it. Its effects are the discrete changes in P from the
factor's baseline level to each other level, labelled as the factor's design columns
(``C(k % 3)[T.1]``). Each level is set through a value of k that the fitted rows hold at it:
the design reads k only through the level, so any such value gives the same design. A
variable read by several factors, or also as a number (``k + C(k % 3)``), has no levels of
its own to change between: :func:`no_slope_note` says why it is left out.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import numpy as np
import pandas as pd

from .._data import ModelData
from .._levels import level_key
from .._new_levels import python_scalar
from .._terms import coding
from ..formula import categorical_values
from ._derivative import STEP, _spread
from ._typical import typical_level
from ._variables import Variable, counted_rows, factor_columns, set_column

__all__ = ["discrete_variables", "no_slope_note", "typical_discrete"]


def discrete_variables(data: ModelData, variables: list[Variable]) -> list[Variable]:
    """``variables`` with each numeric one that the formula reads only as the categories of
    one computed factor, and that has no slope there, as a factor of that factor's levels."""
    if data.spec is None or data.frame is None:
        return variables
    frame = counted_rows(data)[0]
    assert frame is not None  # a formula's model keeps its raw rows
    rows = frame.reset_index(drop=True)
    return [_discrete(data, rows, var) or var for var in variables]


def _discrete(data: ModelData, rows: pd.DataFrame, var: Variable) -> Variable | None:
    if var.levels is not None or var.date or var.column is not None:
        return None
    spec = data.spec
    readers = [
        f for f in spec.factor_variables if var.name in factor_columns(spec, f, rows.columns)
    ]
    if len(readers) != 1 or getattr(readers[0].eval_method, "value", "") != "python":
        return None
    expr = str(readers[0].expr)
    state = spec.encoder_state.get(readers[0].expr)
    if state is None or getattr(state[0], "value", None) != "categorical":
        return None
    order, _, base = coding(state[1])
    values = categorical_values(rows, [expr]).get(expr)
    if values is None or not _leaves_levels(rows, var.name, expr, order):
        return None
    codes, distinct = pd.factorize(values)
    row_of = {  # each level's first row
        level_key(python_scalar(v)): int(np.argmax(codes == j)) for j, v in enumerate(distinct)
    }
    x = rows[var.name].to_numpy()
    held, named = [], []
    for level in order:
        at = row_of.get(level_key(python_scalar(level)))
        if at is not None:  # levels only rows of weight 0 hold are no level of the average
            held.append(x[at])
            named.append(level)
    if len(held) < 2:
        return None
    first = next((i for i, lv in enumerate(named) if base is not None and lv == base), 0)
    return replace(
        var,
        levels=tuple(held),
        base=held[first],
        coded_base=base is not None,
        term=expr,
        named=tuple(named),
    )


def _leaves_levels(rows: pd.DataFrame, name: str, expr: str, order: list) -> bool:
    """Whether ``name`` nudged by the steps of its derivative makes, at some row, a category
    of ``expr`` outside the fitted levels ``order`` (or one that cannot be evaluated): the
    design has no slope in it there. A step function of a number (``C(k > 4.5)``) keeps its
    levels and its slope, 0, as before."""
    x = rows[name].to_numpy(np.float64)
    s = _spread(x)
    s = s if s > 0 else max(float(np.abs(x).max()), 1.0)
    h = STEP * np.clip(np.abs(x), 1e-3 * s, s)
    known = {level_key(python_scalar(lv)) for lv in order}
    for step in (h, -h):
        nudged = categorical_values(set_column(rows, name, x + step), [expr]).get(expr)
        if nudged is None:
            return True
        if any(level_key(python_scalar(v)) not in known for v in pd.unique(nudged.dropna())):
            return True
    return False


def typical_discrete(data: ModelData, var: Variable, w: np.ndarray) -> tuple[Any, Any]:
    """The value of ``var`` (a discrete variable) at which a typical row holds it, one that
    the fitted rows hold at its factor's most frequent level (by weight), and that level."""
    rows = data.frame.reset_index(drop=True)
    codes, distinct = pd.factorize(categorical_values(rows, [var.term])[var.term])
    by_key = {level_key(python_scalar(lv)): i for i, lv in enumerate(var.named)}
    # code -1, a missing value, is the last entry: no level
    named = np.array([by_key.get(level_key(python_scalar(v)), -1) for v in distinct] + [-1])
    held = pd.Series(named[codes])
    kept = held.to_numpy() >= 0
    top = typical_level(held[kept], w[kept], range(len(var.named)))
    assert var.levels is not None  # a discrete variable has levels
    return var.levels[int(top)], var.named[int(top)]


def no_slope_note(names: list[str]) -> str:
    """The note on variables left out of the effects for having no slope, or ``""``."""
    if not names:
        return ""
    listed = ", ".join(map(repr, names))
    return (
        f"Left out: {listed}, read through categories that have no slope in it (a step "
        "makes categories the fit has no coefficients for) and also otherwise (as a number, "
        "or by another factor), so that no one factor's levels change with it; compare its "
        f"values with margins(at={{{names[0]!r}: [a, b]}}).contrast({names[0]!r}), or make "
        "the categories a column of the data and write C() of it for their changes."
    )
