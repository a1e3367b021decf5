"""Columns of dates, time spans or periods that a formula reads through a transform
(``I(d.dt.year)``): to margins neither numbers nor factors, held at their mean (a reference
grid, the typical row) or as observed, never set nor differentiated."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import DataError
from ._variables import Variable

__all__ = ["date_mean", "dates_note", "refuse_dates"]


def date_mean(col: pd.Series, w: np.ndarray) -> Any:
    """The weighted mean of a column of dates or time spans, in its own type (and zone); of
    periods, the period nearest it."""
    if isinstance(col.dtype, pd.PeriodDtype):
        steps = col.array.asi8 - col.array.asi8[0]  # periods after the first
        return col.iloc[0] + round(float(np.average(steps, weights=w)))
    spans = (col - col.iloc[0]).to_numpy(dtype="timedelta64[ns]").astype(np.int64)
    return col.iloc[0] + pd.Timedelta(round(float(np.average(spans, weights=w))), unit="ns")


def dates_note(available: list[Variable]) -> str:
    """What a table of effects says of the dates it leaves out ("" when there are none)."""
    dates = [v.name for v in available if v.date]
    if not dates:
        return ""
    return (
        f"No effects of {', '.join(map(repr, dates))}: dates, time spans or periods, which "
        "the formula reads through a transform (as observed in each row)."
    )


def refuse_dates(chosen: list[Variable], what: str) -> None:
    """Refuse effects of, or values set for, the dates among ``chosen``."""
    dates = [v.name for v in chosen if v.date]
    if dates:
        raise DataError(
            f"{what}: {', '.join(map(repr, dates))} holds dates, time spans or periods, which the "
            "formula reads through a transform; margins set and differentiate numbers and "
            "factor levels only: compute the column the formula reads from it before the fit "
            "(e.g. df['year'] = df['d'].dt.year) and use that"
        )
