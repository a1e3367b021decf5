"""A stateful transform learned on the rows used, where R's model.frame learns it on every
row before dropping those missing another column, is named in the summary's notes: its
coefficients differ from R's (a spline's fit too), which was said only in the README
(tests/reference/make_learned_rows.R)."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import mnlogit
from tests.refdata import RTOL_COEF, RTOL_LOGLIK, data, expected

REF = expected("learned_rows")


@pytest.fixture(scope="module")
def df():
    frame = data("nesting_forms")
    frame.loc[frame["x"] > 1, "z"] = np.nan
    assert frame["z"].isna().sum() == REF["n_missing"]
    return frame


def _fit(formula, frame):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return mnlogit.fit(formula, frame)


def _learned(res):
    return [n for n in res.summary().notes if "R's model.frame" in n]


@pytest.mark.parametrize(
    ("case", "formula"), [("poly", "y ~ poly(x, 2) + z"), ("scale", "y ~ scale(x) + z")]
)
def test_a_basis_or_centre_of_fewer_rows_is_said_to_write_rs_fit_otherwise(df, case, formula):
    ref = REF[case]
    res = _fit(formula, df)
    assert res.nobs == ref["nobs"]
    assert res.llf == pytest.approx(ref["loglik"], rel=RTOL_LOGLIK)  # the same fit
    # ... written otherwise: the transform's coefficients and the intercept differ from R's
    assert not np.allclose(res.params.to_numpy(), np.array(ref["coef"]), rtol=1e-3)
    (note,) = _learned(res)
    term = res.params.index[1].split("[")[0]
    assert note.startswith(f"{term} learned its centre, scale, basis or knots on the 356 rows")
    assert "the same fit, written otherwise" in note


def test_a_spline_of_fewer_rows_is_said_to_be_another_fit_than_rs(df):
    res = _fit("y ~ bs(x, df=4) + z", df)
    assert abs(res.llf - REF["bs"]["loglik"]) > 1e-3  # R's knot and bounds: another fit
    (note,) = _learned(res)
    assert "R's knots and bounds of bs(x, df=4), and so R's fit" in note
    # what the note says to do gives R's fit, and no note
    given = _fit(
        f"y ~ bs(x, knots={REF['knots']}, lower_bound={REF['bounds'][0]!r}, "
        f"upper_bound={REF['bounds'][1]!r}) + z",
        df,
    )
    assert given.llf == pytest.approx(REF["bs_given"]["loglik"], rel=RTOL_LOGLIK)
    assert not _learned(given)


@pytest.mark.parametrize(
    "formula",
    [
        "y ~ poly(x, 2, raw=True) + z",  # learns nothing
        "y ~ poly(z, 2) + x",  # the rows dropped miss z itself: R learns on these rows too
        "y ~ np.log(x + 5) + z",  # no state
    ],
)
def test_no_note_where_rs_transform_learns_the_same(df, formula):
    assert not _learned(_fit(formula, df))


def test_no_note_without_rows_dropped():
    assert not _learned(_fit("y ~ poly(x, 2) + z", data("nesting_forms")))


@pytest.mark.parametrize("formula", ["y ~ np.log(scale(x) + 10) + z", "y ~ poly(x, 2):a + z"])
def test_a_state_inside_a_function_or_interaction_is_not_said_to_be_the_same_fit(df, formula):
    """A centre shifted inside a log, or a basis crossed with a factor whose main effect is
    not in the model, is no longer absorbed by the intercept: R's fit may differ."""
    (note,) = _learned(_fit(formula, df))
    assert "R's fit may differ too" in note
    assert "the same fit" not in note


def test_a_state_learned_on_rows_the_fit_dropped_warns_of_nothing_there(df):
    """R's rows for the transform include those missing z (here x > 1), where 1.5 - center(x)
    is negative: the fit, which never takes its square root there, warns of nothing, and the
    note is given with warnings made errors as without."""
    assert (1.5 - df["x"] < 0).any() and (1.5 - df.loc[df["z"].notna(), "x"] > 0).all()
    (note,) = _learned(_fit("y ~ np.sqrt(1.5 - center(x)) + z", df))
    assert note.startswith("np.sqrt(1.5 - center(x)) learned its centre")


def test_no_note_where_rs_transform_leaves_out_the_rows_whose_input_is_not_a_number(df):
    """The log is not a number on exactly the rows missing z (x > 1), which R's scale()
    leaves out of its centre and scale as the fit does: R's coefficients are these."""
    assert (df["z"].isna() == (df["x"] > 1)).all()
    res = mnlogit.fit("y ~ scale(np.log(1 - x)) + z", df)
    ref = REF["scale_log"]
    assert res.nobs == ref["nobs"]
    np.testing.assert_allclose(res.params.to_numpy(), ref["coef"], rtol=RTOL_COEF, atol=1e-8)
    assert not _learned(res)
