"""A rank-deficient design refused under frequency weights near the float range, without
numpy's overflow warning: the check of whether the weights alone made the columns collinear
multiplied the smallest weight by 1e12, which overflowed for weights of 1e300 and leaked a
bare RuntimeWarning beside the refusal."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RankError


def frame() -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = 60
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": np.full(n, 3.0),
            "z": rng.normal(size=n),
            "w": (1 + np.arange(n) % 3) * 1e300,
        }
    )


FITS = {
    "formula": lambda df: mnlogit.fit("y ~ x + z", df, weights="w"),
    "arrays": lambda df: mnlogit.MNLogit(
        df["y"], df[["x", "z"]].assign(c=1.0), weights=df["w"]
    ).fit(),
}


@pytest.mark.parametrize("entry", list(FITS))
def test_constant_column_refused_without_overflow_warning(entry):
    with warnings.catch_warnings():
        warnings.simplefilter("error", RuntimeWarning)
        with pytest.raises(RankError, match="rank deficient"):
            FITS[entry](frame())
