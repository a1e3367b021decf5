"""Margins of random data sets and formulas against emmeans (tests/reference/margins_random.R
on the draws of margins_random_draws.py, regenerated here from their seeds): K = 3 to 5
outcomes; factors of 2 to 5 levels, as text, a Categorical in its own order with an unused
category, or ordered; rare levels; interactions factor x factor and factor x number; poly(),
scale() and log(); frequency weights; rows missing x1 or f1. For each draw: the grid over f1
and over f1 x f2, over f1 at two values of x1, pairwise contrasts (unadjusted, and the
Bonferroni factor the note gives), trt.vs.ctrl over f1 and over f2, contrasts between
outcomes, the margins of a model of factors averaged over the rows (emmeans' weights =
"proportional") and the slope of x1 on the grid: estimate, standard error, z, p-value and
interval bounds. The 24 draws kept are among those of seeds 0-99 whose fit is not separated,
whose interaction cells all occur and that nnet fitted to a log-likelihood within 1e-11 of
mnlogit's (a sweep of 300 draws: tests/reference/README.md)."""

from __future__ import annotations

import json
import sys

import numpy as np
import pytest
import refdata

sys.path.insert(0, str(refdata.REF_DIR))
import margins_random_compare as compare

REF = json.loads((refdata.REF_DIR / "margins_random.json").read_text())
DRAWS = {d["seed"]: d for d in REF["draws"]}
# nnet's BFGS (reltol 1e-14, restarted until the log-likelihood settles) leaves the
# coefficients ~1e-8 from the optimum; its Hessian is exact at its stopping point
ATOL = {"estimate": 1e-7, "std_error": 5e-8, "lower": 2e-7, "upper": 2e-7}
# z = estimate / se is as far off as the estimate relative to the standard error, and so p
ATOL.update(z=1e-5, pvalue=2e-6)


def test_the_draws_vary():
    specs = [compare.draws.draw(seed)[1] for seed in DRAWS]
    assert {s["K"] for s in specs} == {3, 4, 5}
    assert {s["f2_kind"] for s in specs} == {"text", "categorical", "ordered"}
    assert any(s["f2_unused"] for s in specs)
    assert {True, False} <= {s["weighted"] for s in specs}
    assert len({s["formula"] for s in specs}) >= 8


@pytest.mark.slow
@pytest.mark.parametrize("seed", sorted(DRAWS))
def test_margins_agree_with_emmeans(seed):
    ref = DRAWS[seed]
    res, spec, _ = compare.fit(seed, ref)
    assert res.llf == pytest.approx(ref["loglik"], abs=1e-9)
    found = compare.queries(res, spec, ref)
    assert set(found) == {k for k in ref if k in compare.QUERIES}
    for name, (m, var, bonferroni) in found.items():
        merged = compare.matched(m, ref[name], var, bonferroni)
        for column in compare.compared(bonferroni):
            mine = merged[column].to_numpy(np.float64)
            theirs = merged[f"{column}_r"].astype(np.float64).to_numpy()
            np.testing.assert_allclose(
                mine, theirs, rtol=0, atol=ATOL[column], err_msg=f"{name} {column}"
            )
