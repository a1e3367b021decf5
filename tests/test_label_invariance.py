"""What a user's data call things must not change a number: cluster labels relabelled (integers
as text, in another order), outcome levels renamed in the same order, a factor's levels in
another order with the same baseline and with a level no row has, pandas' nullable dtypes for
the same values, the columns in another order beside one the formula does not use.

Each relation is checked on every secondary output at once (tests of terms, IIA tables,
predictions and their intervals, marginal effects, margins and their contrasts), where the
other property tests check the estimates and a few tests. A contrast over a factor with an
unused level was refused: ``Series.map`` of a Categorical maps its categories, so the level
no margin has was looked up among the margins' values.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=8, deadline=None)
FORMULA = "y ~ x + np.log(z) + C(g)"
LEVELS = ["p", "q", "r"]


def simulate(seed: int, n: int = 150) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n) * 2 + 1,
            "z": rng.uniform(0.5, 5, n),
            "g": rng.choice(LEVELS, n),
            "cl": rng.integers(0, 12, n),
            "w": rng.integers(1, 4, n),
        }
    )
    eta = np.column_stack(
        [
            np.zeros(n),
            0.6 * d["x"] + 0.5 * (d["g"] == "q") - 0.3,
            -0.5 * np.log(d["z"]) + 0.4 * (d["g"] == "r") + 0.2,
        ]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


def _numbers(table) -> np.ndarray:
    """A test's numbers, or a table's in the order of its labels (the margins of a factor
    come in the order of its levels, which one relation changes)."""
    if hasattr(table, "statistic"):
        return np.array([table.statistic, table.pvalue, table.df], dtype=float)
    if not isinstance(table.index, pd.RangeIndex):  # (outcome, term), (variable, outcome)
        table = table.reset_index()
    labels = [c for c in table.columns if not pd.api.types.is_numeric_dtype(table[c])]
    if labels:
        table = table.iloc[np.lexsort([table[c].astype(str) for c in reversed(labels)])]
    return table.select_dtypes("number").to_numpy(dtype=float)


def outputs(res, new: pd.DataFrame) -> dict[str, np.ndarray]:
    """Every secondary number, by name, in the fit's own order of levels and terms."""
    m = res.margins(at={"x": [-1.0, 2.0]}, over="g")
    out = {
        "coefficients": res.to_frame(),
        "wald": res.wald_test("C(g)"),
        "anova III": res.anova(type="III"),
        "iia suest": res.iia_table(method="suest"),
        "predict": res.predict(new),
        "intervals": res.prediction_intervals(new),
        "effects": res.marginal_effects(),
        "effects at means": res.marginal_effects(at="mean"),
        "margins": m.to_frame(),
        # pairwise: earlier level minus later, so its labels follow the levels' order
        "pairwise": m.contrast("x").to_frame(),
        "from baseline": m.contrast("g", "reference").to_frame(),
        "grid": res.margins(over="g", average="grid").to_frame(),
    }
    if res.covariance.efficient:
        out["lr"] = res.lr_test()
        out["anova II"] = res.anova()
        out["iia hausman"] = res.iia_table()
    return {name: _numbers(table) for name, table in out.items()}


def relabelled(d: pd.DataFrame, how: str) -> tuple[pd.DataFrame, str]:
    """The same data under other names or dtypes, and the reference outcome's name there."""
    d = d.copy()
    if how == "clusters":  # integers as text, numbered in another order
        d["cl"] = d["cl"].map(lambda v: f"c{(7 * v) % 12}")
    elif how == "outcomes":
        d["y"] = d["y"].map({"a": "A1", "b": "B2", "c": "C3"})
        return d, "A1"
    elif how == "factor levels":  # same baseline, another order, a level no row has
        d["g"] = pd.Categorical(d["g"], categories=["p", "r", "zz", "q"])
    elif how == "nullable":
        d = d.astype({"x": "Float64", "z": "Float64", "g": "string", "y": "string", "cl": "Int64"})
    elif how == "columns":
        d = d[list(reversed(d.columns))].assign(unused=np.arange(len(d)))
    return d, "a"


@pytest.mark.slow
@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([{}, {"cov_type": "robust"}, {"cov_type": "cluster", "groups": "cl"}]),
    st.sampled_from(["clusters", "outcomes", "factor levels", "nullable", "columns"]),
)
def test_names_and_dtypes_of_the_data_change_no_number(seed, options, how):
    d = simulate(seed)
    assume(d["y"].value_counts().min() >= 15)
    new = d.sample(8, random_state=1)[["x", "z", "g"]].reset_index(drop=True)
    other, ref = relabelled(d, how)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = mnlogit.fit(FORMULA, d, ref="a", **options)
        b = mnlogit.fit(FORMULA, other, ref=ref, **options)
        assume(a.converged and b.converged)
        want, got = outputs(a, new), outputs(b, new)
    assert want.keys() == got.keys()
    for name in want:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-6, atol=1e-9, err_msg=name)


def test_contrasts_over_a_factor_with_an_unused_level_are_those_without_it():
    d = simulate(3)
    res = mnlogit.fit(FORMULA, d, ref="a")
    d["g"] = pd.Categorical(d["g"], categories=[*LEVELS, "zz"])
    unused = mnlogit.fit(FORMULA, d, ref="a")
    for margins in (
        lambda r: r.margins(over="g"),
        lambda r: r.margins(at={"g": ["p", "r"], "x": [0.5]}),
    ):
        for method in ("pairwise", "reference"):
            want = margins(res).contrast("g", method).to_frame()
            got = margins(unused).contrast("g", method).to_frame()
            assert got["g"].tolist() == want["g"].tolist()
            np.testing.assert_allclose(
                _numbers(got), _numbers(want), rtol=1e-9, atol=1e-12, err_msg=method
            )
