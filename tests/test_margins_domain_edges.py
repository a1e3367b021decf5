"""Effects at the edge of a transform's domain: np.sqrt(c) of counts, whose most common
value is often 0. The central difference stepped below 0, the derivative was NaN, and the
effects were refused as "past what the delta method's sums hold in floating point" with the
advice to rescale the variable and refit, which leaves 0 where it is. The step now looks
into the domain: an infinite slope there is refused as such, a finite one is taken."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def counts() -> pd.DataFrame:
    rng = np.random.default_rng(11)
    n = 300
    c = rng.poisson(1.5, n).astype(float)
    g = rng.choice(["u", "v"], n)
    eta = np.c_[np.zeros(n), 0.3 * c**1.5 - 1.0 + (g == "v"), 0.5 - 0.2 * c**1.5]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    return pd.DataFrame({"c": c, "g": g, "y": y})


def test_the_square_root_of_counts_with_zeros_is_refused_as_an_infinite_slope(counts):
    res = mnlogit.fit("y ~ np.sqrt(c) + g", counts)
    n_zero = int((counts["c"] == 0).sum())
    assert n_zero > 0
    with pytest.raises(DataError, match="infinite slope") as err:
        res.marginal_effects(variables="c")
    message = str(err.value)
    assert f"at {n_zero} row(s) (e.g. c = 0, where column 'np.sqrt(c)'" in message
    assert "rescale" not in message
    # the advice given can be followed
    assert res.marginal_effects(variables="g").shape == (3, 6)
    # which the table of every variable gives, leaving c out with that reason
    table = res.marginal_effects()
    assert table.shape == (3, 6)
    assert f"Left out: 'c', whose design has no derivative at {n_zero}" in table.attrs["note"]
    assert len(res.margins(at={"c": [0.0, 1.0]}).contrast("c").to_frame()) == 3


def test_a_finite_slope_at_the_domains_edge_is_the_analytic_one(counts):
    # d/dc c**1.5 = 1.5 sqrt(c): 0 at c = 0, taken from the side where it is defined
    res = mnlogit.fit("y ~ I(c * np.sqrt(c)) + g", counts)
    P = res.predict().to_numpy()
    slope = res.params.loc["I(c * np.sqrt(c))"].to_numpy()
    G = np.c_[np.zeros(len(P)), 1.5 * np.sqrt(counts["c"].to_numpy())[:, None] * slope]
    analytic = (P * (G - (P * G).sum(axis=1, keepdims=True))).mean(axis=0)
    ame = res.marginal_effects(variables="c")["dydx"].to_numpy()
    assert np.allclose(ame, analytic, rtol=1e-7, atol=1e-12)


def test_the_slope_at_the_edge_itself_is_zero_without_a_test(counts):
    res = mnlogit.fit("y ~ I(c * np.sqrt(c)) + g", counts)
    m = res.margins(at={"c": [0.0]}, kind="effect", variables="c")
    table = m.to_frame()
    # a quotient shrinking with the step had left some 1e-8, with a z and a p-value
    assert (table["estimate"] == 0.0).all() and (table["std_error"] == 0.0).all()
    assert table["z"].isna().all()
    assert any("standard error of zero" in note for note in m.notes)


def test_a_transform_defined_at_the_value_alone_is_refused_saying_so(counts):
    # defined at whole numbers only: no side to step to
    res = mnlogit.fit("y ~ I(c * np.sqrt(np.where(c == np.round(c), 1.0, -1.0))) + g", counts)
    with pytest.raises(DataError, match="no value \\(NaN\\) a step away on either side"):
        res.marginal_effects(variables="c")
