"""Firth fits and their penalised likelihood-ratio tests against R
(tests/reference/make_firth_codings_lr.R), three outcomes: brglm2::brmultinom's estimates
and standard errors under sum-to-zero, Helmert and treatment coding of a factor in an
interaction with a number, frequency weights with zeros, a rare outcome level, quasi-complete
separation by a factor level, complete separation by a number, and a column in units of 1e6;
and anova() and lr_test(), each restricted model maximising the larger model's penalised
log-likelihood with the tested coefficients at 0, computed in R by direct maximisation."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR

import mnlogit

REF = json.loads((REF_DIR / "firth_codings_lr.json").read_text())
# brglm2 stops at epsilon 1e-12: estimates agree to ~1e-8 (relative), standard errors to
# ~1e-9; the penalised log-likelihoods of the restricted maxima to ~1e-13
RTOL_COEF = 1e-7
ATOL_COEF = 1e-7
RTOL_SE = 1e-7
RTOL_CHI2 = 1e-9


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(REF_DIR / "firth_codings_lr.csv")


@pytest.fixture(scope="module")
def fits(data) -> dict[str, mnlogit.MNLogitResults]:
    return {
        name: mnlogit.fit(
            case["formula"],
            data,
            ref="a",
            method="firth",
            weights="w" if case["weights"] else None,
        )
        for name, case in REF["cases"].items()
    }


@pytest.mark.parametrize("case", list(REF["cases"]))
def test_estimates_match_brmultinom(fits, case):
    want = REF["cases"][case]
    res = fits[case]
    assert res.converged
    assert len(res.params) == len(want["columns"])
    np.testing.assert_allclose(
        res.params.to_numpy(), want["params"], rtol=RTOL_COEF, atol=ATOL_COEF
    )
    np.testing.assert_allclose(res.bse.to_numpy(), want["bse"], rtol=RTOL_SE)
    np.testing.assert_allclose(res.llf, want["loglik"], rtol=1e-9)
    np.testing.assert_allclose(res.penalized_llf, want["penalised_loglik"], rtol=1e-10)


@pytest.mark.parametrize("case", list(REF["cases"]))
def test_penalised_lr_tests_match_direct_maximisation(fits, case):
    want = REF["cases"][case]
    res = fits[case]
    table = res.anova("III")
    for term, test in want["type3"].items():
        assert table.loc[term, "df"] == test["df"]
        np.testing.assert_allclose(table.loc[term, "chi2"], test["chi2"], rtol=RTOL_CHI2)
    null = res.lr_test()
    assert null.df == want["null"]["df"]
    np.testing.assert_allclose(null.statistic, want["null"]["chi2"], rtol=RTOL_CHI2)


def test_type_ii_tests_use_the_penalty_of_the_model_without_relatives(fits):
    table = fits["sum_weighted"].anova("II")
    for term, test in REF["cases"]["sum_weighted"]["type2"].items():
        assert table.loc[term, "df"] == test["df"]
        np.testing.assert_allclose(table.loc[term, "chi2"], test["chi2"], rtol=RTOL_CHI2)


def test_nested_firth_fits_in_another_coding_give_the_type_iii_statistic(data, fits):
    # the restricted model written with treatment coding spans the same columns
    restricted = mnlogit.fit("y ~ x * f", data, ref="a", method="firth", weights="w")
    test = mnlogit.lr_test(restricted, fits["sum_weighted"])
    want = REF["cases"]["sum_weighted"]["type3"]["g"]
    assert test.df == want["df"]
    np.testing.assert_allclose(test.statistic, want["chi2"], rtol=RTOL_CHI2)
