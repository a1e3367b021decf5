"""Margins against emmeans column by column (tests/reference/margins_emmeans_more.R): estimate,
standard error, z, p-value and interval bounds, at 95% and 90%, for a factor-by-numeric
interaction through poly(), a model of factors only (margins averaged over the rows are
emmeans' weights = "proportional", on a grid its "equal"; unweighted and with frequency
weights), an ordered factor, and contrasts that are 0 whatever the coefficients (standard
error 0, no test); the Bonferroni factor the contrasts' note gives is emmeans'."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_emmeans_more.json").read_text())
CASES = REF["cases"]
STATS = ("estimate", "std_error", "z", "pvalue", "lower", "upper")
# nnet's BFGS stops with the coefficients of the poly() fit ~1e-6 from the optimum (its
# log-likelihood agrees to 1e-12); the others are within ~1e-8
ATOL = {"poly_children": 2e-6, "factors": 2e-7, "factors_weighted": 1e-9, "ordered": 1e-9}
ATOL["log_region"] = ATOL["interaction"] = 1e-8
# z = estimate / se is as far off as the estimate relative to the standard error, and so p
Z_ATOL = {name: 50 * tol for name, tol in ATOL.items()}


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    df["w"] = 1 + np.arange(1, len(df) + 1) % 3
    order = ["Atlantic", "Quebec", "Ontario", "Prairie", "BC"]
    df["region_o"] = pd.Categorical(df["region"], categories=order, ordered=True)
    return df


def _fit(data: pd.DataFrame, name: str) -> mnlogit.MNLogitResults:
    case = CASES[name]
    formula = case["formula"].replace("log(", "np.log(")
    weights = "w" if name == "factors_weighted" else None
    res = mnlogit.fit(formula, data, ref=REF["ref"], weights=weights)
    assert res.llf == pytest.approx(case["loglik"], rel=1e-9)
    return res


def _text(value: object) -> str:
    """A key as both tables write it: 5.0 as 5, R's "hincome5" as 5."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return re.sub(r"\bhincome(?=\d)", "", str(value))


def _check(
    got: pd.DataFrame, want: list[dict], case: str, stats=STATS, var: str | None = None
) -> pd.DataFrame:
    """Every column of ``got`` (a margins table) against R's rows, matched on their keys;
    ``var`` is the variable contrasted, whose labels R holds in ``contrast``."""
    ref = pd.DataFrame(want).rename(columns={"partic": "outcome", "se": "std_error"})
    ref = ref.rename(columns={"contrast": var})
    keys = [c for c in got.columns if c not in STATS]
    assert sorted(keys) == sorted(c for c in ref.columns if c not in STATS)
    got = got.copy()
    for frame in (got, ref):
        for column in keys:
            frame[column] = frame[column].map(_text)
    merged = got.merge(ref, on=keys, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(ref) == len(got)
    # a margin whose logit-scale interval reaches 1/2 has no standard error where emmeans'
    # lies well on one side of 1/2 (beyond the data: absent children end at hincome = 35;
    # tests/test_margins_undetermined.py), nor a difference of it; estimates are emmeans'
    loose = merged["std_error"].isna().to_numpy()
    if var is None and "std_error" in stats:  # margins of probabilities: R's numbers say which
        p, se = merged["estimate_r"].to_numpy(), merged["std_error_r"].to_numpy()
        crit = (merged["upper_r"] - merged["estimate_r"]).to_numpy() / se  # R's own
        reaches = np.abs(np.log(p / (1 - p))) <= crit * se / (p * (1 - p))
        np.testing.assert_array_equal(loose, reaches & (np.abs(p - 0.5) > 2 * crit * se))
    merged = merged[~loose]
    for column in stats:
        tol = Z_ATOL[case] if column in ("z", "pvalue") else ATOL[case]
        mine = merged[column].to_numpy(np.float64)
        theirs = merged[f"{column}_r"].to_numpy(np.float64)
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=tol, err_msg=column)
    return merged


@pytest.mark.parametrize("alpha, table", [(0.05, "grid"), (0.10, "grid_90")])
def test_poly_by_factor_grid(data, alpha, table):
    res = _fit(data, "poly_children")
    m = res.margins(at={"hincome": [5, 20, 40]}, over="children", average="grid", alpha=alpha)
    got = m.to_frame()
    assert got.attrs["alpha"] == alpha
    _check(got, CASES["poly_children"][table], "poly_children")


@pytest.mark.parametrize(
    "var, alpha, table",
    [
        ("children", 0.05, "children_pairs"),
        ("hincome", 0.05, "hincome_pairs"),
        ("hincome", 0.10, "hincome_pairs_90"),
    ],
)
def test_poly_by_factor_pairs(data, var, alpha, table):
    res = _fit(data, "poly_children")
    m = res.margins(at={"hincome": [5, 20, 40]}, over="children", average="grid", alpha=alpha)
    got = m.contrast(var).to_frame()
    _check(got, CASES["poly_children"][table], "poly_children", var=var)


def _bonferroni(contrast: mnlogit.Margins) -> int:
    """The factor the note of a contrast says Bonferroni's adjustment multiplies by."""
    found = [re.search(r"multiplies each p-value by (\d+)", n) for n in contrast.notes]
    factors = [int(f[1]) for f in found if f]
    assert len(factors) == 1, contrast.notes
    return factors[0]


@pytest.mark.parametrize(
    "case, var, table",
    [
        ("poly_children", "hincome", "hincome_pairs_bonferroni"),
        ("factors", "region", "region_pairs_bonferroni"),
        ("factors_weighted", "region", "region_pairs_bonferroni"),
    ],
)
def test_the_bonferroni_factor_is_emmeans(data, case, var, table):
    res = _fit(data, case)
    if case == "poly_children":
        m = res.margins(at={"hincome": [5, 20, 40]}, over="children", average="grid")
    else:
        m = res.margins(over=var)
    c = m.contrast(var)
    got = c.to_frame()
    merged = _check(got, CASES[case][table], case, stats=("estimate", "std_error"), var=var)
    adjusted = np.minimum(1.0, _bonferroni(c) * merged["pvalue"].to_numpy())
    np.testing.assert_allclose(adjusted, merged["pvalue_r"], rtol=0, atol=50 * ATOL[case])


@pytest.mark.parametrize("case", ["factors", "factors_weighted"])
def test_rows_are_proportional_weights_and_grid_equal_weights(data, case):
    res = _fit(data, case)
    ref = CASES[case]
    _check(res.margins(over="children").to_frame(), ref["children_proportional"], case)
    _check(res.margins(over="region").to_frame(), ref["region_proportional"], case)
    grid = res.margins(over="children", average="grid").to_frame()
    _check(grid, ref["children_equal"], case)
    pairs = res.margins(over="children").contrast("children").to_frame()
    _check(pairs, ref["children_pairs_proportional"], case, var="children")


def test_an_ordered_factor(data):
    """R codes an ordered factor by orthogonal polynomials, formulaic by treatment contrasts:
    the margins and their contrasts are the same, in the categories' order."""
    res = _fit(data, "ordered")
    m = res.margins(over="region_o", average="grid")
    got = m.to_frame()
    assert list(dict.fromkeys(got["region_o"])) == CASES["ordered"]["levels"]
    _check(got, CASES["ordered"]["grid"], "ordered")
    contrast = m.contrast("region_o", "reference").to_frame()
    _check(contrast, CASES["ordered"]["trt_vs_ctrl"], "ordered", var="region_o")


def test_contrasts_that_are_zero_whatever_the_coefficients(data):
    """log(1) = 0 takes region out of the model at hincome = 1: emmeans gives a difference of 0
    with a standard error of 0, an interval [0, 0] and no test."""
    res = _fit(data, "log_region")
    m = res.margins(at={"hincome": [1, 10]}, over="region", average="grid")
    _check(m.to_frame(), CASES["log_region"]["grid"], "log_region")
    got = m.contrast("region", "reference").to_frame()
    merged = _check(got, CASES["log_region"]["trt_vs_ctrl"], "log_region", (), "region")
    zero = merged["hincome"] == "1"
    assert zero.sum() == 12
    for column in STATS:
        mine = merged[column].to_numpy(np.float64)
        theirs = merged[f"{column}_r"].to_numpy(np.float64)
        np.testing.assert_array_equal(np.isnan(mine), np.isnan(theirs), err_msg=column)
        assert (np.nan_to_num(mine[zero.to_numpy()]) == 0).all()
        tol = Z_ATOL["log_region"] if column in ("z", "pvalue") else ATOL["log_region"]
        np.testing.assert_allclose(mine, theirs, rtol=0, atol=tol, err_msg=column)


def _oriented(frame: pd.DataFrame, column: str, labels: set[str]) -> pd.DataFrame:
    """``frame`` with each difference R writes the other way round (``"b - a"`` where
    mnlogit writes ``"a - b"``) turned round: estimate, z and bounds negated (p the same)."""
    frame = frame.copy()
    for i, label in frame[column].items():
        if label in labels:
            continue
        a, b = label.split(" - ")
        assert f"{b} - {a}" in labels, label
        frame.loc[i, column] = f"{b} - {a}"
        frame.loc[i, ["estimate", "z"]] = -frame.loc[i, ["estimate", "z"]].to_numpy()
        frame.loc[i, ["lower", "upper"]] = -frame.loc[i, ["upper", "lower"]].to_numpy()
    return frame


def _interaction_rows(rows: list[dict], columns: dict[str, str]) -> list[dict]:
    """R's interaction contrasts with their label columns (``region_pairwise``) renamed."""
    return [{columns.get(k, k): v for k, v in row.items()} for row in rows]


@pytest.mark.parametrize("order", [("region", "hincome"), ("hincome", "region")])
def test_a_contrast_of_contrasts_is_one_family(data, order):
    """emmeans adjusts interaction contrasts as one family, here 10 region pairs times the
    hincome pair. The note gave the family of the last contrast alone: taken region first,
    then hincome, it said there was nothing to adjust."""
    res = _fit(data, "interaction")
    m = res.margins(at={"hincome": [10, 30]}, over="region", average="grid")
    c = m.contrast(order[0]).contrast(order[1])
    names = {"region_pairwise": "region", "hincome_pairwise": "hincome"}
    ref = CASES["interaction"]
    _check(c.to_frame(), _interaction_rows(ref["region_by_hincome"], names), "interaction")
    want = _interaction_rows(ref["region_by_hincome_bonferroni"], names)
    merged = _check(c.to_frame(), want, "interaction", stats=("estimate", "std_error"))
    assert _bonferroni(c) == 10
    adjusted = np.minimum(1.0, _bonferroni(c) * merged["pvalue"].to_numpy())
    np.testing.assert_allclose(adjusted, merged["pvalue_r"], rtol=0, atol=Z_ATOL["interaction"])


def test_a_contrast_of_a_contrast_between_outcomes_is_one_family(data):
    """4 regions against the first times 3 pairs of outcomes: emmeans' Bonferroni counts 12
    tests at each hincome, where the note said 3."""
    res = _fit(data, "interaction")
    m = res.margins(at={"hincome": [10, 30]}, over="region", average="grid")
    c = m.contrast("region", "reference").contrast("outcome")
    names = {"region_trt.vs.ctrl": "region", "partic_pairwise": "outcome"}
    ref = CASES["interaction"]
    want = _interaction_rows(ref["region_by_outcome"], names)
    got = _oriented(c.to_frame(), "outcome", {row["outcome"] for row in want})
    _check(got, want, "interaction")
    want = _interaction_rows(ref["region_by_outcome_bonferroni"], names)
    merged = _check(got, want, "interaction", stats=("estimate", "std_error"))
    assert _bonferroni(c) == 12
    adjusted = np.minimum(1.0, _bonferroni(c) * merged["pvalue"].to_numpy())
    np.testing.assert_allclose(adjusted, merged["pvalue_r"], rtol=0, atol=Z_ATOL["interaction"])
