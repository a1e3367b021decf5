"""A pandas Categorical's categories are held to the rules of the same values in a plain
column: an infinite or complex category, or an outcome's categories of two kinds (1 beside
"a"), are refused as the values uncategorised are, not fitted as levels of their own."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError, InputTypeError


@pytest.fixture
def df() -> pd.DataFrame:
    rng = np.random.default_rng(5)
    n = 150
    return pd.DataFrame(
        {"y": rng.integers(0, 3, n), "x": rng.normal(size=n), "k": rng.integers(0, 3, n)}
    )


@pytest.mark.parametrize(
    ("values", "said"),
    [
        (lambda y: y.astype(float).replace(2, np.inf), "cannot be levels (inf)"),
        (lambda y: y.astype(float).replace(2, -np.inf), "cannot be levels (-inf)"),
        (lambda y: y.astype(complex), "cannot be levels (0j, (1+0j), (2+0j))"),
        # a Decimal's infinity, which is no numbers.Real, was a level where float inf is not
        (
            lambda y: y.map({0: Decimal(0), 1: Decimal(1), 2: Decimal("-Infinity")}),
            "cannot be levels (Decimal('-Infinity'))",
        ),
        (
            lambda y: y.map({0: "a", 1: 1, 2: 2.5}).astype(object),
            "mixes value types (number, str); convert it to one type, e.g. "
            "df['y'].cat.rename_categories(str)",
        ),
    ],
)
def test_a_categorical_outcome_is_refused_as_its_values_are(df, values, said):
    # fitted before, with inf or 0j a level of its own, where a plain column is refused
    plain = df.assign(y=values(df["y"]))
    with pytest.raises(DataError):
        mnlogit.fit("y ~ x", plain)
    with pytest.raises(DataError) as caught:
        mnlogit.fit("y ~ x", plain.assign(y=pd.Categorical(plain["y"])))
    assert said in str(caught.value), caught.value


@pytest.mark.parametrize("formula", ["y ~ x + k", "y ~ x + C(k)"])
def test_an_infinite_category_of_a_predictor_is_refused(df, formula):
    # fitted as a level k[T.inf], where the same column uncategorised is refused
    data = df.assign(k=pd.Categorical(df["k"].astype(float).replace(2, np.inf)))
    with pytest.raises(DataError) as caught:
        mnlogit.fit(formula, data)
    said = str(caught.value)
    n = int((df["k"] == 2).sum())
    assert f"column 'k' has {n} infinite value(s)" in said, said
    assert "df['k'] = df['k'].cat.remove_categories([inf])" in said, said
    # the advice works: the rows go as missing values
    fixed = data.assign(k=data["k"].cat.remove_categories([np.inf]))
    assert mnlogit.fit(formula, fixed).nobs == len(df) - n


def test_an_unused_infinite_category_is_no_refusal(df):
    data = df.assign(k=pd.Categorical(df["k"].astype(float), categories=[0.0, 1.0, 2.0, np.inf]))
    assert mnlogit.fit("y ~ x + C(k)", data).nobs == len(df)


@pytest.mark.parametrize("formula", ["y ~ x + k", "y ~ x + C(k)"])
def test_a_complex_category_of_a_predictor_is_refused(df, formula):
    data = df.assign(k=pd.Categorical(df["k"].astype(complex)))
    with pytest.raises(InputTypeError) as caught:
        mnlogit.fit(formula, data)
    assert "column 'k' is a Categorical of complex numbers (e.g. 0j)" in str(caught.value)
