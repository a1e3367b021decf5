"""A comparison among a formula's own terms, as R writes a logical column: `y ~ x + (x > 0)`.
formulaic cannot parse it, and a 0 compared with was refused as '0 inside parentheses: R
reads it as a removal of the intercept', which it is not."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(0)
    return pd.DataFrame(
        {
            "x": rng.normal(size=100),
            "y": rng.choice(["a", "b", "c"], 100),
            "g": rng.choice(["u", "v"], 100),
            "k": rng.integers(0, 3, 100),
        }
    )


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("y ~ x + (x > 0)", "I(x > 0)"),
        ("y ~ x + (k == 0)", "I(k == 0)"),
        ("y ~ x + (k != 0)", "I(k != 0)"),
        ("y ~ g + (x <= -0.5)", "I(x <= -0.5)"),
        ("y ~ (x >= 0):g", "I(x >= 0)"),
    ],
)
def test_a_comparison_among_the_terms_is_told_to_go_inside_I(df, formula, written):
    with pytest.raises(FormulaError, match="compares, which a formula's terms") as e:
        mnlogit.fit(formula, df)
    assert f"as {written}," in str(e.value)
    assert "removal of the intercept" not in str(e.value)
    # what it says to write fits, the column R's (x > 0) would be
    fitted = mnlogit.fit(f"y ~ {written}", df)
    assert written in fitted.params.index


def test_stata_if_is_told_to_select_the_rows(df):
    with pytest.raises(FormulaError, match=r"Stata's 'if'.*df\.query\('x > 0'\)"):
        mnlogit.fit("y ~ g if x > 0", df)


@pytest.mark.parametrize(
    "formula", ["y ~ I(x > 0)", "y ~ np.where(x > 0, 1, 0)", "y ~ C(g == 'u')"]
)
def test_comparisons_inside_calls_still_fit(df, formula):
    assert mnlogit.fit(formula, df).params.shape == (2, 2)
