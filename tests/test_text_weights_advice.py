"""Weights given as a numpy array of text: the refusal says how to make numbers of text.

A numpy array of text (fixed width, bytes, numpy 2's StringDType) given as weights was told
to convert "(the real part of complex numbers, a time span in the unit meant)", advice for
other kinds of values; an object array or a column of the same text was told pd.to_numeric.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

_KINDS = ["U", "S"] + (["T"] if hasattr(getattr(np, "dtypes", None), "StringDType") else [])


def _text(values: list[str], kind: str) -> np.ndarray:
    if kind == "T":
        return np.array(values, dtype=np.dtypes.StringDType())
    return np.array(values, dtype=kind)


@pytest.mark.parametrize("kind", _KINDS)
def test_weights_of_numpy_text_are_refused_with_the_conversion_of_text(kind):
    rng = np.random.default_rng(634)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 60), "x": rng.normal(size=60)})
    counts = rng.integers(1, 4, 60)
    weights = _text([str(v) for v in counts], kind)
    with pytest.raises(InputTypeError, match=r"expected numbers.*\(e\.g\. pd\.to_numeric\)$"):
        mnlogit.fit("y ~ x", df, weights=weights)
    res = mnlogit.fit("y ~ x", df, weights=pd.to_numeric(pd.Series(weights.tolist())))
    assert res.nobs == counts.sum()
