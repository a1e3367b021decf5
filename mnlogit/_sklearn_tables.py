"""What the classifier reads of X given as a table that exports Arrow data (a polars frame, a
pyarrow Table) or with pyarrow-backed columns, where scikit-learn reads every column as
numbers: the columns that are no numbers (dates, durations, categories) and the integer
columns, whose values float64 may round.

pyarrow is imported only when such data are given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

from ._polars import is_polars, refuse_lazy, unwrapped
from ._tables import arrow_table
from .exceptions import InputTypeError

__all__ = ["arrow_integers", "named_table", "refuse_arrow_kinds"]


def named_table(X: Any) -> Any:
    """X as a table whose column names scikit-learn reads: a pyarrow RecordBatch (or another
    table exporting Arrow data that is neither a pyarrow Table nor a polars frame) as the
    pyarrow Table of its columns; anything else as it is. scikit-learn read no names of a
    RecordBatch, so its columns were used by position: new rows with the columns in another
    order were predicted from each other's coefficients, without a word."""
    if not arrow_table(type(X)) or is_polars(X):
        return X
    import pyarrow as pa

    if isinstance(X, pa.Table):
        return X
    try:
        return pa.table(X)
    except (TypeError, ValueError, pa.ArrowException):  # no table: refused as scikit-learn does
        return X


def refuse_arrow_kinds(X: Any) -> None:
    """Refuse columns of a table that exports Arrow data (a polars frame, a pyarrow Table),
    or pyarrow-backed columns of a DataFrame, that scikit-learn reads as numbers but that
    are none: dates, times and durations were fitted as counts since 1970 or of
    microseconds, where the same numpy-backed column is refused, and categories (an Enum of
    '1', '2', '3') as one slope."""
    if isinstance(X, pd.DataFrame):  # its pyarrow-backed columns, named by their dtype
        fields = [
            (str(c), d.pyarrow_dtype, f"dtype {d}")
            for c, d in zip(X.columns, X.dtypes, strict=True)
            if isinstance(d, pd.ArrowDtype)
        ]
        if not fields:
            return
    elif not arrow_table(type(X)):
        return
    refuse_lazy(X, "X")
    import pyarrow as pa

    if not isinstance(X, pd.DataFrame):
        try:  # the schema alone: no column is read
            schema = pa.RecordBatchReader.from_stream(X).schema
        except (TypeError, ValueError, pa.ArrowException):
            return  # left to scikit-learn's own reading
        fields = [(f.name, f.type, f"type {f.type}") for f in schema]
    for name, kind, shown in fields:
        if pa.types.is_temporal(kind):
            what = (
                "durations"
                if pa.types.is_duration(kind)
                else "times of day"
                if pa.types.is_time(kind)
                else "dates"
            )
            raise InputTypeError(
                f"X: column {name!r} holds {what} ({shown}), which are not numbers; "
                "convert it first (e.g. to a number of days)"
            )
        if pa.types.is_dictionary(kind):
            label = name if name.isidentifier() else f"`{name}`"
            raise InputTypeError(
                f"X: column {name!r} holds categories ({shown}); without a formula X "
                "is used as numbers, which would fit categories that read as numbers as one "
                f"slope: give formula='... + C({label})' or one-hot encode it"
            )


def arrow_integers(X: Any) -> Iterator[tuple[str, pd.Series]]:
    """The integer columns of a table that exports Arrow data, by name, as pyarrow-backed
    Series (no copy), for the classifier's refusal of integers float64 rounds: a polars
    UInt64 column near 2**60 was fitted from values rounded to a step of 256 without an
    intercept (with one the rank check refused it as an offset), where a pandas one is
    refused saying to subtract a constant. Nothing for anything else."""
    if isinstance(X, pd.DataFrame) or not arrow_table(type(X)):
        return
    import pyarrow as pa

    try:
        table = pa.table(unwrapped(X))
    except (TypeError, ValueError, pa.ArrowException):
        return  # left to scikit-learn's own reading
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_integer(column.type):
            yield name, pd.Series(pd.arrays.ArrowExtensionArray(column))
