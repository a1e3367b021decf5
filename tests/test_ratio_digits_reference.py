"""Relative-risk ratios close to 1 are shown with the digits that say how far from 1 they are.

A slope in small units (household income in dollars) has a coefficient of about -1e-4 and a
ratio of 0.9999: four decimals showed the ratio of fulltime's equation, 0.999903 (z = -3.46),
as 0.9999 and its 95% interval, [0.999848, 0.999958], as [0.9998, 1.0000], an interval that
reached 1 beside a p-value of 0.0005; parttime's ratio 1.0000069 read 1.0000 with the interval
[1.0000, 1.0001]. The summary's table (text, Markdown, LaTeX, HTML), ``to_latex`` and
``compare`` now show such ratios and bounds with two significant digits of their distance from
1, as coefficients below 1e-3 get theirs in e-notation.

Against R (tests/reference/make_ratio_digits.R: VGAM::vglm of ``partic ~ hdollars + children``
on womenlf.csv, reference not.work): every ratio and bound shown is R's to within its last
shown digit, and its distance from 1 is R's to within 5%.
"""

from __future__ import annotations

import json
import math
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit
from mnlogit.report._format import num, ratio

# the doubles next to 1, whose distance from it is all float64 holds
NEAR_ONE = (1 + 2**-52, 1 - 2**-53)
REF = json.loads((refdata.REF_DIR / "ratio_digits.json").read_text())


@pytest.fixture(scope="module")
def res() -> mnlogit.MNLogitResults:
    df = refdata.data("womenlf").assign(hdollars=lambda d: d["hincome"] * 1000)
    return mnlogit.fit("partic ~ hdollars + children", df, ref="not.work")


def _expected() -> pd.DataFrame:
    return pd.DataFrame(REF["rows"]).set_index(["outcome", "term"])


def _agrees(shown: str, want: float) -> None:
    """``shown`` is ``want`` rounded to the decimals shown, and keeps its distance from 1."""
    got = float(shown)
    decimals = len(shown.split(".")[1]) if "." in shown else 0
    assert abs(got - want) <= 0.5 * 10.0**-decimals * (1 + 1e-9), (shown, want)
    if abs(want - 1) < 1e-3:
        assert abs(abs(got - 1) - abs(want - 1)) <= 0.05 * abs(want - 1), (shown, want)


def test_the_fit_is_r_s(res):
    want = _expected()
    got = res.to_frame().loc[want.index]
    np.testing.assert_allclose(got["estimate"], want["coef"], rtol=1e-6)
    np.testing.assert_allclose(got["z"], want["z"], rtol=1e-5)
    np.testing.assert_allclose(res.llf, REF["loglik"], rtol=1e-9)


@pytest.mark.parametrize(("alpha", "level"), [(0.05, "95"), (0.1, "90")])
def test_summary_shows_each_ratio_and_bound_with_its_distance_from_one(res, alpha, level):
    want = _expected()
    summary = res.summary(odds_ratios=True, alpha=alpha)
    latex, markdown, text = summary.as_latex(), summary.as_markdown(), str(summary)
    for title, rows in summary.blocks:
        outcome = title.split(" vs ")[0]
        for term, shown, _se, _z, _p, lower, upper in rows:
            row = want.loc[(outcome, term)]
            _agrees(shown, row["ratio"])
            _agrees(lower, row[f"lower{level}"])
            _agrees(upper, row[f"upper{level}"])
            for cell in (shown, lower, upper):
                assert cell in latex and cell in markdown and cell in text
    # the interval of a ratio significantly below 1 stays below 1, as R's does
    rows = dict((title.split(" vs ")[0], rows) for title, rows in summary.blocks)
    fulltime = {row[0]: row for row in rows["fulltime"]}
    assert float(fulltime["hdollars"][6]) < 1
    table = res.to_latex(odds_ratios=True, alpha=alpha)
    for _title, rows in summary.blocks:
        for _term, shown, _se, _z, _p, lower, upper in rows:
            assert f"{shown} & " in table and f"& {lower} & {upper} \\\\" in table


def test_compare_shows_the_same_ratios(res):
    want = _expected()
    table = mnlogit.compare([res], odds_ratios=True, se="ci")
    text = table.as_text()
    for outcome in ("fulltime", "parttime"):
        row = want.loc[(outcome, "hdollars")]
        shown, lower, upper = ratio(row["ratio"]), ratio(row["lower95"]), ratio(row["upper95"])
        _agrees(shown, row["ratio"])
        assert shown in text and f"[{lower}, {upper}]" in text


@pytest.mark.parametrize(
    "x",
    [1.0, 0.5, 2.5, 1e-5, 1e7, 1.001, 0.999, 1 + 1e-3, 1 - 2.4e-4, 1 + 3e-9, *NEAR_ONE],
)
def test_ratio_keeps_two_digits_of_the_distance_from_one(x):
    shown = ratio(x)
    gap = abs(x - 1)
    if gap == 0 or gap >= 1e-3:
        assert shown == num(x)
        return
    assert abs(float(shown) - x) <= 0.5 * 10.0 ** -len(shown.split(".")[1])
    # two significant digits of the distance, or every digit float64 holds of it
    assert abs(abs(float(shown) - 1) - gap) <= max(0.05 * gap, 1e-16)
    assert len(shown.split(".")[1]) <= 16
    assert not math.isnan(float(shown))


def test_ratios_past_the_range_are_shown_as_before():
    assert ratio(float("nan")) == "nan"
    assert ratio(float("inf")) == "inf"
    assert ratio(0.0) == num(0.0)


def _distance(shown: str) -> float:
    """How far from 1 a ratio as shown is: ``1.000000000000000022`` or ``1-1.5e-25``."""
    if shown.startswith(("1-", "1+")):
        return float(shown[1:])
    return float(Decimal(shown) - 1)


@pytest.mark.parametrize("log", [2.2e-17, -2.9e-17, 3e-16, -1e-14, 5e-20, -1.5e-25, 1e-300])
def test_ratio_past_float64_keeps_its_distance_from_one_from_the_coefficient(log):
    shown = ratio(math.exp(log), log=log)
    want = math.expm1(log)
    assert abs(_distance(shown) - want) <= 0.05 * abs(want), (shown, want)
    assert len(shown) <= 22  # 20 decimals at most, else 1 and the distance
    assert ratio(1.0, log=0.0) == num(1.0)


@pytest.fixture(scope="module")
def per_nanosecond() -> mnlogit.MNLogitResults:
    # a time stamp given as int64 nanoseconds: slopes of about 1e-17, exp(slope) == 1.0
    rng = np.random.default_rng(3)
    years = rng.uniform(0, 3, 300)
    eta = np.column_stack([np.zeros(300), -0.5 + 0.8 * years, 0.3 - 0.6 * years])
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[(rng.uniform(size=(300, 1)) > p.cumsum(axis=1)).sum(axis=1)]
    t = 1.6e18 + years * 365.25 * 86400e9
    return mnlogit.fit("y ~ t", pd.DataFrame({"y": y, "t": t.astype(np.int64)}))


def test_ratios_of_a_slope_per_nanosecond_are_not_one(per_nanosecond):
    frame = per_nanosecond.to_frame()
    assert (frame.loc[(slice(None), "t"), "odds_ratio"] == 1.0).all()  # float64's ratio
    for alpha in (0.05, 0.1):
        summary = per_nanosecond.summary(odds_ratios=True, alpha=alpha)
        frame = per_nanosecond.to_frame(alpha=alpha)
        for title, rows in summary.blocks:
            _term, shown, _se, _z, _p, lower, upper = rows[1]
            want = frame.loc[(title.split(" vs ")[0], "t")]
            for cell, log in ((shown, "estimate"), (lower, "lower"), (upper, "upper")):
                expected = math.expm1(want[log])
                assert abs(_distance(cell) - expected) <= 0.05 * abs(expected), (cell, log)
            # the interval of a slope significantly away from 0 excludes 1, as its p says
            excludes = _distance(lower) * _distance(upper) > 0
            assert excludes == (want["pvalue"] < alpha), (lower, upper, want["pvalue"])
            for text in (summary.as_latex(), summary.as_markdown(), str(summary)):
                assert shown in text and lower in text and upper in text
    table = mnlogit.compare([per_nanosecond], odds_ratios=True, se="ci").as_text()
    for outcome in ("b", "c"):
        want = per_nanosecond.to_frame().loc[(outcome, "t")]
        shown = [ratio(1.0, log=want[c]) for c in ("estimate", "lower", "upper")]
        assert shown[0] in table and f"[{shown[1]}, {shown[2]}]" in table
        assert "[1.0000, 1.0000]" not in table
