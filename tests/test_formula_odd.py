"""Odd but valid formulas (R's operators + - * / : ^ %in%, -1 and +0, nested parentheses,
repeated and cancelling terms, I(), poly(), log()) fit the model R fits, or are refused for a
reason that holds in R too or with both readings named: 300 formulas on womenlf.csv against
R's terms(), model.matrix and nnet::multinom (tests/reference/make_odd_formulas.R).

Before, every formula using %in% was refused ("'%in%' is not supported"), also where R and
formulaic read it as the same terms (g + x %in% g, R's usual way of writing a slope within
each level beside the level's own term)."""

from __future__ import annotations

import ast
import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from formulaic.parser import DefaultFormulaParser

import mnlogit
from mnlogit._r_nesting import r_terms
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    FormulaError,
    RankError,
    SeparationWarning,
)

REF = Path(__file__).resolve().parent / "reference"
FORMULAS = pd.read_csv(REF / "odd_formulas.tsv", sep="\t", quoting=3, dtype=str)
R = json.loads((REF / "odd_formulas.json").read_text())["results"]


@pytest.fixture(scope="module")
def womenlf() -> pd.DataFrame:
    df = pd.read_csv(REF / "womenlf.csv")
    row = np.arange(1, len(df) + 1)
    return df.assign(x=np.round(3 * np.sin(row), 4), g=np.array(["u", "v", "w"])[(7 * row) % 3])


def _atom(text: str) -> str:
    """A variable of a term as Python writes it back (R's ^ as **)."""
    try:
        return ast.unparse(ast.parse(text.replace("^", "**"), mode="eval"))
    except SyntaxError:
        return text


def _tokens(formula: str) -> list[tuple[str, str]]:
    tokens = [(str(t), t.kind.name) for t in DefaultFormulaParser().get_tokens(formula)]
    return tokens[tokens.index(("~", "OPERATOR")) + 1 :]


def _reading(intercept: bool, terms) -> tuple[bool, set[frozenset[str]]]:
    return intercept, {frozenset(_atom(v) for v in t) for t in terms}


def test_r_reading_of_the_formulas_is_that_of_r_terms():
    """The term algebra that decides whether R reads a formula with %in% as formulaic does
    gives R's terms() for every formula it reads (all but the two with R's offset())."""
    unread = []
    for _, f in FORMULAS.iterrows():
        got = r_terms(_tokens(f.python))
        if got is None:
            unread.append(f.r)
            continue
        want = _reading(R[f.id]["intercept"], [t.split(":") for t in R[f.id]["terms"]])
        assert _reading(*got) == want, f.r
    assert unread == ["partic ~ offset(hincome/10) + children", "partic ~ hincome + offset(x)"]


def _allowed_refusal(err: Exception, f: pd.Series) -> bool:
    """Whether refusing ``f`` is right: R's design is rank deficient too (R's multinom fits
    coefficients that are not identified), R and formulaic read the formula otherwise and
    the message names R's reading, R codes a factor otherwise, or R's offset()."""
    said, r = str(err), R[f.id]
    if isinstance(err, RankError):
        return r["rank"] < len(r["columns"])
    if not isinstance(err, FormulaError):
        return False
    if "'%in%' means other terms in R and in formulaic" in said:
        reading = r_terms(_tokens(f.python))
        return reading is None or "R reads it as" in said
    return "R's model.matrix codes" in said or "offset() (a term whose" in said


@pytest.mark.parametrize("key", list(FORMULAS.id))
def test_an_odd_formula_fits_as_r_fits_it_or_is_refused_for_a_reason(womenlf, key):
    f = FORMULAS.set_index("id").loc[key].copy()
    f["id"] = key
    r = R[key]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            res = mnlogit.fit(f.python, womenlf)
        except (FormulaError, DataError, RankError) as err:
            if "error" in r:  # R cannot fit it either (no columns; multinom with an offset)
                return
            assert _allowed_refusal(err, f), f"{f.python}: refused, R fits it: {err}"
            return
    assert "error" not in r, f"{f.python}: fitted, R refuses it: {r['error']}"
    separated = any(issubclass(w.category, SeparationWarning) for w in caught)
    if separated:  # neither maximum exists; both stop near the supremum
        assert res.llf == pytest.approx(r["loglik"], abs=0.05)
    elif not r["converged"]:  # nnet stopped early: the maximum is at least its value
        assert res.llf >= r["loglik"] - 1e-6
    else:  # nnet's BFGS stops up to 1e-4 short of the maximum
        assert r["loglik"] - 1e-7 <= res.llf <= r["loglik"] + 1e-4
        assert res.params.shape[0] == r["rank"]


@pytest.mark.parametrize(
    "formula",
    ["g + x %in% g", "hincome + region %in% hincome", "(x + hincome) %in% g + g"],
)
def test_nesting_that_r_and_formulaic_read_alike_is_fitted(womenlf, formula):
    (key,) = FORMULAS.id[FORMULAS.r == f"partic ~ {formula}"]
    res = mnlogit.fit(f"partic ~ {formula}", womenlf)
    assert R[key]["loglik"] - 1e-7 <= res.llf <= R[key]["loglik"] + 1e-4
    assert res.params.shape[0] == len(R[key]["columns"])


def test_nesting_read_otherwise_names_both_readings(womenlf):
    with pytest.raises(FormulaError) as err:
        mnlogit.fit("partic ~ hincome * x %in% g", womenlf)
    assert (
        "R reads it as 'hincome + x:g + hincome:x:g', formulaic as "
        "'g + g:hincome + g:x + g:hincome:x'" in str(err.value)
    )


def test_the_readings_write_odd_names_as_a_formula_does(womenlf):
    df = womenlf.rename(columns={"x": "my x", "g": "class"})
    with pytest.raises(FormulaError) as err:
        mnlogit.fit("partic ~ `my x` %in% `class`", df)
    assert "R reads it as '`my x`:`class`', formulaic as '`class` + `class`:`my x`'" in str(
        err.value
    )
    # R's reading as it is written there fits, and the nesting beside its margin is read alike
    alike = mnlogit.fit("partic ~ `class` + `my x` %in% `class`", df)
    assert alike.llf == pytest.approx(
        mnlogit.fit("partic ~ `class` + `class`:`my x`", df).llf, rel=1e-12
    )
    assert mnlogit.fit("partic ~ `my x`:`class`", df).converged


def test_a_column_with_a_backtick_in_its_name_is_to_be_renamed(womenlf):
    """`x\\`y` (R's way of writing x`y) is looked up as x\\`y, and the refusal suggested the
    column 'x`y', which no formula can write."""
    df = womenlf.rename(columns={"x": "x`y"})
    with pytest.raises(ColumnNotFoundError, match=r"has a backtick in its name") as err:
        mnlogit.fit("partic ~ `x\\`y` + g", df)
    assert "df.rename(columns={'x`y': 'x_y'})" in str(err.value)
    assert "did you mean" not in str(err.value)
