"""A variable that the formula reads through a pandas method or attribute of its column
(``x.clip(0, 8)``, ``x.abs()``, ``g.str.upper()``, ``g.map({...})``, ``I(x.values ** 2)``) is
a variable of the model, as it is through a numpy function (``np.clip(x, 0, 8)``): formulaic
names such a factor's variable ``x.clip``, which is no column, so marginal effects left x out
without a word and ``margins(at={"x": ...})`` refused x as "not a variable of the model"."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(44)
    n = 400
    d = pd.DataFrame(
        {
            "x": rng.normal(4.0, 3.0, n),
            "z": rng.uniform(1.0, 3.0, n),
            "g": rng.choice(["a", "b", "c"], n),
        }
    )
    eta = np.column_stack(
        [np.zeros(n), 0.4 * d["x"].clip(0, 8) - 1.0, 0.8 * (d["g"] == "b") - 0.3 * d["z"]]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["p", "q", "r"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


PAIRS = [  # (written with a method of the column, the same design written otherwise)
    ("y ~ x.clip(0, 8) + z + g", "y ~ np.clip(x, 0, 8) + z + g"),
    ("y ~ I(x.clip(0, 8)) + z + g", "y ~ np.clip(x, 0, 8) + z + g"),
    ("y ~ I(x.values ** 2) + x + z + g", "y ~ I(x ** 2) + x + z + g"),
    ("y ~ x.abs() + z + g", "y ~ np.abs(x) + z + g"),
    ("y ~ x + z + C(g.str.upper())", "y ~ x + z + g"),
    # a method of an expression of columns reads every column in it
    ("y ~ I((x - 1).abs()) + z + g", "y ~ np.abs(x - 1) + z + g"),
    ("y ~ I((x * z).clip(0, 10)) + g", "y ~ np.clip(x * z, 0, 10) + g"),
]


@pytest.mark.parametrize(("method", "plain"), PAIRS)
def test_effects_of_a_variable_read_through_a_method_are_its_effects(data, method, plain):
    got = mnlogit.fit(method, data).marginal_effects()
    want = mnlogit.fit(plain, data).marginal_effects()
    # every variable is there (before, x or g was left out), with the same effects
    assert got.index.tolist() == want.index.tolist()
    np.testing.assert_allclose(got["dydx"], want["dydx"], rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(got["std_error"], want["std_error"], rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("kind", ["prob", "effect"])
@pytest.mark.parametrize(("method", "plain"), PAIRS[:4])
def test_margins_at_a_variable_read_through_a_method_set_it(data, method, plain, kind):
    at = {"x": [-1.0, 2.0, 6.0]}
    got = mnlogit.fit(method, data).margins(at=at, kind=kind).to_frame()
    want = mnlogit.fit(plain, data).margins(at=at, kind=kind).to_frame()
    np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-10)
    np.testing.assert_allclose(got["std_error"], want["std_error"], rtol=1e-7)


def test_a_factor_read_through_a_method_is_set_by_its_levels(data):
    res = mnlogit.fit("y ~ x + z + C(g.str.upper())", data)
    got = res.margins(at={"g": ["b", "c"]}).to_frame()
    want = mnlogit.fit("y ~ x + z + g", data).margins(at={"g": ["b", "c"]}).to_frame()
    np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-10)
    np.testing.assert_allclose(got["std_error"], want["std_error"], rtol=1e-7)
    got = res.margins(over="g", average="grid").to_frame()
    want = mnlogit.fit("y ~ x + z + g", data).margins(over="g", average="grid").to_frame()
    np.testing.assert_allclose(got["estimate"], want["estimate"], rtol=1e-10)
    with pytest.raises(mnlogit.MNLogitError, match="'d' is not a level of 'g'"):
        res.margins(at={"g": ["d"]})


def test_a_model_of_a_method_call_alone_has_its_variable(data):
    # before: "marginal_effects: the model has no variables to take effects of"
    res = mnlogit.fit("y ~ g.map({'a': 0.0, 'b': 1.0, 'c': 1.0})", data)
    me = res.marginal_effects()
    assert me.index.get_level_values("variable").unique().tolist() == ["g[T.b]", "g[T.c]"]
    # c codes as b does: the same change from a
    np.testing.assert_allclose(me.loc["g[T.b]", "dydx"], me.loc["g[T.c]", "dydx"], rtol=1e-12)


@pytest.mark.parametrize(("method", "plain"), PAIRS[:2])
def test_the_typical_row_holds_a_variable_read_through_a_method_at_its_mean(data, method, plain):
    # before: x was no variable, so the typical row kept the first row's x, unsaid
    got = mnlogit.fit(method, data).marginal_effects(at="typical")
    want = mnlogit.fit(plain, data).marginal_effects(at="typical")
    assert got.attrs["evaluated_at"]["x"] == pytest.approx(data["x"].mean(), rel=1e-12)
    np.testing.assert_allclose(got["dydx"], want["dydx"], rtol=1e-6, atol=1e-9)
