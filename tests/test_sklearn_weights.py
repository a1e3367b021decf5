"""Rows of sample weight 0 in the classifier: scikit-learn takes such a row as absent, and so
does the classifier, whatever the weights are (counts of rows or probability weights) and
whatever the encoding a formula learns from the rows."""

from __future__ import annotations

import pickle
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError, LevelError, RankError

pytest.importorskip("sklearn")
from mnlogit.sklearn import MNLogitClassifier

DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv").iloc[:240].reset_index(drop=True)
Y = DATA["y3"].to_numpy()
FRAME = DATA[["x1", "x2"]].assign(g=np.where(DATA["x3"] > 0, "u", "v"))


def _same_fit(a: MNLogitClassifier, b: MNLogitClassifier, X: pd.DataFrame) -> None:
    np.testing.assert_array_equal(a.classes_, b.classes_)
    np.testing.assert_allclose(a.coef_, b.coef_, rtol=1e-10, atol=1e-12)
    ra, rb = a.results_, b.results_
    np.testing.assert_allclose(ra.bse.to_numpy(), rb.bse.to_numpy(), rtol=1e-9)
    assert (ra.nobs, ra.df_resid) == (rb.nobs, rb.df_resid)
    np.testing.assert_allclose(ra.llf, rb.llf, rtol=1e-12)
    np.testing.assert_allclose(a.predict_proba(X), b.predict_proba(X), atol=1e-12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    zeros=st.sets(st.integers(min_value=0, max_value=len(Y) - 1), min_size=1, max_size=40),
    weight_type=st.sampled_from(["frequency", "probability"]),
    formula=st.sampled_from([None, "x1 + x2 + C(g)"]),
)
def test_rows_of_weight_zero_are_rows_left_out(zeros, weight_type, formula):
    # probability weights with zeros counted those rows in nobs, df_resid and the
    # covariance's n / (n - 1): standard errors 1e-4 off those of the rows of weight
    w = np.where(DATA["x2"] > 0, 2.0, 3.0) if weight_type == "frequency" else DATA["x2"] ** 2 + 0.5
    w = np.array(w, dtype=float)  # a copy: pandas' arrays are read-only
    w[sorted(zeros)] = 0.0
    keep = w > 0
    X = FRAME if formula else FRAME[["x1", "x2"]]
    full = MNLogitClassifier(formula=formula, weight_type=weight_type)
    full.fit(X, Y, sample_weight=w)
    left = MNLogitClassifier(formula=formula, weight_type=weight_type)
    left.fit(X[keep], Y[keep], sample_weight=w[keep])
    _same_fit(full, left, X)


def test_a_level_only_rows_of_weight_zero_have_is_no_level_of_the_fit():
    # 'mars', first in order, became the baseline of C(g)'s dummies, which then added up to
    # the intercept: refused as "column(s) 'C(g)[T.v]' are linear combinations of the others"
    X = FRAME.assign(g=np.where(np.arange(len(Y)) < 5, "mars", FRAME["g"]))
    w = np.r_[np.zeros(5), np.ones(len(Y) - 5)]
    clf = MNLogitClassifier(formula="x1 + C(g)").fit(X, Y, sample_weight=w)
    left = MNLogitClassifier(formula="x1 + C(g)").fit(X.iloc[5:], Y[5:], sample_weight=w[5:])
    np.testing.assert_array_equal(clf.coef_names_, ["x1", "C(g)[T.v]"])
    np.testing.assert_allclose(clf.coef_, left.coef_, rtol=1e-12)


@pytest.mark.parametrize(("column", "term"), [("g", "C(g)"), ("my g", "`my g`")])
def test_new_data_at_a_level_only_rows_of_weight_zero_had_is_refused_saying_so(column, term):
    # the refusal said 'mars' was not among the levels seen in fitting, which had been given
    # it, and blamed a cross-validation fold that lacked a rare level
    g = np.where(np.arange(len(Y)) < 5, "mars", FRAME["g"])
    X = FRAME.drop(columns="g").assign(**{column: g})
    w = np.r_[np.zeros(5), np.ones(len(Y) - 5)]
    clf = MNLogitClassifier(formula=f"x1 + {term}").fit(X, Y, sample_weight=w)
    said = f"'mars' of column {column!r} is held at fit only by rows of sample_weight 0"
    for fitted in (clf, pickle.loads(pickle.dumps(clf))):
        with pytest.raises(LevelError, match=r"not among the levels seen in fitting") as info:
            fitted.predict(X.iloc[:3])
        assert said in str(info.value)
        assert "cross-validation" not in str(info.value)
    # a level no row had at fit is still the rare level a training fold lacked
    with pytest.raises(LevelError, match=r"cross-validation a training fold") as info:
        clf.predict(X.iloc[5:8].assign(**{column: "venus"}))
    assert "sample_weight 0" not in str(info.value)


@pytest.mark.parametrize("through", ["classifier", "MNLogit"])
def test_a_column_of_x_nonzero_only_on_rows_of_weight_zero_is_to_be_dropped_not_its_rows(
    through,
):
    # "drop those rows" left the column 0 on every row, refused again
    X = np.column_stack([FRAME[["x1", "x2"]], (np.arange(len(Y)) < 5).astype(float)])
    w = np.r_[np.zeros(5), np.ones(len(Y) - 5)]
    with pytest.raises(RankError, match="drop them from X, or give weight to rows") as info:
        if through == "classifier":
            MNLogitClassifier().fit(X, Y, sample_weight=w)
        else:
            mnlogit.MNLogit(Y, np.column_stack([np.ones(len(Y)), X]), weights=w)
    assert "drop those rows" not in str(info.value)


@pytest.mark.parametrize(
    ("weights", "shown", "said"),
    [
        (pd.Series([1.0] * 9 + [None] * 3, dtype="Float64"), "<NA>", "NaN"),
        (pd.Series([1] * 9 + [None] * 3, dtype="Int64"), "<NA>", "NaN"),
        (np.array([1] * 9 + [None] * 3, dtype=object), "None", "NaN"),
        (np.r_[np.ones(9), np.inf, -np.inf, 1.0], "inf", "infinity"),
    ],
)
@pytest.mark.parametrize("formula", [None, "x1 + x2"])
def test_missing_or_infinite_weights_are_refused_saying_where_and_what_to_do(
    weights, shown, said, formula
):
    # scikit-learn's "Input sample_weight contains NaN." named neither how many weights nor
    # which, nor what to do, where score's refusal of the same weights named the row
    n_bad = 3 if said == "NaN" else 2
    X = FRAME.iloc[:12] if formula else FRAME[["x1", "x2"]].iloc[:12]
    with pytest.raises(
        DataError,
        match=rf"^Input sample_weight contains {said}.*: {n_bad} weight\(s\) missing or "
        rf"infinite \(first at position 9: {shown}\); every weight must be a finite number "
        r">= 0: drop those rows \(from X, y and sample_weight\)",
    ):
        MNLogitClassifier(formula=formula).fit(X, Y[:12], sample_weight=weights)


@pytest.mark.parametrize("big", [10**400, -(10**400)])
def test_a_weight_past_the_float_range_is_refused_by_its_size_as_a_weight(big):
    # Python's "int too large to convert to float" went on "rescale the column", of X
    weights = np.array([1] * 11 + [big], dtype=object)
    sign = "-" if big < 0 else ""
    with pytest.raises(
        DataError,
        match=rf"^sample_weight: 1 weight\(s\) past the largest float \(first at position 11: "
        rf"about {sign}1e400\), which would be infinite; the weights are relative",
    ):
        MNLogitClassifier().fit(FRAME[["x1", "x2"]].iloc[:12], Y[:12], sample_weight=weights)


@pytest.mark.parametrize("formula", [None, "x1 + x2"])
def test_a_column_name_as_sample_weight_is_refused_saying_to_pass_the_weights(formula):
    # mnlogit.fit's weights='w': numpy's "could not convert string to float: 'w'"
    X = FRAME.assign(w=2.0) if formula else FRAME[["x1", "x2"]].assign(w=2.0)
    clf = MNLogitClassifier(formula=formula)
    with pytest.raises(
        InputTypeError,
        match=r"^sample_weight: expected one weight per row of X; got the text 'w': pass the "
        r"weights themselves, not a column's name \(sample_weight=X\['w'\], and keep it out",
    ):
        clf.fit(X, Y, sample_weight="w")
    clf.fit(X.drop(columns="w"), Y, sample_weight=X["w"])
    # at score, the predictors are fitted already: a formula's X may still hold the column
    said = r" \(sample_weight=X\['w'\]\)" if formula else ""
    with pytest.raises(InputTypeError, match=rf"not a column's name{said}$"):
        clf.score(X if formula else X.drop(columns="w"), Y, sample_weight="w")
    with pytest.raises(InputTypeError, match=r"got the text 'weights': pass .* name$"):
        clf.fit(X, Y, sample_weight="weights")


def test_weights_of_inf_and_minus_inf_are_refused_without_numpy_warnings() -> None:
    # scikit-learn's finiteness test sums the weights: inf + -inf warned "invalid value
    # encountered in reduce" before the refusal
    rng = np.random.default_rng(0)
    X, y = rng.normal(size=(12, 2)), rng.integers(0, 3, 12)
    w = np.r_[np.ones(9), np.inf, -np.inf, 1.0]
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(DataError, match="first at position 9: inf"):
            MNLogitClassifier().fit(X, y, sample_weight=w)


@pytest.mark.parametrize(
    "weights",
    [
        np.ones(20, dtype=complex),
        [1 + 0j] * 20,
        pd.Series(np.full(20, 1 + 1j)),
        np.array([1.0] * 19 + [2j], dtype=object),
    ],
    ids=["array", "list", "series", "objects"],
)
@pytest.mark.parametrize("method", ["fit", "score"])
def test_complex_weights_are_refused_as_y_and_x_are(weights, method):
    # fit said scikit-learn's "Complex data not supported" above every weight printed (a
    # list: Python's bare float() refusal), and score dropped the imaginary parts with only
    # NumPy's ComplexWarning
    X20 = np.random.default_rng(1).normal(size=(20, 2))
    y20 = np.tile(["a", "b"], 10)
    clf = MNLogitClassifier().fit(X20, y20)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InputTypeError, match=r"sample_weight: expected real numbers; got "):
            getattr(clf, method)(X20, y20, sample_weight=weights)
