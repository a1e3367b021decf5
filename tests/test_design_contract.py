"""The public API of DESIGN.md, called exactly as written there, as a test outside the repo would.

Each name, argument and accepted value of "Public API" and of the public names of the survey,
margins, scikit-learn and reorganisation work is called once as documented; the layouts (index
and column names, types) are asserted, and the values are compared with statsmodels' MNLogit
on the same design (or with hand computations from the documented formulas) with explicit
tolerances. Values that other files already compare with R (anova, margins, survey, the suest
and Small-Hsiao tests) are checked here for their layout only.
"""

from __future__ import annotations

import dataclasses
import inspect
import re
import warnings

import matplotlib
import matplotlib.figure
import numpy as np
import pandas as pd
import pytest
import refdata
import statsmodels.api as sm
from scipy import stats

import mnlogit
from mnlogit.sklearn import MNLogitClassifier

matplotlib.use("Agg")

FORMULA = "mode ~ x1 + group + x1:group + log(x2)"
TERMS = [
    "Intercept",
    "x1",
    "group[T.suburban]",
    "group[T.urban]",
    "log(x2)",
    "x1:group[T.suburban]",
    "x1:group[T.urban]",
]
NONREF = ["bus", "train", "walk"]
LEVELS = ("bus", "car", "train", "walk")
TOL = {"coef": 1e-7, "se": 1e-7, "llf": 1e-10, "p": 1e-6}


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    df = refdata.data("synthetic")
    return df.assign(clinic=np.arange(len(df)) % 37)


def _design(df: pd.DataFrame) -> np.ndarray:
    """The synthetic formula's design, written out by hand in TERMS' order."""
    sub = (df["group"] == "suburban").to_numpy(float)
    urb = (df["group"] == "urban").to_numpy(float)
    x1 = df["x1"].to_numpy(float)
    return np.column_stack([np.ones(len(df)), x1, sub, urb, np.log(df["x2"]), x1 * sub, x1 * urb])


def _codes(y: pd.Series) -> np.ndarray:
    # statsmodels takes the smallest code as its base outcome: car first, then the equations
    return pd.Categorical(y, categories=["car", *NONREF]).codes


def _null_llf(y: pd.Series, w: pd.Series | None = None) -> float:
    """The intercept-only maximum in closed form: sum of n_k log(n_k / n).

    statsmodels' llnull comes from an iterative fit at its default tolerance (1e-10 off).
    """
    counts = (w if w is not None else pd.Series(1.0, index=y.index)).groupby(y).sum()
    return float((counts * np.log(counts / counts.sum())).sum())


def _statsmodels(df: pd.DataFrame, **fit_kw):
    return sm.MNLogit(_codes(df["mode"]), _design(df)).fit(
        method="newton", disp=0, tol=1e-13, maxiter=200, **fit_kw
    )


@pytest.fixture(scope="module")
def res(data) -> mnlogit.MNLogitResults:
    return mnlogit.fit(FORMULA, data, ref="car")


@pytest.fixture(scope="module")
def smres(data):
    return _statsmodels(data)


# ---------------------------------------------------------------------------- signatures


def _params(f) -> dict[str, inspect.Parameter]:
    return dict(inspect.signature(f).parameters)


def test_fit_takes_the_documented_arguments_and_defaults():
    p = _params(mnlogit.fit)
    assert list(p)[:3] == ["formula", "data", "ref"] and p["ref"].default is None
    want = {
        "weights": None,
        "cov_type": "nonrobust",
        "groups": None,
        "method": "newton",
        "missing": "drop",
        "max_iter": 100,
        "tol": 1e-10,
        "weight_type": None,
        "design": None,
        "subpop": None,
        "penalty": None,
        "C": 1.0,
    }
    for name, default in want.items():
        assert p[name].default == default, name


def test_mnlogit_class_signature_is_y_x_ref_then_keyword_weights_and_groups(data):
    p = _params(mnlogit.MNLogit)
    assert list(p)[:3] == ["y", "X", "ref"] and p["ref"].default is None
    assert p["weights"].kind is p["groups"].kind is inspect.Parameter.KEYWORD_ONLY
    assert p["weights"].default is None and p["groups"].default is None
    X = pd.DataFrame(_design(data), columns=TERMS)
    with pytest.raises(TypeError):
        mnlogit.MNLogit(data["mode"], X, "car", data["w"])  # weights only by keyword


def test_analysis_methods_take_the_documented_arguments():
    R = mnlogit.MNLogitResults
    assert _params(R.conf_int)["alpha"].default == 0.05
    assert _params(R.odds_ratios)["alpha"].default == 0.05
    assert _params(R.anova)["type"].default == "II"
    assert _params(R.iia_test)["method"].default == "hausman"
    assert _params(R.predict)["newdata"].default is None
    assert _params(R.predict)["kind"].default == "prob"
    assert _params(R.marginal_effects)["at"].default == "overall"
    assert _params(R.to_latex)["path"].default is None
    margins = _params(R.margins)
    assert [margins[k].default for k in ("at", "over", "kind", "average", "alpha")] == [
        None,
        None,
        "prob",
        "rows",
        0.05,
    ]
    compare = _params(mnlogit.compare)
    assert [compare[k].default for k in ("names", "odds_ratios", "stars")] == [None, False, False]
    survey = _params(mnlogit.SurveyDesign)
    assert all(survey[k].default is None for k in ("weights", "strata", "psu", "fpc"))
    lr = _params(mnlogit.lr_test)
    assert list(lr) == ["restricted", "full"]


def test_classifier_parameters_and_defaults():
    got = MNLogitClassifier().get_params()
    assert {k: got[k] for k in ("formula", "ref", "penalty", "C")} == {
        "formula": None,
        "ref": None,
        "penalty": None,
        "C": 1.0,
    }


# ------------------------------------------------------------------ estimates and layout


def test_coefficient_tables_are_terms_by_non_reference_outcomes(res, smres):
    for name, want, rtol in [
        ("params", smres.params, TOL["coef"]),
        ("bse", smres.bse, TOL["se"]),
        ("zvalues", smres.tvalues, TOL["se"]),
        ("pvalues", smres.pvalues, TOL["p"]),
    ]:
        table = getattr(res, name)
        assert isinstance(table, pd.DataFrame), name
        assert list(table.index) == TERMS and list(table.columns) == NONREF, name
        np.testing.assert_allclose(table.to_numpy(), np.asarray(want), rtol=rtol, err_msg=name)


def test_cov_params_is_outcome_term_multiindex_equation_by_equation(res, smres):
    V = res.cov_params()
    want_index = pd.MultiIndex.from_tuples([(k, t) for k in NONREF for t in TERMS])
    assert isinstance(V.index, pd.MultiIndex) and isinstance(V.columns, pd.MultiIndex)
    assert list(V.index) == list(want_index) and list(V.columns) == list(want_index)
    assert list(V.index.names) == list(V.columns.names) == ["outcome", "term"]
    # statsmodels' covariance is ordered equation by equation as well
    np.testing.assert_allclose(V.to_numpy(), np.asarray(smres.cov_params()), rtol=1e-7, atol=1e-14)


@pytest.mark.parametrize("alpha", [0.05, 0.1])
def test_conf_int_and_odds_ratios_are_wald_intervals(res, alpha):
    ci = res.conf_int(alpha=alpha)
    orr = res.odds_ratios(alpha=alpha)
    assert list(ci.columns) == ["lower", "upper"]
    assert list(orr.columns) == ["odds_ratio", "lower", "upper"]
    rows = [(k, t) for k in NONREF for t in TERMS]
    assert list(ci.index) == rows and list(orr.index) == rows
    assert list(ci.index.names) == list(orr.index.names) == ["outcome", "term"]
    b = np.array([res.params.loc[t, k] for k, t in rows])
    se = np.array([res.bse.loc[t, k] for k, t in rows])
    z = stats.norm.ppf(1 - alpha / 2)
    np.testing.assert_allclose(ci["lower"], b - z * se, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(ci["upper"], b + z * se, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(orr["odds_ratio"], np.exp(b), rtol=1e-12)
    np.testing.assert_allclose(orr[["lower", "upper"]], np.exp(ci), rtol=1e-12)


def test_fit_statistics_equal_statsmodels(res, smres, data):
    n = 2000.0
    assert res.nobs == n and isinstance(res.nobs, float)
    for name, want in [
        ("llf", smres.llf),
        ("llnull", _null_llf(data["mode"])),
        ("deviance", -2 * smres.llf),
        ("aic", smres.aic),
        ("bic", smres.bic),
    ]:
        got = getattr(res, name)
        # a Python float, as statsmodels gives: a numpy scalar passes isinstance(float)
        assert type(got) is float, name
        np.testing.assert_allclose(got, want, rtol=TOL["llf"], err_msg=name)
    assert res.df_model == smres.df_model == 18
    assert res.df_resid == smres.df_resid == 1979


def test_pseudo_r2_is_a_series_of_the_three_documented_measures(res, smres, data):
    r2 = res.pseudo_r2
    assert isinstance(r2, pd.Series)
    assert list(r2.index) == ["mcfadden", "cox_snell", "nagelkerke"]
    n, ll, ll0 = 2000, smres.llf, _null_llf(data["mode"])
    cox_snell = 1 - np.exp(2 * (ll0 - ll) / n)
    np.testing.assert_allclose(r2["mcfadden"], 1 - ll / ll0, rtol=1e-9)
    np.testing.assert_allclose(r2["cox_snell"], cox_snell, rtol=1e-9)
    np.testing.assert_allclose(r2["nagelkerke"], cox_snell / (1 - np.exp(2 * ll0 / n)), rtol=1e-9)


def test_frequency_weights_equal_statsmodels_on_the_rows_repeated(data):
    res = mnlogit.fit(FORMULA, data, ref="car", weights="w")
    as_array = mnlogit.fit(FORMULA, data, ref="car", weights=data["w"].to_numpy())
    expanded = data.loc[data.index.repeat(data["w"])].reset_index(drop=True)
    want = _statsmodels(expanded)
    assert res.nobs == as_array.nobs == data["w"].sum() == want.nobs == 5135
    np.testing.assert_allclose(res.params, want.params, rtol=1e-7)
    np.testing.assert_allclose(res.bse, want.bse, rtol=1e-7)
    np.testing.assert_allclose(as_array.params, res.params, rtol=1e-12)
    for name in ("llf", "aic", "bic"):
        np.testing.assert_allclose(getattr(res, name), getattr(want, name), rtol=1e-10)
    np.testing.assert_allclose(res.llnull, _null_llf(data["mode"], data["w"]), rtol=1e-12)
    assert res.df_model == want.df_model and res.df_resid == want.df_resid == 5135 - 21
    n, ll, ll0 = 5135, res.llf, res.llnull
    np.testing.assert_allclose(
        res.pseudo_r2["cox_snell"], 1 - np.exp(2 * (ll0 - ll) / n), rtol=1e-9
    )


def test_descriptive_attributes(res):
    assert res.converged is True
    assert isinstance(res.n_iter, int) and 1 <= res.n_iter <= 20
    assert res.outcomes == LEVELS and res.ref == "car"
    assert res.formula == FORMULA and res.cov_type == "nonrobust"


def test_convergence_is_reported_not_assumed(data):
    with pytest.warns(mnlogit.ConvergenceWarning, match=r"max_iter \(currently 2\)"):
        short = mnlogit.fit(FORMULA, data, ref="car", max_iter=2)
    assert short.converged is False and short.n_iter == 2
    loose = mnlogit.fit(FORMULA, data, ref="car", tol=1e-4)
    tight = mnlogit.fit(FORMULA, data, ref="car", tol=1e-14)
    assert loose.converged and tight.converged and loose.n_iter < tight.n_iter


def test_results_are_immutable(res):
    with pytest.raises(AttributeError):
        res.llf = 0.0
    with pytest.raises(AttributeError):
        res.ref = "bus"
    # a table handed out is the caller's: changing it changes neither the fit nor later reads
    params = res.params
    params.iloc[0, 0] = 99.0
    assert res.params.iloc[0, 0] != 99.0
    assert res.to_frame()["estimate"].iloc[0] != 99.0


# ---------------------------------------------------------------- levels and reference


def _three_levels(values) -> pd.DataFrame:
    rng = np.random.default_rng(5)
    return pd.DataFrame({"y": rng.choice(values, 240), "x": rng.standard_normal(240)})


def test_ref_none_is_the_first_level_in_numeric_order_and_the_summary_says_so():
    df = _three_levels([10, 2, 3])
    res = mnlogit.fit("y ~ x", df)
    assert res.outcomes == (2, 3, 10) and res.ref == 2
    assert list(res.params.columns) == [3, 10]
    assert re.search(r"^Reference\s+2$", str(res.summary()), re.M)
    arrays = mnlogit.MNLogit(df["y"].to_numpy(), np.column_stack([np.ones(240), df["x"]])).fit()
    assert arrays.outcomes == (2, 3, 10) and arrays.ref == 2
    np.testing.assert_allclose(arrays.params.to_numpy(), res.params.to_numpy(), rtol=1e-10)


def test_ref_none_is_the_first_category_of_a_categorical_outcome():
    df = _three_levels(["a", "b", "c"])
    df["y"] = pd.Categorical(df["y"], categories=["c", "a", "b"])
    res = mnlogit.fit("y ~ x", df)
    assert res.outcomes == ("c", "a", "b") and res.ref == "c"
    assert list(res.params.columns) == ["a", "b"]
    assert re.search(r"^Reference\s+c$", str(res.summary()), re.M)
    arrays = mnlogit.MNLogit(df["y"], df[["x"]]).fit()
    assert arrays.ref == "c"


def test_formulaic_names_of_a_c_term():
    df = _three_levels(["a", "b", "c"]).assign(g=lambda d: np.tile(["a", "b", "c"], 80))
    res = mnlogit.fit("y ~ x + C(g)", df, ref="a")
    assert list(res.params.index) == ["Intercept", "x", "C(g)[T.b]", "C(g)[T.c]"]


# ------------------------------------------------------------------------------- tests


def _check_test_result(t, method_pattern: str) -> None:
    assert isinstance(t, mnlogit.TestResult)
    assert dataclasses.is_dataclass(t)
    for field in ("statistic", "df", "pvalue", "method", "note"):
        assert hasattr(t, field), field
    assert isinstance(t.statistic, float) and isinstance(t.pvalue, float)
    assert re.search(method_pattern, t.method)
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.statistic = 0.0  # type: ignore[misc]
    text = str(t)
    assert f"{t.statistic:.4f}" in text and str(int(t.df)) in text


def test_lr_test_against_the_intercept_only_model(res, smres, data):
    t = res.lr_test()
    _check_test_result(t, "(?i)likelihood")
    np.testing.assert_allclose(t.statistic, 2 * (smres.llf - _null_llf(data["mode"])), rtol=1e-9)
    assert t.df == smres.df_model == 18
    np.testing.assert_allclose(t.pvalue, smres.llr_pvalue, rtol=1e-6, atol=1e-300)


def test_module_lr_test_of_nested_models(data, res):
    restricted = mnlogit.fit("mode ~ x1 + group + log(x2)", data, ref="car")
    t = mnlogit.lr_test(restricted, res)
    _check_test_result(t, "(?i)likelihood")
    np.testing.assert_allclose(t.statistic, 2 * (res.llf - restricted.llf), rtol=1e-10)
    assert t.df == 6
    np.testing.assert_allclose(t.pvalue, stats.chi2.sf(t.statistic, 6), rtol=1e-8)
    with pytest.raises(mnlogit.MNLogitError):
        mnlogit.lr_test(restricted, mnlogit.fit(FORMULA, data.iloc[:1500], ref="car"))


@pytest.mark.parametrize("kind", ["II", "III"])
def test_anova_layout(res, kind):
    table = res.anova(type=kind)
    assert isinstance(table, pd.DataFrame)
    assert list(table.columns) == ["chi2", "df", "pvalue"]
    assert list(table.index) == ["x1", "group", "log(x2)", "x1:group"]
    np.testing.assert_allclose(
        table["pvalue"], stats.chi2.sf(table["chi2"], table["df"]), rtol=1e-8, atol=1e-300
    )


def test_wald_test_of_a_term_tests_it_in_every_equation(res):
    t = res.wald_test("group")
    _check_test_result(t, "(?i)wald")
    rows = [(k, c) for k in NONREF for c in ("group[T.suburban]", "group[T.urban]")]
    b = np.array([res.params.loc[c, k] for k, c in rows])
    V = res.cov_params().loc[rows, rows].to_numpy()
    np.testing.assert_allclose(t.statistic, b @ np.linalg.solve(V, b), rtol=1e-9)
    assert t.df == 6
    both = res.wald_test(["x1", "group"])
    assert both.df == 9 and both.statistic > t.statistic


@pytest.mark.parametrize("method", ["hausman", "suest", "small-hsiao"])
def test_iia_test_methods_return_the_test_result_type(res, method):
    kw = {"seed": 1} if method == "small-hsiao" else {}
    t = res.iia_test("walk", method=method, **kw)
    assert isinstance(t, mnlogit.TestResult) and isinstance(t.note, str)
    assert "walk" in str(t)
    table = res.iia_table(method=method, **kw)
    assert list(table.index) == list(LEVELS)
    assert list(table.columns)[:3] == ["statistic", "df", "pvalue"]
    for level in LEVELS:
        one = res.iia_test(level, method=method, **kw)
        row = table.loc[level]
        np.testing.assert_allclose(
            [one.statistic, one.df, one.pvalue], row[["statistic", "df", "pvalue"]].to_numpy(float)
        )


@pytest.mark.parametrize("omit", ["walk", "bus"])
def test_hausman_mcfadden_is_the_documented_statistic(data, omit):
    # DESIGN.md: refit without the omitted level (same reference), d on the common
    # coefficients, V = V_restricted - V_full, H = d' V^+ d, df = rank(V)
    full = mnlogit.fit(FORMULA, data, ref="car", tol=1e-13)
    restricted = mnlogit.fit(FORMULA, data[data["mode"] != omit], ref="car", tol=1e-13)
    common = list(restricted.params.columns)
    rows = [(k, t) for k in common for t in TERMS]
    d = np.array([restricted.params.loc[t, k] - full.params.loc[t, k] for k, t in rows])
    V = restricted.cov_params().loc[rows, rows].to_numpy() - full.cov_params().loc[rows, rows]
    V = np.asarray(V)
    t = full.iia_test(omit)
    np.testing.assert_allclose(t.statistic, d @ np.linalg.pinv(V) @ d, rtol=1e-8)
    assert t.df == np.linalg.matrix_rank(V) == 14
    assert t.positive_definite == bool(np.linalg.eigvalsh(V).min() > 0)
    if t.statistic < 0:
        assert np.isnan(t.pvalue) and t.note
    else:
        np.testing.assert_allclose(t.pvalue, stats.chi2.sf(t.statistic, t.df), rtol=1e-8)
    solved = full.iia_test(omit, inverse="solve", df="k")
    np.testing.assert_allclose(solved.statistic, d @ np.linalg.solve(V, d), rtol=1e-8)
    assert solved.df == len(d)


def _hausman_by_hand(full, restricted, terms: list[str]) -> tuple[float, int]:
    """H = d' (V_r - V_f)^+ d on the common equations' coefficients of ``terms``."""
    rows = [(k, t) for k in restricted.params.columns for t in terms]
    d = np.array([restricted.params.loc[t, k] - full.params.loc[t, k] for k, t in rows])
    V = np.asarray(restricted.cov_params().loc[rows, rows].to_numpy())
    V = V - full.cov_params().loc[rows, rows].to_numpy()
    return float(d @ np.linalg.pinv(V) @ d), int(np.linalg.matrix_rank(V))


def test_hausman_options_leave_out_intercepts_and_rebase_when_the_reference_is_omitted(data):
    # DESIGN.md: an option for leaving intercepts out; omitting the reference refits both
    # models with the largest remaining level (here walk) as the reference
    small, formula, terms = data.head(600), "mode ~ x1 + group", TERMS[:4]
    full = mnlogit.fit(formula, small, ref="car", tol=1e-13)
    restricted = mnlogit.fit(formula, small[small["mode"] != "train"], ref="car", tol=1e-13)
    t = full.iia_test("train", include_intercepts=False)
    want, rank = _hausman_by_hand(full, restricted, terms[1:])
    np.testing.assert_allclose(t.statistic, want, rtol=1e-7)
    assert t.df == rank == 6
    assert small["mode"].value_counts().drop("car").idxmax() == "walk"
    rebased = mnlogit.fit(formula, small[small["mode"] != "car"], ref="walk", tol=1e-13)
    t = full.iia_test("car")
    want, rank = _hausman_by_hand(full.with_ref("walk"), rebased, terms)
    np.testing.assert_allclose(t.statistic, want, rtol=1e-6)
    assert t.df == rank and "'walk'" in t.note and "reference" in t.note


def test_wald_test_of_a_restriction_string_is_the_wald_statistic_by_hand(res):
    t = res.wald_test("bus:x1 = train:x1")
    _check_test_result(t, "(?i)wald")
    rows = [("bus", "x1"), ("train", "x1")]
    V = res.cov_params().loc[rows, rows].to_numpy()
    diff = res.params.loc["x1", "bus"] - res.params.loc["x1", "train"]
    np.testing.assert_allclose(t.statistic, diff**2 / (V[0, 0] + V[1, 1] - 2 * V[0, 1]), rtol=1e-9)
    assert t.df == 1


def test_lr_test_refuses_models_that_are_not_nested(data):
    with pytest.raises(mnlogit.MNLogitError, match="not nested"):
        mnlogit.lr_test(
            mnlogit.fit("mode ~ x1", data, ref="car"), mnlogit.fit("mode ~ group", data, ref="car")
        )


# ------------------------------------------------------------ missing values and separation


def test_missing_drop_uses_the_complete_rows_and_raise_refuses(data):
    holes = data.head(300).copy()
    holes.loc[[3, 10, 11], "x1"] = np.nan
    dropped = mnlogit.fit("mode ~ x1 + group", holes, ref="car", missing="drop")
    complete = mnlogit.fit("mode ~ x1 + group", holes.dropna(), ref="car")
    assert dropped.nobs == 297.0
    np.testing.assert_allclose(dropped.params, complete.params, rtol=1e-12)
    with pytest.raises(mnlogit.MNLogitError, match="x1"):
        mnlogit.fit("mode ~ x1 + group", holes, ref="car", missing="raise")
    assert holes["x1"].isna().sum() == 3  # the data passed are not modified


def test_separation_is_said_and_firth_is_brglm2():
    # the risk data are completely separated: a warning, res.separation and the summary name
    # the outcomes and terms; method="firth" is brglm2::brmultinom(type="AS_mean")
    risk = mnlogit.datasets.load("risk")
    found = mnlogit.check_separation("risk ~ age + income", risk, ref="low")
    assert found is not None and found.kind == "complete"
    assert found.outcomes == ("high", "medium") and found.terms == ("Intercept", "age", "income")
    with pytest.warns(mnlogit.SeparationWarning, match="'high', 'medium'"):
        ml = mnlogit.fit("risk ~ age + income", risk, ref="low")
    assert ml.separation.kind == "complete" and ml.separation.outcomes == found.outcomes
    assert "separat" in str(ml.summary()).lower()
    assert mnlogit.check_separation("mode ~ x1", refdata.data("synthetic"), ref="car") is None
    firth = mnlogit.fit("risk ~ age + income", risk, ref="low", method="firth")
    want = refdata.expected("firth_brglm2")["risk"]
    assert firth.converged and list(firth.params.columns) == want["rownames"]
    np.testing.assert_allclose(firth.params.T.to_numpy(), want["coef_matrix"], rtol=1e-6)
    np.testing.assert_allclose(firth.cov_params().to_numpy(), want["vcov"], rtol=1e-5)


# -------------------------------------------------------------------------- prediction


def test_predict_kinds(res, smres, data):
    new = data.drop(columns=["mode", "w"]).iloc[[7, 1, 4]]
    prob = res.predict(new, kind="prob")
    assert isinstance(prob, pd.DataFrame) and list(prob.columns) == list(LEVELS)
    assert list(prob.index) == [7, 1, 4]
    sm_prob = smres.predict(_design(new))  # columns car, bus, train, walk
    np.testing.assert_allclose(prob[["car", *NONREF]].to_numpy(), sm_prob, rtol=1e-8)
    np.testing.assert_allclose(prob.sum(axis=1), 1.0, rtol=1e-14)
    cls = res.predict(new, kind="class")
    assert isinstance(cls, pd.Series) and list(cls.index) == [7, 1, 4]
    assert list(cls) == list(prob.idxmax(axis=1))
    link = res.predict(newdata=new, kind="link")
    np.testing.assert_allclose(
        link[NONREF].to_numpy(),
        np.log(prob[NONREF].to_numpy() / prob[["car"]].to_numpy()),
        rtol=1e-9,
    )
    fitted = res.predict()
    assert fitted.shape == (2000, 4)
    np.testing.assert_allclose(fitted.loc[[7, 1, 4]].to_numpy(), prob.to_numpy(), rtol=1e-12)


def test_predict_newdata_with_one_level_of_a_factor_keeps_the_fitted_columns(res, data):
    urban = data[data["group"] == "urban"].drop(columns=["mode", "w"]).head(5)
    np.testing.assert_allclose(
        res.predict(urban).to_numpy(), res.predict().loc[urban.index].to_numpy(), rtol=1e-12
    )


def test_with_ref_equals_refitting(res, data):
    moved = res.with_ref("walk")
    refit = mnlogit.fit(FORMULA, data, ref="walk")
    assert moved.ref == "walk" and list(moved.params.columns) == ["bus", "car", "train"]
    np.testing.assert_allclose(moved.params, refit.params, rtol=1e-7, atol=1e-10)
    np.testing.assert_allclose(moved.cov_params(), refit.cov_params(), rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("at", ["overall", "mean"])
def test_marginal_effects_equal_statsmodels_for_plain_columns(data, at):
    res = mnlogit.fit("mode ~ x1 + x2", data, ref="car")
    X = np.column_stack([np.ones(len(data)), data["x1"], data["x2"]])
    want = sm.MNLogit(_codes(data["mode"]), X).fit(method="newton", disp=0, tol=1e-13)
    me = want.get_margeff(at=at)
    got = res.marginal_effects(at=at)
    order = ["car", *NONREF]
    dydx = got["dydx"].unstack("outcome").loc[["x1", "x2"], order]
    se = got["std_error"].unstack("outcome").loc[["x1", "x2"], order]
    np.testing.assert_allclose(dydx.to_numpy(), me.margeff, rtol=1e-7)
    np.testing.assert_allclose(se.to_numpy(), me.margeff_se, rtol=1e-5)


# --------------------------------------------------------------------- tables and export


def test_summary_renderings_hold_no_date_or_time(res):
    s = res.summary()
    renderings = [str(s), s._repr_html_(), s.as_latex(), s.as_markdown(), s.as_csv()]
    assert all(isinstance(r, str) and r for r in renderings)
    date = re.compile(
        r"\d{4}-\d\d-\d\d|\d\d:\d\d|\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b|"
        r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b|\bdate\b|\btime\b",
        re.I,
    )
    for text in renderings:
        assert not date.search(text), date.search(text)


def test_to_frame_is_the_tidy_table_of_the_documented_columns(res, tmp_path):
    tidy = res.to_frame()
    documented = "estimate std_error z pvalue lower upper odds_ratio or_lower or_upper".split()
    assert list(tidy.columns)[:9] == documented
    assert list(tidy.index.names) == ["outcome", "term"]
    rows = [(k, t) for k in NONREF for t in TERMS]
    assert list(tidy.index) == rows
    for col, table in [
        ("estimate", res.params),
        ("std_error", res.bse),
        ("z", res.zvalues),
        ("pvalue", res.pvalues),
    ]:
        np.testing.assert_allclose(tidy[col], [table.loc[t, k] for k, t in rows], rtol=1e-14)
    np.testing.assert_allclose(tidy[["lower", "upper"]], res.conf_int(), rtol=1e-14)
    np.testing.assert_allclose(
        tidy[["odds_ratio", "or_lower", "or_upper"]], res.odds_ratios(), rtol=1e-14
    )
    path = tmp_path / "coef.csv"
    assert res.to_csv(path) is None
    back = pd.read_csv(path)
    np.testing.assert_allclose(back["estimate"], tidy["estimate"], rtol=1e-12)
    latex = res.to_latex()
    assert isinstance(latex, str) and "\\toprule" in latex
    res.to_latex(tmp_path / "coef.tex")
    assert (tmp_path / "coef.tex").read_text().strip() == latex.strip()


# ------------------------------------------------------------------------- covariances


def test_robust_is_statsmodels_hc0(data):
    res = mnlogit.fit(FORMULA, data, ref="car", cov_type="robust")
    want = _statsmodels(data, cov_type="HC0")
    assert res.cov_type == "robust"
    np.testing.assert_allclose(res.bse.to_numpy(), np.asarray(want.bse), rtol=1e-7)
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), want.cov_params(), rtol=1e-6, atol=1e-14
    )


def test_cluster_is_statsmodels_cluster_times_g_over_g_minus_1(data):
    res = mnlogit.fit(FORMULA, data, ref="car", cov_type="cluster", groups="clinic")
    as_array = mnlogit.fit(
        FORMULA, data, ref="car", cov_type="cluster", groups=data["clinic"].to_numpy()
    )
    want = _statsmodels(
        data,
        cov_type="cluster",
        cov_kwds={"groups": data["clinic"].to_numpy(), "use_correction": False},
    )
    G = 37
    assert res.cov_type == "cluster"
    np.testing.assert_allclose(
        res.cov_params().to_numpy(),
        np.asarray(want.cov_params()) * G / (G - 1),
        rtol=1e-6,
        atol=1e-14,
    )
    np.testing.assert_allclose(as_array.bse, res.bse, rtol=1e-12)


def test_mnlogit_arrays_with_weights_and_groups_equal_the_formula_fit(data):
    X = pd.DataFrame(_design(data), columns=TERMS)
    model = mnlogit.MNLogit(data["mode"], X, ref="car", weights=data["w"], groups=data["clinic"])
    res = model.fit(cov_type="cluster")
    want = mnlogit.fit(FORMULA, data, ref="car", weights="w", cov_type="cluster", groups="clinic")
    assert list(res.params.index) == TERMS and res.nobs == 5135
    np.testing.assert_allclose(res.params, want.params, rtol=1e-9)
    np.testing.assert_allclose(res.bse, want.bse, rtol=1e-8)


# ---------------------------------------------- survey, margins, compare, scikit-learn


def test_weight_type_design_subpop_and_penalty_keywords(data, res):
    frequency = mnlogit.fit(FORMULA, data, ref="car", weights="w", weight_type="frequency")
    plain = mnlogit.fit(FORMULA, data, ref="car", weights="w")
    np.testing.assert_allclose(frequency.bse, plain.bse, rtol=1e-12)
    probability = mnlogit.fit(FORMULA, data, ref="car", weights="w", weight_type="probability")
    np.testing.assert_allclose(probability.params, plain.params, rtol=1e-8)
    design = mnlogit.SurveyDesign(weights="w", strata="group", psu="clinic", fpc=None)
    by_design = mnlogit.fit(FORMULA, data, ref="car", design=design)
    np.testing.assert_allclose(by_design.params, plain.params, rtol=1e-8)
    sub = mnlogit.fit(FORMULA, data, ref="car", design=design, subpop="x1 > 0")
    assert sub.converged and list(sub.params.index) == TERMS
    ridge = mnlogit.fit(FORMULA, data, ref="car", penalty="l2", C=0.5)
    none = mnlogit.fit(FORMULA, data, ref="car", penalty=None)
    np.testing.assert_allclose(none.params, res.params, rtol=1e-12)
    assert not np.allclose(ridge.params, none.params, rtol=1e-3)


def test_margins_result_contract(res):
    m = res.margins(at={"x1": [0.0, 1.0]}, over="group", kind="prob", average="rows", alpha=0.05)
    frame = m.to_frame()
    assert isinstance(frame, pd.DataFrame)
    assert {"estimate", "std_error", "lower", "upper"} <= set(frame.columns)
    for method in ("pairwise", "reference"):
        c = m.contrast("group", method)
        assert isinstance(c.to_frame(), pd.DataFrame) and len(c.to_frame())
    assert isinstance(m.plot(), matplotlib.figure.Figure)
    for kind in ("prob", "effect"):
        for average in ("rows", "grid"):
            assert len(res.margins(kind=kind, average=average).to_frame())


def test_compare_table_contract(res, data):
    small = mnlogit.fit("mode ~ x1", data, ref="car")
    table = mnlogit.compare([small, res], names=["small", "full"], odds_ratios=True, stars=True)
    text = str(table)
    assert "small" in text and "full" in text and "*" in text
    for out in (table._repr_html_(), table.as_latex(), table.as_markdown(), table.as_csv()):
        assert isinstance(out, str) and "full" in out
    assert isinstance(table.to_frame(), pd.DataFrame)


def test_classifier_fits_with_results(data):
    clf = MNLogitClassifier(formula="x1 + group", ref="car", penalty=None, C=1.0)
    assert clf.fit(data, data["mode"]) is clf
    assert isinstance(clf.results_, mnlogit.MNLogitResults)
    want = mnlogit.fit("mode ~ x1 + group", data, ref="car")
    np.testing.assert_allclose(clf.results_.params, want.params, rtol=1e-8)
    np.testing.assert_allclose(
        clf.predict_proba(data.head(3)), want.predict(data.head(3)).to_numpy(), rtol=1e-8
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ridge = MNLogitClassifier(formula="x1 + group", ref="car", penalty="l2", C=0.5)
        ridge.fit(data, data["mode"])
    assert ridge.results_.params.shape == want.params.shape


def test_large_models_through_the_quasi_newton_route_equal_statsmodels():
    # 32 coefficients on 20,000 rows: the L-BFGS phase runs and the information is computed
    # lazily; the estimates, the three covariances and the convergence report must not show it
    rng = np.random.default_rng(11)
    n, p = 20_000, 7
    X = rng.standard_normal((n, p))
    X[:, 3] = X[:, 3] * 50 + 100
    B = rng.standard_normal((p + 1, 4)) * 0.3
    B[4] *= 0.01
    eta = np.column_stack([np.zeros(n), np.column_stack([np.ones(n), X]) @ B])
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P /= P.sum(axis=1, keepdims=True)
    y = (P.cumsum(axis=1) > rng.random((n, 1))).argmax(axis=1)
    names = [f"x{i + 1}" for i in range(p)]
    df = pd.DataFrame(X, columns=names).assign(y=y, cl=rng.integers(0, 150, n))
    formula = "y ~ " + " + ".join(names)
    Xc = np.column_stack([np.ones(n), X])

    def statsmodels(**kw):
        return sm.MNLogit(y, Xc).fit(method="newton", disp=0, tol=1e-13, **kw)

    res = mnlogit.fit(formula, df)
    want = statsmodels()
    assert res.converged and res.ref == 0 and list(res.params.columns) == [1, 2, 3, 4]
    np.testing.assert_allclose(res.params, want.params, rtol=1e-7, atol=1e-8 * want.bse.min())
    np.testing.assert_allclose(res.bse, want.bse, rtol=1e-8)
    np.testing.assert_allclose(res.llf, want.llf, rtol=1e-12)
    robust = mnlogit.fit(formula, df, cov_type="robust")
    np.testing.assert_allclose(robust.bse, statsmodels(cov_type="HC0").bse, rtol=1e-7)
    cluster = mnlogit.fit(formula, df, cov_type="cluster", groups="cl")
    groups = {"groups": df["cl"].to_numpy(), "use_correction": False}
    want_cl = statsmodels(cov_type="cluster", cov_kwds=groups)
    np.testing.assert_allclose(cluster.bse**2, want_cl.bse**2 * 150 / 149, rtol=1e-7)
