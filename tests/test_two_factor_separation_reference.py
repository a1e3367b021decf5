"""Separations that two factors carry, against R, under every coding of the factors.

tests/reference/two_factor_separation.csv (make_two_factor_separation.py): in y1 ~ x + f * g
the cell f = c, g = u is all A, so f:g's coefficients diverge; the type II LR tests of x, f
and g compare models without f:g, which nothing separates (car::Anova's, exact). In
y2 ~ x * f2 + g2 a rare level of f2 (all A) and one of g2 (all B) separate at once; x's type
II test compares models both fitted exactly on those rows in the limit, so it is that of the
other rows (R's fit without them); so are the probabilities of y2 ~ x + f2 + g2 at rows of
the other levels, and their standard errors, which the fit on the other rows gives. Each
holds with the rare levels as the baselines or not.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "two_factor_separation.json").read_text())
RTOL_CHI2 = 1e-5  # R's multinom to reltol 1e-16, against the fit's refits (and limits)
RTOL_PROB = 1e-5  # the separated fit stopped where separation was found, against the limit
RTOL_SE = 1e-5  # as the probabilities: the stopping point against the limit


@pytest.fixture(scope="module")
def data():
    return refdata.data("two_factor_separation")


def _fit(formula, data, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        return mnlogit.fit(formula, data, ref="A", **options)


@pytest.mark.parametrize("bases", [("a", "u"), ("c", "u"), ("c", "w")])
def test_type_ii_tests_beside_a_separated_interaction_cell(data, bases):
    f, g = (f"C({v}, Treatment('{b}'))" for v, b in zip("fg", bases, strict=True))
    res = _fit(f"y1 ~ x + {f} * {g}", data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        table = res.anova()
    expected = REF["interaction_cell"]
    got = table["chi2"].set_axis(["x", "f", "g", "f:g"])
    np.testing.assert_allclose(got[list(expected)], list(expected.values()), rtol=RTOL_CHI2)
    assert np.isnan(got["f:g"])


@pytest.mark.parametrize("bases", [("a", "u"), ("r", "u"), ("a", "s"), ("r", "s")])
def test_two_rare_levels_at_once(data, bases):
    f, g = (f"C({v}, Treatment('{b}'))" for v, b in zip(["f2", "g2"], bases, strict=True))
    res = _fit(f"y2 ~ x * {f} + {g}", data)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        chi2 = res.anova()["chi2"]
    np.testing.assert_allclose(chi2.iloc[0], REF["two_rare_levels_x"], rtol=RTOL_CHI2)
    assert chi2.iloc[1:].isna().all()  # f2, g2 and x:f2 carry the separation

    new = pd.DataFrame(REF["new_rows"])
    kept = data[(data["f2"] != "r") & (data["g2"] != "s")]
    for options in ({}, {"cov_type": "robust"}):
        full = _fit(f"y2 ~ x + {f} + {g}", data, **options).prediction_intervals(new)
        other = _fit("y2 ~ x + f2 + g2", kept, **options).prediction_intervals(new)
        probs = full["prob"].unstack()
        for level, values in REF["probabilities"].items():
            np.testing.assert_allclose(probs[level], values, rtol=RTOL_PROB)
        np.testing.assert_allclose(full["std_error"], other["std_error"], rtol=RTOL_SE)
