"""A term is named as the user wrote it in the formula: ``wald_test("poly(x,2)")``,
``"C( g )"`` and ``"z:x"`` test the terms formulaic spells ``poly(x, 2)``, ``C(g)`` and
``x:z``; they were refused as unreadable restrictions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError, LevelError, MNLogitError


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(0)
    n = 300
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "g": rng.choice(list("abc"), n),
            "y": rng.choice(["p", "q", "r"], n),
        }
    )
    return mnlogit.fit("y ~ poly(x, 2) + C(g) + x:z + z", d)


@pytest.mark.parametrize(
    ("spelling", "term"),
    [
        ("poly(x,2)", "poly(x, 2)"),
        ("poly( x , 2 )", "poly(x, 2)"),
        ("C( g )", "C(g)"),
        ("z:x", "x:z"),
        (" z : x ", "x:z"),
        ("`z`:x", "x:z"),
    ],
)
def test_a_term_in_another_spelling_is_that_term(res, spelling, term):
    expected = res.wald_test(term)
    got = res.wald_test(spelling)
    assert got.statistic == expected.statistic
    assert got.df == expected.df
    assert term in got.note
    pd.testing.assert_frame_equal(res.cov_params(terms=[spelling]), res.cov_params(terms=[term]))


def test_respelled_terms_combine_with_restrictions(res):
    both = res.wald_test(["z:x", "q:z = r:z"])
    assert both.df == 3


@pytest.mark.parametrize("name", ["poly(x, 3)", "x:g", "C(z)", "bogus"])
def test_other_terms_are_still_refused_with_the_model_terms(res, name):
    with pytest.raises(LevelError, match=r"expected a term \('Intercept', 'poly\(x, 2\)'"):
        res.wald_test(name)


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("z = 0", "z"),
        ("0 = z", "z"),
        ("z:x = 0.0", "x:z"),
        ("C( g ) = 0", "C(g)"),
        ("`z` = 0", "z"),
        ("C(g)[T.b] = 0", "C(g)[T.b]"),
    ],
)
def test_a_term_set_to_zero_is_the_term(res, text, term):
    # Stata's "test income = 0" after mlogit: refused as "'z' alone tests that all its
    # coefficients are zero and cannot be part of an equation", though that is what it says
    got, expected = res.wald_test(text), res.wald_test(term)
    assert (got.statistic, got.df) == (expected.statistic, expected.df)
    assert f"H0: {term} = 0 in every equation" in got.note
    assert res.wald_test([text, "q:Intercept = 0"]).df == expected.df + 1


@pytest.mark.parametrize("text", ["z = 1", "2*z = 0", "z = 0 = x:z"])
def test_a_term_at_another_value_is_still_refused(res, text):
    with pytest.raises(DataError):
        res.wald_test(text)


def test_a_coefficient_at_zero_that_also_reads_as_a_term_is_refused_with_both_spellings():
    res = mnlogit.fit("y ~ x + z + x:z", outcomes_named_as_columns(["a", "x"], 3), ref="a")
    # "x:z = 0" tested outcome x's coefficient of z, where "x:z" alone tests the term x:z
    # (Stata's "x:z = 0"): the same text, two hypotheses, by whether '= 0' followed it
    told = r"both as the term 'x:z' at 0 .* 'x:z' alone for the term, .* '(0 = )?`x`:z( = 0)?'$"
    for text in ("x:z = 0", "0 = x:z", ["z", "x:z = 0"]):
        with pytest.raises(DataError, match=told):
            res.wald_test(text)
    # the spellings it gives are each one of them
    term, coefficient = res.wald_test("x:z"), res.wald_test("`x`:z = 0")
    assert term.df == coefficient.df == 1
    assert term.statistic == pytest.approx(res.zvalues.loc["x:z", "x"] ** 2, rel=1e-9)
    assert coefficient.statistic == pytest.approx(res.zvalues.loc["z", "x"] ** 2, rel=1e-9)
    assert res.wald_test("`x`:z").statistic == coefficient.statistic


def outcomes_named_as_columns(
    outcomes: list[str], seed: int, predictors: tuple[str, ...] = ("x", "z")
) -> pd.DataFrame:
    """Normal ``predictors``, and an outcome ``y`` whose levels are ``outcomes``."""
    rng = np.random.default_rng(seed)
    d = pd.DataFrame({name: rng.normal(size=400) for name in predictors})
    return d.assign(y=rng.choice(outcomes, len(d)))


def test_a_spelling_that_is_also_a_coefficient_is_refused():
    res = mnlogit.fit("y ~ x + z + x:z", outcomes_named_as_columns(["a", "z"], 1), ref="a")
    # "x:z" is the term as formulaic spells it, and stays so
    assert res.wald_test("x:z").df == 1
    with pytest.raises(DataError, match=r"names the term 'x:z' and also reads as a coefficient"):
        res.wald_test("z:x")
    # the outcome in backticks, as that refusal says, is the coefficient: it was refused
    # again with the same words; "z:x = 0" was read as the coefficient without a word
    with pytest.raises(DataError, match=r"outcome in backticks for the coefficient, '`z`:x'$"):
        res.wald_test("z:x")
    assert res.wald_test("`z`:x").statistic == pytest.approx(
        res.zvalues.loc["x", "z"] ** 2, rel=1e-9
    )
    with pytest.raises(DataError, match=r"write 'x:z' alone for the term, .* '`z`:x = 0'$"):
        res.wald_test("z:x = 0")
    # cov_params(terms=) names no coefficient, so there "z:x" is only the term
    pd.testing.assert_frame_equal(res.cov_params(terms="z:x"), res.cov_params(terms="x:z"))


def test_a_coefficient_whose_outcome_is_named_as_its_column_stays_that_coefficient():
    # formulaic reads "x:x" as the term x, but it is outcome x's coefficient of column x
    res = mnlogit.fit("y ~ x + z", outcomes_named_as_columns(["x", "z", "w"], 2), ref="w")
    got = res.wald_test("x:x")
    assert got.df == 1
    assert got.statistic == pytest.approx(res.zvalues.loc["x", "x"] ** 2, rel=1e-9)


@pytest.mark.parametrize("kind", [pd.Index, pd.Series, np.array])
def test_terms_given_as_an_index_series_or_array_are_read_as_a_list(res, kind):
    # res.wald_test(res.params.index[1:]) was refused as not a list of terms
    names = ["z", "C(g)[T.b]"]
    assert res.wald_test(kind(names)).statistic == res.wald_test(names).statistic
    pd.testing.assert_frame_equal(res.cov_params(terms=kind(names)), res.cov_params(terms=names))


@pytest.fixture(scope="module")
def three_way():
    d = outcomes_named_as_columns(["p", "q", "r"], 7, ("x", "z", "w"))
    return mnlogit.fit("y ~ x + z + w + x:z:w", d)


@settings(derandomize=True, max_examples=25, deadline=None)
@given(
    order=st.permutations(["x", "z", "w"]),
    spaces=st.lists(st.sampled_from(["", " ", "  ", "\t"]), min_size=4, max_size=4),
)
def test_any_order_and_spacing_of_an_interaction_names_it(three_way, order, spaces):
    text = spaces[0] + f"{spaces[1]}:{spaces[2]}".join(order) + spaces[3]
    got = three_way.wald_test(text)
    assert got.statistic == three_way.wald_test("x:z:w").statistic
    assert "x:z:w = 0 in every equation" in got.note


@pytest.mark.parametrize("extra", ["", " + I(x**2)"])  # names only: built without formulaic
@pytest.mark.parametrize("spelling", ["`b:x`", "`odd name`", "Q('odd name')"])
def test_a_column_named_in_backticks_is_its_term_whichever_way_the_design_was_built(
    extra, spelling
):
    # a formula of names only is built without formulaic, its terms labelled 'b:x', where
    # formulaic labels the term '`b:x`': cov_params(terms=["`b:x`"]) was refused there,
    # while wald_test read it
    rng = np.random.default_rng(2)
    n = 200
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "b:x": rng.normal(size=n),
            "odd name": rng.normal(size=n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )
    res = mnlogit.fit("y ~ x + `b:x` + `odd name`" + extra, d)
    column = spelling.strip("`Q()'")
    assert res.cov_params(terms=[spelling]).index.get_level_values(1).unique().tolist() == [column]
    assert res.wald_test(spelling).df == 2


def test_a_column_named_like_an_interaction_of_the_model_is_the_column_in_backticks():
    # a column 'g:h' beside g*h: anova labels the column '`g:h`' and the interaction 'g:h';
    # wald_test("`g:h`") unquoted the name first and tested the interaction (df 4, not 2)
    rng = np.random.default_rng(4)
    n = 300
    d = pd.DataFrame(
        {
            "g:h": rng.normal(size=n),
            "g": rng.choice(list("abc"), n),
            "h": rng.choice(list("uv"), n),
            "y": rng.choice(list("ABC"), n),
        }
    )
    res = mnlogit.fit("y ~ `g:h` + g*h", d)
    column = res.wald_test("`g:h`")
    assert column.df == 2
    assert column.statistic == pytest.approx(res.wald_test("B:g:h = 0, C:g:h = 0").statistic)
    assert res.wald_test("g:h").df == 4
    assert res.wald_test("g:h = 0").df == 4


@pytest.fixture(scope="module")
def looked_up():
    rng = np.random.default_rng(3)
    n = 200
    d = pd.DataFrame(
        {"x": rng.normal(size=n), "odd name": rng.normal(size=n), "y": rng.choice(list("abc"), n)}
    )
    return mnlogit.fit("y ~ x + Q('odd name')", d)


@pytest.mark.parametrize("spelling", ["`odd name`", 'Q("odd name")', "Q( 'odd name' )"])
def test_a_column_looked_up_with_q_is_named_in_backticks_too(looked_up, spelling):
    res = looked_up
    expected = res.wald_test("Q('odd name')")
    assert res.wald_test(spelling).statistic == expected.statistic
    pd.testing.assert_frame_equal(
        res.cov_params(terms=[spelling]), res.cov_params(terms=["Q('odd name')"])
    )


@pytest.mark.parametrize(
    "text",
    ["z - x", "z -x", "z - x = 0", "0 = z - C(g)", "z + 0", "z - 1", "z ** 2", "z:x - z"],
)
def test_formula_operators_do_not_name_the_term_they_leave(res, text):
    # formulaic reads "z - x" as the formula z without x, which is z: wald_test("z - x = 0"),
    # meant as z's coefficients equal to x's, tested z = 0 alone, and cov_params(terms=)
    # returned z's block; likewise "z + 0" (no intercept) and "z ** 2" (z's interactions)
    with pytest.raises(MNLogitError):
        res.wald_test(text)
    with pytest.raises(MNLogitError, match="is neither a term"):
        res.cov_params(terms=[text])


@pytest.mark.parametrize("outcome", ["b", "`b`"])
def test_a_coefficient_of_a_column_looked_up_with_q_is_named_in_backticks_too(looked_up, outcome):
    # "`odd name`" was the term Q('odd name'), but "b:`odd name`" names no design column
    res = looked_up
    expected = res.wald_test("b:Q('odd name') = c:Q('odd name')").statistic
    got = res.wald_test(f"{outcome}:`odd name` = c:`odd name`")
    assert got.statistic == expected and got.df == 1


def test_a_term_in_an_equation_is_refused_with_one_of_its_own_coefficients(res):
    # the example was the design's last column ('x:z' for "z = 1"), not a coefficient of z
    with pytest.raises(DataError, match="cannot be part of an equation") as caught:
        res.wald_test("z = 1")
    message = str(caught.value)
    assert "(e.g. '" in message
    shown = message.split("(e.g. '")[1].split("'")[0]
    assert shown.split(":", 1)[1] == "z = 1", message
