"""A column name or a level holding a backtick, which no formula can write.

formulaic reads a backtick inside quotes as opening a name in backticks: ``Q('x`tick')`` got
a bare "cannot be parsed: Formula ended before quote context was closed", and the column
written bare was advised to be written in backticks, ```x`tick```, which fails in turn (a
name in backticks ends at its next backtick). Each refusal now says the backtick cannot be
written and how to replace it in the data.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError

RENAME = "rename the column first, e.g. df.rename(columns={'x`tick': 'x_tick'})"


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(0)
    n = 120
    return pd.DataFrame(
        {
            "x`tick": rng.normal(size=n),
            "z": rng.normal(size=n),
            "g": rng.choice(["a`b", "c", "d"], n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )


@pytest.mark.parametrize(
    "formula",
    [
        "y ~ Q('x`tick')",
        'y ~ z + Q("x`tick")',
        "y ~ np.log(Q('x`tick') ** 2)",
        "y ~ C(Q('x`tick'))",
    ],
)
def test_q_of_a_name_holding_a_backtick_says_to_rename_it(df, formula):
    with pytest.raises(FormulaError) as refused:
        mnlogit.fit(formula, df)
    message = str(refused.value)
    assert "names a column whose backtick a formula cannot write" in message
    assert message.endswith(RENAME)
    assert "cannot be parsed" not in message


@pytest.mark.parametrize("formula", ["y ~ x`tick", "y ~ `x``tick` + z"])
def test_the_name_written_otherwise_is_not_told_to_go_in_backticks(df, formula):
    with pytest.raises(FormulaError) as refused:
        mnlogit.fit(formula, df)
    message = str(refused.value)
    assert "the data have a column 'x`tick', whose backtick a formula cannot write" in message
    assert message.endswith(RENAME)
    assert "write it in backticks" not in message


@pytest.mark.parametrize("formula", ["y ~ z + C(g, Treatment('a`b'))", "y ~ z + I(g == 'a`b')"])
def test_a_level_holding_a_backtick_says_to_replace_it(df, formula):
    with pytest.raises(FormulaError) as refused:
        mnlogit.fit(formula, df)
    message = str(refused.value)
    assert "the text 'a`b' holds a backtick" in message
    assert message.endswith("e.g. df['g'] = df['g'].str.replace('`', '_'), and write 'a_b'")
    renamed = df.assign(g=df["g"].str.replace("`", "_"))  # the advice can be followed
    assert mnlogit.fit(formula.replace("a`b", "a_b"), renamed).converged


def test_the_advice_to_rename_can_be_followed(df):
    renamed = df.rename(columns={"x`tick": "x_tick"})
    assert mnlogit.fit("y ~ x_tick", renamed).converged


def test_an_even_number_of_backticks_in_quotes_still_reads():
    rng = np.random.default_rng(1)
    data = pd.DataFrame({"x`t`y": rng.normal(size=90), "y": rng.choice(["a", "b", "c"], 90)})
    assert mnlogit.fit("y ~ Q('x`t`y')", data).params.index[1] == "Q('x`t`y')"


def test_a_name_of_two_backticks_is_told_to_go_in_q():
    rng = np.random.default_rng(2)
    data = pd.DataFrame({"x`t`y": rng.normal(size=90), "y": rng.choice(["a", "b", "c"], 90)})
    with pytest.raises(FormulaError, match=r"write it as Q\('x`t`y'\)$"):
        mnlogit.fit("y ~ `x`t`y`", data)


def test_a_level_of_two_backticks_is_a_treatment_baseline():
    # the level was read as 'a_quoted0_' (its backticks taken for a name) and refused
    rng = np.random.default_rng(3)
    data = pd.DataFrame(
        {
            "g": np.tile(["a`b`", "c", "d"], 40),
            "x": rng.normal(size=120),
            "y": rng.choice(["a", "b", "c"], 120),
        }
    )
    res = mnlogit.fit("y ~ x + C(g, Treatment('a`b`'))", data)
    assert [c for c in res.params.index if c.startswith("C(")] == [
        "C(g, Treatment('a`b`'))[T.c]",
        "C(g, Treatment('a`b`'))[T.d]",
    ]


@pytest.mark.parametrize(
    ("column", "formula"),
    [
        # was "`` (empty backticks) names no column; ... a column whose name is empty"
        ("a``b", "y ~ z + a``b"),
        ("tw`o`", "y ~ z + `tw`o``"),
        ("``", "y ~ z + ``"),
        # was "column 'a' is not in the data (columns: ..., `a`)", nothing of how to name it
        ("`a`", "y ~ z + `a`"),
    ],
)
def test_a_column_of_two_backticks_written_as_it_is_is_told_to_go_in_q(df, column, formula):
    data = df.assign(**{column: np.random.default_rng(1).normal(size=len(df))})
    with pytest.raises(mnlogit.exceptions.MNLogitError) as info:
        mnlogit.fit(formula, data)
    assert f"the data have a column {column!r}: write it as Q({column!r})" in str(info.value)
    advised = mnlogit.fit(f"y ~ z + Q({column!r})", data)
    assert f"Q({column!r})" in advised.params.index
