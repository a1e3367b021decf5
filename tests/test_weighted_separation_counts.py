"""The separation a frequency-weighted fit reports counts observations and says so: its
outcome counts are sums of weights, which the message called rows ("'c' (58 rows)" of an
outcome with 27 rows), beside the rows it read ("none of the 83 rows")."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(1)
    n = 120
    x = rng.normal(size=n)
    y = np.where(x > 0.3, "c", np.where(rng.random(n) < 0.5, "a", "b"))
    return pd.DataFrame({"x": x, "y": y, "w": rng.integers(0, 4, n)})


def _separation(data, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return mnlogit.fit("y ~ x", data, ref="a", **options).separation


def test_frequency_weights_count_observations(data):
    sep = _separation(data, weights="w")
    observations = int(data.loc[data["y"] == "c", "w"].sum())
    rows = int(((data["y"] == "c") & (data["w"] > 0)).sum())
    assert observations != rows
    assert f"'c' ({observations} observations)" in sep.message
    assert f"({observations} rows)" not in sep.message
    assert f"of the {int((data['w'] > 0).sum())} rows" in sep.message


def test_rows_repeated_and_sampling_weights_count_rows(data):
    repeated = data.loc[data.index.repeat(data["w"])].reset_index(drop=True)
    observations = int(data.loc[data["y"] == "c", "w"].sum())
    assert f"'c' ({observations} rows)" in _separation(repeated).message
    sampled = _separation(data.assign(w=data["w"] * 1.5), weights="w", weight_type="probability")
    rows = int(((data["y"] == "c") & (data["w"] > 0)).sum())
    assert f"'c' ({rows} rows)" in sampled.message
