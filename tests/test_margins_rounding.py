"""Differences of margins that agree to within their rounding: the difference of two margins
at values 1e-15 apart was rounding error (0 or -1.4e-17) with a standard error of 1e-18 from
the difference of the two Jacobians, also rounding, reported as z = -16 and p = 4e-60. They
are 0 now where the margins are equal to rounding, with NaN standard errors and tests and a
note; every standard error still given is the slope's times the step, to 5%."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit

EPS = np.finfo(np.float64).eps


@pytest.fixture(scope="module")
def res():
    df = mnlogit.datasets.load("travel")
    return mnlogit.fit("mode ~ np.log(distance) + parking + region", df, ref="car")


@pytest.fixture(scope="module")
def slope(res):
    """The average effect of distance at 4: what a difference over a step h is, times h."""
    return res.margins(at={"distance": 4.0}, kind="effect", variables="distance").to_frame()


def test_margins_equal_to_rounding_differ_by_zero_without_a_test(res):
    c = res.margins(at={"distance": [4.0, 4.0 + 4 * EPS]}).contrast("distance")
    frame = c.to_frame()
    assert (frame["estimate"] == 0.0).all()
    assert frame[["std_error", "z", "pvalue", "lower", "upper"]].isna().all().all()
    (note,) = [n for n in c.notes if "within their rounding" in n]
    assert note.startswith("4 difference(s)") and "4 of them are 0" in note
    assert "within their rounding" in frame.attrs["note"]


def test_a_difference_of_differences_inherits_their_rounding(res):
    m = res.margins(at={"distance": [4.0, 4.0 + 4 * EPS]}, over="region")
    twice = m.contrast("distance").contrast("region").to_frame()
    assert twice["std_error"].isna().all()
    assert (twice["estimate"] == 0.0).all()


@settings(max_examples=25, deadline=None)
@given(st.floats(min_value=-16.0, max_value=-5.0))
def test_every_standard_error_given_is_the_slopes_times_the_step(res, slope, power):
    x = max(4.0 + 4.0 * 10.0**power, np.nextafter(4.0, 5.0))
    frame = res.margins(at={"distance": [x, 4.0]}).contrast("distance").to_frame()
    step = x - 4.0  # the step the margins were taken at
    given_se = frame["std_error"].notna().to_numpy()
    want_se = slope["std_error"].to_numpy() * step
    want = slope["estimate"].to_numpy() * step
    np.testing.assert_allclose(frame["std_error"][given_se], want_se[given_se], rtol=0.05)
    # where a standard error is given, the estimate has its digits too
    np.testing.assert_allclose(frame["estimate"][given_se], want[given_se], rtol=0.05)
    # where none is, the estimate is 0 or within a few percent of the difference
    rest = frame["estimate"][~given_se].to_numpy()
    assert ((rest == 0) | np.isclose(rest, want[~given_se], rtol=0.05)).all()


def test_differences_well_above_rounding_keep_their_tests(res, slope):
    frame = res.margins(at={"distance": [4.0 + 4e-9, 4.0]}).contrast("distance").to_frame()
    assert frame[["std_error", "z", "pvalue"]].notna().all().all()
    np.testing.assert_allclose(frame["z"], slope["z"], rtol=1e-3)


def test_values_one_ulp_apart_are_rounding_not_a_zero_standard_error(res):
    """Margins at 4 and the next double have equal Jacobians in floating point: the standard
    error of their difference was exactly 0, with an interval [0, 0] and the note that puts
    it down to a difference 0 whatever the coefficients, which it is not (two designs)."""
    m = res.margins(at={"distance": [4.0, np.nextafter(4.0, 5.0)]}, over="region")
    for c in (m.contrast("distance"), m.contrast("distance").contrast("region")):
        frame = c.to_frame()
        assert (frame["estimate"] == 0.0).all()
        assert frame[["std_error", "lower", "upper"]].isna().all().all()
        assert any("within their rounding" in n for n in c.notes)
        assert not any("standard error of zero" in n for n in c.notes)


def test_one_design_at_two_values_keeps_its_exact_zero():
    """x = 3 and 4 under np.maximum(x, 5) are one design: 0 whatever the coefficients, a
    standard error of exactly 0 (the note on zero standard errors), also differenced again."""
    df = mnlogit.datasets.load("travel")
    res = mnlogit.fit("mode ~ np.maximum(distance, 5) + region", df, ref="car")
    m = res.margins(at={"distance": [3.0, 4.0]}, over="region")
    for c in (m.contrast("distance"), m.contrast("distance").contrast("region")):
        frame = c.to_frame()
        assert (frame["estimate"] == 0).all() and (frame["std_error"] == 0).all()
        assert any("standard error of zero" in n for n in c.notes)
        assert not any("within their rounding" in n for n in c.notes)


def test_two_outcomes_on_one_design_are_no_exact_zero():
    from mnlogit.margins._rounding import same_design

    designs = np.array([7, 7, 9], dtype=np.int64)
    exact = np.zeros(3, dtype=bool)
    pairs = np.array([[0, 1], [0, 2]])
    assert same_design(designs, exact, pairs)[1].tolist() == [True, False]
    assert same_design(designs, exact, pairs, between=True)[1].tolist() == [False, False]
