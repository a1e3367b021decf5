"""A multinomial survey fit at several edges at once against R's survey package
(tests/reference/make_survey_margins.R): strata, PSUs nested in them, fpc with one stratum
sampled in full (certainty PSUs), rows dropped for a missing value and a subpopulation; and
what is computed from it: t tests and intervals, the adjusted Wald F and margins on the
design df."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "survey_margins.json").read_text())
DESIGN = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum", fpc="districts")


def apistrat() -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    return d.assign(
        meals=d["meals"].where(d["snum"] % 7 != 0),
        districts=d["stype"].map(REF["districts"]),
    )


def fit(data=None):
    return mnlogit.fit(
        REF["formula"],
        apistrat() if data is None else data,
        ref=REF["ref"],
        design=DESIGN,
        subpop=REF["subpop"],
    )


def flat(frame: pd.DataFrame) -> np.ndarray:
    """Equation-major, as the reference's order (outcome:term)."""
    return frame.to_numpy().T.ravel()


def test_estimates_covariance_and_t_tests_equal_the_survey_package():
    res = fit()
    assert res.nobs == REF["n_rows"] and res.df_design == REF["df_design"]
    np.testing.assert_allclose(flat(res.params), REF["params"], rtol=1e-6)
    cov = np.asarray(REF["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), cov, rtol=1e-6, atol=1e-12 * np.abs(cov).max()
    )
    np.testing.assert_allclose(flat(res.pvalues), REF["pvalues"], rtol=1e-5)
    # the high schools are a census stratum: certainty PSUs, no variance of their own
    assert res.design.fraction[res.design.strata_labels.index("H")] == 1.0


def test_adjusted_wald_f_equals_the_reference():
    test = fit().wald_test("ell")
    ref = REF["wald_ell"]
    np.testing.assert_allclose(test.statistic, ref["F"], rtol=1e-6)
    np.testing.assert_allclose(test.pvalue, ref["pvalue"], rtol=1e-5)
    assert (test.df, test.df_denom) == (ref["df_num"], ref["df_den"])


def test_margins_equal_the_reference_delta_method_on_the_design_df():
    frame = fit().margins(at={"meals": [20, 80]}).to_frame()
    ref = pd.DataFrame(REF["margins"])
    merged = frame.merge(ref, on=["meals", "outcome"], suffixes=("", "_R"))
    assert len(merged) == len(ref) == 6
    for column, rtol in [
        ("estimate", 1e-6),
        ("std_error", 1e-6),
        ("lower", 1e-6),
        ("upper", 1e-6),
        ("pvalue", 1e-5),
    ]:
        np.testing.assert_allclose(merged[column], merged[f"{column}_R"], rtol=rtol)


@pytest.mark.slow
def test_dask_fit_equals_the_reference():
    dd = pytest.importorskip("dask.dataframe")
    res = fit(dd.from_pandas(apistrat(), npartitions=3))
    np.testing.assert_allclose(flat(res.params), REF["params"], rtol=1e-6)
    cov = np.asarray(REF["cov"])
    np.testing.assert_allclose(
        res.cov_params().to_numpy(), cov, rtol=1e-6, atol=1e-12 * np.abs(cov).max()
    )
    test = res.wald_test("ell")
    np.testing.assert_allclose(test.statistic, REF["wald_ell"]["F"], rtol=1e-6)
