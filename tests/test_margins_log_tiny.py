"""Effects of log(x) at x near 1e-300: derivatives of 1e300, whose effects (about 1e299)
the delta method's sums hold, are computed, not refused. The bound on the derivative takes
the coefficients into account; before, it left a margin of 1e8 for them and refused x =
1e-300 ("the derivative reaches 2.0e+300")."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


def _data(scale: float) -> pd.DataFrame:
    rng = np.random.default_rng(2)
    n = 300
    u = rng.uniform(0.5, 2, n)
    y = np.where(np.log(u) + rng.normal(size=n) > 0, "a", np.where(rng.random(n) > 0.5, "b", "c"))
    return pd.DataFrame({"x": u * scale, "y": y})


@pytest.fixture(scope="module")
def tiny():
    df = _data(1e-300)
    return mnlogit.fit("y ~ np.log(x)", df), df


def test_effects_of_log_x_at_1e_300_match_the_analytic_ones(tiny):
    res, df = tiny
    me = res.marginal_effects()
    b = np.r_[0.0, res.params.loc["np.log(x)"].to_numpy()]  # a, the reference, first
    x = df["x"].to_numpy()
    P = res.predict(df).to_numpy()
    g = b[None, :] / x[:, None]  # dlog(x)/dx b_k
    analytic = (P * (g - (P * g).sum(axis=1, keepdims=True))).mean(axis=0)
    np.testing.assert_allclose(me["dydx"].to_numpy(), analytic, rtol=1e-7)
    assert np.isfinite(me["std_error"]).all() and (me["std_error"] > 0).all()


def test_effects_of_log_x_at_1e_300_are_those_in_units_of_1e_300(tiny):
    res, df = tiny
    me = res.marginal_effects()
    unit = mnlogit.fit("y ~ np.log(x)", df.assign(x=df["x"] * 1e300)).marginal_effects()
    for column in ("dydx", "std_error"):
        np.testing.assert_allclose(me[column], unit[column] * 1e300, rtol=1e-6)
    margins = res.margins(kind="effect").to_frame()
    np.testing.assert_allclose(margins["estimate"], me["dydx"], rtol=1e-12)
    np.testing.assert_allclose(margins["std_error"], me["std_error"], rtol=1e-10)


def test_derivatives_past_what_the_sums_hold_are_still_refused():
    res = mnlogit.fit("y ~ np.log(x)", _data(1e-306))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(DataError, match=r"the derivative reaches 2\.0e\+306"):
            res.marginal_effects()
