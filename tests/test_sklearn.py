"""MNLogitClassifier: scikit-learn's estimator checks, its workflows (pipelines, column
transformers, grid search, cross-validation, calibration, pickling, cloning), agreement with
LogisticRegression, the layout of coef_, sample weights and bad input."""

from __future__ import annotations

import importlib
import pickle
import sys
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import (
    DataError,
    InputTypeError,
    LevelError,
    MissingDependencyError,
    MNLogitError,
    OptionError,
    RankError,
)

sklearn = pytest.importorskip("sklearn")

from sklearn.base import clone  # noqa: E402
from sklearn.calibration import CalibratedClassifierCV  # noqa: E402
from sklearn.compose import ColumnTransformer  # noqa: E402
from sklearn.exceptions import NotFittedError  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import log_loss  # noqa: E402
from sklearn.model_selection import (  # noqa: E402
    GridSearchCV,
    KFold,
    cross_val_score,
    train_test_split,
)
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import OneHotEncoder, StandardScaler  # noqa: E402
from sklearn.utils.class_weight import compute_sample_weight  # noqa: E402
from sklearn.utils.estimator_checks import (  # noqa: E402
    check_estimator,
    parametrize_with_checks,
)

from mnlogit.sklearn import MNLogitClassifier  # noqa: E402

DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv")
PREDICTORS = ["x1", "x2", "x3", "x4"]
TIGHT = {"solver": "newton-cholesky", "tol": 1e-14, "max_iter": 1000}  # scikit-learn's optimum


# --- scikit-learn's own checks ----------------------------------------------------------------
def expected_failed_checks(estimator: MNLogitClassifier) -> dict[str, str]:
    """The checks a configuration fails by design, with the reason."""
    if estimator.penalty is None:
        return {
            "check_sample_weight_equivalence_on_dense_data": (
                "the check fits 31 design columns to 27 rows (the weighted fit: 27 observations "
                "on 9 rows): no design of more columns than rows has full column rank, so the "
                "coefficients are not identified by maximum likelihood (or Firth), and the "
                "fit refuses with a DataError; with penalty='l2' the check passes"
            )
        }
    return {}


@pytest.mark.filterwarnings("ignore::mnlogit.SeparationWarning")
@pytest.mark.filterwarnings("ignore::mnlogit.ConvergenceWarning")
@parametrize_with_checks(
    [MNLogitClassifier(), MNLogitClassifier(penalty="l2", C=0.5)],
    expected_failed_checks=expected_failed_checks,
)
def test_scikit_learn_estimator_checks(estimator, check):
    # check_array_api_input is skipped by scikit-learn itself (SCIPY_ARRAY_API not set):
    # the fit runs on numpy arrays
    check(estimator)


@pytest.mark.slow
def test_scikit_learn_estimator_checks_firth():
    estimator = MNLogitClassifier(method="firth")
    outcome = check_estimator(
        estimator,
        expected_failed_checks=expected_failed_checks(estimator),
        on_skip=None,
    )
    failed = [r["check_name"] for r in outcome if r["status"] == "failed"]
    assert not failed


def test_the_expected_failure_is_the_missing_maximum_likelihood_estimate():
    X = np.random.default_rng(0).standard_normal((27, 30))
    y = np.arange(27) % 3
    with pytest.raises(DataError, match=r"design columns \(31\) than rows with positive weight"):
        MNLogitClassifier().fit(X, y)
    assert MNLogitClassifier(penalty="l2").fit(X, y).results_.converged


# --- agreement with LogisticRegression --------------------------------------------------------
@pytest.mark.parametrize("K", [2, 3, 6])
@pytest.mark.parametrize("n", [60, 500, 2000])
def test_l2_classifier_equals_logistic_regression(K, n):
    rows = DATA.iloc[:n]
    X, y = rows[PREDICTORS].to_numpy(), rows[f"y{K}"].to_numpy()
    sk = LogisticRegression(C=0.7, **TIGHT).fit(X, y)
    clf = MNLogitClassifier(penalty="l2", C=0.7).fit(X, y)
    np.testing.assert_array_equal(clf.classes_, sk.classes_)
    np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), rtol=0, atol=1e-6)
    np.testing.assert_array_equal(clf.predict(X), sk.predict(X))
    if K == 2:  # the same layout as scikit-learn's
        np.testing.assert_allclose(clf.coef_, sk.coef_, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(clf.intercept_, sk.intercept_, rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(clf.decision_function(X), sk.decision_function(X), atol=1e-6)
    else:  # scikit-learn's rows less its reference row
        np.testing.assert_allclose(clf.coef_, sk.coef_ - sk.coef_[0], rtol=1e-6, atol=1e-8)
        np.testing.assert_allclose(
            clf.intercept_, sk.intercept_ - sk.intercept_[0], rtol=1e-6, atol=1e-8
        )
        np.testing.assert_allclose(clf.decision_function(X), sk.decision_function(X), atol=1e-6)
    np.testing.assert_allclose(
        clf.predict_log_proba(X), np.log(sk.predict_proba(X)), rtol=1e-6, atol=1e-9
    )


def test_weights_reproduce_logistic_regression():
    rows = DATA.iloc[:500]
    X, y = rows[PREDICTORS].to_numpy(), rows["y3"].to_numpy()
    for column in ("fw", "pw"):
        w = rows[column].to_numpy(dtype=float)
        sk = LogisticRegression(C=0.5, **TIGHT).fit(X, y, sample_weight=w)
        clf = MNLogitClassifier(penalty="l2", C=0.5).fit(X, y, sample_weight=w)
        np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), atol=1e-6)


@settings(max_examples=25, deadline=None)
@given(e=st.integers(-300, 300), t=st.integers(-3, 3))
def test_weights_scaled_by_any_power_of_ten_keep_scikit_learns_meaning_of_c(e, t):
    # scikit-learn's C weighs the penalty against the weighted sum of losses: weights times k
    # leave the maximum-likelihood fit as it is, and with a penalty are C times k
    rows = DATA.iloc[:150]
    X, y, w = rows[PREDICTORS[:2]].to_numpy(), rows["y3"].to_numpy(), rows["pw"].to_numpy()
    k = 10.0**e
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)  # no NumPy warning at any scale
        # (times 1000 the weights of three decimals are whole but for rounding, which
        # tests/test_sklearn_newcomer.py warns of)
        scaled = MNLogitClassifier().fit(X, y, sample_weight=w * k)
        penalised = MNLogitClassifier(penalty="l2", C=10.0 ** (t - e))
        penalised.fit(X, y, sample_weight=w * k)
    unscaled = MNLogitClassifier().fit(X, y, sample_weight=w)
    np.testing.assert_allclose(scaled.coef_, unscaled.coef_, rtol=1e-9, atol=1e-12)
    same = MNLogitClassifier(penalty="l2", C=10.0**t).fit(X, y, sample_weight=w)
    np.testing.assert_allclose(penalised.coef_, same.coef_, rtol=1e-8, atol=1e-12)


def test_large_C_is_the_maximum_likelihood_fit():
    rows = DATA.iloc[:500]
    X, y = rows[PREDICTORS], rows["y6"]
    ml = MNLogitClassifier().fit(X, y)
    ridge = MNLogitClassifier(penalty="l2", C=1e12).fit(X, y)
    np.testing.assert_allclose(ridge.coef_, ml.coef_, rtol=1e-7, atol=1e-8)
    fit = mnlogit.fit("y6 ~ x1 + x2 + x3 + x4", rows)
    np.testing.assert_allclose(ml.results_.params, fit.params, rtol=1e-12)
    np.testing.assert_allclose(ml.results_.bse, fit.bse, rtol=1e-10)


# --- layout ----------------------------------------------------------------------------------
def test_coef_layout_reference_row_zero():
    rows = DATA.iloc[:500]
    X, y = rows[PREDICTORS], rows["y3"]
    clf = MNLogitClassifier(ref="b").fit(X, y)
    params = clf.results_.params
    assert list(clf.classes_) == ["a", "b", "c"] and clf.results_.ref == "b"
    assert clf.coef_.shape == (3, 4) and clf.intercept_.shape == (3,)
    np.testing.assert_array_equal(clf.coef_[1], 0.0)
    assert clf.intercept_[1] == 0.0
    np.testing.assert_allclose(clf.coef_[0], params["a"].drop("Intercept"))
    np.testing.assert_allclose(clf.coef_[2], params["c"].drop("Intercept"))
    np.testing.assert_allclose(clf.intercept_[[0, 2]], params.loc["Intercept", ["a", "c"]])
    assert list(clf.coef_names_) == PREDICTORS == list(clf.feature_names_in_)
    assert clf.n_features_in_ == 4 and clf.n_iter_.shape == (1,)
    # decision_function centres the linear predictors over the classes, as scikit-learn's
    eta = X.to_numpy() @ clf.coef_.T + clf.intercept_
    np.testing.assert_allclose(clf.decision_function(X), eta - eta.mean(axis=1, keepdims=True))


def test_the_documented_importance_getter_selects_columns_whatever_the_reference():
    # coef_ keeps the reference's row zero: RFE read it as importances and kept x0 for
    # ref=0 but x1 for ref=1 or 2 (LogisticRegression's centred rows keep x1)
    from scipy.special import softmax
    from sklearn.feature_selection import RFE

    rng = np.random.default_rng(5)
    X = rng.standard_normal((4000, 2))
    eta = np.column_stack([X[:, 0], 0.6 * X[:, 1], -0.6 * X[:, 1]])
    y = (np.cumsum(softmax(eta, axis=1), axis=1)[:, :-1] < rng.random((4000, 1))).sum(axis=1)
    centred = lambda m: m.coef_ - m.coef_.mean(axis=0)  # noqa: E731
    chosen = {
        ref: RFE(MNLogitClassifier(ref=ref), n_features_to_select=1, importance_getter=centred)
        .fit(X, y)
        .support_.tolist()
        for ref in (0, 1, 2)
    }
    plain = [
        RFE(MNLogitClassifier(ref=ref), n_features_to_select=1).fit(X, y).support_.tolist()
        for ref in (0, 1)
    ]
    assert plain[0] != plain[1]  # why the docstring gives the getter
    sk = RFE(LogisticRegression(**TIGHT), n_features_to_select=1).fit(X, y)
    assert chosen[0] == chosen[1] == chosen[2] == sk.support_.tolist() == [False, True]
    ridge = MNLogitClassifier(penalty="l2", ref=2).fit(X, y)
    sk_coef = LogisticRegression(**TIGHT).fit(X, y).coef_
    np.testing.assert_allclose(centred(ridge), sk_coef, atol=1e-6)


def test_margins_of_a_classifier_without_a_formula_say_how_to_get_them():
    # "fit it with mnlogit.fit(formula, data)": no word of the classifier's own formula=
    rows = DATA.iloc[:300]
    clf = MNLogitClassifier().fit(rows[PREDICTORS].to_numpy(), rows["y3"])
    with pytest.raises(mnlogit.MNLogitError, match=r"MNLogitClassifier\(formula=\.\.\.\)"):
        clf.results_.margins()
    assert clf.results_.marginal_effects().notna().all().all()


def test_two_classes_follow_scikit_learn_whatever_the_reference():
    rows = DATA.iloc[:300]
    X, y = rows[PREDICTORS], rows["y2"]
    first = MNLogitClassifier().fit(X, y)
    second = MNLogitClassifier(ref="b").fit(X, y)
    assert first.coef_.shape == (1, 4) and first.intercept_.shape == (1,)
    np.testing.assert_allclose(first.coef_, second.coef_, rtol=1e-9)
    np.testing.assert_allclose(second.coef_[0], -second.results_.params["a"].drop("Intercept"))
    np.testing.assert_allclose(first.predict_proba(X), second.predict_proba(X), rtol=1e-9)
    assert first.decision_function(X).shape == (300,)


def test_without_intercept():
    rows = DATA.iloc[:500]
    X, y = rows[PREDICTORS].to_numpy(), rows["y3"].to_numpy()
    sk = LogisticRegression(C=1.0, fit_intercept=False, **TIGHT).fit(X, y)
    clf = MNLogitClassifier(penalty="l2", fit_intercept=False).fit(X, y)
    np.testing.assert_array_equal(clf.intercept_, 0.0)
    assert "Intercept" not in clf.results_.params.index
    np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), atol=1e-6)


def test_results_are_the_full_inference():
    rows = DATA.iloc[:500]
    clf = MNLogitClassifier(cov_type="robust").fit(rows[PREDICTORS], rows["y3"])
    res = clf.results_
    assert isinstance(res, mnlogit.MNLogitResults) and res.cov_type == "robust"
    assert res._data.outcome_name == "y3"  # the name of the Series y
    assert "y3, 3 levels: a, b, c" in str(res.summary())
    assert res.wald_test("x1").pvalue < 0.05
    ridge = MNLogitClassifier(penalty="l2").fit(rows[PREDICTORS], rows["y3"]).results_
    assert ridge.penalty == "l2" and ridge.bse.isna().all().all()


def test_standard_errors_are_not_computed_by_fit():
    """Cross-validation and grid searches do not pay for the information matrix."""
    rng = np.random.default_rng(3)
    X = rng.standard_normal((6000, 10))
    y = (X[:, :3] @ [1.0, -1.0, 0.5] + rng.logistic(size=6000) > 0).astype(int) + (X[:, 3] > 0.8)
    clf = MNLogitClassifier().fit(X, y)  # 11 columns x 2 equations: the L-BFGS route
    assert clf.results_._core.pending
    clf.predict_proba(X), clf.score(X, y)
    assert clf.results_._core.pending
    assert np.isfinite(clf.results_.bse.to_numpy()).all()
    assert not clf.results_._core.pending


# --- formulas ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def travel():
    df = mnlogit.datasets.load("travel").dropna()
    return df.drop(columns="mode"), df["mode"]


FORMULA = "np.log(distance) + income + C(region)"


def test_formula_after_train_test_split(travel):
    X, y = travel
    Xtr, Xte, ytr, _ = train_test_split(X, y, test_size=0.3, random_state=1, stratify=y)
    clf = MNLogitClassifier(formula=FORMULA, ref="car").fit(Xtr, ytr)
    fit = mnlogit.fit(f"mode ~ {FORMULA}", Xtr.assign(mode=ytr), ref="car")
    np.testing.assert_allclose(clf.results_.params, fit.params, rtol=1e-12)
    np.testing.assert_allclose(clf.predict_proba(Xte), fit.predict(Xte).to_numpy(), rtol=1e-12)
    assert clf.results_.formula == f"mode ~ {FORMULA}"
    assert list(clf.coef_names_) == [c for c in fit.params.index if c != "Intercept"]
    assert clf.n_features_in_ == X.shape[1]
    # the formula reads the columns by name, as ColumnTransformer reads those it selects: in
    # any order (tests/test_sklearn_newcomer.py)
    np.testing.assert_array_equal(clf.predict_proba(Xte[Xte.columns[::-1]]), clf.predict_proba(Xte))


def test_formula_levels_come_from_the_training_rows_only(travel):
    X, y = travel
    train = X["region"] != "rural"
    clf = MNLogitClassifier(formula=FORMULA, ref="car").fit(X[train], y[train])
    assert not any("rural" in c for c in clf.results_.params.index)
    assert any("urban" in c for c in clf.results_.params.index)
    with pytest.raises(MNLogitError, match="rural"):
        clf.predict(X[~train])


def test_formula_inside_cross_val_score_equals_the_manual_loop(travel):
    X, y = travel
    folds = KFold(5, shuffle=True, random_state=0)
    clf = MNLogitClassifier(formula=FORMULA, ref="car", penalty="l2", C=2.0)
    scores = cross_val_score(clf, X, y, cv=folds, scoring="neg_log_loss")
    manual = []
    for tr, te in folds.split(X):
        fit = mnlogit.fit(
            f"mode ~ {FORMULA}", X.iloc[tr].assign(mode=y.iloc[tr]), penalty="l2", C=2.0
        )
        prob = fit.predict(X.iloc[te]).to_numpy()
        manual.append(-log_loss(y.iloc[te], prob, labels=fit.outcomes))
    np.testing.assert_allclose(scores, manual, rtol=1e-10)


def test_formula_errors(travel):
    X, y = travel
    with pytest.raises(OptionError, match="right-hand side only"):
        MNLogitClassifier(formula="mode ~ income").fit(X, y)
    with pytest.raises(InputTypeError, match="must be a DataFrame"):
        MNLogitClassifier(formula="income").fit(X[["income"]].to_numpy(), y)
    clf = MNLogitClassifier(formula="income + distance").fit(X, y)
    with pytest.raises(InputTypeError, match="must be a DataFrame"):
        clf.predict(X.to_numpy())
    gaps = X.assign(income=X["income"].where(np.arange(len(X)) % 7 != 0))
    with pytest.raises(DataError, match=r"missing values.*impute"):
        MNLogitClassifier(formula="income + distance").fit(gaps, y)
    with pytest.raises(DataError, match=r"missing values.*impute"):
        clf.predict(gaps)


# --- workflows ---------------------------------------------------------------------------------
def test_pipeline_with_scaling_equals_logistic_regression():
    rows = DATA.iloc[:500]
    X, y = rows[PREDICTORS].to_numpy(), rows["y6"].to_numpy()
    ours = make_pipeline(StandardScaler(), MNLogitClassifier(penalty="l2", C=0.3)).fit(X, y)
    theirs = make_pipeline(StandardScaler(), LogisticRegression(C=0.3, **TIGHT)).fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-6)


def test_column_transformer_with_full_one_hot_coding(travel):
    """OneHotEncoder keeps every level by default, collinear with the intercept: the L2
    penalty identifies the coefficients as it does for scikit-learn; maximum likelihood
    refuses and says which column to drop."""
    X, y = travel
    columns = ColumnTransformer(
        [
            ("num", StandardScaler(), ["distance", "income"]),
            ("cat", OneHotEncoder(), ["region", "purpose"]),
        ]
    )
    ours = make_pipeline(columns, MNLogitClassifier(penalty="l2")).fit(X, y)
    theirs = make_pipeline(columns, LogisticRegression(**TIGHT)).fit(X, y)
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-6)
    with pytest.raises(RankError, match="linear combinations"):
        make_pipeline(columns, MNLogitClassifier()).fit(X, y)
    dropped = ColumnTransformer(
        [
            ("num", StandardScaler(), ["distance", "income"]),
            ("cat", OneHotEncoder(drop="first"), ["region", "purpose"]),
        ]
    )
    ml = make_pipeline(dropped, MNLogitClassifier()).fit(X, y)
    assert ml[-1].results_.converged
    assert ml[-1].coef_names_[0] == "x0"  # the transformer's output has no column names


def test_grid_search_over_C_equals_logistic_regression():
    rows = DATA.iloc[:500]
    X, y = rows[PREDICTORS].to_numpy(), rows["y3"].to_numpy()
    grid = {"C": [0.001, 0.1, 10.0]}
    kw = {"cv": KFold(3, shuffle=True, random_state=0), "scoring": "neg_log_loss"}
    ours = GridSearchCV(MNLogitClassifier(penalty="l2"), grid, **kw).fit(X, y)
    theirs = GridSearchCV(LogisticRegression(**TIGHT), grid, **kw).fit(X, y)
    np.testing.assert_allclose(
        ours.cv_results_["mean_test_score"], theirs.cv_results_["mean_test_score"], rtol=1e-7
    )
    assert ours.best_params_ == theirs.best_params_
    assert ours.best_estimator_.results_.C == ours.best_params_["C"]


def test_grid_search_refits_the_penalty_choice_too():
    rows = DATA.iloc[:300]
    X, y = rows[PREDICTORS], rows["y3"]
    search = GridSearchCV(
        MNLogitClassifier(),
        [{"penalty": [None]}, {"penalty": ["l2"], "C": [0.01, 1.0]}],
        cv=3,
    ).fit(X, y)
    assert len(search.cv_results_["params"]) == 3


def test_cross_val_score_equals_the_manual_loop():
    rows = DATA.iloc[:600]
    X, y = rows[PREDICTORS].to_numpy(), rows["y6"].to_numpy()
    folds = KFold(5, shuffle=True, random_state=2)
    scores = cross_val_score(MNLogitClassifier(), X, y, cv=folds)
    manual = [
        MNLogitClassifier().fit(X[tr], y[tr]).score(X[te], y[te]) for tr, te in folds.split(X)
    ]
    np.testing.assert_allclose(scores, manual, rtol=0)


def test_calibrated_classifier():
    rows = DATA.iloc[:600]
    X, y = rows[PREDICTORS].to_numpy(), rows["y3"].to_numpy()
    calibrated = CalibratedClassifierCV(MNLogitClassifier(), cv=3).fit(X, y)
    prob = calibrated.predict_proba(X)
    assert prob.shape == (600, 3)
    np.testing.assert_allclose(prob.sum(axis=1), 1.0, rtol=1e-12)
    assert len(calibrated.calibrated_classifiers_) == 3
    assert all(c.estimator.results_.converged for c in calibrated.calibrated_classifiers_)


def test_pickle_and_clone():
    rows = DATA.iloc[:500]
    X, y = rows[PREDICTORS], rows["y3"]
    clf = MNLogitClassifier(ref="c", penalty="l2", C=0.25).fit(X, y)
    back = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(back.predict_proba(X), clf.predict_proba(X))
    np.testing.assert_array_equal(back.coef_, clf.coef_)
    assert str(back.results_.summary()) == str(clf.results_.summary())
    fresh = clone(clf)
    assert fresh.get_params() == clf.get_params()
    assert not hasattr(fresh, "results_") and not hasattr(fresh, "coef_")
    with pytest.raises(NotFittedError):
        fresh.predict(X)
    # an unpenalised fit, whose standard errors are computed on demand, pickles too
    ml = MNLogitClassifier().fit(X, y)
    back = pickle.loads(pickle.dumps(ml))
    np.testing.assert_allclose(back.results_.bse, ml.results_.bse, rtol=1e-12)


def test_get_and_set_params():
    clf = MNLogitClassifier()
    assert clf.get_params() == {
        "formula": None,
        "ref": None,
        "penalty": None,
        "C": 1.0,
        "method": "newton",
        "cov_type": None,
        "fit_intercept": True,
        "weight_type": None,
        "max_iter": 100,
        "tol": 1e-10,
    }
    assert clf.set_params(penalty="l2", C=3.0) is clf and clf.C == 3.0


@pytest.mark.parametrize("method", ["predict", "predict_proba", "predict_log_proba", "score"])
def test_not_fitted(method):
    args = (np.zeros((2, 1)), [0, 1]) if method == "score" else (np.zeros((2, 1)),)
    with pytest.raises(NotFittedError):
        getattr(MNLogitClassifier(), method)(*args)


# --- sample weights ------------------------------------------------------------------------------
def test_whole_number_weights_are_frequency_weights():
    rows = DATA.iloc[:300]
    X, y, w = rows[PREDICTORS].to_numpy(), rows["y3"].to_numpy(), rows["fw"].to_numpy()
    weighted = MNLogitClassifier().fit(X, y, sample_weight=w)
    repeated = MNLogitClassifier().fit(np.repeat(X, w, axis=0), np.repeat(y, w))
    assert weighted.results_.weight_type == "frequency"
    np.testing.assert_allclose(weighted.coef_, repeated.coef_, rtol=1e-9)
    np.testing.assert_allclose(weighted.results_.bse, repeated.results_.bse, rtol=1e-8)
    assert weighted.results_.nobs == w.sum()


def test_fractional_weights_are_probability_weights():
    rows = DATA.iloc[:300]
    X, y = rows[PREDICTORS].to_numpy(), rows["y3"].to_numpy()
    balanced = compute_sample_weight("balanced", y)
    clf = MNLogitClassifier().fit(X, y, sample_weight=balanced)
    res = clf.results_
    assert res.weight_type == "probability" and res.cov_type == "design"
    assert np.isfinite(res.bse.to_numpy()).all()
    # the weighted log-likelihood is no likelihood of the sample: Rao and Scott's working test
    assert res.lr_test().method.startswith("Rao-Scott working likelihood-ratio test")
    same = MNLogitClassifier(weight_type="probability").fit(X, y, sample_weight=2 * balanced)
    np.testing.assert_allclose(same.coef_, clf.coef_, rtol=1e-8)
    with pytest.raises(DataError, match="whole numbers"):
        MNLogitClassifier(weight_type="frequency").fit(X, y, sample_weight=balanced)
    with pytest.raises(OptionError, match="cov_type='nonrobust' does not apply"):
        MNLogitClassifier(cov_type="nonrobust").fit(X, y, sample_weight=balanced)


def test_sample_weight_is_not_modified():
    rows = DATA.iloc[:200]
    w = rows["pw"].to_numpy().copy()
    before = w.copy()
    MNLogitClassifier().fit(rows[PREDICTORS], rows["y3"], sample_weight=w)
    np.testing.assert_array_equal(w, before)


# --- bad input -----------------------------------------------------------------------------------
def test_bad_input_raises_project_errors_with_scikit_learn_messages():
    X = np.random.default_rng(0).standard_normal((40, 2))
    y = np.arange(40) % 2
    with pytest.raises(DataError, match="one class"):
        MNLogitClassifier().fit(X, np.zeros(40))
    with pytest.raises(DataError, match="zero total weight"):
        MNLogitClassifier().fit(X, y, sample_weight=y.astype(float))
    with pytest.raises(DataError, match="NaN"):
        MNLogitClassifier().fit(np.where(X > 1.5, np.nan, X), y)
    with pytest.raises(DataError, match="Unknown label type"):
        MNLogitClassifier().fit(X, X[:, 0])
    with pytest.raises(DataError, match=r"weight.*zero"):
        MNLogitClassifier().fit(X, y, sample_weight=np.zeros(40))
    with pytest.raises(DataError, match="named 'Intercept'"):
        MNLogitClassifier().fit(pd.DataFrame(X, columns=["Intercept", "b"]), y)
    with pytest.raises(LevelError, match="'z'"):
        MNLogitClassifier(ref="z").fit(X, y)
    with pytest.raises(OptionError, match="no effect without one"):
        MNLogitClassifier(C=0.5).fit(X, y)
    with pytest.raises(OptionError, match="penalty"):
        MNLogitClassifier(penalty="l1").fit(X, y)
    with pytest.raises(OptionError, match="fit_intercept"):
        MNLogitClassifier(fit_intercept="yes").fit(X, y)
    with pytest.raises(OptionError, match="weight_type"):
        MNLogitClassifier(weight_type="analytic").fit(X, y)
    clf = MNLogitClassifier().fit(X, y)
    with pytest.raises(DataError, match="X has 3 features"):
        clf.predict(np.zeros((2, 3)))


def test_without_scikit_learn_the_error_names_the_extra(monkeypatch):
    for name in [m for m in sys.modules if m == "sklearn" or m.startswith("sklearn.")]:
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "mnlogit.sklearn")
    with pytest.raises(MissingDependencyError, match=r"mnlogit\[sklearn\]"):
        importlib.import_module("mnlogit.sklearn")


def test_separated_data_warn_and_still_predict():
    risk = mnlogit.datasets.load("risk")
    X, y = risk[["age", "income"]], risk["risk"]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ml = MNLogitClassifier().fit(X, y)
    assert any(issubclass(w.category, mnlogit.SeparationWarning) for w in caught)
    assert ml.score(X, y) == 1.0
    ridge = MNLogitClassifier(penalty="l2").fit(X, y)
    sk = LogisticRegression(**TIGHT).fit(X, y)
    np.testing.assert_allclose(ridge.predict_proba(X), sk.predict_proba(X), atol=1e-6)


def test_the_separation_warning_says_what_coef_and_predict_proba_hold():
    # it spoke of estimates, standard errors and tests, and pointed to method='firth' only;
    # the classifier's outputs, coef_ and predict_proba, were left unexplained
    x = np.linspace(-3, 3, 60)[:, None]
    y = (x[:, 0] > 0).astype(int)
    with pytest.warns(mnlogit.SeparationWarning) as caught:
        MNLogitClassifier().fit(x, y)
    text = str(caught[0].message)
    assert "coef_ holds the diverging coefficients where the fit stopped" in text
    assert "predict_proba" in text and "penalty='l2'" in text
    assert caught[0].filename == __file__  # still at the user's line
    frame = pd.DataFrame({"x": x[:, 0], "y": y})
    with pytest.warns(mnlogit.SeparationWarning) as caught:
        mnlogit.fit("y ~ x", frame)  # mnlogit.fit has no coef_ to explain
    assert "coef_" not in str(caught[0].message)


@pytest.mark.parametrize("C", [1.0, 1e4, 1e6])
def test_separated_data_with_a_weak_penalty_equal_logistic_regression(C):
    risk = mnlogit.datasets.load("risk").iloc[[0, 2, 3, 4, 6, 7, 9, 10, 11]]
    X, y = risk[["age", "income"]], risk["risk"]
    ours = MNLogitClassifier(penalty="l2", C=C).fit(X, y)
    theirs = LogisticRegression(C=C, **TIGHT).fit(X, y)
    assert ours.results_.converged
    np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-6)


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["c", "a", "b"], dtype=object),  # what a pandas column of strings gives
        np.array(["c", "a", "b"]),  # fixed-width unicode
        np.array([30, 10, 20]),
        np.array([3.0, 1.0, 2.0]),
        np.array([True, False, True]),
    ],
    ids=["object", "unicode", "int", "float", "bool"],
)
def test_labels_of_every_kind_give_the_classes_np_unique_gives(labels):
    # the labels are hashed, not sorted: classes_, the reference and the probabilities'
    # columns must still be exactly what np.unique's sorted classes give
    rows = DATA.iloc[:300]
    y = labels[rows["y3"].map({"a": 0, "b": 1, "c": 2}).to_numpy() % len(np.unique(labels))]
    clf = MNLogitClassifier().fit(rows[PREDICTORS], y)
    np.testing.assert_array_equal(clf.classes_, np.unique(y))
    assert clf.classes_.dtype == np.unique(y).dtype
    np.testing.assert_array_equal(
        clf.predict(rows[PREDICTORS]),
        clf.classes_[np.argmax(clf.predict_proba(rows[PREDICTORS]), axis=1)],
    )
    codes = np.searchsorted(clf.classes_, y)
    ref = MNLogitClassifier().fit(rows[PREDICTORS], codes)
    np.testing.assert_allclose(
        clf.predict_proba(rows[PREDICTORS]), ref.predict_proba(rows[PREDICTORS]), rtol=1e-12
    )


@pytest.mark.parametrize(
    "labels, error",
    [
        (np.array(["a", 1, "b"], dtype=object), (InputTypeError, DataError)),  # mixed types
        (np.array(["a", None, "b"], dtype=object), (InputTypeError, DataError)),  # missing
        (np.array([0.5, 1.5, 2.5]), DataError),  # continuous
        (np.array([b"a", "a", "c"], dtype=object), InputTypeError),  # bytes
        (np.array(["2020-01-01", "NaT", "2022-01-01"], dtype="datetime64[D]"), DataError),
    ],
    ids=["mixed", "None", "continuous", "bytes", "NaT"],
)
def test_labels_scikit_learn_refuses_are_refused(labels, error):
    rows = DATA.iloc[:300]
    y = labels[np.arange(300) % 3]
    with pytest.raises(error) as refused:
        MNLogitClassifier().fit(rows[PREDICTORS], y)
    with pytest.raises((ValueError, TypeError)) as sk:
        LogisticRegression().fit(rows[PREDICTORS], y)
    if "label" in str(sk.value).lower() and "unseen" not in str(sk.value):
        assert str(sk.value) in str(refused.value)  # scikit-learn's own words (and advice)


def test_whole_weights_past_two_to_the_53_are_not_counts_of_rows():
    # every float past 2^53 is whole: pw * 1e300 read as frequency weights summing past what
    # the log-likelihood holds and were refused, where they weigh the rows as pw does
    rows = DATA.iloc[:150]
    X, y, w = rows[PREDICTORS[:2]].to_numpy(), rows["y3"].to_numpy(), rows["pw"].to_numpy()
    huge = MNLogitClassifier().fit(X, y, sample_weight=w * 1e300)
    plain = MNLogitClassifier().fit(X, y, sample_weight=w)
    assert huge.results_.weight_type == "probability"
    np.testing.assert_allclose(huge.coef_, plain.coef_, rtol=1e-9, atol=1e-12)
    counts = MNLogitClassifier().fit(X, y, sample_weight=np.full(len(y), 2.0**53))
    assert counts.results_.weight_type == "frequency"
