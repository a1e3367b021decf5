"""Survey designs whose corners meet in one fit, against R's survey package
(tests/reference/make_survey_corners.R): counties as strata (16 of 40 with one district) under
each lonely-PSU option, districts as PSUs nested in them, a population count of districts as
fpc, rows dropped for a missing value that empty a lonely county and leave one PSU of another
holding rows of the fit, a lonely county of zero weights, and a subpopulation, for two and
three outcomes. The design's columns arrive in the forms data hold them: counties as a
Categorical with an unused category, district ids as text, the subpopulation as a boolean
column."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_corners.json").read_text())


def apistrat() -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    missing = (
        (d["snum"] % 7 == 0)
        | ((d["cname"] == "Alameda") & (d["dnum"] != 507))
        | (d["cname"] == "Amador")
    )
    return d.assign(
        meals=d["meals"].where(~missing),
        w0=np.where(d["cname"] == "Butte", 0.0, d["pw"]),
        ncty=3 * d.groupby("cname")["dnum"].transform("nunique"),
        county=pd.Categorical(d["cname"], categories=[*sorted(d["cname"].unique()), "Alpine"]),
        district="d" + d["dnum"].astype(str),
        in_domain=d["comp_imp"] == "Yes",
    )


def fit(case: dict, data: pd.DataFrame) -> mnlogit.MNLogitResults:
    design = mnlogit.SurveyDesign(
        weights=case["weights"],
        strata="county",
        psu="district",
        fpc="ncty",
        lonely_psu=case["lonely_psu"],
    )
    return mnlogit.fit(
        case["formula"],
        data,
        ref=case["ref"],
        design=design,
        subpop="in_domain" if case["subpop"] else None,
        missing="drop",
    )


@pytest.mark.parametrize("name", list(REF["cases"]))
def test_estimates_and_linearised_covariance_equal_the_survey_package(name):
    case = REF["cases"][name]
    data = apistrat()
    before = data.copy()
    res = fit(case, data)
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), case["params"], rtol=1e-6)
    expected = np.asarray(case["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), expected, rtol=1e-6, atol=1e-12 * np.abs(expected).max()
    )
    # the whole design's df (Stata's convention): 135 districts in 40 counties
    assert res.df_design == 95
    if "degf_R" in case:
        assert res.df_design >= case["degf_R"]
    pd.testing.assert_frame_equal(data, before)


@pytest.mark.slow
@pytest.mark.parametrize("name", ["average/w0/subpop/multi", "adjust/pw/all/multi"])
def test_dask_fits_equal_the_survey_package(name):
    dd = pytest.importorskip("dask.dataframe")
    case = REF["cases"][name]
    res = fit(case, dd.from_pandas(apistrat(), npartitions=3))
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), case["params"], rtol=1e-6)
    expected = np.asarray(case["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), expected, rtol=1e-6, atol=1e-12 * np.abs(expected).max()
    )
