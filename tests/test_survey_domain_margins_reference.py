"""Margins and Wald tests of a multinomial survey fit for a domain, as Stata's svy, subpop():
mlogit followed by margins and test, and strata without PSUs under each lonely_psu option,
against R's survey package (tests/reference/make_survey_domain_margins.R)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_domain_margins.json").read_text())
DOMAIN = REF["domain"]
NO_PSU = REF["no_psu"]
COLUMNS = ("estimate", "std_error", "lower", "upper", "pvalue")


def apistrat() -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    return d.assign(meals=d["meals"].where(d["snum"] % 7 != 0))


def domain_fit(weights: pd.Series | None = None):
    data = apistrat() if weights is None else apistrat().assign(pw=weights)
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum", fpc="fpc")
    return mnlogit.fit(
        DOMAIN["formula"], data, ref=DOMAIN["ref"], design=design, subpop=DOMAIN["subpop"]
    )


def assert_table(frame: pd.DataFrame, ref: dict, columns=COLUMNS) -> None:
    """``frame``'s rows of ref's outcomes (indexed by outcome) against ref's columns."""
    got = frame.set_index("outcome").loc[ref["outcome"]]
    for column in columns:
        np.testing.assert_allclose(got[column].to_numpy(), ref[column], rtol=1e-6, atol=1e-12)


@pytest.fixture(scope="module")
def domain():
    return domain_fit()


def test_domain_estimates_and_covariance_equal_the_survey_package(domain):
    assert domain.nobs == DOMAIN["n_rows"] and domain.df_design == DOMAIN["df_design"]
    np.testing.assert_allclose(domain.params.to_numpy().T.ravel(), DOMAIN["params"], rtol=1e-6)
    cov = np.asarray(DOMAIN["cov"])
    np.testing.assert_allclose(
        domain.cov_params().to_numpy(), cov, rtol=1e-6, atol=1e-10 * np.abs(cov).max()
    )


def test_margins_of_a_factor_set_to_each_level_in_the_domain(domain):
    # Stata's margins awards after svy, subpop(): the domain's rows, weighted, t on the design df
    frame = domain.margins(over="awards").to_frame()
    for ref in DOMAIN["set_awards"]:
        assert_table(frame[frame["awards"] == ref["awards"]], ref)


def test_margins_at_two_variables_come_in_the_order_given(domain):
    # at(meals=(50 10) ell=(30 5)): the first variable's values outermost, as given
    frame = domain.margins(at={"meals": [50, 10], "ell": [30, 5]}).to_frame()
    cells = list(dict.fromkeys(zip(frame["meals"], frame["ell"], strict=True)))
    assert cells == [(r["meals"], r["ell"]) for r in DOMAIN["at_grid"]]
    for ref in DOMAIN["at_grid"]:
        assert_table(frame[(frame["meals"] == ref["meals"]) & (frame["ell"] == ref["ell"])], ref)


def test_discrete_change_of_a_factor_interacted_with_a_number(domain):
    frame = domain.margins(kind="effect", variables="awards", at={"meals": [20, 60]}).to_frame()
    assert set(frame["variable"]) == {"awards[T.Yes]"}
    for ref in DOMAIN["awards_change"]:
        assert_table(frame[frame["meals"] == ref["meals"]], ref)


@pytest.mark.parametrize("restriction", list(DOMAIN["wald"]))
def test_adjusted_wald_f_across_outcomes(domain, restriction):
    ref = DOMAIN["wald"][restriction]
    test = domain.wald_test(restriction)
    assert (test.df, test.df_denom) == (ref["df_num"], ref["df_den"])
    np.testing.assert_allclose(test.details["chi2"], ref["chi2"], rtol=1e-6)
    np.testing.assert_allclose(test.statistic, ref["F"], rtol=1e-6)
    np.testing.assert_allclose(test.pvalue, ref["pvalue"], rtol=1e-5)


@pytest.mark.parametrize("scale", [1e-3, 7.0, 1e6])
def test_scaled_sampling_weights_give_the_same_numbers(scale):
    res = domain_fit(apistrat()["pw"] * scale)
    assert res.df_design == DOMAIN["df_design"] and res.nobs == DOMAIN["n_rows"]
    np.testing.assert_allclose(res.bse.to_numpy().T.ravel(), np.sqrt(np.diag(DOMAIN["cov"])))
    frame = res.margins(over="awards").to_frame()
    for ref in DOMAIN["set_awards"]:
        assert_table(frame[frame["awards"] == ref["awards"]], ref)
    test = res.wald_test("high:meals = mid:meals")
    np.testing.assert_allclose(test.statistic, DOMAIN["wald"]["high:meals = mid:meals"]["F"])


def no_psu_data() -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    strata = d["stype"].copy()
    for label, row in NO_PSU["moved"].items():
        strata.iloc[row - 1] = label  # R's rows count from 1
    return d.assign(st2=strata, wz=d["pw"].where(d["stype"] != "H", 0.0))


@pytest.mark.parametrize("key", list(NO_PSU["cases"]))
def test_strata_without_psus_under_each_lonely_option(key):
    ref = NO_PSU["cases"][key]
    data = no_psu_data()
    subpop = None
    if ref["case"] == "subpop":
        subpop = (data["stype"] != "H").to_numpy().copy()
        subpop[NO_PSU["moved"]["Y"] - 1] = False
    design = mnlogit.SurveyDesign(
        weights=ref["weights"], strata="st2", lonely_psu=ref["lonely_psu"]
    )
    res = mnlogit.fit(NO_PSU["formula"], data, ref=NO_PSU["ref"], design=design, subpop=subpop)
    np.testing.assert_allclose(res.params.to_numpy().T.ravel(), ref["params"], rtol=1e-6)
    cov = np.asarray(ref["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), cov, rtol=1e-6, atol=1e-10 * np.abs(cov).max()
    )
    assert_table(res.margins().to_frame(), ref, columns=("estimate", "std_error"))
