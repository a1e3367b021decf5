"""Labels in Markdown exports read as themselves: a `$` starts a formula in GitHub's and
Jupyter's Markdown, and `&` a character reference (`&lt;` reads `<`)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.report._format import md


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(3)
    n = 300
    d = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(["A", "P$r", "z&lt;b"], n)})
    d["y"] = rng.choice(["$none", "a&b", "50%"], n)
    return mnlogit.fit("y ~ x + g", d, ref="$none")


def _unescaped(text: str, char: str) -> list[str]:
    """The lines of ``text`` holding ``char`` without a backslash before it."""
    return [line for line in text.splitlines() if re.search(rf"(?<!\\){re.escape(char)}", line)]


@pytest.mark.parametrize(
    "render",
    [
        lambda r: r.summary().as_markdown(),
        lambda r: mnlogit.compare([r, r], names=["m$1", "m&2"]).as_markdown(),
    ],
)
def test_dollars_and_ampersands_are_escaped(res, render):
    text = render(res)
    assert "P\\$r" in text and "z\\&lt;b" in text and "\\$none" in text
    assert not _unescaped(text, "$") and not _unescaped(text, "&")


def test_every_markdown_punctuation_mark_is_escaped_once():
    assert md("P$r & <b>_1|2 *x* [a] `c` ~d \\") == (
        "P\\$r \\& \\<b\\>\\_1\\|2 \\*x\\* \\[a\\] \\`c\\` \\~d \\\\"
    )


def test_a_note_that_begins_with_a_model_s_name_begins_no_list_or_heading(res):
    data = res._data.frame.assign(y=[res.outcomes[c] for c in res._data.level_codes()])
    fewer = mnlogit.fit("y ~ x + g", data.iloc[:250], ref="$none")
    text = mnlogit.compare([res, fewer], names=["# all", "- fewer"]).as_markdown()
    notes = text.split("\n\n", 1)[1].splitlines()
    (line,) = [n for n in notes if "fitted on other rows" in n]
    assert line.startswith("\\- fewer was fitted on other rows (or weights) than \\# all")
    # cells keep their signs and numbers as they are
    assert "| -" in text or " -0." in text or " -1." in text
    assert md("2. second") == "2\\. second" and md("-0.5") == "-0.5" and md("1.5") == "1.5"


def test_each_note_of_a_compare_table_is_a_paragraph_of_its_own(res):
    table = mnlogit.compare([res], stars=True)
    text = table.as_markdown()
    paragraphs = text.split("\n\n")[1:]  # after the table
    assert [p.strip() for p in paragraphs if p.strip()] == [md(n) for n in table.notes]
    assert len(table.notes) >= 3
