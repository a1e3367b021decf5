"""A factor's baseline level that only rows of weight 0 hold, in a formula's design."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import RankError


def _data(seed: int, zeros: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = 150
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": np.array(["b", "c", "d"])[rng.integers(0, 3, n)],
            "y": np.array(["u", "v", "w"])[np.arange(n) % 3],
            "w": np.ones(n),
        }
    )
    df.loc[: zeros - 1, ["g", "w"]] = ["a", 0.0]  # level 'a', the baseline, only at weight 0
    return df


@settings(max_examples=10, deadline=None)
@given(seed=st.integers(0, 2**16), zeros=st.integers(1, 8))
def test_the_refusal_says_the_rows_of_weight_0_hold_what_tells_the_dummies_apart(seed, zeros):
    # the refusal called another level's dummy a combination of the others and said to drop
    # it from the formula, which a formula cannot do; dropping the rows of weight 0 is the fix
    df = _data(seed, zeros)
    with pytest.raises(RankError, match=r"rows of weight 0 .*drop those rows"):
        mnlogit.fit("y ~ x + g", df, weights="w")
    kept = mnlogit.fit("y ~ x + g", df[df["w"] > 0], weights="w")
    sklearn = pytest.importorskip("mnlogit.sklearn")
    clf = sklearn.MNLogitClassifier(formula="x + g").fit(
        df[["x", "g"]], df["y"], sample_weight=df["w"].to_numpy()
    )
    np.testing.assert_allclose(clf.results_.params, kept.params, rtol=1e-8, atol=1e-10)


def test_collinear_columns_of_x_are_still_dropped_from_x():
    # a column of X stays when rows are dropped: the advice stays to drop a column
    df = _data(0, 5)
    X = pd.get_dummies(df[["x", "g"]], drop_first=True, dtype=float).assign(const=1.0)
    with pytest.raises(RankError, match="drop them from X"):
        mnlogit.MNLogit(df["y"], X, weights=df["w"])


def test_a_dask_fit_says_the_same():
    # the dask fit called another level's dummy a combination of the others, as the fit in
    # memory did, and said to drop it from the formula
    dd = pytest.importorskip("dask.dataframe")
    df = _data(3, 5)
    with pytest.raises(RankError) as memory:
        mnlogit.fit("y ~ x + g", df, weights="w")
    with pytest.raises(RankError) as dask:
        mnlogit.fit("y ~ x + g", dd.from_pandas(df, npartitions=2), weights="w")
    assert str(dask.value) == str(memory.value)
    assert "rows of weight 0" in str(dask.value)
