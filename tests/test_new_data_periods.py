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


# New data of another kind than the fitted periods reached the formula's code, which reads
# dates and periods of another frequency with the same ``.dt`` words: the day of a month is
# its last day, of a date its own; the month of a quarter is its last month. Predictions came
# from those other numbers, with nothing said. A date that starts a fitted period (what
# ``p.dt.to_timestamp()`` gives) is that period; anything else is refused, quoted.


@pytest.fixture(scope="module")
def by_day():
    rng = np.random.default_rng(31)
    n = 240
    p = pd.Series(pd.period_range("2000-01", periods=n, freq="M"))
    eta = np.c_[np.zeros(n), 0.3 * (p.dt.day.to_numpy(float) - 30), 0.1 * (p.dt.year - 2010)]
    prob = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in prob]]
    data = pd.DataFrame({"p": p, "y": y})
    return mnlogit.fit("y ~ I(p.dt.day) + I(p.dt.year - 2000)", data), data.iloc[[1, 50, 199]]


def test_dates_starting_the_fitted_periods_predict_as_the_periods(by_day):
    res, new = by_day
    starts = new.assign(p=new["p"].dt.to_timestamp())
    X = np.c_[np.ones(3), new["p"].dt.day, new["p"].dt.year - 2000].astype(float)
    eta = np.c_[np.zeros(3), X @ res.params.to_numpy()]
    expected = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    order = [res.ref, *res.params.columns]
    # on the dates themselves the days were 1, not 29, 28 and 31
    np.testing.assert_allclose(res.predict(starts)[order].to_numpy(), expected, rtol=1e-12)
    np.testing.assert_allclose(res.predict(new)[order].to_numpy(), expected, rtol=1e-12)


OTHER_KINDS = {
    "dates inside a month": (
        lambda p: p.dt.to_timestamp() + pd.Timedelta(days=14),
        "Timestamp('2000-02-15 00:00:00'), Timestamp('2004-03-15 00:00:00')",
        "newdata['p'] = newdata['p'].dt.to_period('M') for the period each date falls in",
    ),
    "dates with a time zone": (
        lambda p: p.dt.to_timestamp().dt.tz_localize("UTC"),
        "Timestamp('2000-02-01 00:00:00+0000', tz='UTC'), Timestamp('2004-03-01",
        ".dt.tz_localize(None).dt.to_period('M')",
    ),
    "quarters": (
        lambda p: p.dt.asfreq("Q"),
        "got periods of another frequency (dtype period[Q-DEC]: Period('2000Q1', 'Q-DEC')",
        "newdata['p'].dt.asfreq('M', how='start') (or how='end')",
    ),
    "days": (
        lambda p: p.dt.asfreq("D", how="start"),
        "got periods of another frequency (dtype period[D]: Period('2000-02-01', 'D')",
        "newdata['p'].dt.asfreq('M', how='start')",
    ),
    "time spans": (
        lambda p: pd.to_timedelta(p.dt.day, unit="D"),
        "got time spans (dtype timedelta64[us]: Timedelta('29 days 00:00:00')",
        "give the periods themselves",
    ),
}


@pytest.mark.parametrize("given, shown, advice", OTHER_KINDS.values(), ids=OTHER_KINDS)
@pytest.mark.parametrize("formula", ["y ~ I(p.dt.day) + I(p.dt.year - 2000)", "y ~ C(p)"])
def test_other_kinds_for_periods_are_refused_quoting_them(by_day, formula, given, shown, advice):
    res, new = by_day
    if formula != res.formula:
        res = mnlogit.fit(formula, pd.concat([new] * 3).assign(y=list("aaabbbccc")))
    other = new.assign(p=given(new["p"]))
    with pytest.raises(InputTypeError) as err:
        res.predict(other)
    message = str(err.value)
    assert message.startswith("newdata: column 'p' was periods in fitting (dtype period[M]);")
    assert shown in message
    assert advice in message
