"""Slopes at values far beyond the data: the design's difference quotients step on the
distance from the data as well as on its spread. Steps of 1e-3 times the spread left five
digits of the slope of log(x) at x = 1e10 (2e-5 off), and at x = 1e20, where x + h rounded
to x, refused the effect as a derivative "reaching inf"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit

RTOL_ESTIMATE = 1e-9  # Richardson differences at steps 1e-3 |x|: about 1e-11 here
RTOL_SE = 1e-8


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit("mode ~ np.log(distance)", df, ref="car")


def _exact(res, x: float) -> tuple[np.ndarray, np.ndarray]:
    """dP/dx at distance = x and its delta-method standard errors, in closed form: with
    eta_k = a_k + b_k log x, dP_k/dx = P_k (g_k - sum_j P_j g_j) with g_k = b_k / x."""
    params = res.params  # term x outcome, the reference's column left out
    levels = [res.ref, *params.columns]
    row = np.array([1.0, np.log(x)])
    d = np.array([0.0, 1.0 / x])
    B = np.column_stack([np.zeros(2), params.to_numpy()])
    eta = row @ B
    P = np.exp(eta - eta.max())
    P /= P.sum()
    g = d @ B
    gbar = P @ g
    # g_k - sum_j P_j g_j written as sum_j P_j (g_k - g_j): no cancellation where P_k is 1
    m = P * ((g[:, None] - g[None, :]) @ P)
    V = res.cov_params().loc[list(params.columns), list(params.columns)]
    keys = list(V.index)
    J = np.zeros((len(levels), len(keys)))
    for k in range(len(levels)):
        for a, (outcome, term) in enumerate(keys):
            lvl = levels.index(outcome)
            t = list(params.index).index(term)
            own = float(k == lvl)
            J[k, a] = P[k] * (own - P[lvl]) * (g[k] - gbar) * row[t] + P[k] * own * d[t]
            J[k, a] -= P[k] * (P[lvl] * (g[lvl] - gbar) * row[t] + P[lvl] * d[t])
    se = np.sqrt(np.einsum("ij,jk,ik->i", J, V.to_numpy(), J))
    return pd.Series(m, index=levels), pd.Series(se, index=levels)


@pytest.mark.parametrize("x", [1e4, 1e10, 1e20, 1e200])
def test_slope_far_beyond_the_data(res, x):
    got = res.margins(at={"distance": x}, kind="effect", variables="distance").to_frame()
    got = got.set_index("outcome")
    want, se = _exact(res, x)
    # relative to the largest effect, not each: the effects sum to 0 and the smallest hold
    # no digits of their own beside it
    np.testing.assert_allclose(
        got["estimate"],
        want[got.index],
        rtol=RTOL_ESTIMATE,
        atol=RTOL_ESTIMATE * np.abs(want).max(),
    )
    assert np.isfinite(got["std_error"]).all()
    if x <= 1e10:  # beyond, the closed form's Jacobian cancels where P rounds to 1
        np.testing.assert_allclose(got["std_error"], se[got.index], rtol=RTOL_SE)


@pytest.mark.parametrize(
    "term, slope, x",
    [
        ("np.log(distance)", lambda x: 1 / x, 1e10),
        ("np.log(distance)", lambda x: 1 / x, 1e20),
        ("I(distance**2)", lambda x: 2 * x, 1e10),
        ("I(distance**2)", lambda x: 2 * x, 1e100),
        # changing on their own scale far out: the short step is kept
        ("np.sin(distance / 10)", lambda x: np.cos(x / 10) / 10, 1e5),
        ("np.exp(-distance / 10)", lambda x: -np.exp(-x / 10) / 10, 1e3),
    ],
)
def test_design_derivative_far_out(term, slope, x):
    from mnlogit.margins._derivative import design_derivative
    from mnlogit.margins._variables import Variable

    fit = mnlogit.fit(f"mode ~ {term}", mnlogit.datasets.load("travel"), ref="car")
    frame = fit._data.frame.head(1).assign(distance=x)
    D, _ = design_derivative(fit._data, frame, Variable("distance"), 1, fit._core.B)
    np.testing.assert_allclose(D[0, 1], slope(x), rtol=1e-8)
