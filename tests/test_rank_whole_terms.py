"""A rank-deficient formula whose collinearity a one-column term can remove names that term.

Before, ``d + g`` with ``d`` equal to one dummy of a three-level factor ``g`` was refused with
"column(s) 'g[T.v]' ... drop them from the formula", which a formula cannot do (it keeps a
term's columns together); ``d + e + x*g`` with ``e`` equal to ``x:g[T.v]`` named the
interaction's column and blamed an empty cell, though every cell occurs. Now the columns
named are ``d`` and ``e``, and dropping them fits.
"""

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import RankError


def _frame(seed=10, n=300):
    rng = np.random.default_rng(seed)
    g = rng.choice(["u", "v", "w"], n)
    x = rng.normal(size=n)
    d = (g == "v").astype(float)
    return pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": x, "g": g, "d": d, "e": d * x})


def _refusal(formula, data, **options):
    with pytest.raises(RankError) as info:
        mnlogit.fit(formula, data, **options)
    return str(info.value)


def test_numeric_column_equal_to_a_dummy_is_the_one_named():
    said = _refusal("y ~ d + x + g", _frame())
    assert "'d'" in said and "g[T.v]" not in said
    mnlogit.fit("y ~ x + g", _frame())  # the advice followed fits


def test_product_equal_to_an_interaction_column_is_not_called_an_empty_cell():
    said = _refusal("y ~ d + e + x * g", _frame())
    assert "'d', 'e'" in said and "empty cell" not in said and "g[T.v]" not in said
    mnlogit.fit("y ~ x * g", _frame())


def test_weighted_fit_names_the_same_columns():
    df = _frame().assign(w=np.arange(300) % 3 + 1)
    said = _refusal("y ~ d + e + x * g", df, weights="w")
    assert "'d', 'e'" in said and "g[T.v]" not in said


def test_refusals_of_a_term_alone_are_kept():
    df = _frame()
    # a factor with a column per level beside a constant: its own explanation
    assert "leave out 'I(1)'" in _refusal("y ~ 0 + I(1) + g", df)
    # a one-column term after a basis that spans it: the term is named, as before
    assert "'x'" in _refusal("y ~ poly(x, 2) + x", df)
    # the basis before the term: the term, which the formula can leave out
    said = _refusal("y ~ x + poly(x, 2)", df)
    assert "'x'" in said and "poly(x, 2)[1]" not in said


def test_dask_names_the_same_columns():
    dd = pytest.importorskip("dask.dataframe")
    ddf = dd.from_pandas(_frame(), npartitions=3)
    said = _refusal("y ~ d + e + x * g", ddf)
    assert "'d', 'e'" in said and "g[T.v]" not in said


@settings(max_examples=15, deadline=None)
@given(
    level=st.sampled_from(["v", "w"]),
    scale=st.sampled_from([1.0, -2.5, 1e-6, 3e8]),
    seed=st.integers(0, 2**16),
)
def test_any_dummy_copied_into_a_column_names_the_column(level, scale, seed):
    df = _frame(seed, n=120).assign(d=lambda f: scale * (f.g == level))
    said = _refusal("y ~ d + g + x", df)
    assert "'d'" in said and f"g[T.{level}]" not in said
