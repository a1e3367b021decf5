"""R's formulas that are not one model's text: update()'s (``update(old, new)``, ``. ~ . + z``),
R's ``.`` with a removal that is a call or a column no formula can write, a package's prefix
(``splines::bs(x)``) and R's conversions (``as.integer()``, ``ordered()``): each is refused
with what to write, and what it says to write fits."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(52)
    n = 120
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.uniform(0.5, 3, n),
            "z": rng.normal(size=n),
            "g": rng.choice(["u", "v", "w"], n),
            "my var": rng.normal(size=n),
        }
    )


def _written(message: str) -> str:
    return re.search(r"e\.g\. (.*?)(?: \(R's|$|;)", message).group(1)


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("update(y ~ x, . ~ . + z)", "y ~ x + z"),
        ("update(y ~ x + g, . ~ .:g)", "y ~ (x + g):g"),
        ("update(y ~ x + g, ~ . - g)", "y ~ x + g - g"),
        ("update(`my var` ~ x, y ~ . + `my var`)", "y ~ x + `my var`"),
    ],
)
def test_rs_update_is_answered_with_the_formula_it_gives(df, formula, written):
    with pytest.raises(FormulaError, match="update\\(\\) is R's") as err:
        mnlogit.fit(formula, df)
    assert _written(str(err.value)) == written
    assert mnlogit.fit(written, df).converged


@pytest.mark.parametrize("formula", [". ~ . + z", ". ~ x", "~ . + z", " . ~ . - g"])
def test_an_update_formula_alone_is_refused_as_update_s_not_formulaics(df, formula):
    """'. ~ x' failed in formulaic's parser naming its context variable
    __formulaic_variables_available__; '. ~ . + z' was answered with '. ~ y + x + ...'."""
    with pytest.raises(FormulaError, match="R's update\\(\\)") as err:
        mnlogit.fit(formula, df)
    said = str(err.value)
    assert "formulaic" not in said and "write the whole formula" in said
    assert "y + x" not in said


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("y ~ . - log(x)", "y ~ x + z + g + `my var` - log(x)"),
        ("y ~ . - np.log(x) - g", "y ~ x + z + `my var` - np.log(x)"),
        # R removes the term x:g, which '.' has not: every column stays
        ("y ~ . - `my var`:g - x", "y ~ z + g + `my var` - `my var`:g"),
        ("y ~ . - x:g", "y ~ x + z + g + `my var` - x:g"),
    ],
)
def test_a_removed_call_beside_dot_leaves_every_column_listed(df, formula, written):
    """'y ~ . - log(x)' was answered with 'y ~ x + z + g + `my var`(x)' and 'y ~ . - x:g'
    with 'y ~ (z + g + `my var`):g': the call's name, and the first factor of an
    interaction, were taken for a column taken away."""
    with pytest.raises(FormulaError, match="every other column") as err:
        mnlogit.fit(formula, df)
    assert _written(str(err.value)) == written
    assert mnlogit.fit(written, df).converged


def test_dot_names_a_column_with_a_backtick_to_rename_not_to_write(df):
    """The column 'e`f' was written `e`f`, which no formula parses."""
    data = df.assign(**{"e`f": np.cos(np.arange(len(df)))})
    with pytest.raises(FormulaError, match="every other column") as err:
        mnlogit.fit("y ~ .", data)
    said = str(err.value)
    assert _written(said) == "y ~ x + z + g + `my var`"
    assert "'e`f' cannot be written in a formula" in said
    assert "df.rename(columns={'e`f': 'e_f'})" in said
    renamed = data.rename(columns={"e`f": "e_f"})
    assert "e_f" in mnlogit.fit("y ~ x + z + g + `my var` + e_f", renamed).params.index


@pytest.mark.parametrize(
    ("formula", "prefix", "without"),
    [
        ("y ~ x + splines::bs(z, df=4)", "splines::", "y ~ x + bs(z, df=4)"),
        ("y ~ stats:::poly(z, 2) + g", "stats:::", "y ~ poly(z, 2) + g"),
        ("y ~ base::log(x)", "base::", "y ~ log(x)"),
    ],
)
def test_rs_package_prefix_is_refused_naming_it(df, formula, prefix, without):
    """formulaic said only "Operator `::` has insuffient arguments and/or is misplaced"."""
    with pytest.raises(FormulaError, match=f"'{re.escape(prefix)}' is R's package prefix"):
        mnlogit.fit(formula, df)
    assert mnlogit.fit(without, df).converged
    # Python's slices are no package prefix
    assert "I(x[::1])" in mnlogit.fit("y ~ I(x[::1])", df).params.index


@pytest.mark.parametrize(
    ("formula", "advice"),
    [
        ("y ~ x + as.integer(g)", r"as\.integer\(\) is R's.*astype\(int\)"),
        ("y ~ x + as.character(z)", r"as\.character\(\) is R's.*C\(x\)"),
        ("y ~ ordered(g)", r"ordered\(\) is R's.*C\(x, Poly\)"),
        ("y ~ x + as.ordered(g)", r"as\.ordered\(\) is R's.*C\(x, Poly\)"),
    ],
)
def test_rs_conversions_are_answered(df, formula, advice):
    """as.integer(g) failed as "invalid syntax", ordered(g) as a column not found."""
    with pytest.raises(FormulaError, match=advice):
        mnlogit.fit(formula, df)
    assert "C(g, Poly)[.L]" in mnlogit.fit("y ~ C(g, Poly)", df).params.index


@pytest.mark.parametrize(
    ("formula", "terms"),
    [
        ("y ~ x + z + `my var` - z", ["Intercept", "x", "my var"]),
        ("y ~ x + `my var` - x + z", ["Intercept", "my var", "z"]),
        ("y ~ (x + `my var`)^2 - `my var`", ["Intercept", "x", "x:my var"]),
    ],
)
def test_a_removal_after_a_backticked_name_is_a_removal(df, formula, terms):
    """The backticked name was blanked before the text was read, so '+ `my var` - z' read as
    '+ - z' and was refused as a removal written after '+'."""
    assert mnlogit.fit(formula, df).params.index.tolist() == terms


def test_a_removal_written_after_plus_still_names_the_backticked_term(df):
    with pytest.raises(FormulaError, match=r"'\+ -`my var`' is read otherwise by R"):
        mnlogit.fit("y ~ x + `my var` + -`my var`", df)


@pytest.mark.parametrize(
    ("formula", "written"),
    [
        ("`my y` ~ .", "`my y` ~ x + z + g + `my var`"),
        ("`my y` ~ . - x", "`my y` ~ z + g + `my var`"),
        ("`my y` ~ .^2", "`my y` ~ (x + z + g + `my var`)^2"),
    ],
)
def test_a_backticked_outcome_beside_dot_is_no_update_formula(df, formula, written):
    data = df.rename(columns={"y": "my y"})
    with pytest.raises(FormulaError, match="every other column") as err:
        mnlogit.fit(formula, data)
    assert _written(str(err.value)) == written
    assert mnlogit.fit(written, data).converged


@pytest.mark.parametrize("call", ["ordered(y)", "as.ordered(y)", "as.character(y)"])
def test_rs_conversions_of_the_outcome_are_answered_with_the_outcome(df, call):
    """They were told to compute the outcome column first; nnet::multinom fits an ordered or
    text outcome as any factor, so the column itself is the answer."""
    with pytest.raises(FormulaError, match=r"is R's; an outcome is read as levels.*write y on"):
        mnlogit.fit(f"{call} ~ x + g", df)


def test_the_command_line_writes_rs_dot_out_from_the_files_header(df, tmp_path, capsys):
    """The command line refused 'y ~ . - x' saying only "name the predictors": the formula was
    checked before the data were read, without the columns the header names."""
    from mnlogit.__main__ import main

    df.to_csv(tmp_path / "d.csv", index=False)
    assert main(["fit", str(tmp_path / "d.csv"), "y ~ . - x"]) == 2
    said = " ".join(capsys.readouterr().err.split())
    assert "e.g. y ~ z + g + `my var` (R's '.'" in said
