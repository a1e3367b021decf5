"""marginsplot: what the figure of a Margins result draws, not its pixels."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, DataError


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")


def test_lines_and_bands_over_a_numeric_value(res):
    m = res.margins(at={"distance": [1.0, 3.0, 10.0, 30.0]}, alpha=0.1)
    fig = m.plot()
    (ax,) = fig.axes
    frame = m.to_frame()
    assert [line.get_label() for line in ax.get_lines()] == list(res.outcomes)
    for line, outcome in zip(ax.get_lines(), res.outcomes, strict=True):
        rows = frame[frame["outcome"] == outcome]
        np.testing.assert_allclose(line.get_xdata(), rows["distance"])
        np.testing.assert_allclose(line.get_ydata(), rows["estimate"])
    bands = [c for c in ax.collections if isinstance(c, PolyCollection)]
    assert len(bands) == len(res.outcomes)
    lows = bands[0].get_paths()[0].vertices[:, 1]
    walk = frame[frame["outcome"] == "bus"]
    assert np.isclose(lows.min(), walk["lower"].min())
    assert ax.get_ylabel() == "Pr(mode)" and "90% pointwise" in fig._suptitle.get_text()


def test_one_panel_per_other_value_and_points_for_factors(res):
    m = res.margins(at={"distance": [1.0, 10.0]}, over="region")
    fig = m.plot()
    assert [a.get_title() for a in fig.axes if a.get_visible()] == [
        "region = rural",
        "region = suburban",
        "region = urban",
    ]
    fig = m.plot(x="region")
    assert [a.get_title() for a in fig.axes if a.get_visible()] == ["distance = 1", "distance = 10"]
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels == ["rural", "suburban", "urban"]


def test_contrasts_and_effects_have_a_zero_line(res):
    fig = res.margins(over="region").contrast("region", "reference").plot()
    ax = fig.axes[0]
    assert ax.get_ylabel() == "difference in Pr(mode)"
    assert any(np.allclose(line.get_ydata(), 0) for line in ax.get_lines())
    fig = res.margins(kind="effect", variables="distance").plot()
    assert [t.get_text() for t in fig.axes[0].get_xticklabels()] == list(res.outcomes)


def test_bad_plot_requests(res):
    m = res.margins(at={"distance": [1.0, 10.0]}, over="region")
    with pytest.raises(ColumnNotFoundError, match="'age' is not a variable set"):
        m.plot(x="age")
    with pytest.raises(DataError, match="ax= takes one panel"):
        _, ax = plt.subplots()
        m.plot(ax=ax)
    with pytest.raises(DataError, match="'plane' not among"):
        m.plot(outcomes=["plane"])


def test_outcomes_to_draw_one_level_alone_or_each_once(res):
    m = res.margins(at={"distance": [1.0, 10.0]})
    # one level alone is that level, not its letters
    (ax,) = m.plot(outcomes="train").axes
    assert [line.get_label() for line in ax.get_lines()] == ["train"]
    # a level listed twice is one line, in the order given
    (ax,) = m.plot(outcomes=["train", "bus", "train"]).axes
    assert [line.get_label() for line in ax.get_lines()] == ["train", "bus"]
    with pytest.raises(DataError, match="outcomes: the list is empty; name at least one of 'bus'"):
        m.plot(outcomes=[])
    with pytest.raises(DataError, match="outcomes: 'plane' not among"):
        m.plot(outcomes="plane")
    plt.close("all")


def test_panels_of_values_that_differ_are_titled_apart():
    df = mnlogit.datasets.load("travel")
    df = df.assign(big=df["distance"] * 1000 + 1_230_000)
    res = mnlogit.fit("mode ~ big + region", df, ref="car")
    m = res.margins(at={"big": [1234567.0, 1234568.0]}, over="region")
    titles = [ax.get_title() for ax in m.plot(x="region").axes]
    assert titles == ["big = 1234567", "big = 1234568"]  # .4g read 1.235e+06 twice
    plt.close("all")


def test_a_wrong_ax_or_figsize_is_refused_by_name(res):
    from mnlogit.exceptions import InputTypeError

    m = res.margins(at={"distance": [1.0, 10.0]})
    with pytest.raises(InputTypeError, match=r"ax: expected matplotlib Axes .*got str 'x'"):
        m.plot(ax="x")
    for size in [(3,), (3, -1), "big", (True, 2)]:
        with pytest.raises(InputTypeError, match=r"figsize: expected \(width, height\)"):
            m.plot(figsize=size)
    # the figures of the fit share the check
    with pytest.raises(InputTypeError, match=r"ax: expected matplotlib Axes"):
        res.plot_odds_ratios(ax="x")
    with pytest.raises(InputTypeError, match=r"figsize: expected"):
        res.plot_odds_ratios(figsize="x")
    assert m.plot(figsize=[4, 3]).get_size_inches().tolist() == [4.0, 3.0]
    plt.close("all")


def test_the_title_says_where_margins_have_no_interval(res):
    # bare points under a title promising 95% intervals: Yukon's probabilities of 0 and 1
    # (separation) and every margin of a penalised fit looked exact
    df = pd.read_csv(REF_DIR / "womenlf.csv")
    yukon = df.copy()
    yukon.loc[0, "region"] = "Yukon"
    with pytest.warns(mnlogit.SeparationWarning):
        separated = mnlogit.fit("partic ~ hincome + region", yukon, ref="not.work")
    fig = separated.margins(over="region").plot()
    title = fig._suptitle.get_text()
    assert "95% pointwise intervals, none where coefficients diverge under separation" in title
    plt.close(fig)
    penalised = mnlogit.fit("partic ~ hincome + region", df, ref="not.work", penalty="l2")
    fig = penalised.margins(over="region").plot()
    assert "(no intervals: the fit has no standard errors)" in fig._suptitle.get_text()
    plt.close(fig)
    fig = res.margins(over="region").plot()
    assert fig._suptitle.get_text() == "Predictive margins (95% pointwise intervals)"
    plt.close(fig)
