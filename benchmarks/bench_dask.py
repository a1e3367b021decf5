"""Fit a multinomial logit to Parquet data larger than any one worker's memory, with Dask.

Writes ``--rows`` rows x ``--predictors`` standard-normal predictors with an outcome of
``--outcomes`` levels drawn from a known multinomial logit (fixed seed, generated file by file
so the generator never holds more than one file), then fits ``y ~ x1 + ... + xP`` on a
LocalCluster of ``--workers`` single-threaded worker processes, each with ``--memory-limit``.
Reports the wall time, the passes over the data, the iterations, every worker's peak resident
memory (from the kernel: ``ru_maxrss`` of the worker process), the largest error against the
true coefficients in standard errors, and the in-memory fit time on the first ``--subset``
rows. Prints a Markdown section for benchmarks/RESULTS_dask.md, which bench_fit.py appends to
benchmarks/RESULTS.md.

Each fit is reported with its passes over the data (every pass reads and encodes every
partition: counted from the encoding tasks, and as the fit's verbose output states them) and
its time, for coefficients alone and with standard errors, after an untimed fit of
``y ~ x1`` that warms the workers up. ``--compare`` also fits by the
other route (Fisher scoring or L-BFGS on gradient passes, whichever the fit did not choose).

    python benchmarks/bench_dask.py                  # 2e7 x 20 x 5, ~3.4 GB of Parquet
    python benchmarks/bench_dask.py --quick          # 2e5 rows in 8 files: under a minute
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import platform
import re
import resource
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

SEED = 20240611


def true_coefficients(p: int, q: int) -> np.ndarray:
    """(p + 1, q) coefficients, intercepts first; the reference's column is zero."""
    rng = np.random.default_rng(SEED)
    B = rng.normal(0.0, 0.25, size=(p + 1, q))
    B[0] = rng.normal(0.0, 0.5, size=q)
    return B


def write_parquet(folder: Path, rows: int, p: int, k: int, rows_per_file: int) -> int:
    """Files of ``rows_per_file`` rows; the outcome is the reference (0) or 1..k-1."""
    B = true_coefficients(p, k - 1)
    names = [f"x{j + 1}" for j in range(p)]
    n_files = -(-rows // rows_per_file)
    for f in range(n_files):
        m = min(rows_per_file, rows - f * rows_per_file)
        rng = np.random.default_rng([SEED, f])
        X = rng.standard_normal((m, p))
        eta = np.zeros((m, k))
        eta[:, 1:] = B[0] + X @ B[1:]
        y = (eta + rng.gumbel(size=(m, k))).argmax(axis=1)  # Gumbel-max: multinomial logit
        table = pa.table({"y": y.astype(np.int64), **{n: X[:, j] for j, n in enumerate(names)}})
        pq.write_table(table, folder / f"part-{f:04d}.parquet", row_group_size=rows_per_file)
    return n_files


def peak_rss_mb() -> float:
    """This process's peak resident memory in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_fit(client, ddf, formula, other_than=None):
    """Fit, then its HC0 standard errors: the route, the times and passes of both steps and
    the fit's own count. ``other_than``: the route of a first fit, which this one avoids."""
    from distributed import get_task_stream

    import mnlogit
    from mnlogit import _dask_data

    keep = _dask_data.DaskModelData.quasi_newton_min
    if other_than is not None:
        _dask_data.DaskModelData.quasi_newton_min = 10**9 if "L-BFGS" in other_than else 1
    out = io.StringIO()
    try:
        t0 = time.perf_counter()
        with get_task_stream(client) as fit_tasks, contextlib.redirect_stdout(out):
            res = mnlogit.fit(formula, ddf, ref=0, cov_type="robust", verbose=True)
        t_fit = time.perf_counter() - t0
        with get_task_stream(client) as bse_tasks, contextlib.redirect_stdout(out):
            bse = res.bse  # the information (when deferred) and the sandwich's meat
        t_bse = time.perf_counter() - t0
    finally:
        _dask_data.DaskModelData.quasi_newton_min = keep

    def passes(stream):  # every pass runs one task per partition through the encoder
        return sum("_encode" in str(t["key"]) for t in stream.data) // ddf.npartitions

    reads = passes(fit_tasks), passes(fit_tasks) + passes(bse_tasks)
    text = out.getvalue()
    header = next((line for line in text.splitlines() if "parameters;" in line), "")
    route = "L-BFGS, then the information" if "L-BFGS" in header else "Fisher scoring"
    said = re.search(r"(\d+ pass(?:es)? over the data[^\n]*)", text)
    run = dict(
        route=route,
        t_fit=t_fit,
        t_bse=t_bse,
        reads=reads,
        said=said[1] if said else "?",
        n_iter=res.n_iter,
        converged=res.converged,
    )
    print(
        f"{route}: coefficients {t_fit:.1f} s, {reads[0]} passes; with HC0 standard errors "
        f"{t_bse:.1f} s, {reads[1]} passes; the fit says: {run['said']}",
        flush=True,
    )
    return res, bse, run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=float, default=2e7)
    ap.add_argument("--predictors", type=int, default=20)
    ap.add_argument("--outcomes", type=int, default=5)
    ap.add_argument("--rows-per-file", type=float, default=2.5e5)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--memory-limit", default="1.5GB", help="per worker")
    ap.add_argument("--subset", type=float, default=2e6, help="rows of the in-memory fit")
    ap.add_argument("--dir", default=None, help="where to write the Parquet files (temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the Parquet files")
    ap.add_argument("--quick", action="store_true", help="2e5 rows in files of 2.5e4")
    ap.add_argument("--compare", action="store_true", help="also fit by the other route")
    args = ap.parse_args()
    if args.quick:
        args.rows, args.rows_per_file, args.subset = 2e5, 2.5e4, 2e5

    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import mnlogit

    rows, p, k = int(args.rows), args.predictors, args.outcomes
    folder = Path(tempfile.mkdtemp(prefix="mnlogit-bench-", dir=args.dir))
    try:
        t0 = time.perf_counter()
        n_files = write_parquet(folder, rows, p, k, int(args.rows_per_file))
        t_write = time.perf_counter() - t0
        on_disk = sum(f.stat().st_size for f in folder.iterdir()) / 1e9
        in_memory = rows * (p + 1) * 8 / 1e9
        formula = "y ~ " + " + ".join(f"x{j + 1}" for j in range(p))
        print(
            f"wrote {n_files} files, {on_disk:.2f} GB on disk ({in_memory:.2f} GB as float64) "
            f"in {t_write:.0f} s",
            flush=True,
        )

        with (
            LocalCluster(
                n_workers=args.workers,
                threads_per_worker=1,
                processes=True,
                memory_limit=args.memory_limit,
                dashboard_address=None,
            ) as cluster,
            Client(cluster) as client,
        ):
            ddf = dd.read_parquet(str(folder))
            # the workers' imports and first tasks, not charged to the first route timed
            mnlogit.fit("y ~ x1", ddf, ref=0).summary()
            res, bse, first = timed_fit(client, ddf, formula)
            runs = [first]
            if args.compare:
                runs.append(timed_fit(client, ddf, formula, other_than=first["route"])[2])
            peaks = client.run(peak_rss_mb)
        B = true_coefficients(p, k - 1)
        z_err = np.abs((res.params.to_numpy() - B) / bse.to_numpy()).max()

        sub = int(min(args.subset, rows))
        files = sorted(folder.iterdir())[: -(-sub // int(args.rows_per_file))]
        df = pd.concat([pd.read_parquet(f) for f in files], ignore_index=True).iloc[:sub]
        t0 = time.perf_counter()
        mem = mnlogit.fit(formula, df, ref=0)
        t_mem = time.perf_counter() - t0
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    peak_text = ", ".join(f"{v:.0f}" for v in peaks.values())
    route_rows = "".join(
        f"| {r['route']}: coefficients only, wall time and passes | {r['t_fit']:.1f} s, "
        f"{r['reads'][0]} passes |\n"
        f"| {r['route']}: with HC0 standard errors, wall time and passes | "
        f"{r['t_bse']:.1f} s, {r['reads'][1]} passes |\n"
        f"| {r['route']}: the fit's own count (verbose; before the standard errors) | "
        f"{r['said']} |\n"
        f"| {r['route']}: iterations (`res.n_iter`), converged | {r['n_iter']}, "
        f"{r['converged']} |\n"
        for r in runs
    )
    print(f"""
## {rows:.3g} rows x {p} predictors x {k} outcomes, Parquet, LocalCluster

Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python
{platform.python_version()}; {args.workers} worker processes x 1 thread, memory limit
{args.memory_limit} each. Data: {n_files} Parquet files, {on_disk:.2f} GB on disk,
{in_memory:.2f} GB as float64 (outcome + predictors).

| quantity | value |
|---|---|
{route_rows}| peak resident memory per worker (MB) | {peak_text} |
| largest error vs true coefficients | {z_err:.2f} standard errors |
| in-memory fit, first {sub:.3g} rows (pandas) | {t_mem:.1f} s, {mem.n_iter} iterations |
| writing the Parquet files | {t_write:.0f} s |
""")


if __name__ == "__main__":
    main()
