"""The classifier as scikit-learn users feed it: a Categorical of booleans as y, X as a list
of rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")
from mnlogit.exceptions import DataError, InputTypeError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(62)
X = RNG.standard_normal((120, 2))
FLAG = X[:, 0] + RNG.standard_normal(120) > 0


@pytest.mark.parametrize(
    "y",
    [
        pd.Series(pd.Categorical(FLAG)),
        pd.Series(pd.Categorical(FLAG, categories=[True, False])),
        pd.Series(FLAG, dtype="category"),
        pd.Categorical(pd.array(FLAG, dtype="boolean")),
    ],
    ids=["categorical", "categories-reordered", "astype-category", "nullable-categories"],
)
def test_categorical_of_booleans_keeps_booleans_as_the_classes(y):
    # scikit-learn's check of y made True and False 1.0 and 0.0: classes_, predict and the
    # equations of results_ named the classes by numbers the user never gave
    clf = MNLogitClassifier().fit(X, y)
    assert clf.classes_.dtype == bool and clf.classes_.tolist() == [False, True]
    assert clf.predict(X[:5]).dtype == bool
    assert clf.results_.params.columns.tolist() == [True]
    plain = MNLogitClassifier().fit(X, FLAG)
    np.testing.assert_array_equal(clf.predict_proba(X), plain.predict_proba(X))
    assert clf.score(X, y) == plain.score(X, FLAG)


def test_categorical_of_booleans_keeps_booleans_with_a_formula():
    df = pd.DataFrame(X, columns=["a", "b"])
    clf = MNLogitClassifier(formula="a + b").fit(df, pd.Series(pd.Categorical(FLAG)))
    assert clf.classes_.tolist() == [False, True] and clf.classes_.dtype == bool
    assert clf.predict(df.head(3)).dtype == bool


def test_categorical_of_integers_keeps_integers():
    y = pd.Series(pd.Categorical(pd.array(FLAG.astype(int) + 2**60, dtype="Int64")))
    clf = MNLogitClassifier().fit(X, y)
    assert clf.classes_.tolist() == [2**60, 2**60 + 1]


RAGGED = [[1.0], *X[1:].tolist()]


@pytest.mark.parametrize(
    "call",
    [
        lambda: MNLogitClassifier().fit(RAGGED, FLAG),
        lambda: MNLogitClassifier().fit(X, FLAG).predict(RAGGED),
        lambda: MNLogitClassifier().fit(X, FLAG).predict_proba([[1.0, 2.0], [3.0]]),
        lambda: MNLogitClassifier().fit(X, FLAG).score(RAGGED, FLAG),
    ],
    ids=["fit", "predict", "predict_proba", "score"],
)
def test_rows_of_different_lengths_are_refused_naming_them(call):
    # numpy's "setting an array element with a sequence" came out as a bare ValueError
    with pytest.raises(DataError, match=r"rows have different lengths \(row 0 has"):
        call()


def test_a_cell_holding_a_list_is_refused_as_such():
    rows = [[1.0, [2.0]], *X[1:].tolist()]
    with pytest.raises(InputTypeError, match=r"column 1 holds several values"):
        MNLogitClassifier().fit(rows, FLAG)


def test_list_of_rows_predicts_as_the_array():
    clf = MNLogitClassifier().fit(X.tolist(), FLAG.tolist())
    np.testing.assert_array_equal(clf.predict_proba(X[:4].tolist()), clf.predict_proba(X[:4]))
