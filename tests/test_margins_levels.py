"""Margins of a factor whose levels the formula orders itself, C(g, levels=[...]) (R's
factor(g, levels = ...)): its discrete changes are taken from the first level given, the
baseline of its coefficients, and its margins come in the order given. Against R
(tests/reference/margins_levels.R: nnet::multinom, a hand delta method and emmeans)."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_levels.json").read_text())
RTOL = 1e-6  # R's BFGS fit is converged to ~1e-9 in the coefficients
ATOL = 1e-9
RTOL_AME = 1e-5  # R differences the design and the Jacobian numerically
CASES = list(REF["cases"])


@pytest.fixture(scope="module")
def fits():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    return {name: mnlogit.fit(c["formula"], df, ref=c["ref"]) for name, c in REF["cases"].items()}


def _check(got: pd.DataFrame, want: list[dict], keys: list[str], rtol: float = RTOL) -> None:
    want_frame = pd.DataFrame(want)
    assert got[keys].drop_duplicates().to_numpy().tolist() == (
        want_frame[keys].drop_duplicates().to_numpy().tolist()
    )
    merged = got.merge(want_frame, on=[*keys, "outcome"], suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(got)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=rtol, atol=ATOL)
    np.testing.assert_allclose(merged["std_error"], merged["se"], rtol=rtol)


@pytest.mark.parametrize("case", CASES)
def test_the_fit_matches(fits, case):
    np.testing.assert_allclose(fits[case].llf, REF["cases"][case]["loglik"], rtol=1e-10)


@pytest.mark.parametrize("case", CASES)
def test_margins_over_the_factor_come_in_the_order_given(fits, case):
    want = REF["cases"][case]
    got = fits[case].margins(over=case).to_frame()
    assert list(dict.fromkeys(got[case])) == want["levels"]
    _check(got, want["over"], [case])


@pytest.mark.parametrize("case", CASES)
def test_discrete_changes_are_from_the_first_level_given(fits, case):
    want = REF["cases"][case]["changes"]
    me = fits[case].marginal_effects(variables=case).reset_index()
    _check(me.rename(columns={"dydx": "estimate"}), want, ["variable"])
    effects = fits[case].margins(kind="effect", variables=case).to_frame()
    _check(effects, want, ["variable"])


@pytest.mark.parametrize("case", CASES)
def test_average_effect_of_the_numeric_variable(fits, case):
    got = fits[case].margins(kind="effect", variables="hincome").to_frame()
    _check(got, REF["cases"][case]["ame_hincome"], ["variable"], rtol=RTOL_AME)


@pytest.mark.parametrize("case", CASES)
def test_grid_margins_match_emmeans(fits, case):
    got = fits[case].margins(over=case, average="grid").to_frame()
    _check(got, REF["cases"][case]["grid"], [case])


@pytest.mark.slow
@settings(derandomize=True, max_examples=12, deadline=None)
@given(
    order=st.permutations(["Atlantic", "BC", "Ontario", "Prairie", "Quebec"]),
    explicit=st.booleans(),
    base=st.integers(0, 4),
)
def test_any_order_and_baseline_is_the_coding_s(order, explicit, base):
    """Whatever order levels= gives, and whichever level Treatment() names, the changes are
    from the coefficients' baseline, in the coefficients' order, and equal the difference of
    the averaged predictions."""
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    contrasts = f", contrasts=Treatment({order[base]!r})" if explicit else ""
    res = mnlogit.fit(f"partic ~ hincome + C(region, levels={order!r}{contrasts})", df)
    baseline = order[base] if explicit else order[0]
    others = [lv for lv in order if lv != baseline]
    me = res.marginal_effects(variables="region")
    assert list(dict.fromkeys(me.index.get_level_values("variable"))) == [
        f"region[T.{lv}]" for lv in others
    ]
    assert res.params.index[2:].tolist() == [
        f"C(region, levels={order!r}{contrasts})[T.{lv}]" for lv in others
    ]
    at_base = res.predict(df.assign(region=baseline)).mean()
    for lv in others:
        change = res.predict(df.assign(region=lv)).mean() - at_base
        np.testing.assert_allclose(me.loc[f"region[T.{lv}]", "dydx"], change, atol=1e-12)
    assert list(dict.fromkeys(res.margins(over="region").to_frame()["region"])) == order
