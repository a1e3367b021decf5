"""A cluster-robust covariance that estimates no variance along some coefficients.

When every cluster's score total is zero (each cluster holds the same rows, or the same
shares of every outcome in an intercept-only model), the sandwich is 0 up to rounding along
those coefficients: their standard errors came out as 1e-16, z as 1e16 and p as 0. They are
NaN now, with a note saying why and what gives standard errors.
"""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

BASE = pd.DataFrame({"y": list("aabab"), "x": [0.0, 1, 2, 3, 4]})
COPIES = pd.concat([BASE.assign(site=k) for k in range(3)], ignore_index=True)
SHARES = pd.DataFrame({"y": list("aabaab"), "site": list("uuuvvv")})


def quiet_fit(formula, df, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        return mnlogit.fit(formula, df, **kw)


@pytest.mark.parametrize(("formula", "df"), [("y ~ x", COPIES), ("y ~ 1", SHARES)])
def test_no_standard_errors_where_every_cluster_total_is_zero(formula, df):
    res = quiet_fit(formula, df, cov_type="cluster", groups="site")
    model = quiet_fit(formula, df)
    np.testing.assert_allclose(res.params, model.params, rtol=1e-12)
    with pytest.warns(mnlogit.InferenceWarning, match="every cluster's score total is zero"):
        bse = res.bse
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        assert bse.isna().all().all()
        assert res.zvalues.isna().all().all() and res.pvalues.isna().all().all()
        assert res.conf_int().isna().all().all()
        assert res.margins().to_frame()["std_error"].isna().all()
        if formula != "y ~ 1":
            assert res.marginal_effects()["std_error"].isna().all()
    test = res.wald_test("Intercept")
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert "score total is zero" in test.note
    assert "cov_type='nonrobust'" in str(res.summary())
    # the model-based standard errors are there
    assert (model.bse > 0.1).all().all()


def test_a_small_cluster_variance_is_kept():
    # clusters nearly alike: a small but real between-cluster variance
    df = COPIES.copy()
    df.loc[len(df)] = {"y": "b", "x": 0.5, "site": 0}
    res = quiet_fit("y ~ x", df, cov_type="cluster", groups="site")
    assert (res.bse > 1e-6).all().all()
    assert np.isfinite(res.pvalues).all().all()


def test_no_standard_errors_where_every_psu_total_is_zero():
    df = COPIES.assign(pw=2.0)
    res = quiet_fit("y ~ x", df, design=mnlogit.SurveyDesign(weights="pw", psu="site"))
    vanishing = "every PSU's score total less its stratum's mean is zero"
    with pytest.warns(mnlogit.InferenceWarning, match=vanishing):
        assert res.bse.isna().all().all()
    test = res.wald_test("x")
    assert np.isnan(test.statistic) and "less its stratum's mean is zero" in test.note
    assert "nonrobust" not in test.note  # not an option of a survey fit
