"""What the classifier does with input that scikit-learn itself takes without a word or
refuses with a bare error: score's sample weights, a y or sample_weight whose index pairs
them with other rows of X, covariances the classifier has no parameters for, labels stored
as Python objects or missing, columns of text without a formula."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")
from sklearn.metrics import accuracy_score

from mnlogit.exceptions import (
    DataError,
    InputTypeError,
    LevelError,
    MNLogitWarning,
    OptionError,
    RankError,
)
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


@pytest.mark.parametrize(
    "weights",
    [pd.to_timedelta(np.ones(N), unit="s"), pd.to_timedelta(np.ones(N), unit="s").to_numpy()],
    ids=["Series", "array"],
)
def test_time_spans_are_refused_as_sample_weights(fitted, weights):
    # scikit-learn's check cast them to float: weights of 1 second fitted as frequency
    # weights of 1e6 rows each (microseconds), nobs 1.2e8 and standard errors 1e3 too small
    with pytest.raises(InputTypeError, match=r"sample_weight: expected numbers; got dtype time"):
        MNLogitClassifier().fit(XA, Y, sample_weight=weights)
    with pytest.raises(InputTypeError, match=r"sample_weight: expected numbers; got dtype time"):
        fitted.score(XA, Y, sample_weight=weights)


def test_sampling_weights_scaled_past_2_53_stay_probability_weights():
    # every float from 2^53 up is whole: weights times 1e17 were taken as frequency weights,
    # with nobs ~1e19 and standard errors 1e-9 of the design-based ones
    w = RNG.uniform(1, 40, N)
    plain = MNLogitClassifier().fit(XA, Y, sample_weight=w).results_
    for k in (1e17, 1e100):
        scaled = MNLogitClassifier().fit(XA, Y, sample_weight=w * k).results_
        assert scaled.cov_type == plain.cov_type == "design" and scaled.nobs == N
        np.testing.assert_allclose(scaled.bse, plain.bse, rtol=1e-9)
    with pytest.raises(OptionError, match=r"past 2\^53, where every number is whole"):
        MNLogitClassifier(cov_type="robust").fit(XA, Y, sample_weight=w * 1e17)


def test_score_with_weights_is_the_weighted_accuracy(fitted):
    w = RNG.integers(0, 4, N).astype(float)
    expected = accuracy_score(Y, fitted.predict(XA), sample_weight=w)
    assert fitted.score(XA, Y, sample_weight=w) == expected
    assert fitted.score(XA, Y, sample_weight=7.5 * w) == pytest.approx(expected, rel=1e-12)
    assert fitted.score(XA, Y) == accuracy_score(Y, fitted.predict(XA))
    assert isinstance(fitted.score(XA, Y), float)


# --- a y or sample_weight whose index pairs it with other rows of X ----------------------------
@pytest.fixture(scope="module")
def sorted_frame() -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    """X sorted by a column without y: the index of X is y's in another order."""
    frame = pd.DataFrame(XA, columns=["u", "v"], index=RNG.permutation(N) + 100)
    y = pd.Series(Y, index=frame.index, name="klass")
    w = pd.Series(RNG.integers(1, 4, N).astype(float), index=frame.index)
    return frame.sort_values("u"), y, w


@pytest.mark.parametrize("formula", [None, "u + v"])
def test_y_whose_index_is_x_in_another_order_is_refused(sorted_frame, formula):
    X, y, _ = sorted_frame
    clf = MNLogitClassifier(formula=formula)
    # scikit-learn pairs rows by position: each row was fitted with another row's class
    with pytest.raises(DataError, match=r"y: its index holds the row labels of X in another order"):
        clf.fit(X, y)
    aligned = clf.fit(X, y.loc[X.index])
    expected = MNLogitClassifier(formula=formula).fit(
        X.to_numpy() if formula is None else X.reset_index(drop=True), y.loc[X.index].to_numpy()
    )
    np.testing.assert_allclose(aligned.coef_, expected.coef_, rtol=1e-12)
    with pytest.raises(DataError, match=r"y\.loc\[X\.index\]"):
        aligned.score(X, y)
    assert aligned.score(X, y.loc[X.index]) == aligned.score(X, y.loc[X.index].to_numpy())


@pytest.mark.parametrize("kind", ["float64", "int64", "uint64"])
def test_the_rows_of_an_index_in_another_order_are_quoted_as_python_values(kind):
    # numpy's scalars printed as np.float64(119.0)
    X = pd.DataFrame(XA, index=pd.Index(np.arange(N), dtype=kind))
    y = pd.Series(Y, index=X.index[::-1])
    with pytest.raises(DataError) as refused:
        MNLogitClassifier().fit(X, y)
    assert f"row {X.index[0].item()!r} of X and {y.index[0].item()!r} of y" in str(refused.value)
    assert "np." not in str(refused.value)


def test_the_rows_of_a_multiindex_in_another_order_are_quoted_as_python_values():
    # a MultiIndex's labels are tuples of numpy's scalars: (np.int64(0), np.int64(0))
    rows = pd.MultiIndex.from_arrays([np.arange(N) // 10, np.arange(N) % 10])
    X = pd.DataFrame(XA, index=rows)
    y = pd.Series(Y, index=rows[::-1])
    with pytest.raises(DataError) as refused:
        MNLogitClassifier().fit(X, y)
    first, last = (0, 0), ((N - 1) // 10, (N - 1) % 10)
    assert f"row {first!r} of X and {last!r} of y" in str(refused.value)
    assert "np." not in str(refused.value)


@pytest.mark.parametrize("X_kind", ["array", "list"])
def test_sample_weight_whose_index_is_ys_in_another_order_is_refused_when_x_has_none(
    sorted_frame, X_kind
):
    # with X an array, y and weights sorted apart were paired by position without a word
    X, y, w = sorted_frame
    Xa = X.to_numpy() if X_kind == "array" else X.to_numpy().tolist()
    y = y.loc[X.index]
    with pytest.raises(DataError, match=r"sample_weight: its index holds the row labels of y in"):
        MNLogitClassifier().fit(Xa, y, sample_weight=w)
    with pytest.raises(DataError, match=r"sample_weight\.loc\[y\.index\]"):
        MNLogitClassifier().fit(Xa, y, sample_weight=w)
    clf = MNLogitClassifier().fit(Xa, y, sample_weight=w.loc[y.index])
    expected = MNLogitClassifier().fit(X, y, sample_weight=w.loc[X.index])
    np.testing.assert_allclose(clf.coef_, expected.coef_, rtol=1e-12)
    with pytest.raises(DataError, match=r"of y in another order"):
        clf.score(Xa, y, sample_weight=w)
    # y as an array says nothing of order: the weights are paired by position
    MNLogitClassifier().fit(Xa, y.to_numpy(), sample_weight=w)


def test_sample_weight_whose_index_is_x_in_another_order_is_refused(sorted_frame):
    X, y, w = sorted_frame
    y = y.loc[X.index]
    with pytest.raises(DataError, match=r"sample_weight: .*another order.*sample_weight\.loc"):
        MNLogitClassifier().fit(X, y, sample_weight=w)
    clf = MNLogitClassifier().fit(X, y, sample_weight=w.loc[X.index])
    with pytest.raises(DataError, match=r"sample_weight: .*another order"):
        clf.score(X, y, sample_weight=w)


def test_indexes_that_do_not_name_the_same_rows_are_paired_by_position(sorted_frame):
    # as scikit-learn does: an index of other labels (y.reset_index) says nothing of order,
    # and an array, which the message offers when the positions are right, has no index
    X, y, _ = sorted_frame
    by_position = y.loc[X.index].reset_index(drop=True)
    first = MNLogitClassifier().fit(X, by_position)
    second = MNLogitClassifier().fit(X, by_position.to_numpy())
    np.testing.assert_array_equal(first.coef_, second.coef_)


# --- covariances the classifier has no parameters for ------------------------------------------
@pytest.mark.parametrize(
    ("cov_type", "match"),
    [
        (
            "cluster",
            r"cov_type='cluster' needs the clusters.*no parameter of the classifier.*"
            r"MNLogit\(y, X1, groups=g\).*X1 being X with a column of ones first",
        ),
        ("design", r"cov_type='design'.*weight_type='probability'"),
        ("hc0", r"cov_type: expected one of \(None, 'nonrobust', 'robust', 'design'\); got 'hc0'"),
    ],
)
def test_a_covariance_the_classifier_cannot_take_is_refused_in_its_terms(cov_type, match):
    # the refusals of mnlogit.fit spoke of groups= and design=, which the classifier lacks
    with pytest.raises(OptionError, match=match) as refused:
        MNLogitClassifier(cov_type=cov_type).fit(XA, Y)
    assert "design=mnlogit.SurveyDesign" not in str(refused.value)
    assert "needs groups=" not in str(refused.value)


def test_the_cluster_refusals_advice_fits_the_classifiers_model():
    # it advised MNLogit(y, X, groups=g), which fits X without the intercept the classifier
    # adds: another model, with other coefficients and nothing said
    import mnlogit

    groups = np.arange(N) % 40
    clf = MNLogitClassifier(ref="a").fit(XA, Y)
    with pytest.raises(OptionError) as refused:
        MNLogitClassifier(cov_type="cluster", ref="a").fit(XA, Y)
    assert "X1 being X with a column of ones first" in str(refused.value)
    x1 = np.column_stack([np.ones(N), XA])
    advised = mnlogit.MNLogit(Y, x1, ref="a", groups=groups).fit(cov_type="cluster")
    got = advised.params.to_numpy().T  # one row per equation: intercept, then X's columns
    np.testing.assert_allclose(got[:, 0], clf.intercept_[1:], rtol=1e-8)
    np.testing.assert_allclose(got[:, 1:], clf.coef_[1:], rtol=1e-8)
    as_given = mnlogit.MNLogit(Y, XA, ref="a", groups=groups).fit(cov_type="cluster")
    assert not np.allclose(as_given.params.to_numpy().T, clf.coef_[1:], atol=1e-3)


@pytest.mark.parametrize("where", ["init", "fit"])
def test_the_groups_keywords_advice_fits_the_classifiers_model(where):
    # groups= (to __init__ or fit) was answered with MNLogit(y, X, groups=g), which fits X
    # without the intercept the classifier adds, as the cluster refusal's advice had
    import mnlogit

    with pytest.raises(InputTypeError) as refused:
        if where == "init":
            MNLogitClassifier(groups=np.arange(N) % 40)
        else:
            MNLogitClassifier().fit(XA, Y, groups=np.arange(N) % 40)
    said = str(refused.value)
    assert "MNLogit(y, X1, groups=g)" in said
    assert "X1 being X with a column of ones first" in said
    clf = MNLogitClassifier(ref="a").fit(XA, Y)
    x1 = np.column_stack([np.ones(N), XA])
    advised = mnlogit.MNLogit(Y, x1, ref="a", groups=np.arange(N) % 40).fit(cov_type="cluster")
    np.testing.assert_allclose(advised.params.to_numpy().T[:, 1:], clf.coef_[1:], rtol=1e-8)


def test_the_design_covariance_stays_allowed_with_probability_weights():
    w = RNG.uniform(0.5, 2.0, N)
    clf = MNLogitClassifier(cov_type="design").fit(XA, Y, sample_weight=w)
    assert clf.results_.cov_type == "design"


# --- labels ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "labels",
    [
        np.array(["a", None, "b"], dtype=object),
        np.array([None, "a", "b"], dtype=object),
    ],
    ids=["None", "None-first"],
)
def test_a_missing_label_among_text_is_refused_as_missing(labels):
    # Python's "'<' not supported between instances of 'str' and 'NoneType'" came through
    y = labels[np.arange(N) % 3]
    with pytest.raises(DataError, match=r"y: 40 missing label\(s\).*drop those rows"):
        MNLogitClassifier().fit(XA, y)


def test_the_bins_of_pd_cut_as_labels_are_told_to_be_named():
    binned = pd.cut(XA[:, 0], [-np.inf, -0.5, 0.5, np.inf])
    with pytest.raises(InputTypeError, match=r"Interval.*pd\.cut\(\.\.\., labels="):
        MNLogitClassifier().fit(XA, binned)
    named = pd.cut(XA[:, 0], [-np.inf, -0.5, 0.5, np.inf], labels=["low", "mid", "high"])
    assert MNLogitClassifier(penalty="l2").fit(XA, named).classes_.tolist() == [
        "high",
        "low",
        "mid",
    ]


def test_fractional_labels_are_told_how_to_be_classes():
    # scikit-learn's "Unknown label type: continuous. Maybe you are trying to fit a
    # classifier ..." said what, not what to do with labels such as 1, 2.5, 3
    with pytest.raises(DataError, match=r"Unknown label type: continuous") as refused:
        MNLogitClassifier().fit(XA, np.resize([1.0, 2.5, 3.0], N))
    assert "(e.g. 2.5)" in str(refused.value) and "y.astype(str)" in str(refused.value)
    as_text = MNLogitClassifier().fit(XA, np.resize([1.0, 2.5, 3.0], N).astype(str))
    assert as_text.classes_.tolist() == ["1.0", "2.5", "3.0"]


@pytest.mark.parametrize("dtype", [np.float32, np.float16])
def test_fractional_labels_of_short_floats_are_quoted_as_written(dtype):
    # float32's 0.1 was quoted as the double it widens to, 0.10000000149011612
    with pytest.raises(DataError, match=r"Unknown label type: continuous") as refused:
        MNLogitClassifier().fit(XA, np.resize(np.array([0.1, 0.2, 3.0], dtype=dtype), N))
    assert "(e.g. 0.1, 0.2)" in str(refused.value)


@pytest.mark.parametrize("K", [21, 60])
def test_many_classes_among_many_rows_are_not_warned_of_as_a_regression_target(K):
    # the warning that more than half of the labels are distinct counted the distinct labels
    # only, so every y of more than 20 classes got it, whatever its number of rows
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40 * K, 1))
    y = np.repeat(np.arange(K), 40)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        MNLogitClassifier(penalty="l2").fit(X, y)


def test_more_distinct_labels_than_half_the_rows_are_still_warned_of_at_the_users_line():
    X = np.random.default_rng(0).standard_normal((30, 1))
    y = np.r_[np.arange(20), np.arange(10)]
    with pytest.warns(UserWarning, match="greater than 50% of the number of samples") as caught:
        MNLogitClassifier(penalty="l2").fit(X, y)
    assert caught[0].filename == __file__


@pytest.mark.parametrize(
    ("labels", "advice"),
    [
        (np.array([1, 2, 3], dtype=object), "y.astype(int)"),
        (np.array([1, 2.0, 3], dtype=object), "y.astype(int)"),
        (np.array([True, 2, 3], dtype=object), "y.astype(str)"),
        (np.array([True, False], dtype=object), "y.astype(bool)"),
        (np.array([1, 2.5, 3], dtype=object), "y.astype(str)"),
    ],
    ids=["int", "int-float", "bool-int", "bool", "fraction"],
)
def test_numbers_stored_as_python_objects_are_refused_saying_how_to_convert(labels, advice):
    # scikit-learn's "Unknown label type: unknown. Maybe you are trying to fit a classifier,
    # which expects discrete classes on a regression target" came through: a pandas column
    # of whole numbers that once held None is such a y
    y = labels[np.arange(N) % len(labels)]
    with pytest.raises(
        DataError, match=rf"y: Unknown label type: .*stored as Python objects.*{re.escape(advice)}"
    ):
        MNLogitClassifier().fit(XA, y)
    converted = eval(advice, {"y": y})  # what the message says to do works
    assert len(MNLogitClassifier().fit(XA, converted).classes_) == len(labels)


def test_messages_quote_classes_as_python_values():
    # numpy's scalars printed as np.str_('a') in the refusals
    with pytest.raises(LevelError) as refused:
        MNLogitClassifier(ref="z").fit(XA, Y)
    assert "'a', 'b', 'c'" in str(refused.value) and "np.str_" not in str(refused.value)
    with pytest.raises(DataError) as refused:
        MNLogitClassifier().fit(XA, np.full(N, "a"))
    assert "('a')" in str(refused.value) and "np.str_" not in str(refused.value)


# --- text in X without a formula ---------------------------------------------------------------
@pytest.mark.parametrize("kind", ["str", "object", "category"])
def test_a_column_of_text_without_a_formula_is_refused_naming_it(kind):
    # numpy's "could not convert string to float: 'north'" named neither column nor row
    X = pd.DataFrame(XA, columns=["u", "v"]).assign(region=np.where(XA[:, 0] > 0, "north", "south"))
    X["region"] = X["region"].astype(kind)
    pattern = (
        r"X: column 'region' holds text \(e\.g\. '(north|south)' in row 0\).*"
        r"formula='u \+ v \+ C\(region\)'.*OneHotEncoder"
    )
    with pytest.raises(InputTypeError, match=pattern):
        MNLogitClassifier().fit(X, Y)
    clf = MNLogitClassifier().fit(XA, Y)
    with pytest.raises(InputTypeError, match=r"X: column 1 holds text"):
        clf.predict(X[["u", "region"]].to_numpy())
    assert MNLogitClassifier(formula="u + v + C(region)").fit(X, Y).results_.converged


def test_numbers_stored_as_objects_or_text_still_convert_as_scikit_learn_converts_them():
    as_objects = pd.DataFrame(XA.astype(object), columns=["u", "v"])
    np.testing.assert_array_equal(
        MNLogitClassifier().fit(as_objects, Y).coef_, MNLogitClassifier().fit(XA, Y).coef_
    )


@pytest.mark.parametrize("missing", [pd.NA, pd.NaT], ids=["NA", "NaT"])
@pytest.mark.parametrize("as_array", [False, True], ids=["frame", "array"])
def test_missing_values_among_objects_are_refused_as_missing(missing, as_array):
    # numpy's "float() argument must be a string or a real number, not 'NAType'", where None
    # or NaN in the same column are "Input X contains NaN"
    X = pd.DataFrame(XA.astype(object), columns=["u", "v"])
    X.iloc[3, 1] = missing
    where = r"column 1" if as_array else r"column 'v'"
    pattern = rf"Input X contains missing values: 1 row\(s\) \(first at position 3, {where}: "
    given = X.to_numpy() if as_array else X
    with pytest.raises(DataError, match=pattern):
        MNLogitClassifier().fit(given, Y)
    clf = MNLogitClassifier().fit(XA if as_array else pd.DataFrame(XA, columns=["u", "v"]), Y)
    with pytest.raises(DataError, match=pattern):
        clf.predict_proba(given)


@pytest.mark.parametrize("code", ["", "n/a", "?"])
def test_a_column_of_numbers_with_a_code_for_missing_is_not_told_to_be_a_factor(code):
    # the advice was formula='u + C(v)': a factor of every one of its numbers
    X = pd.DataFrame(XA.astype(object), columns=["u", "v"])
    X.iloc[5, 1] = code
    with pytest.raises(InputTypeError) as refused:
        MNLogitClassifier().fit(X, Y)
    text = str(refused.value)
    assert f"column 'v' holds numbers and text (e.g. {code!r} in row 5; 1 of {N}" in text
    assert "pd.to_numeric(X['v'], errors='coerce')" in text and "C(v)" not in text
    with pytest.raises(InputTypeError, match=r"pd\.to_numeric\(X\[:, 1\], errors='coerce'\)"):
        MNLogitClassifier().fit(X.to_numpy(), Y)


def _column_of(kind: str) -> pd.Series:
    import pyarrow as pa

    days = pd.date_range("2020-01-01", periods=N)
    return {
        "arrow dates": pd.Series(pd.array(days, dtype=pd.ArrowDtype(pa.timestamp("us")))),
        "arrow durations": pd.Series(
            pd.array(pd.to_timedelta(np.arange(N), unit="s"), dtype=pd.ArrowDtype(pa.duration("s")))
        ),
        "periods": pd.Series(pd.period_range("2020-01-01", periods=N, freq="D")),
        "intervals": pd.Series(pd.arrays.IntervalArray.from_breaks(np.arange(N + 1))),
        "complex": pd.Series(np.arange(N) * 1j),
    }[kind]


@pytest.mark.parametrize(
    ("kind", "match"),
    [
        ("arrow dates", r"X: column 'w' holds dates \(dtype timestamp\[us\]\[pyarrow\]\)"),
        ("arrow durations", r"X: column 'w' holds durations \(dtype duration"),
        (
            "periods",
            r"X: column 'w' holds Period values \(e\.g\. Period\('2020-01-01', 'D'\) in row 0",
        ),
        ("intervals", r"X: column 'w' holds Interval values \(e\.g\. Interval\(0, 1"),
        ("complex", r"X: column 'w' holds complex numbers \(dtype complex128\)\. Complex data"),
    ],
)
def test_a_column_of_values_that_are_no_real_numbers_is_refused_naming_it(kind, match):
    # numpy's "float() argument must be a string or a real number, not 'Period'" named
    # neither the column nor the row, and "Complex data not supported" printed all of X
    X = pd.DataFrame(XA, columns=["u", "v"]).assign(w=_column_of(kind))
    with pytest.raises(InputTypeError, match=match) as refused:
        MNLogitClassifier().fit(X, Y)
    assert len(str(refused.value)) < 400
    clf = MNLogitClassifier().fit(X[["u", "v"]].assign(w=0.5 + XA[:, 0] ** 2), Y)
    with pytest.raises(InputTypeError, match=match):
        clf.predict(X)


def test_complex_numbers_in_an_array_are_refused_naming_the_column():
    with pytest.raises(InputTypeError, match=r"X: column 0 holds complex numbers") as refused:
        MNLogitClassifier().fit(XA.astype(complex), Y)
    assert len(str(refused.value)) < 400


# --- rows a formula cannot predict -------------------------------------------------------------
@pytest.fixture(scope="module")
def logged() -> tuple[MNLogitClassifier, pd.DataFrame]:
    X = pd.DataFrame({"d": np.exp(XA[:, 0]), "v": XA[:, 1]})
    return MNLogitClassifier(formula="np.log(d) + v").fit(X, Y), X


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"d": [1.0, 0.0, 2.0]}, r"design column 'np\.log\(d\)' the value -inf from finite"),
        ({"d": [1.0, -1.0, 2.0]}, r"design column 'np\.log\(d\)' the value nan from finite"),
        ({"v": [1.0, np.inf, 2.0]}, r"an infinite value in column 'v' \(inf\)"),
    ],
    ids=["log0", "log-1", "inf"],
)
def test_rows_a_formula_cannot_predict_say_why(logged, change, match):
    # they were refused as "missing values ... impute them first", after a warning
    clf, X = logged
    new = X.head(3).assign(**change)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # one message: the refusal, no warning before it
        with pytest.raises(
            DataError, match=rf"X: 1 row\(s\) cannot be predicted \(at position 1: {match}"
        ) as refused:
            clf.predict_proba(new)
    assert "impute" not in str(refused.value)


def test_a_missing_value_in_a_formula_column_is_still_refused_as_missing(logged):
    clf, X = logged
    new = X.head(3).assign(v=[1.0, np.nan, np.nan])
    with pytest.raises(
        DataError,
        match=r"X: 2 row\(s\) have missing values in the formula's columns \(first at "
        r"position 1, column 'v'\).*impute",
    ):
        clf.predict(new)


# --- parameters changed after fit ----------------------------------------------------------------
@pytest.mark.parametrize(("fitted_with", "set_to"), [("np.exp(u) + v", None), (None, "u")])
def test_predictions_follow_the_fit_not_a_formula_set_after_it(fitted_with, set_to):
    # as every scikit-learn estimator predicts from its fitted attributes: the formula set
    # after fit made predict read X by the new one, with the old coefficients (a fit of
    # np.exp(u) predicted from u itself, without a word)
    X = pd.DataFrame(XA, columns=["u", "v"])
    clf = MNLogitClassifier(formula=fitted_with).fit(X, Y)
    before = clf.predict_proba(X), clf.decision_function(X), clf.predict(X)
    clf.set_params(formula=set_to)
    after = clf.predict_proba(X), clf.decision_function(X), clf.predict(X)
    for old, new in zip(before, after, strict=True):
        np.testing.assert_array_equal(old, new)


# --- collinear columns of X --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("extra", "advice"),
    [(np.ones(N), "PolynomialFeatures"), (XA[:, 0] - XA[:, 1], "drop='first'")],
    ids=["constant", "difference"],
)
def test_collinear_columns_of_x_are_refused_with_advice_for_x(extra, advice):
    # the advice was to "drop them from the formula", which a fit of X does not have
    X = np.column_stack([XA, extra])
    with pytest.raises(
        RankError, match=rf"'x2'.*drop them from X.*{advice}.*penalty='l2'"
    ) as refused:
        MNLogitClassifier().fit(X, Y)
    assert "formula" not in str(refused.value)
    assert MNLogitClassifier(penalty="l2").fit(X, Y).results_.converged


@pytest.mark.parametrize(
    ("values", "match"),
    [
        (pd.date_range("2020-01-01", periods=N), r"column 't' holds dates \(dtype datetime64"),
        (pd.to_timedelta(np.arange(N), "D"), r"column 't' holds durations"),
    ],
    ids=["dates", "durations"],
)
def test_a_column_of_dates_without_a_formula_is_refused_naming_it(values, match):
    # numpy's "The DType <class 'numpy.dtypes.DateTime64DType'> could not be promoted"
    X = pd.DataFrame(XA, columns=["u", "v"]).assign(t=values)
    with pytest.raises(InputTypeError, match=match):
        MNLogitClassifier().fit(X, Y)


@pytest.mark.parametrize("X", ["abc", 3.0, None], ids=["text", "number", "None"])
def test_an_x_that_is_no_table_is_refused_with_a_project_error(X):
    # the search for a column of text in X = "abc" failed with pandas' bare "Must pass 2-d
    # input"; scikit-learn's words come through as the package's error
    with pytest.raises(DataError, match=r"2D array|could not convert string"):
        MNLogitClassifier().fit(X, Y)


def test_a_formula_fit_without_y_says_y_is_missing():
    # it said "y should be a 1d array, got an array of shape () instead"
    X = pd.DataFrame(XA, columns=["u", "v"])
    with pytest.raises(DataError, match="requires y to be passed"):
        MNLogitClassifier(formula="u").fit(X, None)


# --- pandas' nullable labels ---------------------------------------------------------------------
BIG = 2**53  # the first integer beyond which float64 cannot tell neighbours apart


@pytest.mark.parametrize(
    ("labels", "dtype"),
    [
        (np.array([BIG, BIG + 1, BIG + 2]), "Int64"),
        (np.array([3, 1, 2]), "UInt8"),
        (np.array([True, False]), "boolean"),
        (np.array([BIG, BIG + 1, BIG + 2]), "int64[pyarrow]"),
    ],
    ids=["Int64-beyond-2**53", "UInt8", "boolean", "int64[pyarrow]"],
)
def test_nullable_labels_come_back_as_given(labels, dtype):
    # scikit-learn reads them as float64: 2**53 and 2**53 + 1 became one class without a
    # word, and True/False came back as 1.0/0.0
    if "pyarrow" in dtype:
        pytest.importorskip("pyarrow")
    y = pd.Series(pd.array(labels[np.arange(N) % len(labels)], dtype=dtype), name="k")
    clf = MNLogitClassifier().fit(XA, y)
    plain = y.to_numpy(dtype=y.dtype.numpy_dtype)
    np.testing.assert_array_equal(clf.classes_, np.unique(plain))
    assert clf.classes_.dtype == y.dtype.numpy_dtype
    assert set(clf.predict(XA).tolist()) <= set(plain.tolist())
    assert clf.score(XA, y) == clf.score(XA, plain)
    assert clf.results_._data.outcome_name == "k"


def test_labels_differing_only_by_white_space_are_warned_of_as_mnlogit_fit_warns():
    # the classifier fitted 'a' and 'a ' as two classes without the warning mnlogit.fit gives
    y = np.array(["a", "a ", "b"])[np.arange(N) % 3]
    with pytest.warns(MNLogitWarning, match=r"'a', 'a ' differ only by white space"):
        clf = MNLogitClassifier().fit(XA, pd.Series(y, name="grade"))
    assert len(clf.classes_) == 3  # warned of, not merged
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Categorical's categories are the user's choice
        MNLogitClassifier().fit(XA, pd.Categorical(y))


# --- sparse X ------------------------------------------------------------------------------------
def test_sparse_x_is_refused_saying_how_to_make_a_pipeline_give_dense_columns():
    # scikit-learn's advice, "Use '.toarray()'", cannot be followed inside a Pipeline, where a
    # ColumnTransformer of many one-hot columns turns sparse by itself
    from scipy import sparse

    with pytest.raises(
        InputTypeError,
        match=r"X: sparse.*\(csr, 120 x 2\).*sparse_output=False.*sparse_threshold=0",
    ):
        MNLogitClassifier().fit(sparse.csr_matrix(XA), Y)
    clf = MNLogitClassifier().fit(XA, Y)
    with pytest.raises(InputTypeError, match=r"X: sparse.*\(csc, 120 x 2\)"):
        clf.predict(sparse.csc_array(XA))


def test_a_dataframe_of_sparse_columns_is_refused_saying_how_to_make_it_dense():
    # scikit-learn's "Use '.toarray()'" is no method of a DataFrame; a mix of sparse and dense
    # columns scikit-learn makes dense, and so it stays
    frame = pd.DataFrame(XA, columns=["u", "v"])
    with pytest.raises(InputTypeError, match=r"every column is sparse.*X\.sparse\.to_dense\(\)"):
        MNLogitClassifier().fit(frame.astype(pd.SparseDtype(float, 0.0)), Y)
    clf = MNLogitClassifier().fit(frame, Y)
    with pytest.raises(InputTypeError, match=r"X\.sparse\.to_dense\(\)"):
        clf.predict(frame.astype(pd.SparseDtype(float, 0.0)))
    with pytest.warns(UserWarning, match="sparse columns"):
        mixed = MNLogitClassifier().fit(frame.astype({"v": pd.SparseDtype(float, 0.0)}), Y)
    np.testing.assert_array_equal(mixed.coef_, clf.coef_)


def test_a_categorical_of_numbers_without_a_formula_is_refused_as_no_number():
    # np.asarray reads the categories' values, so codes 1, 2, 3 of a Categorical were fitted
    # as one slope, where the package takes a Categorical as a factor
    X = pd.DataFrame(XA, columns=["u", "v"]).assign(g=pd.Categorical(np.arange(N) % 3 + 1))
    with pytest.raises(
        InputTypeError,
        match=r"X: column 'g' is a Categorical \(categories 1, 2, 3\).*C\(g\).*astype\(float\)",
    ):
        MNLogitClassifier().fit(X, Y)
    fitted = MNLogitClassifier(formula="u + v + C(g)").fit(X, Y)
    assert "C(g)[T.2]" in fitted.coef_names_
    numbers = MNLogitClassifier().fit(X.assign(g=X["g"].astype(float)), Y)
    assert "g" in numbers.coef_names_


def test_refusals_of_new_rows_speak_of_x_not_newdata(logged):
    # the classifier's argument is X; the formula's refusals spoke of "newdata", which it has not
    clf, X = logged
    with pytest.raises(DataError, match=r"^X: column 'v' was numbers in fitting"):
        clf.predict(X.head(2).assign(v="far"))


@pytest.mark.parametrize("label", [0, np.int64(2), 0.5])
def test_a_column_of_numbers_with_a_code_for_missing_is_named_by_its_own_label(label):
    # a column labelled 0 was quoted as '0', and the advice pd.to_numeric(X['0'], ...)
    # raised KeyError when followed
    codes = pd.Series(np.round(XA[:, 0], 2)).astype(str).astype(object)
    codes.iloc[3] = "n/a"
    X = pd.DataFrame({label: codes, "other": XA[:, 1]})
    with pytest.raises(InputTypeError) as refused:
        MNLogitClassifier().fit(X.set_axis([label, 7], axis=1), Y)
    text = str(refused.value)
    shown = label.item() if isinstance(label, np.generic) else label
    assert f"X: column {shown!r} holds numbers and text" in text
    assert f"pd.to_numeric(X[{shown!r}], errors='coerce')" in text
    # the advice followed names the column
    fixed = X.set_axis([label, 7], axis=1)
    fixed[label] = pd.to_numeric(fixed[shown], errors="coerce")
    assert fixed[label].isna().sum() == 1


def test_a_categorical_of_numbers_in_a_column_labelled_0_is_told_how_to_read_it_by_that_label():
    # X['0'].astype(float) was advised for the column labelled 0: KeyError when followed
    X = pd.DataFrame({0: pd.Categorical(np.resize([1.0, 2.0, 3.0], N)), 1: XA[:, 1]})
    with pytest.raises(InputTypeError) as refused:
        MNLogitClassifier().fit(X, Y)
    assert "X: column 0 is a Categorical" in str(refused.value)
    assert "X[0].astype(float)" in str(refused.value)
    fixed = X.copy()
    fixed[0] = X[0].astype(float)  # the advice followed
    assert MNLogitClassifier().fit(fixed, Y).coef_.shape[1] == 2


def test_the_formula_advised_for_a_column_of_text_keeps_every_other_column():
    # columns whose names need backticks ('a b', 'if', '2x') were left out of the formula
    # advised, so the fit it gave had lost them
    X = pd.DataFrame(
        {"g": np.resize(["p", "q"], N), "a b": XA[:, 0], "if": XA[:, 1], "2x": XA[:, 0] ** 2}
    )
    with pytest.raises(InputTypeError) as refused:
        MNLogitClassifier().fit(X, Y)
    advised = re.search(r"formula='([^']*)'", str(refused.value))
    assert advised is not None and advised.group(1) == "`a b` + `if` + `2x` + C(g)"
    clf = MNLogitClassifier(formula=advised.group(1)).fit(X, Y)
    assert len(clf.coef_names_) == 4


def test_the_cluster_refusal_says_what_to_fit_without_the_intercept():
    # it said only to add a column of ones, which with fit_intercept=False fits another model
    import mnlogit

    clf = MNLogitClassifier(ref="a", fit_intercept=False).fit(XA, Y)
    with pytest.raises(OptionError) as refused:
        MNLogitClassifier(cov_type="cluster", ref="a", fit_intercept=False).fit(XA, Y)
    assert "X itself with fit_intercept=False" in str(refused.value)
    advised = mnlogit.MNLogit(Y, XA, ref="a", groups=np.arange(N) % 40).fit(cov_type="cluster")
    np.testing.assert_allclose(advised.params.to_numpy().T, clf.coef_[1:], rtol=1e-8)


def test_a_transform_past_the_largest_float_at_predict_is_not_called_undefined():
    # np.exp(1000) is inf: it was said to be "not defined there, as a log of a value <= 0"
    rng = np.random.default_rng(3)
    X = pd.DataFrame({"x": rng.standard_normal(120)})
    y = rng.choice(list("abc"), 120)
    clf = MNLogitClassifier(formula="np.exp(x)").fit(X, y)
    with pytest.raises(DataError, match="not defined there or passes the largest float"):
        clf.predict_proba(pd.DataFrame({"x": [0.0, 1000.0]}))
