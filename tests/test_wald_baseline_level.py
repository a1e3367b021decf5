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


@pytest.mark.parametrize(
    "written",
    [
        "b:region[T.island] = 1",
        "b:region[T.island] = c:region[T.island]",
        "b:region[T.island] - c:region[T.island] = 0",
        "b:region[T.island] = c:x",
        "region[T.island] = 1",
    ],
)
def test_a_restriction_other_than_zero_is_not_offered_the_test_of_zeros(res, written):
    # was: "'b:region[T.north] = 0, b:region[T.south] = 0' tests that they are all zero"
    # offered for '= 1' and for a comparison of equations as if it were the test meant
    with pytest.raises((ColumnNotFoundError, LevelError)) as info:
        res.wald_test(written)
    message = str(info.value)
    assert "'island' is the baseline level of 'region'" in message
    assert "The restriction written needs a coefficient of 'island'" in message
    assert "C(region, Treatment('north'))" in message
    assert "another restriction than the one written" in message


@pytest.mark.parametrize("written", ["b:region[T.island] = 0", "b:region[T.island] = 0.0"])
def test_a_restriction_to_zero_is_offered_the_test_of_zeros(res, written):
    with pytest.raises(ColumnNotFoundError) as info:
        res.wald_test(written)
    message = str(info.value)
    assert "tests that they are all zero in the equation of 'b'." in message
    assert "another restriction" not in message


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


@pytest.fixture(scope="module")
def odd():
    rng = np.random.default_rng(7)
    n = 300
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "k": pd.Categorical(rng.choice([1, 2, 3], n)),
            "odd": rng.choice(["a[1]", "b:2", "c"], n),
            "day": pd.to_datetime(rng.choice(["2020-01-01", "2021-01-01"], n)),
            "y": rng.choice(["a", "b", "c"], n),
        }
    )


def test_a_baseline_of_numbers_is_quoted_and_refitted_as_a_number(odd):
    # was "'1' is the baseline ... refit with C(k, Treatment('2'))", which names no level
    res = mnlogit.fit("y ~ x + k", odd)
    with pytest.raises(LevelError) as info:
        res.wald_test("k[T.1]")
    message = str(info.value)
    assert "'k[T.1]': 1 is the baseline level of 'k'" in message
    assert "refit with C(k, Treatment(2))" in message
    refit = mnlogit.fit("y ~ x + C(k, Treatment(2))", odd)
    assert "C(k, Treatment(2))[T.1]" in refit.params.index


@pytest.mark.parametrize(
    ("formula", "written", "base", "others"),
    [
        # a level holding brackets or a colon, a date's time: answered as a misspelt column
        ("y ~ x + odd", "b:odd[T.a[1]]", "'a[1]'", "b:odd[T.b:2] = 0, b:odd[T.c] = 0"),
        (
            "y ~ x + C(odd, Treatment('b:2'))",
            "b:C(odd, Treatment('b:2'))[T.b:2]",
            "'b:2'",
            "b:C(odd, Treatment('b:2'))[T.a[1]] = 0, b:C(odd, Treatment('b:2'))[T.c] = 0",
        ),
        ("y ~ x * C(day)", "b:x:C(day)[T.2020-01-01 00:00:00]", "2020-01-01 00:00:00", None),
    ],
)
def test_a_baseline_holding_colons_or_brackets_is_said(odd, formula, written, base, others):
    res = mnlogit.fit(formula, odd)
    with pytest.raises(ColumnNotFoundError) as info:
        res.wald_test(written)
    message = str(info.value)
    assert f"{base} is the baseline level of" in message
    if others is not None:
        assert repr(others) in message  # quoted so that it can be copied
        assert res.wald_test(others).df == 2
