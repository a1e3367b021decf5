"""Infinite values in the columns a formula reads: refused in fitting with their count and
first row (summed over partitions on Dask), and rows of new data that hold them (or a missing
value) predicting NaN. Missing values in fitting: the ``missing=`` option (``MISSING``) and its
refusal with each column's count (``refuse_missing``, the same in memory and on Dask).

Nothing here imports formulaic.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import DataError

__all__ = [
    "MISSING",
    "arrow_nan_missing",
    "complete_rows",
    "infinite_refusal",
    "infinite_values",
    "refuse_infinite",
    "refuse_missing",
]

MISSING = ("drop", "raise")  # missing=: drop incomplete rows (counted) or refuse them


def refuse_missing(missing: str, counts: Iterable[tuple[str, int]]) -> None:
    """Refuse missing values under ``missing='raise'``, naming each column that has some
    with their count (``counts``: (column, count) pairs, zeros left out).

    Examples
    --------
    >>> refuse_missing("drop", [("x", 2)])  # dropped and counted elsewhere
    >>> refuse_missing("raise", [("x", 2), ("z", 0)])
    Traceback (most recent call last):
    ...
    mnlogit.exceptions.DataError: missing values in 'x' (2); pass missing='drop' to drop those rows
    """
    cols = ", ".join(f"{c!r} ({n})" for c, n in counts if n)
    if missing == "raise" and cols:
        raise DataError(f"missing values in {cols}; pass missing='drop' to drop those rows")


def _infinite(column: pd.Series) -> np.ndarray | None:
    """Where a column of floats, or of categories that are floats, is infinite; None for
    any other column."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        # a category inf was a level of its own, where the same values uncategorised are
        # refused
        categories = column.cat.categories
        if categories.dtype.kind != "f":
            return None
        return np.isin(column.cat.codes.to_numpy(), np.flatnonzero(np.isinf(categories)))
    if column.dtype.kind != "f":
        return None
    if isinstance(column.dtype, np.dtype):  # in its own width: a long double's 1e400 is finite
        return np.isinf(column.to_numpy())
    return np.isinf(column.to_numpy(np.float64, na_value=np.nan))


def refuse_infinite(name: str, column: pd.Series, formula: str = "") -> None:
    """Refuse infinite values of a column the formula reads inside a transform, or of a
    Categorical's categories, as the design refuses them in a plain column: I(x > 2) or
    np.tanh(x) made a finite design column of x = inf, and the row was fitted with nothing
    said."""
    found = infinite_values(column)
    if found is not None:
        count, value, row = found
        error = infinite_refusal(name, count, value, row, formula)
        if isinstance(column.dtype, pd.CategoricalDtype):
            infinite = [c for c in column.cat.categories if np.isinf(c)]
            error = DataError(
                str(error).split("; every")[0] + "; every predictor must be finite, a "
                f"category too: make them missing to drop those rows (df[{name!r}] = "
                f"df[{name!r}].cat.remove_categories({infinite!r}))"
            )
        raise error


def infinite_values(column: pd.Series) -> tuple[int, float, Any] | None:
    """How many of a column's values are infinite, the first one and its row's label (None
    when there are none): what :func:`infinite_refusal` quotes, summed over partitions."""
    infinite = _infinite(column)
    if infinite is None or not infinite.any():
        return None
    at = int(np.flatnonzero(infinite)[0])
    row = column.index[at]
    row = row.item() if isinstance(row, np.generic) else row  # 5, not np.int64(5)
    return int(infinite.sum()), float(column.iloc[at]), row


def infinite_refusal(name: str, count: int, value: float, row: Any, formula: str = "") -> DataError:
    return DataError(
        f"{f'formula {formula!r}' if formula else 'data'}: column {name!r} has {count} "
        f"infinite value(s) (e.g. {value} in row {row!r}); every "
        "predictor must be finite, inside a transform too: make them missing to drop "
        f"those rows (df[{name!r}] = df[{name!r}].replace([np.inf, -np.inf], np.nan))"
    )


def arrow_nan_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """New data's NaN in a polars or pyarrow float column (a number there, which isna() does
    not see) as a missing value, which predicts NaN for its row as it does in a pandas column
    and in a numeric one: in a column read as ``C(k)`` it was refused as "{nan} not among the
    levels seen in fitting"."""
    for name in frame.columns:
        column = frame[name]
        if column.dtype.kind != "f" or isinstance(column.dtype, np.dtype):
            continue
        nan = np.isnan(column.to_numpy(np.float64, na_value=0.0))
        if nan.any():
            frame = frame.assign(**{name: column.mask(nan)})  # a null, in the column's type
    return frame


def complete_rows(frame: pd.DataFrame) -> np.ndarray:
    """The rows of new data with no missing and no infinite value: the others predict NaN,
    whatever transform reads them (np.tanh(x) of x = inf is finite), as in fitting, where
    they are dropped or refused. A polars or pyarrow column's NaN is missing here
    (:func:`arrow_nan_missing`): I(x > 0) of it was predicted as False."""
    complete = ~frame.isna().to_numpy().any(axis=1)
    for name in frame.columns:
        column = frame[name]
        infinite = _infinite(column)
        if infinite is not None:
            complete &= ~infinite
    return complete
