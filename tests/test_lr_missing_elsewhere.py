"""lr_test of two fits of one data frame that each dropped as many rows for missing values,
but other rows (a value missing in a variable only one model uses): refused with the advice
to drop the rows missing in either model's variables, not "fit both to the same data frame",
which the user had done."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ModelComparisonError


@pytest.fixture(scope="module")
def data():
    rng = np.random.default_rng(4)
    df = pd.DataFrame({c: rng.normal(size=300) for c in ("x1", "x2", "x3")})
    df["y"] = rng.choice(["a", "b", "c"], size=300)
    df.loc[5, "x2"] = np.nan
    df.loc[6, "x3"] = np.nan
    return df


def test_rows_missing_in_other_variables_are_said_with_advice_that_can_be_followed(data):
    small = mnlogit.fit("y ~ x1 + x3", data)
    full = mnlogit.fit("y ~ x1 + x2", data)
    assert small.nobs == full.nobs == 299
    with pytest.raises(ModelComparisonError) as caught:
        mnlogit.lr_test(small, full)
    said = str(caught.value)
    assert "each dropped 1 row with missing values, not the same" in said
    assert "drop the rows with missing values in any variable of either model" in said
    assert "fit both to the same data frame" not in said
    # the advice followed: the restricted model is nested, and tested
    kept = data.dropna(subset=["x1", "x2", "x3"])
    test = mnlogit.lr_test(mnlogit.fit("y ~ x1", kept), mnlogit.fit("y ~ x1 + x2", kept))
    assert test.df == 2 and np.isfinite(test.statistic)


def test_rows_dropped_by_hand_keep_their_advice(data):
    # the index reset after dropping rows by hand: the labels differ, and the advice to fit
    # both to the same data frame (with why the labels differ) stays
    by_hand = data.dropna(subset=["x2"]).reset_index(drop=True)
    with pytest.raises(ModelComparisonError, match="the index reset have other labels"):
        mnlogit.lr_test(mnlogit.fit("y ~ x1", by_hand), mnlogit.fit("y ~ x1 + x3", data))


def test_the_same_rows_sorted_between_the_fits_are_not_said_to_miss_other_values(data):
    # both dropped row 5 (x2 missing, read by both): the same rows, in another order, were
    # said to be other rows missing values, and dropping them first left the refusal
    small = mnlogit.fit("y ~ x1", data.dropna(subset=["x2"]))
    sorted_ = mnlogit.fit("y ~ x1 + x2", data.sort_values("x1"))
    with pytest.raises(ModelComparisonError) as caught:
        mnlogit.lr_test(mnlogit.fit("y ~ x2", data), sorted_)
    said = str(caught.value)
    assert "not the same (values missing" not in said
    assert "the same rows in another order" in said and "in one order of its rows" in said
    with pytest.raises(ModelComparisonError, match="the same rows in another order"):
        mnlogit.lr_test(small, sorted_)
    # the advice followed
    test = mnlogit.lr_test(mnlogit.fit("y ~ x2", data), mnlogit.fit("y ~ x1 + x2", data))
    assert test.df == 2 and np.isfinite(test.statistic)
