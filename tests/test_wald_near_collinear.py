"""Wald tests of coefficients of nearly collinear columns (the fit warned of them): the
covariance in the columns' own units is singular to its rounding, so the tests are taken on
the orthogonal basis the fit ran on, where they are those of the same model on columns that
are not nearly collinear. (A fit without such a basis gives NaN with a note naming the
columns, not one of a zero variance or collinear restrictions, which it has neither of.)"""

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


@pytest.mark.parametrize("method", ["newton", "firth"])
@pytest.mark.parametrize("cov_type", ["nonrobust", "robust"])
def test_a_test_of_nearly_aliased_coefficients_is_taken_on_the_fits_basis(narrow, cov_type, method):
    # a maximum-likelihood fit of such columns runs on an orthogonal basis of them, and
    # Firth's estimates are polished on one: there R V R' keeps its digits, and the test of
    # every slope is that of the same model on orthogonal columns (it was NaN, with a note
    # advising that refit)
    res = _fit("y ~ x + I(x**2) + I(x**3)", narrow, cov_type=cov_type, method=method)
    test = res.wald_test_slopes()
    orthogonal = _fit("y ~ poly(x, 3)", narrow, cov_type=cov_type, method=method)
    assert test.df == orthogonal.wald_test_slopes().df
    assert test.statistic == pytest.approx(orthogonal.wald_test_slopes().statistic, rel=1e-9)


def test_anova_of_a_column_far_from_zero_is_that_of_the_centred_column():
    rng = np.random.default_rng(26)
    n = 2000
    d = pd.DataFrame(
        {
            "x": 1e5 + rng.normal(size=n),
            "g": rng.choice(list("abc"), n),
            "y": rng.choice(["A", "B", "C"], n),
        }
    )
    # type II's tests do not depend on where x is centred; on the fit's orthogonal basis
    # the robust Wald test of g is computed (it was NaN, naming x:g as nearly collinear)
    table = _fit("y ~ x * g", d, cov_type="robust").anova()
    centred = _fit("y ~ x * g", d.assign(x=d["x"] - d["x"].mean()), cov_type="robust").anova()
    np.testing.assert_allclose(table["chi2"], centred["chi2"], rtol=1e-8)
