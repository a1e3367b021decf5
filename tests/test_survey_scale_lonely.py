"""Sampling weights at the ends of the float range, through every way a design handles a
stratum of one PSU, beside an fpc with a stratum sampled without correction, a subpopulation
and an interaction: multiplied by 1e-300, 1e300 or an odd constant, they give the same
estimates, design-based standard errors, design df, Wald and anova F tests, margins on the
rows and on a grid, their contrasts, effects and prediction intervals, and a
pseudo-log-likelihood scaled by the same constant. (tests/test_survey_invariance.py holds
moderate scales without a lonely PSU; tests/test_survey_lonely.py checks each option against
R.) Each option is also checked to change the standard errors it should, so that the
relation is not met by a design whose lonely stratum was left out whatever the option.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

FORMULA = "y ~ x + z * g"
OPTIONS = ("adjust", "average", "certainty", "remove")
SCALES = (1e-300, 1e300, 3.7)


def simulate(seed: int = 5, n: int = 300) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "g": rng.choice(["a", "b", "c"], n),
            "psu": rng.integers(0, 30, n),
            # weights over four orders of magnitude, as a sample of rare and common units
            "pw": np.exp(rng.uniform(-5, 5, n)),
        }
    )
    d["st"] = d["psu"] % 3
    # stratum 2 sampled without correction (R's inf), the others from populations of PSUs
    d["fpc"] = d["st"].map({0: 40.0, 1: 60.0, 2: np.inf})
    d.loc[d["psu"] == 29, "st"] = 7  # a stratum of one PSU
    eta = np.column_stack(
        [
            np.zeros(n),
            0.5 + 0.8 * d["x"] - 0.4 * (d["g"] == "b"),
            -0.3 - 0.5 * d["x"] + 0.4 * d["z"] * (d["g"] == "c"),
        ]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["lo", "mid", "hi"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


DATA = simulate()


def fitted(d: pd.DataFrame, lonely: str):
    design = mnlogit.SurveyDesign(
        weights="pw", strata="st", psu="psu", fpc="fpc", lonely_psu=lonely
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(FORMULA, d, ref="lo", design=design, subpop="z > -1")
    assert res.converged
    return res


def outputs(res) -> dict[str, np.ndarray]:
    wald = res.wald_test("g")
    out = {
        "coefficients": res.to_frame(),
        "design df": [res.df_resid],
        "wald": [wald.statistic, wald.pvalue, wald.df_denom],
        "anova": res.anova(),
        "effects": res.marginal_effects(),
        "margins": res.margins(over="g").to_frame(),
        "grid": res.margins(over="g", average="grid").to_frame(),
        "contrast": res.margins(over="g").contrast("g").to_frame(),
        "intervals": res.prediction_intervals(DATA.head(5)),
    }
    return {
        k: np.asarray(v.select_dtypes("number") if isinstance(v, pd.DataFrame) else v, float)
        for k, v in out.items()
    }


@pytest.fixture(scope="module")
def unscaled():
    return {lonely: fitted(DATA, lonely) for lonely in OPTIONS}


@pytest.mark.parametrize("scale", SCALES)
@pytest.mark.parametrize("lonely", OPTIONS)
def test_the_units_of_sampling_weights_change_no_number(unscaled, lonely, scale):
    want = unscaled[lonely]
    got = fitted(DATA.assign(pw=DATA["pw"] * scale), lonely)
    expected, actual = outputs(want), outputs(got)
    for what, values in expected.items():
        np.testing.assert_allclose(actual[what], values, rtol=1e-9, atol=0.0, err_msg=what)
    # reported for the weights as given: the constant times the unscaled one
    np.testing.assert_allclose(got.llf, scale * want.llf, rtol=1e-12)


def test_each_lonely_option_moves_the_standard_errors_it_should(unscaled):
    bse = {lonely: unscaled[lonely].bse.to_numpy() for lonely in OPTIONS}
    # "certainty" and "remove" leave the stratum out of the variance alike (R's survey too);
    # "adjust" and "average" add a variance for it, each its own
    np.testing.assert_array_equal(bse["certainty"], bse["remove"])
    for other in ("adjust", "average"):
        assert np.all(bse[other] > bse["certainty"]), other
    assert not np.allclose(bse["adjust"], bse["average"], rtol=1e-6)
