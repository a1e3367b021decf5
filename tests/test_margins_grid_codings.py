"""Margins on reference grids against emmeans (tests/reference/margins_grid_codings.R) for
factors and numbers that enter other than as one main effect each: a sum-to-zero coded factor,
a logical variable, a factor only inside an interaction, a quadratic in an interaction beyond
the data, a B-spline; and their pairwise contrasts (emmeans' adjust = "none")."""

from __future__ import annotations

import json
import re

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_grid_codings.json").read_text())
RTOL = 1e-6  # nnet's BFGS fit is converged to ~1e-9 in the coefficients
ATOL = 1e-9


@pytest.fixture(scope="module")
def fits():
    df = pd.read_csv(refdata.REF_DIR / "womenlf.csv")
    df["flag"] = np.arange(1, len(df) + 1) % 3 == 0
    return {
        name: mnlogit.fit(case["formula"], df, ref=REF["ref"])
        for name, case in REF["cases"].items()
    }


def _label(value: object) -> str:
    """R's labels as mnlogit writes them: TRUE/FALSE as True/False, hincome5 as 5."""
    text = re.sub(r"\b(TRUE|FALSE)\b", lambda m: m[1].capitalize(), str(value))
    return re.sub(r"\bhincome(?=[\d.])", "", text)


def _value(value: object) -> object:
    """A value set by at (a float) as R writes it: 5.0 as 5."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _check(got: pd.DataFrame, want: list[dict], keys: dict[str, str]) -> None:
    """``got`` (a margins table) against R's rows; ``keys`` maps R's columns to mnlogit's."""
    want_frame = pd.DataFrame(want).rename(columns=keys)
    on = [*keys.values(), "outcome"]
    for frame in (got, want_frame):
        for column in keys.values():
            frame[column] = frame[column].map(lambda v: _label(_value(v)))
    merged = got.merge(want_frame, on=on, suffixes=("", "_r"), validate="1:1")
    assert len(merged) == len(want_frame) == len(got)
    np.testing.assert_allclose(merged["estimate"], merged["estimate_r"], rtol=RTOL, atol=ATOL)
    # beyond the data, a margin whose logit-scale interval reaches 1/2 has no standard error
    # where emmeans' lies well on one side of 1/2 (tests/test_margins_undetermined.py), and
    # neither has a difference of it
    loose = merged["std_error"].isna().to_numpy()
    if "contrast" not in keys:  # margins of probabilities: R's own numbers say which
        p, se = merged["estimate_r"].to_numpy(), merged["se"].to_numpy()
        reaches = np.abs(np.log(p / (1 - p))) <= 1.959964 * se / (p * (1 - p))
        np.testing.assert_array_equal(loose, reaches & (np.abs(p - 0.5) > 2 * 1.959964 * se))
    np.testing.assert_allclose(merged["std_error"][~loose], merged["se"][~loose], rtol=RTOL)


@pytest.mark.parametrize("case", list(REF["cases"]))
def test_the_fit_matches(fits, case):
    np.testing.assert_allclose(fits[case].llf, REF["cases"][case]["loglik"], rtol=1e-10)


def test_a_sum_coded_factor(fits):
    want = REF["cases"]["sum_coded"]
    m = fits["sum_coded"].margins(over="region", average="grid")
    _check(m.to_frame(), want["over_region"], {"region_sum": "region"})
    _check(m.contrast("region").to_frame(), want["pairs_region"], {"contrast": "region"})


def test_a_logical_variable_is_a_factor_of_two_levels(fits):
    want = REF["cases"]["logical"]
    m = fits["logical"].margins(over=["flag", "children"], average="grid")
    _check(m.to_frame(), want["over_flag_children"], {"flag": "flag", "children": "children"})
    pairs = m.contrast("flag").to_frame()
    _check(pairs, want["pairs_flag"], {"contrast": "flag", "children": "children"})


def test_a_factor_only_inside_an_interaction(fits):
    m = fits["interaction_only"].margins(over="region", average="grid")
    _check(m.to_frame(), REF["cases"]["interaction_only"]["over_region"], {"region": "region"})


def test_a_quadratic_in_an_interaction_beyond_the_data(fits):
    want = REF["cases"]["quadratic_beyond"]
    m = fits["quadratic_beyond"].margins(at={"hincome": [5, 60]}, over="children", average="grid")
    assert any(n.startswith("Extrapolated: hincome = 60") for n in m.notes)
    keys = {"hincome": "hincome", "children": "children"}
    _check(m.to_frame(), want["at_hincome_children"], keys)
    pairs = m.contrast("hincome").to_frame()
    _check(pairs, want["pairs_hincome"], {"contrast": "hincome", "children": "children"})
    # at hincome = 60 (the data end at 45) fulltime's logit is -4.4 +- 10.6 (absent) and
    # -16.3 +- 22.4 (present), where the probability scale gave 0.012 +- 0.12 and 9e-8 +- 2e-6
    assert m.to_frame()["std_error"].isna().sum() == 2
    assert pairs["std_error"].isna().sum() == 2


def test_a_spline(fits):
    want = REF["cases"]["spline"]
    m = fits["spline"].margins(at={"hincome": [10, 30]}, average="grid")
    _check(m.to_frame(), want["at_hincome"], {"hincome": "hincome"})
    _check(m.contrast("hincome").to_frame(), want["pairs_hincome"], {"contrast": "hincome"})
