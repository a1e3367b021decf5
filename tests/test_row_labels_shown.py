"""A refused row is named by its label as Python writes it, and one row is "1 row".

After ``dropna()`` a DataFrame's index holds numpy integers, and the refusal of an infinite
predictor read "in the row with index np.int64(101), 1 rows in all"; the command line's
refusal of an empty weight read "(1 rows in all)"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    return pd.DataFrame({"x": rng.normal(size=200), "y": rng.choice(list("abc"), 200)})


@pytest.mark.parametrize("count", [1, 3])
def test_an_infinite_predictor_names_its_row_as_python_writes_it(count):
    df = _data()
    df.loc[3, "x"] = np.nan
    df = df.dropna()  # an Index of numpy integers, no longer a range
    df.iloc[100 : 100 + count, 0] = np.inf
    with pytest.raises(DataError) as info:
        mnlogit.fit("y ~ x", df)
    rows = "1 row" if count == 1 else f"{count} rows"
    assert f"'x' is inf in the row with index 101, {rows} in all" in str(info.value)
    assert "np." not in str(info.value)


@pytest.mark.parametrize("bad", [-1.0, np.nan, np.inf])
def test_a_bad_frequency_weight_names_its_row_as_a_sampling_weight_does(bad):
    # the frequency weights' refusals named no row: 'got -1.0'
    df = _data().set_axis(np.arange(200) + 100).assign(w=1.0)
    df.loc[110, "w"] = bad
    said = []
    for weight_type in ("frequency", "probability"):
        with pytest.raises(DataError) as info:
            mnlogit.fit("y ~ x", df, weights="w", weight_type=weight_type)
        said.append(str(info.value))
    assert all(f"got {bad} in row 110" in text for text in said), said
    # arrays have no labels: the position
    with pytest.raises(DataError, match=f"got {bad} in row 10"):
        mnlogit.MNLogit(df["y"].to_numpy(), df[["x"]].to_numpy(), weights=df["w"].to_numpy())
