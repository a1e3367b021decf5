"""The note on an ordered Categorical coded by treatment contrasts (summary, anova type III)
for a column whose name a formula writes in backticks: the summary and anova failed with
Python's bare SyntaxError for ``my var`` or ``if``, and advised ``C(2020, Poly)`` (the number
2020), ``x(1, Poly)`` (a call of x) or ``C(a-b, Poly)`` (a difference of columns), none of
which fits R's coding; ``C(`my var`, levels=[...])`` got no note at all."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit

ADVICE = re.compile(r"write (.+?) for R's coefficients")


def _data(name: str) -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 300
    df = pd.DataFrame({"y": rng.choice(["a", "b", "c"], n), "x": rng.normal(size=n)})
    df[name] = pd.Categorical(
        rng.choice(["lo", "mid", "hi"], n), categories=["lo", "mid", "hi"], ordered=True
    )
    return df


def _advice(res: mnlogit.MNLogitResults) -> str:
    found = ADVICE.search(" ".join(res.summary().as_text().split()))
    assert found, res.summary().notes
    return found[1]


@pytest.mark.parametrize("name", ["my var", "2020", "x(1)", "a-b", "é x"])
def test_the_advice_for_a_column_in_backticks_is_a_formula_that_fits_rs_coding(name):
    df = _data(name)
    res = mnlogit.fit(f"y ~ x * `{name}`", df)
    advice = _advice(res)
    assert advice == f"C(`{name}`, Poly)"
    assert f"write C(`{name}`, Poly) for R's test" in res.anova(type="III").attrs["note"]
    refit = mnlogit.fit(f"y ~ x * {advice}", df)
    assert any(column.endswith("[.L]") for column in refit.params.index)
    assert "ordered Categorical" not in refit.summary().as_text()
    assert refit.llf == pytest.approx(res.llf, rel=1e-10)  # the same fit, other coefficients


def test_a_column_named_as_a_keyword_is_advised_renamed():
    df = _data("if")
    res = mnlogit.fit("y ~ x + `if`", df)
    text = " ".join(res.summary().as_text().split())
    assert "write C(if_, Poly) with the column renamed, df.rename(columns={'if': 'if_'})" in text
    renamed = df.rename(columns={"if": "if_"})
    refit = mnlogit.fit("y ~ x + C(if_, Poly)", renamed)
    assert refit.llf == pytest.approx(res.llf, rel=1e-10)


def test_levels_given_to_a_column_in_backticks_are_noted_and_kept_in_the_advice():
    df = _data("my var")
    res = mnlogit.fit("y ~ x + C(`my var`, levels=['hi', 'mid', 'lo'])", df)
    advice = _advice(res)
    assert advice == "C(`my var`, Poly, levels=['hi', 'mid', 'lo'])"
    refit = mnlogit.fit(f"y ~ x + {advice}", df)
    assert refit.llf == pytest.approx(res.llf, rel=1e-10)
