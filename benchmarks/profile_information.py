"""What one chunk of the information pass costs on one core, by way of summing it.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/profile_information.py
    python benchmarks/profile_information.py --shape 51,9 --rows 918

For each (p columns, q equations), on a chunk of random rows with BLAS held to one thread, it
times the three ways :class:`mnlogit._fisher._Sums` can accumulate sum_i W_i (x) x_i x_i'
(stacked, by equation, unique entries; the fit picks one by p and q), each in nanoseconds per
row and as GFLOP/s of the multiply-adds that way does. For the unique-entry way it splits the
chunk's time into building the column products x_a x_b and the product with the outcome pairs'
weights, and times that product alone on ready columns: the floor of this way without a
compiled kernel that builds the products inside the product. It explains why issue #21's
information pass at 1e6 x 50 x 10 stays near 60% of the product's rate; it sets no target.
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable

import numpy as np
from threadpoolctl import threadpool_limits

from mnlogit import _fisher
from mnlogit._pairs import pair_layout

WAYS = {  # (PAIRWISE_MIN_Q, BY_EQUATION_MIN_COLUMNS) that make _Sums take each way
    "stacked": (10**9, 10**9),
    "by equation": (10**9, 0),
    "unique entries": (0, 10**9),
}


def best(f: Callable[[], object], repeats: int = 15) -> float:
    out = np.inf
    for _ in range(repeats):
        t = time.perf_counter()
        f()
        out = min(out, time.perf_counter() - t)
    return out


def multiply_adds(way: str, p: int, q: int) -> float:
    """Per row: what each way multiplies and adds (the symmetric products counted once)."""
    if way == "unique entries":
        return q * (q + 1) / 2 * p * (p + 1) / 2
    if way == "by equation":
        return q * p * p / 2 + q * (q - 1) * p * p / 2
    return (q * p) ** 2 / 2 + q * p * p


def run(p: int, q: int, m: int) -> None:
    rng = np.random.default_rng(0)
    X = rng.standard_normal((m, p))
    P = rng.dirichlet(np.ones(q + 1), size=m).T[:q].copy()  # (q, m) probabilities
    line = [f"p={p} q={q}, {m} rows:"]
    saved = _fisher.PAIRWISE_MIN_Q, _fisher.BY_EQUATION_MIN_COLUMNS
    try:
        for way, (pairwise, by_equation) in WAYS.items():
            _fisher.PAIRWISE_MIN_Q, _fisher.BY_EQUATION_MIN_COLUMNS = pairwise, by_equation
            sums = _fisher._Sums(p, q, _fisher.INFO, _fisher.Scratch())
            t = best(functools.partial(sums.add_information, X, P, None, None))
            rate = 2 * multiply_adds(way, p, q) * m / t / 1e9
            line.append(f"{way} {t / m * 1e9:.0f} ns/row ({rate:.0f} GFLOP/s)")
    finally:
        _fisher.PAIRWISE_MIN_Q, _fisher.BY_EQUATION_MIN_COLUMNS = saved
    print("  ".join(line))

    ja, _, offsets, _, _ = pair_layout(p, q)
    XT = np.ascontiguousarray(X.T)
    V = np.empty((offsets[-1], m))
    omega = rng.standard_normal((len(ja), m))
    out = np.empty((len(ja), offsets[-1]))

    def build() -> None:
        for a in range(p):
            np.multiply(XT[a], XT[a:], out=V[offsets[a] : offsets[a + 1]])

    t_build = best(build)
    t_product = best(lambda: np.dot(omega, V.T, out=out))
    rate = 2 * len(ja) * offsets[-1] * m / t_product / 1e9
    print(
        f"  unique entries: building the column products {t_build * 1e3:.2f} ms, their "
        f"product with the pairs' weights alone {t_product * 1e3:.2f} ms ({rate:.0f} GFLOP/s)"
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--shape",
        action="append",
        help="p,q (columns with the intercept, equations); default 11,2 21,4 51,4 21,9 51,9",
    )
    ap.add_argument("--rows", type=int, default=0, help="rows per chunk (default: the fit's)")
    args = ap.parse_args(argv)
    shapes = args.shape or ["11,2", "21,4", "51,4", "21,9", "51,9"]
    with threadpool_limits(1):
        for shape in shapes:
            p, q = map(int, shape.split(","))
            run(p, q, args.rows or _fisher._pass_rows(p, q, _fisher.INFO))


if __name__ == "__main__":
    main()
