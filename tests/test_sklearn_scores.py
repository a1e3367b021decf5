"""The classifier's decision_function for three classes or more: each class's linear
predictor less their mean over the classes, as LogisticRegression gives them, so that what
reads the scores column by column (CalibratedClassifierCV, one-vs-rest ROC curves) sees
every class and does not depend on the reference."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

pytest.importorskip("sklearn")
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score

from mnlogit.sklearn import MNLogitClassifier

DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv").iloc[:600]
X = DATA[["x1", "x2", "x3"]].to_numpy()
Y = DATA["y3"].to_numpy()
TIGHT = {"solver": "newton-cholesky", "tol": 1e-14, "max_iter": 1000}
TOL = 1e-6  # probabilities and scores against LogisticRegression's, as elsewhere


@settings(max_examples=10, deadline=None)
@given(ref=st.sampled_from(["a", "b", "c"]), formula=st.sampled_from([None, "x1 + x2 + x3"]))
def test_scores_do_not_depend_on_the_reference(ref, formula):
    frame = pd.DataFrame(X, columns=["x1", "x2", "x3"])
    clf = MNLogitClassifier(ref=ref, formula=formula).fit(frame, Y)
    first = MNLogitClassifier(formula=formula).fit(frame, Y)
    np.testing.assert_allclose(
        clf.decision_function(frame), first.decision_function(frame), atol=1e-10
    )
    logp = clf.predict_log_proba(frame)
    np.testing.assert_allclose(
        clf.decision_function(frame), logp - logp.mean(axis=1, keepdims=True), atol=1e-10
    )


@pytest.mark.parametrize("ref", ["a", "b", "c"])
def test_calibration_equals_logistic_regressions_whatever_the_reference(ref):
    # the reference's column was 0 on every row, so the calibration of that class saw no
    # score: the calibrated probabilities depended on ref (log-loss 0.85 to 0.93 on held-out
    # rows, where LogisticRegression's calibration gives 0.82)
    train, test = slice(0, 400), slice(400, 600)
    ours = CalibratedClassifierCV(MNLogitClassifier(ref=ref, penalty="l2", C=0.7), cv=3)
    theirs = CalibratedClassifierCV(LogisticRegression(C=0.7, **TIGHT), cv=3)
    ours.fit(X[train], Y[train])
    theirs.fit(X[train], Y[train])
    np.testing.assert_allclose(ours.predict_proba(X[test]), theirs.predict_proba(X[test]), atol=TOL)


def test_one_vs_rest_areas_under_the_curve_of_the_scores_see_every_class():
    # the reference's area was 0.5, of a constant score
    clf = MNLogitClassifier(ref="b").fit(X, Y)
    scores = clf.decision_function(X)
    areas = [roc_auc_score(Y == k, scores[:, j]) for j, k in enumerate(clf.classes_)]
    lr = LogisticRegression(C=1e8, **TIGHT).fit(X, Y).decision_function(X)
    expected = [roc_auc_score(Y == k, lr[:, j]) for j, k in enumerate(clf.classes_)]
    np.testing.assert_allclose(areas, expected, atol=1e-6)
    assert min(areas) > 0.6
