"""Numbers given as Python ints, Fractions or Decimals whose float is 0 or infinite, where an
option or a restriction takes a number: refused with the package's error quoting them, as
0, inf and the float range's ends are, never Python's OverflowError or ZeroDivisionError,
nor taken as the 0 or inf they round to (C=Decimal('1e400') was a fit without penalty, which
C=inf is refused as; tol=Fraction(1, 10**400) a tolerance of 0)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError, MNLogitError, OptionError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(5)
DF = pd.DataFrame({"y": RNG.choice(["a", "b", "c"], 90), "x": RNG.normal(size=90)})
RES = mnlogit.fit("y ~ x", DF)

HUGE = [10**400, -(10**400), Fraction(10**400, 3), Decimal("1e400")]
TINY = [Fraction(1, 10**400), Decimal("1e-400")]


def _short(value: object) -> str:
    return f"{type(value).__name__}{'-' if value < 0 else ''}{'tiny' if abs(value) < 1 else 'huge'}"


@pytest.mark.parametrize("alpha", HUGE + TINY, ids=_short)
def test_an_error_rate_past_the_float_range_is_refused_as_one(alpha):
    for method in (RES.conf_int, RES.odds_ratios, RES.to_frame, RES.prediction_intervals):
        with pytest.raises(DataError, match=r"alpha: expected a number in \(0, 0.5\]"):
            method(alpha=alpha)


@pytest.mark.parametrize("value", HUGE[:3], ids=_short)
def test_a_huge_number_where_newdata_goes_is_refused_as_no_data(value):
    with pytest.raises(InputTypeError, match="newdata: expected a pandas DataFrame"):
        RES.prediction_intervals(value)


@pytest.mark.parametrize("value", [v for v in HUGE + TINY if v > 0], ids=_short)
@pytest.mark.parametrize("option", ["C", "tol"])
def test_a_positive_number_that_is_0_or_inf_as_a_float_is_refused(option, value):
    extra = {"penalty": "l2"} if option == "C" else {}
    said = rf"{option}: expected a positive finite number; got {type(value).__name__}"
    with pytest.raises(OptionError, match=said if isinstance(value, Decimal) else option):
        mnlogit.fit("y ~ x", DF, **extra, **{option: value})
    with pytest.raises(OptionError, match=rf"{option}: expected a positive finite number"):
        MNLogitClassifier(**extra, **{option: value}).fit(DF[["x"]], DF["y"])


@pytest.mark.parametrize("value", HUGE, ids=_short)
def test_a_restriction_past_the_float_range_is_refused_as_not_finite(value):
    R = np.eye(RES.n_params)[:1]
    with pytest.raises(DataError, match=r"q has 1 that are not .*inf"):
        RES.wald_test((R, [value]))
    with pytest.raises(DataError, match=r"R has 1 that are not"):
        RES.wald_test(([[value] + [0] * (RES.n_params - 1)], [0]))


@pytest.mark.filterwarnings("ignore::mnlogit.ConvergenceWarning")
@settings(derandomize=True, max_examples=30, deadline=None)
@given(
    exponent=st.integers(309, 2000),
    sign=st.sampled_from([1, -1]),
    kind=st.sampled_from([int, Fraction, Decimal]),
    small=st.booleans(),
)
def test_no_number_past_the_float_range_escapes_as_pythons_error(exponent, sign, kind, small):
    big = kind(10**exponent) if kind is not Decimal else Decimal(f"1e{exponent}")
    value = sign * (1 / big if small and kind is not int else big)
    calls = [
        lambda: RES.conf_int(alpha=value),
        lambda: RES.wald_test((np.eye(RES.n_params)[:1], [value])),
        lambda: mnlogit.fit("y ~ x", DF, penalty="l2", C=value),
        lambda: mnlogit.fit("y ~ x", DF, tol=value),
    ]
    for call in calls:
        try:
            call()
        except MNLogitError:
            pass
