"""A Firth fit whose scoring converges slowly (data completely separated along four columns)
goes on while its penalised log-likelihood still rises as the adjusted score predicts.

Before, its gains per iteration (each about 0.85 of the last) fell below the allowance for
the penalised value's rounding (4.7e-11, an upper bound: reordering the rows moves the value
by about 1e-12) while still rising steadily; two such iterations were taken for a stall,
and the fit reported converged 1.9e-10 below the maximum, a coefficient of 44.54 2.1e-4
from it (a Newton step on the penalised log-likelihood there is 2.5e-4 long). Scoring then
stopped where its gains reached rounding, 4.1e-5 from it; a Newton step on the adjusted
score ends the fit.
References: tests/reference/make_firth_slow_ascent.R -> firth_slow_ascent.json (brglm2 run
for 1000 iterations; its coefficients agree to 2e-8 with a Newton iteration on the
penalised log-likelihood differentiated by complex steps).
"""

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _firth, _linalg
from mnlogit.model import MNLogit

REF = Path(__file__).parent / "reference"
FORMULA = "y ~ x0 + x1 + x2 + x3"


@pytest.fixture(scope="module")
def separated():
    return pd.read_csv(REF / "firth_slow_ascent.csv")


@pytest.fixture(scope="module")
def brglm2():
    return json.loads((REF / "firth_slow_ascent.json").read_text())


@pytest.fixture(scope="module")
def fit(separated):
    return mnlogit.fit(FORMULA, separated, ref="a", method="firth", max_iter=1000)


def _reference_B(brglm2, fit):
    ref = pd.DataFrame(brglm2["coef_matrix"], index=brglm2["rownames"])
    ref.columns = brglm2["colnames"]
    return ref.T.rename(index={"(Intercept)": "Intercept"}).loc[
        fit.params.index, fit.params.columns
    ]


def test_the_fit_reaches_the_penalised_maximum(fit, brglm2, separated):
    assert fit.converged
    B_ref = _reference_B(brglm2, fit)
    # the penalised value at the reference maximum, computed as the fit computes its own
    data = MNLogit.from_formula(FORMULA, separated, ref="a")._data
    evaluate = data.evaluator(threads=1)
    at_fit, _ = _firth._penalised(evaluate(fit.params.to_numpy(), 2))
    assert at_fit == pytest.approx(fit.penalized_llf, abs=1e-12)  # the same quantity
    at_ref, _ = _firth._penalised(evaluate(B_ref.to_numpy(), 2))
    # rounding of the value is about 1e-12; before, the fit stopped 1.9e-10 short
    assert fit.penalized_llf >= at_ref - 2e-11
    # the maximum is flat along the separation (the penalised Hessian's least eigenvalue is
    # 0.0014), where scoring's gains reach rounding 4.1e-5 short of it (before that, 2.1e-4);
    # a Newton step on the adjusted score takes it the rest of the way: 2.2e-8 from brglm2's,
    # whose own agree with a complex-step Newton iteration to 2e-8
    np.testing.assert_allclose(fit.params, B_ref, rtol=0, atol=1e-7)


def test_the_adjusted_score_is_zero_where_the_fit_stops(fit, separated):
    """The full convergence test's scaled adjusted score U*' I^-1 U* (tol^2 times the
    penalised deviance): 1.1e-12 where scoring stopped, 6e-21 after the Newton step."""
    data = MNLogit.from_formula(FORMULA, separated, ref="a")._data
    B = fit.params.to_numpy()
    s = data.evaluator(threads=1)(B, 2)
    V = np.linalg.inv(s.info)
    U = _linalg.flat(s.score + _firth.score_adjustment(data, B, V))
    assert U @ V @ U < 1e-20 * (-2.0 * fit.penalized_llf + 0.1)
