"""New dates in another time zone than the fitted ones are refused: a formula's operations
read the clock in the dates' own zone (``t.dt.hour``), so dates fitted without a zone and
predicted with one (or in another zone) were read hours apart, with nothing said."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 300
    hours = pd.to_timedelta(rng.integers(0, 24_000, n), unit="h")
    return pd.DataFrame({"t": pd.Timestamp("2020-01-01") + hours, "y": rng.choice(list("abc"), n)})


def _zoned(frame: pd.DataFrame, zone: str | None, convert_to: str | None = None) -> pd.DataFrame:
    out = frame.copy()
    if zone is not None:
        out["t"] = out["t"].dt.tz_localize(zone)
    if convert_to is not None:
        out["t"] = out["t"].dt.tz_convert(convert_to)
    return out


@pytest.mark.parametrize(
    ("fitted", "given", "advice"),
    [
        ((None, None), ("UTC", "Asia/Tokyo"), ".dt.tz_convert('UTC').dt.tz_localize(None)"),
        (("UTC", None), (None, None), ".dt.tz_localize('UTC')"),
        (("UTC", None), ("UTC", "Asia/Tokyo"), ".dt.tz_convert('UTC')"),
    ],
)
def test_new_dates_in_another_zone_are_refused_with_advice_that_works(frame, fitted, given, advice):
    data = _zoned(frame, *fitted)
    res = mnlogit.fit("y ~ I(t.dt.hour)", data)
    new = _zoned(frame.head(5), *given)
    with pytest.raises(InputTypeError, match="read hours apart") as caught:
        res.predict(new)  # Tokyo's hours were read as the fitted clock's, 9 hours off
    assert "column 't'" in str(caught.value) and advice in str(caught.value)
    # the advice, followed, predicts what the fitted rows' own dates give
    followed = new.copy()
    followed["t"] = eval(f"followed['t']{advice}")
    pd.testing.assert_frame_equal(res.predict(followed), res.predict(data.head(5)))


def test_dates_in_the_fitted_zone_are_read(frame):
    data = _zoned(frame, "UTC")
    res = mnlogit.fit("y ~ I(t.dt.hour)", data)
    pd.testing.assert_frame_equal(res.predict(data.head(5)), res.predict(data.head(5).copy()))
    arrow = frame.assign(t=frame["t"].astype("timestamp[us][pyarrow]"))
    on_arrow = mnlogit.fit("y ~ I(t.dt.hour)", arrow)
    np.testing.assert_allclose(
        on_arrow.predict(frame.head(5)).to_numpy(), on_arrow.predict(arrow.head(5)).to_numpy()
    )


@pytest.mark.parametrize(
    ("fitted", "spelling"),
    [
        ("UTC", "Etc/UTC"),
        ("UTC", "timestamp[us, tz=+00:00][pyarrow]"),
        ("Asia/Tokyo", "+09:00"),
    ],
)
def test_one_zone_spelled_another_way_is_read(frame, fitted, spelling):
    # 'Etc/UTC' and Arrow's '+00:00' read the same clock as 'UTC' (Tokyo keeps no summer
    # time): they were refused as another zone, with advice to convert to what they were
    data = _zoned(frame, "UTC", fitted)
    res = mnlogit.fit("y ~ I(t.dt.hour)", data)
    new = data.head(5).copy()
    new["t"] = new["t"].astype(spelling) if "[" in spelling else new["t"].dt.tz_convert(spelling)
    np.testing.assert_allclose(
        res.predict(new).to_numpy(), res.predict(data.head(5)).to_numpy(), rtol=1e-12
    )


def test_a_zone_with_summer_time_is_still_another_zone(frame):
    # a fixed offset reads the clock an hour apart from a zone's summer time
    data = _zoned(frame, "UTC", "Europe/London")
    res = mnlogit.fit("y ~ I(t.dt.hour)", data)
    with pytest.raises(InputTypeError, match="read hours apart"):
        res.predict(data.assign(t=data["t"].dt.tz_convert("+00:00")))
