"""Separated data with a column in extreme units (1e300, 1e-300): the exact check, the fits
and a Firth fit's tables read them as they read the column in ordinary units."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InferenceWarning, SeparationWarning


def slope_within_one_level(seed: int = 11) -> pd.DataFrame:
    """150 rows; within level a1 of a, y is 'v' exactly when x > 0.3, so the v equation of
    y ~ a*x diverges (quasi-complete separation through the interaction)."""
    rng = np.random.default_rng(seed)
    n = 150
    a = rng.choice(["a1", "a2", "a3"], n)
    x = np.round(rng.normal(size=n), 2)
    y = rng.choice(["u", "v", "w"], n).astype(object)
    in_a1 = a == "a1"
    other = np.where(rng.random(in_a1.sum()) < 0.5, "u", "w")
    y[in_a1] = np.where(x[in_a1] > 0.3, "v", other)
    return pd.DataFrame({"y": y, "a": a, "x": x})


def test_a_column_in_units_of_1e300_gives_no_numpy_warning():
    # X'X of the column overflowed to inf in the check's conditioning, and inf / inf gave
    # "RuntimeWarning: invalid value encountered in divide", four times per fit
    df = slope_within_one_level()
    plain = mnlogit.fit("y ~ a*x", df, ref="u", method="firth")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        ref = mnlogit.fit("y ~ a*x", df, ref="u")
    huge = df.assign(x=df["x"] * 1e300)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", SeparationWarning)
        res = mnlogit.fit("y ~ a*x", huge, ref="u")
        sep = mnlogit.check_separation("y ~ a*x", huge, ref="u")
        firth = mnlogit.fit("y ~ a*x", huge, ref="u", method="firth")
    # the table read by the user's code warns what its note says (its Wald cells unreliable)
    with pytest.warns(InferenceWarning, match="finite only through Firth's penalty"):
        note = firth.to_frame().attrs["note"]
    assert res.diverging.equals(ref.diverging) and sep.rows == ref.separation.rows
    assert "finite only through Firth's penalty" in note
    np.testing.assert_allclose(firth.bse.loc["x"] * 1e300, plain.bse.loc["x"], rtol=1e-6)


@pytest.mark.parametrize("units", [1e-30, 1e-300])
def test_complete_separation_beside_a_column_in_tiny_units_is_reported(units):
    # the largest margin's linear program bounds each coefficient as given, 1e300 times
    # the bound on a unit-scaled column: HiGHS called it a "Model error", and the fit, the
    # check and a Firth fit's summary raised EstimationError for a number nothing else needs
    risk = mnlogit.datasets.load("risk")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        ref = mnlogit.fit("risk ~ age + income", risk, ref="low")
        tiny = risk.assign(income=risk["income"] * units)
        res = mnlogit.fit("risk ~ age + income", tiny, ref="low")
        moved = res.with_ref("medium")
    sep = mnlogit.check_separation("risk ~ age + income", tiny, ref="low")
    assert sep.kind == res.separation.kind == "complete"
    assert res.diverging.equals(ref.diverging)
    assert moved.diverging.equals(ref.with_ref("medium").diverging)
    # no largest margin, but a direction that separates every row
    assert np.isnan(sep.margin) and np.isnan(moved.separation.margin)
    X = np.column_stack([np.ones(len(tiny)), tiny["age"], tiny["income"]])
    D = np.column_stack([np.zeros(3), sep.direction.to_numpy()])  # low: the reference
    eta = X @ D
    y = pd.Categorical(tiny["risk"], categories=["low", *sep.direction.columns]).codes
    own = eta[np.arange(len(y)), y]
    others = np.where(np.arange(3) == y[:, None], -np.inf, eta)
    assert (own > others.max(axis=1)).all()
    firth = mnlogit.fit("risk ~ age + income", tiny, ref="low", method="firth")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)  # relative-risk ratios past floats
        assert "completely separated" in firth.to_frame().attrs["note"]
    assert any("completely separated" in n for n in firth.summary().notes)


def test_the_margin_in_ordinary_units_is_kept():
    risk = mnlogit.datasets.load("risk")
    sep = mnlogit.check_separation("risk ~ age + income", risk, ref="low")
    small = mnlogit.check_separation(
        "risk ~ age + income", risk.assign(income=risk["income"] * 1e-10), ref="low"
    )
    assert sep.margin == pytest.approx(0.05, rel=1e-9)
    assert small.margin == pytest.approx(3.5714285714285e-11, rel=1e-9)


def one_row_far_out() -> pd.DataFrame:
    """'b' exactly when x > 0 (complete separation), one of its rows at x = 1e9 beside
    rows of order 1."""
    rng = np.random.default_rng(8)
    x, z = rng.normal(size=40), rng.normal(size=40)
    y = np.where(x > 0, "b", "a")
    x[0], y[0] = 1e9, "b"
    return pd.DataFrame({"y": y, "x": x, "z": z})


def test_complete_separation_beside_one_row_far_out_is_reported():
    # the largest margin's program asks |d| of 1e9 for the other rows' inequalities to reach
    # 1: HiGHS called it infeasible, and the check, the fit and a Firth fit's tables raised
    # "the separation linear program failed" for a number nothing else needs
    df = one_row_far_out()
    sep = mnlogit.check_separation("y ~ x + z", df)
    assert sep.kind == "complete" and np.isnan(sep.margin)
    assert sep.terms == ("Intercept", "x", "z")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        res = mnlogit.fit("y ~ x + z", df)
    assert res.separation.kind == "complete" and res.bse.isna().all().all()
    firth = mnlogit.fit("y ~ x + z", df, method="firth")
    with pytest.warns(InferenceWarning, match="completely separated"):
        assert "completely separated" in firth.to_frame().attrs["note"]
