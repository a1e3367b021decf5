"""Descriptions of one survey design that must give one fit: sampling weights times a constant
(their scale is arbitrary), every row twice in its own PSU (each PSU's total of influence
functions doubles, and so does the information it is divided by), no PSUs given and a PSU per
row, no strata and one stratum, an fpc as the population's number of PSUs and as the sampling
fraction, a subpopulation as booleans and as 0/1. Estimates, design-based standard errors,
Wald tests (design df, adjusted F), effects and margins agree; Firth's fit too.
(tests/test_survey_properties.py checks the linearisation itself, and subpopulations.)
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=5, deadline=None)
FORMULA = "y ~ x + C(g)"
POPULATION = {0: 40, 1: 55, 2: 35}  # PSUs in each stratum's population


def simulate(seed: int, n: int = 150) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": rng.choice(["p", "q", "r"], n),
            "st": rng.integers(0, 3, n),
            "pw": rng.uniform(0.5, 10, n),
            "sub": rng.random(n) < 0.8,
        }
    )
    d["psu"] = d["st"] * 10 + rng.integers(0, 4, n)
    d["id"] = np.arange(n)
    d["N"] = d["st"].map(POPULATION)
    d["f"] = d.groupby("st")["psu"].transform("nunique") / d["N"]
    eta = np.column_stack([np.zeros(n), 0.6 * d["x"] + 0.5 * (d["g"] == "q"), -0.4 * d["x"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


def outputs(res) -> dict[str, np.ndarray]:
    wald = res.wald_test(["x", "C(g)"])
    out = {
        "coefficients": res.to_frame(),
        "wald": [wald.statistic, wald.pvalue],
        "anova": res.anova(),
        "effects": res.marginal_effects(),
        "margins": res.margins(at={"x": [-1.0, 1.0]}, over="g").to_frame(),
        "contrast": res.margins(over="g").contrast("g").to_frame(),
    }
    return {
        k: np.asarray(v.select_dtypes("number") if isinstance(v, pd.DataFrame) else v, float)
        for k, v in out.items()
    }


def fit(d: pd.DataFrame, method: str, subpop, **design) -> dict[str, np.ndarray]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(
            FORMULA,
            d,
            ref="a",
            design=mnlogit.SurveyDesign(**design),
            subpop=subpop,
            method=method,
        )
    assert res.converged
    return outputs(res)


@pytest.mark.slow
@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from(["newton", "firth"]),
    st.sampled_from([None, "sub"]),
)
def test_one_design_described_in_other_words_gives_one_fit(seed, method, subpop):
    d = simulate(seed)
    full = {"weights": "pw", "strata": "st", "psu": "psu", "fpc": "N"}
    want = fit(d, method, subpop, **full)
    twice = pd.concat([d, d], ignore_index=True)
    same = {
        "weights times 1e3": fit(d.assign(pw=d["pw"] * 1e3), method, subpop, **full),
        "every row twice": fit(twice, method, subpop, **full),
        "sampling fractions": fit(d, method, subpop, **{**full, "fpc": "f"}),
    }
    if subpop is not None:
        same["subpop as 0/1"] = fit(d.assign(sub=d["sub"].astype(int)), method, subpop, **full)
    for name, got in same.items():
        for k in want:
            np.testing.assert_allclose(
                got[k], want[k], rtol=1e-6, atol=1e-9, err_msg=f"{name}: {k}"
            )
    # without PSUs each row is one, and without strata the sample is one stratum
    want = fit(d, method, subpop, weights="pw")
    for name, design in {
        "a PSU per row": {"weights": "pw", "psu": "id"},
        "one stratum": {"weights": "pw", "strata": "one", "psu": "id"},
    }.items():
        got = fit(d.assign(one="s"), method, subpop, **design)
        for k in want:
            np.testing.assert_allclose(
                got[k], want[k], rtol=1e-6, atol=1e-9, err_msg=f"{name}: {k}"
            )
