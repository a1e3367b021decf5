"""New data for a column fitted as periods (``period[M]``) given as text, as Period objects
or as numbers: a transform of it (``I(p.dt.month)``) failed inside formulaic with pandas'
"Can only use .dt accessor with datetimelike values", naming neither the column nor what to
convert. It is refused with the conversion to make, and the conversion made predicts what the
fitted dtype predicts (checked against numpy's softmax of the fitted coefficients)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(8)
    n = 240
    p = pd.Series(pd.period_range("2000-01", periods=n, freq="M"))
    years = (p.dt.year - 2000).to_numpy(float)
    eta = np.c_[np.zeros(n), 0.1 * years - 0.5, 0.05 * p.dt.month.to_numpy(float) - 0.3]
    prob = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in prob]]
    data = pd.DataFrame({"p": p, "y": y})
    return mnlogit.fit("y ~ I(p.dt.year - 2000) + I(p.dt.month)", data), data.iloc[[0, 50, 199]]


def _by_hand(res, periods: pd.Series) -> np.ndarray:
    X = np.c_[np.ones(len(periods)), periods.dt.year - 2000, periods.dt.month].astype(float)
    eta = np.c_[np.zeros(len(periods)), X @ res.params.to_numpy()]
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


OTHERWISE = {
    "text": lambda p: p.astype(str),
    "Period objects": lambda p: p.astype(object),
}


@pytest.mark.parametrize("given", OTHERWISE.values(), ids=OTHERWISE)
def test_periods_given_otherwise_are_refused_with_the_conversion_that_predicts(fitted, given):
    res, new = fitted
    other = new.assign(p=given(new["p"]))
    with pytest.raises(InputTypeError) as err:
        res.predict(other)
    message = str(err.value)
    assert "column 'p' was periods in fitting" in message
    assert message.endswith("newdata['p'] = newdata['p'].astype('period[M]')")
    converted = other.assign(p=other["p"].astype("period[M]"))
    order = [res.ref, *res.params.columns]
    np.testing.assert_allclose(
        res.predict(converted)[order].to_numpy(), _by_hand(res, new["p"]), rtol=1e-12
    )


def test_numbers_for_periods_are_refused_asking_for_the_periods(fitted):
    res, new = fitted
    with pytest.raises(InputTypeError, match="give the periods themselves"):
        res.predict(new.assign(p=[1, 2, 3]))
