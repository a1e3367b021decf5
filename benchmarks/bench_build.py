"""Building a wide model from the three forms a design arrives in, against the fit.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_build.py

At 1e5 rows, p = 500 and 1000 numeric predictors and K = 5 (bench_fit.make_data), the design's
copy into the model's row-major array from a C-ordered array, from a Fortran-ordered one (what
``DataFrame.to_numpy`` gives) and from the DataFrame's columns (what a formula of plain
columns reads), each alone (``_design_fill``) and as part of the model's build
(``MNLogit(y, X)`` and ``MNLogit.from_formula``), with the fit's coefficients for scale and
scikit-learn's lbfgs at its default tolerance on the same array. The forms alternate, so a
busy moment of the machine falls on each alike. Prints a markdown table of medians in seconds.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fit import formula_of, make_data

import mnlogit
from mnlogit import _design_fill


def _seconds(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def case(p: int, n: int, reps: int) -> dict[str, float]:
    from sklearn.linear_model import LogisticRegression

    df = make_data(n, p, 5)
    names = [f"x{j + 1}" for j in range(p)]
    F = df[names].to_numpy()
    C = np.ascontiguousarray(F)
    columns = [df[c].to_numpy() for c in names]
    y = df["y"].to_numpy()
    formula = formula_of(p)
    jobs: dict[str, Callable[[], object]] = {
        "copy, C-ordered array": lambda: _design_fill.row_major_copy(C),
        "copy, Fortran-ordered array": lambda: _design_fill.row_major_copy(F),
        "copy, DataFrame columns": lambda: _design_fill._row_major(columns, n),
        "MNLogit(y, X), C-ordered": lambda: mnlogit.MNLogit(y, C),
        "MNLogit(y, X), Fortran-ordered": lambda: mnlogit.MNLogit(y, F),
        "MNLogit.from_formula(formula, df)": lambda: mnlogit.MNLogit.from_formula(formula, df),
    }
    times: dict[str, list[float]] = {k: [] for k in jobs}
    for _ in range(reps):  # alternating, one of each per round
        for label, job in jobs.items():
            times[label].append(_seconds(job))
    out = {k: statistics.median(v) for k, v in times.items()}
    model = mnlogit.MNLogit.from_formula(formula, df)
    out["fit, coefficients (after the build)"] = _seconds(lambda: model.fit().params)
    sk = LogisticRegression(max_iter=10_000)
    out["scikit-learn lbfgs, default tol"] = _seconds(lambda: sk.fit(C, y))
    return out


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=float, default=1e5)
    ap.add_argument("--p", type=int, nargs="+", default=[500, 1000])
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args(argv)
    mnlogit.MNLogit(np.arange(100) % 3, np.random.default_rng(0).random((100, 3))).fit()
    results = {p: case(p, int(args.rows), args.reps) for p in args.p}
    print(f"| n = {int(args.rows):,}, K = 5 | " + " | ".join(f"p = {p}" for p in args.p) + " |")
    print("|---|" + "---|" * len(args.p))
    for label in results[args.p[0]]:
        print(f"| {label} | " + " | ".join(f"{results[p][label]:.3f}" for p in args.p) + " |")


if __name__ == "__main__":
    main()
