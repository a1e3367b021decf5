"""A formula that writes a column's name bare where the name needs backticks ('y ~ my var',
'y ~ 2020', 'y ~ x(1)', 'y ~ n%') is refused naming that column and how to write it.

Before, each was refused with formulaic's words only ("Missing operator between `my` and
`var`", "Numeric literals other than `1` can only be used to scale other terms", "name 'x' is
not defined", "Formula ended before quote context was closed"), none of which says that the
data have a column of that name."""

from __future__ import annotations

import io
import keyword

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, FormulaError


def _data(*names: str) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    cols = {name: rng.normal(size=240) for name in names}
    return pd.DataFrame({"y": rng.choice(["a", "b", "c"], 240), "x": rng.normal(size=240), **cols})


@pytest.mark.parametrize(
    ("formula", "name"),
    [
        ("y ~ my var", "my var"),  # formulaic: a missing operator
        ("y ~ x + 2020", "2020"),  # a numeric literal
        ("y ~ n%", "n%"),  # an unclosed quote
        ("y ~ x(1)", "x(1)"),  # parses, then fails as a call of the column x
        ("my y ~ x", "my y"),  # the outcome written bare
    ],
)
def test_bare_name_refused_with_backticks(formula: str, name: str) -> None:
    df = _data("my var", "2020", "n%", "x(1)", "my y")
    with pytest.raises(FormulaError) as info:
        mnlogit.fit(formula, df)
    assert f"the data have a column {name!r}: write it in backticks, `{name}`" in str(info.value)
    quoted = formula.replace(name, f"`{name}`")
    if name == "my y":
        df = df.assign(**{"my y": df["y"]})
    assert mnlogit.fit(quoted, df).converged  # as the advice says


def test_two_bare_names_named_together() -> None:
    with pytest.raises(FormulaError, match="columns 'a b', 'c d': write them in backticks, `a b`"):
        mnlogit.fit("y ~ a b + c d", _data("a b", "c d"))


def test_no_note_for_other_failures() -> None:
    df = _data("my var")
    for formula in ("y ~ x +", "y ~ (x", "y ~ `my var` +"):
        with pytest.raises(FormulaError) as info:
            mnlogit.fit(formula, df)
        assert "backticks" not in str(info.value), formula
    # a name within a longer one is not the column written bare
    with pytest.raises(FormulaError) as info:
        mnlogit.fit("y ~ x2020 x", _data("2020"))
    assert "backticks" not in str(info.value)


def test_operator_name_keeps_its_suggestion() -> None:
    with pytest.raises(ColumnNotFoundError, match="the column 'a-b' is written in backticks"):
        mnlogit.fit("y ~ a-b", _data("a-b"))


_word = st.text(alphabet="abcdefgh", min_size=1, max_size=4).filter(
    lambda s: not keyword.iskeyword(s)
)


@settings(max_examples=25, deadline=None)
@given(first=_word, second=_word)
def test_spaced_names_property(first: str, second: str) -> None:
    """Any two words joined by a space: the bare name is refused naming it, the quoted
    name fits."""
    name = f"{first} {second}"
    df = _data(name)
    with pytest.raises(FormulaError, match=f"write it in backticks, `{name}`"):
        mnlogit.fit(f"y ~ x + {name}", df)
    assert mnlogit.fit(f"y ~ x + `{name}`", df).params.shape == (3, 2)


def test_a_name_inside_a_string_is_not_said_to_need_backticks() -> None:
    df = _data("x-1", "my var")
    df["f"] = np.where(df["x"] > 0, "x-1", "other")  # a level named as a column
    with pytest.raises(FormulaError) as raised:
        mnlogit.fit('y ~ C(f, Treatment("x-1")) + my var', df)
    # was also "the data have columns 'x-1', 'my var': write them in backticks", 'x-1'
    # being the level's string, not a bare name
    assert "the data have a column 'my var': write it in backticks, `my var`" in str(raised.value)
    assert "x-1" not in str(raised.value).split("cannot be parsed")[1]


@pytest.mark.parametrize(("quoted", "written"), [("Q('my y')", "`my y`"), ('Q("y")', "y")])
def test_an_outcome_quoted_with_q_is_told_to_be_written_in_backticks(quoted, written) -> None:
    df = _data("my y", "x-1")
    with pytest.raises(FormulaError) as raised:
        mnlogit.fit(f'{quoted} ~ Q("x-1")', df)
    # was "Compute the outcome column first (a pandas Categorical sets the level order)", and
    # the note that the data have columns 'my y', 'x-1' to write in backticks
    message = str(raised.value)
    assert message.endswith(f'in backticks if it needs quoting: {written} ~ Q("x-1")'), message


@pytest.mark.parametrize(
    ("formula", "column"),
    [
        # "column 'exposure' is not in the data; did you mean 'exposure.time'?": what was written
        ("y ~ np.log(exposure.time)", "exposure.time"),
        # "column 'c' ...; a formula has numpy as np (np.log), not other Python modules"
        ("y ~ I(c.age > 0)", "c.age"),
    ],
)
def test_a_dotted_name_inside_a_call_is_told_its_backticks(formula: str, column: str) -> None:
    # the README's own example: np.log(`exposure.time`); bare, outside a call, it is the column
    df = _data(column).assign(**{column: lambda d: d[column].abs() + 1})
    with pytest.raises(ColumnNotFoundError, match=f"is written in backticks, `{column}`") as err:
        mnlogit.fit(formula, df)
    assert "did you mean" not in str(err.value) and "Python modules" not in str(err.value)
    assert mnlogit.fit(f"y ~ {column}", df).params.index[1] == column


def test_a_blank_header_cells_name_is_explained_beside_the_nearest():
    # 'y ~ Unnamed' was asked "did you mean 'Unnamed: 1'?", which written as asked reads as
    # the interaction of Unnamed and 1
    rng = np.random.default_rng(3)
    df = pd.read_csv(
        io.StringIO(
            "y,,x\n"
            + "".join(f"{'ab'[i % 2]},{i % 5},{v:.3f}\n" for i, v in enumerate(rng.normal(size=30)))
        )
    )
    assert "Unnamed: 1" in df.columns
    with pytest.raises(ColumnNotFoundError) as err:
        mnlogit.fit("y ~ Unnamed", df)
    said = str(err.value)
    assert "'Unnamed: 1' is what a blank header cell is read as" in said
    assert "`Unnamed: 1`" in said
    fit = mnlogit.fit("y ~ `Unnamed: 1`", df)  # as advised
    assert "Unnamed: 1" in fit.params.index
