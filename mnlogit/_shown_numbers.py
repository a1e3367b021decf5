"""Bad values quoted as the data show them, for the refusals of weights, a design's roles and
its fpc: a nullable column's missing value as <NA>, an object column's None as None, a
Python number past the float range as that number, not as the NaN or inf float64 reads;
and the rows they are in counted in words (:func:`row_count`)."""

from __future__ import annotations

import decimal
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["row_count", "shown_number"]


def row_count(n: int) -> str:
    """``n`` rows in words, as refusals count them: "1 row", "3 rows"."""
    return "1 row" if int(n) == 1 else f"{int(n)} rows"


def shown_number(raw: Any, values: np.ndarray, mask: np.ndarray) -> str:
    """The first of ``values[mask]`` as the data ``raw`` it was read from show it: a missing
    value of a nullable or Arrow column (``Int64``, ``Float64``, ``double[pyarrow]``) as
    pandas prints it, ``<NA>``, not as the NaN it was read into; a NaN such a column holds
    (an Arrow column's NaN is a number, not a missing value: polars' NaN beside its nulls)
    as nan, where it was quoted as <NA>; None stored as an object as None; a number past the
    float range stored as an object as that number, not inf."""
    pos = int(np.flatnonzero(mask)[0])
    value = values[pos]
    if np.isinf(value) and np.asarray(raw).dtype == object:
        beyond = _beyond_floats(np.asarray(raw, dtype=object)[pos])
        if beyond:
            return beyond
    if np.isnan(value):
        if getattr(getattr(raw, "dtype", None), "na_value", None) is pd.NA:
            return "<NA>" if pd.array(raw)[pos] is pd.NA else str(value)
        if np.asarray(raw).dtype == object:
            return str(np.asarray(raw, dtype=object)[pos])
    return str(value)


def _beyond_floats(given: Any) -> str:
    """A finite number stored as a Python object that float64 reads as inf (10**400,
    Decimal('1e400')) as the number it is, where it was quoted as inf; "" for any other."""
    if isinstance(given, bool):
        return ""
    if isinstance(given, decimal.Decimal) and given.is_finite():
        shown = str(given)
    elif isinstance(given, numbers.Rational) and not isinstance(given, float):
        size = math.log10(abs(given.numerator) or 1) - math.log10(given.denominator)
        shown = f"about {'-' if given < 0 else ''}1e{int(size)}"
    else:
        return ""
    return f"{shown} (past the largest float, about 1.8e308)"
