"""Python a formula cannot evaluate is refused saying what to write instead: Q() of a name
that holds quotes (formulaic's SyntaxError inside its refusal), pandas called in a formula
(refused as "column 'pd' is not in the data"), a date level named as text, and a
Treatment() base that is nearly a level."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, FormulaError, LevelError


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 200
    dates = pd.to_datetime(["2024-01-01", "2024-06-01", "2024-09-01"])
    return pd.DataFrame(
        {
            "mode": rng.choice(["a", "b", "c"], n),
            'x, "q"': rng.normal(size=n),
            "d": rng.choice(dates, n),
        }
    )


@pytest.mark.parametrize("formula", ["mode ~ Q('x, \"q\"')", 'mode ~ Q("x, \\"q\\"")'])
def test_q_of_a_name_with_quotes_says_to_write_backticks(df, formula):
    with pytest.raises(FormulaError) as caught:
        mnlogit.fit(formula, df)
    said = str(caught.value)
    assert "SyntaxError" not in said, said
    assert 'write the name in backticks instead: `x, "q"`' in said, said
    # the advice works
    assert 'x, "q"' in mnlogit.fit('mode ~ `x, "q"`', df).params.index


@pytest.mark.parametrize(
    "spelled", ["pd.Timestamp('2024-06-01')", 'reference=pd.Timestamp("2024-06-01")']
)
def test_a_pandas_date_as_baseline_says_to_name_it_with_numpy(df, spelled):
    # it said "column 'pd' is not in the data; did you mean 'd'?"
    with pytest.raises(ColumnNotFoundError) as caught:
        mnlogit.fit(f"mode ~ C(d, Treatment({spelled}))", df)
    said = str(caught.value)
    assert "did you mean" not in said, said
    assert "a formula has numpy as np (np.log), not other Python modules" in said, said
    assert "name the date with numpy: Treatment(np.datetime64('2024-06-01'))" in said, said
    # the advice works: the date is the baseline
    res = mnlogit.fit("mode ~ C(d, Treatment(np.datetime64('2024-06-01')))", df)
    levels = [t.split("[T.")[1] for t in res.params.index if t.startswith("C(d")]
    assert levels == ["2024-01-01 00:00:00]", "2024-09-01 00:00:00]"], levels


def test_a_date_level_named_as_text_says_how_to_name_it(df):
    # its levels were listed, Timestamp('2024-06-01 00:00:00') among them, with nothing of why
    with pytest.raises(LevelError) as caught:
        mnlogit.fit("mode ~ C(d, Treatment('2024-06-01'))", df)
    said = str(caught.value)
    assert said.endswith("name the date with numpy, Treatment(np.datetime64('2024-06-01'))")


def test_pandas_in_a_formula_says_a_formula_has_numpy_only(df):
    # "did you mean 'd'?" hid that a formula has no pandas
    with pytest.raises(ColumnNotFoundError) as caught:
        mnlogit.fit("mode ~ I(pd.to_numeric(d))", df)
    said = str(caught.value)
    assert "did you mean" not in said and "not other Python modules" in said, said


def test_q_of_a_name_with_a_backslash_says_to_write_backticks():
    # formulaic's KeyError "Q('a\\\\b')" inside its refusal said nothing of what to write
    rng = np.random.default_rng(4)
    df = pd.DataFrame({"y": rng.integers(0, 3, 120), "a\\b": rng.normal(size=120)})
    with pytest.raises(FormulaError) as caught:
        mnlogit.fit("y ~ Q('a\\\\b')", df)
    assert "write the name in backticks instead: `a\\b`" in str(caught.value), caught.value
    assert "a\\b" in mnlogit.fit("y ~ `a\\b`", df).params.index


@pytest.mark.parametrize(
    ("column", "spelled", "said"),
    [
        ("k", "'2'", "('2' is a str; the level 2 is a number)"),
        ("b", "'True'", "('True' is a str; the level True is a boolean)"),
        ("s", "'V'", "('V' and the level 'v' differ only by letter case)"),
        ("s", "' v'", "(' v' and the level 'v' differ only by white space)"),
    ],
)
def test_a_treatment_base_near_a_level_says_which(column, spelled, said):
    # "names '2', which is no level of 'k'; its levels are 0, 1, 2" said nothing of why
    rng = np.random.default_rng(6)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], 150),
            "k": rng.integers(0, 3, 150),
            "b": rng.choice([True, False], 150),
            "s": rng.choice(["u", "v", "w"], 150),
        }
    )
    with pytest.raises(LevelError) as caught:
        mnlogit.fit(f"y ~ C({column}, Treatment({spelled}))", df)
    assert str(caught.value).endswith(said), caught.value


@pytest.mark.parametrize("spelled", ["-2", "reference=5", "reference='V'"])
def test_a_negative_or_reference_base_that_is_no_level_lists_the_levels(spelled):
    # formulaic's "Value `5` for `TreatmentContrasts.base` is not among the provided levels"
    # named none of them
    rng = np.random.default_rng(7)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], 150),
            "k": rng.integers(-1, 2, 150),
            "s": rng.choice(["u", "v"], 150),
        }
    )
    column = "s" if "V" in spelled else "k"
    with pytest.raises(LevelError) as caught:
        mnlogit.fit(f"y ~ C({column}, Treatment({spelled}))", df)
    levels = "'u', 'v'" if column == "s" else "-1, 0, 1"
    assert f"which is no level of {column!r} in the rows used; its levels are {levels}" in str(
        caught.value
    )
    assert mnlogit.fit("y ~ C(k, Treatment(reference=-1))", df).params.index[1].endswith("[T.0]")


@pytest.mark.parametrize(
    ("values", "listed"),
    [
        # sorted as text, 10 came between 1 and 2 and the list ended at 10 levels unsaid
        (np.arange(120) % 15 + 1, "1, 2, 3, 4, 5, 6, 7, 8, 9, 10, ... (15 in all)"),
        # a Categorical's own order, not the alphabet's
        (
            pd.Categorical(
                np.resize(["work", "leisure", "shopping"], 120),
                categories=["work", "shopping", "leisure", "unused"],
            ),
            "'work', 'shopping', 'leisure'",
        ),
    ],
)
def test_a_base_that_is_no_level_lists_the_levels_in_their_order(values, listed):
    rng = np.random.default_rng(3)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 120), "g": values})
    with pytest.raises(LevelError) as caught:
        mnlogit.fit("y ~ C(g, Treatment('unused'))", df)
    assert str(caught.value).endswith(f"its levels are {listed}"), caught.value
