"""A cubic regression spline's basis (cr(), cs(), cc()) as a term and in an interaction with a
factor (cr(x, df=5) * g): its columns add up to 1, and in the interaction to the factor's
columns, which the model holds too. The refusal named 'cr(x, df=5)[5]' and
'cr(x, df=5)[5]:g[T.v]' and said to drop them from the formula, which cannot drop one column
of a term; it now gives the centred call to write in their place, which fits the same model."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RankError


@pytest.fixture(scope="module")
def df() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 400
    x = rng.uniform(0, 10, n)
    g = rng.choice(["u", "v", "w"], n)
    eta = np.c_[np.zeros(n), np.sin(x / 2), 0.5 * (g == "v") - 0.2]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    return pd.DataFrame({"x": x, "g": g, "y": y})


@pytest.mark.parametrize(
    ("formula", "same"),
    [
        ("y ~ cr(x, df=5) * g", "y ~ 0 + cr(x, df=5):g"),
        ("y ~ 0 + cr(x, df=5) * g", "y ~ 0 + cr(x, df=5):g"),
        ("y ~ cs(x, df=5) + cs(x, df=5):g + g", "y ~ 0 + cs(x, df=5):g"),
        ("y ~ cc(x, df=5) * g", "y ~ 0 + cc(x, df=5):g"),
    ],
)
def test_a_basis_in_an_interaction_is_refused_with_the_centred_call(df, formula, same):
    with pytest.raises(RankError) as err:
        mnlogit.fit(formula, df)
    message = str(err.value)
    assert "drop them from the formula" not in message
    written = r"write (\w+\(x, df=4, constraints='center'\)) in place of (\w+\(x, df=5\)), in every"
    (pair,) = re.findall(written, message)
    new, old = pair
    assert old in formula
    advised = mnlogit.fit(formula.replace(old, new), df)
    reference = mnlogit.fit(same, df)
    # the advice followed fits the model the basis's columns per level fit
    assert advised.llf == pytest.approx(reference.llf, rel=1e-9, abs=1e-7)
    assert advised.df_model == reference.df_model
    rows = df.head(6)
    assert np.allclose(
        advised.predict(rows).to_numpy(), reference.predict(rows).to_numpy(), atol=1e-6, rtol=0
    )
