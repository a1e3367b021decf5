"""The worker pool and the BLAS thread limit that the passes over the data share."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from threadpoolctl import ThreadpoolController

__all__ = [
    "default_threads",
    "requested_threads",
    "run_split",
    "single_threaded_blas",
    "thread_limit",
    "user_thread_limit",
    "worker_pool",
]

MIN_ROWS_PER_THREAD = 20_000  # below this, threads cost more than they save
# The environment variables by which users cap the threads of numerical libraries.
THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
# The ``threads=`` of the fit being run in this thread (or task), see thread_limit.
_REQUESTED: ContextVar[int | None] = ContextVar("mnlogit_threads", default=None)


def default_threads(n: int) -> int:
    """Worker threads for n rows: one per available core, with at least
    MIN_ROWS_PER_THREAD rows each, and no more than the user allows (see
    :func:`user_thread_limit`)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    limit = user_thread_limit()
    return max(1, min(cores, n // MIN_ROWS_PER_THREAD, cores if limit is None else limit))


@contextmanager
def thread_limit(threads: int | None) -> Iterator[None]:
    """Meanwhile, in this thread, passes and design fills use at most ``threads`` workers (a
    fit's ``threads=``; None adds no limit). With ``threads=1`` BLAS is held to one thread too
    (the factorisations between passes): the fit then keeps to one core."""
    if threads is None:
        yield
        return
    token = _REQUESTED.set(threads)
    try:
        if threads == 1:
            with single_threaded_blas():
                yield
        else:
            yield
    finally:
        _REQUESTED.reset(token)


def requested_threads() -> int | None:
    """The ``threads=`` of the fit being run here (see :func:`thread_limit`), or None."""
    return _REQUESTED.get()


def user_thread_limit() -> int | None:
    """The fewest threads the user allows, or None when nothing limits them.

    The limits are, in force together: a fit's ``threads=`` (:func:`thread_limit`), the
    thread counts of the loaded BLAS and OpenMP libraries (which a ``threadpoolctl``
    ``threadpool_limits`` block sets, and which the libraries take from
    ``OMP_NUM_THREADS``/``OPENBLAS_NUM_THREADS`` when loaded) and those variables as they
    are now. The package's own one-thread BLAS limit during passes is not a user's: while
    it holds, the counts it replaced are read.
    """
    limits = []
    requested = _REQUESTED.get()
    if requested is not None:
        limits.append(requested)
    for name in THREAD_VARIABLES:
        value = os.environ.get(name, "").split(",")[0].strip()
        if value.isdigit() and int(value) > 0:
            limits.append(int(value))
    limits.extend(_library_threads())
    return min(limits) if limits else None


def _library_threads() -> list[int]:
    """Thread counts of the BLAS and OpenMP libraries loaded when first asked, as the user
    left them (outside the package's own limit)."""
    try:
        controllers = _blas_controller().lib_controllers
    except Exception:  # threadpoolctl cannot inspect this platform's libraries
        return []
    held = _held_originals()
    out = []
    for lib in controllers:
        n = held.get(lib.user_api) if held is not None else None
        if n is None:
            n = lib.num_threads
        if isinstance(n, int) and n > 0:
            out.append(n)
    return out


T = TypeVar("T")
_POOLS: dict[int, ThreadPoolExecutor] = {}
_POOLS_LOCK = threading.Lock()


def worker_pool(threads: int) -> ThreadPoolExecutor:
    """One long-lived pool per thread count: a fit makes dozens of passes, and starting fresh
    threads for each costs about a millisecond apiece. Its workers (the row slabs of a pass,
    the row blocks of the design fill) never submit to a pool, so sharing cannot deadlock."""
    with _POOLS_LOCK:
        pool = _POOLS.get(threads)
        if pool is None:
            pool = _POOLS[threads] = ThreadPoolExecutor(threads, thread_name_prefix="mnlogit")
        return pool


def run_split(task: Callable[[int], T], parts: int) -> list[T]:
    """[task(0), ..., task(parts - 1)]: part 0 on the calling thread, the others on a shared
    pool's workers. The caller works instead of waiting, so each pass wakes one worker fewer;
    on a virtual machine, waking a worker that has gone idle costs up to a millisecond."""
    if parts == 1:
        return [task(0)]
    futures = [worker_pool(parts - 1).submit(task, k) for k in range(1, parts)]
    try:
        first = task(0)
    except BaseException:
        wait(futures)  # the workers share the caller's arrays: let them finish first
        raise
    return [first, *(f.result() for f in futures)]


@functools.cache
def _blas_controller() -> Any:
    return ThreadpoolController()  # finding the loaded libraries once costs milliseconds


def single_threaded_blas() -> AbstractContextManager[Any]:
    """Context manager limiting BLAS to one thread (threads then split rows, not products)."""
    return _blas_controller().limit(limits=1, user_api="blas")


def _held_originals() -> dict[str, int] | None:
    """While the package's own BLAS limit holds (a fit's passes, in any thread), the counts
    it replaced, by user API; None when it does not hold."""
    return None
