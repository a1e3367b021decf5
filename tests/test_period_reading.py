"""One rule for values given for a column fitted as periods, on every route that takes them:
``predict``'s new data, margins' ``at=`` and a contrast's ``ref=``
(``mnlogit/_period_reading.py``). The routes had each their own code, and read some values
apart: a time span or a period of another frequency was refused in margins without the
reason predict gave (the formula would read it otherwise than the fitted periods); an Arrow
``date32`` column failed inside pandas ("dt.tz is not supported") where ``at=`` and ``ref=``
refused a ``datetime.date`` as no level (for days, ``ref=`` called it text); a Saturday for
business days was said to fall inside a period; dates of seconds beyond the range of
microseconds (the year 294276) failed in pandas (OutOfBoundsDatetime) on every route; a
pyarrow timestamp was a period to ``at=`` and no value to ``ref=``."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, LevelError

# pandas warns that periods of business days are deprecated, whenever they are made
BUSINESS_DAYS_DEPRECATED = pytest.mark.filterwarnings(
    r"ignore:.*(BDay|PeriodDtype\[B\]).*:FutureWarning"
)


def _fit(freq: str, formula: str = "y ~ x + C(p)"):
    rng = np.random.default_rng(8)
    n = 240
    levels = pd.period_range("2000-01-03", periods=6, freq=freq)
    p = pd.Series(levels).repeat(n // 6).reset_index(drop=True)
    x = rng.normal(size=n)
    eta = np.c_[np.zeros(n), 0.5 * x + 0.1 * np.arange(n) / n, 0.3 - 0.2 * x]
    prob = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in prob]]
    data = pd.DataFrame({"p": p.to_numpy(), "x": x, "y": y})
    return mnlogit.fit(formula, data), data, levels


@pytest.fixture(scope="module")
def monthly():
    return _fit("M")


def _refusals(res, data, levels, value, column=None) -> dict[str, str]:
    """The refusal of ``value`` by predict (as a column, ``column`` if given), by at= and by
    a contrast's ref=."""
    said = {}
    new = data.head(3).assign(p=[value] * 3 if column is None else column)
    margins = res.margins(at={"p": [levels[2], levels[4]]})
    for route, call in {
        "predict": lambda: res.predict(new),
        "at": lambda: res.margins(at={"p": value}),
        "ref": lambda: margins.contrast("p", "reference", ref=value),
    }.items():
        with pytest.raises(InputTypeError) as err:
            call()
        said[route] = str(err.value)
    return said


REASONS = {
    "inside": (
        pd.Timestamp("2000-03-15"),
        "start a period of the fitted frequency (M), and a date inside a period is not the period",
    ),
    "zone": (pd.Timestamp("2000-03-01", tz="UTC"), "with a time zone, which periods do not have"),
    "quarter": (
        pd.Period("2000Q1", "Q"),
        "which the formula would read otherwise than period[M]; convert",
    ),
    "span": (
        pd.Timedelta(days=31),
        "which the formula would read otherwise than period[M]; give the periods themselves, "
        "as in the fitted data",
    ),
    "calendar date": (
        datetime.date(2000, 3, 1),
        "rather than the moment a period starts",
    ),
}


@pytest.mark.parametrize(("value", "reason"), REASONS.values(), ids=REASONS)
def test_every_route_refuses_a_value_for_one_reason(monthly, value, reason):
    said = _refusals(*monthly, value)
    assert said["predict"].startswith("newdata: column 'p' was periods in fitting")
    assert said["at"].startswith(f"at: 'p' holds periods (M); got {value!r}")
    assert said["ref"].startswith(f"contrast: 'p' holds periods (M); got {value!r}")
    for message in said.values():
        assert reason in message


ARROW_DATES = {
    "date32": pa.date32(),
    "date64": pa.date64(),
}


@pytest.mark.parametrize("arrow", ARROW_DATES.values(), ids=ARROW_DATES)
@pytest.mark.parametrize("formula", ["y ~ x + C(p)", "y ~ x + I(p.dt.month)"])
def test_arrow_calendar_dates_are_refused_with_the_conversion_that_predicts(arrow, formula):
    # pandas counts date32 among its dates, but its .dt has no time zone for them: predict
    # failed with pandas' NotImplementedError "dt.tz is not supported for date32[day]"
    res, data, _ = _fit("M", formula)
    new = data.iloc[[0, 100, 200]]
    days = pd.Series(new["p"].dt.to_timestamp().dt.date.tolist(), dtype=pd.ArrowDtype(arrow))
    given = new.assign(p=days.array)
    with pytest.raises(InputTypeError) as err:
        res.predict(given)
    message = str(err.value)
    assert message.startswith(
        f"newdata: column 'p' was periods in fitting (dtype period[M]); got calendar dates "
        f"(dtype {days.dtype}: datetime.date(2000, 1, 1), datetime.date(2000, 3, 1)"
    )
    assert message.endswith(
        "newdata['p'] = newdata['p'].astype('period[M]') for the period each date falls in"
    )
    converted = given.assign(p=given["p"].astype("period[M]"))
    pd.testing.assert_frame_equal(res.predict(converted), res.predict(new))


CALENDAR = {
    "datetime.date": datetime.date(2000, 3, 1),
    "pyarrow date32": pa.scalar(datetime.date(2000, 3, 1), pa.date32()),
}


@pytest.mark.parametrize("value", CALENDAR.values(), ids=CALENDAR)
def test_a_calendar_date_is_refused_alike_on_every_route(monthly, value):
    # at= listed the levels, ref= said the date was text, predict's C(p) listed the levels
    said = _refusals(*monthly, value, column=[datetime.date(2000, 3, 1)] * 3)
    for route in ("at", "ref"):
        assert said[route].endswith(
            "a calendar date, which is a day rather than the moment a period starts; give the "
            "period, e.g. Period('2000-03', 'M') for the one it falls in"
        )
    assert "got calendar dates (dtype object: datetime.date(2000, 3, 1))" in said["predict"]


def test_a_contrast_reads_a_pyarrow_timestamp_as_at_does(monthly):
    # at= read the scalar of a pyarrow table's cell as the date it holds; ref= named it no value
    res, _, levels = monthly
    stamp = pa.scalar(datetime.datetime(2000, 5, 1), pa.timestamp("us"))
    m = res.margins(at={"p": [levels[2], levels[4]]})
    by_scalar = m.contrast("p", "reference", ref=stamp).to_frame()
    by_period = m.contrast("p", "reference", ref=pd.Period("2000-05", "M")).to_frame()
    pd.testing.assert_frame_equal(by_scalar, by_period)
    assert res.margins(at={"p": stamp}).to_frame()["p"].eq(pd.Period("2000-05", "M")).all()


@BUSINESS_DAYS_DEPRECATED
def test_a_weekend_for_business_days_is_said_to_fall_between_two():
    # it was said to be "a date inside a period", the Monday after it "the one it falls in"
    res, data, levels = _fit("B")
    said = _refusals(res, data, levels, pd.Timestamp("2000-01-08"))  # a Saturday
    for message in said.values():
        assert "between two periods of the fitted frequency (B) and in none of them" in message
        assert "inside a period" not in message
    assert said["at"].endswith(
        "give the period meant, e.g. Period('2000-01-07', 'B') before it or "
        "Period('2000-01-10', 'B') after it"
    )
    assert said["predict"].endswith(
        "newdata['p'] = newdata['p'].dt.to_period('B') for the period after each (one less "
        "for the one before)"
    )


FREQUENCIES = ["D", "W-SUN", "h", "Q-DEC", "Y-DEC", "B"]


@BUSINESS_DAYS_DEPRECATED
@pytest.mark.parametrize("freq", FREQUENCIES)
def test_the_start_of_a_period_is_it_and_a_minute_later_is_refused_on_every_route(freq):
    res, data, levels = _fit(freq)
    start = levels[2].to_timestamp()
    margins = res.margins(at={"p": [levels[2], levels[4]]})
    by_date = res.predict(data.head(3).assign(p=start))
    by_period = res.predict(data.head(3).assign(p=levels[2]))
    pd.testing.assert_frame_equal(by_date, by_period)
    got = res.margins(at={"p": start.to_numpy()}).to_frame()
    assert got["p"].eq(levels[2]).all()
    pd.testing.assert_frame_equal(
        margins.contrast("p", "reference", ref=start.to_pydatetime()).to_frame(),
        margins.contrast("p", "reference", ref=levels[2]).to_frame(),
    )
    said = _refusals(res, data, levels, start + pd.Timedelta(minutes=1))
    for message in said.values():
        assert f"start a period of the fitted frequency ({levels.freqstr})" in message


def test_dates_of_seconds_beyond_microseconds_are_read_as_their_periods():
    # the start of each period was found as a Timestamp of microseconds, which does not reach
    # the year 300000 that dates of seconds hold: pandas' OutOfBoundsDatetime on every route
    res, data, _ = _fit("M", "y ~ x + I(p.dt.month)")
    far = np.array(["300000-03-01", "300000-04-01"], dtype="datetime64[s]")
    periods = pd.PeriodIndex([pd.Period(year=300000, month=m, freq="M") for m in (3, 4)])
    new = data.head(2)
    pd.testing.assert_frame_equal(
        res.predict(new.assign(p=far)), res.predict(new.assign(p=periods))
    )
    with pytest.raises(InputTypeError, match=r"Timestamp\('300000-03-15 00:00:00'\)"):
        res.predict(new.assign(p=far + np.timedelta64(14, "D")))
    factor, _, _ = _fit("M")
    with pytest.raises(LevelError, match=r"\(the period Period\('300000-03', 'M'\)\) is not a"):
        factor.margins(at={"p": far[0]})


@pytest.mark.parametrize(
    "missing",
    [
        pd.Series([None] * 3, dtype=object),
        pd.Series([np.nan] * 3),
        pd.Series([None] * 3, dtype=pd.ArrowDtype(pa.null())),
    ],
    ids=["None", "NaN", "arrow-null"],
)
def test_a_column_of_missing_values_predicts_missing_through_a_transform(monthly, missing):
    """A column of new data holding nothing but missing values is missing periods, which
    predict as missing rows, as in a factor of them: through a transform (I(p.dt.month)) it
    failed inside formulaic with pandas' "Can only use .dt accessor with datetimelike
    values"."""
    _, data, _ = monthly
    res = _fit("M", "y ~ x + I(p.dt.month)")[0]
    new = data.head(3).copy()
    new["p"] = missing.array
    prob = res.predict(new)
    assert prob.shape == (3, 3)
    assert prob.isna().all().all()
    assert new["p"].isna().all() and new["p"].dtype == missing.dtype  # not modified


def test_a_categorical_of_the_fitted_periods_predicts_as_the_periods(monthly):
    """A Categorical holding periods (``astype('category')``) is read as its periods: through
    a transform (I(p.dt.month)), which pandas' .dt reads of it, it was refused as a dtype
    "the formula's operations on periods cannot read"; a Categorical of dates inside a
    period is refused as those dates are."""
    _, data, _ = monthly
    res = _fit("M", "y ~ x + I(p.dt.month)")[0]
    new = data.head(6).copy()
    new["p"] = new["p"].astype("category")
    pd.testing.assert_frame_equal(res.predict(new), res.predict(data.head(6)))
    assert isinstance(new["p"].dtype, pd.CategoricalDtype)  # not modified
    inside = new.assign(p=pd.Series(pd.to_datetime(["2000-02-15"] * 6)).astype("category"))
    with pytest.raises(InputTypeError, match="do not each start a period of the fitted"):
        res.predict(inside)
