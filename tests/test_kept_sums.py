"""The sums a model keeps from its first pass, and the sample of rows that stands in for X'WX
on a wide design: same estimates, same rank decisions, same warnings as the exact X'WX."""

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit import _fisher, _memory, _sums
from mnlogit._linalg import NEAR_COLLINEAR, column_residuals
from mnlogit.exceptions import RankError


def _wide(n=12_000, p=80, K=4, seed=5):
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.standard_normal((n, p - 1))])
    B = rng.standard_normal((p, K - 1)) / np.sqrt(p)
    eta = np.column_stack([X @ B, np.zeros(n)])
    y = np.argmax(eta + rng.gumbel(size=eta.shape), axis=1)
    cols = ["Intercept", *(f"x{j}" for j in range(1, p))]
    return pd.Series(np.array(list("abcdefgh"))[y]), pd.DataFrame(X, columns=cols)


def test_a_wide_design_keeps_a_sample_and_exact_totals():
    y, X = _wide()
    data = mnlogit.MNLogit(y, X)._data
    assert data.cached("gram") is None  # never the n p^2 / 2 product
    share = data.cached("sample_share")
    assert 0 < share <= _sums.SAMPLE_MAX_SHARE
    w = np.ones(data.n_rows)
    G, XWY = _fisher.gram(data.X, w, y=data.y, levels=data.q + 1)
    np.testing.assert_allclose(data.cached("sum_squares"), np.diag(G), rtol=1e-12)
    np.testing.assert_allclose(data.cached("by_outcome"), XWY, rtol=1e-12, atol=1e-9)
    np.testing.assert_array_equal(data.cached("extent"), np.abs(data.X).max(axis=0))
    # the sample's X'WX, scaled up, is the whole's to within its sampling error
    Gs = data.cached("gram_sample")
    d = np.sqrt(np.diag(G))
    assert np.abs((Gs - G) / np.outer(d, d)).max() < 0.2
    # asking for the exact X'WX computes it once
    np.testing.assert_allclose(data.gram()[0], G, rtol=1e-12, atol=1e-9)


def test_wide_fits_equal_fits_on_the_exact_gram(monkeypatch):
    y, X = _wide()
    with monkeypatch.context() as m:  # every design counted narrow: the exact X'WX
        m.setattr(_sums, "SAMPLE_MIN_COLUMNS", 10**9)
        exact = mnlogit.MNLogit(y, X).fit()
        assert exact._data.cached("gram") is not None
        exact_params, exact_bse = exact.params, exact.bse
    sampled = mnlogit.MNLogit(y, X).fit()
    assert sampled._data.cached("gram") is None
    np.testing.assert_allclose(sampled.params, exact_params, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(sampled.bse, exact_bse, rtol=1e-7)
    assert sampled.llf == pytest.approx(exact.llf, rel=1e-13)


def _outcome(fn):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            fn()
        except RankError as err:
            return "error", str(err), [str(c.message) for c in caught]
    return "ok", "", [str(c.message) for c in caught]


@pytest.mark.slow
@pytest.mark.parametrize("case", ["duplicate", "sum", "near", "rare", "zero"])
def test_rank_decisions_and_warnings_are_those_of_the_exact_gram(case, monkeypatch):
    """Aliased columns, nearly collinear ones, and a rare dummy the sample never sees (the
    sample alone is then singular and the exact X'WX decides)."""
    y, X = _wide(n=8_000, p=70)
    X = X.copy()
    if case == "duplicate":
        X["x69"] = X["x3"]
    elif case == "sum":
        X["x69"] = X["x3"] + 2 * X["x7"]
    elif case == "near":
        X["x69"] = X["x3"] + 1e-6 * np.random.default_rng(1).standard_normal(len(X))  # a warning
    elif case == "rare":
        X["x69"] = 0.0
        X.loc[[1, 2, 3], "x69"] = 1.0  # rows the stride of the sample steps over
    else:
        X["x69"] = 0.0
    sampled = _outcome(lambda: mnlogit.MNLogit(y, X))
    monkeypatch.setattr(_sums, "SAMPLE_MIN_COLUMNS", 10**9)
    exact = _outcome(lambda: mnlogit.MNLogit(y, X))
    assert sampled == exact
    assert sampled[0] == ("ok" if case in ("near", "rare") else "error")
    assert any("x69" in message for message in sampled[2]) == (case == "near")


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(30, 200),
    p=st.integers(2, 8),
    stride=st.integers(2, 5),
    alias=st.sampled_from([None, 1e-9, 1e-6, 1e-3]),
    seed=st.integers(0, 2**32 - 1),
)
def test_sample_bounds_never_exceed_the_exact_residuals(n, p, stride, alias, seed):
    """The bounds from a sample of rows are at most the exact relative residuals, and are
    given only when they clear NEAR_COLLINEAR: a column the exact check would flag (aliased
    or nearly so) is never passed on a sample's word."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p)) * rng.choice([1e-3, 1.0, 1e3], size=p)
    if alias is not None and p > 2:
        X[:, -1] = X[:, 0] - X[:, 1] + alias * rng.standard_normal(n)
    w = rng.uniform(0.5, 2.0, n)
    G = X.T @ (X * w[:, None])
    Xs, ws = X[::stride], w[::stride]
    share = ws.sum() / w.sum()
    sums = {
        "gram_sample": Xs.T @ (Xs * ws[:, None]) / share,
        "sample_share": share,
        "sum_squares": np.diag(G),
    }
    bounds = _sums.residuals(sums)
    exact = column_residuals(G)
    if bounds is not None:
        assert bounds.min() > NEAR_COLLINEAR
        assert np.all(bounds <= exact * (1 + 1e-9))


@pytest.mark.parametrize("case", ["weights with zeros", "extreme units", "no intercept"])
def test_wide_designs_of_every_kind_fit_as_on_the_exact_gram(case, monkeypatch):
    y, X = _wide(n=9_000, p=72)
    X = X.copy()
    kwargs = {}
    if case == "weights with zeros":
        w = np.random.default_rng(2).integers(1, 4, len(X)).astype(float)
        w[::7] = 0.0  # whole rows of the sample's stride among them
        kwargs["weights"] = w
    elif case == "extreme units":
        X["x5"] *= 1e200  # its squares overflow: the sums are made again once it is scaled
        X["x6"] *= 1e-200
    else:
        X = X.drop(columns="Intercept")

    def fit():
        res = mnlogit.MNLogit(y, X, **kwargs).fit()
        return res, res.params.to_numpy(), res.bse.to_numpy()

    sampled, params, bse = fit()
    assert sampled._data.cached("gram") is None or case == "no intercept"
    with monkeypatch.context() as m:
        m.setattr(_sums, "SAMPLE_MIN_COLUMNS", 10**9)
        exact, exact_params, exact_bse = fit()
    assert np.all(np.isfinite(params)) and np.all(np.isfinite(bse))
    np.testing.assert_allclose(params, exact_params, rtol=1e-7, atol=1e-300)
    np.testing.assert_allclose(bse, exact_bse, rtol=1e-7)
    assert sampled.llf == pytest.approx(exact.llf, rel=1e-13)


def _residual_on_sampled_rows(X, sampled, source, ratio, rng):
    """X with its last column replaced by column ``source`` plus a residual of ``ratio`` of its
    length that lies on the ``sampled`` rows alone, orthogonal there to the other columns: the
    sample's residual is then the exact one, and only rounding tells them apart."""
    X = X.copy()
    v = rng.standard_normal(int(sampled.sum()))
    Xs = X[sampled, :-1]
    e = np.zeros(len(X))
    e[sampled] = v - Xs @ np.linalg.lstsq(Xs, v, rcond=None)[0]
    a = X[:, source]
    X[:, -1] = a + ratio * np.linalg.norm(a) / np.sqrt(1 - ratio**2) * e / np.linalg.norm(e)
    return X


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(120, 400),
    p=st.integers(3, 12),
    stride=st.integers(2, 5),
    log_ratio=st.one_of(st.floats(-4e-6, 4e-6), st.floats(-0.7, 1.5)),
    seed=st.integers(0, 2**32 - 1),
)
def test_sample_bounds_near_the_threshold_leave_the_decision_to_the_exact_gram(
    n, p, stride, log_ratio, seed
):
    """A column whose residual lies on the sampled rows alone has a bound equal to its exact
    residual up to rounding; at the warning threshold the two roundings can fall on either
    side of it, so bounds that close to it settle nothing."""
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.standard_normal((n, p - 1))])
    sampled = np.arange(n) % stride == 0
    X = _residual_on_sampled_rows(X, sampled, 1, NEAR_COLLINEAR * np.exp(log_ratio), rng)
    G, Gs = X.T @ X, X[sampled].T @ X[sampled]
    share = sampled.sum() / n
    sums = {"gram_sample": Gs / share, "sample_share": share, "sum_squares": np.diag(G)}
    if _sums.residuals(sums) is not None:
        assert column_residuals(G).min() > NEAR_COLLINEAR


def test_a_wide_design_warns_at_the_threshold_as_the_exact_gram_does(monkeypatch):
    """Residual 1.0000018e-5 of its length, all on rows of the sample: the sample's bound was
    1.000003e-5 (no warning) where the exact X'WX gives 9.99999e-6 (a warning)."""
    y, X = _wide(n=8_000, p=70)
    rows = np.arange(len(X))
    sampled = rows % _sums.sample_stride(*X.shape) == 0
    values = X.to_numpy(copy=True)
    values[:, -1] = 0.0
    values = _residual_on_sampled_rows(
        values, sampled, 3, NEAR_COLLINEAR * (1 + 1.8e-6), np.random.default_rng(9)
    )
    X = pd.DataFrame(values, columns=X.columns)
    sampled_outcome = _outcome(lambda: mnlogit.MNLogit(y, X))
    monkeypatch.setattr(_sums, "SAMPLE_MIN_COLUMNS", 10**9)
    assert sampled_outcome == _outcome(lambda: mnlogit.MNLogit(y, X))


def test_the_exact_gram_of_equilibrated_columns_is_computed_once_and_serves_the_fit(
    monkeypatch,
):
    """A dummy the sample misses beside a column in large units: the rank check computes
    the exact X'WX of the equilibrated columns, and the fit and the covariance blocks solved
    without the information matrix use it. It was kept only in a copy: the fit took the
    sample's singular X'WX as its metric and fell back on information passes (on a machine
    where the information matrix does not fit, a MemoryLimitError from fit()), and
    cov_params(terms=...) was refused ("the information's preconditioner is singular")."""
    y, X = _wide(n=8_000, p=70)
    X = X.copy()
    rows = np.arange(len(X))
    X["x69"] = (rows % _sums.sample_stride(*X.shape) == 1).astype(float)  # never sampled
    X["x68"] *= 1e6  # equilibrated: the fit runs on a copy of the columns
    monkeypatch.setattr(_memory, "ALWAYS_FITS_BYTES", 0)
    monkeypatch.setattr(_memory, "available_memory", lambda: 10_000)
    full_rows = []
    gram = _fisher.gram
    monkeypatch.setattr(
        _fisher, "gram", lambda Z, *a, **k: full_rows.append(len(Z) == len(X)) or gram(Z, *a, **k)
    )
    res = mnlogit.MNLogit(y, X).fit()
    block = res.cov_params(terms=["x68", "x69"]).to_numpy()
    assert sum(full_rows) == 1
    monkeypatch.setattr(_sums, "SAMPLE_MIN_COLUMNS", 10**9)
    exact = mnlogit.MNLogit(y, X).fit()
    np.testing.assert_allclose(res.params, exact.params, rtol=1e-7, atol=1e-12)
    want = exact.cov_params(terms=["x68", "x69"]).to_numpy()
    np.testing.assert_allclose(block, want, rtol=1e-7)


@settings(max_examples=60, deadline=None)
@given(
    rows=st.integers(0, 700),
    cols=st.integers(1, 40),
    seed=st.integers(0, 2**32 - 1),
    nan=st.booleans(),
)
def test_column_extent_is_each_columns_largest_magnitude(rows, cols, seed, nan):
    """The extent (which columns are divided before the fit) is read from the rows folded
    side by side; it is the same largest |value| as a plain reduction, NaN included."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((rows, cols)) * 10.0 ** rng.integers(-300, 300, cols)
    if nan and rows:
        X[rng.integers(rows), rng.integers(cols)] = np.nan
    want = np.maximum(X.max(axis=0, initial=0.0), -X.min(axis=0, initial=0.0))
    np.testing.assert_array_equal(_fisher.column_extent(X, None), want)
