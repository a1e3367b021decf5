"""VotingClassifier, StackingClassifier and cross_val_predict's probabilities fit their
estimators on the codes 0 to K-1 of the labels, where a ``ref`` naming one of the user's
labels is no class: the refusal advised ``ref=3`` (a code, read as "by its value") for a
text label, and only stratified folds for a number label, neither of which fits. It now
says where such codes come from and the two ways to fit."""

import numpy as np
import pytest
from sklearn.ensemble import StackingClassifier, VotingClassifier
from sklearn.model_selection import KFold, cross_val_predict

from mnlogit.exceptions import LevelError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(7)
X = RNG.normal(size=(90, 2))
TEXT = np.array(["bus", "car", "train"])[RNG.permutation(np.arange(90) % 3)]
NUMBERS = np.array([10, 20, 30])[RNG.permutation(np.arange(90) % 3)]


def _voting(clf):
    return lambda X, y: VotingClassifier([("m", clf)], voting="soft").fit(X, y)


def _stacking(clf):
    return lambda X, y: StackingClassifier([("m", clf)]).fit(X, y)


def _probabilities(clf):
    return lambda X, y: cross_val_predict(clf, X, y, cv=3, method="predict_proba")


@pytest.mark.parametrize("use", [_voting, _stacking, _probabilities])
@pytest.mark.parametrize(("y", "ref"), [(TEXT, "car"), (NUMBERS, 20)], ids=["text", "numbers"])
def test_a_ref_among_labels_an_ensemble_encodes_says_how_to_fit(use, y, ref):
    with pytest.raises(LevelError) as refused:
        use(MNLogitClassifier(ref=ref))(X, y)
    said = str(refused.value)
    assert "if the classes are the codes 0 to 2 of your labels" in said
    assert f"ref=sorted(set(y)).index({ref!r})" in said
    assert "leave ref=None" in said
    assert "e.g. ref=2" not in said
    # either way it offers fits
    use(MNLogitClassifier())(X, y)
    use(MNLogitClassifier(ref=sorted(set(y.tolist())).index(ref)))(X, y)


def test_a_fold_without_a_rare_class_coded_0_to_k_keeps_its_advice():
    y = np.r_[np.arange(87) % 3, [3, 3, 3]]  # the class 3 only in the last fold
    with pytest.raises(LevelError) as refused:
        cross_val_predict(MNLogitClassifier(ref=3), X, y, cv=KFold(3))
    said = str(refused.value)
    assert "stratify the folds (StratifiedKFold)" in said
    assert "leave ref=None" in said


def test_a_ref_of_another_kind_than_classes_that_are_no_codes_is_still_answered_by_value():
    with pytest.raises(LevelError, match=r"ref names a class by its value \(e.g. ref=30\)"):
        MNLogitClassifier(ref="car").fit(X, NUMBERS)
