"""The classifier's refusals are the package's errors with the value and the way out: labels
of types that cannot be sorted, unknown parameter names."""

from __future__ import annotations

import datetime
import re
import warnings

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("sklearn")
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold, StratifiedKFold, cross_val_score

from mnlogit.exceptions import DataError, InputTypeError, LevelError, OptionError
from mnlogit.sklearn import MNLogitClassifier

X = np.random.default_rng(0).normal(size=(20, 2))


@pytest.mark.parametrize(
    ("labels", "types"),
    [
        (["a", 1], "int, str"),
        (["a", "b", 1], "int, str"),
        (["x", 2.5], "float, str"),
        # scikit-learn calls labels whose first is no text "unknown": these were refused as
        # "Maybe you are trying to fit a classifier ... on a regression target"
        ([1, "a"], "int, str"),
        ([2.5, "x", "y"], "float, str"),
    ],
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


@pytest.mark.parametrize(
    ("options", "match"),
    [
        ({}, r"not whole numbers \(e\.g\. .*\).*Leave cov_type=None, or.*whole numbers"),
        ({"weight_type": "probability"}, r"weight_type='probability'.*weight_type='frequency'"),
    ],
)
@pytest.mark.parametrize("cov_type", ["robust", "nonrobust"])
def test_a_covariance_probability_weights_refuse_is_explained_in_the_classifiers_terms(
    options, match, cov_type
):
    rng = np.random.default_rng(1)
    y = rng.choice(["a", "b", "c"], len(X))
    weights = rng.uniform(0.5, 2.0, len(X))
    with pytest.raises(OptionError, match=match) as refused:
        MNLogitClassifier(cov_type=cov_type, **options).fit(X, y, sample_weight=weights)
    assert "SurveyDesign" not in str(refused.value)  # no parameter of the classifier
    # what it advises works, and whole-number weights take the covariance asked for
    assert MNLogitClassifier(**options).fit(X, y, sample_weight=weights).results_.cov_type == (
        "design"
    )
    whole = MNLogitClassifier(cov_type=cov_type).fit(X, y, sample_weight=np.full(len(X), 2.0))
    assert whole.results_.cov_type == cov_type


def test_a_reference_a_training_fold_lacks_is_refused_saying_why_and_what_to_do():
    rng = np.random.default_rng(2)
    X = rng.standard_normal((90, 2))
    y = np.array(["a"] * 40 + ["b"] * 40 + ["c"] * 10)  # unshuffled: one fold holds every c
    clf = MNLogitClassifier(ref="c")
    with pytest.raises(LevelError, match=r"ref='c' is not a level.*StratifiedKFold.*ref=None"):
        cross_val_score(clf, X, y, cv=KFold(3), error_score="raise")
    assert len(cross_val_score(clf, X, y, cv=StratifiedKFold(3), error_score="raise")) == 3
    # a reference of the wrong kind keeps its hint
    with pytest.raises(LevelError, match=r"'1' is a str"):
        MNLogitClassifier(ref="1").fit(X, np.tile([0, 1, 2], 30))


@pytest.mark.parametrize("as_series", [False, True])
def test_a_reference_among_a_categoricals_unused_categories_is_said_to_have_no_rows(as_series):
    # a Categorical keeps the categories of the rows filtered out; ref naming one was told
    # only of cross-validation folds, where mnlogit.fit says the category has no rows
    y = pd.Categorical(list("abc") * 10, categories=["walk", "c", "b", "a"])
    y = pd.Series(y) if as_series else y
    with pytest.raises(LevelError) as caught:
        MNLogitClassifier(ref="walk").fit(np.arange(30.0)[:, None], y)
    assert "('walk' is a category of the outcome, but no row used has it)" in str(caught.value)


@pytest.mark.parametrize("missing", [None, np.nan, pd.NA])
def test_score_refuses_missing_true_labels_by_their_position(missing):
    # scikit-learn's accuracy gave Python's "'<' not supported between instances of
    # 'NoneType' and 'str'"
    X = np.arange(8.0)[:, None]
    clf = MNLogitClassifier().fit(X, list("aababbab"))
    y = pd.Series(list("aababbab"), dtype=object)
    y[2] = missing
    with pytest.raises(DataError, match=r"y: 1 missing label\(s\) \(first at position 2"):
        clf.score(X, y)


def _with_missing(dtype: str) -> pd.Series:
    values = ["a", "b", None, "a"] if dtype in ("object", "string", "category") else [1, 0, None, 1]
    y = pd.Series((values * 5)[:20], dtype="boolean" if dtype == "boolean" else dtype)
    return y.astype(object).where(y.notna(), pd.NA) if dtype == "object" else y


@pytest.mark.parametrize("formula", [None, "u"])
@pytest.mark.parametrize(
    "dtype", ["object", "string", "string[pyarrow]", "category", "Int64", "boolean"]
)
def test_missing_labels_of_every_kind_are_refused_as_missing(dtype, formula):
    # pd.NA among text and in string[pyarrow] gave "boolean value of NA is ambiguous", a
    # Categorical's missing label "Input contains NaN", an Int64's NumPy's "invalid value
    # encountered in cast" on the way to "Input y contains NaN."
    if "pyarrow" in dtype:
        pytest.importorskip("pyarrow")
    y = _with_missing(dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no NumPy warning on the way
        with pytest.raises(DataError, match=r"y: 5 missing label\(s\) \(first at position 2"):
            MNLogitClassifier(formula=formula).fit(pd.DataFrame(X, columns=["u", "v"]), y)


def test_float16_labels_are_classes_as_scikit_learn_takes_them():
    # pandas hashes no float16: "NotImplementedError: float16 indexes are not supported"
    y = np.tile([0.0, 1.0, 2.0], 7)[:20].astype(np.float16)
    clf = MNLogitClassifier().fit(X, y)
    assert clf.classes_.dtype == np.float16
    np.testing.assert_array_equal(clf.classes_, [0.0, 1.0, 2.0])
    same = MNLogitClassifier().fit(X, y.astype(np.float64))
    np.testing.assert_allclose(clf.predict_proba(X), same.predict_proba(X), rtol=0, atol=1e-15)
    assert clf.predict(X).dtype == np.float16


def test_columns_of_one_name_in_x_are_refused_with_scikit_learns_words():
    # "AttributeError: 'DataFrame' object has no attribute 'dtype'" from the check for
    # categoricals, which read X[name] as one column
    frame = pd.DataFrame(X, columns=["a", "a"])
    with pytest.raises(DataError, match="Expected unique column names"):
        MNLogitClassifier().fit(frame, np.tile([0, 1], 10))


def _unconverged_fit() -> None:
    rng = np.random.default_rng(3)
    X = rng.standard_normal((300, 3))
    y = np.where(X[:, 0] + rng.standard_normal(300) > 0, "yes", "no")
    MNLogitClassifier(max_iter=1).fit(X, y)


def test_an_unconverged_fit_warns_with_scikit_learns_convergence_warning_too():
    # a grid search's filter for scikit-learn's warning must catch the classifier's, as it
    # catches LogisticRegression's; mnlogit's own filter still catches it too
    from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning

    import mnlogit

    for category in (SklearnConvergenceWarning, mnlogit.ConvergenceWarning):
        with warnings.catch_warnings():
            warnings.simplefilter("error", category)
            with pytest.raises(category, match="max_iter"):
                _unconverged_fit()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.filterwarnings("ignore", category=SklearnConvergenceWarning)
        _unconverged_fit()  # nothing else is issued


def test_the_classifiers_warning_category_stays_in_its_thread():
    # a plain fit in another thread, while a classifier fits, keeps mnlogit's category
    import threading

    import mnlogit
    from mnlogit.exceptions import ConvergenceWarning, issued_as, warn

    seen: list[type[Warning]] = []

    def plain() -> None:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            warn("stopped", ConvergenceWarning)
        seen.extend(w.category for w in caught)

    class Other(mnlogit.ConvergenceWarning):
        pass

    with issued_as({ConvergenceWarning: Other}):
        worker = threading.Thread(target=plain)
        worker.start()
        worker.join()
        with pytest.warns(Other):
            warn("stopped", ConvergenceWarning)
    assert seen == [ConvergenceWarning]


def test_a_level_a_training_fold_lacks_is_refused_saying_what_to_do():
    # the refusal named the level and stopped there; in a cross-validation it is a fold's
    # NaN score with that message
    rng = np.random.default_rng(3)
    frame = pd.DataFrame({"x": rng.normal(size=60), "g": ["u", "v"] * 29 + ["w", "w"]})
    y = np.array(["a", "b", "c"] * 20)
    clf = MNLogitClassifier(formula="x + C(g)").fit(frame.iloc[:58], y[:58])
    with pytest.raises(LevelError, match=r"\{'w'\}.*OneHotEncoder\(drop='first', handle_unk"):
        clf.predict(frame.iloc[55:])


# --- scikit-learn's assume_finite=True skips its own check of X -----------------------------
@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_non_finite_x_is_refused_under_assume_finite_at_fit(bad):
    # the fit failed in SciPy's linprog: "c must not contain values inf, nan, or None"
    from sklearn import config_context

    Xb = X.copy()
    Xb[3, 1] = bad
    y = np.tile(["a", "b"], 10)
    with config_context(assume_finite=True):
        with pytest.raises(DataError, match=r"NaN or infinity: 1 row\(s\) \(first at position 3"):
            MNLogitClassifier().fit(Xb, y)


@pytest.mark.parametrize("method", ["predict", "predict_proba", "predict_log_proba", "score"])
def test_non_finite_x_is_refused_under_assume_finite_at_prediction(method):
    # predict_proba gave a row of NaN, and predict that row's class as the first class
    from sklearn import config_context

    y = np.tile(["a", "b"], 10)
    clf = MNLogitClassifier().fit(X, y)
    Xb = X.copy()
    Xb[5, 0] = np.nan
    args = (Xb, y) if method == "score" else (Xb,)
    with config_context(assume_finite=True):
        with pytest.raises(DataError, match=r"first at position 5, column 0: nan"):
            getattr(clf, method)(*args)
        # finite rows are predicted as without the setting
        np.testing.assert_array_equal(
            clf.predict_proba(X), MNLogitClassifier().fit(X, y).predict_proba(X)
        )


@pytest.mark.parametrize("weights", [[-1.0] + [1.0] * 19, [-1.5] + [1.0] * 19])
def test_negative_sample_weight_is_refused_by_the_classifiers_name_for_it(weights):
    # the refusal said "weights:", mnlogit.fit's argument, not the classifier's
    with pytest.raises(DataError, match=r"^sample_weight: \w+ weights must be >= 0"):
        MNLogitClassifier().fit(X, np.tile(["a", "b"], 10), sample_weight=weights)


def test_c_inf_points_to_the_unpenalised_fit():
    # a grid over C up to np.inf, as LogisticRegression takes it, was refused as any bad C
    y = np.tile(["a", "b"], 10)
    with pytest.raises(
        OptionError, match=r"got inf, which is no penalty at all: pass penalty=None"
    ):
        MNLogitClassifier(penalty="l2", C=np.inf).fit(X, y)
    assert MNLogitClassifier(penalty=None).fit(X, y).results_.bse.notna().all().all()


@pytest.mark.parametrize("formula", [None, "x0 + x1"])
def test_weights_past_the_float_range_are_refused_as_sample_weight(formula):
    # "weights: the weights sum to more than the largest floating-point number": mnlogit.fit's
    # argument, not the classifier's
    Xf = pd.DataFrame(X, columns=["x0", "x1"]) if formula else X
    with pytest.raises(DataError, match=r"^sample_weight: the weights sum to more than"):
        MNLogitClassifier(formula=formula).fit(
            Xf, np.tile(["a", "b"], 10), sample_weight=np.full(20, 1e307)
        )


@pytest.mark.parametrize("ref", ["1", ["a"]])
def test_a_reference_of_another_kind_gets_no_cross_validation_advice(ref):
    # '1' among 0, 1, 2 (or a list) is no rare class a training fold lacked: stratifying the
    # folds, as the refusal advised, would not help
    y = np.tile([0, 1, 2], 30) if ref == "1" else np.tile(["a", "b", "c"], 30)
    with pytest.raises(LevelError, match=r"\(the classes of the y given to fit\)$"):
        MNLogitClassifier(ref=ref).fit(np.random.default_rng(3).normal(size=(90, 2)), y)


@pytest.mark.parametrize(("ref", "said"), [("Car", "letter case"), ("car ", "white space")])
def test_a_reference_that_misspells_a_class_gets_no_cross_validation_advice(ref, said):
    # 'Car' for the class 'car' is no rare class a training fold lacked
    y = np.tile(["bus", "car", "walk"], 30)
    with pytest.raises(LevelError, match=r"\(the classes of the y given to fit\)$") as refused:
        MNLogitClassifier(ref=ref).fit(np.random.default_rng(3).normal(size=(90, 2)), y)
    assert f"differ only by {said}" in str(refused.value)


@pytest.mark.parametrize("ref", [np.nan, pd.NA, pd.NaT, float("nan")], ids=repr)
def test_a_missing_reference_gets_no_cross_validation_advice(ref):
    # a training fold lacking a rare class was given as the likely cause of ref=nan
    with pytest.raises(LevelError) as refused:
        MNLogitClassifier(ref=ref).fit(
            np.random.default_rng(3).normal(size=(90, 2)), np.tile([0.0, 1.0, 2.0], 30)
        )
    text = str(refused.value)
    assert "cross-validation" not in text and "a missing value is no class" in text


def test_a_grid_of_penalty_by_c_is_told_how_to_give_penalty_none_its_own_grid():
    # LogisticRegression ignores C without a penalty, with a warning; the classifier refuses
    # it, and a grid of penalty x C crosses penalty=None with every C: its refusal, repeated
    # in the grid search's FitFailedWarning, said nothing of grids
    from sklearn.model_selection import GridSearchCV

    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(90, 2)), np.tile(["a", "b", "c"], 30)
    with pytest.raises(OptionError, match=r"\[\{'penalty': \[None\]\}, \{'penalty': \['l2'\]"):
        MNLogitClassifier(C=0.5).fit(X, y)
    grid = [{"penalty": [None]}, {"penalty": ["l2"], "C": [0.1, 1.0]}]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no fit fails
        GridSearchCV(MNLogitClassifier(), grid, cv=3).fit(X, y)


@pytest.mark.parametrize("bad", [{"C": 0.5}, {"method": "lbfgs"}, {"penalty": "l1"}])
def test_bad_options_are_refused_before_the_data_are_read(bad):
    # a grid of bad options failed only after the design was built, or on the data's faults
    with pytest.raises(OptionError):
        MNLogitClassifier(**bad).fit([[1.0], [np.nan]], ["a", "b"])


@pytest.mark.parametrize(
    ("ref", "labels", "said"),
    [
        (
            2,
            ["x", "y", "z"],
            "ref=2 is a number and the classes are text; ref names a class by "
            "its value, not its position (e.g. ref='z')",
        ),
        (
            2.5,
            ["x", "y", "z"],
            "ref=2.5 is a number and the classes are text; ref names a class "
            "by its value (e.g. ref='z')",
        ),
        (True, [0, 1, 2], "ref=True is a boolean and the classes are numbers"),
    ],
)
def test_a_reference_of_another_kind_than_the_classes_says_so(ref, labels, said):
    # ref=2 for classes 'x', 'y', 'z' (a position, as in R's relevel by index) was told that
    # a training fold can lack a rare class, and to stratify the folds
    with pytest.raises(LevelError) as refused:
        MNLogitClassifier(ref=ref).fit(
            np.random.default_rng(3).normal(size=(90, 2)), np.tile(labels, 30)
        )
    assert said in str(refused.value) and "cross-validation" not in str(refused.value)


def test_new_values_of_another_type_than_the_levels_get_no_cross_validation_advice():
    # '1', '2' for the levels 1, 2 is a column read as text, not a rare level a fold lacked
    g = np.tile([1, 2, 3], 10)
    frame = pd.DataFrame({"x": np.arange(30.0) % 7, "g": g})
    clf = MNLogitClassifier(formula="x + C(g)").fit(frame, np.tile(["a", "b"], 15))
    with pytest.raises(LevelError, match=r"' is a str; the level \d is a number\)$"):
        clf.predict(frame.assign(g=g.astype(str)))
    with pytest.raises(LevelError, match=r"a training fold can lack a rare level") as refused:
        clf.predict(frame.assign(g=4))
    # the encoding advised reads a level its fold lacked as the first one: said, not hidden
    assert "predicts a level its training fold lacked as the first level" in str(refused.value)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("b ", "differ only by white space"),
        ("B", "differ only by letter case"),
        (0.1 + 0.2, "differ only by rounding"),
    ],
)
def test_new_values_near_a_level_get_no_advice_to_ignore_unknown_levels(value, said):
    # 'b ' for the level 'b' was told a fold can lack a rare level and to encode the column
    # with handle_unknown='ignore', which reads 'b ' as the baseline level without a word
    levels = ["a", "b", "c"] if isinstance(value, str) else [0.1, 0.3, 0.5]
    frame = pd.DataFrame({"x": np.arange(30.0) % 7, "g": np.tile(levels, 10)})
    clf = MNLogitClassifier(formula="x + C(g)").fit(frame, np.tile(["u", "v"], 15))
    with pytest.raises(LevelError, match=said) as refused:
        clf.predict(frame.head(3).assign(g=value))
    assert "handle_unknown" not in str(refused.value)
    assert "cross-validation" not in str(refused.value)


def test_a_dataframe_without_rows_is_refused_with_a_formula_as_without():
    # with a formula it failed with Python's "IndexError: list index out of range"
    frame = pd.DataFrame({"x": np.arange(6.0)}).iloc[:0]
    for clf, X_ in ((MNLogitClassifier(formula="x"), frame), (MNLogitClassifier(), frame)):
        with pytest.raises(DataError, match=r"Found array with 0 sample\(s\) \(shape=\(0, 1\)\)"):
            clf.fit(X_, np.array([], dtype=str))


def _masked(values: np.ndarray) -> np.ma.MaskedArray:
    mask = np.zeros(values.shape, dtype=bool)
    mask[2] = True
    return np.ma.masked_array(values, mask=mask)


@pytest.mark.parametrize("where", ["X", "y", "sample_weight"])
def test_masked_entries_are_refused_not_read_as_data(where):
    # scikit-learn reads the values under a numpy mask: the fit used them as data
    y = np.tile(["a", "b"], 10)
    args = {"X": X, "y": y, "sample_weight": np.full(20, 2.0)}
    args[where] = _masked(args[where])
    with pytest.raises(DataError, match=rf"^{where}: (1|2) masked value\(s\) \(first at position"):
        MNLogitClassifier().fit(args["X"], args["y"], sample_weight=args["sample_weight"])
    # without masked entries a masked array is its values
    args[where] = np.ma.masked_array(np.ma.getdata(args[where]))
    MNLogitClassifier().fit(args["X"], args["y"], sample_weight=args["sample_weight"])


@pytest.mark.parametrize("method", ["predict_proba", "score"])
def test_masked_entries_are_refused_at_prediction(method):
    y = np.tile(["a", "b"], 10)
    clf = MNLogitClassifier().fit(X, y)
    args = (_masked(X), y) if method == "predict_proba" else (X, _masked(y))
    with pytest.raises(DataError, match=r"masked value\(s\) \(first at position"):
        getattr(clf, method)(*args[: 1 if method == "predict_proba" else 2])


@pytest.mark.parametrize(
    ("where", "option", "match"),
    [
        ("init", "class_weight", r"compute_sample_weight\('balanced', y\)"),
        ("init", "solver", r"method='newton', or Firth's, method='firth'"),
        ("init", "warm_start", r"there is no warm start"),
        ("init", "n_jobs", r"cross-validation takes its own n_jobs"),
        ("init", "groups", r"mnlogit.MNLogit\(y, X1, groups=g\).fit\(cov_type='cluster'\)"),
        ("init", "reference", r"the reference class of results_ is ref="),
        ("init", "baseoutcome", r"the reference class of results_ is ref="),
        ("init", "fromula", r"did you mean formula=\?"),
        ("fit", "weights", r"the weights are sample_weight="),
        ("fit", "groups", r"mnlogit.MNLogit\(y, X1, groups=g\).*X1 being X with a column"),
        ("fit", "class_weight", r"compute_sample_weight\('balanced', y\)"),
        ("fit", "sample_weights", r"did you mean sample_weight=\?"),
        # fit(X, y, ref=...) was told only that fit takes X, y, sample_weight
        ("fit", "ref", r"the classifier's ref=: MNLogitClassifier\(ref=\.\.\.\)"),
        ("fit", "baseline", r"the classifier's ref=: MNLogitClassifier\(ref=\.\.\.\)"),
    ],
)
def test_logistic_regressions_parameters_are_answered_with_the_classifiers_way(
    where, option, match
):
    # Python's bare "__init__() got an unexpected keyword argument 'class_weight'"
    with pytest.raises(
        InputTypeError, match=rf"got an unexpected keyword argument {option!r}; .*{match}"
    ):
        if where == "init":
            MNLogitClassifier(**{option: 1})
        else:
            MNLogitClassifier().fit(X, np.tile(["a", "b"], 10), **{option: np.ones(20)})


def test_the_answering_keeps_scikit_learns_view_of_the_signatures():
    # get_params, clone and metadata routing read the signatures of __init__ and fit
    import inspect

    from sklearn import config_context

    assert list(inspect.signature(MNLogitClassifier.fit).parameters) == [
        "self",
        "X",
        "y",
        "sample_weight",
    ]
    assert "C" in clone(MNLogitClassifier(C=2.0, penalty="l2")).get_params()
    with config_context(enable_metadata_routing=True):
        routed = MNLogitClassifier().set_fit_request(sample_weight=True)
        assert routed.get_metadata_routing().fit.requests == {"sample_weight": True}


@pytest.mark.parametrize(
    ("params", "match"),
    [
        ({"class_weight": "balanced"}, r"; the classifier has no class weights: give fit\(\)"),
        ({"C": 2.0, "solver": "lbfgs"}, r"'solver'.*; the fit is Fisher scoring"),
        ({"Ref": "a"}, r"; did you mean ref=\?$"),
        ({"foo": 1}, r"Valid parameters are: \[.*'weight_type'\]$"),
    ],
)
def test_set_params_answers_logistic_regressions_parameters_too(params, match):
    # a grid search over LogisticRegression's class_weight was refused naming it only
    with pytest.raises(OptionError, match=match):
        MNLogitClassifier().set_params(**params)


def test_nan_float_labels_are_refused_as_missing_under_assume_finite():
    # scikit-learn skips its NaN check and called labels 0, 1 with a NaN "continuous", a
    # regression target; without the setting its own words stay
    from sklearn import config_context

    y = np.tile([0.0, 1.0], 10)
    y[4] = np.nan
    with config_context(assume_finite=True):
        with pytest.raises(DataError, match=r"^y: 1 missing label\(s\) \(first at position 4"):
            MNLogitClassifier().fit(X, y)
    with pytest.raises(DataError, match=r"^Input y contains NaN"):
        MNLogitClassifier().fit(X, y)


DAYS = pd.to_timedelta([1, 2, 3] * 10, unit="D").to_numpy()
DATES = pd.to_datetime(["2020-01-01", "2021-01-01", "2022-01-01"] * 10).to_numpy()
XT = np.random.default_rng(1).normal(size=(30, 1))


@pytest.mark.parametrize(
    "ref",
    [pd.Timedelta(days=2), np.timedelta64(2, "D"), datetime.timedelta(days=2)],
)
def test_a_reference_among_classes_of_time_spans_is_taken_in_every_spelling(ref):
    # pd.Timedelta was refused as "a Timedelta, and the classes are timedeltas", and
    # np.timedelta64 ended in a bare TypeError from int()
    clf = MNLogitClassifier(ref=ref).fit(XT, DAYS)
    assert clf.results_.ref == pd.Timedelta(days=2)
    plain = MNLogitClassifier().fit(XT, DAYS)
    np.testing.assert_allclose(clf.predict_proba(XT), plain.predict_proba(XT), atol=1e-12)


@pytest.mark.parametrize(("y", "ref"), [(DAYS, np.timedelta64(9, "D")), (DATES, "2021")])
def test_a_reference_that_is_no_class_of_dates_or_time_spans_quotes_them_as_pandas_does(y, ref):
    with pytest.raises(LevelError) as refused:
        MNLogitClassifier(ref=ref).fit(XT, y)
    # the classes were quoted as np.datetime64('2020-01-01T00:00:00.000000')
    assert "np." not in str(refused.value) and "datetime." not in str(refused.value)
    assert ("Timedelta('1 days" if y is DAYS else "Timestamp('2020-01-01") in str(refused.value)


@pytest.mark.parametrize(
    ("labels", "advice", "convert"),
    [
        ([2**64 - 1, 0, 5], "y.astype(np.uint64)", lambda y: y.astype(np.uint64)),
        ([2**70, 2**70 + 1, 3], "y.astype(str)", lambda y: y.astype(str)),
        ([-3, 0, 5], "y.astype(int)", lambda y: y.astype(int)),
    ],
)
def test_whole_numbers_held_as_objects_are_told_a_conversion_that_holds_them(
    labels, advice, convert
):
    # y.astype(int) was advised for all of them, which raised OverflowError past int64
    y = pd.Series(labels * 10, dtype=object)
    x = np.random.default_rng(2).normal(size=(30, 1))
    with pytest.raises(InputTypeError, match=re.escape(advice)):
        MNLogitClassifier().fit(x, y)
    # the advice followed fits, with the labels as classes
    clf = MNLogitClassifier().fit(x, convert(y))
    assert len(clf.classes_) == 3


def _three_classes():
    rng = np.random.default_rng(44)
    X3 = rng.normal(size=(150, 2))
    y3 = np.where(X3[:, 0] + rng.logistic(size=150) > 0, 3, np.where(X3[:, 1] > 0, 1, 2))
    return X3, y3


@pytest.mark.parametrize("as_series", [False, True])
def test_score_refuses_booleans_for_classes_that_are_other_numbers(as_series):
    """y == 3 scored against the classes 1, 2, 3 counted True as the class 1: an accuracy of
    rows predicted 1 where y was True, said as the accuracy of the classifier."""
    X3, y3 = _three_classes()
    clf = MNLogitClassifier().fit(X3, y3)
    flags = pd.Series(y3 == 3).astype("boolean") if as_series else y3 == 3
    with pytest.raises(InputTypeError, match=r"classes are numbers \(1, 2, 3\); got booleans"):
        clf.score(X3, flags)
    clf_bool = MNLogitClassifier().fit(X3, y3 == 3)
    with pytest.raises(InputTypeError, match=r"classes are booleans \(False, True\); got numbers"):
        clf_bool.score(X3, y3)


def test_score_takes_zeros_and_ones_for_booleans_and_the_labels_as_fitted():
    X3, y3 = _three_classes()
    clf = MNLogitClassifier().fit(X3, y3 == 3)
    want = clf.score(X3, y3 == 3)
    assert clf.score(X3, (y3 == 3).astype(int)) == want  # 1 is True, as predict takes it
    numbers = MNLogitClassifier().fit(X3, (y3 == 3).astype(int))
    assert numbers.score(X3, y3 == 3) == want
    assert MNLogitClassifier().fit(X3, y3).score(X3, y3.astype(float)) > 0.5


@pytest.fixture(scope="module")
def flagged():
    """X with a measurement ``b`` and a column of 0s and 1s ``flag``, and its classifier."""
    frame = pd.DataFrame(X, columns=["a", "b"]).assign(flag=(X[:, 0] > 0).astype(float))
    return frame, MNLogitClassifier().fit(frame, list("uvw" * 7)[:20])


@pytest.mark.parametrize("kind", ["pandas", "polars"])
def test_booleans_for_a_column_of_measurements_are_refused_as_results_refuses_them(flagged, kind):
    # predict_proba read True as 1 where results_.predict refused the same X: a flag given
    # for a measurement (b > 0 for b) was predicted from without a word
    frame, clf = flagged
    convert = pytest.importorskip("polars").from_pandas if kind == "polars" else pd.DataFrame
    given = convert(frame.head(4).assign(b=frame["b"].head(4) > 0))
    for predicts in (clf.predict_proba, clf.predict, clf.decision_function, clf.results_.predict):
        with pytest.raises(InputTypeError, match="got booleans, which would be read as 1 and 0"):
            predicts(given)
    with pytest.raises(InputTypeError, match=r"^X: column 'b' was numbers in fitting \(e\.g\. "):
        clf.predict_log_proba(given)
    # a column fitted on 0s and 1s takes booleans, as results_ takes them
    flags = convert(frame.head(4).assign(flag=frame["flag"].head(4) > 0))
    np.testing.assert_allclose(
        clf.predict_proba(flags), clf.results_.predict(flags).to_numpy(), atol=1e-15
    )


def test_a_boolean_array_for_columns_of_measurements_is_refused(flagged):
    frame, _ = flagged
    clf = MNLogitClassifier().fit(frame.to_numpy(), list("uvw" * 7)[:20])
    with pytest.raises(InputTypeError, match=r"^X: column 'x0' was numbers in fitting"):
        clf.predict_proba(frame.head(3).to_numpy() > 0)


@pytest.mark.parametrize(
    "method", ["predict", "predict_proba", "predict_log_proba", "decision_function"]
)
def test_predictions_of_no_rows_are_refused_with_a_formula_as_without(method):
    # the array classifier refused X without rows (scikit-learn's check), the formula one
    # gave an empty array
    frame = pd.DataFrame({"x": np.arange(60.0) % 7})
    y = np.tile(["a", "b", "c"], 20)
    for clf in (MNLogitClassifier(formula="x"), MNLogitClassifier()):
        clf.fit(frame, y)
        with pytest.raises(DataError, match=r"Found array with 0 sample\(s\) \(shape=\(0, 1\)\)"):
            getattr(clf, method)(frame.iloc[:0])


@pytest.mark.parametrize(
    "params", [{"penalty": "l2"}, {"C": 0.5}, {"penalty": "l2", "C": 0.5}], ids=repr
)
def test_a_grid_of_method_by_penalty_is_told_to_give_firth_a_grid_of_its_own(params):
    # a grid of method x (penalty, C) fits Firth with L2's options: the refusal said "use one
    # or the other", or to pass penalty='l2', which Firth refuses
    y = np.array(["a", "b"] * 10)
    with pytest.raises(OptionError) as refused:
        MNLogitClassifier(method="firth", **params).fit(X, y)
    said = str(refused.value)
    assert "give method='firth' a grid of its own" in said
    assert "pass penalty='l2'" not in said
    grid = [{"method": ["firth"]}, {"penalty": ["l2"], "C": [0.5, 1.0]}]
    search = GridSearchCV(MNLogitClassifier(), grid, cv=2, error_score="raise").fit(X, y)
    assert len(search.cv_results_["params"]) == 3
