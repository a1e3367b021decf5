"""What the command line's check for rows shorter than the header costs on a large file.

    python benchmarks/bench_cli_read.py            # 1e6 rows
    python benchmarks/bench_cli_read.py --rows 200000

It writes a CSV of an outcome of three levels and three numbers, twice: with every cell
filled, and with one cell of the last column empty, which is when the check reads the file
once more to count each row's fields. It prints the count's seconds and peak memory, and the
whole ``mnlogit fit`` command's seconds on each file: their difference is the check's cost.
Prints only; writes no results file.
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np
import pandas as pd

from mnlogit import _cli_text

LAYOUT = {"compression": None, "encoding": "utf-8", "skiprows": 0, "sep": ",", "engine": "c"}


def write(path: Path, rows: int, empty_cell: bool) -> None:
    rng = np.random.default_rng(0)
    df = pd.DataFrame(
        {
            "y": rng.choice(list("abc"), rows),
            "x1": rng.standard_normal(rows).round(4),
            "x2": rng.standard_normal(rows).round(4),
            "z": rng.standard_normal(rows).round(4),
        }
    )
    if empty_cell:
        df.loc[5, "z"] = np.nan
    df.to_csv(path, index=False)


def count(data: bytes) -> tuple[float, float]:
    def counted() -> list[tuple[int, int]]:
        return list(_cli_text.field_counts(lambda: io.BytesIO(data), LAYOUT, fewer=4))

    start = time.perf_counter()
    assert counted() == []  # no row is short
    seconds = time.perf_counter() - start
    tracemalloc.start()  # apart: tracing slows Python's loop
    counted()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return seconds, peak


def command(path: Path, repeats: int = 3) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "mnlogit", "fit", str(path), "y ~ x1 + x2 + z"],
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        full, gap = Path(folder, "full.csv"), Path(folder, "gap.csv")
        write(full, args.rows, empty_cell=False)
        write(gap, args.rows, empty_cell=True)
        data = gap.read_bytes()
        print(f"{args.rows:,} rows, {len(data) / 2**20:.0f} MiB")
        seconds, peak = count(data)
        print(f"  counting each row's fields: {seconds:.2f} s, peak {peak:.1f} MiB")
        print(f"  mnlogit fit, every cell filled (no check): {command(full):.2f} s")
        print(f"  mnlogit fit, one empty cell (checked): {command(gap):.2f} s")


if __name__ == "__main__":
    main()
