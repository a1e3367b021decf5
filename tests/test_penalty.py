"""The L2 penalty as scikit-learn defines it: agreement with LogisticRegression(C=C) (frozen
reference values, tests/reference/sklearn_l2.json), the penalised solver's pieces, and what
the results of a penalised fit show and refuse."""

from __future__ import annotations

import io
import json
import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit
from mnlogit._fisher import INFO, SAMPLE_INFO, SCORE
from mnlogit._linalg import flat, unflat
from mnlogit._methods import resolve_method
from mnlogit._penalty import L2
from mnlogit._solvers import estimate
from mnlogit.exceptions import (
    ModelComparisonError,
    OptionError,
    RankError,
)
from mnlogit.model import PenalisedMNLogit

REF = json.loads((REF_DIR / "sklearn_l2.json").read_text())
DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv")
PREDICTORS = ["x1", "x2", "x3", "x4"]
TOL = 1e-6  # the agreement asked of the coefficients and probabilities


def _reference_coding(case: dict) -> np.ndarray:
    """scikit-learn's coefficients as B (p, K - 1) against the first class, intercept first."""
    coef, intercept = np.asarray(case["coef"]), np.asarray(case["intercept"])
    W = np.vstack([intercept[None, :], coef.T])  # (1 + p, rows of coef_)
    if case["K"] == 2:
        return W  # scikit-learn's binary coefficients: class 1 against class 0
    return W[:, 1:] - W[:, [0]]


def _fit_case(case: dict, **options) -> mnlogit.MNLogitResults:
    rows = DATA.iloc[: case["n"]]
    rhs = " + ".join(PREDICTORS) + ("" if case["fit_intercept"] else " - 1")
    weights = case["weights"]
    extra = {}
    if weights == "pw":
        extra = {"weights": "pw", "weight_type": "probability"}
    elif weights == "fw":
        extra = {"weights": "fw"}
    return mnlogit.fit(f"y{case['K']} ~ {rhs}", rows, penalty="l2", C=case["C"], **extra, **options)


@pytest.mark.parametrize("name", sorted(REF["cases"]))
def test_reproduces_scikit_learn(name):
    case = REF["cases"][name]
    res = _fit_case(case)
    assert res.converged and res.penalty == "l2" and res.C == case["C"]
    assert list(map(str, res.outcomes)) == case["classes"]
    B = _reference_coding(case)
    if not case["fit_intercept"]:
        B = B[1:]
    np.testing.assert_allclose(res.params.to_numpy(), B, rtol=TOL, atol=TOL)
    rows = DATA.iloc[case["prob_rows"]]
    np.testing.assert_allclose(res.predict(rows).to_numpy(), case["proba"], rtol=0, atol=TOL)


def test_reference_cases_cover_the_sizes_and_outcome_counts():
    plain = {(c["K"], c["n"]) for c in REF["cases"].values() if c["C"] == 1.0}
    assert {(K, n) for K in (2, 3, 6) for n in (60, 500, 2000)} <= plain
    assert all(c["lbfgs_max_prob_diff"] < 1e-6 for c in REF["cases"].values())


@pytest.mark.parametrize("K", [2, 3, 6])
def test_large_C_gives_the_maximum_likelihood_fit(K):
    rows = DATA.iloc[:500]
    formula = f"y{K} ~ " + " + ".join(PREDICTORS)
    ml = mnlogit.fit(formula, rows)
    ridge = mnlogit.fit(formula, rows, penalty="l2", C=1e12)
    np.testing.assert_allclose(ridge.params, ml.params, rtol=1e-7, atol=1e-8)
    np.testing.assert_allclose(ridge.llf, ml.llf, rtol=1e-12)
    # a smaller C shrinks the slopes further towards zero, and fits the data less well
    fits = [mnlogit.fit(formula, rows, penalty="l2", C=C) for C in (1e-4, 1e-2, 1.0)]
    norms = [np.linalg.norm(f.params.drop(index="Intercept")) for f in [*fits, ml]]
    assert np.all(np.diff(norms) > 0) and norms[0] < 0.05 * norms[-1]
    assert np.all(np.diff([f.llf for f in [*fits, ml]]) > 0)
    assert all(f.penalized_llf < f.llf for f in fits)


def test_penalised_loglik_is_loglik_less_the_penalty():
    rows = DATA.iloc[:500]
    res = mnlogit.fit("y3 ~ x1 + x2 + x3 + x4", rows, penalty="l2", C=0.5)
    B = res.params.to_numpy()
    slopes = B[1:]
    Q = np.eye(2) - 1.0 / 3
    penalty = 0.5 / 0.5 * np.sum((slopes @ Q) * slopes)
    np.testing.assert_allclose(res.penalized_llf, res.llf - penalty, rtol=1e-12)
    probs = res.predict(rows).to_numpy()
    codes = pd.Categorical(rows["y3"], categories=res.outcomes).codes
    np.testing.assert_allclose(res.llf, np.log(probs[np.arange(500), codes]).sum(), rtol=1e-10)


# --- the solver's pieces ---------------------------------------------------------------------
def _data(K=3, n=400, **kw):
    rows = DATA.iloc[:n]
    return mnlogit.MNLogit.from_formula(f"y{K} ~ x1 + x2 + x3 + x4", rows, **kw)._data


@pytest.mark.parametrize("K", [2, 3, 6])
def test_penalised_sums_match_finite_differences(K):
    data = _data(K)
    ridge = L2(0.3).on(data.p, data.q, data.intercept)
    evaluate = ridge.evaluator(data.evaluator(threads=1))
    rng = np.random.default_rng(K)
    B = rng.standard_normal((data.p, data.q)) * 0.3
    s = evaluate(B, INFO)
    eps = 1e-6
    grad = np.zeros_like(B)
    for a in range(data.p):
        for j in range(data.q):
            E = np.zeros_like(B)
            E[a, j] = eps
            grad[a, j] = (evaluate(B + E, 0).loglik - evaluate(B - E, 0).loglik) / (2 * eps)
    np.testing.assert_allclose(s.score, grad, rtol=1e-6, atol=1e-6)
    hess = np.zeros((data.p * data.q,) * 2)
    for r in range(data.p * data.q):
        e = np.zeros(data.p * data.q)
        e[r] = eps
        up = evaluate(B + unflat(e, data.p), SCORE).score
        down = evaluate(B - unflat(e, data.p), SCORE).score
        hess[:, r] = -(flat(up) - flat(down)) / (2 * eps)
    np.testing.assert_allclose(s.info, hess, rtol=1e-5, atol=1e-5)


def test_penalised_metric_solves_the_penalised_kronecker_system():
    data = _data(6)
    ridge = L2(0.05).on(data.p, data.q, data.intercept)
    G = data.gram()[0]
    pi = data.outcome_counts()[: data.q] / data.sum_weights
    S = np.diag(pi) - np.outer(pi, pi)
    solve = ridge.metric(G, S)
    V = np.random.default_rng(0).standard_normal((data.p, data.q))
    M = ridge.add_hessian(np.kron(S, G))
    np.testing.assert_allclose(flat(solve(V)), np.linalg.solve(M, flat(V)), rtol=1e-9)


def test_quasi_newton_and_scoring_routes_agree():
    data = _data(6, n=2000)
    penalty = L2(0.2)
    lbfgs = estimate(data, penalty=penalty, quasi_newton_min=1, tol=1e-12)
    scoring = estimate(data, penalty=penalty, quasi_newton_min=10**6, tol=1e-12)
    assert lbfgs.converged and scoring.converged
    np.testing.assert_allclose(lbfgs.B, scoring.B, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(lbfgs.penalized_loglik, scoring.penalized_loglik, rtol=1e-13)


def test_sample_information_is_penalised_too():
    data = _data(3)
    ridge = L2(0.1).on(data.p, data.q, data.intercept)
    B = np.zeros((data.p, data.q))
    plain = data.evaluator(threads=1)(B, SAMPLE_INFO)
    pen = ridge.evaluator(data.evaluator(threads=1))(B, SAMPLE_INFO)
    if plain.info is not None:
        np.testing.assert_allclose(pen.info - plain.info, ridge.add_hessian(0 * plain.info))


@pytest.mark.filterwarnings("ignore::mnlogit.InferenceWarning")
def test_reading_the_results_computes_no_information():
    """Standard errors are NaN for a penalised fit, so nothing pays for the information."""
    data = _data(6, n=2000)
    solver = resolve_method("newton", "l2", 0.2)
    core = estimate(data, penalty=solver.penalty, quasi_newton_min=1)
    assert core.converged and core.pending  # the L-BFGS route deferred it
    res = mnlogit.MNLogitResults(data, core, method=solver)
    res.params, res.bse, res.conf_int(), res.predict(), str(res.summary())
    assert core.pending


# --- what a penalised fit allows ---------------------------------------------------------------
def test_collinear_columns_and_more_coefficients_than_rows_are_allowed():
    rows = DATA.iloc[:500].assign(x5=lambda d: d.x1 - 2 * d.x2)
    with pytest.raises(RankError, match="'x5'"):
        mnlogit.fit("y3 ~ x1 + x2 + x5", rows)
    res = mnlogit.fit("y3 ~ x1 + x2 + x5", rows, penalty="l2")
    assert res.converged and np.isfinite(res.params.to_numpy()).all()
    few = DATA.iloc[:8]
    assert mnlogit.fit("y6 ~ x1 + x2 + x3 + x4", few, penalty="l2", C=0.1).converged
    # the model object keeps refusing the unpenalised fit of such a design
    X = np.column_stack([np.ones(500), rows[["x1", "x2", "x5"]].to_numpy()])
    with pytest.raises(RankError, match="'x3'"):
        mnlogit.MNLogit(rows["y3"], X)
    model = PenalisedMNLogit(rows["y3"], X)
    assert model.fit(penalty="l2").converged
    with pytest.raises(RankError, match="'x3'"):
        model.fit()


def test_separated_data_give_finite_converged_estimates():
    risk = mnlogit.datasets.load("risk")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("risk ~ age + income", risk, ref="low", penalty="l2")
    assert res.converged and not res.diverged and res.separation is None
    assert np.isfinite(res.params.to_numpy()).all()


@pytest.mark.filterwarnings("ignore::mnlogit.InferenceWarning")
def test_with_ref_equals_a_refit_with_that_reference():
    rows = DATA.iloc[:500]
    for K in (2, 3, 6):
        formula = f"y{K} ~ x1 + x2 + x3 + x4"
        res = mnlogit.fit(formula, rows, penalty="l2", C=0.3)
        other = res.outcomes[-1]
        refit = mnlogit.fit(formula, rows, ref=other, penalty="l2", C=0.3)
        moved = res.with_ref(other)
        assert moved.penalty == "l2" and moved.C == 0.3
        np.testing.assert_allclose(moved.params, refit.params, rtol=1e-8, atol=1e-10)
        assert moved.bse.isna().all().all()


def test_model_fit_takes_the_penalty():
    rows = DATA.iloc[:500]
    model = mnlogit.MNLogit.from_formula("y3 ~ x1 + x2", rows)
    a = model.fit(penalty="l2", C=2.0)
    b = mnlogit.fit("y3 ~ x1 + x2", rows, penalty="l2", C=2.0)
    np.testing.assert_allclose(a.params, b.params, rtol=1e-12)
    assert a.method == "newton" and a.penalty == "l2"


# --- what the results show and refuse ----------------------------------------------------------
@pytest.fixture(scope="module")
def ridge():
    return mnlogit.fit("y3 ~ x1 + x2 + x3", DATA.iloc[:500], penalty="l2", C=0.5)


def test_no_standard_errors_p_values_or_intervals(ridge):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)  # see the tests below
        for table in (ridge.bse, ridge.zvalues, ridge.pvalues):
            assert table.isna().all().all()
        assert ridge.conf_int().isna().all().all()
        orr = ridge.odds_ratios()
        assert ridge.cov_params().isna().all().all()
        assert np.isnan(ridge.aic) and np.isnan(ridge.bic)
        frame = ridge.to_frame()
    np.testing.assert_allclose(orr["odds_ratio"], np.exp(flat(ridge.params.to_numpy())))
    assert orr[["lower", "upper"]].isna().all().all()
    assert frame["estimate"].notna().all()
    assert frame[["std_error", "z", "pvalue", "lower", "upper"]].isna().all().all()


ACCESSORS = {
    "bse": lambda r: r.bse,
    "zvalues": lambda r: r.zvalues,
    "pvalues": lambda r: r.pvalues,
    "conf_int()": lambda r: r.conf_int(),
    "odds_ratios()": lambda r: r.odds_ratios(),
    "cov_params()": lambda r: r.cov_params(),
    "cov_params(terms": lambda r: r.cov_params(terms=["x1"]),
    "aic": lambda r: r.aic,
    "bic": lambda r: r.bic,
    "to_frame()": lambda r: r.to_frame(),
    "to_csv()": lambda r: r.to_csv(io.StringIO()),
    "marginal_effects()": lambda r: r.marginal_effects(),
    "margins()": lambda r: r.margins(),
    "prediction_intervals()": lambda r: r.prediction_intervals(DATA.iloc[:3]),
}


@pytest.mark.parametrize("name", list(ACCESSORS))
def test_every_nan_accessor_says_why_where_it_is_read(ridge, name):
    """The NaN standard errors, tests, intervals and criteria of a penalised fit were
    explained only in its summary and in to_frame().attrs: res.bse was NaN silently. Each
    accessor now warns once per call, at the user's line, with the reason and what to do."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ACCESSORS[name](ridge)
    assert [w.category for w in caught] == [mnlogit.InferenceWarning]
    message = str(caught[0].message)
    assert message.startswith(name.split("(")[0])
    assert "NaN for this L2-penalised maximum likelihood (C = 0.5) fit" in message
    assert "refit without the penalty (penalty=None)" in message
    assert caught[0].filename == __file__


def test_the_estimates_and_renderings_are_read_without_a_warning(ridge):
    """What a penalised fit supports warns of nothing, nor do the renderings, which print
    the reason in their notes."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ridge.params, ridge.llf, ridge.pseudo_r2, ridge.predict(DATA.iloc[:3])
        str(ridge.summary()), ridge.summary().as_latex(), ridge.summary()._repr_html_()
        ridge.to_latex(), str(mnlogit.compare([ridge])), mnlogit.compare([ridge]).as_csv()
        ml = mnlogit.fit("y3 ~ x1 + x2 + x3", DATA.iloc[:500])
        ml.bse, ml.conf_int(), ml.to_frame(), ml.aic, ml.marginal_effects()
    assert "penalty=None" in str(ridge.summary())


def test_a_comparison_table_read_as_numbers_says_why_too(ridge):
    ml = mnlogit.fit("y3 ~ x1 + x2 + x3", DATA.iloc[:500])
    table = mnlogit.compare([ml, ridge], names=["ml", "ridge"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        frame = table.to_frame()
        stats = table.statistics
    assert [w.category for w in caught] == 2 * [mnlogit.InferenceWarning]
    first, second = (str(w.message) for w in caught)
    assert first.startswith("compare(...).to_frame(): ridge: std_error, z, pvalue and the")
    assert second.startswith("compare(...).statistics: ridge: AIC and BIC are NaN for this L2")
    assert "ml:" not in first + second
    assert frame.loc["ridge", "std_error"].isna().all() and frame.loc["ml"].notna().all().all()
    assert np.isnan(stats.loc["AIC", "ridge"]) and np.isfinite(stats.loc["AIC", "ml"])


def test_with_ref_keeps_the_warning(ridge):
    moved = ridge.with_ref(ridge.outcomes[-1])
    with pytest.warns(mnlogit.InferenceWarning, match=r"^bse: .*L2-penalised"):
        assert moved.bse.isna().all().all()


def test_summary_says_so(ridge):
    text = str(ridge.summary())
    assert text.startswith(
        "Multinomial logit regression, L2-penalised maximum likelihood (C = 0.5)"
    )
    assert "LogisticRegression(C=0.5)" in text
    assert "penalty=None" in text and "method='firth'" in text
    labels = [label for label, _ in ridge.summary().header]
    assert not {"AIC", "BIC", "Prob > chi2", "Covariance"} & set(labels)
    assert "Standard errors" in labels and "nan" not in text.lower()
    assert "Penalised log-likelihood" in text
    coef_rows = [line for line in text.splitlines() if line.strip().startswith("x1")]
    assert coef_rows and all(line.count("--") == 5 for line in coef_rows)
    for render in (ridge.summary().as_latex(), ridge.summary()._repr_html_()):
        assert "L2-penalised" in render


@pytest.mark.parametrize(
    "call",
    [
        lambda r: r.lr_test(),
        lambda r: r.anova(),
        lambda r: r.wald_test("x1"),
        lambda r: mnlogit.lr_test(mnlogit.fit("y3 ~ x1", DATA.iloc[:500], penalty="l2", C=0.5), r),
    ],
    ids=["lr_test", "anova", "wald_test", "nested"],
)
def test_tests_are_refused_with_the_reason(ridge, call):
    with pytest.raises(ModelComparisonError, match="L2-penalised") as info:
        call(ridge)
    assert "penalty=None" in str(info.value)


# an L2 fit's advice on separated data, and what each covariance makes of it
SEPARATED_ADVICE = {
    "robust": ({"cov_type": "robust"}, "method='firth' and cov_type='nonrobust' when"),
    "cluster": (
        {"cov_type": "cluster", "groups": "site"},
        "method='firth' and cov_type='nonrobust' when",
    ),
    "probability weights": (
        {"weights": "pw", "weight_type": "probability"},
        "on separated data a Firth fit (method='firth') is refused",
    ),
    "design": (
        {"design": mnlogit.SurveyDesign(weights="pw", psu="site")},
        "on separated data a Firth fit (method='firth') is refused",
    ),
}


@pytest.mark.filterwarnings("ignore::mnlogit.SeparationWarning")
@pytest.mark.parametrize("kind", sorted(SEPARATED_ADVICE))
def test_the_advice_on_separated_data_is_one_the_fit_can_take(kind):
    # every L2 fit said "or with method='firth' when the data are separated", which beside a
    # sandwich is refused unless cov_type='nonrobust' goes with it, and for a survey fit
    # (probability weights or a design) is refused whatever its options
    options, advice = SEPARATED_ADVICE[kind]
    risk = mnlogit.datasets.load("risk").assign(site=[0, 1, 2] * 4, pw=[1.5, 2.0, 0.5] * 4)
    res = mnlogit.fit("risk ~ age + income", risk, ref="low", penalty="l2", **options)
    with pytest.raises(ModelComparisonError) as refused:
        res.wald_test("age")
    with pytest.warns(mnlogit.InferenceWarning) as caught:
        res.bse  # noqa: B018
    said = [str(refused.value), str(caught[0].message), str(res.summary())]
    for text in (" ".join(t.split()) for t in said):
        assert advice in text and "method='firth' when" not in text
    firth = {key: value for key, value in options.items() if key != "groups"}
    firth["method"] = "firth"
    if "cov_type" in options:  # the advice, taken, gives Firth's fit of these data
        firth["cov_type"] = "nonrobust"
        assert mnlogit.fit("risk ~ age + income", risk, ref="low", **firth).converged
    else:
        with pytest.raises(mnlogit.exceptions.EstimationError, match="separated"):
            mnlogit.fit("risk ~ age + income", risk, ref="low", **firth)


def test_iia_tests_are_refused(ridge):
    with pytest.raises(
        OptionError, match=r"penalty='l2'\. Refit with method='newton' and no penalty"
    ):
        ridge.iia_test("b")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        # None is allowed too: the message listed ('l2') alone
        ({"penalty": "l1"}, r"penalty: expected one of \(None, 'l2'\); got 'l1'"),
        ({"penalty": "l2", "C": 0}, "C: expected a positive finite number; got 0"),
        ({"penalty": "l2", "C": -1.0}, "got -1.0"),
        # LogisticRegression(C=np.inf) is scikit-learn's unpenalised fit: the way to it
        ({"penalty": "l2", "C": np.inf}, r"got inf, which is no penalty at all: pass penalty=None"),
        ({"penalty": "l2", "C": "1"}, "got '1'"),
        ({"penalty": "l2", "C": True}, "got True"),
        ({"C": 0.5}, "no effect without one"),
        ({"penalty": "l2", "method": "firth"}, "method='firth' has its own penalty"),
        # 1/C overflowed to inf, inf * 0 to NaN: NumPy's warnings and a fit "diverged"
        ({"penalty": "l2", "C": 1e-320}, r"C=1e-320 is so small .* at least 5.56e-309"),
    ],
)
def test_bad_penalty_options(kwargs, match):
    with pytest.raises(OptionError, match=match):
        mnlogit.fit("y3 ~ x1", DATA.iloc[:100], **kwargs)


def test_resolve_method_binds_the_penalty():
    plain = resolve_method("newton")
    bound = resolve_method("newton", "l2", C=np.float32(0.25))
    assert plain.penalty is None and plain.inference
    assert bound.penalty == L2(0.25) and not bound.inference and bound.penalized
    assert bound.name == "newton"


@pytest.mark.parametrize("C", [1e4, 1e6, 1e8])
def test_a_far_penalised_optimum_is_reached_not_declared_divergent(C):
    """Separated data with a weak penalty: the maximum is finite but far out, and Newton's
    steps stay long for many iterations, which for maximum likelihood signals separation."""
    rows = mnlogit.datasets.load("risk").iloc[[0, 2, 3, 4, 6, 7, 9, 10, 11]]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("risk ~ age + income", rows, ref="low", penalty="l2", C=C)
    assert res.converged and not res.diverged
    score = res._core  # the penalised score is zero at the estimates
    data = res._data
    ridge = L2(C).on(data.p, data.q, data.intercept)
    s = ridge.evaluator(data.evaluator(threads=1))(score.B, SCORE)
    assert np.abs(s.score).max() < 1e-6


def test_a_penalty_whose_strength_overflows_with_the_weights_scale_is_refused():
    # scikit-learn's C with sampling weights: weights of 1e-300 make C = 1e-10 as strong a
    # penalty as C = 1e-310, whose 1/C overflowed as above
    rows = DATA.iloc[:100].assign(pw=1e-300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy warning on the way
        with pytest.raises(OptionError, match=r"C=1e-10 times the weights' scale .* larger C"):
            mnlogit.fit(
                "y3 ~ x1", rows, weights="pw", weight_type="probability", penalty="l2", C=1e-10
            )


@pytest.mark.parametrize("C", [1e-300, 1e-200])
def test_a_penalty_whose_c_times_the_weights_scale_underflows_to_zero_is_refused(C):
    # C * 1e-300 is 0 in floats: 1 / 0 raised Python's bare ZeroDivisionError, from
    # mnlogit.fit and from the classifier given scikit-learn's sample_weight alike
    rows = DATA.iloc[:100].assign(pw=1e-300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy warning on the way
        with pytest.raises(OptionError, match=rf"C={C!r} times the weights' scale .* larger C"):
            mnlogit.fit("y3 ~ x1", rows, weights="pw", weight_type="probability", penalty="l2", C=C)
    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    clf = MNLogitClassifier(penalty="l2", C=C)
    with pytest.raises(OptionError, match=rf"C={C!r} times the weights' scale .* larger C"):
        clf.fit(rows[["x1"]].to_numpy(), rows["y3"].to_numpy(), sample_weight=rows["pw"])


@pytest.mark.parametrize("k", [1e160, 1e250])
def test_a_column_whose_squares_overflow_is_fitted(k):
    """income in units of 1e160: its squares in X'WX pass the largest double, and the fit
    stopped at once with coefficients 0, numpy RuntimeWarnings and a ConvergenceWarning that
    the coefficients were running off to infinity. A penalised fit now runs on equilibrated
    columns too, with the penalty divided by their squared scale, which is the same
    objective. In such units the penalty on income's coefficient vanishes, as it nearly does
    at 1e50 (where the fit always ran), so the estimates agree with that fit's."""
    travel = mnlogit.datasets.load("travel").dropna()
    near = mnlogit.fit("mode ~ income + parking", travel.assign(income=travel.income * 1e50),
                       ref="car", penalty="l2")  # fmt: skip
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("mode ~ income + parking", travel.assign(income=travel.income * k),
                          ref="car", penalty="l2")  # fmt: skip
    assert res.converged
    np.testing.assert_allclose(
        res.params.loc["income"] * k, near.params.loc["income"] * 1e50, rtol=1e-8
    )
    np.testing.assert_allclose(res.params.loc["parking"], near.params.loc["parking"], rtol=1e-8)
    np.testing.assert_allclose(res.llf, near.llf, rtol=1e-12)


@pytest.mark.parametrize("offset", [1e8, 1e12])
def test_a_penalised_fit_refuses_a_column_of_large_offset_asking_to_centre_it(offset):
    # the penalty identifies aliased columns but not one of x + 1e8 beside the intercept:
    # the fit stopped with every coefficient of it 0 and a warning that coefficients ran
    # off to infinity on data that could not be checked in memory
    df = mnlogit.datasets.load("travel").dropna()
    df = df.assign(ld=np.log(df.distance) + offset)
    with pytest.raises(RankError, match=r"'ld' \(values .*estimable once centred") as err:
        mnlogit.fit("mode ~ parking + ld", df, ref="car", penalty="l2")
    assert err.value.needs_centring


def test_a_penalised_fit_that_stops_short_says_why_without_blaming_what_was_not_checked(
    monkeypatch,
):
    # C = 1e30 on separated data: the coefficients grew until the information was singular
    # (in rounding: the near-certain rows' sums lost their digits; now the fit reaches the
    # penalised maximum, see below). The warning said the maximum-likelihood estimate may
    # not exist and that separation can only be checked on data in memory; the summary that
    # the exact check found none. The information is made singular 20 iterations in.
    from mnlogit import _solvers

    factor, calls = _solvers.cholesky, []

    def singular_late(info):
        calls.append(1)
        return None if len(calls) > 20 else factor(info)

    monkeypatch.setattr(_solvers, "cholesky", singular_late)
    df = mnlogit.datasets.load("risk")
    with pytest.warns(mnlogit.ConvergenceWarning) as caught:
        res = mnlogit.fit("risk ~ age + income", df, ref="low", penalty="l2", C=1e30)
    assert res.diverged
    (message,) = [str(w.message) for w in caught if w.category is mnlogit.ConvergenceWarning]
    (shown,) = res.summary().warnings
    for text in (message, shown):
        assert "penalised maximum, which is finite" in text and "C=1e+30" in text
        assert "in-memory" not in text and "finds no separation" not in text


@pytest.mark.parametrize("C", [1e30, 1e50])
def test_a_weak_penalty_on_separated_data_reaches_its_finite_maximum(C):
    # The penalised maximum lies where the likelihood's gradient along the separating
    # direction, about exp(-t), is that of the penalty, 1 / C: t near log C. The scores of
    # the rows near certain there lost their digits, and the fit stopped as singular at
    # C = 1e30; with them exact it converges quadratically at the end, and a tighter
    # tolerance moves it no further.
    df = mnlogit.datasets.load("risk")
    fits = []
    for tol in (1e-10, 1e-14):
        with warnings.catch_warnings():
            warnings.simplefilter("error", mnlogit.ConvergenceWarning)
            fits.append(
                mnlogit.fit(
                    "risk ~ age + income", df, ref="low", penalty="l2", C=C, tol=tol, max_iter=1000
                )
            )
    res, tight = fits
    assert res.converged and not res.diverged and tight.converged
    np.testing.assert_allclose(tight.params, res.params, rtol=1e-8)


def test_a_c_given_to_firth_is_told_to_go_not_to_take_a_penalty_firth_refuses():
    # "pass penalty='l2' with it" was the advice, and followed it met the refusal of
    # penalty='l2' with method='firth'
    with pytest.raises(OptionError) as refused:
        mnlogit.fit("y3 ~ x1", DATA.iloc[:100], method="firth", C=0.5)
    said = str(refused.value)
    assert "leave C out" in said
    assert "pass penalty='l2'" not in said
    assert mnlogit.fit("y3 ~ x1", DATA.iloc[:100], method="firth").converged
