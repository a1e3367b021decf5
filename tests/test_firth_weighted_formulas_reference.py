"""Firth fits with frequency weights (a third of them 0) on formula features the other Firth
references fit unweighted: an orthogonal polynomial crossed with a factor (its basis taken
over every row, weight 0 or not, as R's model frame gives it), factor-specific slopes without
an intercept, and a sum-coded factor crossed with another; against brglm2::brmultinom
(tests/reference/make_firth_weighted_formulas.R)."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_SE

import mnlogit

REF = json.loads((refdata.REF_DIR / "firth_weighted_formulas.json").read_text())
DATA = pd.read_csv(refdata.REF_DIR / "firth_weighted_formulas.csv")


@pytest.mark.parametrize("case", REF["fits"], ids=lambda c: c["formula"])
def test_weighted_firth_fit_equals_brglm2(case):
    assert case["converged"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no separation, no convergence warning
        res = mnlogit.fit(case["formula"], DATA, ref=REF["ref"], weights="w", method="firth")
    assert res.converged
    assert res.nobs == DATA["w"].sum()
    assert list(res.params.columns) == case["outcomes"]
    np.testing.assert_allclose(res.params.to_numpy().T, case["params"], rtol=RTOL_COEF, atol=1e-9)
    np.testing.assert_allclose(res.cov_params().to_numpy(), case["vcov"], rtol=RTOL_SE, atol=1e-12)
