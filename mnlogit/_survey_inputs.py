"""How a survey fit's inputs are read beyond :mod:`mnlogit.survey`'s checks: what each
``lonely_psu`` option does (``LONELY_PSU``), the subpopulation (domain) as a boolean mask over
the rows, several column names given for one role of the design, and the offending rows named
in the checks' messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._conditions import evaluate_condition
from .exceptions import DataError, InputTypeError, OptionError

__all__ = ["LONELY_PSU", "LonelyPsu", "refuse_column_list", "row_list", "subpop_mask"]


@dataclass(frozen=True)
class LonelyPsu:
    """What a ``lonely_psu`` option does with a stratum of a single PSU: refuse it, or count
    it in the variance (its PSU total centred at zero) or leave it out, and how the summary's
    note says so."""

    refuses: bool
    in_variance: bool
    treatment: str


# what lonely_psu= selects, as R's options(survey.lonely.psu = ...) of the same names
LONELY_PSU = {
    "fail": LonelyPsu(refuses=True, in_variance=True, treatment=""),
    "adjust": LonelyPsu(False, True, "their PSU totals are centred at zero"),
    "certainty": LonelyPsu(False, False, "they are left out of the variance"),
    "remove": LonelyPsu(False, False, "they are left out of the variance"),
}


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


# What each role takes instead of several columns (R's ids = ~dnum + snum, strata = ~a + b).
_ONE_COLUMN = {
    "psu": (
        "a design here has one stage of sampling units: give the first stage's, psu={first!r} "
        "(R's svydesign(ids = ~a + b) without fpc= uses only the first stage's too)"
    ),
    "strata": (
        "give one column: combine them first, e.g. "
        "df[{first!r}].astype(str) + '/' + df[{second!r}].astype(str)"
    ),
    "fpc": (
        "a later stage's finite-population correction is not supported: give the first "
        "stage's, fpc={first!r}"
    ),
    "weights": "give one column of sampling weights: the product of the stages' weights",
}


def refuse_column_list(role: str, value: Any, columns: Any = None) -> None:
    """Refuse a list of column names given for one role, saying what to give instead (in
    memory they were read as the role's values, and refused as too few). ``columns``: the
    data's, which the names must all be; None where only column names are taken (Dask)."""
    if role not in _ONE_COLUMN or not isinstance(value, (list, tuple)) or not value:
        return
    if all(isinstance(v, str) and (columns is None or v in columns) for v in value):
        if len(value) == 1:
            raise OptionError(
                f"{role}: got a list {list(value)!r}; give the column name itself: "
                f"{role}={value[0]!r}"
            )
        raise OptionError(
            f"{role}: got several column names {list(value)!r}; "
            + _ONE_COLUMN[role].format(first=value[0], second=value[1])
        )
