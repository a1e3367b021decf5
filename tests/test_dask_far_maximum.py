"""A finite maximum far out along a direction that separates the heavy rows: the steps stop
shrinking as separation's do, and the running-off rule stopped the fit. In memory the exact
check then finds no separation and the fit goes on; a dask fit, which has no exact check,
reported it diverged, every standard error NaN. A fit that ran off, whose last step moves
some row away from its outcome (no separating direction), now goes on and converges to the
in-memory fit; data that are separated still diverge."""

from __future__ import annotations

import re
import warnings
from decimal import Decimal, localcontext

import numpy as np
import pandas as pd
import pytest
from test_survey_edges import heavy_stratum_data

import mnlogit

dd = pytest.importorskip("dask.dataframe")

DESIGN = mnlogit.SurveyDesign(weights="w", strata="st", psu="psu")


def _both(data: pd.DataFrame, **options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        memory = mnlogit.fit("y ~ x1 + x2", data, ref="a", **options)
        dask = mnlogit.fit("y ~ x1 + x2", dd.from_pandas(data, npartitions=2), ref="a", **options)
    return memory, dask


def _agree(memory, dask) -> None:
    assert memory.converged and not memory.diverged and memory.separation is None
    assert dask.converged and not dask.diverged
    np.testing.assert_allclose(dask.params, memory.params, rtol=1e-8)
    np.testing.assert_allclose(dask.bse, memory.bse, rtol=1e-6)


def test_a_survey_subpopulation_whose_heavy_rows_alone_separate_fits_as_in_memory():
    # stratum B's rows weigh a million times the others': its rows with x2 > 0 alone are
    # separated, and the maximum, which A's and D's rows bound, has x2's slope at -797.7
    # in memory; on dask the fit stopped 336 out, "diverged", every standard error NaN
    memory, dask = _both(heavy_stratum_data(0), design=DESIGN, subpop="x2 > 0")
    assert memory.params.loc["x2", "b"] == pytest.approx(-797.725, abs=1e-3)
    _agree(memory, dask)


@pytest.mark.parametrize(("seed", "subpop"), [(0, "x1 > 0"), (12, "x2 > 0"), (14, "x1 > 0")])
def test_other_draws_of_heavy_strata_fit_as_in_memory(seed, subpop):
    # of 80 draws (seeds 0-39, either condition), 13 diverged on dask that converge in memory
    _agree(*_both(heavy_stratum_data(seed), design=DESIGN, subpop=subpop))


def test_frequency_weights_a_trillion_apart_fit_as_in_memory():
    # the same rows, without a design: frequency weights of 1 to 2.6e12
    d = heavy_stratum_data(0)
    d = d[d.x2 > 0].copy()
    d["f"] = np.round(d.w / d.w.min()).clip(1) * np.where(d.st == "B", 1e5, 1.0)
    assert d.f.max() / d.f.min() > 1e12
    _agree(*_both(d, weights="f"))


def test_outcomes_separated_beside_rows_on_the_boundary_still_diverge_on_dask():
    # b's rows have x > 0 and a's and c's x < 0, with rows of a and b at x = 0: separated
    # by x's slope, which no count of rows at a level shows (the screen finds nothing)
    rng = np.random.default_rng(0)
    n = 400
    x = np.round(rng.normal(size=n), 1)
    y = np.where(x < 0, "a", np.where(x > 0, "b", rng.choice(["a", "b"], n)))
    y = np.where((x < 0) & (rng.random(n) < 0.4), "c", y)
    df = pd.DataFrame({"x": x, "z": rng.normal(size=n), "y": y})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        memory = mnlogit.fit("y ~ x + z", df)
        dask = mnlogit.fit("y ~ x + z", dd.from_pandas(df, npartitions=3))
    assert memory.diverged and memory.separation is not None
    assert dask.diverged and not dask.converged
    assert dask.bse.isna().all().all()


def _drawn(seed: int) -> pd.DataFrame:
    """Sampling weights up to 1e8 apart on half the rows, and outcomes separated by x
    (seed % 4 == 0), with rows on the boundary (1), by x + z (2), or not at all (3)."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(60, 300))
    x = np.round(rng.normal(size=n), int(rng.integers(0, 2)))
    z = rng.normal(size=n)
    cut = rng.normal(scale=0.3)
    if seed % 4 == 0:
        y = np.where(x > cut, "b", rng.choice(["a", "c"], n))
    elif seed % 4 == 1:
        y = np.where(x < cut, "a", np.where(x > cut, "b", rng.choice(["a", "b"], n)))
        y = np.where((x < cut) & (rng.random(n) < 0.4), "c", y)
    elif seed % 4 == 2:
        y = np.where(x + z > cut, rng.choice(["b", "c"], n), "a")
    else:
        eta = np.column_stack([np.zeros(n), 2 * x, -z])
        p = np.exp(eta)
        p /= p.sum(axis=1, keepdims=True)
        y = np.array(["a", "b", "c"])[(rng.random(n)[:, None] > p.cumsum(axis=1)).sum(axis=1)]
    w = rng.uniform(1, 5, n)
    w = w * np.where(rng.random(n) < 0.5, 10.0 ** rng.integers(0, 9), 1.0)
    return pd.DataFrame({"x": x, "z": z, "y": y, "w": w})


@pytest.mark.parametrize("seed", range(20, 28))
def test_a_dask_fit_diverges_exactly_where_the_exact_check_finds_separation(seed):
    # seed 23 (not separated, weights up to 1e8 apart) diverged on dask
    df = _drawn(seed)
    options = {"weights": "w", "weight_type": "probability"}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", mnlogit.MNLogitWarning)
        memory = mnlogit.fit("y ~ x + z", df, **options)
        dask = mnlogit.fit("y ~ x + z", dd.from_pandas(df, npartitions=2), **options)
    assert memory.diverged == (memory.separation is not None) == (seed % 4 != 3)
    assert dask.diverged == memory.diverged
    if not memory.diverged:
        assert dask.converged
        np.testing.assert_allclose(dask.params, memory.params, rtol=1e-8)
        np.testing.assert_allclose(dask.bse, memory.bse, rtol=1e-6)


def _counts_a_trillion_apart(seed: int, column: str) -> pd.DataFrame:
    d = heavy_stratum_data(seed)
    d = d[d[column] > 0].copy()
    d["f"] = np.round(d.w / d.w.min()).clip(1) * np.where(d.st == "B", 1e5, 1.0)
    return d


def _exact_maximum(d: pd.DataFrame, B0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Newton's steps from ``B0`` on the score summed in 40-digit decimals (the data's
    floats and counts are exact there), with the information in float64: the maximum of
    y ~ x1 + x2 (reference a) weighted by f, and the inverse information there."""
    with localcontext() as context:
        context.prec = 40
        return _newton(d, B0)


def _newton(d: pd.DataFrame, B0: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    X = np.column_stack([np.ones(len(d)), d.x1, d.x2])
    rows = [[Decimal(float(v)) for v in x] for x in X]
    own = d.y.map({"b": 0, "c": 1, "a": 2}).to_numpy()
    w = [Decimal(int(v)) for v in d.f]
    B = [[Decimal(float(v)) for v in row] for row in B0]  # (3, 2)
    for _ in range(6):
        P = []
        for x in rows:
            e = [sum((x[a] * B[a][k] for a in range(3)), Decimal(0)).exp() for k in range(2)]
            total = 1 + e[0] + e[1]
            P.append([e[0] / total, e[1] / total])
        U = [
            sum(
                wi * x[a] * ((yi == k) - p[k]) for x, yi, wi, p in zip(rows, own, w, P, strict=True)
            )
            for k in range(2)
            for a in range(3)
        ]
        Pf, wf = np.array(P, dtype=float), d.f.to_numpy(float)
        info = np.zeros((6, 6))
        for j in range(2):
            for k in range(2):
                c = wf * Pf[:, j] * ((j == k) - Pf[:, k])
                info[3 * j : 3 * j + 3, 3 * k : 3 * k + 3] = X.T @ (c[:, None] * X)
        step = np.linalg.solve(info, np.array(U, dtype=float))
        B = [[B[a][k] + Decimal(float(step[3 * k + a])) for k in range(2)] for a in range(3)]
    return np.array(B, dtype=float), np.linalg.inv(info)


def test_frequency_weights_whose_score_rounds_beyond_the_estimates_say_so():
    # counts of 1 to 1.44e12: the score's sums (terms of 1e12 that cancel) round by about
    # 1e-3, its size at either estimate; in memory and on dask the fits stopped 1.7e-5 and
    # 5e-5 standard errors from the maximum (1.3e-5 apart relative to a coefficient), both
    # converged, saying nothing
    d = _counts_a_trillion_apart(1, "x2")
    assert 1e12 < d.f.max() / d.f.min() < 2e12
    for data in (d, dd.from_pandas(d, npartitions=2)):
        with pytest.warns(mnlogit.ConvergenceWarning, match="rounding of the score") as caught:
            res = mnlogit.fit("y ~ x1 + x2", data, ref="a", weights="f")
        assert res.converged
        message = " ".join(str(caught[0].message).split())
        assert "the weights' mean is 1.6e+11 times the lightest row's weight" in message
        length = float(re.search(r"a step of ([0-9.e+-]+) standard errors", message).group(1))
        assert 1e-6 < length < 1e-3
        B, cov = _exact_maximum(d, res.params.to_numpy())
        off = (res.params.to_numpy() - B).T.ravel()
        # the estimates are within the rounding said of the maximum
        assert np.sqrt(off @ np.linalg.solve(cov, off)) < length


def test_frequency_weights_a_trillion_apart_whose_score_rounds_little_say_nothing():
    # seed 0's rows with x2 > 0 (counts of 1 to 2.6e12): the rounding is 1e-11 standard errors
    d = _counts_a_trillion_apart(0, "x2")
    with warnings.catch_warnings():
        warnings.simplefilter("error", mnlogit.ConvergenceWarning)
        res = mnlogit.fit("y ~ x1 + x2", d, ref="a", weights="f")
    B, _ = _exact_maximum(d, res.params.to_numpy())
    np.testing.assert_allclose(res.params.to_numpy(), B, rtol=1e-8)
