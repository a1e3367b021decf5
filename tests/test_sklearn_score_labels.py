"""A ``y`` given to the classifier's ``score`` that holds no label per row of X: refused
with the package's error, quoting what was given, where scikit-learn refuses it too.

None, a set, a dict, a generator or a sparse matrix raised Python's "len() of unsized
object" from the check of the labels' types; a single label (3, 'p' as a 0-d array) was
called a number (or text) that no class equals, which is not what is wrong with it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import sparse

pytest.importorskip("sklearn")
from sklearn.linear_model import LogisticRegression

from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier

N = 40
_RNG = np.random.default_rng(77)
X = _RNG.standard_normal((N, 2))
TEXT = np.where(X[:, 0] + _RNG.standard_normal(N) > 0, "p", "q")
CODES = (TEXT == "p").astype(int)

NO_LABELS = {
    "None": (None, "got None"),
    "set": (set(TEXT), r"got a set \({'p', 'q'}\), which has no order of rows"),
    "dict": ({"p": 1}, r"got a dict \({'p': 1}\), which has no order of rows"),
    "generator": ((v for v in TEXT), r"got an iterator \(generator\): give list\(y\)"),
    "sparse": (
        sparse.csr_matrix(CODES[:, None].astype(float)),
        r"got a sparse matrix of shape \(40, 1\): give y.toarray\(\).ravel\(\)",
    ),
    "number": (3, r"got the single value 3: give one label per row, e.g. \[3\] \* 40"),
    "0-d array": (np.array("p"), r"got the single value 'p'"),
    "boolean": (True, r"got the single value True"),
}


@pytest.mark.parametrize("labels", [TEXT, CODES], ids=["text", "codes"])
@pytest.mark.parametrize("case", list(NO_LABELS))
def test_a_y_of_no_labels_per_row_is_refused_at_score_saying_what_it_got(labels, case):
    clf = MNLogitClassifier().fit(X, labels)
    y, said = NO_LABELS[case]
    if case == "generator":  # each call consumes its own
        y = (v for v in labels)
    with pytest.raises(
        InputTypeError,
        match=rf"^y: expected the true class labels, one per row of X \(40\); {said}",
    ):
        clf.score(X, y)
    # scikit-learn refuses it too: no accuracy is computed from such a y
    y = (v for v in labels) if case == "generator" else NO_LABELS[case][0]
    with pytest.raises((TypeError, ValueError)):
        LogisticRegression().fit(X, labels).score(X, y)


@pytest.mark.parametrize(
    "y", [list(TEXT), TEXT[:, None], tuple(TEXT)], ids=["list", "column", "tuple"]
)
def test_labels_given_as_rows_are_still_scored_as_scikit_learn_scores_them(y):
    ours = MNLogitClassifier(penalty="l2").fit(X, TEXT)
    theirs = LogisticRegression(solver="newton-cholesky", tol=1e-14).fit(X, TEXT)
    assert ours.score(X, y) == pytest.approx(theirs.score(X, y), abs=1e-12)


# At fit, a set, a dict, an iterator or a single value got scikit-learn's "y should be a 1d
# array, got an array of shape () instead", which named neither what was given nor what to
# give; None keeps scikit-learn's refusal, which its estimator checks expect.
FIT_NO_LABELS = {
    "set": (set(TEXT), r"got a set \({'p', 'q'}\), which has no order of rows: give a list"),
    "frozenset": (frozenset(CODES.tolist()), r"got a frozenset \({0, 1}\), which has no order"),
    "dict": (
        dict(enumerate(TEXT[:5])),
        r"got a dict \({0: 'p', 1: 'p', 2: 'p', \.\.\.}\), which has no order of rows: give a "
        r"list or array \(list\(y\.values\(\)\) for its values\)",
    ),
    "generator": ((v for v in TEXT), r"got an iterator \(generator\): give list\(y\)"),
    "number": (3, r"got the single value 3: give one label per row, e.g. \[3\] \* 40"),
}


@pytest.mark.parametrize("case", list(FIT_NO_LABELS))
@pytest.mark.parametrize("formula", [None, "a + b"])
def test_a_y_of_no_labels_per_row_is_refused_at_fit_saying_what_it_got(case, formula):
    y, said = FIT_NO_LABELS[case]
    Xf = pd.DataFrame(X, columns=["a", "b"]) if formula else X
    with pytest.raises(
        InputTypeError,
        match=rf"^y: expected an array-like of class labels, one per row of X \(40\); {said}",
    ):
        MNLogitClassifier(formula=formula).fit(Xf, y)
    with pytest.raises(ValueError):  # scikit-learn refuses it too
        LogisticRegression().fit(X, FIT_NO_LABELS[case][0] if case != "generator" else iter(y))


def test_none_for_y_at_fit_keeps_scikit_learns_refusal():
    with pytest.raises(ValueError, match="requires y to be passed, but the target y is None"):
        MNLogitClassifier().fit(X, None)


@pytest.mark.parametrize(
    ("y", "conversion"),
    [
        (pd.Series(CODES, dtype=object), "y.astype(int)"),
        (CODES.astype(bool).astype(object), "y.astype(bool)"),
    ],
    ids=["whole numbers", "booleans"],
)
def test_labels_stored_as_python_objects_are_refused_at_score_as_at_fit(y, conversion):
    # a column of whole numbers that once held None is of objects: score ended in
    # scikit-learn's "can't handle a mix of unknown and binary targets", where fit says
    # what y holds and the conversion that makes its labels classes
    clf = MNLogitClassifier().fit(
        X, CODES.astype(bool) if conversion == "y.astype(bool)" else CODES
    )
    with pytest.raises(InputTypeError, match="stored as Python objects") as err:
        clf.score(X, y)
    assert err.value.args[0].endswith(f"convert them first: {conversion}")
    with pytest.raises(InputTypeError, match="stored as Python objects"):
        MNLogitClassifier().fit(X, y)
