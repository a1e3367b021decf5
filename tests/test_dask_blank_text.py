"""Blank text and numbers in a column of words are refused wherever they are, in memory and
on Dask alike.

A column of nothing but text meaning missing ('NA' and blank cells, as a file read with
``keep_default_na=False`` gives) fitted in memory as ``g`` with its blank cells a level of
their own (the baseline, sorted first) where ``C(g)`` refused them; a Dask fit learned the
column as that factor, then refused every partition saying its dtypes differed between
partitions or the data had changed. And a column of words was read only from its first 1000
rows: a blank cell or a number past them was fitted in memory as a level, where a Dask
partition starting near it refused it."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


def _frame(values: list[str]) -> pd.DataFrame:
    rng = np.random.default_rng(77)
    n = 300
    x = rng.normal(size=n)
    y = np.where(x + rng.normal(size=n) > 0.5, "b", np.where(rng.uniform(size=n) < 0.5, "a", "c"))
    return pd.DataFrame({"y": y, "x": x, "g": rng.choice(values, n)})


@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + C(g)"])
def test_blank_cells_beside_text_meaning_missing_are_refused_in_both(tmp_path, formula):
    df = _frame(["NA", "", "nan"])
    for i, rows in enumerate((slice(0, 1), slice(1, 120), slice(120, 300))):
        df.iloc[rows].to_csv(tmp_path / f"part{i}.csv", index=False)
    files = sorted(tmp_path.glob("part*.csv"))
    ddf = dd.read_csv(files, keep_default_na=False)
    in_memory = pd.concat(pd.read_csv(f, keep_default_na=False) for f in files)
    said = (
        r"column 'g' has blank text \(''\) beside its categories \(e\.g\. '(NA|nan)', '(NA|nan)'\)"
    )
    with dask.config.set(scheduler="synchronous"):
        for data in (in_memory, ddf):
            with pytest.raises(DataError, match=said) as err:
                mnlogit.fit(formula, data)
            assert "partition" not in str(err.value)
        # what it says to do makes the blank cells missing, and their rows are dropped
        kept = ddf.assign(g=ddf["g"].replace("", None))
        got = mnlogit.fit(formula, kept)
        want = mnlogit.fit(formula, kept.compute())
    assert got.nobs == want.nobs == (df["g"] != "").sum()
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=1e-9)


def test_a_column_of_nothing_but_blank_text_is_refused_in_both():
    df = _frame(["", " "])
    with dask.config.set(scheduler="synchronous"):
        for data in (df, dd.from_pandas(df, npartitions=3)):
            with pytest.raises(DataError, match=r"column 'g' has blank text .* and no other value"):
                mnlogit.fit("y ~ x + g", data)


@pytest.mark.parametrize("row", [10, 2500])
def test_a_blank_cell_among_words_is_refused_wherever_it_is(row):
    # only the first 1000 rows of a column of words were read for blank text: a blank cell
    # past them was fitted in memory as a level of its own, the baseline of one row, where a
    # Dask partition starting near it refused it
    df = _frame(["north", "south", "east"]).sample(n=3000, replace=True, random_state=1)
    df = df.reset_index(drop=True)
    df.loc[row, "g"] = ""
    said = r"column 'g' has blank text \(''\) beside its categories"
    with dask.config.set(scheduler="synchronous"):
        for data in (df, dd.from_pandas(df, npartitions=3)):
            with pytest.raises(DataError, match=said):
                mnlogit.fit("y ~ x + g", data)


@pytest.mark.parametrize("row", [10, 2500])
def test_numbers_among_words_are_refused_wherever_they_are(row):
    # as blank text: numbers past the first 1000 rows of a column of words were fitted in
    # memory as a level (the baseline, sorted first), where Dask refused them
    df = _frame(["north", "south", "east"]).sample(n=3000, replace=True, random_state=2)
    df = df.reset_index(drop=True)
    df.loc[row : row + 50, "g"] = "12"
    said = r"column 'g' mixes numbers \(e\.g\. '12'\) and words"
    with dask.config.set(scheduler="synchronous"):
        for data in (df, dd.from_pandas(df, npartitions=3)):
            with pytest.raises(DataError, match=said):
                mnlogit.fit("y ~ x + g", data)


def test_a_blank_cell_after_five_other_kinds_of_missing_text_is_refused():
    # a few values of each kind are kept to quote: the blank cell, sixth among the text
    # meaning missing, was left out of them and fitted as a level of its own
    df = _frame(["north", "south", "east"])
    for i, text in enumerate(["NA", "na", "N/A", "nan", "null", "none", ""]):
        df.loc[100 + 20 * i, "g"] = text
    said = r"column 'g' has blank text \(''\) beside its categories"
    with dask.config.set(scheduler="synchronous"):
        for data in (df, dd.from_pandas(df, npartitions=3)):
            with pytest.raises(DataError, match=said):
                mnlogit.fit("y ~ x + g", data)
