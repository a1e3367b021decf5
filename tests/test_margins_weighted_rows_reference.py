"""Margins of a factor x numeric interaction with frequency weights (two of them 0) and rows
missing a value, against a hand computation in numpy independent of mnlogit
(tests/reference/make_margins_weighted_rows.py): averaged over the rows used with their
weights, the average effect of x at each level of g and its differences from the coding's
baseline, and a reference grid, with model-based and cluster-robust covariances."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_weighted_rows.json").read_text())
# the reference fits by Newton's method to a step below 1e-13; its slopes' Jacobian comes from
# differences in the coefficients (error about 1e-10 of the standard errors)
ATOL_ESTIMATE = 1e-9
RTOL_SE = 1e-7
OPTIONS = {"nonrobust": {}, "cluster": {"cov_type": "cluster", "groups": "cl"}}


@pytest.fixture(scope="module", params=list(OPTIONS))
def fitted(request):
    d = pd.read_csv(refdata.REF_DIR / "margins_weighted_rows.csv")
    res = mnlogit.fit(REF["formula"], d, ref=REF["ref"], weights="w", **OPTIONS[request.param])
    return res, REF[request.param]


def _check(table: pd.DataFrame, ref: list[dict], keys: list[str]) -> None:
    want = pd.DataFrame(ref)
    for key in keys:
        got = table[key].astype(object).tolist()
        assert got == want[key].tolist(), (key, got, want[key].tolist())
    np.testing.assert_allclose(table["estimate"], want["estimate"], rtol=0, atol=ATOL_ESTIMATE)
    np.testing.assert_allclose(table["std_error"], want["se"], rtol=RTOL_SE)


def test_margins_over_the_rows_used(fitted):
    res, ref = fitted
    m = res.margins(at={"x": [1.0, 3.0]}, over="g")
    _check(m.to_frame(), ref["rows"], ["x", "g", "outcome"])
    said = " ".join(m.notes)
    assert f"the {REF['n_used']} rows used" in said and "2 of them of weight zero" in said


def test_average_slopes_at_each_level_and_their_differences(fitted):
    res, ref = fitted
    m = res.margins(kind="effect", variables="x", over="g")
    _check(m.to_frame(), ref["slopes"], ["g", "outcome"])
    _check(m.contrast("g", "reference").to_frame(), ref["slope_contrasts"], ["g", "outcome"])


def test_reference_grid(fitted):
    res, ref = fitted
    m = res.margins(average="grid", over="g", at={"x": 2.0})
    _check(m.to_frame(), ref["grid"], ["g", "outcome"])
    # the text shows the frame's numbers
    first = m.to_frame().iloc[0]
    assert f"{first['estimate']:.4f}" in str(m) and f"{first['std_error']:.4f}" in str(m)
