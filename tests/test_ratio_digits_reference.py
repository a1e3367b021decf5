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
