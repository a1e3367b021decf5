"""Wald tests of coefficients of nearly collinear columns (the fit warned of them): where the
covariance in the columns' own units is singular to its rounding, the test is NaN with a note
naming the columns and what fits the same model without them, not one of a zero variance or
collinear restrictions, which the fit had neither of."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


def _fit(formula: str, data: pd.DataFrame, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.CollinearityWarning)
        return mnlogit.fit(formula, data, **options)


@pytest.fixture(scope="module")
def narrow():
    """x on [30, 31]: its square and cube are nearly combinations of the columns before them."""
    rng = np.random.default_rng(7)
    n = 2000
    u = rng.uniform(0, 1, n)
    eta = np.column_stack([np.zeros(n), 2 * u - 1, 4 * (u - 0.5) ** 2])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    codes = (rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    return pd.DataFrame({"x": 30 + u, "y": np.array(["A", "B", "C"])[codes]})


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
def test_a_test_of_nearly_aliased_coefficients_says_so(narrow, cov_type):
    res = _fit("y ~ x + I(x**2) + I(x**3)", narrow, cov_type=cov_type)
    test = res.wald_test_slopes()
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    note = " ".join(test.note.split())
    assert "'I(x ** 3)' are nearly linear combinations of the columns before them" in note
    assert "a zero variance" not in note
    assert ("likelihood-ratio test" in note) == (cov_type == "nonrobust")
    # what the note offers: the same model on orthogonal columns, the same test of every slope
    orthogonal = _fit("y ~ poly(x, 3)", narrow, cov_type=cov_type).wald_test_slopes()
    assert np.isfinite(orthogonal.statistic) and orthogonal.df == test.df
    if cov_type == "robust":  # the summary's header test quotes the note
        assert "nearly linear combinations" in " ".join(res.summary().as_text().split())


def test_anova_names_the_nearly_collinear_columns():
    rng = np.random.default_rng(26)
    n = 2000
    d = pd.DataFrame(
        {
            "x": 1e5 + rng.normal(size=n),
            "g": rng.choice(list("abc"), n),
            "y": rng.choice(["A", "B", "C"], n),
        }
    )
    table = _fit("y ~ x * g", d, cov_type="robust").anova()
    assert np.isnan(table.loc["g", "chi2"])
    note = " ".join(table.attrs["note"].split())
    assert "Not computed: 'g': the covariance of the restrictions" in note
    assert "'x:g[T.b]', 'x:g[T.c]' are nearly linear combinations" in note
    centred = _fit("y ~ x * g", d.assign(x=d["x"] - d["x"].mean()), cov_type="robust").anova()
    assert np.isfinite(centred.loc["g", "chi2"])
