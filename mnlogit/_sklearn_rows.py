"""The row labels of the scikit-learn classifier's ``results_`` when it fits X as given.

A formula fit keeps the labels of the DataFrame's rows; the fit of X as given kept none, so
``mnlogit.compare`` or ``lr_test`` of it beside a formula fit of the same rows could not
tell them for the same rows, and ``results_.predict()`` numbered its rows 0..n-1 whatever
X's index was. Here they are X's labels (as the formula fit of X has them), else y's (as
``MNLogit(y, X)`` takes them), less the rows of weight 0 that the fit leaves out. And the
refusal of X given as rows of different lengths.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._dtypes import plain_labels
from .exceptions import DataError

__all__ = ["kept_labels", "refuse_ragged_rows", "row_labels", "same_repeated_labels"]


def row_labels(X: Any, y: Any) -> pd.Index | None:
    """The labels of X's rows when X is a DataFrame, else of y's when y is a Series; None
    for arrays and for tables without an index (polars, pyarrow)."""
    for values in (X, y):
        if isinstance(values, (pd.DataFrame, pd.Series)):
            return plain_labels(values.index)  # pyarrow views as text, which pandas compares
    return None


def kept_labels(rows: pd.Index | None, keep: np.ndarray | None) -> pd.Index | None:
    """``rows`` less the rows the fit leaves out (``keep``: True for the rows it keeps)."""
    return rows if rows is None or keep is None else rows[keep]


def same_repeated_labels(rows: pd.Index, other: pd.Index) -> bool:
    """Whether two indexes hold the same labels, each as many times: with a label repeated
    (data in long form indexed by person or household), y or the weights in another order
    than X (X sorted without them) were paired by position without a word."""
    try:
        return bool(rows.sort_values().equals(other.sort_values()))
    except TypeError:  # labels of types that cannot be ordered among themselves
        return False


def refuse_ragged_rows(X: Any) -> None:
    """Refuse X given as a list of rows of different lengths: numpy's "setting an array
    element with a sequence ... inhomogeneous shape" came out as a bare ValueError, naming
    no row."""
    if not isinstance(X, (list, tuple)) or not X:
        return
    lengths = [len(r) if isinstance(r, (list, tuple, np.ndarray)) else None for r in X]
    first = lengths[0]
    for i, n in enumerate(lengths):
        if n != first:
            said = "a single value" if n is None else f"{n} value(s)"
            start = "a single value" if first is None else f"{first} value(s)"
            raise DataError(
                f"X: its rows have different lengths (row 0 has {start}, row {i} has {said}); "
                "give every row one value per column (a missing value as np.nan, then "
                "imputed or its row dropped)"
            )
