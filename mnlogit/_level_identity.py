"""Whether two labels name the same level (:func:`same_level`): equal and of one kind, a
numpy or pyarrow scalar as the Python value it holds, a Decimal as the float it reads as.
Every refusal of a level that is not one, and every lookup of one, asks it."""

from __future__ import annotations

import datetime
import math
import numbers
import sys
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["plain_value", "same_level"]


def same_level(a: Any, b: Any) -> bool:
    """Whether ``a`` and ``b`` name the same level: equal and of one kind (``"0"`` is not 0,
    ``True`` is not 1, but 1 and 1.0 are, and Decimal('0.1') and 0.1). A numpy scalar is
    of its Python kind: a label read back from an array (``np.str_("car")``, ``np.True_``,
    ``np.datetime64``) names the level it shows, and a pyarrow scalar is the Python value it
    holds (:func:`plain_value`)."""
    a, b = plain_value(a), plain_value(b)
    kind = _kind(a)
    if kind != _kind(b):
        return False
    try:
        if kind == "number" and (isinstance(a, Decimal) or isinstance(b, Decimal)):
            return _same_decimal(a, b)
        if kind == "datetime":
            return bool(pd.Timestamp(a) == pd.Timestamp(b))
        return bool(a == b)
    except (TypeError, ValueError, ArithmeticError):
        # not comparable (time zones, arrays), or a signalling NaN (Decimal('sNaN') == 1
        # raises decimal.InvalidOperation): no level
        return False


def _same_decimal(a: Any, b: Any) -> bool:
    """:func:`same_level` of a Decimal and a number. Decimals are exact among themselves
    and with integers (Decimal == np.int64 raises: numpy's as Python's). With a float, as
    the float the Decimal reads as: a column of decimals is a factor of those floats (two
    decimals one float cannot tell apart are refused as levels), so Decimal('0.1'), a cell
    of the column, names its level 0.1 in at=, and 0.1 names the outcome's Decimal('0.1'),
    where Python's exact 0.1 != Decimal('0.1') refused them ("0.1 is a number; the levels
    are numbers"). A float32 compares in its own precision, as numpy compares it."""
    dec, other = (a, b) if isinstance(a, Decimal) else (b, a)
    if isinstance(other, (float, np.floating)):
        if dec.is_finite() and math.isinf(float(dec)):  # 1E+400 is no float
            return False
        return bool(type(other)(float(dec)) == other)
    other = other.item() if isinstance(other, np.generic) else other
    return bool(dec == other)


def plain_value(value: Any) -> Any:
    """A pyarrow scalar, what a pyarrow Table or Array gives for one of its cells
    (``table["y"][0]``), as the Python value it holds (a null as None); anything else as it
    is. Such a scalar compares equal to no Python value, so a label taken from a table the
    model was fitted on was refused as no level of it ("a StringScalar; the level 'b' is a
    str"), where the same label read from a numpy array names its level."""
    pa = sys.modules.get("pyarrow")  # not loaded: no value can be one of its scalars
    if pa is not None and isinstance(value, pa.Scalar):
        return value.as_py()
    return value


def _kind(v: Any) -> Any:
    """What kind of label ``v`` is, for :func:`same_level`: Python's and numpy's scalars of
    one kind alike."""
    if isinstance(v, (bool, np.bool_)):
        return "boolean"
    if isinstance(v, (numbers.Number, np.number)):
        return "number"
    if isinstance(v, str):  # np.str_ too
        return "str"
    if isinstance(v, bytes):
        return "bytes"
    if isinstance(v, (datetime.datetime, np.datetime64)):  # pd.Timestamp too
        return "datetime"
    return type(v)
