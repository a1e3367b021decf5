"""Terms that make text, R's ``ifelse(x > 15, "high", "low")`` written with numpy,
``np.where(x > 15, 'high', 'low')``: a factor, as text is in a formula. formulaic read numpy
text as numbers (failing with "The 'out' kwarg is necessary when using the string multiply
ufunc") and its check for missing values failed on it and on numpy's objects (numpy's "ufunc
'isnan' not supported for the input types").

Against R (tests/reference/make_text_terms.R, on womenlf.csv): nnet::multinom's coefficients,
standard errors and predictions. Tolerances: nnet stops within ~1e-7 of the optimum (reltol
1e-16): coefficients and standard errors to 1e-6 relative and 1e-6 absolute, log-likelihoods
to 1e-9 relative, probabilities to 1e-7."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError, FormulaError, LevelError

REF = json.loads((refdata.REF_DIR / "text_terms.json").read_text())
WOMENLF = pd.read_csv(refdata.REF_DIR / "womenlf.csv")


@pytest.mark.parametrize("name", list(REF["cases"]))
def test_text_made_by_a_term_is_a_factor_as_in_r(name):
    case = REF["cases"][name]
    res = mnlogit.fit(case["formula"], WOMENLF, ref="not.work")
    assert list(res.params.columns) == case["equations"]
    np.testing.assert_allclose(res.params.T.to_numpy(), case["coef"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(res.bse.T.to_numpy(), case["se"], rtol=1e-6, atol=1e-6)
    np.testing.assert_allclose(res.llf, case["loglik"], rtol=1e-9)
    probs = res.predict(pd.DataFrame(REF["newdata"]))[case["levels"]]
    np.testing.assert_allclose(probs.to_numpy(), case["probs"], atol=1e-7)


def test_its_levels_are_named_and_new_values_refused():
    formula = (
        "partic ~ np.where(hincome > 15, 'high', 'low') "
        "+ C(np.where(region == 'Ontario', 'ON', region))"
    )
    res = mnlogit.fit(formula, WOMENLF)
    assert "np.where(hincome > 15, 'high', 'low')[T.low]" in res.params.index
    new = pd.DataFrame({"hincome": [3.0], "region": ["Yukon"]})
    with pytest.raises(LevelError, match="Yukon"):
        res.predict(new)


@pytest.mark.parametrize(
    ("term", "error", "said"),
    [
        ("np.where(hincome > 15, 'high', None)", DataError, "gives missing values"),
        ("np.where(hincome > 15, 1, None)", DataError, "gives missing values"),
        (
            "C(np.where(hincome > 15, 'high', np.nan))",
            FormulaError,
            r"np.where\(cond, 'a', np.nan\) makes no missing value",
        ),
    ],
)
def test_a_term_making_missing_values_among_text_is_refused_saying_so(term, error, said):
    with pytest.raises(error, match=said):
        mnlogit.fit(f"partic ~ {term}", WOMENLF)


@pytest.mark.parametrize(
    "term", ["np.log(region)", "poly(region, 2)", "scale(region)", "bs(region, df=4)"]
)
def test_a_transform_of_a_column_of_text_says_what_the_column_holds(term):
    # the refusal was numpy's alone: "could not convert string to float: 'Atlantic'", "ufunc
    # 'divide' not supported for the input types, and the inputs could not be safely coerced"
    with pytest.raises(
        FormulaError, match=r"column 'region' holds text or categories.*C\(region\)"
    ):
        mnlogit.fit(f"partic ~ {term}", WOMENLF)
