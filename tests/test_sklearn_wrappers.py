"""The classifier inside scikit-learn's meta-estimators, against LogisticRegression in the
same place: sample weights routed to each fold's fit and score by metadata routing
(``enable_metadata_routing=True``) through stratified folds, a grid search and calibration,
and the one-vs-rest and one-vs-one wrappers, which fit it on two classes each."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")
import sklearn
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import get_scorer
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.multiclass import OneVsOneClassifier, OneVsRestClassifier

from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(11)
N = 120
X = RNG.standard_normal((N, 2))
_ETA = np.c_[np.zeros(N), X[:, 0], -X[:, 1]]
_P = np.exp(_ETA) / np.exp(_ETA).sum(axis=1, keepdims=True)
Y = np.array([4, 7, 9])[(_P.cumsum(axis=1) < RNG.random((N, 1))).sum(axis=1)]
# fractional, with rows left out (weight 0)
W = RNG.uniform(0.2, 2.0, N) * (RNG.random(N) > 0.1)
TIGHT = {"solver": "newton-cholesky", "tol": 1e-12, "max_iter": 1000}


def _requesting(estimator):
    return estimator.set_fit_request(sample_weight=True).set_score_request(sample_weight=True)


def test_routed_weights_give_logistic_regressions_fold_scores():
    folds = StratifiedKFold(4, shuffle=True, random_state=0)
    with sklearn.config_context(enable_metadata_routing=True):
        scoring = {
            name: get_scorer(name).set_score_request(sample_weight=True)
            for name in ("accuracy", "neg_log_loss")
        }
        scores = {}
        for name, clf in (
            ("ours", MNLogitClassifier(penalty="l2", C=0.5)),
            ("theirs", LogisticRegression(C=0.5, **TIGHT)),
        ):
            scores[name] = cross_validate(
                _requesting(clf),
                X,
                Y,
                cv=folds,
                params={"sample_weight": W},
                scoring=scoring,
            )
    ours, theirs = scores["ours"], scores["theirs"]
    np.testing.assert_allclose(ours["test_neg_log_loss"], theirs["test_neg_log_loss"], rtol=1e-7)
    np.testing.assert_array_equal(ours["test_accuracy"], theirs["test_accuracy"])


def test_routed_weights_in_a_grid_search_and_calibration():
    with sklearn.config_context(enable_metadata_routing=True):
        grid = {"C": [0.01, 100.0]}
        ours = GridSearchCV(_requesting(MNLogitClassifier(penalty="l2")), grid, cv=3)
        theirs = GridSearchCV(_requesting(LogisticRegression(**TIGHT)), grid, cv=3)
        ours.fit(X, Y, sample_weight=W)
        theirs.fit(X, Y, sample_weight=W)
        np.testing.assert_allclose(
            ours.cv_results_["mean_test_score"], theirs.cv_results_["mean_test_score"], rtol=1e-12
        )
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-6)
        calibrated = [
            CalibratedClassifierCV(_requesting(clf), cv=2).fit(X, Y, sample_weight=W)
            for clf in (MNLogitClassifier(penalty="l2"), LogisticRegression(**TIGHT))
        ]
    np.testing.assert_allclose(
        calibrated[0].predict_proba(X), calibrated[1].predict_proba(X), atol=1e-6
    )


@pytest.mark.parametrize("wrapper", [OneVsRestClassifier, OneVsOneClassifier])
def test_one_vs_rest_and_one_vs_one_wrap_it_as_logistic_regression(wrapper):
    ours = wrapper(MNLogitClassifier(penalty="l2", C=0.5)).fit(X, Y)
    theirs = wrapper(LogisticRegression(C=0.5, **TIGHT)).fit(X, Y)
    np.testing.assert_array_equal(ours.classes_, theirs.classes_)
    np.testing.assert_allclose(ours.decision_function(X), theirs.decision_function(X), atol=1e-6)
    np.testing.assert_array_equal(ours.predict(X), theirs.predict(X))
