"""Restrictions whose coefficients spell a column as the formula spelled it.

formulaic labels ``I(x**2)`` as ``I(x ** 2)``: ``wald_test("I(x**2)")`` found the term, but
``"b:I(x**2) = c:I(x**2)"`` was refused as naming no design column.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(3)
    x, xy = rng.uniform(1, 3, 300), rng.normal(size=300)
    odds = np.exp(np.column_stack([np.zeros(300), 0.5 * x, -0.5 * xy]))
    df = pd.DataFrame({"x": x, "x y": xy, "g": rng.choice(list("abc"), 300)})
    df["y"] = [rng.choice(list("ABC"), p=row / row.sum()) for row in odds]
    return mnlogit.fit("y ~ np.log(x) + I(x**2) + C(g, Treatment('b')) + `x y`", df)


@pytest.mark.parametrize(
    ("written", "labelled"),
    [
        ("B:I(x**2) = C:I(x**2)", "B:I(x ** 2) = C:I(x ** 2)"),
        ("B:I(x^2) = 0", "B:I(x ** 2) = 0"),
        ("2*B:np.log( x ) - C:np.log(x) = 1", "2*B:np.log(x) - C:np.log(x) = 1"),
        (
            "B:C(g,Treatment(\"b\"))[T.a] - C:C(g, Treatment('b'))[T.c]",
            "B:C(g, Treatment('b'))[T.a] - C:C(g, Treatment('b'))[T.c]",
        ),
        ("B:I(x**2) = 0, C:np.log( x ) = 0", "B:I(x ** 2) = 0, C:np.log(x) = 0"),
    ],
)
def test_a_column_spelled_as_in_the_formula_is_that_column(res, written, labelled):
    got, want = res.wald_test(written), res.wald_test(labelled)
    np.testing.assert_array_equal(got.details["R"], want.details["R"])
    np.testing.assert_array_equal(got.details["q"], want.details["q"])
    assert got.statistic == want.statistic and got.df == want.df


def test_white_space_between_names_is_not_dropped(res):
    # the column is `x y`: "xy" is another name, and stays refused
    with pytest.raises(ColumnNotFoundError, match="'B:xy' names no design column"):
        res.wald_test("B:xy = 0")
    assert res.wald_test("B:x y = 0").df == 1.0


def test_the_hypothesis_of_arrays_counts_its_restrictions_in_words(res):
    # it read "H0: R b = q (1 restrictions)"
    k = res.cov_params().shape[0]
    assert res.wald_test((np.eye(k)[:1], 0.0)).note == "H0: R b = q (1 restriction)"
    assert res.wald_test((np.eye(k)[:2], 0.0)).note == "H0: R b = q (2 restrictions)"
