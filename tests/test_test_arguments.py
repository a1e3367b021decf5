"""The tests' own arguments: a fit's lr_test takes another fit, as R's lmtest::lrtest and
Stata's lrtest do, and a keyword a test does not take is refused as every other mistake is,
with what the test takes or does instead."""

from __future__ import annotations

import pandas as pd
import pytest

import mnlogit
from mnlogit import iia
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
        # each of these was answered by its spelling: unrestricted= as "did you mean
        # restricted=?" and null= as "did you mean full=?", the other model of the pair;
        # anova(cov_type=) as "did you mean type=?"; a covariance given to wald_test, or
        # car's and statsmodels' names of its restrictions, as "it takes constraints"
        (lambda r: mnlogit.lr_test(r, unrestricted=r), r"larger model, .* is full, the second"),
        (lambda r: mnlogit.lr_test(null=r, full=r), r"res\.lr_test\(\) with no argument; of two"),
        (lambda r: mnlogit.lr_test(reduced=r, full=r), r"nested in the other is restricted"),
        (lambda r: r.lr_test(restricted=r), "takes the other fit by position"),
        (lambda r: r.lr_test(null=r), r"res\.lr_test\(\) with no argument$"),
        (lambda r: r.anova(cov_type="robust"), r"own covariance .* anova\(\) of such a fit gives"),
        (lambda r: r.anova(terms=["parking"]), r"tests every term .* res\.wald_test\(term\)"),
        (
            lambda r: r.wald_test("parking", robust=True),
            r"refit with mnlogit\.fit\(\.\.\., cov_type",
        ),
        (lambda r: r.wald_test("parking", vcov=None), "uses the fit's own covariance"),
        (lambda r: r.wald_test(r_matrix=[[1.0]]), r"its one argument, constraints: .* \(R, q\)"),
        (lambda r: r.wald_test("parking", q_matrix=0), r"q goes beside R as one pair"),
        (lambda r: r.wald_test("parking", use_f=True), "the test is chi2"),
    ],
)
def test_a_keyword_a_test_does_not_take_is_refused_with_what_it_takes(fits, call, says):
    # each was Python's bare TypeError "... got an unexpected keyword argument"
    with pytest.raises(InputTypeError, match=says):
        call(fits[0])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda x: iia.iia_test(x, "bus"), r"iia_test\(res, omit\): res is a fitted model"),
        (lambda x: iia.iia_table(x), r"iia_table\(res\): res is a fitted model"),
    ],
)
@pytest.mark.parametrize("given", ["mode ~ parking", None, pd.DataFrame({"a": [1]})])
def test_an_iia_test_of_something_other_than_a_fit_is_refused(call, message, given):
    # each was Python's AttributeError "'str' object has no attribute 'solver'"
    with pytest.raises(InputTypeError, match=message + f".* got {type(given).__name__}$"):
        call(given)


def test_the_classifier_given_for_a_fit_is_answered_with_its_results(fits):
    pytest.importorskip("sklearn")
    from mnlogit.sklearn import MNLogitClassifier

    df = mnlogit.datasets.load("travel").dropna()
    clf = MNLogitClassifier(formula="parking + np.log(distance)", ref="car")
    unfitted = r"clf\.results_, once clf\.fit\(X, y\) has run\)$"
    with pytest.raises(InputTypeError, match=unfitted):
        iia.iia_test(clf, "bus")
    clf.fit(df, df["mode"])
    told = r"MNLogitClassifier \(the classifier's fitted model is clf\.results_: pass that\)$"
    small = fits[0]
    for call in (
        lambda: iia.iia_test(clf, "bus"),  # AttributeError: no attribute 'solver'
        lambda: iia.iia_table(clf),  # AttributeError: no attribute '_core'
        lambda: small.lr_test(clf),
        lambda: mnlogit.lr_test(small, clf),
        lambda: mnlogit.compare([small, clf]),
    ):
        with pytest.raises(mnlogit.MNLogitError, match=told):
            call()
    # what the refusal says to pass is taken
    assert mnlogit.lr_test(small, clf.results_).df == 3.0


@pytest.mark.parametrize(
    ("given", "says"),
    [
        (2, r"got 2: car's type=2 is type='II'$"),
        ("3", r"got '3': car's type=3 is type='III'$"),
        ("I", r"type I \(sequential\) tests are not offered: mnlogit\.lr_test\(smaller, larger\)"),
        (1, r"got 1; type I \(sequential\)"),
        ("ii", r"write 'II'"),
        (True, r"got True$"),
    ],
)
def test_anova_of_cars_type_numbers_or_type_i_is_told_what_gives_it(fits, given, says):
    # car::Anova(type = 2) was told only "expected one of ('II', 'III'); got 2"
    with pytest.raises(mnlogit.exceptions.OptionError, match=says):
        fits[0].anova(given)
