"""Rao and Scott's working likelihood-ratio test of dask survey fits whose sampling weights
are of extreme size, against R's survey::regTermTest(method="LRT") of svyglm
(tests/reference/make_survey_lr.R): the fit runs such weights divided by a power of two,
and the statistic a dask fit takes from its log-likelihoods (its rows are not in memory)
must be in the units the design effects are scaled by. It was not: weights of 1e-8 gave a
statistic of 1.3e-6 and p = 1, weights of 1e30 a statistic of 2.3e32 and p = 0. And the
power of two must be that of the rows of the fit, as in memory: a dask fit that drops rows
missing ell took it from every row, its smaller model on subpop="ell.notna()" (the advice
of tests/reference/make_survey_lr_missing.R) from the rows with ell, and their test was
refused as of other outcomes."""

from __future__ import annotations

import json
from functools import cache

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

DESIGN = mnlogit.SurveyDesign(weights="w", strata="stype", psu="dnum")


@cache
def _reference() -> dict:
    return json.loads((refdata.REF_DIR / "survey_lr.json").read_text())["binary"]


def _dask(scale: float):
    import dask.dataframe as dd

    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    d = d.assign(w=d["pw"] * scale)[["awards", "meals", "ell", "mobility", "stype", "dnum", "w"]]
    return dd.from_pandas(d, npartitions=3)


def _check(test: mnlogit.TestResult, ref: dict) -> None:
    np.testing.assert_allclose(test.statistic, ref["chisq"], rtol=1e-8)
    lam = np.sort(test.details["design_effects"])
    np.testing.assert_allclose(lam, np.atleast_1d(ref["lambda"]), rtol=1e-8)
    np.testing.assert_allclose(test.pvalue, ref["p"], rtol=1e-6)


@pytest.mark.slow
@pytest.mark.parametrize("scale", [1e-8, 1e30])
def test_dask_fits_of_weights_in_any_units_match_regtermtest(scale):
    data = _dask(scale)
    full = mnlogit.fit("awards ~ meals + ell + mobility + stype", data, ref="No", design=DESIGN)
    small = mnlogit.fit("awards ~ meals + mobility + stype", data, ref="No", design=DESIGN)
    _check(mnlogit.lr_test(small, full), _reference()["strat_clus/ell"])
    _check(full.lr_test(), _reference()["strat_clus/all"])


@pytest.mark.parametrize("scale", [1e-8, 1e30])
def test_separated_fits_compared_at_their_limits_in_any_units(scale):
    # both fits stop by separation (no school of type M in the subpopulation has awards
    # "No"), so the statistic comes from the log-likelihoods they approach, not the rows'
    # gains: those limits and the fits' log-likelihoods must be in one unit too
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    sub = d["comp_imp"] == "Yes"
    tests = []
    for w in (d["pw"], d["pw"] * scale):
        data = d.assign(w=w)
        with pytest.warns(mnlogit.SeparationWarning):
            full = mnlogit.fit(
                "awards ~ meals + ell + stype", data, ref="No", design=DESIGN, subpop=sub
            )
            small = mnlogit.fit("awards ~ meals + stype", data, ref="No", design=DESIGN, subpop=sub)
        tests.append(mnlogit.lr_test(small, full))
    a, b = tests
    assert np.isfinite(a.statistic) and a.statistic > 0
    np.testing.assert_allclose(b.statistic, a.statistic, rtol=1e-9)
    np.testing.assert_allclose(b.pvalue, a.pvalue, rtol=1e-9)


@pytest.mark.slow
def test_the_advised_domain_of_a_dask_fit_runs_on_the_same_scale():
    import dask.dataframe as dd

    ref = json.loads((refdata.REF_DIR / "survey_lr_missing.json").read_text())["test"]
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    d.loc[d["snum"] % 7 == 0, "ell"] = np.nan
    # weights whose mean over every row and over the rows with ell round to two powers of two
    means = d["pw"].mean() * d.loc[d["ell"].notna(), "pw"].mean()
    d["w"] = d["pw"] * 2.0**-30.5 / np.sqrt(means)
    data = dd.from_pandas(d, npartitions=3)
    full = mnlogit.fit("awards ~ meals + ell + mobility", data, ref="No", design=DESIGN)
    small = mnlogit.fit(
        "awards ~ meals + mobility", data, ref="No", design=DESIGN, subpop="ell.notna()"
    )
    test = mnlogit.lr_test(small, full)
    np.testing.assert_allclose(test.statistic, ref["chisq"], rtol=1e-8)
    np.testing.assert_allclose(test.details["design_effects"], [ref["lambda"]], rtol=1e-8)
    np.testing.assert_allclose(test.pvalue, ref["p"], rtol=1e-6)
