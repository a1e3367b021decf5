"""A finite-population correction of inf, R's survey package's infinite population: a
stratum sampled without correction beside strata with one (tests/reference/
make_survey_fpc_inf.R). It was refused as not finite, and a design could not say which
strata to correct. And sampling fractions within 1e-7 of 1 (a census's fraction in single
precision), which R takes for a census: they gave standard errors of 1e-6 and p-values
of 0 where R's are 0 and none."""

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError, InferenceWarning

REF = json.loads((refdata.REF_DIR / "survey_fpc_inf.json").read_text())


@pytest.fixture(scope="module")
def apistrat():
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    return d.assign(
        fpc_e_inf=np.where(d["stype"] == "E", np.inf, d["fpc"]),
        districts_m_inf=d["stype"].map({"E": 400.0, "H": 300.0, "M": np.inf}),
        all_inf=np.inf,
        near=np.where(d["stype"] == "E", 0.99999994, 0.5),
        all_near=0.99999994,
    )


def fit(data, case, dask=False):
    frame = data
    if dask:
        import dask.dataframe as dd

        frame = dd.from_pandas(data, npartitions=3)
    return mnlogit.fit(
        "awards ~ meals + ell + mobility",
        frame,
        ref="No",
        design=mnlogit.SurveyDesign(**case["python_design"]),
        subpop=case["subpop"],
        tol=1e-13,
    )


@pytest.mark.parametrize("name", list(REF["cases"]))
@pytest.mark.parametrize("dask", [False, True])
def test_fits_with_inf_fpc_equal_the_survey_package(apistrat, name, dask):
    if dask:
        pytest.importorskip("dask.dataframe")
    case = REF["cases"][name]
    res = fit(apistrat, case, dask)
    np.testing.assert_allclose(res.params.to_numpy().ravel(), case["params"], rtol=1e-8)
    # a census's covariance is 0 exactly (it was 1e-11, rounding a fraction of 1 - 6e-8)
    np.testing.assert_allclose(res.cov_params().to_numpy(), case["cov"], rtol=1e-6, atol=0)


def test_inf_in_every_stratum_is_the_design_without_fpc(apistrat):
    inf = fit(apistrat, REF["cases"]["all_inf"])
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")
    none = mnlogit.fit("awards ~ meals + ell + mobility", apistrat, ref="No", design=design)
    np.testing.assert_allclose(inf.bse.to_numpy(), none.bse.to_numpy(), rtol=1e-10)


def test_inf_beside_a_count_in_one_stratum_is_refused_as_varying(apistrat):
    odd = apistrat.assign(f=np.where(apistrat.index == 0, np.inf, apistrat["fpc"]))
    with pytest.raises(DataError, match=r"constant within a stratum; stratum 'E' has values from"):
        fit(
            odd, {"python_design": {"weights": "pw", "strata": "stype", "fpc": "f"}, "subpop": None}
        )


def test_minus_inf_and_nan_are_still_refused(apistrat):
    for bad in (-np.inf, np.nan):
        odd = apistrat.assign(f=np.where(apistrat.index == 3, bad, apistrat["fpc"]))
        case = {"python_design": {"weights": "pw", "strata": "stype", "fpc": "f"}, "subpop": None}
        with pytest.raises(DataError, match="fpc column 'f': expected positive numbers"):
            fit(odd, case)


def test_a_near_census_in_every_stratum_has_no_p_values(apistrat):
    case = REF["cases"]["all_near_census"]
    res = fit(apistrat, case)
    with pytest.warns(InferenceWarning, match="sampled in full"):
        assert np.isnan(res.pvalues.to_numpy()).all()
    assert (res.design.fraction == 1.0).all()
