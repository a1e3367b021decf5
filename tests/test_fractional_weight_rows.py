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
