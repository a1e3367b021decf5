"""Likelihood-ratio tests of models nested in their column spaces, not by their columns' names.

``y ~ x`` is nested in ``y ~ poly(x, 2)`` (poly's first column is x centred and scaled) and
``y ~ x + g`` in ``y ~ x * C(g, Sum)``, though no design column of the smaller model has a
name in the larger one. Such pairs were refused as "not nested"; the test is now computed, as
R's ``anova`` of two ``multinom`` fits computes it (tests/reference/lr_reparameterised.R).
Two codings of one model (``g`` and ``C(g, Sum)``) span the same columns and are refused as
such, and models that are not nested are still refused.
"""

from __future__ import annotations

import json
import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, RTOL_LOGLIK, RTOL_P

import mnlogit
from mnlogit.exceptions import ModelComparisonError

REF = json.loads((REF_DIR / "lr_reparameterised.json").read_text())


@pytest.fixture(scope="module")
def women() -> pd.DataFrame:
    return pd.read_csv(REF_DIR / "womenlf.csv")


def fit(formula: str, df: pd.DataFrame, **options) -> mnlogit.MNLogitResults:
    return mnlogit.fit(formula, df, ref="not.work", **options)


@pytest.mark.parametrize("case", ["poly", "no_intercept", "sum_interaction"])
def test_nested_in_column_space_matches_r_anova(women, case):
    ref = REF["cases"][case]
    small, large = (fit(f, women) for f in ref["formulas"])
    test = mnlogit.lr_test(small, large)
    assert test.df == ref["df"]
    np.testing.assert_allclose(test.statistic, ref["chi2"], rtol=1e-6)
    np.testing.assert_allclose(
        [test.details["llf_restricted"], test.details["llf_full"]], ref["loglik"], rtol=RTOL_LOGLIK
    )
    if ref["pvalue"] > 1e-10:  # R's 1 - pchisq loses the small ones
        np.testing.assert_allclose(test.pvalue, ref["pvalue"], rtol=RTOL_P)


def test_two_codings_of_one_model_are_refused_as_such(women):
    ref = REF["cases"]["same_space"]
    a, b = (fit(f, women) for f in ref["formulas"])
    np.testing.assert_allclose(a.llf, b.llf, rtol=RTOL_LOGLIK)
    with pytest.raises(ModelComparisonError, match="span the same columns"):
        mnlogit.lr_test(a, b)


def test_not_nested_is_still_refused_and_swapped_is_taken(women):
    small = fit("partic ~ hincome", women)
    other = fit("partic ~ np.log(hincome) + children", women)
    with pytest.raises(ModelComparisonError, match=r"not nested.*nor combinations"):
        mnlogit.lr_test(small, other)
    # the larger model first, as R's anova and Stata's lrtest take it: the same test
    large = fit("partic ~ poly(hincome, 2)", women)
    swapped, ordered = mnlogit.lr_test(large, small), mnlogit.lr_test(small, large)
    assert swapped.statistic == ordered.statistic and swapped.df == ordered.df
    assert "larger model was given first" in swapped.note


def test_weights_of_zero_do_not_decide_nesting(women):
    """Columns need to agree on the rows that count only: with the rows of weight zero
    changed, the smaller model is still nested."""
    df = women.assign(w=1.0, h=women.hincome)
    df.loc[:4, "w"] = 0.0
    df.loc[:4, "h"] = 1e3  # h = hincome wherever the weight is positive
    small = fit("partic ~ h", df, weights="w")
    large = fit("partic ~ poly(hincome, 2)", df, weights="w")
    plain = mnlogit.lr_test(fit("partic ~ hincome", df, weights="w"), large)
    np.testing.assert_allclose(mnlogit.lr_test(small, large).statistic, plain.statistic, rtol=1e-8)


def test_firth_reparameterised_full_model_gives_the_named_test(women):
    """The penalised LR test is invariant to a linear reparameterisation of the full model
    (the Jeffreys penalty moves by a constant), so x in poly(x, 2) gives the same test as x
    in x + I(x^2), whose columns nest by name."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        small = fit("partic ~ hincome", women, method="firth")
        poly = mnlogit.lr_test(small, fit("partic ~ poly(hincome, 2)", women, method="firth"))
        square = fit("partic ~ hincome + I(hincome**2)", women, method="firth")
        named = mnlogit.lr_test(small, square)
    assert poly.df == named.df == 2
    np.testing.assert_allclose(poly.statistic, named.statistic, rtol=1e-7)


def test_outcome_levels_in_another_order_are_the_same_outcome(women):
    """A Categorical outcome whose categories come in another order than the text's sorted
    levels is the same outcome: with the same reference the likelihoods are the same and
    the test is computed (it was refused as 'different outcome levels')."""
    order = ["parttime", "not.work", "fulltime"]
    recoded = women.assign(partic=pd.Categorical(women.partic, categories=order))
    for method in ("newton", "firth"):
        small = fit("partic ~ hincome", recoded, method=method)
        large = fit("partic ~ hincome + children", women, method=method)
        want = mnlogit.lr_test(fit("partic ~ hincome", women, method=method), large)
        got = mnlogit.lr_test(small, large)
        assert small.outcomes != large.outcomes
        np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-9)
        assert got.df == want.df == 2
    other = women.assign(partic=women.partic.where(women.index > 0, "fulltime"))
    with pytest.raises(ModelComparisonError, match="outcomes differ on 1 of the 263 rows"):
        mnlogit.lr_test(fit("partic ~ hincome", recoded), fit("partic ~ hincome + children", other))


def test_rows_in_another_order_are_refused_for_what_they_are(women):
    shuffled = women.sample(frac=1, random_state=1)
    small, large = fit("partic ~ hincome", shuffled), fit("partic ~ hincome + children", women)
    with pytest.raises(ModelComparisonError, match=r"same number of rows.*order") as info:
        mnlogit.lr_test(small, large)
    assert "missing values" not in str(info.value)


def test_row_labels_of_a_multiindex_are_quoted_as_python_writes_them(women):
    # the refusal quoted the first differing label as (np.int64(0), np.int64(0))
    two = women.set_index([women.index // 2, women.index % 2])
    shuffled = two.sample(frac=1, random_state=1)
    with pytest.raises(ModelComparisonError) as info:
        mnlogit.lr_test(fit("partic ~ hincome", shuffled), fit("partic ~ hincome + children", two))
    assert "np.int64" not in str(info.value)
    first = tuple(int(v) for v in shuffled.index[0])
    assert f"row 0 is {first!r} in one, (0, 0) in the other" in str(info.value)


def test_a_column_of_one_name_in_other_units_is_still_nested(women):
    """The restricted model fitted to hincome in other units and origin (a data frame where
    hincome is in dollars, from another base) spans the same column: its likelihood, and the
    test, are the same; it was refused for holding other values under the same name. A
    column of that name holding other data is still refused, by name."""
    want = mnlogit.lr_test(
        fit("partic ~ hincome", women), fit("partic ~ hincome + children", women)
    )
    dollars = women.assign(hincome=women.hincome * 1000 - 500)
    got = mnlogit.lr_test(
        fit("partic ~ hincome", dollars), fit("partic ~ hincome + children", women)
    )
    np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-8)
    shuffled = women.assign(hincome=women.hincome.to_numpy()[::-1])
    with pytest.raises(ModelComparisonError, match="'hincome' have the same name"):
        mnlogit.lr_test(
            fit("partic ~ hincome", shuffled), fit("partic ~ hincome + children", women)
        )


@pytest.mark.parametrize("method", ["newton", "firth"])
def test_the_intercept_only_model_nests_in_dummies_coded_in_full(women, method):
    """y ~ 1 is nested in y ~ 0 + g + x (the dummies of g add up to the constant): the
    test is the fit's own test against its null model, for Firth fits too (the null refitted
    under the full model's penalty)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = fit("partic ~ 0 + children + hincome", women, method=method)
        nested = mnlogit.lr_test(fit("partic ~ 1", women, method=method), full)
        null = full.lr_test()
    assert nested.df == null.df == 4
    np.testing.assert_allclose(nested.statistic, null.statistic, rtol=1e-8)


def test_columns_in_extreme_units_nest(women):
    want = mnlogit.lr_test(
        fit("partic ~ hincome", women), fit("partic ~ hincome + children", women)
    )
    tiny = women.assign(h=women.hincome * 1e-200)
    got = mnlogit.lr_test(fit("partic ~ h", tiny), fit("partic ~ hincome + children", tiny))
    np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-8)


def test_weights_of_one_are_no_weights(women):
    """Frequency weights that are all 1 give the unweighted likelihood: a restricted model
    fitted without weights nests in a full model fitted with weights of 1 (refused as
    'different weights')."""
    ones = women.assign(w=1)
    want = mnlogit.lr_test(
        fit("partic ~ hincome", women), fit("partic ~ hincome + children", women)
    )
    got = mnlogit.lr_test(
        fit("partic ~ hincome", women), fit("partic ~ hincome + children", ones, weights="w")
    )
    np.testing.assert_allclose(got.statistic, want.statistic, rtol=1e-10)
    twos = women.assign(w=2)
    with pytest.raises(ModelComparisonError, match="different weights"):
        mnlogit.lr_test(
            fit("partic ~ hincome", women), fit("partic ~ hincome + children", twos, weights="w")
        )


def test_a_separated_column_both_models_share_leaves_the_test_computed(women):
    """Under separation in a factor both models hold (every BC row working full time), the
    test of x in poly(x, 2) is the test of I(x^2) beside x, as when the columns nest by name;
    the column-space test refused it for a diverging coefficient it does not test."""
    sep = women.assign(partic=women.partic.where(women.region != "BC", "fulltime"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        small = fit("partic ~ hincome + region", sep)
        poly = mnlogit.lr_test(small, fit("partic ~ poly(hincome, 2) + region", sep))
        named = mnlogit.lr_test(small, fit("partic ~ hincome + I(hincome**2) + region", sep))
        tested = mnlogit.lr_test(
            fit("partic ~ hincome", sep), fit("partic ~ poly(hincome, 2) + region", sep)
        )
    assert np.isfinite(named.statistic) and poly.df == named.df == 2
    np.testing.assert_allclose(poly.statistic, named.statistic, rtol=1e-6)
    assert np.isnan(tested.statistic) and "region[T.BC]" in tested.note


@pytest.mark.parametrize("scale", [1e-200, 1e-300, 1e200, 1e300])
def test_nesting_in_column_space_does_not_depend_on_a_columns_units(women, scale):
    # the columns' norms were their squares' sums: a column in units of 1e-200 had norm 0
    # and one in units of 1e200 norm inf (numpy's overflow warning), read as zeros; then
    # y ~ hincome was "not nested" in y ~ h + children with h = hincome * 1e-200
    df = women.assign(h=women["hincome"] * scale)
    want = mnlogit.lr_test(fit("partic ~ hincome", df), fit("partic ~ hincome + children", df))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = mnlogit.lr_test(fit("partic ~ hincome", df), fit("partic ~ h + children", df))
        also = mnlogit.lr_test(fit("partic ~ h", df), fit("partic ~ hincome + children", df))
    assert got.df == also.df == want.df == 2
    assert got.statistic == pytest.approx(want.statistic, rel=1e-8)
    assert also.statistic == pytest.approx(want.statistic, rel=1e-8)
    # the products of such a column underflow to 0: under np.seterr(all="raise") the test
    # ended in "FloatingPointError: underflow encountered in multiply" (or divide, matmul)
    small, large = fit("partic ~ h", df), fit("partic ~ hincome + children", df)
    with np.errstate(all="raise"):
        raising = mnlogit.lr_test(small, large)
    assert raising.statistic == also.statistic
