"""What margins are asked for: values outside a transform's domain (np.log(x) at x <= 0) are
refused, and predictions there are NaN with a warning that names the rows, never a silent NaN;
``over`` of the wrong type and more combinations than can be computed are refused up front."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError, MNLogitWarning


@pytest.fixture(scope="module")
def res():
    rng = np.random.default_rng(4)
    n = 400
    d = pd.DataFrame({"x": rng.uniform(0.5, 20, n), "g": rng.choice(["a", "b"], n)})
    eta = np.column_stack([np.zeros(n), 0.7 * np.log(d["x"]), 0.3 * (d["g"] == "b")])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["p", "q", "r"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return mnlogit.fit("y ~ np.log(x) + np.sqrt(x) + g", d)


@pytest.mark.slow
@settings(max_examples=25, deadline=None)
@given(value=st.floats(-5, 5, allow_nan=False))
@example(value=1e-290)
def test_margins_at_any_value_are_finite_or_refused(res, value):
    for kind in ("prob", "effect"):
        for average in ("rows", "grid"):
            if kind == "effect" and 0 < value < 1e-280:
                # d log(x) / dx = 1/x nears what the delta method's sums hold: finite, or
                # refused (from about 1e-296 here), and never numpy's overflow warning
                with warnings.catch_warnings():
                    warnings.simplefilter("error")
                    try:
                        frame = res.margins(at={"x": value}, kind=kind, average=average)
                    except DataError as err:
                        assert "cannot be differentiated" in str(err)
                        assert value < 1e-290
                        continue
                table = frame.to_frame()
                assert np.isfinite(table["estimate"]).all()
                # so far below the data no coefficient vector in the confidence region keeps
                # the effect's sign: no standard error, and the note says why
                undetermined = "effect(s) have no standard error" in table.attrs["note"]
                assert np.isfinite(table["std_error"]).all() or undetermined
                continue
            if value <= 0:
                with pytest.raises(DataError, match=r"x=.*np\.(log|sqrt)\(x\).*domain"):
                    res.margins(at={"x": value}, kind=kind, average=average)
                continue
            frame = res.margins(at={"x": value}, kind=kind, average=average).to_frame()
            assert np.isfinite(frame["estimate"]).all()
            # far below the data (log(x) at -14 where the data reach -0.6) a probability the
            # coefficients do not place on one side of 1/2 has none, nor an effect made of
            # such probabilities that a point of its interval's region contradicts, and the
            # note says why
            why = "do not tell on which side of 1/2" if kind == "prob" else "effect(s) have no"
            said = why in frame.attrs["note"]
            assert np.isfinite(frame["std_error"]).all() or said
            if kind == "prob":
                assert np.isclose(frame["estimate"].sum(), 1.0)


def test_a_value_outside_the_domain_is_refused_even_beside_good_ones(res):
    with pytest.raises(DataError, match=r"x=-1\.0.*'np\.log\(x\)' is nan in 400 of 400 rows"):
        res.margins(at={"x": [2.0, -1.0]}, over="g")


def test_predictions_outside_the_domain_are_nan_with_a_warning_naming_the_rows(res):
    new = pd.DataFrame({"x": [2.0, -1.0, 0.0, np.nan, np.inf], "g": "a"}, index=list("vwxyz"))
    with pytest.warns(MNLogitWarning, match=r"2 row\(s\) \('w', 'x'\).*'np\.(log|sqrt)\(x\)'"):
        probs = res.predict(new)
    assert probs.loc[["w", "x", "y", "z"]].isna().all().all()
    assert np.isclose(probs.loc["v"].sum(), 1.0)
    with pytest.warns(MNLogitWarning, match="transform in the formula is not defined"):
        intervals = res.prediction_intervals(new)
    assert intervals.loc["w"].isna().all().all()
    # missing and infinite values keep their documented NaN, which was silent: a warning
    # names them now, and does not blame a transform's domain for them
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        told = res.predict(new.loc[["v", "y", "z"]])
    assert told.loc[["y", "z"]].isna().all().all() and told.loc["v"].notna().all()
    assert [str(w.message) for w in caught] == [
        "newdata: 2 row(s) ('y', 'z') have a missing or infinite value in a column the model "
        "reads ('x'), so what is predicted for them is NaN; drop those rows, or fill in their "
        "values, first"
    ]
    assert all(issubclass(w.category, MNLogitWarning) for w in caught)


def test_over_of_the_wrong_type_is_refused_with_what_it_takes(res):
    with pytest.raises(DataError, match=r"over: expected a variable name .* got int 3"):
        res.margins(over=3)


def test_a_range_of_values_is_a_list_of_values(res):
    by_range = res.margins(at={"x": range(1, 4)}).to_frame()
    by_list = res.margins(at={"x": [1, 2, 3]}).to_frame()
    pd.testing.assert_frame_equal(by_range, by_list)


def test_more_combinations_than_can_be_computed_are_refused_before_any_is(res):
    from mnlogit.margins.result import MAX_COMBINATIONS

    many = np.linspace(1.0, 10.0, MAX_COMBINATIONS // 2 + 1)
    with pytest.raises(DataError, match=r"\(x\) x 2 \(g\) = 10,002 combinations"):
        res.margins(at={"x": many}, over="g")


@pytest.mark.parametrize("value", [1e-250, 1e-290, 1e-301, 1e-307, 2.2250738585072014e-308, 5e-324])
def test_effects_near_zero_are_finite_or_refused_without_numpy_warnings(res, value):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for average in ("rows", "grid"):
            # log(x)'s derivative 1 / x with coefficients near 1: the sums hold 1e301, not
            # 1e307 (1e-301 was refused by a bound that left the coefficients 1e8 of room)
            if value < 1e-304:
                with pytest.raises(DataError, match="cannot be differentiated"):
                    res.margins(at={"x": value}, kind="effect", average=average)
            else:
                table = res.margins(at={"x": value}, kind="effect", average=average).to_frame()
                assert np.isfinite(table["estimate"]).all()
                # log(x) of -575 and below, far from the data, leaves the probabilities the
                # effects are made of undetermined: no standard error, and the note says why
                said = "effect(s) have no standard error" in table.attrs["note"]
                assert np.isfinite(table["std_error"]).all() or said


def test_effects_of_a_power_of_huge_values_are_those_of_the_rescaled_variable():
    # I(x**2) at x = 1e100 has derivatives 2x of 1e100 with a coefficient of 1e-200: its
    # effects are no larger than x's own, and were refused ("the derivative reaches 4e+100")
    # by a bound that took no account of the coefficients
    rng = np.random.default_rng(5)
    d = pd.DataFrame({"x": rng.uniform(1, 2, 300) * 1e100, "y": rng.choice(["a", "b", "c"], 300)})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit("y ~ x + I(x**2)", d)
        unit = mnlogit.fit("y ~ x + I(x**2)", d.assign(x=d["x"] / 1e100))
    me, me_unit = res.marginal_effects(), unit.marginal_effects()
    for column in ("dydx", "std_error"):
        np.testing.assert_allclose(me[column], me_unit[column] * 1e-100, rtol=1e-6)
