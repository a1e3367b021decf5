"""A Firth survey fit's test against its null model: res.lr_test() referred the penalised
pseudo-likelihood ratio to chi2, as if the weights counted rows, while mnlogit.lr_test of its
null fit and it gave Rao and Scott's working test of the same hypothesis."""

from __future__ import annotations

import numpy as np
import pandas as pd
import refdata

import mnlogit


def test_a_firth_survey_fit_tests_against_its_null_as_lr_test_of_the_null_fit():
    d = pd.read_csv(refdata.REF_DIR / "apistrat.csv")
    design = mnlogit.SurveyDesign(weights="pw", strata="stype", psu="dnum")
    full = mnlogit.fit("perf ~ meals + ell", d, ref="low", design=design, method="firth")
    null = mnlogit.fit("perf ~ 1", d, ref="low", design=design, method="firth")
    test, nested = full.lr_test(), mnlogit.lr_test(null, full)
    assert test.method.startswith("Rao-Scott working likelihood-ratio test against")
    assert "working 2logLR" in str(test) and "chi2(" not in str(test)
    np.testing.assert_allclose(test.statistic, nested.statistic, rtol=1e-8)
    np.testing.assert_allclose(
        test.details["design_effects"], nested.details["design_effects"], rtol=1e-8
    )
    assert test.details["df_denom"] == nested.details["df_denom"] == full.df_design
    np.testing.assert_allclose(test.pvalue, nested.pvalue, rtol=1e-8)
