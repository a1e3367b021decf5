"""Restrictions whose coefficients spell a column as the formula spelled it.

formulaic labels ``I(x**2)`` as ``I(x ** 2)``: ``wald_test("I(x**2)")`` found the term, but
``"b:I(x**2) = c:I(x**2)"`` was refused as naming no design column.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, LevelError


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


@pytest.fixture(scope="module")
def odd():
    # a factor whose name needs backticks, beside a numeric column also in backticks
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"g [1]": rng.choice(list("abc"), 300), "x z": rng.normal(size=300)})
    df["y"] = rng.choice(["é", "o", "u"], 300)
    return mnlogit.fit("y ~ `x z` + `g [1]` + `g [1]`:`x z`", df)


@pytest.mark.parametrize(
    ("written", "labelled"),
    [
        ("é:`g [1]`[T.b] = 0", "é:`g [1][T.b]` = 0"),
        ("`é`:`g [1]`[T.b] = 0", "é:`g [1][T.b]` = 0"),
        ("é:`g [1]`[T.b] - é:`g [1]`[T.c] = 0", "é:`g [1][T.b]` = é:`g [1][T.c]`"),
        ("é:`g [1]`[T.c]:`x z` = 0", "é:`g [1][T.c]:x z` = 0"),
        ("é:`g [1]`[T.c]:x z = 0", "é:`g [1][T.c]:x z` = 0"),
    ],
)
def test_a_factor_in_backticks_before_its_level_is_that_column(odd, written, labelled):
    # "é:`g [1]`[T.b]" (as R users write it) was refused as naming no design column while
    # the message listed the column 'g [1][T.b]'
    got, want = odd.wald_test(written), odd.wald_test(labelled)
    assert np.isfinite(want.statistic)
    assert got.statistic == pytest.approx(want.statistic, rel=1e-12)
    assert got.df == want.df


def test_a_factor_in_backticks_with_a_level_it_lacks_still_names_no_column(odd):
    with pytest.raises(ColumnNotFoundError, match="names no design column"):
        odd.wald_test("é:`g [1]`[T.a] = 0")


@pytest.fixture(scope="module")
def interacted():
    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        {"inc": rng.uniform(1e4, 1e6, 300), "age": rng.uniform(20, 70, 300)}
        | {"edu": rng.choice(["lo", "mid", "hi"], 300), "y": rng.choice(list("abc"), 300)}
    )
    return mnlogit.fit("y ~ np.log(inc) + C(edu, Treatment('lo')) * age", df)


@pytest.mark.parametrize(
    ("written", "column"),
    [
        # as R's coef() names the columns, copied from a car::linearHypothesis call
        ("b:(Intercept) = 0", "Intercept"),
        ("b:log(inc) = c:log(inc)", "np.log(inc)"),
        ("b:C(edu, Treatment('lo'))hi = 0", "C(edu, Treatment('lo'))[T.hi]"),
        ("b:C(edu, Treatment('lo'))hi:age = 0", "C(edu, Treatment('lo'))[T.hi]:age"),
        # the interaction's factors in another order
        ("b:age:C(edu, Treatment('lo'))[T.mid] = 0", "C(edu, Treatment('lo'))[T.mid]:age"),
    ],
)
def test_a_column_named_as_r_names_it_is_answered_with_its_name(interacted, written, column):
    # each was "names no design column; columns are ...", the list of every column
    with pytest.raises(ColumnNotFoundError) as caught:
        interacted.wald_test(written)
    message = str(caught.value)
    assert f"names the column {column!r}" in message and f"write 'b:{column}'" in message
    assert "columns are" not in message
    assert np.isfinite(interacted.wald_test(f"b:{column} = 0").statistic)


@pytest.mark.parametrize("outcome", ["b", "bus stop"])
def test_r_names_after_an_outcome_in_backticks_are_answered_too(outcome):
    # an outcome in backticks ('`bus stop`:log(inc)', as an outcome that is not a plain name
    # must be written) got "cannot read", the list of every term and column
    rng = np.random.default_rng(5)
    df = pd.DataFrame(
        {"inc": rng.uniform(1e4, 1e6, 300), "y": rng.choice(["a", "b", "bus stop"], 300)}
    )
    res = mnlogit.fit("y ~ np.log(inc)", df, ref="a")
    with pytest.raises(ColumnNotFoundError) as caught:
        res.wald_test(f"`{outcome}`:log(inc) = 0")
    message = str(caught.value)
    assert "names the column 'np.log(inc)'" in message
    assert f"write '`{outcome}`:np.log(inc)'" in message
    assert np.isfinite(res.wald_test(f"`{outcome}`:np.log(inc) = 0").statistic)


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2*(b:x1 - c:x1) = 0", "parentheses are not read: multiply out"),
        ("b:x1 = (c:x1)", "parentheses are not read: multiply out"),
        ("b:x1 = 2/3", "write '2/3' as a decimal, 0.6666666666666666"),
        ("b:x1 = 1/4*c:x1", "write '1/4' as a decimal, 0.25"),
    ],
)
def test_parentheses_and_fractions_are_answered_with_what_is_read(text, said):
    # "cannot read '(b:x1'" and "cannot read '2/3'" beside every label said neither what
    # was not read nor how to write it
    rng = np.random.default_rng(2)
    y = rng.choice(["a", "b", "c"], size=200)
    res = mnlogit.MNLogit(y, np.column_stack([np.ones(200), rng.normal(size=200)]), ref="a").fit()
    with pytest.raises(LevelError, match=re.escape(said)):
        res.wald_test(text)


@pytest.mark.parametrize(
    ("text", "column"),
    [("(Intercept)", "Intercept"), ("log(w)", "np.log(w)"), ("gv", "g[T.v]"), ("x:gv", "x:g[T.v]")],
)
def test_a_column_named_alone_as_r_names_it_is_answered_with_its_label(text, column):
    # 'b:(Intercept)' was answered with 'b:Intercept', but '(Intercept)' alone got "cannot
    # read" and every label
    rng = np.random.default_rng(4)
    df = pd.DataFrame(
        {"x": rng.normal(size=300), "g": rng.choice(["u", "v"], 300), "w": rng.uniform(1, 2, 300)}
    )
    df["y"] = rng.choice(["a", "b", "c"], 300)
    res = mnlogit.fit("y ~ x * g + np.log(w)", df, ref="a")
    with pytest.raises(ColumnNotFoundError, match=re.escape(f"write {column!r} (0 in every")):
        res.wald_test(text)
    assert res.wald_test(column).df == 2
