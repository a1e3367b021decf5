"""Frequency weights that sum past the range the log-likelihood's sums can hold are refused
by a dask fit as in memory. The dask fit checked a few witnesses of each partition's weights
(the first bad one of each kind, the largest) and never their sum, so weights of 1e300 that
the in-memory fit refuses were fitted, and past the float range their sums overflowed."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError

dd = pytest.importorskip("dask.dataframe")


def data(scale: float, n: int = 120) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": rng.choice(list("abc"), n),
            "w": rng.integers(1, 4, n) * scale,
        }
    )


@pytest.mark.parametrize(
    ("scale", "said"),
    [
        (1e300, r"these sum to 2\.\d+e\+302 \(largest weight 3e\+300\)"),  # each partition's below
        (1e307, r"these sum to more than the largest float \(largest weight 3e\+307\)"),
    ],
)
def test_weights_summing_past_the_range_are_refused_as_in_memory(scale, said):
    d = data(scale)
    with pytest.raises(DataError, match=said) as memory:
        mnlogit.fit("y ~ x", d, ref="a", weights="w")
    with pytest.raises(DataError) as dask:
        mnlogit.fit("y ~ x", dd.from_pandas(d, npartitions=3), ref="a", weights="w")
    assert str(dask.value) == str(memory.value)


def test_weights_summing_within_the_range_are_fitted_alike():
    d = data(1e299)
    memory = mnlogit.fit("y ~ x", d, ref="a", weights="w")
    dask = mnlogit.fit("y ~ x", dd.from_pandas(d, npartitions=3), ref="a", weights="w")
    assert dask.nobs == pytest.approx(memory.nobs, rel=1e-12)
    np.testing.assert_allclose(dask.params, memory.params, rtol=1e-8)
