"""The separation check's tall linear programs: whole, and by row generation.

    python benchmarks/bench_separation.py                 # 3000 x 25 and 10000 x 25
    python benchmarks/bench_separation.py 3000:25 20000:40
    python benchmarks/bench_separation.py --wide 3000:600   # not separated, 600 columns

Each size n:K is one data set (a fixed seed): an outcome of K levels, six of them rare (a few
rows each, so that some are separated), a factor of 10 levels and 10 standard-normal
columns, fitted as ``y ~ C(g) + x0 + ... + x9``: the check's programs have n (K' - 1)
inequalities on 20 (K' - 1) variables, K' the levels drawn. The script times the fit (the
check included) with the programs solved whole, as they are below
``mnlogit._row_generation.TALL_ROWS``, and by row generation, alternating the order, and
prints both with what each found (kind, rows on the boundary, the log-likelihood).

``--wide n:p``: ``check_separation`` on data that are not separated, n rows of p
standard-normal columns and an outcome of 4 levels drawn at random (the data of
``tests/test_separation_proof.py``), where the programs would be large: timed as it runs
(a maximum-likelihood fit whose probabilities prove the data not separated, see
``mnlogit._separation_proof``) and with the programs run whatever their size, as before
that proof; both must answer None.
"""

from __future__ import annotations

import sys
import time
import warnings

import numpy as np
import pandas as pd

import mnlogit
from mnlogit import _row_generation, _separation_proof


def data(n: int, K: int) -> tuple[str, pd.DataFrame]:
    rng = np.random.default_rng(5)
    p = np.r_[np.full(K - 6, 1.0), [0.002, 0.002, 0.003, 0.005, 0.01, 0.01]]
    p /= p.sum()
    df = pd.DataFrame({"y": rng.choice([f"r{i}" for i in range(K)], n, p=p)})
    df["g"] = rng.choice(list("abcdefghij"), n)
    for i in range(10):
        df[f"x{i}"] = rng.normal(size=n)
    return "y ~ C(g) + " + " + ".join(f"x{i}" for i in range(10)), df


def timed(formula: str, df: pd.DataFrame, whole: bool) -> tuple[float, str]:
    saved = _row_generation.TALL_ROWS
    _row_generation.TALL_ROWS = sys.maxsize if whole else saved
    try:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = mnlogit.fit(formula, df)
        seconds = time.perf_counter() - start
    finally:
        _row_generation.TALL_ROWS = saved
    sep = res.separation
    found = "none" if sep is None else f"{sep.kind}, {len(sep.rows)} rows on the boundary"
    return seconds, f"{found}, llf {res.llf:.6f}"


def wide(n: int, p: int) -> tuple[str, pd.DataFrame]:
    rng = np.random.default_rng(0)
    df = pd.DataFrame(rng.normal(size=(n, p)), columns=[f"x{j}" for j in range(p)])
    df["y"] = rng.choice([f"k{j}" for j in range(4)], n)
    return "y ~ " + " + ".join(df.columns[:-1]), df


def checked(formula: str, df: pd.DataFrame, proof: bool) -> tuple[float, object]:
    saved = _separation_proof.PROOF_FROM
    _separation_proof.PROOF_FROM = saved if proof else sys.maxsize
    try:
        start = time.perf_counter()
        found = mnlogit.check_separation(formula, df)
        return time.perf_counter() - start, found
    finally:
        _separation_proof.PROOF_FROM = saved


def main_wide(sizes: list[str]) -> None:
    for size in sizes:
        n, p = (int(v) for v in size.split(":"))
        formula, df = wide(n, p)
        got = {proof: checked(formula, df, proof) for proof in (True, False)}
        print(f"n={n} p={p}, 4 outcomes, not separated: check_separation")
        for proof, label in [(True, "fit's proof"), (False, "programs")]:
            seconds, found = got[proof]
            print(f"  {label:15s} {seconds:7.1f} s  (answer: {found})")


def main(sizes: list[str]) -> None:
    for i, size in enumerate(sizes):
        n, K = (int(v) for v in size.split(":"))
        formula, df = data(n, K)
        order = [True, False] if i % 2 == 0 else [False, True]
        got = {whole: timed(formula, df, whole) for whole in order}
        q = df["y"].nunique() - 1  # levels not drawn at all are not the fit's
        print(f"n={n} K={K}: programs of {n * q} x {20 * q}")
        for whole, label in [(True, "whole programs"), (False, "row generation")]:
            seconds, found = got[whole]
            print(f"  {label:15s} {seconds:7.1f} s  ({found})")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--wide"]:
        main_wide(sys.argv[2:] or ["3000:600"])
    else:
        main(sys.argv[1:] or ["3000:25", "10000:25"])
