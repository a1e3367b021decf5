"""How values given for a column fitted as periods (``period[M]``, ``period[Q-DEC]``) are read,
wherever they are given: a column of ``predict``'s new data, or a value set by margins'
``at=`` or named as a contrast's ``ref=`` for a factor of periods. One rule for both:

- periods of the fitted frequency are themselves (held in a Categorical too, whose values
  are read by this rule);
- a date that is the start of a period of the fitted frequency (midnight of its first day,
  as ``p.dt.to_timestamp()`` gives it; numpy's, pandas' or Arrow's) is that period;
- a date inside a period, a date between two periods (a weekend for business days), a date
  with a time zone, a calendar date without a time (``datetime.date``, Arrow's ``date32``),
  a period of another frequency and a time span are refused, quoting them, with the
  conversion to make: the formula's code reads each of them with the same ``.dt`` words as
  periods and gives other numbers (the day of a month is its last day, of a date its own);
- anything else (text, numbers, other objects) is no reading of periods: the caller matches
  it as a level or refuses it (:func:`refuse_other`).

The caller passes its own words (:class:`PeriodWords`): the opening of a refusal, and whether
it was given a column (whose conversion is written as an assignment of ``.dt`` methods) or
one value (written as that value's methods).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import InputTypeError

__all__ = [
    "PeriodWords",
    "categories_read",
    "pa_types",
    "read_periods",
    "refuse_other",
    "temporal_kind",
]


@dataclass(frozen=True)
class PeriodWords:
    """How a refusal names what it was given.

    Attributes
    ----------
    head : str
        The refusal's opening, up to and including "got" (and, for one value, the value as
        given): ``"newdata: column 'p' was periods in fitting (dtype period[M]); got"``,
        ``"at: 'p' holds periods (M); got Timestamp('2000-03-15 00:00:00')"``.
    column : str or None
        The column converted, as the user writes it (``"newdata['p']"``); None for one value.
    """

    head: str
    column: str | None = None

    def pick(self, one: str, many: str) -> str:
        """The words for one value, or for a column of them."""
        return one if self.column is None else many

    def said(self, values: pd.Series, one: str, many: str) -> str:
        """The opening with what was given: ``many`` (the kind of a column's values) with its
        dtype and first values, or ``one`` after the value already quoted."""
        if self.column is None:
            return f"{self.head}{one}"
        return f"{self.head} {many} (dtype {values.dtype}: {_shown(values)})"

    def convert(self, values: pd.Series, *methods: str) -> str:
        """The conversion that calls ``methods`` in turn: on the column, through ``.dt``, as an
        assignment; on the value (as pandas holds it: a Timestamp, a Period)."""
        if self.column is None:
            return repr(values.dropna().iloc[0]) + "".join(f".{m}" for m in methods)
        calls = "".join(f".dt.{m}" for m in methods)
        return f"{self.column} = {self.column}{calls}"


def _shown(values: pd.Series) -> str:
    """The first three distinct values of ``values`` present, quoted."""
    return ", ".join(map(repr, pd.Series(pd.unique(values.dropna()))[:3].tolist()))


def pa_types() -> Any:
    """pyarrow's type predicates (pyarrow is there whenever a column has an Arrow dtype)."""
    import pyarrow.types

    return pyarrow.types


def temporal_kind(dtype: Any) -> str:
    """ "dates" or "time spans" for a dtype of either (numpy's, pandas' or pyarrow's), else ""."""
    if pd.api.types.is_datetime64_any_dtype(dtype):
        return "dates"
    arrow = getattr(dtype, "pyarrow_dtype", None)
    if pd.api.types.is_timedelta64_dtype(dtype) or (
        arrow is not None and pa_types().is_duration(arrow)
    ):
        return "time spans"
    return ""


def categories_read(values: pd.Series) -> pd.Series:
    """``values`` held in a Categorical of periods, dates or time spans as those values, which
    the formula's ``.dt`` reads as it reads them: a Categorical of the fitted periods or dates
    was refused through a transform (``I(p.dt.month)``) as a dtype that ``.dt`` "cannot
    read". Other values as given."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        return values
    inner = values.dtype.categories.dtype
    if isinstance(inner, pd.PeriodDtype) or temporal_kind(inner):
        return values.astype(inner)
    return values


def _calendar_days(values: pd.Series) -> bool:
    """Whether ``values`` are calendar dates without a time: Arrow's date32 and date64 (which
    pandas counts among its dates, though its ``.dt`` has no time zone for them), or
    ``datetime.date`` objects."""
    arrow = getattr(values.dtype, "pyarrow_dtype", None)
    if arrow is not None:
        return bool(pa_types().is_date(arrow))
    return values.dtype == object and pd.api.types.infer_dtype(values, skipna=True) == "date"


def read_periods(values: pd.Series, fitted: pd.PeriodDtype, words: PeriodWords) -> pd.Series | None:
    """``values`` as periods of ``fitted``'s frequency, as the module's rule reads them.

    Parameters
    ----------
    values : pandas.Series
        The values given (a column of new data, or one value in a Series of one).
    fitted : pandas.PeriodDtype
        The dtype the column was fitted with.
    words : PeriodWords
        How a refusal names what was given.

    Returns
    -------
    pandas.Series or None
        The periods (missing periods when ``values`` hold none but missing values); None for
        values that are no dates, periods or time spans (text, numbers, other objects).

    Raises
    ------
    InputTypeError
        For dates that do not start a period, dates with a time zone, calendar dates,
        periods of another frequency and time spans, quoting them with the conversion.
    """
    values = categories_read(values)
    if values.dtype == fitted:
        return values
    if not values.notna().any():
        # missing periods, which predict as missing: a transform (I(p.dt.month)) of a column
        # of None or NaN failed inside formulaic with pandas' "Can only use .dt accessor"
        return values.astype(fitted)
    freq = str(fitted)[len("period[") : -1]  # as period[...] writes it: 'M', 'Q-DEC'
    if _calendar_days(values):
        # a calendar date is a day, a period of its own, not the moment one starts
        raise InputTypeError(
            f"{words.said(values, ', a calendar date', 'calendar dates')}, which "
            f"{words.pick('is a day', 'are days')} rather than the moment a period starts; "
            f"give the {words.pick('period', 'periods')}, e.g. "
            + words.pick(
                f"{pd.Period(values.dropna().iloc[0], freq)!r} for the one it falls in",
                f"{words.column} = {words.column}.astype({str(fitted)!r}) for the period each "
                "date falls in",
            )
        )
    if isinstance(values.dtype, pd.PeriodDtype):
        other = "a period of another frequency"
        start = f"asfreq({freq!r}, how='start')"
        raise InputTypeError(
            f"{words.said(values, f', {other}', other.replace('a period', 'periods'))}, which "
            f"the formula would read otherwise than {fitted}; convert "
            f"{words.pick('it', 'them')} as meant, e.g. {words.convert(values, start)} "
            "(or how='end')"
        )
    kind = temporal_kind(values.dtype)
    if kind == "time spans":
        raise InputTypeError(
            f"{words.said(values, ', a time span', 'time spans')}, which the formula would "
            f"read otherwise than {fitted}; give the periods themselves, as in the fitted data"
        )
    if kind == "dates":
        return _dates_as_periods(values, fitted, freq, words)
    return None


def _dates_as_periods(
    values: pd.Series, fitted: pd.PeriodDtype, freq: str, words: PeriodWords
) -> pd.Series:
    """The periods ``values``' dates start, where each date is the start of one (midnight of
    its first day, time zone none); otherwise refused, quoting the dates that are not."""
    if getattr(values.dt, "tz", None) is not None:
        raise InputTypeError(
            f"{words.said(values, ', a date', 'dates')} with a time zone, which periods do not "
            f"have; give the {words.pick('period', 'periods')}, e.g. "
            f"{words.convert(values, 'tz_localize(None)', f'to_period({freq!r})')} for "
            + words.pick("that of the local date", "the period of each local date")
        )
    dates = pd.Series(pd.DatetimeIndex(values), index=values.index)  # Arrow's too
    periods = dates.dt.to_period(fitted.freq)
    # each period's start counted in the dates' own unit, as periods of that unit count it
    # from 1970: to_timestamp() gave microseconds, which do not reach the year 300000 that
    # dates of seconds hold (pandas' OutOfBoundsDatetime)
    unit = np.datetime_data(dates.dtype)[0]
    starts = periods.dt.asfreq(unit, how="start").array.asi8
    ticks = dates.array.asi8
    # to_period gives the period a date falls in, or for a date between two (a weekend,
    # for business days) the one after it
    between = dates.notna() & (starts > ticks)
    if between.any():
        after = periods[between]
        raise InputTypeError(
            f"{words.said(dates[between], '', 'dates')}, which "
            f"{words.pick('falls', 'fall')} between two periods of the fitted frequency "
            f"({freq}) and in none of them; give the {words.pick('period', 'periods')} meant, "
            "e.g. "
            + words.pick(
                f"{after.iloc[0] - 1!r} before it or {after.iloc[0]!r} after it",
                f"{words.convert(dates, f'to_period({freq!r})')} for the period after each "
                "(one less for the one before)",
            )
        )
    inside = dates.notna() & (starts != ticks)
    if inside.any():
        raise InputTypeError(
            f"{words.said(dates[inside], '', 'dates')}, which "
            f"{words.pick('does not start', 'do not each start')} a period of the fitted "
            f"frequency ({freq}), and a date inside a period is not the period; give the "
            f"{words.pick('period', 'periods')}, e.g. "
            + words.pick(
                f"{periods[inside].iloc[0]!r} for the one it falls in",
                f"{words.convert(dates, f'to_period({freq!r})')} for the period each date falls in",
            )
        )
    return periods


def refuse_other(values: pd.Series, fitted: pd.PeriodDtype, words: PeriodWords) -> None:
    """Refuse text, objects or numbers (which :func:`read_periods` does not read) for a
    column fitted as periods that the formula transforms: a transform of it
    (``I(p.dt.month)``) failed inside formulaic with pandas' "Can only use .dt accessor with
    datetimelike values", which named neither the column nor the conversion."""
    how = (
        "give the periods themselves, as in the fitted data"
        if pd.api.types.is_numeric_dtype(values.dtype)
        else f"convert it first, as the fitted column was: {words.column} = "
        f"{words.column}.astype({str(fitted)!r})"
    )
    raise InputTypeError(
        f"{words.head} dtype {values.dtype} ({_shown(values)}), which the formula's operations "
        f"on periods cannot read; {how}"
    )
