"""A StackingClassifier with the classifier as its final estimator, for three or more classes,
passes each estimator's class probabilities (summing to 1) or decision scores (summing to
0), and a TargetEncoder gives each feature one encoding per class (summing to 1): the rank
refusal called the probabilities and encodings a spline basis and advised
SplineTransformer(include_bias=False), and the scores every step's option, none of which is
in such a pipeline. It now names the blocks and the step that leaves one class's column of
each out, which fits."""

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import StackingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import SplineTransformer, TargetEncoder

from mnlogit.exceptions import RankError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(2)
X = RNG.normal(size=(150, 3))
_ETA = X @ np.array([[1.0, -1.0, 0.0], [0.5, 0.0, 1.0], [0.0, 0.0, 0.0]])
_P = np.exp(_ETA) / np.exp(_ETA).sum(axis=1, keepdims=True)
Y = np.array([RNG.choice(3, p=p) for p in _P])


def _estimators():
    return [("m", MNLogitClassifier()), ("l", LogisticRegression())]


@pytest.mark.parametrize(
    ("stack_method", "passthrough", "dropped", "said"),
    [
        ("predict_proba", False, [2, 5], "sum to 1 in every row"),
        ("decision_function", True, [2, 5], "sum to 0 in every row"),
    ],
    ids=["probabilities", "scores"],
)
def test_stacked_predictions_are_answered_with_a_final_estimator_that_drops_a_class(
    stack_method, passthrough, dropped, said
):
    stack = StackingClassifier(
        _estimators(),
        final_estimator=MNLogitClassifier(),
        stack_method=stack_method,
        passthrough=passthrough,
    )
    with pytest.raises(RankError) as refused:
        stack.fit(X, Y)
    message = str(refused.value)
    assert said in message
    assert "StackingClassifier" in message
    for other in ("SplineTransformer", "OneHotEncoder", "PolynomialFeatures"):
        assert other not in message
    advised = f"ColumnTransformer([('drop', 'drop', {dropped})], remainder='passthrough')"
    assert advised in message
    # followed as written, the advice fits and keeps the classifier's inference
    final = make_pipeline(
        ColumnTransformer([("drop", "drop", dropped)], remainder="passthrough"),
        MNLogitClassifier(),
    )
    stack.set_params(final_estimator=final).fit(X, Y)
    assert np.isfinite(stack.final_estimator_[-1].results_.bse.to_numpy()).all()
    assert stack.predict_proba(X).shape == (len(X), 3)


def test_a_full_one_hot_beside_three_classes_is_still_answered_as_a_one_hot():
    levels = RNG.choice(3, len(X))
    one_hot = np.c_[np.eye(3)[levels], X]
    with pytest.raises(RankError) as refused:
        MNLogitClassifier().fit(one_hot, Y)
    message = str(refused.value)
    assert "OneHotEncoder(drop='first')" in message
    assert "StackingClassifier" not in message


def test_a_target_encoders_encodings_per_class_are_answered_with_the_step_that_fits():
    frame = pd.DataFrame({"f": RNG.choice(list("pqrs"), len(X)), "x": X[:, 0]})
    encode = ColumnTransformer([("t", TargetEncoder(smooth=10.0), ["f"])], remainder="passthrough")
    with pytest.raises(RankError) as refused:
        make_pipeline(encode, MNLogitClassifier()).fit(frame, Y)
    message = str(refused.value)
    assert "TargetEncoder's encodings of each feature" in message
    assert "SplineTransformer" not in message
    drop = ColumnTransformer([("drop", "drop", [2])], remainder="passthrough")
    assert "ColumnTransformer([('drop', 'drop', [2])], remainder='passthrough')" in message
    fitted = make_pipeline(encode, drop, MNLogitClassifier()).fit(frame, Y)
    assert np.isfinite(fitted[-1].results_.bse.to_numpy()).all()


def test_a_spline_basis_of_as_many_columns_as_classes_is_still_answered_as_one():
    with pytest.raises(RankError) as refused:
        make_pipeline(SplineTransformer(n_knots=3, degree=1), MNLogitClassifier()).fit(X, Y)
    message = str(refused.value)
    assert "SplineTransformer(include_bias=False)" in message
    assert "StackingClassifier" not in message


def test_probabilities_in_single_precision_are_found_as_blocks():
    # float32 probabilities sum to 1 only within their rounding (4e-8 here)
    eta = RNG.normal(size=(len(X), 6))
    blocks = [np.exp(e) / np.exp(e).sum(axis=1, keepdims=True) for e in (eta[:, :3], eta[:, 3:])]
    stacked = np.hstack(blocks).astype(np.float32)
    with pytest.raises(RankError) as refused:
        MNLogitClassifier().fit(stacked, Y)
    assert "ColumnTransformer([('drop', 'drop', [2, 5])]" in str(refused.value)
