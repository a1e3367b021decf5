"""The worker pool and the BLAS thread limit that the passes over the data share."""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import AbstractContextManager
from typing import Any, TypeVar

__all__ = ["default_threads", "run_split", "single_threaded_blas", "worker_pool"]

MIN_ROWS_PER_THREAD = 20_000  # below this, threads cost more than they save


def default_threads(n: int) -> int:
    """Worker threads for n rows: one per available core, with at least
    MIN_ROWS_PER_THREAD rows each."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, n // MIN_ROWS_PER_THREAD))


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
    from threadpoolctl import ThreadpoolController

    return ThreadpoolController()  # finding the loaded libraries once costs milliseconds


def single_threaded_blas() -> AbstractContextManager[Any]:
    """Context manager limiting BLAS to one thread (threads then split rows, not products)."""
    return _blas_controller().limit(limits=1, user_api="blas")
