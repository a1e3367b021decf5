"""Fits at the extremes of size against R (tests/reference/make_extremes.R, VGAM::vglm to
epsilon 1e-14, nnet::multinom's log-likelihood beside it): 30 outcome levels of which five
have 2 to 7 rows (87 coefficients), and three rows, unweighted and with frequency weights of
1e8 to 3e8."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, RTOL_COEF, RTOL_LOGLIK, RTOL_SE, expected

import mnlogit

THREE_ROWS = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": ["a", "b", "a"], "w": [1e8, 3e8, 2e8]})

CASES = {
    "rare_levels": ("y ~ x + z", lambda: pd.read_csv(REF_DIR / "rare_levels.csv"), None),
    "three_rows": ("y ~ x", lambda: THREE_ROWS, None),
    "three_rows_weighted": ("y ~ x", lambda: THREE_ROWS, "w"),
}


@pytest.mark.parametrize("case", CASES)
def test_extreme_fits_match_r(case):
    ref = expected("extremes")
    want = ref[case]
    formula, data, weights = CASES[case]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)  # rare, and said so
        res = mnlogit.fit(formula, data(), weights=weights)
    assert res.converged
    terms = ref["terms"][case.removesuffix("_weighted")]
    outcomes = np.atleast_1d(want["outcomes"]).tolist()
    assert list(res.params.index) == terms and list(res.equations) == outcomes
    params = np.asarray(want["params"], dtype=float)
    # a slope that is exactly 0 in both is compared on the scale of its standard error
    atol = 1e-9 * float(np.min(want["bse"]))
    np.testing.assert_allclose(res.params.to_numpy(), params, rtol=RTOL_COEF, atol=atol)
    np.testing.assert_allclose(res.bse.to_numpy(), want["bse"], rtol=RTOL_SE)
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(res.llf, want["loglik_nnet"], rtol=RTOL_LOGLIK)
