"""Survey designs drawn at random against R's survey package: 34 of the draws of
tests/reference/make_survey_diff.py (numpy seeds listed in survey_diff.json's `case`), fitted
by make_survey_diff.R. Each is a design at several edges at once: one to six strata with
lonely PSUs under each of R's `survey.lonely.psu` options, PSUs numbered within strata
(`nest = TRUE`) or across them, fpc as counts, fractions, a census stratum, `inf` or 0,
weights from 0.5 to 1e4 with whole PSUs and strata at 0, rows missing a predictor, a factor
with a rare level, and subpopulations that empty a stratum or a PSU of each stratum.

With two outcomes the multinomial logit is the binary logit, so `svyglm(quasibinomial)` is
the reference for the coefficients, the linearised covariance and `regTermTest(method =
"Wald")`; with three, the weighted Newton fit of survey_mnl.R and `vcov(svytotal())` of its
influence functions. The draws kept are those whose glm converged with coefficients below 6
in size (svyglm's covariance uses the working weights of glm's last step, which near
separation stop short of the maximum), three that R refuses under "fail", and seed 840, a
rare level of light rows whose fit ran off before it reached its finite maximum."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.exceptions import DataError

REF = json.loads((refdata.REF_DIR / "survey_diff.json").read_text())
ROWS = pd.read_csv(refdata.REF_DIR / "survey_diff.csv.gz")
CASES = {f"seed{c['case']}": c for c in REF["cases"]}


def fit(case: dict, formula: str, ref: object, rows: pd.DataFrame = ROWS) -> mnlogit.MNLogitResults:
    """Draw ``case`` of ``rows`` fitted as R fitted it (test_survey_draws_reference.py's
    draws have the same columns and options)."""
    design = mnlogit.SurveyDesign(
        weights="w",
        strata="st",
        psu="psu",
        fpc=None if case["fpc"] == "none" else "fpc",
        lonely_psu=case["lonely_psu"],
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the rare level, PSU numbers in several strata
        return mnlogit.fit(
            formula,
            rows[rows["case"] == case["case"]],
            ref=ref,
            design=design,
            subpop=None if case["subpop"] == "none" else "sub",
            missing="drop",
        )


def adjusted_f(chi2: float, k: int, d: float) -> float:
    """Stata's adjusted Wald F from the Wald chi2 of k restrictions on d design df."""
    return (d - k + 1) / (d * k) * chi2


def check_design_df(res: mnlogit.MNLogitResults, case: dict) -> None:
    # the whole design's #PSU - #strata (Stata's convention, README); R's degf() leaves out
    # PSUs whose rows all have weight 0, so it is never more
    assert res.df_design == case["psus_minus_strata"]
    assert res.df_design >= case["degf_design"]


BINARY = [k for k, c in CASES.items() if "error" not in c["binary"]]
REFUSED = [k for k, c in CASES.items() if "error" in c["binary"]]
MULTI = [k for k, c in CASES.items() if c["k3"]]


def test_the_draws_cover_every_option():
    cases = [CASES[k] for k in BINARY]
    assert {c["lonely_psu"] for c in cases} == {"fail", "adjust", "average", "certainty", "remove"}
    assert {c["subpop"] for c in cases} == {
        "none",
        "random",
        "strata",
        "first_psu",
        "empty_stratum",
    }
    assert len({c["fpc"] for c in cases}) == 7
    assert {c["nest"] for c in cases} == {True, False}
    assert len(MULTI) >= 6 and len(REFUSED) == 3


# a rare level in one PSU: its coefficient's missing standard error is noted at each read
@pytest.mark.filterwarnings("ignore::mnlogit.InferenceWarning")
@pytest.mark.parametrize("name", BINARY)
def test_two_outcomes_equal_svyglm(name):
    case = CASES[name]
    expected = case["binary"]
    res = fit(case, "y ~ x1 + x2 + g", 0)
    assert len(res.params.index) == len(expected["names"])
    np.testing.assert_allclose(res.params.to_numpy().ravel(), expected["params"], rtol=1e-8)
    V = np.asarray(expected["cov"])
    # a rare level whose rows lie in one PSU: its coefficient is that PSU's alone, with no
    # standard error (README), where svyglm prints one; the others are compared
    owned = res.bse.isna().to_numpy().ravel()
    assert list(res.params.index[owned]) in ([], ["g[T.C]"])
    kept = np.ix_(~owned, ~owned)
    # svyglm's covariance uses the working weights of glm's last step: ~1e-8 of the largest
    np.testing.assert_allclose(
        res.cov_params().to_numpy()[kept], V[kept], rtol=1e-7, atol=1e-8 * np.abs(V).max()
    )
    np.testing.assert_allclose(
        res.bse.to_numpy().ravel()[~owned], np.sqrt(np.diag(V))[~owned], rtol=1e-7
    )
    check_design_df(res, case)
    for term, k in (("g", len(expected["names"]) - 3), ("x1", 1)):
        test = res.wald_test(term)
        if term == "g" and owned.any():
            assert np.isnan(test.statistic)
            continue
        chi2 = expected[f"chi2_{term}"]
        np.testing.assert_allclose(test.details["chi2"], chi2, rtol=1e-6)
        np.testing.assert_allclose(test.statistic, adjusted_f(chi2, k, res.df_design), rtol=1e-6)


def test_a_rare_level_of_light_rows_reaches_the_finite_maximum():
    # seed 840: the subpopulation's two rows of level C have weights 2 and 77 beside 26,000
    # in all. A scoring step took g[T.C] from 16 to 263, where those rows' probabilities
    # are 0 and 1 to rounding, and the fit stopped there with a ConvergenceWarning, its
    # log-likelihood -4852 where svyglm's maximum has -2577 (g[T.C] -0.98)
    case = CASES["seed840"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.ConvergenceWarning)
        res = fit(case, "y ~ x1 + x2 + g", 0)
    assert res.converged
    np.testing.assert_allclose(res.params.to_numpy().ravel(), case["binary"]["params"], rtol=1e-8)


@pytest.mark.parametrize("name", MULTI)
def test_three_outcomes_equal_the_linearised_covariance(name):
    case = CASES[name]
    expected = case["multi"]
    res = fit(case, "y3 ~ x1 + x2", "a")
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), expected["params"], rtol=1e-8)
    V = np.asarray(expected["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), V, rtol=1e-7, atol=1e-10 * np.abs(V).max()
    )
    check_design_df(res, case)
    test = res.wald_test("x1")
    np.testing.assert_allclose(test.details["chi2"], expected["chi2_x1"], rtol=1e-7)
    np.testing.assert_allclose(
        test.statistic, adjusted_f(expected["chi2_x1"], 2, res.df_design), rtol=1e-7
    )


@pytest.mark.parametrize("name", REFUSED)
def test_a_lonely_psu_is_refused_under_fail_as_in_r(name):
    case = CASES[name]
    assert case["lonely_psu"] == "fail" and "only one PSU" in case["binary"]["error"]
    with pytest.raises(DataError, match="only one PSU"):
        fit(case, "y ~ x1 + x2 + g", 0)
