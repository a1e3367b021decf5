"""Nesting (``a/x``, ``x %in% a``), full dummy coding beside ``- 1`` and ``0 +``, a number
crossed with two factors without their margins and ``poly()`` crossed with factors, against
VGAM::vglm; and type II and III likelihood-ratio tests of a weighted sum-coded three-way
interaction and of ``poly(x, 3) * a`` against car::Anova's definitions with converged refits
(tests/reference/make_nesting_forms.R)."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pytest

import mnlogit
from tests.refdata import RTOL_LOGLIK, data, expected

REF = expected("nesting_forms")
DF = data("nesting_forms")


def _fit(formula, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # none of these fits has anything to warn of
        return mnlogit.fit(formula, DF, **kw)


def _r_name(column: str) -> frozenset[str]:
    """formulaic's column name as R's parts ('x:a[T.q]:b[u]' -> {'x', 'aq', 'bu'}); R orders
    the variables of a term by the formula's first mention of each, formulaic by the
    term's, so the parts are compared as a set."""
    if column == "Intercept":
        return frozenset({"(Intercept)"})
    return frozenset(re.sub(r"\[(?:T\.)?([^\]]+)\]$", r"\1", part) for part in column.split(":"))


@pytest.mark.parametrize("case", REF["forms"], ids=lambda c: c["formula"])
def test_nested_and_uncontrasted_designs_are_rs(case):
    res = _fit(case["formula"])
    assert res.ref == "ant"
    assert list(res.params.columns) == case["outcomes"]
    assert res.llf == pytest.approx(case["loglik"], rel=RTOL_LOGLIK)
    r_rows = {frozenset(c.split(":")): i for i, c in enumerate(case["columns"])}
    ours = [r_rows[_r_name(c)] for c in res.params.index]  # every column R's, each once
    assert sorted(ours) == list(range(len(case["columns"])))
    np.testing.assert_allclose(
        res.params.to_numpy(), np.array(case["coef"])[ours], rtol=1e-6, atol=1e-8
    )


@pytest.mark.parametrize(
    ("name", "formula", "weights"),
    [
        ("weighted_sum", "y ~ x * C(a, Sum) * b + z", "w"),
        ("poly", "y ~ poly(x, 3) * a", None),
    ],
)
@pytest.mark.parametrize(("kind", "column"), [("II", "type_ii"), ("III", "type_iii")])
def test_anova_is_cars_with_converged_refits(name, formula, weights, kind, column):
    ref = REF["anova"][name]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = _fit(formula, weights=weights).anova(kind)
    assert list(table["df"]) == ref["df"]
    np.testing.assert_allclose(table["chi2"].to_numpy(), ref[column], rtol=1e-6)
