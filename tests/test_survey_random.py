"""Forty small survey samples drawn at random, each a design at several edges at once,
against R's survey package (tests/reference/make_survey_random.py writes the samples,
make_survey_random.R fits them): strata of one to six PSUs nested in them under each
lonely-PSU option, whole PSUs and scattered rows at weight zero, fpc as counts, fractions or
with a census stratum, rows dropped for a missing value (whole PSUs too) and subpopulations,
for two outcomes (svyglm) and three (svytotal of the influence functions)."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_random.json").read_text())
ROWS = pd.read_csv(refdata.REF_DIR / "survey_random.csv.gz")


def fit(case: dict) -> mnlogit.MNLogitResults:
    design = mnlogit.SurveyDesign(
        weights="w",
        strata="st",
        psu="psu",
        fpc="fpc" if case["fpc"] else None,
        lonely_psu=case["lonely_psu"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rare levels in the small samples
        return mnlogit.fit(
            case["formula"],
            ROWS[ROWS["case"] == case["case"]],
            ref=case["ref"],
            design=design,
            subpop="sub" if case["subpop"] else None,
            missing="drop",
        )


@pytest.mark.parametrize("name", list(REF["cases"]))
def test_estimates_and_linearised_covariance_equal_the_survey_package(name):
    case = REF["cases"][name]
    res = fit(case)
    if "error" in case:  # R's Newton fit stops at a singular information: separation
        assert res.separation is not None
        assert res.bse.isna().to_numpy().all()
        return
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), case["params"], rtol=1e-6)
    expected = np.asarray(case["cov"])
    # svyglm's covariance uses the working weights of glm's last step, which stops on the
    # deviance (a coefficient step of ~1e-8): entries near zero differ by ~1e-8 of the largest
    small = 1e-7 if "binary" in name else 1e-10
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), expected, rtol=1e-6, atol=small * np.abs(expected).max()
    )
    if "degf_R" in case:  # the whole design's df (Stata's convention), never fewer than R's
        assert res.df_design >= case["degf_R"]
