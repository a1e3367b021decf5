"""Columns that Python code in a formula reads, in the types numpy computes with.

A formula's Python code (``I(f * x)``, ``C(k % 3)``, ``I(~f)``) computes with the column as
pandas holds it. True/False held as Python objects computed as objects: ``I(f * x)`` was a
column of objects, which formulaic fitted as a factor with a level per product, and
``I(~f)`` read ~True as -2. pyarrow's kernels lack operations numpy has: ``k % 3`` of its
integers ("mod not implemented"), its numbers times numpy's booleans, its booleans times
numbers; new data read with ``dtype_backend="pyarrow"`` (or from polars) were refused where
the same values as numpy's predicted. Such columns are read as numpy's (or pandas' nullable)
counterparts, in the fit and in new data alike.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ._formula_text import _method, python_reads

__all__ = ["as_computed", "python_columns"]


def python_columns(factors: Iterable[Any]) -> set[str]:
    """The names Python code in the formula reads (``C(k % 3)``'s ``k`` too).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> sorted(python_columns([SimpleNamespace(expr="C(k % 3)", eval_method="python"),
    ...                        SimpleNamespace(expr="x", eval_method="lookup")]))
    ['k']
    """
    names: set[str] = set()
    for factor in factors:
        if _method(factor) == "python" and (reads := python_reads(str(factor.expr))):
            names |= reads[0] | reads[1]
    return names


def as_computed(column: pd.Series, operand: bool = False) -> pd.Series | None:
    """``column`` in the type numpy computes with, or None when it already is one: booleans
    held as objects (missing values aside) or as Arrow's as pandas' ``boolean`` (numpy's
    bool when none is missing), Arrow's integers as numpy's (pandas' nullable ones when
    some are missing), its floats as float64 with missing values NaN.

    ``operand``: the code computes with the column as an operand (``I(f * x)``, ``I(~f)``),
    where a column of nothing but the text 'True' and 'False' is read as booleans too. That
    is how dask's ``from_pandas`` stores a column of Python booleans (unless
    ``dataframe.convert-string`` is off), so ``I(f * x)``, which fits in memory, was refused
    on dask ("can't multiply sequence by non-int of type 'float'"); text computed with so
    fails, and text compared (``I(f == 'True')``) is left as text.

    Examples
    --------
    >>> as_computed(pd.Series([True, None], dtype=object)).dtype
    BooleanDtype
    >>> as_computed(pd.Series([1, 2], dtype="int64[pyarrow]")).dtype
    dtype('int64')
    >>> as_computed(pd.Series([1.5, 2.0])) is None
    True
    """
    arrow = getattr(column.dtype, "pyarrow_dtype", None)
    missing = bool(column.isna().any())
    if operand and _boolean_text(column):  # the text 'True' and 'False'
        return (
            (column == "True")
            .astype("boolean")
            .where(column.notna(), pd.NA)
            .astype("boolean" if missing else bool)
        )
    if _booleans(column, arrow):
        return column.astype("boolean" if missing else bool)
    if arrow is None:
        return None
    kind = column.dtype.kind
    if kind == "f":
        values = column.to_numpy(np.float64, na_value=np.nan)
        return pd.Series(values, index=column.index, name=column.name)
    if kind in "iu":
        plain = np.dtype(column.dtype.numpy_dtype)
        nullable = "U" + plain.name[1:].capitalize() if kind == "u" else plain.name.capitalize()
        return column.astype(nullable if missing else plain)
    return None


def _booleans(column: pd.Series, arrow: Any) -> bool:
    if arrow is not None:
        return str(arrow) == "bool"
    return (
        column.dtype == object
        and bool(column.notna().any())
        and pd.api.types.infer_dtype(column, skipna=True) == "boolean"
    )


def _boolean_text(column: pd.Series) -> bool:
    """Whether ``column`` is text (pandas' str or objects) holding 'True' or 'False' on every
    row that is not missing, and on some."""
    if not (isinstance(column.dtype, pd.StringDtype) or column.dtype == object):
        return False
    values = column.dropna()
    return bool(len(values)) and bool(values.isin(["True", "False"]).all())
