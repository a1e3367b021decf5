"""Fit time with a factor held as text, pandas' str against Python objects, in two checkouts.

    mkdir -p /tmp/old && git archive <commit> mnlogit | tar -x -C /tmp/old
    python benchmarks/bench_text_columns.py /tmp/old . --reps 5

A column of objects is read for the kinds of its values (words, numbers written as text,
blank cells) over all its distinct values; this measures what that costs a fit of
``y ~ x + g`` at 1e6 rows (g of five levels), with ``g`` and ``y`` as pandas' str and as
objects. Each repeat runs one fresh process per checkout, in alternating order, and takes
the fastest of three fits; the table gives the medians over the repeats. Prints only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys

CHILD = """
import time, numpy as np, pandas as pd, mnlogit
rng = np.random.default_rng(0)
n = {rows}
df = pd.DataFrame({{"y": rng.choice(list("abc"), n), "x": rng.standard_normal(n),
                   "g": rng.choice(list("pqrst"), n)}})
for name, data in (("str", df), ("object", df.astype({{"g": object, "y": object}}))):
    best = min(
        (lambda t: (mnlogit.fit("y ~ x + g", data), time.perf_counter() - t)[1])(
            time.perf_counter()
        )
        for _ in range(3)
    )
    print(name, best)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("checkouts", nargs=2, help="two folders holding mnlogit/")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    times: dict[tuple[str, str], list[float]] = {}
    for rep in range(args.reps):
        order = args.checkouts if rep % 2 == 0 else args.checkouts[::-1]
        for folder in order:
            env = {**os.environ, "PYTHONPATH": os.path.abspath(folder)}
            out = subprocess.run(
                [sys.executable, "-c", CHILD.format(rows=args.rows)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            for line in out.splitlines():
                name, seconds = line.split()
                times.setdefault((folder, name), []).append(float(seconds))
    print("| checkout | g and y as | fit s (median of the fastest) |")
    print("|---|---|---|")
    for (folder, name), values in times.items():
        print(f"| {folder} | {name} | {statistics.median(values):.3f} |")


if __name__ == "__main__":
    main()
