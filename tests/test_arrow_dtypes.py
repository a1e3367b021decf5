"""Column types of modern pandas that reached the fit as pandas or pyarrow tracebacks, or as
numbers other than the ones the user has: pyarrow's nested and view types, integers beyond
2**53 read as numbers, and outcomes of float32 numbers labelled by their float64 expansions."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import InputTypeError

pa = pytest.importorskip("pyarrow")


def simulated(n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(11)
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "k": rng.integers(0, 3, n),
            "g": rng.choice(["u", "v", "w"], n),
        }
    )


def as_view(column: pd.Series) -> pd.Series:
    """A text column as pyarrow's string_view, which pandas stores but cannot astype."""
    values = pa.chunked_array([pa.array(column.tolist())]).cast(pa.string_view())
    return pd.Series(pd.arrays.ArrowExtensionArray(values), index=column.index)


# --- nested pyarrow types --------------------------------------------------------------------
NESTED = {
    "list": lambda k: [[int(v)] for v in k],
    "struct": lambda k: [{"a": int(v)} for v in k],
    "map": lambda k: [[("a", int(v))] for v in k],
}
TYPES = {
    "list": pa.list_(pa.int64()),
    "struct": pa.struct([("a", pa.int64())]),
    "map": pa.map_(pa.string(), pa.int64()),
}


def nested(kind: str, k: pd.Series) -> pd.Series:
    return pd.Series(pd.array(NESTED[kind](k), dtype=pd.ArrowDtype(TYPES[kind])), index=k.index)


@pytest.mark.parametrize("kind", sorted(NESTED))
@pytest.mark.parametrize("column", ["y", "g"])
def test_nested_arrow_columns_are_refused_by_name(kind, column):
    # pyarrow's ArrowNotImplementedError: "Function 'unique' has no kernel matching ..."
    d = simulated()
    bad = d.assign(**{column: nested(kind, d["k"])})
    with pytest.raises(InputTypeError, match=rf"column '{column}' has dtype {kind}.*expand"):
        mnlogit.fit("y ~ x + g", bad)
    res = mnlogit.fit("y ~ x + g", d)
    if column == "g":
        with pytest.raises(InputTypeError, match=r"newdata: column 'g' has dtype"):
            res.predict(bad.head(3))


def test_nested_arrow_outcomes_and_clusters_are_refused_as_arrays_too():
    # "TypeError: unhashable type: 'numpy.ndarray'" from pandas' factorize
    d = simulated()
    lists = nested("list", d["k"])
    with pytest.raises(InputTypeError, match=r"column 'y' has dtype list"):
        mnlogit.MNLogit(lists, d[["x"]])
    with pytest.raises(InputTypeError, match=r"groups: cluster identifiers must be single"):
        mnlogit.MNLogit(d["y"], d[["x"]], groups=lists.array).fit(cov_type="cluster")
    with pytest.raises(InputTypeError, match=r"groups: cluster identifiers must be single"):
        mnlogit.fit("y ~ x", d, cov_type="cluster", groups=lists.array)
    with pytest.raises(InputTypeError, match=r"column 'cl' has dtype list"):
        mnlogit.fit("y ~ x", d.assign(cl=lists), cov_type="cluster", groups="cl")
    design = mnlogit.SurveyDesign(weights="pw", strata="st")
    with pytest.raises(InputTypeError, match=r"strata: column 'st' has dtype list"):
        mnlogit.fit("y ~ x", d.assign(st=lists, pw=1.0), design=design)


@pytest.mark.slow
def test_a_dask_fit_refuses_a_nested_column_before_reading_partitions():
    dd = pytest.importorskip("dask.dataframe")
    d = simulated()
    lazy = dd.from_pandas(d.assign(g=nested("list", d["k"])), npartitions=3)
    with pytest.raises(InputTypeError, match=r"column 'g' has dtype list"):
        mnlogit.fit("y ~ x + g", lazy)


# --- pyarrow's view types --------------------------------------------------------------------
def test_string_view_columns_fit_and_predict_as_the_text_they_hold():
    # pandas 3 cannot filter or astype string_view: NotImplementedError and
    # ArrowNotImplementedError ('array_filter') came through from fit and predict
    d = simulated()
    views = d.assign(y=as_view(d["y"]), g=as_view(d["g"]), st=as_view(d["g"]), pw=1.0)
    expected = mnlogit.fit("y ~ x + g", d)
    res = mnlogit.fit("y ~ x + g", views)
    assert res.outcomes == ("a", "b", "c")
    np.testing.assert_allclose(res.params, expected.params, rtol=1e-12)
    pd.testing.assert_frame_equal(expected.predict(views.head()), expected.predict(d.head()))
    design = mnlogit.SurveyDesign(weights="pw", strata="st")
    survey = mnlogit.fit("y ~ x + g", views, design=design)
    plain = mnlogit.fit("y ~ x + g", d.assign(st=d["g"], pw=1.0), design=design)
    np.testing.assert_allclose(survey.bse, plain.bse, rtol=1e-12)


# --- integers beyond 2**53 -------------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(
    offset=st.integers(2**53 + 1, 2**63 - 2**20),
    spread=st.integers(2, 1000),
    dtype=st.sampled_from(["int64", "Int64", "int64[pyarrow]"]),
)
def test_integers_float64_would_round_together_are_refused_as_numbers(offset, spread, dtype):
    # k = 2**53 + (0..spread) was refused as 'constant beside the intercept', and
    # I(k - 2**53) was fitted on the rounded values (odd ones moved by 1) with nothing said
    d = simulated()
    rng = np.random.default_rng(spread)
    k = pd.Series(offset + rng.integers(0, spread + 1, len(d)), dtype=dtype)
    big = d.assign(k=k)
    for formula in ("y ~ x + k", f"y ~ I(k - {offset})"):
        with pytest.raises(InputTypeError, match=r"column 'k' holds integers as large as"):
            mnlogit.fit(formula, big)
    with pytest.raises(InputTypeError, match=r"X: column 'k' holds integers.*one-hot"):
        mnlogit.MNLogit(d["y"], big[["x", "k"]])
    shifted = mnlogit.fit("y ~ x + k", big.assign(k=big["k"] - big["k"].min()))
    assert np.isfinite(shifted.params.loc["k"]).all()
    labels = d.assign(k=pd.Series(offset + d["k"].to_numpy(), dtype=dtype))
    res = mnlogit.fit("y ~ x + C(k)", labels)  # as labels: every level kept
    assert res.params.index[-1] == f"C(k)[T.{offset + 2}]"


def test_large_integers_that_float64_holds_to_far_below_their_spread_still_fit():
    # nanoseconds since 1970 spread over days: rounded by 256 ns, nothing to refuse
    d = simulated()
    rng = np.random.default_rng(3)
    ns = 1_700_000_000 * 10**9 + rng.integers(0, 10 * 86_400 * 10**9, len(d))
    res = mnlogit.fit("y ~ x + t", d.assign(t=ns / 8.64e13))
    got = mnlogit.fit("y ~ x + t", d.assign(t=ns))
    np.testing.assert_allclose(got.llf, res.llf, rtol=1e-10)


# --- outcomes of float32 numbers -------------------------------------------------------------
@settings(max_examples=25, deadline=None)
@given(
    st.lists(
        st.floats(-1e6, 1e6, allow_nan=False, width=32), min_size=2, max_size=4, unique=True
    ).filter(lambda v: len({np.float32(x) for x in v}) == len(v)),
    st.sampled_from([np.float32, "Float32", "float[pyarrow]"]),
)
def test_float32_outcome_levels_are_labelled_as_they_print(values, dtype):
    # float32's 0.1 labelled its level 0.10000000149011612, and ref=0.1 was not a level
    d = simulated(240)
    y = pd.Series(np.resize(np.array(values, dtype=np.float32), len(d)), dtype=dtype)
    shown = sorted(float(str(np.float32(v))) for v in values)
    res = mnlogit.fit("y ~ x", d.assign(y=y), ref=shown[-1])
    assert res.outcomes == tuple(shown) and res.ref == shown[-1]
    assert list(res.predict(d.head(2)).columns) == shown
    np.testing.assert_allclose(res.llf, mnlogit.fit("y ~ x", d.assign(y=y.astype(str))).llf)


@pytest.mark.slow
def test_a_dask_fit_labels_float32_outcome_levels_as_in_memory():
    dd = pytest.importorskip("dask.dataframe")
    d = simulated().assign(y=lambda f: (f["k"] / 10).astype(np.float32))
    res = mnlogit.fit("y ~ x", dd.from_pandas(d, npartitions=3), ref=0.1)
    assert res.outcomes == (0.0, 0.1, 0.2)
    np.testing.assert_allclose(res.params, mnlogit.fit("y ~ x", d, ref=0.1).params, rtol=1e-9)


# --- values for margins(at=...) ----------------------------------------------------------------
@pytest.mark.parametrize(
    "values",
    [
        pd.array([0, 2], dtype="Int64"),
        pd.array([0, 2], dtype="int64[pyarrow]"),
        pd.array([0.0, 2.0], dtype="double[pyarrow]"),
    ],
)
def test_margins_take_pandas_arrays_of_values_as_lists(values):
    # pd.array([0, 2]) was taken for one value: "<IntegerArray> ... is not a level of 'k'"
    res = mnlogit.fit("y ~ x + C(k)", simulated().astype({"k": "Int64"}))
    got = res.margins(at={"k": values}).to_frame()["estimate"]
    expected = res.margins(at={"k": [0, 2]}).to_frame()["estimate"]
    np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())


def test_margins_take_decimal_values_of_a_numeric_variable_as_its_columns_do():
    from decimal import Decimal

    res = mnlogit.fit("y ~ x + g", simulated())
    got = res.margins(at={"x": [Decimal("0.5")]}).to_frame()["estimate"]
    expected = res.margins(at={"x": [0.5]}).to_frame()["estimate"]
    np.testing.assert_array_equal(got.to_numpy(), expected.to_numpy())
    with pytest.raises(mnlogit.exceptions.DataError, match=r"got Decimal\('NaN'\)"):
        res.margins(at={"x": [Decimal("NaN")]})


# --- tables that export Arrow data ---------------------------------------------------------------
def test_a_pyarrow_table_fits_and_predicts_as_the_pandas_frame_it_holds():
    # refused ("expected a pandas DataFrame; got Table"), and MNLogit(y, table) named its
    # columns x0, x1 instead of by the table's names
    d = simulated().assign(w=lambda f: f["k"] + 1)
    d.loc[[4, 9], "x"] = np.nan
    d.loc[5, "g"] = None
    table = pa.Table.from_pandas(d)
    expected = mnlogit.fit("y ~ x + g + C(k)", d, weights="w")
    res = mnlogit.fit("y ~ x + g + C(k)", table, weights="w")
    assert res.n_dropped == 3 and res.nobs == expected.nobs
    np.testing.assert_allclose(res.params, expected.params, rtol=1e-12)
    rows = d.iloc[3:9]
    new = expected.predict(pa.Table.from_pandas(rows))
    pd.testing.assert_frame_equal(new, expected.predict(rows))
    batch = mnlogit.fit("y ~ x + g", pa.RecordBatch.from_pandas(d))
    np.testing.assert_allclose(batch.llf, mnlogit.fit("y ~ x + g", d).llf, rtol=1e-12)
    arrays = mnlogit.MNLogit(d["y"], pa.Table.from_pandas(simulated()[["x", "k"]])).fit()
    assert list(arrays.params.index) == ["x", "k"]


@pytest.mark.filterwarnings("ignore:The Dataframe Interchange Protocol is deprecated")
def test_data_that_exports_no_arrow_table_is_refused_with_what_to_pass():
    d = simulated()
    with pytest.raises(InputTypeError, match=r"pd\.api\.interchange\.from_dataframe"):
        mnlogit.fit("y ~ x", d.__dataframe__())
    with pytest.raises(InputTypeError, match=r"ChunkedArray exports Arrow data but not a table"):
        mnlogit.fit("y ~ x", pa.chunked_array([d["x"].to_numpy()]))


# --- pyarrow labels and dictionaries as factors ------------------------------------------------
@pytest.mark.parametrize(
    ("values", "level"),
    [
        (pa.array([b"u", b"v", b"w"]), "b'v'"),  # "could not convert string to float: b'b'"
        (pa.array([3600, 7200, 10800], pa.time32("s")), "02:00:00"),  # "unsupported operand"
    ],
)
def test_pyarrow_bytes_and_times_of_day_are_factors_as_their_objects_are(values, level):
    d = simulated()
    column = pd.Series(pd.arrays.ArrowExtensionArray(values.take(pa.array(d["k"]))))
    # times of day used as they are are refused, as datetime64 is (test_temporal_objects.py)
    res = mnlogit.fit("y ~ x + C(g)", d.assign(g=column))
    objects = mnlogit.fit("y ~ x + C(g)", d.assign(g=column.astype(object)))
    assert f"C(g)[T.{level}]" in res.params.index
    np.testing.assert_allclose(res.params, objects.params, rtol=1e-12)


def test_a_pyarrow_dictionary_of_integers_is_the_factor_it_was_written_as():
    # a Categorical of integers as a pyarrow Table's dictionary column, or a column cast to
    # pa.dictionary(..., pa.int64()), was fitted as numbers, and new data of that dtype were
    # refused as "not numbers"
    d = simulated().assign(c=lambda f: pd.Categorical(f["k"]))
    expected = mnlogit.fit("y ~ x + c", d)
    assert list(expected.params.index) == ["Intercept", "x", "c[T.1]", "c[T.2]"]
    dictionary = pd.ArrowDtype(pa.dictionary(pa.int8(), pa.int64()))
    cast = d.assign(c=d["k"].astype("int64[pyarrow]").astype(dictionary))
    for data in (pa.Table.from_pandas(d), cast):
        res = mnlogit.fit("y ~ x + c", data)  # levels in the dictionary's order
        assert len(res.params.index) == 4 and res.params.index[2].startswith("c[T.")
        np.testing.assert_allclose(res.llf, expected.llf, rtol=1e-12)
        pd.testing.assert_frame_equal(res.predict(cast.head()), expected.predict(d.head()))
        plain = d.head().assign(c=d["k"].head())
        pd.testing.assert_frame_equal(res.predict(plain), expected.predict(d.head()))


@pytest.mark.parametrize("dtype", [np.float32, "Float32", "float[pyarrow]"])
def test_float32_factor_levels_are_labelled_and_matched_as_they_print(dtype):
    # C(f) of float32 0.1 was the level 0.10000000149011612: new data of 0.1 were unseen
    d = simulated().assign(f=lambda f: pd.Series(f["k"] / 10, dtype=dtype))
    res = mnlogit.fit("y ~ x + C(f)", d)
    assert list(res.params.index[2:]) == ["C(f)[T.0.1]", "C(f)[T.0.2]"]
    rows = d.head(6)
    expected = res.predict(rows)
    pd.testing.assert_frame_equal(res.predict(rows.assign(f=rows["k"] / 10)), expected)
    categorical = mnlogit.fit("y ~ x + f", d.assign(f=d["f"].astype("category")))
    assert list(categorical.params.index[2:]) == ["f[T.0.1]", "f[T.0.2]"]


@pytest.mark.slow
def test_a_dask_fit_learns_every_level_of_a_dictionary_of_integers():
    # the dask fit took the column for numbers when it chose what its sample must show, and
    # a level first seen in the last partition was refused as unseen
    dd = pytest.importorskip("dask.dataframe")
    d = simulated()
    late = np.where(np.arange(len(d)) < 250, d["k"] % 2, d["k"])
    dictionary = pd.ArrowDtype(pa.dictionary(pa.int8(), pa.int64()))
    d = d.assign(c=pd.Series(late, dtype="int64[pyarrow]").astype(dictionary))
    res = mnlogit.fit("y ~ x + c", dd.from_pandas(d, npartitions=4))
    np.testing.assert_allclose(res.params, mnlogit.fit("y ~ x + c", d).params, rtol=1e-9)


# --- the array interface's outcome and new data --------------------------------------------------
def test_a_sparse_outcome_has_levels_of_one_type():
    # the levels of pd.Series(pd.arrays.SparseArray(k, fill_value=0)) were 0, np.int64(1), ...
    d = simulated()
    res = mnlogit.MNLogit(pd.Series(pd.arrays.SparseArray(d["k"], fill_value=0)), d[["x"]]).fit()
    assert res.outcomes == (0, 1, 2) and {type(v) for v in res.outcomes} == {int}


def test_an_outcome_array_of_lists_is_refused_as_no_levels():
    # pa.array([[1], [2], ...]) as y: pandas' "unhashable type: 'numpy.ndarray'"; refused
    # as the same column of a table is
    d = simulated()
    with pytest.raises(mnlogit.exceptions.DataError, match=r"several values in each cell"):
        mnlogit.MNLogit(pa.array([[int(v)] for v in d["k"]]), d[["x"]])


@pytest.mark.parametrize("dtype", ["str", "string[pyarrow]", object])
def test_text_in_new_data_of_an_array_model_is_refused_as_in_fitting(dtype):
    # the fit refuses a text column of X; predict read "1", "2" as the numbers 1, 2
    d = simulated()
    res = mnlogit.MNLogit(d["y"], d[["x", "k"]]).fit()
    new = d[["x", "k"]].head(3).assign(k=pd.Series(["1", "2", "0"], dtype=dtype))
    with pytest.raises(InputTypeError, match=r"newdata: column\(s\) 'k' are not numeric"):
        res.predict(new)
    with pytest.raises(InputTypeError, match=r"X: column\(s\) 'k' are not numeric"):
        mnlogit.MNLogit(d["y"], d[["x"]].assign(k=d["k"].astype(str)))


# --- the scikit-learn estimator ----------------------------------------------------------------
def test_the_classifier_reads_a_pyarrow_table_by_its_formula_and_string_view_labels():
    # formula mode refused a Table ("X must be a DataFrame"), and string_view labels reached
    # the user as pandas' NotImplementedError from inside scikit-learn's checks
    from mnlogit.sklearn import MNLogitClassifier

    d = simulated()
    X, y = d[["x", "g"]], d["y"]
    expected = MNLogitClassifier(formula="x + g").fit(X, y)
    table = MNLogitClassifier(formula="x + g").fit(pa.Table.from_pandas(X), y)
    np.testing.assert_array_equal(
        table.predict_proba(pa.Table.from_pandas(X.head())), expected.predict_proba(X.head())
    )
    views = MNLogitClassifier().fit(X[["x"]], as_view(y))
    assert views.classes_.tolist() == ["a", "b", "c"]
    assert views.score(X[["x"]], as_view(y)) == MNLogitClassifier().fit(X[["x"]], y).score(
        X[["x"]], y
    )


# --- long doubles past float64's range ---------------------------------------------------------
@pytest.mark.skipif(np.finfo(np.longdouble).max <= np.finfo(np.float64).max, reason="no wider")
def test_long_doubles_past_float64_are_refused_as_such_and_fit_through_their_log():
    # they were refused as "non-finite values (inf or NaN, e.g. from log of a non-positive
    # number)", and np.log(x) of them as "300 infinite value(s)", though np.log is in range
    d = simulated()
    big = d.assign(x=d["x"].abs().to_numpy(np.longdouble) * np.longdouble("1e400"))
    with pytest.raises(mnlogit.exceptions.DataError, match=r"beyond float64's range \(e\.g\."):
        mnlogit.fit("y ~ x", big)
    with pytest.raises(mnlogit.exceptions.DataError, match=r"X: column 'x' holds numbers beyond"):
        mnlogit.MNLogit(big["y"], big[["x"]])
    res = mnlogit.fit("y ~ np.log(x)", big)
    logs = mnlogit.fit("y ~ lx", d.assign(lx=np.log(big["x"]).astype(np.float64)))
    np.testing.assert_allclose(res.params.to_numpy(), logs.params.to_numpy(), rtol=1e-12)


def test_check_separation_and_from_formula_read_a_pyarrow_table_as_fit_does():
    # both refused it ("expected a pandas DataFrame; got pyarrow.lib.Table")
    d = simulated()
    table = pa.Table.from_pandas(d)
    assert mnlogit.check_separation("y ~ x + g", table) is None
    separated = pa.Table.from_pandas(d.assign(y=np.where(d["x"] > 0, "a", "b")))
    assert mnlogit.check_separation("y ~ x", separated) is not None
    model = mnlogit.MNLogit.from_formula("y ~ x + g", table, ref="b")
    np.testing.assert_allclose(model.fit().llf, mnlogit.fit("y ~ x + g", d).llf, rtol=1e-12)


@pytest.mark.parametrize("missing", [None, np.nan])
def test_python_integers_past_2_53_beside_a_missing_value_keep_their_levels(missing):
    # an object column of Python ints with a None was read through float64: 2**53 and
    # 2**53 + 1 became one level of C(k), and new data of 2**53 + 1 predicted at 2**53
    d = simulated()
    values = (2**53 + d["k"]).tolist()
    objects = d.assign(k=pd.Series([*values[:-1], missing], dtype=object))
    nullable = d.assign(k=pd.array([*values[:-1], None], dtype="Int64"))
    res = mnlogit.fit("y ~ x + C(k)", objects)
    assert list(res.params.index[2:]) == [f"C(k)[T.{2**53 + 1}]", f"C(k)[T.{2**53 + 2}]"]
    np.testing.assert_allclose(res.llf, mnlogit.fit("y ~ x + C(k)", nullable).llf, rtol=1e-12)
    rows = objects.head(6)
    pd.testing.assert_frame_equal(res.predict(rows), res.predict(nullable.head(6)))
    with pytest.raises(InputTypeError, match=r"column 'k' holds integers as large as"):
        mnlogit.fit("y ~ x + k", objects)


def test_python_integers_past_64_bits_are_numbers_as_the_column_is_read():
    # pandas keeps integers past 64 bits as Python ints (pd.read_csv of a cell
    # 99999999999999999999): such a column was taken for numbers and fitted by formulaic as
    # categories, k[T.1], k[T.2], k[T.99999999999999999999], with nothing said
    d = simulated()
    huge = 99999999999999999999
    values = pd.Series(np.array([1, 2, huge], dtype=object)[d["k"]], dtype=object)
    res = mnlogit.fit("y ~ x + k", d.assign(k=values))
    assert list(res.params.index) == ["Intercept", "x", "k"]
    floats = mnlogit.fit("y ~ x + k", d.assign(k=values.astype(float)))
    np.testing.assert_allclose(res.params, floats.params, rtol=1e-10)
    pd.testing.assert_frame_equal(
        res.predict(d.assign(k=values).head()), floats.predict(d.assign(k=values).head())
    )
    levels = mnlogit.fit("y ~ x + C(k)", d.assign(k=values))  # as labels: each kept exactly
    assert levels.params.index[-1] == f"C(k)[T.{huge}]"
    near = pd.Series([10**20 + int(v) for v in d["k"]], dtype=object)  # 1e20 + (0..2)
    with pytest.raises(InputTypeError, match=r"column 'k' holds integers as large as 1000"):
        mnlogit.fit("y ~ x + k", d.assign(k=near))


def test_decimals_float64_cannot_tell_apart_are_refused_as_levels():
    # C(k) of Decimal('0.1') and Decimal('0.1000000000000000001') fitted them as one level
    from decimal import Decimal

    d = simulated()
    values = np.array([Decimal("0.1"), Decimal("0.1000000000000000001"), Decimal("0.2")])
    close = d.assign(k=pd.Series(values[d["k"]], dtype=object))
    with pytest.raises(mnlogit.exceptions.DataError, match=r"float64 cannot tell apart"):
        mnlogit.fit("y ~ x + C(k)", close)
    as_text = mnlogit.fit("y ~ x + C(k)", close.assign(k=close["k"].astype(str)))
    assert len(as_text.params.index) == 4
    mnlogit.fit("y ~ x + k", close)  # as numbers they differ by rounding only


# --- the same values in any pyarrow dtype ------------------------------------------------------
def _dictionary(column: pd.Series) -> pd.Series:
    """A column as pyarrow's dictionary of its sorted values (a Categorical written to Arrow)."""
    values = pa.chunked_array([pa.array(pd.Categorical(column))])
    return pd.Series(pd.arrays.ArrowExtensionArray(values), index=column.index)


ARROW = {
    "y": [
        lambda s: s.astype("large_string[pyarrow]"),
        as_view,
        _dictionary,
        lambda s: s.astype("str"),
        lambda s: s.astype("string[python]"),
    ],
    "g": [lambda s: s.astype("large_string[pyarrow]"), as_view, _dictionary],
    "k": [
        lambda s: s.astype("int64[pyarrow]"),
        lambda s: s.astype("uint8[pyarrow]"),
        lambda s: s.astype("UInt64"),
        lambda s: s.astype("Int8"),
    ],
    "x": [lambda s: s.astype("float[pyarrow]"), lambda s: s.astype("Float32")],
}


@settings(max_examples=15, deadline=None)
@given(st.fixed_dictionaries({c: st.sampled_from(range(len(fs))) for c, fs in ARROW.items()}))
def test_the_same_values_in_pyarrow_dtypes_fit_and_predict_alike(picks):
    d = simulated().assign(x=lambda f: f["x"].astype(np.float32).astype(np.float64))
    formula = "y ~ x + g + C(k)"
    expected = mnlogit.fit(formula, d)
    other = d.assign(**{c: ARROW[c][pick](d[c]) for c, pick in picks.items()})
    res = mnlogit.fit(formula, other)
    assert res.outcomes == expected.outcomes
    assert list(res.params.index) == list(expected.params.index)
    np.testing.assert_allclose(res.params, expected.params, rtol=1e-9)
    pd.testing.assert_frame_equal(expected.predict(other.head(8)), expected.predict(d.head(8)))


# --- dates, spans, periods and intervals -------------------------------------------------------
DATES = {
    "datetime64[ns, UTC]": lambda k: pd.Series(pd.to_datetime(k, unit="D", utc=True)),
    "date32[pyarrow]": lambda k: pd.Series(
        pd.array(pd.to_datetime(k, unit="D").date, dtype=pd.ArrowDtype(pa.date32()))
    ),
    "duration[pyarrow]": lambda k: pd.Series(
        pd.array(pd.to_timedelta(k, unit="D"), dtype=pd.ArrowDtype(pa.duration("s")))
    ),
    "period": lambda k: pd.Series(pd.array(pd.PeriodIndex.from_ordinals(k, freq="M"))),
    "interval": lambda k: pd.Series(pd.arrays.IntervalArray.from_breaks([0, 1, 2, 3])[k]),
}


@pytest.mark.parametrize("kind", sorted(DATES))
def test_dates_spans_and_intervals_used_as_they_are_point_to_c(kind):
    # the refusal said "convert it first (e.g. to a number of days)", even of intervals,
    # and not that C() reads their values as categories, which it does
    d = simulated()
    dates = d.assign(g=DATES[kind](d["k"].to_numpy()))
    with pytest.raises(InputTypeError, match=r"or write C\(g\) to use its values as categories"):
        mnlogit.fit("y ~ x + g", dates)
    res = mnlogit.fit("y ~ x + C(g)", dates)
    np.testing.assert_allclose(res.llf, mnlogit.fit("y ~ x + C(k)", d).llf, rtol=1e-12)
    pd.testing.assert_frame_equal(
        res.predict(dates.head()), mnlogit.fit("y ~ x + C(k)", d).predict(d.head())
    )


def test_categoricals_through_a_pyarrow_table_keep_their_order_of_levels():
    # a Table's dictionary columns were read as text and their levels sorted: the outcome's
    # reference and a factor's baseline were not the Categorical's first categories
    d = simulated().assign(
        y=lambda f: pd.Categorical(f["y"], categories=["c", "a", "b"]),
        g=lambda f: pd.Categorical(f["g"], categories=["w", "v", "u"], ordered=True),
    )
    expected = mnlogit.fit("y ~ x + g", d)
    res = mnlogit.fit("y ~ x + g", pa.Table.from_pandas(d))
    assert res.outcomes == ("c", "a", "b") == expected.outcomes
    assert list(res.params.index) == list(expected.params.index)
    np.testing.assert_allclose(res.params, expected.params, rtol=1e-12)


def test_a_categorical_read_back_from_parquet_with_pyarrow_keeps_its_order_of_levels(tmp_path):
    # pd.read_parquet(..., dtype_backend="pyarrow") gives a Categorical of text as a pyarrow
    # dictionary, which was read as text with its levels sorted: the outcome's reference
    # became 'a' instead of the first category 'c', the factor's baseline 'u' instead of 'w'
    d = simulated().assign(
        y=lambda f: pd.Categorical(f["y"], categories=["c", "a", "b"]),
        g=lambda f: pd.Categorical(f["g"], categories=["w", "v", "u"]),
    )
    d.to_parquet(tmp_path / "data.parquet")
    arrow = pd.read_parquet(tmp_path / "data.parquet", dtype_backend="pyarrow")
    assert isinstance(arrow["y"].dtype, pd.ArrowDtype)
    expected, res = mnlogit.fit("y ~ x + g", d), mnlogit.fit("y ~ x + g", arrow)
    assert res.outcomes == expected.outcomes == ("c", "a", "b")
    assert list(res.params.index) == list(expected.params.index)
    np.testing.assert_allclose(res.params, expected.params, rtol=1e-12)
    pd.testing.assert_frame_equal(res.predict(arrow.head()), expected.predict(d.head()))


def test_a_table_that_exports_arrow_data_without_pyarrow_installed_says_so(monkeypatch):
    class Frame:  # a polars-like frame
        def __arrow_c_stream__(self, requested_schema=None):  # pragma: no cover
            raise AssertionError("not read without pyarrow")

    monkeypatch.setitem(__import__("sys").modules, "pyarrow", None)
    with pytest.raises(InputTypeError, match=r"reading a Frame needs pyarrow"):
        mnlogit.fit("y ~ x", Frame())


def test_the_classifier_refuses_a_pyarrow_dictionary_of_numbers_without_a_formula():
    # a pandas Categorical of numbers is refused (one slope for its categories); the same
    # Categorical as a pyarrow dictionary was fitted as numbers
    from mnlogit.sklearn import MNLogitClassifier

    d = simulated()
    codes = pa.array(pd.Categorical(d["k"], categories=[2, 0, 1]))
    X = d[["x"]].assign(k=pd.Series(pd.arrays.ArrowExtensionArray(codes)))
    with pytest.raises(InputTypeError, match=r"column 'k' is a Categorical \(categories 2, 0"):
        MNLogitClassifier().fit(X, d["y"])
    res = MNLogitClassifier(formula="x + C(k)").fit(X, d["y"]).results_
    assert list(res.params.index) == ["Intercept", "x", "C(k)[T.0]", "C(k)[T.1]"]


def test_run_end_encoded_columns_are_the_values_their_runs_stand_for():
    # refused as "several values in each cell", though each cell holds one value
    df = pd.DataFrame(
        {
            "y": list("abcab" * 12),
            "x": np.linspace(-2, 2, 60) ** 3,
            "g": ["u"] * 20 + ["v"] * 25 + ["w"] * 15,
        }
    )
    runs = pa.RunEndEncodedArray.from_arrays(
        pa.array([20, 45, 60], pa.int32()), pa.array(["u", "v", "w"])
    )
    table = pa.Table.from_pandas(df.drop(columns="g"), preserve_index=False)
    plain = mnlogit.fit("y ~ x + g", df)
    res = mnlogit.fit("y ~ x + g", table.append_column("g", runs))
    np.testing.assert_allclose(res.params.to_numpy(), plain.params.to_numpy(), rtol=1e-10)
    outcome = pa.RunEndEncodedArray.from_arrays(
        pa.array(np.arange(1, 61), pa.int32()), pa.array(df["y"].tolist())
    )
    arrays = mnlogit.MNLogit(outcome, df[["x"]]).fit()
    assert arrays.outcomes == ("a", "b", "c")
    np.testing.assert_allclose(
        arrays.params.to_numpy(), mnlogit.MNLogit(df["y"], df[["x"]]).fit().params.to_numpy()
    )


def test_month_day_nano_intervals_are_refused_by_name():
    # pandas cannot compare or convert them: a bare NotImplementedError: month_day_nano_interval
    df = pd.DataFrame({"y": list("abab" * 10), "x": np.arange(40.0) % 7})
    interval = pa.month_day_nano_interval()
    spans = pa.array([pa.scalar((k % 2, 3, 0), type=interval) for k in range(40)])
    table = pa.Table.from_pandas(df, preserve_index=False).append_column("s", spans)
    mnlogit.fit("y ~ x", table)  # a column the formula does not read is left alone
    for formula in ("y ~ x + s", "y ~ x + C(s)"):
        with pytest.raises(mnlogit.MNLogitError, match="'s' has dtype month_day_nano_interval"):
            mnlogit.fit(formula, table)


def test_an_unnamed_series_of_lists_as_clusters_is_refused_by_its_role():
    df = pd.DataFrame({"y": list("abab" * 5), "x": np.arange(20.0)})
    lists = pd.Series(pd.arrays.ArrowExtensionArray(pa.array([[1]] * 20)))
    with pytest.raises(mnlogit.MNLogitError, match=r"^groups: column 'groups' has dtype list"):
        mnlogit.MNLogit(df["y"], df[["x"]], groups=lists)


def test_pyarrow_arrays_as_weights_are_read_as_their_column_nulls_quoted_as_na():
    # numpy read a pyarrow null as NaN: the refusal quoted "nan", a value not given
    df = pd.DataFrame({"y": list("abcab" * 8), "x": np.arange(40.0) % 6})
    weights = pa.array([None, *([1] * 39)])
    with pytest.raises(mnlogit.MNLogitError, match="must be finite; got <NA> in row 0;"):
        mnlogit.MNLogit(df["y"], df[["x"]], weights=weights)
    nan = pa.array([np.nan, *([1.0] * 39)])
    with pytest.raises(mnlogit.MNLogitError, match="must be finite; got nan in row 0;"):
        mnlogit.MNLogit(df["y"], df[["x"]], weights=nan)


@pytest.mark.slow
@pytest.mark.parametrize("formula", ["y ~ C(j) + x", "y ~ j + x", "y ~ np.log1p(j + 2) + x"])
def test_a_dask_fit_counts_and_names_pyarrow_nan_over_its_partitions_as_in_memory(formula):
    # the design is built on a sample of rows, renumbered: C(j) was refused as "NaN (e.g. in
    # row 11, 1 in all)" whichever rows held it, and j as a number as non-finite design values
    dd = pytest.importorskip("dask.dataframe")
    d = simulated()
    j = (d["k"] % 3).to_numpy(dtype=float)
    j[[150, 160, 290]] = np.nan
    d = d.assign(j=pd.array(pa.array(j, from_pandas=False), dtype="double[pyarrow]"))
    d.loc[150, "x"] = np.nan  # a row dropped for a missing value holds one too, as in memory
    said = r"column 'j' holds NaN \(e\.g\. in row 150, 3 in all\)"
    with pytest.raises(mnlogit.MNLogitError, match=said):
        mnlogit.fit(formula, d)
    with pytest.raises(mnlogit.MNLogitError, match=said):
        mnlogit.fit(formula, dd.from_pandas(d, npartitions=3))
