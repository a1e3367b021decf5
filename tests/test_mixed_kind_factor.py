"""A factor whose column mixes numbers and words, read as levels by C(), as the refusal of the
bare column advises: its effects, margins and figures work as for the same levels as text.

Python cannot sort 1.5 beside 'x', and the margins sorted the column's values to find its
levels: every effect, margin and figure of such a fit ended in a bare TypeError.
"""

from __future__ import annotations

import decimal
import warnings

import matplotlib
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit

matplotlib.use("Agg")

MIXED = [1.5, 2.5, "x", 3]


def frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The data with a mixed column, and the same data with that column as text."""
    rng = np.random.default_rng(3)
    n = 150
    mixed = pd.Series([MIXED[i % 4] for i in range(n)], dtype=object)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "g": mixed, "x": rng.normal(size=n)})
    text = df.assign(g=df["g"].map(str))
    return df, text


def fits() -> tuple[mnlogit.MNLogitResults, mnlogit.MNLogitResults]:
    df, text = frames()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        return mnlogit.fit("y ~ C(g) + x", df), mnlogit.fit("y ~ C(g) + x", text)


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    if "g" in out.columns:
        out["g"] = out["g"].map(str)
    return out.reset_index(drop=True)


CALLS = {
    "marginal_effects": lambda r, g: r.marginal_effects().reset_index(),
    "margins over": lambda r, g: r.margins(over="g").to_frame(),
    "margins at": lambda r, g: r.margins(at={"g": [g("x"), g(1.5)]}).to_frame(),
    "effect of g": lambda r, g: r.margins(kind="effect", variables="g").to_frame(),
    "contrast": lambda r, g: r.margins(over="g").contrast("g", "reference").to_frame(),
}


@pytest.mark.parametrize("name", list(CALLS))
def test_margins_of_mixed_levels_equal_those_of_text(name):
    mixed, text = fits()
    got = as_text(CALLS[name](mixed, lambda v: v))
    want = as_text(CALLS[name](text, str))
    assert got.shape == want.shape
    numbers = want.select_dtypes("number").columns
    np.testing.assert_allclose(got[numbers], want[numbers], rtol=1e-9, atol=1e-12)
    assert got.drop(columns=numbers).equals(want.drop(columns=numbers))


def test_figure_of_mixed_levels_draws_each_level():
    mixed, _ = fits()
    fig = mixed.plot_probabilities("g")
    labels = {t.get_text() for t in fig.axes[0].get_xticklabels()}
    assert labels == {"1.5", "2.5", "3", "x"}


POOL = [1.5, 2, "x", "b", decimal.Decimal("2.25"), b"q", np.int64(7), np.float32(0.5), None]


@settings(derandomize=True, max_examples=8, deadline=None)
@given(st.lists(st.sampled_from(POOL), min_size=3, max_size=4, unique_by=repr), st.integers(0, 99))
def test_margins_of_any_mixed_levels_equal_those_of_text(levels, seed):
    """Levels of any kinds under C(): the predictive margins over them and the effect of the
    other predictor are those of the same levels written as text, or the fit is refused."""
    rng = np.random.default_rng(seed)
    n = 120
    g = pd.Series([levels[i % len(levels)] for i in range(n)], dtype=object)
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "g": g, "x": rng.normal(size=n)})
    text = df.assign(g=[None if v is None else str(v) for v in g])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        try:
            mixed = mnlogit.fit("y ~ C(g) + x", df)
        except mnlogit.MNLogitError:
            return
        plain = mnlogit.fit("y ~ C(g) + x", text)
        pairs = [
            (r.margins(over="g").to_frame(), r.marginal_effects(variables="x").reset_index())
            for r in (mixed, plain)
        ]
    for got, want in zip(*pairs, strict=True):
        got, want = (
            as_text(f).sort_values(list(f.columns[:2])).reset_index(drop=True) for f in (got, want)
        )
        numbers = want.select_dtypes("number").columns
        np.testing.assert_allclose(got[numbers], want[numbers], rtol=1e-9, atol=1e-12)
