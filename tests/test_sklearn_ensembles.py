"""A classifier with a formula inside an ensemble that hands its estimators arrays
(BaggingClassifier, AdaBoostClassifier) or as a StackingClassifier's final estimator was
refused with only a Pipeline's set_output(transform='pandas'), which no such ensemble has
and which would not change what it hands on. The refusal now names those ensembles and a
pipeline that fits, with X encoded before the ensemble and the classifier given no
formula."""

import numpy as np
import pandas as pd
import pytest
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import AdaBoostClassifier, BaggingClassifier, StackingClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder

from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(5)
FRAME = pd.DataFrame(
    {"x": RNG.normal(size=120), "f": RNG.choice(["p", "q", "r"], 120), "z": RNG.normal(size=120)}
)
Y = RNG.choice(["a", "b", "c"], 120)
FORMULA = "x + C(f) + z"


@pytest.mark.parametrize(
    "ensemble",
    [
        lambda clf: BaggingClassifier(clf, n_estimators=2, random_state=0),
        lambda clf: AdaBoostClassifier(clf, n_estimators=2),
    ],
    ids=["bagging", "adaboost"],
)
def test_a_formula_in_an_ensemble_that_hands_on_arrays_is_told_what_fits(ensemble):
    with pytest.raises(InputTypeError) as refused:
        ensemble(MNLogitClassifier(formula=FORMULA)).fit(FRAME, Y)
    said = str(refused.value)
    assert "BaggingClassifier and AdaBoostClassifier hand their estimators arrays" in said
    assert "give the classifier no formula and encode X before the ensemble" in said
    # the pipeline it shows, with the factor named, fits
    encode = ColumnTransformer([("c", OneHotEncoder(drop="first"), ["f"])], remainder="passthrough")
    fitted = make_pipeline(encode, ensemble(MNLogitClassifier())).fit(FRAME, Y)
    assert fitted.predict_proba(FRAME).shape == (len(FRAME), 3)


def test_a_formula_for_a_stacking_final_estimator_is_told_to_be_left_out():
    def stack(final):
        return StackingClassifier([("m", MNLogitClassifier(formula=FORMULA))], final)

    with pytest.raises(InputTypeError) as refused:
        stack(MNLogitClassifier(formula=FORMULA)).fit(FRAME, Y)
    said = str(refused.value)
    assert "StackingClassifier's final_estimator gets the stacked predictions" in said
    assert "give it no formula" in said
    # without one (and without one class's column of the probabilities, which sum to 1)
    final = make_pipeline(
        ColumnTransformer([("drop", "drop", [2])], remainder="passthrough"), MNLogitClassifier()
    )
    assert stack(final).fit(FRAME, Y).predict_proba(FRAME).shape == (len(FRAME), 3)


def test_one_row_given_as_a_series_to_a_formula_is_told_to_be_a_one_row_frame():
    # a Series (df.iloc[0]) was refused as "got Series" with no way to make one row
    clf = MNLogitClassifier(formula=FORMULA).fit(FRAME, Y)
    with pytest.raises(
        InputTypeError, match=r"got Series \(one row as a DataFrame: df.iloc\[\[0\]\]"
    ):
        clf.predict_proba(FRAME.iloc[0])
    assert clf.predict_proba(FRAME.iloc[[0]]).shape == (1, 3)
    with pytest.raises(InputTypeError, match=r"got Series \(one column as a DataFrame"):
        MNLogitClassifier(formula="x").fit(FRAME["x"], Y)
    assert MNLogitClassifier(formula="x").fit(FRAME["x"].to_frame(), Y).coef_.shape == (3, 1)


def test_an_array_at_prediction_is_not_answered_with_the_ensembles_fit_is():
    clf = MNLogitClassifier(formula=FORMULA).fit(FRAME, Y)
    with pytest.raises(InputTypeError) as refused:
        clf.predict(FRAME.to_numpy())
    assert "set_output(transform='pandas')" in str(refused.value)
    assert "BaggingClassifier" not in str(refused.value)
