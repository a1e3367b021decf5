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
