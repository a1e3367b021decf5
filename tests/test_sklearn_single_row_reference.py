"""A reference class missing from a cross-validation training fold is refused with advice to
stratify the folds. Stratified folds keep a class of two or more rows in every training fold,
but a class of a single row is missing from the training fold of the split that tests it,
however the folds are drawn: the advice said to stratify alone, which refused again. It now
says so, and what does fit (another class as the reference, or none)."""

import warnings

import numpy as np
import pytest
from sklearn.model_selection import StratifiedKFold, cross_val_score

from mnlogit.exceptions import LevelError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(73)
N = 300
X = np.c_[RNG.normal(size=N), RNG.normal(5e4, 1.5e4, size=N)]
Y = np.array(["a", "b", "c", "d"])[RNG.integers(0, 4, N)].astype(object)
Y[7] = "one"  # a class of one row
Y[[11, 150]] = "two"  # and one of two rows
FOLDS = StratifiedKFold(5, shuffle=True, random_state=0)


def _scores(ref):
    with warnings.catch_warnings():
        # rare classes: the fits warn of them, and scikit-learn of a class below n_splits
        warnings.simplefilter("ignore")
        return cross_val_score(MNLogitClassifier(ref=ref), X, Y, cv=FOLDS, error_score="raise")


def test_stratified_folds_keep_a_class_of_two_rows_as_the_reference():
    scores = _scores("two")
    assert scores.shape == (5,) and np.isfinite(scores).all()


def test_a_class_of_one_row_is_said_to_be_missing_whatever_the_split():
    with pytest.raises(LevelError) as refused:
        _scores("one")
    said = str(refused.value)
    assert "stratify the folds (StratifiedKFold)" in said
    assert "a class of a single row is missing from the fold that tests it" in said
    assert "make another class the reference" in said and "leave ref=None" in said


@pytest.mark.parametrize("ref", ["a", None])
def test_the_advice_for_a_class_of_one_row_fits(ref):
    scores = _scores(ref)
    assert np.isfinite(scores).all()
