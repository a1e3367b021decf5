"""The rows of new data that predict NaN, named in a warning that says why.

A row with a value the model reads missing or infinite (NaN in, NaN out, as R's predict
and statsmodels give it) is told apart from a row whose values are all there and finite
but whose design is not (a transform outside its domain: ``np.log(x)`` at x = -1), each
such row by the design column it gives a non-finite value (``warn_unpredictable``); rows
are named by how many and the labels of the first five (``rows_named``).
"""

from __future__ import annotations

import math
import numbers
from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from ._dtypes import missing_mask
from .exceptions import MNLogitWarning, warn
from .formula import required_columns

__all__ = ["rows_named", "warn_unpredictable"]

# how a row's first non-finite design value reads, in the order a warning names them
_NONFINITE_ORDER = ["-inf", "inf", "nan"]


def warn_unpredictable(
    newdata: Any,
    X: np.ndarray,
    bad: np.ndarray,
    index: pd.Index,
    spec: Any,
    column_names: tuple[str, ...],
) -> None:
    """Name the rows of ``newdata`` that predict NaN, and why: a missing or infinite value
    (NaN in, NaN out, as R's predict and statsmodels give it, the rows kept so that the
    predictions align with newdata; before, silently), or values all there and finite
    but a design that is not (a transform outside its domain: ``np.log(x)`` at x = -1).
    ``spec``: the fit's formula spec (``None`` for a model from arrays); ``column_names``:
    its design columns."""
    rows = np.flatnonzero(bad)
    given, columns = _finite_inputs(newdata, X, bad, spec, column_names)
    missing = rows[~given]
    if missing.size:
        named = f" ({', '.join(map(repr, columns))})" if columns else ""
        warn(
            f"newdata: {rows_named(index, missing)} have a missing or infinite value in a "
            f"column the model reads{named}, so what is predicted for them is NaN; drop "
            "those rows, or fill in their values, first",
            MNLogitWarning,
        )
    outside = rows[given]
    if outside.size:
        # each row by its own column: the first row's column was said of them all, so a
        # row whose I(x ** 2) overflowed was said to have np.log(z) = -inf
        first = np.argmax(~np.isfinite(X[outside]), axis=1)
        said = []
        for col in dict.fromkeys(first.tolist()):
            these = outside[first == col]
            # each value the rows give, not the first row's: np.log(x) at x = 0 and x = -1
            # was said to be -inf in both rows
            values = sorted({str(v) for v in X[these, col]}, key=_NONFINITE_ORDER.index)
            said.append(
                f"{rows_named(index, these)} give design column {column_names[col]!r} the "
                f"value{'s' if len(values) > 1 else ''} {' or '.join(values)}"
            )
        warn(
            f"newdata: {'; '.join(said)}, although their values are finite: a transform "
            "in the formula is not defined there (a log or square root of a value <= 0, "
            "say) or passes the largest float, so their predictions are NaN",
            MNLogitWarning,
        )


def _finite_inputs(
    newdata: Any, X: np.ndarray, bad: np.ndarray, spec: Any, column_names: tuple[str, ...]
) -> tuple[np.ndarray, list[str]]:
    """For the rows ``bad`` of ``newdata``: whether each has every value the model reads
    there and finite, and the columns where some has one missing or infinite (the raw
    columns of a formula model, the design columns of a model from arrays)."""
    if spec is None:  # the design as given: no transform makes a NaN
        some = (~np.isfinite(X[bad])).any(axis=0)
        names = [n for n, s in zip(column_names, some, strict=True) if s]
        return np.zeros(int(bad.sum()), dtype=bool), names
    # the spec's required_variables read a quoted `x.y` as x
    read = set(required_columns(spec.factors, spec.required_variables, newdata.columns))
    used = [c for c in newdata.columns if str(c) in read]
    raw = newdata.loc[bad, used] if used else newdata.loc[bad, []]
    # Decimal('sNaN') too, where isna raised
    absent: np.ndarray = np.array([missing_mask(raw.iloc[:, j]) for j in range(raw.shape[1])])
    absent = absent.T.reshape(raw.shape)
    for j in range(raw.shape[1]):  # by position: a name may be there twice
        column = raw.iloc[:, j]
        if pd.api.types.is_numeric_dtype(column.dtype):
            absent[:, j] |= ~np.isfinite(column.to_numpy(np.float64, na_value=np.nan))
        elif column.dtype == object:  # numbers as objects: inf of them was "finite"
            absent[:, j] |= [_infinite(v) for v in column]
    by_column = np.asarray(absent.any(axis=0))
    names = [str(c) for c, some in zip(raw.columns, by_column, strict=True) if some]
    return np.asarray(~absent.any(axis=1)), names


def _infinite(value: Any) -> bool:
    """Whether ``value``, an object of a column, is a number no float holds finite (inf,
    Decimal('1e400'), 10**400); text and other values are not."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, Decimal)):
        return False
    if isinstance(value, Decimal) and value.is_nan():  # float() refused a signalling one
        return False
    try:
        return not math.isfinite(float(value))
    except OverflowError:
        return True


def rows_named(index: pd.Index, rows: np.ndarray) -> str:
    """ "3 row(s) ('a', 'b', 'c')": how many, and the labels of the first five."""
    shown = ", ".join(map(repr, index[rows[:5]].tolist()))
    return f"{len(rows)} row(s) ({shown}{', ...' if len(rows) > 5 else ''})"
