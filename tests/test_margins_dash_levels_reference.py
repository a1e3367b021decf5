"""Contrasts over factor levels that begin or end with a dash or are in parentheses against
emmeans (tests/reference/margins_dash_levels.R): the pairwise differences of grid margins over
g, and the contrasts of those contrasts over h. mnlogit pairs the margins of a contrast of
contrasts by the labels of the first contrast, which had read alike for "a -" - "a" and
"a" - "- a" ("a - - a"): the second difference took the first's numbers."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import refdata

import mnlogit

REF = json.loads((refdata.REF_DIR / "margins_dash_levels.json").read_text())
RTOL = 1e-6  # nnet's BFGS to reltol 1e-16 beside mnlogit's Newton fit
ATOL = 1e-8


@pytest.fixture(scope="module")
def margins():
    d = pd.read_csv(refdata.REF_DIR / "margins_dash_levels.csv")
    d["g"] = pd.Categorical(d["g"], categories=REF["levels_g"])
    res = mnlogit.fit("y ~ x + g * h", d, ref="A")
    np.testing.assert_allclose(res.llf, REF["loglik"], rtol=1e-9)
    return res.margins(over=["g", "h"], average="grid"), res


def _check(frame: pd.DataFrame, want: dict) -> None:
    # emmeans' order: by outcome, then its contrasts in the order of the levels
    frame = frame.sort_values("outcome", kind="stable")
    assert frame["outcome"].tolist() == want["outcome"]
    np.testing.assert_allclose(frame["estimate"], want["estimate"], rtol=RTOL, atol=ATOL)
    np.testing.assert_allclose(frame["std_error"], want["se"], rtol=RTOL)
    # emmeans brackets these levels as mnlogit does, but leaves "(b)" as it is
    ours = [label.replace("((b))", "(b)") for label in frame["g"]]
    assert ours == want["label"]


def test_pairwise_differences_over_g(margins):
    _, res = margins
    _check(res.margins(over="g", average="grid").contrast("g").to_frame(), REF["pairs_g"])


def test_contrasts_of_contrasts_over_g_and_h(margins):
    grid, _ = margins
    frame = grid.contrast("g").contrast("h").to_frame()
    assert set(frame["h"]) == {"p - q"}
    _check(frame, REF["interaction"])
