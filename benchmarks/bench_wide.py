"""Wide designs and many outcomes: mnlogit against scikit-learn, coefficients alone and with
standard errors, and the information matrix against this machine's DSYRK rate.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_wide.py
    python benchmarks/bench_wide.py --quick          # small sizes, a minute or so
    python benchmarks/bench_wide.py --cases p=500 p=1000   # only the cases so labelled

Cases (n rows, default 1e5; every predictor standard normal, linear predictors of unit scale,
data from bench_fit.make_data):

* K = 5 outcomes, p = 10, 50, 100, 200, 500, 1000 numeric predictors;
* p = 20, K = 20, 50, 100;
* one factor of 500 levels plus 10 numeric predictors, K = 5 (scikit-learn gets the one-hot
  design, made beforehand);
* 1e6 rows, p = 50, K = 10, where the information pass's share of its floor is a target.

Each case is timed by turns (median of ``--reps``): scikit-learn's lbfgs at its default
tolerance, and run on to mnlogit's optimum ("sklearn tight": the loosest ``tol`` of 1e-5,
1e-6, ..., 1e-10 whose log-likelihood comes within 1e-9 (relative) of mnlogit's, found by
untimed fits before the timed ones; the factor case, whose fits to the optimum take minutes,
uses ``tol=1e-8`` and is timed once), and one mnlogit fit
from the DataFrame (formula included), timed to its coefficients (``res.params``: the
information matrix is never computed) and then to its standard errors (``res.bse``: the one
information pass, its factorisation and inverse); and ``MNLogit(y, X)`` on the numpy
design scikit-learn is given (plus a column of ones), to its coefficients. Every library's
log-likelihood is reported against mnlogit's. The standard errors' extra time is set
against the information's floor: its distinct entries, n p^2 q(q+1)/2 multiply-adds, at the
DSYRK rate measured in the same run with the pass's workers running at once.

The targets compare mnlogit with scikit-learn run to the same optimum: at its default
tolerance scikit-learn stops with a log-likelihood 1e-8 to 1e-6 (relative) short of it,
coefficients a few hundredths of a standard error away. Ratios against that default run
are in the table too.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fit import make_data, wait_for_quiet

SIZES_P = [10, 50, 100, 200, 500, 1000]
SIZES_K = [20, 50, 100]
# the information pass at the size where its share of the DSYRK floor is a target
INFORMATION_CASE = (1_000_000, 50, 10)
FACTOR_LEVELS = 500
SKLEARN_TIGHT_TOL = 1e-8  # the factor case's
# "the same optimum": a log-likelihood within this (relative) of mnlogit's, at the loosest of
# these tolerances that reaches it
SAME_LLF = 1e-9
TOL_LADDER = (1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10)
# scikit-learn run to the optimum stops here (the one-hot design of a 500-level factor would
# take it tens of minutes); a run that hits the cap is marked in the table
SKLEARN_TIGHT_MAX_ITER = 3000


def factor_data(n: int, levels: int, p: int, K: int, seed: int = 7) -> pd.DataFrame:
    """n rows: a factor ``f`` of ``levels`` levels (each about as frequent) and p numeric
    predictors; the outcome from a multinomial logit with level effects of unit scale."""
    rng = np.random.default_rng([seed, n, levels, p, K])
    f = rng.integers(0, levels, n)
    X = rng.standard_normal((n, p))
    B = rng.standard_normal((p, K)) / np.sqrt(p)
    effect = rng.standard_normal((levels, K)) * 0.5
    codes = np.argmax(X @ B + effect[f] + rng.gumbel(size=(n, K)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j + 1}" for j in range(p)])
    df["f"] = pd.Categorical([f"g{v:03d}" for v in f])
    df["y"] = pd.Series(np.array([f"level{k}" for k in range(K)])[codes], dtype="str")
    return df


def sklearn_inputs(df: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """The design scikit-learn is given (one-hot factor, reference level dropped, as
    mnlogit's treatment coding) and the outcome codes."""
    numeric = df.drop(columns=["y", *(["f"] if "f" in df else [])]).to_numpy()
    parts = [numeric]
    if "f" in df:
        parts.insert(0, pd.get_dummies(df["f"], drop_first=True, dtype=float).to_numpy())
    X = np.ascontiguousarray(np.column_stack(parts))
    return X, pd.factorize(df["y"], sort=True)[0]


def fit_sklearn(X: np.ndarray, y: np.ndarray, tol: float | None) -> dict:
    """scikit-learn's lbfgs, unpenalised, at its default tolerance (``tol`` None) or at
    ``tol``."""
    from sklearn.linear_model import LogisticRegression

    max_iter = 1000 if tol is None else SKLEARN_TIGHT_MAX_ITER
    options = {} if tol is None else {"tol": tol}
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(solver="lbfgs", C=np.inf, max_iter=max_iter, **options)
        model.fit(X, y)
    dt = time.perf_counter() - t
    logp = np.log(model.predict_proba(X)[np.arange(len(y)), y])
    iterations = int(np.max(model.n_iter_))
    return {
        "time": dt,
        "llf": float(logp.sum()),
        "iterations": iterations,
        "capped": iterations >= max_iter,
    }


def same_optimum_tol(X: np.ndarray, y: np.ndarray, llf: float, log) -> float:
    """The loosest tolerance of TOL_LADDER at which scikit-learn's log-likelihood comes within
    SAME_LLF (relative) of ``llf`` (untimed fits; the tightest when none does)."""
    for tol in TOL_LADDER:
        out = fit_sklearn(X, y, tol)
        gap = (llf - out["llf"]) / abs(llf)
        log(f"  sklearn tol={tol:g}: {out['iterations']} iterations, Δllf {-gap:+.1e}")
        if gap <= SAME_LLF or out["capped"]:
            return tol
    return TOL_LADDER[-1]


def fit_mnlogit(formula: str, df: pd.DataFrame) -> dict:
    import mnlogit

    t = time.perf_counter()
    res = mnlogit.fit(formula, df)
    res.params  # noqa: B018 (the coefficients: no information matrix)
    coef = time.perf_counter() - t
    pending = res._core.pending
    t = time.perf_counter()
    res.bse  # noqa: B018 (the standard errors: the one information pass)
    se = time.perf_counter() - t
    return {
        "time": coef,
        "se_time": se,
        "llf": float(res.llf),
        "iterations": int(res.n_iter),
        "converged": bool(res.converged),
        "lazy": bool(pending),
        "n_params": int(res.n_params),
    }


def fit_mnlogit_arrays(X1: np.ndarray, y: np.ndarray, standard_errors: bool) -> dict:
    """``MNLogit(y, X1)`` to its coefficients: the numpy design scikit-learn is given, with a
    column of ones made beforehand (no formula), and with ``standard_errors`` on to them.
    Each array column is a term of its own, so a factor's one-hot columns take the dense
    path (products of columns), not the grouped sums the formula's factor gets."""
    import mnlogit

    t = time.perf_counter()
    res = mnlogit.MNLogit(y, X1).fit()
    res.params  # noqa: B018
    dt = time.perf_counter() - t
    out = {"time": dt, "llf": float(res.llf), "iterations": int(res.n_iter)}
    if standard_errors:
        t = time.perf_counter()
        res.bse  # noqa: B018
        out["se_time"] = time.perf_counter() - t
    return out


def dsyrk_rate(k: int, threads: int, m: int = 4096, reps: int = 5) -> float:
    """The DSYRK rate (flop/s) of ``threads`` workers at once, each single-threaded BLAS on its
    own (k, m) operand, Z Z' as the information pass's stacked product computes it (two flops
    per multiply-add, one triangle). Measured together, not one core times the workers: two
    virtual cores may share one physical core's arithmetic."""
    import threading

    from threadpoolctl import threadpool_limits

    operands = [np.random.default_rng(t).standard_normal((k, m)) for t in range(threads)]

    def work(Z: np.ndarray) -> None:
        for _ in range(reps):
            np.dot(Z, Z.T)

    with threadpool_limits(1, user_api="blas"):
        np.dot(operands[0], operands[0].T)  # warm
        workers = [threading.Thread(target=work, args=(Z,)) for Z in operands]
        t = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        elapsed = time.perf_counter() - t
    return threads * reps * k * (k + 1) * m / elapsed


def information_floor(n: int, p: int, q: int, rate: float) -> tuple[float, float]:
    """(flops of the distinct entries, seconds at ``rate``, the workers' DSYRK rate)."""
    flops = 2.0 * n * p * p * q * (q + 1) / 2
    return flops, flops / rate


def cases(n: int, quick: bool) -> list[tuple[str, pd.DataFrame, str]]:
    """(label, data, mnlogit formula) of every case, generated when iterated."""
    ps = [10, 50, 100] if quick else SIZES_P
    ks = [20] if quick else SIZES_K
    levels = 50 if quick else FACTOR_LEVELS
    out = []
    for p in ps:
        out.append((f"p={p}, K=5", ("numeric", n, p, 5)))
    for K in ks:
        out.append((f"p=20, K={K}", ("numeric", n, 20, K)))
    out.append((f"factor of {levels} + 10 numeric, K=5", ("factor", n, levels, 5)))
    if not quick:
        rows, p, K = INFORMATION_CASE
        out.append((f"n={rows:.0e}, p={p}, K={K}", ("numeric", rows, p, K)))
    return out


def _names(label: str, name: str) -> bool:
    """Whether ``--cases`` entry ``name`` names the case ``label`` ("p=20" names all three
    of its K, "factor" the factor case)."""
    return label == name or label.startswith((f"{name},", f"{name} "))


def make_case(spec: tuple) -> tuple[pd.DataFrame, str]:
    kind, n, a, K = spec
    if kind == "numeric":
        df = make_data(n, a, K)
        return df, "y ~ " + " + ".join(f"x{j + 1}" for j in range(a))
    df = factor_data(n, a, 10, K)
    return df, "y ~ C(f) + " + " + ".join(f"x{j + 1}" for j in range(10))


def run(
    n: int,
    reps: int,
    quick: bool,
    max_busy: float | None,
    log,
    only: list[str] | None = None,
) -> list[dict]:
    from mnlogit._parallel import default_threads

    warm = make_data(500, 3, 3)
    fit_mnlogit("y ~ x1 + x2 + x3", warm)
    fit_sklearn(*sklearn_inputs(warm), None)
    rows = []
    for label, spec in cases(n, quick):
        if only and not any(_names(label, o) for o in only):
            continue
        df, formula = make_case(spec)
        X, y = sklearn_inputs(df)
        X1 = np.column_stack([np.ones(len(X)), X])
        threads = default_threads(len(df))
        if spec[0] == "factor":
            tol = SKLEARN_TIGHT_TOL
        else:
            tol = same_optimum_tol(X, y, fit_mnlogit(formula, df)["llf"], log)
        q = df["y"].nunique() - 1
        p = X.shape[1] + 1  # with the intercept
        runs: dict[str, list[dict]] = {
            "mnlogit": [],
            "mnlogit arrays": [],
            "sklearn": [],
            "sklearn tight": [],
        }
        for r in range(reps):
            order = list(runs) if r % 2 == 0 else list(reversed(runs))
            for lib in order:
                if lib == "sklearn tight" and spec[0] == "factor" and r > 0:
                    continue  # minutes a fit (see SKLEARN_TIGHT_MAX_ITER): timed once
                wait_for_quiet(max_busy, log)
                if lib == "mnlogit":
                    out = fit_mnlogit(formula, df)
                elif lib == "mnlogit arrays":
                    out = fit_mnlogit_arrays(X1, y, standard_errors=spec[0] == "factor")
                else:
                    out = fit_sklearn(X, y, tol if lib == "sklearn tight" else None)
                runs[lib].append(out)
                log(f"  {label} rep {r + 1} {lib:13s} {out['time']:8.3f} s  llf {out['llf']:.8f}")
        rate = dsyrk_rate(min(p * q, 2000), threads)
        flops, floor = information_floor(len(df), p, q, rate)
        med = {lib: statistics.median(o["time"] for o in v) for lib, v in runs.items()}
        se = statistics.median(o["se_time"] for o in runs["mnlogit"])
        dense = (
            statistics.median(o["time"] + o["se_time"] for o in runs["mnlogit arrays"])
            if spec[0] == "factor"
            else None
        )
        rows.append(
            {
                "case": label,
                "n": len(df),
                "p": p,
                "q": q,
                "times": med,
                "se_time": se,
                "dense_with_se": dense,
                "llf": {lib: v[-1]["llf"] for lib, v in runs.items()},
                "capped": runs["sklearn tight"][-1]["capped"],
                "tight_tol": tol,
                "iterations": {lib: v[-1]["iterations"] for lib, v in runs.items()},
                "lazy": runs["mnlogit"][-1]["lazy"],
                "converged": runs["mnlogit"][-1]["converged"],
                "dsyrk_gflops": rate / 1e9,
                "info_gflop": flops / 1e9,
                "info_floor": floor,
                "threads": threads,
            }
        )
        del df, X, X1, y
    return rows


def targets(rows: list[dict]) -> list[str]:
    """The issue's targets, met or missed, one line each, from this run's medians, against
    scikit-learn run to the same optimum ("sklearn tight")."""
    out = []

    def mark(ok: bool) -> str:
        return "met" if ok else "**missed**"

    for r in rows:
        t = r["times"]
        sk = t["sklearn tight"]
        coef = sk / t["mnlogit"]
        with_se = sk / (t["mnlogit"] + r["se_time"])
        out.append(
            f"* {r['case']}: coefficients >= 2x scikit-learn: {mark(coef >= 2)} ({coef:.2f}x)"
        )
        arrays = sk / t["mnlogit arrays"]
        out.append(
            f"* {r['case']}: coefficients from arrays >= 2x scikit-learn: "
            f"{mark(arrays >= 2)} ({arrays:.2f}x)"
        )
        if (r["n"], r["p"] - 1, r["q"] + 1) == INFORMATION_CASE:
            share = r["info_floor"] / r["se_time"]
            out.append(
                f"* {r['case']}: the information pass at >= 70% of the DSYRK floor: "
                f"{mark(share >= 0.7)} ({share:.0%})"
            )
        if r["case"].startswith("factor"):
            out.append(
                f"* {r['case']}: with SEs faster than scikit-learn: "
                f"{mark(with_se >= 1)} ({with_se:.2f}x)"
            )
            dense = r["dense_with_se"] / (t["mnlogit"] + r["se_time"])
            out.append(
                f"* {r['case']}: with SEs >= 3x faster than the dense path (the one-hot "
                f"arrays, {r['dense_with_se']:.2f} s): {mark(dense >= 3)} ({dense:.2f}x)"
            )
        elif r["q"] >= 99:
            out.append(
                f"* {r['case']}: with SEs within 1.25x of scikit-learn: "
                f"{mark(with_se >= 0.8)} ({with_se:.2f}x)"
            )
        elif r["p"] <= 101 or r["q"] >= 19:
            out.append(
                f"* {r['case']}: with SEs not slower than scikit-learn: "
                f"{mark(with_se >= 1)} ({with_se:.2f}x)"
            )
        else:
            ratio = r["se_time"] / r["info_floor"]
            out.append(
                f"* {r['case']}: SEs within 1.5x of the information's floor: "
                f"{mark(ratio <= 1.5)} ({ratio:.2f}x)"
            )
    return out


def report(rows: list[dict], quiet_note: str) -> str:
    lines = [
        "| case | sklearn tight s (tol) | mnlogit coef s | sklearn tight / mnlogit coef | "
        "mnlogit coef, arrays s | sklearn tight / mnlogit coef, arrays | mnlogit with SEs s | "
        "sklearn tight / mnlogit with SEs | SEs s | information floor s | SEs / floor | "
        "GFLOP/s (DSYRK) | Δllf sklearn tight | sklearn default s | "
        "sklearn default / mnlogit coef | sklearn default / mnlogit with SEs | "
        "Δllf sklearn default |",
        "|---|" + "---|" * 16,
    ]
    for r in rows:
        t = r["times"]
        with_se = t["mnlogit"] + r["se_time"]
        ref = r["llf"]["mnlogit"]
        tight = t["sklearn tight"]

        def dllf(lib: str, ref: float = ref, r: dict = r) -> str:
            return f"{(r['llf'][lib] - ref) / abs(ref):+.1e}"

        capped = f" (stopped at {SKLEARN_TIGHT_MAX_ITER} iterations)" if r.get("capped") else ""
        lines.append(
            f"| {r['case']} | {tight:.3f} ({r['tight_tol']:g}) | {t['mnlogit']:.3f} | "
            f"{tight / t['mnlogit']:.2f}x | {t['mnlogit arrays']:.3f} | "
            f"{tight / t['mnlogit arrays']:.2f}x | {with_se:.3f} | {tight / with_se:.2f}x | "
            f"{r['se_time']:.3f} | {r['info_floor']:.3f} | "
            f"{r['se_time'] / r['info_floor']:.2f} | "
            f"{r['info_gflop'] / r['se_time']:.1f} ({r['dsyrk_gflops']:.1f}) | "
            f"{dllf('sklearn tight')}{capped} | {t['sklearn']:.3f} | "
            f"{t['sklearn'] / t['mnlogit']:.2f}x | {t['sklearn'] / with_se:.2f}x | "
            f"{dllf('sklearn')} |"
        )
    lines += [
        "",
        "sklearn tight: scikit-learn's lbfgs at the loosest tolerance (in brackets) whose "
        f"log-likelihood is within {SAME_LLF:g} (relative) of mnlogit's, the same optimum "
        "(the factor case: tol=1e-8); sklearn default: at its default tolerance, short of "
        "it (Δllf). "
        "coef: `mnlogit.fit(formula, df)` to `res.params` (formula included, no information "
        "matrix); coef, arrays: `MNLogit(y, X).fit()` to `params`, on the numpy design "
        "scikit-learn is given plus a column of ones (no formula); "
        "with SEs: the formula fit plus `res.bse`. Floor: the information's distinct "
        "entries, n p^2 q(q+1)/2 multiply-adds, at the DSYRK rate measured in this run with "
        "the pass's workers running at once; GFLOP/s: those flops over the SEs' time. "
        "Δllf: relative to mnlogit's log-likelihood (negative: short of the maximum). "
        "The targets are against sklearn tight.",
        "",
        *targets(rows),
        "",
        quiet_note,
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="1e4 rows, p <= 100, K = 20")
    ap.add_argument("--rows", type=float, default=None, help="rows (default 1e5, quick 1e4)")
    ap.add_argument(
        "--cases",
        nargs="+",
        default=None,
        help="only the cases whose label starts with these (p=500, 'p=20, K=50', factor ...)",
    )
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--max-busy", type=float, default=None)
    ap.add_argument("--output", type=Path, default=None, help="write the table here too")
    args = ap.parse_args(argv)
    n = int(args.rows or (1e4 if args.quick else 1e5))
    labels = [label for label, _ in cases(n, args.quick)]
    for name in args.cases or []:
        if not any(_names(label, name) for label in labels):
            ap.error(f"--cases {name!r} names none of the cases: {'; '.join(labels)}")
    load = os.getloadavg()
    rows = run(n, args.reps, args.quick, args.max_busy, lambda m: print(m, flush=True), args.cases)
    end = os.getloadavg()
    note = (
        f"Load average (1 min) {load[0]:.2f} at start, {end[0]:.2f} at end, on "
        f"{len(os.sched_getaffinity(0))} cores."
    )
    text = report(rows, note)
    print(text)
    if args.output:
        args.output.write_text(text + "\n")


if __name__ == "__main__":
    main()
