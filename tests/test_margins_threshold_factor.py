"""A number read through the indicator of a threshold that some rows sit at (``C(k > 4)`` of
whole numbers k, with rows at k = 4): the design jumps there, so k has no derivative at
those rows, and ``marginal_effects()`` refused the whole table, the slope of x with it.
The table of every variable now leaves k out, naming the rows and the column that jumps,
as it leaves out a variable read through categories without a slope; k named alone is
refused as before, and a threshold no row sits at (``C(k > 4.5)``) keeps k's slope of 0."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(3)
    n = 400
    k = rng.integers(0, 9, n)
    x = rng.normal(size=n)
    eta = np.c_[np.zeros(n), 0.8 * x - 0.6 * (k > 4), 0.4 - 0.5 * x + 0.7 * (k > 4)]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    return pd.DataFrame({"k": k, "x": x, "y": y})


@pytest.mark.parametrize("term", ["C(k > 4)", "I(k > 4)"])
def test_the_other_effects_are_given_beside_a_threshold_the_rows_sit_at(data, term):
    res = mnlogit.fit(f"y ~ x + {term}", data)
    at_four = int((data["k"] == 4).sum())
    assert at_four > 0
    with pytest.warns(mnlogit.MNLogitWarning, match="Left out: 'k'"):  # the print has no note
        me = res.marginal_effects()
    assert list(me.index.get_level_values(0).unique()) == ["x"]
    # the slope of x, as central differences of the predictions give it
    h = 1e-6
    up = res.predict(data.assign(x=data["x"] + h))
    down = res.predict(data.assign(x=data["x"] - h))
    np.testing.assert_allclose(
        me["dydx"].to_numpy(), ((up - down) / (2 * h)).mean().to_numpy(), atol=1e-8
    )
    assert np.isfinite(me["std_error"]).all() and (me["std_error"] > 0).all()
    note = me.attrs["note"]
    assert f"Left out: 'k', whose design has no derivative at {at_four} row(s) (e.g. k = 4" in note
    assert "jumps" in note and "margins(at={'k': [a, b]}).contrast('k')" in note
    with pytest.raises(DataError, match=r"no derivative with respect to 'k' at \d+ row"):
        res.marginal_effects(variables="k")


def test_a_threshold_between_the_values_keeps_the_slope_of_zero(data):
    res = mnlogit.fit("y ~ x + C(k > 4.5)", data)
    me = res.marginal_effects()
    assert list(me.index.get_level_values(0).unique()) == ["x", "k"]
    assert (me.loc["k", "dydx"] == 0).all()
    assert "Left out" not in me.attrs["note"]
