"""A level whose text is in quotes is not read as another level in quotes: the tables write a
level with white space around it (``'a '``) as its ``repr``, and wrote the level ``"'a '"``
(quotes part of it) as itself, so both read ``'a '``. compare()'s panels of the two
outcomes had one title in text, Markdown, LaTeX and CSV, and a margins table showed both
outcomes, and both levels of a factor, alike."""

from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mnlogit
from mnlogit.report._format import level_items, level_text

LEVELS = ["a", "a ", "'a '", "b\n", "'b\\n'", '"c"']


@given(st.lists(st.text(alphabet=st.sampled_from("'\" a\n\\b,"), max_size=6), unique=True))
def test_no_two_levels_read_alike(levels):
    assert len({level_text(v) for v in levels}) == len(levels)
    assert len(set(level_items(levels))) == len(levels)


def test_plain_levels_and_a_single_quote_stay_as_they_are():
    assert [level_text(v) for v in ["low", "'s", 'say "hi"', "it's'"]] == [
        "low",
        "'s",
        'say "hi"',
        "it's'",
    ]
    assert level_text("'a '") == repr("'a '")
    assert level_items(["'a, b'", "c"]) == [repr("'a, b'"), "c"]


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(24)
    n = 900
    y = pd.Categorical(rng.choice(LEVELS, n), categories=LEVELS)
    d = pd.DataFrame({"y": y, "g": rng.choice(LEVELS, n), "x": rng.normal(size=n)})
    with pytest.warns(mnlogit.MNLogitWarning, match="differ only by white space"):
        return mnlogit.fit("y ~ x + C(g)", d, ref="a")


def _titles(lines: list[str]) -> list[str]:
    return [line for line in lines if " vs a" in line]


def test_compare_panels_have_titles_of_their_own(res):
    table = mnlogit.compare([res])
    renderings = {
        "text": str(table).splitlines(),
        "markdown": table.as_markdown().splitlines(),
        "latex": table.as_latex().splitlines(),
        "csv": [
            f"{outcome} vs a"
            for outcome in pd.read_csv(io.StringIO(table.as_csv()), dtype=str)["outcome"]
            .dropna()
            .unique()
        ],
        "html": table._repr_html_().splitlines(),
    }
    for name, lines in renderings.items():
        titles = _titles(lines)
        assert len(titles) == len(LEVELS) - 1, name
        assert len(set(titles)) == len(titles), (name, titles)


def test_margins_table_tells_the_outcomes_and_levels_apart(res):
    # the text table's cells are the HTML table's (one function writes both)
    rows = re.findall(r"<tr>(.*?)</tr>", res.margins(over="g")._repr_html_(), flags=re.S)
    cells = [tuple(re.findall(r'<td style="text-align:left">(.*?)</td>', r)) for r in rows]
    cells = [c for c in cells if c]
    assert len(cells) == len(set(cells)) == len(LEVELS) ** 2
