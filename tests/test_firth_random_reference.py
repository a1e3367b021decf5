"""Firth fits of data drawn at random against brglm2::brmultinom(type = "AS_mean")
(tests/reference/make_firth_random.R -> firth_random.csv, firth_random.json): 40 seeded
data sets of 15 to 300 rows and three to five outcomes, completely, quasi-completely and not
separated, some with frequency weights. All 40 agree with brglm2 (coefficients within 3e-8
relative, standard errors within 2.3e-8, penalised likelihood-ratio tests with a by-hand
maximisation), except case 32, where brglm2 stops converged at a lower local maximum, 0.0513
below the fit's (a root of the adjusted score with a negative definite Hessian, as the fit's
is); the cases fitted here are those with a column of scale 1e4 and 1e-4 (one with an outcome
of one row), to keep the test fast.

And two separated data sets with frequency weights (make_firth_random_extra.py) where the
penalised likelihood has several local maxima: every start of the fit stopped at a lower one
than brglm2's converged estimates (0.29 and 0.72 below), reported converged; the fit now
also starts from zero coefficients and from brglm2's own start, maximum likelihood of the
counts plus a half-share in every cell."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "firth_random.json").read_text())
DATA = pd.read_csv(refdata.REF_DIR / "firth_random.csv", keep_default_na=False, na_values=[""])
EXTRA = pd.read_csv(
    refdata.REF_DIR / "firth_random_extra.csv", keep_default_na=False, na_values=[""]
)


def fit(case: str) -> tuple[mnlogit.MNLogitResults, dict]:
    ref = REF[case]
    if case.startswith("extra_"):
        rows = EXTRA[EXTRA["case"] == int(case.removeprefix("extra_"))]
    else:
        rows = DATA[DATA["case"] == int(case)]
    weights = "w" if ref["weighted"] else None
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Firth fit of separated data neither diverges nor warns
        res = mnlogit.fit(ref["formula"], rows, ref=ref["ref"], weights=weights, method="firth")
    return res, ref


def r_table(ref: dict, key: str) -> np.ndarray:
    return np.asarray(ref[key]).T  # terms x outcomes, as mnlogit's params


@pytest.mark.parametrize(
    "case",
    [
        "5",  # x1 of scale 1e4, quasi-separated by a factor level, an outcome of one row
        "6",  # x2 of scale 1e-4, completely separated
        "extra_104",  # several maxima: was 0.29 below brglm2's
        "extra_279",  # 13 rows, 21 coefficients, several maxima: was 0.72 below brglm2's
    ],
)
def test_firth_fit_agrees_with_brglm2(case):
    res, ref = fit(case)
    assert res.converged and ref["converged"]
    assert [str(c) for c in res.params.columns] == ref["outcomes"]
    B, B_r = res.params.to_numpy(), r_table(ref, "coef")
    assert (np.abs(B - B_r) / np.maximum(1.0, np.abs(B_r))).max() < 1e-6
    np.testing.assert_allclose(res.bse.to_numpy(), r_table(ref, "se"), rtol=1e-6)
    np.testing.assert_allclose(res.llf, ref["loglik"], rtol=1e-8)
    np.testing.assert_allclose(res.penalized_llf, ref["penalized_loglik"], rtol=1e-10)
    assert res.penalized_maxima[0] == res.penalized_llf
