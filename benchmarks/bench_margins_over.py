"""margins(over="g") of a factor of many levels: the current package against an earlier one.

    python benchmarks/bench_margins_over.py --before /tmp/old   # an extracted mnlogit/
    python benchmarks/bench_margins_over.py --quick            # the current package only

Each level sets g in every row (Stata's ``margins g``), so the work is levels x rows
encodings and averages. Both packages run in fresh processes, by turns (before, after,
before, ...), on the same data, and the median times and their ratio are printed.
"""

import argparse
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import time, warnings, numpy as np, pandas as pd, mnlogit
warnings.simplefilter("ignore")
rng = np.random.default_rng(0)
n, L = {rows}, {levels}
levels = [f"l{{i:03d}}" for i in range(L)]
df = pd.DataFrame({{"g": rng.choice(levels, n), "x": rng.normal(size=n)}})
df["y"] = rng.choice(["a", "b", "c"], n)
res = mnlogit.fit("y ~ x + g", df)
t = time.perf_counter()
res.margins(over="g")
print(time.perf_counter() - t)
"""


def run(path: Path, rows: int, levels: int) -> float:
    code = CHILD.format(rows=rows, levels=levels)
    env = {"PYTHONPATH": str(path), "PATH": "/usr/bin:/bin"}
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="a directory holding an earlier mnlogit/")
    parser.add_argument("--rows", type=int, default=6000)
    parser.add_argument("--levels", type=int, default=150)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="the current package, once")
    args = parser.parse_args()
    if args.quick or args.before is None:
        print(f"after: {run(ROOT, args.rows, args.levels):.2f} s")
        return
    before, after = [], []
    for _ in range(args.repeats):
        before.append(run(args.before, args.rows, args.levels))
        after.append(run(ROOT, args.rows, args.levels))
    b, a = statistics.median(before), statistics.median(after)
    print(f"{args.levels} levels x {args.rows} rows, median of {args.repeats}:")
    print(f"  before {b:.2f} s  after {a:.2f} s  ratio {b / a:.1f}x")


if __name__ == "__main__":
    main()
