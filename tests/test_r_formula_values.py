"""Coefficients of R formulas an R user brings, against nnet::multinom
(tests/reference/make_r_formula_forms.R, on womenlf.csv with a factor g, an integer k and
columns named `my var` and `größe`): each R formula, its mnlogit spelling where formulaic's
differs, and mnlogit's name for each of R's columns, in R's order.

The spellings: R's ``factor(k)`` is ``C(k)``, ``relevel(g, ref = "v")`` is
``C(g, Treatment('v'))``, ``poly(x, 3, raw = TRUE)`` is ``poly(x, 3, raw=True)`` and an
ordered factor (R's contr.poly) is ``C(g, Poly)``. The names: R's ``gv`` is ``g[T.v]`` where
g is coded by contrasts and ``g[v]`` where R codes it by a column per level (an interaction
without g's main effect: R's full dummy set, which formulaic gives too); R's numbered
columns ``C(g, contr.sum)1`` are the level they stand for (``[S.u]``, ``[H.v]``), ``go.L`` is
``[.L]``, and ``poly(x, 3, raw = TRUE)1`` to ``3`` are ``[0]`` to ``[2]`` (README: formulaic
counts raw powers from 0, its orthogonal poly() from 1); backticks are not part of a name,
and an interaction keeps the order written (R's ``children:`my var``` for ```my var`:children``).

Tolerances: nnet stops within ~1e-7 of the optimum (reltol 1e-16): coefficients to 1e-6
absolute and 1e-6 relative (those of hincome^3 are of order 1e-5), log-likelihoods to 1e-9
relative."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
import mnlogit.exceptions

REF = json.loads((refdata.REF_DIR / "r_formula_forms.json").read_text())
CASES = {case["formula"]: case for case in REF["cases"]}

# R's formula -> (mnlogit's formula, mnlogit's names of R's columns in R's order)
SPELLED = {
    "partic ~ hincome * `my var` - hincome": (
        None,
        ["Intercept", "my var", "hincome:my var"],
    ),
    "partic ~ (children + g + `my var`)^2": (
        None,
        [
            "Intercept", "children[T.present]", "g[T.v]", "g[T.w]", "my var",
            "children[T.present]:g[T.v]", "children[T.present]:g[T.w]",
            "children[T.present]:my var", "g[T.v]:my var", "g[T.w]:my var",
        ],
    ),
    "partic ~ children / g": (
        None,
        [
            "Intercept", "children[T.present]", "children[absent]:g[T.v]",
            "children[present]:g[T.v]", "children[absent]:g[T.w]", "children[present]:g[T.w]",
        ],
    ),
    "partic ~ hincome + I(hincome^2) + I(hincome^3)": (
        None,
        ["Intercept", "hincome", "I(hincome ** 2)", "I(hincome ** 3)"],
    ),
    "partic ~ poly(hincome, 3, raw = TRUE)": (
        "partic ~ poly(hincome, 3, raw=True)",
        ["Intercept"] + [f"poly(hincome, 3, raw=True)[{i}]" for i in (0, 1, 2)],
    ),
    "partic ~ log(hincome + 1)": (None, ["Intercept", "log(hincome + 1)"]),
    "partic ~ factor(k)": ("partic ~ C(k)", ["Intercept", "C(k)[T.2]", "C(k)[T.3]"]),
    'partic ~ relevel(g, ref = "v")': (
        "partic ~ C(g, Treatment('v'))",
        ["Intercept", "C(g, Treatment('v'))[T.u]", "C(g, Treatment('v'))[T.w]"],
    ),
    "partic ~ C(g, contr.sum)": (
        None,
        ["Intercept", "C(g, contr.sum)[S.u]", "C(g, contr.sum)[S.v]"],
    ),
    "partic ~ C(g, contr.helmert)": (
        None,
        ["Intercept", "C(g, contr.helmert)[H.v]", "C(g, contr.helmert)[H.w]"],
    ),
    "partic ~ go": ("partic ~ C(g, Poly)", ["Intercept", "C(g, Poly)[.L]", "C(g, Poly)[.Q]"]),
    "partic ~ hincome:g": (None, ["Intercept", "hincome:g[u]", "hincome:g[v]", "hincome:g[w]"]),
    "partic ~ 0 + g:hincome": (None, ["g[u]:hincome", "g[v]:hincome", "g[w]:hincome"]),
    "partic ~ g + g:hincome - 1": (
        None,
        ["g[u]", "g[v]", "g[w]", "g[u]:hincome", "g[v]:hincome", "g[w]:hincome"],
    ),
    "partic ~ `größe` + `my var`:g": (
        None,
        ["Intercept", "größe", "my var:g[u]", "my var:g[v]", "my var:g[w]"],
    ),
    "partic ~ children + `my var`:children": (
        None,
        ["Intercept", "children[T.present]", "my var:children[absent]", "my var:children[present]"],
    ),
}  # fmt: skip


def _data() -> pd.DataFrame:
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    row = np.arange(1, len(df) + 1)
    df["g"] = np.array(["u", "v", "w"])[(7 * row) % 3]
    df["k"] = row % 3 + 1
    df["my var"] = np.round(np.cos(row), 4)
    df["größe"] = np.round(np.sin(2 * row), 4)
    return df


DATA = _data()


def test_every_reference_formula_has_its_spelling():
    assert set(SPELLED) == set(CASES)


@pytest.mark.parametrize("formula", list(CASES))
def test_r_formulas_give_nnets_coefficients_under_the_documented_names(formula):
    case = CASES[formula]
    spelled, names = SPELLED[formula]
    assert len(names) == len(case["columns"]) == case["rank"]
    res = mnlogit.fit(spelled or formula, DATA, ref=REF["ref"], tol=1e-14)
    assert res.params.index.tolist() == names
    got = res.params[case["outcomes"]].to_numpy().T
    np.testing.assert_allclose(got, np.array(case["coef"]), rtol=1e-6, atol=1e-6)
    assert res.llf == pytest.approx(case["loglik"], rel=1e-9)


def test_rs_poly_of_two_columns_is_refused_with_a_formula_that_fits_rs_model():
    """formulaic failed with "poly() got multiple values for argument 'degree'"; R's
    poly(x, z, degree = 2) spans x, x^2, z, z^2 and x*z, as the advice does."""
    (case,) = REF["refused"]
    formula = "partic ~ poly(hincome, `my var`, degree=2)"
    with pytest.raises(mnlogit.exceptions.FormulaError, match="R's polynomial in several") as e:
        mnlogit.fit(formula, DATA, ref=REF["ref"])
    advice = re.search(r"e\.g\. (.*?) for R's", str(e.value)).group(1)
    res = mnlogit.fit(f"partic ~ {advice}", DATA, ref=REF["ref"], tol=1e-14)
    assert res.llf == pytest.approx(case["loglik"], rel=1e-9)


@pytest.mark.parametrize("formula", ["partic ~ C(g, contr.sum, 1)", "partic ~ C(g, Sum, 2) + k"])
def test_rs_how_many_contrasts_is_refused_with_the_call_to_write(formula):
    """formulaic failed with "C() takes from 1 to 2 positional arguments but 3 were given"."""
    with pytest.raises(mnlogit.exceptions.FormulaError, match=r"R's how\.many.*write C\(g, "):
        mnlogit.fit(formula, DATA, ref=REF["ref"])


@pytest.mark.parametrize(
    ("written", "reference"),
    [
        ('partic ~ relevel(g, ref = "v")', 'partic ~ relevel(g, ref = "v")'),
        ("partic ~ relevel(factor(g), 'v')", 'partic ~ relevel(g, ref = "v")'),
        ("partic ~ factor(k)", "partic ~ factor(k)"),
        ("partic ~ as.factor(k)", "partic ~ factor(k)"),
        ("partic ~ ordered(g)", "partic ~ go"),
        ("partic ~ as.ordered(g)", "partic ~ go"),
    ],
)
def test_rs_factor_calls_are_answered_with_the_call_that_fits_rs_model(written, reference):
    """The refusal said only 'write C(x, Treatment('level'))'; it now writes the call for the
    column and level given, which fits R's coefficients."""
    with pytest.raises(mnlogit.exceptions.FormulaError, match="is R's") as err:
        mnlogit.fit(written, DATA, ref=REF["ref"])
    call = re.search(r": here (.*)$", str(err.value)).group(1)
    res = mnlogit.fit(f"partic ~ {call}", DATA, ref=REF["ref"], tol=1e-14)
    case = CASES[reference]
    got = res.params[case["outcomes"]].to_numpy().T
    np.testing.assert_allclose(got, np.array(case["coef"]), rtol=1e-6, atol=1e-6)


def test_a_backticked_column_is_written_back_in_backticks():
    data = DATA.rename(columns={"g": "my g"})
    with pytest.raises(mnlogit.exceptions.FormulaError) as err:
        mnlogit.fit("partic ~ hincome + relevel(`my g`, ref='w')", data)
    assert str(err.value).endswith("here C(`my g`, Treatment('w'))")
    assert (
        "C(`my g`, Treatment('w'))[T.u]"
        in mnlogit.fit("partic ~ hincome + C(`my g`, Treatment('w'))", data).params.index
    )
