"""The subpopulation (domain) of a survey fit as a boolean mask over the rows, and the
offending rows named in the survey checks' messages."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._conditions import evaluate_condition
from .exceptions import DataError, InputTypeError

__all__ = ["row_list", "subpop_mask"]


def subpop_mask(
    subpop: Any, data: pd.DataFrame | None, n: int, *, allow_empty: bool = False
) -> np.ndarray:
    """The rows of the subpopulation as a boolean array of length ``n``.

    ``subpop``: a boolean column name, a condition on the columns read by
    :func:`mnlogit._conditions.evaluate_condition` (``"age >= 18 and sex == 'f'"``; it runs
    no code), or one boolean per row (a Series is matched by its index).
    """
    what = repr(subpop) if isinstance(subpop, str) else "the values given"
    if isinstance(subpop, str):
        if data is None:
            raise InputTypeError(
                "subpop: a column name or expression needs a DataFrame; pass one boolean per row"
            )
        if subpop in data.columns:
            values = data[subpop]
        else:
            values = evaluate_condition(subpop, data, "subpop")
            if not isinstance(values, pd.Series):
                raise DataError(
                    f"subpop: {subpop!r} uses no column, so it does not say which rows are in "
                    "the subpopulation; write a condition on the data's columns"
                )
    else:
        values = subpop
    if isinstance(values, pd.Series) and data is not None and not values.index.equals(data.index):
        # a Series is matched to the rows by its index, as pandas aligns (and as weights are)
        if not (
            values.index.is_unique
            and data.index.is_unique
            and len(values) == n
            and values.index.isin(data.index).all()
        ):
            raise DataError(
                "subpop: the Series' index does not match the data's index one to one; pass "
                "a column name, an array in the data's row order, or a Series with its index"
            )
        values = values.reindex(data.index)
    s = pd.Series(np.asarray(values) if not isinstance(values, pd.Series) else values.to_numpy())
    if s.ndim != 1 or len(s) != n:
        raise DataError(f"subpop: expected one value per row ({n}); got {len(s)}")
    if s.isna().any():
        condition = isinstance(subpop, str) and data is not None and subpop not in data.columns
        hint = (
            " (a comparison with a missing value is missing: add e.g. 'col.notna() & (...)' "
            "to the condition)"
            if condition
            else ""
        )
        raise DataError(
            f"subpop: {what} has missing values in {row_list(s.isna().to_numpy(), data)}; "
            f"say for every row whether it is in the subpopulation{hint}"
        )
    if not (pd.api.types.is_bool_dtype(s.dtype) or set(pd.unique(s)) <= {True, False}):
        raise InputTypeError(f"subpop: {what} must be True/False for each row; got dtype {s.dtype}")
    mask = s.to_numpy(dtype=bool)
    if not mask.any() and not allow_empty:  # a partition of the data may have none
        raise DataError(f"subpop: {what} selects no rows")
    return mask


def row_list(mask: np.ndarray, data: pd.DataFrame | None, limit: int = 5) -> str:
    """The offending rows, by the data's index labels when there is a DataFrame."""
    pos = np.flatnonzero(mask)
    labels = data.index[pos] if data is not None else pos
    shown = ", ".join(repr(v) if isinstance(v, str) else str(v) for v in list(labels[:limit]))
    more = f", ... ({len(pos)} in all)" if len(pos) > limit else ""
    return f"row{'s' if len(pos) > 1 else ''} {shown}{more}"
