"""Refusals of a formula whose advice could not be followed: "drop g[c] from the formula"
(a formula keeps or leaves out a factor's columns together), "linear combinations ... drop
them" for a level that levels= names but no row has, a comment refused as Stata's '#', and a
number beyond floats' range named as another number and blamed on a log."""

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, FormulaError, RankError


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 300
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "g": rng.choice(["a", "c", "d"], n),
        }
    )


def test_a_factor_with_a_column_per_level_beside_the_intercept_says_what_to_write(df):
    with pytest.raises(
        RankError,
        match=r"the columns of 'C\(g, spans_intercept=False\)', one per level of the factor, "
        r"add up to 1 on every row, as the intercept does.*without spans_intercept=False.*"
        r"or leave out the intercept \(0 \+ \.\.\.\)",
    ) as err:
        mnlogit.fit("y ~ x + C(g, spans_intercept=False)", df)
    assert "drop them from the formula" not in str(err.value)
    # both ways it names fit the same model
    one = mnlogit.fit("y ~ x + C(g)", df)
    other = mnlogit.fit("y ~ 0 + x + C(g, spans_intercept=False)", df)
    assert one.llf == pytest.approx(other.llf, rel=1e-10)


def test_a_constant_term_beside_a_factor_without_the_intercept_says_to_leave_it_out(df):
    with pytest.raises(
        RankError,
        match=r"the columns of 'g', one per level .* as 'I\(1\)' does .* leave out 'I\(1\)' "
        r"\(the same model\)",
    ):
        mnlogit.fit("y ~ 0 + I(1) + x + g", df)
    assert mnlogit.fit("y ~ 0 + x + g", df).llf == pytest.approx(
        mnlogit.fit("y ~ x + g", df).llf, rel=1e-10
    )


@pytest.mark.parametrize(
    "coding", ["Sum, levels=['a', 'b', 'c', 'd']", "levels=['b', 'a', 'c', 'd']"]
)
def test_a_level_without_rows_named_in_levels_is_named(df, coding):
    # Sum codes the empty level 'b' by no column of zeros; nor does Treatment when it is the
    # baseline: both were "linear combinations of the others: drop them from the formula"
    with pytest.raises(
        RankError, match=r"names level\(s\) 'b' in levels=, but no row used has it.*leave 'b' out"
    ):
        mnlogit.fit(f"y ~ x + C(g, {coding})", df)
    fixed = coding.replace("'b', ", "")
    assert mnlogit.fit(f"y ~ x + C(g, {fixed})", df).converged


@pytest.mark.parametrize("formula", ["y ~ x + z  # + g", "y ~ x + z #", "y ~ x # z"])
def test_a_comment_is_refused_as_one(df, formula):
    with pytest.raises(FormulaError, match=r"a formula has no comments, so '# ?[+ gz]*' is not"):
        mnlogit.fit(formula, df)


def test_stata_interactions_keep_their_refusal(df):
    with pytest.raises(FormulaError, match=r"'#' is Stata's interaction: write x:z"):
        mnlogit.fit("y ~ x#z", df)


@pytest.mark.parametrize(("number", "read"), [("1e320", "inf"), ("1e-400", "0.0")])
def test_a_number_beyond_the_range_of_floats_is_named_as_written(df, number, read):
    # 1e320 was named 1e309 and the column of inf refused as a log of a non-positive number
    with pytest.raises(
        FormulaError, match=rf"the number {number} is .* so Python reads it as {read}"
    ):
        mnlogit.fit(f"y ~ I(x * {number})", df)


def test_an_overflow_is_not_blamed_on_a_log(df):
    with pytest.raises(DataError, match=r"\(inf, e\.g\. from log of 0, or a result beyond") as err:
        mnlogit.fit("y ~ I(x * 1e308)", df)
    assert "non-positive" not in str(err.value)


@pytest.mark.parametrize("safe", [False, True])
def test_a_keyword_column_inside_a_call_is_told_to_be_renamed_not_backticked(df, safe):
    # the safe check said to write `class`, which inside C() is refused in turn; without it
    # the refusal was Python's "invalid syntax" alone
    data = df.rename(columns={"g": "class"})
    with pytest.raises(
        FormulaError, match=r"cannot be read inside a function call, even in"
    ) as err:
        mnlogit.fit("y ~ x + C(class, Sum)", data, safe_formula=safe)
    assert "df.rename(columns={'class': 'class_'})" in str(err.value)
    assert "is written in backticks" not in str(err.value)
    # outside a call, backticks are the advice, and they read it
    with pytest.raises(FormulaError, match=r"a column named 'class' is written in backticks"):
        mnlogit.fit("y ~ x + class", data, safe_formula=True)
    assert mnlogit.fit("y ~ x + `class`", data, safe_formula=True).converged
    renamed = data.rename(columns={"class": "class_"})
    assert mnlogit.fit("y ~ x + C(class_, Sum)", renamed, safe_formula=safe).converged


def test_the_command_line_says_to_rename_a_keyword_column_in_the_header_once(df, tmp_path, capsys):
    from mnlogit.__main__ import main

    path = tmp_path / "d.csv"
    df.rename(columns={"g": "class"}).to_csv(path, index=False)
    assert main(["fit", str(path), "y ~ x + C(class)"]) == 2
    err = capsys.readouterr().err
    assert "rename the column in the file's header (e.g. to 'class_')" in err
    assert err.count("cannot be read inside a function call") == 1
    assert "df.rename" not in err and "written in backticks, `class`" not in err


@pytest.mark.parametrize(
    ("term", "said", "followed"),
    [
        ("poly(k, 3)", r"give the term fewer columns \(poly\(k, 2\)\)", "poly(k, 2)"),
        ("poly(k, 3, raw=True)", r"\(poly\(k, 2, raw=True\)\)", "poly(k, 2, raw=True)"),
        ("bs(k, df=5)", r"df=2 or less.*degree= no larger", "bs(k, df=2, degree=2)"),
        ("cr(k, df=4, constraints='center')", r"df=2 or less", "cr(k, df=2, constraints='center')"),
    ],
)
def test_a_basis_wider_than_its_columns_values_says_to_narrow_it(df, term, said, followed):
    # "drop poly(k, 3)[3] from the formula", which a formula cannot do
    data = df.assign(k=np.resize([1.0, 2.0, 4.0], len(df)))
    with pytest.raises(RankError, match=r"'k' has 3 distinct value\(s\) .*at most 2 column") as err:
        mnlogit.fit(f"y ~ {term}", data)
    assert re.search(said, str(err.value)) and "drop them" not in str(err.value)
    assert mnlogit.fit(f"y ~ {followed}", data).converged


@pytest.mark.parametrize("levels", ["['a', 'c']", "'a'"])
def test_levels_that_leave_out_a_level_the_rows_hold_say_what_to_do(df, levels):
    # "only the formula's levels can be encoded", with nothing of what to write
    with pytest.raises(
        mnlogit.exceptions.LevelError,
        match=r"\{[^}]*'d'[^}]*\}; only the formula's levels can be encoded: list each level "
        r"the rows hold in levels=\[\.\.\.\], or drop those rows first",
    ):
        mnlogit.fit(f"y ~ x + C(g, levels={levels})", df)
    assert mnlogit.fit("y ~ x + C(g, levels=['a', 'c', 'd'])", df).converged
    assert mnlogit.fit("y ~ x + C(g, levels=['a', 'c'])", df[df.g != "d"]).converged


@pytest.mark.parametrize("rest", [", data=df", ", data = df, weights = w", ", subset=x > 0"])
def test_r_call_arguments_pasted_after_the_formula_are_named(df, rest, tmp_path, capsys):
    # "cannot be parsed: Unknown operator ','."
    with pytest.raises(FormulaError, match=r"is an argument of a call, not part of a formula"):
        mnlogit.fit(f"y ~ x{rest}", df)
    from mnlogit.__main__ import main

    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), f"y ~ x{rest}"]) == 2
    err = capsys.readouterr().err
    assert "the data file and options are the command's" in err and "mnlogit.fit" not in err


@pytest.mark.parametrize("formula", ["y ~ x + z + x:z + I(x*z)", "y ~ x*z + I(x * z)"])
def test_a_numeric_interaction_spanned_by_another_term_is_not_called_an_empty_cell(df, formula):
    # "columns of an interaction, which a formula cannot drop one by one; with factors, the
    # levels of some cell never occur together": x:z of numbers is one column, with no cells
    with pytest.raises(RankError, match=r"'x:z' are linear combinations .*drop them from") as err:
        mnlogit.fit(formula, df)
    assert "cell" not in str(err.value)
    assert mnlogit.fit("y ~ x + z + I(x*z)", df).converged
