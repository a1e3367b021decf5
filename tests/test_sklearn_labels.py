"""The classifier's classes read from labels of floating point: -0.0 and 0.0 are one class."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(7)
X = RNG.standard_normal((120, 2))
SCORE = X[:, 0] + RNG.standard_normal(120)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("first", [-0.0, 0.0])
def test_signed_zeros_are_one_class_named_zero_whatever_row_comes_first(dtype, first):
    # labels of np.round(score): the class of -0.0 and 0.0 took the sign of the first row,
    # so classes_, predict and the summary named it -0.0 (LogisticRegression: 0.0), and a
    # fold whose rows came in another order named it otherwise
    y = np.round(np.clip(SCORE, -0.4, 1.0)).astype(dtype)  # -0.0, 0.0 and 1.0
    y[0] = first
    assert np.signbit(y[y == 0]).any() and not np.signbit(y[y == 0]).all()
    clf = MNLogitClassifier().fit(X, y)
    np.testing.assert_array_equal(clf.classes_, [0.0, 1.0])
    assert not np.signbit(clf.classes_).any()
    assert clf.classes_.dtype == dtype
    assert not np.signbit(clf.predict(X)).any()
    assert "Reference  0.0" in str(clf.results_.summary())
    assert clf.score(X, y) == pytest.approx(np.mean(clf.predict(X) == y))
