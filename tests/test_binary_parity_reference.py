"""Two-level outcomes against R: car::Anova of glm(binomial) and brglm2's Firth estimates.

tests/reference/make_binary_parity.R draws the data (binary_parity.csv, four sets, the last
quasi-completely separated) and fits them in R; see tests/reference/README.md.
"""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

HERE = Path(__file__).parent / "reference"
DATA = pd.read_csv(HERE / "binary_parity.csv")
REF = json.loads((HERE / "binary_parity.json").read_text())
FORMULA = "y ~ x1 * h + x2 + C(g)"
# R's names of the coefficients, in the order of R's model matrix
R_NAMES = {
    "(Intercept)": "Intercept",
    "x1": "x1",
    "hlo": "h[T.lo]",
    "x2": "x2",
    "gb": "C(g)[T.b]",
    "gc": "C(g)[T.c]",
    "x1:hlo": "x1:h[T.lo]",
}
R_TERMS = {"x1": "x1", "h": "h", "x2": "x2", "g": "C(g)", "x1:h": "x1:h"}


def data(key: str) -> pd.DataFrame:
    return DATA[DATA["set"] == int(key)].reset_index(drop=True)


@pytest.mark.parametrize("weighted", ["unweighted", "weighted"])
@pytest.mark.parametrize("key", ["1", "2", "3"])
@pytest.mark.parametrize("kind", ["II", "III"])
def test_anova_is_car_anova_of_the_binary_glm(key, weighted, kind):
    ref = REF[key][weighted][f"anova_{kind}"]
    res = mnlogit.fit(FORMULA, data(key), ref="no", weights="w" if weighted == "weighted" else None)
    table = res.anova(type=kind)
    terms = [R_TERMS[t] for t in ref["term"]]
    np.testing.assert_allclose(table.loc[terms, "chi2"], ref["chi2"], rtol=1e-7, atol=1e-10)
    np.testing.assert_array_equal(table.loc[terms, "df"], ref["df"])
    np.testing.assert_allclose(table.loc[terms, "pvalue"], ref["p"], rtol=1e-6, atol=1e-12)


@pytest.mark.parametrize("weighted", ["unweighted", "weighted"])
@pytest.mark.parametrize("key", ["1", "2", "3", "4"])
@pytest.mark.parametrize("ref_level", ["no", "yes"])
def test_firth_is_brglm2_of_the_binary_glm(key, weighted, ref_level):
    ref = REF[key][weighted]["firth"]
    assert ref["converged"]
    with warnings.catch_warnings():
        # set 4 is separated: the warning says so, Firth's estimates are finite all the same
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        res = mnlogit.fit(
            FORMULA,
            data(key),
            ref=ref_level,
            weights="w" if weighted == "weighted" else None,
            method="firth",
        )
    sign = 1.0 if ref_level == "no" else -1.0
    other = "yes" if ref_level == "no" else "no"
    names = [R_NAMES[t] for t in ref["term"]]
    np.testing.assert_allclose(
        res.params.loc[names, other], sign * np.array(ref["coef"]), rtol=1e-6, atol=1e-8
    )
    np.testing.assert_allclose(res.bse.loc[names, other], ref["se"], rtol=1e-6)
