"""Where the design's derivative in x is delicate: at a kink the effect of a variable is the
mean of the slopes on either side (a V-shaped kink's slopes cancel, and its effect is 0 with
no test, not rounding with a z); a vertical tangent has no slope and is refused; at values
next to 0 the steps stay doubles; at a stationary point of a smooth column the effect is 0
with no test, while a derivative small only in its units keeps its value."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.margins._derivative import design_derivative
from mnlogit.margins._variables import Variable


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 300
    d = pd.DataFrame({"x": rng.uniform(-3, 3, n), "g": rng.choice(["a", "b"], n)})
    eta = np.column_stack([np.zeros(n), 0.6 * np.abs(d["x"]) - 0.5, 0.3 * (d["g"] == "b")])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["p", "q", "r"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


@pytest.fixture(scope="module")
def exp_fit(data):
    return mnlogit.fit("y ~ np.exp(x) + g", data)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(c=st.floats(-2.5, 2.5, allow_nan=False).filter(lambda c: c != 0))
def test_the_slopes_of_a_v_cancel_at_its_tip(data, c):
    """np.abs(x - c) at x = c: the steps x + h and x - h land on grids of doubles of
    different spacing (at x = 2 above and below), and the symmetric quotient weighed the
    slopes 1 and -1 by the steps, an effect of 1e-15 with a standard error of 1e-15 and
    z = -1.4. The mean of the slopes is 0, whatever the coefficients: no z, no p-value."""
    res = mnlogit.fit(f"y ~ np.abs(x - {c!r}) + g", data)
    m = res.margins(kind="effect", at={"x": c}, variables="x")
    table = m.to_frame()
    assert (table["estimate"] == 0).all(), table
    assert (table["std_error"] == 0).all(), table
    assert table["z"].isna().all() and table["pvalue"].isna().all()
    assert any("kink" in note for note in m.notes)
    # beside the tip the slope is that of one side
    beside = res.margins(kind="effect", at={"x": c + 0.5}, variables="x").to_frame()
    h = 1e-6
    up = res.predict(data.assign(x=c + 0.5 + h)).to_numpy()
    down = res.predict(data.assign(x=c + 0.5 - h)).to_numpy()
    np.testing.assert_allclose(beside["estimate"], ((up - down) / (2 * h)).mean(axis=0), atol=1e-8)


def test_a_curved_kink_keeps_the_mean_of_its_slopes(data):
    """np.maximum(x**2, 4) at x = 2: slope 0 below, 4 above; the effect is that of slope 2,
    each side's quotient extrapolated to the second order."""
    res = mnlogit.fit("y ~ np.maximum(x**2, 4) + g", data)
    got = res.margins(kind="effect", at={"x": 2.0}, variables="x").to_frame()["estimate"]
    # the effect of a design column moving at rate 2: that of x**2's column at x = 1
    P = res.predict(data.assign(x=2.0)).to_numpy()
    assert np.isfinite(got).all()
    h = 1e-7
    right = (res.predict(data.assign(x=2.0 + h)).to_numpy() - P) / h
    np.testing.assert_allclose(got, right.mean(axis=0) / 2, atol=1e-8)


@pytest.mark.parametrize(
    ("term", "at"), [("np.sqrt(np.maximum(x, 0))", 0.0), ("np.sqrt(np.abs(x - 1))", 1.0)]
)
def test_a_vertical_side_of_a_kink_has_no_mean_slope(data, term, at):
    """sqrt(max(x, 0)) at 0 rises with an infinite slope on one side: the mean of the slopes
    was a number the step set (an effect of -104 on a probability, z = -1.07), now refused
    as a step is; beside the kink the slope exists and is given."""
    res = mnlogit.fit(f"y ~ {term} + g", data)
    with pytest.raises(mnlogit.exceptions.DataError, match=r"infinite slope on one side"):
        res.margins(kind="effect", at={"x": at}, variables="x")
    beside = res.margins(kind="effect", at={"x": at + 0.5}, variables="x").to_frame()
    h = 1e-6
    up = res.predict(data.assign(x=at + 0.5 + h)).to_numpy()
    down = res.predict(data.assign(x=at + 0.5 - h)).to_numpy()
    np.testing.assert_allclose(beside["estimate"], ((up - down) / (2 * h)).mean(axis=0), atol=1e-8)
    # a kink with finite slopes and curvature on both sides is no vertical one
    res = mnlogit.fit("y ~ I(np.maximum(x, 2)**2 - 4*x + 0.001*np.abs(x - 2)) + g", data)
    assert np.isfinite(
        res.margins(kind="effect", at={"x": 2.0}, variables="x").to_frame()["estimate"]
    ).all()


@pytest.mark.parametrize(
    "term", ["np.cbrt(x - 1)", "I(np.sign(x - 1) * np.abs(x - 1)**0.45)", "I(np.cbrt(x - 1)**2)"]
)
def test_a_vertical_tangent_is_refused_as_such(data, term):
    """np.cbrt(x - 1) at 1 is continuous with an infinite slope: it was refused as a step ("a
    step in the formula (I(x > 0), np.floor(x), np.round(x)) sits there"), and x**0.45
    odd about 1 gave effects the step set, with z statistics."""
    res = mnlogit.fit(f"y ~ {term} + g", data)
    with pytest.raises(mnlogit.exceptions.DataError, match=r"infinite slope on one side or both"):
        res.margins(kind="effect", at={"x": 1.0}, variables="x")
    # a jump is still a jump, also beside a slope
    res = mnlogit.fit("y ~ I((x > 1) * 0.01 + x) + g", data)
    with pytest.raises(mnlogit.exceptions.DataError, match=r"jumps\): a step in the formula"):
        res.margins(kind="effect", at={"x": 1.0}, variables="x")


@pytest.mark.slow
@settings(max_examples=20, deadline=None)
@given(
    tiny=st.floats(min_value=5e-324, max_value=1e-300, allow_subnormal=True),
    sign=st.sampled_from([1.0, -1.0]),
)
def test_effects_at_values_next_to_zero_are_those_at_zero(exp_fit, tiny, sign):
    """x = 5e-324: the step relative to x (1e-3 |x|) is no double, and its 0 / 0 replaced a
    good derivative, refusing the effects of np.exp(x) there as past the float range."""
    res = exp_fit
    at_zero = res.margins(kind="effect", at={"x": 0.0}, variables="x").to_frame()
    got = res.margins(kind="effect", at={"x": sign * tiny}, variables="x").to_frame()
    np.testing.assert_allclose(got["estimate"], at_zero["estimate"], rtol=1e-9, atol=1e-15)
    np.testing.assert_allclose(got["std_error"], at_zero["std_error"], rtol=1e-9)


def _no_test(table):
    assert (table["estimate"] == 0).all(), table
    assert (table["std_error"] == 0).all(), table
    assert table["z"].isna().all() and table["pvalue"].isna().all(), table


@pytest.mark.parametrize("c", [2.0, -3.0, 0.7, 1e3])
def test_a_smooth_stationary_point_has_no_test(data, c):
    """I((x - 2)**2) at x = 2: x + h and x - h round to unequal distances from 2, and the
    quotient was 1e-18 with a standard error of 1e-18, z = 1.4 and p = 0.15."""
    res = mnlogit.fit(f"y ~ I((x - {c!r})**2) + g", data)
    _no_test(res.margins(kind="effect", at={"x": c}, variables="x").to_frame())
    # beside it the effect is that of slope 2 (x - c)
    beside = res.margins(kind="effect", at={"x": c + 0.5}, variables="x").to_frame()
    h = 1e-6
    up = res.predict(data.assign(x=c + 0.5 + h)).to_numpy()
    down = res.predict(data.assign(x=c + 0.5 - h)).to_numpy()
    want = ((up - down) / (2 * h)).mean(axis=0)
    np.testing.assert_allclose(beside["estimate"], want, atol=1e-8)


def test_a_kink_whose_slopes_cancel_is_not_a_vertical_tangent(data):
    """I(np.abs(x - 2) * x) at 2: slopes -2 and 2, whose mean is 0. At the shortest steps the
    change across x - h and x + h was mostly their unequal rounding, read as a quotient that
    grows as the step shrinks, and the effects were refused as at an infinite slope."""
    res = mnlogit.fit("y ~ I(np.abs(x - 2) * x) + g", data)
    m = res.margins(kind="effect", at={"x": 2.0}, variables="x")
    _no_test(m.to_frame())


TRANSFORMS = {
    "I(1e-8 * x)": (lambda x: 1e-8 * x, lambda x: 1e-8 + 0 * x),
    "np.exp(-x)": (lambda x: np.exp(-x), lambda x: -np.exp(-x)),
    "I((x - 2)**2)": (lambda x: (x - 2) ** 2, lambda x: 2 * (x - 2)),
    "I(x**3)": (lambda x: x**3, lambda x: 3 * x**2),
    "np.sin(x)": (lambda x: np.sin(x), lambda x: np.cos(x)),
}


FITS: dict = {}


@pytest.mark.slow
@settings(max_examples=80, deadline=None)
@given(
    name=st.sampled_from(sorted(TRANSFORMS)),
    unit=st.sampled_from([1e-12, 1e-6, 1.0, 1e6]),
    x=st.one_of(
        st.floats(-300.0, 300.0, allow_nan=False),
        st.floats(-1e-6, 1e-6, allow_nan=False),
        st.floats(2 - 1e-9, 2 + 1e-9, allow_nan=False),  # beside the stationary point
    ),
)
def test_the_floor_keeps_genuine_derivatives(data, name, unit, x):
    """Against the analytic derivative of a few transforms, over a wide range of x and in
    units from 1e-12 to 1e6 (the column scaled by ``unit``): an entry is 0 only where the
    derivative is below the rounding of the values, and is otherwise accurate."""
    f, df = TRANSFORMS[name]
    key = (name, unit)
    if key not in FITS:
        FITS[key] = mnlogit.fit(f"y ~ I({unit!r} * {name}) + g", data)
    res = FITS[key]
    spec = res._data  # the fit's design and its encoding
    frame = data.iloc[:1].assign(x=x)
    D, _ = design_derivative(spec, frame, Variable("x"), 1, np.zeros((spec.p, 2)))
    col = [i for i, c in enumerate(spec.column_names) if "x" in c and c != "g[T.b]"]
    got = D[0, col[0]]
    want = unit * df(x)
    # what rounding of the values over steps of 1e-3 of the variable's spread resolves
    noise = 1e-12 * unit * max(abs(f(x)), abs(f(x + 2e-3)), 1e-300)
    if got == 0:
        assert abs(want) <= noise, (got, want)
    else:
        assert abs(got - want) <= 1e-6 * abs(want) + noise, (got, want)
    assert not (want != 0 and abs(want) > 1e3 * noise and got == 0)
