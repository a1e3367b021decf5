"""Fit time and memory: mnlogit against statsmodels and scikit-learn on the same data.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_fit.py
    python benchmarks/bench_fit.py --quick          # two small sizes, printed only

Five data sets (n rows, p numeric predictors x1..xp, an outcome with K string levels) are
generated with a fixed seed as pandas DataFrames. On each, in one process and alternating the
order, the script times

* mnlogit: ``mnlogit.fit("y ~ x1 + ... + xp", df)`` from the DataFrame, formula included,
  standard errors included;
* statsmodels: ``MNLogit(y, X).fit(method="newton")`` and its standard errors, on a numpy design
  with a constant built beforehand (its best case: no formula);
* scikit-learn: ``LogisticRegression(solver="lbfgs", C=inf)`` (multinomial, no penalty, no
  standard errors) on a numpy array built beforehand;
* mnlogit without standard errors: the same ``mnlogit.fit``, coefficients only (the standard
  errors are computed when first read, so a fit that reads none does not pay for them);
* ``mnlogit.sklearn.MNLogitClassifier()`` (maximum likelihood, no standard errors read) on the
  numpy array scikit-learn gets;

and reports median wall times, ratios, iterations and how far each log-likelihood is from
mnlogit's. Peak memory is measured in a fresh subprocess per fit: the resident-set high-water
mark (VmHWM, reset just before the fit) minus the resident set once the data are in memory.
The full run writes benchmarks/RESULTS.md with the machine's description, and every
repeat's numbers in benchmarks/RESULTS.json.
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "RESULTS.md"  # and RESULTS.json beside it
RESULTS_DASK = HERE / "RESULTS_dask.md"  # bench_dask.py's section, appended to RESULTS.md
# bench_wide.py's and bench_secondary.py's tables (their --output), appended before it
RESULTS_SECTIONS = (
    ("Wide designs and many outcomes (bench_wide.py)", HERE / "RESULTS_wide.md"),
    ("Secondary operations (bench_secondary.py)", HERE / "RESULTS_secondary.md"),
)
SIZES = [
    (10_000, 10, 3),
    (100_000, 20, 5),
    (1_000_000, 20, 5),
    (200_000, 50, 10),
    (1_000_000, 50, 10),
]
QUICK_SIZES = [(10_000, 10, 3), (100_000, 20, 5)]
SEED = 20_240_601
# an even number: the repeats' orders form a balanced Latin square (see fit_order)
LIBRARIES = ("mnlogit", "statsmodels", "sklearn", "sklearn_tight", "mnlogit_coef", "mnlogit_clf")
MEASURED_MEMORY = ("mnlogit", "statsmodels", "sklearn", "mnlogit_clf")
LABELS = {
    "mnlogit": "mnlogit",
    "statsmodels": "statsmodels",
    "sklearn": "sklearn",
    "sklearn_tight": "sklearn tight",
    "mnlogit_coef": "mnlogit, no SEs",
    "mnlogit_clf": "MNLogitClassifier",
}
SKLEARN_TIGHT_TOL = 1e-8  # scikit-learn's lbfgs run on to the optimum the others reach


# --- data --------------------------------------------------------------------------------
def make_data(n: int, p: int, K: int, seed: int = SEED) -> pd.DataFrame:
    """n rows of p standard-normal predictors; outcome drawn from a multinomial logit.

    Coefficients are N(0, 1/p) so the linear predictors have unit scale whatever p is: every
    level is common and no predictor separates the outcomes.
    """
    rng = np.random.default_rng([seed, n, p, K])
    X = rng.standard_normal((n, p))
    B = rng.standard_normal((p, K)) / np.sqrt(p)
    a = rng.standard_normal(K) * 0.5
    codes = np.argmax(X @ B + a + rng.gumbel(size=(n, K)), axis=1)
    df = pd.DataFrame(X, columns=[f"x{j + 1}" for j in range(p)])
    df["y"] = pd.Series(np.array([f"level{k}" for k in range(K)])[codes], dtype="str")
    return df


def formula_of(p: int) -> str:
    return "y ~ " + " + ".join(f"x{j + 1}" for j in range(p))


def inputs(df: pd.DataFrame, lib: str) -> dict:
    """What each library is given: the DataFrame for mnlogit, numpy arrays for the others."""
    p = df.shape[1] - 1
    if lib in ("mnlogit", "mnlogit_coef"):
        return {"df": df, "formula": formula_of(p)}
    Xs = np.ascontiguousarray(df.iloc[:, :p].to_numpy())  # scikit-learn and the classifier
    codes = pd.factorize(df["y"], sort=True)[0]
    if lib == "statsmodels":
        return {"X": np.column_stack([np.ones(len(Xs)), Xs]), "y": codes}
    return {"X": Xs, "y": codes}


# --- one fit of each library --------------------------------------------------------------
def _fit_mnlogit(data: dict, standard_errors: bool = True) -> dict:
    import mnlogit

    t = time.perf_counter()
    res = mnlogit.fit(data["formula"], data["df"])
    if standard_errors:
        res.bse  # noqa: B018 (computed, not only referenced)
    dt = time.perf_counter() - t
    return {
        "time": dt,
        "llf": float(res.llf),
        "iterations": int(res.n_iter),
        "converged": bool(res.converged),
    }


def _fit_statsmodels(data: dict) -> dict:
    from statsmodels.discrete.discrete_model import MNLogit

    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = MNLogit(data["y"], data["X"]).fit(method="newton", disp=0, maxiter=100)
        res.bse  # noqa: B018
    dt = time.perf_counter() - t
    return {
        "time": dt,
        "llf": float(res.llf),
        "iterations": int(res.mle_retvals["iterations"]),
        "converged": bool(res.mle_retvals["converged"]),
    }


def _fit_sklearn(data: dict, tight: bool = False) -> dict:
    from sklearn.linear_model import LogisticRegression

    X, y = data["X"], data["y"]
    max_iter = 10_000 if tight else 1000
    options = {"tol": SKLEARN_TIGHT_TOL} if tight else {}
    t = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model = LogisticRegression(solver="lbfgs", C=np.inf, max_iter=max_iter, **options).fit(X, y)
    dt = time.perf_counter() - t
    logp = np.log(model.predict_proba(X)[np.arange(len(y)), y])
    return {
        "time": dt,
        "llf": float(logp.sum()),
        "iterations": int(np.max(model.n_iter_)),
        "converged": bool(np.max(model.n_iter_) < max_iter),
    }


def _fit_classifier(data: dict) -> dict:
    from mnlogit.sklearn import MNLogitClassifier

    t = time.perf_counter()
    clf = MNLogitClassifier().fit(data["X"], data["y"])
    dt = time.perf_counter() - t
    return {
        "time": dt,
        "llf": float(clf.results_.llf),
        "iterations": int(clf.n_iter_[0]),
        "converged": bool(clf.results_.converged),
    }


FITS = {  # one entry per library of LIBRARIES
    "mnlogit": _fit_mnlogit,
    "statsmodels": _fit_statsmodels,
    "sklearn": _fit_sklearn,
    "sklearn_tight": functools.partial(_fit_sklearn, tight=True),
    "mnlogit_coef": functools.partial(_fit_mnlogit, standard_errors=False),
    "mnlogit_clf": _fit_classifier,
}


def fit_once(lib: str, data: dict) -> dict:
    """Fit, with standard errors where the library has them; wall time and diagnostics."""
    return FITS[lib](data)


def mnlogit_breakdown(data: dict) -> dict:
    """One instrumented mnlogit fit: model building, then each kind of sum over the data."""
    from mnlogit import _fisher, _solvers
    from mnlogit.model import MNLogit

    t = time.perf_counter()
    model = MNLogit.from_formula(data["formula"], data["df"])
    build = time.perf_counter() - t
    passes: dict[int, list[float]] = {}
    inner = model._data.evaluator

    def evaluator(**kwargs):
        evaluate = inner(**kwargs)

        def timed(B, level):
            t0 = time.perf_counter()
            out = evaluate(B, level)
            passes.setdefault(level, []).append(time.perf_counter() - t0)
            return out

        return timed

    object.__setattr__(model._data, "evaluator", evaluator)  # the data object is frozen
    t = time.perf_counter()
    core = _solvers.estimate(model._data)
    coefficients = time.perf_counter() - t
    core.cov  # noqa: B018 (the standard errors' information, computed when first read)
    fit = time.perf_counter() - t
    names = {
        _fisher.GRAM: "X'WX",
        _fisher.SCORE: "gradient",
        _fisher.LOGLIK: "loglik",
        _fisher.SAMPLE_INFO: "sample information",
        _fisher.INFO: "information",
    }
    return {
        "build": build,
        "coefficients": coefficients,
        "fit": fit,
        "iterations": core.n_iter,
        "passes": {names.get(k, str(k)): (len(v), sum(v)) for k, v in passes.items()},
    }


# --- peak memory, in a fresh process ------------------------------------------------------
def _status(field: str) -> int:
    """A /proc/self/status field in bytes."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def memory_child(lib: str, n: int, p: int, K: int) -> None:
    """Runs in the subprocess: print the fit's peak resident memory above the loaded data."""
    data = inputs(make_data(n, p, K), lib)
    fit_once(lib, inputs(make_data(200, 3, 3), lib))  # imports and first-call caches
    gc.collect()
    try:  # hand freed heap pages back so the baseline is what is really held
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except OSError:
        pass
    baseline = _status("VmRSS")
    try:
        Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark to now
        method = "VmHWM reset before the fit"
    except OSError:
        method = "VmHWM since start (could not reset)"
    out = fit_once(lib, data)
    print(
        json.dumps(
            {
                "peak_added": _status("VmHWM") - baseline,
                "baseline": baseline,
                "method": method,
                "time": out["time"],
            }
        )
    )


def measure_memory(lib: str, n: int, p: int, K: int) -> dict:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--memory-child",
        lib,
        str(n),
        str(p),
        str(K),
    ]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- the run ------------------------------------------------------------------------------
def machine() -> dict:
    import formulaic
    import scipy
    import sklearn
    import statsmodels
    from threadpoolctl import threadpool_info

    cpu = "unknown"
    if Path("/proc/cpuinfo").exists():
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = _meminfo_total()
    blas = [
        f"{i.get('internal_api')} {i.get('version')} ({i.get('architecture', '?')} kernel, "
        f"{i.get('num_threads')} threads) in {Path(i.get('filepath', '')).name}"
        for i in threadpool_info()
        if i.get("user_api") == "blas"
    ]
    openmp = [
        f"{i.get('internal_api')} ({i.get('num_threads')} threads)"
        for i in threadpool_info()
        if i.get("user_api") == "openmp"
    ]
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
        ).stdout.strip()
    except OSError:
        commit = "?"
    return {
        "cpu": cpu,
        "cores": len(os.sched_getaffinity(0)),
        "memory_gib": mem,
        "os": platform.platform(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "pandas": pd.__version__,
        "formulaic": formulaic.__version__,
        "statsmodels": statsmodels.__version__,
        "sklearn": sklearn.__version__,
        "mnlogit_commit": commit,
        "blas": blas,
        "openmp": openmp,
        "openblas_env": {k: os.environ[k] for k in os.environ if k.startswith("OPENBLAS")},
    }


def _meminfo_total() -> float:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    except OSError:
        pass
    return float("nan")


def busy_fraction(seconds: float = 1.0) -> float:
    """Share of all cores busy over ``seconds`` (from /proc/stat; this process is idle then)."""

    def snap():
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return sum(fields), fields[3] + fields[4]  # total, idle + iowait

    try:
        t0, i0 = snap()
        time.sleep(seconds)
        t1, i1 = snap()
    except (OSError, ValueError, IndexError):
        return 0.0
    return 1.0 - (i1 - i0) / max(t1 - t0, 1)


def wait_for_quiet(max_busy: float | None, log, limit: float = 300.0) -> float:
    """On a shared machine, wait (up to ``limit`` s) until other processes keep less than
    ``max_busy`` of the cores busy, so that the libraries' own threads are not starved.
    Returns the busy share measured last."""
    if max_busy is None:
        return busy_fraction(0.2)
    start = time.monotonic()
    busy = busy_fraction()
    while busy > max_busy and time.monotonic() - start < limit:
        busy = busy_fraction()
    if busy > max_busy:
        log(f"  cores still {busy:.0%} busy after {limit:.0f} s; measuring anyway")
    return busy


def repeats(n: int, p: int, K: int, reps: int) -> int:
    """Repeats for one size: ``reps``; three times as many for fits of a few milliseconds,
    whose single times scatter by 10-20% on a shared machine; two fewer for the large ones."""
    if n * p * K <= 1_000_000:
        return 3 * reps
    return reps if n * p * K < 50_000_000 else max(2, reps - 2)


def fit_order(r: int, libs: tuple[str, ...]) -> list[str]:
    """Repeat ``r``'s order: row r of a balanced Latin square (Williams design). Every library
    goes first once in len(libs) repeats and (their number being even) follows every other
    library once. A plain rotation would have each library always follow the same one, and a
    fit runs slower right after another library's, whose threads and cache use linger."""
    n = len(libs)
    first = [0]
    for j in range(1, n):  # 0, 1, n-1, 2, n-2, ...
        first.append((j + 1) // 2 if j % 2 else n - j // 2)
    return [libs[(i + r) % n] for i in first]


def time_fits(size, data: dict, k: int, skip, log, max_busy: float | None):
    """``k`` repeats of every library's fit on one data set, each repeat in its own order;
    ``skip(lib, r)`` leaves a fit out. Every time, the last fit's diagnostics, and the busy
    shares measured before the fits."""
    times: dict[str, list[float]] = {lib: [] for lib in LIBRARIES}
    last: dict[str, dict] = {}
    busy = []
    for r in range(k):
        for lib in fit_order(r, LIBRARIES):
            if skip(lib, r):
                continue
            busy.append(wait_for_quiet(max_busy, log))
            out = fit_once(lib, data[lib])
            times[lib].append(out["time"])
            last[lib] = out
            log(
                f"  {size} rep {r + 1}/{k} {lib:13s} {out['time']:8.3f} s  "
                f"iter {out['iterations']:3d}  llf {out['llf']:.10f}"
            )
    return times, last, busy


def memory_of_size(size, big: bool, log) -> dict:
    """Peak memory of each library's fit on one size, each in a fresh process."""
    out = {}
    for lib in MEASURED_MEMORY:
        if lib == "statsmodels" and big:
            continue  # ~100 s and several GB; timed once above instead
        out[lib] = measure_memory(lib, *size)
        log(f"  {size} memory {lib:13s} {out[lib]['peak_added'] / 2**20:8.1f} MiB above the data")
    return out


def run_size(size, reps: int, sm_largest: str, memory: bool, log, max_busy, big: bool) -> dict:
    """Every measurement on one data set: timings, the mnlogit breakdown, memory."""
    n, p, K = size
    df = make_data(n, p, K)
    data = {
        lib: inputs(df, lib) for lib in LIBRARIES if lib not in ("sklearn_tight", "mnlogit_clf")
    }
    data["sklearn_tight"] = data["mnlogit_clf"] = data["sklearn"]
    data["mnlogit_coef"] = data["mnlogit"]
    k = repeats(n, p, K, reps)

    def skip(lib, r):
        return lib == "statsmodels" and big and (sm_largest == "skip" or r > 0)

    times, last, busy = time_fits(size, data, k, skip, log, max_busy)
    row = {
        "size": size,
        "reps": k,
        "design_bytes": n * (p + 1) * 8,
        "breakdown": mnlogit_breakdown(data["mnlogit"]),
        "busy": (min(busy), max(busy)),
        "input_bytes": int(df.memory_usage(deep=True).sum()),
    }
    for lib in LIBRARIES:
        if times[lib]:
            row[lib] = {
                "median": statistics.median(times[lib]),
                "all": times[lib],
                **{key: last[lib][key] for key in ("llf", "iterations", "converged")},
            }
    if memory:
        row["memory"] = memory_of_size(size, big, log)
    return row


def run(
    sizes, reps: int, sm_largest: str, memory: bool, log, max_busy: float | None = None
) -> list[dict]:
    warm = make_data(500, 3, 3)
    for lib in LIBRARIES:  # imports and first-call costs out of the timings
        fit_once(lib, inputs(warm, lib))
    rows = []
    largest = max(sizes, key=lambda s: s[0] * s[1] * s[2])
    for n, p, K in sizes:
        big = (n, p, K) == largest and n * p >= 10_000_000
        rows.append(run_size((n, p, K), reps, sm_largest, memory, log, max_busy, big))
        gc.collect()
    return rows


# --- report -------------------------------------------------------------------------------
def _fmt_t(row: dict, lib: str) -> str:
    return f"{row[lib]['median']:.3f}" if lib in row else "not run"


def _ratio(row: dict, lib: str) -> str:
    if lib not in row:
        return "—"
    return f"{row[lib]['median'] / row['mnlogit']['median']:.1f}x"


def _dllf(row: dict, lib: str) -> str:
    if lib not in row:
        return "—"
    ref = row["mnlogit"]["llf"]
    return f"{(row[lib]['llf'] - ref) / abs(ref):+.1e}"


def targets(rows: list[dict]) -> list[str]:
    """One line per performance target: met or missed, with the number behind it."""
    out = []

    def ratio(row, lib):
        return row[lib]["median"] / row["mnlogit"]["median"] if lib in row else None

    def mark(ok):
        return "met" if ok else "**missed**"

    for row in rows:
        n, p, K = row["size"]
        sm, sk = ratio(row, "statsmodels"), ratio(row, "sklearn")
        if n * p * K >= 10_000_000 and sm is not None:
            out.append(
                f"* {row['size']}: at least 10x faster than statsmodels: "
                f"{mark(sm >= 10)} ({sm:.1f}x)"
            )
        if sk is not None:
            need = 2.0 if row["size"] == (1_000_000, 20, 5) else 1.0
            out.append(
                f"* {row['size']}: at least {need:g}x scikit-learn's lbfgs speed: "
                f"{mark(sk >= need)} ({sk:.2f}x)"
            )
        clf, plain = row.get("mnlogit_clf"), row.get("mnlogit_coef")
        if clf is not None and plain is not None:
            x = clf["median"] / plain["median"]
            out.append(
                f"* {row['size']}: MNLogitClassifier no slower than mnlogit.fit without "
                f"standard errors: {mark(x <= 1.0)} ({x:.2f}x its time)"
            )
        mem = row.get("memory", {}).get("mnlogit")
        if mem is not None:
            x = mem["peak_added"] / row["design_bytes"]
            line = (
                f"* {row['size']}: peak memory added at most 2.5x the design: "
                f"{mark(x <= 2.5)} ({x:.2f}x)"
            )
            if row["size"] == (1_000_000, 50, 10):
                mib = mem["peak_added"] / 2**20
                line += f"; under 1 GiB beyond the input: {mark(mib < 1024)} ({mib:.0f} MiB)"
            out.append(line)
    return out


def _timing_section(rows: list[dict], started: dict, args) -> list[str]:
    lines = [
        "# Fit benchmark: mnlogit vs statsmodels vs scikit-learn",
        "",
        f"Written by `benchmarks/bench_fit.py` ({'quick' if args.quick else 'full'} run, "
        f"{started['when']}); rerun it to reproduce. Median wall seconds over the repeats "
        "of one process, libraries alternating; the same data for all.",
        "",
        '* **mnlogit**: `mnlogit.fit("y ~ x1 + ... + xp", df)` from the DataFrame, '
        "formula, checks and standard errors included.",
        '* **statsmodels**: `MNLogit(y, X).fit(method="newton")` + `bse`, on a numpy '
        "design with a constant made beforehand (no formula).",
        '* **sklearn**: `LogisticRegression(solver="lbfgs", C=inf)`, multinomial, '
        "default `tol=1e-4`, no standard errors, on a numpy array made beforehand.",
        f"* **sklearn tight**: the same with `tol={SKLEARN_TIGHT_TOL:g}`, which reaches the "
        "optimum the others reach (for comparison only; the targets use the default).",
        "* **mnlogit, no SEs**: the mnlogit fit, coefficients only (no standard errors read).",
        "* **MNLogitClassifier**: `mnlogit.sklearn.MNLogitClassifier().fit(X, y)` (maximum "
        "likelihood) on scikit-learn's numpy array, no standard errors read.",
        "",
        "| (n, p, K) | repeats | "
        + " | ".join(f"{LABELS[lib]} s" for lib in LIBRARIES)
        + " | "
        + " | ".join(f"{LABELS[lib]} / mnlogit" for lib in LIBRARIES[1:])
        + " | busy before |",
        "|---|---|" + "---|" * (2 * len(LIBRARIES) - 1) + "---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['size']} | {row['reps']} | "
            + " | ".join(_fmt_t(row, lib) for lib in LIBRARIES)
            + " | "
            + " | ".join(_ratio(row, lib) for lib in LIBRARIES[1:])
            + f" | {row['busy'][0]:.0%}–{row['busy'][1]:.0%} |"
        )
    lines += [
        "",
        "Ratios above 1x mean mnlogit is faster. busy before: share of the cores "
        "other processes kept busy just before the fits (lowest–highest)"
        + (
            f"; the run waited for it to fall below {args.max_busy:.0%} before each fit"
            if args.max_busy is not None
            else ""
        )
        + ".",
        "",
    ]
    return lines


def _iterations_section(rows: list[dict]) -> list[str]:
    lines = [
        "| (n, p, K) | iterations "
        + " / ".join(LABELS[lib] for lib in LIBRARIES)
        + " | llf mnlogit | "
        + " | ".join(f"Δllf {LABELS[lib]}" for lib in LIBRARIES[1:])
        + " |",
        "|---|---|---|" + "---|" * (len(LIBRARIES) - 1),
    ]
    for row in rows:
        it = " / ".join(str(row[lib]["iterations"]) if lib in row else "—" for lib in LIBRARIES)
        lines.append(
            f"| {row['size']} | {it} | {row['mnlogit']['llf']:.6f} | "
            + " | ".join(_dllf(row, lib) for lib in LIBRARIES[1:])
            + " |"
        )
    lines += [
        "",
        "Δllf: (llf − mnlogit's llf) / |mnlogit's llf|; negative means a lower "
        "log-likelihood than mnlogit's, i.e. short of the maximum. mnlogit's iterations "
        "count L-BFGS and Fisher-scoring steps together.",
        "",
    ]
    return lines


def _breakdown_section(rows: list[dict]) -> list[str]:
    kinds = ["X'WX", "gradient", "loglik", "sample information", "information"]
    lines = [
        "## Where mnlogit's time goes",
        "",
        "One more mnlogit fit per size, instrumented: building the model (formula, "
        "design, checks, rank check) and each kind of sum the fit asks of the data "
        "(count × total seconds). Each is a pass over the data except two: X'WX and the "
        "gradient at the intercept-only start come from the rank check's pass (X'WX and X'WY).",
        "",
        "| (n, p, K) | model building s | fit s | " + " | ".join(kinds) + " |",
        "|---|---|---|" + "---|" * len(kinds),
    ]
    for row in rows:
        b = row["breakdown"]
        cells = [
            f"{b['passes'][k][0]} × {b['passes'][k][1]:.3f}" if k in b["passes"] else "—"
            for k in kinds
        ]
        lines.append(
            f"| {row['size']} | {b['build']:.3f} | {b['fit']:.3f} | " + " | ".join(cells) + " |"
        )
    lines.append("")
    return lines


def _memory_section(rows: list[dict]) -> list[str]:
    if not any("memory" in row for row in rows):
        return []
    lines = [
        "## Peak memory added by the fit",
        "",
        "Measured in a fresh subprocess per fit: resident-set high-water mark during "
        "the fit minus the resident set with the data loaded (for statsmodels and "
        "scikit-learn the data include their numpy arrays). `design` is the n x (p+1) "
        "float64 design matrix mnlogit builds from the formula.",
        "",
        "| (n, p, K) | design MiB | DataFrame MiB | "
        + " | ".join(f"{LABELS[lib]} MiB (x design)" for lib in MEASURED_MEMORY)
        + " |",
        "|---|---|---|" + "---|" * len(MEASURED_MEMORY),
    ]
    for row in rows:
        mem = row.get("memory", {})
        cells = []
        for lib in MEASURED_MEMORY:
            if lib in mem:
                b = mem[lib]["peak_added"]
                cells.append(f"{b / 2**20:.0f} ({b / row['design_bytes']:.2f}x)")
            else:
                cells.append("not measured")
        lines.append(
            f"| {row['size']} | {row['design_bytes'] / 2**20:.0f} | "
            f"{row['input_bytes'] / 2**20:.0f} | {' | '.join(cells)} |"
        )
    methods = {m["method"] for row in rows for m in row.get("memory", {}).values()}
    lines += ["", f"Method: {'; '.join(sorted(methods))}.", ""]
    return lines


def _machine_section(info: dict, started: dict, ended: dict) -> list[str]:
    return [
        "## Machine",
        "",
        f"* CPU: {info['cpu']}, {info['cores']} cores available, "
        f"{info['memory_gib']} GiB RAM; {info['os']}",
        f"* BLAS: {'; '.join(info['blas'])}",
        f"* OpenMP (scikit-learn): {'; '.join(info['openmp']) or 'not loaded'}",
        f"* OPENBLAS_* environment: {info['openblas_env'] or 'none set'}",
        f"* Python {info['python']}, numpy {info['numpy']}, scipy {info['scipy']}, "
        f"pandas {info['pandas']}, formulaic {info['formulaic']}, statsmodels "
        f"{info['statsmodels']}, scikit-learn {info['sklearn']}, mnlogit at commit "
        f"{info['mnlogit_commit']}",
        f"* Load average (1, 5, 15 min) at start {started['load']}, at end "
        f"{ended['load']}: the machine is shared, so absolute times are noisy; the "
        "ratios within this run are what the table compares.",
        "",
    ]


def report(rows: list[dict], info: dict, started: dict, ended: dict, args) -> str:
    """RESULTS.md: timings, iterations, the breakdown, memory, the targets, the machine."""
    lines = [
        *_timing_section(rows, started, args),
        *_iterations_section(rows),
        *_breakdown_section(rows),
        *_memory_section(rows),
        "## Performance targets, as measured in this run",
        "",
        *targets(rows),
        "",
        *_machine_section(info, started, ended),
    ]
    return "\n".join(lines)


def arguments(argv=None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="two small sizes, print only")
    ap.add_argument(
        "--reps", type=int, default=5, help="repeats per size (1e4 rows: 3x, large: reps-2)"
    )
    ap.add_argument("--no-memory", action="store_true", help="skip the memory subprocesses")
    ap.add_argument(
        "--statsmodels-largest",
        choices=("once", "skip"),
        default="once",
        help="statsmodels at 1e6 x 50 x 10 takes ~100 s: time it once or skip it",
    )
    ap.add_argument(
        "--max-busy",
        type=float,
        default=None,
        help="before each fit wait (up to 5 min) until other processes keep less "
        "than this share of the cores busy, e.g. 0.2 (shared machines)",
    )
    ap.add_argument(
        "--output",
        type=Path,
        default=None,
        help=f"markdown file (default: benchmarks/{RESULTS.name} for a full run)",
    )
    ap.add_argument(
        "--memory-child", nargs=4, metavar=("LIB", "N", "P", "K"), help=argparse.SUPPRESS
    )
    return ap.parse_args(argv)


def write_results(text: str, rows: list[dict], output: Path) -> None:
    """The report as ``output`` (with the other benchmarks' sections when it is RESULTS.md)
    and every repeat's numbers beside it as JSON."""
    if output == RESULTS:
        for title, path in RESULTS_SECTIONS:
            if path.exists():
                text = text.rstrip("\n") + f"\n\n## {title}\n\n" + path.read_text()
    if output == RESULTS and RESULTS_DASK.exists():  # bench_dask.py's section, kept with them
        section = RESULTS_DASK.read_text().replace("\n## ", "\n### ").replace("# ", "## ", 1)
        text = text.rstrip("\n") + "\n\n" + section
    output.write_text(text)
    (output.with_suffix(".json")).write_text(json.dumps(rows, indent=1, default=str))
    print(f"written {output}")


def main(argv=None) -> None:
    args = arguments(argv)
    if args.memory_child:
        lib, n, p, K = args.memory_child
        memory_child(lib, int(n), int(p), int(K))
        return
    sizes = QUICK_SIZES if args.quick else SIZES
    reps = 3 if args.quick and args.reps == 5 else args.reps
    started = {
        "when": time.strftime("%Y-%m-%d"),
        "load": tuple(round(x, 2) for x in os.getloadavg()),
    }
    rows = run(
        sizes,
        reps,
        args.statsmodels_largest,
        not args.no_memory,
        lambda msg: print(msg, flush=True),
        args.max_busy,
    )
    ended = {"load": tuple(round(x, 2) for x in os.getloadavg())}
    text = report(rows, machine(), started, ended, args)
    print(text)
    output = args.output or (None if args.quick else RESULTS)
    if output is not None:
        write_results(text, rows, output)


if __name__ == "__main__":
    main()
