"""Choice-based samples: strata that are the outcome's levels (within school types), against
R's survey package (tests/reference/make_survey_choice_based.R).

A model of the school type alone then has its coefficients fixed by the design: every PSU's
score total equals its stratum's mean, and R's linearised variance is exactly 0. The
covariance summed the PSU totals' products uncentred and subtracted the strata's means after,
which left rounding of 1e-8 times the model-based variance: standard errors of 1e-9, t
statistics of 1e7 and p-values of 0. The totals are centred first now, those standard errors
are NaN with a note saying why, and with a slope beside the type the covariance is R's.

On Dask the rows stay in their partitions and the totals are not centred first: what the
difference of the uncentred sums leaves at rounding is taken as zero (it gave standard errors
of 1e-8 and t statistics of 1e9 where the fit in memory gives NaN).
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

REF = Path(__file__).parent / "reference"
CASES = json.loads((REF / "survey_choice_based.json").read_text())["cases"]


BACKENDS = ("pandas", pytest.param("dask", marks=pytest.mark.slow))


def case_fit(name: str, backend: str = "pandas"):
    case = CASES[name]
    d = pd.read_csv(REF / "apistrat.csv").set_index("snum").loc[case["snum"]].reset_index()
    outcome = case["strata"][1]
    d["st"] = d["stype"] + " " + d[outcome]
    if case["psu"] == "pairs":
        d["pair"] = d.groupby("st").cumcount() // 2
    design = mnlogit.SurveyDesign(
        weights="pw", strata="st", psu="pair" if case["psu"] == "pairs" else None
    )
    if backend == "dask":
        d = pytest.importorskip("dask.dataframe").from_pandas(d, npartitions=3)
    return mnlogit.fit(case["formula"], d, ref=case["ref"], design=design), case


def flat(frame: pd.DataFrame) -> np.ndarray:
    return frame.to_numpy().ravel(order="F")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", [k for k in CASES if k.endswith("/stype")])
def test_coefficients_the_design_fixes_have_no_standard_errors(name, backend):
    res, case = case_fit(name, backend)
    assert not np.any(case["cov"])  # R's variance is exactly zero
    np.testing.assert_allclose(flat(res.params), case["params"], rtol=1e-9, atol=1e-12)
    with pytest.warns(mnlogit.InferenceWarning, match="less its stratum's mean is zero"):
        bse = res.bse
    assert bse.isna().all().all()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        assert res.zvalues.isna().all().all() and res.pvalues.isna().all().all()
        assert res.conf_int().isna().all().all()
        text = " ".join(str(res.summary()).split())  # notes wrap
    assert "choice-based sample" in text
    test = res.wald_test("stype")
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("name", [k for k in CASES if k.endswith("/meals")])
def test_with_a_slope_the_covariance_is_the_survey_packages(name, backend):
    res, case = case_fit(name, backend)
    np.testing.assert_allclose(flat(res.params), case["params"], rtol=1e-7, atol=1e-10)
    V = np.asarray(case["cov"])
    np.testing.assert_allclose(res.cov_params().to_numpy(), V, rtol=1e-6, atol=1e-9 * V.max())
    assert np.isfinite(flat(res.pvalues)).all()


def test_coefficients_only_a_census_stratum_determines_say_so():
    """The intercept of `perf ~ stype` with school types as strata is the high schools'
    (reference E's) log-odds, fitted to E's rows alone: with E sampled in full its design
    variance is zero. The note blamed PSU totals that are all zero, which they are not."""
    d = pd.read_csv(REF / "apistrat.csv")
    districts = d.groupby("stype")["dnum"].transform("nunique")
    d["fpc"] = np.where(d["stype"] == "E", districts, 3 * districts)
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum", fpc="fpc")
    res = mnlogit.fit("perf ~ stype", d, ref="low", design=design)
    with pytest.warns(mnlogit.InferenceWarning) as caught:
        bse = res.bse
    said = " ".join(str(w.message) for w in caught)
    assert bse.loc["Intercept"].isna().all() and bse.drop("Intercept").notna().all().all()
    assert "only rows of strata sampled in full" in said
    assert "score total is zero" not in said
