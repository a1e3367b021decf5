"""Thirty-four random data sets and formulas against R (tests/reference/make_random_formulas.py
draws them, make_random_formulas.R fits them by VGAM): formulas crossing the kinds of terms
(factors given as text, as a Categorical with an unused category, as integer codes in C(), as
an ordered Categorical; factor:factor, factor:number and number:number interactions, `*`, `/`
and three-way terms; poly() raw and orthogonal, bs(), cr() with ns()'s knots, scale(),
center(), logs, I(); Sum, Helmert, Poly and Treatment codings; no intercept), K = 2 to 6
outcomes of unbalanced frequencies, rows missing a predictor, integer frequency weights and
fractional (probability) weights, small and moderate n. Each fit's log-likelihood, null
log-likelihood, AIC, BIC, LR test, coefficients and standard errors (against two
references, the second through with_ref), type II and III likelihood-ratio tests, the Wald
test of a term and the probabilities at new rows (whose Categorical lists its categories in
another order) must be R's.

The coefficients of an equation are compared as sorted values, since R and formulaic name
design columns differently; the probabilities at new rows pin every coefficient to its
column."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "random_formulas.json").read_text())
ROWS = pd.read_csv(refdata.REF_DIR / "random_formulas.csv.gz")
CASES = {case["spec"]["seed"]: case for case in REF["cases"]}
# VGAM's IRLS to epsilon 1e-13 against mnlogit's Newton fit: coefficients and standard
# errors agree to ~1e-8 relative (the largest gaps are in fits with standard errors ~1e2)
RTOL = 1e-6


def _frames(seed: int) -> tuple[pd.DataFrame, pd.DataFrame]:
    rows = ROWS[ROWS["case"] == seed]
    fit = rows[rows["role"] == "fit"].drop(columns=["case", "role"]).reset_index(drop=True)
    new = rows[rows["role"] == "new"].drop(columns=["case", "role"]).reset_index(drop=True)
    fit["g"] = pd.Categorical(fit["g"], categories=["q", "p", "r", "s"])  # s unused
    fit["o"] = pd.Categorical(fit["o"], categories=["lo", "mid", "hi"], ordered=True)
    fit["f"] = fit["f"].astype(object).where(fit["f"].notna(), None)
    new["g"] = pd.Categorical(new["g"], categories=["s", "r", "p", "q"])  # another order
    return fit, new


def _fit(seed: int, ref: str | None = None) -> mnlogit.MNLogitResults:
    spec = CASES[seed]["spec"]
    kwargs: dict = {"ref": ref or spec["ref"]}
    if spec["weights"]:
        kwargs["weights"] = "w"
    if spec["pweights"]:
        kwargs["weight_type"] = "probability"
    data, _ = _frames(seed)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # rare levels, weights' notes: not what is tested
        return mnlogit.fit(spec["formula_py"], data, **kwargs)


def _sorted_close(got: pd.DataFrame, want: dict, what: str, scale: dict | None = None) -> None:
    for eq, cols in want.items():
        mine = np.sort(got[next(c for c in got.columns if str(c) == eq)].to_numpy())
        theirs = np.sort(np.array(list(cols.values()), dtype=float))
        # a coefficient is as exact as its standard error allows
        tol = RTOL * np.maximum(1.0, np.abs(theirs))
        if scale is not None:
            tol = RTOL * np.maximum(tol / RTOL, max(scale[eq].values()))
        np.testing.assert_array_less(np.abs(mine - theirs), tol, err_msg=f"{what} {eq}")


@pytest.mark.parametrize("seed", sorted(CASES))
def test_fit_statistics_and_estimates(seed):
    case = CASES[seed]
    res = _fit(seed)
    assert res.separation is None and res.converged
    assert res.llf == pytest.approx(case["llf"], rel=1e-9)
    same = case["spec"]["same_params"]  # not cr(), another basis of ns()'s columns
    if same:
        _sorted_close(res.params, case["coef"], "coef", case["se"])
    if case["spec"]["pweights"]:  # design-based standard errors: R's model-based are not them
        assert res.nobs == case["rows"]  # rows of positive weight, as R's nobs() after svyglm
        return
    assert res.nobs == pytest.approx(case["nobs"], rel=1e-12)
    assert res.llnull == pytest.approx(case["llnull"], rel=1e-9)
    assert res.aic == pytest.approx(case["aic"], rel=1e-9)
    assert res.bic == pytest.approx(case["bic"], rel=1e-9)
    lr = res.lr_test()
    q = len(case["levels"]) - 1
    assert lr.statistic == pytest.approx(2 * (case["llf"] - case["llnull"]), rel=1e-6, abs=1e-6)
    assert lr.df == case["npar"] - (q if case["spans"] else 0)
    if same:
        _sorted_close(res.bse, case["se"], "se")


@pytest.mark.parametrize("seed", sorted(CASES))
def test_another_reference(seed):
    case = CASES[seed]
    res = _fit(seed).with_ref(case["spec"]["ref2"])
    if not case["spec"]["same_params"]:
        assert res.llf == pytest.approx(case["ref2"]["llf"], rel=1e-9)
        return
    _sorted_close(res.params, case["ref2"]["coef"], "with_ref coef", case["ref2"]["se"])
    if not case["spec"]["pweights"]:
        _sorted_close(res.bse, case["ref2"]["se"], "with_ref se")


@pytest.mark.parametrize("seed", sorted(CASES))
def test_predictions_at_new_rows(seed):
    case = CASES[seed]
    _, new = _frames(seed)
    got = _fit(seed).predict(new)
    for level, values in case["predict"].items():
        column = next(c for c in got.columns if str(c) == level)
        np.testing.assert_allclose(got[column].to_numpy(), values, rtol=0, atol=1e-8)


TESTED = sorted(s for s, c in CASES.items() if not c["spec"]["pweights"])


@pytest.mark.parametrize("seed", [s for s in TESTED if "anova2" in CASES[s]])
@pytest.mark.parametrize("kind", ["II", "III"])
def test_likelihood_ratio_tests_by_term(seed, kind):
    case = CASES[seed]
    want = case["anova2" if kind == "II" else "anova3"]
    got = _fit(seed).anova(type=kind)
    assert got.attrs["test"] == "LR"
    # R's term labels and formulaic's differ in spelling and may differ in order: compare
    # the (df, chi2) pairs
    mine = sorted(zip(got["df"], got["chi2"], strict=True))
    theirs = sorted(zip(want["df"], want["chi2"], strict=True))
    assert [d for d, _ in mine] == [d for d, _ in theirs]
    np.testing.assert_allclose([c for _, c in mine], [c for _, c in theirs], rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("seed", [s for s in TESTED if "wald" in CASES[s]])
def test_wald_test_of_a_term(seed):
    case = CASES[seed]
    res = _fit(seed)
    term = case["wald"]["term"]
    if term.startswith("cr("):
        term = case["spec"]["formula_py"][case["spec"]["formula_py"].index("cr(") :]
        term = term[: term.index(")") + 1]
    test = res.wald_test(term)
    assert test.df == case["wald"]["df"]
    assert test.statistic == pytest.approx(case["wald"]["chi2"], rel=1e-6)
