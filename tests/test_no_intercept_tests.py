"""Tests of a model written without an intercept whose dummies add up to the constant
(``y ~ 0 + region + children`` is ``y ~ region + children`` in other columns): every test keeps
the constant in its null, as the test against the intercept-only model and ``df_model`` do,
so the per-term tests and the Wald test of every slope are those of the model with an
intercept. Reference values: tests/reference/no_intercept_tests.R (nnet, sandwich by hand).
"""

import warnings

import numpy as np
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError

RTOL_LR = 1e-8  # LR chi2 from log-likelihoods converged to 1e-12 (R: reltol 1e-16)
RTOL_WALD = 1e-6  # Wald chi2 from R's covariance (nnet's numerical Hessian: ~1e-7)


@pytest.fixture(scope="module")
def df():
    out = refdata.data("womenlf")
    out["w"] = 1 + (np.arange(len(out)) + 1) % 3  # R's 1 + (row %% 3), rows from 1
    out["cl"] = np.arange(len(out)) // 5
    return out


def cases():
    return [
        pytest.param(case["formula"], term, value, id=f"{case['formula']}|{term}")
        for case in refdata.expected("no_intercept_tests")["terms"]
        for term, value in case["tests"].items()
    ]


@pytest.mark.parametrize("kind", ["II", "III"])
@pytest.mark.parametrize(("formula", "term", "want"), cases())
def test_per_term_lr_tests_keep_the_constant(df, formula, term, want, kind):
    table = mnlogit.fit(formula, df, ref="not.work").anova(kind)
    assert table.loc[term, "df"] == want["df"]
    np.testing.assert_allclose(table.loc[term, "chi2"], want["chi2"], rtol=RTOL_LR)
    np.testing.assert_allclose(table.loc[term, "pvalue"], want["pvalue"], rtol=1e-5)


def test_r_codes_the_model_without_region_with_the_constant_too():
    ref = refdata.expected("no_intercept_tests")
    region = ref["terms"][0]["tests"]["region"]
    assert ref["r_anova_region"]["df"] == region["df"] == 8
    np.testing.assert_allclose(ref["r_anova_region"]["chi2"], region["chi2"], rtol=1e-10)


@pytest.mark.parametrize(
    ("case", "options"),
    [
        ("nonrobust", {}),
        ("robust", {"cov_type": "robust"}),
        ("robust_weighted", {"cov_type": "robust", "weights": "w"}),
    ],
)
def test_wald_test_of_every_slope_is_against_the_intercept_only_model(df, case, options):
    want = refdata.expected("no_intercept_tests")["slopes"][case]
    res = mnlogit.fit("partic ~ 0 + region + children", df, ref="not.work", **options)
    test = res.wald_test_slopes()
    assert test.df == want["df"] == res.df_model == 10
    np.testing.assert_allclose(test.statistic, want["chi2"], rtol=RTOL_WALD)
    assert "intercept-only" in test.note


@pytest.mark.parametrize(
    "options",
    [
        {"cov_type": "robust"},
        {"cov_type": "cluster", "groups": "cl", "weights": "w"},
        {"method": "firth"},
        {"method": "firth", "weights": "w"},
    ],
    ids=["robust", "cluster-weighted", "firth", "firth-weighted"],
)
@pytest.mark.parametrize("kind", ["II", "III"])
@pytest.mark.parametrize(
    ("without", "with_intercept"),
    [
        ("partic ~ 0 + region + children", "partic ~ region + children"),
        ("partic ~ 0 + region * hincome", "partic ~ region * hincome"),
        ("partic ~ 0 + children + region:hincome", "partic ~ children + region:hincome"),
    ],
)
def test_per_term_tests_do_not_depend_on_writing_the_intercept(
    df, without, with_intercept, kind, options
):
    a = mnlogit.fit(without, df, ref="not.work", **options).anova(kind)
    b = mnlogit.fit(with_intercept, df, ref="not.work", **options).anova(kind)
    b = b.loc[[t for t in b.index if t in a.index]]
    assert list(a.index) == list(b.index)
    np.testing.assert_array_equal(a["df"].to_numpy(), b["df"].to_numpy())
    np.testing.assert_allclose(a["chi2"].to_numpy(), b["chi2"].to_numpy(), rtol=1e-6)


@pytest.mark.parametrize(
    "formula", ["partic ~ region * children", "partic ~ 0 + region * children"]
)
def test_type_ii_wald_test_beside_diverging_relatives_is_not_computed(df, formula):
    # the Prairie cell of children absent has no parttime row: region:children diverges.
    # A type II Wald test of children projects on the covariance of region:children too, which
    # the fit's stopping point sets (167.0 and 166.1 in the two codings of one model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(formula, df, ref="not.work", cov_type="robust")
        table = res.anova("II")
    assert np.isnan(table.loc["children", "chi2"])
    assert np.isnan(table.loc["children", "pvalue"])
    assert "'children'" in table.attrs["note"]
    assert "terms that contain" in table.attrs["note"]


@pytest.mark.slow
def test_designs_without_the_rows_in_memory_refuse_refitting_the_constant(df):
    dd = pytest.importorskip("dask.dataframe")
    formula = "partic ~ 0 + region + children"
    res = mnlogit.fit(formula, dd.from_pandas(df, npartitions=2), ref="not.work")
    with pytest.raises(DataError, match=r"y ~ 1 \+"):
        res.anova("II")
    want = mnlogit.fit(formula, df, ref="not.work").wald_test_slopes()
    np.testing.assert_allclose(res.wald_test_slopes().statistic, want.statistic, rtol=1e-9)


@pytest.mark.parametrize("options", [{}, {"cov_type": "robust"}, {"method": "firth"}])
def test_a_column_that_is_the_constant_in_other_units_is_not_a_term_to_test(df, options):
    # a column of 2s without an intercept is the constant: its test has no restriction left
    # once the constant stays (the table and the slopes' test failed on an empty R)
    data = df.assign(two=2.0)
    got = mnlogit.fit("partic ~ 0 + two + hincome", data, ref="not.work", **options)
    want = mnlogit.fit("partic ~ hincome", data, ref="not.work", **options)
    table = got.anova()
    assert list(table.index) == ["hincome"]
    np.testing.assert_allclose(table["chi2"], want.anova()["chi2"], rtol=1e-7)
    np.testing.assert_allclose(
        got.wald_test_slopes().statistic, want.wald_test_slopes().statistic, rtol=1e-7
    )
    alone = mnlogit.fit("partic ~ 0 + two", data, ref="not.work", **options)
    assert alone.df_model == 0
    test = alone.wald_test_slopes()
    assert (test.statistic, test.df) == (0.0, 0.0) and np.isnan(test.pvalue)
    with pytest.raises(DataError, match=r"no terms besides the intercept to test \('two' is"):
        alone.anova()
    # two columns adding up to the constant: neither is a term to test on its own (the
    # refusal said there were no terms besides the intercept, and the model has none)
    split = mnlogit.fit("partic ~ 0 + I(hincome / 50) + I(1 - hincome / 50)", data, **options)
    with pytest.raises(DataError, match=r"no term can be tested on its own: 'I\(hincome / 50\)'"):
        split.anova()


def test_survey_summary_tests_every_slope_against_the_intercept_only_model(df):
    # the header's adjusted Wald F tested the region dummies' constant too: F(12, 41) = 6.35,
    # where y ~ region + children, the same model, has F(10, 43) = 5.69
    design = mnlogit.SurveyDesign(weights="w", psu="cl")
    fits = [
        mnlogit.fit(f, df, ref="not.work", design=design)
        for f in ("partic ~ 0 + region + children", "partic ~ region + children")
    ]
    headers = [dict(res.summary().header) for res in fits]
    assert "F(10, 43)" in headers[0]
    assert headers[0]["F(10, 43)"] == headers[1]["F(10, 43)"]
    assert headers[0]["Prob > F"] == headers[1]["Prob > F"]


def test_a_wald_test_of_a_term_carrying_the_constant_says_it_tests_the_constant(df):
    # wald_test('region') keeps its literal hypothesis (every region coefficient zero), which
    # here includes the constant: the hypothesis printed says so, and where to test the term
    res = mnlogit.fit("partic ~ 0 + region + children", df, ref="not.work")
    test = res.wald_test("region")
    assert test.df == 10
    assert "the constant is tested too" in test.note and "anova()" in test.note
    assert "constant" not in res.wald_test("children").note
    assert (
        "constant"
        not in mnlogit.fit("partic ~ region", df, ref="not.work").wald_test("region").note
    )


def test_anova_says_which_columns_it_leaves_out_as_shares_of_the_constant():
    # MNLogit(y, X) with a full set of dummies and no constant column: each dummy is a term of
    # its own, whose test with the constant kept restricts nothing; the table left them out
    # without a word, as if the design had no such columns
    rng = np.random.default_rng(11)
    n = 300
    g = rng.integers(0, 3, n)
    x = rng.normal(size=n)
    y = rng.choice(["a", "b", "c"], n)
    dummies = np.eye(3)[g]
    table = mnlogit.MNLogit(y, np.column_stack([x, dummies])).fit().anova()
    assert table.index.tolist() == ["x0"]
    assert "Not tested: 'x1', 'x2', 'x3'" in table.attrs["note"]
    # a column of 2s is the constant itself, like an intercept: nothing to say about it
    twos = mnlogit.MNLogit(y, np.column_stack([x, dummies[:, 1:], np.full(n, 2.0)])).fit()
    assert "Not tested" not in twos.anova().attrs["note"]
    assert twos.anova().index.tolist() == ["x0", "x1", "x2"]
