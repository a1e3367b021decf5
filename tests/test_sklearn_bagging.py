"""BaggingClassifier hands its estimators each draw of rows as sample_weight counts (0 for
a row not drawn), and the classes as the codes 0 to K-1 of the labels: a draw without a row
of a rare class gave that class zero total weight, and the classifier's refusal told the
user to drop the class's rows, which no user of the ensemble can do for one draw. The
refusal now says what fits: with metadata routing, the classifier asks for no sample_weight
and the ensemble draws its rows by index, combining an estimator fitted without the class as
it combines scikit-learn's own, to LogisticRegression's bagged probabilities."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")
import sklearn
from sklearn.ensemble import BaggingClassifier
from sklearn.linear_model import LogisticRegression

from mnlogit.exceptions import DataError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(77)
X = RNG.standard_normal((200, 2))
Y = np.where(X[:, 0] + RNG.standard_normal(200) > 0, "p", "q")
Y[:3] = "r"  # three rows of 200: a draw of 60 rows misses them more often than not
TIGHT = {"solver": "newton-cholesky", "tol": 1e-14, "max_iter": 1000}
ADVICE = "set_fit_request(sample_weight=False), whose rows it then draws by index"


def _bagged(estimator):
    return BaggingClassifier(estimator, n_estimators=10, max_samples=0.3, random_state=0)


def test_a_draw_without_a_rare_class_is_told_how_the_ensemble_fits():
    with pytest.raises(DataError, match="class\\(es\\) 2 have zero total weight") as refused:
        _bagged(MNLogitClassifier(penalty="l2")).fit(X, Y)
    assert "enable_metadata_routing=True" in str(refused.value)
    assert ADVICE in str(refused.value)


def test_the_advice_gives_logistic_regressions_bagged_probabilities():
    with sklearn.config_context(enable_metadata_routing=True):
        ours = _bagged(MNLogitClassifier(penalty="l2").set_fit_request(sample_weight=False))
        theirs = _bagged(LogisticRegression(**TIGHT).set_fit_request(sample_weight=False))
        ours.fit(X, Y)
        theirs.fit(X, Y)
        # some estimator was fitted without the rare class: the case the advice is for
        assert min(len(e.classes_) for e in ours.estimators_) == 2
        np.testing.assert_allclose(ours.predict_proba(X), theirs.predict_proba(X), atol=1e-8)


def test_a_class_of_zero_weight_among_the_users_labels_gets_no_ensemble_advice():
    weights = np.ones(200)
    weights[:3] = 0
    with pytest.raises(DataError, match="class\\(es\\) 'r' have zero total weight") as refused:
        MNLogitClassifier().fit(X, Y, sample_weight=weights)
    assert "BaggingClassifier" not in str(refused.value)


def test_fractional_weights_of_codes_get_no_ensemble_advice():
    codes = np.unique(Y, return_inverse=True)[1]
    weights = np.full(200, 0.5)
    weights[:3] = 0
    with pytest.raises(DataError, match="class\\(es\\) 2 have zero total weight") as refused:
        MNLogitClassifier().fit(X, codes, sample_weight=weights)
    assert "BaggingClassifier" not in str(refused.value)
