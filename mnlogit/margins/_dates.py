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
    periods, the period nearest it.

    The ticks are counted in the column's own unit from the middle of their range: counted in
    nanoseconds from the first date, dates of seconds 800 years apart passed the int64 range
    and wrapped round, and a reference grid held 1600-2400 at 2204 (their mean, 2017)."""
    if isinstance(col.dtype, pd.PeriodDtype):
        steps = col.array.asi8 - col.array.asi8[0]  # periods after the first
        return col.iloc[0] + round(float(np.average(steps, weights=w)))
    unit: Any  # numpy's stubs take its units as literals only
    if isinstance(col.dtype, pd.ArrowDtype) and not hasattr(col.dtype.pyarrow_dtype, "unit"):
        # arrow's dates (date32, date64) are datetime.date, no integers: their spans from the
        # first are seconds or milliseconds, within int64 for any two dates
        spans = (col - col.iloc[0]).to_numpy()
        ticks, unit = spans.astype(np.int64), np.datetime_data(spans.dtype)[0]
    else:
        ticks, unit = col.astype("int64").to_numpy(), _unit(col.dtype)  # of UTC, in a zone
    lo, hi = int(ticks.min()), int(ticks.max())
    middle = lo + (hi - lo) // 2  # Python's integers: hi - lo may pass the int64 range
    offsets = ticks - np.int64(middle)  # at most half the range: within int64
    mean = round(float(np.average(offsets.astype(np.float64), weights=w)))
    # from the row nearest the mean, at most half the range away (a span a Timedelta of the
    # column's unit holds), so the result keeps the column's type and zone
    nearest = int(np.argmin(np.abs(offsets.astype(np.float64) - mean)))
    step = np.timedelta64(middle + mean - int(ticks[nearest]), unit)
    return col.iloc[nearest] + pd.Timedelta(step)


def _unit(dtype: Any) -> str:
    """The unit of the ticks of a dtype of dates or time spans (numpy's, a zone's, arrow's)."""
    if isinstance(dtype, pd.ArrowDtype):
        return str(dtype.pyarrow_dtype.unit)
    unit = getattr(dtype, "unit", None)
    return str(unit) if unit is not None else np.datetime_data(dtype)[0]


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
