"""Values given for a factor of periods (``C(p)`` of a ``period[M]`` column) in ``at=`` or as
a contrast's ``ref=``, read as ``predict`` reads new data of that column: a date that starts
a period of the fitted frequency (midnight of its first day, as ``p.dt.to_timestamp()`` gives
it) is that period; a date inside a period, a date with a time zone, a period of another
frequency and a time span are refused, quoted, with the conversion to make. ``predict`` read
the first as its period while margins refused it as no level, and refused the others with
the conversion where margins listed the levels only."""

from __future__ import annotations

import datetime
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import InputTypeError

__all__ = ["period_value"]


def period_value(levels: Any, value: Any, where: str, name: str) -> Any:
    """``value`` as the period it names when ``levels`` are periods and it is a date that
    starts one of their frequency; itself when it is no date, period or time span (text and
    numbers are matched as levels, and refused as none); else an InputTypeError naming
    ``where`` (``"at"``, ``"contrast"``) and the variable ``name``."""
    if not levels or not isinstance(levels[0], pd.Period):
        return value
    freq = levels[0].freqstr
    head = f"{where}: {name!r} holds periods ({freq}); got {value!r}"
    if isinstance(value, pd.Period):
        if value.freqstr == freq:
            return value
        raise InputTypeError(
            f"{head}, a period of another frequency, which the formula would read otherwise "
            f"than {freq}; convert it as meant, e.g. {value!r}.asfreq({freq!r}, how='start') "
            "(or how='end')"
        )
    if isinstance(value, (pd.Timedelta, datetime.timedelta, np.timedelta64)):
        raise InputTypeError(f"{head}, a time span; give the periods themselves, as fitted")
    if not isinstance(value, (pd.Timestamp, datetime.datetime, np.datetime64)):
        return value  # datetime.date, text and numbers: no level, said as such
    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        return value
    if stamp.tz is not None:
        raise InputTypeError(
            f"{head}, a date with a time zone, which periods do not have; give the period, "
            f"e.g. {stamp!r}.tz_localize(None).to_period({freq!r}) for that of the local date"
        )
    period = stamp.to_period(freq)
    if period.to_timestamp() != stamp:
        raise InputTypeError(
            f"{head}, which does not start a period of the fitted frequency ({freq}), and a "
            f"date inside a period is not the period; give the period, e.g. {period!r} for "
            "the one it falls in"
        )
    return period
