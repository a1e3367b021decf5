"""With two outcome levels the multinomial logit is the binary logit.

Every number mnlogit gives for a two-level outcome is checked against statsmodels' ``Logit``
(``GLM(Binomial, freq_weights=)`` where there are weights) on random data: factors, frequency
weights and either level as the reference. R's ``brglm2`` (Firth) and ``car::Anova`` (type II
and III with an interaction) are in test_binary_parity_reference.py.
"""

import warnings

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from scipy import stats

import mnlogit

FORMULA = "y ~ x1 + x2 + C(g) + h"


def draw(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    x1 = rng.standard_normal(n)
    x2 = rng.uniform(0, 3, n)
    g = rng.choice(["a", "b", "c"], n)
    h = rng.choice(["lo", "hi"], n)
    eta = 0.2 + 0.7 * x1 - 0.4 * x2 + 0.6 * (g == "b") - 0.5 * (h == "lo")
    y = np.where(rng.uniform(size=n) < 1 / (1 + np.exp(-eta)), "yes", "no")
    return pd.DataFrame(
        {
            "y": y,
            "x1": x1,
            "x2": x2,
            "g": g,
            "h": h,
            "w": rng.integers(1, 4, n),
            "cl": rng.integers(0, 9, n),
        }
    )


def fit(df: pd.DataFrame, ref: str, weighted: bool, **kw) -> mnlogit.MNLogitResults:
    """The fit, or the example discarded when the draw is separated (no binary MLE either)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.SeparationWarning)
        try:
            return mnlogit.fit(FORMULA, df, ref=ref, weights="w" if weighted else None, **kw)
        except mnlogit.SeparationWarning:
            assume(False)
            raise


def close(a, b, rtol=1e-6, atol=1e-9):
    np.testing.assert_allclose(np.asarray(a, float), np.asarray(b, float), rtol=rtol, atol=atol)


def repeated(df: pd.DataFrame, weighted: bool) -> pd.DataFrame:
    return df.loc[df.index.repeat(df["w"])].reset_index(drop=True) if weighted else df


def logit(res, df, weighted, **kw):
    """statsmodels' Logit on the same design, the rows repeated by their weights."""
    X = pd.DataFrame(res._data.X, columns=res.params.index)
    other = res.params.columns[0]
    yb = (df["y"] == other).astype(float)
    if weighted:
        X = X.loc[X.index.repeat(df["w"])].reset_index(drop=True)
        yb = yb.loc[yb.index.repeat(df["w"])].reset_index(drop=True)
    return sm.Logit(yb, X).fit(disp=0, tol=1e-13, maxiter=200, **kw), X, yb


def both(seed: int, n: int, ref: str, weighted: bool):
    """mnlogit's fit, its non-reference level, and statsmodels' Logit with its X and y."""
    df = draw(seed, n)
    res = fit(df, ref, weighted)
    lo, X, yb = logit(res, df, weighted)
    return res, res.params.columns[0], lo, X, yb


cases = given(
    seed=st.integers(0, 10_000),
    n=st.integers(60, 150),
    ref=st.sampled_from(["no", "yes"]),
    weighted=st.booleans(),
)
shape = settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cases
@shape
def test_estimates_tests_and_criteria_are_the_binary_logit(seed, n, ref, weighted):
    res, other, lo, X, yb = both(seed, n, ref, weighted)
    close(res.params[other], lo.params, rtol=1e-7)
    close(res.bse[other], lo.bse)
    close(res.zvalues[other], lo.tvalues)
    close(res.pvalues[other], lo.pvalues, atol=1e-12)
    close(res.conf_int().to_numpy(), lo.conf_int().to_numpy())
    close(res.conf_int(alpha=0.1).to_numpy(), lo.conf_int(alpha=0.1).to_numpy())
    close(res.llf, lo.llf, rtol=1e-10)
    # statsmodels' llnull is an iterative fit good to about 1e-10; the null model's is closed
    share = yb.mean()
    llnull = len(yb) * (share * np.log(share) + (1 - share) * np.log1p(-share))
    close(lo.llnull, llnull, rtol=1e-9)
    close(res.llnull, llnull, rtol=1e-12)
    close(res.aic, lo.aic, rtol=1e-10)
    close(res.bic, lo.bic, rtol=1e-10)
    close(res.pseudo_r2["mcfadden"], 1 - lo.llf / llnull, rtol=1e-10)
    assert res.df_model == lo.df_model and res.df_resid == lo.df_resid
    assert res.nobs == len(yb)
    lr = res.lr_test()
    chi2 = 2 * (lo.llf - llnull)
    close([lr.statistic, lr.df, lr.pvalue], [chi2, lo.df_model, stats.chi2.sf(chi2, 5)], rtol=1e-8)
    names = list(X.columns)

    def row(coefs: dict[str, float]) -> list[float]:
        return [coefs.get(name, 0.0) for name in names]

    for text, R, q in [
        ("x1 = 0, x2 = 0", [row({"x1": 1}), row({"x2": 1})], [0, 0]),
        ("{k}:x1 = {k}:x2", [row({"x1": 1, "x2": -1})], [0]),
        ("{k}:C(g)[T.b] = 2 * {k}:x1 + 0.5", [row({"C(g)[T.b]": 1, "x1": -2})], [0.5]),
    ]:
        mine = res.wald_test(text.format(k=other))
        theirs = lo.wald_test((np.array(R, float), np.array(q, float)), scalar=True)
        close(
            [mine.statistic, mine.df, mine.pvalue],
            [theirs.statistic, theirs.df_denom, theirs.pvalue],
        )
    close(res.predict()[other].to_numpy(), 1 / (1 + np.exp(-(res._data.X @ lo.params.to_numpy()))))
    # the type II tests of main effects drop one term at a time
    anova = res.anova()
    for term, cols in {
        "x1": ["x1"],
        "x2": ["x2"],
        "C(g)": ["C(g)[T.b]", "C(g)[T.c]"],
        "h": ["h[T.lo]"],
    }.items():
        smaller = sm.Logit(yb, X.drop(columns=cols)).fit(disp=0, tol=1e-13, maxiter=200)
        close(anova.loc[term, "chi2"], 2 * (lo.llf - smaller.llf), rtol=1e-6, atol=1e-8)
        assert anova.loc[term, "df"] == len(cols)


@cases
@shape
def test_robust_and_cluster_covariances_are_the_binary_logit(seed, n, ref, weighted):
    df = draw(seed, n)
    robust = fit(df, ref, weighted, cov_type="robust")
    cluster = fit(df, ref, weighted, cov_type="cluster", groups="cl")
    other = robust.params.columns[0]
    hc0, _, _ = logit(robust, df, weighted, cov_type="HC0")
    close(robust.bse[other], hc0.bse)
    close(robust.pvalues[other], hc0.pvalues, atol=1e-12)
    close(robust.cov_params().to_numpy(), hc0.cov_params().to_numpy())
    # statsmodels' default factor is G/(G-1) (n-1)/(n-k); mnlogit's, as Stata's mlogit, G/(G-1)
    groups = repeated(df, weighted)["cl"]
    cl, _, _ = logit(
        cluster,
        df,
        weighted,
        cov_type="cluster",
        cov_kwds={"groups": groups, "use_correction": False},
    )
    G = df["cl"].nunique()
    close(cluster.cov_params().to_numpy(), cl.cov_params().to_numpy() * G / (G - 1))
    wt = cluster.wald_test("x1 = 0, h[T.lo] = 0")
    sw = cl.wald_test("x1 = 0, h[T.lo] = 0", scalar=True)
    close(wt.statistic, sw.statistic * (G - 1) / G)


@pytest.mark.slow
@cases
@shape
def test_margins_of_both_levels_are_the_binary_logit(seed, n, ref, weighted):
    res, other, lo, _, _ = both(seed, n, ref, weighted)
    for at in ["overall", "mean"]:
        me = res.marginal_effects(at=at)
        theirs = lo.get_margeff(at=at, dummy=True).summary_frame()
        mine = me.xs(other, level="outcome")
        # statsmodels sets one dummy column at a time, which for a two-level factor is the
        # discrete change from its baseline
        rows = ["x1", "x2", "h[T.lo]"]
        close(mine.loc[rows, "dydx"], theirs.loc[rows].iloc[:, 0])
        close(mine.loc[rows, "std_error"], theirs.loc[rows].iloc[:, 1])
        close(mine.loc[rows, "pvalue"], theirs.loc[rows].iloc[:, 3], atol=1e-10)
        base = me.xs(res.ref, level="outcome")
        close(base["dydx"], -mine["dydx"], atol=1e-14)
        close(base["std_error"], mine["std_error"])
        close(base["z"], -mine["z"])
    # a three-level factor's effects: the average change from its baseline, as Stata's
    # margins (statsmodels would set one of its dummies at a time)
    df = draw(seed, n)
    weights = df["w"] if weighted else None
    me = res.marginal_effects()
    for level in ["b", "c"]:
        change = res.predict(df.assign(g=level))[other] - res.predict(df.assign(g="a"))[other]
        close(me.loc[(f"g[T.{level}]", other), "dydx"], np.average(change, weights=weights))
