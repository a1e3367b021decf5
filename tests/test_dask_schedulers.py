"""Dask fits under dask's local schedulers where a scheduler cannot run as configured."""

import multiprocessing

import numpy as np
import pytest
from test_parallel import _data

import mnlogit

pytestmark = pytest.mark.slow  # starts processes

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


def _clustered() -> object:
    return _data(n=300).assign(cl=np.arange(300) % 15)


def _fit_with_processes_scheduler() -> tuple[np.ndarray, np.ndarray, float]:
    df = _clustered()
    with dask.config.set(scheduler="processes"):
        res = mnlogit.fit(
            "y ~ x + z + g", dd.from_pandas(df, npartitions=3), cov_type="cluster", groups="cl"
        )
        return res.params.to_numpy(), res.bse.to_numpy(), float(res.anova()["chi2"].iloc[0])


@pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(), reason="needs fork")
def test_a_dask_fit_in_a_pool_worker_under_the_processes_scheduler_is_the_in_memory_fit():
    # a multiprocessing.Pool's workers are daemonic, and dask's processes scheduler cannot
    # start processes there: the fit ended in multiprocessing's bare
    # "AssertionError: daemonic processes are not allowed to have children"
    with multiprocessing.get_context("fork").Pool(1) as pool:
        params, bse, chi2 = pool.apply_async(_fit_with_processes_scheduler).get(timeout=300)
    want = mnlogit.fit("y ~ x + z + g", _clustered(), cov_type="cluster", groups="cl")
    np.testing.assert_allclose(params, want.params.to_numpy(), rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(bse, want.bse.to_numpy(), rtol=1e-10, atol=1e-12, equal_nan=True)
    assert chi2 == pytest.approx(float(want.anova()["chi2"].iloc[0]), rel=1e-10)
