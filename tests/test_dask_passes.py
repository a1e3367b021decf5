"""Passes over the partitions of a dask fit: the route (Fisher scoring or L-BFGS on gradient
passes, then one information matrix), their count, and the numbers against the in-memory fit."""

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit

pytestmark = pytest.mark.slow  # starts Dask schedulers

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
_dask = pytest.importorskip("mnlogit._dask")
_dask_data = pytest.importorskip("mnlogit._dask_data")

RTOL = 1e-10  # as tests/test_dask.py: the same rows summed in another order
N_PARTS = 7
PASSES = re.compile(
    r"converged after (\d+) iterations, [\d.]+ s; (\d+) passes over the data \(([^)]*)\)"
)


def wide(n: int = 20_000, p: int = 30, k: int = 6) -> tuple[str, pd.DataFrame]:
    """A model with p(K-1) = 155 parameters (by default)."""
    rng = np.random.default_rng(7)
    X = rng.standard_normal((n, p))
    B = rng.normal(0.0, 0.2, (p + 1, k - 1))
    eta = np.zeros((n, k))
    eta[:, 1:] = B[0] + X @ B[1:]
    y = (eta + rng.gumbel(size=(n, k))).argmax(axis=1)
    df = pd.DataFrame(X, columns=[f"x{j + 1}" for j in range(p)]).assign(y=y)
    return "y ~ " + " + ".join(f"x{j + 1}" for j in range(p)), df


@pytest.fixture
def reads(monkeypatch):
    """Partition reads (every pass encodes every partition), counted as whole passes."""
    count = [0]
    encode = _dask._encode

    def counted(*args):
        count[0] += 1
        return encode(*args)

    monkeypatch.setattr(_dask, "_encode", counted)
    return lambda: count[0] / N_PARTS


def in_se(got, want):
    """Largest difference of the coefficients, in standard errors."""
    return float(np.abs((got.params - want.params) / want.bse).to_numpy().max())


def test_lbfgs_route_reads_gradients_then_one_information(reads, monkeypatch, capsys):
    formula, df = wide()
    # the route of models from DASK_QUASI_NEWTON_MIN_PARAMS (1,400) parameters, on 155
    monkeypatch.setattr(_dask_data.DaskModelData, "quasi_newton_min", 100)
    with dask.config.set(scheduler="synchronous"):
        got = mnlogit.fit(formula, dd.from_pandas(df, npartitions=N_PARTS), ref=0, verbose=True)
        fit_reads = reads()
        out = capsys.readouterr().out
        assert "L-BFGS on gradient passes" in out
        m = PASSES.search(out)
        assert m is not None, out
        kinds = dict(reversed(k.split(" ", 1)) for k in m[3].split(", "))
        # the fit: the tally, then gradient passes and one sample, no information matrix
        assert "information" not in kinds and int(kinds["gradient"]) >= 3
        assert int(kinds["information of a row sample"]) == 1
        assert fit_reads == 1 + int(m[2])
        # the standard errors: one information pass, kept for everything after
        bse = got.bse
        assert reads() == fit_reads + 1
        assert "information pass over 20,000 rows" in capsys.readouterr().out
        got.cov_params(), got.summary()
        assert reads() == fit_reads + 1
    want = mnlogit.fit(formula, df, ref=0)
    # the same L-BFGS path as in memory (same start, metric and sample rows): same numbers
    np.testing.assert_allclose(got.params.to_numpy(), want.params.to_numpy(), rtol=RTOL)
    np.testing.assert_allclose(bse.to_numpy(), want.bse.to_numpy(), rtol=RTOL)
    np.testing.assert_allclose(got.llf, want.llf, rtol=RTOL)
    assert got.n_iter == want.n_iter and got.converged


def test_the_route_reading_fewer_passes_for_a_small_model(reads, monkeypatch, capsys):
    """Fisher scoring reads fewer passes than L-BFGS: a dask fit keeps it below the threshold,
    its start (intercept-only) taken from the tally without a pass."""
    formula, df = wide(n=5_000, p=8, k=4)
    ddf = dd.from_pandas(df, npartitions=N_PARTS)
    with dask.config.set(scheduler="synchronous"):
        scoring = mnlogit.fit(formula, ddf, ref=0, verbose=True)
        assert scoring.bse.notna().all().all()
        scoring_reads = reads()
        m = PASSES.search(capsys.readouterr().out)
        assert m is not None and m[3] == f"{scoring.n_iter} information"
        assert scoring_reads == 1 + scoring.n_iter  # the tally, one pass per iteration
        monkeypatch.setattr(_dask_data.DaskModelData, "quasi_newton_min", 20)
        lbfgs = mnlogit.fit(formula, ddf, ref=0)
        assert lbfgs.bse.notna().all().all()
        lbfgs_reads = reads() - scoring_reads
    assert scoring_reads < lbfgs_reads
    assert in_se(lbfgs, scoring) < 1e-7
    np.testing.assert_allclose(lbfgs.bse.to_numpy(), scoring.bse.to_numpy(), rtol=1e-7)
    # in memory this model takes the L-BFGS route: the two routes' agreement (as in
    # tests/test_lazy_information.py), not rounding's
    want = mnlogit.fit(formula, df, ref=0)
    assert in_se(scoring, want) < 1e-8
    np.testing.assert_allclose(scoring.bse.to_numpy(), want.bse.to_numpy(), rtol=1e-8)
    np.testing.assert_allclose(scoring.llf, want.llf, rtol=RTOL)
