"""The table of every variable's effects leaves out a variable whose design has no derivative
at some rows (``C(k > 4)`` with rows at k = 4, ``np.sqrt(c)`` with rows at c = 0), and gives
the others. ``marginal_effects()`` did; ``margins(kind="effect")`` refused the whole table
for the same data (NoSlopeError naming k). Both now leave it out with the same note and
warning, the others' numbers those they have when named; a table with every variable left
out is refused with their reasons (marginal_effects said "the model has no variables to take
effects of" of a model with two)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def data():
    # whole numbers k with rows at the step C(k > 4) sits on, counts c with rows at 0
    rng = np.random.default_rng(3)
    n = 400
    k, x = rng.integers(0, 9, n), rng.normal(size=n)
    eta = np.c_[np.zeros(n), 0.8 * x - 0.6 * (k > 4), 0.4 - 0.5 * x + 0.7 * (k > 4)]
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    frame = pd.DataFrame({"k": k, "x": x, "y": y})
    frame["c"] = rng.poisson(1.0, n).astype(float)
    frame["g"] = rng.choice(["u", "v", "w"], n)
    return frame


def _left_out_note(note, name):
    start = note.index(f"Left out: {name!r}")
    return note[start : note.index("contrast(", start)]


@pytest.mark.parametrize(
    ("formula", "name", "kept"),
    [
        ("y ~ x + C(k > 4)", "k", ["x"]),
        ("y ~ x + np.sqrt(c) + g", "c", ["x", "g"]),
    ],
)
def test_margins_of_effects_leave_out_what_marginal_effects_leave_out(data, formula, name, kept):
    res = mnlogit.fit(formula, data)
    with pytest.warns(mnlogit.MNLogitWarning, match=f"Left out: '{name}'") as caught:
        m = res.margins(kind="effect")
    table = m.to_frame()
    with pytest.warns(mnlogit.MNLogitWarning, match=f"Left out: '{name}'"):
        me = res.marginal_effects()
    named = res.margins(kind="effect", variables=kept).to_frame()
    assert list(table["variable"].unique()) == list(me.index.get_level_values(0).unique())
    for column in ("estimate", "std_error", "z", "pvalue", "lower", "upper"):
        np.testing.assert_array_equal(table[column].to_numpy(), named[column].to_numpy())
    np.testing.assert_allclose(table["estimate"], me["dydx"], rtol=1e-10, atol=1e-14)
    np.testing.assert_allclose(table["std_error"], me["std_error"], rtol=1e-8)
    said = " ".join(m.notes)
    assert _left_out_note(said, name) == _left_out_note(me.attrs["note"], name)
    warned = [str(w.message) for w in caught if "Left out" in str(w.message)]
    assert len(warned) == 1 and warned[0] in said
    with pytest.raises(DataError, match=f"no derivative with respect to '{name}'"):
        res.margins(kind="effect", variables=[*kept, name])


def test_a_variable_without_a_derivative_at_one_combination_is_left_out_of_all(data):
    res = mnlogit.fit("y ~ x + C(k > 4)", data)
    with pytest.warns(mnlogit.MNLogitWarning, match="Left out: 'k'"):
        table = res.margins(at={"k": [3, 4, 5]}, kind="effect").to_frame()
    named = res.margins(at={"k": [3, 4, 5]}, kind="effect", variables="x").to_frame()
    assert set(table["variable"]) == {"x"} and len(table) == 9
    np.testing.assert_array_equal(table["estimate"], named["estimate"])
    np.testing.assert_array_equal(table["std_error"], named["std_error"])


def test_a_grid_that_holds_k_off_the_step_keeps_its_slope(data):
    # k held at its mean (3.97) has the slope 0 there: nothing to leave out
    res = mnlogit.fit("y ~ x + C(k > 4)", data)
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.MNLogitWarning)
        table = res.margins(kind="effect", average="grid").to_frame()
    assert list(table["variable"].unique()) == ["x", "k"]


@pytest.mark.parametrize("call", ["margins", "marginal_effects"])
def test_every_variable_left_out_is_refused_with_the_reasons(data, call):
    res = mnlogit.fit("y ~ C(k > 4) + np.sqrt(c)", data)
    run = {"margins": lambda: res.margins(kind="effect"), "marginal_effects": res.marginal_effects}
    with pytest.raises(DataError, match=r"no variable has a derivative at every row \('k', 'c'\)"):
        run[call]()
    with pytest.raises(DataError) as raised:
        run[call]()
    assert "Left out: 'k', whose design has no derivative at" in str(raised.value)
    assert "Left out: 'c', whose design has no derivative at" in str(raised.value)


def test_a_number_read_only_through_a_computed_factor_is_left_out_of_margins(data):
    # margins take k as a number (marginal_effects as the factor C(k % 3)): it has no slope
    res = mnlogit.fit("y ~ C(k % 3) + x", data)
    with pytest.warns(mnlogit.MNLogitWarning, match="Left out: 'k', read only through"):
        m = res.margins(kind="effect")
    table = m.to_frame()
    assert set(table["variable"]) == {"x"}
    assert "marginal_effects(variables='k')" in " ".join(m.notes)
    named = res.margins(kind="effect", variables="x").to_frame()
    np.testing.assert_array_equal(table["estimate"], named["estimate"])


def test_the_unconditional_variance_of_the_others_is_theirs_alone(data):
    # the values at the rows of a variable left out take no part in the others' covariance
    design = mnlogit.SurveyDesign(psu="psu")
    res = mnlogit.fit("y ~ x + C(k > 4)", data.assign(psu=np.arange(len(data)) % 30), design=design)
    at = {"x": [0.0, 1.0]}
    with pytest.warns(mnlogit.MNLogitWarning, match="Left out: 'k'"):
        table = res.margins(at=at, kind="effect", vce="unconditional").to_frame()
    named = res.margins(at=at, kind="effect", vce="unconditional", variables="x").to_frame()
    assert set(table["variable"]) == {"x"}
    np.testing.assert_array_equal(table["std_error"], named["std_error"])
