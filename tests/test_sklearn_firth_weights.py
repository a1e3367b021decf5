"""The classifier's Firth fit of separated data with sample weights it takes as probability
weights (balanced class weights, a boosting round's): the design-based covariance it chose
for them is refused, in its own terms, with the way that fits such weights."""

from __future__ import annotations

import numpy as np
import pytest

from mnlogit.exceptions import EstimationError, SeparationWarning

pytest.importorskip("sklearn")
from sklearn.linear_model import LogisticRegression
from sklearn.utils.class_weight import compute_sample_weight

from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(5)
X = RNG.standard_normal((60, 2))
COMPLETE = (X[:, 0] > 0).astype(int) + (X[:, 0] > 1)  # separated by x0
# quasi-complete: two rows at one point on the boundary x0 = 0 hold both classes
X_TIED = np.vstack([X, [[0.0, 0.3], [0.0, 0.3]]])
QUASI = np.r_[(X[:, 0] > 0).astype(int), 0, 1]


@pytest.mark.parametrize(
    ("Z", "y", "kind"), [(X, COMPLETE, "completely"), (X_TIED, QUASI, "quasi-completely")]
)
def test_balanced_weights_are_refused_in_the_classifiers_terms(Z, y, kind):
    weights = compute_sample_weight("balanced", y)
    with pytest.raises(EstimationError) as caught:
        MNLogitClassifier(method="firth").fit(Z, y, sample_weight=weights)
    said = str(caught.value)
    # it quoted cov_type='design', which the user never gave, and advised merging levels
    assert "cov_type=" not in said
    assert said.startswith("method='firth' with these sample weights: they are not whole")
    assert f"the data are {kind} separated (terms Intercept, x0" in said
    assert "penalty='l2' gives finite estimates with any sample weights" in said
    assert "pass whole numbers" in said


def test_the_advised_penalty_is_logistic_regressions_class_weights():
    weights = compute_sample_weight("balanced", COMPLETE)
    clf = MNLogitClassifier(penalty="l2", C=1.0).fit(X, COMPLETE, sample_weight=weights)
    sk = LogisticRegression(C=1.0, class_weight="balanced", tol=1e-14, max_iter=10_000)
    sk.fit(X, COMPLETE)
    np.testing.assert_allclose(clf.predict_proba(X), sk.predict_proba(X), rtol=0, atol=1e-6)


def test_probability_weights_given_as_such_are_named():
    with pytest.raises(EstimationError) as caught:
        MNLogitClassifier(method="firth", weight_type="probability").fit(
            X, COMPLETE, sample_weight=np.ones(len(COMPLETE))
        )
    said = str(caught.value)
    assert "weight_type='probability'" in said
    assert "or weight_type='frequency' if the weights count repeated rows" in said


def test_a_design_based_covariance_asked_for_keeps_the_models_words():
    weights = compute_sample_weight("balanced", COMPLETE)
    with pytest.raises(EstimationError, match=r"^cov_type='design' with method='firth'"):
        MNLogitClassifier(method="firth", cov_type="design").fit(X, COMPLETE, sample_weight=weights)


def test_whole_weights_fit_firth_as_before():
    weights = np.where(COMPLETE == 2, 3.0, 1.0)
    clf = MNLogitClassifier(method="firth").fit(X, COMPLETE, sample_weight=weights)
    assert clf.results_.converged
    assert np.isfinite(clf.results_.bse.to_numpy()).all()


def test_the_separation_warning_of_probability_weights_says_why_firth_is_refused_so():
    # it said Firth's fit is refused because "a survey fit has only the design-based
    # covariance", of a survey the classifier's user never gave
    weights = compute_sample_weight("balanced", QUASI)
    with pytest.warns(SeparationWarning) as caught:
        MNLogitClassifier().fit(X_TIED, QUASI, sample_weight=weights)
    said = " ".join(str(w.message) for w in caught if w.category is SeparationWarning)
    assert "survey" not in said
    assert (
        "A Firth fit (method='firth') is refused: sample weights taken as probability weights "
        "(not whole numbers, or weight_type='probability') have only the design-based "
        "covariance, which would understate the variance" in said
    )
