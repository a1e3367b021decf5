"""Survey data: probability weights, strata, PSUs, fpc and subpopulations against R's survey
package (tests/reference/make_survey.R), and the inference that goes with them."""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

RTOL = 1e-6


@cache
def survey_ref() -> dict:
    return json.loads((refdata.REF_DIR / "survey.json").read_text())


@cache
def api(table: str) -> pd.DataFrame:
    return pd.read_csv(refdata.REF_DIR / f"{table}.csv")


CASES = list(survey_ref()["cases"])


def fit_case(name: str, **options):
    c = survey_ref()["cases"][name]
    design = mnlogit.SurveyDesign(**c["python_design"], lonely_psu=c["lonely_psu"])
    subpop = c["subpop"].replace("comp_imp == 'Yes'", "comp_imp == 'Yes'") if c["subpop"] else None
    return c, mnlogit.fit(
        c["formula"], api(c["table"]), ref=c["ref"], design=design, subpop=subpop, **options
    )


def flat(frame: pd.DataFrame) -> np.ndarray:
    return frame.to_numpy().T.ravel()  # equation-major, as the reference's order


@pytest.mark.parametrize("name", CASES)
def test_estimates_and_linearised_covariance_equal_the_survey_package(name):
    c, res = fit_case(name)
    assert [f"{o}:{t}" for o, t in res.cov_params().index] == c["order"]
    np.testing.assert_allclose(flat(res.params), c["params"], rtol=RTOL, atol=1e-10)
    V = np.array(c["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), V, rtol=RTOL, atol=1e-12 * np.abs(V).max()
    )
    np.testing.assert_allclose(flat(res.bse), c["bse"], rtol=RTOL)
    assert res.cov_type == "design"
    assert res.df_design == c["degf_full"]
