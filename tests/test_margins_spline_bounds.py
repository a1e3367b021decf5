"""Average marginal effects through a B-spline of an expression, bs(x1 - x2, df=3): its
bounds are the range of x1 - x2, which no column's range tells, so at the rows where x1 - x2
is smallest or largest a central difference in x1 or x2 stepped beyond them and the effects
were refused ('newdata: bs(x1 - x2, df=3) is asked for values beyond its bounds'). Against R
(tests/reference/margins_spline_bounds.R: nnet::multinom and a hand delta method)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError

REF = json.loads((refdata.REF_DIR / "margins_spline_bounds.json").read_text())
RTOL = 1e-5  # R differences the design and the Jacobian numerically
ATOL = 1e-9


@pytest.fixture(scope="module")
def data():
    return pd.read_csv(refdata.REF_DIR / "synthetic.csv")


@pytest.fixture(scope="module")
def fit(data):
    return mnlogit.fit(REF["formula"], data, ref=REF["ref"])


def test_the_fit_matches(fit):
    np.testing.assert_allclose(fit.llf, REF["loglik"], rtol=1e-10)


@pytest.mark.slow
def test_effects_through_the_spline_of_an_expression(fit):
    want = pd.DataFrame(REF["ame"])
    effects = fit.marginal_effects(variables=["x1", "x2"]).reset_index()
    for got in (
        effects.rename(columns={"dydx": "estimate"}),
        fit.margins(kind="effect", variables=["x1", "x2"]).to_frame(),
    ):
        merged = got.merge(want, on=["variable", "outcome"], suffixes=("", "_r"), validate="1:1")
        assert len(merged) == len(want) == len(got)
        np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=RTOL, atol=ATOL)
        np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=RTOL)


def test_the_same_as_the_extended_spline_inside_its_bounds(data, fit):
    """Within the data an extended spline is the same basis: the same fit, and the same
    effects, which it takes with central differences everywhere."""
    extended = mnlogit.fit(
        "mode ~ bs(x1 - x2, df=3, extrapolation='extend') + group", data, ref="car"
    )
    np.testing.assert_allclose(fit.llf, extended.llf, rtol=1e-12)
    np.testing.assert_allclose(
        fit.marginal_effects().to_numpy(), extended.marginal_effects().to_numpy(), rtol=1e-6
    )


def test_values_set_are_checked_against_the_spline_not_the_column(data):
    """A spline of an expression has its bounds on the expression: x1 = -3.2 lies outside
    the values of x1 (-2.87 to 3.25) but |x1| = 3.2 inside those of bs(np.abs(x1)), and its
    margins are predict()'s; they were refused as outside x1's values, called the spline's
    bounds. A value whose expression leaves the bounds in some row is refused naming it."""
    res = mnlogit.fit("mode ~ bs(np.abs(x1), df=3) + group", data, ref="car")
    assert data["x1"].min() > -3.2 and data["x1"].abs().max() > 3.2
    got = res.margins(at={"x1": [-3.2]}).to_frame()["estimate"]
    want = res.predict(data.assign(x1=-3.2)).mean().to_numpy()
    np.testing.assert_allclose(got, want, rtol=1e-12)
    with pytest.raises(DataError, match=r"at: with x1=-3\.3, bs\(np\.abs\(x1\), df=3\) is asked"):
        res.margins(at={"x1": [-3.3]})
    with pytest.raises(DataError, match=r"at: with x2=0\.51, bs\(x1 - x2, df=3\) is asked"):
        mnlogit.fit(REF["formula"], data, ref="car").margins(at={"x2": 0.51})


@pytest.mark.slow
@settings(
    derandomize=True,
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    expression=st.sampled_from(
        ["x1 - x2", "x1 + x2", "x1 * x2", "np.abs(x1)", "x1 / (1 + x2**2)", "np.log(x2) - x1"]
    ),
    df=st.sampled_from([3, 4]),
)
def test_effects_through_any_spline_of_an_expression(data, expression, df):
    """Whatever the spline's argument, the effects are those of the extended spline (the
    same basis inside the bounds, differenced centrally everywhere)."""
    rows = data.iloc[:500]
    bounded = mnlogit.fit(f"mode ~ bs({expression}, df={df}) + group", rows, ref="car")
    extended = mnlogit.fit(
        f"mode ~ bs({expression}, df={df}, extrapolation='extend') + group", rows, ref="car"
    )
    np.testing.assert_allclose(bounded.llf, extended.llf, rtol=1e-12)
    read = [v for v in ("x1", "x2") if v in expression]
    got, want = bounded.marginal_effects(variables=read), extended.marginal_effects(variables=read)
    np.testing.assert_allclose(got.to_numpy(), want.to_numpy(), rtol=1e-5, atol=1e-9)
