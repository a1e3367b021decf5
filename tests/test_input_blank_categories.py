"""A Categorical holding a category of blank text is refused as blank text among text is:
read as a level, a missing answer was fitted as a level of its own (the baseline, sorted
first), where the same values as text were refused."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(17)
    n = 240
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "g": rng.choice(["u", "v", "w"], n),
        }
    )


@pytest.mark.parametrize("blank", ["", "  "])
@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + C(g)", "y ~ x:g"])
def test_a_blank_category_of_a_predictor_is_refused(frame, blank, formula):
    g = pd.Categorical(frame["g"].replace("u", blank))
    with pytest.raises(DataError, match=rf"column 'g' has the blank category {blank!r}") as err:
        mnlogit.fit(formula, frame.assign(g=g))
    # what it says to do makes the rows missing, and they are dropped
    assert "df['g'] = df['g'].cat.remove_categories(" in str(err.value)
    kept = frame.assign(g=g.remove_categories([blank]))
    assert mnlogit.fit(formula, kept).nobs == (frame["g"] != "u").sum()


def test_a_blank_category_of_the_outcome_is_refused(frame):
    y = pd.Categorical(frame["y"].replace("a", ""))
    with pytest.raises(DataError, match=r"outcome 'y' has the blank category ''"):
        mnlogit.fit("y ~ x", frame.assign(y=y))


def test_an_unused_blank_category_is_left_out_as_any_unused_one(frame):
    g = pd.Categorical(frame["g"], categories=["", "u", "v", "w"])
    res = mnlogit.fit("y ~ x + g", frame.assign(g=g))
    assert list(res.params.index) == ["Intercept", "x", "g[T.v]", "g[T.w]"]
