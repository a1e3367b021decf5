"""Rao and Scott's working likelihood-ratio test of nested survey fits (mnlogit.lr_test of two
survey fits), against R's survey::regTermTest(method="LRT") of svyglm (two outcomes), the
same computed in R from survey's linearised covariance and pFsum (three outcomes), and
survey's pchisqsum / pFsum of chosen values: tests/reference/make_survey_lr.R."""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit._rao_scott import weighted_chi2_f_tail
from mnlogit.exceptions import ModelComparisonError

# the statistic and design effects are sums and eigenvalues at the estimates (svyglm
# converged to epsilon 1e-14); R's saddlepoint root is found to 1e-8 (uniroot's tol)
RTOL_STAT = 1e-9
RTOL_LAMBDA = 1e-8
RTOL_P = 1e-6
DESIGNS = {
    "strat_fpc": mnlogit.SurveyDesign(weights="pw", strata="stype", fpc="fpc"),
    "strat_clus": mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum"),
}
BINARY_KEPT = {"ell": "meals + mobility + stype", "stype": "meals + ell + mobility"}
BINARY_KEPT["ell_mobility"] = "meals + stype"
THREE_KEPT = {"ell": "meals + mobility", "ell_mobility": "meals"}


@cache
def reference() -> dict:
    return json.loads((refdata.REF_DIR / "survey_lr.json").read_text())


@cache
def _apistrat() -> pd.DataFrame:
    return pd.read_csv(refdata.REF_DIR / "apistrat.csv")


def _check(test: mnlogit.TestResult, ref: dict) -> None:
    np.testing.assert_allclose(test.statistic, ref["chisq"], rtol=RTOL_STAT)
    assert test.df == ref["df"]
    lam = np.sort(test.details["design_effects"])
    np.testing.assert_allclose(lam, np.atleast_1d(ref["lambda"]), rtol=RTOL_LAMBDA)
    assert test.details["df_denom"] == ref["ddf"]
    np.testing.assert_allclose(test.pvalue, ref["p"], rtol=RTOL_P)


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("tested", BINARY_KEPT)
def test_two_outcomes_match_regtermtest(design, tested):
    d = _apistrat()
    full = mnlogit.fit(
        "awards ~ meals + ell + mobility + stype", d, ref="No", design=DESIGNS[design]
    )
    small = mnlogit.fit(f"awards ~ {BINARY_KEPT[tested]}", d, ref="No", design=DESIGNS[design])
    test = mnlogit.lr_test(small, full)
    _check(test, reference()["binary"][f"{design}/{tested}"])
    assert "working 2logLR" in str(test) and "chi2(" not in str(test)
    # either order, and the method of the larger fit, give the same test
    assert full.lr_test(small).pvalue == test.pvalue


def test_a_subpopulation_matches_regtermtest():
    d = _apistrat()
    design, sub = DESIGNS["strat_clus"], d["mobility"] < 20
    full = mnlogit.fit(
        "awards ~ meals + ell + mobility + stype", d, ref="No", design=design, subpop=sub
    )
    small = mnlogit.fit("awards ~ meals + stype", d, ref="No", design=design, subpop=sub)
    _check(mnlogit.lr_test(small, full), reference()["subpop"])


@pytest.mark.parametrize("design", DESIGNS)
@pytest.mark.parametrize("tested", THREE_KEPT)
def test_three_outcomes_match_the_linearised_design_effects(design, tested):
    d = _apistrat()
    full = mnlogit.fit("perf ~ meals + ell + mobility", d, ref="low", design=DESIGNS[design])
    small = mnlogit.fit(f"perf ~ {THREE_KEPT[tested]}", d, ref="low", design=DESIGNS[design])
    _check(mnlogit.lr_test(small, full), reference()["three"][f"{design}/{tested}"])


@pytest.mark.parametrize("case", range(9))
def test_the_tail_matches_survey_pchisqsum_and_pfsum(case):
    t = reference()["tails"][case]
    ddf = np.inf if t["ddf"] == "Inf" else float(t["ddf"])
    p = weighted_chi2_f_tail(float(t["x"]), np.atleast_1d(np.asarray(t["lambda"], float)), ddf)
    np.testing.assert_allclose(p, t["p"], rtol=RTOL_P)


@pytest.mark.parametrize("scale", [1e-150, 1e150])
def test_the_scale_of_the_weights_changes_nothing(scale):
    # the statistic is R's, with the weights scaled to mean 1: sampling weights in other
    # units, even beyond the range a fit runs them in, test the same
    d = _apistrat().assign(w=lambda f: f.pw * scale)
    tests = []
    for w in ("pw", "w"):
        design = mnlogit.SurveyDesign(weights=w, strata="stype", psu="dnum")
        full = mnlogit.fit("perf ~ meals + ell + mobility", d, ref="low", design=design)
        small = mnlogit.fit("perf ~ meals", d, ref="low", design=design)
        tests.append(mnlogit.lr_test(small, full))
    a, b = tests
    np.testing.assert_allclose(b.statistic, a.statistic, rtol=1e-10)
    np.testing.assert_allclose(b.details["design_effects"], a.details["design_effects"], rtol=1e-9)
    np.testing.assert_allclose(b.pvalue, a.pvalue, rtol=1e-9)


@pytest.mark.slow
def test_a_dask_fit_tests_as_the_rows_in_memory():
    import dask.dataframe as dd

    d = _apistrat()[["perf", "meals", "ell", "mobility", "pw", "stype", "dnum"]]
    design = DESIGNS["strat_clus"]
    tests = []
    for data in (d, dd.from_pandas(d, npartitions=3)):
        full = mnlogit.fit("perf ~ meals + ell + mobility", data, ref="low", design=design)
        small = mnlogit.fit("perf ~ meals", data, ref="low", design=design)
        tests.append(mnlogit.lr_test(small, full))
    _check(tests[1], reference()["three"]["strat_clus/ell_mobility"])
    np.testing.assert_allclose(tests[1].pvalue, tests[0].pvalue, rtol=1e-10)


def test_a_survey_fit_beside_a_model_based_one_is_refused():
    d = _apistrat()
    full = mnlogit.fit("perf ~ meals + ell", d, ref="low", design=DESIGNS["strat_clus"])
    small = mnlogit.fit("perf ~ meals", d, ref="low")
    with pytest.raises(ModelComparisonError, match="different weights"):
        mnlogit.lr_test(small, full)


@pytest.mark.parametrize("design", DESIGNS)
def test_the_test_against_the_null_model_matches_regtermtest_of_every_term(design):
    d = _apistrat()
    full = mnlogit.fit(
        "awards ~ meals + ell + mobility + stype", d, ref="No", design=DESIGNS[design]
    )
    test = full.lr_test()
    _check(test, reference()["binary"][f"{design}/all"])
    assert test.method.startswith("Rao-Scott working likelihood-ratio test against")
    # and as the test of the intercept-only fit nested in it
    null = mnlogit.fit("awards ~ 1", d, ref="No", design=DESIGNS[design])
    np.testing.assert_allclose(mnlogit.lr_test(null, full).pvalue, test.pvalue, rtol=1e-10)


def test_a_diverging_tested_coefficient_gives_nan():
    d = _apistrat()
    sub = d["comp_imp"] == "Yes"  # no school of type M in it has awards "No"
    design = DESIGNS["strat_clus"]
    with pytest.warns(mnlogit.SeparationWarning):
        full = mnlogit.fit("awards ~ meals + stype", d, ref="No", design=design, subpop=sub)
    small = mnlogit.fit("awards ~ meals", d, ref="No", design=design, subpop=sub)
    test = mnlogit.lr_test(small, full)
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert "diverge" in test.note


def test_fewer_psus_than_tested_coefficients_leave_their_effects_zero():
    # 4 districts vary at most 3 combinations of the 4 tested coefficients: the fourth
    # design effect is 0, not rounding either side of it, and the test is of the other three
    d = _apistrat()
    few = d[d["dnum"].isin(d["dnum"].value_counts().index[:4])]
    design = mnlogit.SurveyDesign(weights="pw", psu="dnum")
    full = mnlogit.fit("perf ~ meals + ell + mobility", few, ref="low", design=design)
    small = mnlogit.fit("perf ~ meals", few, ref="low", design=design)
    test = mnlogit.lr_test(small, full)
    lam = np.sort(test.details["design_effects"])
    assert lam[0] == 0.0 and (lam[1:] > 0).all()
    assert test.details["df_denom"] == 3
    p = weighted_chi2_f_tail(test.statistic, lam[1:], 3.0)
    assert np.isfinite(test.pvalue) and test.pvalue == p


def test_coefficients_one_psu_determines_give_nan_with_the_reason():
    d = _apistrat().assign(g=lambda f: (f["dnum"] % 5).astype(str))
    design = mnlogit.SurveyDesign(weights="pw", psu="g")
    full = mnlogit.fit("perf ~ meals + C(g)", d, ref="low", design=design)
    small = mnlogit.fit("perf ~ meals", d, ref="low", design=design)
    test = mnlogit.lr_test(small, full)
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert "no design-based variance" in test.note
