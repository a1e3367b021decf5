"""Formulas whose terms lack their margins, against R's model.matrix and nnet::multinom
(tests/reference/make_r_coding.R): R reads a logical as a factor and codes factors by its own
rule, so mnlogit fits R's model exactly or refuses the formula, saying what to write."""

from __future__ import annotations

import json
import warnings
from itertools import combinations

import numpy as np
import pandas as pd
import pytest
import refdata
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit._r_coding import r_codes
from mnlogit.exceptions import FormulaError
from mnlogit.formula import build_design

REF = json.loads((refdata.REF_DIR / "r_coding.json").read_text())
CASES = {case["formula"]: case for case in REF["cases"]}


@pytest.fixture(scope="module")
def df():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    df["flag"] = np.arange(1, len(df) + 1) % 3 == 0
    return df


@pytest.mark.parametrize("formula", list(CASES))
def test_r_designs_are_fitted_exactly_or_refused(df, formula):
    case = CASES[formula]
    if case["refuse"]:
        with pytest.raises(FormulaError, match=r"R|C\("):
            mnlogit.fit(formula, df, ref=REF["ref"])
        return
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no separation or convergence warning
        res = mnlogit.fit(formula, df, ref=REF["ref"], tol=1e-14)
    assert res.llf == pytest.approx(case["loglik"], abs=1e-7)
    assert len(res.params.index) == case["rank"]
    if case["coef"] is not None:  # R's design has full rank: the same columns, in order
        assert len(res.params.index) == len(case["columns"])
        got = res.params[case["outcomes"]].to_numpy().T
        np.testing.assert_allclose(got, np.array(case["coef"]), rtol=1e-5, atol=1e-6)


def test_refusals_say_what_to_write(df):
    with pytest.raises(FormulaError, match=r"Write C\(flag\) in place of flag"):
        mnlogit.fit("partic ~ hincome:flag", df)
    with pytest.raises(FormulaError, match=r"Write C\(hincome > 20\) in place of I"):
        mnlogit.fit("partic ~ 0 + I(hincome > 20)", df)
    with pytest.raises(FormulaError, match=r"add hincome to the formula"):
        mnlogit.fit("partic ~ hincome:log(hincome) + region:hincome", df)


def test_a_boolean_main_effect_beside_the_intercept_stays_one_column(df):
    res = mnlogit.fit("partic ~ hincome + flag", df)
    assert list(res.params.index) == ["Intercept", "hincome", "flag"]


@pytest.mark.parametrize(
    ("terms", "intercept", "want"),
    [
        # R's TermCode: contrasts when the rest of the term is in an earlier one
        ([{"x", "z"}, {"g", "x"}], True, [{}, {"g": 1}]),
        ([{"g", "x"}, {"x", "z"}], True, [{"g": 2}, {}]),
        ([{"g"}, {"g", "h"}], True, [{"g": 1}, {"g": 2, "h": 1}]),
        ([{"g", "h"}], True, [{"g": 2, "h": 2}]),
        # without an intercept the first term with a factor has a column per level
        ([{"x"}, {"g"}, {"h"}], False, [{}, {"g": 2}, {"h": 1}]),
        ([{"x"}, {"g", "x"}], False, [{}, {"g": 2}]),
    ],
)
def test_r_codes_follow_termcode(terms, intercept, want):
    got = r_codes([frozenset(t) for t in terms], {"g", "h"}, intercept)
    assert got == want


def test_the_summary_names_each_treatment_baseline(df):
    # Python sorts text by code point ("B" before "a"), R by its locale ("a" before "B" in
    # en_US): g[T.a] is against B here, against nothing R would call g's first level
    d = df.assign(g=np.where(df["region"] == "Ontario", "a", np.where(df.hincome > 20, "B", "c")))
    res = mnlogit.fit("partic ~ g + C(children, Treatment('present')) + hincome", d)
    assert list(res.params.index[1:3]) == ["g[T.a]", "g[T.c]"]
    text = str(res.summary())
    assert "Baselines  g = B, C(children, Treatment('present')) = present\n" in text
    assert "Baselines" not in str(mnlogit.fit("partic ~ hincome + C(region, Sum)", d).summary())


_VARIABLES = ["hincome", "children", "flag", "I(hincome > 20)", "log(hincome)"]


@settings(derandomize=True, max_examples=40, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_VARIABLES), min_size=1, max_size=3, unique=True),
        min_size=1,
        max_size=3,
    )
)
def test_formulas_with_their_margins_are_never_refused(terms):
    # a*b*c brings every margin of its interactions: R and formulaic code them alike, and
    # R's rule codes every factor by contrasts beside the intercept
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    df["flag"] = np.arange(1, len(df) + 1) % 3 == 0
    formula = "partic ~ " + " + ".join("*".join(t) for t in terms)
    design = build_design(formula, df, limit_parameters=False)
    wanted = {frozenset(c) for t in terms for r in range(1, len(t) + 1) for c in combinations(t, r)}
    order = sorted(wanted, key=len)
    assert all(c == 1 for own in r_codes(order, set(_VARIABLES), True) for c in own.values())
    assert design.X.shape[1] >= len(order)
