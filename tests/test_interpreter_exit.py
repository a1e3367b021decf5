"""Fits that run while the interpreter shuts down: in a thread the program started and left
running when its main thread returned, or in an atexit handler. Python's thread pools take
no more work by then; the fit still finishes, with its numbers. Each case runs in a fresh
interpreter, with a timeout."""

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

PRELUDE = """
import atexit, threading, time, warnings
import numpy as np, pandas as pd
import mnlogit
from mnlogit import _parallel
warnings.simplefilter("ignore")
rng = np.random.default_rng(1)
n = 50_000
df = pd.DataFrame({"x": rng.normal(size=n), "z": rng.normal(size=n),
                   "g": rng.choice(list("abcdefgh"), n)})
df["y"] = rng.choice(list("ABCD"), n)
want = mnlogit.fit("y ~ x*g + z", df)

def job():
    time.sleep(0.2)  # the main thread has returned by then
    # three parts whatever the cores: the pool is asked for two workers
    assert _parallel.run_split(lambda k: k * k, 3) == [0, 1, 4]
    res = mnlogit.fit("y ~ x*g + z", df)
    assert res.llf == want.llf and res.bse.equals(want.bse), "other numbers"
    print("fitted", flush=True)
"""

STARTS = {
    "thread": "threading.Thread(target=job).start()",
    "atexit": "atexit.register(job)",
}


DASK = """
import dask.dataframe as dd
ddf = dd.from_pandas(df, npartitions=4)

def job():
    time.sleep(0.2)
    res = mnlogit.fit("y ~ x*g + z", ddf)
    assert abs(res.llf - want.llf) < 1e-8 * abs(want.llf), (res.llf, want.llf)
    print("fitted", flush=True)
"""


@pytest.mark.slow
@pytest.mark.parametrize("backend", ["pandas", "dask"])
@pytest.mark.parametrize("start", STARTS)
def test_a_fit_while_the_interpreter_shuts_down_finishes(start, backend):
    # it ended in "RuntimeError: cannot schedule new futures after interpreter shutdown"
    # from the worker pool's submit, at the first pass split between threads (dask's
    # threaded scheduler's pool, for a dask DataFrame)
    if backend == "dask":
        pytest.importorskip("dask.dataframe")
    extra = DASK if backend == "dask" else ""
    script = textwrap.dedent(PRELUDE) + textwrap.dedent(extra) + STARTS[start] + "\n"
    out = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout == "fitted\n", out.stderr
    assert "Traceback" not in out.stderr, out.stderr
