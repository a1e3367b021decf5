"""Dask fits at the corners where they could part from the same fit in memory: summaries
of weighted fits, and the refusals of inputs (what they tell the user to do)."""

import re

import numpy as np
import pandas as pd
import pytest
from test_parallel import _data

import mnlogit
from mnlogit.exceptions import DataError, FormulaError, InputTypeError

pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")

FORMULA = "y ~ x + z + C(g)"


@pytest.mark.parametrize("options", [{}, {"penalty": "l2", "C": 0.5}], ids=["ml", "l2"])
def test_the_summary_counts_rows_of_weight_zero_on_dask_as_in_memory(options):
    # the dask summary left out the 'Rows of weight zero' line the in-memory one shows
    df = _data(n=300).assign(w=np.random.default_rng(1).integers(0, 4, 300))
    in_memory = mnlogit.fit(FORMULA, df, weights="w", **options)
    on_dask = mnlogit.fit(FORMULA, dd.from_pandas(df, npartitions=3), weights="w", **options)
    # alike but for the advice on Firth's method, which a dask fit refuses
    dask_text, memory_text = (" ".join(str(r.summary()).split()) for r in (on_dask, in_memory))
    firth = "method='firth' on the data in memory (a dask fit refuses it) when"
    assert dask_text == memory_text.replace("method='firth' when", firth)
    assert (firth in dask_text) == bool(options)
    assert re.search(rf"Rows of weight zero +{(df['w'] == 0).sum()} ", str(on_dask.summary()))


@pytest.mark.parametrize(
    ("weights", "advice"),
    [
        (np.array([True, False] * 50), "astype(float) if True and False stand for 1 and 0"),
        (pd.array([True, False] * 50, dtype="boolean"), "subpopulation indicator goes to subpop="),
        (pd.to_timedelta(np.arange(100) % 3 + 1, "s"), "e.g. / pd.Timedelta('1D')"),
        (np.arange(100) % 3 + 1 + 0j, "the real part, .real,"),
    ],
    ids=["bool", "boolean", "timedelta", "complex"],
)
@pytest.mark.parametrize("kind", ["frequency", "probability"])
def test_weights_that_are_not_numbers_are_refused_with_the_in_memory_advice(weights, advice, kind):
    # a dask fit said to convert them with dd.to_numeric, which keeps True/False and makes
    # time spans nanoseconds (weights of 2 seconds would count 2e9 rows)
    df = _data(n=100).assign(w=weights)
    for data in (df, dd.from_pandas(df, npartitions=2)):
        with pytest.raises(InputTypeError, match="expected numbers") as err:
            mnlogit.fit(FORMULA, data, weights="w", weight_type=kind)
        assert advice in str(err.value) and "to_numeric" not in str(err.value)


@pytest.mark.parametrize(
    ("formula", "learns"),
    [
        ("y ~ center(x) + g", "'center(x)' learns its state"),
        ("y ~ scale(x) + bs(z, df=4)", "learn their state"),
    ],
)
def test_a_stateful_transform_is_refused_saying_how_to_compute_it_first(formula, learns):
    # 'center(x)' learn their state ... e.g. with ddf.assign: no example of the computation
    ddf = dd.from_pandas(_data(n=100), npartitions=2)
    with pytest.raises(FormulaError) as err:
        mnlogit.fit(formula, ddf)
    assert learns in str(err.value) and "ddf['x'].mean()" in str(err.value)


def test_an_outcome_of_booleans_in_one_partition_and_integers_in_another_says_so():
    # refused as 'the data changed between passes over them: persist the DataFrame', which
    # persisting does not cure
    dask = pytest.importorskip("dask")
    df = _data(n=100)
    first = df.iloc[:50].assign(y=df["x"].iloc[:50] > 0)
    second = df.iloc[50:].assign(y=(df["x"].iloc[50:] > 0).astype(int))
    ddf = dd.from_delayed(
        [dask.delayed(first), dask.delayed(second)], meta=first.iloc[:0], verify_meta=False
    )
    with pytest.raises(DataError, match="hold the column in different types") as err:
        mnlogit.fit(FORMULA, ddf)
    assert "persist" not in str(err.value)


def _own_categories(df, columns, by_partition):
    """``df`` in three partitions of 30 rows, each making ``columns`` Categoricals of its
    own categories (``by_partition[i]``), unknown to dask, as ``astype`` in map_partitions
    leaves them."""

    def encode(part):
        i = int(part.index[0]) // 30 if len(part) else 0
        cats = by_partition[min(i, len(by_partition) - 1)]
        return part.assign(**{c: pd.Categorical(part[c], categories=cats[c]) for c in columns})

    ddf = dd.from_pandas(df, npartitions=3).map_partitions(encode, meta=encode(df.iloc[:0]))
    return ddf.assign(**{c: ddf[c].cat.as_unknown() for c in columns})


def test_categories_that_differ_between_partitions_are_read_as_dask_stacks_them():
    # Each partition's Categorical held its own categories: the fit stacked its samples of
    # rows with pd.concat, which makes such columns text, sorted: reference 'a' and
    # baseline 'p' where ddf.compute() (categories of the first partition, then the new ones)
    # and the in-memory fit of it have 'c' and 'r', and different coefficients with them.
    rng = np.random.default_rng(2)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=90),
            "g": rng.choice(list("pqr"), 90),
            "y": rng.choice(list("abc"), 90),
        }
    )
    by_partition = [
        {"y": ["c", "b", "a", "z"], "g": ["r", "q", "p", "s"]},
        {"y": ["a", "b", "c"], "g": ["p", "q", "r"]},
        {"y": ["b", "a", "c"], "g": ["q", "p", "r"]},
    ]
    ddf = _own_categories(df, ["y", "g"], by_partition)
    with pytest.warns(mnlogit.RareLevelWarning, match="category 'z'"):
        on_dask = mnlogit.fit("y ~ x + g", ddf)
    with pytest.warns(mnlogit.RareLevelWarning, match="category 'z'"):
        in_memory = mnlogit.fit("y ~ x + g", ddf.compute())
    assert on_dask.outcomes == in_memory.outcomes == ("c", "b", "a")
    assert on_dask.ref == "c"
    assert list(on_dask.params.index) == list(in_memory.params.index)
    assert list(on_dask.params.index) == ["Intercept", "x", "g[T.q]", "g[T.p]"]
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-10)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-10)
    new = df.iloc[[0, 40, 80]]
    np.testing.assert_allclose(on_dask.predict(new), in_memory.predict(new), rtol=1e-10)


@pytest.mark.parametrize("role", ["weights", "groups"])
def test_a_number_naming_a_column_labelled_by_it_says_to_write_it_as_text(role):
    # 'with a dask DataFrame, give the name of a column; got int' for weights=5 where the
    # column is labelled 5: the in-memory fit says weights='5'
    df = _data(n=100).assign(c=np.arange(100) % 3 + 1).rename(columns={"c": 5})
    options = {role: 5, **({"cov_type": "cluster"} if role == "groups" else {})}
    with pytest.raises(InputTypeError, match=rf"column names are text here.*: {role}='5'$"):
        mnlogit.fit(FORMULA, dd.from_pandas(df, npartitions=2), **options)
    mnlogit.fit(FORMULA, dd.from_pandas(df, npartitions=2), **{**options, role: "5"})


@pytest.mark.parametrize(
    "options",
    [
        {"design": mnlogit.SurveyDesign(psu="g")},
        {"weights": "w", "weight_type": "probability"},
    ],
    ids=["design", "sampling-weights"],
)
def test_a_survey_fit_of_no_rows_says_so_on_dask_as_in_memory(options):
    # 'the rows used include no row of positive weight once rows with missing values are
    # dropped', of a DataFrame without rows (here a filter that keeps none)
    df = _data(n=60).assign(w=1.0)
    ddf = dd.from_pandas(df, npartitions=2)
    for data in (df.iloc[:0], ddf[ddf["x"] > 100]):
        with pytest.raises(DataError, match=r"^data: the DataFrame has no rows$"):
            mnlogit.fit(FORMULA, data, **options)


def test_a_design_value_refused_in_several_partitions_does_not_count_one_as_all():
    # 'missing values in rows 4, 5, 8, 18, 19, ... (17 in all)' of 52 such rows in three
    # partitions: the count was the first refused partition's
    df = _data(n=240).assign(h=lambda d: np.where(np.arange(240) % 4 == 0, np.nan, 1.0))
    design = mnlogit.SurveyDesign(strata="h")
    with pytest.raises(DataError, match=r"\(60 in all\)"):
        mnlogit.fit(FORMULA, df, design=design)
    with pytest.raises(DataError) as err:
        mnlogit.fit(FORMULA, dd.from_pandas(df, npartitions=3), design=design)
    assert "(20 in that partition)" in str(err.value) and "in all" not in str(err.value)
    assert "2 later partition(s) were refused too" in str(err.value)


def test_tables_of_a_diverged_dask_fit_say_why_it_stopped_and_where_to_refit():
    # compare told a dask fit that diverged to refit with a larger max_iter (which changes
    # nothing) and with method="firth" (which a dask fit refuses); its summary said its
    # estimates were not shown, above a table that showed them
    df = mnlogit.datasets.load("risk")
    with pytest.warns(mnlogit.ConvergenceWarning):
        res = mnlogit.fit("risk ~ age + income", dd.from_pandas(df, npartitions=2), ref="low")
    assert res.diverged and res.separation is None
    notes = mnlogit.compare([res], names=["apart"]).notes
    (why,) = [n for n in notes if n.startswith("apart:")]
    assert "max_iter" not in why and why.startswith("apart: the fit diverged")
    assert "in memory with mnlogit.check_separation" in why
    (flag,) = [n for n in notes if n.startswith("(!)")]
    assert flag.endswith('Refit with method="firth" on the data in memory.')
    summary = res.summary()
    (warning,) = summary.warnings
    assert "are not shown" not in warning.split("standard errors")[0]
    assert "marked (!)" in warning
    shown = summary.blocks[0][1][1]
    assert shown[0] == "age (!)" and shown[1] == f"{res.params.iloc[1, 0]:.4f}"
    # the Converged row says what its summary says (it read "no")
    table = mnlogit.compare([res, mnlogit.fit("risk ~ age", df, ref="low")], names=["a", "b"])
    assert table.statistics.loc["Converged"].tolist() == ["no (diverged)", "yes"]
    assert dict(summary.header)["Converged"] == "no (diverged)"
    # in memory, separation is found, and the note is as it was
    with pytest.warns(mnlogit.SeparationWarning):
        separated = mnlogit.fit("risk ~ age + income", df, ref="low")
    memory = mnlogit.compare([separated]).notes
    assert any(n.endswith('Refit with method="firth".') for n in memory)


@pytest.mark.parametrize("codes", [False, True], ids=["text", "codes"])
def test_an_outcome_left_one_level_by_missing_values_is_refused_as_in_memory(codes):
    # the dask fit said "outcome 'y' has 1 level ('car')", of a column of three levels, and
    # in memory the level of codes was named 'np.int64(1)'
    df = _data(n=300)
    df.loc[df["y"] != "car", "x"] = np.nan
    df.loc[df.index[:3], "z"] = np.nan
    if codes:
        df["y"] = df["y"].map({"bus": 0, "car": 1, "walk": 2})
    said = (
        f"outcome 'y' has 3 levels, but only {1 if codes else repr('car')} is left after "
        f"dropping the {int(df[['x', 'z']].isna().any(axis=1).sum())} rows with missing values "
        "in 'x', 'z'"
    )
    for data in (df, dd.from_pandas(df, npartitions=3)):
        with pytest.raises(DataError, match=re.escape(said)):
            mnlogit.fit("y ~ x + z", data)


def test_a_missing_column_inside_a_transform_on_dask_is_named_among_every_column():
    # formulaic's "NameError: name 'q' is not defined", and then a list of the columns the
    # formula reads as the data's
    df = _data(n=30).assign(other=1.0)
    with pytest.raises(mnlogit.exceptions.ColumnNotFoundError, match=r"'q'.*other"):
        mnlogit.fit("y ~ scale(q) + x", dd.from_pandas(df, npartitions=1))
