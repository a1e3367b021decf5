"""The IIA tables of a model with many outcomes: seconds per ``iia_table`` and method.

    python benchmarks/bench_iia_table.py --levels 30 --rows 40000 --columns 10

Outcomes drawn under IIA from random coefficients on standard normal columns (seed 1); the
model is fitted once and each table is timed on it (wall clock and this process's CPU).
Small-Hsiao fits the full model to each random half once per table, not once per level.
"""

from __future__ import annotations

import argparse
import time
import warnings

import numpy as np
import pandas as pd

import mnlogit


def make_data(levels: int, rows: int, columns: int, seed: int = 1) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(rows, columns))
    beta = rng.normal(scale=0.3, size=(columns, levels))
    beta[:, 0] = 0.0
    P = np.exp(X @ beta)
    P /= P.sum(axis=1, keepdims=True)
    y = (rng.random(rows)[:, None] > P.cumsum(axis=1)).sum(axis=1)
    df = pd.DataFrame(X, columns=[f"x{j}" for j in range(columns)])
    return df.assign(y=[f"L{c:02d}" for c in y])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, default=30)
    parser.add_argument("--rows", type=int, default=40000)
    parser.add_argument("--columns", type=int, default=10)
    parser.add_argument("--methods", default="small-hsiao,hausman,suest")
    args = parser.parse_args()
    df = make_data(args.levels, args.rows, args.columns)
    formula = "y ~ " + " + ".join(c for c in df if c != "y")
    res = mnlogit.fit(formula, df)
    print(f"{args.levels} outcomes, {args.rows} rows, {args.columns} columns")
    for method in args.methods.split(","):
        options = {"seed": 3} if method == "small-hsiao" else {}
        wall, cpu = time.perf_counter(), time.process_time()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # (tests not computed are counted below)
            table = res.iia_table(method=method, **options)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        missing = int(table["statistic"].isna().sum())
        print(f"{method:12s} {wall:7.2f} s wall {cpu:7.2f} s CPU ({missing} not computed)")


if __name__ == "__main__":
    main()
