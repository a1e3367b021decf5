"""Marginal effects of a design holding columns in opposite extreme units (income in units of
1e-200 and parking in units of 1e200): the Jacobian of income's effect with respect to
parking's coefficient, about 1e200 x 1e200, passed the largest double, so income's effects
had NaN standard errors with nothing said and numpy's RuntimeWarnings ('overflow encountered
in matmul'), where each column alone in such units gives its effects divided by its unit.
The Jacobians are now taken with respect to the coefficients the fit ran on (its columns
rescaled by powers of two), whose covariance the standard errors already came from."""

import warnings

import numpy as np
import pytest

import mnlogit

FORMULA = "mode ~ income + parking + region"
UNITS = {"income": 1e-200, "parking": 1e200}


@pytest.fixture(scope="module")
def fits():
    travel = mnlogit.datasets.load("travel")
    base = mnlogit.fit(FORMULA, travel, ref="car")
    scaled = travel.assign(**{c: travel[c] * k for c, k in UNITS.items()})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(FORMULA, scaled, ref="car")
    return base, res


@pytest.mark.parametrize("at", ["overall", "mean", "typical"])
def test_effects_are_those_of_the_columns_in_their_units(fits, at):
    base, res = fits
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning, no InferenceWarning
        got = res.marginal_effects(at=at)
    want = base.marginal_effects(at=at)
    for variable, k in UNITS.items():
        for column in ("dydx", "std_error", "lower", "upper"):
            np.testing.assert_allclose(
                got.loc[variable, column] * k, want.loc[variable, column], rtol=1e-8
            )
        np.testing.assert_allclose(got.loc[variable, "z"], want.loc[variable, "z"], rtol=1e-8)
    # the factor's discrete changes are in probability units: unchanged
    factor = [v for v in want.index.get_level_values(0).unique() if v.startswith("region")]
    for column in ("dydx", "std_error"):
        np.testing.assert_allclose(
            got.loc[factor, column], want.loc[factor, column], rtol=1e-8, atol=1e-15
        )
    assert got["std_error"].notna().all()
