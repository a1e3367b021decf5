"""Properties of survey fits on random designs: one to four strata of one to four PSUs (lonely
PSUs adjusted or left out), sampling weights with zeros among them, an fpc or none, rows with
missing values and a subpopulation.

- The design-based covariance is the Taylor linearisation written out here from its
  definition (influence functions h_i = w_i A^-1 u_i, summed by PSU, centred within strata,
  times (1 - f_h) n_h / (n_h - 1); a lonely PSU's total uncentred), independently of the
  package's code, as R's survey package computes it (``survey:::onestrat``; a lonely PSU
  left out of the variance with ``lonely_psu="certainty"``).
- A subpopulation is the fit with the weights outside it set to zero, in any row order and
  with strata and PSUs relabelled: estimates, standard errors, design df, adjusted Wald F and
  margins agree; Firth's estimates too (its penalty is of the size of the sample of positive
  weight).
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import MNLogitError

PROPERTY = settings(derandomize=True, max_examples=20, deadline=None)
FORMULA = "y ~ x + z"


def simulate(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    rows = [
        (f"s{h}", j)
        for h in range(rng.integers(1, 5))
        for j in range(rng.integers(1, 5))
        for _ in range(rng.integers(2, 14))
    ]
    d = pd.DataFrame(rows, columns=["st", "psu"])
    n = len(d)
    d["x"] = rng.normal(size=n)
    d["z"] = rng.normal(size=n)
    d["pw"] = rng.uniform(0.5, 20, n) * (rng.random(n) > 0.1)
    eta = np.column_stack([np.zeros(n), 0.5 * d["x"], 0.3 * d["z"] - 0.4 * d["x"]])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    d["sub"] = rng.random(n) < 0.8
    d.loc[rng.random(n) < 0.05, "z"] = np.nan
    # population PSUs per stratum, at least those sampled
    d["fpc"] = d["st"].map(d.groupby("st")["psu"].nunique()) * rng.integers(1, 4)
    return d


def fit(d: pd.DataFrame, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            res = mnlogit.fit(FORMULA, d, ref="a", **options)
        except MNLogitError:  # a design the rules refuse (one PSU used, too few rows, ...)
            assume(False)
    assume(res.converged and not res.diverging.to_numpy().any())
    return res


def linearised_covariance(
    res, d: pd.DataFrame, domain: np.ndarray, fpc: bool, lonely: str = "adjust"
) -> np.ndarray:
    """The design-based covariance from its definition, equation-major as cov_params()."""
    B = res.params.to_numpy()
    X = np.column_stack([np.ones(len(d)), d["x"], d["z"]])
    used = domain & np.isfinite(X).all(axis=1)
    X = np.where(np.isfinite(X), X, 0.0)
    eta = X @ B
    P = np.exp(eta) / (1.0 + np.exp(eta).sum(axis=1, keepdims=True))
    Y = np.column_stack([(d["y"] == k).to_numpy() for k in res.params.columns]).astype(float)
    w = d["pw"].to_numpy() * used
    scores = ((Y - P)[:, :, None] * X[:, None, :]).reshape(len(d), -1) * w[:, None]
    A = sum(
        w[i] * np.kron(np.diag(P[i]) - np.outer(P[i], P[i]), np.outer(X[i], X[i]))
        for i in np.flatnonzero(w > 0)
    )
    h = scores @ np.linalg.inv(A)
    V = np.zeros_like(A)
    for rows in d.groupby("st").groups.values():
        part = d.loc[rows]
        totals = np.array(
            [h[part.index[part["psu"] == j]].sum(axis=0) for j in part["psu"].unique()]
        )
        n_h = len(totals)
        f = n_h / part["fpc"].iloc[0] if fpc else 0.0
        if n_h > 1:
            totals = totals - totals.mean(axis=0)
            V += (1 - f) * n_h / (n_h - 1) * totals.T @ totals
        elif lonely == "adjust":  # the total about zero, the population mean of the scores
            V += (1 - f) * totals.T @ totals
        # "certainty": the stratum adds nothing
    return V


@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.booleans(),
    st.booleans(),
    st.sampled_from(["adjust", "certainty"]),
)
def test_the_covariance_is_the_linearisation_written_out(seed, with_fpc, with_subpop, lonely):
    d = simulate(seed)
    design = mnlogit.SurveyDesign(
        weights="pw", strata="st", psu="psu", fpc="fpc" if with_fpc else None, lonely_psu=lonely
    )
    res = fit(d, design=design, subpop="sub" if with_subpop else None)
    domain = d["sub"].to_numpy() if with_subpop else np.ones(len(d), bool)
    want = linearised_covariance(res, d, domain, with_fpc, lonely)
    got = res.cov_params().to_numpy()
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-9 * np.abs(want).max())
    assert res.df_design == d.groupby("st")["psu"].nunique().sum() - d["st"].nunique()


@pytest.mark.slow
@PROPERTY
@given(st.integers(0, 2**32 - 1), st.integers(0, 2**32 - 1))
def test_a_subpopulation_is_the_fit_with_zero_weights_outside_it(seed, shuffle):
    d = simulate(seed)
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", lonely_psu="adjust")
    res = fit(d, design=design, subpop="sub")
    rng = np.random.default_rng(shuffle)
    other = d.assign(pw=d["pw"].where(d["sub"], 0.0)).iloc[rng.permutation(len(d))]
    other["st"] = other["st"].map({s: f"stratum {rng.integers(1e6)}-{s}" for s in d["st"]})
    other["psu"] = other["psu"].astype(str) + "'"
    zero = fit(other, design=design)
    np.testing.assert_allclose(zero.params, res.params, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(zero.bse, res.bse, rtol=1e-7, atol=1e-12)
    assert zero.df_design == res.df_design
    np.testing.assert_allclose(
        zero.wald_test("x").statistic, res.wald_test("x").statistic, rtol=1e-7
    )
    at = {"x": [-1.0, 1.0]}
    np.testing.assert_allclose(
        zero.margins(at=at).to_frame().select_dtypes("number"),
        res.margins(at=at).to_frame().select_dtypes("number"),
        rtol=1e-7,
        atol=1e-12,
    )


@PROPERTY
@given(st.integers(0, 2**32 - 1))
def test_a_firth_fit_of_a_subpopulation_is_the_fit_with_zero_weights_outside_it(seed):
    # the weights were divided by their mean over every row, those of weight 0 included
    d = simulate(seed)
    design = mnlogit.SurveyDesign(weights="pw", strata="st", psu="psu", lonely_psu="adjust")
    res = fit(d, design=design, subpop="sub", method="firth")
    zero = fit(d.assign(pw=d["pw"].where(d["sub"], 0.0)), design=design, method="firth")
    np.testing.assert_allclose(zero.params, res.params, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(zero.bse, res.bse, rtol=1e-7, atol=1e-12)


@PROPERTY
@given(st.integers(0, 2**32 - 1), st.floats(1e-6, 1e6))
def test_equal_sampling_weights_give_the_unweighted_clustered_fit(seed, weight):
    """Sampling weights all equal describe a sample that weights every row alike: one
    stratum of PSUs gives the unweighted fit's estimates with the cluster-robust covariance
    (Stata's G/(G-1), with the PSUs as clusters); with strata, those of the same design
    without weights."""
    d = simulate(seed).dropna().assign(w=weight)
    d["unit"] = d["st"] + "/" + d["psu"].astype(str)
    clustered = fit(d, cov_type="cluster", groups="unit")
    one_stratum = fit(d, design=mnlogit.SurveyDesign(weights="w", psu="unit"))
    np.testing.assert_allclose(one_stratum.params, clustered.params, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(one_stratum.bse, clustered.bse, rtol=1e-7, atol=1e-12)
    design = {"strata": "st", "psu": "psu", "lonely_psu": "adjust"}
    weighted = fit(d, design=mnlogit.SurveyDesign(weights="w", **design))
    unweighted = fit(d, design=mnlogit.SurveyDesign(**design))
    np.testing.assert_allclose(weighted.params, unweighted.params, rtol=1e-8, atol=1e-10)
    np.testing.assert_allclose(weighted.bse, unweighted.bse, rtol=1e-7, atol=1e-12)
    assert weighted.df_design == unweighted.df_design
