"""The worker pool and the BLAS thread limit that the passes over the data share (the values
that results compute once and keep are in :mod:`mnlogit._once`).

Both are process-wide state, so both are made safe for the two ways programs share a
process: threads (the BLAS limit is held by each overlapping fit, so they restore the thread
count they found) and ``fork`` (a child starts with no pool and no limit held, see
:func:`_after_fork_in_child`).
"""

from __future__ import annotations

import contextvars
import functools
import os
import sys
import threading
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, ParamSpec, TypeVar

import numpy as np
import threadpoolctl

__all__ = [
    "default_threads",
    "in_numeric_errstate",
    "numeric_errstate",
    "requested_threads",
    "retried_on_ast_race",
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
    (the factorisations between passes): the fit then keeps to one core. Underflow is
    ignored meanwhile (see :func:`numeric_errstate`): every fit and analysis runs in one."""
    token = _REQUESTED.set(threads) if threads is not None else None
    try:
        with numeric_errstate():
            if threads == 1:
                with single_threaded_blas():
                    yield
            else:
                yield
    finally:
        if token is not None:
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
    own, out = _OWN_FOUND.get(), []
    # read under the limit's lock: a fit in another thread entering it between the read of
    # the counts it replaced (none yet) and that of the library's count (1, lowered by then)
    # made 1, the package's own limit, this fit's count of workers
    with _BLAS_LIMIT.lock:
        held = _held_originals()
        for lib in controllers:
            if _per_thread(lib):
                n = own.get(id(lib)) if own is not None else None
            else:
                n = held.get(lib.user_api) if held is not None else None
            if n is None:
                n = _BLAS_LIMIT.found(lib)
            if isinstance(n, int) and n > 0:
                out.append(n)
    return out


T = TypeVar("T")
_POOLS: dict[int, ThreadPoolExecutor] = {}


def _reentrant_lock() -> threading.RLock:
    """The lock of the package's process-wide state (the pools, the BLAS limit, the values
    being computed): re-entrant, for a signal handler or finaliser that fits (or reads a
    summary) runs in the thread it interrupts, which may hold it; with a plain lock that
    thread waited for itself for ever. A run nested in it leaves what it guards consistent
    (see :meth:`_BlasLimit.enter`)."""
    return threading.RLock()


_POOLS_LOCK = _reentrant_lock()


def worker_pool(threads: int) -> ThreadPoolExecutor:
    """The long-lived pool, of at least ``threads`` workers: a fit makes dozens of passes,
    and starting fresh threads for each costs about a millisecond apiece. Its workers never
    submit to a pool, so sharing cannot deadlock. One pool, replaced by a larger one when a
    pass asks for more (a pool starts a thread only for a task no idle one takes): a pool
    per thread count kept the idle threads of every count used for the life of the process
    (fits of 40,000 to 1.3 million rows on 64 cores, 2 to 64 parts: some 800 threads). A
    replaced pool finishes its tasks; its threads end when it is collected."""
    with _POOLS_LOCK:
        kept = max(_POOLS, default=0)
        if kept >= threads:
            return _POOLS[kept]
        made = ThreadPoolExecutor(threads, thread_name_prefix="mnlogit")
        kept = max(_POOLS, default=0)  # a pool made meanwhile (see _reentrant_lock)
        if kept >= threads:
            return _POOLS[kept]  # the new one has started no thread
        _POOLS.clear()
        _POOLS[threads] = made
        return made


def numeric_errstate() -> Any:
    """numpy's floating-point error handling for the package's sums: underflow ignored.

    numpy's handling is per thread (a context variable): the workers of a pass run with
    numpy's defaults, the calling thread with whatever the program set. Under
    ``np.seterr(all="raise")`` (or ``under="raise"``) a probability of exp(-800) read as 0,
    which the log-sum-exp sums mean, raised FloatingPointError from the calling thread's part
    of a pass only, so whether a fit ended in a traceback depended on which thread got the
    rows far from their outcome. Overflow, division and invalid values keep the program's
    handling; the package sets its own where it expects them."""
    return np.errstate(under="ignore")


P = ParamSpec("P")


def in_numeric_errstate(func: Callable[P, T]) -> Callable[P, T]:
    """``func`` run under :func:`numeric_errstate` (a decorator)."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        with numeric_errstate():
            return func(*args, **kwargs)

    return run


# CPython (3.11 at least) keeps the count that ast.parse checks its nesting by once for the
# whole interpreter, not per thread: two threads parsing at once (the package's formula
# readers, formulaic's transforms; a Dask fit encodes its partitions in threads) can fail at
# random with this SystemError, which a Dask fit handed out. Formula work is pure, so it is
# run again.
_AST_RACE = "AST constructor recursion depth mismatch"
_AST_RACE_TRIES = 5


def _is_ast_race(exc: BaseException | None) -> bool:
    """Whether ``exc``, or an exception it was raised from or while handling, is the race."""
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, SystemError) and str(exc).startswith(_AST_RACE):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def retried_on_ast_race(func: Callable[P, T]) -> Callable[P, T]:
    """``func``, a pure function of its arguments, run again (a few times at most) when
    another thread's parsing made CPython's ``ast.parse`` fail under it (a decorator)."""

    @functools.wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        for attempt in range(1, _AST_RACE_TRIES + 1):
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                if attempt == _AST_RACE_TRIES or not _is_ast_race(exc):
                    raise
        raise AssertionError("unreachable")

    return run


def _in_numeric_errstate(task: Callable[[int], T], k: int) -> T:
    with numeric_errstate():
        if _OWN_FOUND.get() is None:
            return task(k)
        # the caller holds the BLAS limit and a library keeps a count per thread: this
        # worker's own count is held too, else its products ran on every core, each
        # thread of the pass starting as many BLAS threads again
        with _own_threads_lowered():
            return task(k)


def run_split(task: Callable[[int], T], parts: int) -> list[T]:
    """[task(0), ..., task(parts - 1)]: part 0 on the calling thread, the others on a shared
    pool's workers. The caller works instead of waiting, so each pass wakes one worker fewer;
    on a virtual machine, waking a worker that has gone idle costs up to a millisecond.

    Every part runs with the calling thread's context variables (numpy's error handling, a
    fit's ``threads=``, the categories its warnings are issued as), which a pool's workers
    do not inherit, and ignoring underflow (:func:`numeric_errstate`). One copy of the
    context per part: a context cannot be entered by two threads at once."""
    if parts == 1:
        return [_in_numeric_errstate(task, 0)]
    futures: list[Any] = []
    try:
        pool = worker_pool(parts - 1)
        for k in range(1, parts):
            try:
                future = pool.submit(contextvars.copy_context().run, _in_numeric_errstate, task, k)
            except RuntimeError:
                # once the main thread has returned, the interpreter is shutting down and
                # pools take no more work ("cannot schedule new futures after interpreter
                # shutdown"): a fit still running in another thread of the program (or in an
                # atexit handler) ended in that error; the caller works the rest itself
                break
            futures.append(future)
        first = _in_numeric_errstate(task, 0)
        rest = [f.result() for f in futures]
        rest += [_in_numeric_errstate(task, k) for k in range(len(futures) + 1, parts)]
    except BaseException:
        # The workers share the caller's arrays (a pass's kept work arrays): whichever part
        # failed, or was interrupted while waiting or submitting (Ctrl-C), the others finish
        # first, else the next pass (the user's retry) would share those arrays with them.
        wait(futures)
        raise
    return [first, *rest]


@functools.cache
def _blas_controller() -> Any:
    return threadpoolctl.ThreadpoolController()  # finding the libraries costs milliseconds


def _set_blas_threads(change: Callable[[], Any]) -> Any:
    """Run ``change`` (which sets BLAS thread counts), then let go of the control of OpenBLAS.

    threadpoolctl (from 3.8) lets one thread at a time set the size of OpenBLAS's shared
    pool and ignores the others until that thread lets go. The limit below is lowered by
    whichever fit comes first and restored by whichever leaves last, often another thread,
    so each change lets go at once. Another thread that holds the control (one inside the
    user's own ``with threadpool_limits(...)``) keeps it: its count then stands, and fits
    in other threads neither lower nor restore it.
    """
    try:
        return change()
    finally:  # also when interrupted part-way: else this thread kept the control
        release = getattr(
            getattr(threadpoolctl, "OpenBLASController", None), "clear_controlling_thread", None
        )
        # inside the user's own threadpool_limits block in this thread, the block keeps it
        owned = getattr(getattr(threadpoolctl, "CONTROLLING_THREAD_OWNERSHIP", None), "count", 0)
        if release is not None and not owned:
            release()  # only if this thread holds the control


class _BlasLimit:
    """The process's one BLAS limit, shared by every fit that runs at the same time.

    A BLAS library has one thread count for the whole process, so limits taken by several
    threads overlap: each restoring what it found would leave the count wherever the last
    one to leave had found it (1, for good, after concurrent fits). Instead the first fit
    in lowers the count and the last one out restores the counts the first one found.

    Each fit holds it by a token of its own, and leaving is safe whether or not entering
    finished: an exception raised by a signal handler (Ctrl-C's KeyboardInterrupt, a
    timeout's alarm) between lowering the count and counting the fit in, or part-way
    through lowering or restoring it, left a library at one thread for the rest of the
    process (and every later fit on one worker, see :func:`user_thread_limit`).
    """

    def __init__(self) -> None:
        self.lock = _reentrant_lock()
        # the tokens of the fits holding it; a fit interrupted before it could leave (at the
        # start of its finally block) is let go when its token goes, and the count restored
        # when the next fit leaves
        self.holders: weakref.WeakSet[object] = weakref.WeakSet()
        self.lowered: list[tuple[Any, Any]] | None = None  # (library, its count) when lowered
        self.originals: dict[str, int] | None = None  # the counts found, fewest by user API
        self.before: dict[int, int] = {}  # the counts fits found (put back or not), by id
        self.generation = 0  # changes at fork: a child does not leave its parent's limits

    def enter(self, token: object) -> None:
        with self.lock:
            first = not self.holders
            # counted in before BLAS is lowered: a fit run meanwhile by a signal handler (or
            # a finaliser) in this thread, which the re-entrant lock lets in, then neither
            # lowers it nor, leaving, restores it under this fit
            self.holders.add(token)
            if first:
                libs = [
                    lib
                    for lib in _blas_controller().lib_controllers
                    if lib.user_api == "blas" and not _per_thread(lib)
                ]
                if self.lowered is None:  # else a restore was interrupted: it still stands
                    found = [(lib, self.found(lib)) for lib in libs]
                    counts = [n for _, n in found if isinstance(n, int)]
                    # known before BLAS is lowered: a fit in another thread counting its
                    # workers meanwhile read 1, the package's own limit, as the user's
                    self.originals = {"blas": min(counts)} if counts else {}
                    self.lowered = found  # before the change: one interrupted is put back
                _set_blas_threads(lambda: [lib.set_num_threads(1) for lib in libs])

    def leave(self, token: object, generation: int) -> None:
        with self.lock:
            if generation != self.generation:
                return
            self.holders.discard(token)
            if not self.holders and self.lowered is not None:
                self._restore(self.lowered)

    def reset_in_child(self) -> None:
        self.lock = _reentrant_lock()  # its holder, if any, is not in the child
        self.generation += 1
        self.holders = weakref.WeakSet()  # the fits that held it are not in the child either
        if self.lowered is not None:
            self._restore(self.lowered)

    def _restore(self, found: list[tuple[Any, Any]]) -> None:
        """Put back the counts found on entering, unless another thread has set BLAS's count
        since: a user's ``threadpool_limits`` block that began before the first fit and
        ended before the last restored its own count on leaving, and the counts found were
        that block's (1 for good, and every later fit on one worker, see
        :func:`user_thread_limit`). Its setting then stands. A library already back at its
        count (a restore interrupted part-way, finished now) is ours too."""
        ours = all(lib.num_threads in (1, n) for lib, n in found)
        if ours:
            _set_blas_threads(lambda: [lib.set_num_threads(n) for lib, n in found if n])
        # a 1 is not kept: a user's limit (or the package's 1 that one put back) in force
        self.before.update({id(lib): n for lib, n in found if isinstance(n, int) and n > 1})
        self.lowered = self.originals = None

    def found(self, lib: Any) -> Any:
        """``lib``'s count as the user left it. A user's ``threadpool_limits`` block begun in
        another thread while a fit held the limit (scikit-learn's KMeans holds BLAS at 1 so)
        recorded the package's 1 as the count to put back, and put it back on leaving after
        the last fit had left (whose restore it ignored, or outlived): BLAS at 1 for good,
        and every later fit on one worker. A 1 found with no thread's limit in force is
        taken for that one: the count the last fit out put back is read, and the next fit
        puts it back."""
        n = lib.num_threads
        state = _openblas_state()
        # before threadpoolctl 3.8 no thread is recorded as holding a limit: a user's
        # threadpool_limits(1) around a fit is then not told from the leftover, and is kept
        owner = getattr(state, "controlling_thread", None)
        if n != 1 or state is None or (owner is not None and owner.is_alive()):
            return n
        return self.before.get(id(lib), n)


_BLAS_LIMIT = _BlasLimit()


class _Token:
    """A fit's hold on the BLAS limit (weakly referable, unlike ``object()``)."""

    __slots__ = ("__weakref__",)


@contextmanager
def single_threaded_blas() -> Iterator[None]:
    """Limit BLAS to one thread meanwhile (threads then split rows, not products).

    The limit is process-wide: it holds from the first of any overlapping calls (in any
    thread) to the last one's exit, which restores the thread counts found by the first.
    It caps every thread's BLAS meanwhile, so it is held around a fit's scoring loop only,
    not around building the design or the inference that follows. A library that keeps a
    count per thread (see :func:`_per_thread`) is held by this thread and by the workers of
    the passes run meanwhile (:func:`run_split`), each for itself, and each given back its
    own count.
    """
    token, generation = _Token(), _BLAS_LIMIT.generation
    with _own_threads_lowered():
        try:
            _BLAS_LIMIT.enter(token)
            yield
        finally:
            _BLAS_LIMIT.leave(token, generation)


def _openblas_state() -> Any:
    """threadpoolctl's record (from 3.8) of the thread controlling OpenBLAS's count, if any."""
    return getattr(getattr(threadpoolctl, "OpenBLASController", None), "_SHARED_STATE", None)


def _per_thread(lib: Any) -> bool:
    """Whether a BLAS library keeps a thread count per calling thread: MKL (threadpoolctl
    sets it with ``MKL_Set_Num_Threads_Local``) and OpenBLAS built on OpenMP
    (``omp_set_num_threads``). One thread can neither lower nor restore another's count, so
    such a library is held by each thread that runs under the limit, for itself."""
    api = getattr(lib, "internal_api", None)
    return api == "mkl" or (api == "openblas" and getattr(lib, "threading_layer", "") == "openmp")


# The counts this thread had of the libraries that keep one per thread, by id, found by the
# outermost package limit in force here (None outside one): what the user allows, which a
# fit counting its workers inside the limit reads, and the sign, in a pass's workers (which
# run with the caller's context variables), that they are to hold their own counts too.
_OWN_FOUND: ContextVar[dict[int, Any] | None] = ContextVar("mnlogit_own_blas", default=None)


@contextmanager
def _own_threads_lowered() -> Iterator[None]:
    """Meanwhile, this thread's count of every library that keeps one per thread is one;
    each is given back the count it had (a user's ``threadpool_limits`` included)."""
    try:
        libs = [lib for lib in _blas_controller().lib_controllers if _per_thread(lib)]
    except Exception:  # threadpoolctl cannot inspect this platform's libraries
        libs = []
    if not libs:
        yield
        return
    found = [(lib, lib.num_threads) for lib in libs]
    outer = _OWN_FOUND.get()
    token = _OWN_FOUND.set({id(lib): n for lib, n in found} if outer is None else outer)
    try:
        for lib in libs:
            lib.set_num_threads(1)
        yield
    finally:
        for lib, n in found:
            if isinstance(n, int) and n > 0:
                lib.set_num_threads(n)
        _OWN_FOUND.reset(token)


def _held_originals() -> dict[str, int] | None:
    """While the package's own BLAS limit holds (a fit's passes, in any thread), the counts
    it replaced, by user API; None when it does not hold."""
    return _BLAS_LIMIT.originals


def _after_fork_in_child() -> None:
    """A forked child has only the thread that forked: the parent's pool workers and any
    fit holding a lock or the BLAS limit stayed behind. Work submitted to the parent's pool
    would wait forever, so the child starts a pool of its own when it first needs one (the
    values being computed are renewed in :mod:`mnlogit._once`)."""
    global _POOLS_LOCK
    _POOLS_LOCK = _reentrant_lock()
    _POOLS.clear()
    # threadpoolctl's lock on OpenBLAS's thread count (from 3.8), which it does not renew at
    # a fork: a thread of the parent setting a count at the fork (a fit, or a
    # threadpool_limits block of the program's) held it, and the child waited for it forever
    # when restoring the count a fit held, or at its own first fit
    shared = _openblas_state()
    if shared is not None and hasattr(shared, "lock"):
        shared.lock = threading.Lock()
    _BLAS_LIMIT.reset_in_child()
    # dask's threaded scheduler keeps its executors for the life of the process and does not
    # renew them at a fork: the child's first compute (a dask fit's first pass) queued its
    # tasks for the parent's threads and waited forever
    threaded = sys.modules.get("dask.threaded")
    if threaded is not None and isinstance(getattr(threaded, "pools", None), dict):
        threaded.pools.clear()
        vars(threaded).update(pools_lock=threading.Lock(), default_pool=None)


if hasattr(os, "register_at_fork"):  # POSIX; elsewhere there is no fork
    os.register_at_fork(after_in_child=_after_fork_in_child)
