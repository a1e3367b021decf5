"""Firth fits of hostile data against brglm2 (tests/reference/make_firth_hostile.R, data by
make_firth_hostile.py): quasi-complete separation by a factor level in one outcome only,
unweighted and with frequency weights, beside columns in units of 1e6 and 1e-6, against
another reference (fitted so, and by ``with_ref``), two outcomes (brglm2's binary
``brglmFit``), and four outcomes where an interaction separates one of them beside a factor
level with a single row. Estimates, standard errors, log-likelihood and penalised
log-likelihood are brglm2's mean-bias reduction (``type = "AS_mean"``); its median-bias
reduction (``"AS_median"``), another estimator, is not what ``method="firth"`` computes."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_LOGLIK, RTOL_SE

import mnlogit

REF = json.loads((refdata.REF_DIR / "firth_hostile.json").read_text())
DATA = pd.read_csv(refdata.REF_DIR / "firth_hostile.csv")
K4 = pd.read_csv(refdata.REF_DIR / "firth_hostile_k4.csv")
R_NAMES = {
    "(Intercept)": "Intercept",
    "gv": "g[T.v]",
    "gw": "g[T.w]",
    "hq": "h[T.q]",
    "hr": "h[T.r]",
    "x:gv": "x:g[T.v]",
    "x:gw": "x:g[T.w]",
}


def binary() -> pd.DataFrame:
    """The rows of outcomes a and b, every row of level w recoded a, as the R script does."""
    b = DATA[DATA["y"] != "c"].copy()
    b.loc[b["g"] == "w", "y"] = "a"
    return b


CASES = {
    "quasi": ("y ~ x + g", DATA, "a", None),
    "quasi_weighted": ("y ~ x + g", DATA, "a", "w"),
    "quasi_xbig": ("y ~ xbig + g", DATA, "a", None),
    "quasi_xsmall": ("y ~ xsmall + g", DATA, "a", None),
    "quasi_ref_c": ("y ~ x + g", DATA, "c", None),
    "quasi_weighted_ref_c": ("y ~ x + g", DATA, "c", "w"),
    "binary": ("y ~ x + g", binary(), "a", None),
    "binary_weighted": ("y ~ x + g", binary(), "a", "w"),
    "k4_weighted": ("y ~ x * g + z + h", K4, "A", "w"),
}


def table(values: dict) -> pd.DataFrame:
    """outcome -> R column -> value as terms x outcomes in mnlogit's names."""
    return pd.DataFrame(values).rename(index=R_NAMES)


def fit(name: str) -> mnlogit.MNLogitResults:
    formula, data, ref, weights = CASES[name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Firth fit of separated data neither diverges nor warns
        return mnlogit.fit(formula, data, ref=ref, weights=weights, method="firth")


def assert_matches(res: mnlogit.MNLogitResults, ref: dict) -> None:
    coef, se = table(ref["coef"]), table(ref["se"])
    assert list(res.params.columns) == list(coef.columns)
    np.testing.assert_allclose(
        res.params.loc[coef.index, coef.columns].to_numpy(), coef.to_numpy(), rtol=RTOL_COEF
    )
    np.testing.assert_allclose(
        res.bse.loc[se.index, se.columns].to_numpy(), se.to_numpy(), rtol=RTOL_SE
    )


@pytest.mark.parametrize("name", list(CASES))
def test_estimates_and_standard_errors_equal_brglm2(name):
    res = fit(name)
    assert res.converged
    assert_matches(res, REF[name])
    np.testing.assert_allclose(res.llf, REF[name]["loglik"], rtol=RTOL_LOGLIK)
    # l + log det I / 2 in the user's units: the columns of 1e6 and 1e-6 move it by
    # log(1e6) per equation, as brglm2's, the estimates staying those of x rescaled
    np.testing.assert_allclose(res.penalized_llf, REF[name]["penalized_loglik"], rtol=RTOL_LOGLIK)


def test_with_ref_is_brglm2s_fit_against_that_reference():
    for name, moved in (("quasi", "quasi_ref_c"), ("quasi_weighted", "quasi_weighted_ref_c")):
        assert_matches(fit(name).with_ref("c"), REF[moved])


def test_the_firth_fit_is_mean_bias_reduction_not_median():
    res = fit("quasi")
    median = table(REF["quasi_median"]["coef"])
    # the separated coefficient is where the two estimators differ most (-3.74 and -4.71)
    gap = np.abs(res.params.loc[median.index, median.columns].to_numpy() - median.to_numpy())
    assert gap.max() > 0.5
    assert table(REF["quasi"]["coef"]).loc["g[T.w]", "c"] == pytest.approx(
        res.params.loc["g[T.w]", "c"], rel=RTOL_COEF
    )
