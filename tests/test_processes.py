"""Results that cross processes: pickled here and loaded in a fresh interpreter, handed to
workers started by spawn, computed in a forked child; the lazily computed values work there
and give the numbers they give here."""

from __future__ import annotations

import copy
import multiprocessing
import os
import pickle
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import mnlogit

ROOT = Path(__file__).resolve().parent.parent


def _lazy_fit() -> mnlogit.MNLogitResults:
    """A fit that finishes in its L-BFGS phase: standard errors computed when first asked."""
    rng = np.random.default_rng(3)
    n, p, K = 1600, 12, 4
    X = rng.standard_normal((n, p))
    y = np.argmax(X @ (rng.standard_normal((p, K)) * 0.3) + rng.gumbel(size=(n, K)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)
    res = mnlogit.fit("y ~ " + " + ".join(df.columns[:p]), df)
    assert res._core.pending
    return res


def _numbers(res: mnlogit.MNLogitResults) -> dict[str, np.ndarray]:
    """What the results compute after the fit (module level: spawned workers import it)."""
    return {
        "bse": res.bse.to_numpy(),
        "margins": res.margins(at={"x0": [0.0, 1.0]}).to_frame()["std_error"].to_numpy(),
        "wald": np.array([res.wald_test("x1").statistic]),
    }


def _same(got: dict[str, np.ndarray], want: dict[str, np.ndarray]) -> None:
    assert got.keys() == want.keys()
    for key in want:
        np.testing.assert_array_equal(got[key], want[key], err_msg=key)


@pytest.mark.slow
def test_a_result_pickled_before_its_standard_errors_loads_in_a_fresh_interpreter(tmp_path):
    res = _lazy_fit()
    (tmp_path / "res.pkl").write_bytes(pickle.dumps(res))
    want = _numbers(res)
    script = (
        "import pickle, sys\n"
        "sys.path.insert(0, sys.argv[2])\n"
        "from test_processes import _numbers\n"
        "res = pickle.loads(open(sys.argv[1], 'rb').read())\n"
        "assert res._core.pending\n"
        "try:\n"
        "    res.alpha = 1\n"
        "except AttributeError:\n"
        "    pass\n"
        "else:\n"
        "    raise SystemExit('the loaded results took a new attribute')\n"
        "sys.stdout.buffer.write(pickle.dumps(_numbers(res)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "res.pkl"), str(ROOT / "tests")],
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, out.stderr.decode()
    _same(pickle.loads(out.stdout), want)


@pytest.mark.slow
@pytest.mark.parametrize("method", ["spawn", "fork"])
def test_workers_compute_a_results_lazy_values_as_the_parent_does(method):
    if method not in multiprocessing.get_all_start_methods():
        pytest.skip(f"no {method} start method here")
    res = _lazy_fit()
    with multiprocessing.get_context(method).Pool(2) as pool:
        got = pool.map(_numbers, [res, res])
    want = _numbers(res)
    for one in got:
        _same(one, want)


@pytest.mark.parametrize(
    "copy_", [lambda r: pickle.loads(pickle.dumps(r)), copy.deepcopy, copy.copy]
)
def test_a_fit_without_weights_is_pickled_and_copied_without_a_weight_per_row(copy_):
    # a fit given no weights weighs its rows by one value repeated (a view of a single 1.0);
    # pickle and deepcopy wrote out every element, 8 bytes a row (1.6 of a 25.8 MB pickle
    # at 200,000 rows), and the loaded fit kept them, writable
    n = 20_000
    rng = np.random.default_rng(0)
    df = pd.DataFrame({"x": rng.standard_normal(n), "y": rng.integers(0, 3, n)})
    res = mnlogit.fit("y ~ x", df)
    data = res._data
    kept = data.X.nbytes + data.y.nbytes + int(data.frame.memory_usage(deep=True).sum())
    assert len(pickle.dumps(res)) < kept + n  # the design, the codes, the raw columns
    again = copy_(res)
    assert again._data.w.strides == (0,) and not again._data.w.flags.writeable
    np.testing.assert_array_equal(again._data.w, np.ones(n))
    pd.testing.assert_frame_equal(again.bse, res.bse)
    assert str(again.summary()) == str(res.summary())
