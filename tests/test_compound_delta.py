"""Delta-method standard errors and Wald tests through the intercept of a design ill
conditioned over several columns.

``y ~ year + I(year**2 - 4e6)`` is fitted on an orthogonal basis of its columns, and its
covariance in their own coefficients has a condition number of 5.6e10: a prediction at year
2005 has the gradient (1, 2005, 20025) (x) ..., whose quadratic form in that covariance
cancels to 1e-9 of its terms, so that its entries, each rounded to a double, held the
standard errors of predictions only to 4e-7 (robust: 4e-6), those of marginal effects to
6e-7, and a Wald test of the log-odds at 2005 to 7e-6, silently. They are now taken on the
fit's basis. Reference: VGAM::vglm on t = (year - 2005) / 10, which spans the same model,
with a robust sandwich built from its row scores (tests/reference/make_compound_delta.R).
"""

import json
import pathlib

import numpy as np
import pandas as pd
import pytest

import mnlogit

REF = pathlib.Path(__file__).parent / "reference"
# VGAM's estimates stop at their own rounding (it halves its last steps): about 1e-9
RTOL_SE = 1e-8
RTOL_WALD = 1e-8


@pytest.fixture(scope="module")
def vglm():
    return json.loads((REF / "compound_delta.json").read_text())


@pytest.fixture(scope="module", params=["nonrobust", "robust"])
def fitted(request, vglm):
    data = pd.read_csv(REF / "compound_collinear.csv")
    res = mnlogit.fit(vglm["formula"], data, ref=vglm["ref"], cov_type=request.param)
    return res, vglm[request.param]


def test_prediction_standard_errors(fitted, vglm):
    res, ref = fitted
    table = res.prediction_intervals(pd.DataFrame({"year": vglm["years"]}))
    se = table["std_error"].to_numpy().reshape(len(vglm["years"]), len(vglm["outcomes"]))
    prob = table["prob"].to_numpy().reshape(se.shape)
    np.testing.assert_allclose(prob, ref["prob"], rtol=1e-9)
    np.testing.assert_allclose(se, ref["prob_se"], rtol=RTOL_SE)


def test_marginal_effect_standard_errors(fitted, vglm):
    res, ref = fitted
    effects = res.marginal_effects().loc["year"].loc[vglm["outcomes"]]
    np.testing.assert_allclose(effects["dydx"], vglm["ame"], rtol=1e-8)
    np.testing.assert_allclose(effects["std_error"], ref["ame_se"], rtol=RTOL_SE)
    # margins(kind="effect") and its table agree with marginal_effects
    table = res.margins(kind="effect").to_frame().set_index("outcome").loc[vglm["outcomes"]]
    np.testing.assert_allclose(table["std_error"], ref["ame_se"], rtol=RTOL_SE)


def test_wald_test_of_the_log_odds_at_2005(fitted, vglm):
    res, ref = fitted
    row = [1.0, 2005.0, 2005.0**2 - 4e6]
    R = np.zeros((2, 6))
    R[0, :3] = R[1, 3:] = row
    for q, expected in zip(vglm["q"], ref["wald"], strict=True):
        assert res.wald_test((R, np.array(q))).statistic == pytest.approx(expected, rel=RTOL_WALD)


def test_another_reference_keeps_the_basis(fitted, vglm):
    # with_ref re-expresses the fit's basis too: left as it was, the predictions' standard
    # errors of the re-expressed fit were 38% off (robust: 116%)
    res, ref = fitted
    other = res.with_ref("b")
    table = other.prediction_intervals(pd.DataFrame({"year": vglm["years"]}))
    se = table["std_error"].to_numpy().reshape(len(vglm["years"]), len(vglm["outcomes"]))
    np.testing.assert_allclose(se, ref["prob_se"], rtol=RTOL_SE)
    effects = other.marginal_effects().loc["year"].loc[vglm["outcomes"]]
    np.testing.assert_allclose(effects["std_error"], ref["ame_se"], rtol=RTOL_SE)


def test_firths_estimates_keep_their_digits_too(vglm):
    # Firth's estimates are polished on the same basis: its delta-method numbers were 1e-7
    # off (robust 1e-5); brglm2::brmultinom on the centred years is the reference
    data = pd.read_csv(REF / "compound_collinear.csv")
    res = mnlogit.fit(vglm["formula"], data, ref="a", method="firth")
    table = res.prediction_intervals(pd.DataFrame({"year": vglm["years"]}))
    se = table["std_error"].to_numpy().reshape(len(vglm["years"]), len(vglm["outcomes"]))
    prob = table["prob"].to_numpy().reshape(se.shape)
    np.testing.assert_allclose(prob, vglm["firth"]["prob"], rtol=1e-8)
    np.testing.assert_allclose(se, vglm["firth"]["prob_se"], rtol=RTOL_SE)


def test_a_test_of_the_intercept_and_year_together(fitted):
    # their block of the covariance is singular to rounding in the columns' own coefficients
    # (R's solve() refuses it), so the test was NaN, said to be of a zero variance or
    # collinear restrictions; on the fit's basis it is the hypothesis restated
    res, ref = fitted
    test = res.wald_test("b:Intercept = -44000, b:year = 22")
    assert test.statistic == pytest.approx(ref["own_wald"], rel=5e-9)
