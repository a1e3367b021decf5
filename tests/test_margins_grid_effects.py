"""Marginal effects on a reference grid (``margins(kind="effect", average="grid")``) against
emmeans (tests/reference/margins_grid_effects.R): the slope of hincome, which enters through
log(hincome) and its interaction with children, as a central difference of emmeans' grid
probabilities (its delta-method standard error), and the discrete changes of the factors as
emmeans' trt.vs.ctrl contrasts. R fits against the first level; the fits here against each
level: effects on probabilities do not depend on the reference."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_grid_effects.json").read_text())
CASE = REF["case"]
RTOL = 1e-6  # nnet's BFGS fit is converged to ~1e-9 in the coefficients
ATOL = 1e-9


@pytest.fixture(scope="module", params=["not.work", "fulltime", "parttime"])
def res(request):
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    fit = mnlogit.fit(CASE["formula"], df, ref=request.param)
    np.testing.assert_allclose(fit.llf, CASE["loglik"], rtol=1e-10)
    return fit


def _check(got: pd.DataFrame, want: list[dict], on: list[str]) -> None:
    want_frame = pd.DataFrame(want)
    if "hincome" in on:
        got = got.assign(hincome=got["hincome"].astype(float))
        want_frame = want_frame.assign(hincome=want_frame["hincome"].astype(float))
    merged = got.merge(want_frame, on=on, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL)


def test_the_slope_at_the_grid_s_mean_by_children(res):
    m = res.margins(over="children", kind="effect", average="grid", variables="hincome")
    assert any(f"hincome = {CASE['mean_hincome']:.4g}" in n for n in m.notes)
    _check(m.to_frame(), CASE["slope_at_mean_by_children"], ["children", "outcome"])


def test_slopes_and_discrete_changes_at_chosen_values(res):
    m = res.margins(at=CASE["at"], kind="effect", average="grid").to_frame()
    slopes = m[m["variable"] == "hincome"]
    _check(slopes, CASE["slope_at"], ["hincome", "outcome"])
    changes = m[m["variable"] != "hincome"]
    _check(changes, CASE["changes"], ["variable", "hincome", "outcome"])
    assert len(changes) == len(CASE["changes"])
