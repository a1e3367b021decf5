"""Rao and Scott's working likelihood-ratio test of coefficients with a design-based variance
in a fit where other coefficients have none (one PSU's rows determine them alone, NaN in
res.bse): the test was NaN, saying a tested coefficient had no variance, where R's
regTermTest reads only the tested coefficients' block. R reference:
tests/reference/make_survey_lr_owned.R."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

OUTCOMES = {"binary": ("awards", "No"), "three": ("perf", "low")}


@pytest.mark.parametrize("case", OUTCOMES)
def test_a_coefficient_beside_coefficients_one_psu_determines_matches_r(case):
    ref = json.loads((refdata.REF_DIR / "survey_lr_owned.json").read_text())[case]
    y, level = OUTCOMES[case]
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    d["g"] = (d["dnum"] % 5).astype(str)
    design = mnlogit.SurveyDesign(weights="pw", psu="g")
    full = mnlogit.fit(f"{y} ~ meals + ell + C(g)", d, ref=level, design=design)
    small = mnlogit.fit(f"{y} ~ meals + C(g)", d, ref=level, design=design)
    assert full.bse.loc["Intercept"].isna().all()  # the premise: the intercept has none
    test = mnlogit.lr_test(small, full)
    np.testing.assert_allclose(test.statistic, ref["chisq"], rtol=1e-9)
    assert test.df == ref["df"]
    lam = np.sort(test.details["design_effects"])
    np.testing.assert_allclose(lam, np.atleast_1d(ref["lambda"]), rtol=1e-8)
    assert test.details["df_denom"] == ref["ddf"]
    np.testing.assert_allclose(test.pvalue, ref["p"], rtol=1e-6)
