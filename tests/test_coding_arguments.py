"""Codings given arguments: formulaic keeps what ``Helmert``, ``Diff`` and ``Poly`` are given and
reads it later by its truth or length, so a level (``Helmert('c')``, meant as a baseline), R's
number of levels (``Helmert(3)``) or tied scores were silently read otherwise, or failed with
a message about something else; arguments a coding does not take (patsy's ``Sum(omit='a')``,
``Treatment(base='c')``) are answered with what it takes, contrasts for a level the rows
used lack name the levels there are, and ``levels=`` named as text for a column of numbers
say so.

Against R (tests/reference/make_coding_arguments.R, on womenlf.csv): ``Poly(scores=[...])`` is
R's ``contr.poly(5, scores = ...)`` and ``Diff`` is MASS's ``contr.sdif``. Tolerances: nnet
stops within ~1e-7 of the optimum (reltol 1e-16): coefficients and standard errors to 1e-6
relative and 1e-6 absolute, log-likelihoods to 1e-9 relative."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import FormulaError, LevelError, RankError

REF = json.loads((refdata.REF_DIR / "coding_arguments.json").read_text())


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 240
    return pd.DataFrame(
        {
            "y": rng.choice(["A", "B", "C"], n),
            "x": rng.normal(size=n),
            "g": rng.choice(["a", "b", "c"], n),
        }
    )


@pytest.mark.parametrize(
    ("coding", "said"),
    [
        ("Helmert('c')", r"Helmert's reverse= is True or False, not 'c'"),
        ("Helmert(3)", r"Helmert's reverse= is True or False, not 3"),
        ("Helmert(0)", r"reverse= is True or False, not 0"),
        ("Helmert(scale='yes')", r"Helmert's scale= is True or False, not 'yes'"),
        ("Diff('c')", r"Diff's backward= is True or False, not 'c'"),
        ("contr.diff('b')", r"Diff's backward= is True or False, not 'b'"),
        ("Poly(3)", r"Poly's scores are the levels' positions.*got 3"),
        ("Poly('abc')", r"Poly's scores are the levels' positions.*got 'abc'"),
        ("Poly(scores=[1, 1, 2])", r"Poly's scores must all be different numbers"),
        (
            "Sum(omit='a')",
            r"patsy's Sum\(omit='a'\) is C\(g, Sum, levels=\[...\]\) with 'a' listed last",
        ),
        ("Sum('a')", r"Sum takes no arguments"),
        ("Treatment(base='c')", r"Treatment\('level'\) .* names the baseline level"),
        ("contr.treatment(ref='c')", r"Treatment\('level'\)"),
        ("Diff('a', backward=False)", r"Diff takes backward=, True or False"),
    ],
)
def test_a_coding_argument_read_otherwise_or_not_taken_is_refused_saying_what_it_takes(
    df, coding, said
):
    # formulaic fitted Helmert('c'), Helmert(3), Diff('c') as the default coding and
    # Helmert(0) as reverse=False; Poly(3) failed on len(); tied scores gave NaN columns
    # refused as "log of a non-positive number"; an argument a coding does not take
    # (patsy's Sum(omit=...)) was formulaic's TypeError alone
    with pytest.raises(FormulaError, match=said):
        mnlogit.fit(f"y ~ x + C(g, {coding})", df)


def test_the_flags_as_booleans_still_fit(df):
    names = mnlogit.fit("y ~ C(g, Helmert(reverse=False))", df).params.index
    assert list(names[1:]) == [
        "C(g, Helmert(reverse=False))[H.a]",
        "C(g, Helmert(reverse=False))[H.b]",
    ]
    assert mnlogit.fit("y ~ C(g, Diff(backward=np.True_))", df).params.shape == (3, 2)
    assert mnlogit.fit("y ~ C(g, Poly(scores=(1, 2, 4)))", df).params.shape == (3, 2)


def test_the_omitted_level_of_sum_is_the_last_listed(df):
    # what the refusal of patsy's Sum(omit='a') says to write
    res = mnlogit.fit("y ~ C(g, Sum, levels=['b', 'c', 'a'])", df)
    assert [name[-5:] for name in res.params.index[1:]] == ["[S.b]", "[S.c]"]


def test_r_reads_tied_scores_as_an_error_too():
    assert "must all be different" in REF["tied_scores_error"]


@pytest.mark.parametrize("name", list(REF["cases"]))
def test_codings_with_arguments_give_nnets_fit(name):
    case = REF["cases"][name]
    womenlf = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    res = mnlogit.fit(case["formula"], womenlf, ref="not.work")
    assert list(res.params.columns) == case["equations"]
    np.testing.assert_allclose(res.params.T.to_numpy(), case["coef"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(res.bse.T.to_numpy(), case["se"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(res.llf, case["loglik"], rtol=1e-9)


@pytest.mark.parametrize(
    "coding",
    ["Poly(scores=[1, 2, 4])", "[[1, 0], [0, 1], [-1, -1]]", "{'u': [1, 0, -1]}"],
)
def test_contrasts_for_a_level_without_rows_name_the_levels_used(df, coding):
    # formulaic failed with "Shape of passed values is (3, 2), indices imply (2, 2)" or
    # "scores must have the same cardinality": level b lost its rows to a missing x
    d = df.assign(x=df["x"].where(df["g"] != "b"))
    with pytest.raises(FormulaError, match=r"in the rows used \('a', 'c'\)"):
        mnlogit.fit(f"y ~ x + C(g, {coding})", d)
    # an unused category is no level of the fit either
    u = df.assign(g=pd.Categorical(df["g"], categories=["a", "b", "c", "d"]))
    with pytest.raises(FormulaError, match=r"have 4 rows \(one per level\).*\('a', 'b', 'c'\)"):
        mnlogit.fit("y ~ x + C(g, [[1, 0, 0], [0, 1, 0], [0, 0, 1], [-1, -1, -1]])", u)


@pytest.mark.parametrize(
    "coding",
    ["Poly(scores=[1, 2, 4])", "[[1, 0], [0, 1], [-1, -1]]", "{'u': [1, 0, -1], 'v': [0, 1, -1]}"],
)
def test_contrasts_for_every_level_used_fit_and_predict(df, coding):
    res = mnlogit.fit(f"y ~ x + C(g, {coding})", df)
    assert res.params.shape == (4, 2)
    new = df.iloc[:5]
    np.testing.assert_allclose(res.predict(new).to_numpy(), res.predict().iloc[:5].to_numpy())


def test_levels_named_as_text_for_a_column_of_numbers_say_so(df):
    # the refusal quoted the values, {2019, 2020, 2021}, without saying that the levels
    # named were text
    d = df.assign(year=2019 + df.index % 3)
    with pytest.raises(LevelError, match=r"\(2019 is a number; the level '2019' is a str\)"):
        mnlogit.fit("y ~ C(year, levels=['2019', '2020', '2021'])", d)
    names = mnlogit.fit("y ~ C(year, levels=[2021, 2020, 2019])", d).params.index
    assert list(names[1:]) == [f"C(year, levels=[2021, 2020, 2019])[T.{y}]" for y in (2020, 2019)]


def test_levels_refusing_a_column_of_numbers_quote_five_of_its_values(df):
    # the refusal quoted every value of the column: 6000 characters for 240 rows
    with pytest.raises(LevelError, match=r"\{-2\.\d+, .*, \.\.\. \(240 in all\)\}") as err:
        mnlogit.fit("y ~ C(x, levels=[1, 2])", df)
    assert len(str(err.value)) < 400


def test_a_level_named_in_levels_that_no_row_has_is_to_be_left_out_of_them(df):
    # the refusal said to drop the column "C(g, levels=[...])[T.d]" from the formula, which
    # a formula cannot do
    with pytest.raises(
        RankError,
        match=r"\[T\.d\]\" are 0 on every row: levels that C\(.*leave them out of levels=",
    ):
        mnlogit.fit("y ~ x + C(g, levels=['a', 'b', 'c', 'd'])", df)


@pytest.mark.parametrize("formula", ["y ~ scale(x) + x:g", "y ~ x + poly(x, 2):g"])
def test_an_interaction_spanning_another_term_of_its_variable_says_why(df, formula):
    # R codes g by a column per level in x:g where x's own term is absent (as formulaic
    # does), and those columns add up to x, which scale(x) spans; the refusal spoke only of
    # an empty cell, which there is none of
    with pytest.raises(RankError, match=r"a column per level in the interaction.*scale\(x\) \* g"):
        mnlogit.fit(formula, df)
    assert mnlogit.fit("y ~ scale(x) * g", df).params.shape == (6, 2)
