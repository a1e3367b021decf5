"""Fits given to compare() as separate arguments, as R's anova(m1, m2, m3) or stargazer take
them, are refused with the call that takes them, whatever argument they land in: three of
them were refused as "odds_ratios: expected True or False; got <MNLogitResults ...>", an
option the user never gave; two, as one fit that is not a list."""

from __future__ import annotations

import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

ONE_LIST = r"expected the fitted models in one list, compare\(\[res1, res2, \.\.\.\]\)"


@pytest.fixture(scope="module")
def fits():
    df = mnlogit.datasets.load("travel")
    formulas = ("mode ~ parking", "mode ~ parking + region", "mode ~ parking * region")
    return [mnlogit.fit(f, df, ref="car") for f in formulas]


@pytest.mark.parametrize("k", [2, 3, 6])
@pytest.mark.parametrize("entry", [mnlogit.compare, mnlogit.ComparisonTable])
def test_fits_as_separate_arguments_are_refused_with_the_call_that_takes_them(fits, k, entry):
    given = [fits[i % 3] for i in range(k)]
    with pytest.raises(InputTypeError, match=rf"{ONE_LIST}; got {k} of them as separate"):
        entry(*given)


def test_a_fit_given_beside_the_list_is_refused_alike(fits):
    with pytest.raises(InputTypeError, match=rf"{ONE_LIST}; got 1 of them as separate"):
        mnlogit.compare(fits[:2], fits[2])
    with pytest.raises(InputTypeError, match=ONE_LIST):
        mnlogit.compare(fits[:2], stars=fits[2])


def test_the_list_of_them_is_taken(fits):
    table = mnlogit.compare(fits, ["a", "b", "c"], True, True)
    assert table.names == ("a", "b", "c") and table.odds_ratios and table.stars
