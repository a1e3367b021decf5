"""Secondary operations at scale, each as a ratio to the fit it follows: predictions,
marginal effects, per-term likelihood-ratio tests (anova), a Hausman IIA test, and robust and
cluster-robust fits.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_secondary.py
    python benchmarks/bench_secondary.py --quick          # 1e5 rows

The data are bench_fit.make_data's (default 1e6 rows x 20 predictors x 5 outcomes) with a
cluster identifier of 1,000 clusters. Each operation is timed on a fresh fit's results
(median of ``--reps``), with the fit (formula and standard errors included) timed beside it.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fit import make_data, wait_for_quiet


def operations(formula: str, df, level) -> dict:
    """name -> function of fresh results (or of nothing, for the fits) that does the work."""
    import mnlogit

    return {
        "fit (with SEs)": lambda res: mnlogit.fit(formula, df).bse,
        "predict(newdata)": lambda res: res.predict(df),
        "marginal_effects()": lambda res: res.marginal_effects(),
        "anova() (type II)": lambda res: res.anova(),
        f"iia_test({level!r})": lambda res: res.iia_test(level),
        "robust fit (with SEs)": lambda res: mnlogit.fit(formula, df, cov_type="robust").bse,
        "cluster fit (with SEs)": lambda res: (
            mnlogit.fit(formula, df, cov_type="cluster", groups="cluster").bse
        ),
    }


def run(n: int, p: int, K: int, reps: int, max_busy: float | None, log) -> dict[str, float]:
    import mnlogit

    df = make_data(n, p, K)
    df["cluster"] = np.arange(n) % 1000
    formula = "y ~ " + " + ".join(f"x{j + 1}" for j in range(p))
    level = sorted(df["y"].unique())[-1]
    ops = operations(formula, df, level)
    times: dict[str, list[float]] = {name: [] for name in ops}
    for r in range(reps):
        for name, op in ops.items():
            res = mnlogit.fit(formula, df)
            res.bse  # noqa: B018 (the operation starts from a fit with its standard errors)
            wait_for_quiet(max_busy, log)
            t = time.perf_counter()
            op(res)
            times[name].append(time.perf_counter() - t)
            log(f"  rep {r + 1} {name:24s} {times[name][-1]:8.3f} s")
    return {name: statistics.median(v) for name, v in times.items()}


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1e5 rows")
    ap.add_argument("--rows", type=float, default=None)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--max-busy", type=float, default=None)
    ap.add_argument("--output", type=Path, default=None)
    args = ap.parse_args(argv)
    n = int(args.rows or (1e5 if args.quick else 1e6))
    load = os.getloadavg()
    med = run(n, 20, 5, args.reps, args.max_busy, lambda m: print(m, flush=True))
    fit = med["fit (with SEs)"]
    lines = [
        f"Secondary operations at {n:,} x 20 x 5 (median of {args.reps}; load average "
        f"{load[0]:.2f} at start, {os.getloadavg()[0]:.2f} at end, "
        f"{len(os.sched_getaffinity(0))} cores)",
        "",
        "| operation | seconds | / fit |",
        "|---|---|---|",
        *(f"| {name} | {t:.3f} | {t / fit:.2f} |" for name, t in med.items()),
    ]
    me, anova = med["marginal_effects()"] / fit, med["anova() (type II)"] / fit

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    lines += [
        "",
        f"* marginal effects with their delta-method SEs within 3x of a fit: "
        f"{mark(me <= 3)} ({me:.2f}x)",
        f"* anova (20 terms, one refit each) within 20 x 0.5 = 10x of a fit: "
        f"{mark(anova <= 10)} ({anova:.2f}x)",
    ]
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n")


if __name__ == "__main__":
    main()
