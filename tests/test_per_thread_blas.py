"""The BLAS limit with a library that keeps its thread count per calling thread: MKL (which
threadpoolctl sets with MKL_Set_Num_Threads_Local, as in Anaconda's numpy) and OpenBLAS built
on OpenMP (omp_set_num_threads). Each thread then has a count of its own, which one thread
cannot lower or restore for another.

The machine's own BLAS may be of the other kind (a count for the whole process), so the
library here is a stand-in with threadpoolctl's interface, keeping a count per thread."""

import threading

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _parallel

DEFAULT = 4  # the stand-in's count in a thread that never set one (not 1, not the cores)


class _PerThreadBlas:
    """A BLAS library's controller as threadpoolctl gives it, with a count per thread."""

    user_api, internal_api, threading_layer = "blas", "mkl", "intel"
    filepath, prefix, version = "libmkl_rt.so.2", "libmkl_rt", "2024.0"

    def __init__(self) -> None:
        self._local = threading.local()

    @property
    def num_threads(self) -> int:
        return getattr(self._local, "n", DEFAULT)

    def set_num_threads(self, n: int) -> None:
        self._local.n = n


class _Controller:
    def __init__(self, lib: _PerThreadBlas) -> None:
        self.lib_controllers = [lib]


@pytest.fixture
def per_thread(monkeypatch):
    """The stand-in as the process's only BLAS, no thread limit in the environment."""
    lib = _PerThreadBlas()
    monkeypatch.setattr(_parallel, "_blas_controller", lambda: _Controller(lib))
    for name in _parallel.THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return lib


def _run_in_thread(action):
    out = []
    worker = threading.Thread(target=lambda: out.append(action()))
    worker.start()
    worker.join(30)
    assert not worker.is_alive()
    return out[0]


def test_overlapping_limits_give_each_thread_its_own_count_back(per_thread):
    # The first fit in lowered its own thread's count and left it for the last one out to
    # restore, which restored its own: the first thread kept one BLAS thread for good (its
    # numpy, and every later fit there, on one thread), and the second ran unlimited.
    inside, release, left = threading.Event(), threading.Event(), threading.Event()
    seen = {}

    def first():
        with _parallel.single_threaded_blas():
            seen["first inside"] = per_thread.num_threads
            inside.set()
            assert release.wait(30)
        left.set()
        assert release.wait(30)
        return per_thread.num_threads

    def second():
        with _parallel.single_threaded_blas():
            seen["second inside"] = per_thread.num_threads
            release.set()
            assert left.wait(30)
        return per_thread.num_threads

    out = {}
    worker = threading.Thread(target=lambda: out.setdefault("first", first()))
    worker.start()
    assert inside.wait(30)
    out["second"] = _run_in_thread(second)
    worker.join(30)
    assert seen == {"first inside": 1, "second inside": 1}
    assert out == {"first": DEFAULT, "second": DEFAULT}
    assert per_thread.num_threads == DEFAULT


def test_the_workers_of_a_limited_pass_run_on_one_blas_thread_each(per_thread):
    # a worker's products ran on the library's own count (all cores), each of the pass's
    # threads then starting as many BLAS threads again
    def count(k):
        return per_thread.num_threads

    with _parallel.single_threaded_blas():
        assert _parallel.run_split(count, 3) == [1, 1, 1]
    assert _parallel.run_split(count, 3) == [DEFAULT] * 3  # given back, unlimited without it
    assert per_thread.num_threads == DEFAULT


def test_inside_the_limit_the_users_count_is_read(per_thread):
    with _parallel.single_threaded_blas():
        assert _parallel.user_thread_limit() == DEFAULT
        with _parallel.single_threaded_blas():  # nested: still the count found outside
            assert _parallel.user_thread_limit() == DEFAULT
        assert per_thread.num_threads == 1
    assert per_thread.num_threads == DEFAULT


def test_fits_in_two_threads_leave_every_thread_its_count(per_thread):
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.normal(size=3000), "z": rng.normal(size=3000)})
    df["y"] = rng.choice(list("abc"), 3000)
    barrier = threading.Barrier(2)

    def fit():
        barrier.wait(30)
        counts = set()
        for _ in range(10):  # enough for their limits to overlap
            _ = mnlogit.fit("y ~ x + z", df, cov_type="robust").bse
            counts.add(per_thread.num_threads)
        return counts

    worker_out = []
    worker = threading.Thread(target=lambda: worker_out.append(fit()))
    worker.start()
    here = fit()
    worker.join(60)
    assert worker_out == [{DEFAULT}] and here == {DEFAULT}
