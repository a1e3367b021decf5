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


@pytest.mark.parametrize("weight", [1e-25, 1e-30])
def test_probability_weights_far_below_the_others_keep_their_standard_errors(weight):
    # One outcome's rows weighted 1e-25 beside ones: the model-based variance of its equation
    # is on the scale of 1 / w, 1e25 times the design-based one the data determine, which was
    # taken for rounding of 0: its standard errors were NaN, the note blaming PSU totals that
    # cancel. They tend to a limit as the weight shrinks; the design-based variance is now
    # compared with that of rows as their own units.
    rng = np.random.default_rng(1)
    n = 200
    df = pd.DataFrame(
        {"x": rng.normal(size=n), "z": rng.normal(size=n), "y": rng.choice(list("abc"), n)}
    )

    def fit(w):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            res = mnlogit.fit(
                "y ~ x + z", df, weights=np.where(df["y"] == "c", w, 1.0), weight_type="probability"
            )
            return res.bse

    np.testing.assert_allclose(fit(weight), fit(1e-12), rtol=1e-8)


@pytest.mark.parametrize("weight", [1e-12, 1e-25])
def test_light_rows_standard_errors_are_the_sandwich_at_the_estimates(weight):
    """The covariance of probability weights 1e-12 beside ones on one outcome's rows was
    built at the point before the last scoring step (a step of 4.7e-4 in that outcome's
    intercept, far below its model-based standard error), 8.5e-8 (relative) from the
    sandwich at the estimates; it is now that sandwich, computed here independently."""
    rng = np.random.default_rng(1)
    n = 200
    df = pd.DataFrame(
        {"x": rng.normal(size=n), "z": rng.normal(size=n), "y": rng.choice(list("abc"), n)}
    )
    w = np.where(df["y"] == "c", weight, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ x + z", df, weights=w, weight_type="probability", ref="a")
    X = np.c_[np.ones(n), df["x"], df["z"]]
    B = res.params.to_numpy()
    eta = np.c_[np.zeros(n), X @ B]
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P = (P / P.sum(axis=1, keepdims=True))[:, 1:]
    Y = np.c_[df["y"] == "b", df["y"] == "c"].astype(float)
    u = w / w.mean()
    W = P[:, :, None] * np.eye(2) - P[:, :, None] * P[:, None, :]  # (n, q, q)
    info = np.einsum("i,ijk,ia,ib->jakb", u, W, X, X).reshape(6, 6)
    scores = (u[:, None, None] * (Y - P)[:, :, None] * X[:, None, :]).reshape(n, 6)
    bread = np.linalg.inv(info)
    V = bread @ scores.T @ scores @ bread * n / (n - 1)
    want = np.sqrt(np.diag(V)).reshape(2, 3).T
    np.testing.assert_allclose(res.bse.to_numpy(), want, rtol=1e-10)
