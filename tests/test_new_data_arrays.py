"""Predictions of a model from arrays (``MNLogit(y, X)``): the fitted rows keep the labels of
y or X, and new data of booleans for a column of other numbers are refused, not read as 1
and 0."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError


@pytest.fixture(scope="module")
def labelled():
    rng = np.random.default_rng(7)
    n = 240
    index = pd.Index(np.arange(n) * 10 + 5, name="id")
    X = pd.DataFrame(
        {
            "const": 1.0,
            "a": rng.normal(size=n),
            "count": rng.integers(0, 4, n).astype(float),
            "dummy": (rng.random(n) > 0.5).astype(float),
        },
        index=index,
    )
    y = pd.Series(rng.choice(["p", "q", "r"], n), index=index, name="y")
    return y, X, mnlogit.MNLogit(y, X).fit()


@pytest.mark.parametrize("kind", ["prob", "class", "link"])
def test_fitted_rows_keep_the_labels_of_x(labelled, kind):
    # they were 0..n-1: assigned into the user's DataFrame, pandas matched them by label,
    # and row 5 got the prediction of the fifth row, row 15 of the fifteenth, the rest NaN
    _, X, res = labelled
    fitted = res.predict(kind=kind)
    assert fitted.index.equals(X.index)
    new = X.copy()
    new["fitted"] = fitted if kind == "class" else fitted.iloc[:, 0]
    expected = res.predict(X, kind=kind)
    expected = expected if kind == "class" else expected.iloc[:, 0]
    pd.testing.assert_series_equal(new["fitted"], expected, check_names=False)


def test_fitted_rows_keep_the_labels_of_y_with_an_array_design(labelled):
    y, X, _ = labelled
    res = mnlogit.MNLogit(y, X.to_numpy()).fit()
    assert res.predict().index.equals(y.index)
    intervals = res.prediction_intervals()
    # named as predict() names them: y's index is "id"
    assert intervals.index.get_level_values("id").unique().equals(y.index)


def test_a_subpopulation_keeps_the_labels_of_its_rows(labelled):
    y, X, _ = labelled
    inside = (X["a"] > -0.5).to_numpy()
    design = mnlogit.SurveyDesign(weights=np.ones(len(y)))
    res = mnlogit.MNLogit(y, X, design=design, subpop=inside).fit()
    assert res.predict().index.equals(X.index[inside])


@pytest.mark.parametrize("dtype", ["bool", "boolean"])
def test_booleans_for_a_column_of_counts_are_refused(labelled, dtype):
    # they were read as 1 and 0: count > 0 given for count predicted at count = 1
    _, X, res = labelled
    new = X.head(4).assign(count=(X["count"].head(4) > 0).astype(dtype))
    with pytest.raises(InputTypeError, match=r"design column 'count' was numbers in fitting"):
        res.predict(new)
    with pytest.raises(InputTypeError, match=r"got booleans, which would be read as 1 and 0"):
        res.prediction_intervals(new)


def test_a_boolean_array_for_a_design_of_measurements_is_refused(labelled):
    _, X, res = labelled
    with pytest.raises(InputTypeError, match=r"design column 'a' was numbers in fitting"):
        res.predict(X.head(3).to_numpy() > 0)


def test_python_booleans_in_an_array_of_objects_are_refused_as_a_bool_arrays_are(labelled):
    # np.array(rows, dtype=object) holding True/False for the counts predicted at count = 1
    _, X, res = labelled
    rows = X.head(3).to_numpy().astype(object)
    rows[:, 2] = [True, False, True]
    with pytest.raises(InputTypeError, match=r"design column 'count' was numbers in fitting"):
        res.predict(rows)
    rows[:, 2] = X["count"].head(3).to_numpy()  # the numbers, as objects, still predict
    pd.testing.assert_frame_equal(
        res.predict(rows).set_axis(range(3)), res.predict(X.head(3)).reset_index(drop=True)
    )
    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    y = labelled[0]
    clf = MNLogitClassifier().fit(X.drop(columns="const").to_numpy(), y.to_numpy())
    given = X.drop(columns="const").head(3).to_numpy().astype(object)
    given[:, 1] = [True, False, True]
    with pytest.raises(InputTypeError, match=r"got booleans, which would be read as 1 and 0"):
        clf.predict(given)


def test_booleans_for_a_column_of_zeros_and_ones_predict_as_the_numbers(labelled):
    # a dummy column of floats (pd.get_dummies(dtype=float) at fit, its booleans now): the same
    _, X, res = labelled
    new = X.head(6)
    expected = res.predict(new)
    flags = new.assign(dummy=new["dummy"].astype(bool), const=True)
    pd.testing.assert_frame_equal(res.predict(flags), expected)
    bool_fit = mnlogit.MNLogit(labelled[0], X.assign(dummy=X["dummy"].astype(bool))).fit()
    pd.testing.assert_frame_equal(bool_fit.predict(new), expected)


def test_column_names_in_another_unicode_form_are_the_fitted_names():
    # the fit tells names apart by their NFC forms; new data naming 'été' in its decomposed
    # form was refused as lacking 'été', the refusal listing 'été' among its columns
    rng = np.random.default_rng(3)
    composed, decomposed = "\u00e9t\u00e9", "e\u0301te\u0301"
    X = pd.DataFrame({"const": 1.0, composed: rng.normal(size=150), "b": rng.normal(size=150)})
    res = mnlogit.MNLogit(rng.choice(["p", "q", "r"], 150), X).fit()
    expected = res.predict(X.head(4))
    renamed = X.head(4).rename(columns={composed: decomposed})
    pd.testing.assert_frame_equal(res.predict(renamed), expected)
    pd.testing.assert_frame_equal(res.predict(renamed[["b", decomposed, "const"]]), expected)
    both = renamed.assign(**{composed: 0.0})
    with pytest.raises(DataError, match="occur more than once"):
        res.predict(both)


def test_one_dimensional_new_data_are_refused_with_the_shape_to_give(labelled):
    # the refusal said 'expected 4 columns; got shape (4,)' for the row df.iloc[0]
    _, X, res = labelled
    with pytest.raises(DataError, match=r"got shape \(4,\) \(for one row: X.reshape\(1, -1\)"):
        res.predict(X.iloc[0])
    np.testing.assert_array_equal(
        res.predict(X.iloc[0].to_numpy().reshape(1, -1)).to_numpy(),
        res.predict(X.iloc[[0]]).to_numpy(),
    )
    one = mnlogit.MNLogit(labelled[0], X[["a"]]).fit()
    with pytest.raises(DataError, match=r"got shape \(3,\) \(for one column: X.reshape\(-1, 1\)"):
        one.predict(X["a"].head(3).to_numpy())
    # a Series has no reshape, which the advice named for it too
    with pytest.raises(DataError, match=r"\(for one column: newdata.to_frame\(\), the Series"):
        one.predict(X["a"].head(3))
    pd.testing.assert_frame_equal(
        one.predict(X["a"].head(3).to_frame()), one.predict(X[["a"]].head(3))
    )


def test_a_dict_of_columns_is_refused_with_the_dataframe_to_make(labelled):
    # it was refused as 'got dict with values that are not numbers'
    _, X, res = labelled
    columns = X.head(2).to_dict("list")
    with pytest.raises(InputTypeError, match=r"got dict \(make it a DataFrame, pd.DataFrame"):
        res.predict(columns)
    pd.testing.assert_frame_equal(
        res.predict(pd.DataFrame(columns)), res.predict(X.head(2).reset_index(drop=True))
    )


def test_a_column_without_any_value_predicts_nan_as_missing_values_do(labelled):
    # None in every row (objects) or a polars column of nulls (pyarrow's null type) was
    # refused as "not numeric ... encode categories first", where missing numbers predict
    # NaN for their rows, with a warning naming them
    _, X, res = labelled
    new = X.head(3)
    for empty in ([None] * 3, pd.array([None] * 3, dtype="null[pyarrow]")):
        with pytest.warns(mnlogit.MNLogitWarning, match=r"missing or infinite value .*'a'"):
            got = res.predict(new.assign(a=empty))
        assert got.index.equals(new.index) and got.isna().all().all()
    polars = pytest.importorskip("polars")
    nulls = polars.from_pandas(new).with_columns(polars.lit(None).alias("a"))
    with pytest.warns(mnlogit.MNLogitWarning, match="missing or infinite"):
        assert res.prediction_intervals(nulls)["prob"].isna().all()
    # a DataFrame of the columns and no rows, pd.DataFrame(columns=...), holds objects too
    empty = res.predict(pd.DataFrame(columns=X.columns))
    assert empty.shape == (0, got.shape[1])
    # numbers kept as objects are still refused, as in fitting
    with pytest.raises(InputTypeError, match="numbers stored as Python objects"):
        res.predict(new.assign(a=pd.Series([None, 1.0, 2.0], dtype=object, index=new.index)))
