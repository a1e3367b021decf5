"""Values given for a factor of periods (``C(p)`` of a ``period[M]`` column) in ``at=`` or as
a contrast's ``ref=``, read by the rule ``predict`` reads new data of that column by
(:mod:`mnlogit._period_reading`): a date that starts a period of the fitted frequency is that
period; a date inside a period or between two, with a time zone, a calendar date, a period of
another frequency and a time span are refused, quoted, with the conversion to make."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .._level_identity import plain_value
from .._period_reading import PeriodWords, read_periods

__all__ = ["period_value"]


def period_value(levels: Any, value: Any, where: str, name: str) -> Any:
    """``value`` as the period it names when ``levels`` are periods and it is a date that
    starts one of their frequency; itself (a pyarrow scalar as the value it holds) when it
    is no date, period or time span (text and numbers are matched as levels, and refused as
    none) or missing; else an InputTypeError naming ``where`` (``"at"``, ``"contrast"``) and
    the variable ``name``."""
    if not levels or not isinstance(levels[0], pd.Period):
        return value
    value = plain_value(value)  # a contrast's ref= as at= reads it
    fitted = pd.PeriodDtype(levels[0].freq)
    words = PeriodWords(f"{where}: {name!r} holds periods ({levels[0].freqstr}); got {value!r}")
    read = read_periods(pd.Series([value]), fitted, words)
    return value if read is None or read.isna().all() else read.iloc[0]
