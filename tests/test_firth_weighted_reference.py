"""A Firth fit with frequency weights (zeros among them) and a factor level that separates one
outcome, against brglm2::brmultinom (tests/reference/make_firth_weighted.R): estimates,
model-based covariance, log-likelihood and penalised log-likelihood; and the same data's
maximum-likelihood fit, which marks exactly the separated cells as diverging."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_LOGLIK, RTOL_SE

import mnlogit
from mnlogit.exceptions import SeparationWarning

REF = json.loads((refdata.REF_DIR / "firth_weighted.json").read_text())


def womenlf_separated() -> pd.DataFrame:
    """womenlf.csv as the R script prepares it: no parttime row in Atlantic, weights with
    zeros."""
    d = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    d["w"] = 1 + np.arange(1, len(d) + 1) % 3
    d.loc[:4, "w"] = 0
    d.loc[(d["region"] == "Atlantic") & (d["partic"] == "parttime"), "partic"] = "not.work"
    return d


@pytest.fixture(scope="module")
def firth():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a Firth fit neither diverges nor warns
        return mnlogit.fit(
            REF["formula"], womenlf_separated(), ref=REF["ref"], weights="w", method="firth"
        )


def test_estimates_and_covariance_equal_brglm2(firth):
    assert REF["converged"] and firth.converged
    assert list(firth.params.index) == REF["terms"]
    assert list(firth.params.columns) == REF["outcomes"]
    np.testing.assert_allclose(firth.params.to_numpy().T, REF["params"], rtol=RTOL_COEF)
    V = np.asarray(REF["vcov"])  # equation by equation, as cov_params()
    np.testing.assert_allclose(firth.cov_params().to_numpy(), V, rtol=RTOL_SE)
    np.testing.assert_allclose(firth.bse.to_numpy().T.ravel(), np.sqrt(np.diag(V)), rtol=RTOL_SE)


def test_log_likelihoods_equal_brglm2(firth):
    np.testing.assert_allclose(firth.llf, REF["loglik"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(firth._core.penalized_loglik, REF["penalized_loglik"], rtol=1e-7)
    assert firth.nobs == womenlf_separated()["w"].sum()


def test_maximum_likelihood_marks_the_separated_cells():
    with pytest.warns(SeparationWarning, match="quasi-complete"):
        ml = mnlogit.fit(REF["formula"], womenlf_separated(), ref=REF["ref"], weights="w")
    region = [t for t in REF["terms"] if t.startswith("region")]
    want = pd.DataFrame(False, index=ml.params.index, columns=ml.params.columns)
    want.loc[["Intercept", *region], "parttime"] = True
    pd.testing.assert_frame_equal(ml.diverging, want)
    assert ml.pvalues.isna().equals(want)
    assert np.isfinite(ml.pvalues.loc[:, "fulltime"]).all()


LARGE = json.loads((refdata.REF_DIR / "firth_large_weights.json").read_text())


@pytest.mark.parametrize("case", LARGE["fits"], ids=lambda c: f"k={c['k']:g}")
def test_large_frequency_weights_equal_brglm2(case):
    """The same separated data with every weight times 1e3 and 1e5
    (tests/reference/make_firth_large_weights.R): the penalty weighs 1/k as much, the
    separated coefficients move by about log(k), and the fit still agrees with brglm2."""
    d = womenlf_separated()
    d["w"] = d["w"] * case["k"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = mnlogit.fit(LARGE["formula"], d, ref=LARGE["ref"], weights="w", method="firth")
    assert case["converged"] and res.converged
    assert list(res.params.index) == LARGE["terms"]
    np.testing.assert_allclose(res.params.to_numpy().T, case["params"], rtol=RTOL_COEF)
    # variances to RTOL_SE, covariances to RTOL_SE of the standard errors' product: entries
    # of a near-zero correlation (1e-11 beside variances of 1e-6 to 2) hold fewer digits
    V, V_ref = res.cov_params().to_numpy(), np.asarray(case["vcov"])
    se = np.sqrt(np.diag(V_ref))
    np.testing.assert_allclose(np.diag(V), np.diag(V_ref), rtol=RTOL_SE)
    np.testing.assert_allclose(V / np.outer(se, se), V_ref / np.outer(se, se), atol=RTOL_SE)
    np.testing.assert_allclose(res.llf, case["loglik"], rtol=RTOL_LOGLIK)
    np.testing.assert_allclose(res.penalized_llf, case["penalized_loglik"], rtol=1e-7)
