"""Frequency weights are replicated rows for every output, not only the estimates: LR tests
against the null and per term (anova), Wald tests, margins on the rows and on a grid, their
contrasts, marginal effects (averaged, at the means, at a typical row) and IIA tests, with
the model-based, robust and cluster-robust covariances, weights of zero included.
(tests/test_properties.py checks the estimates, standard errors and fit statistics.)"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=8, deadline=None)
FORMULA = "y ~ x + np.log(z) + g"


def simulate(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(80, 160))
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.uniform(0.5, 5, n),
            "g": rng.choice(["p", "q", "r"], n),
            "cl": rng.integers(0, 15, n),
            "w": rng.integers(0, 4, n),
        }
    )
    eta = np.column_stack(
        [np.zeros(n), 0.6 * d["x"] + 0.4 * (d["g"] == "q"), -0.5 * np.log(d["z"]) + 0.3]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


def outputs(res) -> dict[str, np.ndarray]:
    """Every number of the tests and margins, by name."""
    m = res.margins(at={"x": [-1.0, 1.0]}, over="g")
    out = {
        "wald": [res.wald_test("g").statistic, res.wald_test("b:x = c:x").statistic],
        "anova II": res.anova().to_numpy(),
        "anova III": res.anova(type="III").to_numpy(),
        "margins": m.to_frame().select_dtypes("number").to_numpy(),
        "contrast": m.contrast("g", "pairwise").to_frame().select_dtypes("number").to_numpy(),
        "grid": res.margins(over="g", average="grid").to_frame().select_dtypes("number"),
        "suest": [res.iia_test("c", method="suest").statistic],
    }
    for at in ("overall", "mean", "typical"):
        out[f"effects {at}"] = res.marginal_effects(at=at).select_dtypes("number").to_numpy()
    if res.covariance.efficient:
        out["lr"] = [res.lr_test().statistic]
        out["hausman"] = [res.iia_test("c").statistic]
    return {k: np.asarray(v, dtype=float) for k, v in out.items()}


@pytest.mark.slow
@PROPERTY
@given(st.integers(0, 2**32 - 1), st.sampled_from(["nonrobust", "robust", "cluster"]))
def test_frequency_weights_are_replicated_rows_in_every_test_and_margin(seed, cov_type):
    d = simulate(seed)
    replicated = d.loc[d.index.repeat(d["w"])].reset_index(drop=True)
    counts = replicated["y"].value_counts()
    assume(len(counts) == 3 and counts.min() >= 8 and replicated["g"].nunique() == 3)
    options = {"cov_type": cov_type, "groups": "cl" if cov_type == "cluster" else None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        weighted = mnlogit.fit(FORMULA, d, ref="a", weights="w", **options)
        expanded = mnlogit.fit(FORMULA, replicated, ref="a", **options)
        assume(weighted.converged and expanded.converged)
        got, want = outputs(weighted), outputs(expanded)
    for name in want:
        np.testing.assert_allclose(got[name], want[name], rtol=1e-6, atol=1e-9, err_msg=name)
