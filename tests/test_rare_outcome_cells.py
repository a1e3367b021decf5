"""A fit quasi-separated by rare outcomes, each never seen at some levels of a factor, and by a
common outcome missing at two of its levels (tests/reference/make_rare_outcome_cells.R,
nnet::multinom run to its limits). The separation message said that every term it names
diverges in every outcome's equation it names: here the intercept and every dummy of c09, r3_2
and r5_3, whose intercepts (and most dummies) converge, with the standard errors the fit
shows for them. It now names the terms of each outcome's equation that diverge, those
``res.diverging`` marks; the coefficients it leaves out match R's limits."""

from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, expected

import mnlogit


@pytest.fixture(scope="module")
def res():
    df = pd.read_csv(REF_DIR / "rare_outcome_cells.csv")
    with warnings.catch_warnings():
        # rare levels and the separation, said at the fit
        warnings.simplefilter("ignore", mnlogit.RareLevelWarning)
        warnings.simplefilter("ignore", mnlogit.SeparationWarning)
        return mnlogit.fit("y ~ x1 + x2 + x3 + g", df)


def _said(finding: str) -> set[tuple[str, str]]:
    """The (term, outcome) cells a finding says diverge."""
    said = re.search(r"The coefficients of (.*) \(against reference", finding).group(1)
    cells = set()
    for group in said.split("; "):
        terms, outcomes = group.split(" in the equation(s) for outcome(s) ")
        for t in re.findall(r"'([^']*)'", terms):
            cells |= {(t, o) for o in re.findall(r"'([^']*)'", outcomes)}
    return cells


def _marked(diverging: pd.DataFrame) -> set[tuple[str, str]]:
    return {(t, o) for (t, o), v in diverging.stack().items() if v}


def test_the_message_names_the_cells_that_diverge(res):
    assert res.separation is not None
    assert _said(res.separation.finding) == _marked(res.diverging)
    assert ("Intercept", "r3_2") not in _said(res.separation.finding)
    assert ("g[T.F]", "c09") in _said(res.separation.finding)
    assert _said(res.separation.message) == _marked(res.diverging)


def test_the_advice_does_not_call_the_intercept_a_factor(res):
    # the advice to merge levels read "of a factor among 'Intercept', 'g[T.F]', ...", the
    # intercept and numeric columns among the diverging columns it lists
    advice = res.separation.message[len(res.separation.finding) :]
    assert "merge the levels that separate the outcomes (a factor's levels, if its" in advice
    assert "a factor among" not in advice and "'g[T.F]'" in advice


@pytest.mark.parametrize("ref", ["r2_1", "c09"])
def test_with_ref_names_the_cells_of_its_reference(res, ref):
    other = res.with_ref(ref)
    assert _said(other.separation.finding) == _marked(other.diverging)


def test_the_cells_left_out_converge_to_r_s_limits(res):
    want = expected("rare_outcome_cells")
    assert want["ref"] == res.ref and list(want["coef"]) == list(res.params.columns)
    coef = pd.DataFrame(want["coef"]).loc[res.params.index].astype(float)
    se = pd.DataFrame(want["se"]).loc[res.params.index].astype(float)  # "NaN" where nnet has none
    kept = ~res.diverging.to_numpy()
    # intercepts of rare outcomes seen at the baseline converge too
    assert not res.diverging.loc["Intercept", "r3_2"]
    # nnet's limits agree within 4e-7 of a standard error, its Hessian's standard errors
    # within 1.3e-7
    gap = np.abs(res.params.to_numpy() - coef.to_numpy()) / se.to_numpy()
    assert gap[kept].max() < 1e-5
    rel = np.abs(res.bse.to_numpy() / se.to_numpy() - 1)
    assert rel[kept].max() < 1e-5
    assert np.isnan(res.bse.to_numpy()[~kept]).all()
    with warnings.catch_warnings():
        # the restricted fits are separated too, and g's test is not computed: both said
        warnings.simplefilter("ignore", mnlogit.ConvergenceWarning)
        warnings.simplefilter("ignore", mnlogit.InferenceWarning)
        anova = res.anova()
    assert anova.loc["x1", "chi2"] == pytest.approx(want["lr_x1"], rel=1e-7)
