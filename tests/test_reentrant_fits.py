"""A fit, or a read of a result's standard errors and summary, run by a signal handler (a
timeout's alarm, a handler that prints a summary) in the thread it interrupts, while that
thread holds one of the package's locks: it waited for that thread, that is for itself, for
ever. Each case runs in a child process, so that a hang fails within its timeout rather than
blocking the tests.

The signal is raised where the lock is held (from a stand-in called there), so that the
handler runs there every time; an alarm at a random moment hung one run in a few hundred."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(not hasattr(os, "kill"), reason="needs POSIX signals")

PRELUDE = """
import signal
import numpy as np
import pandas as pd
import threadpoolctl
import mnlogit
from mnlogit import _once, _parallel

rng = np.random.default_rng(0)
df = pd.DataFrame({"x": rng.normal(size=400), "z": rng.normal(size=400)})
df["y"] = rng.choice(list("abc"), 400)
handled = []


def handler(signum, frame):
    res = mnlogit.fit("y ~ x + z", df)
    handled.append(str(res.summary()).count("std err"))


signal.signal(signal.SIGUSR1, handler)
once = []


def signal_once():
    if not once:
        once.append(True)
        signal.raise_signal(signal.SIGUSR1)  # handled here, before the caller's next line
"""


def _run(script: str) -> str:
    code = PRELUDE + textwrap.dedent(script)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    try:
        proc = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the handler's fit waited for the fit it interrupted")
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


@pytest.mark.slow  # a Python subprocess
def test_a_handler_that_fits_while_a_value_is_being_registered():
    # the registry of values being computed (compute_once) held its lock
    out = _run(
        """
        class Pending(_once._Pending):
            def __init__(self):
                super().__init__()
                signal_once()

        _once._Pending = Pending
        res = mnlogit.fit("y ~ x + z", df)
        print(handled, res.bse.shape, not _once._ONCE)
        """
    )
    assert out.split() == ["[1]", "(3,", "2)", "True"]


@pytest.mark.slow  # a Python subprocess
def test_a_handler_that_fits_while_blas_is_being_lowered():
    # the BLAS limit held its lock while lowering the count; the handler's fit must also
    # neither restore the count under the fit it interrupted nor leave it lowered
    out = _run(
        """
        found = [i["num_threads"] for i in threadpoolctl.threadpool_info()]
        change = _parallel._set_blas_threads

        def lowering(action):
            out = change(action)
            signal_once()
            return out

        _parallel._set_blas_threads = lowering
        with _parallel.single_threaded_blas():
            inside = {i["num_threads"] for i in threadpoolctl.threadpool_info()}
        after = [i["num_threads"] for i in threadpoolctl.threadpool_info()]
        print(handled, inside <= {1}, after == found, len(_parallel._BLAS_LIMIT.holders))
        """
    )
    assert out.split() == ["[1]", "True", "True", "0"]


@pytest.mark.slow  # a Python subprocess
def test_a_handler_that_fits_while_the_pool_is_being_made():
    out = _run(
        """
        made = _parallel.ThreadPoolExecutor

        def pool(*args, **kwargs):
            signal_once()
            return made(*args, **kwargs)

        _parallel.ThreadPoolExecutor = pool
        _parallel._POOLS.clear()

        def handler(signum, frame):
            handled.append(_parallel.run_split(lambda k: k, 2))

        signal.signal(signal.SIGUSR1, handler)
        kept = _parallel.worker_pool(1)
        print(handled, _parallel.run_split(lambda k: 10 * k, 2), kept is _parallel._POOLS[1])
        """
    )
    assert out.split() == ["[[0,", "1]]", "[0,", "10]", "True"]
