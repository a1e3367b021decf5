"""Marginal effects on a reference grid of variables that enter through transforms (a log, a
square, an interaction of two numeric variables, a B-spline with given knots), their
differences between regions, and 90% intervals, against emmeans (tests/reference/
margins_trends.R): each slope the central difference of emmeans' grid probabilities as one
linear contrast, so that its standard error is emmeans' delta method, and every interval
emmeans' own Wald interval at level 0.90. R fits against car; the fits here against car and
walk: effects on probabilities do not depend on the reference."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_trends.json").read_text())
ALPHA = 1 - REF["level"]
RTOL = 1e-6  # nnet's fit agrees with VGAM's standard errors to ~1e-6 (stored in the JSON)
ATOL = 1e-8  # bounds near 0: the differences' own truncation, h = 1e-4 x, is ~1e-9


@pytest.fixture(scope="module")
def travel():
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    return df.assign(inc=df["income"] / 100, ag=df["age"] / 100)


@pytest.fixture(scope="module", params=["car", "walk"])
def fits(request, travel):
    out = {}
    for name, case in REF["cases"].items():
        # the R fits themselves are close to the maximum: nnet's standard errors are VGAM's
        assert case["vgam_se_agreement"]["se"] < 1e-5
        fit = mnlogit.fit(case["formula"], travel, ref=request.param)
        np.testing.assert_allclose(fit.llf, case["loglik"], rtol=1e-12)
        out[name] = fit
    return out


def _check(got, want: list[dict], on: list[str]) -> None:
    frame = got.to_frame()
    assert frame.attrs["alpha"] == pytest.approx(ALPHA)
    want_frame = pd.DataFrame(want)
    for column in on:
        if frame[column].dtype.kind == "f":
            want_frame[column] = want_frame[column].astype(float)
    merged = frame.merge(want_frame, on=on, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(frame)
    for mine, theirs in [("estimate", "estimate_r"), ("lower", "lower_r"), ("upper", "upper_r")]:
        np.testing.assert_allclose(merged[mine], merged[theirs], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL)


def test_the_slope_of_a_square_and_an_interaction_by_region_and_age(fits):
    case = REF["cases"]["transforms"]
    m = fits["transforms"].margins(
        kind="effect",
        variables="inc",
        at={"ag": [0.3, 0.6]},
        over="region",
        average="grid",
        alpha=ALPHA,
    )
    _check(m, case["income_slope"], ["outcome", "region", "ag"])
    # differences of the slopes between regions: emmeans' pairs, adjust = "none"
    _check(m.contrast("region"), case["income_slope_pairs"], ["outcome", "region", "ag"])


CASES = [
    # the slope of a log at chosen values, by region
    (
        "transforms",
        "distance_slope",
        {"kind": "effect", "variables": "distance", "at": {"distance": [2, 10]}, "over": "region"},
        ["outcome", "region", "distance"],
    ),
    # probabilities with 90% intervals
    (
        "transforms",
        "probs",
        {"at": {"inc": [0.2, 0.6]}, "over": "region"},
        ["outcome", "region", "inc"],
    ),
    # the slope of a spline with given knots, at chosen values
    (
        "spline",
        "income_slope",
        {"kind": "effect", "variables": "inc", "at": {"inc": [0.2, 0.5, 0.9]}},
        ["outcome", "inc"],
    ),
    # the slope of a log in an interaction, at the grid's mean, by the other variable
    (
        "spline",
        "distance_slope_by_age",
        {"kind": "effect", "variables": "distance", "at": {"ag": [0.3, 0.6]}},
        ["outcome", "ag"],
    ),
]


@pytest.mark.parametrize(("case", "table", "options", "on"), CASES, ids=lambda c: str(c)[:30])
def test_grid_margins_of_transformed_variables(fits, case, table, options, on):
    m = fits[case].margins(**options, average="grid", alpha=ALPHA)
    _check(m, REF["cases"][case][table], on)
