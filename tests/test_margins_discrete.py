"""A number the formula reads only as the categories of one computed factor (``C(k % 3)`` of
integers k) in ``marginal_effects()``.

k nudged by a step makes categories the fit has no coefficients for (``k % 3`` of 1.001),
so the design has no slope in k, and the whole table was refused, the slopes of x and z with
it, with advice to name the other variables. Stata cannot write the expression in a factor
variable: its model is ``gen k3 = mod(k, 3)`` with ``i.k3``, whose ``margins, dydx(*)`` gives
the slopes of the others and the discrete changes from k3's base level to each other one.
Those are the effects now, labelled as the factor's design columns (``C(k % 3)[T.1]``),
checked against numbers computed by hand from the coefficients (the standard errors by a
numerical Jacobian and the fit's covariance) and against the fit of the column k3 made
beforehand. k read also as a number has no one factor's changes: it is left out, said by
name, and the others' effects are given.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(2024)
    n = 500
    k = rng.integers(0, 9, n)
    x, z = rng.normal(size=n), rng.normal(size=n)
    eta = np.column_stack(
        [np.zeros(n), 0.6 * x - 0.4 * (k % 3 == 1), -0.5 * z + 0.7 * (k % 3 == 2) + 0.3]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return pd.DataFrame({"k": k, "x": x, "z": z, "y": y})


def _probabilities(B: np.ndarray, X: np.ndarray) -> np.ndarray:
    eta = np.column_stack([np.zeros(len(X)), X @ B])
    eta -= eta.max(axis=1, keepdims=True)
    return np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)


def _by_hand(B: np.ndarray, df: pd.DataFrame) -> np.ndarray:
    """Average effects, outcome by outcome: of x and z (dP_k/dx = P_k (b_k - sum_j P_j b_j),
    b_ref = 0), then the changes from k % 3 = 0 to 1 and to 2."""
    ones = np.ones(len(df))

    def design(level: np.ndarray) -> np.ndarray:
        return np.column_stack([ones, df["x"], df["z"], level == 1, level == 2]).astype(float)

    P = _probabilities(B, design(df["k"].to_numpy() % 3))
    out = []
    for j in (1, 2):  # the columns of x and z
        b = np.r_[0.0, B[j]]
        out.append((P * (b[None, :] - (P @ b)[:, None])).mean(axis=0))
    base = _probabilities(B, design(np.zeros(len(df)))).mean(axis=0)
    for level in (1, 2):
        out.append(_probabilities(B, design(np.full(len(df), level))).mean(axis=0) - base)
    return np.concatenate(out)


def test_effects_of_the_others_and_the_factors_changes_match_numbers_by_hand(data):
    res = mnlogit.fit("y ~ x + z + C(k % 3)", data)
    assert list(res.params.index) == ["Intercept", "x", "z", "C(k % 3)[T.1]", "C(k % 3)[T.2]"]
    me = res.marginal_effects()
    assert list(me.index.get_level_values("variable").unique()) == [
        "x",
        "z",
        "C(k % 3)[T.1]",
        "C(k % 3)[T.2]",
    ]
    assert list(me.index.get_level_values("outcome")[:3]) == ["a", "b", "c"]
    B = res.params.to_numpy()
    np.testing.assert_allclose(me["dydx"].to_numpy(), _by_hand(B, data), rtol=1e-9, atol=1e-12)
    # delta method: a central-difference Jacobian in the coefficients, equation by equation
    # as cov_params() orders them, and the fit's covariance
    flat = B.T.ravel()
    h = 1e-6
    J = np.empty((len(me), len(flat)))
    for i in range(len(flat)):
        up, down = flat.copy(), flat.copy()
        up[i] += h
        down[i] -= h
        J[:, i] = (
            _by_hand(up.reshape(B.T.shape).T, data) - _by_hand(down.reshape(B.T.shape).T, data)
        ) / (2 * h)
    V = res.cov_params().to_numpy()
    np.testing.assert_allclose(me["std_error"].to_numpy(), np.sqrt(np.diag(J @ V @ J.T)), rtol=1e-6)


@pytest.mark.parametrize("at", ["overall", "mean", "typical"])
def test_the_effects_are_those_of_the_categories_made_a_column_first(data, at):
    ours = mnlogit.fit("y ~ x + z + C(k % 3)", data).marginal_effects(at=at)
    made = mnlogit.fit("y ~ x + z + C(k3)", data.assign(k3=data["k"] % 3)).marginal_effects(at=at)
    np.testing.assert_allclose(ours.to_numpy(), made.to_numpy(), rtol=1e-12, atol=1e-15)
    assert [v.replace("C(k % 3)", "k3") for v in ours.index.get_level_values(0)] == list(
        made.index.get_level_values(0)
    )
    if at == "typical":  # the typical row holds the factor at its most frequent level
        assert ours.attrs["evaluated_at"]["C(k % 3)"] == made.attrs["evaluated_at"]["k3"]


def test_the_variable_named_gives_the_factors_changes(data):
    res = mnlogit.fit("y ~ x * C(k % 3)", data)
    me = res.marginal_effects(variables="k")
    assert list(me.index.get_level_values(0).unique()) == ["C(k % 3)[T.1]", "C(k % 3)[T.2]"]
    np.testing.assert_allclose(me["dydx"].groupby(level=0).sum(), 0.0, atol=1e-12)


def test_a_variable_read_also_as_a_number_is_left_out_by_name(data):
    res = mnlogit.fit("y ~ x + k + C(k % 3)", data)
    with pytest.warns(mnlogit.MNLogitWarning, match="Left out: 'k'"):  # the print has no note
        me = res.marginal_effects()
    assert list(me.index.get_level_values(0).unique()) == ["x"]
    assert "Left out: 'k', read through categories that have no slope in it" in me.attrs["note"]
    assert "margins(at={'k': [a, b]}).contrast('k')" in me.attrs["note"]
    np.testing.assert_allclose(
        me["dydx"].to_numpy(), res.marginal_effects(variables="x")["dydx"].to_numpy()
    )
    with pytest.raises(DataError, match="no derivative with respect to 'k'"):
        res.marginal_effects(variables="k")
