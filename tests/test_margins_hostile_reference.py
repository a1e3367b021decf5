"""Margins against emmeans on data that make fits awkward (tests/reference/margins_hostile.R):
frequency weights with rows of weight 0, rows missing a variable and a column no formula reads
with missing values, at= values outside the data, a factor interacted with a number under a
treatment coding against a later level (``C(g, Treatment('b'))``, ``C(k, Treatment(2))`` of a
whole number) and under sum coding, an orthogonal polynomial, and a factor with an unused
level. Margins averaged over the rows are emmeans' counterfactuals weighted by the frequency
weights; grid margins set every number by ``at=``; the slope of x is emmeans' central
difference. Estimates, standard errors, z, p-values and interval bounds, with contrasts."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_hostile.json").read_text())
CASES = REF["cases"]
STATS = ("estimate", "std_error", "lower", "upper", "z", "pvalue")
# nnet's numerical Hessian: its standard errors are within 5e-5 of the exact information's
# relative to their size (the polynomial at x = -3 and 10, far beyond the data, up to 4e-5)
SE_RTOL = 5e-5
ATOL = 2e-8  # estimates: nnet's BFGS stops within ~1e-8 of the optimum
ATOL_FAR = 2e-6  # the polynomial's margins beyond the data move more with the coefficients


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    df = pd.read_csv(refdata.REF_DIR / "margins_hostile.csv")
    # a level no row has: mnlogit drops it, as R's read.csv never sees it
    df["g"] = pd.Categorical(df["g"], categories=["a", "b", "c", "d"])
    return df


def _fit(data: pd.DataFrame, name: str) -> mnlogit.MNLogitResults:
    """The case's fit, at nnet's log-likelihood (to the JSON's 12 digits)."""
    case = CASES[name]
    res = mnlogit.fit(case["formula"], data, weights=case["weights"] or None, ref="A")
    assert res.llf == pytest.approx(case["loglik"], rel=1e-10)
    return res


def _text(value: object) -> str:
    """A key as both tables write it: -2.0 and R's -2 as "-2", R's "k0 - k2" as "0 - 2"."""
    number = isinstance(value, (int, float)) and float(value).is_integer()
    return re.sub(r"\bk(?=\d)", "", str(int(value) if number else value))


def _check(m: mnlogit.Margins, rows: list[dict], var: str | None, atol: float) -> None:
    """``m``'s table against R's rows matched on their keys; ``var`` is the variable whose
    contrasts R labels ``contrast`` (``"slope"``: mnlogit's effects of x)."""
    got = m.to_frame()
    want = pd.DataFrame(rows).rename(columns={"y": "outcome", "se": "std_error"})
    if var == "slope":  # R's slope is one contrast, unlabelled
        got = got.drop(columns="variable")
    elif var is not None:
        want = want.rename(columns={"contrast": var})
    keys = [c for c in want.columns if c not in STATS]
    assert sorted(keys) == sorted(c for c in got.columns if c not in STATS)
    for frame in (got, want):
        for key in keys:
            frame[key] = frame[key].map(_text)
    merged = got.merge(want, on=keys, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(got) == len(want)
    # beyond the data, margins whose logit-scale interval reaches 1/2 have no standard error
    # where emmeans' delta method gives an interval well on one side of it
    # (tests/test_margins_undetermined.py); their estimates are still emmeans'
    loose = merged["std_error"].isna().to_numpy()
    if loose.any():
        said = " ".join(m.notes)
        # effects made of such margins, where a point of their interval's region contradicts
        # it (tests/test_effects_undetermined.py), have none either
        assert "do not tell on which side of 1/2" in said or (
            m.kind == "effect" and "effect(s) have no standard error" in said
        )
        if var is None:  # margins of probabilities: R's own numbers say so
            p, se_r = merged["estimate_r"].to_numpy(), merged["std_error_r"].to_numpy()
            reaches = np.abs(np.log(p / (1 - p))) <= 1.959964 * se_r / (p * (1 - p))
            clear = np.abs(p - 0.5) > 2 * 1.959964 * se_r
            np.testing.assert_array_equal(loose, reaches & clear)
        assert (np.abs(merged["estimate"] - merged["estimate_r"]) <= atol)[loose].all()
        merged = merged[~loose]
    se = merged["std_error_r"].to_numpy()
    np.testing.assert_allclose(merged["std_error"], se, rtol=SE_RTOL, atol=1e-12)
    for column in ("estimate", "lower", "upper"):
        # an interval bound moves with the standard error times 1.96
        tol = atol + 2 * SE_RTOL * (se if column != "estimate" else 0)
        assert (np.abs(merged[column] - merged[f"{column}_r"]) <= tol).all(), column
    z = merged["estimate"] / merged["std_error"]
    np.testing.assert_allclose(merged["z"], z, rtol=1e-12)
    # z moves with the standard error, and with the estimate over it
    off = np.abs(merged["z"] - merged["z_r"]).to_numpy()
    assert (off <= 2 * SE_RTOL * np.abs(merged["z_r"]) + atol / se).all()
    np.testing.assert_allclose(merged["pvalue"], merged["pvalue_r"], rtol=1e-3, atol=1e-6)


def test_weighted_rows_and_grid_with_an_interaction(data):
    res = _fit(data, "x_g_weighted")
    ref = CASES["x_g_weighted"]
    rows = res.margins(over="g")
    _check(rows, ref["rows_g"], None, ATOL)
    _check(rows.contrast("g"), ref["rows_g_pairs"], "g", ATOL)
    _check(res.margins(at={"x": [-2, 8]}), ref["rows_x"], None, ATOL)
    both = res.margins(at={"x": [-2, 8]}, over="g")
    _check(both, ref["rows_g_x"], None, ATOL)
    _check(both.contrast("g", "reference"), ref["rows_g_x_trt"], "g", ATOL)
    grid = res.margins(at={"x": [-2, 1, 8]}, over="g", average="grid")
    _check(grid, ref["grid_g_x"], None, ATOL)
    _check(grid.contrast("g", "reference"), ref["grid_g_trt"], "g", ATOL)
    slope = res.margins(at={"x": [-2, 8]}, over="g", average="grid", kind="effect", variables="x")
    _check(slope, ref["slope_x_by_g"], "slope", ATOL)
    # the average effect of x with x set to each value in every row of positive weight
    ame = res.margins(at={"x": [-2, 3, 8]}, kind="effect", variables="x")
    _check(ame, ref["rows_slope_x"], "slope", ATOL)


@pytest.mark.parametrize(("name", "factor"), [("treatment_b", "g"), ("treatment_k", "k")])
def test_a_treatment_baseline_after_the_first_level(data, name, factor):
    res = _fit(data, name)
    ref = CASES[name]
    rows = res.margins(over=factor)
    _check(rows, ref[f"rows_{factor}"], None, ATOL)
    _check(rows.contrast(factor, "reference"), ref[f"rows_{factor}_trt"], factor, ATOL)
    at = sorted({r["x"] for r in ref[f"grid_{factor}_x"]})
    grid = res.margins(at={"x": at}, over=factor, average="grid")
    _check(grid, ref[f"grid_{factor}_x"], None, ATOL)
    _check(grid.contrast(factor, "reference"), ref[f"grid_{factor}_trt"], factor, ATOL)
    if "slope_x_by_g" in ref:
        slope = res.margins(
            at={"x": [0, 7]}, over="g", average="grid", kind="effect", variables="x"
        )
        _check(slope, ref["slope_x_by_g"], "slope", ATOL)


def test_sum_coding_with_a_factor_by_number_interaction(data):
    res = _fit(data, "sum_xh")
    ref = CASES["sum_xh"]
    _check(
        res.margins(at={"x": [1, 9]}, over=["g", "h"], average="grid"), ref["grid_gh_x"], None, ATOL
    )
    pairs = res.margins(at={"x": [1, 9]}, over="g", average="grid").contrast("g")
    _check(pairs, ref["grid_g_pairs"], "g", ATOL)
    res = _fit(data, "sum_x")
    ref = CASES["sum_x"]
    _check(res.margins(over="g"), ref["rows_g"], None, ATOL)
    _check(
        res.margins(at={"x": [-3, 2, 10]}, over="g", average="grid"), ref["grid_g_x"], None, ATOL
    )
    # sum coding has no baseline: the reference is the first level, as emmeans' ref = 1
    far = res.margins(at={"x": [-3, 10]}, over="g", average="grid").contrast("g", "reference")
    _check(far, ref["grid_g_trt"], "g", ATOL)
    slope = res.margins(at={"x": [-3, 10]}, over="g", average="grid", kind="effect", variables="x")
    _check(slope, ref["slope_x_by_g"], "slope", ATOL)


def test_a_polynomial_and_a_log_beyond_the_data(data):
    res = _fit(data, "poly_weighted")
    ref = CASES["poly_weighted"]
    grid = res.margins(at={"x": [-3, 2, 10]}, over="h", average="grid")
    _check(grid, ref["grid_h_x"], None, ATOL_FAR)
    _check(res.margins(over="h"), ref["rows_h"], None, ATOL)
    slope = res.margins(at={"x": [-3, 10]}, over="h", average="grid", kind="effect", variables="x")
    _check(slope, ref["slope_x_by_h"], "slope", ATOL_FAR)
    res = _fit(data, "log_weighted")
    ref = CASES["log_weighted"]
    at = {"x2": [0.01, 1, 100]}
    _check(res.margins(at=at, over="h", average="grid"), ref["grid_h_x2"], None, ATOL)
    _check(res.margins(over="g"), ref["rows_g"], None, ATOL)
