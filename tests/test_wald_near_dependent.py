"""Wald tests of restrictions nearly dependent but not dependent, against R
(tests/reference/wald_near_dependent.R): 'bus:x1 = train:x1, bus:x1 = (1 + e)*train:x1' is
bus:x1 = train:x1 = 0 for any e != 0. Its R V R' was singular to rounding from e = 1e-5, so
the statistic was NaN, said to be of collinear restrictions, though the restrictions passed
the check of independence."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "wald_near_dependent.json").read_text())
RTOL_R = 1e-8  # VGAM (epsilon 1e-14) and mnlogit's estimates agree to ~1e-10
RTOL_SAME = 1e-10  # the same hypothesis, restated: rounding only


@pytest.fixture(scope="module")
def res():
    df = pd.read_csv(refdata.REF_DIR / "synthetic.csv")
    return mnlogit.fit(REF["formula"], df, ref=REF["ref"])


def test_the_fit_is_rs(res):
    assert res.params.loc["x1", "bus"] == pytest.approx(REF["coefficients"]["bus_x1"], rel=1e-8)
    assert res.params.loc["x1", "train"] == pytest.approx(REF["coefficients"]["train_x1"], rel=1e-8)


@pytest.mark.parametrize("e", ["1.001", "1.00001", "1.0000001", "1.000000001"])
def test_nearly_dependent_restrictions_are_the_test_they_imply(res, e):
    near = res.wald_test(f"bus:x1 = train:x1, bus:x1 = {e}*train:x1")
    assert near.df == 2
    assert near.statistic == pytest.approx(REF["wald_two_zeros"], rel=RTOL_R)
    zeros = res.wald_test("bus:x1 = 0, train:x1 = 0")
    assert near.statistic == pytest.approx(zeros.statistic, rel=RTOL_SAME)
    assert near.pvalue == pytest.approx(zeros.pvalue, rel=1e-8)


@pytest.mark.parametrize("e", ["1.001", "1.00001", "1.000001"])
def test_a_value_other_than_zero_is_carried_through(res, e):
    # 'bus:x1 = train:x1 + 0.5, bus:x1 = (1 + e)*train:x1 + 0.5' is bus:x1 = 0.5, train:x1 = 0;
    # the value's rounding is amplified by 1/e, so the agreement is to about 1e-16 / e
    near = res.wald_test(f"bus:x1 = train:x1 + 0.5, bus:x1 = {e}*train:x1 + 0.5")
    direct = res.wald_test("bus:x1 = 0.5, train:x1 = 0")
    assert near.statistic == pytest.approx(direct.statistic, rel=1e-8)


def test_too_nearly_dependent_with_a_value_is_nan_with_its_reason(res):
    # the value's rounding, amplified 1e9 times, would be the value tested
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        near = res.wald_test("bus:x1 = train:x1 + 0.5, bus:x1 = 1.000000001*train:x1 + 0.5")
    assert np.isnan(near.statistic) and np.isnan(near.pvalue)
    assert "collinear restrictions" in near.note


def test_an_invertible_restatement_leaves_the_statistic(res):
    # A (R b) = A q for an invertible A is the same hypothesis
    cols = res.cov_params().columns
    R = np.zeros((3, len(cols)))
    for i, (outcome, term) in enumerate([("bus", "x1"), ("train", "x1"), ("walk", "x1")]):
        R[i, cols.get_loc((outcome, term))] = 1.0
    q = np.array([0.1, -0.2, 0.3])
    A = np.array([[1.0, 0.0, 0.0], [1.0, 1e-3, 0.0], [2.0, 1.0, 1e-2]])
    base = res.wald_test((R, q)).statistic
    assert res.wald_test((A @ R, A @ q)).statistic == pytest.approx(base, rel=1e-8)
    # one that amplifies the values' rounding past 1e8-fold: NaN, not a statistic of rounding
    B = np.array([[1.0, 0.0, 0.0], [1.0, 1e-6, 0.0], [2.0, 1.0, 1e-4]])
    assert np.isnan(res.wald_test((B @ R, B @ q)).statistic)
    # with q = 0 nothing is amplified
    zero = res.wald_test((B @ R, np.zeros(3))).statistic
    assert zero == pytest.approx(res.wald_test((R, np.zeros(3))).statistic, rel=RTOL_SAME)


@pytest.mark.parametrize(
    "hypothesis",
    [
        "bus:x1 = train:x1 + 0.5, bus:x1 = 1.000000001*train:x1 + 0.5",
        "bus:x1 = 1, bus:x1 + 1e-9*train:x1 = 1",
    ],
)
def test_the_reason_for_amplified_values_is_that_reason(res, hypothesis):
    # R V R' is positive definite here: its reason (a zero variance, as in a census of every
    # PSU) was not this test's, and gave no restatement to try instead
    near = res.wald_test(hypothesis)
    assert np.isnan(near.statistic)
    assert "census" not in near.note and "not positive definite" not in near.note
    assert "values q" in near.note and "'a:x = 0.5, b:x = 0'" in near.note
    assert near.details["reason"] in near.note


@pytest.mark.parametrize("e", ["1.001", "1.00001", "1.0000001"])
def test_fewer_restrictions_than_coefficients_nearly_dependent_are_their_span(res, e):
    # two restrictions on three coefficients: train:x1 = 0 and bus:x1 + walk:x1 = 0
    near = res.wald_test(f"bus:x1 + train:x1 + walk:x1 = 0, bus:x1 + {e}*train:x1 + walk:x1 = 0")
    assert near.df == 2
    # R's rounding, amplified by 1 / e, tilts the span: about 1e-16 / e of W
    assert near.statistic == pytest.approx(REF["wald_two_of_three"], rel=max(RTOL_R, 1e-8))


@pytest.mark.parametrize("e", ["1.000000001", "1.000000000001", "1.0000000000001"])
def test_a_span_known_only_to_amplified_rounding_is_nan_with_its_reason(res, e):
    # their span was computed from R's rounding amplified past 1e8-fold: W came 0.2% off at
    # e = 1e-13 and 5% at 1e-14, silently
    near = res.wald_test(f"bus:x1 + train:x1 + walk:x1 = 0, bus:x1 + {e}*train:x1 + walk:x1 = 0")
    assert np.isnan(near.statistic) and np.isnan(near.pvalue)
    assert "fewer than the coefficients they involve" in near.note
    assert near.details["reason"] in near.note
    direct = res.wald_test("train:x1 = 0, bus:x1 + walk:x1 = 0")
    assert direct.statistic == pytest.approx(REF["wald_two_of_three"], rel=RTOL_R)
