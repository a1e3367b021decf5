"""Firth fits where separation comes through an interaction of two factors, with frequency
weights of 0 and rows missing a value, against brglm2 (tests/reference/
make_firth_interactions.R); and what maximum likelihood reports of the same data."""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import SeparationWarning

HERE = Path(__file__).parent / "reference"
REF = json.loads((HERE / "firth_interactions.json").read_text())
# R's column names -> formulaic's
NAMES = {
    "(Intercept)": "Intercept",
    "aa2": "a[T.a2]",
    "aa3": "a[T.a3]",
    "bb2": "b[T.b2]",
    "x": "x",
    "z": "z",
    "aa2:bb2": "a[T.a2]:b[T.b2]",
    "aa3:bb2": "a[T.a3]:b[T.b2]",
    "gg2": "g[T.g2]",
    "gg3": "g[T.g3]",
}
CASES = {
    "interaction": ("y ~ a*b + x", {}),
    "interaction_weighted": ("y ~ a*b + x", {"weights": "fw", "weight_type": "frequency"}),
    "interaction_missing": ("y ~ a*b + z", {}),
}


def table(ref: dict) -> pd.DataFrame:
    """outcome -> R column -> value as params' shape: terms x outcomes."""
    return pd.DataFrame(ref).rename(index=NAMES)


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return pd.read_csv(HERE / "firth_interactions.csv")


@pytest.mark.parametrize("case", sorted(CASES))
def test_estimates_and_standard_errors_equal_brglm2(data, case):
    formula, options = CASES[case]
    ref = REF[case]
    assert ref["converged"]
    res = mnlogit.fit(formula, data, ref="u", method="firth", **options)
    coef, se = table(ref["coef"]), table(ref["se"])
    params = res.params.loc[coef.index, coef.columns]
    np.testing.assert_allclose(params.to_numpy(), coef.to_numpy(), rtol=1e-6, atol=1e-8)
    bse = res.bse.loc[se.index, se.columns]
    np.testing.assert_allclose(bse.to_numpy(), se.to_numpy(), rtol=1e-6)
    assert res.llf == pytest.approx(ref["loglik"], rel=1e-8)
    assert res.penalized_llf == pytest.approx(ref["penalized_loglik"], rel=1e-8)
    # the coefficient maximum likelihood sends to infinity is named in every table
    note = res.to_frame().attrs["note"]
    assert "w:a[T.a3]:b[T.b2]" in note and "quasi-completely" in note


@pytest.mark.parametrize("case", sorted(CASES))
def test_maximum_likelihood_marks_the_interaction_cell_only(data, case):
    formula, options = CASES[case]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SeparationWarning)
        res = mnlogit.fit(formula, data, ref="u", **options)
    marked = res.diverging.stack()
    assert marked[marked].index.tolist() == [("a[T.a3]:b[T.b2]", "w")]
    frame = res.to_frame()
    assert frame.loc[("w", "a[T.a3]:b[T.b2]"), ["std_error", "pvalue", "lower"]].isna().all()
    assert frame.drop(("w", "a[T.a3]:b[T.b2]"))["pvalue"].notna().all()


def test_a_binary_fit_with_weights_of_zero_and_missing_rows_equals_brglm2():
    df = pd.read_csv(HERE / "firth_binary_rows.csv")
    ref = REF["binary_weighted"]
    res = mnlogit.fit(
        "y ~ x + g", df, ref="no", weights="fw", weight_type="frequency", method="firth"
    )
    assert res.n_dropped == 2
    coef, se = table(ref["coef"]), table(ref["se"])
    np.testing.assert_allclose(res.params.loc[coef.index, "yes"], coef["yes"], rtol=1e-6, atol=1e-8)
    np.testing.assert_allclose(res.bse.loc[se.index, "yes"], se["yes"], rtol=1e-6)
    assert res.llf == pytest.approx(ref["loglik"], rel=1e-8)
    assert res.penalized_llf == pytest.approx(ref["penalized_loglik"], rel=1e-8)
    # the rows of weight 0 against the separation leave it complete
    sep = mnlogit.check_separation("y ~ x + g", df, ref="no", weights="fw", weight_type="frequency")
    assert sep.kind == "complete"
