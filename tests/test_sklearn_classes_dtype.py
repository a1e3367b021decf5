"""``classes_`` and ``predict`` of MNLogitClassifier hold the labels as scikit-learn's do.

A list of text gave ``classes_`` (and predictions) as an array of objects, where an array
of the same text gave fixed-width text and scikit-learn's ``LogisticRegression`` gives
``np.unique(y)``'s dtype, ``<U1``, for both. Now every kind of labels gives the classes and
the predictions in scikit-learn's dtype and values.
"""

import numpy as np
import pandas as pd
import polars as pl
import pytest
from sklearn.linear_model import LogisticRegression

from mnlogit.exceptions import DataError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(73)
N = 120
X = RNG.normal(size=(N, 2))
TEXT = np.array(["lo", "mid"])[(X[:, 0] + RNG.normal(size=N) > 0).astype(int)]
TEXT = np.where(X[:, 1] + RNG.normal(size=N) > 0.8, "high", TEXT)
CODES = RNG.integers(0, 3, N)
FLAGS = X[:, 0] + RNG.normal(size=N) > 0

LABELS = {
    "list of text": list(TEXT),
    "tuple of text": tuple(TEXT),
    "array of text": TEXT,
    "array of objects": TEXT.astype(object),
    "list of ints": CODES.tolist(),
    "array of ints": CODES,
    "list of booleans": FLAGS.tolist(),
    "array of booleans": FLAGS,
    "Series of objects": pd.Series(TEXT.astype(object)),
    "Series of str": pd.Series(TEXT, dtype="str"),
    "Series of categories": pd.Series(TEXT, dtype="category"),
    "Series of ints": pd.Series(CODES),
    "Series of booleans": pd.Series(FLAGS),
    # a polars String Series gave classes_ of objects, where scikit-learn reads np.asarray(y),
    # numpy's text
    "polars String": pl.Series("y", TEXT.tolist()),
    "polars Categorical": pl.Series("y", TEXT.tolist(), dtype=pl.Categorical),
    "polars Enum": pl.Series("y", TEXT.tolist(), dtype=pl.Enum(["mid", "lo", "high"])),
    "polars Int64": pl.Series("y", CODES),
    "polars Boolean": pl.Series("y", FLAGS),
}


@pytest.mark.parametrize("kind", list(LABELS))
def test_classes_and_predictions_as_scikit_learn_gives_them(kind):
    y = LABELS[kind]
    theirs = LogisticRegression().fit(X, y)
    ours = MNLogitClassifier().fit(X, y)
    assert ours.classes_.dtype == theirs.classes_.dtype
    assert ours.classes_.tolist() == theirs.classes_.tolist()
    assert [type(c) for c in ours.classes_] == [type(c) for c in theirs.classes_]
    predicted = ours.predict(X)
    assert predicted.dtype == theirs.predict(X).dtype
    assert [type(c) for c in predicted[:3]] == [type(c) for c in theirs.predict(X)[:3]]
    assert set(predicted.tolist()) <= set(theirs.classes_.tolist())


@pytest.mark.parametrize("given", [list, pl.Series], ids=["list", "polars"])
def test_text_that_numpy_would_change_is_not_read_as_numpy_text(given):
    # numpy's fixed-width text drops a trailing NUL: 'lo' and 'lo\x00' would be one class;
    # read as two, they are refused as labels that print alike
    y = given(["lo\x00" if i % 2 else v for i, v in enumerate(TEXT)])
    with pytest.raises(DataError, match=r"'lo' and 'lo\\x00'"):
        MNLogitClassifier().fit(X, y)


@pytest.mark.parametrize("y", [list(TEXT), pl.Series("y", TEXT.tolist())], ids=["list", "polars"])
def test_a_formula_fit_gives_the_same_classes(y):
    frame = pd.DataFrame(X, columns=["a", "b"])
    ours = MNLogitClassifier(formula="a + b").fit(frame, y)
    theirs = LogisticRegression().fit(X, y)
    assert ours.classes_.dtype == theirs.classes_.dtype
    assert ours.predict(frame).dtype == theirs.predict(X).dtype
