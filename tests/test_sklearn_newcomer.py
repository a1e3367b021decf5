"""The classifier as a newcomer uses it. With a formula it reads X's columns by name, as
scikit-learn's ColumnTransformer reads the columns it selects: predictions need the columns the
formula uses, in any order, beside any others. Fitted as the README fits it, on the whole
DataFrame (the outcome's column among X's), it refused new rows that lacked the outcome, the
very thing to predict. y given as that column's name, mnlogit.fit's habit, is refused saying to
pass the labels; and counts of rows that rounding left a hair off whole numbers are taken as
probability weights with a warning that says how to keep them counts."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import (
    ColumnNotFoundError,
    DataError,
    InputTypeError,
    MNLogitError,
    MNLogitWarning,
)

pytest.importorskip("sklearn")
from mnlogit.sklearn import MNLogitClassifier

FORMULA = "np.log(distance) + income + C(region)"
TRAVEL = mnlogit.datasets.load("travel").dropna()
FITTED = MNLogitClassifier(formula=FORMULA, ref="car").fit(TRAVEL, TRAVEL["mode"])
NEW = TRAVEL.head(20)
EXPECTED = FITTED.predict_proba(NEW)
METHODS = ("predict", "predict_proba", "predict_log_proba", "decision_function")


def test_new_rows_without_the_outcome_column_are_predicted():
    # was: "Feature names seen at fit time, yet now missing: - mode"
    new = NEW.drop(columns="mode")
    for method in METHODS:
        np.testing.assert_array_equal(
            getattr(FITTED, method)(new), getattr(FITTED, method)(NEW), err_msg=method
        )
    assert FITTED.score(new, NEW["mode"]) == FITTED.score(NEW, NEW["mode"])


@settings(max_examples=15, deadline=None)
@given(
    kept=st.sets(st.sampled_from(["household", "mode", "purpose", "parking", "age"])),
    extra=st.booleans(),
    order=st.randoms(use_true_random=False),
)
def test_the_formulas_columns_in_any_order_beside_any_others(kept, extra, order):
    columns = ["distance", "income", "region", *sorted(kept)]
    order.shuffle(columns)
    new = NEW[columns].assign(**({"unrelated": "x"} if extra else {}))
    np.testing.assert_array_equal(FITTED.predict_proba(new), EXPECTED)


@pytest.mark.parametrize("method", METHODS)
def test_a_column_the_formula_uses_is_still_required(method):
    with pytest.raises(ColumnNotFoundError, match=r"column 'income' is not in X"):
        getattr(FITTED, method)(NEW.drop(columns="income"))


def test_without_a_formula_the_columns_are_still_checked_by_position():
    X = TRAVEL[["distance", "income", "age"]]
    clf = MNLogitClassifier().fit(X, TRAVEL["mode"])
    with pytest.raises(MNLogitError, match=r"same order(.|\n)*pass X\[\['distance', 'income'"):
        clf.predict(X[["age", "distance", "income"]])


@pytest.mark.parametrize("formula", [FORMULA, None])
def test_the_outcomes_name_given_as_y_is_refused_saying_to_pass_the_labels(formula):
    # was scikit-learn's "y should be a 1d array, got an array of shape () instead"
    X = TRAVEL if formula else TRAVEL[["distance", "income"]]
    with pytest.raises(InputTypeError, match=r"got the text 'mode'") as err:
        MNLogitClassifier(formula=formula).fit(X, "mode")
    assert ("(X['mode'])" in str(err.value)) == (formula is not None)
    fitted = MNLogitClassifier(formula=formula).fit(X, TRAVEL["mode"])
    # score said only that "the 'y_true' parameter of accuracy_score must be an array-like"
    with pytest.raises(InputTypeError, match=r"got the text 'mode'") as err:
        fitted.score(X, "mode")
    assert ("(X['mode'])" in str(err.value)) == (formula is not None)


@pytest.mark.parametrize("formula", [FORMULA, None])
@pytest.mark.parametrize("table", ["dummies", "one_hot", "two_outcomes"])
def test_y_as_a_table_is_refused_saying_what_to_pass(formula, table):
    # fit said scikit-learn's "y should be a 1d array, got an array of shape (60, 4)
    # instead", score "Classification metrics can't handle a mix of multilabel-indicator and
    # multiclass targets": neither what y looked like nor what to pass
    X = TRAVEL if formula else TRAVEL[["distance", "income"]]
    dummies = pd.get_dummies(TRAVEL["mode"])
    y, said = {
        "dummies": (dummies, r"one-hot encoded: pass the labels, y\.idxmax\(axis=1\)"),
        "one_hot": (dummies.to_numpy(float), r"one-hot encoded: pass the labels, y\.argmax"),
        "two_outcomes": (
            np.column_stack([TRAVEL["mode"], TRAVEL["region"]]),
            r"fits one outcome; .*MultiOutputClassifier\(MNLogitClassifier\(\.\.\.\)\)$",
        ),
    }[table]
    columns = 4 if table != "two_outcomes" else 2
    start = rf"^y: expected one class label per row of X; got a table of {columns} columns"
    with pytest.raises(DataError, match=start + ".*" + said):
        MNLogitClassifier(formula=formula).fit(X, y)
    fitted = MNLogitClassifier(formula=formula).fit(X, TRAVEL["mode"])
    with pytest.raises(DataError, match=start + ".*" + said):
        fitted.score(X, y)
    assert fitted.score(X, dummies.idxmax(axis=1)) == fitted.score(X, TRAVEL["mode"])


@pytest.mark.parametrize("scale", [None, 1e-12, 0.5])
def test_counts_but_for_rounding_are_probability_weights_with_a_warning(scale):
    # 3 * 0.1 * 10 is 3.0000000000000004: such counts became probability weights with
    # nothing said, their standard errors design-based (nearly twice the model-based ones)
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 2))
    y = rng.choice(["a", "b", "c"], 200)
    counts = rng.integers(1, 5, 200).astype(float)
    w = counts * 0.1 * 10 if scale is None else counts * scale
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        clf = MNLogitClassifier().fit(X, y, sample_weight=w)
    assert clf.results_.cov_type == "design"
    messages = [str(c.message) for c in caught if issubclass(c.category, MNLogitWarning)]
    if scale is None:
        assert len(messages) == 1 and "whole numbers but for rounding" in messages[0]
        assert "np.round(sample_weight)" in messages[0]
        rounded = MNLogitClassifier().fit(X, y, sample_weight=np.round(w))
        assert rounded.results_.cov_type == "nonrobust"  # as the warning says
    else:  # weights that are no counts: nothing to say
        assert messages == []
    with warnings.catch_warnings():
        warnings.simplefilter("error", MNLogitWarning)  # the choice made explicit
        MNLogitClassifier(weight_type="probability").fit(X, y, sample_weight=w)


@pytest.mark.parametrize("method", [*METHODS, "score"])
def test_an_unfitted_classifier_refuses_with_the_packages_error_and_scikit_learns(method):
    # it was scikit-learn's NotFittedError alone, which `except mnlogit.MNLogitError` missed
    from sklearn.exceptions import NotFittedError

    args = (NEW, NEW["mode"]) if method == "score" else (NEW,)
    with pytest.raises(MNLogitError, match="not fitted yet") as err:
        getattr(MNLogitClassifier(formula=FORMULA), method)(*args)
    assert isinstance(err.value, NotFittedError)


@pytest.mark.parametrize(
    ("formula", "y_name"),
    [("Y + x", None), ("yy + x", None), ("x + Outcome", "outcome"), ("x + y_", None)],
)
def test_a_column_x_lacks_is_looked_for_among_xs_columns_only(formula, y_name):
    # the outcome's column, which the classifier adds to X for the formula, was listed and
    # offered as the fix: "column 'Y' is not in the data; the column 'y' differs from it only
    # by letter case (columns: x, g, y)"
    import pandas as pd

    rng = np.random.default_rng(0)
    X = pd.DataFrame({"x": rng.standard_normal(30), "g": rng.choice(["u", "v"], 30)})
    y = pd.Series(np.tile(["a", "b", "c"], 10), name=y_name)
    with pytest.raises(ColumnNotFoundError) as refused:
        MNLogitClassifier(formula=formula).fit(X, y)
    missing = formula.split(" + ")[0 if formula[0] != "x" else 1]
    assert str(refused.value) == f"column {missing!r} is not in X (columns: x, g)"


def test_the_formulas_refusals_of_a_column_name_x():
    import pandas as pd

    X = pd.DataFrame({"x": np.arange(30.0), "s": np.arange(30.0).astype(str)})
    with pytest.raises(MNLogitError, match=r"^X: column 's' holds numbers stored as text"):
        MNLogitClassifier(formula="x + s").fit(X, np.tile(["a", "b", "c"], 10))
    # a hint kept: a formula reads columns, not Python variables
    with pytest.raises(
        ColumnNotFoundError, match=r"is not in X \(columns: x, s\); a formula reads"
    ):
        MNLogitClassifier(formula="I(x * k)").fit(X, np.tile(["a", "b", "c"], 10))


def test_a_formula_after_a_transformer_that_hands_on_arrays_says_how_to_get_a_dataframe():
    import pandas as pd
    from sklearn.impute import SimpleImputer
    from sklearn.pipeline import make_pipeline

    frame = pd.DataFrame({"x": np.arange(30.0) % 7, "z": np.arange(30.0) % 5})
    y = np.tile(["a", "b", "c"], 10)
    pipe = make_pipeline(SimpleImputer(), MNLogitClassifier(formula="x + z"))
    with pytest.raises(InputTypeError, match=r"got ndarray \(in a Pipeline, pipe.set_output"):
        pipe.fit(frame, y)
    # what it says works
    assert len(pipe.set_output(transform="pandas").fit(frame, y).predict(frame)) == 30
