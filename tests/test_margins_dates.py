"""A column of dates or time spans that a transform reads (``I(d.dt.year)``,
``np.where(d > np.datetime64('2010-01-01'), 1.0, 0.0)``) is neither a number nor a factor to
margins: held at its mean or as observed, never set nor differentiated. It was taken as a
factor whose every date was a level: marginal_effects() gave a discrete change from the first
date for each of the other 299 (897 rows), at="typical" put it at the first date (the "most
frequent", all being tied), and a reference grid crossed every date."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit

FORMULAS = [
    "y ~ I(d.dt.year) + x + g",
    "y ~ np.where(d > np.datetime64('2010-01-01'), 1.0, 0.0) + x + g",
]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4)
    dates = pd.date_range("2000-01-01", periods=300, freq="30D")
    x, g = rng.normal(5.0, 2.0, 300), rng.choice(["a", "b", "c"], 300)
    # log-odds of q and r against p: rising with x and the year, r more likely in b
    q = 0.4 * x - 2.0 + 0.1 * (dates.year.to_numpy() - 2010)
    r = 0.7 * (g == "b")
    u = rng.random(300) * (1 + np.exp(q) + np.exp(r))
    y = np.where(u < 1, "p", np.where(u < 1 + np.exp(q), "q", "r"))
    return pd.DataFrame({"x": x, "g": g, "d": dates, "y": y})


@pytest.mark.parametrize("formula", FORMULAS)
def test_effects_leave_a_date_out_and_say_so(data, formula):
    res = mnlogit.fit(formula, data)
    with pytest.warns(mnlogit.MNLogitWarning, match="No effects of 'd'"):  # not in the print
        me = res.marginal_effects()
    assert me.index.get_level_values("variable").unique().tolist() == ["x", "g[T.b]", "g[T.c]"]
    assert "No effects of 'd': dates, time spans or periods" in me.attrs["note"]
    # margins said it only in its notes, which the table's print does not show either
    with pytest.warns(mnlogit.MNLogitWarning, match="No effects of 'd'"):
        m = res.margins(at={"x": [4.0]}, kind="effect")
    assert "No effects of 'd'" in " ".join(m.notes)


@pytest.mark.parametrize("formula", FORMULAS)
def test_the_typical_row_holds_a_date_at_its_mean(data, formula):
    res = mnlogit.fit(formula, data)
    typical = res.marginal_effects(at="typical")
    assert typical.attrs["evaluated_at"]["d"] == data["d"].mean()
    assert typical.attrs["evaluated_at"]["g"] == data["g"].mode()[0]
    # the effect there is that of a model of the same design at that row
    row = data.iloc[:1].assign(x=data["x"].mean(), d=data["d"].mean(), g=data["g"].mode()[0])
    h = 1e-5
    up = res.predict(row.assign(x=row["x"] + h)).to_numpy()
    down = res.predict(row.assign(x=row["x"] - h)).to_numpy()
    np.testing.assert_allclose(
        typical.loc["x", "dydx"].to_numpy(), ((up - down) / (2 * h))[0], rtol=1e-6
    )


def test_a_reference_grid_holds_a_date_at_its_mean(data):
    res = mnlogit.fit(FORMULAS[0], data)
    m = res.margins(over="g", average="grid")
    assert len(m.to_frame()) == 9  # three levels of g, three outcomes: no grid of dates
    mean = data["d"].mean()
    assert f"d = {mean}" in " ".join(m.notes)
    want = res.predict(pd.DataFrame({"x": data["x"].mean(), "d": mean, "g": ["a", "b", "c"]}))
    np.testing.assert_allclose(m.to_frame()["estimate"], want.to_numpy().ravel(), rtol=1e-10)


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.margins(at={"d": [pd.Timestamp("2005-01-01")]}),
        lambda r: r.margins(over="d"),
        lambda r: r.marginal_effects(variables="d"),
        lambda r: r.margins(at={"x": [4.0]}, kind="effect", variables=["x", "d"]),
    ],
)
def test_setting_or_differentiating_a_date_is_refused_saying_what_to_do(data, call):
    res = mnlogit.fit(FORMULAS[0], data)
    with pytest.raises(mnlogit.MNLogitError, match=r"'d' holds dates.*df\['d'\]\.dt\.year"):
        call(res)


@pytest.mark.parametrize("kind", ["zone", "span", "period"])
def test_dates_in_a_zone_time_spans_and_periods_are_held_at_their_means(data, kind):
    if kind == "zone":
        frame = data.assign(d=data["d"].dt.tz_localize("Europe/Paris"))
    elif kind == "span":
        frame = data.assign(d=data["d"] - pd.Timestamp("1999-01-01"))
    else:
        frame = data.assign(d=data["d"].dt.to_period("M"))
    formula = "y ~ I(d.dt.days / 365.25) + x" if kind == "span" else "y ~ I(d.dt.year) + x"
    typical = mnlogit.fit(formula, frame).marginal_effects(at="typical")
    if kind == "period":  # the month nearest their mean, counted in months
        months = round((frame["d"].dt.year * 12 + frame["d"].dt.month - 1).mean())
        want = pd.Period(year=months // 12, month=months % 12 + 1, freq="M")
        assert typical.attrs["evaluated_at"]["d"] == want
    else:
        assert typical.attrs["evaluated_at"]["d"] == frame["d"].mean()
    assert typical.index.get_level_values("variable").unique().tolist() == ["x"]


def test_dates_the_formula_takes_as_levels_stay_a_factor():
    """C(d) makes the dates levels (as the refusal of a plain date column advises): their
    discrete changes and margins over them, as before."""
    rng = np.random.default_rng(5)
    waves = pd.to_datetime(rng.choice(["2020-01-01", "2021-01-01", "2022-01-01"], 300))
    frame = pd.DataFrame({"x": rng.normal(size=300), "d": waves, "y": rng.choice(["p", "q"], 300)})
    for formula in ["y ~ C(d) + x", "y ~ C(d) * x"]:
        res = mnlogit.fit(formula, frame)
        me = res.marginal_effects()
        assert me.index.get_level_values("variable").unique().tolist()[:2] == [
            "d[T.2021-01-01 00:00:00]",
            "d[T.2022-01-01 00:00:00]",
        ]
        assert "No effects" not in me.attrs["note"]
        assert len(res.margins(over="d").to_frame()) == 6


def test_a_figure_holds_a_date_at_its_mean(data):
    """plot_probabilities held a date column at its "most frequent" value: of distinct
    dates the first, 2000-01-01 here, said in the title as if it were typical."""
    import matplotlib

    matplotlib.use("Agg")
    res = mnlogit.fit(FORMULAS[0], data)
    ax = res.plot_probabilities("x", n_points=5).axes[0]
    assert f"d = {data['d'].mean()}" in ax.get_title()
    want = res.predict(
        pd.DataFrame(
            {"x": ax.get_lines()[0].get_xdata(), "d": data["d"].mean(), "g": data["g"].mode()[0]}
        )
    )
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), want.iloc[:, 0], rtol=1e-12)


@pytest.mark.parametrize("unit", ["s", "ms"])
def test_dates_centuries_apart_are_held_at_their_mean(unit):
    """Dates of seconds (or milliseconds) 800 years apart: counted in nanoseconds from the
    first, their spans passed the int64 range and wrapped round, and a reference grid and the
    typical row held 1600-2400 at 2204 where their mean is 2017."""
    rng = np.random.default_rng(6)
    years = rng.integers(1600, 2400, 300)
    dates = np.array([np.datetime64(f"{y}-06-01", unit) for y in years])
    frame = pd.DataFrame({"x": rng.normal(size=300), "d": dates, "y": rng.choice(["p", "q"], 300)})
    res = mnlogit.fit("y ~ I(d.dt.year) + x", frame)
    mean = frame["d"].mean()
    held = res.marginal_effects(at="typical").attrs["evaluated_at"]["d"]
    assert abs(held - mean) <= pd.Timedelta(1, unit=unit)
    m = res.margins(average="grid")
    assert f"d = {held}" in " ".join(m.notes)
    want = res.predict(pd.DataFrame({"x": [frame["x"].mean()], "d": [mean]}))
    np.testing.assert_allclose(m.to_frame()["estimate"], want.to_numpy().ravel(), rtol=1e-12)


def test_nanosecond_dates_more_than_292_years_apart_are_held_at_their_mean():
    """Dates of nanoseconds from 1678 to 2261: their spans from the first date passed the
    int64 range, and the grid's mean was pandas' bare OverflowError."""
    rng = np.random.default_rng(7)
    years = np.r_[1678, rng.integers(1700, 2261, 199)]
    dates = pd.to_datetime([f"{y}-06-01" for y in years]).astype("datetime64[ns]")
    frame = pd.DataFrame({"x": rng.normal(size=200), "d": dates, "y": rng.choice(["p", "q"], 200)})
    res = mnlogit.fit("y ~ I(d.dt.year) + x", frame)
    held = res.marginal_effects(at="typical").attrs["evaluated_at"]["d"]
    assert abs(held - frame["d"].mean()) <= pd.Timedelta(1, unit="us")
    assert f"d = {held}" in " ".join(res.margins(average="grid").notes)


@pytest.mark.parametrize("kind", ["date32", "date64", "timestamp", "duration"])
def test_arrow_dates_are_held_at_their_mean(data, kind):
    """Arrow's dates and time spans, whose ticks date_mean reads other than numpy's (arrow's
    dates are datetime.date, no integers): held at their mean as numpy's are."""
    import pyarrow as pa

    types = {"date32": pa.date32(), "date64": pa.date64(), "timestamp": pa.timestamp("s")}
    if kind == "duration":
        column = (data["d"] - data["d"].iloc[0]).astype(pd.ArrowDtype(pa.duration("s")))
        formula, want = "y ~ I(d.dt.days) + x", pd.Timedelta(days=4485)  # 30 x 149.5 days
    else:
        column = data["d"].astype(pd.ArrowDtype(types[kind]))
        formula, want = "y ~ I(d.dt.year) + x", data["d"].mean()
    res = mnlogit.fit(formula, data.assign(d=column))
    held = res.marginal_effects(at="typical").attrs["evaluated_at"]["d"]
    mean = held if kind == "duration" else pd.Timestamp(held)
    assert abs(mean - want) < pd.Timedelta(days=1)  # a date32 mean is a whole day
    assert f"d = {held}" in " ".join(res.margins(average="grid").notes)


@settings(derandomize=True, max_examples=60, deadline=None)
@given(
    unit=st.sampled_from(["s", "ms", "us", "ns"]),
    start=st.floats(-0.5, 0.5),
    ticks=st.lists(st.floats(0.0, 1.0), min_size=1, max_size=40),
    weights=st.lists(st.integers(1, 4), min_size=40, max_size=40),
    zone=st.booleans(),
)
def test_the_mean_of_dates_is_pandas_mean_of_the_rows_repeated(unit, start, ticks, weights, zone):
    """Whatever the unit and the span (up to 3,000 years of seconds, which wrapped round when
    counted in nanoseconds), the weighted mean of dates is that of the rows repeated by their
    weights, to the rounding of a float of the span."""
    from mnlogit.margins._dates import date_mean

    # 3,000 years in seconds to 285 years in nanoseconds
    span = {"s": 10**11, "ms": 10**14, "us": 10**17, "ns": 9 * 10**18}[unit] // 2
    values = np.array([int(start * span) + int(t * span) for t in ticks], dtype=np.int64)
    col = pd.Series(values.astype(f"datetime64[{unit}]"))
    if zone:
        col = col.dt.tz_localize("UTC").dt.tz_convert("America/New_York")
    w = np.array(weights[: len(col)], dtype=np.float64)
    want = col.repeat(w.astype(int)).mean()
    tolerance = pd.Timedelta(max(2, int(4e-16 * span)), unit=unit)
    assert abs(date_mean(col, w) - want) <= tolerance
