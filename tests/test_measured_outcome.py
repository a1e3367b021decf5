"""A measurement given as the outcome (distance in km, 366 distinct values) is fitted with
one equation per value, as a multinomial logit must; the rare-level warning now says that the
outcome looks like a measurement and what to do, and lists ten of its rare levels rather
than every one of them (it listed 161 levels and nothing else)."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit


def _rare_messages(formula, df):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        mnlogit.fit(formula, df)
    return [str(w.message) for w in caught if issubclass(w.category, mnlogit.RareLevelWarning)]


@pytest.mark.slow
def test_a_measured_outcome_is_said_to_look_like_one():
    messages = _rare_messages("distance ~ income", mnlogit.datasets.load("travel"))
    # the levels only rows missing income have are warned of too, as numbers are printed
    lost, message = messages
    assert lost.startswith("outcome 'distance': levels 90.4, 53.6, 63.8")
    assert "looks like a measurement rather than a category" in message
    assert "pd.cut" in message and "With 366 levels" in message
    assert message.count("observation") <= 10 and ", and 151 more are very rare" in message


@pytest.mark.parametrize("values", [np.arange(30), np.arange(30).astype(str)])
def test_codes_are_not(values):
    # whole numbers (codes of 30 occupations) or words: categories, as given
    rng = np.random.default_rng(3)
    y = np.r_[values, rng.choice(values[:3], 200)]
    df = pd.DataFrame({"y": y, "x": rng.normal(size=len(y))})
    (message,) = _rare_messages("y ~ x", df)
    assert "measurement" not in message
