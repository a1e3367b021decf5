"""Test results, likelihood-ratio tests and robust covariances."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import stats

from . import _fisher
from ._estimate import ModelData

__all__ = ["TestResult", "lr_test_null", "sandwich_cov"]


@dataclass(frozen=True)
class TestResult:
    """The result of a statistical test: statistic, degrees of freedom, p-value and a note."""

    statistic: float
    df: float
    pvalue: float
    method: str
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    __test__ = False  # not a pytest test class

    def __str__(self) -> str:
        p = "nan" if np.isnan(self.pvalue) else f"{self.pvalue:.4g}"
        text = f"{self.method}: chi2({self.df:g}) = {self.statistic:.4f}, p = {p}"
        return f"{text}\n{self.note}" if self.note else text


def chi2_test(statistic: float, df: float, method: str, note: str = "", **details) -> TestResult:
    """A chi-squared test result; the p-value is NaN when the statistic is negative."""
    pvalue = float(stats.chi2.sf(statistic, df)) if statistic >= 0 and df > 0 else float("nan")
    return TestResult(float(statistic), float(df), pvalue, method, note, details)


def lr_test_null(res) -> TestResult:
    """LR test of a fit against the intercept-only model, df = (K - 1)(p - 1)."""
    stat = 2.0 * (res.llf - res.llnull)
    return chi2_test(stat, res.df_model, "Likelihood-ratio test against the intercept-only model")


def row_scores(X: np.ndarray, y: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Per-row (unweighted) scores, (m, p*q) equation-major: (e_y - P) (x) x."""
    m, p = X.shape
    q = B.shape[1]
    resid = -_fisher.probabilities(X, B)[:, :q]
    is_eq = y < q
    resid[np.flatnonzero(is_eq), y[is_eq]] += 1.0
    return (resid[:, :, None] * X[:, None, :]).reshape(m, q * p)


def score_meat(data: ModelData, B: np.ndarray, *, cluster: bool, chunk: int = 8192) -> np.ndarray:
    """Middle of the sandwich: sum of outer products of row (or cluster) scores.

    Frequency weights count repeated rows, so a row contributes w_i g_i g_i' (HC0 on the
    expanded data); a cluster contributes (sum_i w_i g_i)(sum_i w_i g_i)'.
    """
    n, p = data.X.shape
    k = p * data.q
    if cluster:
        G = int(data.groups.max()) + 1
        sums = np.zeros((G, k))
        for lo in range(0, n, chunk):
            sl = slice(lo, lo + chunk)
            g = row_scores(data.X[sl], data.y[sl], B) * data.w[sl, None]
            np.add.at(sums, data.groups[sl], g)
        return sums.T @ sums
    meat = np.zeros((k, k))
    for lo in range(0, n, chunk):
        sl = slice(lo, lo + chunk)
        g = row_scores(data.X[sl], data.y[sl], B) * np.sqrt(data.w[sl])[:, None]
        meat += g.T @ g
    return meat


def sandwich_cov(data: ModelData, B: np.ndarray, bread: np.ndarray, *, cluster: bool) -> np.ndarray:
    """HC0 sandwich A^-1 M A^-1, or cluster-robust with the G/(G-1) factor (Stata's vce(cluster))."""
    # a distributed ModelData sums the scores over its partitions itself
    meat = data.score_meat(B, cluster=cluster) if hasattr(data, "score_meat") else score_meat(
        data, B, cluster=cluster)
    V = bread @ meat @ bread
    if cluster:
        G = int(data.groups.max()) + 1
        V *= G / (G - 1)
    return (V + V.T) / 2
