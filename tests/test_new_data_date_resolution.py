"""New dates and time spans held at another resolution than the fitted ones (seconds or
nanoseconds where the fit had microseconds, an Arrow timestamp for a numpy one). A formula
that reads their counts, ``I(d.astype('int64') / 86400e6)`` (days since 1970 of dates in
microseconds), read a count of seconds as one of microseconds: the new rows were put a
million-fold nearer 1970 and predicted probabilities up to 0.8 away from the same dates at
the fitted resolution, with nothing said. New data are read at the fitted resolution; the
probabilities are checked against numpy's softmax of the fitted coefficients."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import mnlogit
from mnlogit.exceptions import InputTypeError

FORMULA = "y ~ I(d.astype('int64') / 86400e6) + I(dur.astype('int64') / 3600e6)"


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(11)
    n = 300
    days = rng.integers(0, 3000, n)
    hours = rng.integers(1, 100, n)
    d = (pd.Timestamp("2015-01-01") + pd.to_timedelta(days, "D")).astype("datetime64[us]")
    dur = pd.to_timedelta(hours, "h").astype("timedelta64[us]")
    eta = np.c_[np.zeros(n), 0.0006 * days - 0.9, -0.02 * hours + 1.0]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    data = pd.DataFrame({"d": d, "dur": dur, "y": y})
    return mnlogit.fit(FORMULA, data), data.iloc[[0, 7, 19, 42]].reset_index(drop=True), data


def _by_hand(res, new):
    """Softmax of the fitted coefficients at the new rows' days since 1970 and hours."""
    days = (new["d"] - pd.Timestamp("1970-01-01")) / pd.Timedelta("1D")
    hours = new["dur"] / pd.Timedelta("1h")
    X = np.c_[np.ones(len(new)), days.to_numpy(float), hours.to_numpy(float)]
    eta = np.c_[np.zeros(len(new)), X @ res.params.to_numpy()]
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    return p / p.sum(axis=1, keepdims=True)


AT_OTHER_RESOLUTIONS = {
    "dates in seconds": lambda n: n.assign(d=n["d"].astype("datetime64[s]")),
    "dates in nanoseconds": lambda n: n.assign(d=n["d"].astype("datetime64[ns]")),
    "spans in seconds": lambda n: n.assign(dur=n["dur"].astype("timedelta64[s]")),
    "Arrow dates in seconds": lambda n: n.assign(d=n["d"].astype(pd.ArrowDtype(pa.timestamp("s")))),
    "Arrow spans in ms": lambda n: n.assign(dur=n["dur"].astype(pd.ArrowDtype(pa.duration("ms")))),
}


@pytest.mark.parametrize("given", AT_OTHER_RESOLUTIONS.values(), ids=AT_OTHER_RESOLUTIONS)
def test_dates_at_another_resolution_predict_as_at_the_fitted_one(fitted, given):
    res, new, _ = fitted
    order = [res.ref, *res.params.columns]
    expected = _by_hand(res, new)
    other = given(new)
    before = other.copy()
    got = res.predict(other)[order].to_numpy()
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14)
    pd.testing.assert_frame_equal(other, before)  # nothing the user passed is modified
    intervals = res.prediction_intervals(other)["prob"].unstack()[order].to_numpy()
    np.testing.assert_allclose(intervals, expected, rtol=1e-12, atol=1e-14)


def test_dates_the_fitted_resolution_cannot_hold_are_refused_quoting_them():
    rng = np.random.default_rng(3)
    n = 120
    d = pd.Series(pd.Timestamp("2000-01-01") + pd.to_timedelta(rng.integers(0, 3650, n), "D"))
    data = pd.DataFrame({"d": d.astype("datetime64[ns]"), "y": rng.choice(list("abc"), n)})
    res = mnlogit.fit("y ~ I(d.astype('int64') / 86400e9)", data)
    far = pd.DataFrame({"d": np.array(["3000-01-01", "2001-01-01"], dtype="datetime64[s]")})
    with pytest.raises(InputTypeError, match=r"column 'd' holds dates \('3000-01-01"):
        res.predict(far)


def test_the_classifier_reads_new_dates_at_the_fitted_resolution(fitted):
    from mnlogit.sklearn import MNLogitClassifier

    res, new, data = fitted
    clf = MNLogitClassifier(formula=FORMULA.split("~", 1)[1]).fit(data[["d", "dur"]], data["y"])
    expected = _by_hand(clf.results_, new)
    order = [list(clf.classes_).index(c) for c in [res.ref, *res.params.columns]]
    for given in AT_OTHER_RESOLUTIONS.values():
        got = clf.predict_proba(given(new)[["d", "dur"]])[:, order]
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14)


def test_polars_dates_in_milliseconds_or_days_predict_as_the_fitted_ones(fitted):
    import polars as pl

    res, new, _ = fitted
    expected = _by_hand(res, new)
    order = [res.ref, *res.params.columns]
    frame = pl.from_pandas(new[["d", "dur"]])
    for other in (
        frame.with_columns(pl.col("d").dt.cast_time_unit("ms")),
        frame.with_columns(pl.col("d").cast(pl.Date)),  # the fitted dates are at midnight
    ):
        got = res.predict(other)[order].to_numpy()
        np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-14)
