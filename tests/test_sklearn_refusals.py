"""The classifier's refusals are the package's errors with the value and the way out: labels
of types that cannot be sorted, unknown parameter names."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("sklearn")
from sklearn.base import clone

from mnlogit.exceptions import InputTypeError, OptionError
from mnlogit.sklearn import MNLogitClassifier

X = np.random.default_rng(0).normal(size=(20, 2))


@pytest.mark.parametrize(
    ("labels", "types"),
    [(["a", 1], "int, str"), (["a", "b", 1], "int, str"), (["x", 2.5], "float, str")],
)
def test_labels_that_cannot_be_sorted_are_refused_naming_their_types(labels, types):
    y = np.array((labels * 20)[:20], dtype=object)
    with pytest.raises(InputTypeError, match=rf"mix types .*\({types};.*astype\(str\)"):
        MNLogitClassifier().fit(X, y)


def test_bytes_labels_keep_scikit_learns_message():
    with pytest.raises(InputTypeError, match="bytes"):
        MNLogitClassifier().fit(X, np.array([b"a", b"b"] * 10))
    with pytest.raises(InputTypeError, match="bytes"):
        MNLogitClassifier().fit(X, np.array([b"a", "b"] * 10, dtype=object))


def test_an_unknown_parameter_is_an_option_error_that_lists_the_valid_ones():
    clf = MNLogitClassifier()
    with pytest.raises(OptionError, match=r"'foo'.*'penalty'"):
        clf.set_params(foo=1)
    assert isinstance(OptionError("x"), ValueError)  # what scikit-learn's checks expect
    assert clone(clf.set_params(penalty="l2", C=0.5)).get_params()["C"] == 0.5
