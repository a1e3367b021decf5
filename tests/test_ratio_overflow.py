"""Relative-risk ratios exp(coef) past the largest double (a column in tiny units, coef >
709.8) are NaN with a note saying why and what to do, never inf: an infinite ratio with an
interval [inf, inf] claimed a certainty the fit does not have."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.report._format import ratio_std_error


def _draw(levels: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """x and an outcome of three ``levels`` whose log-odds are 0, 1.5 x and -x."""
    rng = np.random.default_rng(5)
    n = 500
    x = rng.standard_normal(n)
    eta = np.column_stack([np.zeros(n), 1.5 * x, -x])
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    return x, np.array(levels)[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]


@pytest.fixture(scope="module")
def fits():
    x, y = _draw(["a", "b", "c"])
    tiny = mnlogit.fit("y ~ x", pd.DataFrame({"x": x * 1e-3, "y": y}))  # coef about 1500
    plain = mnlogit.fit("y ~ x", pd.DataFrame({"x": x, "y": y}))
    return tiny, plain


def test_ratios_past_the_float_range_are_nan_with_a_note(fits):
    tiny, plain = fits
    # the NaN was explained in the tables' notes only; reading it says why too
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("error", RuntimeWarning)  # no overflow on the way
        warnings.simplefilter("always", mnlogit.InferenceWarning)
        ratios = tiny.odds_ratios()
        frame = tiny.to_frame()
    assert [str(w.message).split(":")[0] for w in caught] == ["odds_ratios()", "to_frame()"]
    for w in caught:
        assert "x (b) exceed the largest floating-point number" in str(w.message)
        assert "are NaN: give the column in larger units" in str(w.message)
    assert tiny.params.loc["x", "b"] > 710
    assert np.isnan(ratios.loc[("b", "x")]).all()
    assert not np.isinf(ratios.to_numpy()).any()
    assert frame.loc[("b", "x"), ["odds_ratio", "or_lower", "or_upper"]].isna().all()
    # a ratio that underflows is 0 to double precision, a value: kept
    assert frame.loc[("c", "x"), "odds_ratio"] == 0.0
    summary = tiny.summary(odds_ratios=True)
    (note,) = [n for n in summary.notes if "floating-point" in n]
    assert "x (b)" in note and "larger units" in note
    table = mnlogit.compare([plain, tiny], names=["units", "thousandths"], odds_ratios=True)
    (note,) = [n for n in table.notes if "floating-point" in n]
    assert note.startswith("thousandths:")
    # the same data in ordinary units: finite ratios, no note, no warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert np.isfinite(plain.odds_ratios().to_numpy()).all()
        plain.to_frame()
    assert not any("floating-point" in n for n in plain.summary(odds_ratios=True).notes)
    # the coefficient table without ratios needs no note
    assert not any("floating-point" in n for n in tiny.summary().notes)


def test_tables_show_a_ratio_past_the_float_range_as_not_shown(fits):
    tiny, plain = fits
    summary = tiny.summary(odds_ratios=True)
    for se in ("parentheses", "ci", "none"):
        table = mnlogit.compare([plain, tiny], odds_ratios=True, se=se)
        for text in (str(table), table.as_markdown(), table.as_latex(), table._repr_html_()):
            assert "nan" not in text.lower() and "inf" not in text.split("Covariance")[0]
    (row,) = [r for title, rows in summary.blocks if title == "b vs a" for r in rows if r[0] == "x"]
    assert row[1] == "--" and row[5] == "--" and row[6] == "--"
    assert "nan" not in str(summary).lower()


def test_a_ratio_that_underflowed_has_no_standard_error_of_zero(fits):
    # exp(coef) of x in c underflows to 0, kept as a value; its standard error exp(coef)
    # se(coef) was printed as 0.0000, as only a census's is, in the summary and compare
    tiny, plain = fits
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)  # x (b)'s ratio: NaN
        assert tiny.to_frame().loc[("c", "x"), "odds_ratio"] == 0.0
    summary = tiny.summary(odds_ratios=True)
    (row,) = [r for title, rows in summary.blocks if title == "c vs a" for r in rows if r[0] == "x"]
    assert row[1] == "0.0000" and row[2] == "--"
    (note,) = [n for n in summary.notes if "floating-point" in n]
    assert "standard errors exp(coef) se(coef) of the ratios of x (c)" in note
    table = mnlogit.compare([plain, tiny], names=["units", "thousandths"], odds_ratios=True)
    blocks = dict(table._blocks)
    (cells,) = [under for term, top, under in blocks["c vs a"] if term == "x"]
    assert cells[1] == "--"
    assert any("se(coef) of the ratios of x (c)" in n for n in table.notes)
    # a table without the ratios' standard errors says nothing of them
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", mnlogit.InferenceWarning)
        tiny.odds_ratios()
    assert all("se(coef)" not in str(w.message) for w in caught)


def test_a_ratios_standard_error_past_the_largest_double_is_not_shown():
    frame = pd.DataFrame(
        {"odds_ratio": [1e300, 0.0, 2.0, 3.0], "std_error": [1e10, 1.0, 0.5, 0.0]},
        index=pd.MultiIndex.from_tuples([("b", t) for t in "wxyz"]),
    )
    got = ratio_std_error(frame)
    assert np.isnan(got[:2]).all() and got[2] == 1.0 and got[3] == 0.0  # a census's 0 kept


def test_the_overflow_note_names_an_outcome_and_a_term_as_the_tables_do():
    # the note wrote the outcome 'b\tc' and the term 'x  y' as they are: a tab in the
    # text and, once a layout collapsed the spaces, the names of other outcomes and terms
    x, y = _draw(["a", "b\tc", "c"])
    X = pd.DataFrame({"Intercept": 1.0, "x  y": x * 1e-3})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        summary = mnlogit.MNLogit(y, X).fit().summary(odds_ratios=True)
    (note,) = [n for n in summary.notes if "floating-point" in n]
    assert "(or their interval bounds) of 'x \\x20y' ('b\\tc') exceed" in note, note
