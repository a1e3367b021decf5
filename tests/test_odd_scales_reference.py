"""Twenty random data sets at odd scales against R (tests/reference/make_odd_scales.py draws
them, make_odd_scales.R fits them): predictors at scales from 1e-6 to 1e6 and around an
offset of 1e6, outcomes labelled by text, by integers (negative and 0 among them, any of them
the reference) and by a Categorical in a permuted order, rare factor levels, rows missing a
predictor, frequency weights 0 to 3, `x1:f`, `f:g`, `x2*f`, `x1*z`, `np.log(x3):g`,
`I(x1**2)`, `poly(x1, 2)` and raw `poly()` terms. Each fit's log-likelihood, coefficients,
standard errors, type II likelihood-ratio and Wald tests of every term and the probabilities
at new rows (levels of f and g drawn apart, in combinations the fit may not hold) must be R's.

R's values are at a maximum whose score criterion U'I^-1U is below 1e-16, so what is left
between the two is float64's conditioning of these designs: over 350 such draws the largest
gaps were 1.6e-8 standard errors in a coefficient, 2.3e-8 relative in a standard error,
5e-9 relative in a test statistic and 8e-10 in a probability."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "odd_scales.json").read_text())
SPECS = {
    spec["seed"]: spec
    for spec in json.loads((refdata.REF_DIR / "odd_scales_specs.json").read_text())["cases"]
}
ROWS = pd.read_csv(refdata.REF_DIR / "odd_scales.csv.gz", dtype={"y": str})
CASES = {case["seed"]: case for case in REF["cases"]}


def _frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    spec = SPECS[seed]
    rows = ROWS[ROWS["case"] == seed]
    fit = rows[rows["role"] == "fit"].drop(columns=["case", "role"]).reset_index(drop=True)
    new = rows[rows["role"] == "new"].drop(columns=["case", "role", "y", "w"])
    if not spec["weights"]:
        fit = fit.drop(columns="w")
    if spec["kind"] == "int":
        fit["y"] = fit["y"].astype(int)
    elif spec["kind"] == "cat":
        fit["y"] = pd.Categorical(fit["y"], categories=spec["order"])
    fit["f"] = fit["f"].astype(object).where(fit["f"].notna(), None)
    return fit, new.reset_index(drop=True)


def _column(frame: pd.DataFrame, level: str) -> str:
    return next(c for c in frame.columns if str(c) == level)


@pytest.mark.parametrize("seed", sorted(CASES))
def test_fit_tests_and_predictions(seed):
    case, spec = CASES[seed], SPECS[seed]
    fit, new = _frames(seed)
    kwargs = {"ref": spec["ref"], **({"weights": "w"} if spec["weights"] else {})}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # near-collinear columns, rare levels: not what is tested
        res = mnlogit.fit(spec["formula_py"], fit, **kwargs)
        anova = res.anova(type="II")
    assert res.separation is None and res.converged
    # levels of text in sorted order, of integers in numeric order, of a Categorical in its
    # categories' order (R's file lists text levels in the order the script drew them)
    want = sorted(case["levels"]) if spec["kind"] == "str" else case["levels"]
    assert [str(level) for level in res.outcomes] == want
    assert res.nobs == case["nobs"]
    assert res.llf == pytest.approx(case["llf"], rel=1e-9)
    if not case["aliased"]:
        # R and formulaic name columns differently: pair each equation's (coef, se) sorted;
        # the probabilities below pin every coefficient to its column
        for eq, coef, se in zip(case["eqs"], case["coef"], case["se"], strict=True):
            col = _column(res.params, eq)
            mine = np.array(sorted(zip(res.params[col], res.bse[col], strict=True)))
            theirs = np.array(sorted(zip(coef, se, strict=True)))
            np.testing.assert_array_less(
                np.abs(mine[:, 0] - theirs[:, 0]), 1e-6 * theirs[:, 1], err_msg=f"coef {eq}"
            )
            np.testing.assert_allclose(mine[:, 1], theirs[:, 1], rtol=1e-6, err_msg=f"se {eq}")
    got = res.predict(new)
    for level, values in zip(case["levels"], case["predict"], strict=True):
        np.testing.assert_allclose(got[_column(got, level)], values, rtol=0, atol=1e-8)
    if case["aliased"]:
        return
    # R's term labels and formulaic's differ in spelling and order: compare sorted triples
    terms = case["anova2"]
    wald = {term: res.wald_test(term).statistic for term in anova.index}
    mine = sorted(zip(anova["df"], anova["chi2"], [wald[t] for t in anova.index], strict=True))
    theirs = sorted(zip(terms["df"], terms["chi2"], terms["wald"], strict=True))
    assert [m[0] for m in mine] == [t[0] for t in theirs]
    np.testing.assert_allclose(np.array(mine)[:, 1:], np.array(theirs)[:, 1:], rtol=1e-6, atol=1e-6)
