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


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ({"odds_ratio": True}, "did you mean odds_ratios=?"),
        ({"star": True}, "did you mean stars=?"),
        ({"model_names": ["a", "b"]}, "the column headers are names="),
        ({"labels": ["a", "b"]}, "the column headers are names="),
        ({"level": 0.9}, "se='ci', at alpha="),
        ({"eform": True}, "odds_ratios=True"),
    ],
)
def test_another_name_for_an_option_is_answered_with_this_ones(fits, given, said):
    # Python's TypeError named only the keyword, where fit() and summary() answer it
    with pytest.raises(InputTypeError, match=r"compare\(\) got an unexpected keyword") as err:
        mnlogit.compare(fits[:2], **given)
    assert said in str(err.value)


def test_seven_fits_apart_are_refused_with_how_compare_is_called(fits):
    with pytest.raises(InputTypeError, match=r"it is called as compare\(results, names="):
        mnlogit.compare(*fits, *fits, fits[0])
