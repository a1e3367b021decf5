"""An LR statistic below zero (the restricted fit above the larger one) has no p-value, and
the test says why rather than leaving a bare NaN."""

import warnings

import numpy as np

import mnlogit
from mnlogit._test_result import NEGATIVE_LR_NOTE


def test_a_negative_statistic_says_why_it_has_no_p_value():
    df = mnlogit.datasets.load("travel")
    df = df.assign(noise=np.random.default_rng(0).standard_normal(len(df)))
    restricted = mnlogit.fit("mode ~ parking + distance", df, ref="car")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the larger fit stopped after one step, as meant
        full = mnlogit.fit("mode ~ parking + distance + noise", df, ref="car", max_iter=1)
    assert full.llf < restricted.llf  # stopped short: below the model it nests
    test = mnlogit.lr_test(restricted, full)
    assert test.statistic < 0 and np.isnan(test.pvalue)
    assert NEGATIVE_LR_NOTE in test.note and "did not converge" in test.note
    assert "The statistic is negative" in str(test)


def test_a_statistic_at_or_above_zero_has_no_such_note():
    df = mnlogit.datasets.load("travel")
    restricted = mnlogit.fit("mode ~ parking", df, ref="car")
    full = mnlogit.fit("mode ~ parking + distance", df, ref="car")
    test = mnlogit.lr_test(restricted, full)
    assert test.statistic >= 0 and NEGATIVE_LR_NOTE not in test.note
    assert NEGATIVE_LR_NOTE not in full.lr_test().note
