"""Contrasts of contrasts on a reference grid against emmeans' interaction contrasts, and
differences from a reference level other than the first against its trt.vs.ctrl
(tests/reference/margins_interaction_contrasts.R): a model whose grid reads its numeric
variables through stateful transforms (an orthogonal polynomial, a log), which the grid's
single rows must take with the fit's state. R fits against car; the fits here against car and
walk: margins of probabilities do not depend on the reference."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_interaction_contrasts.json").read_text())
RTOL = 1e-6  # nnet's standard errors agree with VGAM's to ~4e-8 (stored in the JSON)
ATOL = 1e-8


@pytest.fixture(scope="module", params=["car", "walk"])
def fit(request):
    df = mnlogit.datasets.load("travel").dropna(subset=["income"])
    res = mnlogit.fit(REF["formula"], df.assign(ag=df["age"] / 100), ref=request.param)
    assert REF["vgam_agreement"]["se"] < 1e-6
    np.testing.assert_allclose(res.llf, REF["loglik"], rtol=1e-12)
    return res


def _check(frame: pd.DataFrame, want: list[dict], on: list[str]) -> None:
    want_frame = pd.DataFrame(want)
    merged = frame.merge(want_frame, on=on, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(frame)
    for column in ("estimate", "lower", "upper"):
        np.testing.assert_allclose(merged[column], merged[f"{column}_r"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL)


def test_grid_margins_over_two_interacting_factors(fit):
    m = fit.margins(over=["region", "purpose"], average="grid")
    _check(m.to_frame(), REF["grid"], ["region", "purpose", "outcome"])


def test_a_contrast_of_contrasts_is_emmeans_interaction_contrast(fit):
    m = fit.margins(over=["region", "purpose"], average="grid")
    frame = m.contrast("region").contrast("purpose").to_frame()
    # emmeans labels each factor's pairwise difference in a column of its own
    frame = frame.rename(columns={"region": "region_pairwise", "purpose": "purpose_pairwise"})
    _check(frame, REF["interaction"], ["region_pairwise", "purpose_pairwise", "outcome"])


def test_differences_from_a_later_reference_level_at_ages_through_a_polynomial(fit):
    m = fit.margins(at={"ag": [0.3, 0.6]}, over="purpose", average="grid")
    _check(m.to_frame(), REF["grid_age"], ["purpose", "outcome", "ag"])
    frame = m.contrast("purpose", "reference", ref="work").to_frame()
    _check(
        frame.rename(columns={"purpose": "contrast"}),
        REF["versus_work"],
        ["contrast", "outcome", "ag"],
    )
