"""The labels of differences tell every difference apart: a level beginning with ``- `` or
ending with `` -`` is in parentheses, as a difference is. The difference of the levels
``"a -"`` and ``"a"`` and that of ``"a"`` and ``"- a"`` were both labelled ``a - - a``, so a
table of them, grouped or pivoted by its labels, merged the two."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit

LEVELS = ["a -", "a", "- a", "-"]


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(32)
    n = 800
    g = pd.Categorical(rng.choice(LEVELS, n), categories=LEVELS)
    return pd.DataFrame({"y": rng.choice(["A", "B", "C"], n), "g": g, "x": rng.normal(size=n)})


def test_pairs_of_a_factors_levels_have_labels_of_their_own(data):
    res = mnlogit.fit("y ~ x + g", data, ref="A")
    frame = res.margins(over="g").contrast("g").to_frame()
    labels = list(dict.fromkeys(frame["g"]))
    assert len(labels) == len(LEVELS) * (len(LEVELS) - 1) // 2
    assert labels[:2] == ["(a -) - a", "(a -) - (- a)"]
    assert "a - (- a)" in labels and "(-) - a" not in labels


def test_pairs_of_outcomes_have_labels_of_their_own(data):
    res = mnlogit.fit("g ~ x", data, ref="a")
    frame = res.margins(at={"x": 0}).contrast("outcome").to_frame()
    assert frame["outcome"].is_unique
    assert len(frame) == len(LEVELS) * (len(LEVELS) - 1) // 2


def test_negative_numbers_are_not_bracketed(data):
    res = mnlogit.fit("y ~ x", data, ref="A")
    labels = res.margins(at={"x": [-1.5, 1, 2]}).contrast("x").to_frame()["x"].unique()
    assert list(labels) == ["-1.5 - 1", "-1.5 - 2", "1 - 2"]
