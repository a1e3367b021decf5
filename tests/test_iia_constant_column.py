"""IIA tests' include_intercepts=False on designs whose constant is not a column of ones."""

import warnings

import numpy as np
import pytest

import mnlogit
from mnlogit import MNLogit
from mnlogit.exceptions import InferenceWarning


@pytest.fixture(scope="module")
def travel():
    return mnlogit.datasets.load("travel").dropna(subset=["distance", "income"])


@pytest.mark.parametrize("method", ["hausman", "suest"])
def test_a_column_of_fives_is_left_out_as_the_intercept(travel, method):
    # arrays given to MNLogit carry their own constant: a column of 5s is the intercept
    # scaled, yet include_intercepts=False compared it as a slope and said the design had
    # no constant
    y = travel["mode"].to_numpy()
    X = travel[["distance", "income"]].to_numpy()
    ones = MNLogit(y, np.column_stack([np.ones(len(y)), X]), ref="car").fit()
    fives = MNLogit(y, np.column_stack([X, np.full(len(y), 5.0)]), ref="car").fit()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        expected = ones.iia_test("bus", method=method, include_intercepts=False)
        got = fives.iia_test("bus", method=method, include_intercepts=False)
    assert got.df == expected.df == 4
    assert got.statistic == pytest.approx(expected.statistic, rel=1e-6)
    assert all(name != fives.params.index[-1] for _, name in got.details["coefficients"])
    assert "is constant (the intercept, scaled)" in got.note
    assert "no intercept column" not in got.note


def test_a_design_without_a_constant_is_not_said_to_hold_one_in_dummies(travel):
    res = mnlogit.fit("mode ~ 0 + distance", travel, ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InferenceWarning)
        note = res.iia_test("bus", include_intercepts=False).note
    assert "nor any constant" in note
    assert "dummies" not in note
