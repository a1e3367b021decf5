"""Effects at values so near 0 that a step relative to them is no double (x = 5e-324) take
the step on the variable's scale: the relative one rounded to 0, and its 0 / 0 replaced a
good derivative, refusing the effects of np.exp(x) there as past the float range."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(31)
    n = 300
    d = pd.DataFrame({"x": rng.uniform(-2, 2, n), "g": rng.choice(["a", "b"], n)})
    eta = np.column_stack([np.zeros(n), 0.5 * np.exp(d["x"]) - 1, 0.4 * (d["g"] == "b")])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["p", "q", "r"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return mnlogit.fit("y ~ np.exp(x) + g", d)


@settings(max_examples=20, deadline=None)
@given(
    tiny=st.floats(min_value=5e-324, max_value=1e-300, allow_subnormal=True),
    sign=st.sampled_from([1.0, -1.0]),
)
def test_effects_at_values_next_to_zero_are_those_at_zero(fitted, tiny, sign):
    at_zero = fitted.margins(kind="effect", at={"x": 0.0}, variables="x").to_frame()
    got = fitted.margins(kind="effect", at={"x": sign * tiny}, variables="x").to_frame()
    np.testing.assert_allclose(got["estimate"], at_zero["estimate"], rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(got["std_error"], at_zero["std_error"], rtol=1e-9)
