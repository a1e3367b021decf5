"""A term that compares a column with a statistic of it (I(x > x.mean()), a median split)
computes each row's value from the other rows: predictions on new rows split them at the
new rows' own mean. The check encoded a few rows on their own and passed such a term
whenever those rows fell on the side they fall on among all rows (about one fit in seven),
so the fit was kept and predict(newdata) gave other probabilities, silently."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import FormulaError


def data(seed: int, n: int = 60) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    return pd.DataFrame(
        {
            "x": rng.normal(5.0, 2.0, n),
            "g": rng.choice(list("uvw"), n),
            "y": rng.choice(list("abc"), n),
        }
    )


@pytest.mark.parametrize(
    ("term", "seed"),
    [
        ("I(x > x.mean())", 4),
        ("x.ge(x.mean())", 2),
        ("I(x <= np.median(x))", 7),
        ("C(x < x.mean())", 13),
        ("x.where(x < 8, x.mean())", 0),
        # the maximum (minimum) in place of the values past a threshold: at the extreme's
        # row alone it is the fitted value, and the rows tried before held no other past it
        ("x.where(x < 8, x.max())", 0),
        ("np.where(x < 2, x.min(), x)", 1),
        # a split at the mean beside another condition: the rows tried alone above the mean
        # all had it False; the upper half of the rows has a mean of its own
        ("I((g == 'u') & (x > x.mean()))", 9),
        ("I((g != 'w') * (x < np.median(x)))", 21),
    ],
)
def test_a_split_at_a_statistic_of_the_column_is_refused(term, seed):
    df = data(seed)
    with pytest.raises(FormulaError, match="from the other rows") as err:
        mnlogit.fit(f"y ~ {term} + g", df)
    assert f"term {term!r}" in str(err.value)


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    n=st.integers(12, 80),
    term=st.sampled_from(["I(x > x.mean())", "I(x < np.median(x))", "x.le(x.mean())"]),
)
def test_any_data_refuse_a_split_at_the_columns_mean_or_median(seed, n, term):
    df = data(seed, n)
    with pytest.raises(FormulaError, match="from the other rows"):
        mnlogit.fit(f"y ~ {term} + g", df)


def test_a_split_at_a_fixed_value_is_kept_and_predicts_its_fitted_rows():
    # a threshold of its own, not of the rows, is each row's value alone
    df = data(4)
    res = mnlogit.fit("y ~ I(x > 5) + np.clip(x, 3, 7) + g", df)
    fitted = res.predict()
    again = pd.concat([res.predict(df.iloc[[i]]) for i in (0, 17, 59)])
    assert np.allclose(again.to_numpy(), fitted.iloc[[0, 17, 59]].to_numpy(), rtol=1e-12, atol=0)


@pytest.mark.parametrize(
    ("rhs", "extremes"),
    [
        ("poly(x, 2) + np.log(x + 20) + C(g, Treatment('v'))", False),
        ("I(x ** 2 + 1) + np.tanh(x) + g", False),
        ("I(x > x.mean()) + g", True),
        ("np.where(x > 5, x, 5) + g", True),
    ],
)
def test_only_terms_that_may_read_other_rows_have_their_extremes_encoded(
    rhs, extremes, monkeypatch
):
    # numpy's ufuncs and formulaic's transforms compute each row alone: encoding each
    # column's extreme rows too cost a fit of such terms as much again
    from mnlogit import _rowwise

    encoded: list[int] = []
    original = _rowwise._differing_columns

    def counting(*args):
        encoded.append(len(args[3]))
        return original(*args)

    monkeypatch.setattr(_rowwise, "_differing_columns", counting)
    try:
        mnlogit.fit(f"y ~ {rhs}", data(4))
    except FormulaError as err:  # the split at the mean, found at an extreme
        assert extremes and "from the other rows" in str(err)
    # np.where is no ufunc: each row alone, but not known to be so
    assert (len(encoded) > 3) is extremes
