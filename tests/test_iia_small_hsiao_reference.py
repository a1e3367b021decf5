"""The Small-Hsiao test against R (tests/reference/iia_small_hsiao.json, from
make_iia_small_hsiao.R: VGAM fits of the halves that make_iia_small_hsiao.py draws as
iia_test(method="small-hsiao", seed=...) draws them), with frequency weights and the
reference omitted."""

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "iia_small_hsiao.json").read_text())
# VGAM clamps the working weights of rows with probabilities near 0 (distance reaches 60),
# and its fit of half A against 'bus' stops with a score of 7e-7 (mnlogit's: 6e-13), which
# moves L0 by 2e-8 there
RTOL_LOGLIK = 1e-10
RTOL_CHI2 = 1e-7


@pytest.fixture(scope="module")
def res():
    df = pd.read_csv(refdata.REF_DIR / REF["data"])
    return mnlogit.fit(REF["formula"], df, ref=REF["reference"], weights=REF["weights"])


@pytest.mark.parametrize("omit", list(REF["omit"]))
def test_small_hsiao_omitting_each_level_matches_r(res, omit):
    want = REF["omit"][omit]
    test = res.iia_test(omit, method="small-hsiao", seed=REF["seed"])
    assert test.details["ref"] == want["reference"]
    assert test.details["n_a"] == want["n_a"] and test.details["n_b"] == want["n_b"]
    np.testing.assert_allclose(test.details["L1"], want["L1"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(test.details["L0"], want["L0"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(test.statistic, want["chi2"], rtol=RTOL_CHI2)
    assert test.df == want["df"]


def test_the_table_gives_each_levels_test(res):
    table = res.iia_table("small-hsiao", seed=REF["seed"])
    want = [REF["omit"][lv]["chi2"] for lv in table.index]
    np.testing.assert_allclose(table["statistic"], want, rtol=RTOL_CHI2)
