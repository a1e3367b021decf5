"""Columns of dates written as text ('2020-01-05', '05/01/2020 10:30'), which a formula reads
as a factor with a level per date: named where that reading makes a refusal
(:func:`dates_note`), which otherwise said only "more design columns than rows ... merge levels"
of a column whose rows each hold their own date."""

from __future__ import annotations

import re

import pandas as pd

__all__ = ["date_example", "dates_note", "time_example"]

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?"
_DATE = (
    # 2020-01-05, 05/01/2020, 5.1.2020: a year of four digits, so that codes ('1-2-3') and
    # versions ('1.2.3') are not taken for dates; beside a month's name (Excel's 05-Jan-2020
    # and 05-Jan-20, 'Jan 5, 2020', 'Sun, 05 Jan 2020') a year of two digits too, as a
    # column of them was fitted as a factor of a level per date with nothing said
    r"(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}"
    rf"|(?:[a-z]{{3,9}},? )?(?:\d{{1,2}}[-/. ]{_MONTH}[-/. ]?(?:\d{{4}}|\d{{2}})"
    rf"|\d{{4}}[-/. ]{_MONTH}[-/. ]?\d{{1,2}}|{_MONTH} \d{{1,2}},? \d{{4}}))"
    r"(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"  # a time after it
)
_LOOKED_AT = 200  # distinct values read: enough to tell dates from codes


def date_example(column: pd.Series) -> str:
    """The first of ``column``'s values when they are all dates written as text, else ""."""
    text = _texts(column)
    if not len(text) or not text.str.fullmatch(_DATE, case=False).all():
        return ""
    # format="mixed" parses element by element, without pandas' warning that it could not
    # infer one format (a filter set here would be every thread's: see _parallel)
    if pd.to_datetime(text, format="mixed", errors="coerce").isna().any():
        return ""
    return str(text.iloc[0])


def dates_note(name: str, column: pd.Series) -> str:
    """What follows a refusal caused by the factor of column ``name``: "" unless its values
    are all dates written as text, then that, and how to use them as numbers."""
    example = date_example(column)
    if not example:
        return ""
    return (
        f"; column {name!r} holds dates written as text (e.g. {example!r}), read as a "
        "factor with a level per date: to use time as a number, convert the column first, "
        f"e.g. df[{name!r}] = (pd.to_datetime(df[{name!r}]) - pd.Timestamp('2000-01-01'))"
        ".dt.days (days since a date of your choice)"
    )


# a time of day or a span written h:mm or h:mm:ss ('08:30', '7:05:12', '4:30 PM')
_TIME = re.compile(r"\d{1,2}:[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:\s?[AaPp]\.?[Mm]\.?)?")


def time_example(column: pd.Series) -> str:
    """The first of ``column``'s values when they are all times written as text ('08:30'),
    else "": read bare, such a column was a factor with a level per time."""
    text = _texts(column)
    return str(text.iloc[0]) if len(text) and text.str.fullmatch(_TIME).all() else ""


def _texts(column: pd.Series) -> pd.Series:
    """The first distinct values of ``column``, stripped, when all are text; else none."""
    if not (column.dtype == object or isinstance(column.dtype, pd.StringDtype)):
        return pd.Series([], dtype=object)
    values = pd.Series(column.dropna().unique()[:_LOOKED_AT], dtype=object)
    if not values.map(lambda v: isinstance(v, str)).all():
        return pd.Series([], dtype=object)
    return values.str.strip()
