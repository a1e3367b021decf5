"""R's formula spellings against R itself: formulas over a small data set (a number with
negative values, one with zeros, a logical, a factor with a level no row has, an ordered
factor), R's `model.matrix` and `nnet::multinom` in tests/reference/make_formula_differential.R.
A formula mnlogit fits is R's model (the same log-likelihood and number of free columns, and
R's coefficients where the coding is R's); one it reads otherwise than R is refused, saying
what R reads and what to write."""

from __future__ import annotations

import json
import re
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import MNLogitError

REF = json.loads((refdata.REF_DIR / "formula_differential.json").read_text())
FITS = {case["formula"]: case for case in REF["fits"]}

# one of each operator and coding (every fitted formula agreed when the reference was made)
FITTED = [
    "y ~ x * f",
    "y ~ f:x - 1",
    "y ~ f:g + x",
    "y ~ (x + f + b)^2 - x:f",
    "y ~ f / x - 1",
    "y ~ f + x %in% f",
    "y ~ g / x",
    "y ~ x * f - x",
    "y ~ I(x^2) * f",
    "y ~ x + I(x * v)",
    "y ~ log(z + 1)",
    "y ~ poly(x, 2) + f",
    "y ~ C(f, contr.sum) * x",
    "y ~ C(f, contr.helmert) + x",
    "y ~ C(f, contr.SAS)",
    "y ~ o * x",
    "y ~ b * x",
    "y ~ x^2",
    "y ~ (x + f)/z",
    "y ~ log(z + 1) * g * z + 0",
    "y ~ o : I(x * z) - 1",
    "y ~ x / C(f, contr.sum) - x",
    "y ~ x:f - 1 + f",
    "y ~ bs(x, 3)",
    "y ~ I(v^(1/2))",
]

# R spellings formulaic reads otherwise or not at all, and what the refusal says
REFUSED = {
    "y ~ x %in% f": r"R reads it as 'x:f', formulaic as 'f \+ f:x'",
    "y ~ (x + z + f)^2 - z": r"codes f by contrasts in the term 'z:f'",
    "y ~ poly(x, 2, raw = TRUE)": r"TRUE is R's: write True",
    "y ~ C(f, contr.treatment(3, base = 2))": r"second of n levels",
    "y ~ C(f, contr.treatment, base = 2)": r"given base=.*Treatment\('level'\)",
    "y ~ C(f, sum)": r"write C\(f, Sum\)",
    "y ~ b:x": r"Write C\(b\) in place of b",
    "y ~ . - g": r"name the predictors, e.g. y ~ x \+ z \+ v \+ b \+ f \+ o",
    'y ~ relevel(f, ref = "q")': r"C\(f, Treatment\(\"q\"\)\)",
    "y ~ factor(b)": r"here C\(b\)",
    "y ~ abs(x)": r"write np\.abs\(\.\.\.\)",
    "y ~ I(x %% 1)": r"'%%' is R's.*write %",
}


@pytest.fixture(scope="module")
def data():
    df = pd.DataFrame(REF["data"])
    df["b"] = df["b"].astype(bool)
    df["g"] = pd.Categorical(df["g"], categories=REF["g_levels"])
    df["o"] = pd.Categorical(df["o"], categories=REF["o_levels"], ordered=True)
    return df


@pytest.mark.parametrize("formula", FITTED)
def test_formula_fits_r_model(data, formula):
    want = FITS[formula]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # x^2's note that it is x
        res = mnlogit.fit(formula, data, ref="A")
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=refdata.RTOL_LOGLIK)
    assert res.params.shape == (want["rank"], 2)
    if not re.search(r"\b[og]\b", formula):
        # o (ordered: contr.poly in R) and g (an unused level: R's column of zeros) aside,
        # R's coding and column order: the coefficients column by column (nnet's BFGS)
        got = res.params[["B", "C"]].to_numpy()
        ref = np.array([list(want["coef"][k].values()) for k in ("1", "2")]).T
        np.testing.assert_allclose(got, ref, rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("formula", REFUSED)
def test_formula_read_otherwise_is_refused_with_advice(data, formula):
    assert "loglik" in FITS[formula]  # a model R fits
    with pytest.raises(MNLogitError, match=REFUSED[formula]):
        mnlogit.fit(formula, data, ref="A")
