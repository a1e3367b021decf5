"""Notebook tables show the data's labels as written: JupyterLab and the classic notebook run
MathJax over HTML outputs, which typeset a pair of ``$`` (outcome levels ``$0-$50`` and
``$50+``, income brackets) or ``\\(`` as mathematics. Every HTML rendering is marked with the
classes MathJax 2 and 3 skip (``tex2jax_ignore``, ``mathjax_ignore``), as pandas marks its
tables when ``display.html.use_mathjax`` is off; the Markdown escapes ``$`` for the same
reason."""

from __future__ import annotations

from html.parser import HTMLParser

import numpy as np
import pandas as pd
import pytest

import mnlogit

SKIPPED = {"tex2jax_ignore", "mathjax_ignore"}  # MathJax 2's and 3's class to leave alone


class _Outside(HTMLParser):
    """The text found outside every element that carries both classes MathJax skips."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[bool] = []  # per open element: whether it is skipped
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("br", "hr", "img"):  # void elements: no end tag
            return
        classes = set((dict(attrs).get("class") or "").split())
        self.stack.append(SKIPPED <= classes or any(self.stack))

    def handle_endtag(self, tag: str) -> None:
        if tag not in ("br", "hr", "img"):
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if data.strip() and not any(self.stack):
            self.outside.append(data)


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(5)
    n = 400
    d = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(["$1", "$2 \\(a\\)"], n)})
    d["y"] = rng.choice(["$0-$50", "$50-$100", "$100+"], n)
    return mnlogit.fit("y ~ x + g", d, ref="$0-$50")


RENDERINGS = {
    "summary": lambda r: r.summary()._repr_html_(),
    "summary of ratios": lambda r: r.summary(odds_ratios=True)._repr_html_(),
    "summary uncalled": lambda r: r.summary._repr_html_(),
    "results": lambda r: r._repr_html_(),
    "compare": lambda r: mnlogit.compare([r, r], names=["$a", "$b"], stars=True)._repr_html_(),
    "margins": lambda r: r.margins(over="g")._repr_html_(),
    "contrast": lambda r: r.margins(over="g").contrast("g")._repr_html_(),
}


@pytest.mark.parametrize("name", list(RENDERINGS))
def test_no_text_of_an_html_table_is_left_to_mathjax(res, name):
    page = RENDERINGS[name](res)
    assert "$" in page and "$0-$50" in page  # the labels are there, as written
    parser = _Outside()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    assert parser.outside == [], parser.outside[:5]
