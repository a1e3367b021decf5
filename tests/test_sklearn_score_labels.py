"""A ``y`` given to the classifier's ``score`` that holds no label per row of X: refused
with the package's error, quoting what was given, where scikit-learn refuses it too.

None, a set, a dict, a generator or a sparse matrix raised Python's "len() of unsized
object" from the check of the labels' types; a single label (3, 'p' as a 0-d array) was
called a number (or text) that no class equals, which is not what is wrong with it.
"""

from __future__ import annotations

import numpy as np
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
    "set": (set(TEXT), "got a set, which has no order of rows"),
    "dict": ({"p": 1}, "got a dict, which has no order of rows"),
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
