"""Weights so far apart that the lighter rows fall below rounding in the weighted sums make
columns look collinear: a fit on partitions (Dask) said to drop them from the formula, where
the fit in memory says what the weights do and to bring them closer. Both now say the
latter, for frequency weights, probability weights and a survey design."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RankError

dd = pytest.importorskip("dask.dataframe")


def _data(big: float) -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = 120
    df = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": rng.choice(list("abc"), n),
            "y": rng.choice(list("ABC"), n),
            "w": rng.integers(1, 4, n).astype(float),
        }
    )
    df.loc[50, "w"] = big
    return df


CASES = {
    "frequency": dict(weights="w"),
    "probability": dict(weights="w", weight_type="probability"),
    "design": dict(design=mnlogit.SurveyDesign(weights="w")),
}


@pytest.mark.parametrize("kind", list(CASES))
@pytest.mark.parametrize("big", [1e20, 1e300])
def test_dask_blames_the_weights_as_the_fit_in_memory_does(kind, big):
    df = _data(big)
    messages = []
    for data in (df, dd.from_pandas(df, npartitions=3)):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
            with pytest.raises(
                RankError, match=re.escape(f"largest weight is {big:.1e} times")
            ) as err:
                mnlogit.fit("y ~ x + g", data, **CASES[kind])
        assert err.value.weights_only
        assert "drop them from the formula" not in str(err.value)
        messages.append(str(err.value))
    assert messages[0] == messages[1]
