"""Decimals read as numbers whose float64 values lose what tells them apart.

A column of ``Decimal`` (Python objects, or pyarrow's ``decimal128``/``decimal256``) is read
as float64, which keeps about 16 significant digits: ``Decimal(10**30 + i)`` for i in 0..59
were all 1e30, so the column was refused as "constant beside the intercept" (the advice,
to drop it, is wrong), and under an L2 penalty it was fitted a coefficient of 0 with only a
convergence warning. Whole Decimals are refused as integers are
(:func:`mnlogit._dtypes.refuse_rounded_integers`), and others by the same rule: refused
when spread over less than 2**24 times float64's spacing at their size. Decimal('0.1') and
Decimal('0.1000000000000000001') beside Decimal('0.2') are one number to float64, but one
that differs from each by a rounding only: they are fitted.
"""

from __future__ import annotations

import math
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd

from ._arrow_kernels import computable
from ._dtypes import RANGE_STEPS, arrow_decimal, quiet_decimal_nans, refuse_rounded_integers
from .exceptions import InputTypeError

__all__ = ["refuse_rounded_decimals", "refuse_rounded_objects"]

# what pandas infers of objects among which a Decimal may be
_DECIMALS = ("decimal", "mixed", "mixed-integer", "mixed-integer-float")


def refuse_rounded_decimals(name: str, column: pd.Series, what: str, labels: str = "") -> None:
    """Refuse a column of Decimals (with Python ints among them, if any) whose float64
    values lose what tells them apart, by the rule for integers (whole ones are refused as
    integers are): a spread below 2**24 times float64's spacing at their largest value, so
    that rounding moves them by more than a ten-millionth of their range. ``labels`` says
    what to do if they are labels (by default, ``C()`` in the formula). Other columns pass."""
    if not (column.dtype == object or arrow_decimal(column.dtype)):
        return
    # Decimal arithmetic follows the calling thread's context: a program's trap on Inexact
    # or Rounded (as money code sets) raised a bare decimal.Rounded from abs() here, and a
    # low precision rounded the values the refusal quotes; these are exact
    with localcontext(Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[])):
        _refuse_rounded(name, column, what, labels)


def _refuse_rounded(name: str, column: pd.Series, what: str, labels: str) -> None:
    values = _decimals(column)
    if not values:
        return
    if all(v == v.to_integral_value() for v in values):
        whole = pd.Series([int(v) for v in values], dtype=object)
        refuse_rounded_integers(name, whole, what, labels, wide=True)
        return
    low, high = min(values), max(values)
    largest = max(abs(low), abs(high))
    step = float(np.spacing(float(largest)))  # float64's spacing at the largest value
    spread = Fraction(high) - Fraction(low)
    if spread == 0 or spread >= RANGE_STEPS * Fraction(step):
        return  # one value (constant, as the rank check says), or rounded far below the spread
    raise InputTypeError(
        f"{what}: column {name!r} holds Decimals as large as {largest}, where float64 tells "
        f"numbers apart only {step:.3g} apart, and they span only {high - low}: as numbers "
        f"the model would see them rounded; subtract a constant first, e.g. df[{name!r}] = "
        f"df[{name!r}] - df[{name!r}].min(), or "
        + (labels or f"write C({name}) in the formula if they are labels")
    )


def _decimals(column: pd.Series) -> list[Decimal]:
    """The column's distinct finite values as Decimals when it holds Decimals (Python ints
    beside them too, which pandas reads to the same floats); else an empty list."""
    column = computable(quiet_decimal_nans(column))  # decimal32's as decimal128's
    if column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) not in _DECIMALS:
        return []  # text, dates, Python's ints alone: no distinct values to read
    try:
        distinct: list[Any] = list(column.dropna().unique())
    except TypeError:  # lists or dicts, which are refused as values that cannot be levels
        return []
    if not any(isinstance(v, Decimal) for v in distinct):
        return []
    kept = [
        Decimal(v) if isinstance(v, int) else v
        for v in distinct
        if (isinstance(v, int) and not isinstance(v, bool)) or isinstance(v, Decimal)
    ]
    # beyond float64's range they are infinite, refused as such elsewhere
    return [v for v in kept if v.is_finite() and math.isfinite(float(v))]


def refuse_rounded_objects(
    name: str, objects: np.ndarray, floats: np.ndarray | None, what: str
) -> None:
    """Refuse a column given as Python objects (an array of objects, a list of records)
    whose Python ints or Decimals float64 rounds past what tells them apart, by the rule for
    integers and Decimals. ``floats``: the column as float64 (None: converted here; a column
    that does not convert is refused elsewhere), which says cheaply whether any value is
    past 2**53 (below it every integer is exact and nothing is read). Beside a float, numpy
    reads ints such as times in nanoseconds (1.7e18 + 0..999) in one step as float64: a
    model without an intercept was fitted on them rounded, with nothing said, where the
    same ints in an int64 array are refused."""
    if floats is None:
        try:
            floats = np.asarray(objects, dtype=np.float64)
        except (TypeError, ValueError, OverflowError):
            return
    with np.errstate(invalid="ignore"):
        large = np.abs(floats) >= 2**53  # 2**53 + 1 reads as 2**53
    if not large.any():
        return
    column = pd.Series(objects, dtype=object)
    labels = "one-hot encode them if they are labels"
    refuse_rounded_decimals(name, column, what, labels)
    whole = [
        int(v)
        for v in column
        if isinstance(v, (int, np.integer, float, np.floating))
        and not isinstance(v, (bool, np.bool_))
        and math.isfinite(v)
    ]
    if any(isinstance(v, (int, np.integer)) and abs(int(v)) > 2**53 for v in column):
        bounds = pd.Series([min(whole), max(whole)], dtype=object)
        refuse_rounded_integers(name, bounds, what, labels, wide=True)
