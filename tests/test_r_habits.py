"""R's spellings that formulaic reads otherwise or not at all: refused with the formula to
write, built from the data's columns where R's '.' stands for them."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError


@pytest.fixture
def df():
    rng = np.random.default_rng(3)
    n = 90
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "my var": rng.normal(size=n),
            "g": rng.choice(["u", "v"], n),
            "w": rng.uniform(1, 2, n),
        }
    )


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("y ~ .", "y ~ x + `my var` + g + w"),
        ("y ~ . - x", "y ~ `my var` + g + w"),
        ("y~.-x-`my var`", "y ~ g + w"),
        ("y ~ np.log(w) + . + x:g", "y ~ np.log(w) + x + `my var` + g + w + x:g"),
    ],
)
def test_every_other_column_is_refused_with_the_columns_named(df, formula, written):
    with pytest.raises(FormulaError, match="not supported") as info:
        mnlogit.fit(formula, df, weights="w")
    assert f"e.g. {written} (R's '.' also takes a weights" in str(info.value)
    # what it says to write is a formula that fits
    assert mnlogit.fit(written, df).converged


def test_interaction_is_answered_with_the_colon(df):
    with pytest.raises(FormulaError, match=r"interaction\(\) is R's.*write a:b"):
        mnlogit.fit("y ~ interaction(g, x > 0)", df)


@pytest.mark.parametrize(
    ("formula", "python"), [("y ~ I(x * T)", "True"), ("y ~ I(x > F)", "False")]
)
def test_r_shorthands_for_true_and_false_are_answered(df, formula, python):
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match=f"write {python}"):
        mnlogit.fit(formula, df)
