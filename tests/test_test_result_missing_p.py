"""A printed test without a p-value says that it has none and why: ``str()`` read
``p = nan`` where the summary shows ``--``, and a test built without a note (a negative
statistic, 0 degrees of freedom) printed nothing else, the reason nowhere."""

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

import mnlogit
from mnlogit.inference import TestResult, chi2_test

NO_P = "no p-value (see the note)"


def _first_line(test):
    return str(test).splitlines()[0 if type(test) is TestResult else 1]


def _said(test):
    """The test's printed line says it has no p-value, the note why, and nothing reads nan."""
    line = _first_line(test)
    assert "nan" not in line.lower(), line
    assert NO_P in line or "not computed (see the note)" in line
    assert test.note and re.search(r"[Nn]o p-value|[Nn]ot computed", test.note)


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel")


def test_a_negative_statistic_says_why_it_has_no_p_value():
    test = chi2_test(-1.0, 2, "H")
    assert np.isnan(test.pvalue)
    assert str(test).splitlines()[0] == f"H: chi2(2) = -1.0000, {NO_P}"
    assert "negative" in test.note and "negative" in repr(test)
    _said(test)


def test_zero_degrees_of_freedom_say_why():
    test = chi2_test(0.0, 0, "H")
    assert "0 degrees of freedom" in test.note
    _said(test)


def test_a_note_given_is_kept():
    test = chi2_test(-1.0, 2, "H", "the caller's reason")
    assert test.note == "the caller's reason"
    assert NO_P in str(test)


@given(
    statistic=st.floats(allow_nan=True, allow_infinity=False, width=64),
    df=st.sampled_from([0.0, 1.0, 3.0, -1.0, float("nan")]),
)
def test_no_test_prints_a_bare_nan(statistic, df):
    test = chi2_test(statistic, df, "H")
    if np.isnan(test.pvalue):
        _said(test)
    else:
        assert "nan" not in str(test)


def test_a_model_without_slopes(travel):
    res = mnlogit.fit("mode ~ 1", travel, ref="car")
    for test in (res.lr_test(), res.wald_test_slopes()):
        _said(test)
        assert "no slopes" in test.note


def test_a_negative_hausman_statistic(travel):
    res = mnlogit.fit("mode ~ parking + income", travel, ref="car")
    test = res.iia_test("train")
    assert test.statistic < 0 and np.isnan(test.pvalue)
    assert re.search(r"chi2\(6\) = -\d\.\d{4}, no p-value \(see the note\)", str(test))
    _said(test)


def test_tests_left_uncomputed_say_so(travel):
    unconverged = mnlogit.fit("mode ~ parking + income", travel, ref="car", max_iter=1)
    rng = np.random.default_rng(0)
    x = rng.normal(size=60)
    y = np.where(x > 0.5, "c", np.where(rng.random(60) < 0.5, "a", "b"))
    separated = mnlogit.fit("y ~ x + z", pd.DataFrame({"y": y, "x": x, "z": rng.normal(size=60)}))
    survey = travel.assign(psu=np.arange(len(travel)) % 4, pw=1.0)
    few_psus = mnlogit.fit(
        "mode ~ parking + income",
        survey,
        ref="car",
        design=mnlogit.SurveyDesign(weights="pw", psu="psu"),
    )
    for test in (
        unconverged.lr_test(),
        unconverged.wald_test("income"),
        separated.lr_test(),
        separated.wald_test("x"),
        separated.wald_test_slopes(),
        few_psus.wald_test_slopes(),
    ):
        _said(test)


@pytest.mark.parametrize("df_denom", [float("nan"), 0.0, -2.0])
def test_an_f_test_without_denominator_df_says_so(df_denom):
    # it printed "F(3, nan) = 2.0000" and its note said only that the F distribution "gives
    # none for these values"
    test = TestResult(2.0, 3.0, float("nan"), "H", df_denom=df_denom)
    shown = "3" if np.isnan(df_denom) else f"3, {df_denom:g}"
    assert str(test).splitlines()[0] == f"H: F({shown}) = 2.0000, {NO_P}"
    assert "denominator degrees of freedom" in test.note
    _said(test)
