"""A predictor shifted by a constant is the same model: only the intercepts change (x + s
moves them by -s times x's slopes), and every other number is unchanged once the values
margins are taken at are shifted with it: slopes and their standard errors, type II tests of
terms, likelihood-ratio and Wald tests, IIA tables, predictions and their intervals, marginal
effects (averaged and at the means), margins over a factor and on a grid, and their contrasts.
(tests/test_properties.py checks x times a constant.)
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_label_invariance import simulate

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=6, deadline=None)
FORMULA = "y ~ x + np.log(z) + C(g)"


def _numbers(table) -> np.ndarray:
    if hasattr(table, "statistic"):
        return np.array([table.statistic, table.pvalue, table.df], dtype=float)
    if isinstance(table, pd.DataFrame):
        table = table.select_dtypes("number")
    return np.asarray(table, dtype=float)


def outputs(res, new: pd.DataFrame, shift: float) -> dict[str, np.ndarray]:
    at = {"x": [-1.0 + shift, 2.0 + shift]}
    m = res.margins(at=at, over="g")
    stats = ["estimate", "std_error", "z", "pvalue", "lower", "upper"]
    out = {
        "slopes": res.params.drop("Intercept"),
        "slopes' errors": res.bse.drop("Intercept"),
        "anova II": res.anova(),
        "wald": res.wald_test(["x", "C(g)"]),
        "predict": res.predict(new.assign(x=new["x"] + shift)),
        "intervals": res.prediction_intervals(new.assign(x=new["x"] + shift)),
        "effects": res.marginal_effects(),
        "effects at means": res.marginal_effects(at="mean"),
        "margins": m.to_frame()[stats],
        "contrast": m.contrast("g", "reference").to_frame()[stats],
        "contrast x": m.contrast("x").to_frame()[stats],
        "effect margins": res.margins(at=at, kind="effect").to_frame()[stats],
        "grid": res.margins(over="g", average="grid").to_frame(),
    }
    if not res.solver.penalized:  # IIA tests compare maximum-likelihood fits
        out["iia suest"] = res.iia_table(method="suest")
    if res.covariance.efficient:
        out["lr"] = res.lr_test()
        if not res.solver.penalized:
            out["iia hausman"] = res.iia_table()
    return {name: _numbers(table) for name, table in out.items()}


@pytest.mark.slow
@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from([-1e3, -2.5, 7.0, 1e4]),
    st.sampled_from(
        [{}, {"weights": "w"}, {"cov_type": "cluster", "groups": "cl"}, {"method": "firth"}]
    ),
)
def test_a_shifted_predictor_changes_only_the_intercepts(seed, shift, options):
    d = simulate(seed)
    assume(d["y"].value_counts().min() >= 15)
    new = d.sample(6, random_state=2)[["x", "z", "g"]].reset_index(drop=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        a = mnlogit.fit(FORMULA, d, ref="a", **options)
        b = mnlogit.fit(FORMULA, d.assign(x=d["x"] + shift), ref="a", **options)
        assume(a.converged and b.converged)
        want = outputs(a, new, 0.0)
        got = outputs(b, new, shift)
    # the intercepts: b_0 - s * b_x, as a fit can give them (their rounding is s * b_x's)
    np.testing.assert_allclose(
        b.params.loc["Intercept"] + shift * b.params.loc["x"],
        a.params.loc["Intercept"],
        atol=1e-7 * (1 + abs(shift)),
    )
    for name in want:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-6, atol=1e-9, err_msg=name)
