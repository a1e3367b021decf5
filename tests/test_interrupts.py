"""A fit interrupted by an exception a signal handler raises (Ctrl-C's KeyboardInterrupt, a
timeout's alarm) wherever it lands: the BLAS thread counts are the user's again, by the
end of the next fit at the latest, and the next fit gives the same numbers."""

import gc

import numpy as np
import pytest
import test_parallel
from test_parallel import _blas_threads, _data

import mnlogit
from mnlogit import _parallel

blas_at_3 = test_parallel.blas_at_3  # BLAS at 3 threads meanwhile


def _blas_libraries() -> list:
    return [lib for lib in _parallel._blas_controller().lib_controllers if lib.user_api == "blas"]


def _once(action):
    """A replacement that runs ``action`` and raises KeyboardInterrupt, the first time."""
    done = []

    def replacement(*args, **kwargs):
        out = action(*args, **kwargs)
        if not done:
            done.append(True)
            raise KeyboardInterrupt
        return out

    return replacement


def test_an_interrupt_while_blas_is_lowered_puts_its_count_back(blas_at_3, monkeypatch):
    # interrupted once a library was at one thread, before the fit was counted in: the
    # count stayed at 1 for the rest of the process, and every later fit ran on one worker
    df = _data(600)
    want = mnlogit.fit("y ~ x + z", df, threads=1).params
    lib = next(
        lib for lib in _parallel._blas_controller().lib_controllers if lib.user_api == "blas"
    )
    monkeypatch.setattr(lib, "set_num_threads", _once(lib.set_num_threads))
    with pytest.raises(KeyboardInterrupt):
        mnlogit.fit("y ~ x + z", df, threads=1)
    assert _blas_threads() == blas_at_3
    monkeypatch.undo()
    assert mnlogit.fit("y ~ x + z", df, threads=1).params.equals(want)
    assert _blas_threads() == blas_at_3


def test_a_fit_interrupted_before_it_could_leave_is_let_go(blas_at_3, monkeypatch):
    # interrupted at the start of its finally block: the fit stayed counted in for good,
    # so no later fit restored the count (1 for the rest of the process)
    df = _data(600)
    want = mnlogit.fit("y ~ x + z", df, threads=1).params
    leave = _parallel._BLAS_LIMIT.leave
    monkeypatch.setattr(_parallel._BLAS_LIMIT, "leave", _once(lambda *args: None))
    with pytest.raises(KeyboardInterrupt):
        mnlogit.fit("y ~ x + z", df, threads=1)
    monkeypatch.setattr(_parallel._BLAS_LIMIT, "leave", leave)
    gc.collect()  # the fit's hold goes with its frames, which its traceback kept meanwhile
    assert mnlogit.fit("y ~ x + z", df, threads=1).params.equals(want)
    assert _blas_threads() == blas_at_3
    assert _parallel._held_originals() is None  # no fit holds the limit


def test_an_interrupted_restore_is_finished_by_the_next_fit(blas_at_3, monkeypatch):
    df = _data(600)
    want = mnlogit.fit("y ~ x + z", df, threads=1).params
    libs = _blas_libraries()
    restoring = []

    def set_num_threads(lib, original):
        def replacement(n):
            if n != 1 and not restoring:  # the restore: interrupted before any library
                restoring.append(n)
                raise KeyboardInterrupt
            return original(n)

        return replacement

    for lib in libs:
        monkeypatch.setattr(lib, "set_num_threads", set_num_threads(lib, lib.set_num_threads))
    with pytest.raises(KeyboardInterrupt):
        mnlogit.fit("y ~ x + z", df, threads=1)
    monkeypatch.undo()
    assert np.array_equal(mnlogit.fit("y ~ x + z", df, threads=1).params, want)
    assert _blas_threads() == blas_at_3
