"""New data whose values are of another kind than the fitted ones are refused, never read as
some other level: True is not the level 1, as ``same_level`` and ``margins(at=...)`` hold."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit._levels import near_level
from mnlogit.exceptions import DataError, InputTypeError, LevelError


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(0)
    n = 400
    d = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "k": rng.integers(0, 3, n),
            "b": rng.random(n) > 0.5,
            "x": rng.normal(size=n),
        }
    )
    return d, mnlogit.fit("y ~ C(k) + C(b) + x", d)


@pytest.mark.parametrize(
    "values",
    [
        pd.Series([True, True, False]),  # a boolean column: was encoded as the baseline 0
        pd.Series([True, 1, 2], dtype=object),  # True was read as the level 1
    ],
)
def test_booleans_for_a_factor_of_numbers_are_refused(fitted, values):
    d, res = fitted
    new = d.head(3).assign(k=values.to_numpy())
    with pytest.raises(LevelError, match=r"column 'k' \(in C\(k\)\) has value\(s\) \{True"):
        res.predict(new)


@pytest.mark.parametrize("values", [[1, True, 2], [0, 2, False], [1, 2, np.True_]])
@pytest.mark.parametrize("formula", ["y ~ C(k) + x", "y ~ C(k, levels=[0, 1, 2]) + x"])
def test_a_boolean_after_the_number_it_equals_is_refused(fitted, values, formula):
    # True and 1 hash alike: the distinct values of [1, True, 2] were 1 and 2, and True was
    # read as the level 1 (refused only when it came before the 1)
    d, _ = fitted
    res = mnlogit.fit(formula, d)
    new = d.head(3).assign(k=pd.Series(values, dtype=object).to_numpy())
    flag = next(v for v in values if isinstance(v, (bool, np.bool_)))
    with pytest.raises(LevelError, match=rf"has value\(s\) \{{{flag}\}} that are not"):
        res.predict(new)


def test_numbers_for_a_factor_of_booleans_are_refused(fitted):
    d, res = fitted
    with pytest.raises(LevelError, match=r"levels seen in fitting: False, True"):
        res.predict(d.head(3).assign(b=d["b"].head(3).astype(int)))


def test_the_same_levels_in_other_dtypes_predict_the_same(fitted):
    d, res = fitted
    new = d.head(5)
    expected = res.predict(new)
    for other in (
        new.assign(k=new["k"].astype(float)),
        new.assign(k=new["k"].astype("Int64")),
        new.assign(k=new["k"].astype("category")),
        new.assign(b=new["b"].astype("boolean")),
        new.assign(b=new["b"].astype(object)),
    ):
        pd.testing.assert_frame_equal(res.predict(other), expected)


@pytest.mark.parametrize("as_frame", [False, True])
def test_complex_new_data_of_a_model_from_arrays_is_refused(as_frame):
    # the fit refuses complex numbers; predict dropped the imaginary parts (a ComplexWarning)
    rng = np.random.default_rng(1)
    X = pd.DataFrame({"a": rng.normal(size=200), "b": rng.normal(size=200)})
    res = mnlogit.MNLogit(rng.choice(["p", "q", "r"], 200), X).fit()
    new = X.head(2) + 1j
    with pytest.raises(InputTypeError, match="complex numbers"):
        res.predict(new if as_frame else new.to_numpy())
    with pytest.raises(InputTypeError, match="got list with values that are not numbers"):
        res.predict([[1.0, 2.0], [3.0]])  # ragged: refused as before


# --- integers in the formula's arithmetic ------------------------------------------------------
@pytest.fixture(scope="module")
def squares():
    rng = np.random.default_rng(2)
    n = 500
    k = rng.integers(0, 100, n)
    eta = np.column_stack([np.zeros(n), 0.0004 * k**2 - 2, 0.02 * k - 1])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return pd.DataFrame({"y": y, "k": k})


def test_a_fit_on_large_integers_is_the_fit_on_their_floats(squares):
    # k**2 passes 2**63 at k = 3.04e9: numpy's int64 wrapped around, and the fit was of garbage
    big = squares.assign(k=squares["k"] * 10**8)
    res = mnlogit.fit("y ~ I(k**2) + k", big)
    expected = mnlogit.fit("y ~ I(k**2) + k", big.assign(k=big["k"].astype(float)))
    np.testing.assert_allclose(res.params.to_numpy(), expected.params.to_numpy(), rtol=1e-9)


@pytest.mark.parametrize(
    ("dtype", "value"),
    [(np.int64, 2**32), (np.int32, 50_000), (np.int8, 100), (np.uint8, 255), ("Int64", 2**32)],
)
def test_integer_new_data_predict_as_their_floats(squares, dtype, value):
    res = mnlogit.fit("y ~ I(k**2) + k", squares)
    new = pd.DataFrame({"k": pd.array([value, 10], dtype=dtype)})
    link = res.predict(new, kind="link")
    B = res.params.to_numpy()
    x = np.array([[1.0, float(value) ** 2, float(value)], [1.0, 100.0, 10.0]])
    np.testing.assert_allclose(link.to_numpy(), x @ B, rtol=1e-12)
    margins = res.margins(at={"k": [value]}).to_frame()["estimate"]
    at_float = res.margins(at={"k": [float(value)]}).to_frame()["estimate"]
    np.testing.assert_allclose(margins, at_float, rtol=1e-12)


def test_integers_inside_c_keep_their_levels(squares):
    # only a column that the formula also computes with outside C() is read as floats
    res = mnlogit.fit("y ~ C(k // 40) + np.log1p(j)", squares.assign(j=squares["k"]))
    assert res.params.index[1:3].tolist() == ["C(k // 40)[T.1]", "C(k // 40)[T.2]"]


@pytest.mark.parametrize("formula", ["y ~ np.log(x)", "y ~ bs(x, df=3)", "y ~ I(x**3)"])
@pytest.mark.parametrize("dtype", [np.float32, "Float32"])
def test_float32_values_predict_and_fit_as_the_same_float64_values(formula, dtype):
    # np.log, bs() and powers of a float32 column were computed in single precision: the
    # predictions of values exact in float32 moved by ~1e-7 from those of the same float64
    rng = np.random.default_rng(3)
    n = 400
    x = rng.uniform(1, 3, n).astype(np.float32).astype(np.float64)
    eta = np.column_stack([np.zeros(n), 2 * np.log(x), -np.log(x)])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    d = pd.DataFrame({"y": y, "x": x})
    res = mnlogit.fit(formula, d)
    single = d.astype({"x": dtype})
    np.testing.assert_array_equal(res.predict(single.head(20)), res.predict(d.head(20)))
    np.testing.assert_array_equal(mnlogit.fit(formula, single).params, res.params)


@pytest.mark.parametrize("formula", ["y ~ np.log(x)", "y ~ x"])
def test_complex_columns_are_refused_inside_a_transform_too(squares, formula):
    # np.log of a complex column was cast to real with only numpy's ComplexWarning, and an
    # object column of Python complex numbers became complex128 after the dtype check
    d = squares.assign(x=squares["k"] + 1.0)
    res = mnlogit.fit(formula, d)
    for values in (d["x"].head(3) + 1j, pd.Series([2 + 0j, 3, 4], dtype=object)):
        with pytest.raises(InputTypeError, match=r"column 'x' holds complex numbers"):
            res.predict(pd.DataFrame({"x": values.to_numpy()}))
    with pytest.raises(InputTypeError, match=r"column 'x' holds complex numbers"):
        mnlogit.fit(formula, d.assign(x=d["x"] + 1j))


def test_numbers_pandas_cannot_read_are_refused_by_name(squares):
    # Fraction(1, 3) in an object column: pandas' "TypeError: Invalid object type at position
    # 0" came through, from the fit and from predict
    from fractions import Fraction

    d = squares.assign(x=squares["k"] + 1.0)
    res = mnlogit.fit("y ~ x", d)
    new = pd.DataFrame({"x": pd.Series([Fraction(1, 3), 2.0], dtype=object)})
    with pytest.raises(InputTypeError, match=r"Fraction\(1, 3\), Fraction\); convert them"):
        res.predict(new)
    with pytest.raises(InputTypeError, match=r"column 'x' holds numbers of a type pandas"):
        mnlogit.fit("y ~ x", d.assign(x=[Fraction(1, 3)] * len(d)))


@pytest.fixture(scope="module")
def numbers_and_flags(fitted):
    d = fitted[0].assign(nb=lambda d: d["b"].sample(frac=1, random_state=3).to_numpy())
    d = d.assign(nb=d["nb"].astype("boolean"))
    return d, mnlogit.fit("y ~ x + np.log(k + 1) + b + nb", d)


@pytest.mark.parametrize("column", ["x", "k"])
@pytest.mark.parametrize("dtype", [bool, "boolean", object])
def test_booleans_for_a_numeric_column_are_refused(numbers_and_flags, column, dtype):
    # read as 1 and 0, as R's predict() refuses: fitted with type "numeric" but type
    # "logical" was supplied
    d, res = numbers_and_flags
    new = d.head(4).assign(**{column: pd.Series([True, False, True, True]).astype(dtype)})
    with pytest.raises(
        InputTypeError, match=rf"column '{column}' was numbers in fitting; got booleans"
    ):
        res.predict(new)


@pytest.mark.parametrize("column", ["b", "nb"])
@pytest.mark.parametrize(
    "values", [[1.0, 0.0, 2.0, 0.0], [1, 0, 1, 0], np.array([1, 0, 1, 0], dtype=object)]
)
def test_numbers_for_a_boolean_column_are_refused(numbers_and_flags, column, values):
    d, res = numbers_and_flags
    with pytest.raises(InputTypeError, match=rf"column '{column}' was True/False in fitting"):
        res.predict(d.head(4).assign(**{column: values}))


@pytest.mark.parametrize("column", ["b", "nb"])
@pytest.mark.parametrize("arrow", [False, True])
def test_a_categorical_of_booleans_for_a_boolean_column_is_refused_as_such(
    numbers_and_flags, column, arrow
):
    # pandas calls a Categorical of True/False a boolean dtype: it reached the encoding's
    # "term 'b' does not encode into the columns it had in fitting"
    d, res = numbers_and_flags
    flags = pd.Series([True, None, False, True], index=d.index[:4], dtype=object)
    flags = flags.astype("category")
    if arrow:  # a pyarrow dictionary, read as the Categorical it stands for
        pa = pytest.importorskip("pyarrow")
        encoded = pa.array([True, None, False, True]).dictionary_encode()
        flags = pd.Series(pd.array(encoded, dtype=pd.ArrowDtype(encoded.type)), index=flags.index)
    with pytest.raises(
        InputTypeError,
        match=rf"column '{column}' was True/False in fitting; got a Categorical \(of True, "
        rf"False\).*newdata\['{column}'\]\.astype\('boolean'\)",
    ):
        res.predict(d.head(4).assign(**{column: flags}))
    with pytest.raises(DataError, match=r"column 'x' was numbers in fitting; got category"):
        res.predict(d.head(4).assign(x=flags))


def test_text_for_a_boolean_column_names_what_was_fitted(numbers_and_flags):
    d, res = numbers_and_flags
    with pytest.raises(InputTypeError, match=r"column 'b' was True/False in fitting"):
        res.predict(d.head(2).assign(b=["True", "False"]))


def test_nullable_dtypes_of_the_fitted_kind_predict_the_same(numbers_and_flags):
    d, res = numbers_and_flags
    new = d.head(6)
    expected = res.predict(new)
    for other in (
        new.assign(x=new["x"].astype("Float64")),
        new.assign(k=new["k"].astype("Int64")),
        new.assign(k=new["k"].astype(float)),
        new.assign(b=new["b"].astype("boolean")),
        new.assign(b=new["b"].astype(object)),
        new.assign(nb=new["nb"].astype(bool)),
    ):
        pd.testing.assert_frame_equal(res.predict(other), expected)


@pytest.mark.parametrize("formula", ["y ~ x + C(g)", "y ~ x + C(g, Treatment('b'))", "y ~ x + g"])
@pytest.mark.parametrize("categories", [list("abcz"), list("cba"), list("zcab")])
def test_a_categorical_with_other_categories_predicts_as_its_values(formula, categories):
    # C(g) of a Categorical with an unused category that is not a level raised pandas'
    # deprecation warning from inside formulaic (an error under -W error)
    rng = np.random.default_rng(5)
    d = pd.DataFrame({"y": rng.choice(["p", "q", "r"], 200), "x": rng.normal(size=200)}).assign(
        g=rng.choice(list("abc"), 200)
    )
    res = mnlogit.fit(formula, d)
    new = d.head(6)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = res.predict(new.assign(g=pd.Categorical(new["g"], categories=categories)))
    pd.testing.assert_frame_equal(got, res.predict(new))


@pytest.mark.parametrize(("column", "values"), [("x", [True, False]), ("b", [1.0, 0.0])])
def test_a_dask_fit_refuses_another_kind_in_new_data_too(numbers_and_flags, column, values):
    # the fitted columns' dtypes were known only for a fit in memory: a dask fit predicted
    # True and False for x as 1 and 0, and numbers for b as its levels, with nothing said
    dd = pytest.importorskip("dask.dataframe")
    d, res = numbers_and_flags
    dres = mnlogit.fit("y ~ x + np.log(k + 1) + b + nb", dd.from_pandas(d, npartitions=2))
    new = d.head(2).assign(**{column: values})
    for fit in (res, dres):
        with pytest.raises(InputTypeError, match=rf"column '{column}' was "):
            fit.predict(new)
    pd.testing.assert_frame_equal(dres.predict(d.head(6)), res.predict(d.head(6)), rtol=1e-8)


def test_a_level_given_other_than_by_rounding_says_so():
    # 0.3 for the fitted level 0.1 + 0.2 was refused listing the levels, unexplained
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"r": rng.choice([0.1 + 0.2, 0.5, 0.7], 120), "x": rng.normal(size=120)})
    df["y"] = rng.choice(["a", "b", "c"], 120)
    res = mnlogit.fit("y ~ x + C(r)", df)
    with pytest.raises(
        LevelError, match=r"\(0\.3 and the level 0\.30000000000000004 differ only by rounding"
    ):
        res.predict(df.head(2).assign(r=[0.3, 0.5]))
    # whole numbers apart are no rounding: codes 1234567890 and 1234567891
    assert "rounding" not in near_level(1234567891, [1234567890])


@pytest.mark.parametrize("dtype", ["int64", "int8", "Int64", "UInt8", "int16[pyarrow]"])
def test_levels_of_integer_columns_are_quoted_as_the_numbers_they_are(fitted, dtype):
    # the levels were quoted as np.int64(0), np.int64(1), ... and the hint as "the level
    # np.int8(2) is a number"
    d = fitted[0].assign(k=fitted[0]["k"].astype(dtype))
    res = mnlogit.fit("y ~ C(k) + x", d)
    with pytest.raises(LevelError) as caught:
        res.predict(d.head(3).assign(k=["1", "2", "7"]))
    assert str(caught.value).endswith(
        "not among the levels seen in fitting: 0, 1, 2 ('1' is a str; the level 1 is a number)"
    )
