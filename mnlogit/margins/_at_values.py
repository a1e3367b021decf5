"""The values ``at=`` sets for a margin's variables, checked: a level of a factor, matched by
value and kind, or a finite number (inside a spline's bounds), each refusal naming the value
as given; and the table's columns of them in the data's dtype."""

from __future__ import annotations

import decimal
import numbers
import re
from typing import Any

import numpy as np
import pandas as pd

from .._levels import near_level, plain_value, same_level
from .._new_levels import python_scalar
from ..exceptions import DataError, LevelError
from ._period_values import period_value
from ._variables import Variable

__all__ = [
    "check_at_type",
    "check_numeric_value",
    "checked_value",
    "in_data_dtypes",
    "listed_values",
    "shown",
]


def check_at_type(at: Any, variables: dict[str, Variable] | None = None) -> None:
    """Refuse ``at`` that is not a dict of variable -> values; ``at='mean'``, which is
    marginal_effects' (Stata's atmeans), is answered with where that is, and the names of
    the model's ``variables`` given alone (emmeans' specs, ``emmeans(fit, ~ arm)``) with how
    to write them."""
    if isinstance(at, dict):
        return
    means = (
        ": effects at the mean of every design column (Stata's margins, dydx(*) atmeans) are "
        "res.marginal_effects(at='mean'); average='grid' holds the numeric variables at their "
        "means and averages over a factor's levels (emmeans), where Stata's atmeans sets its "
        "dummies at their means: probabilities there are not offered for a model with factors"
        if isinstance(at, str) and at.strip().lower() in ("mean", "means", "atmeans")
        else _named_alone(at, variables or {})
    )
    raise DataError(
        "at: expected a dict of variable -> value(s), e.g. {'age': [20, 40]}; got "
        f"{type(at).__name__} {at!r}{means}"
    )


def _named_alone(at: Any, variables: dict[str, Variable]) -> str:
    """How to write variables named without values (``margins('arm')``, as emmeans' specs
    name them), or "" when ``at`` names none: the advice above was only a dict of values."""
    names = [at] if isinstance(at, str) else list(at) if isinstance(at, (list, tuple)) else []
    if not names or not all(isinstance(n, str) and n in variables for n in names):
        return ""
    factors = [n for n in names if variables[n].levels is not None]
    numbers = [n for n in names if variables[n].levels is None]
    said = []
    if factors:
        over = factors[0] if len(factors) == 1 else factors
        said.append(f"over={over!r} gives the margins at each level of {', '.join(factors)}")
    if numbers:
        said.append(f"at={{{numbers[0]!r}: [...]}} sets {numbers[0]} at the values listed")
    return f": {'; '.join(said)} (emmeans' specs, Stata's margins varlist)"


def checked_value(var: Variable, value: Any, bounds: tuple | None) -> Any:
    """``value`` given by ``at=`` for ``var``: the level it names (matched by value and
    kind), or a finite number inside the ``bounds`` of a spline's basis (low, high, its
    call), as a float; else a LevelError or DataError naming the value. A pyarrow scalar is
    the value it holds, as in a list or array of them."""
    value = plain_value(value)
    if var.levels is not None:
        given, value = value, period_value(var.levels, value, "at", var.name)
        for lv in var.levels:
            if same_level(lv, value):
                return lv
        # the value as given, and the period a date that starts one names
        named = shown(given) + (f" (the period {value!r})" if value is not given else "")
        try:
            hint = near_level(python_scalar(value), var.levels)
        except ValueError:  # an int of more digits than Python turns into text
            hint = ""
        if any(same_level(v, value) for v in var.outside):
            hint += (
                f"; {shown(value)} occurs only outside the subpopulation the model was fitted for"
            )
        raise LevelError(
            f"at: {named} is not a level of {var.name!r}; levels are "
            f"{', '.join(map(repr, var.levels))}{hint}"
        )
    check_numeric_value(var.name, value)
    if bounds is not None and not bounds[0] <= value <= bounds[1]:
        raise DataError(
            f"at: {var.name}={value!r} lies outside {bounds[0]:g} to {bounds[1]:g}, the bounds "
            f"of {bounds[2]} (the values it was fitted on, unless given), beyond which its "
            "basis is not defined; choose values inside them, or refit with "
            "extrapolation='extend' in the spline's call, which continues its end "
            "polynomials beyond them as R's predict.bs does, or with lower_bound= and "
            "upper_bound= that cover the values"
        )
    if isinstance(value, np.floating) and value.dtype.itemsize < 8:
        # a float32 0.1 is 0.10000000149011612 as a double, which labelled the table and
        # its contrasts: the number it shows, as a float32 outcome's levels are read
        return float(str(value))
    return float(value)


_NUMBER = r"-?(?:\d+\.?\d*|\.\d+)"
# Stata's numlist of a range, at(x=(10(10)50)), 10(-2)0, 1/5, and statistics, at((mean) x)
_RANGE = re.compile(rf"\(?\s*({_NUMBER})\s*\(\s*({_NUMBER})\s*\)\s*({_NUMBER})\s*\)?")
_SLASH = re.compile(r"\(?\s*(-?\d+)\s*/\s*(-?\d+)\s*\)?")
_STATISTICS = {"mean", "median", "min", "max"}
_PERCENTILE = re.compile(r"p([1-9]\d?)")  # Stata's p1 ... p99


def _numlist(start: float, step: float, stop: float) -> list[float] | None:
    """Stata's ``start(step)stop``: start, start + step, ... up to stop and not past it, in
    either direction; None where it is empty or longer than 1000."""
    if step == 0 or (stop - start) / step < 0:
        return None
    # the count from the exact quotient, not arange's bound: a bound of stop + step / 2 put
    # 0.7 in 0(0.7)0.65 and 12 in 0(4)11; 1e-9 keeps 1 in 0(0.1)1 despite 0.1's rounding
    count = int(np.floor((stop - start) / step + 1e-9)) + 1
    if count > 1000:
        return None
    return (start + step * np.arange(count)).round(10).tolist()


def _stata_numbers(name: str, value: Any) -> str:
    """For text that is Stata's numlist (``'10(10)50'``, ``'10(-2)0'``, ``'1/5'``,
    ``'(1 2 3)'``) or a statistic (``'mean'``), the values to give instead; else ""."""
    if not isinstance(value, str):
        return ""
    text = value.strip()
    found = _RANGE.fullmatch(text)
    slash = _SLASH.fullmatch(text)
    values = None
    if found is not None:
        values = _numlist(*(float(x) for x in found.groups()))
    elif slash is not None:
        first, last = (int(x) for x in slash.groups())
        values = _numlist(first, 1 if last >= first else -1, last)
    if values is not None:
        listed = [int(v) if float(v).is_integer() else v for v in values]
        return f" (Stata's numlist {text}: give the numbers, {{{name!r}: {listed}}})"
    words = text.strip("()").split()
    if len(words) > 1 and all(re.fullmatch(_NUMBER, w) for w in words):
        return f" (Stata's numlist: give the numbers, {{{name!r}: [{', '.join(words)}]}})"
    statistic = text.strip("()").strip().lower()
    if statistic in _STATISTICS or _PERCENTILE.fullmatch(statistic):
        # Stata's margins takes it with the fit's weights (unless noweights): the plain
        # statistic of a weighted fit's rows is another value
        return (
            f" (Stata's ({statistic}) {name}: give the number, that statistic of {name!r} "
            "over the rows the model was fitted on, with the fit's weights, as Stata's margins "
            "takes it: the mean is np.average(x, weights=w) of those rows' x and weights w, "
            "ones for an unweighted fit)"
        )
    return ""


def check_numeric_value(name: str, value: Any) -> float:
    """``value`` given by ``at=`` for the numeric predictor ``name``, as a float; a DataError
    unless it is a finite real number (not a bool, which would be read as 0 or 1; a Decimal
    is a number, as in a column of numbers; a pyarrow scalar the number it holds)."""
    value = plain_value(value)
    if (
        isinstance(value, bool)
        or not isinstance(value, (numbers.Real, decimal.Decimal))
        or not np.isfinite(_as_float(value))
    ):
        raise DataError(
            f"at: {name!r} is numeric; expected finite numbers, got {shown(value)}"
            + _stata_numbers(name, value)
        )
    return float(value)


def _as_float(value: numbers.Real | decimal.Decimal) -> float:
    """``value`` as a double, inf where it is past the largest one (10**400, an int, raised
    OverflowError instead of the refusal of values that are not finite), NaN where it is no
    number (numpy counts a timedelta64 as an integer, which float() refuses)."""
    try:
        return float(value)
    except OverflowError:
        return float("inf")
    except (TypeError, ValueError):
        return float("nan")


def shown(value: Any) -> str:
    """``repr(value)``, cut short past 40 characters: an int of 400 digits is one number. A
    numpy scalar (a value of an array given to ``at=``) as Python's: 3, not np.int64(3); a
    float32's as numpy writes it, 0.4, not its float64 digits 0.4000000059604645."""
    if isinstance(value, np.floating) and value.dtype.itemsize < 8:
        return str(value)
    try:
        text = repr(python_scalar(value))
    except ValueError:  # an int past Python's limit on the digits it converts to text
        return "an integer of more than 4300 digits"
    return text if len(text) <= 40 else f"{text[:20]}... ({len(text)} characters)"


def in_data_dtypes(keys: pd.DataFrame, data: pd.DataFrame | None) -> pd.DataFrame:
    """``keys`` with each column of values of a Categorical column of ``data`` as a
    Categorical of its categories (they came back as text, whose sort and plots lose the
    levels' order); a column holding a value that is no category is left as it is. A column
    of values of an integer column of ``data`` that are all whole numbers is int64: the
    values are set as floats, so ``at={"k": [1, 3]}`` gave 1.0 and 3.0 where the summary
    (as Stata and emmeans) shows 1 and 3; values beyond 2**53 stay floats."""
    if data is None:
        return keys
    for name in keys.columns:
        column = data[name] if name in data.columns else None
        if column is None:
            continue
        if isinstance(column.dtype, pd.CategoricalDtype):
            if keys[name].isin(column.cat.categories).all():
                keys[name] = pd.Categorical(keys[name], dtype=column.dtype)
        elif pd.api.types.is_integer_dtype(column.dtype) and keys[name].dtype.kind == "f":
            values = keys[name].to_numpy()
            if (np.abs(values) <= 2.0**53).all() and (values == np.round(values)).all():
                keys[name] = values.astype(np.int64)
    return keys


def listed_values(given: Any) -> list:
    """The values of a list, array or Series given to ``at=``; float32 (and float16) ones as
    numpy's scalars, which :func:`checked_value` reads as the numbers they show (a Series
    gave Python floats, 0.30000001192092896 for its 0.3)."""
    dtype = getattr(given, "dtype", None)
    narrow = getattr(dtype, "kind", "") == "f" and getattr(dtype, "itemsize", 8) < 8
    if not narrow or pd.isna(np.asarray(given, dtype=object)).any():  # <NA> refused as it is
        return list(given)
    return list(np.asarray(given, dtype=np.dtype(f"f{getattr(dtype, 'itemsize', 8)}")))
