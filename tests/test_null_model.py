"""The null model is nested in the fitted one, with or without an intercept.

Before, ``llnull`` was always the intercept-only log-likelihood. On the data below, where
the outcome is 80/15/5 % and unrelated to x, ``y ~ 0 + x`` gave an LR chi2 of -407.2 and a
McFadden R2 of -0.86 (the intercept-only model is not nested in a model without intercept),
and ``y ~ 0 + C(g)``, whose dummies span the constant, had df_model 6 instead of 4.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit._null import null_loglik


def data(seed: int = 0, n: int = 400) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    df = pd.DataFrame({"x": rng.normal(size=n), "g": rng.choice(list("uvw"), n)})
    df["y"] = rng.choice(list("abc"), size=n, p=[0.8, 0.15, 0.05])
    return df


@pytest.fixture(scope="module")
def df():
    return data()


def test_design_without_intercept_uses_the_zero_null(df):
    res = mnlogit.fit("y ~ 0 + x", df)
    assert res.null_model == "zero"
    np.testing.assert_allclose(res.llnull, len(df) * np.log(1 / 3), rtol=1e-14)
    assert res.df_model == 2 * 1
    lr = res.lr_test()  # before: chi2 = -407.2
    assert lr.statistic >= 0 and 0 <= lr.pvalue <= 1 and lr.df == 2
    assert "every coefficient zero" in lr.method
    np.testing.assert_allclose(lr.statistic, 2 * (res.llf - res.llnull), rtol=1e-12)
    assert (res.pseudo_r2 >= 0).all()  # before: McFadden -0.86
    text = " ".join(str(res.summary()).split())  # notes are wrapped
    assert "Null model: every coefficient zero (each of the 3 outcome levels 1/3)" in text


def test_the_zero_null_is_the_fit_at_zero(df):
    res = mnlogit.fit("y ~ 0 + x", df)
    evaluate = res._data.evaluator()
    np.testing.assert_allclose(
        res.llnull, evaluate(np.zeros_like(res.params.to_numpy()), 0).loglik, rtol=1e-13
    )


def test_dummies_for_every_level_span_the_constant(df):
    res = mnlogit.fit("y ~ 0 + C(g)", df)
    same = mnlogit.fit("y ~ C(g)", df)
    assert res.null_model == same.null_model == "intercept-only"
    assert res.df_model == same.df_model == 4  # before: 6
    np.testing.assert_allclose(res.llnull, same.llnull, rtol=1e-14)
    np.testing.assert_allclose(res.llf, same.llf, rtol=1e-10)
    np.testing.assert_allclose(res.lr_test().statistic, same.lr_test().statistic, rtol=1e-7)
    assert "Null model" not in str(res.summary())


def test_firth_null_is_the_nested_penalised_fit(df):
    # the null is fitted under the full model's penalty: the intercept-only model as nested
    # in the full one (refitted by lr_test from a separate fit), the same for both
    # parametrisations of the column space
    intercept_only = mnlogit.fit("y ~ 1", df, method="firth")
    with_intercept = mnlogit.fit("y ~ C(g)", df, method="firth")
    nested = mnlogit.lr_test(intercept_only, with_intercept)
    statistics = []
    for formula in ("y ~ 0 + C(g)", "y ~ C(g)"):
        res = mnlogit.fit(formula, df, method="firth")
        lr = res.lr_test()
        statistics.append(lr.statistic)
        assert lr.statistic >= 0
        text = str(res.summary())
        assert "Penalised null log-lik." in text  # the chi2 is reproducible from the header
    np.testing.assert_allclose(statistics, nested.statistic, rtol=1e-8)
    res = mnlogit.fit("y ~ 0 + x", df, method="firth")
    s = res._data.evaluator()(np.zeros((res._data.p, res._data.q)), 2)
    at_zero = res.llnull + 0.5 * np.linalg.slogdet(s.info)[1]  # B = 0, the full penalty
    assert res.lr_test().details["null"] == pytest.approx(at_zero, rel=1e-13)


def test_intercept_models_keep_the_counts_null(df):
    res = mnlogit.fit("y ~ x", df)
    counts = df["y"].value_counts().to_numpy(float)
    np.testing.assert_allclose(res.llnull, null_loglik(counts), rtol=1e-14)
    assert res.null_model == "intercept-only" and res.df_model == 2


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    shift=st.floats(-3, 3),
    formula=st.sampled_from(["y ~ 0 + x", "y ~ 0 + x + z", "y ~ 0 + C(g) + x", "y ~ x"]),
)
def test_lr_chi2_and_pseudo_r2_are_never_negative(seed, shift, formula):
    df = data(seed, n=150)
    df["x"] = df["x"] + shift
    df["z"] = np.random.default_rng(seed + 1).normal(size=len(df))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        res = mnlogit.fit(formula, df)
    assume(res.separation is None)  # a rare level can be separated: no LR test then
    assert res.lr_test().statistic >= -1e-8 * abs(res.llf)
    assert (res.pseudo_r2 >= -1e-10).all()


@settings(derandomize=True, max_examples=20, deadline=None)
@given(st.integers(1, 12), st.integers(0, 1000))
def test_predictors_without_any_effect_test_at_zero_not_nan(copies, seed):
    # every outcome equally often at each value of x and g: the slopes are exactly zero, so
    # the fit's log-likelihood is the null's up to rounding, which had made the LR statistic
    # -2e-13 and its p-value (and anova's) NaN, the pseudo-R2 -4e-16
    block = pd.DataFrame(
        {"y": list("abc") * 2, "x": [0.0] * 3 + [1.0] * 3, "g": ["p"] * 3 + ["q"] * 3}
    )
    df = pd.concat([block] * copies * 7, ignore_index=True).sample(frac=1, random_state=seed)
    for formula in ("y ~ x", "y ~ g", "y ~ 1"):
        res = mnlogit.fit(formula, df)
        lr = res.lr_test()
        assert lr.statistic >= 0
        assert (res.pseudo_r2 >= 0).all()
        if res.df_model:
            assert lr.pvalue == pytest.approx(1.0)
            assert res.anova()["pvalue"].to_numpy() == pytest.approx(1.0)
            nested = mnlogit.lr_test(mnlogit.fit("y ~ 1", df), res)
            assert nested.statistic >= 0 and nested.pvalue == pytest.approx(1.0)


def test_a_model_without_slopes_gains_nothing_over_itself():
    """The intercept-only model is its own null model: its pseudo-R2 are 0 by definition
    (as its LR chi2 is), where its log-likelihood and the null's, summed differently, left
    1.4e-12 of rounding that showed as a McFadden R2 of 3.668e-16 in the summary and in a
    compare table's baseline column."""
    travel = mnlogit.datasets.load("travel").dropna()
    null = mnlogit.fit("mode ~ 1", travel, ref="car")
    assert (null.pseudo_r2 == 0.0).all()
    assert null.lr_test().statistic == 0.0
    table = mnlogit.compare([null, mnlogit.fit("mode ~ np.log(distance)", travel, ref="car")])
    assert table.statistics.loc["McFadden R2"].iloc[0] == 0.0
    row = next(line for line in str(table).splitlines() if line.startswith("McFadden R2"))
    assert row.split()[2] == "0.0000"
    assert "McFadden R2              0.0000" in str(null.summary())
