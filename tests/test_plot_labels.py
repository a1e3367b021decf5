"""Figures show the data's labels as written: a ``$`` in an outcome level, a factor level or
a column name is a dollar sign, not the start of mathematics that matplotlib typesets (or
fails to parse, so that the figure cannot be drawn)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pandas as pd
import pytest
from matplotlib.cbook import is_math_text
from matplotlib.text import Text

import mnlogit

LEVELS = ["$x^$", "p_q", "$5-$10"]
GROUPS = ["$\\alpha_$", "b$", "c_d"]


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(3)
    n = 400
    d = pd.DataFrame({"x$": rng.uniform(1, 10, n), "z": rng.normal(size=n)})
    d["g"] = rng.choice(GROUPS, n)
    d["y"] = rng.choice(LEVELS, n)
    return mnlogit.fit('y ~ Q("x$") + z + g', d)


DRAWINGS = {
    "margins over a factor": lambda r: r.margins(over="g").plot(),
    "margins at values": lambda r: r.margins(at={"x$": [1.0, 5.0]}, over="g").plot(),
    "margins by outcome": lambda r: r.margins().plot(),
    "probabilities": lambda r: r.plot_probabilities("x$"),
    "probabilities over a factor": lambda r: r.plot_probabilities("g"),
    "odds ratios": lambda r: r.plot_odds_ratios(),
    "decision regions": lambda r: r.plot_decision_regions("x$", "z"),
}


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
    from mnlogit.report.plotting import _describe

    # '.3g' wrote 2015.3 as 2.02e+03 and 999.7 as 1e+03
    held = {"year": 2015.3, "score": 999.7, "x": 1.0, "z": 0.01234, "big": 1234567.5}
    assert _describe(held) == "year = 2015, score = 1000, x = 1, z = 0.0123, big = 1234568"
