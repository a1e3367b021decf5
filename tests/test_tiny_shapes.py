"""Data at the extremes of shape: a few rows, as many coefficients as rows, no predictors,
hundreds of outcome levels. What is fitted is checked against closed forms, statsmodels and
brglm2 (tests/reference/make_tiny_firth.R); what cannot be fitted is refused."""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

import mnlogit
from mnlogit.exceptions import DataError

TINY_FIRTH = json.loads((Path(__file__).parent / "reference" / "tiny_firth.json").read_text())


def quiet_fit(formula, df, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        return mnlogit.fit(formula, df, **kw)


@pytest.mark.parametrize("case", ["two_rows", "three_rows", "saturated_k3", "constant_within"])
def test_firth_on_tiny_data_is_brglm2(case):
    ref = TINY_FIRTH[case]
    res = quiet_fit("y ~ x", pd.DataFrame({"y": ref["y"], "x": ref["x"]}), method="firth")
    for level, coef in ref["coef"].items():
        np.testing.assert_allclose(res.params[level], coef, rtol=1e-6, atol=1e-9)
        np.testing.assert_allclose(res.bse[level], ref["se"][level], rtol=1e-6)


def test_as_many_coefficients_as_rows_is_statsmodels_mnlogit():
    # four rows, 2 x 2 coefficients, no separation: df_resid 0 and a finite maximum
    df = pd.DataFrame({"y": list("abca"), "x": [1.0, 2, 3, 4]})
    res = quiet_fit("y ~ x", df)
    assert res.converged and res.separation is None and res.df_resid == 0
    X = sm.add_constant(df[["x"]])
    theirs = sm.MNLogit(pd.Categorical(df["y"]).codes, X).fit(disp=0, method="newton", tol=1e-12)
    np.testing.assert_allclose(res.params.to_numpy(), theirs.params.to_numpy(), rtol=1e-7)
    np.testing.assert_allclose(res.bse.to_numpy(), theirs.bse.to_numpy(), rtol=1e-7)
    np.testing.assert_allclose(res.llf, theirs.llf, rtol=1e-12)
    assert res.llf < 0  # n = p (K - 1) is not a saturated multinomial model
    np.testing.assert_allclose(res.aic, -2 * res.llf + 8, rtol=1e-12)


def test_three_rows_two_outcomes_is_statsmodels_logit():
    df = pd.DataFrame({"y": list("aba"), "x": [1.0, 2, 3]})
    res = quiet_fit("y ~ x", df)
    theirs = sm.Logit((df["y"] == "b").astype(float), sm.add_constant(df[["x"]])).fit(disp=0)
    np.testing.assert_allclose(res.params["b"], theirs.params, atol=1e-10)
    np.testing.assert_allclose(res.bse["b"], theirs.bse, rtol=1e-8)
    np.testing.assert_allclose(res.pvalues["b"], theirs.pvalues, rtol=1e-8)
    assert res.df_resid == 1


@pytest.mark.parametrize("counts", [[3, 5], [4, 1, 3], [1] * 6, [3] * 200])
def test_intercept_only_is_the_log_share_ratios(counts):
    labels = [f"L{'x' * (k % 7)}{k:03d}" for k in range(len(counts))]  # labels of mixed lengths
    df = pd.DataFrame({"y": np.repeat(labels, counts)})
    res = quiet_fit("y ~ 1", df)
    n, ref_count = sum(counts), counts[0]
    np.testing.assert_allclose(
        res.params.loc["Intercept"], np.log(np.array(counts[1:]) / ref_count), atol=1e-10
    )
    se = np.sqrt(1 / np.array(counts[1:]) + 1 / ref_count)
    np.testing.assert_allclose(res.bse.loc["Intercept"], se, rtol=1e-8)
    share = np.array(counts) / n
    np.testing.assert_allclose(res.llf, np.sum(np.array(counts) * np.log(share)), rtol=1e-12)
    assert res.llf == pytest.approx(res.llnull, rel=1e-12) and res.df_model == 0
    assert res.df_resid == n - (len(counts) - 1)
    lr = res.lr_test()
    assert lr.statistic == pytest.approx(0, abs=1e-8) and lr.df == 0 and np.isnan(lr.pvalue)
    # the predicted shares and their standard errors sqrt(p (1 - p) / n)
    m = res.margins().to_frame().set_index("outcome")
    np.testing.assert_allclose(m.loc[labels, "estimate"], share, rtol=1e-8)
    np.testing.assert_allclose(
        m.loc[labels, "std_error"], np.sqrt(share * (1 - share) / n), rtol=1e-6
    )
    with pytest.raises(DataError, match="no terms besides the intercept"):
        res.anova()
    with pytest.raises(DataError, match="no variables to take effects of"):
        res.marginal_effects()


def test_intercept_only_two_outcomes_is_statsmodels_logit():
    df = pd.DataFrame({"y": list("aabbbabbbb")})
    res = quiet_fit("y ~ 1", df)
    theirs = sm.Logit((df["y"] == "b").astype(float), np.ones((10, 1))).fit(disp=0)
    np.testing.assert_allclose(res.params["b"], theirs.params, rtol=1e-10)
    np.testing.assert_allclose(res.bse["b"], theirs.bse, rtol=1e-10)
    np.testing.assert_allclose([res.llf, res.aic, res.bic], [theirs.llf, theirs.aic, theirs.bic])


@pytest.mark.parametrize(
    ("formula", "df", "match"),
    [
        ("y ~ x", pd.DataFrame({"y": ["a"], "x": [1.0]}), "1 level"),
        ("y ~ x", pd.DataFrame({"y": ["a"] * 5, "x": np.arange(5.0)}), "1 level"),
        ("y ~ 0", pd.DataFrame({"y": list("abab")}), "no columns"),
        ("y ~ 1 - 1", pd.DataFrame({"y": list("abab")}), "no columns"),
        ("y ~ x + z", pd.DataFrame({"y": list("ab"), "x": [1.0, 2], "z": [0.0, 5]}), "columns"),
        ("y ~ x * z", pd.DataFrame({"y": list("abc"), "x": [1.0, 2, 3], "z": [4.0, 1, 0]}), "(4)"),
    ],
)
def test_shapes_without_a_model_are_refused(formula, df, match):
    with pytest.raises(DataError, match=match):
        quiet_fit(formula, df)


@pytest.mark.parametrize(
    "df",
    [
        pd.DataFrame({"y": list("abc"), "x": [1.0, 2, 3]}),
        pd.DataFrame({"y": list("abcdef"), "x": np.arange(6.0)}),
    ],
)
def test_more_coefficients_than_rows_is_fitted_and_its_separation_said(df):
    # two columns on 3 or 6 rows have full rank: the coefficients are identified, and it is
    # the ordering of the outcomes along x (not their number) that leaves no finite estimate
    res = quiet_fit("y ~ x", df)
    assert res.n_params > res.nobs
    assert res.separation is not None and res.separation.kind == "complete"
    assert res.bse.isna().all().all()
