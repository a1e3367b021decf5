"""Dates, times of day and time spans held as Python objects (or pyarrow and polars times of
day) are refused as a predictor used as it is, as a datetime64 column of the same values is:
read as they were, each distinct value became a level of a factor, silently."""

import datetime

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

N = 120
HOURS = [datetime.time(i % 24) for i in range(N)]
DAYS = [datetime.date(2000, 1, 1) + datetime.timedelta(days=i) for i in range(N)]

VALUES = {
    "time objects": (HOURS, "datetime.time"),
    "date objects": (DAYS, "datetime.date"),
    "Timestamp objects": (
        pd.Series(pd.date_range("2000-01-01", periods=N), dtype=object),
        "pandas.Timestamp",
    ),
    "pyarrow time64": (pd.array(HOURS, dtype=pd.ArrowDtype(pa.time64("us"))), "datetime.time"),
}


def _data(b) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    d = pd.DataFrame({"a": rng.normal(size=N), "y": rng.choice(list("xyz"), N)})
    d["b"] = b
    return d


@pytest.mark.parametrize("case", list(VALUES))
def test_a_column_of_dates_or_times_as_objects_is_refused(case):
    values, shown = VALUES[case]
    d = _data(values)
    before = d.copy()
    with pytest.raises(
        InputTypeError, match=rf"column 'b' holds {shown} values, which is not a number"
    ) as err:
        mnlogit.fit("y ~ a + b", d)
    assert "write C(b)" in str(err.value)
    pd.testing.assert_frame_equal(d, before)


def test_a_polars_time_column_is_refused_as_pandas_objects_are():
    d = pl.from_pandas(_data(HOURS))
    assert d.schema["b"] == pl.Time
    with pytest.raises(InputTypeError, match=r"column 'b' holds datetime\.time values"):
        mnlogit.fit("y ~ a + b", d)


def test_times_inside_c_are_the_levels_asked_for():
    d = _data([datetime.time(9 + 8 * (i % 2)) for i in range(N)])
    res = mnlogit.fit("y ~ a + C(b)", d, ref="x")
    assert list(res.params.index) == ["Intercept", "a", "C(b)[T.17:00:00]"]


def test_new_data_of_time_objects_for_a_numeric_column_is_refused():
    res = mnlogit.fit("y ~ a + b", _data(np.arange(N) % 24.0), ref="x")
    with pytest.raises(InputTypeError, match=r"column 'b' holds datetime\.time values"):
        res.predict(_data(HOURS))
