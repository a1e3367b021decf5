"""Robust and cluster covariances: no likelihood-ratio tests beside them, Wald tests instead.

Before, ``mnlogit.lr_test`` and ``res.lr_test()`` returned LR statistics for robust and cluster
fits (and for a robust fit against a model-based one), ``anova()`` gave LR tests whatever the
covariance, and the summary's header showed the LR chi2 under "Covariance: robust (HC0)".
Stata refuses ``lrtest`` after ``vce(robust)`` and shows a Wald chi2 in ``mlogit``'s header.
"""

import re

import numpy as np
import pandas as pd
import pytest
import refdata
from scipy import stats

import mnlogit
from mnlogit.exceptions import ModelComparisonError
from mnlogit.report._format import num

FULL = "mode ~ x1 + group + x1:group + log(x2)"
SMALL = "mode ~ x1 + log(x2)"


@pytest.fixture(scope="module")
def synth():
    return refdata.data("synthetic")


@pytest.fixture(scope="module", params=["robust", "cluster"])
def sandwich(request, synth):
    options = {"groups": synth["group"]} if request.param == "cluster" else {}
    return mnlogit.fit(FULL, synth, ref="car", cov_type=request.param, **options)


@pytest.fixture(scope="module")
def model_based(synth):
    return mnlogit.fit(FULL, synth, ref="car")


def test_lr_tests_refuse_robust_and_cluster_fits(sandwich, synth):
    with pytest.raises(ModelComparisonError, match=r"not valid.*wald_test"):
        sandwich.lr_test()
    options = {"groups": synth["group"]} if sandwich.cov_type == "cluster" else {}
    small = mnlogit.fit(SMALL, synth, ref="car", cov_type=sandwich.cov_type, **options)
    with pytest.raises(ModelComparisonError, match=r"lrtest after vce\(robust\).*wald_test"):
        mnlogit.lr_test(small, sandwich)


def test_lr_test_refuses_fits_with_different_covariance_types(model_based, synth):
    robust_small = mnlogit.fit(SMALL, synth, ref="car", cov_type="robust")
    with pytest.raises(ModelComparisonError, match=r"different covariance types.*wald_test"):
        mnlogit.lr_test(robust_small, model_based)


def test_model_based_fits_keep_their_lr_tests(model_based, synth):
    small = mnlogit.fit(SMALL, synth, ref="car")
    assert mnlogit.lr_test(small, model_based).pvalue < 1e-4
    assert model_based.lr_test().statistic > 0
    assert model_based.anova().attrs["test"] == "LR"


def test_anova_gives_wald_tests_with_the_fits_covariance(sandwich):
    table = sandwich.anova(type="III")
    assert table.attrs["test"] == "Wald"
    assert sandwich.covariance.label in table.attrs["note"]
    assert list(table.columns) == ["chi2", "df", "pvalue"]
    for term in table.index:  # type III: the term's coefficients in the full model
        t = sandwich.wald_test(term)
        np.testing.assert_allclose(table.loc[term, "chi2"], t.statistic, rtol=1e-10)
        assert table.loc[term, "df"] == t.df
        np.testing.assert_allclose(table.loc[term, "pvalue"], t.pvalue, rtol=1e-8)


def test_type_ii_wald_is_the_conjugate_complement_of_the_relatives(sandwich):
    """car's type II Wald hypothesis is the part of (term + relatives) V-orthogonal to the
    relatives', so its statistic is W(term and relatives) - W(relatives) exactly."""
    table = sandwich.anova(type="II")
    assert table.attrs["test"] == "Wald" and table.attrs["type"] == "II"
    for term in ("x1", "group"):
        both = sandwich.wald_test([term, "x1:group"]).statistic
        rel = sandwich.wald_test("x1:group").statistic
        np.testing.assert_allclose(table.loc[term, "chi2"], both - rel, rtol=1e-8)
    # the highest-order term has no relatives: as type III
    np.testing.assert_allclose(
        table.loc["x1:group", "chi2"], sandwich.wald_test("x1:group").statistic, rtol=1e-10
    )
    # and log(x2) has none either
    np.testing.assert_allclose(
        table.loc["log(x2)", "chi2"], sandwich.wald_test("log(x2)").statistic, rtol=1e-10
    )


def test_summary_header_shows_the_wald_chi2_of_all_slopes(sandwich):
    slopes = [t for t in sandwich._data.terms if t != "Intercept"]
    want = sandwich.wald_test(slopes)
    got = sandwich.wald_test_slopes()
    np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-10)
    assert got.df == want.df == 3 * 6
    text = str(sandwich.summary())
    shown = "--" if np.isnan(want.statistic) else num(want.statistic)  # as table cells
    assert re.search(rf"Wald chi2\(18\)\s+{re.escape(shown)}", text)
    assert "LR chi2" not in text and "likelihood-ratio test is not valid" in text


def test_model_based_summary_keeps_the_lr_chi2(model_based):
    text = str(model_based.summary())
    assert "LR chi2(18)" in text and "Wald chi2" not in text


def _shifted(shift):
    """x * z with x shifted by ``shift`` (a year, a time stamp), 40 clusters."""
    rng = np.random.default_rng(40)
    n = 600
    x, z = rng.normal(size=n), rng.normal(size=n)
    eta = np.column_stack([np.zeros(n), 0.5 * x + 0.3 * x * z, -0.4 * x + 0.2 * z])
    P = np.exp(eta) / np.exp(eta).sum(1, keepdims=True)
    y = [list("ABC")[rng.choice(3, p=p)] for p in P]
    g, cl = rng.choice(list("abc"), n), rng.integers(0, 40, n)
    return pd.DataFrame({"x": x + shift, "z": z, "g": g, "cl": cl, "y": y})


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_sandwich_does_not_depend_on_where_a_column_is_centred(cov_type):
    # a shift of x changes the intercepts and z's coefficient only: the test of every slope
    # and a margin at a value of x are the same. The sandwich A^-1 M A^-1 was formed as a
    # product whose terms cancelled beside x + 3e4 (no collinearity warning there): the
    # cluster-robust Wald chi2 was 96.313 for 96.417, a robust margin's standard error
    # 0.026991 for 0.027039
    def fit(shift):
        options = {"groups": "cl"} if cov_type == "cluster" else {}
        return mnlogit.fit("y ~ x * z + g", _shifted(shift), cov_type=cov_type, **options)

    base, res = fit(0.0), fit(3e4)
    np.testing.assert_allclose(
        res.wald_test_slopes().statistic, base.wald_test_slopes().statistic, rtol=1e-5
    )
    np.testing.assert_allclose(
        res.wald_test(["x", "x:z"]).statistic, base.wald_test(["x", "x:z"]).statistic, rtol=1e-5
    )
    got = res.margins(at={"x": [3e4 + 1.0]}).to_frame()["std_error"]
    want = base.margins(at={"x": [1.0]}).to_frame()["std_error"]
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=1e-5)
    np.testing.assert_allclose(
        res.marginal_effects()["std_error"], base.marginal_effects()["std_error"], rtol=1e-5
    )


def test_a_robust_covariance_holds_one_chunk_of_scores_not_q_times_more():
    """The sandwich's scores projected on the whole inverse information were formed as X
    times each of its columns per outcome, (chunk, q, pq) numbers: 329 MB at 40 columns and
    11 outcomes, where the chunk's (chunk, pq) scores take 26 MB."""
    import tracemalloc

    rng = np.random.default_rng(0)
    n, p, K = 20000, 40, 11
    df = pd.DataFrame(rng.normal(size=(n, p)), columns=[f"x{j}" for j in range(p)])
    df["y"] = rng.integers(0, K, n)
    res = mnlogit.fit("y ~ " + " + ".join(df.columns[:-1]), df, cov_type="robust", threads=1)
    model_based = mnlogit.fit("y ~ " + " + ".join(df.columns[:-1]), df, threads=1)
    tracemalloc.start()
    try:
        bse = res.bse
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 150e6, f"{peak / 1e6:.0f} MB"
    # the same standard errors as the scores' own meat gives: HC0 near the model's here
    assert np.allclose(bse, model_based.bse, rtol=0.1)


@pytest.mark.parametrize("clusters", [7, 60])
def test_few_clusters_say_their_chi2_is_asymptotic_and_give_the_f_reference(synth, clusters):
    # with 7 clusters, a cluster-robust Wald chi2(2) gave p = 0.0077 without a word, where
    # the small-sample reference F(2, G - 1) of W / 2 (Stata's test after regress,
    # vce(cluster)) gives p = 0.055
    groups = np.arange(len(synth)) % clusters
    res = mnlogit.fit(SMALL, synth, ref="car", cov_type="cluster", groups=groups)
    test = res.wald_test("x1")
    table = res.anova()
    if clusters >= 50:
        assert "clusters" not in test.note and "F_pvalue" not in test.details
        assert "clusters" not in table.attrs["note"]
        return
    assert f"With {clusters} clusters" in test.note and "asymptotic" in test.note
    np.testing.assert_allclose(test.details["F"], test.statistic / test.df, rtol=1e-12)
    assert test.details["F_df_denom"] == clusters - 1
    expected = stats.f.sf(test.statistic / test.df, test.df, clusters - 1)
    np.testing.assert_allclose(test.details["F_pvalue"], expected, rtol=1e-12)
    assert test.details["F_pvalue"] > test.pvalue
    assert f"With {clusters} clusters" in table.attrs["note"]
    assert f"F(df, {clusters - 1})" in table.attrs["note"]


def test_the_summary_of_a_fit_on_few_clusters_says_its_references_are_asymptotic(synth):
    groups = np.arange(len(synth)) % 7
    res = mnlogit.fit(SMALL, synth, ref="car", cov_type="cluster", groups=groups)
    notes = " ".join(res.summary().notes)
    k = res.wald_test_slopes().df
    assert "With 7 clusters" in notes and f"F({k:g}, 6) p =" in notes
    assert "z statistics and intervals" in notes
    groups = np.arange(len(synth)) % 60
    many = mnlogit.fit(SMALL, synth, ref="car", cov_type="cluster", groups=groups)
    assert "clusters" not in " ".join(many.summary().notes).replace("cluster-robust", "")
