"""Which columns of a DataFrame X the classifier's predictions read: scikit-learn checks the
order of string column names only, so the classifier keeps the labels of other DataFrames
(pd.DataFrame(array): 0, 1, 2) and refuses one that moves a label it was fitted with."""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

from mnlogit.exceptions import ColumnNotFoundError, DataError, InputTypeError, OptionError

pytest.importorskip("sklearn")
from mnlogit.sklearn import MNLogitClassifier

DATA = pd.read_csv(REF_DIR / "sklearn_l2.csv").iloc[:300]
Y = DATA["y3"].to_numpy()
FRAME = pd.DataFrame(DATA[["x1", "x2", "x3"]].to_numpy() * [1.0, 10.0, 0.1])  # columns 0, 1, 2
FITTED = MNLogitClassifier().fit(FRAME, Y)


@settings(max_examples=20, deadline=None)
@given(order=st.permutations([0, 1, 2]))
def test_int_labelled_columns_in_another_order_are_refused(order):
    # X[[1, 0, 2]] was predicted as if it were X: every row from swapped columns
    moved = FRAME[order]
    if order == [0, 1, 2]:
        np.testing.assert_array_equal(FITTED.predict_proba(moved), FITTED.predict_proba(FRAME))
        return
    for method in ("predict", "predict_proba", "predict_log_proba", "decision_function"):
        with pytest.raises(
            DataError, match=r"where fit had it at position .*pass X\[\[0, 1, 2\]\]"
        ):
            getattr(FITTED, method)(moved)
    with pytest.raises(DataError, match="where fit had it"):
        FITTED.score(moved, Y)


def test_columns_of_other_labels_or_no_labels_are_used_by_position():
    expected = FITTED.predict_proba(FRAME)
    np.testing.assert_array_equal(FITTED.predict_proba(FRAME.to_numpy()), expected)
    np.testing.assert_array_equal(FITTED.predict_proba(FRAME.set_axis([5, 6, 7], axis=1)), expected)


def test_a_moved_label_among_new_ones_names_the_columns_missing_and_unseen():
    # "put its columns in fit's order ([0, 1, 2])" could not be followed: X had no 0 or 2
    with pytest.raises(
        DataError,
        match=r"lacks fit's column\(s\) \[0, 2\] and has \[7, 8\], which fit did not see: "
        r"give X fit's columns in fit's order \(\[0, 1, 2\]\), or, if X holds them under "
        "other labels, relabel them so",
    ):
        FITTED.predict(FRAME.set_axis([1, 7, 8], axis=1))


def test_fits_columns_moved_beside_a_new_one_are_answered_with_the_selection():
    wider = FRAME.assign(**{"9": 1.0})[[1, 0, 2, "9"]]
    with pytest.raises(
        DataError, match=r"where fit had it at position 1; .*pass X\[\[0, 1, 2\]\]$"
    ):
        FITTED.predict(wider)
    np.testing.assert_array_equal(FITTED.predict(wider[[0, 1, 2]]), FITTED.predict(FRAME))


def test_the_labels_are_kept_through_pickling_and_forgotten_by_a_refit():
    restored = pickle.loads(pickle.dumps(FITTED))
    with pytest.raises(DataError, match="where fit had it"):
        restored.predict(FRAME[[2, 1, 0]])
    named = MNLogitClassifier().fit(FRAME.set_axis(["a", "b", "c"], axis=1), Y)
    assert named._column_labels is None  # scikit-learn checks string names itself
    again = MNLogitClassifier().fit(FRAME.to_numpy(), Y)
    np.testing.assert_allclose(
        again.predict_proba(FRAME[[2, 1, 0]]), again.predict_proba(FRAME[[2, 1, 0]].to_numpy())
    )


@pytest.mark.parametrize(
    ("name", "formula"),
    [("a~b", "`a~b` + x2"), ("a ~ b", "`a ~ b` + x2"), ("g", "C(g, Treatment('u~v')) + x2")],
)
def test_a_tilde_inside_backticks_or_quotes_is_no_outcome(name, formula):
    # the right-hand side `a~b` + x2 was refused as a whole formula, with the advice to
    # fit "b` + x2"
    column = DATA["x1"] if name != "g" else np.where(DATA["x1"] > 0, "u~v", "w")
    X = pd.DataFrame({name: column, "x2": DATA["x2"]})
    clf = MNLogitClassifier(formula=formula).fit(X, Y)
    assert clf.coef_.shape == (3, 2)


def test_a_whole_formula_is_still_refused_with_its_right_hand_side():
    with pytest.raises(OptionError, match=r"try 'x2 \+ `a~b`'"):
        MNLogitClassifier(formula="y ~ x2 + `a~b`").fit(FRAME, Y)


@pytest.mark.parametrize("order", [["x1", "x2"], ["x2", "x1"]])
def test_results_predict_a_frame_without_the_intercept_the_classifier_added(order):
    # results_.predict(X) was refused: "column(s) 'Intercept' of the fitted design are not
    # among its columns", a column X never had
    X = DATA[["x1", "x2"]]
    clf = MNLogitClassifier().fit(X, Y)
    got = clf.results_.predict(X[order].head(5))
    np.testing.assert_allclose(got.to_numpy(), clf.predict_proba(X.head(5)), rtol=1e-12)
    assert list(got.index) == list(X.index[:5])


def test_results_predict_an_array_without_the_intercept_says_where_it_goes():
    X = DATA[["x1", "x2"]].to_numpy()
    clf = MNLogitClassifier().fit(X, Y)
    with pytest.raises(DataError, match=r"column 0 is the intercept's column of ones"):
        clf.results_.predict(X[:5])
    with_ones = clf.results_.predict(np.insert(X[:5], 0, 1.0, axis=1))
    np.testing.assert_allclose(with_ones.to_numpy(), clf.predict_proba(X[:5]), rtol=1e-12)


def test_a_frame_missing_another_column_is_still_refused():
    X = DATA[["x1", "x2"]]
    clf = MNLogitClassifier().fit(X, Y)
    with pytest.raises(ColumnNotFoundError, match="'x2'"):
        clf.results_.predict(X[["x1"]])


def test_a_pyarrow_record_batch_is_read_by_its_column_names():
    # scikit-learn read no names of a RecordBatch: X with its columns in another order was
    # predicted by position, probabilities off by up to 0.97, without a word
    pa = pytest.importorskip("pyarrow")
    named = FRAME.set_axis(["a", "b", "c"], axis=1)
    clf = MNLogitClassifier().fit(pa.record_batch(named), Y)
    np.testing.assert_array_equal(clf.feature_names_in_, ["a", "b", "c"])
    np.testing.assert_array_equal(clf.coef_names_, ["a", "b", "c"])
    as_frame = MNLogitClassifier().fit(named, Y)
    np.testing.assert_allclose(
        clf.predict_proba(pa.record_batch(named)), as_frame.predict_proba(named), rtol=1e-12
    )
    with pytest.raises(DataError, match="Feature names must be in the same order"):
        clf.predict_proba(pa.record_batch(named[["c", "a", "b"]]))
    with pytest.raises(DataError, match="Feature names must be in the same order"):
        as_frame.predict_proba(pa.record_batch(named[["c", "a", "b"]]))


NAMED = MNLogitClassifier().fit(FRAME.set_axis(["a", "b", "c"], axis=1), Y)


@settings(max_examples=15, deadline=None)
@given(order=st.permutations(["a", "b", "c"]), top=st.sampled_from(["g", 0]))
def test_string_names_moved_under_a_multiindex_are_refused(order, top):
    # X fitted with names 'a', 'b', 'c' and predicted with a MultiIndex ('g', 'c'), ...:
    # scikit-learn warned that the labels are not names and read X by position
    frame = FRAME.set_axis(["a", "b", "c"], axis=1)
    grouped = pd.concat({top: frame[order]}, axis=1)
    if order == ["a", "b", "c"]:
        np.testing.assert_array_equal(NAMED.predict_proba(grouped), NAMED.predict_proba(frame))
        return
    with pytest.raises(DataError, match=r"fit's '.'\) is at position .*flatten its MultiIndex"):
        NAMED.predict_proba(grouped)


def test_a_multiindex_level_holding_fits_names_in_order_is_read_by_position():
    frame = FRAME.set_axis(["a", "b", "c"], axis=1)
    # its first level holds fit's names too, in another order: the second is fit's
    grouped = frame.set_axis(pd.MultiIndex.from_arrays([["c", "c", "b"], ["a", "b", "c"]]), axis=1)
    with pytest.warns(UserWarning, match="valid feature names"):
        np.testing.assert_array_equal(NAMED.predict_proba(grouped), NAMED.predict_proba(frame))


def test_a_string_name_moved_beside_a_number_label_is_refused():
    mixed = FRAME.set_axis(["c", 1, 2], axis=1)
    with pytest.raises(DataError, match=r"column 'c' is at position 0, where fit had it at "):
        NAMED.predict(mixed)
    # labels of mixed types that name none of fit's columns: scikit-learn's refusal
    with pytest.raises(InputTypeError, match="string names"):
        NAMED.predict(FRAME.set_axis(["z", 1, 2], axis=1))


@pytest.mark.parametrize(
    ("columns", "said"),
    [
        (["b", "a"], "must be in the same order as they were in fit"),
        (["a", "b", "c"], r"unseen at fit time:\n- c\n"),
        (["c", "b", "a"], r"unseen at fit time:\n- c\n"),
    ],
)
@pytest.mark.parametrize("container", ["pandas", "polars", "pyarrow"])
def test_string_names_in_another_order_or_beside_others_are_answered_with_the_selection(
    columns, said, container
):
    # scikit-learn's refusal said "Feature names must be in the same order as they were in
    # fit" or listed the names unseen, not how to pass fit's; its words stay (its own
    # estimator check reads them). A polars frame or a pyarrow Table got them alone
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(rng.normal(size=(60, 3)), columns=["a", "b", "c"])
    labels = rng.choice(["u", "v", "w"], 60)
    clf = MNLogitClassifier().fit(frame[["a", "b"]], labels)
    given = {
        "pandas": lambda f: f,
        "polars": lambda f: pytest.importorskip("polars").from_pandas(f),
        "pyarrow": lambda f: pytest.importorskip("pyarrow").Table.from_pandas(f),
    }[container](frame[columns])
    selection = r"X\[\['a', 'b'\]\]" if container == "pandas" else r"X\.select\(\['a', 'b'\]\)"
    with pytest.raises(DataError, match=rf"{said}(.|\n)*pass {selection}"):
        clf.predict(given)
    if container != "pandas":  # the selection said is one the table has
        np.testing.assert_array_equal(
            clf.predict_proba(given.select(["a", "b"])), clf.predict_proba(frame[["a", "b"]])
        )
        return
    np.testing.assert_array_equal(
        clf.predict_proba(frame[columns][["a", "b"]]), clf.predict_proba(frame[["a", "b"]])
    )
    with pytest.raises(DataError, match="Feature names seen at fit time, yet now missing"):
        clf.predict(frame[["a", "c"]])  # a name missing: scikit-learn's refusal names it


def test_scikit_learns_check_of_column_names_passes():
    from sklearn.utils.estimator_checks import check_dataframe_column_names_consistency

    check_dataframe_column_names_consistency("MNLogitClassifier", MNLogitClassifier())
