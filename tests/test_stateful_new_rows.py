"""Stateful transforms read new rows with the state learned from the fitted rows: any rows of
the fitted data, in any order, alone or together, with the factors as text or as Categoricals
in another order, predict their fitted values (a transform that learned from the rows
predicted, as center() or poly() of newdata would, gives other values at once)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import mnlogit

WOMENLF = pd.read_csv(Path(__file__).parent / "reference" / "womenlf.csv")
FORMULAS = [
    "partic ~ center(hincome) * children + region",
    "partic ~ standardize(hincome) + C(region, levels=['Quebec', 'BC', 'Ontario', "
    "'Prairie', 'Atlantic'])",
    "partic ~ poly(hincome, 3) * children",
    "partic ~ poly(hincome, 2, raw=True) + C(children, Sum)",
    "partic ~ bs(hincome, df=5) + region",
    "partic ~ cr(hincome, df=4, constraints='center') + children",
    "partic ~ np.log(hincome) + scale(np.log(hincome) ** 2) + children",
]


@pytest.fixture(scope="module", params=FORMULAS)
def fit(request):
    return mnlogit.fit(request.param, WOMENLF)


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=st.lists(st.integers(0, len(WOMENLF) - 1), min_size=1, max_size=6))
def test_any_fitted_rows_predict_their_fitted_values(fit, rows):
    fitted = fit.predict()
    new = WOMENLF.iloc[rows]
    expected = fitted.loc[new.index].to_numpy()
    # probabilities of 1e-2 to 1: the same design columns from the same state, to rounding
    np.testing.assert_allclose(fit.predict(new).to_numpy(), expected, rtol=0, atol=1e-13)
    alone = np.vstack([fit.predict(new.iloc[[i]]).to_numpy() for i in range(len(new))])
    np.testing.assert_allclose(alone, expected, rtol=0, atol=1e-13)
    shuffled = new.astype({"region": "category", "children": "category"})
    shuffled["region"] = shuffled["region"].cat.set_categories(
        ["Quebec", "Prairie", "Ontario", "BC", "Atlantic", "Yukon"]
    )
    np.testing.assert_allclose(fit.predict(shuffled).to_numpy(), expected, rtol=0, atol=1e-13)
    links = fit.predict(new, kind="link").to_numpy()
    np.testing.assert_allclose(
        links, fit.predict(kind="link").loc[new.index].to_numpy(), rtol=0, atol=1e-11
    )
