"""A restriction naming a treatment-coded factor's baseline level, which has no coefficient.

``wald_test("b:region[T.island]")`` with ``island`` the baseline was refused with the list of
columns only, as if the level were misspelt; the refusal now says the baseline has no
coefficient and writes the test of the other levels' contrasts with it, and the refit that
gives the level a coefficient.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, LevelError


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(0)
    n = 300
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "region": rng.choice(["island", "north", "south"], n),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )


@pytest.fixture(scope="module")
def res(df):
    return mnlogit.fit("y ~ x * region", df)


@pytest.mark.parametrize(
    "written", ["b:region[T.island]", "b:region[island] = 0", "b:region[T.island] = c:x"]
)
def test_the_baseline_of_one_equation_is_said_with_the_test_to_write(res, written):
    with pytest.raises(ColumnNotFoundError) as info:
        res.wald_test(written)
    message = str(info.value)
    assert "'island' is the baseline level of 'region'" in message
    assert "has no coefficient" in message
    suggested = "b:region[T.north] = 0, b:region[T.south] = 0"
    assert f"'{suggested}'" in message
    assert "C(region, Treatment('north'))" in message
    assert res.wald_test(suggested).df == 2  # the advice can be followed


def test_the_baseline_of_an_interaction_names_the_interactions_columns(res):
    with pytest.raises(ColumnNotFoundError, match="'island' is the baseline") as info:
        res.wald_test("b:x:region[T.island]")
    assert "'b:x:region[T.north] = 0, b:x:region[T.south] = 0'" in str(info.value)


def test_the_baseline_named_alone_lists_the_columns_to_test(res):
    with pytest.raises(LevelError, match="'island' is the baseline level") as info:
        res.wald_test("region[T.island]")
    assert "['region[T.north]', 'region[T.south]']" in str(info.value)
    assert res.wald_test(["region[T.north]", "region[T.south]"]).df == 4


def test_a_baseline_named_in_the_formula_is_refitted_by_another_name(df):
    res = mnlogit.fit("y ~ x + C(region, Treatment('north'))", df)
    with pytest.raises(ColumnNotFoundError) as info:
        res.wald_test("b:C(region, Treatment('north'))[T.north]")
    message = str(info.value)
    assert "'north' is the baseline level" in message
    assert "another level named as the baseline in its Treatment()" in message


@pytest.mark.parametrize("written", ["b:region[T.east]", "b:x:region[T.north]:x"])
def test_a_level_that_is_no_baseline_keeps_the_list_of_columns(res, written):
    with pytest.raises(ColumnNotFoundError, match="names no design column"):
        res.wald_test(written)
