"""Labels holding a control of the text's direction (a right-to-left override U+202E, an
isolate U+2066-U+2069, a direction mark) are shown with it escaped, as a line break is. Written
raw, a browser or a terminal applies it to what follows: the outcome ``a<U+202E>bc`` read
``acb``, the name of another level of the same fit, and the rest of its line (`` vs z``, the
levels after it in the Outcome line) came out reversed."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.report._format import level_text, visible

CONTROLS = ["\u202e", "\u202d", "\u202a", "\u202b", "\u202c", "\u2066", "\u2067", "\u2068"]
CONTROLS += ["\u2069", "\u200e", "\u200f", "\u061c"]


@pytest.mark.parametrize("control", CONTROLS)
def test_a_direction_control_is_written_as_its_escape(control):
    label = f"a{control}bc"
    escape = repr(control)[1:-1]
    assert level_text(label) == f"'a{escape}bc'"
    assert visible(label) == f"a{escape}bc"


def _fit() -> mnlogit.MNLogitResults:
    rng = np.random.default_rng(1)
    n = 300
    d = pd.DataFrame(
        {
            "y": rng.choice(["a\u202ebc", "acb", "z"], n),
            "x": rng.normal(size=n),
            "g": rng.choice(["p\u2067q", "r"], n),
        }
    )
    return mnlogit.fit("y ~ x + C(g, Treatment('r'))", d, ref="z")


def test_no_layout_writes_a_direction_control_raw():
    res = _fit()
    summary = res.summary()
    table = mnlogit.compare([res])
    margins = res.margins(over="g")
    shown = {
        "text": summary.as_text(),
        "html": summary._repr_html_(),
        "markdown": summary.as_markdown(),
        "latex": summary.as_latex(),
        "compare": table.as_text(),
        "compare html": table._repr_html_(),
        "compare markdown": table.as_markdown(),
        "margins": str(margins),
        "margins html": margins._repr_html_(),
    }
    for layout, text in shown.items():
        assert "\u202e" not in text and "\u2067" not in text, layout
    assert "'a\\u202ebc' vs z" in shown["text"]
    assert "[T.p\\u2067q]" in shown["text"]
    assert "'a\\u202ebc' vs z" in shown["compare"]


def test_a_model_name_with_a_direction_control_is_escaped_in_html_too():
    res = _fit()
    html = mnlogit.compare([res, res], names=["m\u202e1", "m2"])._repr_html_()
    assert "\u202e" not in html
    assert "m\\u202e1" in html
