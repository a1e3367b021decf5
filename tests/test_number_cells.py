"""Numbers in every table (summary, compare, margins, the command line) are shown with the
digits they need: within 5% of the value at any magnitude, and never 0 for a nonzero one."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.report._format import num

finite = st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300)
# every decade from 1e-12 to 1e12 about equally often (plain floats are mostly huge or tiny)
decades = st.tuples(st.sampled_from([-1.0, 1.0]), st.floats(min_value=-12, max_value=12)).map(
    lambda t: t[0] * 10.0 ** t[1]
)


@settings(derandomize=True, max_examples=500, deadline=None)
@given(st.one_of(finite, decades))
def test_a_number_is_shown_within_five_percent_of_itself(x):
    shown = float(num(x))
    assert math.isclose(shown, x, rel_tol=0.05, abs_tol=0.0) or (x == 0 and shown == 0)


def test_small_coefficients_keep_two_digits_in_the_summary():
    rng = np.random.default_rng(4)
    n = 3000
    d = pd.DataFrame({"x": rng.normal(size=n) * 3000})
    eta = np.column_stack([np.zeros(n), 0.000149 * d["x"], -0.00012 * d["x"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    res = mnlogit.fit("y ~ x", d)
    b = res.params.loc["x", "b"]
    assert 1e-4 < abs(b) < 1e-3
    line = next(line for line in str(res.summary()).splitlines() if line.split()[:1] == ["x"])
    assert math.isclose(float(line.split()[1]), b, rel_tol=5e-4)
