"""The outcome read by a predictor is refused whatever reads it. formulaic's required
variables leave out the column of a stateful transform (``center(y)``, ``poly(y, 2)``,
``bs(y)``), so a numeric outcome was fitted as its own predictor: a separated fit with every
standard error NaN, where ``np.log(y)`` or ``y:x`` was refused as a formula mistake."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import FormulaError

rng = np.random.default_rng(3)
DATA = pd.DataFrame({"y": rng.integers(0, 3, 90), "x": rng.standard_normal(90)})
DATA["y.1"] = rng.standard_normal(90)  # R's and pandas' name of a second column y


@pytest.mark.parametrize(
    "rhs", ["x + center(y)", "poly(y, 2)", "x + scale(y)", "bs(y, df=3)", "x + np.log1p(y)"]
)
def test_the_outcome_inside_a_transform_is_refused(rhs):
    with pytest.raises(FormulaError, match="the outcome 'y' also appears among the predictors"):
        mnlogit.fit(f"y ~ {rhs}", DATA)


def test_a_column_named_like_the_outcome_with_a_dot_inside_a_transform_is_a_predictor():
    fitted = mnlogit.fit("y ~ center(`y.1`)", DATA)
    by_hand = mnlogit.fit("y ~ c1", DATA.assign(c1=DATA["y.1"] - DATA["y.1"].mean()))
    np.testing.assert_allclose(fitted.params.to_numpy(), by_hand.params.to_numpy(), rtol=1e-10)
