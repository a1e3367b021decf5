"""Inputs and options at the classifier's edges that scikit-learn's own checks, or the hints of
the options it does not take, misdescribed."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

pytest.importorskip("sklearn")

from mnlogit.exceptions import DataError, InputTypeError, OptionError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(50)
N = 60
X = RNG.standard_normal((N, 2))


@pytest.mark.parametrize("labels", [[1e19, 2e19], [1e300, 0.0], [2.0**63, 1.0]])
def test_whole_float_labels_past_int64_are_not_called_fractions(labels):
    # scikit-learn casts float labels to int64 to see whether they are whole: past its range
    # the cast fails, they are "continuous", and the refusal said the labels "include
    # fractions (e.g. )", quoting none, after numpy's "invalid value encountered in cast"
    y = np.resize(np.array(labels), N)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataError, match="Unknown label type: continuous") as refused:
            MNLogitClassifier().fit(X, y)
    message = str(refused.value)
    assert "fractions" not in message and "whole numbers past 64-bit integers" in message
    assert f"(e.g. {max(labels)!r}" in message and "y.astype(str)" in message
    as_text = MNLogitClassifier(penalty="l2").fit(X, y.astype(str))
    assert as_text.classes_.tolist() == sorted({str(v) for v in labels})


def test_whole_float_labels_int64_holds_are_still_classes():
    y = np.resize(np.array([-(2.0**63), 2.0**62]), N)
    assert MNLogitClassifier(penalty="l2").fit(X, y).classes_.tolist() == [-(2.0**63), 2.0**62]


@pytest.mark.parametrize("option", ["Cs", "cv", "scoring", "refit", "l1_ratios"])
def test_logistic_regression_cvs_parameters_point_to_a_grid_search(option):
    # code moved from LogisticRegressionCV(Cs=10, cv=5) was asked "did you mean C=?" for cv,
    # the number of folds read as the penalty's strength
    with pytest.raises(InputTypeError, match=r"LogisticRegressionCV's.*GridSearchCV") as refused:
        MNLogitClassifier(**{option: 5})
    assert "did you mean" not in str(refused.value)
    with pytest.raises(OptionError, match=r"LogisticRegressionCV's.*GridSearchCV"):
        MNLogitClassifier().set_params(**{option: 5})


def test_multiindex_columns_with_a_formula_are_refused_before_pandas_warns():
    # the refusal came after the outcome's column was set beside X's, which pandas warned of
    # ("Setting a new column on a DataFrame with a MultiIndex ... is deprecated")
    frame = pd.DataFrame({("a", ""): X[:, 0], ("b", ""): X[:, 1]})
    y = np.resize(["p", "q"], N)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(InputTypeError, match=r"X: the columns are a MultiIndex.*X\.columns"):
            MNLogitClassifier(formula="a").fit(frame, y)
    assert isinstance(frame.columns, pd.MultiIndex) and frame.shape == (N, 2)


@pytest.mark.parametrize(
    ("cov_type", "hint"),
    [
        ("HC0", r"statsmodels' HC0 is cov_type='robust' here"),
        ("hc1", r"HC1's small-sample correction is not offered.*weight_type='probability'"),
        ("sandwich", r"write cov_type='robust'"),
        ("OIM", r"write cov_type='nonrobust'"),
        ("linearized", r"cov_type='design', of probability weights"),
        ("clustered", r"needs the clusters \(groups=\), which are no parameter"),
    ],
)
def test_other_packages_covariance_names_are_answered_as_mnlogit_fit_answers_them(cov_type, hint):
    # mnlogit.fit says which covariance statsmodels' 'HC0' or Stata's 'linearized' is; the
    # classifier listed its own names only
    y = np.resize(["p", "q"], N)
    with pytest.raises(OptionError, match=rf"cov_type.*{cov_type!r}.*{hint}") as refused:
        MNLogitClassifier(cov_type=cov_type).fit(X, y)
    assert "cov_type='cluster'" not in str(refused.value).split("mnlogit.")[0]


def test_score_with_weights_summing_past_the_largest_float_is_the_weighted_accuracy():
    # scikit-learn's accuracy sums the weights: past 1.8e308 that sum is inf and the score
    # was NaN, without a word (its overflow warning silenced among the input checks)
    y = np.resize(["p", "q", "r"], N)
    clf = MNLogitClassifier().fit(X, y)
    w = RNG.random(N) + 0.5
    expected = clf.score(X, y, sample_weight=w)
    huge = w * (1.7e308 / w.max())
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert clf.score(X, y, sample_weight=huge) == pytest.approx(expected, rel=1e-12)
        equal = clf.score(X, y, sample_weight=np.full(N, 1.7e308))
        assert equal == pytest.approx(clf.score(X, y), rel=1e-12)


def test_a_firth_classifier_takes_sampling_weights_of_any_scale():
    y = np.resize(["p", "q", "r"], N)
    w = RNG.random(N) + 0.5
    given = MNLogitClassifier(method="firth").fit(X, y, sample_weight=w)
    tiny = MNLogitClassifier(method="firth").fit(X, y, sample_weight=w * 1e-310)
    np.testing.assert_allclose(tiny.coef_, given.coef_, rtol=1e-9, atol=1e-12)


@pytest.mark.parametrize(
    "cells",
    [
        pytest.param(lambda: pd.Series([[1.0, 2.0]] * N), id="lists"),
        pytest.param(lambda: pd.Series([np.array([1.0, 2.0])] * N), id="arrays"),
        pytest.param(lambda: pd.Series([(1.0, 2.0)] * N), id="tuples"),
        pytest.param(
            lambda: pd.Series(
                [[1.0, 2.0]] * N,
                dtype=pd.ArrowDtype(pa.list_(pa.float64())),
            ),
            id="arrow lists",
        ),
    ],
)
def test_a_column_of_several_values_per_cell_is_refused_naming_it(cells):
    # numpy's "setting an array element with a sequence." named neither the column nor what
    # to do, at fit and at prediction
    y = np.resize(["p", "q"], N)
    frame = pd.DataFrame({"a": X[:, 0], "b": cells()})
    with pytest.raises(InputTypeError, match=r"X: column 'b' (holds|has dtype).*several values"):
        MNLogitClassifier().fit(frame, y)
    fitted = MNLogitClassifier().fit(pd.DataFrame({"a": X[:, 0], "b": X[:, 1]}), y)
    with pytest.raises(InputTypeError, match=r"X: column 'b' (holds|has dtype).*several values"):
        fitted.predict(frame)


def test_a_polars_column_of_lists_is_refused_naming_it():
    import polars as pl

    y = np.resize(["p", "q"], N)
    frame = pl.DataFrame({"a": X[:, 0], "b": [[1.0, 2.0]] * N})
    with pytest.raises(InputTypeError, match=r"X: column 'b' has dtype .*list.*several values"):
        MNLogitClassifier().fit(frame, y)
