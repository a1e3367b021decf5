"""Sampling weights in units so large that the pseudo-log-likelihood for the weights as
given lies past the float range (the weights summing to about 1e308): the estimates and
standard errors do not change, and llf, llnull, deviance and a Firth fit's penalised
log-likelihood are NaN with a warning saying why and what to do, where they were -inf and
inf without a word."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(12)
    n = 200
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "y": rng.choice(list("abcdef"), n),  # log p about -1.8: llf about -1.8 sum(w)
            "pw": rng.uniform(0.5, 1.5, n),
        }
    )


def _fit(data, scale, **options):
    frame = data.assign(pw=data["pw"] / data["pw"].sum() * scale)
    return mnlogit.fit("y ~ x", frame, ref="a", weights="pw", weight_type="probability", **options)


@pytest.mark.parametrize("method", ["newton", "firth"])
def test_log_likelihoods_past_the_float_range_are_nan_and_said(data, method):
    unit, huge = _fit(data, 1.0, method=method), _fit(data, 1.5e308, method=method)
    np.testing.assert_allclose(huge.params, unit.params, rtol=1e-10)
    np.testing.assert_allclose(huge.bse, unit.bse, rtol=1e-10)
    names = ["llf", "llnull", "deviance"] + (["penalized_llf"] if method == "firth" else [])
    for name in names:
        with pytest.warns(InferenceWarning, match=f"{name} is NaN: .* past the float range"):
            value = getattr(huge, name)
        assert np.isnan(value), name  # was -inf or inf
        assert np.isfinite(getattr(unit, name))
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        str(huge.summary())  # the package's own reading does not warn


def test_values_within_the_float_range_are_kept(data):
    huge, unit = _fit(data, 1e300), _fit(data, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error", InferenceWarning)
        np.testing.assert_allclose(huge.llf, unit.llf * 1e300, rtol=1e-10)
        np.testing.assert_allclose(huge.deviance, unit.deviance * 1e300, rtol=1e-10)
