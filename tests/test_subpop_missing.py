"""A subpopulation condition on a column with missing values is undecided on those rows, in
every kind of column: a numpy float's NaN (and pandas' default text's) compared as False, so
``z > 0`` put the rows of a missing z outside the subpopulation without a word, where the same
column with pandas' nullable or pyarrow types was refused."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

N = 300


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], N),
            "x": rng.standard_normal(N),
            "z": rng.standard_normal(N),
            "g": rng.choice(["u", "v"], N).astype(object),
            "w": rng.uniform(1, 3, N),
            "s": rng.integers(0, 3, N),
            "p": rng.integers(0, 40, N),
        }
    )
    df.loc[:5, "z"] = np.nan
    df.loc[7:9, "g"] = None
    return df


DESIGN = mnlogit.SurveyDesign(weights="w", strata="s", psu="p")


KINDS = {
    "numpy": lambda c: c,  # numpy float64 with NaN; object text with None
    "nullable": lambda c: c.astype("Float64") if c.dtype.kind == "f" else c.astype("string"),
    "pyarrow": lambda c: c.convert_dtypes(dtype_backend="pyarrow"),
    "str": lambda c: c.astype("str"),  # pandas 3's default text, missing as NaN
}
CASES = [("z", "z > 0", k) for k in ("numpy", "nullable", "pyarrow")] + [
    ("g", "g == 'u'", k) for k in KINDS
]


@pytest.mark.parametrize(("column", "condition", "kind"), CASES)
def test_a_condition_on_missing_values_is_refused_in_every_kind_of_column(
    data, column, condition, kind
):
    df = data.assign(**{column: KINDS[kind](data[column])})
    with pytest.raises(DataError, match=r"has missing values in rows"):
        mnlogit.fit("y ~ x", df, design=DESIGN, subpop=condition)


def test_a_numpy_nan_is_undecided_under_pandas_option_to_tell_nan_from_na(data):
    # with future.distinguish_nan_and_na, the Float64 the condition reads a float64 column
    # as kept NaN a number, compared as False: 'z > 0' put the rows of a missing z outside
    # the subpopulation, and the refusal of a Float64 column's NaN advises astype('float64')
    if "distinguish_nan_and_na" not in dir(pd.options.future):
        pytest.skip("pandas without the option")
    with pd.option_context("future.distinguish_nan_and_na", True):
        with pytest.raises(DataError, match=r"'z > 0' has missing values in rows 0, 1, 2, 3, 4"):
            mnlogit.fit("y ~ x", data, design=DESIGN, subpop="z > 0")


def test_the_condition_the_refusal_advises_equals_the_rows_given_as_booleans(data):
    advised = mnlogit.fit("y ~ x", data, design=DESIGN, subpop="z.notna() & (z > 0)")
    mask = (data["z"] > 0).to_numpy()  # NaN > 0 is False: outside
    given = mnlogit.fit("y ~ x", data, design=DESIGN, subpop=mask)
    np.testing.assert_array_equal(advised.params, given.params)
    np.testing.assert_array_equal(advised.bse, given.bse)
    either = mnlogit.fit("y ~ x", data, design=DESIGN, subpop="z.isna() or z > 0")
    assert (
        either.summary().notes[2].startswith(f"Subpopulation z.isna() or z > 0: {6 + mask.sum()}")
    )


def test_columns_without_missing_values_are_read_as_before(data):
    res = mnlogit.fit("y ~ x", data, design=DESIGN, subpop="x > 0")
    mask = (data["x"] > 0).to_numpy()
    np.testing.assert_array_equal(
        res.params, mnlogit.fit("y ~ x", data, design=DESIGN, subpop=mask).params
    )


def test_values_given_with_missing_values_are_refused_in_plural(data):
    # "subpop: the values given has missing values"
    mask = (data["z"] > 0).astype("boolean")
    mask[3] = pd.NA
    with pytest.raises(DataError, match=r"subpop: the values given have missing values in row"):
        mnlogit.fit("y ~ x", data, design=DESIGN, subpop=mask)


ORDERED_CONDITIONS = ["g == 'u'", "g != 'u'", "g >= 'v'", "g.between('v', 'v')"]
CATEGORICAL_CASES = [("category", c) for c in ORDERED_CONDITIONS[:2]] + [
    (source, c)
    for source in ("ordered", "pyarrow dictionary", "polars enum")
    for c in ORDERED_CONDITIONS
]  # an unordered Categorical has no order for >= or between to compare by


@pytest.mark.parametrize(("source", "condition"), CATEGORICAL_CASES)
def test_a_condition_on_a_categorical_with_missing_values_is_refused_as_on_its_text(
    data, condition, source
):
    # pandas compares a missing category as False, and != as True: 'g != "u"' put the rows of
    # a missing g inside the subpopulation, where the same column as text was refused
    ordered = pd.CategoricalDtype(["u", "v"], ordered=True)
    if source == "category":
        df = data.assign(g=data["g"].astype("category"))
    elif source == "ordered":
        df = data.assign(g=data["g"].astype(ordered))
    elif source == "pyarrow dictionary":
        pa = pytest.importorskip("pyarrow")
        df = pa.Table.from_pandas(data.assign(g=data["g"].astype(ordered)), preserve_index=False)
    else:
        pl = pytest.importorskip("polars")
        df = pl.from_pandas(data.assign(g=data["g"].astype("string")))
        df = df.with_columns(pl.col("g").cast(pl.Enum(["u", "v"])))
    with pytest.raises(DataError, match=r"has missing values in rows 7, 8, 9"):
        mnlogit.fit("y ~ x", df, design=DESIGN, subpop=condition)
    advised = mnlogit.fit("y ~ x", df, design=DESIGN, subpop=f"g.notna() & ({condition})")
    text = data.assign(g=data["g"].astype("string"))
    expected = mnlogit.fit("y ~ x", text, design=DESIGN, subpop=f"g.notna() & ({condition})")
    np.testing.assert_array_equal(advised.params, expected.params)
    np.testing.assert_array_equal(advised.bse, expected.bse)


@pytest.mark.parametrize(
    ("values", "condition"),
    [
        (pd.Series(pd.to_datetime(["2020-01-01", "2021-01-01"] * 150)), "v >= '2020-06-01'"),
        (pd.Series(pd.to_timedelta([1, 9] * 150, unit="D")), "v != v"),
        (pd.Series([True, False] * 150, dtype=object), "v == True"),
        (pd.Series([True, False] * 150, dtype=object), "v != True"),
        (pd.Series([True, False] * 150, dtype=object), "not v"),
        (pd.Series([True, False] * 150, dtype=object), "v and x > 0"),
        (pd.Series([1, 7] * 150, dtype=object), "v > 5"),
    ],
)
def test_a_condition_on_missing_dates_or_objects_is_refused(data, values, condition):
    # a NaT, or None among objects, compared as False (and != as True), and None read as
    # False by 'not v' or 'v and ...': those rows were put outside or inside the
    # subpopulation with nothing said
    values = values.astype(object) if values.dtype == object else values.copy()
    values.iloc[[4, 11]] = None
    # 'v and x > 0' is decided (False) where x <= 0 (row 4), as for a nullable column
    with pytest.raises(DataError, match=r"has missing values in rows? (4, )?11;"):
        mnlogit.fit("y ~ x", data.assign(v=values.to_numpy()), design=DESIGN, subpop=condition)
