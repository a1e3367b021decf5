"""Booleans in the new data of a model from arrays: which columns of a design hold True and
False, and their refusal for a design column fitted on numbers other than 0 and 1, which
would read them as 1 and 0."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._dtypes import _is_boolean
from .exceptions import InputTypeError

__all__ = ["boolean_columns", "refuse_booleans_for_numbers"]


def boolean_columns(values: Any) -> np.ndarray:
    """Which columns of a 2-D design (DataFrame or array) hold True/False values."""
    if isinstance(values, pd.DataFrame):
        return np.array([_is_boolean(values.iloc[:, j]) for j in range(values.shape[1])], bool)
    values = np.asarray(values)
    if values.ndim == 2 and values.dtype == object:
        # Python's True and False in an array of objects (np.array(rows, dtype=object)): they
        # were read as 1 and 0 for a column of counts, as a bool array's are no longer
        columns = (pd.Series(values[:, j], dtype=object) for j in range(values.shape[1]))
        return np.array([_is_boolean(c) for c in columns], bool)
    return np.full(values.shape[-1] if values.ndim else 0, values.dtype == bool)


def refuse_booleans_for_numbers(
    given: np.ndarray, fitted: np.ndarray, names: tuple[str, ...], what: str = "newdata"
) -> None:
    """Refuse booleans in new data for a design column fitted on numbers other than 0 and 1
    (``given``: which new columns are booleans; ``fitted``: the fitted design). A column of
    0s and 1s (or of booleans) reads True as the 1 it was; a count or a measurement has no
    value True, and read as 1 a mix-up of columns (``x > 0`` for ``x``) predicted silently,
    where a formula's new data are refused (as R's predict() refuses logical for numeric).
    ``what``: the argument, whose columns are named as design columns for ``newdata``."""
    for j in np.flatnonzero(given):
        column = fitted[:, j]
        other = column[(column != 0.0) & (column != 1.0)]
        if other.size:
            raise InputTypeError(
                f"{what}: {'design column' if what == 'newdata' else 'column'} {names[j]!r} "
                f"was numbers in fitting (e.g. "
                f"{other[0].item()!r}, not only 0 and 1); got booleans, which would be read as "
                "1 and 0; pass the numbers the column holds, as in the fitted data (as floats, "
                "e.g. .astype(float), if 1 and 0 are meant)"
            )
