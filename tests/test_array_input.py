"""MNLogit(y, X) takes C- and Fortran-ordered arrays and DataFrames through one copy."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError
from mnlogit.formula import row_major_copy


def _inputs(n=3000, p=4, seed=0):
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.standard_normal((n, p - 1))])
    y = rng.integers(0, 3, n)
    return X, y


@pytest.mark.parametrize(
    "convert",
    [
        np.asfortranarray,
        lambda X: pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])]),
        lambda X: pd.DataFrame({f"x{j}": X[:, j] for j in range(X.shape[1])}),  # column blocks
        lambda X: X.tolist(),
        lambda X: np.ascontiguousarray(X[:, ::-1])[:, ::-1],  # negative column stride
    ],
    ids=["fortran", "frame", "frame-of-columns", "list", "reversed-view"],
)
def test_every_layout_gives_the_same_design_and_fit(convert):
    X, y = _inputs()
    want = mnlogit.MNLogit(y, X).fit()
    source = convert(X)
    model = mnlogit.MNLogit(y, source)
    assert model._data.X.flags.c_contiguous and model._data.X.dtype == np.float64
    np.testing.assert_array_equal(model._data.X, X)
    res = model.fit()
    np.testing.assert_array_equal(res.params.to_numpy(), want.params.to_numpy())
    np.testing.assert_array_equal(res.bse.to_numpy(), want.bse.to_numpy())


def test_the_design_is_a_copy_and_the_input_is_untouched():
    X, y = _inputs()
    F = np.asfortranarray(X)
    before = F.copy()
    model = mnlogit.MNLogit(y, F)
    assert not np.shares_memory(model._data.X, F)
    np.testing.assert_array_equal(F, before)


def test_integer_boolean_and_nullable_columns():
    X, y = _inputs()
    frame = pd.DataFrame(
        {
            "one": np.ones(len(y), dtype=np.int64),
            "x": X[:, 1],
            "flag": X[:, 2] > 0,
            "n": pd.array(np.round(X[:, 3] * 3).astype(int), dtype="Int64"),
        }
    )
    model = mnlogit.MNLogit(y, frame)
    np.testing.assert_array_equal(model._data.X[:, 2], (X[:, 2] > 0).astype(float))
    frame.loc[5, "n"] = pd.NA
    with pytest.raises(DataError, match=r"missing or infinite values in column.*'n'"):
        mnlogit.MNLogit(y, frame)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, 1e308])
def test_non_finite_values_are_found_in_any_layout(bad):
    X, y = _inputs()
    X = X.copy()
    X[1234, 2] = bad
    if np.isfinite(bad):  # finite but the column's sum overflows: still finite values
        X[1235, 2] = bad
        copy, finite = row_major_copy(np.asfortranarray(X), block_bytes=4096)
        assert finite.all()
        np.testing.assert_array_equal(copy, X)
        return
    for source in (X, np.asfortranarray(X), pd.DataFrame(X)):
        with pytest.raises(DataError, match=r"missing or infinite values in column.*'(x2|2)'"):
            mnlogit.MNLogit(y, source)


def _frames(n: int = 200, seed: int = 0) -> tuple[pd.Series, pd.DataFrame]:
    rng = np.random.default_rng(seed)
    X = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n)})
    y = pd.Series(np.where(X["x"] + rng.normal(size=n) > 0, "b", "a"))
    y[rng.random(n) < 0.3] = "c"
    return y, X


def test_a_data_frames_columns_are_matched_by_name_in_predict():
    # a DataFrame with its columns in another order was read by position: other, silently
    # wrong probabilities; a renamed column went through the same way
    y, X = _frames()
    res = mnlogit.MNLogit(y, X).fit()
    want = res.predict(X.head(5))
    pd.testing.assert_frame_equal(res.predict(X[["z", "x"]].head(5)), want)
    pd.testing.assert_frame_equal(res.predict(X.assign(other=1.0).head(5)), want)
    with pytest.raises(mnlogit.MNLogitError, match=r"column\(s\) 'x' of the fitted design"):
        res.predict(X.rename(columns={"x": "q"}).head(5))
    # fitted on an array: its columns have no names, and are given by position
    by_position = mnlogit.MNLogit(y.to_numpy(), X.to_numpy()).fit()
    with pytest.warns(mnlogit.MNLogitWarning, match="read by position"):
        got = by_position.predict(X.head(5))
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy())


def test_named_columns_read_by_position_are_said_to_be():
    # a model fitted on an array read a DataFrame's named columns by position without a
    # word: with them in another order the probabilities were others (as scikit-learn
    # does, this warns; a DataFrame of an array's numbered columns, or the array, does not)
    y, X = _frames()
    res = mnlogit.MNLogit(y.to_numpy(), X.to_numpy()).fit()
    with pytest.warns(mnlogit.MNLogitWarning, match=r"columns 'z', 'x' are read by position"):
        swapped = res.predict(X[["z", "x"]].head(5))
    assert not np.allclose(swapped.to_numpy(), res.predict(X.head(5).to_numpy()).to_numpy())
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        res.predict(pd.DataFrame(X.to_numpy()).head(5))
        res.predict(X.head(5).set_axis(["x0", "x1"], axis=1))


def test_y_and_x_with_different_row_labels_are_refused():
    # paired by position: y's first row went with X's first row whatever their labels
    y, X = _frames()
    with pytest.raises(mnlogit.MNLogitError, match=r"different row labels.*row 0 is 0 in y and 5"):
        mnlogit.MNLogit(y, X.set_index(X.index + 5))
    shuffled = X.sample(frac=1, random_state=1)
    with pytest.raises(mnlogit.MNLogitError, match=r"X = X\.loc\[y\.index\]"):
        mnlogit.MNLogit(y, shuffled)
    aligned = mnlogit.MNLogit(y, shuffled.loc[y.index]).fit()
    np.testing.assert_allclose(aligned.params, mnlogit.MNLogit(y, X).fit().params)


def test_row_labels_in_refusals_are_the_users_labels_as_python_shows_them():
    # a shuffled int64 index was quoted as "row 0 is np.int64(84) in y and 1000 in X", and a
    # missing outcome by its position ("first in row 3") where the weights' refusal beside it
    # quotes the label, 1003
    y, X = _frames()
    y, X = y.set_axis(y.index + 1000), X.set_axis(X.index + 1000)
    shuffled = y.sample(frac=1, random_state=1)
    with pytest.raises(mnlogit.MNLogitError, match=r"row 0 is (\d+) in y and 1000 in X") as err:
        mnlogit.MNLogit(shuffled, X)
    assert "np." not in str(err.value)
    y[1003] = None
    for labelled in [(y, X), (y.to_numpy(), X), (y, X.to_numpy())]:
        with pytest.raises(DataError, match=r"missing value\(s\), first in row 1003;"):
            mnlogit.MNLogit(*labelled)
    with pytest.raises(DataError, match=r"first in row 3;"):
        mnlogit.MNLogit(y.to_numpy(), X.to_numpy())  # no labels: the position


def test_complex_numbers_are_refused_not_cast():
    y, X = _frames()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # numpy's ComplexWarning: the imaginary parts dropped
        with pytest.raises(mnlogit.MNLogitError, match="complex numbers"):
            mnlogit.MNLogit(y, X.to_numpy().astype(complex))


@pytest.mark.parametrize("y_as", [np.asarray, lambda y: pd.DataFrame({"y": y})])
def test_a_series_of_weights_is_matched_to_the_data_frames_row_labels(y_as):
    # y as an array (or a one-column frame) and X a DataFrame: a Series of weights in another
    # row order was paired by position with X's rows, not by label
    rng = np.random.default_rng(5)
    n = 300
    X = pd.DataFrame({"x": rng.normal(size=n)}, index=np.arange(n) * 3 + 11)
    y = pd.Series(rng.choice(["a", "b", "c"], n), index=X.index)
    w = pd.Series(rng.integers(1, 4, n).astype(float), index=X.index)
    shuffled = w.iloc[rng.permutation(n)]
    y_in = y_as(y.to_numpy())
    if isinstance(y_in, pd.DataFrame):
        y_in.index = X.index
    by_label = mnlogit.MNLogit(y_in, X, weights=shuffled).fit()
    in_order = mnlogit.MNLogit(y.to_numpy(), X.to_numpy(), weights=w.to_numpy()).fit()
    np.testing.assert_allclose(by_label.params.to_numpy(), in_order.params.to_numpy())
    groups = pd.Series(np.arange(n) % 15, index=X.index)
    clustered = mnlogit.MNLogit(y_in, X, groups=groups.iloc[::-1]).fit(cov_type="cluster")
    plain = mnlogit.MNLogit(y.to_numpy(), X.to_numpy(), groups=groups.to_numpy())
    np.testing.assert_allclose(
        clustered.bse.to_numpy(), plain.fit(cov_type="cluster").bse.to_numpy()
    )


@pytest.mark.parametrize("role", ["weights", "groups"])
def test_a_column_name_or_one_value_for_every_row_is_refused_saying_so(role):
    # MNLogit(y, X, weights="w") has no data frame to look 'w' up in: the refusal called the
    # name an array of shape (), as it did a single number
    rng = np.random.default_rng(6)
    X = pd.DataFrame({"x": rng.normal(size=60), "w": rng.integers(1, 3, 60)})
    y = rng.choice(["a", "b", "c"], 60)
    named = rf"{role}='w': MNLogit\(y, X\) takes the values.*df\['w'\]"
    with pytest.raises(DataError, match=named):
        mnlogit.MNLogit(y, X, **{role: "w"})
    advice = r"repeat it.*np.full\(60, 2\)" if role == "weights" else r"give each row its cluster"
    with pytest.raises(DataError, match=rf"got the single value 2; {advice}"):
        mnlogit.MNLogit(y, X, **{role: 2})


@pytest.mark.parametrize(
    "as_text",
    [
        lambda X: X.to_numpy().astype(str),
        lambda X: X.to_numpy().astype(bytes),
        lambda X: X.to_numpy().astype(str).tolist(),
        lambda X: X.to_numpy().astype(str).astype(object),
    ],
    ids=["str", "bytes", "list of str", "object of str"],
)
def test_text_in_an_array_is_refused_as_in_a_data_frame(as_text):
    # a DataFrame of text is refused ("encode categories first"); the same values as an
    # array were read as numbers, in fitting and in predict, so a code "02139" was 2139
    y, X = _frames(60)
    with pytest.raises(DataError, match=r"X: holds text \(e\.g\. b?'[-\d.]+'\), not numbers"):
        mnlogit.MNLogit(y, as_text(X))
    res = mnlogit.MNLogit(y, X).fit()
    with pytest.raises(DataError, match=r"newdata: holds text .*np\.asarray\(newdata, dtype"):
        res.predict(as_text(X.head(3)))
    mixed = np.array([[1.0, "a"]], dtype=object)
    with pytest.raises(DataError, match=r"newdata: holds text \(e\.g\. 'a'\)"):
        res.predict(mixed)
    # numbers as Python objects are numbers, as before
    np.testing.assert_allclose(
        res.predict(X.head(3).to_numpy().astype(object)).to_numpy(),
        res.predict(X.head(3)).to_numpy(),
    )


@pytest.mark.parametrize("labels", [["c", 1, 1.0], ["c", True, 1], [0, False, "z"]])
def test_labels_pandas_takes_for_one_another_are_two_columns(labels):
    # 1 and 1.0 (True and 1) are one label to pandas, X[1] a DataFrame of both columns:
    # the fit and predict(newdata) ended in "'DataFrame' object has no attribute 'dtype'"
    X, y = _inputs(n=80, p=3)
    res = mnlogit.MNLogit(y, pd.DataFrame(X, columns=labels)).fit()
    plain = mnlogit.MNLogit(y, X).fit()
    assert list(res.params.index) == [str(c) for c in labels]
    np.testing.assert_allclose(res.params.to_numpy(), plain.params.to_numpy())
    new = pd.DataFrame(X[:4], columns=labels)
    np.testing.assert_allclose(res.predict(new).to_numpy(), plain.predict(X[:4]).to_numpy())
    np.testing.assert_allclose(plain.predict(new).to_numpy(), plain.predict(X[:4]).to_numpy())


def test_a_column_labelled_by_a_tuple_is_tested_by_its_label():
    # a MultiIndex's column ('x', 1) was read as (R, q): "R must hold real numbers"
    X, y = _inputs(n=80, p=3)
    columns = pd.MultiIndex.from_product([["x"], [0, 1, 2]])
    res = mnlogit.MNLogit(y, pd.DataFrame(X, columns=columns)).fit()
    assert res.wald_test(("x", 1)).statistic == res.wald_test("('x', 1)").statistic
    both = res.wald_test([("x", 1), ("x", 2)])
    assert both.statistic == res.wald_test(["('x', 1)", "('x', 2)"]).statistic
    assert both.df == 4


def test_a_cluster_covariance_without_the_models_groups_says_where_they_go():
    # "needs groups= (a column name or one value per row)": fit(groups=...) is refused in
    # turn, the clusters being the model's
    X, y = _inputs(n=60, p=2)
    with pytest.raises(DataError, match=r"needs the model's groups=.*MNLogit\(y, X, groups="):
        mnlogit.MNLogit(y, X).fit(cov_type="cluster")
