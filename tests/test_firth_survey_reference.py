"""A Firth fit with sampling weights against brglm2 (tests/reference/make_firth_survey.R):
the weights are used divided by their mean, so the estimates are brmultinom's with weights
pw / mean(pw), whatever units pw comes in."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "firth_survey.json").read_text())


@pytest.mark.parametrize("units", [1.0, 1e-3, 250.0])
def test_firth_estimates_with_sampling_weights_equal_brglm2_on_weights_of_mean_one(units):
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    res = mnlogit.fit(
        REF["formula"],
        d.assign(pw=d["pw"] * units),
        ref=REF["ref"],
        design=mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum"),
        method="firth",
    )
    assert REF["converged"] and res.converged
    assert list(res.params.index) == REF["terms"]
    for outcome, expected in REF["params"].items():
        np.testing.assert_allclose(res.params[outcome].to_numpy(), expected, rtol=1e-7)
