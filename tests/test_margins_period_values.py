"""Values set by ``margins(at=...)`` (and a contrast's ``ref=``) for a factor of periods
(``C(p)`` of a ``period[M]`` column), read as ``predict`` reads new data of that column: a
date that starts a period (``p.dt.to_timestamp()``) is that period, where margins refused it
as no level; a date inside a period, one with a time zone, a period of another frequency and
a time span are refused with the conversion to make, as predict refuses them
(tests/test_new_data_periods.py), where margins only listed the levels."""

from __future__ import annotations

import datetime

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError, LevelError


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(8)
    n = 240
    p = pd.Series(pd.period_range("2000-01", periods=6, freq="M")).repeat(n // 6)
    x = rng.normal(size=n)
    month = p.dt.month.to_numpy(float)
    eta = np.c_[np.zeros(n), 0.5 * x + 0.2 * month - 0.7, 0.3 - 0.1 * month]
    prob = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in prob]]
    data = pd.DataFrame({"p": p.to_numpy(), "x": x, "y": y})
    return mnlogit.fit("y ~ x + C(p)", data), data


STARTS = {
    "Timestamp": pd.Timestamp("2000-03-01"),
    "datetime64": np.datetime64("2000-03-01"),
    "datetime": datetime.datetime(2000, 3, 1),
}


@pytest.mark.parametrize("start", STARTS.values(), ids=STARTS)
def test_a_date_that_starts_a_period_is_that_period(fitted, start):
    res, data = fitted
    got = res.margins(at={"p": start}).to_frame()
    assert (got["p"] == pd.Period("2000-03", "M")).all()
    order = [res.ref, *res.params.columns]
    by_hand = res.predict(data.assign(p=pd.Period("2000-03", "M")))[order].mean()
    np.testing.assert_allclose(got["estimate"].to_numpy(), by_hand.to_numpy(), rtol=1e-10)
    assert predicted_alike(res, data, start)


def predicted_alike(res, data, value) -> bool:
    """predict reads the value as margins now does."""
    one = res.predict(data.head(3).assign(p=[value] * 3))
    return np.allclose(one, res.predict(data.head(3).assign(p=pd.Period("2000-03", "M"))))


OTHERS = {
    "inside": (pd.Timestamp("2000-03-15"), "Period('2000-03', 'M') for the one it falls in"),
    "zone": (pd.Timestamp("2000-03-01", tz="UTC"), "a date with a time zone"),
    "quarter": (pd.Period("2000Q1", "Q"), ".asfreq('M', how='start')"),
    "day": (pd.Period("2000-03-01", "D"), ".asfreq('M', how='start')"),
    "span": (pd.Timedelta(days=31), "a time span"),
}


@pytest.mark.parametrize(("value", "said"), OTHERS.values(), ids=OTHERS)
def test_other_dates_periods_and_spans_are_refused_with_the_conversion(fitted, value, said):
    res, data = fitted
    with pytest.raises(InputTypeError) as err:
        res.margins(at={"p": value})
    message = str(err.value)
    assert message.startswith(f"at: 'p' holds periods (M); got {value!r}") and said in message
    with pytest.raises(InputTypeError):  # as predict refuses them
        res.predict(data.head(2).assign(p=[value] * 2))


def test_text_and_numbers_stay_no_level_and_a_contrast_reads_its_ref_alike(fitted):
    res, _ = fitted
    for value in ("2000-03", 3):
        with pytest.raises(LevelError, match=r"is not a level of 'p'"):
            res.margins(at={"p": value})
    with pytest.raises(LevelError, match=r"Timestamp\('2010-03-01 00:00:00'\) \(the period"):
        res.margins(at={"p": pd.Timestamp("2010-03-01")})
    m = res.margins(at={"p": [pd.Period("2000-03", "M"), pd.Period("2000-05", "M")]})
    by_date = m.contrast("p", "reference", ref=pd.Timestamp("2000-05-01")).to_frame()
    by_period = m.contrast("p", "reference", ref=pd.Period("2000-05", "M")).to_frame()
    pd.testing.assert_frame_equal(by_date, by_period)
    with pytest.raises(InputTypeError, match=r"^contrast: 'p' holds periods"):
        m.contrast("p", "reference", ref=pd.Timestamp("2000-05-02"))
