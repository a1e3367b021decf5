"""Weights of True/False held as objects (a nullable boolean column with a missing value, or
booleans among Python objects) are refused with the advice for booleans: the refusal said to
convert them with pd.to_numeric, which keeps True/False, so following it led to the refusal
of a boolean column."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 90
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": rng.choice(list("ABC"), n),
            "flag": rng.random(n) < 0.7,
        }
    )


WEIGHTS = {
    "nullable with a missing value": lambda s: s.astype("boolean").where(s.index != 3),
    "objects": lambda s: s.astype(object),
}


@pytest.mark.parametrize("kind", list(WEIGHTS))
@pytest.mark.parametrize("survey", [False, True])
def test_the_advice_is_the_one_for_booleans_and_can_be_followed(kind, survey):
    df = _data()
    w = WEIGHTS[kind](df["flag"])

    def fit(weights):
        if survey:
            return mnlogit.fit("y ~ x", df, design=mnlogit.SurveyDesign(weights=weights))
        return mnlogit.fit("y ~ x", df, weights=weights)

    with pytest.raises(InputTypeError, match=r"\.astype\(float\) if True and False") as err:
        fit(w)
    assert "pd.to_numeric" not in str(err.value)
    assert pd.api.types.is_bool_dtype(pd.to_numeric(w))  # the old advice kept them booleans
    if kind == "objects":  # followed, the advice gives weights a fit takes
        res = fit(w.astype(float))
        assert res.nobs == df["flag"].sum()
