"""Where margins were evaluated, as their notes say it: the rows averaged or the reference
grid (its size, and how many of its points each margin averages, equally weighted: the
levels of the factors not set, as emmeans' "averaged over the levels of"), the means it
holds numeric variables at, and numeric values set outside the range of the rows used."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._kinds import ROWS
from ._variables import Variable
from .effects import means_said, rows_averaged
from .result import value_label

if TYPE_CHECKING:  # for annotations only
    from .._data import ModelData

__all__ = ["described", "extrapolated", "held_value"]


def held_value(value: Any, digits: int) -> str:
    """A mean a reference grid holds a variable at: a number to ``digits`` digits, a date
    as itself."""
    return f"{value:.{digits}g}" if isinstance(value, (float, np.floating)) else str(value)


def extrapolated(
    data: ModelData, by_name: dict[str, Variable], settings: dict[str, list]
) -> list[str]:
    """A note naming the numeric values set outside the range of the rows used: the margins
    there rest on the model's form alone, not on data (levels are checked when set).

    The range is that of the rows of positive weight, the rows the fit learned from: a row
    of weight 0 with x = 500 hid that x = 100 lies far beyond every row the fit used."""
    out = []
    fitted = data.w > 0
    where = "the data's range" if fitted.all() else "the range of the rows of positive weight"
    for name, values in settings.items():
        if by_name[name].levels is not None:
            continue
        column = data.frame[name].to_numpy(np.float64)[fitted]
        lo, hi = float(column.min()), float(column.max())
        outside = [v for v in values if not lo <= float(v) <= hi]
        if outside:
            shown = ", ".join(value_label(float(v)) for v in outside[:5])
            more = f" and {len(outside) - 5} more" if len(outside) > 5 else ""
            out.append(
                f"Extrapolated: {name} = {shown}{more} lie(s) outside {where} "
                f"({lo:.6g} to {hi:.6g}); the margins there rest on the model's form, not "
                "on observations."
            )
    return out


def described(
    data: ModelData,
    by_name: dict[str, Variable],
    settings: dict[str, list],
    average: str,
    base: pd.DataFrame,
) -> list[str]:
    named = ", ".join(settings) or "no variable"
    if average == ROWS:
        rows = rows_averaged(data)
        return [f"Set: {named}; every other variable as observed, averaged over {rows}."]
    held = [
        f"{n} = {held_value(base[n].iloc[0], 4)}"
        for n, v in by_name.items()
        if n not in settings and v.levels is None
    ]
    factors = [n for n, v in by_name.items() if n not in settings and v.levels is not None]
    parts = [f"Set: {named}; {_grid_said(settings, factors, len(base))}"]
    if held:
        parts.append(f"numeric variables at their {means_said(data)} ({', '.join(held)})")
        if data.weighted:
            parts.append("emmeans' grid holds them at the rows' plain means (set those with at=)")
    return ["; ".join(parts) + "."]


def _grid_said(settings: dict[str, list], factors: list[str], averaged: int) -> str:
    """The reference grid's size, and how many of its points each margin averages: the
    grid is every combination of the values set crossed with the ``averaged`` combinations
    of the levels of ``factors`` (it said "reference grid of 4 point(s)" of the points one
    margin averages, which is the whole grid only when nothing is set)."""
    settings_n = math.prod(len(v) for v in settings.values())
    total = settings_n * averaged
    if not factors:
        return f"reference grid of {total:,} point(s), one per margin"
    levels = (
        f"the {averaged:,} levels of {factors[0]}"
        if len(factors) == 1
        else f"the {averaged:,} combinations of the levels of {', '.join(factors)}"
    )
    if not settings:
        return (
            f"reference grid of {total:,} point(s) ({levels}); the "
            "margin is their equally weighted average"
        )
    return (
        f"reference grid of {total:,} point(s) ({settings_n:,} combination(s) of the values "
        f"set x {levels}); each margin is the equally weighted average of "
        f"the {averaged:,} point(s) at its values"
    )
