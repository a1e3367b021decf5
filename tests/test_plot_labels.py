"""Figures show the data's labels as written: a ``$`` in an outcome level, a factor level or
a column name is a dollar sign, not the start of mathematics that matplotlib typesets (or
fails to parse, so that the figure cannot be drawn); levels and terms are written as the
tables write them (:func:`level_text`): the outcome levels ``' a'`` and ``'a'`` were two
legend entries that read ``a``, and a line break in a level split its entry."""

from __future__ import annotations

import io
import warnings

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.cbook import is_math_text
from matplotlib.text import Text

import mnlogit
from mnlogit.report._format import level_text

LEVELS = ["$x^$", "p_q", "$5-$10"]
GROUPS = ["$\\alpha_$", "b$", "c_d"]


def _fit(x: str, levels: list[str], groups: list[str], **options):
    """A fit of y (of ``levels``) on the numeric columns ``x`` and z and the factor g."""
    rng = np.random.default_rng(3)
    n = 600
    d = pd.DataFrame({x: rng.uniform(1, 10, n), "z": rng.normal(size=n)})
    d["g"] = rng.choice(groups, n)
    d["y"] = rng.choice(levels, n)
    return mnlogit.fit(f"y ~ Q({x!r}) + z + g", d, **options)


@pytest.fixture(scope="module")
def res():
    return _fit("x$", LEVELS, GROUPS)


def drawings(x: str) -> dict:
    """Every figure of a fit of y on the numeric columns ``x`` and z and the factor g."""
    return {
        "margins over a factor": lambda r: r.margins(over="g").plot(),
        "margins at values": lambda r: r.margins(at={x: [1.0, 5.0]}, over="g").plot(),
        "margins by outcome": lambda r: r.margins().plot(),
        "probabilities": lambda r: r.plot_probabilities(x),
        "probabilities over a factor": lambda r: r.plot_probabilities("g"),
        "odds ratios": lambda r: r.plot_odds_ratios(),
        "decision regions": lambda r: r.plot_decision_regions(x, "z"),
    }


DRAWINGS = drawings("x$")


@pytest.mark.parametrize("name", list(DRAWINGS))
def test_dollar_signs_in_labels_are_drawn_as_written(res, name):
    fig = DRAWINGS[name](res)
    fig.savefig(io.BytesIO(), format="png")  # drawn: the tick labels are set, nothing fails
    texts = [t.get_text() for t in fig.findobj(Text) if "$" in t.get_text()]
    assert texts, "no label with a dollar sign: the test would not test the figures"
    for text in texts:
        assert not is_math_text(text), text
    shown = " ".join(t.replace(r"\$", "$") for t in texts)
    labels = [*LEVELS, *GROUPS, "x$"]
    assert any(label in shown for label in labels)


def test_held_values_are_the_factors_mode_and_written_in_full():
    # a numeric column named outside ASCII in C() was not found among the factors (the
    # text of the factor was read for ASCII words): held at its mean, 1.93, no level of
    # C(gröup), and the figure was refused; a mean year of 2015.3 was titled 2.02e+03
    rng = np.random.default_rng(3)
    n = 300
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "year": rng.integers(2010, 2021, n) + 0.25,
            "gröup": rng.choice([1, 2, 3], n, p=[0.2, 0.2, 0.6]),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )
    fit = mnlogit.fit("y ~ x + year + C(gröup)", d)
    year = d["year"].mean()
    for fig in (fit.plot_probabilities("x"), fit.plot_decision_regions("x", "year")):
        title = fig.axes[0].get_title()
        assert "gröup = 3" in title, title
    title = fit.plot_probabilities("x").axes[0].get_title()
    assert f"year = {year:.4g}" in title and "e+03" not in title, title


def test_held_means_keep_every_digit_before_the_point():
    from mnlogit.report._plot_grid import held_text

    # '.3g' wrote 2015.3 as 2.02e+03 and 999.7 as 1e+03
    held = {"year": 2015.3, "score": 999.7, "x": 1.0, "z": 0.01234, "big": 1234567.5}
    assert held_text(held) == "year = 2015, score = 1000, x = 1, z = 0.0123, big = 1234568"


SPACED = [" a", "a", "b\nc"]
SPACED_GROUPS = ["g ", "g", "h\ti"]


@pytest.fixture(scope="module")
def spaced():
    return _fit("x", SPACED, SPACED_GROUPS, ref="a")


def _legend_and_ticks(fig) -> list[str]:
    texts = []
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend is not None:
            texts += [t.get_text() for t in legend.get_texts()]
        texts += [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
    return [t for t in texts if t]


@pytest.mark.slow
@pytest.mark.parametrize("name", list(DRAWINGS))
def test_levels_are_drawn_as_the_tables_show_them(spaced, name):
    fig = drawings("x")[name](spaced)
    fig.savefig(io.BytesIO(), format="png")
    texts = _legend_and_ticks(fig)
    shown = " ".join(texts)
    assert any(level_text(v) in shown for v in [*SPACED, *SPACED_GROUPS]), texts
    for text in texts:
        assert "\n" not in text and "\t" not in text, repr(text)
        assert text == text.strip(), repr(text)
    legend = [t for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    entries = [t.get_text().split(" (nowhere")[0] for t in legend]
    assert len(set(entries)) == len(entries), entries  # no two entries alike


def test_held_levels_and_panels_are_written_as_the_tables_write_them(spaced):
    from mnlogit.report._plot_grid import held_text

    assert held_text({"g": "h\ti", "w": " a"}) == "g = 'h\\ti', w = ' a'"
    fig = spaced.margins(at={"x": [1.0, 5.0]}, over="g").plot(x="x")
    titles = [ax.get_title() for ax in fig.axes if ax.get_visible()]
    assert sorted(titles) == sorted(f"g = {level_text(g)}" for g in SPACED_GROUPS), titles


def test_a_column_near_the_largest_double_is_held_at_its_mean():
    """np.average of a column of 1e306 overflowed to inf: the figure held it at inf, drew NaN
    and said the intervals were missing for separation. The margins' grid held it at its
    mean; so does the figure."""
    rng = np.random.default_rng(8)
    n = 200
    df = pd.DataFrame({"big": rng.uniform(1, 45, n) * 1e305, "x": rng.normal(size=n)})
    df["y"] = rng.choice(["p", "q", "r"], n)
    res = mnlogit.fit("y ~ big + x", df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a NaN prediction warned of a missing value
        fig = res.plot_probabilities("x", n_points=5)
    ax = fig.axes[0]
    mean = float(np.mean(df["big"] / 1e305)) * 1e305  # pandas' mean overflows too
    assert f"big = {mean:.3g}" in ax.get_title()
    assert "separation" not in ax.get_title()
    want = res.predict(pd.DataFrame({"big": mean, "x": ax.get_lines()[0].get_xdata()}))
    np.testing.assert_allclose(ax.get_lines()[0].get_ydata(), want.iloc[:, 0], rtol=1e-9)
