"""Tests a fit cannot support are not computed, or refused, with the reason: Wald tests of a
fit that stopped before its estimates, Small-Hsiao's likelihood ratio beside a sandwich
covariance, suest with fewer clusters than the coefficients it compares."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mnlogit
from mnlogit.exceptions import OptionError


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel").dropna()


def _stopped(df, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.ConvergenceWarning)
        res = mnlogit.fit("mode ~ distance + income + region", df, ref="car", max_iter=2, **options)
    assert not res.converged and res.separation is None
    return res


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
def test_wald_tests_of_a_fit_that_stopped_short_are_not_computed(travel, cov_type):
    # two Fisher-scoring steps from the start: the coefficients are not the estimates, and
    # the Wald chi2 of income (54.3 model-based) was returned without a word
    res = _stopped(travel, cov_type=cov_type)
    for test in (res.wald_test("income"), res.wald_test_slopes()):
        assert np.isnan(test.statistic) and np.isnan(test.pvalue)
        assert "did not converge in 2 iterations" in test.note and "max_iter" in test.note
        assert "max_iter" in test.details["reason"]
    if cov_type == "robust":  # anova's Wald tests
        table = res.anova()
        assert table["chi2"].isna().all() and table["pvalue"].isna().all()
        assert "did not converge in 2 iterations" in table.attrs["note"]
        header = dict(res.summary().header)
        assert header["Wald chi2(12)"] == "--"  # as a coefficient cell not computed
    final = mnlogit.fit("mode ~ distance + income + region", travel, ref="car", cov_type=cov_type)
    assert np.isfinite(final.wald_test("income").statistic)


def test_adjusted_wald_f_of_a_survey_fit_that_stopped_short_is_not_computed(travel):
    res = _stopped(travel.assign(w=1.0 + travel["age"] % 3), weights="w", weight_type="probability")
    test = res.wald_test("income")
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert "did not converge" in test.note


@pytest.mark.parametrize("cov_type", ["robust", "cluster"])
def test_small_hsiao_is_refused_beside_a_sandwich_covariance(travel, cov_type):
    # a likelihood-ratio test on random halves of the rows: with trips clustered in
    # households it treated them as independent (chi2(6) = 5.27, p = 0.51, silently), where
    # lr_test and anova refuse the likelihood ratio beside these covariances
    groups = "household" if cov_type == "cluster" else None
    res = mnlogit.fit(
        "mode ~ distance + income", travel, ref="car", cov_type=cov_type, groups=groups
    )
    with pytest.raises(OptionError, match=r"likelihood-ratio test.*method='suest'"):
        res.iia_test("walk", method="small-hsiao", seed=1)
    with pytest.raises(OptionError, match=r"likelihood-ratio test.*method='suest'"):
        res.iia_table(method="small-hsiao", seed=1)
    assert np.isfinite(res.iia_test("walk", method="suest").statistic)


@pytest.mark.parametrize("n_clusters", [2, 5])
def test_suest_with_fewer_clusters_than_compared_coefficients_is_not_computed(travel, n_clusters):
    # the stacked sandwich sums G cluster scores, which add up to zero: rank G - 1, below
    # the 6 coefficients compared. The Moore-Penrose inverse tested one combination of them
    # with 2 clusters (chi2(1) = 35.5, p < 0.0001) and four with 5, with no word
    df = travel.assign(g=travel["household"] % n_clusters)
    res = mnlogit.fit("mode ~ distance + income", df, ref="car", cov_type="cluster", groups="g")
    with pytest.warns(mnlogit.IIATestWarning, match="rank at most"):
        out = res.iia_test("walk", method="suest")
    assert np.isnan(out.statistic) and np.isnan(out.pvalue)
    assert f"rank at most {n_clusters - 1}" in out.note and "6 coefficients" in out.note
    # no more compared coefficients than the clusters less one: computed
    if n_clusters == 5:
        kept = res.iia_test("walk", method="suest", include_intercepts=False)
        assert np.isfinite(kept.statistic) and kept.df == 4  # 2 slopes x 2 equations
    # enough clusters: computed, as before
    many = mnlogit.fit(
        "mode ~ distance + income", travel, ref="car", cov_type="cluster", groups="household"
    )
    assert np.isfinite(many.iia_test("walk", method="suest").statistic)


@pytest.mark.parametrize("formula", ["mode ~ 1", "mode ~ region", "mode ~ region * purpose"])
@pytest.mark.parametrize("method", ["hausman", "suest"])
def test_iia_tests_of_a_saturated_design_are_not_computed(travel, formula, method):
    # intercepts only, or factors with all their interactions: each remaining pair of
    # outcomes is fitted the same way with or without the omitted one, so d and Var(d) are
    # rounding. suest divided one by the other: chi2(18) = 330.4, p = 3e-59 for
    # region * purpose, and chi2(2) = 12.95, p = 0.0015 for intercepts only
    res = mnlogit.fit(formula, travel, ref="car")
    with pytest.warns(mnlogit.IIATestWarning, match="nothing to compare"):
        out = res.iia_test("walk", method=method)
    assert np.isnan(out.statistic) and np.isnan(out.pvalue)
    assert "the design is saturated" in out.note
    # however loosely the fit converged (the rounding of d is then far larger)
    loose = mnlogit.fit(formula, travel, ref="car", tol=1e-4)
    with pytest.warns(mnlogit.IIATestWarning, match="saturated"):
        assert np.isnan(loose.iia_test("walk", method=method).statistic)
    # a continuous predictor: the estimates differ, and the test is computed as before
    real = mnlogit.fit(formula.replace("~", "~ distance +"), travel, ref="car")
    assert np.isfinite(real.iia_test("walk", method=method).statistic)


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
def test_tests_of_every_slope_of_an_intercept_only_model(travel, cov_type):
    # the LR test read chi2(0) = 2.7e-12 (rounding of llf - llnull) with a bare NaN p-value;
    # the Wald test of no slopes raised numpy's "zero-size array" ValueError, and with it
    # the summary of a robust intercept-only fit
    res = mnlogit.fit("mode ~ 1", travel, ref="car", cov_type=cov_type)
    tests = [res.wald_test_slopes()] + ([res.lr_test()] if cov_type == "nonrobust" else [])
    for test in tests:
        assert (test.statistic, test.df) == (0.0, 0.0) and np.isnan(test.pvalue)
        assert "no slopes" in test.note
    kind = "LR" if cov_type == "nonrobust" else "Wald"
    summary = res.summary()
    assert dict(summary.header)[f"{kind} chi2(0)"] == "0.0000"
    assert any("no slopes" in note for note in summary.notes)


def test_a_vanishing_covariance_of_d_is_caught_without_the_rows(travel, monkeypatch):
    # the backstop where the pattern count cannot be taken (rows held in partitions)
    from mnlogit import _iia_methods

    monkeypatch.setattr(_iia_methods, "_saturated", lambda full: "")
    res = mnlogit.fit("mode ~ region * purpose", travel, ref="car")
    for method in ("hausman", "suest"):
        with pytest.warns(mnlogit.IIATestWarning, match="zero to the fits' precision"):
            assert np.isnan(res.iia_test("walk", method=method).statistic)


def test_lr_test_against_a_restricted_fit_that_stopped_short_is_not_computed(travel):
    # its log-likelihood is below its maximum, so the statistic is too large: chi2(3) read
    # 181.4 for 63.1, with only "at least one of the fits did not converge"
    full = mnlogit.fit("mode ~ distance + income + region", travel, ref="car")
    done = mnlogit.fit("mode ~ distance + region", travel, ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.ConvergenceWarning)
        short = mnlogit.fit("mode ~ distance + region", travel, ref="car", max_iter=2)
    test = mnlogit.lr_test(short, full)
    assert np.isnan(test.statistic) and np.isnan(test.pvalue) and test.df == 3
    assert "restricted fit did not converge in 2 iterations" in test.note
    assert "too large" in test.note and "max_iter" in test.note
    assert np.isfinite(mnlogit.lr_test(done, full).statistic)
    # the larger fit stopped short: its statistic was kept (too small, said only in the
    # note), where its Wald tests were NaN; now NaN too
    stopped = _stopped(travel)
    refused = mnlogit.lr_test(done, stopped)
    assert np.isnan(refused.statistic) and np.isnan(refused.pvalue) and refused.df == 3
    assert refused.note.startswith("Not computed: the larger fit did not converge in 2")
    assert "too small" in refused.note and "max_iter" in refused.note


def test_anova_says_in_its_table_which_refits_did_not_converge(travel):
    # a quasi-separated fit: the refits without distance or income stay separated, and
    # their LR tests were unreliable only in a ConvergenceWarning, which a saved table loses
    rng = np.random.default_rng(5)
    df = travel.assign(wc=((travel["mode"] == "car") & (rng.uniform(size=len(travel)) < 0.05)))
    df["wc"] = df["wc"].astype(float)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        res = mnlogit.fit("mode ~ distance + income + wc", df, ref="car")
    with pytest.warns(mnlogit.ConvergenceWarning, match="did not converge"):
        table = res.anova()
    note = table.attrs["note"]
    assert "The restricted model(s) with columns Intercept, income, wc" in note
    assert "along the separating direction" in note and ".." not in note
    # compared at the log-likelihoods they approach: those of the model without the rows
    # of wc, all of the reference, whose probability tends to 1 (and without wc)
    without = mnlogit.fit("mode ~ distance + income", df[df["wc"] == 0], ref="car").anova()
    np.testing.assert_allclose(table.loc[without.index, "chi2"], without["chi2"], rtol=1e-7)


@pytest.mark.parametrize("method", ["newton", "firth"])
def test_rows_of_frequency_weight_zero_do_not_make_other_rows(travel, method):
    # a fit with rows at weight 0 is the fit of the data without them: lr_test of it beside
    # the fit of those data was refused as "fitted on different rows (... dropped for
    # missing values)"
    data = travel.head(400)
    w = data.assign(w=np.where(np.arange(len(data)) % 4 == 0, 0.0, 1.0))
    kept = data[w["w"] > 0]
    small, large = "mode ~ region", "mode ~ np.log(distance) + region"

    def fit(formula, d, **kw):
        return mnlogit.fit(formula, d, ref="car", method=method, **kw)

    want = mnlogit.lr_test(fit(small, kept), fit(large, kept))
    for restricted, full in [
        (fit(small, kept), fit(large, w, weights="w")),
        (fit(small, w, weights="w"), fit(large, kept)),
        (fit(small, w, weights="w"), fit(large, w, weights="w")),
    ]:
        got = mnlogit.lr_test(restricted, full)
        assert got.df == want.df
        np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-8)
    # rows of weight 0 other than those dropped are other rows
    other = w.assign(w=np.where(np.arange(len(data)) % 4 == 1, 0.0, 1.0))
    with pytest.raises(
        mnlogit.exceptions.ModelComparisonError, match=r"different rows|not the same"
    ):
        mnlogit.lr_test(fit(small, kept), fit(large, other, weights="w"))


def test_anova_refits_short_of_their_maximum_are_not_computed(travel, monkeypatch):
    # a refit stopped by max_iter (not by separation) is below its maximum, so its statistic
    # is too large: it was kept, called unreliable only in the warning, where lr_test of such
    # a fit is NaN
    from mnlogit import _refits

    res = mnlogit.fit("mode ~ np.log(distance) + income + region", travel, ref="car")
    full = res.anova()
    monkeypatch.setattr(_refits, "REFIT_MAX_ITER", 1)
    with pytest.warns(mnlogit.ConvergenceWarning, match="short of their maximum"):
        short = res.anova()
    assert short["chi2"].isna().all() and short["pvalue"].isna().all()
    assert "not computed (NaN)" in short.attrs["note"] and "unreliable" not in short.attrs["note"]
    np.testing.assert_array_equal(short["df"], full["df"])
