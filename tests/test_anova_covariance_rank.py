"""Type II Wald tests (anova of a cluster-robust or survey fit) of a term that others contain
work, as car's ConjComp does, in the covariance of the term's coefficients and those of the
terms containing it. A cluster-robust covariance of G clusters has rank G - 1 at most: with
more coefficients than that in the block, its null directions fell among the tested rows and
the statistic was rounding over rounding. Before, with 8 clusters and four outcomes, anova()
gave x chi2 = 1.5e17 (p = 0) for y ~ 0 + x + x:g, 1.5e14 for a Firth fit of y ~ x * g,
different for another reference, where the type III test and wald_test('x') give 1.5 to 8;
or NaN with nothing in the note to say why. Now these are NaN, and the note says why and what
to use instead."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def few_clusters() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    x, g = rng.normal(size=400), rng.choice(["a", "b", "c"], 400)
    cl, y = rng.integers(0, 8, 400), rng.choice(["k0", "k1", "k2", "k3"], 400)
    return pd.DataFrame({"x": x, "g": g, "cl": cl, "y": y})


COVARIANCES = {
    "cluster": {"cov_type": "cluster", "groups": "cl"},
    "survey": {"design": mnlogit.SurveyDesign(psu="cl", weights=np.ones(400))},
}


@pytest.mark.parametrize("ref", ["k0", "k3"])
@pytest.mark.parametrize("formula", ["y ~ x * g", "y ~ 0 + x + x:g"])
@pytest.mark.parametrize("method", ["newton", "firth"])
@pytest.mark.parametrize("cov", list(COVARIANCES))
def test_type_ii_wald_past_the_covariances_rank_is_nan_and_said(
    few_clusters, cov, method, formula, ref
):
    res = mnlogit.fit(formula, few_clusters, ref=ref, method=method, **COVARIANCES[cov])
    table = res.anova()
    # x and the 3 x 2 coefficients of x:g (and g's 6) exceed the rank of 7 (8 clusters less one)
    assert np.isnan(table.loc["x", "chi2"]) and np.isnan(table.loc["x", "pvalue"])
    note = " ".join(table.attrs["note"].split())
    assert "Not computed: the type II Wald tests of 'x'" in note
    assert "has rank at most 7" in note and "type='III'" in note
    # what the note offers instead: the test of x's own coefficients, which the rank supports
    own = res.wald_test("x")
    iii = res.anova(type="III")
    assert np.isfinite(own.statistic) and own.statistic < 20
    stat = "F" if "F" in iii.columns else "chi2"  # survey fits: the adjusted Wald F
    np.testing.assert_allclose(iii.loc["x", stat], own.statistic, rtol=1e-8)
    # the highest-order term has no relatives: its test is the same either way
    np.testing.assert_allclose(table.loc["x:g", "chi2"], iii.loc["x:g", "chi2"], rtol=1e-8)


def test_type_ii_wald_with_enough_clusters_is_computed(few_clusters):
    many = few_clusters.assign(cl=np.arange(len(few_clusters)) % 40)
    res = mnlogit.fit("y ~ x * g", many, cov_type="cluster", groups="cl")
    table = res.anova()
    assert np.isfinite(table["chi2"]).all()
    assert "Not computed" not in table.attrs["note"]
    np.testing.assert_allclose(
        table.to_numpy(), res.with_ref("k2").anova().to_numpy(), rtol=1e-8, atol=1e-12
    )


def small_frame(seed: int) -> pd.DataFrame:
    """12 to 44 rows of three to five outcome levels, a numeric x and a factor g of unequal
    levels, 8 clusters, sampling weights pw in PSUs in two strata, drawn as the search that
    found these did."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(12, 45))
    K = int(rng.integers(3, 6))
    x = rng.normal(size=n) * 2
    g = rng.choice(["a", "b", "c"], n, p=[0.5, 0.3, 0.2])
    eta = np.column_stack(
        [
            rng.normal(size=K - 1)
            + np.outer(x, rng.normal(size=K - 1) * 0.7)
            + np.outer(g == "b", rng.normal(size=K - 1) * 1.5),
            np.zeros(n),
        ]
    )
    P = np.exp(eta - eta.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(1)).sum(1).clip(0, K - 1)
    st = rng.integers(0, 2, n)
    psu = st * 100 + rng.integers(0, 5, n)
    pw = rng.uniform(1, 10, n)
    rng.integers(0, 4, n)  # a draw these tests do not use, kept for the order
    levels = np.array([f"k{j}" for j in range(K)])
    cl = rng.integers(0, 8, n)
    return pd.DataFrame(
        {"y": levels[codes], "x": x, "g": g, "st": st, "psu": psu, "pw": pw, "cl": cl}
    )


def rare_level_fit(ref: str | None) -> mnlogit.MNLogitResults:
    """38 rows, an outcome level of one row, 8 clusters: the cluster-robust covariance of the
    six coefficients of y ~ 0 + x + x:g is singular though 6 <= 7 (a zero eigenvalue)."""
    df = small_frame(3)
    return mnlogit.fit("y ~ 0 + x + x:g", df, ref=ref, cov_type="cluster", groups="cl")


@pytest.mark.filterwarnings("ignore::mnlogit.RareLevelWarning")
@pytest.mark.parametrize("ref", [None, "k2"])
def test_a_singular_block_within_the_rank_bound_is_nan_and_said(ref):
    # before: chi2 = 33.45 (p = 5e-8) against the first level, NaN against 'k2', no note
    res = rare_level_fit(ref)
    assert res.outcomes == ("k0", "k1", "k2") and res.converged
    table = res.anova()
    assert np.isnan(table.loc["x", "chi2"])
    note = " ".join(table.attrs["note"].split())
    assert "Not computed: 'x': the covariance of the coefficients the test involves" in note
    assert np.isfinite(table.loc["x:g", "chi2"])


@pytest.mark.filterwarnings("ignore::mnlogit.RareLevelWarning")
@pytest.mark.parametrize(
    "seed, options",
    [(72, {"cov_type": "robust"}), (95, {"weights": "pw", "weight_type": "probability"})],
)
def test_a_wald_test_on_a_null_direction_of_the_sandwich_is_nan_whatever_the_reference(
    seed, options
):
    """A level of g with fewer rows than equations leaves the sandwich of y ~ 0 + x + x:g a
    null direction (smallest eigenvalue 1e-17 of 1e-2). The test of every slope gave chi2 =
    14.74 (p = 0.098; seed 72) against one reference and NaN against another: NaN now."""
    df = small_frame(seed)
    first = mnlogit.fit("y ~ 0 + x + x:g", df, **options)
    for res in (first, *(first.with_ref(level) for level in first.outcomes[1:])):
        test = res.wald_test_slopes()
        assert np.isnan(test.statistic) and np.isnan(test.pvalue)
        assert "is not positive definite" in " ".join(test.note.split())
        # a test of fewer coefficients, off the null direction, is still given
        assert np.isfinite(res.wald_test("x").statistic)


@pytest.mark.filterwarnings("ignore::mnlogit.RareLevelWarning")
def test_a_coefficient_whose_design_variance_is_rounding_leaves_its_tests_nan():
    """15 rows in 8 PSUs, an outcome level of one row: the design-based variance of k4:x
    vanishes (the PSUs' totals of its score cancel). The adjusted Wald F of x was 0.62, NaN,
    NaN or 0.94 by the reference; NaN whatever the reference now, with a note."""
    df = small_frame(79)
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")
    res = mnlogit.fit("y ~ 0 + x + x:g", df, design=design)
    assert np.isnan(res.bse.loc["x", "k4"]) and np.isfinite(res.bse.loc["x:g[T.b]"]).all()
    for level in res.outcomes:
        test = res.with_ref(level).wald_test("x")
        assert np.isnan(test.statistic) and np.isnan(test.pvalue)
        assert test.note.startswith("H0: x = 0 in every equation. ") and len(test.note) > 60
    assert np.isfinite(res.wald_test("x:g").statistic)  # no such coefficient in it


def one_cluster_level(level: str) -> mnlogit.MNLogitResults:
    """y ~ x * g + z on 60 clusters of 10 rows, g's level ``level`` only in cluster 0: its
    dummy and its interaction with x have no cluster-robust variance (a baseline takes the
    intercept, x and every dummy of g with it)."""
    rng = np.random.default_rng(4)
    cl = np.repeat(np.arange(60), 10)
    g = np.where(cl == 0, level, np.where(cl % 2, "u", "v"))
    x, z = rng.normal(size=600), rng.normal(size=600)
    y = rng.choice(["A", "B", "C"], 600)
    df = pd.DataFrame({"y": y, "x": x, "z": z, "g": g, "cl": cl})
    return mnlogit.fit("y ~ x * g + z", df, ref="A", cov_type="cluster", groups="cl")


@pytest.mark.filterwarnings("ignore::mnlogit.InferenceWarning")
def test_terms_through_one_clusters_coefficients_are_said_to_be_so():
    # the note said "the covariance ... is singular (a zero variance, or a combination of
    # them with none) ...; type='III' or res.wald_test of the term tests its own
    # coefficients", in a type III table too, where both are NaN as well
    res = one_cluster_level("a")  # the baseline
    for kind in ("II", "III"):
        table = res.anova(kind)
        assert table["chi2"].isna().tolist() == [True, True, False, True]
        note = " ".join(table.attrs["note"].split())
        assert "Not computed: 'x', 'g', 'x:g': no standard errors, tests or intervals" in note
        assert "determined by the rows of a single cluster" in note
        assert "type='III'" not in note and "tests only the term's own" not in note
        assert ".." not in note
    assert np.isnan(res.wald_test("x").statistic)


@pytest.mark.filterwarnings("ignore::mnlogit.InferenceWarning")
def test_a_type_ii_test_through_a_relatives_coefficients_points_to_type_iii():
    res = one_cluster_level("zz")  # the last level: x and the intercept keep their variance
    two, three = res.anova("II"), res.anova("III")
    note = " ".join(two.attrs["note"].split())
    assert "no standard errors, tests or intervals for 'g[T.zz]', 'x:g[T.zz]'" in note
    assert "The type III Wald test of 'x' (or res.wald_test of the term) tests only" in note
    assert np.isnan(two.loc["x", "chi2"]) and np.isfinite(three.loc["x", "chi2"])
    assert three.loc["x", "chi2"] == pytest.approx(res.wald_test("x").statistic, rel=1e-12)
    note = " ".join(three.attrs["note"].split())
    assert "Not computed: 'g', 'x:g': no standard errors" in note and "type III Wald" not in note


@pytest.mark.filterwarnings("ignore::mnlogit.RareLevelWarning")
def test_a_type_iii_test_through_a_vanishing_design_variance_says_so():
    # the design-based variance of k4:x vanishes (see above): the type III note said the
    # covariance was singular and pointed to type='III' and wald_test, both NaN too
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu")
    res = mnlogit.fit("y ~ 0 + x + x:g", small_frame(79), design=design)
    table = res.anova("III")
    assert np.isnan(table.loc["x", "chi2"]) and np.isfinite(table.loc["x:g", "chi2"])
    note = " ".join(table.attrs["note"].split())
    assert "Not computed: 'x': no standard errors, tests or intervals for 'k4:x'" in note
    assert "type='III'" not in note
    # nor does type II's (too wide for the design's rank) send it to type III
    note = " ".join(res.anova("II").attrs["note"].split())
    assert "Not computed: the type II Wald tests of 'x'" in note and "type='III'" not in note


@pytest.mark.parametrize("kind", ["II", "III"])
@pytest.mark.parametrize("cov", list(COVARIANCES))
def test_the_notes_of_several_untested_terms_read_as_sentences(few_clusters, cov, kind):
    # a term of more restrictions than the rank beside a type II test past it: the first
    # reason's own full stop and the ". " joining the next one gave "more clusters.. Not
    # computed"
    data = few_clusters.assign(h=np.repeat(list("pqrst"), 80))
    res = mnlogit.fit("y ~ x * g + h", data, **COVARIANCES[cov])
    table = res.anova(type=kind)
    assert np.isnan(table.loc["h", "chi2"])  # 4 x 3 restrictions past the rank of 7
    note = table.attrs["note"]
    assert "'h'" in note and ".." not in note and ". ." not in note
