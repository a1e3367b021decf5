"""Restriction text that runs two restrictions together without a comma. A number before a
coefficient multiplies it ("2 b:x"), so "b:x = 1 c:x = 0" was read as the chain
b:x = 1*c:x = 0 and a restriction a line ("b:x = 0.1\\nc:x = 0") as b:x = 0.1*c:x: the test
ran on other restrictions than those written (chi2 and df of another hypothesis), and ';'
was read as part of a column name. Now each is refused, saying how to write it."""

from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def res() -> mnlogit.MNLogitResults:
    women = pd.read_csv(REF_DIR / "womenlf.csv")
    return mnlogit.fit("partic ~ hincome * children + region", women, ref="not.work")


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("fulltime:hincome = 1 parttime:hincome = 0", "put a comma between them"),
        ("fulltime:hincome = 0.1\nparttime:hincome = 0", "put a comma between them"),
        ("fulltime:hincome = 0.1\nparttime:hincome", "line breaks do not separate"),
        ("fulltime:hincome = parttime:hincome; fulltime:hincome = 0", "separate them by commas"),
    ],
)
def test_restrictions_run_together_are_refused(res, text, said):
    with pytest.raises(DataError, match=said) as caught:
        res.wald_test(text)
    assert repr(text) in str(caught.value)


@settings(max_examples=25, deadline=None)
@given(value=st.integers(0, 99), space=st.sampled_from([" ", "\n", " \n ", "\t"]))
def test_a_value_then_the_next_restriction_is_never_read_as_a_product(res, value, space):
    # with the comma the two restrictions are tested; without it, refused (it tested
    # fulltime:hincome = value*parttime:hincome and fulltime:hincome = 0)
    text = f"fulltime:hincome = {value}{space}parttime:hincome = 0"
    with pytest.raises(DataError, match="comma"):
        res.wald_test(text)
    meant = res.wald_test(f"fulltime:hincome = {value}, parttime:hincome = 0")
    assert meant.df == 2


def test_products_and_separated_restrictions_still_read(res):
    product = res.wald_test("fulltime:hincome = 2 parttime:hincome").statistic
    assert res.wald_test("fulltime:hincome = 2*parttime:hincome").statistic == product
    assert res.wald_test("fulltime:hincome - 2\n*parttime:hincome = 0").statistic == product
    two = res.wald_test("fulltime:hincome = 0, parttime:hincome = 0")
    assert res.wald_test("fulltime:hincome = 0,\nparttime:hincome = 0").statistic == two.statistic
    assert res.wald_test("fulltime:hincome = parttime:hincome = 0").df == 2
    assert res.wald_test("fulltime:hincome =\n 0.5").df == 1
