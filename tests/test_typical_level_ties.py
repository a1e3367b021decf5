"""Tied factor levels are broken the same way by ``marginal_effects(at="typical")`` and by
the figures: the first in the model's level order. With 100 rows each of a, b and c and
``C(g, levels=["c", "b", "a"])`` the effects held g at "c" while ``plot_probabilities`` held
it at "a" (alphabetically first), in memory and on dask (data= given)."""

import matplotlib
import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.report.plotting import plot_probabilities

matplotlib.use("Agg")


def _frame() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    return pd.DataFrame(
        {
            "y": rng.choice(["p", "q", "r"], 300),
            "x": rng.normal(size=300),
            "g": np.repeat(["a", "b", "c"], 100),
        }
    )


@pytest.mark.parametrize("order", [["c", "b", "a"], ["b", "c", "a"], ["a", "b", "c"]])
def test_figure_and_typical_row_hold_a_tied_factor_at_the_first_model_level(order):
    df = _frame()
    res = mnlogit.fit(f"y ~ x + C(g, levels={order!r})", df)
    held = res.marginal_effects(at="typical").attrs["evaluated_at"]["g"]
    assert held == order[0]
    title = plot_probabilities(res, "x", n_points=5).axes[0].get_title()
    assert title.endswith(f"g = {order[0]}")


def test_a_categorical_breaks_ties_by_its_categories_in_both():
    df = _frame()
    df["g"] = pd.Categorical(df["g"], categories=["b", "a", "c"])
    res = mnlogit.fit("y ~ x + g", df)
    assert res.marginal_effects(at="typical").attrs["evaluated_at"]["g"] == "b"
    assert plot_probabilities(res, "x", n_points=5).axes[0].get_title().endswith("g = b")


def test_a_less_frequent_first_level_is_passed_over():
    df = _frame().iloc[:250]  # 100 a, 100 b, 50 c: b is first of the tied
    res = mnlogit.fit('y ~ x + C(g, levels=["c", "b", "a"])', df)
    assert res.marginal_effects(at="typical").attrs["evaluated_at"]["g"] == "b"
    assert plot_probabilities(res, "x", n_points=5).axes[0].get_title().endswith("g = b")


def test_dask_figure_breaks_ties_by_the_model_order():
    dd = pytest.importorskip("dask.dataframe")
    df = _frame()
    res = mnlogit.fit('y ~ x + C(g, levels=["c", "b", "a"])', dd.from_pandas(df, npartitions=3))
    title = plot_probabilities(res, "x", n_points=5, data=df).axes[0].get_title()
    assert title.endswith("g = c")
