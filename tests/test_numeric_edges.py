"""Numerical and inferential edge cases: what a fit reports where its inputs are extreme.

Each test pins a case where a number left the package that the fit could not support (or an
input was met by a bare numpy error) to what it gives now.
"""

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, OptionError


def _data(n: int = 300, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {"x": rng.normal(size=n), "z": rng.normal(size=n), "g": rng.choice(list("abc"), n)}
    )
    eta = np.c_[np.zeros(n), 0.5 * df["x"], -0.5 * df["z"]]
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    u = rng.random(n)[:, None]
    df["y"] = np.array(list("ABC"))[(u > p.cumsum(axis=1)).sum(axis=1)]
    return df


# --- clusters whose rows all weigh zero -----------------------------------------------------------
@pytest.fixture(scope="module")
def weighted_clusters():
    df = _data()
    rng = np.random.default_rng(1)
    df["cl"] = rng.integers(0, 30, len(df))
    # every row of clusters 0-5 weighs zero: those clusters are not in the sample
    df["w"] = np.where(df["cl"] < 6, 0, rng.integers(1, 4, len(df)))
    return df


def test_frequency_weighted_clusters_give_the_replicated_fit(weighted_clusters):
    # before: G counted the clusters of weight zero (30, not 24), so the G/(G-1) factor and
    # the standard errors differed from those of the replicated rows
    df = weighted_clusters
    options = {"cov_type": "cluster", "groups": "cl"}
    got = mnlogit.fit("y ~ x + z + g", df, weights="w", **options)
    rows = df.loc[df.index.repeat(df["w"])].reset_index(drop=True)
    want = mnlogit.fit("y ~ x + z + g", rows, **options)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-10)
    assert "(24 clusters)" in str(got.summary())
    suest = got.iia_test("B", method="suest")
    np.testing.assert_allclose(
        suest.statistic, want.iia_test("B", method="suest").statistic, rtol=1e-8
    )


def test_one_cluster_with_weight_is_refused(weighted_clusters):
    # before: two clusters, one of them all weight zero, gave standard errors of 1e-16
    df = weighted_clusters.assign(two=lambda d: (d["w"] > 0).astype(int))
    with pytest.raises(DataError, match=r"at least 2 clusters; got 1 \(and 1 whose rows all"):
        mnlogit.fit("y ~ x", df, weights="w", cov_type="cluster", groups="two")


@pytest.mark.slow
def test_dask_counts_the_same_clusters(weighted_clusters):
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    df = weighted_clusters
    options = {"weights": "w", "cov_type": "cluster", "groups": "cl"}
    with dask.config.set(scheduler="synchronous"):
        got = mnlogit.fit("y ~ x + z", dd.from_pandas(df, npartitions=3), **options)
    want = mnlogit.fit("y ~ x + z", df, **options)
    np.testing.assert_allclose(got.bse, want.bse, rtol=1e-10)
    assert got.covariance.describe(got._data) == "cluster-robust (24 clusters)"


# --- convergence settings -----------------------------------------------------------------------
@pytest.mark.parametrize("tol", [1, 1.0, 10, 1e6])
def test_a_tolerance_any_first_step_meets_is_refused(tol):
    # before: tol=1 stopped after one step and reported converged=True, the log-likelihood
    # 200 below its maximum and the coefficients off by 1.7 on strongly predictive data
    with pytest.raises(OptionError, match=rf"tol: expected a positive number below 1.*got {tol!r}"):
        mnlogit.fit("y ~ x + z", _data(), tol=tol)
    with pytest.raises(OptionError, match="below 1"):
        mnlogit.MNLogit(_data()["y"], _data()[["x", "z"]]).fit(tol=tol)


def test_a_loose_tolerance_below_1_is_still_taken():
    res = mnlogit.fit("y ~ x + z", _data(), tol=0.5)
    assert res.converged


# --- Wald restrictions ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def plain():
    return mnlogit.fit("y ~ x + z + g", _data())


@pytest.mark.parametrize(
    ("R", "match"),
    [
        (np.array([["a"] * 10]), r"R must hold real numbers; got an array of dtype <U1"),
        (np.eye(10)[:1] + 0j, r"R must hold real numbers; got an array of dtype complex128"),
        (np.full((1, 10), np.nan), r"R has 10 that are not \(the first at \(0, 0\): nan\)"),
    ],
)
def test_restriction_matrices_that_are_not_real_numbers_are_refused(plain, R, match):
    # before: text raised numpy's bare ValueError and complex R was cast with a ComplexWarning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataError, match=match):
            plain.wald_test((R, np.zeros(1)))


def test_numbers_held_as_objects_are_read(plain):
    R = np.eye(10)[:1].astype(object)
    assert plain.wald_test((R, [0])).statistic == plain.wald_test("B:Intercept").statistic


@pytest.mark.parametrize(
    ("constraints", "match"),
    [
        (["B:x = 0", "B:x = 1"], r"restriction 'B:x = 1' contradicts the earlier ones"),
        (["B:x = 0", "C:x = 0", "B:x - C:x = 0"], r"'B:x - C:x = 0' is implied by the earlier"),
        ((np.zeros((1, 10)), [0.0]), r"restriction row 0 of R: restricts no coefficient"),
        ((np.eye(10)[[0, 1, 0]], [0.0, 0.0, 0.0]), r"row 2 of R is implied by the earlier"),
    ],
)
def test_dependent_restrictions_name_the_one_to_drop(plain, constraints, match):
    # before: every case read "linearly dependent; drop the redundant ones", contradictory
    # restrictions (nothing to drop) and a zero row (no restriction) alike
    with pytest.raises(DataError, match=match):
        plain.wald_test(constraints)


# --- likelihood-ratio tests of a fit that stopped short -----------------------------------------
@pytest.fixture(scope="module")
def strong():
    df = _data(2000, 5).assign(x=lambda d: 3 * d["x"])
    df["y"] = np.where(df["x"] > 1, "A", np.where(df["x"] < -1, "B", df["y"]))
    return df


def test_lr_tests_of_a_fit_stopped_by_max_iter_are_not_computed(strong):
    # before: anova's chi2 for x was 1925 (2236 at the maximum) with a p-value and the note
    # "Type II likelihood-ratio tests", and lr_test() gave 1949 (2259); then both kept the
    # number with a note that it is too small. Its Wald tests are NaN: so are these now.
    with pytest.warns(mnlogit.ConvergenceWarning):
        short = mnlogit.fit("y ~ x + z", strong, max_iter=2)
    done = mnlogit.fit("y ~ x + z", strong)
    said = "Not computed: the fit did not converge in 2 iterations, so its log-likelihood"
    test = short.lr_test()
    assert np.isnan(test.statistic) and np.isnan(test.pvalue) and test.df == done.df_model
    assert said in test.note and said in str(test) and "max_iter" in test.note
    table = short.anova()
    assert table["chi2"].isna().all() and table["pvalue"].isna().all()
    assert table["df"].tolist() == done.anova()["df"].tolist()
    assert said in table.attrs["note"] and ".." not in table.attrs["note"]
    assert said not in done.lr_test().note and said not in done.anova().attrs["note"]
    assert np.isfinite(done.anova()["chi2"]).all()
    # the summary's LR chi2 against the null is the same test: NaN, its note says why
    text = " ".join(str(short.summary()).split())
    assert re.search(r"LR chi2\(\d+\) --", text) and said in text


# --- Wald tests of more restrictions than a cluster-robust covariance has rank ------------------
@pytest.fixture(scope="module")
def three_clusters():
    df = _data()
    return mnlogit.fit("y ~ x + z + g", df, cov_type="cluster", groups=np.arange(len(df)) % 3)


def test_more_restrictions_than_clusters_less_one_are_not_tested(three_clusters):
    # before: g's 4 restrictions against a covariance of rank 2 gave chi2 = 1.7e15, p < 1e-300
    # (R V R' singular but for rounding), in wald_test and anova alike
    res = three_clusters
    why = "covariance has rank at most 2 (the clusters less one), below the 4 restrictions"
    test = res.wald_test("g")
    assert np.isnan(test.statistic) and np.isnan(test.pvalue) and why in test.note
    table = res.anova()
    assert np.isnan(table.loc["g", "chi2"]) and "'g': Not computed" in table.attrs["note"]
    assert why in table.attrs["note"]
    # as many restrictions as the rank: tested
    assert np.isfinite(res.wald_test("x").statistic) and np.isfinite(table.loc["x", "chi2"])
    assert "below the 8 restrictions" in str(res.summary())


# --- restricted refits whose warm start is far off ----------------------------------------------
@pytest.mark.parametrize("scale", [1.0, 1e12])
def test_anova_beside_a_nearly_collinear_column(scale):
    # x2 = x + 1e-5 z: the fit's coefficients of x and x2 are large and cancel; the refit
    # without x started from x2's alone (linear predictors in the thousands), stopped at once,
    # and anova reported chi2 = 8.8e6 and 1.1e7 with a warning that blamed separation or
    # max_iter
    df = _data()
    df["x2"] = (df["x"] + 1e-5 * df["z"]) * scale
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the near collinearity, warned of by the fit
        res = mnlogit.fit("y ~ x + x2", df)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = res.anova()
    for term, other in (("x", "x2"), ("x2", "x")):
        smaller = mnlogit.fit(f"y ~ {other}", df)
        np.testing.assert_allclose(table.loc[term, "chi2"], 2 * (res.llf - smaller.llf), rtol=1e-6)


def test_a_tolerance_below_rounding_is_named_when_the_fit_does_not_meet_it():
    # before: "increase max_iter" alone, which cannot help
    with pytest.warns(mnlogit.ConvergenceWarning, match=r"or raise tol \(currently 1e-320"):
        res = mnlogit.fit("y ~ x + z", _data(), tol=1e-320)
    assert not res.converged
    with pytest.warns(mnlogit.ConvergenceWarning) as caught:
        mnlogit.fit("y ~ x + z", _data(), max_iter=1)
    assert "raise tol" not in str(caught[0].message)
