"""Corners of what a user hands over that fitted or predicted something the fit does not
support: terms computed from the other rows."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_input_edges import simulated as simulated_edges

import mnlogit
from mnlogit.exceptions import FormulaError


def simulated() -> pd.DataFrame:
    """y in a, b, c; x around 2 (positive); k in 0, 1, 2; g in u, v, w."""
    return simulated_edges().assign(x=lambda d: d["x"] + 2.0)


# --- terms computed from the other rows ------------------------------------------------------


@pytest.mark.parametrize(
    "term",
    [
        "I(x - x.mean())",
        "I(x / x.max())",
        "I(x.rank())",
        "I((x - np.mean(x)) / np.std(x))",
        "I(x.shift(1).fillna(0))",
        "np.log(x - x.min() + 1)",
    ],
)
def test_a_term_computed_from_the_other_rows_is_refused_naming_it(term):
    # predict(newdata) computed x.mean() afresh on the new rows: the same row predicted
    # other probabilities alone than among the fitted rows, with nothing said
    with pytest.raises(FormulaError, match="from the other rows") as err:
        mnlogit.fit(f"y ~ {term} + g", simulated())
    assert f"term {term!r}" in str(err.value)
    assert "center(x)" in str(err.value)


@settings(max_examples=15, deadline=None)
@given(
    st.sampled_from(
        [
            "y ~ center(x) + g",
            "y ~ scale(x) + g",
            "y ~ poly(x, 2) + g",
            "y ~ bs(x, df=4) + g",
            "y ~ C(g, Sum) * np.log(x - -5)",
            "y ~ standardize(x):g",
        ]
    ),
    st.lists(st.integers(0, 299), min_size=1, max_size=12, unique=True),
)
def test_stateful_transforms_predict_any_rows_as_among_the_fitted_ones(formula, rows):
    df = simulated()
    res = mnlogit.fit(formula, df)
    alone = res.predict(df.iloc[rows])
    among = res.predict().iloc[rows]
    np.testing.assert_allclose(alone.to_numpy(), among.to_numpy(), rtol=1e-12, atol=1e-15)
    assert alone.index.equals(df.index[rows])
