"""Numbers written as a formula's own terms are read as R reads them, or refused: formulaic
ignored a removal of the intercept inside parentheses (``y ~ (x + z - 1)*g``,
``y ~ (0 + x)``), which R applies to the whole model, and a number subtracted other than 1
or 0 (``x - 2``, R's error; ``x - 1.0``, R's removal of the intercept), and fitted an
intercept R's model lacks; and it read ``1:x``, ``0:g`` and ``(x + 1):z`` with the term
R's model leaves out; and it removed a term written after ``+`` (``x + -x``), which R removes
from nothing and keeps. R's readings: tests/reference/make_formula_numbers.R."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import FormulaError

REF = json.loads((refdata.REF_DIR / "formula_numbers.json").read_text())
CASES = REF["cases"]

# formulas R and formulaic read alike: fitted, not refused
ALIKE = {
    "partic ~ hincome - 1",
    "partic ~ 0 + hincome",
    "partic ~ -1 + hincome",
    "partic ~ hincome + (1)",
    "partic ~ (hincome + 1) - 1",
    "partic ~ hincome - 0",
    "partic ~ hincome + 1 - 0",
    "partic ~ hincome - 0 - 1",
    "partic ~ hincome - -1",
    "partic ~ hincome - 1 + 1",
    "partic ~ 0 + hincome + 1",
    "partic ~ hincome + 1 + 0",
    "partic ~ (hincome + children)*region",
    "partic ~ hincome + (children + region)",
    "partic ~ (hincome + children + region)^2 - 1",
    "partic ~ I(hincome - 1) + children",
    "partic ~ hincome + children + (-children)",
    "partic ~ -children + hincome",
    "partic ~ hincome + children + -1",
    "partic ~ hincome + children + -0",
}


# what some refusals say to write
SAID = {
    "partic ~ (hincome + children - 1)*region": r"'- 1' inside parentheses.*top level",
    "partic ~ (0 + hincome)": r"'0' inside parentheses: R reads it as a removal",
    "partic ~ hincome - 2": r"'- 2' subtracts a number.*I\(x - 2\)",
    "partic ~ hincome - 1.0": r"'- 1.0' subtracts a number.*write '- 1'",
    "partic ~ 1:hincome": r"the 1 joined to a term by ':', '\*', '/' or '\^'.*R reads 1:x, x:1",
    # R keeps the term of x*1 and refuses x^1: the refusal said it leaves the term out
    "partic ~ hincome*1": r"x\*1 and x/1 as x",
    "partic ~ (hincome + children)*1": r"x\*1 and x/1 as x",
    "partic ~ hincome^1": r"refuses x\^1",
    # R reads x:1 as no term: the refusal listed only 1:x there, beside "x*1 and x/1 as x"
    "partic ~ (hincome + children):1": r"R reads 1:x, x:1, 1\*x and 1/x as no term",
    "partic ~ 0:region": r"the 0 joined to a term.*removes its intercept",
    "partic ~ hincome*children + -hincome:children": (
        r"'\+ -hincome:children'.*R removes hincome:children from the '-hincome:children' "
        r"alone.*Write '- hincome:children'"
    ),
    "partic ~ log(hincome) + children + -log(hincome)": r"'\+ -log\(hincome\)'.*keeps log",
}


@pytest.fixture(scope="module")
def womenlf():
    return pd.read_csv(refdata.REF_DIR / "womenlf.csv")


def _factors(label: str) -> frozenset[str]:
    return frozenset(part.strip() for part in label.split(":"))


@pytest.mark.parametrize("case", CASES, ids=[c["formula"] for c in CASES])
def test_numbers_in_a_formula_are_read_as_r_reads_them_or_refused(womenlf, case):
    formula = case["formula"]
    try:
        res = mnlogit.fit(formula, womenlf, ref="not.work")
    except FormulaError as refused:
        assert formula not in ALIKE
        assert re.search(SAID.get(formula, "formulaic"), str(refused))
        return
    assert "error" not in case, f"R refuses {formula!r}: {case['error']}"
    terms = res._data.terms
    assert ("Intercept" in terms) == case["intercept"]
    assert {_factors(t) for t in terms if t != "Intercept"} == set(map(_factors, case["terms"]))
    assert formula in ALIKE


def test_every_formula_read_alike_is_in_the_reference():
    assert ALIKE <= {c["formula"] for c in CASES}


@pytest.mark.parametrize("case", REF["advised"], ids=[c["r_formula"] for c in REF["advised"]])
def test_what_a_refusal_advises_fits_rs_model(womenlf, case):
    with pytest.raises(FormulaError, match="inside parentheses"):
        mnlogit.fit(case["r_formula"], womenlf, ref="not.work")
    res = mnlogit.fit(case["formula"], womenlf, ref="not.work")
    assert res.llf == pytest.approx(case["loglik"], rel=refdata.RTOL_LOGLIK)
    assert "Intercept" not in res.params.index
    assert res.params.shape == (len(case["columns"]), 2)
    # the same columns in the same order (R's names them childrenabsent, formulaic
    # children[absent])
    np.testing.assert_allclose(
        res.params.to_numpy(), np.array(case["coef"]).T, rtol=refdata.RTOL_COEF, atol=1e-6
    )


def test_a_removal_after_plus_quotes_the_whole_group_removed(womenlf):
    # the group '(hincome + children)' was quoted as '(hincome'
    with pytest.raises(FormulaError, match=r"'\+ -\(hincome \+ children\)'"):
        mnlogit.fit("partic ~ hincome + children + -(hincome + children)", womenlf)
