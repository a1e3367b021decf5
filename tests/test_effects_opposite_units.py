"""Marginal effects of a design holding columns in opposite extreme units (income in units of
1e-200 and parking in units of 1e200): the Jacobian of income's effect with respect to
parking's coefficient, about 1e200 x 1e200, passed the largest double, so income's effects
had NaN standard errors with nothing said and numpy's RuntimeWarnings ('overflow encountered
in matmul'), where each column alone in such units gives its effects divided by its unit.
The Jacobians are now taken with respect to the coefficients the fit ran on (its columns
rescaled by powers of two), whose covariance the standard errors already came from.

margins(kind="effect") had the same defect: NaN standard errors for income's effects, numpy's
RuntimeWarning, a note blaming values far from the data (they were the data), and parking's
standard errors short of the terms that underflowed (2.809e-203 where 2.288e-203 is right);
its Jacobians are now taken the same way, while ``Margins.jacobian`` stays in user units."""

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


def _quietly(res, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning, no InferenceWarning
        return res.margins(**kwargs)


def _by_variable(frame, variable):
    return frame[frame["variable"] == variable]


@pytest.mark.parametrize("average", ["rows", "grid"])
def test_margins_of_effects_are_those_of_the_columns_in_their_units(fits, average):
    base, res = fits
    margins = _quietly(res, kind="effect", average=average)
    got, want = margins.to_frame(), base.margins(kind="effect", average=average).to_frame()
    assert got["std_error"].notna().all()
    assert not any("largest double" in note for note in margins.notes)
    for variable, k in UNITS.items():
        g, w = _by_variable(got, variable), _by_variable(want, variable)
        for column in ("estimate", "std_error", "lower", "upper"):
            np.testing.assert_allclose(g[column] * k, w[column], rtol=1e-8)
        np.testing.assert_allclose(g["z"], w["z"], rtol=1e-8)
    # the factor's discrete changes are in probability units: unchanged
    factor = got["variable"].str.startswith("region")
    for column in ("estimate", "std_error"):
        np.testing.assert_allclose(
            got.loc[factor, column], want.loc[factor, column], rtol=1e-8, atol=1e-15
        )


def test_effects_at_values_and_their_contrasts(fits):
    base, res = fits
    at = {"parking": [0, 3]}
    scaled_at = {"parking": [0, 3 * UNITS["parking"]]}
    margins = _quietly(res, kind="effect", at=scaled_at, variables=["income"])
    want = base.margins(kind="effect", at=at, variables=["income"])
    k = UNITS["income"]
    for got_m, want_m in [
        (margins, want),
        (margins.contrast("parking"), want.contrast("parking")),
    ]:
        g, w = got_m.to_frame(), want_m.to_frame()
        np.testing.assert_allclose(g["estimate"] * k, w["estimate"], rtol=1e-8)
        np.testing.assert_allclose(g["std_error"] * k, w["std_error"], rtol=1e-8)


def test_probabilities_and_the_jacobian_stay_in_user_units(fits):
    base, res = fits
    got = _quietly(res, at={"income": [20 * UNITS["income"], 60 * UNITS["income"]]})
    want = base.margins(at={"income": [20, 60]})
    g, w = got.to_frame(), want.to_frame()
    for column in ("estimate", "std_error"):
        np.testing.assert_allclose(g[column], w[column], rtol=1e-8)
    # d margin / d (parking's coefficients): parking in units of 1e200 has coefficients
    # 1e200 times smaller, so the derivatives are 1e200 times larger than the unscaled fit's
    names = list(base.cov_params().columns)
    columns = [names.index((lv, "parking")) for lv in ("bus", "train", "walk")]
    np.testing.assert_allclose(
        got.jacobian[:, columns], want.jacobian[:, columns] * UNITS["parking"], rtol=1e-8
    )
