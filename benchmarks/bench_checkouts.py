"""Fit time of two checkouts of mnlogit, by turns, on the same arrays.

    python benchmarks/bench_checkouts.py /path/to/old /path/to/new --reps 7

Each repeat runs one fresh process per checkout (``PYTHONPATH`` pointing at it), the two in
alternating order, so that a machine shared with other work slows both alike. A process
generates the data with a fixed seed (n rows, p standard-normal columns, K outcomes from a
multinomial logit of unit scale), fits ``mnlogit.MNLogit(y, X).fit()`` once to warm up, then
times ``--fits`` fits that read their standard errors, from the arrays and from a DataFrame
through a formula (``mnlogit.fit("y ~ x0 + ...", df)``, with an intercept: model building
included), and as many gradient and information passes at the estimates (one thread, BLAS's
too), and prints the fastest of each, wall-clock and CPU time (all threads): on a busy
machine the CPU time scatters less. The table gives the medians over the repeats.

    python benchmarks/bench_checkouts.py old new --sizes 10000,10,3 1000000,20,5
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CHILD = """
import sys, time
import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits
import mnlogit
from mnlogit import _fisher
n, p, K, fits = map(int, sys.argv[1:5])
rng = np.random.default_rng(0)
X = rng.standard_normal((n, p))
eta = X @ rng.standard_normal((p, K)) / np.sqrt(p)
eta[:, -1] = 0.0
y = np.argmax(eta + rng.gumbel(size=(n, K)), axis=1)
res = mnlogit.MNLogit(y, X).fit()
res.bse
B = np.ascontiguousarray(res.params.to_numpy()[:, : K - 1])
def best(f):
    wall = cpu = np.inf
    for _ in range(fits):
        t, c = time.perf_counter(), time.process_time()
        f()
        wall = min(wall, time.perf_counter() - t)
        cpu = min(cpu, time.process_time() - c)
    return wall, cpu
out = [*best(lambda: mnlogit.MNLogit(y, X).fit().bse)]
df = pd.DataFrame(X, columns=[f"x{j}" for j in range(p)]).assign(y=y)
formula = "y ~ " + " + ".join(f"x{j}" for j in range(p))
mnlogit.fit(formula, df).bse
out += best(lambda: mnlogit.fit(formula, df).bse)
with threadpool_limits(1):  # BLAS threads' spinning would count in the CPU time
    for level in (_fisher.SCORE, _fisher.INFO):
        out += best(lambda: _fisher.stats(X, y, None, B, level, threads=1))
print(*out)
"""

SIZES = [(100_000, 10, 5), (100_000, 200, 5)]


COLUMNS = ["fit + SEs", "formula fit + SEs", "gradient pass", "information pass"]


def _time(checkout: str, n: int, p: int, K: int, fits: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": checkout}
    args = [sys.executable, "-c", CHILD, str(n), str(p), str(K), str(fits)]
    out = subprocess.run(args, env=env, capture_output=True, text=True, check=True)
    return [float(v) for v in out.stdout.split()[-2 * len(COLUMNS) :]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--reps", type=int, default=7)
    parser.add_argument("--fits", type=int, default=3)
    parser.add_argument(
        "--sizes",
        nargs="+",
        default=[",".join(map(str, size)) for size in SIZES],
        help="n,p,K of each data set (default: %(default)s)",
    )
    args = parser.parse_args()
    print("| n x p, K | timed | old wall | new wall | new / old | old CPU | new CPU | new / old |")
    print("|---|---|---|---|---|---|---|---|")
    for n, p, K in (tuple(map(int, size.split(","))) for size in args.sizes):
        times: dict[str, list[list[float]]] = {args.old: [], args.new: []}
        for rep in range(args.reps):
            order = [args.old, args.new] if rep % 2 == 0 else [args.new, args.old]
            for checkout in order:
                times[checkout].append(_time(checkout, n, p, K, args.fits))
        for k, what in enumerate(COLUMNS):
            row = [f"{n:.0e} x {p}, {K}", what]
            for col in (2 * k, 2 * k + 1):  # wall, then CPU (all threads)
                old = statistics.median(t[col] for t in times[args.old])
                new = statistics.median(t[col] for t in times[args.new])
                row += [f"{old:.4f}", f"{new:.4f}", f"{new / old:.3f}"]
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
