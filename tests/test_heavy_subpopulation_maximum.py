"""A fit gone on with after the exact check found no separation converged with its last
Newton step, 5e-6 design standard errors long, not taken: the convergence test had passed
just (scaled gradient 2.4e-8, its test 3.8e-8) and the step was above what is taken with the
information at hand. The step is now taken, with the information computed again where it
lands. Reference: tests/reference/make_heavy_subpopulation.R (plain Newton in R)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from refdata import REF_DIR, expected

import mnlogit


def test_a_heavy_subpopulation_gone_on_with_reaches_the_maximum():
    # stratum B's rows weigh a million times the others'; in the subpopulation x1 > 0 the
    # steps stop shrinking, the exact check finds no separation and the fit goes on: it
    # stopped with x1's slope for c at -43.536817761, 3.9e-5 (5e-6 standard errors) from
    # -43.536856611, the log-likelihood 6e-8 low
    ref = expected("heavy_subpopulation")
    d = pd.read_csv(REF_DIR / "heavy_stratum_11.csv")
    design = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        res = mnlogit.fit("y ~ x1 + x2", d, ref="a", design=design, subpop="x1 > 0")
    assert res.converged and res.separation is None
    B = np.array(ref["coefficients"])
    np.testing.assert_allclose(res.params.to_numpy(), B, rtol=1e-10, atol=0)
    assert np.abs(res.params.to_numpy() - B).max() / res.bse.to_numpy().min() < 1e-9
    assert res.llf == pytest.approx(ref["loglik"], rel=1e-15)
