"""Outcomes that overlap by less than the linear programs' tolerance: not separated, so the
fit gives the maximum-likelihood estimates R's glm finds (tests/reference/
make_near_tie_overlap.R); outcomes tied, or parted by as little, stay separated."""

import json
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

REFERENCE = json.loads((Path(__file__).parent / "reference" / "near_tie_overlap.json").read_text())[
    "fits"
]


def overlap(eps: float, weighted: bool = False) -> pd.DataFrame:
    """Rows of 'a' at 0, 1/19, ..., 1 and 1 + eps, of 'b' at 1, ..., 2 (as the R script's)."""
    x = np.r_[np.linspace(0, 1, 20), 1 + eps, np.linspace(1, 2, 20)]
    w = np.r_[1 + np.arange(1, 41) % 3, 0.0] if weighted else np.ones(41)
    return pd.DataFrame({"y": ["a"] * 21 + ["b"] * 20, "x": x, "w": w})


@pytest.mark.parametrize("eps", [1e-7, 1e-8])
def test_an_overlap_below_the_solver_tolerance_is_not_separation(eps):
    # the solver's absolute tolerance (1e-7) let the cut at x = 1 break the inequality of
    # the row of 'a' at 1 + eps: quasi-complete separation was reported
    assert mnlogit.check_separation("y ~ x", overlap(eps)) is None


@pytest.mark.parametrize("case", REFERENCE, ids=lambda c: f"{c['eps']:g}-{c['weighted']}")
def test_the_fit_of_a_slight_overlap_matches_glm(case):
    df = overlap(case["eps"], case["weighted"])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no SeparationWarning, no InferenceWarning
        res = mnlogit.fit("y ~ x", df, ref="a", weights="w" if case["weighted"] else None)
        bse = res.bse["b"].to_numpy()
    assert res.converged and res.separation is None
    np.testing.assert_allclose(res.params["b"].to_numpy(), case["coef"], rtol=1e-6)
    np.testing.assert_allclose(bse, case["se"], rtol=1e-3)
    assert res.llf == pytest.approx(case["loglik"], rel=1e-9)


@pytest.mark.parametrize(("eps", "rows"), [(0.0, (19, 20, 21)), (-1e-8, (19, 20, 21))])
def test_a_tie_or_a_slight_gap_stays_separated(eps, rows):
    sep = mnlogit.check_separation("y ~ x", overlap(eps))
    assert sep is not None and sep.kind == "quasi-complete"
    assert sep.rows == rows
