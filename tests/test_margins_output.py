"""What margins tables say about numbers the fit cannot support: a fit that stopped before
converging gives none, a standard error of zero gives no test, values outside the data are
named as extrapolations, and no two values are shown as one label."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ConvergenceWarning, DataError, EstimationError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(11)
    n = 400
    d = pd.DataFrame({"x": rng.uniform(0, 10, n), "g": rng.choice(["a", "b"], n)})
    eta = np.column_stack([np.zeros(n), 0.3 * d["x"] - 1.5, 0.2 * (d["g"] == "b") + 0.1])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(["p", "q", "r"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    return d


@pytest.fixture(scope="module")
def res(data):
    return mnlogit.fit("y ~ x + g", data)


@pytest.mark.parametrize(
    "ask",
    [
        lambda r, d: r.margins(),
        lambda r, d: r.margins(at={"x": [1.0]}, kind="effect"),
        lambda r, d: r.marginal_effects(),
        lambda r, d: r.prediction_intervals(d.head(2)),
    ],
)
def test_a_fit_that_did_not_converge_gives_no_margins(data, ask):
    with pytest.warns(ConvergenceWarning):
        stopped = mnlogit.fit("y ~ x + g", data, max_iter=1)
    assert not stopped.converged and stopped.separation is None
    with pytest.raises(EstimationError, match=r"did not converge in 1 iteration.*max_iter"):
        ask(stopped, data)


def test_numeric_values_are_never_shown_as_one_label(res):
    m = res.margins(at={"x": [1234567.0, 1234568.0]})
    assert "1234567 " in str(m) and "1234568 " in str(m)
    labels = m.contrast("x").to_frame()["x"].unique().tolist()
    assert labels == ["1234567 - 1234568"]
    # a value :g shows exactly keeps its short form
    assert res.margins(at={"x": [0.5, 2.0]}).contrast("x").to_frame()["x"].iloc[0] == "0.5 - 2"


@pytest.mark.parametrize("values", [[1.0, 1.0], [2, 2.0], [3.0, 4.0, 3]])
def test_a_value_listed_twice_is_refused(res, values):
    with pytest.raises(DataError, match=r"'x' lists .* more than once"):
        res.margins(at={"x": values})


def test_a_zero_standard_error_gives_no_test_and_says_why(res):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no numpy division warnings either
        m = res.margins(at={"x": [1e6]})
    frame = m.to_frame()
    zero = frame["std_error"] == 0
    assert zero.any()  # P = 1 and 0 to machine precision this far out
    assert frame.loc[zero, ["z", "pvalue"]].isna().all().all()
    assert np.isfinite(frame.loc[~zero, "z"]).all()
    assert any("standard error of zero" in note for note in m.notes)
    assert "standard error of zero" in str(m) and "standard error of zero" in m._repr_html_()
    # a contrast counts its own, once
    diff = res.margins(at={"x": [1e6, 2e6]}).contrast("x")
    assert sum("standard error of zero" in note for note in diff.notes) == 1
    assert not any("standard error of zero" in n for n in res.margins(at={"x": [5.0]}).notes)


def test_a_zero_effect_whatever_the_coefficients_is_named_as_such(data):
    # below the floor of np.maximum(x, 5) the design does not change with x: its effects and
    # the differences of its margins are 0 with a standard error of 0, which the note put
    # down only to probabilities of 0 or 1 far from the data, or a census
    res = mnlogit.fit("y ~ np.maximum(x, 5) + g", data)
    below = res.margins(at={"x": [3.0, 4.0]})
    for m in (below.contrast("x"), res.margins(kind="effect", variables="x", at={"x": 4.0})):
        frame = m.to_frame()
        assert (frame["estimate"] == 0).all() and (frame["std_error"] == 0).all()
        (note,) = [n for n in m.notes if "standard error of zero" in n]
        assert "0 whatever the coefficients" in note
    assert (below.to_frame()["std_error"] > 0).all()
    # marginal_effects() left its z and p-values NaN there without a word
    typical = mnlogit.fit("y ~ np.minimum(x, 2) + g", data).marginal_effects(at="typical")
    flat = typical.loc["x"]
    assert (flat["dydx"] == 0).all() and (flat["std_error"] == 0).all()
    assert flat[["z", "pvalue"]].isna().all().all()
    assert np.isfinite(typical.loc["g[T.b]", "z"]).all()
    assert "3 effect(s) have a standard error of zero" in typical.attrs["note"]
    assert "0 whatever the coefficients" in typical.attrs["note"]


def test_values_outside_the_data_are_named_as_extrapolations(res, data):
    inside = res.margins(at={"x": [float(data["x"].min()), 5.0]})
    assert not any("Extrapolated" in note for note in inside.notes)
    outside = res.margins(at={"x": [5.0, 40.0, -3.0]}, over="g")
    (note,) = [n for n in outside.notes if n.startswith("Extrapolated")]
    assert "x = 40, -3 " in note and "5," not in note


def test_a_quoted_name_is_no_transform_that_bounds_the_values(data):
    # Q("x") only quotes a name: margins there are those of x, inside the range or outside
    quoted = mnlogit.fit('y ~ Q("x") + g', data)
    plain = mnlogit.fit("y ~ x + g", data)
    for value in (5.0, 12.0):
        np.testing.assert_allclose(
            quoted.margins(at={"x": [value]}).to_frame()["estimate"],
            plain.margins(at={"x": [value]}).to_frame()["estimate"],
            rtol=1e-9,
        )
    # a B-spline keeps its values inside its bounds, beyond which its basis is not defined
    with pytest.raises(DataError, match=r"outside .*, the bounds of bs\(x, df=3\) \(the values"):
        mnlogit.fit("y ~ bs(x, df=3) + g", data).margins(at={"x": [12.0]})
    # bounds given in the call are the spline's: margins there, as predict, with a note
    wide = mnlogit.fit("y ~ bs(x, df=3, lower_bound=-10, upper_bound=20) + g", data)
    at = wide.margins(at={"x": [12.0]})
    np.testing.assert_allclose(
        at.to_frame()["estimate"],
        wide.predict(data.assign(x=12.0)).mean().to_numpy(),
        rtol=1e-12,
    )
    assert any(n.startswith("Extrapolated: x = 12") for n in at.notes)
    with pytest.raises(DataError, match=r"outside -10 to 20, the bounds of bs\(x, df=3, lower"):
        wide.margins(at={"x": [21.0]})


def test_prediction_intervals_where_a_probability_rounds_to_one(res):
    # at x = 200 P(r) is 1 - 1e-25: logit(1.0) was inf and the interval's lower bound NaN
    new = pd.DataFrame({"x": [5.0, 200.0, 1e308], "g": ["b", "b", "b"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        out = res.prediction_intervals(new)
    assert out.notna().all().all()
    assert ((out["lower"] <= out["prob"]) & (out["prob"] <= out["upper"])).all()
    assert out[["lower", "upper"]].stack().between(0, 1).all()
    # by hand: logit(P_k) = eta_k - logsumexp of the others' predictors (the reference's 0),
    # its gradient (delta_kl - P_l / (1 - P_k)) x in each equation l
    row = out.xs(1, level="row")
    k = int(np.argmax(row["prob"].to_numpy()))
    assert row["prob"].iloc[k] == 1.0  # in doubles
    x = np.array([1.0, 200.0, 1.0])  # Intercept, x, g[T.b]
    eta = np.r_[0.0, x @ res.params.to_numpy()]  # p (the reference), q, r
    others = np.delete(eta, k)
    logit = eta[k] - np.logaddexp.reduce(others)
    c = -np.exp(eta - np.logaddexp.reduce(others))
    c[k] = 1.0
    g = np.kron(c[1:], x)
    se = np.sqrt(g @ res.cov_params().to_numpy() @ g)
    z = 1.959963984540054
    np.testing.assert_allclose(row["lower"].iloc[k], 1 / (1 + np.exp(-(logit - z * se))), rtol=1e-9)


@pytest.mark.parametrize("x", [100.0, 200.0, 1000.0])
def test_a_probability_that_rounds_to_one_has_its_complements_standard_error(data, x):
    # With two outcomes P_q = 1 - P_p, so both margins have one standard error. The
    # Jacobian of the larger was the difference of P x and P^2 x: at x = 200 (1 - P about
    # 1e-26) that cancelled to 0, a standard error of 0 where the other's was 1e-24.
    binary = data.assign(y=np.where(data["y"] == "p", "p", "q"))
    fit = mnlogit.fit("y ~ x", binary)
    frame = fit.margins(at={"x": [x]}).to_frame().set_index("outcome")
    small, large = frame["estimate"].sort_values().index
    assert frame.loc[small, "std_error"] > 0
    np.testing.assert_allclose(
        frame.loc[large, "std_error"], frame.loc[small, "std_error"], rtol=1e-12
    )


def test_margins_at_the_largest_double_have_standard_errors_not_nan(res):
    # P x summed over the rows passed the largest double at x = 1e308: the margin whose
    # probability is 1 had a NaN standard error and numpy's overflow warnings, where its
    # derivative is 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = res.margins(at={"x": [1e308]}).to_frame()
    assert np.isfinite(frame[["estimate", "std_error"]].to_numpy()).all()


def test_a_standard_error_past_the_largest_double_is_nan_and_says_why(res, monkeypatch):
    from mnlogit.margins import _delta

    exact = _delta.mean_probability

    def overflowing(X, w, B):  # a derivative of 1e309, as no double holds
        est, rest, J = exact(X, w, B)
        with np.errstate(over="ignore"):
            return est, rest, J * 1e308 * 1e3

    monkeypatch.setattr(_delta, "mean_probability", overflowing)
    m = res.margins(at={"x": [2.0, 3.0]})
    frame = m.to_frame()
    assert frame["std_error"].isna().all() and frame["estimate"].notna().all()
    assert any("6 margin(s) have no standard error" in note for note in m.notes)
    diff = m.contrast("x")
    assert sum("no standard error" in note for note in diff.notes) == 1


@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + I(x**2) + g"])  # plain, transformed
@pytest.mark.parametrize("x", [3.0, 40.0, 90.0])
def test_marginal_effects_do_not_depend_on_the_reference_outcome(data, formula, x):
    # The slope of the most probable outcome was its coefficient less nearly itself: where
    # its probability rounds to 1 it had no correct digit when that outcome had an equation
    # and was exact when it was the reference (a binary fit's effect at 1 - P = 6e-16: 0
    # with a standard error of 0 under one reference, 2.3e-16 with 9.2e-16 under the other).
    # Changing the reference changes no margin.
    tables = []
    for ref in ("p", "q", "r"):
        fit = mnlogit.fit(formula, data, ref=ref)
        m = fit.margins(at={"x": [x]}, kind="effect", variables=["x"])
        tables.append(m.to_frame().set_index("outcome")[["estimate", "std_error"]].sort_index())
    # beyond the data (x = 40, 90 under the square: probabilities undetermined) the
    # effects have no standard error, under any reference
    far = "I(x**2)" in formula and x > 10
    se = tables[0]["std_error"]
    assert (se.isna() if far else se > 0).all()
    for other in tables[1:]:
        np.testing.assert_allclose(other.to_numpy(), tables[0].to_numpy(), rtol=1e-9)
    # the effects on the three outcomes add up to zero, to their own size's rounding
    assert abs(tables[0]["estimate"].sum()) <= 1e-12 * tables[0]["estimate"].abs().max()


@pytest.mark.parametrize("x", [[100.0, 110.0], [150.0, 200.0]])
def test_contrasts_and_discrete_changes_do_not_depend_on_the_reference_outcome(data, x):
    # A margin near 1 less another was a difference of two numbers of 1 - 1e-12: four
    # digits at 1 - P = 1e-12 and none (0, with a standard error and no test) beyond
    # 1 - 1e-16, where the same change in the other outcomes was exact, and which digits
    # were lost depended on the reference. It is now taken from 1 - P, summed from the
    # other outcomes.
    tables = []
    for ref in ("p", "q", "r"):
        fit = mnlogit.fit("y ~ x + g", data, ref=ref)
        over = fit.margins(at={"x": x}, over="g")
        parts = [
            over.contrast("x").to_frame().set_index(["g", "outcome"]),
            over.contrast("g").to_frame().set_index(["x", "outcome"]),
            fit.margins(at={"x": x}, kind="effect", variables="g")
            .to_frame()
            .set_index(["x", "outcome"]),
        ]
        tables.append([t[["estimate", "std_error"]].sort_index().to_numpy() for t in parts])
    for part in range(3):
        first = tables[0][part]
        assert (first[:, 1] > 0).all()
        for other in tables[1:]:
            np.testing.assert_allclose(other[part], first, rtol=1e-9, atol=0)
        # each change of q (the outcome near 1) is minus the changes of the other two
        est = first[:, 0].reshape(-1, 3)
        np.testing.assert_allclose(est[:, 1], -(est[:, 0] + est[:, 2]), rtol=1e-12, atol=0)


@pytest.mark.parametrize("at", ["mean", "typical"])
def test_discrete_changes_near_one_add_up_to_zero(data, at):
    # Two heavy rows at x = 150 put the mean (and typical) row where P(q) = 1 - 1e-19: the
    # change in q from g = a to g = b was 0 (a difference of two probabilities that round
    # to 1) where the changes in p and r were -1.4e-19 and 6e-25, so the effects did not
    # add up to zero. It is now taken from 1 - P(q).
    far = pd.DataFrame({"x": [150.0, 150.0], "g": ["a", "b"], "y": ["q", "q"]})
    heavy = pd.concat([data, far], ignore_index=True).assign(w=[1] * len(data) + [2000, 2000])
    tables = []
    for ref in ("p", "q", "r"):
        fit = mnlogit.fit("y ~ x + g", heavy, ref=ref, weights="w")
        me = fit.marginal_effects(at=at, variables="g")
        tables.append(me[["dydx", "std_error"]].to_numpy())
    first = tables[0]
    assert (np.abs(first[:, 0]) > 0).all() and (first[:, 1] > 0).all()
    for other in tables[1:]:
        np.testing.assert_allclose(other, first, rtol=1e-9, atol=0)
    assert abs(first[:, 0].sum()) <= 1e-12 * np.abs(first[:, 0]).max()


def test_the_tidy_table_keeps_the_notes_that_say_why_cells_are_nan(data):
    """margins().to_frame() of a separated fit had NaN standard errors, tests and bounds
    with nothing in the table saying why (only str() of the Margins did), where
    marginal_effects() keeps its note in the frame's attrs."""
    sep = data.copy()
    sep.loc[sep["g"] == "b", "y"] = "p"  # level b only of p: q and r separated
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = mnlogit.fit("y ~ x + g", sep)
    assert fit.separation is not None
    m = fit.margins(over="g")
    frame = m.to_frame()
    assert frame["std_error"].isna().any()
    assert frame.attrs["note"] == " ".join(m.notes) and "separation" in frame.attrs["note"]
    # a contrast's table too, with its own notes
    diff = m.contrast("g")
    assert diff.to_frame().attrs["note"] == " ".join(diff.notes)
