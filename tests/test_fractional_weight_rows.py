"""A frequency weight that is no whole number is refused naming its rows, as a missing or
negative weight is: "got 2.5" alone left the user to search every row for it (in memory and
on partitions)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 120
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": rng.choice(list("ABC"), n),
            "w": rng.integers(0, 4, n).astype(float),
        },
        index=np.arange(n) + 1000,
    )
    df.loc[[1110, 1115], "w"] = [2.5, 1 / 3]
    return df


def test_in_memory_the_rows_are_named_by_their_labels():
    with pytest.raises(DataError, match=re.escape("got 2.5 in rows 1110, 1115;")):
        mnlogit.fit("y ~ x", _data(), weights="w")


def test_on_partitions_the_rows_are_named_as_in_memory():
    dd = pytest.importorskip("dask.dataframe")
    with pytest.raises(DataError, match=re.escape("got 2.5 in rows 1110, 1115;")):
        mnlogit.fit("y ~ x", dd.from_pandas(_data(), npartitions=3), weights="w")


@pytest.mark.parametrize("partitions", [0, 3])
@pytest.mark.parametrize("first", [0.3 / 0.1, 7.000000000000001])
def test_a_count_off_by_rounding_does_not_have_a_fraction_rounded_with_it(partitions, first):
    # the first fractional weight, off by rounding, said of both rows "3 but for rounding:
    # round them first", and np.round(w) made the 1.5 a count of 2
    df = _data()
    df.loc[[1110, 1115], "w"] = [first, 1.5]
    data = df
    if partitions:
        data = pytest.importorskip("dask.dataframe").from_pandas(df, npartitions=partitions)
    with pytest.raises(DataError) as err:
        mnlogit.fit("y ~ x", data, weights="w")
    said = str(err.value)
    assert "got 1.5 in row 1115; for weights that are not counts" in said, said
    assert "round them first" not in said


@pytest.mark.parametrize("partitions", [0, 3])
def test_counts_off_by_rounding_alone_are_told_to_round(partitions):
    df = _data()
    df.loc[[1110, 1115], "w"] = 0.3 / 0.1
    data = df
    if partitions:
        data = pytest.importorskip("dask.dataframe").from_pandas(df, npartitions=partitions)
    with pytest.raises(DataError, match=re.escape("(in rows 1110, 1115), 3 but for rounding")):
        mnlogit.fit("y ~ x", data, weights="w")
