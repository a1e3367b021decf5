"""Averaged probabilities and slopes run BLAS on one thread, with unchanged numbers.

Their products are a few rows by p: BLAS's threads, spinning on a busy machine, made
margins(over=) of 150 levels x 6,000 rows take 20 s instead of 3 (see
benchmarks/bench_margins_over.py). The numbers are those mnlogit gave before (stored in
tests/reference/margins_over.json by make_margins_over.py).
"""

import json
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
import threadpoolctl

import mnlogit
from mnlogit import _scores

REFERENCE = Path(__file__).parent / "reference"
sys.path.insert(0, str(REFERENCE))
import make_margins_over  # noqa: E402

STORED = json.loads((REFERENCE / "margins_over.json").read_text())["cases"]


@pytest.fixture(scope="module")
def frame():
    return make_margins_over.data()


@pytest.mark.parametrize(("formula", "options"), make_margins_over.CASES)
def test_margins_over_keep_their_numbers(frame, formula, options):
    res = make_margins_over.fit(frame, formula, options)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = make_margins_over.tables(res)
    for table, columns in STORED[formula].items():
        for column, values in columns.items():
            np.testing.assert_allclose(
                found[table][column], values, rtol=1e-12, atol=0, err_msg=f"{table} {column}"
            )


def _blas_threads() -> list[int]:
    return [
        lib["num_threads"]
        for lib in threadpoolctl.threadpool_info()
        if lib.get("user_api") == "blas"
    ]


@pytest.mark.parametrize("kind", ["prob", "effect"])
def test_blas_runs_on_one_thread_in_the_averages(frame, kind, monkeypatch):
    res = mnlogit.fit("y ~ np.log(z) + x * g", frame)
    seen: list[list[int]] = []
    probabilities = _scores.new_row_probabilities

    def recording(X, B):
        seen.append(_blas_threads())
        return probabilities(X, B)

    monkeypatch.setattr(_scores, "new_row_probabilities", recording)
    with threadpoolctl.threadpool_limits(2, user_api="blas"):
        assert max(_blas_threads(), default=2) == 2  # threads BLAS could use meanwhile
        res.margins(over="g", kind=kind, variables="z" if kind == "effect" else None)
    assert seen
    assert all(n == [1] * len(n) for n in seen)
