"""The default reference of ``Margins.contrast(var, "reference")`` is the level the fit's
coefficients are measured against (a factor's treatment baseline, the fit's reference
outcome), as emmeans' ``trt.vs.ctrl`` takes R's first level, which is R's baseline
(tests/reference/margins_default_reference.R). It compared with the first value instead:
``C(region, Treatment('Ontario'))`` gave differences from Atlantic, while the coefficients
and the discrete changes were against Ontario."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_default_reference.json").read_text())
CASE = REF["case"]
RTOL = 1e-6  # nnet's BFGS fit is converged to ~1e-9 in the coefficients


@pytest.fixture(scope="module")
def res():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    fit = mnlogit.fit(CASE["formula"], df, ref=CASE["ref"])
    np.testing.assert_allclose(fit.llf, CASE["loglik"], rtol=1e-10)
    return fit


def _check(got: pd.DataFrame, want: list[dict], on: list[str]) -> None:
    want_frame = pd.DataFrame(want)
    merged = got.merge(want_frame, on=on, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(got)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=RTOL, atol=1e-9)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL)


def test_a_factor_is_compared_with_its_baseline_in_the_formula(res):
    c = res.margins(over="region", average="grid").contrast("region", "reference")
    _check(c.to_frame(), CASE["region_reference"], ["region", "outcome"])
    assert any("'Ontario', the baseline of 'region'" in n for n in c.notes)


def test_the_differences_are_the_discrete_changes(res):
    """The contrast from the baseline is the discrete change of margins(kind="effect")."""
    c = res.margins(over="region").contrast("region", "reference").to_frame()
    e = res.margins(kind="effect", variables="region").to_frame()
    assert c["region"].str.endswith(" - Ontario").all()
    np.testing.assert_allclose(c["estimate"], e["estimate"], rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(c["std_error"], e["std_error"], rtol=1e-10)


def test_outcomes_are_compared_with_the_fits_reference(res):
    m = res.margins(at=CASE["at"], average="grid")
    c = m.contrast("outcome", "reference")
    got = c.to_frame().assign(hincome=lambda f: f["hincome"].astype(float))
    want = [dict(r, hincome=float(r["hincome"])) for r in CASE["outcome_reference"]]
    _check(got, want, ["hincome", "outcome"])
    assert any("the fit's reference outcome" in n for n in c.notes)


def test_a_baseline_not_among_the_values_leaves_the_first_value_said(res):
    m = res.margins(at={"region": ["Quebec", "BC"]})
    c = m.contrast("region", "reference")
    assert c.to_frame()["region"].unique().tolist() == ["BC - Quebec"]
    assert any("'Ontario'" in n and "not among the values" in n for n in c.notes)


def test_ref_still_chooses(res):
    c = res.margins(over="region").contrast("region", "reference", ref="BC").to_frame()
    assert c["region"].str.endswith(" - BC").all()


def test_a_factor_without_a_treatment_baseline_is_said_to_start_at_its_first_level():
    """C(region, Sum) has no baseline: the note names the first level, where the discrete
    changes of margins(kind="effect") start, not a baseline of its coding."""
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    for formula, whence in [
        ("partic ~ hincome + C(region, Sum)", "the first level of 'region'"),
        ("partic ~ hincome + region", "the baseline of 'region' in the model's coding"),
    ]:
        res = mnlogit.fit(formula, df)
        c = res.margins(at={"region": ["Quebec", "Atlantic"]}).contrast("region", "reference")
        assert c.to_frame()["region"].unique().tolist() == ["Quebec - Atlantic"]
        assert any(n.startswith(f"Differences from 'Atlantic', {whence}") for n in c.notes)
