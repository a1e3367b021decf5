"""Keywords the classifier's predictions and score do not take are answered with the method
or keyword to use (an InputTypeError, still a TypeError), as fit answers its own: they
were Python's TypeError alone."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

pytest.importorskip("sklearn")
import sklearn

from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(5)
X = RNG.standard_normal((120, 2))
Y = np.array(["a", "b", "c"])[(X[:, 0] > 0).astype(int) + (X[:, 1] > 0.5)]
CLF = MNLogitClassifier().fit(X, Y)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "predict_log_proba"])
@pytest.mark.parametrize(
    ("keyword", "said"),
    [("kind", "predict_proba (the probabilities)"), ("which", "decision_function (the scores)")],
)
def test_a_kind_of_prediction_is_answered_with_the_method_to_call(method, keyword, said):
    with pytest.raises(InputTypeError, match=rf"{method}\(\) got an unexpected keyword") as info:
        getattr(CLF, method)(X, **{keyword: "prob"})
    assert said in str(info.value)
    assert isinstance(info.value, TypeError)


@pytest.mark.parametrize("keyword", ["newdata", "exog"])
def test_the_new_rows_given_by_another_name_are_told_to_be_x(keyword):
    with pytest.raises(InputTypeError, match=r"the rows are X: clf\.decision_function\(X\)"):
        CLF.decision_function(**{keyword: X})


def test_weights_given_to_score_by_mnlogits_name_are_told_to_be_sample_weight():
    with pytest.raises(InputTypeError, match="the weights are sample_weight="):
        CLF.score(X, Y, weights=np.ones(len(Y)))
    with pytest.raises(InputTypeError, match="did you mean sample_weight="):
        CLF.score(X, Y, sample_weights=np.ones(len(Y)))
    with pytest.raises(InputTypeError, match=r"score\(X, y, sample_weight=\.\.\.\) takes"):
        CLF.predict(X, sample_weight=np.ones(len(Y)))


def test_the_methods_keep_their_signatures_and_metadata_requests():
    assert list(inspect.signature(MNLogitClassifier.score).parameters) == [
        "self",
        "X",
        "y",
        "sample_weight",
    ]
    assert CLF.score(X=X, y=Y) == CLF.score(X, Y)
    with sklearn.config_context(enable_metadata_routing=True):
        routing = MNLogitClassifier().set_score_request(sample_weight=True)
        assert routing.get_metadata_routing().score.requests == {"sample_weight": True}
