"""A fit honours the user's thread limits: threads=, threadpool_limits and the environment."""

import pickle
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


def test_parts_follow_the_cores_and_threads_and_run_within_every_limit(monkeypatch):
    # the parts a pass splits its rows into set the order of its sums: the cores and a
    # fit's threads= set them; the environment's limits set how many run at once
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: set(range(8)))
    monkeypatch.setattr(_parallel, "_library_threads", lambda: [8])
    n = 10**7
    assert _parallel.default_threads(n) == 8 and _parallel._lanes(8) == 8
    assert _parallel.default_threads(50_000) == 2  # 20,000 rows a thread at least
    with _parallel.thread_limit(3):
        assert _parallel.default_threads(n) == 3
        assert _parallel.requested_threads() == 3
        assert _parallel._lanes(8) == 3
    assert _parallel.requested_threads() is None
    with _parallel.split_as(4):  # a result's fit ran on four cores
        assert _parallel.default_threads(n) == 4
    monkeypatch.setenv("OMP_NUM_THREADS", "2,1")  # nested OpenMP levels: the outer one
    assert _parallel.default_threads(n) == 8 and _parallel._lanes(8) == 2
    monkeypatch.setenv("OMP_NUM_THREADS", "junk")  # not a number: no limit from it
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "5")
    assert _parallel._lanes(8) == 5
    monkeypatch.setattr(_parallel, "_library_threads", lambda: [4, 1])  # threadpool_limits
    assert _parallel.default_threads(n) == 8 and _parallel._lanes(8) == 1


def test_threadpool_limits_block_is_seen():
    with threadpool_limits(1):
        assert _parallel.user_thread_limit() == 1
        assert _parallel._lanes(8) == 1


def test_parts_run_in_fewer_lanes_give_the_same_list():
    assert _parallel.run_split(lambda k: k * k, 5) == [0, 1, 4, 9, 16]
    with threadpool_limits(1):
        assert _parallel.run_split(lambda k: k * k, 5) == [0, 1, 4, 9, 16]


def _counted_passes(monkeypatch, cores: int) -> tuple[list, list]:
    """The threads= of every full pass over the rows from now on, and the BLAS thread counts
    threadpoolctl is to find (none: no limit), on ``cores`` cores and no thread variable."""
    seen: list = []
    libraries: list = []
    full_pass = _fisher.stats

    def counted(*a, threads=None, **k):
        seen.append((threads, _parallel._lanes(threads)))  # (parts, how many run at once)
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
    assert seen and set(seen) == {(1, 1)}
    seen.clear()
    mnlogit.fit(formula, df).anova()
    assert max(seen) == (3, 3)  # 60,000 rows on four cores: three threads of 20,000 rows


def test_standard_errors_read_after_the_fit_keep_to_the_limits_then_in_force(monkeypatch):
    # a fit that defers its information to the first read of its standard errors: read
    # inside threadpool_limits(1) (as in a joblib worker it is shipped to), or in a process
    # of fewer cores than the one that pickled it, the pass runs on the threads allowed
    # then, its rows split as the fit split them, so that its standard errors are the same
    # to the last bit (split as the threads allowed, they differed in the last digits)
    formula, df = _frame(60_000, 12, 4)
    seen, libraries = _counted_passes(monkeypatch, 4)
    free = mnlogit.fit(formula, df)
    limited = mnlogit.fit(formula, df)
    fewer = mnlogit.fit(formula, df)
    assert limited._core.pending and max(seen) == (3, 3)
    free.bse  # noqa: B018 (read on the fit's cores, no limit)
    seen.clear()
    libraries.append(1)  # what threadpool_limits(1) sets
    limited.bse, limited.anova()
    assert {lanes for _, lanes in seen} == {1}
    assert seen[0] == (3, 1)
    libraries.clear()
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: {0, 1})
    seen.clear()
    fewer.bse  # noqa: B018 (read on two cores)
    assert seen == [(3, 3)]
    np.testing.assert_array_equal(limited.bse, free.bse)
    np.testing.assert_array_equal(fewer.bse, free.bse)
    with_arg = mnlogit.fit(formula, df, threads=2)
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: set(range(4)))
    seen.clear()
    with_arg.bse  # noqa: B018 (its threads= still holds)
    assert seen == [(2, 2)]


@pytest.mark.parametrize("bad", [0, -1, 1.5, "2", True])
def test_bad_threads_are_refused(bad):
    formula, df = _frame(500, 2, 3)
    with pytest.raises(OptionError, match="threads"):
        mnlogit.fit(formula, df, threads=bad)
    with pytest.raises(OptionError, match="threads"):
        mnlogit.MNLogit(df["y"], df[["x0", "x1"]]).fit(threads=bad)


@pytest.mark.parametrize("cov_type", ["nonrobust", "robust", "cluster"])
@pytest.mark.parametrize("read_in", ["threadpool_limits(1)", "one core"])
def test_a_result_read_elsewhere_gives_its_standard_errors_to_the_last_bit(
    monkeypatch, cov_type, read_in
):
    # standard errors (the deferred information, a sandwich's meat) computed when first
    # read, in a pickled copy sent to a joblib worker or to a process of fewer cores, were
    # summed over another split of the rows and differed from the original's in the last
    # digits (1e-16 relative)
    formula, df = _frame(80_000, 8, 4)
    df["g"] = np.arange(len(df)) % 97
    _, libraries = _counted_passes(monkeypatch, 4)
    kw = {"groups": "g"} if cov_type == "cluster" else {}
    res = mnlogit.fit(formula, df, cov_type=cov_type, **kw)
    copy = pickle.loads(pickle.dumps(res))
    if read_in == "one core":
        monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: {0})
    else:
        libraries.append(1)
    elsewhere = copy.bse.to_numpy()
    libraries.clear()
    monkeypatch.setattr(_parallel.os, "sched_getaffinity", lambda _: set(range(4)))
    np.testing.assert_array_equal(elsewhere, res.bse.to_numpy())
