"""What the classifier does with input that scikit-learn itself takes without a word or
refuses with a bare error: score's sample weights, a y or sample_weight whose index pairs
them with other rows of X, covariances the classifier has no parameters for, labels stored
as Python objects or missing, columns of text without a formula."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")
from sklearn.metrics import accuracy_score

from mnlogit.exceptions import DataError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(7)
N = 120
XA = RNG.standard_normal((N, 2))
Y = np.array(["a", "b", "c"])[(XA[:, 0] + RNG.logistic(size=N) > 0).astype(int) + (XA[:, 1] > 0.6)]


@pytest.fixture(scope="module")
def fitted() -> MNLogitClassifier:
    return MNLogitClassifier().fit(XA, Y)


# --- score's sample weights ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("weights", "match"),
    [
        (np.r_[-1.0, np.ones(N - 1)], r"sample_weight: .*>= 0.*-1\.0 in row 0"),
        (np.r_[np.ones(N - 1), np.nan], r"sample_weight: .*finite.*nan in row 119"),
        (np.r_[np.inf, np.ones(N - 1)], r"sample_weight: .*finite.*inf in row 0"),
        (np.zeros(N), r"sample_weight: all weights are zero"),
        (np.ones(N - 1), r"sample_weight: expected one weight per row of X \(120\); got 119"),
    ],
    ids=["negative", "nan", "inf", "zeros", "short"],
)
def test_score_refuses_weights_an_accuracy_cannot_take(fitted, weights, match):
    # a negative weight gave an accuracy (0.59) that is no proportion of anything
    with pytest.raises(DataError, match=match):
        fitted.score(XA, Y, sample_weight=weights)


def test_score_with_weights_is_the_weighted_accuracy(fitted):
    w = RNG.integers(0, 4, N).astype(float)
    expected = accuracy_score(Y, fitted.predict(XA), sample_weight=w)
    assert fitted.score(XA, Y, sample_weight=w) == expected
    assert fitted.score(XA, Y, sample_weight=7.5 * w) == pytest.approx(expected, rel=1e-12)
    assert fitted.score(XA, Y) == accuracy_score(Y, fitted.predict(XA))
    assert isinstance(fitted.score(XA, Y), float)
