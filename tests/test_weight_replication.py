"""Frequency weights are the rows repeated for every number a fit hands out beyond those
tests/test_properties.py (estimates, standard errors, information criteria) and
tests/test_weight_properties.py (tests and margins) check: the pseudo-R2, degrees of freedom,
intervals, relative-risk ratios, covariance, the tidy table, the summary's table and header
numbers, a comparison table, another reference, predictions, nested LR tests and the IIA
tables, over two to four outcomes, any reference, with and without an intercept, with the
model-based, robust and cluster-robust covariances and weights of 0."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

import mnlogit

PROPERTY = settings(derandomize=True, max_examples=25, deadline=None)
FORMULAS = ("y ~ x + g", "y ~ 0 + x + g", "y ~ x * g", "y ~ x + I(z**2) + g")
SMALLER = {"y ~ x + g": "y ~ x", "y ~ 0 + x + g": "y ~ 0 + g", "y ~ x * g": "y ~ x + g"}


def simulate(seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n, K = int(rng.integers(50, 140)), int(rng.integers(2, 5))
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.uniform(0, 3, n),
            "g": rng.choice(["p", "q", "r"], n),
            "cl": rng.integers(0, 9, n),
            "w": rng.integers(0, int(rng.choice([3, 6, 30])), n),
        }
    )
    eta = np.column_stack(
        [np.zeros(n)]
        + [rng.normal() * d["x"] + rng.normal() * (d["g"] == "q") for _ in range(K - 1)]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    u = rng.random(n)[:, None]
    d["y"] = np.array(list("abcd"))[(u > P.cumsum(axis=1)).sum(axis=1)]
    return d


def numbers(res, data: pd.DataFrame, other: str, smaller: str | None) -> dict[str, object]:
    out: dict[str, object] = {
        name: getattr(res, name)
        for name in ("llf", "llnull", "deviance", "nobs", "df_model", "df_resid", "aic", "bic")
    }
    out["pseudo_r2"] = res.pseudo_r2
    out["conf_int"] = res.conf_int(alpha=0.1)
    out["odds_ratios"] = res.odds_ratios()
    out["cov_params"] = res.cov_params()
    out["to_frame"] = res.to_frame().select_dtypes("number")
    summary = res.summary()
    out["summary"] = summary.frame.select_dtypes("number")
    # the header's statistics as printed (LR or Wald chi2, pseudo-R2, AIC, BIC, ...)
    rows = ("Rows used", "Rows of weight zero", "Sum of weights", "Iterations")
    out["summary header"] = {k: v for k, v in summary.header if k not in rows}
    out["compare"] = mnlogit.compare([res]).to_frame().select_dtypes("number")
    statistics = mnlogit.compare([res]).statistics
    out["compare statistics"] = pd.to_numeric(statistics.iloc[:-1, 0])
    other_ref = res.with_ref(other)
    out["with_ref"] = [other_ref.params, other_ref.bse, other_ref.llf]
    out["predict"] = res.predict(data)
    if res.covariance.efficient:
        out["lr"] = [res.lr_test().statistic, res.lr_test().df]
        if smaller is not None:
            restricted = mnlogit.fit(
                smaller, data, ref=res.ref, weights="w" if "w" in data else None
            )
            test = mnlogit.lr_test(restricted.with_ref(res.ref), res)
            out["nested lr"] = [test.statistic, test.df, test.pvalue]
    if len(res.outcomes) > 2:
        methods = ["suest"] + (["hausman"] if res.covariance.efficient else [])
        for method in methods:
            out[f"iia {method}"] = res.iia_table(method=method).select_dtypes("number")
    return out


@pytest.mark.slow
@PROPERTY
@given(
    st.integers(0, 2**32 - 1),
    st.sampled_from(FORMULAS),
    st.sampled_from(["nonrobust", "robust", "cluster"]),
)
def test_every_number_of_a_weighted_fit_is_that_of_its_rows_repeated(seed, formula, cov_type):
    d = simulate(seed)
    repeated = d.loc[d.index.repeat(d["w"])].reset_index(drop=True)
    counts = repeated["y"].value_counts()
    assume(len(counts) == d["y"].nunique() and counts.min() >= 6)
    assume(repeated["g"].nunique() == 3 and repeated["cl"].nunique() >= 3)
    levels = sorted(counts.index)
    ref = levels[seed % len(levels)]
    other = next(lv for lv in levels if lv != ref)
    options = {"cov_type": cov_type, "groups": "cl" if cov_type == "cluster" else None}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        weighted = mnlogit.fit(formula, d, ref=ref, weights="w", **options)
        expanded = mnlogit.fit(formula, repeated, ref=ref, **options)
        assume(weighted.converged and expanded.converged and expanded.separation is None)
        smaller = SMALLER.get(formula)
        got = numbers(weighted, d, other, smaller)
        want = numbers(expanded, repeated.drop(columns="w"), other, smaller)
    assert got.keys() == want.keys()
    for name, value in want.items():
        if isinstance(value, dict):
            assert got[name] == value, name
            continue
        expected = value if isinstance(value, list) else [value]
        actual = got[name] if isinstance(got[name], list) else [got[name]]
        for a, b in zip(actual, expected, strict=True):
            if name == "predict":  # the weighted fit predicts its rows, the other repeats them
                a = a.loc[d.index.repeat(d["w"])].reset_index(drop=True)
            np.testing.assert_allclose(
                np.asarray(a, dtype=float),
                np.asarray(b, dtype=float),
                rtol=1e-6,
                atol=1e-9,
                err_msg=name,
            )
