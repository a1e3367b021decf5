"""Contrasts between the outcomes of margins (``Margins.contrast("outcome")``) against emmeans'
contrasts over a multinomial response on its reference grid (tests/reference/margins_outcomes.R).
R fits against the first level; the fits here against each level: differences of
probabilities do not depend on the reference."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_outcomes.json").read_text())
CASE = REF["case"]
RTOL = 1e-6  # nnet's BFGS fit is converged to ~1e-9 in the coefficients
ATOL = 1e-9


@pytest.fixture(scope="module", params=CASE["levels"])
def margins(request):
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    res = mnlogit.fit(CASE["formula"], df, ref=request.param)
    np.testing.assert_allclose(res.llf, CASE["loglik"], rtol=1e-10)
    return res.margins(at=CASE["at"], over="children", average="grid")


def _check(got: pd.DataFrame, want: list[dict]) -> None:
    want_frame = pd.DataFrame(want)
    on = ["hincome", "children", "outcome"]
    got = got.assign(hincome=got["hincome"].astype(float))
    want_frame = want_frame.assign(hincome=want_frame["hincome"].astype(float))
    merged = got.merge(want_frame, on=on, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(got)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL)


def test_the_margins_match(margins):
    _check(margins.to_frame(), CASE["margins"])


def test_pairwise_differences_between_outcomes(margins):
    _check(margins.contrast("outcome").to_frame(), CASE["pairwise"])


def test_differences_from_a_reference_outcome(margins):
    got = margins.contrast("outcome", "reference", ref=CASE["levels"][0]).to_frame()
    _check(got, CASE["reference"])
