"""Likelihood-ratio tests of nested fits given in either order or against other references.

R's ``anova`` of two ``multinom`` fits and Stata's ``lrtest`` take the models in either order,
and neither the likelihood nor the nesting of two designs depends on the reference outcome
(each equation has the same columns, and another reference is an exact linear map of the
coefficients). ``mnlogit.lr_test`` refused both: "the arguments look swapped" and "the models
use different references", although the test is the same.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from refdata import REF_DIR

import mnlogit
from mnlogit.exceptions import ModelComparisonError


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    return pd.read_csv(REF_DIR / "womenlf.csv")


def _fit(formula, df, ref="not.work", **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        return mnlogit.fit(formula, df, ref=ref, **options)


@pytest.mark.parametrize("method", ["newton", "firth"])
@pytest.mark.parametrize("refs", [("fulltime", "not.work"), ("not.work", "parttime")])
def test_other_references_give_the_test_of_one_reference(women, method, refs):
    small = _fit("partic ~ hincome", women, refs[0], method=method)
    large = _fit("partic ~ hincome + children + region", women, refs[1], method=method)
    expected = mnlogit.lr_test(small.with_ref(refs[1]), large)
    for test in (mnlogit.lr_test(small, large), mnlogit.lr_test(large, small)):
        np.testing.assert_allclose(test.statistic, expected.statistic, rtol=1e-9)
        assert test.df == expected.df == 10
        np.testing.assert_allclose(test.pvalue, expected.pvalue, rtol=1e-8)
        assert f"against reference {refs[0]!r}" in test.note
        assert "does not depend on the reference" in test.note


def test_either_order_is_one_test(women):
    small = _fit("partic ~ hincome + region", women)
    large = _fit("partic ~ hincome * children + region", women)
    ordered, swapped = mnlogit.lr_test(small, large), mnlogit.lr_test(large, small)
    assert (swapped.statistic, swapped.df, swapped.pvalue) == (
        ordered.statistic,
        ordered.df,
        ordered.pvalue,
    )
    assert swapped.details["llf_full"] == large.llf
    assert "larger model was given first" in swapped.note
    assert "given first" not in ordered.note


def test_other_outcome_levels_are_still_refused_for_what_they_are(women):
    # another reference is re-expressed only where the levels are the same
    fewer = women[women.partic != "parttime"]
    with pytest.raises(ModelComparisonError, match="different outcome levels"):
        mnlogit.lr_test(
            _fit("partic ~ hincome", fewer, "fulltime"), _fit("partic ~ hincome + region", women)
        )


def test_a_larger_model_first_that_does_not_nest_the_other_says_which_was_taken(women):
    # the refusal spoke of "the restricted model", which the user had passed second as full
    many = _fit("partic ~ hincome + children + region", women)
    other = _fit("partic ~ np.log(hincome)", women)
    with pytest.raises(
        ModelComparisonError,
        match=r"not nested.*'np.log\(hincome\)'.*model given second has fewer columns",
    ):
        mnlogit.lr_test(many, other)
    with pytest.raises(ModelComparisonError, match="not nested") as refused:
        mnlogit.lr_test(other, many)
    assert "given second" not in str(refused.value)


NESTED = [
    ("partic ~ hincome", "partic ~ hincome + children"),
    ("partic ~ children", "partic ~ hincome * children + region"),
    ("partic ~ 1", "partic ~ poly(hincome, 2)"),
    ("partic ~ hincome + region", "partic ~ hincome * C(region, Sum)"),
]
LEVELS = ["fulltime", "not.work", "parttime"]


@settings(derandomize=True, max_examples=20, deadline=None)
@given(
    pair=st.sampled_from(NESTED),
    refs=st.tuples(st.sampled_from(LEVELS), st.sampled_from(LEVELS)),
    swap=st.booleans(),
)
def test_property_order_and_references_leave_the_test_alone(women, pair, refs, swap):
    small, large = (_fit(f, women, r) for f, r in zip(pair, refs, strict=True))
    expected = mnlogit.lr_test(_fit(pair[0], women, refs[1]), large)
    got = mnlogit.lr_test(large, small) if swap else mnlogit.lr_test(small, large)
    assert got.df == expected.df
    np.testing.assert_allclose(got.statistic, expected.statistic, rtol=1e-8, atol=1e-9)
