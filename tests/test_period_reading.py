"""One rule for values given for a column fitted as periods, on every route that takes them:
``predict``'s new data, margins' ``at=`` and a contrast's ``ref=``
(``mnlogit/_period_reading.py``). The routes had each their own code, and worded the same
refusal apart: a time span or a period of another frequency was refused in margins without
the reason predict gave (the formula would read it otherwise than the fitted periods)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

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
}


@pytest.mark.parametrize(("value", "reason"), REASONS.values(), ids=REASONS)
def test_every_route_refuses_a_value_for_one_reason(monthly, value, reason):
    said = _refusals(*monthly, value)
    assert said["predict"].startswith("newdata: column 'p' was periods in fitting")
    assert said["at"].startswith(f"at: 'p' holds periods (M); got {value!r}")
    assert said["ref"].startswith(f"contrast: 'p' holds periods (M); got {value!r}")
    for message in said.values():
        assert reason in message


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
