"""The labels of differences tell every difference apart: a level beginning with ``- `` or
ending with `` -``, or in parentheses, is in parentheses, as a difference is. The difference
of the levels ``"a -"`` and ``"a"`` and that of ``"a"`` and ``"- a"`` were both labelled
``a - - a``, so a table of them, grouped or pivoted by its labels, merged the two, and a
contrast of those contrasts, which pairs margins by their labels, gave one difference the
numbers of another."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

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


def test_a_contrast_of_contrasts_pairs_the_right_differences(data):
    rng = np.random.default_rng(33)
    d = data.assign(h=rng.choice(["p", "q"], len(data)))
    res = mnlogit.fit("y ~ x + g * h", d, ref="A")
    m = res.margins(over=["g", "h"])
    f = m.to_frame().set_index(["g", "h", "outcome"])["estimate"]
    got = m.contrast("g").contrast("h").to_frame().set_index(["g", "outcome"])["estimate"]
    for a, b, label in [("a -", "a", "(a -) - a"), ("a", "- a", "a - (- a)")]:
        for o in ["A", "B", "C"]:
            want = (f[(a, "p", o)] - f[(b, "p", o)]) - (f[(a, "q", o)] - f[(b, "q", o)])
            assert got[(label, o)] == pytest.approx(want, rel=1e-12, abs=1e-15)


def test_a_level_in_parentheses_is_bracketed():
    rng = np.random.default_rng(5)
    levels = ["(a -)", "a -", "a"]
    g = pd.Categorical(rng.choice(levels, 600), categories=levels)
    d = pd.DataFrame({"y": rng.choice(["A", "B", "C"], 600), "g": g, "x": rng.normal(size=600)})
    labels = mnlogit.fit("y ~ x + g", d, ref="A").margins(over="g").contrast("g").to_frame()["g"]
    assert list(dict.fromkeys(labels)) == ["((a -)) - (a -)", "((a -)) - a", "(a -) - a"]


def test_margins_whose_other_values_read_alike_are_not_paired():
    from mnlogit.margins._contrast_terms import partners

    with pytest.raises(DataError, match="read alike, \\('x',\\)"):
        partners([("x",), ("y",), ("x",)], np.array([0, 1, 2]), "g")
    assert partners([("x",), ("y",)], np.array([0, 1]), "g") == {("x",): 0, ("y",): 1}
