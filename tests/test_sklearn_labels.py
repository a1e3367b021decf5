"""The classifier's classes read from labels of floating point: -0.0 and 0.0 are one class."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")
import mnlogit
from mnlogit.exceptions import DataError, InputTypeError, MNLogitWarning
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


def _fitted(labels):
    return MNLogitClassifier().fit(X, labels[(SCORE > 0).astype(int) + (SCORE > 1)])


@pytest.mark.parametrize(
    ("classes", "given", "said", "advice"),
    [
        (
            np.array(["high", "low", "mid"]),
            lambda y, c: np.searchsorted(c, y),  # LabelEncoder's codes
            r"the classes are text \('high', 'low', 'mid'\); got numbers \(e\.g\. 0, 1, 2\)",
            r"decode it: encoder\.inverse_transform\(y\)",
        ),
        (
            np.array([10, 20, 30]),
            lambda y, c: y.astype(str),  # the labels' text, read from a file
            r"the classes are numbers \(10, 20, 30\); got text \(e\.g\. '10', '20', '30'\)",
            r"y\.astype\('int64'\)",
        ),
        (
            np.array([10, 20, 30]),
            lambda y, c: y.astype(str).astype(object),
            r"the classes are numbers \(10, 20, 30\); got text \(e\.g\. '10', '20', '30'\)",
            r"y\.astype\('int64'\)",
        ),
    ],
)
def test_score_refuses_text_for_number_classes_and_numbers_for_text_classes(
    classes, given, said, advice
):
    # scikit-learn's "Mix of label input types (string and number)" said what, not what to do
    clf = _fitted(classes)
    y = clf.predict(X)
    with pytest.raises(InputTypeError, match=rf"^y: {said}, which no class equals: .*{advice}"):
        clf.score(X, given(y, clf.classes_))
    assert clf.score(X, y) == 1.0


def test_text_of_booleans_is_told_to_be_read_not_cast():
    # y.astype(bool) makes 'False' True: the advice for boolean classes compares instead
    clf = _fitted(np.array([False, True, True]))
    y = clf.predict(X)
    with pytest.raises(InputTypeError, match=r"classes are booleans .*: y == 'True'$"):
        clf.score(X, y.astype(str))
    assert clf.score(X, y.astype(str) == "True") == 1.0


FRAME = pd.DataFrame({"x": X[:, 0], "g": np.where(X[:, 1] > 0, "u", "v")})


@pytest.mark.parametrize("formula", [None, "x + C(g)"])
@pytest.mark.parametrize("as_series", [False, True])
def test_blank_labels_are_refused_as_no_class_saying_to_drop_those_rows(formula, as_series):
    # the refusal told to make them missing with df['y'].cat.remove_categories([' ']): no
    # df, no Categorical of the user's, and missing labels are refused in turn
    y = np.where(SCORE > 1, " ", np.where(SCORE > 0, "hi", "lo"))
    labels = pd.Series(y, name="grade") if as_series else y
    X_ = FRAME if formula else FRAME[["x"]]
    first = int(np.flatnonzero(SCORE > 1)[0])
    with pytest.raises(
        DataError,
        match=rf"^y: {int((SCORE > 1).sum())} label\(s\) are blank text \(' '; first at "
        rf"position {first}\); a blank is no class: drop those rows \(from X and y\)",
    ):
        MNLogitClassifier(formula=formula).fit(X_, labels)


@pytest.mark.parametrize("formula", [None, "x"])
def test_the_advice_for_labels_that_print_alike_cleans_y_not_a_column_of_a_df(formula):
    X_ = FRAME if formula else FRAME[["x"]]
    y = np.where(SCORE > 0, "caf\u00e9", "tea").astype(object)
    y[SCORE > 1] = "cafe\u0301"  # the same word, decomposed
    with pytest.raises(DataError, match=r"write them alike first, e\.g\. y = pd\.Series\(y\)"):
        MNLogitClassifier(formula=formula).fit(X_, y)
    spaced = np.where(SCORE > 1, "tea ", y)
    with pytest.warns(MNLogitWarning, match=r"\(e\.g\. y = pd\.Series\(y\)\.str\.strip\(\)\)"):
        MNLogitClassifier(formula=formula).fit(X_, np.where(SCORE > 0, spaced, "tea"))


def test_the_advice_for_a_column_of_x_cleans_x_not_a_df():
    # "e.g. df['g'] = df['g'].str.replace(...)": the classifier's data are X
    X_ = FRAME.assign(g=np.where(SCORE > 1, "u\u200b", FRAME["g"]))
    y = np.where(SCORE > 0, "hi", "lo")
    with pytest.raises(DataError, match=r"e\.g\. X\['g'\] = X\['g'\]\.str\.replace") as info:
        MNLogitClassifier(formula="x + C(g)").fit(X_, y)
    assert "df" not in str(info.value)


@pytest.mark.parametrize(
    ("labels", "advice", "follow"),
    [
        (
            pd.date_range("2020-01-01", periods=3, freq="D", tz="UTC"),
            "y.dt.tz_convert(None) (the same instants in UTC, without the zone)",
            lambda y: y.dt.tz_convert(None),
        ),
        (
            pd.period_range("2020", periods=3, freq="Y"),
            "y.dt.to_timestamp() (each period's start)",
            lambda y: y.dt.to_timestamp(),
        ),
    ],
    ids=["tz-aware", "period"],
)
def test_dates_with_a_zone_or_periods_are_told_the_conversion_that_makes_them_classes(
    labels, advice, follow
):
    # the advice was y.astype(str) only, though the zone-free instants are classes as dates
    y = pd.Series(labels[(SCORE > 0).astype(int) + (SCORE > 1)], name="day")
    with pytest.raises(InputTypeError, match=re.escape(advice)):
        MNLogitClassifier().fit(X, y)
    clf = MNLogitClassifier().fit(X, follow(y))  # the advice followed
    assert clf.classes_.dtype.kind == "M" and len(clf.classes_) == 3


def test_the_warnings_of_a_formulas_columns_advise_cleaning_x_not_a_df():
    # "clean the column first (e.g. df['g'] = df['g'].str.strip())": the data are X
    X_ = FRAME.assign(g=np.where(SCORE > 1.5, "u ", FRAME["g"]))
    y = np.where(SCORE > 0, "hi", "lo")
    with pytest.warns(MNLogitWarning, match=r"\(e\.g\. X\['g'\] = X\['g'\]\.str\.strip\(\)\)"):
        MNLogitClassifier(formula="x + C(g)").fit(X_, y)
    with pytest.warns(MNLogitWarning, match=r"\(e\.g\. df\['g'\] = df\['g'\]\.str\.strip\(\)\)"):
        mnlogit.fit("y ~ x + C(g)", X_.assign(y=y))  # mnlogit.fit's data are a df


@pytest.mark.parametrize("form", ["array", "series", "list", "complex64"])
@pytest.mark.parametrize("formula", [None, "x0 + x1"])
def test_complex_labels_are_refused_quoting_a_few_not_all_of_y(form, formula):
    # scikit-learn's "Complex data not supported" printed every label (4,000 characters for
    # 600 rows) and said nothing of what to do
    values = np.where(SCORE > 0, 1 + 1j, 2 + 0j)
    y = {
        "array": values,
        "series": pd.Series(values),
        "list": values.tolist(),
        "complex64": values.astype(np.complex64),
    }[form]
    frame = pd.DataFrame(X, columns=["x0", "x1"])
    with pytest.raises(InputTypeError, match=re.escape("y: complex numbers (e.g. (")) as info:
        MNLogitClassifier(formula=formula).fit(frame, y)
    assert "y.astype(str)" in str(info.value) and len(str(info.value)) < 300
    fitted = MNLogitClassifier(formula=formula).fit(frame, np.where(SCORE > 0, "a", "b"))
    with pytest.raises(InputTypeError, match="complex numbers"):
        fitted.score(frame, y)
