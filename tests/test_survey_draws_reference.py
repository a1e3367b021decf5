"""Survey designs drawn at random in R against R's survey package
(tests/reference/make_survey_draws.R, one seed each): two to six strata, most with a stratum
of a single PSU, under each of R's `survey.lonely.psu` options; PSUs numbered within strata
or across them; weights from 1 to 1000 with whole PSUs and scattered rows at 0; fpc as
population counts, fractions, a certainty stratum (fpc = its PSUs, the lonely one among
them), a fraction of 1 or a count of `inf`; rows missing a predictor; and subpopulations
that leave out the lonely strata, the last stratum or the first PSU of each stratum.

With two outcomes the reference is `svyglm(quasibinomial)` and `regTermTest` (Wald and
working likelihood ratio); with three or four, the weighted Newton fit of survey_mnl.R and
`vcov(svytotal())` of its influence functions, with Stata's adjusted Wald F and Rao and
Scott's test computed from them. The design df are the whole design's #PSU - #strata
(Stata's), which R's `degf()` exceeds never (it leaves out PSUs of weight 0)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata
from scipy import stats
from test_survey_diff_reference import fit

import mnlogit
from mnlogit.exceptions import DataError

REF = json.loads((refdata.REF_DIR / "survey_draws.json").read_text())
ROWS = pd.read_csv(refdata.REF_DIR / "survey_draws.csv.gz")
# every draw R fits agrees to the tolerances below; the test fits a few that between them
# hold each lonely-PSU rule and subpopulation and most fpc forms (a fit takes ~0.1 s): a
# lonely stratum sampled with certainty (6), a certainty stratum beside a lonely one (12),
# counts with inf (1, 3), fractions (16), PSUs numbered across strata (6, 16), rows of
# weight 0 in the fit (1, 3, 6, 16, 24) and rows dropped for a missing x1 (1, 3, 6)
SEEDS = (1, 3, 6, 12, 16, 24)
# the working likelihood-ratio tests of fits with rows of weight 0, refitted without g
LR_SEEDS = (1, 24)
CASES = [c for c in REF["cases"] if c["case"] in SEEDS]
REFUSED = [c for c in REF["cases"] if "error" in c["binary"]]
# the columns the fits read (of the draw's options they read none)
SLIM = ROWS[["case", "y2", "yk", "x1", "x2", "g", "w", "st", "psu", "fpc", "sub"]]
MODELS = {"binary": ("y2 ~ x1 + x2", 0), "multi": ("yk ~ x1 + x2", "a")}


def _fit(case: dict, formula: str, ref: object) -> mnlogit.MNLogitResults:
    return fit(case, formula, ref, SLIM)


def _dropped_share(case: dict) -> float:
    """The mean weight of the fit's rows over that of the domain's rows, those missing x1
    among them, by which R's svyglm (scaling the weights before it drops those rows)
    scales its working likelihood-ratio statistic and design effects."""
    d = ROWS[ROWS["case"] == case["case"]]
    domain = d["sub"] if case["subpop"] != "none" else pd.Series(True, index=d.index)
    return d["w"][domain & d["x1"].notna()].mean() / d["w"][domain].mean()


def _stata_p(chi2: float, k: int, d: int) -> float:
    return float(stats.f.sf((d - k + 1) / (d * k) * chi2, k, d - k + 1))


def test_random_designs_equal_r():
    assert {c["lonely_psu"] for c in CASES} == {"adjust", "average", "certainty", "remove"}
    assert len({c["fpc"] for c in CASES}) == 5 and len({c["subpop"] for c in CASES}) == 5
    compared = 0
    for case in CASES:
        d = case["psus_minus_strata"]
        for kind, (formula, ref) in MODELS.items():
            expected = case[kind]
            if "error" in expected:  # R's Newton fit stopped at a separated sample
                assert "singular" in expected["error"]
                continue
            compared += 1
            full = _fit(case, formula + " + g", ref)
            b = full.params.to_numpy().T.ravel()
            np.testing.assert_allclose(b, expected["params"], rtol=1e-8, atol=1e-10)
            se = np.sqrt(np.diag(np.asarray(expected["cov"])))
            np.testing.assert_allclose(full.bse.to_numpy().T.ravel(), se, rtol=1e-6)
            assert full.df_design == d and d >= case["degf_design"]
            for term in ("x1", "g"):
                test, r = full.wald_test(term), expected[f"wald_{term}"]
                k = int(test.df)
                np.testing.assert_allclose(test.details["chi2"], r["chi2"], rtol=1e-6)
                # regTermTest's p of g is on F(k, d), Stata's adjusted F is on (k, d - k + 1)
                p = r["p"] if kind == "multi" or term == "x1" else _stata_p(r["chi2"], k, d)
                np.testing.assert_allclose(test.pvalue, p, rtol=1e-6)
            if case["case"] not in LR_SEEDS:
                continue
            lr = mnlogit.lr_test(_fit(case, formula, ref), full)
            r = expected["lrt_g"]
            # svyglm's statistic counts the rows it drops for a missing x1 in its mean weight;
            # the multinomial reference scales over the rows of the fit, as mnlogit does
            share = _dropped_share(case) if kind == "binary" else 1.0
            np.testing.assert_allclose(lr.statistic * share, r["chisq"], rtol=1e-6)
            lam = np.sort(lr.details["design_effects"]) * share
            np.testing.assert_allclose(lam, r["lambda"], rtol=1e-6)
            # survey's saddle() stops its root search at 1e-8, which moves its p-value by
            # up to 3e-5 of itself (draw 2); with the root found to rounding it is this one
            np.testing.assert_allclose(lr.pvalue, r["p_exact_root"], rtol=1e-6)
            np.testing.assert_allclose(lr.pvalue, r["p"], rtol=1e-4)
    assert compared == 2 * len(SEEDS)


def test_a_lonely_stratum_is_refused_under_fail_as_in_r():
    # a stratum of one PSU sampled with certainty (fpc 1) has no variance to estimate: R
    # names only the other lonely stratum, and so does the refusal
    assert len(REFUSED) == 2
    for case in REFUSED:
        stratum = case["binary"]["error"].split("(")[1].split(")")[0]
        with pytest.raises(DataError, match=f"stratum {stratum} of strata column 'st' has only"):
            _fit(case, "y2 ~ x1 + x2 + g", 0)
