"""Pseudo-R2 where one outcome carries nearly all the weight: the null model's log-likelihood
per unit of weight is then tiny, and Nagelkerke's maximum, 1 - exp(2 l0 / n), lost digits
to the subtraction (2.7e-7 relative beside weights of 1e12; Cox-Snell's expm1 kept all)."""

import warnings
from decimal import Decimal, getcontext

import numpy as np
import pandas as pd
import pytest

import mnlogit


@pytest.mark.parametrize("heavy", [1e6, 1e12])
def test_nagelkerke_has_the_digits_of_its_definition(heavy):
    rng = np.random.default_rng(0)
    n = 400
    x = rng.normal(size=n)
    y = np.where(rng.random(n) < 1 / (1 + np.exp(-2 * x)), "r", "a")
    df = pd.DataFrame({"x": x, "y": y, "w": np.where(y == "a", heavy, 1.0)})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit("y ~ x", df, weights="w")
        r2 = res.pseudo_r2
    # the definitions in 50 digits, from the fit's own log-likelihoods and weight
    getcontext().prec = 50
    ll, ll0, total = (Decimal(repr(v)) for v in (res.llf, res.llnull, res.nobs))
    cox_snell = 1 - (2 * (ll0 - ll) / total).exp()
    nagelkerke = cox_snell / (1 - (2 * ll0 / total).exp())
    np.testing.assert_allclose(r2["cox_snell"], float(cox_snell), rtol=1e-12)
    np.testing.assert_allclose(r2["nagelkerke"], float(nagelkerke), rtol=1e-12)
    np.testing.assert_allclose(r2["mcfadden"], float((ll - ll0) / -ll0), rtol=1e-12)
