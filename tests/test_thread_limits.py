"""A fit honours the user's thread limits: threads=, threadpool_limits and the environment."""

import time

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

import mnlogit
from mnlogit import _fisher, _parallel
from mnlogit.exceptions import OptionError


def _frame(n, p, K, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    B = rng.standard_normal((p, K)) / np.sqrt(p)
    y = np.argmax(X @ B + rng.gumbel(size=(n, K)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)
    return "y ~ " + " + ".join(f"x{j}" for j in range(p)), df


def _cores_used(run):
    """(process CPU seconds / wall seconds, result) of ``run()``: all threads' CPU time."""
    wall, cpu = time.perf_counter(), time.process_time()
    out = run()
    return (time.process_time() - cpu) / (time.perf_counter() - wall), out


def _fit_with_se(formula, df, **kw):
    res = mnlogit.fit(formula, df, **kw)
    res.bse  # noqa: B018 (the standard errors are part of the fit here)
    return res


@pytest.mark.slow
def test_a_fit_under_a_limit_of_one_thread_keeps_to_one_core():
    formula, df = _frame(400_000, 30, 5)
    free = _fit_with_se(formula, df)  # also warms up imports and the pools
    with threadpool_limits(1):
        ratio_block, in_block = _cores_used(lambda: _fit_with_se(formula, df))
    ratio_arg, with_arg = _cores_used(lambda: _fit_with_se(formula, df, threads=1))
    # one core busy: CPU time at most wall time (less when other processes take the core)
    assert ratio_block < 1.2, ratio_block
    assert ratio_arg < 1.2, ratio_arg
    for res in (in_block, with_arg):
        np.testing.assert_allclose(res.params, free.params, rtol=1e-9, atol=1e-11)
        np.testing.assert_allclose(res.bse, free.bse, rtol=1e-9)
        assert res.llf == pytest.approx(free.llf, rel=1e-13)


def test_default_threads_honours_every_limit(monkeypatch):
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: set(range(8)))
    monkeypatch.setattr(_parallel, "_library_threads", lambda: [8])
    n = 10**7
    assert _parallel.default_threads(n) == 8
    assert _parallel.default_threads(50_000) == 2  # 20,000 rows a thread at least
    with _parallel.thread_limit(3):
        assert _parallel.default_threads(n) == 3
        assert _parallel.requested_threads() == 3
    assert _parallel.requested_threads() is None
    monkeypatch.setenv("OMP_NUM_THREADS", "2,1")  # nested OpenMP levels: the outer one
    assert _parallel.default_threads(n) == 2
    monkeypatch.setenv("OMP_NUM_THREADS", "junk")  # not a number: no limit from it
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "5")
    assert _parallel.default_threads(n) == 5
    monkeypatch.setattr(_parallel, "_library_threads", lambda: [4, 1])  # threadpool_limits
    assert _parallel.default_threads(n) == 1


def test_threadpool_limits_block_is_seen():
    with threadpool_limits(1):
        assert _parallel.user_thread_limit() == 1
        assert _parallel.default_threads(10**7) == 1


def _counted_passes(monkeypatch, cores: int) -> tuple[list, list]:
    """The threads= of every full pass over the rows from now on, and the BLAS thread counts
    threadpoolctl is to find (none: no limit), on ``cores`` cores and no thread variable."""
    seen: list = []
    libraries: list = []
    full_pass = _fisher.stats

    def counted(*a, threads=None, **k):
        seen.append(threads)
        return full_pass(*a, threads=threads, **k)

    monkeypatch.setattr(_fisher, "stats", counted)
    monkeypatch.setattr(_parallel, "_library_threads", lambda: libraries)
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: set(range(cores)))
    return seen, libraries


def test_threads_argument_reaches_every_pass_of_the_fit_and_its_refits(monkeypatch):
    formula, df = _frame(60_000, 6, 4)
    seen, _ = _counted_passes(monkeypatch, 4)
    res = mnlogit.fit(formula, df, threads=1)
    assert res._core.threads == 1
    res.bse, res.anova()
    assert seen and set(seen) == {1}
    seen.clear()
    mnlogit.fit(formula, df).anova()
    assert max(seen) == 3  # 60,000 rows on four cores: three threads of 20,000 rows


def test_standard_errors_read_after_the_fit_keep_to_the_limits_then_in_force(monkeypatch):
    # a fit that defers its information to the first read of its standard errors counted
    # that pass's threads at the fit: read inside threadpool_limits(1) (as in a joblib
    # worker it is shipped to), or in a process of fewer cores than the one that pickled
    # it, the pass ran on as many threads as the fit had (three here), while the refits
    # of anova() beside it kept to one
    formula, df = _frame(60_000, 12, 4)
    seen, libraries = _counted_passes(monkeypatch, 4)
    free = mnlogit.fit(formula, df)
    limited = mnlogit.fit(formula, df)
    fewer = mnlogit.fit(formula, df)
    assert limited._core.pending and max(seen) == 3
    seen.clear()
    libraries.append(1)  # what threadpool_limits(1) sets
    limited.bse, limited.anova()
    assert set(seen) == {1}
    libraries.clear()
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: {0, 1})
    seen.clear()
    fewer.bse  # noqa: B018 (read on two cores)
    assert seen == [2]
    np.testing.assert_allclose(limited.bse, free.bse, rtol=1e-12)
    np.testing.assert_allclose(fewer.bse, free.bse, rtol=1e-12)
    with_arg = mnlogit.fit(formula, df, threads=2)
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: set(range(4)))
    seen.clear()
    with_arg.bse  # noqa: B018 (its threads= still holds)
    assert seen == [2]


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True])
def test_bad_threads_are_refused(bad):
    formula, df = _frame(500, 2, 3)
    with pytest.raises(OptionError, match="threads"):
        mnlogit.fit(formula, df, threads=bad)
    with pytest.raises(OptionError, match="threads"):
        mnlogit.MNLogit(df["y"], df[["x0", "x1"]]).fit(threads=bad)
