"""Formulas put together from many parts, and three forms they turned up.

- A formula without an outcome that nests with ``%in%`` (``~ a %in% b``) got a bare
  ``AttributeError: 'SimpleFormula' object has no attribute 'rhs'`` (with ``|``, "This
  `StructuredFormula` instance does not have structure"): the nesting was read before the
  outcome was checked.
- A method of a column whose name needs backticks (``I(`a.b`.abs())``) was refused as "column
  'a_b' is not in the data": formulaic declares the column by the identifier it rewrote it to.
- formulaic puts every occurrence of the text of a name in backticks once it is written so
  in a Python part: ``I((`g` == "g1") | (x > 0))`` compared g with "`g`1" and fitted
  ``I(x > 0)`` silently, ``C(`g`, Treatment("g2"))`` was refused for the level '`g`2',
  ``I(`x` + x1)`` and ``np.log1p(`log`)`` as formulaic's "invalid syntax", and ``C(`C`)``
  (a column named like the function it is passed to) got "'Series' object is not callable"
  where ``C(C)`` is refused naming the column to rename. The backticks of such names are
  now dropped before formulaic reads the part; two names that need them and that formulaic
  misreads together (```x.10` - `x.1``` as ```x.1`0 - `x.1```) are refused.

The property at the end puts formulas together from terms, operators and functions and
checks that each fits (and its predictions on a few of its rows are its fitted values) or is
refused with one of mnlogit's errors.
"""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit.exceptions import ColumnNotFoundError, FormulaError, MNLogitError, MNLogitWarning


@pytest.fixture(scope="module")
def df():
    rng = np.random.default_rng(7)
    n = 120
    # names a formula must quote, or that are also the names of its functions
    numbers = {name: rng.normal(size=n) for name in ["x", "a.b", "my var", "1st", "C", "I"]}
    positive = {name: rng.uniform(0.5, 5, n) for name in ["pos", "log"]}
    levels = {"y": rng.choice(["a", "b", "c"], n), "g": rng.choice(["p", "q", "r"], n)}
    return pd.DataFrame(levels | numbers | positive)


@pytest.mark.parametrize(
    "formula",
    ["~ (x + pos) %in% g - 1", " ~ x %in% g", "~ x | g %in% g", "~ g + x %in% g | pos"],
)
def test_nesting_without_an_outcome_is_refused_for_the_outcome(df, formula):
    with pytest.raises(FormulaError, match="left-hand side must be one outcome column"):
        mnlogit.fit(formula, df)


@pytest.mark.parametrize(
    ("name", "method"), [("a.b", "abs()"), ("my var", "clip(0)"), ("1st", "abs()")]
)
def test_method_of_a_backticked_column(df, name, method):
    res = mnlogit.fit(f"y ~ I(`{name}`.{method}) + x", df)
    plain = mnlogit.fit(f"y ~ I(v.{method}) + x", df.rename(columns={name: "v"}))
    np.testing.assert_allclose(res.params.to_numpy(), plain.params.to_numpy(), rtol=1e-10)
    rows = df.iloc[:5]
    np.testing.assert_allclose(res.predict(rows), res.predict().iloc[:5], rtol=0, atol=1e-12)


def test_methods_of_a_backticked_column_used_twice(df):
    # its second use is declared as a_b with ten random letters after it
    res = mnlogit.fit("y ~ I(`1st`.abs() + `1st`.clip(0))", df)
    plain = mnlogit.fit("y ~ I(v.abs() + v.clip(0))", df.rename(columns={"1st": "v"}))
    np.testing.assert_allclose(res.params.to_numpy(), plain.params.to_numpy(), rtol=1e-10)
    with pytest.raises(FormulaError, match="computes a row's value from the other rows"):
        mnlogit.fit("y ~ I(`1st` - `1st`.mean())", df)


def test_method_of_a_missing_backticked_column_names_it(df):
    with pytest.raises(ColumnNotFoundError, match="column 'zz q' is not in the data"):
        mnlogit.fit("y ~ I(`zz q`.abs())", df)


@pytest.mark.parametrize(
    ("quoted", "plain"),
    [
        ('y ~ I((`g` == "gp") | (x > 0))', 'y ~ I((g == "gp") | (x > 0))'),
        ('y ~ C(`g`, Treatment("gq"))', 'y ~ C(g, Treatment("gq"))'),
        ("y ~ I(`x` + xx)", "y ~ I(x + xx)"),
        ("y ~ np.log1p(`log`)", "y ~ np.log1p(log)"),
    ],
)
def test_name_in_backticks_is_not_retyped_elsewhere(df, quoted, plain):
    data = df.assign(xx=df["pos"] * 2, g="g" + df["g"])  # levels holding the name
    res, expected = mnlogit.fit(quoted, data), mnlogit.fit(plain, data)
    np.testing.assert_allclose(res.params.to_numpy(), expected.params.to_numpy(), rtol=1e-10)
    rows = data.iloc[:5]
    np.testing.assert_allclose(res.predict(rows), res.predict().iloc[:5], rtol=0, atol=1e-12)


def test_name_in_backticks_inside_another_is_read_as_written(df):
    # formulaic retyped `b` inside its rewrite of `a.b` (a_b): the term lost `a.b`
    data = df.assign(b=df["pos"] * 2)
    res = mnlogit.fit("y ~ I(`a.b` + `b`)", data)
    expected = mnlogit.fit("y ~ I(ab + b)", data.rename(columns={"a.b": "ab"}))
    np.testing.assert_allclose(res.params.to_numpy(), expected.params.to_numpy(), rtol=1e-10)


@pytest.mark.parametrize("term", ["I(`x.10` - `x.1`)", "center(`x.10` + `x.1`)"])
def test_names_formulaic_misreads_together_are_refused(df, term):
    # R's names x.1 and x.10: formulaic read `x.10` - `x.1` as `x.1`0 - `x.1`
    data = df.assign(**{"x.1": df["x"], "x.10": df["pos"]})
    with pytest.raises(FormulaError, match=r"misreads the names `x\.10`, `x\.1`.*rename"):
        mnlogit.fit(f"y ~ {term}", data)
    # in the other order they are read as written
    res = mnlogit.fit("y ~ I(`x.1` - `x.10`)", data)
    expected = mnlogit.fit("y ~ I(x - pos)", data)
    np.testing.assert_allclose(res.params.to_numpy(), expected.params.to_numpy(), rtol=1e-10)


@pytest.mark.parametrize(
    ("formula", "name"),
    [("y ~ C(`C`)", "C"), ("y ~ x + log(`log`)", "log"), ("y ~ I(`I` + 1)", "I")],
)
def test_backticked_column_named_like_its_function(df, formula, name):
    with pytest.raises(FormulaError, match=f"column '{name}' has the name of the function"):
        mnlogit.fit(formula, df)


_NUMBERS = ["x", "pos", "`a.b`", "`my var`", "`1st`", "`log`"]
_PARTS = st.one_of(
    st.sampled_from([*_NUMBERS, "g", "C(g)", "C(g, Sum)", "C(g, Treatment('q'))"]),
    st.builds("I({}.abs())".format, st.sampled_from(_NUMBERS)),
    st.builds("I({} > 0)".format, st.sampled_from(_NUMBERS)),
    st.builds("np.log({})".format, st.sampled_from(["pos", "`log`", "x"])),
    st.builds("{}({})".format, st.sampled_from(["center", "scale"]), st.sampled_from(_NUMBERS)),
    st.builds("{}(`{}`)".format, st.sampled_from(["C", "I", "log"]), st.sampled_from(["C", "I"])),
    # two names in one Python part, one of them perhaps inside the other or a string
    st.builds("I({} - {}.abs())".format, st.sampled_from(_NUMBERS), st.sampled_from(_NUMBERS)),
    st.builds("I(({} == 'p') | ({} > 0))".format, st.sampled_from(["g", "`g`"]), st.just("x")),
    st.builds("I(`g` == {!r})".format, st.sampled_from(["p", "g", "gg"])),
)
_RHS = st.recursive(
    _PARTS,
    lambda inner: st.builds(
        "{} {} {}".format, inner, st.sampled_from(["+", ":", "*", "-", "%in%", "|"]), inner
    ).map(lambda s: f"({s})"),
    max_leaves=4,
)


@settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(lhs=st.sampled_from(["y ~ ", "~ ", "y ~ 0 + "]), rhs=_RHS)
def test_generated_formula_fits_or_is_refused(df, lhs, rhs):
    formula = lhs + rhs
    with warnings.catch_warnings():
        # a warning that is not mnlogit's fails the test
        warnings.simplefilter("error")
        warnings.simplefilter("ignore", MNLogitWarning)
        try:
            res = mnlogit.fit(formula, df)
        except MNLogitError:
            return
        fitted = res.predict()
        rows = fitted.index[:5]
        np.testing.assert_allclose(res.predict(df.loc[rows]), fitted.loc[rows], rtol=0, atol=1e-12)
        try:
            res.anova()
        except MNLogitError:
            pass


@pytest.mark.parametrize("term", ["I(`a.b`.abs())", "I(x + `my var`.clip(0))"])
def test_safe_formula_refusal_quotes_the_backticked_name(df, term):
    # it quoted '_quoted_.abs', a placeholder the formula does not hold
    name = term.split("`")[1]
    with pytest.raises(FormulaError, match=rf"'`{re.escape(name)}`\.\w+' is not allowed") as caught:
        mnlogit.fit(f"y ~ {term}", df, safe_formula=True)
    assert "_quoted" not in str(caught.value)
