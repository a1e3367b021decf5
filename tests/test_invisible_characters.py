"""Levels that differ only by a character Unicode makes invisible (a default ignorable code
point) print alike in every table, so a column holding both is refused as one holding 'a' and
'a\\u200b' is: a variation selector (keyboards add U+FE0F to some emoji and not to others), a
combining grapheme joiner, a Mongolian vowel separator or a Hangul filler made two levels,
the second shown as 'g[T.a]' beside the baseline a, and two clusters or model names alike."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError

HIDDEN = ["\ufe0f", "\ufe00", "\u034f", "\u180e", "\u3164", "\u115f", "\uffa0", "\u206a"]
HIDDEN += ["\U000e0001", "\U000e0100", "\U0001d173"]


def _data(a: str, b: str) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 300
    return pd.DataFrame({"y": rng.choice(["u", "v", "w"], n), "g": rng.choice([a, b, "c"], n)})


@pytest.mark.parametrize("mark", HIDDEN)
def test_a_factor_holding_a_level_and_it_with_an_invisible_mark_is_refused(mark):
    df = _data("a", "a" + mark)
    with pytest.raises(DataError, match="different values that print alike") as caught:
        mnlogit.fit("y ~ g", df)
    # the advice, followed, gives one level
    fix = str(caught.value).split("e.g. ")[-1]
    exec(fix, {"df": df})
    assert df["g"].nunique() == 2
    assert list(mnlogit.fit("y ~ g", df).params.index) == ["Intercept", "g[T.c]"]


@pytest.mark.parametrize("mark", HIDDEN)
def test_an_outcome_level_and_it_with_an_invisible_mark_are_refused(mark):
    df = _data("a", "b").assign(y=lambda d: d["y"].replace({"v": "u" + mark}))
    with pytest.raises(DataError, match="print alike"):
        mnlogit.fit("y ~ g", df)


def test_emoji_with_and_without_their_variation_selector_are_refused_naming_both():
    df = _data("\u2764", "\u2764\ufe0f")
    with pytest.raises(DataError, match=r"'\\u2764' and '\\u2764\\ufe0f'"):
        mnlogit.fit("y ~ g", df)


@pytest.mark.parametrize("mark", HIDDEN[:4])
def test_model_names_alike_but_for_an_invisible_mark_are_refused(mark):
    res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    with pytest.raises(InputTypeError, match="distinct, non-blank names"):
        mnlogit.compare([res, res], names=["full", "full" + mark])
