"""Corners of what a user hands over that fitted or predicted something the fit does not
support: terms computed from the other rows, labels that pandas takes for one value or that
print alike."""

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


# --- labels pandas takes for one value, or that print alike ----------------------------------


def _cycled(values: list, n: int) -> pd.Series:
    return pd.Series([values[i % len(values)] for i in range(n)], dtype=object)


@pytest.mark.parametrize(
    "values",
    [[1, True, 2], [0, False, 2], [1.0, True, 2.0], [True, 1, 2], [np.True_, 1, 2]],
)
def test_an_outcome_of_booleans_and_numbers_is_refused_not_merged(values):
    # pandas hashes True as 1: y of 1, True, 2 was fitted with two levels, 1 and 2, and the
    # rows of True counted as outcome 1
    df = simulated().assign(y=lambda d: _cycled(values, len(d)))
    with pytest.raises(mnlogit.MNLogitError, match=r"mixes value types \(boolean, number\)"):
        mnlogit.fit("y ~ x", df)


@pytest.mark.parametrize(
    "values", [[1, True, 2], [0, False, 2], [1.0, True, 2.0], [np.True_, 1, 2], [2, 1, True]]
)
def test_a_factor_of_booleans_and_numbers_is_refused_not_merged(values):
    # C(k) of 1, True, 2 had the levels 1 and 2: True's rows were fitted as level 1
    df = simulated().assign(k=lambda d: _cycled(values, len(d)))
    with pytest.raises(mnlogit.MNLogitError, match="pandas takes for one") as err:
        mnlogit.fit("y ~ x + C(k)", df)
    assert "astype(str)" in str(err.value)


@pytest.mark.parametrize("values", [[True, False, 2], [1, True, 2], [2, 0, False]])
def test_a_plain_column_of_booleans_and_numbers_is_refused_whichever_comes_first(values):
    # refused when a boolean came first, but read as numbers when 1 came before True
    df = simulated().assign(k=lambda d: _cycled(values, len(d)))
    with pytest.raises(mnlogit.MNLogitError, match="mixes numbers") as err:
        mnlogit.fit("y ~ x + k", df)
    assert "True" in str(err.value) or "False" in str(err.value)


NFC, NFD = "\u00e9t\u00e9", "e\u0301te\u0301"  # "été" as three characters and as five


@pytest.mark.parametrize("categorical", [False, True])
def test_outcome_levels_in_two_unicode_forms_are_refused(categorical):
    # fitted as two outcomes, both labelled 'été' in params, predictions and tables
    df = simulated()
    y = df["y"].map({"a": NFC, "b": NFD, "c": "hiver"})
    df = df.assign(y=pd.Categorical(y) if categorical else y)
    with pytest.raises(mnlogit.MNLogitError, match="two Unicode forms") as err:
        mnlogit.fit("y ~ x", df)
    assert "normalize('NFC')" in str(err.value) and r"e\u0301" in str(err.value)


@pytest.mark.parametrize("formula", ["y ~ x + g", "y ~ x + C(g)"])
def test_factor_levels_in_two_unicode_forms_are_refused(formula):
    df = simulated().assign(g=lambda d: d["g"].map({"u": NFC, "v": NFD, "w": "hiver"}))
    with pytest.raises(mnlogit.MNLogitError, match="print alike") as err:
        mnlogit.fit(formula, df)
    assert "normalize('NFC')" in str(err.value)
    # once written alike they are one level
    res = mnlogit.fit(formula, df.assign(g=df["g"].str.normalize("NFC")))
    assert len(res.params.index) == 3
