"""Likelihood-ratio statistics beside frequency weights of 1e12 and more on some rows.

The log-likelihoods are then sums of order 1e14 and more, which round at a few units, while
the statistic of a predictor that varies only on the rows of weight 1 is of order one: twice
the difference of the sums read 5.375 (weights of 1e12) and 0.0 (1e14) where the fits give
5.3195. It is summed over the rows' gains instead. The references are the log-likelihoods
at the fits' own coefficients in 50-digit decimal arithmetic.
"""

from __future__ import annotations

from decimal import Decimal, localcontext

import numpy as np
import pandas as pd
import pytest

import mnlogit


def _data(heavy_weight: float) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 400
    heavy = np.arange(n) < 200
    x = rng.normal(size=n)
    z = np.where(heavy, 0.0, rng.normal(size=n))  # no information on the heavy rows
    eta = np.column_stack([np.zeros(n), 0.5 * x + 0.4 * z, -0.5 * x])
    p = np.exp(eta)
    p /= p.sum(axis=1, keepdims=True)
    y = [rng.choice(list("ABC"), p=row) for row in p]
    return pd.DataFrame({"x": x, "z": z, "y": y, "w": np.where(heavy, heavy_weight, 1.0)})


def _exact_loglik(df: pd.DataFrame, params: pd.DataFrame) -> Decimal:
    """sum_i w_i log P(y_i) at ``params`` (terms x outcomes B, C; reference A), in 50 digits."""
    with localcontext() as ctx:
        ctx.prec = 50
        total = Decimal(0)
        for _, row in df.iterrows():
            eta = {"A": Decimal(0)}
            for outcome in ("B", "C"):
                eta[outcome] = sum(
                    (
                        Decimal(float(params.loc[term, outcome]))
                        * (Decimal(1) if term == "Intercept" else Decimal(float(row[term])))
                        for term in params.index
                    ),
                    Decimal(0),
                )
            log_sum = sum((e.exp() for e in eta.values()), Decimal(0)).ln()
            total += Decimal(float(row["w"])) * (eta[row["y"]] - log_sum)
        return total


@pytest.mark.parametrize("heavy_weight", [1e12, 1e14])
def test_nested_and_per_term_statistics_keep_their_digits(heavy_weight):
    df = _data(heavy_weight)
    full = mnlogit.fit("y ~ x + z", df, weights="w")
    small = mnlogit.fit("y ~ x", df, weights="w")
    want = float(2 * (_exact_loglik(df, full.params) - _exact_loglik(df, small.params)))
    assert want == pytest.approx(5.3195, abs=1e-4)
    assert mnlogit.lr_test(small, full).statistic == pytest.approx(want, rel=1e-9)
    assert full.lr_test(small).statistic == pytest.approx(want, rel=1e-9)
    # anova's refits start from the full fit: the same maximum, to the fits' convergence
    assert full.anova().loc["z", "chi2"] == pytest.approx(want, rel=1e-7)
    assert full.anova(type="III").loc["z", "chi2"] == pytest.approx(want, rel=1e-7)


@pytest.mark.parametrize("heavy_weight", [1e12, 1e14])
def test_the_test_against_the_null_model_keeps_its_digits(heavy_weight):
    df = _data(heavy_weight)
    res = mnlogit.fit("y ~ z", df, weights="w")
    counts = df.groupby("y")["w"].sum()
    null = pd.DataFrame(
        {k: [np.log(counts[k] / counts["A"]), 0.0] for k in ("B", "C")}, index=["Intercept", "z"]
    )
    want = float(2 * (_exact_loglik(df, res.params) - _exact_loglik(df, null)))
    assert want > 4.0
    assert res.lr_test().statistic == pytest.approx(want, rel=1e-9)
    assert "LR chi2(2)" in str(res.summary())


def test_firth_tests_of_one_restriction_agree_beside_heavy_rows():
    # the penalised statistics are the rows' gains plus the difference of the penalties
    # (log det I / 2, sums of a few hundred): lr_test read 5.25 and anova 5.3125 for the one
    # restricted model, refitted under the full model's penalty by both
    df = _data(1e12)
    full = mnlogit.fit("y ~ x + z", df, weights="w", method="firth")
    small = mnlogit.fit("y ~ x", df, weights="w", method="firth")
    nested = mnlogit.lr_test(small, full).statistic
    assert full.anova(type="III").loc["z", "chi2"] == pytest.approx(nested, rel=1e-7)
    assert full.anova().loc["z", "chi2"] == pytest.approx(nested, rel=1e-7)
    assert nested == pytest.approx(5.25, abs=0.01)


def test_small_hsiao_keeps_its_digits_beside_the_heaviest_weights_it_splits():
    # the split draws from fewer than 1e9 observations: rows of weight 4e6 at x = z = 0
    # (they inform the intercepts only) beside rows of weight 1. The two log-likelihoods
    # of half B are sums of order 1e9, whose difference read 6.8549943 (seed 1) and
    # 6.1242539 (seed 2) for 6.854994333742 and 6.124253786152 at the same coefficients
    # (60-digit decimal arithmetic, rdata.X, core_r.B and b_ab of the test)
    rng = np.random.default_rng(3)
    n = 400
    heavy = np.arange(n) < 200
    x = np.where(heavy, 0.0, rng.normal(size=n))
    z = np.where(heavy, 0.0, rng.normal(size=n))
    eta = np.column_stack([np.zeros(n), 0.5 * x + 0.4 * z, -0.5 * x, 0.3 * x])
    p = np.exp(eta)
    p /= p.sum(axis=1, keepdims=True)
    y = [rng.choice(list("ABCD"), p=row) for row in p]
    df = pd.DataFrame({"x": x, "z": z, "y": y, "w": np.where(heavy, 4e6, 1.0)})
    res = mnlogit.fit("y ~ x + z", df, weights="w")
    for seed, want in ((1, 6.854994333742), (2, 6.124253786152)):
        got = res.iia_test("C", method="small-hsiao", seed=seed).statistic
        assert got == pytest.approx(want, rel=1e-10)
