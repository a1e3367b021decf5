"""check_separation of sampling-weighted data advises what the fit of those data can do."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import EstimationError


@pytest.fixture(scope="module")
def separated():
    x = np.linspace(-2.0, 2.0, 30)
    y = np.where(x < -0.5, "a", np.where(x > 0.5, "b", "c"))
    return pd.DataFrame({"x": x, "y": y, "w": np.resize([1.0, 2.5, 0.75], 30)})


def test_sampling_weights_are_not_sent_to_a_firth_fit_that_refuses_them(separated):
    # it said "Use method='firth' for finite bias-reduced estimates", and that fit is
    # refused: a survey fit's design-based covariance would understate Firth's variance
    sep = mnlogit.check_separation("y ~ x", separated, weights="w", weight_type="probability")
    assert "Use method='firth'" not in sep.message
    assert "A Firth fit (method='firth') is refused" in sep.message
    assert "merge or drop the levels or columns" in sep.message
    with pytest.raises(EstimationError, match="separated"):
        mnlogit.fit("y ~ x", separated, weights="w", weight_type="probability", method="firth")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        res = mnlogit.fit("y ~ x", separated, weights="w", weight_type="probability")
    assert res.separation.advice == sep.advice
    assert any(sep.advice in str(w.message) for w in caught)


def test_frequency_weights_are_still_sent_to_firth(separated):
    sep = mnlogit.check_separation("y ~ x", separated.assign(w=1.0), weights="w")
    assert sep.advice == ""
    assert sep.message.endswith("Use method='firth' for finite bias-reduced estimates.")
    assert mnlogit.fit("y ~ x", separated, method="firth").converged
