"""Wald tests of restrictions written as text whose numbers leave the floating-point range."""

import re
import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, LevelError


def three_outcomes(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """An outcome of three levels unrelated to one normal predictor: (y, x)."""
    rng = np.random.default_rng(seed)
    return rng.choice(["a", "b", "c"], size=n), rng.normal(size=n)


@pytest.fixture(scope="module")
def res():
    y, x = three_outcomes(0, 300)
    return mnlogit.MNLogit(y, np.column_stack([np.ones(len(x)), x]), ref="a").fit()


@pytest.mark.parametrize(
    "text",
    [
        "b:x1 = 1e400",  # read as inf: chi2 = inf and p = 0 whatever the data
        "1e400*b:x1 = 0",
        "1e308*b:x1 + 1e308*b:x1 = c:x1",  # the multipliers sum past the range
        "1e400*b:x1 - 1e400*b:x1 + c:x1 = 0",  # inf - inf
        "-1e400 = b:x1",
    ],
)
def test_numbers_beyond_the_float_range_are_refused(res, text):
    assert res.params.index.tolist() == ["x0", "x1"]
    with pytest.raises(DataError, match=r"beyond the floating-point range.*rescale"):
        res.wald_test(text)


def test_large_numbers_within_the_range_are_tested(res):
    big = res.wald_test("1e300*b:x1 = 1e300*c:x1")
    assert big.statistic == pytest.approx(res.wald_test("b:x1 = c:x1").statistic, rel=1e-10)


@pytest.fixture(scope="module")
def signed():
    """Outcome levels -1, 0, 1 (reference 0): '-1:x' is outcome -1's coefficient, or minus
    outcome 1's."""
    y, x = three_outcomes(1, 400)
    y = np.select([y == "a", y == "b"], [0, -1], 1)
    return mnlogit.MNLogit(y, np.column_stack([np.ones(len(x)), x]), ref=0).fit()


@pytest.mark.parametrize(
    "text", ["-1:x1 = 0", "-1:x1 = 1:x1", "1:x1 - -1:x1 = 0", "2*-1:x1 = 0", "+1:x1 = 0.5"]
)
def test_an_outcome_label_that_starts_with_a_sign_is_not_read_as_another(signed, text):
    # "-1:x1 = 0" tested outcome 1 (minus its coefficient), not outcome -1
    assert signed.params.columns.tolist() == [-1, 1]
    if text.startswith("+"):  # no outcome '+1': the sign is an operator
        assert signed.wald_test(text).details["R"][0].tolist() == [0, 0, 0, 1]
        return
    with pytest.raises(DataError, match=r"'-1:x1' can be read as outcome '-1' or as '-' outcome"):
        signed.wald_test(text)


def test_quoted_signed_outcomes_are_each_their_own(signed):
    z2 = signed.zvalues.loc["x1"] ** 2
    got = signed.wald_test("`-1`:x1 = 0").statistic
    assert got == pytest.approx(z2[-1], rel=1e-10)
    assert signed.wald_test("-`1`:x1 = 0").statistic == pytest.approx(z2[1], rel=1e-10)
    assert signed.wald_test("- 1:x1 = 0").statistic == pytest.approx(z2[1], rel=1e-10)


def test_an_outcome_whose_label_alone_carries_the_sign_is_written_in_backticks(signed):
    y, x = three_outcomes(1, 400)
    codes = np.where(y == "c", 5, np.where(y == "b", -1, 0))
    only = mnlogit.MNLogit(codes, np.column_stack([np.ones(len(x)), x]), ref=0).fit()
    z2 = only.zvalues.loc["x1"] ** 2
    assert only.wald_test("`-1`:x1 = 0").statistic == pytest.approx(z2[-1], rel=1e-10)
    with pytest.raises(LevelError, match="backticks"):
        only.wald_test("-1:x1 = 0")
    with pytest.raises(LevelError, match="backticks"):
        only.wald_test("2*-1:x1 = 0")


def test_a_sign_after_a_multiplier_belongs_to_the_coefficient(res):
    # "2*-b:x1 = 0.1" was read as 2 - b:x1 = 0.1, a test of b:x1 = 1.9
    got = res.wald_test("2*-b:x1 = 0.1")
    want = res.wald_test("-2*b:x1 = 0.1")
    assert got.details["R"].tolist() == want.details["R"].tolist() == [[0, -2, 0, 0]]
    assert got.statistic == pytest.approx(want.statistic, rel=1e-12)
    with pytest.raises(DataError, match=r"'\*' has no coefficient after it"):
        res.wald_test("b:x1 + 2* = 0")


@pytest.fixture(scope="module")
def backticked():
    """Outcomes and a column whose labels hold a backtick."""
    y, x = three_outcomes(3, 300)
    y = np.where(y == "b", "b`1", y)
    X = pd.DataFrame({"const": np.ones(len(x)), "x`2": x})  # no formula quotes a backtick
    return mnlogit.MNLogit(y, X, ref="a").fit()


@pytest.mark.parametrize(
    "text",
    [
        "b`1:x`2 = 0",  # as the labels print
        "`b``1`:x`2 = 0",  # quoted as a formula quotes a column: the backtick doubled
        "`b``1`:`x``2` = 0",
        "`b``1:x``2` = 0",
        "b`1:x`2 = 0, c:x`2 = 0",
        "`b``1`:`x``2`, c:x`2",
    ],
)
def test_an_outcome_or_column_holding_a_backtick_can_be_named(backticked, text):
    # an outcome 'b`1' could not be named at all: unquoted, its backtick opened a quote
    # running to the end ("expected '+' or '-' before '= 0'"), and quoting it had no escape
    res = backticked
    assert res.outcomes == ("a", "b`1", "c") and res.params.index[1] == "x`2"
    z = (res.params / res.bse).loc["x`2"]
    got = res.wald_test(text)
    if "c:" in text:
        want = res.wald_test("x`2").statistic
        assert got.statistic == pytest.approx(want, rel=1e-10) and got.df == 2
    else:
        assert got.statistic == pytest.approx(z["b`1"] ** 2, rel=1e-10)
    assert res.wald_test("`b``1`:x`2 = c:`x``2`").df == 1


def test_a_backtick_left_open_is_still_refused(backticked):
    with pytest.raises(LevelError, match="cannot read"):
        backticked.wald_test("`b`1:x`2 = 0")


@pytest.mark.parametrize("text", ["b : x1 = 0", "b: x1 = 0", "b :x1 = c:x1"])
def test_spaces_around_the_colon_are_refused_with_the_label_to_write(res, text):
    with pytest.raises(mnlogit.MNLogitError, match=r"no spaces around the ':'.*'b:x1'"):
        res.wald_test(text)


@pytest.mark.parametrize(
    ("text", "same"),
    [
        ("b:x1 \u2212 c:x1 = 0", "b:x1 - c:x1 = 0"),  # typeset minus, pasted from a paper
        ("\u2212b:x1 = 0.5", "-b:x1 = 0.5"),
        ("b:x1 = \u22121", "b:x1 = -1"),
    ],
)
def test_the_unicode_minus_sign_is_a_minus(res, text, same):
    # it was refused as "expected '+' or '-' before '\u2212 c:x1'"
    assert res.wald_test(text).statistic == res.wald_test(same).statistic


def test_an_outcome_label_with_the_unicode_minus_is_still_that_outcome():
    y, x = three_outcomes(4, 300)
    y = np.where(y == "c", "\u22121", y)
    res = mnlogit.MNLogit(y, np.column_stack([np.ones(len(x)), x]), ref="a").fit()
    assert res.wald_test("\u22121:x1 = 0").statistic == res.wald_test("`\u22121`:x1 = 0").statistic


@pytest.mark.parametrize("dash", ["\u2013", "\u2014", "\uff1d"])
def test_dashes_that_are_not_minus_are_named_in_the_refusal(res, dash):
    with pytest.raises(DataError, match=r"is not '-' or '='"):
        res.wald_test(f"b:x1 {dash} c:x1")


@pytest.mark.parametrize(
    ("constraints", "why"),
    [
        ("", "is empty"),
        ("  ", "is empty"),
        ("b:x1,", "has an empty part between commas"),
        ("b:x1, , c:x1", "has an empty part between commas"),
        (["x1", ""], "is empty"),
    ],
)
def test_empty_restrictions_are_refused_as_empty(res, constraints, why):
    # they were "restriction '' involves no coefficient"
    with pytest.raises(DataError, match=why):
        res.wald_test(constraints)


@pytest.mark.parametrize("q", [[0.0, 0.0, 0.0], np.zeros(3)])
def test_q_of_another_length_than_r_is_refused_by_shape(res, q):
    # numpy's broadcasting error escaped for a q longer than R has rows
    with pytest.raises(DataError, match=r"q one value per row of R; got R of shape \(2, 4\)"):
        res.wald_test((np.eye(4)[[1, 3]], q))


def test_r_without_rows_is_refused(res):
    # "zero-size array to reduction operation maximum which has no identity"
    with pytest.raises(DataError, match=r"R has no rows"):
        res.wald_test((np.zeros((0, 4)), []))


@pytest.mark.parametrize("scale", ["1e-20", "1e-300", "1e200"])
def test_independence_of_restrictions_does_not_depend_on_their_scale(res, scale):
    # "1e-20*b:x1 = 0, c:x1 = 0" was refused as linearly dependent (the rank's tolerance is
    # relative to the largest row), and a contradiction at another scale was called implied
    plain = res.wald_test("b:x1 = 0, c:x1 = 0").statistic
    assert res.wald_test(f"{scale}*b:x1 = 0, c:x1 = 0").statistic == pytest.approx(plain)
    with pytest.raises(DataError, match="'b:x1 = 2' contradicts the earlier ones"):
        res.wald_test(f"{scale}*b:x1 = {scale}, b:x1 = 2")
    with pytest.raises(DataError, match="'b:x1 = 1' is implied by the earlier ones"):
        res.wald_test(f"{scale}*b:x1 = {scale}, b:x1 = 1")


@pytest.mark.parametrize(
    ("text", "advice"),
    [
        ("b:x1*2 = 0", "write '2\\*b:x1'"),
        ("b:x1 = c:x1 * 3", "write '3\\*c:x1'"),
        ("b:x1 / 4 = 0", "write '0.25\\*b:x1'"),
        ("b:x1/2 = c:x1", "write '0.5\\*b:x1'"),
        ("b:x1 = c:x1*-1", "write '-1\\*c:x1'"),
        ("b:x1/-4 = 0", "write '-0.25\\*b:x1'"),
    ],
)
def test_a_multiplier_after_its_coefficient_is_refused_with_the_order_to_write(res, text, advice):
    # it was "'b:x1*2' names no design column"
    with pytest.raises(DataError, match=rf"a multiplier goes before its coefficient.*{advice}"):
        res.wald_test(text)


def test_a_decimal_comma_is_refused_as_such(res):
    # "b:x1 = 1,5" was "restriction '5' involves no coefficient"
    with pytest.raises(DataError, match=r"'5' alone is a number.*\('1\.5', not '1,5'\)"):
        res.wald_test("b:x1 = 1,5")


@pytest.mark.parametrize(
    "text", ["b:x1 = 1e300", "b:x1 = 1e155", "b:x1 = 1e300, c:x1 = 1e300", "1e-300*b:x1 = 1"]
)
def test_a_statistic_past_the_float_range_is_inf_without_numpys_overflow(res, text):
    # (b - 1e300)^2 / V is past the largest double: numpy's "overflow encountered in matmul"
    # escaped, and under np.seterr(all="raise") the test ended in a FloatingPointError
    with np.errstate(all="raise"):
        got = res.wald_test(text)
    assert got.statistic == np.inf and got.pvalue == 0.0
    assert res.wald_test("b:x1 = 1e100").statistic == pytest.approx(
        1e200 / res.bse.loc["x1", "b"] ** 2, rel=1e-8
    )


def test_an_adjusted_wald_f_past_the_float_range_has_p_zero():
    # F = inf had p = NaN with no note, where the chi2 of a fit without a design has p = 0
    y, x = three_outcomes(5, 300)
    df = pd.DataFrame({"y": y, "x": x, "pw": np.linspace(1.0, 4.0, len(y))})
    svy = mnlogit.fit("y ~ x", df, ref="a", weights="pw", weight_type="probability")
    got = svy.wald_test("b:x = 1e300")
    assert got.statistic == np.inf and got.pvalue == 0.0 and got.details["chi2"] == np.inf
    assert "p = <0.0001" in str(got)
    finite = svy.wald_test("b:x = 1e150")
    assert np.isfinite(finite.statistic) and finite.pvalue == 0.0


@pytest.mark.parametrize(
    "text", ["1e-400*b:x1 = 0", "1e-400 * b:x1 + 1e-400*c:x1 = 0", "2.5E-999 b:x1"]
)
def test_a_multiplier_below_the_smallest_double_is_refused_as_such(res, text):
    # it read as 0: "restriction '1e-400*b:x1 = 0' involves no coefficient"
    with pytest.raises(DataError, match=r"is below the smallest positive double.*rescale"):
        res.wald_test(text)
    assert res.wald_test("5e-324*b:x1 = 0").statistic == pytest.approx(
        res.wald_test("b:x1 = 0").statistic, rel=1e-12
    )
    with pytest.raises(DataError, match="involves no coefficient"):
        res.wald_test("0e-400*b:x1 = 0")  # a zero written as such


def test_a_term_in_one_equation_is_answered_with_its_coefficients():
    # "'b:g' names no design column; columns are ..." said nothing of how to test a term
    # in one equation (Stata's test [b]: ...)
    y, x = three_outcomes(6, 300)
    g = np.array(["u", "v", "w"])[np.arange(300) % 3]
    fit = mnlogit.fit("y ~ x + g", pd.DataFrame({"y": y, "x": x, "g": g}), ref="a")
    with pytest.raises(mnlogit.MNLogitError, match="'g' is a term") as refused:
        fit.wald_test("b:g")
    said = re.search(r"tested by '([^']+)'", str(refused.value))
    assert said and said.group(1) == "b:g[T.v] = 0, b:g[T.w] = 0"
    assert fit.wald_test(said.group(1)).df == 2
    with pytest.raises(mnlogit.MNLogitError, match="'g' is a term"):
        fit.wald_test("`b`:g = 0")


@pytest.mark.parametrize("units", [1e-300, 1e-200, 1e300])
@pytest.mark.parametrize("multiplier", ["1e300", "1e-300"])
def test_a_multiplier_beyond_a_columns_units_is_tested(units, multiplier):
    # R S^-1 of a multiplier of 1e300 on a column in units of 1e-300 (S its scale) is 1e600:
    # it overflowed (NaN, with numpy's warnings); 1e-300 on one in units of 1e300
    # underflowed to a row of zeros (NaN, said to be a singular R V R')
    y, x = three_outcomes(7, 400)
    X = np.column_stack([np.ones(len(x)), x * units])
    fit = mnlogit.MNLogit(y, X, ref="a").fit()
    want = fit.wald_test("b:x1 = 0").statistic
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = fit.wald_test(f"{multiplier}*b:x1 = 0")
        both = fit.wald_test(f"{multiplier}*b:x1 = {multiplier}*c:x1")
    assert got.statistic == pytest.approx(want, rel=1e-10)
    assert both.statistic == pytest.approx(fit.wald_test("b:x1 = c:x1").statistic, rel=1e-10)
