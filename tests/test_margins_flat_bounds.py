"""Effects at the rows on a stateful transform's bounds, where the difference looks inward
(the three-point one-sided formula): a column the variable does not move there kept the
formula's rounding, c0 X + c1 X + c2 X, about eps |X| / h. Where the true effect is 0 (a
step basis, bs(v, degree=0), between its knots) that noise came with a standard error of
its own: effects of 1e-14 with z = 3.7 at the bounds and 5e-16 with z = 4.5 averaged over the
rows, where the effect is exactly 0 and has no test."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.fixture(scope="module")
def fit():
    rng = np.random.default_rng(0)
    n = 300
    df = pd.DataFrame({"x": rng.normal(size=n), "v": rng.uniform(1, 5, size=n)})
    eta = np.c_[np.zeros(n), 0.5 * df["x"], 0.2 * df["v"] - 0.4 * df["x"]]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    df["y"] = [rng.choice(["A", "B", "C"], p=row) for row in p]
    return mnlogit.fit("y ~ bs(v, df=4, degree=0) + x", df), df


def test_a_step_basis_has_no_effect_at_its_bounds(fit):
    res, df = fit
    table = res.margins(at={"v": [df["v"].min(), df["v"].max()]}, kind="effect").to_frame()
    v = table[table["variable"] == "v"]
    assert (v["estimate"] == 0).all() and (v["std_error"] == 0).all()
    assert v["z"].isna().all()


def test_a_step_basis_has_no_average_effect(fit):
    res, _ = fit
    effects = res.marginal_effects().loc["v"]
    assert (effects["dydx"] == 0).all() and (effects["std_error"] == 0).all()
    assert effects["pvalue"].isna().all()
    # the other variable's effects are untouched
    assert (res.marginal_effects().loc["x", "std_error"] > 0).all()
