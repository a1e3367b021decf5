"""Columns of Decimals are read the same whatever the calling thread's decimal context: its
precision and its traps are the program's, not the package's."""

import decimal
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError


def _frame(values: list[Decimal]) -> pd.DataFrame:
    rng = np.random.default_rng(0)
    n = len(values)
    return pd.DataFrame({"x": values, "z": rng.standard_normal(n), "y": rng.integers(0, 3, n)})


def _money() -> decimal.Context:
    """A context of money code: rounding is an error."""
    ctx = decimal.Context(prec=5)
    ctx.traps[decimal.Rounded] = ctx.traps[decimal.Inexact] = True
    return ctx


def test_a_decimal_column_fits_under_a_context_that_traps_rounding():
    # abs() of a Decimal of 10 digits rounds under prec=5: the check of whether float64
    # tells the values apart raised a bare decimal.Rounded
    rng = np.random.default_rng(1)
    df = _frame([Decimal(123456789) + Decimal(int(v)) / 8 for v in rng.integers(0, 800, 300)])
    want = mnlogit.fit("y ~ x + z", df)
    with decimal.localcontext(_money()):
        got = mnlogit.fit("y ~ x + z", df)
    pd.testing.assert_frame_equal(got.params, want.params)


@pytest.mark.parametrize("context", [_money(), decimal.Context(prec=3)])
def test_the_refusal_of_decimals_float64_cannot_tell_apart_quotes_them_exactly(context):
    # under prec=3 the refusal said the values were "as large as 1.00E+30"
    values = [Decimal(f"1{'0' * 30}.{k}") for k in range(1, 10)] * 20
    df = _frame(values)
    with pytest.raises(InputTypeError) as plain:
        mnlogit.fit("y ~ x + z", df)
    with decimal.localcontext(context), pytest.raises(InputTypeError) as under:
        mnlogit.fit("y ~ x + z", df)
    assert str(under.value) == str(plain.value)
    assert f"as large as 1{'0' * 30}.9," in str(plain.value)
