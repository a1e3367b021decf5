"""A wide fit (84 parameters, so L-BFGS runs first and the standard errors are computed when
first read) with one row far out along a column (x of 1e12 beside values near 1): that row
is fitted first, by L-BFGS steps whose curvature swamps the other rows' along the same
coefficients, and the fit ended there as converged, 41 log-likelihood units below the
maximum that Fisher scoring (and a dask fit) reach. Beside weights of 1e14 on one outcome, a
narrow fit whose maximum the exact check had found finite stopped short of it too."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _solvers
from mnlogit._deferred_information import few_rows_carry

P, K = 20, 5
FORMULA = "y ~ " + " + ".join(f"x{j}" for j in range(P))


def _one_row_far_out(n: int, seed: int, at: int) -> pd.DataFrame:
    """n rows of P normal columns and K outcomes, PSUs and weights, x0 1e12 at row ``at``."""
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, P))
    eta = X @ rng.normal(scale=0.3, size=(P, K))
    probs = np.exp(eta) / np.exp(eta).sum(1, keepdims=True)
    y = (rng.random(n)[:, None] > probs.cumsum(1)).sum(1)
    d = pd.DataFrame(X, columns=[f"x{j}" for j in range(P)])
    d["y"] = np.array([f"k{k}" for k in range(K)])[y]
    d["psu"] = rng.integers(0, 30, n)
    d["pw"] = rng.uniform(0.5, 2, n)
    d.loc[at, "x0"] = 1e12
    return d


@pytest.fixture(scope="module")
def data() -> pd.DataFrame:
    return _one_row_far_out(2000, 5, 0)


def _fit(d, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.exceptions.InferenceWarning)  # x0's PSU
        warnings.simplefilter("error", mnlogit.exceptions.ConvergenceWarning)
        res = mnlogit.fit(FORMULA, d, **options)
        bse = res.bse.to_numpy()  # (the deferred information's Newton check)
    return res, bse


@pytest.mark.parametrize("survey", [False, True])
def test_the_lbfgs_route_reaches_the_scoring_maximum(data, survey, monkeypatch):
    options = {"design": mnlogit.SurveyDesign(weights="pw", psu="psu")} if survey else {}
    got, _ = _fit(data, **options)
    monkeypatch.setattr(_solvers, "QUASI_NEWTON_MIN_WORK", np.inf)  # Fisher scoring only
    want, scale = _fit(data, **options)
    assert got.converged and want.converged
    # was -2303.81 (-2895.45 with the design) where the maximum is -2262.88 (-2842.43)
    assert got.llf == pytest.approx(want.llf, rel=1e-12)
    gap = np.abs(got.params.to_numpy() - want.params.to_numpy())
    assert np.nanmax(gap / np.where(np.isfinite(scale), scale, 1.0)) < 1e-6


dd = pytest.importorskip("dask.dataframe")


@pytest.mark.slow
def test_an_outlying_row_beside_heavy_weights_is_fitted_to_the_maximum():
    # Weights of 1e14 on one outcome's rows beside a row at x0 = 1e12: once the exact check
    # found no separation, a long Newton step left no longer kept the fit from converging,
    # and it stopped at -55927.90 with the slope of x0 in k2 at -6e-12 (-8e-14 at tol=1e-14)
    # where the maximum, which the dask fit reaches, is -55927.59 with -0.028
    rng = np.random.default_rng(5)
    n = 2000
    X = rng.normal(size=(n, 2))
    eta = X @ rng.normal(scale=0.3, size=(2, 3))
    probs = np.exp(eta) / np.exp(eta).sum(1, keepdims=True)
    y = (rng.random(n)[:, None] > probs.cumsum(1)).sum(1)
    d = pd.DataFrame(X, columns=["x0", "x1"]).assign(y=y, psu=rng.integers(0, 30, n))
    d["pw"] = rng.uniform(0.5, 2, n) * np.where(y == 1, 1e14, 1.0)
    d.loc[0, "x0"] = 1e12
    design = mnlogit.SurveyDesign(weights="pw", psu="psu")
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.exceptions.ConvergenceWarning)
        got = mnlogit.fit("y ~ x0 + x1", d, design=design)
        want = mnlogit.fit("y ~ x0 + x1", dd.from_pandas(d, npartitions=2), design=design)
    assert got.converged and want.converged
    assert got.llf == pytest.approx(want.llf, rel=1e-12)
    np.testing.assert_allclose(got.params, want.params, rtol=1e-8, atol=1e-12)


@pytest.mark.parametrize(
    ("n", "seed", "at", "was"),
    [(3000, 5, 1, 24.8), (3000, 6, 3, 58.3), (4000, 5, 0, 38.3), (8000, 5, 0, 55.1)],
)
def test_a_lazily_finished_fit_reaches_the_maximum_beside_a_row_far_out(
    n, seed, at, was, monkeypatch
):
    # These fits stopped in the L-BFGS phase, converged, ``was`` log-likelihood units below
    # the maximum that scoring steps reach, and the Newton check of their standard errors
    # passed: a few rows carrying a column now send a fit to the scoring steps
    d = _one_row_far_out(n, seed, at)
    got, _ = _fit(d)
    monkeypatch.setattr(_solvers, "QUASI_NEWTON_MIN_WORK", np.inf)  # Fisher scoring only
    want, scale = _fit(d)
    assert got.converged and want.converged
    assert got.llf == pytest.approx(want.llf, rel=1e-12)
    gap = np.abs(got.params.to_numpy() - want.params.to_numpy())
    assert np.nanmax(gap / np.where(np.isfinite(scale), scale, 1.0)) < 1e-6


def test_only_a_column_that_a_few_rows_carry_makes_the_fit_compute_its_information():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(3000, P))
    y = rng.integers(0, K, 3000)
    assert not few_rows_carry(mnlogit.MNLogit(y, X)._data)
    rare = X.copy()
    rare[:, 1] = 0.0
    rare[:10, 1] = 1.0  # a dummy of ten rows
    assert few_rows_carry(mnlogit.MNLogit(y, rare)._data)
    rare[:11, 1] = 1.0
    assert not few_rows_carry(mnlogit.MNLogit(y, rare)._data)
    far = X.copy()
    far[7, 0] = 1e12
    assert few_rows_carry(mnlogit.MNLogit(y, far)._data)
    assert mnlogit.MNLogit(y, X).fit()._core.pending  # the usual route: no information yet
    assert not mnlogit.MNLogit(y, far).fit()._core.pending  # computed by the scoring steps


def test_rows_of_weight_zero_do_not_hide_a_row_far_out(monkeypatch):
    # 37,000 rows of weight 0 beside 3,000 made the row far out look like twenty rows' worth
    # of its column: the fit stopped in the L-BFGS phase, converged, 53.9 units below the
    # maximum
    d = _one_row_far_out(40_000, 10, 0)
    d["w"] = (np.arange(len(d)) < 3000).astype(int)
    got, _ = _fit(d, weights="w")
    assert few_rows_carry(got._data)
    monkeypatch.setattr(_solvers, "QUASI_NEWTON_MIN_WORK", np.inf)  # Fisher scoring only
    want, _ = _fit(d, weights="w")
    assert got.converged and want.converged
    assert got.llf == pytest.approx(want.llf, rel=1e-12)
