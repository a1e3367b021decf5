"""A dask fit's refusals name the user's rows, as a fit in memory does."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError

dd = pytest.importorskip("dask.dataframe")


def _data(n: int, labels: str) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": np.array(["a", "b", "c"])[rng.integers(0, 3, n)],
            "y": np.array(["u", "v", "w"])[np.arange(n) % 3],
        }
    )
    if labels == "shifted":
        df.index = df.index * 2 + 1000
    return df


@settings(max_examples=12, deadline=None)
@given(
    at=st.integers(0, 89),
    parts=st.integers(1, 3),
    labels=st.sampled_from(["range", "shifted"]),
    formula=st.sampled_from(["y ~ I(x > 0) + g", "y ~ np.tanh(x) + g", "y ~ x + g"]),
)
def test_an_infinite_value_is_refused_by_its_own_row(at, parts, labels, formula):
    # in the rows a dask fit starts from, renumbered for its design, x = inf in row 5 was
    # refused as 'inf in row 6', the row's place in that sample
    df = _data(90, labels)
    df.loc[df.index[at], "x"] = np.inf
    with pytest.raises(DataError, match=r"column 'x' has 1 infinite") as err:
        mnlogit.fit(formula, dd.from_pandas(df, npartitions=parts))
    assert f"in row {df.index[at]!r}" in str(err.value)


def _emptied_warnings(fit) -> list[str]:
    import warnings

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = fit()
    said = [str(w.message) for w in caught if issubclass(w.category, mnlogit.RareLevelWarning)]
    return [m for m in said if "no rows left after dropping" in m], res


@pytest.mark.parametrize("dtype", [object, "category", "string"])
@settings(max_examples=8, deadline=None)
@given(
    emptied=st.sets(st.sampled_from("abc"), max_size=1),
    extra=st.integers(0, 20),
    parts=st.integers(1, 4),
)
def test_a_level_lost_to_missing_values_is_warned_of_as_in_memory(dtype, emptied, extra, parts):
    # a dask fit dropped such a level without a word (a fit in memory warns of it)
    df = _data(90, "range")
    missing = df["g"].isin(emptied).to_numpy() | (np.arange(90) < extra)
    df.loc[missing, "x"] = np.nan
    df["g"] = df["g"].astype(dtype)
    in_memory, res = _emptied_warnings(lambda: mnlogit.fit("y ~ x + g", df))
    on_dask, res_dask = _emptied_warnings(
        lambda: mnlogit.fit("y ~ x + g", dd.from_pandas(df, npartitions=parts))
    )
    assert on_dask == in_memory
    assert bool(in_memory) == bool(emptied)
    np.testing.assert_allclose(res_dask.params, res.params, rtol=1e-8, atol=1e-10)


@pytest.mark.parametrize("missing_y", [False, True], ids=["complete", "y-missing-there"])
@pytest.mark.parametrize("parts", [1, 3])
def test_infinite_values_in_several_partitions_are_counted_as_in_memory(parts, missing_y):
    # each partition refused its own: a dask fit said 'has 1 infinite value(s) (e.g. inf in
    # row 88)' of three, naming whichever partition the scheduler ran first; and a row whose
    # outcome is missing was dropped with its x = inf, which the fit in memory refuses
    df = _data(90, "shifted")
    df.loc[df.index[[10, 40, 88]], "x"] = np.inf
    if missing_y:
        df.loc[df.index[10], "y"] = None
    formula = "y ~ np.tanh(x) + g"
    with pytest.raises(DataError) as in_memory:
        mnlogit.fit(formula, df)
    with pytest.raises(DataError) as on_dask:
        mnlogit.fit(formula, dd.from_pandas(df, npartitions=parts))
    assert str(on_dask.value) == str(in_memory.value)
    assert f"has 3 infinite value(s) (e.g. inf in row {df.index[10]!r})" in str(on_dask.value)


@pytest.mark.parametrize("column", ["st", "psu", "w"])
def test_design_values_refused_in_several_partitions_name_the_first_row(column):
    # each partition's design values were checked on the workers and the first refusal to
    # arrive was raised: the rows of whichever partition the scheduler ran first, with no
    # word of the others
    df = _data(120, "range").assign(
        st=np.arange(120) % 3, psu=np.arange(120) % 12, w=np.linspace(1.0, 2.0, 120)
    )
    df[column] = df[column].astype(float)
    df.loc[[47, 75, 110], column] = np.nan  # partitions 2, 3 and 4 of 4
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    with pytest.raises(DataError) as in_memory:
        mnlogit.fit("y ~ x + g", df, design=design)
    assert "rows 47, 75, 110" in str(in_memory.value)
    with pytest.raises(DataError) as on_dask:
        mnlogit.fit("y ~ x + g", dd.from_pandas(df, npartitions=4), design=design)
    said = str(on_dask.value)
    assert " in row 47;" in said
    assert said.endswith(
        "(the rows named are those of the first partition refused; 2 later partition(s) "
        "were refused too)"
    )


@pytest.mark.parametrize("formula", ["y ~ np.tanh(x) + g", "y ~ x + g"])
def test_infinite_numbers_held_as_objects_are_refused_by_their_column(formula):
    # a column of Python floats (dask keeping objects) was read as numbers, but its inf was
    # not seen before encoding, which makes such a row missing in every design column: the
    # refusal blamed 'Intercept', 'g[T.b]', 'g[T.c]' too
    dask = pytest.importorskip("dask")
    df = _data(90, "range")
    df["x"] = df["x"].astype(object)
    df.loc[[20, 70], "x"] = np.inf
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(df, npartitions=3)
    with pytest.raises(DataError) as err:
        mnlogit.fit(formula, ddf)
    assert "column 'x' has 2 infinite value(s) (e.g. inf in row 20)" in str(err.value)
    assert "Intercept" not in str(err.value)


@pytest.mark.parametrize("dtype", [object, "category", "string"])
@pytest.mark.parametrize("parts", [1, 3])
def test_an_outcome_level_lost_to_missing_values_is_warned_of_as_in_memory(dtype, parts):
    # a dask fit dropped the level's equation without a word, and refused it as ref= without
    # saying that only dropped rows have it (a fit in memory says both)
    rng = np.random.default_rng(5)
    n = 240
    df = pd.DataFrame({"x": rng.normal(size=n), "y": rng.choice(list("ABCZ"), n)})
    df.loc[df["y"] == "Z", "x"] = np.nan
    df["y"] = df["y"].astype(dtype)
    in_memory, res = _emptied_warnings(lambda: mnlogit.fit("y ~ x", df))
    data = dd.from_pandas(df, npartitions=parts)
    on_dask, res_dask = _emptied_warnings(lambda: mnlogit.fit("y ~ x", data))
    assert len(in_memory) == 1 and "outcome 'y': level 'Z'" in in_memory[0]
    assert on_dask == in_memory
    np.testing.assert_allclose(res_dask.params, res.params, rtol=1e-8, atol=1e-10)
    with pytest.raises(mnlogit.exceptions.LevelError) as memory_refusal:
        mnlogit.fit("y ~ x", df, ref="Z")
    with pytest.raises(mnlogit.exceptions.LevelError, match="only of rows dropped") as refusal:
        mnlogit.fit("y ~ x", data, ref="Z")
    assert str(refusal.value) == str(memory_refusal.value)
