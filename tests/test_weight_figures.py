"""A frequency-weighted fit's figures are those of its rows repeated: rows of weight 0 are no
observations, so their values neither stretch the ranges plotted nor show as data."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PathCollection, QuadMesh

import mnlogit


@pytest.fixture(scope="module")
def fits():
    rng = np.random.default_rng(11)
    n = 200
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.uniform(1, 3, n),
            "g": rng.choice(["p", "q"], n),
            "w": rng.integers(0, 4, n),
        }
    )
    d["y"] = np.where(d["x"] + rng.logistic(size=n) > 0, "b", "a")
    d.loc[d["x"] > 0.8, "y"] = np.where(rng.random((d["x"] > 0.8).sum()) < 0.5, "c", "a")
    # rows of weight 0 far outside the others: a figure spanning them extrapolates tenfold
    d["x"] = np.where(d["w"] == 0, 10 * d["x"], d["x"])
    d["z"] = np.where(d["w"] == 0, 10 * d["z"], d["z"])
    repeated = d.loc[d.index.repeat(d["w"])].reset_index(drop=True)
    formula = "y ~ x + z + g"
    weighted = mnlogit.fit(formula, d, ref="a", weights="w")
    expanded = mnlogit.fit(formula, repeated, ref="a")
    yield weighted, expanded
    plt.close("all")


def test_probabilities_span_the_rows_of_positive_weight(fits):
    # the grid ran from -28 to 17 where the observations run from -2.6 to 3.3
    got, want = (res.plot_probabilities("x").axes[0] for res in fits)
    for a, b in zip(got.get_lines(), want.get_lines(), strict=True):
        np.testing.assert_allclose(a.get_xdata(), b.get_xdata(), rtol=1e-12)
        np.testing.assert_allclose(a.get_ydata(), b.get_ydata(), rtol=1e-7, atol=1e-10)
    assert got.get_title() == want.get_title()


def test_decision_regions_span_and_show_the_rows_of_positive_weight(fits):
    got, want = (res.plot_decision_regions("x", "z").axes[0] for res in fits)
    mesh_got, mesh_want = (
        next(c for c in ax.collections if isinstance(c, QuadMesh)) for ax in (got, want)
    )
    np.testing.assert_allclose(mesh_got.get_coordinates(), mesh_want.get_coordinates(), rtol=1e-12)
    np.testing.assert_array_equal(mesh_got.get_array(), mesh_want.get_array())
    # the scatter shows each observed row once (the repeated data repeat the points)
    shown = [
        np.vstack([c.get_offsets() for c in ax.collections if isinstance(c, PathCollection)])
        for ax in (got, want)
    ]
    points = [np.unique(s, axis=0) for s in shown]
    np.testing.assert_array_equal(points[0], points[1])
