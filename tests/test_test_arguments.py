"""The tests' own arguments: a fit's lr_test takes another fit, as R's lmtest::lrtest and
Stata's lrtest do, and a keyword a test does not take is refused as every other mistake is,
with what the test takes or does instead."""

from __future__ import annotations

import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError


@pytest.fixture(scope="module")
def fits():
    df = mnlogit.datasets.load("travel").dropna()
    small = mnlogit.fit("mode ~ parking", df, ref="car")
    return small, mnlogit.fit("mode ~ parking + np.log(distance)", df, ref="bus")


def test_a_fits_lr_test_of_another_fit_is_the_nested_test_either_way(fits):
    # full.lr_test(small) was Python's "takes 1 positional argument but 2 were given"
    small, full = fits
    expected = mnlogit.lr_test(small, full)
    for got in (full.lr_test(small), small.lr_test(full)):
        assert (got.statistic, got.df, got.pvalue) == (
            expected.statistic,
            expected.df,
            expected.pvalue,
        )
        assert got.note == expected.note  # no word of an order the method's user never gave
    assert small.lr_test().statistic != expected.statistic  # the test against the null


def test_a_fits_lr_test_of_something_else_is_refused(fits):
    with pytest.raises(InputTypeError, match=r"other is a fit .* got str$"):
        fits[0].lr_test("mode ~ parking")


def test_a_results_null_model_given_as_a_fit_is_told_the_test_meant(fits):
    # null_model is the null's name: the test was refused as of "a str", with nothing said
    res = fits[0]
    told = r"'intercept-only' is a result's null_model, a name: .* res\.lr_test\(\) with no"
    with pytest.raises(InputTypeError, match=told):
        res.lr_test(res.null_model)
    for given in ((res.null_model, res), (res, res.null_model)):
        with pytest.raises(mnlogit.MNLogitError, match=told):
            mnlogit.lr_test(*given)


@pytest.mark.parametrize(
    ("call", "says"),
    [
        (lambda r: r.anova(test="Wald"), "Wald tests with cov_type='robust'"),
        (lambda r: mnlogit.lr_test(r, r, test="Chisq"), "likelihood-ratio tests with"),
        (lambda r: r.iia_table(omit="bus"), r"res.iia_test\(omit\) tests one"),
        (lambda r: r.iia_test("bus", mehtod="suest"), "did you mean method="),
        (lambda r: r.wald_test("parking", robust=True), "it takes constraints"),
        (lambda r: r.lr_test(restricted=r), "it takes other"),
    ],
)
def test_a_keyword_a_test_does_not_take_is_refused_with_what_it_takes(fits, call, says):
    # each was Python's bare TypeError "... got an unexpected keyword argument"
    with pytest.raises(InputTypeError, match=says):
        call(fits[0])
