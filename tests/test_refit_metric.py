"""The refits of likelihood-ratio tests start from the full fit's coefficients with its
information (the columns dropped left out) as their L-BFGS metric: the same restricted
maxima, in fewer gradient passes, whatever the columns' units."""

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import mnlogit
from mnlogit import _refits


def _data(big: float, near: bool = False) -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n, p = 20_000, 10
    X = rng.standard_normal((n, p))
    g = rng.integers(0, 4, n)
    eta = X @ rng.standard_normal((p, 4)) * 0.05 + (g[:, None] == np.arange(4)) * 0.1
    y = np.argmax(eta + rng.gumbel(size=(n, 4)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)])
    df["x0"] *= big  # a column the fit equilibrates when big is far from 1
    if near:  # nearly x2 + x3 (residual about 3e-6): the fit runs on an orthogonal basis
        df["x9"] = df["x2"] + df["x3"] + 3e-6 * rng.standard_normal(n)
    df["g"] = np.array(list("abcd"))[g]
    df["y"] = np.array(["w", "x", "y", "z"])[y]
    return df


pytestmark = pytest.mark.filterwarnings("ignore::mnlogit.CollinearityWarning")

FORMULA = "y ~ " + " + ".join(f"x{j}" for j in range(10)) + " + g"


# a fit is immutable and the tests only read it (the monkeypatched metric is of the refits
# anova makes, not of the fit): one fit of 20,000 rows per design serves both tests
@pytest.fixture(
    scope="module",
    params=[(1.0, False), (1e9, False), (1.0, True)],
    ids=["unit", "large-units", "near-collinear"],
)
def res(request):
    fit = mnlogit.fit(FORMULA, _data(*request.param))
    fit.bse  # noqa: B018 (the information the refits use)
    return fit


def _without_metric(monkeypatch):
    monkeypatch.setattr(_refits, "_kept_curvature", lambda res, cols: None)


@pytest.mark.slow
def test_anova_is_the_same_with_the_full_fits_information_as_metric(res, monkeypatch):
    assert res._data.p * res._data.q >= 20  # the L-BFGS phase runs
    with_metric = res.anova()
    _without_metric(monkeypatch)
    without = res.anova()
    np.testing.assert_allclose(
        with_metric["chi2"].to_numpy(), without["chi2"].to_numpy(), rtol=1e-8, atol=1e-8
    )


def test_a_refit_with_the_metric_takes_fewer_steps_to_the_same_maximum(res):
    data = res._data
    keep = [c for c in range(data.p) if data.column_names[c] != "x1"]
    sub, _ = _refits.spanned(data, keep, False)
    curvature = _refits._kept_curvature(res, keep)
    assert curvature is not None
    start = res._core.B[keep]
    options = {"max_iter": _refits.REFIT_MAX_ITER, "tol": _refits.REFIT_TOL, "start": start}
    plain = res.solver.fit(sub, **options)
    near = res.solver.fit(sub, **options, curvature=curvature)
    assert plain.converged and near.converged
    assert near.n_iter <= plain.n_iter - 2, (near.n_iter, plain.n_iter)
    assert near.loglik == pytest.approx(plain.loglik, rel=1e-12)
    # relative to the refit's standard errors, both stop far below rounding of interest
    se = np.sqrt(np.diag(near.cov)).reshape(sub.q, sub.p).T
    assert np.abs((near.B - plain.B) / se).max() < 1e-6


def test_the_metric_of_a_lazy_fit_is_computed_and_none_for_penalised_fits():
    # computed when still pending: taken only when kept, anova's digits depended on whether
    # the standard errors had been read before (or in another thread meanwhile)
    df = _data(1.0)
    lazy = mnlogit.fit(FORMULA, df)
    assert lazy._core.pending
    assert _refits._kept_curvature(lazy, [0, 1, 2]) is not None
    assert not lazy._core.pending
    firth = mnlogit.fit("y ~ x0 + x1 + g", df.iloc[:400], method="firth")
    firth.bse  # noqa: B018
    assert _refits._kept_curvature(firth, [0, 1]) is None


def test_the_metric_moves_between_column_scales_as_the_coefficients_do():
    from mnlogit._methods import _rescaled_curvature

    rng = np.random.default_rng(3)
    p, q = 4, 3
    A = rng.standard_normal((p * q, p * q))
    info = A @ A.T  # the information of scale * B (each equation)
    scale, s = 2.0 ** rng.integers(-20, 20, p), 2.0 ** rng.integers(-20, 20, p)
    moved = _rescaled_curvature(info, scale, s)
    B = rng.standard_normal((p, q))
    new = (B * s[:, None]).T.ravel()
    old = (B * scale[:, None]).T.ravel()
    assert new @ moved @ new == pytest.approx(old @ info @ old, rel=1e-12)


@pytest.mark.slow
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 2**32 - 1),
    K=st.integers(4, 5),
    units=st.sampled_from([1.0, 1e-8, 1e8]),
    centre=st.sampled_from([0.0, 1e3]),
    weighted=st.booleans(),
    strength=st.sampled_from([0.05, 0.5, 2.0]),
)
# a warm start far off (b centred at 1e3, its term dropped): an information of subnormal
# entries whose damped factor gave a NaN direction, 40 halvings and numpy's warnings
@example(seed=242, K=4, units=1.0, centre=1e3, weighted=False, strength=0.5)
def test_anova_does_not_depend_on_the_refits_metric(seed, K, units, centre, weighted, strength):
    """Whatever the design (factors, an interaction, columns in large or small units or far
    from zero, frequency weights, weak or strong effects), the refits reach the maxima they
    reach without the full fit's information as metric."""
    rng = np.random.default_rng(seed)
    n = 4_000
    df = pd.DataFrame(rng.standard_normal((n, 4)), columns=["a", "b", "c", "d"])
    df["g"] = rng.choice(list("uvw"), n)
    eta = strength * (df[["a", "b", "c"]].to_numpy() @ rng.standard_normal((3, K)))
    eta += strength * (df["g"].to_numpy()[:, None] == "u") * rng.standard_normal(K)
    df["y"] = np.argmax(eta + rng.gumbel(size=(n, K)), axis=1)
    df["a"] = df["a"] * units
    df["b"] = df["b"] + centre
    weights = rng.integers(1, 4, n) if weighted else None
    res = mnlogit.fit("y ~ a + b * g + c + d", df, weights=weights)
    assert res._data.n_rows * (res._data.p * res._data.q) ** 2 >= 2e6  # the L-BFGS phase runs
    res.bse  # noqa: B018
    with_metric = res.anova()["chi2"].to_numpy()
    with pytest.MonkeyPatch.context() as m:
        m.setattr(_refits, "_kept_curvature", lambda res, cols: None)
        without = res.anova()["chi2"].to_numpy()
    np.testing.assert_allclose(with_metric, without, rtol=1e-7, atol=1e-7)
