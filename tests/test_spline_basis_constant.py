"""formulaic's cubic regression spline bases (cr(), cs(), cc()) add up to 1 on every row, so
beside the intercept one of their columns is a combination of the others. The refusal said
"drop them from the formula" of a column such as 'cr(x, df=4)[4]', which no formula can
drop; it now gives the call with constraints='center' that fits the same model."""

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
    n = 250
    x = rng.uniform(0, 10, n)
    z = rng.uniform(1, 5, n)
    eta = np.c_[np.zeros(n), np.sin(x / 2), 0.4 * z - 1]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    return pd.DataFrame({"x": x, "z": z, "g": rng.choice(["u", "v"], n), "y": y})


def _advised(err: RankError) -> list[str]:
    """The calls the refusal asks to write."""
    return re.findall(
        r"\w+\(x[^()]*?constraints='center'\)|\w+\(z[^()]*?constraints='center'\)", str(err)
    )


@pytest.mark.parametrize(
    ("term", "same"),
    [
        ("cr(x, df=4)", "0 + cr(x, df=4)"),
        ("cs(x, 5)", "0 + cs(x, 5)"),
        ("cc(x, df=4)", "0 + cc(x, df=4)"),
        ("cr(x, knots=[2, 5, 8])", "0 + cr(x, knots=[2, 5, 8])"),
    ],
)
def test_a_spline_basis_beside_the_intercept_is_refused_with_the_centred_call(df, term, same):
    with pytest.raises(RankError) as err:
        mnlogit.fit(f"y ~ {term} + g", df)
    message = str(err.value)
    assert "drop them from the formula" not in message
    assert f"the columns of {term!r} add up to 1 on every row" in message
    (call,) = _advised(err.value)
    # the advice followed fits the model the basis without the intercept fits
    advised = mnlogit.fit(f"y ~ {call} + g", df)
    reference = mnlogit.fit(f"y ~ {same} + g - 1", df.assign(g=(df["g"] == "v") * 1.0))
    assert advised.llf == pytest.approx(reference.llf, rel=1e-10, abs=1e-8)
    new = pd.DataFrame({"x": [0.5, 4.0, 9.5], "z": [2.0, 3.0, 4.0], "g": ["u", "v", "u"]})
    ref_new = new.assign(g=(new["g"] == "v") * 1.0)
    assert np.allclose(
        advised.predict(new).to_numpy(), reference.predict(ref_new).to_numpy(), atol=1e-7, rtol=0
    )


def test_two_bases_are_each_given_centred(df):
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ cr(x, df=4) + cr(z, df=3)", df)
    assert _advised(err.value) == [
        "cr(x, df=3, constraints='center')",
        "cr(z, df=2, constraints='center')",
    ]
    mnlogit.fit(f"y ~ {' + '.join(_advised(err.value))}", df)


def test_without_an_intercept_one_basis_keeps_the_constant(df):
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ 0 + cr(x, df=4) + cr(z, df=3)", df)
    assert _advised(err.value) == ["cr(z, df=2, constraints='center')"]
    advised = mnlogit.fit("y ~ 0 + cr(x, df=4) + cr(z, df=2, constraints='center')", df)
    full = mnlogit.fit(
        "y ~ cr(x, df=3, constraints='center') + cr(z, df=2, constraints='center')", df
    )
    assert advised.llf == pytest.approx(full.llf, rel=1e-10)


def test_a_factors_columns_per_level_beside_a_basis_are_said(df):
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ 0 + cr(x, df=4) + g", df)
    assert "as do the columns of 'g' (one per level of a factor)" in str(err.value)
    assert _advised(err.value) == ["cr(x, df=3, constraints='center')"]


def test_another_collinearity_beside_a_basis_keeps_its_own_refusal(df):
    # the basis accounts for one aliased column, not for I(z * 2) beside z
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ cr(x, df=4) + z + I(z * 2)", df)
    assert "'I(z * 2)'" in str(err.value)


def test_a_factor_with_a_column_per_level_beside_the_intercept_is_named_too(df):
    # centring the basis alone left the factor's columns aliased with the intercept: a
    # second refusal after the advice was followed
    with pytest.raises(RankError) as err:
        mnlogit.fit("y ~ cr(x, df=4) + C(g, spans_intercept=False)", df)
    message = str(err.value)
    assert _advised(err.value) == ["cr(x, df=3, constraints='center')"]
    assert "code 'C(g, spans_intercept=False)' against a baseline level" in message
    mnlogit.fit("y ~ cr(x, df=3, constraints='center') + C(g)", df)
