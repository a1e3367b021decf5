"""Arrays and tables of the kinds Python users hold, beyond pandas' and numpy's defaults:
big-endian numbers, pyarrow arrays, structured arrays, outcomes given as a column or a
one-hot matrix. Each fits as the same values in plain dtypes fit, or is refused saying what
to pass; nothing the user passed is changed."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import MNLogit


def simulated(n: int = 150) -> pd.DataFrame:
    rng = np.random.default_rng(4)
    return pd.DataFrame(
        {
            "y": rng.integers(0, 3, n),
            "x": rng.normal(size=n),
            "k": rng.integers(0, 4, n),
            "g": rng.integers(0, 12, n),
            "w": rng.integers(1, 4, n).astype(float),
        }
    )


def _same_fit(a, b) -> None:
    pd.testing.assert_frame_equal(a.params, b.params, rtol=1e-9, atol=1e-12)
    pd.testing.assert_frame_equal(a.bse, b.bse, rtol=1e-9, atol=1e-12)


def _big_endian(values: np.ndarray) -> np.ndarray:
    return values.astype(values.dtype.newbyteorder(">"))


# --- big-endian numbers ----------------------------------------------------------------------
# read from FITS, HDF5 or network-order files; pandas cannot hash them ("Big-endian buffer not
# supported on little-endian compiler" came back from the outcome, C(), clusters and labels)


def test_big_endian_outcome_factor_and_clusters_fit_as_native_ones():
    df = simulated()
    swapped = df.assign(**{c: _big_endian(df[c].to_numpy()) for c in ("y", "k", "g", "w")})
    options = {"cov_type": "cluster", "groups": "g", "weights": "w"}
    native = mnlogit.fit("y ~ x + C(k)", df, **options)
    _same_fit(mnlogit.fit("y ~ x + C(k)", swapped, **options), native)
    assert swapped["y"].dtype == np.dtype(">i8")  # the user's columns keep their dtype
    res = mnlogit.fit("y ~ x + C(k)", df, cov_type="cluster", groups=df["g"].to_numpy())
    given = _big_endian(df["g"].to_numpy())
    _same_fit(mnlogit.fit("y ~ x + C(k)", df, cov_type="cluster", groups=given), res)
    assert given.dtype == np.dtype(">i8")
    # new data in big-endian: its levels matched to the fitted ones
    pd.testing.assert_frame_equal(native.predict(swapped), native.predict(df))


def test_big_endian_arrays_fit_as_native_ones():
    df = simulated()
    y, X, g = df["y"].to_numpy(), df[["x", "k"]].to_numpy(), df["g"].to_numpy()
    native = MNLogit(y, X, groups=g).fit(cov_type="cluster")
    by, bX, bg = _big_endian(y), _big_endian(X), _big_endian(g)
    _same_fit(MNLogit(by, bX, groups=bg).fit(cov_type="cluster"), native)
    assert by.dtype == np.dtype(">i8") and (by == y).all() and (bg == g).all()


def test_big_endian_survey_roles_and_subpopulation_fit_as_native_ones():
    df = simulated().assign(s=lambda d: np.arange(len(d)) % 3, psu=lambda d: np.arange(len(d)) // 5)
    roles = {"weights": "w", "strata": "s", "psu": "psu"}
    sub = (df["x"] > -1).astype(np.int32).to_numpy()
    native = mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(**roles), subpop=sub)
    design = mnlogit.SurveyDesign(**{r: _big_endian(df[c].to_numpy()) for r, c in roles.items()})
    _same_fit(mnlogit.fit("y ~ x", df, design=design, subpop=_big_endian(sub)), native)


def test_big_endian_columns_fit_on_dask_as_native_ones():
    dd = pytest.importorskip("dask.dataframe")
    df = simulated()
    # partitions of big-endian numbers, whose meta dask gives as int32
    ddf = dd.from_pandas(df, npartitions=3).map_partitions(
        lambda p: p.astype({"y": ">i4", "k": ">i4"})
    )
    res = mnlogit.fit("y ~ x + C(k)", ddf)
    _same_fit(res, mnlogit.fit("y ~ x + C(k)", df))


def test_big_endian_labels_fit_the_classifier_as_native_ones():
    from mnlogit.sklearn import MNLogitClassifier

    df = simulated()
    X, y = df[["x", "k"]].to_numpy(), df["y"].to_numpy()
    native = MNLogitClassifier().fit(X, y)
    clf = MNLogitClassifier().fit(X, _big_endian(y))
    np.testing.assert_allclose(clf.coef_, native.coef_, rtol=1e-9)
    assert clf.classes_.tolist() == [0, 1, 2]


# --- pyarrow decimals ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "formula", ["y ~ np.log(k)", "y ~ k:x", "y ~ bs(k, df=3)", "y ~ center(k) + x"]
)
def test_pyarrow_decimals_in_a_transform_fit_and_predict_as_floats(formula):
    # pandas computes with them as Python Decimals: np.log, bs(), center() and k:x failed in
    # formulaic ("unsupported operand type(s) for *: 'decimal.Decimal' and 'float")
    pa = pytest.importorskip("pyarrow")
    from decimal import Decimal

    df = simulated().assign(k=lambda d: d["k"] + 1.0)
    decimals = pd.array(
        [Decimal(int(v)) for v in df["k"]], dtype=pd.ArrowDtype(pa.decimal128(5, 0))
    )
    given = df.assign(k=decimals)
    res = mnlogit.fit(formula, given)
    floats = mnlogit.fit(formula, df)
    _same_fit(res, floats)
    pd.testing.assert_frame_equal(floats.predict(given), floats.predict(df))
    assert given["k"].dtype == pd.ArrowDtype(pa.decimal128(5, 0))


# --- pyarrow arrays as MNLogit's y and X -----------------------------------------------------


def test_a_pyarrow_dictionary_outcome_has_its_levels_in_order_as_in_a_table():
    # through numpy the levels were sorted: MNLogit(pa_array, X) had reference 'a' where the
    # same column in a pyarrow Table, or as a pandas Series, has the dictionary's first 'c'
    pa = pytest.importorskip("pyarrow")
    df = simulated()
    labels = np.array(["c", "a", "b"])[df["y"].to_numpy()]
    chunked = pa.chunked_array(
        [pa.array(labels[:70]).dictionary_encode(), pa.array(labels[70:]).dictionary_encode()]
    )
    X = df[["x", "k"]].assign(Intercept=1.0)[["Intercept", "x", "k"]]
    res = MNLogit(chunked, X).fit()
    series = MNLogit(pd.Series(pd.arrays.ArrowExtensionArray(chunked)), X).fit()
    table = mnlogit.fit("y ~ x + k", pa.table({"y": chunked, "x": df["x"], "k": df["k"]}))
    first_seen = tuple(pd.unique(labels[:70]))  # the first chunk holds every level
    assert first_seen != ("a", "b", "c")
    assert res.outcomes == series.outcomes == table.outcomes == first_seen
    assert res.ref == table.ref == first_seen[0]
    _same_fit(res, table)
    # a plain pyarrow array of text: sorted, as its values as a numpy array are
    plain = MNLogit(pa.array(labels), X).fit()
    _same_fit(plain, MNLogit(labels, X).fit())


def test_a_pyarrow_array_as_x_is_one_column_as_a_1d_array_is():
    # it was refused: 'a ChunkedArray exports Arrow data but not a table of columns (Cannot
    # import schema: ArrowSchema describes non-struct type double)'
    pa = pytest.importorskip("pyarrow")
    df = simulated()
    x = df["x"].to_numpy()
    res = MNLogit(df["y"], pa.chunked_array([x[:50], x[50:]])).fit()
    _same_fit(res, MNLogit(df["y"], x).fit())
    assert list(res.params.index) == ["x0"]
    # as new data, refused as a 1-D numpy array is (one row or one column?), not with
    # pyarrow's "ArrowSchema describes non-struct type double"
    with pytest.raises(mnlogit.exceptions.DataError, match=r"expected 1 columns; got shape"):
        res.predict(pa.chunked_array([x[:50], x[50:]]))


# --- outcomes as a column or a one-hot matrix ------------------------------------------------


def test_an_outcome_column_of_shape_n_by_1_fits_as_its_values():
    # a DataFrame of one column was read as its values, the same numbers as an (n, 1) array
    # were refused as "expected one value per row (1-D)"
    df = simulated()
    y = df["y"].to_numpy()
    column = y[:, None]
    res = MNLogit(column, df[["x", "k"]]).fit()
    _same_fit(res, MNLogit(y, df[["x", "k"]]).fit())
    _same_fit(MNLogit(column.tolist(), df[["x", "k"]]).fit(), res)  # a list of rows
    assert column.shape == (len(df), 1)


def test_a_one_hot_outcome_is_refused_saying_how_to_give_its_labels():
    df = simulated()
    indicators = np.eye(3)[df["y"].to_numpy()]
    with pytest.raises(mnlogit.exceptions.DataError, match=r"one-hot .*y\.argmax\(axis=1\)"):
        MNLogit(indicators, df[["x"]])
    frame = pd.DataFrame(indicators, columns=["a", "b", "c"])
    with pytest.raises(mnlogit.exceptions.DataError, match=r"indicators.*y\.idxmax\(axis=1\)"):
        MNLogit(frame, df[["x"]])


# --- structured and record arrays ------------------------------------------------------------


def test_a_record_array_is_the_table_of_its_fields():
    # numpy cannot convert it to numbers: it was refused as an X "that does not convert to
    # numbers", and as y ended in pandas' "Cannot construct a Series from an ndarray with
    # compound dtype"
    df = simulated()
    X = np.rec.fromarrays([df["x"].to_numpy(), df["k"].to_numpy()], names="x,k")
    res = MNLogit(df["y"], X).fit()
    plain = MNLogit(df["y"], df[["x", "k"]]).fit()
    _same_fit(res, plain)
    structured = np.zeros(len(df), dtype=[("x", ">f8"), ("k", "<i4")])
    structured["x"], structured["k"] = df["x"], df["k"]
    _same_fit(MNLogit(df["y"], structured).fit(), plain)
    pd.testing.assert_frame_equal(res.predict(structured[:5]), plain.predict(df[["x", "k"]][:5]))
    outcome = np.zeros(len(df), dtype=[("y", "i8")])
    outcome["y"] = df["y"]
    _same_fit(MNLogit(outcome, df[["x", "k"]]).fit(), plain)
    with pytest.raises(mnlogit.exceptions.DataError, match=r"2 fields \('x', 'k'\)"):
        MNLogit(X, df[["x"]])
    assert structured.dtype["x"] == np.dtype(">f8")


# --- masked arrays as a survey design's values -----------------------------------------------


@pytest.mark.parametrize("role", ["weights", "strata", "psu", "fpc", "subpop"])
def test_masked_cells_of_a_survey_design_are_missing_not_the_values_under_them(role):
    # np.asarray read the values under the mask, which the masked array says are no data:
    # a masked stratum or sampling weight was used as whatever it held, with nothing said
    df = simulated()
    n = len(df)
    values = {
        "weights": df["w"].to_numpy(),
        "strata": np.arange(n) % 3,
        "psu": np.arange(n) // 5,
        "fpc": np.full(n, 100.0),
        "subpop": df["x"].to_numpy() > -1,
    }
    values[role] = np.ma.masked_array(values[role], mask=np.arange(n) == 4)
    subpop = values.pop("subpop")
    with pytest.raises(mnlogit.exceptions.DataError, match=r"row 4"):
        mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(**values), subpop=subpop)


# --- sparse designs --------------------------------------------------------------------------


def test_sparse_columns_of_x_fit_as_their_dense_values():
    # MNLogit(y, X) with Sparse columns ended in "'SparseDtype' object has no attribute
    # 'itemsize'"; a formula reads them as their dense values
    df = simulated()
    X = df[["x", "k"]].astype(pd.SparseDtype(float, 0.0))
    res = MNLogit(df["y"], X).fit()
    _same_fit(res, MNLogit(df["y"], df[["x", "k"]].astype(float)).fit())
    assert all(isinstance(d, pd.SparseDtype) for d in X.dtypes)


def test_a_scipy_sparse_matrix_is_refused_saying_to_make_it_dense():
    sparse = pytest.importorskip("scipy.sparse")
    df = simulated()
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=r"sparse csr_matrix.*toarray"):
        MNLogit(df["y"], sparse.csr_matrix(df[["x", "k"]].to_numpy()))
    res = MNLogit(df["y"], df[["x", "k"]].to_numpy()).fit()
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=r"newdata\.toarray\(\)"):
        res.predict(sparse.csr_array(df[["x", "k"]].to_numpy()))


# --- long doubles as levels ------------------------------------------------------------------


def _long_doubles(codes: np.ndarray, apart: bool) -> np.ndarray:
    eps = np.finfo(np.longdouble).eps
    levels = np.array([1, 2, 3], dtype=np.longdouble)
    if not apart:  # 1 and 1 + 2 eps: apart in long double, one number in float64
        levels[1] = np.longdouble(1) + 2 * eps
    return levels[codes]


@pytest.mark.skipif(
    np.finfo(np.longdouble).eps >= np.finfo(np.float64).eps, reason="long double is float64"
)
def test_long_doubles_float64_cannot_tell_apart_are_refused_as_levels():
    # pandas hashes long doubles as float64: 1 and 1 + 2e-19 were one level of the outcome,
    # or one cluster, with nothing said, and C() of them failed with "Buffer dtype mismatch"
    df = simulated()
    close = _long_doubles(df["k"].to_numpy() % 3, apart=False)
    assert len(set(close.tolist())) == 3
    match = r"float64 cannot tell apart \(1 and 1\.0000000000000000002\)"
    with pytest.raises(mnlogit.exceptions.DataError, match=match):
        mnlogit.fit("y ~ x", df.assign(y=close))
    with pytest.raises(mnlogit.exceptions.DataError, match=match):
        MNLogit(close, df[["x"]])
    with pytest.raises(mnlogit.exceptions.DataError, match=match):
        mnlogit.fit("y ~ x + C(k)", df.assign(k=close))
    with pytest.raises(mnlogit.exceptions.DataError, match=match):
        mnlogit.fit("y ~ x", df, cov_type="cluster", groups=close)
    design = mnlogit.SurveyDesign(weights="w", strata=close, psu=np.arange(len(df)))
    with pytest.raises(mnlogit.exceptions.DataError, match=match):
        mnlogit.fit("y ~ x", df, design=design)
    from mnlogit.sklearn import MNLogitClassifier

    with pytest.raises(mnlogit.exceptions.DataError, match=match):
        MNLogitClassifier().fit(df[["x"]].to_numpy(), close)


def test_long_doubles_as_levels_fit_as_the_same_numbers_in_float64():
    df = simulated()
    k = df["k"].to_numpy() % 3
    given = _long_doubles(k, apart=True)
    clusters = df["g"].to_numpy().astype(np.longdouble) / 3
    res = mnlogit.fit("y ~ x + C(k)", df.assign(k=given), cov_type="cluster", groups=clusters)
    floats = df.assign(k=given.astype(np.float64))
    groups = clusters.astype(np.float64)
    _same_fit(res, mnlogit.fit("y ~ x + C(k)", floats, cov_type="cluster", groups=groups))
    assert mnlogit.fit("y ~ x", df.assign(y=given)).outcomes == (1.0, 2.0, 3.0)
    assert given.dtype == np.longdouble


# --- pyarrow extension types -----------------------------------------------------------------


def test_pyarrow_uuids_are_labels_and_tensors_are_refused_by_name():
    # both ended in pyarrow's "Function 'unique' has no kernel matching input types
    # (extension<arrow.uuid>)"
    pa = pytest.importorskip("pyarrow")
    if not hasattr(pa, "uuid"):
        pytest.skip("pyarrow without the UUID type")
    df = simulated()
    k = df["k"].to_numpy() % 3
    uuids = pa.array([bytes([v]) * 16 for v in k], pa.uuid())
    table = pa.table(df).drop_columns(["k"]).append_column("k", uuids)
    res = mnlogit.fit("y ~ x + k", table)
    plain = mnlogit.fit("y ~ x + C(k)", df.assign(k=k))
    np.testing.assert_allclose(res.params.to_numpy(), plain.params.to_numpy(), rtol=1e-9)
    pd.testing.assert_frame_equal(
        res.predict(table), res.predict(df.assign(k=[bytes([v]) * 16 for v in k]))
    )
    tensors = pa.FixedShapeTensorArray.from_numpy_ndarray(np.ones((len(df), 2)))
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=r"several values in each cell"):
        mnlogit.fit("y ~ x + t", pa.table(df).append_column("t", tensors))


# --- a Series as X ---------------------------------------------------------------------------


def test_a_series_as_x_is_one_column_read_as_a_dataframe_column_is():
    # a Series of categories was fitted as the numbers it holds (as a DataFrame's column it is
    # refused), and a named Series was labelled 'x0'
    df = simulated()
    res = MNLogit(df["y"], df["x"]).fit()
    assert list(res.params.index) == ["x"]
    _same_fit(res, MNLogit(df["y"], df[["x"]]).fit())
    for categories in (pd.Categorical(df["k"]), df["k"].astype("category")):
        with pytest.raises(
            mnlogit.exceptions.InputTypeError, match=r"not numeric \(dtype category\)"
        ):
            MNLogit(df["y"], categories)


@pytest.mark.parametrize(
    ("make", "hint"),
    [
        (lambda y: (v for v in y), r"got a generator .*; pass list\(y\)"),
        (lambda y: dict(enumerate(y)), r"got a dict .*pd\.Series\(y\)"),
        (set, r"got a set .*no row order"),
    ],
)
def test_an_outcome_numpy_cannot_index_is_refused_saying_what_to_pass(make, hint):
    # numpy made each a single object, and the refusal said "got shape ()"
    df = simulated()
    with pytest.raises(mnlogit.exceptions.DataError, match=hint):
        MNLogit(make(df["y"].tolist()), df[["x"]])


@pytest.mark.parametrize("role", ["outcome", "factor", "groups"])
def test_long_doubles_as_levels_on_dask_are_refused_saying_how_to_convert(role):
    # pandas hashes them as float64: clusters 1 and 1 + 2e-19 were one cluster, and an outcome
    # of long doubles ended in "Buffer dtype mismatch, expected 'Python object'"
    dd = pytest.importorskip("dask.dataframe")
    df = simulated()
    levels = _long_doubles(df["k"].to_numpy() % 3, apart=True)
    column = {"outcome": "y", "factor": "k", "groups": "g"}[role]
    ddf = dd.from_pandas(df.assign(**{column: levels}), npartitions=2)
    options = {"cov_type": "cluster", "groups": "g"} if role == "groups" else {}
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=rf"ddf\['{column}'\]\.astype"):
        mnlogit.fit("y ~ x + C(k)", ddf, **options)


# --- dates in another unit -------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["datetime64", "timedelta64"])
def test_dates_of_a_factor_in_another_unit_predict_as_the_fitted_ones(kind):
    # new data's datetime64[ns] values were read as ints of nanoseconds (numpy's item()) and
    # refused as "not among the levels seen in fitting", quoting 1577836800000000000
    df = simulated()
    values = np.array([0, 31, 60], dtype=f"{kind}[D]")[df["k"].to_numpy() % 3]
    res = mnlogit.fit("y ~ x + C(k)", df.assign(k=values))
    expected = res.predict(df.assign(k=values))
    for unit in ("s", "ms", "ns"):
        new = df.assign(k=values.astype(f"{kind}[{unit}]"))
        pd.testing.assert_frame_equal(res.predict(new), expected)


def test_the_classifier_refuses_a_record_array_saying_to_make_it_a_dataframe():
    # scikit-learn's "Cannot cast array data from dtype((numpy.record, [('x', '<f8'), ...]))"
    from mnlogit.sklearn import MNLogitClassifier

    df = simulated()
    X = np.rec.fromarrays([df["x"].to_numpy(), df["k"].to_numpy()], names="x,k")
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=r"fields 'x', 'k'.*pd\.DataFrame"):
        MNLogitClassifier().fit(X, df["y"])
    clf = MNLogitClassifier().fit(pd.DataFrame(X), df["y"])
    assert list(clf.feature_names_in_) == ["x", "k"]


def test_a_formula_fit_of_a_record_array_says_to_make_it_a_dataframe():
    df = simulated()
    records = df.to_records(index=False)
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=r"pd\.DataFrame\(data\)"):
        mnlogit.fit("y ~ x", records)
    res = mnlogit.fit("y ~ x", pd.DataFrame(records))
    with pytest.raises(mnlogit.exceptions.InputTypeError, match=r"pd\.DataFrame\(newdata\)"):
        res.predict(records)


@pytest.mark.parametrize(
    ("big", "shown"),
    [(10**400, "about 1e400"), (-(10**500), "about -1e500"), (Fraction(10**400, 3), "1e399")],
    ids=["int", "negative", "fraction"],
)
def test_python_numbers_past_the_float_range_in_x_or_newdata_are_refused_naming_the_cell(
    big, shown
):
    """An array of objects holding 10**400 (Python ints, or a Fraction) raised numpy's bare
    OverflowError, in MNLogit(y, X) and in predict(newdata); it is refused as numbers of a
    wider float past float64's range are, naming the column and the row."""
    df = simulated()
    X = df[["x", "k"]].to_numpy().astype(object)
    X[4, 1] = big
    with pytest.raises(mnlogit.exceptions.DataError, match=rf"X: column 1 .*{shown} in row 4"):
        MNLogit(df["y"].to_numpy(), X)
    res = MNLogit(df["y"].to_numpy(), df[["x", "k"]].to_numpy()).fit()
    new = X[:6].tolist()
    with pytest.raises(mnlogit.exceptions.DataError, match=rf"newdata: column 1 .*{shown}"):
        res.predict(new)
