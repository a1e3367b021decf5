"""Designs at their edges against R's survey package (tests/reference/make_survey_edges.R):
PSUs whose rows all have weight zero (they stay in the design), strata with PSUs and fpc
under a subpopulation, and lonely PSUs adjusted under a subpopulation."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_edges.json").read_text())


def apistrat() -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    return d.assign(
        w0=np.where(d["dnum"].isin([401, 259]), 0.0, d["pw"]),
        districts=d["stype"].map({"E": 400, "H": 300, "M": 350}),
    )


@pytest.mark.parametrize("name", list(REF["cases"]))
def test_binary_fits_equal_svyglm(name):
    case = REF["cases"][name]
    data = apistrat()
    before = data.copy()
    design = mnlogit.SurveyDesign(**case["python_design"], lonely_psu=case["lonely_psu"])
    res = mnlogit.fit(
        "awards ~ meals + ell + mobility", data, ref="No", design=design, subpop=case["subpop"]
    )
    np.testing.assert_allclose(res.params["Yes"].to_numpy(), case["params"], rtol=1e-6)
    expected = np.asarray(case["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), expected, rtol=1e-6, atol=1e-12 * np.abs(expected).max()
    )
    # the whole design's df (Stata's convention), never more than R's count of PSUs in use
    assert res.df_design >= case["degf_R"]
    pd.testing.assert_frame_equal(data, before)
