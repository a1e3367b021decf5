"""An LR statistic below zero (the restricted fit above the larger one) has no p-value, and
the test says why rather than leaving a bare NaN."""

import warnings

import numpy as np
import pandas as pd

import mnlogit
from mnlogit._test_result import NEGATIVE_LR_NOTE, chi2_test, lr_note


def test_a_larger_fit_that_stopped_short_gives_no_negative_statistic():
    # its log-likelihood below the model it nests gave chi2 = -x with a NaN p-value; the
    # test of a fit that stopped short of its estimates is not computed at all now
    df = mnlogit.datasets.load("travel")
    df = df.assign(noise=np.random.default_rng(0).standard_normal(len(df)))
    restricted = mnlogit.fit("mode ~ parking + distance", df, ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the larger fit stopped after one step, as meant
        full = mnlogit.fit("mode ~ parking + distance + noise", df, ref="car", max_iter=1)
    assert full.llf < restricted.llf  # stopped short: below the model it nests
    test = mnlogit.lr_test(restricted, full)
    assert np.isnan(test.statistic) and np.isnan(test.pvalue)
    assert NEGATIVE_LR_NOTE not in test.note and "did not converge in 1 iteration" in test.note


def test_a_negative_statistic_says_why_it_has_no_p_value():
    # fits at other local maxima (separation, Firth's several starts) can still give one
    test = chi2_test(-3.5, 2, "Likelihood-ratio test of nested models", lr_note(-3.5))
    assert np.isnan(test.pvalue) and NEGATIVE_LR_NOTE in test.note
    assert "The statistic is negative" in str(test)


def test_a_statistic_at_or_above_zero_has_no_such_note():
    df = mnlogit.datasets.load("travel")
    restricted = mnlogit.fit("mode ~ parking", df, ref="car")
    full = mnlogit.fit("mode ~ parking + distance", df, ref="car")
    test = mnlogit.lr_test(restricted, full)
    assert test.statistic >= 0 and NEGATIVE_LR_NOTE not in test.note
    assert NEGATIVE_LR_NOTE not in full.lr_test().note


def test_a_predictor_of_no_effect_at_all_has_a_statistic_of_zero_not_rounding():
    # x = 1, 2, 3 with outcomes a, b, a: the slope is exactly 0 and the two maxima equal;
    # their rounding printed as LR chi2(1) = 8.882e-16
    df = pd.DataFrame({"x": [1.0, 2.0, 3.0], "y": ["a", "b", "a"]})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # two or three rows per level: rare
        res = mnlogit.fit("y ~ x", df)
    assert res.lr_test().statistic == 0.0 and res.lr_test().pvalue == 1.0
    assert "LR chi2(1)            0.0000" in str(res.summary())
