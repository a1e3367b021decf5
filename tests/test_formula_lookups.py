"""Q("name") inside formulaic's stateful transforms (scale, center, standardize, poly, bs,
cr, cs, cc): formulaic 1.2 evaluates their arguments without the data, so Q() failed with
"'NoneType' object has no attribute 'data'"; such a Q("name") is read as the backticked name."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit._formula_text import python_part


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(11)
    n = 300
    x = rng.uniform(1, 3, n)
    eta = np.column_stack([np.zeros(n), 0.8 * (x - 2), -0.5 * (x - 2) ** 2])
    y = np.array(["a", "b", "c"])[np.argmax(eta + rng.gumbel(size=(n, 3)), axis=1)]
    return pd.DataFrame({"y": y, "a b": x, "x": x})


@pytest.mark.parametrize(
    ("quoted", "plain"),
    [
        ('scale(Q("a b"))', "scale(`a b`)"),
        ("center(Q('x'))", "center(x)"),
        ('standardize(Q("x"))', "standardize(x)"),
        ('poly(Q("a b"), 2)', "poly(`a b`, 2)"),
        ('bs(Q("x"), df=4)', "bs(x, df=4)"),
        ('scale(np.log(Q("x")))', "scale(np.log(x))"),
    ],
)
def test_lookup_inside_a_stateful_transform_fits_as_the_column(df, quoted, plain):
    a = mnlogit.fit(f"y ~ {quoted}", df)
    b = mnlogit.fit(f"y ~ {plain}", df)
    np.testing.assert_allclose(a.params.to_numpy(), b.params.to_numpy(), rtol=1e-12)
    new = df.iloc[:7].copy()
    np.testing.assert_allclose(a.predict(new).to_numpy(), b.predict(new).to_numpy(), rtol=1e-12)


def test_other_lookups_keep_their_text():
    assert python_part('Q("a b")') == 'Q("a b")'
    assert python_part('np.log(Q("x")**2)') == 'np.log(Q("x")**2)'
    assert python_part("I(x^2)") == "I(x**2)"
    # a name holding a backtick cannot be backticked: left to formulaic
    assert python_part('scale(Q("a`b"))') == 'scale(Q("a`b"))'
    assert python_part("scale(Q('it\\'s'))") == "scale(`it's`)"
    # 'Q(' inside a string is not a call
    assert python_part("C(g, levels=['scale(Q(1))'])") == "C(g, levels=['scale(Q(1))'])"


def test_sqrt_as_r_writes_it_fits_as_np_sqrt(df):
    # the safe-formula check allowed sqrt(x), and formulaic then looked for a column 'sqrt'
    res = mnlogit.fit("y ~ sqrt(x) + sqrt(`a b`)", df.assign(**{"a b": df["x"] + 1}))
    ref = mnlogit.fit("y ~ np.sqrt(x) + np.sqrt(`a b`)", df.assign(**{"a b": df["x"] + 1}))
    assert list(res.params.index) == ["Intercept", "sqrt(x)", "sqrt(`a b`)"]
    np.testing.assert_allclose(res.params.to_numpy(), ref.params.to_numpy(), rtol=1e-12)
    new = df.head(5).assign(x=[1.0, 4.0, 9.0, 2.0, 2.5])
    np.testing.assert_allclose(res.predict(new).to_numpy(), ref.predict(new).to_numpy())
    with pytest.raises(mnlogit.exceptions.DataError, match="'sqrt\\(x\\)' gives missing"):
        mnlogit.fit("y ~ sqrt(x)", df.assign(x=df["x"] - 2))


def test_a_column_named_sqrt_is_still_a_column(df):
    res = mnlogit.fit("y ~ sqrt", df.rename(columns={"x": "sqrt"}))
    assert list(res.params.index) == ["Intercept", "sqrt"]


@pytest.mark.parametrize(
    ("formula", "advice"),
    [
        ("y ~ poly(x, 2, raw=TRUE)", "TRUE is R's: write True"),
        ("y ~ bs(x, df=3, include_intercept=F)", "F is R's: write False"),
        ("y ~ abs(x)", "write np.abs(...)"),
        ("y ~ I(round(x))", "write np.round(...)"),
        ("y ~ ifelse(x > 2, 1, 0)", "write np.where(...)"),
        ("y ~ pmax(x, 2)", "write np.maximum(...)"),
    ],
)
def test_r_constants_and_functions_are_answered_with_what_python_writes(df, formula, advice):
    # were formulaic's "[NameError: name 'TRUE' is not defined]" and "'abs' ... is neither a
    # column of the data nor a function formulaic knows", with nothing to write instead
    with pytest.raises(mnlogit.MNLogitError) as caught:
        mnlogit.fit(formula, df)
    assert advice in str(caught.value)
