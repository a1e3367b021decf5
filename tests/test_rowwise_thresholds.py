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
