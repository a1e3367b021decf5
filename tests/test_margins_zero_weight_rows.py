"""Rows of weight 0 add nothing to margins averaged over the fit's rows, and are neither
differentiated nor set: values there that the design cannot take refused effects that the
fit without those rows gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(23)
    n = 240
    x = rng.uniform(0.2, 4, n)
    d = pd.DataFrame({"x": x, "g": rng.choice(["a", "b", "c"], n), "w": rng.integers(1, 4, n)})
    eta = np.column_stack([np.zeros(n), 0.5 * x - 1, 0.4 * (d["g"] == "b") - 0.3 * np.sqrt(x)])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["p", "q", "r"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


def _with_zero_row(data, row, x):
    d = data.copy()
    d.loc[row, "x"] = x
    d.loc[row, "w"] = 0
    return d


def _same(got, want):
    np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-6, atol=1e-10)
    np.testing.assert_allclose(got["std_error"], want["std_error"], rtol=1e-5, atol=1e-10)


@pytest.mark.slow
@settings(max_examples=8, deadline=None)
@given(row=st.integers(0, 239))
def test_a_row_of_weight_zero_at_a_step_leaves_the_average_effect(data, row):
    """A frequency weight of 0 on a row at x = 2 under I(x > 2): the average effect of x was
    refused as having no derivative there; it is the effect of the fit without that row."""
    d = _with_zero_row(data, row, 2.0)
    formula = "y ~ I(x > 2) + x + g"
    res = mnlogit.fit(formula, d, weights="w")
    without = mnlogit.fit(formula, d.drop(index=row), weights="w")
    got = res.marginal_effects(variables="x").rename(columns={"dydx": "estimate"})
    want = without.marginal_effects(variables="x").rename(columns={"dydx": "estimate"})
    _same(got, want)
    got = res.margins(kind="effect", variables="x", over="g").to_frame()
    _same(got, without.margins(kind="effect", variables="x", over="g").to_frame())
    assert "weight zero" in res.marginal_effects(variables="x").attrs["note"]


@pytest.mark.parametrize("at", ["overall", "mean"])
def test_a_row_of_weight_zero_where_the_derivative_is_infinite(data, at):
    """np.sqrt(x) at x = 0, in a row of weight 0: its infinite derivative refused the effects
    of x, saying to rescale x and refit."""
    d = _with_zero_row(data, 5, 0.0)
    res = mnlogit.fit("y ~ np.sqrt(x) + g", d, weights="w")
    without = mnlogit.fit("y ~ np.sqrt(x) + g", d.drop(index=5), weights="w")
    got = res.marginal_effects(at=at).rename(columns={"dydx": "estimate"})
    want = without.marginal_effects(at=at).rename(columns={"dydx": "estimate"})
    _same(got, want)
    m = res.margins(kind="effect", variables="x").to_frame()
    _same(m, without.margins(kind="effect", variables="x").to_frame())


def test_values_set_where_only_rows_of_weight_zero_leave_the_domain(data):
    """at= x = -0.5 under np.log(x + u): only a row of weight 0 has u below 0.5, where the
    log is undefined; the margin over the rows that count exists."""
    d = data.assign(u=1.0 + data["x"])
    d.loc[7, ["u", "w"]] = [0.3, 0]
    formula = "y ~ np.log(x + u) + g"
    res = mnlogit.fit(formula, d, weights="w")
    without = mnlogit.fit(formula, d.drop(index=7), weights="w")
    for kind in ("prob", "effect"):
        got = res.margins(at={"x": -0.5}, kind=kind).to_frame()
        _same(got, without.margins(at={"x": -0.5}, kind=kind).to_frame())
    # a row that counts still refuses such a value
    with pytest.raises(mnlogit.exceptions.DataError, match="not defined there"):
        mnlogit.fit(formula, d.assign(w=1), weights="w").margins(at={"x": -0.5})
