"""Reparameterisations a statistician relies on, beyond those of test_properties.py and
test_reference_invariance.py: ``with_ref`` against a refit with ``ref=`` for the kinds of fit
those leave out (survey designs, probability weights, Firth, the L2 penalty, rows dropped for
missing values); another baseline of a factor (``C(g, Treatment('b'))``); the outcome coded as
text, as a Categorical whose categories come in another order, or as integers; and an intercept
column given in an array model against the formula's own.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=6, deadline=None)
SAME = 1e-9  # with_ref: the same fit re-expressed, only rounding differs
REFIT = 1e-6  # two fits converged to tol=1e-10


def simulate(seed: int, n: int) -> pd.DataFrame:
    """n rows of a three-level outcome 'k0'..'k2' from a true multinomial logit in x, a
    factor g and their sum, with a survey design (strata, PSUs, sampling weights), frequency
    weights and a few missing values of x."""
    rng = np.random.default_rng(seed)
    x = rng.normal(size=n) * 2.0 + 1.0
    g = rng.choice(["a", "b", "c"], n)
    eta = np.column_stack(
        [
            rng.uniform(-0.5, 0.5, 2)
            + np.outer(x - 1.0, rng.uniform(-0.5, 0.5, 2))
            + np.outer(g == "b", rng.uniform(-1, 1, 2)),
            np.zeros(n),
        ]
    )
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    codes = np.minimum((rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1), 2)
    stratum = rng.integers(0, 3, n)
    frame = pd.DataFrame(
        {
            "y": np.array(["k0", "k1", "k2"])[codes],
            "x": x,
            "g": g,
            "stratum": stratum,
            "psu": stratum * 100 + rng.integers(0, 8, n),
            "pw": rng.uniform(1.0, 30.0, n),
            "fw": rng.integers(1, 4, n),
        }
    )
    frame.loc[rng.choice(n, 4, replace=False), "x"] = np.nan
    return frame


def enough(frame: pd.DataFrame) -> pd.DataFrame:
    counts = frame.dropna()["y"].value_counts().reindex(["k0", "k1", "k2"]).fillna(0)
    assume(counts.min() >= 15)
    return frame


FORMULA = "y ~ x + g"
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="stratum", psu="psu")
KINDS = [
    {"design": DESIGN},
    {"design": DESIGN, "subpop": "g != 'c'"},
    {"weights": "pw", "weight_type": "probability"},
    {"method": "firth"},
    {"method": "firth", "cov_type": "cluster", "groups": "psu"},
    {"method": "firth", "weights": "fw"},
    {"penalty": "l2", "C": 0.5},
    {"weights": "fw", "cov_type": "robust"},
]


def read(res: mnlogit.MNLogitResults, levels: list[str]) -> dict[str, np.ndarray]:
    """What a user reads of a fit, with the equations in ``levels``' order (those of the
    coefficients differ between references; the rest must not)."""
    eq = [k for k in levels if k != res.ref]
    out: dict[str, np.ndarray] = {
        "fit": np.array([res.llf, res.llnull, res.nobs, res.df_model, res.df_resid]),
        "params": res.params[eq].to_numpy(),
        "predict": res.predict()[levels].to_numpy(),
    }
    if not res.solver.inference:  # a penalised fit gives no standard errors or tests
        return out
    out |= {
        "bse": res.bse[eq].to_numpy(),
        "pvalues": res.pvalues[eq].to_numpy(),
        "cov_params": res.cov_params().loc[eq, eq].to_numpy(),
        "conf_int": res.conf_int().loc[eq].to_numpy(),
        "odds_ratios": res.odds_ratios().loc[eq].to_numpy(),
        "to_frame": res.to_frame().loc[eq].select_dtypes("number").to_numpy(dtype=float),
    }
    wald = res.wald_test("g")
    out["wald"] = np.array([wald.statistic, wald.pvalue])
    me = res.marginal_effects().loc[(slice(None), levels), :]
    out["effects"] = me[["dydx", "std_error"]].to_numpy()
    margins = res.margins(over="g").to_frame()
    margins["at"] = margins["outcome"].map({k: j for j, k in enumerate(levels)})
    margins = margins.sort_values(["g", "at"])
    out["margins"] = margins[["estimate", "std_error"]].to_numpy()
    if res.covariance.lr_valid:
        out["anova"] = res.anova().to_numpy()
        out["lr"] = np.array([res.lr_test().statistic, res.lr_test().pvalue])
    return out


def assert_same(a: dict, b: dict, rtol: float) -> None:
    assert a.keys() == b.keys()
    for name in a:
        np.testing.assert_allclose(b[name], a[name], rtol=rtol, atol=1e-12, err_msg=name)


@pytest.mark.slow
@settings(PROPERTY, max_examples=10)  # most kinds, each a few seconds' worth
@given(
    st.integers(0, 2**32 - 1),
    st.integers(150, 260),
    st.sampled_from(range(len(KINDS))),
    st.sampled_from(["k1", "k2"]),
)
def test_with_ref_is_the_refit_for_every_kind_of_fit(seed, n, kind, level):
    frame = enough(simulate(seed, n))
    options = KINDS[kind]
    res = mnlogit.fit(FORMULA, frame, ref="k0", **options)
    assume(res.converged and not res.diverged)
    refit = mnlogit.fit(FORMULA, frame, ref=level, **options)
    re_expressed = res.with_ref(level)
    levels = ["k0", "k1", "k2"]
    assert re_expressed.ref == level and re_expressed.n_dropped == refit.n_dropped
    assert str(re_expressed.summary()).splitlines()[:3] == str(refit.summary()).splitlines()[:3]
    assert_same(read(refit, levels), read(re_expressed, levels), REFIT)
    # and back: the original to rounding
    assert_same(read(res, levels), read(re_expressed.with_ref("k0"), levels), SAME)


@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.integers(150, 260),
    st.sampled_from([{}, {"cov_type": "robust"}, {"weights": "fw"}, {"method": "firth"}]),
    st.sampled_from(["b", "c"]),
)
def test_another_baseline_of_a_factor_leaves_its_tests_alone(seed, n, options, base):
    frame = enough(simulate(seed, n)).dropna()
    a = mnlogit.fit("y ~ x * g", frame, ref="k0", **options)
    b = mnlogit.fit(f"y ~ x * C(g, Treatment('{base}'))", frame, ref="k0", **options)
    assume(a.converged and b.converged and not a.diverged)
    g = f"C(g, Treatment('{base}'))"
    np.testing.assert_allclose(b.llf, a.llf, rtol=1e-10)
    np.testing.assert_allclose(b.predict().to_numpy(), a.predict().to_numpy(), rtol=REFIT)
    for term, other in [("g", g), ("x:g", f"x:{g}")]:
        wa, wb = a.wald_test(term), b.wald_test(other)
        np.testing.assert_allclose([wb.statistic, wb.df], [wa.statistic, wa.df], rtol=REFIT)
    if a.covariance.lr_valid:  # type II: each term tested in the models that respect marginality
        np.testing.assert_allclose(b.anova().to_numpy(), a.anova().to_numpy(), rtol=REFIT)
    # the slope of x, in every equation, is that of the baseline: x's coefficient plus the
    # interaction's with the level chosen as baseline
    slope = a.params.loc["x"] + (a.params.loc[f"x:g[T.{base}]"])
    np.testing.assert_allclose(b.params.loc["x"], slope, rtol=REFIT, atol=1e-9)


@pytest.mark.slow
@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.integers(150, 260),
    st.permutations(["k0", "k1", "k2"]),
    st.sampled_from(["k0", "k1", "k2"]),
)
def test_the_outcome_as_text_categorical_or_integers_is_one_fit(seed, n, order, ref):
    frame = enough(simulate(seed, n))
    text = mnlogit.fit(FORMULA, frame, ref=ref, cov_type="robust")
    categorical = frame.assign(y=pd.Categorical(frame["y"], categories=order))
    cat = mnlogit.fit(FORMULA, categorical, ref=ref, cov_type="robust")
    # integers whose numeric order is neither the text's nor the categories', fitted against
    # the first (k1's -2) and re-expressed
    codes = {"k0": 7, "k1": -2, "k2": 30}
    ints = mnlogit.fit(FORMULA, frame.assign(y=frame["y"].map(codes)), cov_type="robust")
    assert cat.outcomes == tuple(order)
    assert ints.outcomes == (-2, 7, 30) and ints.ref == -2
    ints = ints.with_ref(codes[ref])
    assert list(ints.params.columns) == sorted(v for k, v in codes.items() if k != ref)
    levels = ["k0", "k1", "k2"]
    assert_same(read(text, levels), read(cat, levels), REFIT)
    assert_same(read(text, levels), read(ints, [codes[k] for k in levels]), REFIT)


@PROPERTY
@given(st.integers(0, 2**32 - 1), st.integers(150, 260), st.sampled_from([{}, {"weights": "fw"}]))
def test_an_intercept_column_given_is_the_formulas_intercept(seed, n, options):
    frame = enough(simulate(seed, n)).dropna()
    formula = mnlogit.fit("y ~ x + g", frame, ref="k0", **options)
    X = pd.DataFrame(
        {"Intercept": 1.0, "x": frame["x"], "g[T.b]": frame["g"].eq("b").astype(float)}
    ).assign(**{"g[T.c]": frame["g"].eq("c").astype(float)})
    weights = frame["fw"] if options else None
    arrays = mnlogit.MNLogit(frame["y"], X, ref="k0", weights=weights).fit()
    np.testing.assert_allclose(arrays.llf, formula.llf, rtol=1e-10)
    np.testing.assert_allclose(arrays.llnull, formula.llnull, rtol=1e-10)
    assert arrays.df_model == formula.df_model
    for name in ["params", "bse", "pvalues"]:
        np.testing.assert_allclose(
            getattr(arrays, name).to_numpy(), getattr(formula, name).to_numpy(), rtol=REFIT
        )
    np.testing.assert_allclose(
        arrays.pseudo_r2.to_numpy(), formula.pseudo_r2.to_numpy(), rtol=REFIT
    )
    for a, f in [
        (arrays.lr_test(), formula.lr_test()),
        (arrays.wald_test_slopes(), formula.wald_test_slopes()),
    ]:
        np.testing.assert_allclose([a.statistic, a.df], [f.statistic, f.df], rtol=REFIT)
