"""Refusals raised on the workers while a dask fit encodes a partition: values that the
encoding learned from every partition in the first pass does not know (a partition holding a
column in another dtype than the others, or data that changed between passes), and the
weights of a partition that are not numbers, and weights whose dtype holds no numbers."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._checks import conversion_hint, numeric_values, real_dtype
from .exceptions import DataError, InputTypeError, MNLogitError


def weight_numbers(column: pd.Series) -> np.ndarray:
    """A partition's frequency weights as float64, missing ones as NaN: numbers stored as
    Python objects (``Decimal`` too) as well, as in memory; text or other objects refused
    naming the first rows by label (a partition does not know its rows' positions). Text in
    a partition of a column the collection's meta says is float64 ended in numpy's bare
    "could not convert string to float: 'abc'"."""
    if real_dtype(column.dtype) or getattr(column.dtype, "kind", "") == "b":
        return column.to_numpy(np.float64, na_value=np.nan)  # booleans: refused on the meta
    values = column.to_numpy(dtype=object, na_value=None)
    return numeric_values(values, "weights", lambda bad: _partition_rows(bad, column))


def weight_dtype_refusal(name: str, dtype: Any) -> InputTypeError:
    """The refusal of a weights column of a dtype that holds no numbers, refused on the meta
    before a partition is read."""
    hint = conversion_hint(dtype, "e.g. dd.to_numeric")
    if pd.api.types.is_string_dtype(dtype) and not isinstance(dtype, np.dtype):
        # from_pandas stores Python objects as text: True/False became 'True'/'False', which
        # the advice pd.to_numeric (dd.to_numeric) cannot read
        hint = (
            "text of numbers with dd.to_numeric; dask's from_pandas stores a column of "
            "Python objects (numbers, True/False) as text: convert such a column before "
            f"from_pandas, df[{name!r}].astype(float)"
        )
    return InputTypeError(
        f"weights column {name!r}: expected numbers; got dtype {dtype}; convert the column "
        f"to numbers first ({hint})"
    )


def _partition_rows(bad: np.ndarray, column: pd.Series) -> str:
    """The rows of one partition, as refusals raised on the workers name them: whichever
    partition the scheduler runs first is refused, so its count is not the data's."""
    labels = list(column.index[np.flatnonzero(bad)])
    shown = ", ".join(repr(v) if isinstance(v, str) else str(v) for v in labels[:5])
    shown += ", ..." if len(labels) > 5 else ""
    return (
        f"a partition's row{'s' if len(labels) > 1 else ''} {shown} ({len(labels)} in that "
        "partition, which is read apart from the others: they may hold such values too)"
    )


def unlearned_values(err: MNLogitError) -> MNLogitError:
    """A partition that the encoding learned from every partition refuses, said of the data,
    not of new data the user never gave: its partitions hold a column in different types
    (booleans where the others hold 0 and 1, which the first pass stacked as numbers)."""
    said = str(err)
    if not said.startswith("newdata: "):
        return err
    return type(err)(
        f"data: {said.removeprefix('newdata: ')}; a partition holds them where the encoding "
        "learned from every partition when the fit started does not: its partitions hold a "
        "column in different types (e.g. booleans in one, 0 and 1 in others), or the data "
        "changed between passes over them: give every partition one dtype first (e.g. "
        ".astype(int) on the column), and persist the DataFrame (ddf.persist()) or fit a "
        "fixed copy"
    )


def unlearned_outcome(outcome: str, levels: tuple, value: Any, dtype: Any) -> DataError:
    """An outcome value of a partition that is not among the levels the first pass learned."""
    said = (
        f"outcome {outcome!r}: value {value!r} is in a partition but was not among the "
        f"levels learned when the fit started ({', '.join(map(repr, levels))}); "
    )
    # True is 1 to Python but not to pandas' lookup: a partition of booleans beside one of
    # integers, which the levels' sample merged, is not data that changed
    alike = [level for level in levels if type(level) is not type(value) and level == value]
    if alike:
        return DataError(
            f"{said}its partitions hold the column in different types (dtype {dtype} here, "
            f"with {value!r} for the level {alike[0]!r}): give every partition one dtype "
            f"first, e.g. ddf[{outcome!r}].astype(int)"
        )
    return DataError(
        f"{said}the data changed between passes over them: persist the DataFrame "
        f"(ddf.persist()) or fit a fixed copy"
    )


def signalling_decimal_refusal() -> DataError:
    """The refusal of a partition that pandas could not read for an invalid Decimal, which a
    signalling ``Decimal('sNaN')`` among a column's objects is: dask's from_pandas, storing a
    column of objects as text, tests each value for a missing one, and pandas' test raised a
    bare decimal.InvalidOperation on it before any of this package's code saw the partition
    (there, as in memory, it is missing, as the quiet Decimal('NaN') is)."""
    return DataError(
        "data: a partition could not be read: pandas raised decimal.InvalidOperation on a "
        "value of a column of Python Decimals, as it does on a signalling NaN, "
        "Decimal('sNaN'), when dask stores a column of objects as text (dask's "
        "from_pandas tests every value for a missing one); make those values missing "
        "before building the dask DataFrame, e.g. df[col] = df[col].map(lambda v: None if "
        "isinstance(v, Decimal) and v.is_snan() else v)"
    )
