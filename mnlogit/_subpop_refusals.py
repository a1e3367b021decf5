"""Refusals that name a survey's subpopulation as their cause: an outcome with one level in
it (``subpop="perf == 'low'"``) was refused as "outcome 'perf' has 1 level ('low')", as if
the data held no other, and a column constant in it as a combination of the others, to be
dropped, as if it were so in the data.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._alike import first_few
from .exceptions import DataError, RankError

__all__ = ["constant_in_subpopulation", "constant_in_tally", "not_flags_hint", "too_few_levels"]


def too_few_levels(name: str, levels: list, outside: Callable[[], Any] | None) -> DataError:
    """The refusal of outcome ``name`` with only ``levels`` (fewer than two) in the rows used;
    ``outside()``: the outcome values of the rows outside a subpopulation, when one was
    given, whose levels it names with what to do."""
    said = (
        f"outcome {name!r} has {len(levels)} level ({', '.join(map(repr, levels))}); "
        "a multinomial model needs at least two"
    )
    others = [] if outside is None else _others(levels, outside())
    if not others:
        return DataError(said)
    shown = first_few(others, 5)
    return DataError(
        f"outcome {name!r} has {len(levels)} level ({', '.join(map(repr, levels))}) in the "
        f"subpopulation, and a multinomial model needs at least two: its other level"
        f"{'s' if len(others) > 1 else ''} ({shown}) {'occur' if len(others) > 1 else 'occurs'} "
        "only outside the subpopulation (as they do when it is chosen by the outcome's own "
        "value): choose a subpopulation in which the outcome takes at least two values, or, "
        "to compare the outcome between groups, fit every row with the group as a predictor"
    )


def constant_in_subpopulation(
    exc: RankError, names: tuple, constant: dict[int, float], subpop: str, where: str, others: bool
) -> RankError:
    """``exc``, the refusal of a rank-deficient design, when design columns ``constant``
    (positions in ``names``, with their one value) are 0, or constant beside the intercept,
    in the rows of the subpopulation ``subpop``: said to be so, to be left out of ``where``
    ("the formula" or "X"), and ``exc``'s own words kept for the ``others`` it refuses too."""
    zero = ", ".join(repr(names[j]) for j, value in constant.items() if value == 0)
    fixed = [f"{names[j]!r} (always {value:.6g})" for j, value in constant.items() if value]
    spans = "as the intercept is" if "Intercept" in names else "which the other columns span"
    parts = [f"column(s) {', '.join(fixed)} are constant in its rows, {spans}"]
    parts = (parts if fixed else []) + ([f"column(s) {zero} are 0 in all its rows"] if zero else [])
    said = (
        f"the design is rank deficient in the subpopulation ({subpop}): {'; '.join(parts)}; "
        "so they estimate nothing there, whatever values the rows outside it have: leave "
        f"them out of {where} for this subpopulation's fit"
    )
    err = RankError(f"{said}; besides, {exc}" if others else said)
    err.__dict__.update(exc.__dict__)
    return err


def constant_in_tally(
    exc: RankError, names: tuple, low: np.ndarray, high: np.ndarray, subpop: str
) -> RankError:
    """``exc``, the refusal of a subpopulation's rank-deficient design fitted from sums over
    partitions (``low``, ``high``: each column's smallest and largest value on its rows of
    positive weight), said as :func:`constant_in_subpopulation` says it of the columns it
    names that are constant there; as it is if it names none or is another refusal."""
    said = str(exc)
    if not said.startswith("the design is rank deficient: "):
        return exc
    named = [j for j, name in enumerate(names) if repr(name) in said and name != "Intercept"]
    constant = {
        j: float(low[j])
        for j in named
        if low[j] == high[j] and ":" not in str(names[j]) and (low[j] == 0 or "Intercept" in names)
    }
    if not constant:
        return exc
    others = any(j not in constant for j in named)
    return constant_in_subpopulation(exc, names, constant, subpop, "the formula", others)


def _others(levels: list, values: Any) -> list:
    """The distinct ``values`` that are not missing and not among ``levels``, in order when
    they can be ordered."""
    found = [v for v in dict.fromkeys(values) if not _missing(v) and v not in levels]
    try:
        return sorted(found)
    except TypeError:  # levels of several types: as found
        return found


def _missing(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # an array in a cell is no missing value
        return False


def not_flags_hint(subpop: Any, column: Any, value: Any) -> str:
    """What to write for a subpopulation given as values other than True/False: a column of
    codes (0/1/2, 'yes'/'no') says which rows are in only through a comparison, which Stata's
    ``subpop(var)`` makes for numbers (every nonzero value is in) and nothing makes for text."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return ""
    if column is not None:
        name = str(column)
        written = name if name.isidentifier() else f"`{name}`"
        if isinstance(value, str):
            return (
                f": say which values are in the subpopulation with a condition, e.g. "
                f'subpop="{written} == {value!r}"'
            )
        return (
            f": say which values are in the subpopulation with a condition, e.g. "
            f'subpop="{written} == 1", or subpop="{written} != 0" for every nonzero value '
            "(Stata's subpop() reading)"
        )
    if isinstance(subpop, str):
        return ": write the condition as a comparison (e.g. 'age >= 18'), which gives True/False"
    if isinstance(value, str):
        return f": pass booleans, e.g. values == {value!r}"
    return ": pass booleans, e.g. values == 1, or values != 0 for every nonzero value"
