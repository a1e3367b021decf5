"""Predictions on new data keep their rows: whatever the index (duplicated labels, a
MultiIndex, text) and wherever the missing values are, the result is indexed like newdata,
row for row, NaN exactly where a value the model reads is missing or infinite, and each
other row predicts as it does alone (stateful transforms use the fitted rows' statistics)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit

LEVELS = ["u", "v", "w"]


@pytest.fixture(scope="module")
def fits():
    rng = np.random.default_rng(11)
    n = 300
    d = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.gamma(2.0, 2.0, n) + 0.5,
            "g": rng.choice(LEVELS, n),
        }
    )
    formula = mnlogit.fit("y ~ scale(x) + np.log(x) + C(g, Treatment('v'))", d)
    X = pd.DataFrame({"const": 1.0, "x": d["x"], "v": (d["g"] == "v").astype(float)})
    arrays = mnlogit.MNLogit(d["y"], X).fit()
    return formula, arrays


x_values = st.one_of(
    st.floats(0.5, 40.0),
    st.sampled_from([np.nan, np.inf, None]),
)
rows = st.lists(st.tuples(x_values, st.sampled_from([*LEVELS, None])), min_size=0, max_size=8)
labels = st.sampled_from(["range", "duplicated", "text", "multi"])


def _index(kind: str, n: int) -> pd.Index:
    if kind == "duplicated":
        return pd.Index([i // 2 for i in range(n)])
    if kind == "text":
        return pd.Index([f"r{n - i}" for i in range(n)])
    if kind == "multi":
        return pd.MultiIndex.from_arrays([[i % 2 for i in range(n)], list(range(n))])
    return pd.RangeIndex(n)


def _predict(res, new):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        return res.predict(new)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(values=rows, kind=labels)
def test_predictions_keep_newdatas_rows(fits, values, kind):
    formula, arrays = fits
    x = [np.nan if v is None else v for v, _ in values]
    new = pd.DataFrame(
        {"x": pd.Series(x, dtype=float).to_numpy(), "g": [g for _, g in values]},
        index=_index(kind, len(values)),
    )
    design = pd.DataFrame(
        {
            "const": 1.0,
            "x": new["x"],
            "v": [np.nan if g is None else float(g == "v") for g in new["g"]],
        },
        index=new.index,
    )
    for res, data in ((formula, new), (arrays, design)):
        got = _predict(res, data)
        assert got.index.equals(data.index)
        missing = (
            ~np.isfinite(data.to_numpy(float, na_value=np.nan)).all(axis=1)
            if res is arrays
            else (~np.isfinite(new["x"].to_numpy()) | new["g"].isna().to_numpy())
        )
        np.testing.assert_array_equal(got.isna().any(axis=1).to_numpy(), missing)
        assert not got[~missing].isna().any().any()
        for i in np.flatnonzero(~missing):
            alone = _predict(res, data.iloc[[i]])
            np.testing.assert_allclose(
                got.iloc[i].to_numpy(), alone.iloc[0].to_numpy(), rtol=0, atol=1e-15
            )
        backwards = _predict(res, data.iloc[::-1])
        np.testing.assert_array_equal(backwards.to_numpy(), got.iloc[::-1].to_numpy())
