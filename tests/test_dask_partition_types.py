"""Dask fits of partitions that hold a column in different dtypes (a Parquet dataset whose
files were written apart, frames made by ``map_partitions``): the fit is that of the rows
``ddf.compute()`` gives, or a refusal naming the column, as in memory."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
import mnlogit._dask_data as dask_data
from mnlogit.exceptions import InputTypeError

pytestmark = pytest.mark.slow

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


def _frames(column, change, n=600, parts=3, seed=1):
    """The rows in memory, and in ``parts`` dask partitions of which the first holds
    ``column`` as ``change`` makes it (the collection's meta is the others')."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "cl": rng.integers(0, 40, n),
            "day": pd.Timestamp("2020-01-01") + pd.to_timedelta(rng.integers(0, 40, n), "D"),
        }
    )
    pieces = [df.iloc[i * n // parts : (i + 1) * n // parts] for i in range(parts)]
    pieces[0] = pieces[0].assign(**{column: change(pieces[0][column])})
    ddf = dd.from_delayed([dask.delayed(p) for p in pieces], meta=df.iloc[:0], verify_meta=False)
    return df, ddf


@pytest.mark.parametrize(
    ("column", "change"),
    [
        ("cl", lambda s: s.astype(np.float64)),
        ("day", lambda s: s.astype("datetime64[s]")),
    ],
    ids=["float64", "seconds"],
)
def test_clusters_held_in_other_dtypes_by_some_partitions_are_one_cluster(
    column, change, monkeypatch
):
    # With many clusters the score sums are shuffled by a hash of the identifiers, which
    # hashes 17 in an int64 partition and 17.0 in a float64 one apart: each such cluster
    # was two, the standard errors 0.0098 from the in-memory fit's (of 0.09)
    monkeypatch.setattr(dask_data, "GROUP_BLOCK_BYTES", 64)  # many output partitions
    df, ddf = _frames(column, change)
    options = {"cov_type": "cluster", "groups": column}
    in_memory = mnlogit.fit("y ~ x", df, **options)
    on_dask = mnlogit.fit("y ~ x", ddf, **options)
    assert on_dask._data.n_clusters == in_memory._data.n_clusters == 40
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-12)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-10)


def _objects(column, first, second, n=300, seed=2):
    """Rows whose ``column`` holds the objects ``first`` (cycled) in its first half and
    ``second`` in the other, in memory and as two dask partitions of objects."""
    rng = np.random.default_rng(seed)
    values = [first[i % len(first)] for i in range(n // 2)]
    values += [second[i % len(second)] for i in range(n - n // 2)]
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "st": rng.integers(0, 2, n),
            "psu": rng.integers(0, 3, n),
        }
    ).assign(**{column: pd.Series(values, dtype=object)})
    halves = [df.iloc[: n // 2], df.iloc[n // 2 :]]
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_delayed([dask.delayed(h) for h in halves], meta=df.iloc[:0])
    return df, ddf


@pytest.mark.parametrize(
    ("column", "formula", "options", "refusal"),
    [
        ("y", "y ~ x", {}, r"outcome 'y' mixes value types \(boolean, number\)"),
        ("h", "y ~ x + C(h)", {}, "holds True and 1, different values that pandas takes for one"),
        ("cl", "y ~ x", {"cov_type": "cluster", "groups": "cl"}, "groups holds (True|False) and"),
        ("st", "y ~ x", {"design": mnlogit.SurveyDesign(strata="st")}, "strata column 'st' holds"),
        (
            "psu",
            "y ~ x",
            {"design": mnlogit.SurveyDesign(strata="st", psu="psu")},
            "psu column 'psu' holds",
        ),
    ],
    ids=["outcome", "factor", "clusters", "strata", "psus"],
)
def test_booleans_beside_the_numbers_0_and_1_are_refused_on_dask_as_in_memory(
    column, formula, options, refusal
):
    # True hashes as 1: an outcome of 1, 0, 2 with True and False in later rows was fitted
    # with True as the level 1, clusters and strata True and 1 were one, and a factor's
    # later 1 was refused as 'newdata: ... not among the levels seen in fitting: True, ...'
    df, ddf = _objects(column, [1, 0, 2], [True, False, 2])
    for data in (df, ddf):
        with pytest.raises(mnlogit.MNLogitError, match=refusal):
            mnlogit.fit(formula, data, **options)


def test_a_partition_the_learned_encoding_refuses_is_said_of_the_data():
    # 'newdata: column 'cl' (in C(cl)) has value(s) {True, False} that are not among the
    # levels seen in fitting': no new data was given; one partition held cl as booleans, which
    # the first pass's sample stacked as the numbers 0 and 1
    ddf = _frames("cl", lambda s: s > 20)[1]
    with pytest.raises(mnlogit.MNLogitError) as err:
        mnlogit.fit("y ~ x + C(cl)", ddf)
    said = str(err.value)
    assert said.startswith("data: column 'cl' (in C(cl)) has value(s) {")
    assert "newdata" not in said and "different types" in said and ".astype(int)" in said


@pytest.mark.parametrize(
    ("rows", "formula", "options"),
    [
        ([37], "y ~ np.exp(x * 300) + g", {}),
        ([0, 1, *range(100, 160)], "y ~ np.exp(x * 300) + g", {}),
        ([150, 250], "y ~ g + np.log(3 - x)", {}),
        ([37, 250], "y ~ np.log(3 - x) + g", {"weights": "w"}),
    ],
    ids=["a-sampled-row", "rows-in-two-partitions", "two-partitions", "weight-zero"],
)
def test_infinite_design_values_are_named_by_row_and_counted_on_dask_as_in_memory(
    rows, formula, options
):
    # The design was first built on the first pass's sample, renumbered: a value of
    # np.exp(x * 300) past the float range in row 37 only (the first row of outcome 'b')
    # was 'inf in the row with index 6, 2 rows in all', and 62 such rows were 4
    rng = np.random.default_rng(1)
    n = 300
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.uniform(0.1, 1, n),
            "g": rng.choice(["u", "v", "w"], n),
            "w": rng.integers(1, 3, n),
        }
    )
    df.loc[:36, ["y", "g"]] = ["a", "u"]
    df.loc[37, "y"] = "b"
    df.loc[rows, "x"] = 3.0  # past the float range in exp(300 x), log(3 - x) of 0
    if "weights" in options:
        df.loc[rows, "w"] = 0
    with pytest.raises(mnlogit.MNLogitError) as in_memory:
        mnlogit.fit(formula, df, **options)
    with pytest.raises(mnlogit.MNLogitError) as on_dask:
        mnlogit.fit(formula, dd.from_pandas(df, npartitions=3), **options)
    counted = "1 row" if len(rows) == 1 else f"{len(rows)} rows"
    assert f"in the row with index {rows[0]}, {counted} in all" in str(in_memory.value)
    assert str(on_dask.value) == str(in_memory.value)


@pytest.mark.parametrize(
    ("column", "formula", "options"),
    [
        ("x", "y ~ x", {}),
        ("g", "y ~ x + g", {}),
        ("cl", "y ~ x", {"cov_type": "cluster", "groups": "cl"}),
        ("cl", "y ~ x", {"cov_type": "cluster", "groups": "cl", "weights": "w"}),
    ],
    ids=["number", "factor", "clusters", "clusters-of-weight-zero"],
)
def test_lists_in_a_column_of_objects_are_refused_on_dask_as_in_memory(column, formula, options):
    # TypeError: unhashable type: 'list', from pandas on a worker
    rng = np.random.default_rng(4)
    df = _frames("cl", lambda s: s, n=120)[0]
    df = df.assign(g=rng.choice(["u", "v"], 120), w=rng.integers(1, 3, 120))
    df[column] = df[column].astype(object)
    df.at[100, column] = [1, 2]
    df.loc[100, "w"] = 0  # a row of weight 0 is read all the same
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(df, npartitions=3)
    for data in (df, ddf):
        with pytest.raises(InputTypeError, match=rf"column '{column}' holds values such"):
            mnlogit.fit(formula, data, **options)


@pytest.mark.parametrize(
    ("formula", "options"),
    [
        ("y ~ x + C(h)", {}),
        ("h ~ x", {}),
        ("y ~ x", {"cov_type": "cluster", "groups": "h"}),
        ("y ~ x", {"design": mnlogit.SurveyDesign(strata="h")}),
        ("y ~ x", {"design": mnlogit.SurveyDesign(psu="h")}),
    ],
    ids=["factor", "outcome", "clusters", "strata", "psus"],
)
@pytest.mark.parametrize("dtype", ["float16", "halffloat[pyarrow]"])
def test_half_floats_read_as_levels_fit_on_dask_as_in_memory(formula, options, dtype):
    # NotImplementedError: float16 indexes are not supported (pandas, from the encoding's dry
    # run, the clusters' score sums and the design's strata)
    df = _frames("cl", lambda s: s)[0]
    values = np.random.default_rng(5).choice([0.1, 0.2, 0.3], len(df)).astype(np.float16)
    df["h"] = pd.Series(values).astype(dtype)
    in_memory = mnlogit.fit(formula, df, **options)
    on_dask = mnlogit.fit(formula, dd.from_pandas(df, npartitions=3), **options)
    assert on_dask.params.index.equals(in_memory.params.index)
    assert on_dask.params.columns.equals(in_memory.params.columns)
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-10)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-10)


@pytest.mark.parametrize(
    "dtype", ["date32[day][pyarrow]", "decimal", "dictionary", "Float64", "boolean"]
)
def test_clusters_of_arrow_and_nullable_dtypes_fit_on_dask_as_in_memory(dtype):
    # the identifiers 0 and 1 are looked for beside booleans only where they can be
    pa = pytest.importorskip("pyarrow")
    df = _frames("cl", lambda s: s)[0]
    codes = df["cl"] % 4
    if dtype == "dictionary":
        kind = pd.ArrowDtype(pa.dictionary(pa.int32(), pa.string()))
        df["h"] = pd.Series(codes.map("k{}".format).to_numpy(), dtype=object).astype(kind)
    elif dtype.startswith("date32"):
        df["h"] = (pd.Timestamp("2020-01-01") + pd.to_timedelta(codes, "D")).astype(dtype)
    elif dtype == "decimal":
        df["h"] = (codes / 10).astype(pd.ArrowDtype(pa.decimal128(5, 1)))
    else:
        df["h"] = (codes > 1 if dtype == "boolean" else codes / 10).astype(dtype)
    options = {"cov_type": "cluster", "groups": "h"}
    in_memory = mnlogit.fit("y ~ x", df, **options)
    on_dask = mnlogit.fit("y ~ x", dd.from_pandas(df, npartitions=3), **options)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-10)


@pytest.mark.parametrize("first", [True, False], ids=["first-partition", "later-partition"])
def test_words_in_a_partition_of_a_column_of_numbers_are_refused_as_in_memory(first):
    # the meta says float64; a first partition of words was 'term 'x' is a factor with one
    # level ('abc') in the rows used' (the sample's first rows are the first partition's), a
    # later one 'was numbers in fitting; got str values'
    df = _frames("cl", lambda s: s)[0][["y", "x"]]
    pieces = [df.iloc[:200], df.iloc[200:400], df.iloc[400:]]
    at = 0 if first else 1
    pieces[at] = pieces[at].assign(x="abc")
    ddf = dd.from_delayed([dask.delayed(p) for p in pieces], meta=df.iloc[:0], verify_meta=False)
    with dask.config.set({"dataframe.convert-string": False}):
        in_memory = pd.concat(pieces).astype({"x": object})
    with pytest.raises(mnlogit.MNLogitError, match=r"column 'x' mixes numbers \(e\.g\. ") as err:
        mnlogit.fit("y ~ x", in_memory)
    with pytest.raises(mnlogit.MNLogitError, match=r"column 'x' mixes numbers \(e\.g\. ") as err:
        mnlogit.fit("y ~ x", ddf)
    assert "and words (e.g. 'abc')" in str(err.value)


@pytest.mark.parametrize(
    "options",
    [{}, {"cov_type": "cluster", "groups": "cl"}, {"weight_type": "probability"}],
    ids=["frequency", "clustered", "sampling"],
)
def test_weights_stored_as_python_numbers_fit_on_dask_as_in_memory(options):
    # in memory numbers stored as objects (ints, Decimals: a database's column) are weights;
    # a dask fit refused them ('weights column 'w': expected numbers; got dtype object')
    from decimal import Decimal

    rng = np.random.default_rng(4)
    df = _objects("w", [1, Decimal(2)], [Decimal(3), 1])[0].assign(cl=rng.integers(0, 30, 300))
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(df, npartitions=3)
    assert ddf._meta["w"].dtype == object
    in_memory = mnlogit.fit("y ~ x", df, weights="w", **options)
    on_dask = mnlogit.fit("y ~ x", ddf, weights="w", **options)
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-12)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-10)


@pytest.mark.parametrize("weight_type", ["frequency", "probability"])
def test_text_among_the_weights_of_a_partition_is_refused_by_its_row(weight_type):
    # a partition holding the weights as objects where the meta says float64, text among
    # them: a frequency-weighted fit ended in numpy's bare ValueError 'could not convert
    # string to float: 'abc''
    df, ddf = _frames("x", lambda s: s)  # the rows, in partitions of the meta's dtypes
    df = df.assign(w=1.0)
    pieces = [df.iloc[:200], df.iloc[200:400], df.iloc[400:]]
    pieces[1] = pieces[1].assign(w=pieces[1]["w"].astype(object))
    pieces[1].loc[237, "w"] = "abc"
    ddf = dd.from_delayed([dask.delayed(p) for p in pieces], meta=df.iloc[:0], verify_meta=False)
    with pytest.raises(InputTypeError, match=r"expected numbers; got 'abc' \(str\) in "):
        mnlogit.fit("y ~ x", ddf, weights="w", weight_type=weight_type)
    if weight_type == "frequency":
        # in every partition: the one the scheduler ran first is refused, its count its own
        df = _objects("w", [1, True], [2, True])[0]
        with dask.config.set({"dataframe.convert-string": False}):
            ddf = dd.from_pandas(df, npartitions=3)
        refusal = r"got True \(bool\) in a partition's rows "
        with pytest.raises(InputTypeError, match=refusal) as err:
            mnlogit.fit("y ~ x", ddf, weights="w")
        assert "in that partition, which is read apart" in str(err.value)
        assert "in all" not in str(err.value)


def test_numbers_of_a_partition_beside_words_are_quoted_as_in_memory():
    # a partition holding the column as int64 among partitions of words was quoted as
    # 'mixes numbers (e.g. np.int64(3), np.int64(2), ...)' where memory says (e.g. 3, 2, ...)
    rng = np.random.default_rng(5)
    n = 300
    df = pd.DataFrame(
        {"y": rng.choice(["a", "b"], n), "x": rng.normal(size=n), "f": rng.choice(["u", "v"], n)}
    )
    pieces = [df.iloc[:100], df.iloc[100:200].assign(f=rng.integers(1, 4, 100)), df.iloc[200:]]
    ddf = dd.from_delayed([dask.delayed(p) for p in pieces], meta=df.iloc[:0], verify_meta=False)
    said = []
    for data in (pd.concat(pieces), ddf):
        with pytest.raises(mnlogit.MNLogitError, match="mixes numbers") as err:
            mnlogit.fit("y ~ x + f", data)
        said.append(str(err.value).split(" and words")[0])
    assert "np." not in said[1] and said[1] == said[0]
