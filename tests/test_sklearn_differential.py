"""MNLogitClassifier against scikit-learn's LogisticRegression on random small problems.

Both minimise, over one coefficient row per class (K rows; one row for two classes),

    C * sum_i w_i (-log P(y_i | x_i)) + 1/2 ||W||^2

with the intercepts not penalised (``penalty=None``: the first term alone). Their
coefficients are laid out differently: LogisticRegression's rows are centred over the
classes (the penalty's smallest choice among the rows giving the same probabilities), the
classifier's are log-odds against its reference, whose row is zero. So ``coef_`` and
``intercept_`` are compared less their mean over the classes (K >= 3; for two classes both
have scikit-learn's one row), and the other outputs (probabilities, decisions, log-loss,
accuracy, the objective itself) directly. A draw whose data are separated has no
maximum-likelihood fit to compare and is discarded.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from mnlogit.exceptions import SeparationWarning

pytest.importorskip("sklearn")
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import log_loss

from mnlogit.sklearn import MNLogitClassifier


def _labels(kind: str, codes: np.ndarray, K: int, start: int) -> object:
    if kind == "int":  # not 0 to K-1: codes would pass where the labels are lost
        return codes * 3 + start
    if kind == "str":
        return np.array([f"c{k}" for k in range(K)])[codes]
    if kind == "bool":
        return codes.astype(bool)
    # a Categorical whose categories are neither sorted nor all used
    categories = [f"L{k}" for k in range(K)]
    return pd.Categorical(np.array(categories)[codes], categories=["unused", *categories[::-1]])


def _centred(rows: np.ndarray) -> np.ndarray:
    """Rows less their mean over the classes (K >= 3); two classes' one row as it is."""
    return rows if len(rows) == 1 else rows - rows.mean(axis=0)


def _objective(C: float | None, P: np.ndarray, y: object, w: object, coef: np.ndarray, classes):
    loss = log_loss(y, P, sample_weight=w, labels=classes, normalize=False)
    if C is None:
        return loss
    return C * loss + 0.5 * float((_centred(coef) ** 2).sum())


@settings(derandomize=True, max_examples=6, deadline=None)
@given(seed=st.integers(0, 2**32 - 1))
def test_the_classifier_reaches_logistic_regressions_optimum(seed):
    # every choice drawn from the seed, so that each of the few examples is a problem of its
    # own (hypothesis's first draws of separate strategies are their smallest values)
    rng = np.random.default_rng(seed)
    n, p, K = int(rng.integers(30, 301)), int(rng.integers(1, 9)), int(rng.integers(2, 7))
    kind = str(rng.choice(["int", "str", "bool", "categorical"]))
    weights = str(rng.choice(["none", "whole", "fractional", "with zeros"]))
    C = None if rng.random() < 0.4 else float(10.0 ** rng.uniform(-3, 3))
    X_as = str(rng.choice(["array", "frame", "formula"]))
    fit_intercept = bool(rng.random() < 0.8)
    ref_at = None if rng.random() < 0.5 else int(rng.integers(0, 6))
    K = 2 if kind == "bool" else K
    X = rng.standard_normal((n, p)) * rng.choice([0.3, 1.0, 3.0], p) + rng.choice([0.0, 2.0], p)
    eta = (X - X.mean(axis=0)) @ (0.5 * rng.standard_normal((p, K))) + rng.standard_normal(K)
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    codes = (P.cumsum(axis=1) / P.sum(axis=1, keepdims=True) < rng.random((n, 1))).sum(axis=1)
    codes[:K] = np.arange(K)  # every class present
    y = _labels(kind, codes, K, start=int(rng.integers(-5, 10)))
    w = {
        "none": None,
        "whole": rng.integers(1, 4, n).astype(float),
        "fractional": rng.uniform(0.1, 3.0, n),
        "with zeros": rng.uniform(0.1, 3.0, n) * (rng.random(n) > 0.2),
    }[weights]
    if w is not None:
        w[:K] = 1.0  # every class of positive weight
    classes = np.unique(np.asarray(y))
    ref = None if ref_at is None else classes[ref_at % K]
    formula = None
    if X_as != "array":
        X = pd.DataFrame(X, columns=[f"v{j}" for j in range(p)])
        formula = " + ".join(X.columns) if X_as == "formula" else None
    penalty = None if C is None else "l2"
    clf = MNLogitClassifier(formula, ref, penalty, C or 1.0, fit_intercept=fit_intercept)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        clf.fit(X, y, sample_weight=w)
    assume(not any(issubclass(m.category, SeparationWarning) for m in caught))
    sk = LogisticRegression(
        C=np.inf if C is None else C,
        fit_intercept=fit_intercept,
        solver="newton-cholesky",
        tol=1e-12,
        max_iter=1000,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its unpenalised multinomial Hessian is singular
        sk.fit(X, y, sample_weight=w)

    np.testing.assert_array_equal(clf.classes_, sk.classes_)
    assert clf.classes_.dtype == sk.classes_.dtype
    assert clf.n_features_in_ == sk.n_features_in_
    if X_as == "array":
        assert not hasattr(clf, "feature_names_in_")
    else:
        np.testing.assert_array_equal(clf.feature_names_in_, sk.feature_names_in_)

    P_clf, P_sk = clf.predict_proba(X), sk.predict_proba(X)
    obj_clf = _objective(C, P_clf, y, w, clf.coef_, sk.classes_)
    obj_sk = _objective(C, P_sk, y, w, sk.coef_, sk.classes_)
    assert obj_clf <= obj_sk + 1e-9 * max(1.0, abs(obj_sk))  # the same optimum, or better
    np.testing.assert_allclose(P_clf, P_sk, rtol=0, atol=1e-5)
    np.testing.assert_allclose(clf.predict_log_proba(X), np.log(P_clf), rtol=1e-9, atol=1e-12)
    scale = max(1.0, float(np.abs(sk.coef_).max()), float(np.abs(sk.intercept_).max()))
    for ours, theirs in ((clf.coef_, sk.coef_), (clf.intercept_, sk.intercept_)):
        np.testing.assert_allclose(_centred(ours), _centred(theirs), rtol=0, atol=1e-4 * scale)
    decision = sk.decision_function(X)
    np.testing.assert_allclose(
        clf.decision_function(X), decision, rtol=0, atol=1e-4 * max(1.0, np.abs(decision).max())
    )
    # predictions agree wherever the best class is not nearly tied with the next
    top2 = np.sort(P_sk, axis=1)[:, -2:]
    clear = top2[:, 1] - top2[:, 0] > 1e-4
    np.testing.assert_array_equal(clf.predict(X)[clear], sk.predict(X)[clear])
    if clear.all():
        assert clf.score(X, y, sample_weight=w) == sk.score(X, y, sample_weight=w)

    # results_ is the fit the classifier predicts from
    res = clf.results_
    loss = log_loss(y, P_clf, sample_weight=w, labels=clf.classes_, normalize=False)
    np.testing.assert_allclose(res.llf, -loss, rtol=1e-9)
    assert res.nobs == (n if w is None else float(w.sum()) if weights == "whole" else (w > 0).sum())
    if X_as != "array":
        np.testing.assert_allclose(res.predict(X).to_numpy(), P_clf, rtol=0, atol=1e-12)
