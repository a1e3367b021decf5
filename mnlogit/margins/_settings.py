"""The values a table of margins is computed at: ``at=``'s values and ``over=``'s levels, as
each variable of the model takes them, checked and listed in the order the table gives them."""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.extensions import ExtensionArray

from .._tables import arrow_column
from ..exceptions import ColumnNotFoundError, DataError
from ._at_values import check_at_type, checked_value, listed_values, shown
from ._dates import refuse_dates
from ._names import listed_names, near_name
from ._variables import Variable, transform_bounds
from .result import MAX_COMBINATIONS

if TYPE_CHECKING:  # for annotations only
    from .._data import ModelData

__all__ = ["at_settings"]


def at_settings(
    data: ModelData, by_name: dict[str, Variable], at: dict | None, over: Any
) -> dict[str, list]:
    """Variable -> the values it takes, ``at`` first (as given), then ``over`` (all levels)."""
    if at is None:
        at = {}
    check_at_type(at, by_name)
    # a DataFrame's column labelled 0 is the variable `0` of the formula: at={0: [5, 10]}
    # was refused as "0 is not a variable of the model; variables are '0', ..."
    named: dict[Any, Any] = {}
    keys: dict[Any, Any] = {}
    for key, value in at.items():
        name = _variable_name(key, by_name)
        if name in named:
            raise DataError(f"at: {name!r} is given twice, as {keys[name]!r} and {key!r}")
        named[name], keys[name] = value, key
    at = named
    if isinstance(over, (np.ndarray, pd.Index)) and over.ndim == 1:
        over = list(over)  # names in an array or Index, as at= and variables= take them
    if over is not None and not isinstance(over, (str, list, tuple)):
        over = _variable_name(over, by_name)
    if over is not None and not isinstance(over, (str, list, tuple)):
        raise DataError(
            f"over: expected a variable name or a list of them, e.g. over='region'; got "
            f"{type(over).__name__} {shown(over)}"
        )
    over_names = [] if over is None else [over] if isinstance(over, str) else list(over)
    over_names = [_variable_name(name, by_name) for name in over_names]
    given = [("at", name) for name in at] + [("over", name) for name in over_names]
    for where, name in given:
        # over=[["region"]]: a list in the list cannot be looked up (unhashable type: 'list')
        if not isinstance(name, Hashable) or name not in by_name:
            raise ColumnNotFoundError(
                f"{where}: {shown(name)} is not a variable of the model; variables are "
                f"{listed_names(by_name)}{near_name(name, list(by_name)) or _own_rows(where, name)}"
            )
    twice = [v for i, v in enumerate(over_names) if v in over_names[:i]]
    if twice:  # merged into one before, where a value listed twice by at= is refused
        raise DataError(
            f"over: {twice[0]!r} is named more than once (as {over!r}); name each variable once"
        )
    both = [v for v in over_names if v in at]
    if both:
        raise DataError(f"{', '.join(map(repr, both))} is in both at and over; name it once")
    # values a spline's basis is not defined at; other transforms (center(), scale(), poly(),
    # cr()) take any value, and values beyond the data are named as extrapolations
    bounds = transform_bounds(data, undefined_beyond=True)
    settings: dict[str, list] = {}
    refuse_dates([by_name[name] for name in at], "at")
    refuse_dates([by_name[name] for name in over_names], "over")
    for name, given in at.items():
        var = by_name[name]
        # a polars Series or pyarrow Array of values, as a pandas Series of them is taken: one
        # was refused as no list ("Pass list(...) of its values")
        column = arrow_column(given, f"at: {name!r}")
        given = given if column is None else column
        # pandas' and pyarrow's arrays (pd.array([1, 2], dtype="Int64")) are lists of values
        # too: one was taken for a single value, "not a level"
        listed = isinstance(
            given, (list, tuple, range, np.ndarray, pd.Series, pd.Index, ExtensionArray)
        )
        if isinstance(given, np.ndarray) and given.ndim == 0:  # np.array(5.0) is one number
            given, listed = given.item(), False
        unordered = isinstance(given, (set, frozenset))
        if unordered:
            # a set of values is values (it was taken for one value, "{5, 10} is not a
            # level"); it has no order of its own, so they come sorted or in level order
            given, listed = list(given), True
        elif not listed and _collection(given):
            raise DataError(
                f"at: {name!r} takes a value or a list of values; got a "
                f"{type(given).__name__} ({shown(given)}). Pass list(...) of its values"
            )
        if listed and len(given) > MAX_COMBINATIONS:
            # before the values are listed: range(10**9) was copied into a list of 10**9
            # numbers, and each checked, before the count of combinations refused it
            raise DataError(
                f"at: {name!r} has {len(given):,} values; at most {MAX_COMBINATIONS:,} "
                "combinations of values are computed. Give fewer values"
            )
        values = listed_values(given) if listed else [given]
        if not values:
            raise DataError(f"at: {name!r} has no values")
        settings[name] = [checked_value(var, v, bounds.get(name)) for v in values]
        if unordered:
            levels = var.levels
            settings[name].sort(key=levels.index if levels is not None else float)
        seen: set = set()
        twice = []
        for v in settings[name]:
            if v in seen:
                twice.append(v)
            seen.add(v)
        if twice:
            # a margin listed twice is the same margin twice, and contrast() would pair only
            # one of the copies with the other values
            raise DataError(
                f"at: {name!r} lists {twice[0]!r} more than once (as {values!r}); give each "
                "value once"
            )
    for name in over_names:
        var = by_name[name]
        if var.levels is None:
            raise DataError(
                f"over: {name!r} is numeric; over takes factors (every level a margin). Give "
                f"numeric values with at={{{name!r}: [...]}}"
            )
        settings[name] = list(var.levels)
    combinations = math.prod(len(v) for v in settings.values())
    if combinations > MAX_COMBINATIONS:
        sizes = " x ".join(f"{len(v)} ({k})" for k, v in settings.items())
        raise DataError(
            f"at/over: {sizes} = {combinations:,} combinations, each predicted for every row; "
            f"at most {MAX_COMBINATIONS:,} are computed (a margin per combination and "
            "outcome). Give fewer values, or vary one variable at a time"
        )
    return settings


def _own_rows(where: str, name: Any) -> str:
    """For over= naming a column the model does not read (Stata's ``over(st)``, a survey's
    stratum): the averages of each group's own rows, weighted as margins are. An unweighted
    groupby mean of the predictions is not the margin of a weighted or survey fit."""
    if where != "over" or not isinstance(name, str):
        return ""
    return (
        ". over= sets a factor of the model to each of its levels in every row (Stata's "
        "margins g); for the average of each group's own rows (Stata's over() option), weight "
        "the predictions as margins does, without standard errors: p = res.predict(); "
        "w = df.loc[p.index, WEIGHTS] (ones for an unweighted fit); "
        f"g = df.loc[p.index, {name!r}]; p.mul(w, axis=0).groupby(g).sum().div(w.groupby(g).sum(), "
        "axis=0)"
    )


def _variable_name(key: Any, by_name: dict[str, Variable]) -> Any:
    """``key`` as the variable's name: a column label that is not text (a DataFrame's
    column 0) is named as its text in the formula and the model."""
    if not isinstance(key, Hashable):
        return key
    if isinstance(key, str) and key in by_name:
        # numpy's text (np.str_, a name read from an array) as text: the table's column,
        # and the refusal of a name that clashes with its columns, named np.str_('z')
        return str(key)
    if not isinstance(key, str) and str(key) in by_name and key not in by_name:
        return str(key)
    return key


def _collection(value: Any) -> bool:
    """Whether ``value`` holds several values in a form at= does not read as a list (a dict,
    its keys, a generator): it would have been checked as one value."""
    return isinstance(value, (Iterable, Mapping)) and not isinstance(value, (str, bytes))
