"""New data for a column fitted as dates or time spans, given as something else (dates as
text, Timestamp or datetime.date objects, numbers): a transform of it (I(d.dt.year)) failed
inside formulaic with pandas' "Can only use .dt accessor with datetimelike values", which
named neither the column nor what to convert. It is refused with the conversion to make,
and the conversion made predicts what the fitted dtype predicts."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError, InputTypeError

# dates held otherwise than as dates: text, Timestamp objects, datetime.date objects
DATES_OTHERWISE = [
    lambda s: s.astype(str),
    lambda s: s.astype(object),
    lambda s: pd.Series([v.date() for v in s], index=s.index, dtype=object),
]
DATES_OTHERWISE_IDS = ["text", "Timestamp objects", "date objects"]


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(5)
    n = 240
    d = pd.Timestamp("2000-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), "D")
    dur = pd.to_timedelta(rng.integers(1, 100, n), "h")
    years = np.asarray(d.year - 2000, dtype=float)
    eta = np.c_[np.zeros(n), 0.2 * years - 1, -0.01 * np.asarray(dur / pd.Timedelta("1h"))]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    data = pd.DataFrame({"d": d, "dur": dur, "y": y})
    res = mnlogit.fit("y ~ I(d.dt.year - 2000) + I(dur.dt.total_seconds() / 3600)", data)
    return res, data.head(5).copy()


@pytest.mark.parametrize("given", DATES_OTHERWISE, ids=DATES_OTHERWISE_IDS)
def test_dates_given_otherwise_are_refused_with_the_conversion_that_predicts(fitted, given):
    res, new = fitted
    other = new.assign(d=given(new["d"]))
    before = other.copy()
    with pytest.raises(InputTypeError) as err:
        res.predict(other)
    message = str(err.value)
    assert "column 'd' was dates in fitting" in message
    assert "Can only use .dt accessor" not in message
    text = other["d"].map(type).eq(str).all()  # text is told how it is written too
    written = ", with format= (or dayfirst=True) as the text is written" if text else ""
    assert message.endswith("newdata['d'] = pd.to_datetime(newdata['d'])" + written)
    pd.testing.assert_frame_equal(other, before)
    # the conversion advised
    converted = other.assign(d=pd.to_datetime(other["d"]))
    pd.testing.assert_frame_equal(res.predict(converted), res.predict(new), rtol=0, atol=1e-15)


def test_time_spans_as_text_are_refused_with_the_conversion_that_predicts(fitted):
    res, new = fitted
    other = new.assign(dur=new["dur"].astype(str))
    with pytest.raises(InputTypeError, match=r"pd\.to_timedelta\(newdata\['dur'\]\)$"):
        res.prediction_intervals(other)
    converted = other.assign(dur=pd.to_timedelta(other["dur"]))
    pd.testing.assert_frame_equal(res.predict(converted), res.predict(new), rtol=0, atol=1e-15)


def test_numbers_for_dates_are_refused_with_the_unit_to_name(fitted):
    # pd.to_datetime of numbers without a unit reads nanoseconds since 1970
    res, new = fitted
    days = (new["d"] - pd.Timestamp("1970-01-01")).dt.days
    with pytest.raises(InputTypeError, match=r"unit='D'\) for numbers of days since 1970-01-01"):
        res.predict(new.assign(d=days))
    converted = new.assign(d=pd.to_datetime(days, unit="D"))
    pd.testing.assert_frame_equal(res.predict(converted), res.predict(new), rtol=0, atol=1e-15)


def test_dates_of_another_resolution_predict_as_fitted(fitted):
    # (in another time zone they are refused: tests/test_new_data_time_zones.py)
    res, new = fitted
    for other in (
        new.assign(d=new["d"].astype("datetime64[s]")),
        new.assign(dur=new["dur"].astype("timedelta64[ms]")),
    ):
        pd.testing.assert_frame_equal(res.predict(other), res.predict(new), rtol=0, atol=1e-15)
    with pytest.warns(mnlogit.MNLogitWarning, match="missing or infinite value"):
        missing = res.predict(new.assign(d=[pd.NaT, *new["d"].iloc[1:]]))
    assert missing.iloc[0].isna().all() and missing.iloc[1:].notna().all().all()


def test_a_date_column_read_as_levels_keeps_its_level_check():
    days = [datetime.date(2020, 1, 1 + i % 3) for i in range(60)]
    rng = np.random.default_rng(1)
    data = pd.DataFrame({"d": pd.to_datetime(days), "y": rng.choice(list("ab"), 60)})
    res = mnlogit.fit("y ~ C(d)", data)
    with pytest.raises(mnlogit.MNLogitError, match="not among the levels"):
        res.predict(pd.DataFrame({"d": ["2020-01-01"]}))


@pytest.mark.parametrize("given", DATES_OTHERWISE, ids=DATES_OTHERWISE_IDS)
def test_a_fit_reading_dates_held_otherwise_says_to_convert_them(given):
    # the fit's refusal was pandas' "Can only use .dt accessor with datetimelike values" alone
    rng = np.random.default_rng(2)
    d = pd.Series(pd.Timestamp("2000-01-01") + pd.to_timedelta(rng.integers(0, 3650, 80), "D"))
    data = pd.DataFrame({"d": given(d), "y": rng.choice(list("ab"), 80)})
    with pytest.raises(FormulaError) as err:
        mnlogit.fit("y ~ I(d.dt.year - 2000)", data)
    assert "convert it first, df['d'] = pd.to_datetime(df['d'])" in str(err.value)
    converted = data.assign(d=pd.to_datetime(data["d"]))
    assert mnlogit.fit("y ~ I(d.dt.year - 2000)", converted).converged


@pytest.mark.parametrize("column", ["d", "dur"])
@pytest.mark.parametrize(
    "missing",
    [
        pd.Series([None] * 5, dtype=object),
        pd.Series([np.nan] * 5),
        pd.Series([pd.NA] * 5, dtype="Int64"),
    ],
    ids=["None", "NaN", "Int64 NA"],
)
def test_a_column_of_missing_values_predicts_missing_rows(fitted, column, missing):
    # failed inside formulaic with pandas' "Can only use .dt accessor with datetimelike
    # values", where a row missing one date beside others predicts NaN
    res, new = fitted
    other = new.copy()
    other[column] = missing.array
    prob = res.predict(other)
    assert prob.shape == (5, 3) and prob.isna().all().all()
    assert other[column].dtype == missing.dtype  # not modified
    kept = res.predict(new)
    assert kept.notna().all().all()  # the rows as given predict


@pytest.mark.parametrize("column", ["d", "dur"])
def test_a_categorical_of_the_fitted_values_predicts_as_them(fitted, column):
    # refused as a dtype 'the formula's operations on dates cannot read', which pandas'
    # .dt reads
    res, new = fitted
    other = new.copy()
    other[column] = other[column].astype("category")
    pd.testing.assert_frame_equal(res.predict(other), res.predict(new))
    assert isinstance(other[column].dtype, pd.CategoricalDtype)  # not modified
