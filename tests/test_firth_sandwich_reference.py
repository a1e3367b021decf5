"""What a Firth fit's robust and cluster-robust covariances are, on data that are not
separated: the sandwich of the likelihood's row scores at the bias-reduced estimates, the
bread the inverse information there, as R's sandwich package gives it for brglm2's binary
fit (`sandwich()`, `vcovCL(type = "HC0", cadjust = TRUE)`), and as the same sandwich formed
from brglm2::brmultinom's fitted probabilities for three outcomes
(tests/reference/make_firth_sandwich.R)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata
from refdata import RTOL_COEF, RTOL_SE
from test_weighted_robust_reference import BINARY_TERMS as COLUMNS  # R's names

import mnlogit

REF = json.loads((refdata.REF_DIR / "firth_sandwich.json").read_text())


def womenlf() -> pd.DataFrame:
    d = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    d["working"] = np.where(d["partic"] != "not.work", "yes", "no")
    d["cl"] = np.arange(len(d)) // 5
    return d


def reference(case: str, key: str) -> pd.DataFrame:
    table = pd.DataFrame(REF[case][key])
    return table.rename(index=COLUMNS)


CASES = [
    ("binary", "working ~ hincome + children + region", "no"),
    ("multinomial", "partic ~ hincome + children + region", "not.work"),
]


@pytest.mark.parametrize(("case", "formula", "ref"), CASES)
@pytest.mark.parametrize(
    ("cov_type", "kw", "key"),
    [("robust", {}, "se_robust"), ("cluster", {"groups": "cl"}, "se_cluster")],
)
def test_firth_sandwich_equals_rs(case, formula, ref, cov_type, kw, key):
    assert REF[case]["converged"]
    res = mnlogit.fit(formula, womenlf(), ref=ref, method="firth", cov_type=cov_type, **kw)
    coef = reference(case, "coef")
    se = reference(case, key)
    params = res.params.loc[coef.index, coef.columns]
    np.testing.assert_allclose(params.to_numpy(), coef.to_numpy(), rtol=RTOL_COEF, atol=1e-9)
    bse = res.bse.loc[se.index, se.columns]
    np.testing.assert_allclose(bse.to_numpy(), se.to_numpy(), rtol=RTOL_SE)
