"""A class whose sample weights are all 0: scikit-learn's LogisticRegression keeps it in
``classes_`` and predicts it with a probability near 0 that no row supports; the classifier
refuses it as ``mnlogit.fit(..., weights=)`` refuses such an outcome level, saying why (the
refusal read only "drop their rows or give them positive weight"), and stays unfitted."""

import numpy as np
import pandas as pd
import pytest
from sklearn.exceptions import NotFittedError

import mnlogit
from mnlogit.exceptions import DataError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(0)
X = RNG.normal(size=(60, 2))
Y = np.array(["a", "b", "c"] * 20)


@pytest.mark.parametrize("empty", ["a", "c"])  # the reference (the first class) too
def test_a_class_of_weight_zero_is_refused_saying_why(empty):
    weights = np.where(Y == empty, 0.0, 1.0)
    clf = MNLogitClassifier()
    with pytest.raises(DataError) as caught:
        clf.fit(X, Y, sample_weight=weights)
    said = str(caught.value)
    assert said.startswith(f"sample_weight: class(es) '{empty}' have zero total weight")
    assert "no data for them" in said and "drop their rows" in said
    with pytest.raises(NotFittedError):
        clf.predict_proba(X)
    # as the model itself refuses the outcome level
    frame = pd.DataFrame({"y": Y, "x1": X[:, 0], "x2": X[:, 1], "w": weights})
    with pytest.raises(DataError, match="no data for them"):
        mnlogit.fit("y ~ x1 + x2", frame, weights="w")


def test_a_refit_with_a_class_of_weight_zero_keeps_the_fitted_model():
    clf = MNLogitClassifier().fit(X, Y)
    before = clf.predict_proba(X)
    with pytest.raises(DataError, match="zero total weight"):
        clf.fit(X, Y, sample_weight=np.where(Y == "b", 0.0, 1.0))
    assert list(clf.classes_) == ["a", "b", "c"] and clf.results_.outcomes == ("a", "b", "c")
    np.testing.assert_array_equal(clf.predict_proba(X), before)
