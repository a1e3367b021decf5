"""polars frames and Series, and pyarrow's view types, read as the plain pandas data they hold:
the same estimates, standard errors and levels, or a refusal that says what to pass."""

from __future__ import annotations

import re
import subprocess
import sys

import numpy as np
import pandas as pd
import polars as pl
import pyarrow as pa
import pytest

import mnlogit
from mnlogit.sklearn import MNLogitClassifier

# estimates and standard errors of the same rows read two ways: the same sums, to rounding
TOL = 1e-9


def _data(n: int = 240) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    x = rng.normal(size=n)
    g = rng.choice(["a", "b", "c"], size=n)
    eta = np.c_[np.zeros(n), 0.4 + x, -0.2 + 0.7 * x + (g == "b")]
    p = np.exp(eta)
    p /= p.sum(1, keepdims=True)
    # 'mid' first, so that the order of first appearance is not the sorted one
    y = np.array(["mid"] + [rng.choice(["lo", "mid", "hi"], p=q) for q in p[1:]])
    return pd.DataFrame(
        {"y": y, "x": x, "g": g, "w": rng.integers(1, 4, n), "cl": rng.integers(0, 12, n)}
    )


def _same(a: mnlogit.MNLogitResults, b: mnlogit.MNLogitResults) -> None:
    assert a.outcomes == b.outcomes
    assert list(a.params.index) == list(b.params.index)
    np.testing.assert_allclose(a.params.to_numpy(), b.params.to_numpy(), rtol=TOL, atol=TOL)
    np.testing.assert_allclose(a.bse.to_numpy(), b.bse.to_numpy(), rtol=TOL, atol=TOL)
    assert a.nobs == b.nobs


def test_a_polars_frame_fits_predicts_and_takes_its_series_as_a_pandas_frame_does():
    df = _data()
    pf = pl.from_pandas(df)
    opts = {"weights": "w", "cov_type": "cluster", "groups": "cl"}
    plain = mnlogit.fit("y ~ x + g", df, **opts)
    _same(plain, mnlogit.fit("y ~ x + g", pf, **opts))
    _same(
        plain,
        mnlogit.fit("y ~ x + g", pf, weights=pf["w"], cov_type="cluster", groups=pf["cl"]),
    )
    pd.testing.assert_frame_equal(plain.predict(newdata=df[:5]), plain.predict(newdata=pf[:5]))
    X = df[["x"]].assign(gb=(df["g"] == "b").astype(float))
    arrays = mnlogit.MNLogit(df["y"], X, weights=df["w"], groups=df["cl"]).fit(cov_type="cluster")
    _same(
        arrays,
        mnlogit.MNLogit(
            pl.Series("y", df["y"].to_numpy()),
            pl.from_pandas(X),
            weights=pl.Series(df["w"].to_numpy()),
            groups=pl.Series(df["cl"].to_numpy()),
        ).fit(cov_type="cluster"),
    )


def test_margins_and_a_survey_design_of_a_polars_fit_are_those_of_the_pandas_fit():
    df = _data()
    pf = pl.from_pandas(df)
    plain = mnlogit.fit("y ~ x + g", df)
    polars = mnlogit.fit("y ~ x + g", pf)
    for a, b in [
        (plain.margins(over="g"), polars.margins(over="g")),
        (plain.margins(kind="effect"), polars.margins(kind="effect")),
    ]:
        pd.testing.assert_frame_equal(a.to_frame(), b.to_frame(), rtol=TOL, atol=TOL)
    design = mnlogit.SurveyDesign(weights="w", psu="cl", strata="g")
    by_series = mnlogit.SurveyDesign(weights=pf["w"], psu=pf["cl"], strata=pf["g"])
    survey = mnlogit.fit("y ~ x", df, design=design)
    _same(survey, mnlogit.fit("y ~ x", pf, design=design))
    _same(survey, mnlogit.fit("y ~ x", pf, design=by_series))


def test_a_polars_object_column_is_read_as_its_python_objects():
    # exported to Arrow, an Object column is each object's 8-byte address: C(k) had a level
    # per address (labels such as b'\x80H\xf1...'), equal labels at two addresses two levels
    df = _data()
    labels = [f"k{i % 3}" for i in range(len(df))]  # built one by one: distinct objects
    plain = mnlogit.fit("y ~ x + C(k)", df.assign(k=pd.Series(labels, dtype=object)))
    pf = pl.from_pandas(df).with_columns(k=pl.Series(labels, dtype=pl.Object))
    res = mnlogit.fit("y ~ x + C(k)", pf)
    assert list(res.params.index) == ["Intercept", "x", "C(k)[T.k1]", "C(k)[T.k2]"]
    _same(plain, res)


@pytest.mark.slow  # a subprocess
def test_a_polars_categorical_has_its_levels_sorted_as_polars_sorts_it():
    # its export lists the categories in the order the process first met them: the outcome's
    # levels were ('mid', 'hi', 'lo'), another reference than polars' own (lexical) order
    code = (
        "import polars as pl, mnlogit, numpy as np\n"
        "y = pl.Series(['mid', 'hi', 'lo', 'hi', 'lo', 'mid', 'lo', 'hi'] * 5)\n"
        "x = np.random.default_rng(1).normal(size=40)\n"
        "pf = pl.DataFrame({'y': y.cast(pl.Categorical), 'x': x})\n"
        "print(mnlogit.fit('y ~ x', pf).outcomes)\n"
        "print(mnlogit.MNLogit(y.cast(pl.Categorical), pf.select('x')).fit().outcomes)\n"
    )
    # a process of its own: the categories' order is the process's first meeting with them
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split("\n")[:2] == ["('hi', 'lo', 'mid')"] * 2


def test_a_polars_categorical_fits_as_the_same_text_does():
    df = _data()
    pf = pl.from_pandas(df).with_columns(pl.col("y", "g").cast(pl.Categorical))
    _same(mnlogit.fit("y ~ x + g", df), mnlogit.fit("y ~ x + g", pf))


def test_a_polars_enum_keeps_its_order_as_a_frame_column_and_as_a_series():
    # as MNLogit's y, an Enum ended in pyarrow's "Unsupported cast from
    # dictionary<values=string_view, ...> to utf8_view"
    df = _data()
    order = ["mid", "hi", "lo"]
    plain = mnlogit.fit("y ~ x + g", df.assign(y=pd.Categorical(df["y"], categories=order)))
    assert plain.outcomes == tuple(order)
    pf = pl.from_pandas(df).with_columns(pl.col("y").cast(pl.Enum(order)))
    _same(plain, mnlogit.fit("y ~ x + g", pf))
    arrays = mnlogit.MNLogit(pd.Categorical(df["y"], categories=order), df[["x"]]).fit()
    _same(arrays, mnlogit.MNLogit(pf["y"], df[["x"]]).fit())


def test_text_a_frame_holds_as_views_takes_a_subpopulation_and_reads_as_arrays():
    # polars exports text as string_view, which pandas cannot take rows of: a survey fit with
    # a subpopulation ended in "Function 'array_take' has no kernel matching input types
    # (string_view, int64)", and MNLogit's X or groups in "NotImplementedError: string_view"
    df = _data()
    opts = {"weights": "w", "weight_type": "probability"}
    plain = mnlogit.fit("y ~ x + g", df, subpop=df["x"] > 0, **opts)
    pf = pl.from_pandas(df)
    _same(plain, mnlogit.fit("y ~ x + g", pf, subpop=pf["x"] > 0, **opts))
    _same(plain, mnlogit.fit("y ~ x + g", pf, subpop="x > 0", **opts))
    views = df.assign(g=df["g"].astype(pd.ArrowDtype(pa.string_view())))
    _same(plain, mnlogit.fit("y ~ x + g", views, subpop=views["x"] > 0, **opts))
    clusters = mnlogit.MNLogit(df["y"], df[["x"]], groups=df["g"]).fit(cov_type="cluster")
    _same(clusters, mnlogit.MNLogit(df["y"], df[["x"]], groups=views["g"]).fit(cov_type="cluster"))
    with pytest.raises(mnlogit.MNLogitError, match="'g' are not numeric"):
        mnlogit.MNLogit(df["y"], views[["x", "g"]])
    # row labels of views: what predict() returned with them could not be shown
    # ("NotImplementedError: string_view" from pandas' repr)
    labels = pd.Index([f"r{i}" for i in range(len(df))], dtype=pd.ArrowDtype(pa.string_view()))
    res = mnlogit.fit("y ~ x + g", df)
    labelled = mnlogit.fit("y ~ x + g", df.set_axis(labels))
    _same(res, labelled)
    predicted = labelled.predict(newdata=views.set_axis(labels)[:3])
    assert predicted.index.tolist() == ["r0", "r1", "r2"]
    assert "r2" in repr(predicted)
    np.testing.assert_allclose(predicted.to_numpy(), res.predict(newdata=df[:3]).to_numpy())


def test_polars_128_bit_integers_are_read_as_64_bit_ones_or_as_python_ints():
    # no Arrow export ("Invalid or unsupported format string: '_pli128'"), and as MNLogit's
    # groups polars' "cannot convert i128 to NumPy"
    df = _data()
    pf = pl.from_pandas(df).with_columns(pl.col("cl").cast(pl.Int128))
    _same(mnlogit.fit("y ~ x + C(cl)", df), mnlogit.fit("y ~ x + C(cl)", pf))
    clusters = mnlogit.MNLogit(df["y"], df[["x"]], groups=df["cl"]).fit(cov_type="cluster")
    _same(clusters, mnlogit.MNLogit(df["y"], df[["x"]], groups=pf["cl"]).fit(cov_type="cluster"))
    # past 64 bits: Python's ints, as a pandas column of them is read
    wide = pf.with_columns(cl=pl.col("cl").cast(pl.Int128) + 2**100)
    big = df.assign(cl=pd.Series([int(v) + 2**100 for v in df["cl"]], dtype=object))
    _same(mnlogit.fit("y ~ x + C(cl)", big), mnlogit.fit("y ~ x + C(cl)", wide))
    by_cluster = mnlogit.fit("y ~ x", df, cov_type="cluster", groups="cl")
    _same(by_cluster, mnlogit.fit("y ~ x", wide, cov_type="cluster", groups="cl"))
    with pytest.raises(mnlogit.MNLogitError, match=r"'cl' holds integers as large as 12676"):
        mnlogit.fit("y ~ x + cl", wide)


def test_a_polars_lazyframe_is_refused_saying_to_collect_it():
    df = _data()
    lazy = pl.from_pandas(df).lazy()
    res = mnlogit.fit("y ~ x", df)
    calls = {
        "data": lambda: mnlogit.fit("y ~ x", lazy),
        "X": lambda: mnlogit.MNLogit(df["y"], lazy.select("x")),
        "newdata": lambda: res.predict(newdata=lazy),
    }
    for what, call in calls.items():
        with pytest.raises(mnlogit.MNLogitError, match=rf"pass {what}\.collect\(\)"):
            call()
    with pytest.raises(mnlogit.MNLogitError, match=r"pass X\.collect\(\)"):
        MNLogitClassifier().fit(lazy.select("x"), df["y"])


def test_a_nan_weight_of_a_polars_column_is_quoted_as_nan_and_a_null_as_na():
    # polars holds NaN beside its nulls; a NaN weight was quoted as <NA>, a value the column
    # does not hold
    df = _data()
    weights = df["w"].to_numpy(dtype=float, copy=True)
    weights[3] = np.nan
    nan = pl.Series(weights, nan_to_null=False)
    null = pl.Series(weights, nan_to_null=True)
    for given, shown in [(nan, "nan"), (null, "<NA>")]:
        with pytest.raises(mnlogit.MNLogitError, match=f"must be finite; got {shown} in row 3;"):
            mnlogit.MNLogit(df["y"], df[["x"]], weights=given)
        with pytest.raises(mnlogit.MNLogitError, match=f"must be finite; got {shown} in row 3;"):
            mnlogit.fit("y ~ x", pl.from_pandas(df).with_columns(w=given), weights="w")
    with pytest.raises(mnlogit.MNLogitError, match="not missing; got nan in row 3;"):
        mnlogit.fit(
            "y ~ x",
            pl.from_pandas(df).with_columns(w=nan),
            design=mnlogit.SurveyDesign(weights="w", psu="cl"),
        )


class _Interchange:
    """A table that offers only the dataframe interchange protocol."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def __dataframe__(self, nan_as_null: bool = False, allow_copy: bool = True) -> object:
        return self.frame.__dataframe__(nan_as_null, allow_copy)


def test_a_dataframe_interchange_object_is_refused_saying_how_to_convert_it():
    # MNLogit's X and predict's newdata said only "does not convert to numbers" and
    # "expected a pandas DataFrame"
    df = _data()
    res = mnlogit.fit("y ~ x", df)
    calls = {
        "data": lambda: mnlogit.fit("y ~ x", _Interchange(df)),
        "X": lambda: mnlogit.MNLogit(df["y"], _Interchange(df[["x"]])),
        "newdata": lambda: res.predict(newdata=_Interchange(df)),
    }
    for what, call in calls.items():
        with pytest.raises(
            mnlogit.MNLogitError, match=rf"pd\.api\.interchange\.from_dataframe\({what}\)"
        ):
            call()


@pytest.mark.parametrize(
    ("column", "said"),
    [
        (pl.Series([f"2020-01-{k:02d}" for k in range(1, 25)] * 10).str.to_date(), "dates"),
        (pl.Series(np.arange(240) % 24 * 3_600_000_000, dtype=pl.Duration("us")), "durations"),
        (pl.Series([str(k % 3) for k in range(240)]).cast(pl.Enum(["0", "1", "2"])), "categ"),
        (pl.Series([str(k % 3) for k in range(240)]).cast(pl.Categorical), "categ"),
    ],
)
def test_the_classifier_refuses_dates_and_categories_of_a_polars_x_as_of_a_pandas_x(column, said):
    # scikit-learn read a polars Date as days since 1970, a Duration as microseconds and an
    # Enum of '0', '1', '2' as numbers, and fitted them as slopes, where the same pandas
    # columns are refused
    df = _data()
    X = pl.from_pandas(df[["x"]]).with_columns(d=column)
    with pytest.raises(mnlogit.MNLogitError, match=f"column 'd' (holds|is a) {said}"):
        MNLogitClassifier().fit(X, df["y"])
    fitted = MNLogitClassifier().fit(X.select("x", d=pl.col("x") ** 2), df["y"])
    with pytest.raises(mnlogit.MNLogitError, match=f"column 'd' (holds|is a) {said}"):
        fitted.predict(X)


@pytest.mark.parametrize("kind", [pa.timestamp("us"), pa.duration("ms")])
def test_the_classifier_refuses_pyarrow_backed_times_of_a_pandas_x(kind):
    # scikit-learn read timestamp[us][pyarrow] as microseconds since 1970 and fitted them as a
    # slope, where the same datetime64 column is refused
    df = _data()
    stamps = pa.array(np.arange(len(df)) * 86_400_000_000 // 1000).cast(pa.int64()).cast(kind)
    # every column pyarrow-backed, as read_csv(..., dtype_backend="pyarrow") gives them
    X = pd.DataFrame(
        {"x": df["x"].astype("double[pyarrow]"), "d": pd.arrays.ArrowExtensionArray(stamps)}
    )
    with pytest.raises(mnlogit.MNLogitError, match=r"column 'd' holds (dates|durations)"):
        MNLogitClassifier().fit(X, df["y"])


def test_the_classifier_refuses_a_pandas_categorical_of_text_that_reads_as_numbers():
    # numpy read the categories '0', '1', '2' as numbers: one slope, with nothing said
    df = _data()
    codes = pd.Categorical([str(k % 3) for k in range(len(df))])
    with pytest.raises(mnlogit.MNLogitError, match=r"column 'd' is a Categorical \(categories"):
        MNLogitClassifier().fit(df[["x"]].assign(d=codes), df["y"])


def test_a_survey_design_takes_polars_series_and_pyarrow_views_as_its_columns():
    # a polars Int128 Series as weights or PSUs ended in polars' "cannot convert i128 to
    # NumPy" when the SurveyDesign was made, and a pandas Series of string_view strata in
    # "NotImplementedError: string_view"
    df = _data()
    pf = pl.from_pandas(df)
    plain = mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(weights="w", psu="cl", strata="g"))
    given = {
        "weights": pf["w"].cast(pl.Int128),
        "psu": pf["cl"].cast(pl.Int128),
        "strata": df["g"].astype(pd.ArrowDtype(pa.string_view())),
    }
    _same(plain, mnlogit.fit("y ~ x", pf, design=mnlogit.SurveyDesign(**given)))
    _same(plain, mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(**given)))
    # a subpopulation of 128-bit 0s and 1s: "cannot convert i128 to NumPy" too
    inside = (df["x"] > 0).astype(int)
    opts = {"weights": "w", "weight_type": "probability"}
    _same(
        mnlogit.fit("y ~ x", df, subpop=inside, **opts),
        mnlogit.fit("y ~ x", pf, subpop=pl.Series(inside.to_numpy()).cast(pl.Int128), **opts),
    )


def test_a_polars_series_as_a_formula_fits_new_data_says_how_to_make_it_a_table():
    # it was refused as "expected a pandas DataFrame; got numpy.ndarray", a type not given
    df = _data()
    res = mnlogit.fit("y ~ x", df)
    with pytest.raises(mnlogit.MNLogitError, match=r"newdata\.to_frame\(\) for a table"):
        res.predict(newdata=pl.Series("x", [0.0, 1.0]))


def test_nan_in_a_polars_float_column_is_refused_in_fitting_and_predicts_nan():
    # polars' NaN is not null: pandas' isna() does not see it, so I(x > 0) read it as False
    # and the fit used all 240 rows (pandas' NaN drops them: 237), predict() gave those rows
    # the probabilities of x <= 0, and C(k) of it made a column 'C(k)[T.nan]'
    df = _data()
    xs = df["x"].to_numpy(copy=True)
    xs[[0, 2, 5]] = np.nan
    pf = pl.from_pandas(df).with_columns(
        x=pl.Series(xs, nan_to_null=False), k=pl.Series(xs.round(), nan_to_null=False)
    )
    for formula, use in [("y ~ I(x > 0)", "a predictor"), ("y ~ C(k)", "a level of C(k)")]:
        with pytest.raises(
            mnlogit.MNLogitError, match=rf"holds NaN .* no meaning as {re.escape(use)}"
        ):
            mnlogit.fit(formula, pf)
    nulls = pf.with_columns(pl.col("x").fill_nan(None))
    res = mnlogit.fit("y ~ I(x > 0)", nulls)
    _same(mnlogit.fit("y ~ I(x > 0)", df.assign(x=xs)), res)
    with pytest.warns(mnlogit.MNLogitWarning, match=r"row\(s\) \(0, 2\)"):
        predicted = res.predict(newdata=pf[:3])
    assert predicted.isna().all(axis=1).tolist() == [True, False, True]


@pytest.mark.parametrize(
    "given",
    [
        "polars",
        "pyarrow",
        "double[pyarrow]",
        "MNLogit",
        pytest.param("dask", marks=pytest.mark.slow),
    ],
)
def test_nan_in_a_polars_float_outcome_is_refused_saying_to_make_it_null(given):
    # refused as "values that cannot be levels (nan); an outcome's levels are labels ... or
    # finite real numbers", without a word of null, where pandas' NaN drops its row
    rng = np.random.default_rng(3)
    x = rng.normal(size=120)
    ys = rng.choice([1.0, 2.0, 3.0], size=120)
    ys[[4, 9]] = np.nan
    y = pl.Series("y", ys, nan_to_null=False)
    data = {
        "polars": pl.DataFrame({"y": y, "x": x}),
        "pyarrow": pa.table({"y": pa.array(ys, from_pandas=False), "x": x}),
        "double[pyarrow]": pd.DataFrame(
            {"y": pd.Series(pa.array(ys, from_pandas=False), dtype="double[pyarrow]"), "x": x}
        ),
    }
    said = r"outcome: column 'y' holds NaN \(e\.g\. in row 4, 2 in all\).* as an outcome level"
    fix = re.escape("pl.col('y').fill_nan(None)")
    if given == "dask":  # the levels come from a sample of the rows, which are not named
        said = r"outcome: column 'y' holds NaN, which .* as an outcome level"
        dd = pytest.importorskip("dask.dataframe")
        data["dask"] = dd.from_pandas(data["double[pyarrow]"], npartitions=2)
    with pytest.raises(mnlogit.MNLogitError, match=f"{said}.*{fix}"):
        if given == "MNLogit":
            mnlogit.MNLogit(y, x).fit()
        else:
            mnlogit.fit("y ~ x", data[given])
    res = mnlogit.fit("y ~ x", pl.DataFrame({"y": y.fill_nan(None), "x": x}))
    assert res.n_dropped == 2
    _same(mnlogit.fit("y ~ x", pd.DataFrame({"y": ys, "x": x})), res)


def test_a_polars_expression_for_values_per_row_is_refused_saying_what_to_pass():
    # refused as "the single value <Expr ...>; repeat it for every row (np.full(240, ...))"
    df = _data()
    pf = pl.from_pandas(df)
    calls = {
        "weights": lambda: mnlogit.fit("y ~ x", pf, weights=pl.col("w")),
        "groups": lambda: mnlogit.MNLogit(df["y"], df[["x"]], groups=pl.col("cl")),
        "subpop": lambda: mnlogit.fit(
            "y ~ x", pf, weights="w", weight_type="probability", subpop=pl.col("x") > 0
        ),
        "psu": lambda: mnlogit.SurveyDesign(weights="w", psu=pl.col("cl")),
    }
    for what, call in calls.items():
        with pytest.raises(mnlogit.MNLogitError, match=rf"^{what}: got a polars expression"):
            call()
    with pytest.raises(mnlogit.MNLogitError, match=r"its name: weights='w'\)$"):
        calls["weights"]()


def test_the_classifier_by_formula_refuses_nan_in_a_polars_x_as_pandas_nan_is_refused():
    # I(x > 0) read polars' NaN as False: fitted on every row, and predicted from
    df = _data()
    xs = df["x"].to_numpy(copy=True)
    xs[1] = np.nan
    pf = pl.from_pandas(df[["x", "g"]])
    with_nan = pf.with_columns(x=pl.Series(xs, nan_to_null=False))
    with pytest.raises(mnlogit.MNLogitError, match="'x' holds NaN"):
        MNLogitClassifier(formula="I(x > 0) + g").fit(with_nan, df["y"])
    fitted = MNLogitClassifier(formula="I(x > 0) + g").fit(pf, df["y"])
    with pytest.raises(mnlogit.MNLogitError, match=r"1 row\(s\) have missing values"):
        fitted.predict_proba(with_nan)


def test_a_one_column_polars_frame_or_pyarrow_table_as_y_keeps_its_enum_order():
    # read through numpy, its levels were sorted: ('hi', 'lo', 'mid'), another reference
    df = _data()
    order = ["mid", "hi", "lo"]
    pf = pl.from_pandas(df).select(pl.col("y").cast(pl.Enum(order)))
    for y in (pf, pa.table(pf)):
        assert mnlogit.MNLogit(y, df[["x"]]).fit().outcomes == tuple(order)
    with pytest.raises(mnlogit.MNLogitError, match="one outcome column; got a DataFrame with 2"):
        mnlogit.MNLogit(pl.from_pandas(df[["y", "g"]]), df[["x"]])


def test_a_narwhals_frame_or_series_is_read_as_the_frame_it_wraps():
    # through its Arrow export a narwhals frame of polars' had its Object column read as
    # addresses ('C(k)' of 240 levels for 3 labels), and a narwhals Series as y lost its
    # Enum's order
    import narwhals as nw  # formulaic's dependency

    df = _data()
    order = ["mid", "hi", "lo"]
    labels = [f"k{i % 3}" for i in range(len(df))]
    pf = pl.from_pandas(df).with_columns(
        pl.col("y").cast(pl.Enum(order)), k=pl.Series(labels, dtype=pl.Object)
    )
    plain = df.assign(y=pd.Categorical(df["y"], categories=order), k=labels)
    _same(mnlogit.fit("y ~ x + C(k)", plain), mnlogit.fit("y ~ x + C(k)", nw.from_native(pf)))
    wrapped = nw.from_native(pf)["y"]
    assert mnlogit.MNLogit(wrapped, df[["x"]]).fit().outcomes == tuple(order)


def test_the_classifier_refuses_integers_of_a_polars_x_that_float64_rounds():
    # without an intercept a UInt64 column near 2**60 was fitted from values rounded to a
    # step of 256 (with one, the rank check refused it as an offset), where a pandas X's
    # same column is refused saying to subtract a constant
    df = _data()
    big = (2**60 + np.arange(len(df)) * 7).astype(np.uint64)
    X = pl.from_pandas(df[["x"]]).with_columns(k=pl.Series(big))
    for fit_intercept in (True, False):
        with pytest.raises(mnlogit.MNLogitError, match=r"'k' holds integers as large as"):
            MNLogitClassifier(fit_intercept=fit_intercept).fit(X, df["y"])


def test_row_labels_of_pyarrow_views_are_matched_and_shown_as_their_text():
    # a string_view index: a Series of weights or a subpopulation matched to the data's
    # labels, MNLogit's y and its predictions, ended in "NotImplementedError: string_view"
    df = _data()
    labels = pd.Index([f"r{i}" for i in range(len(df))], dtype=pd.ArrowDtype(pa.string_view()))
    views = df.set_axis(labels)
    _same(
        mnlogit.fit("y ~ x + g", df, weights="w", cov_type="cluster", groups="cl"),
        mnlogit.fit("y ~ x + g", views, weights=views["w"], cov_type="cluster", groups=views["cl"]),
    )
    opts = {"weights": "w", "weight_type": "probability"}
    _same(
        mnlogit.fit("y ~ x", df, subpop=df["x"] > 0, **opts),
        mnlogit.fit("y ~ x", views, subpop=views["x"] > 0, **opts),
    )
    arrays = mnlogit.MNLogit(views["y"], views[["x"]], weights=views["w"]).fit()
    _same(mnlogit.MNLogit(df["y"], df[["x"]], weights=df["w"]).fit(), arrays)
    assert "r1" in repr(arrays.predict(views[["x"]][:2]))


def test_nan_of_a_polars_column_in_a_subpopulation_condition_is_refused_saying_what_to_do():
    # 'k > 0' put a row of polars' NaN outside the subpopulation (pyarrow compares NaN as
    # False; polars' own k > 0 is True for it), where pandas' NaN is refused as undecided
    df = _data()
    ks = (df["cl"] % 3 - 1).to_numpy(dtype=float)
    ks[4] = np.nan
    pf = pl.from_pandas(df).with_columns(k=pl.Series(ks, nan_to_null=False))
    design = mnlogit.SurveyDesign(psu="cl")
    for condition in ["k > 0", "k <= 0", "k.isin([0, 1])"]:
        with pytest.raises(
            mnlogit.MNLogitError,
            match=r"subpop: column 'k' holds NaN \(e\.g\. in row 4, 1 in all\).*in a condition"
            r".*fill_nan\(None\)\) and say in the condition where their rows belong",
        ):
            mnlogit.fit("y ~ x", pf, design=design, subpop=condition)
    nulls = pf.with_columns(pl.col("k").fill_nan(None))
    chosen = "k.notna() & (k > 0)"
    _same(
        mnlogit.fit("y ~ x", df.assign(k=ks), design=design, subpop=chosen),
        mnlogit.fit("y ~ x", nulls, design=design, subpop=chosen),
    )


def test_nan_of_a_polars_column_in_c_of_new_data_predicts_nan_as_a_pandas_nan_does():
    # refused as "{nan} not among the levels seen in fitting", where the same NaN of a numeric
    # column (I(x > 0)), or of a pandas column in C(k), predicts NaN for its row
    df = _data().assign(k=lambda d: (d["cl"] % 3).astype(float))
    res = mnlogit.fit("y ~ x + C(k)", df)
    ks = df["k"].to_numpy(copy=True)[:6]
    ks[[1, 4]] = np.nan
    with pytest.warns(mnlogit.MNLogitWarning, match=r"row\(s\) \(1, 4\)"):
        plain = res.predict(newdata=df[:6].assign(k=ks))
    for new in [
        pl.from_pandas(df[:6]).with_columns(k=pl.Series(ks, nan_to_null=False)),
        df[:6].assign(k=pd.array(pa.array(ks, from_pandas=False), dtype="double[pyarrow]")),
    ]:
        with pytest.warns(mnlogit.MNLogitWarning, match=r"row\(s\) \(1, 4\)"):
            predicted = res.predict(newdata=new)
        np.testing.assert_array_equal(predicted.to_numpy(), plain.to_numpy())
        assert predicted.isna().all(axis=1).tolist() == [False, True, False, False, True, False]
