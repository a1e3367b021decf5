"""Where the time of a wide fit's coefficients goes, against scikit-learn at the same optimum.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/profile_wide.py --p 1000

At n rows (default 1e5), p numeric predictors and K = 5 outcomes (bench_fit.make_data), on the
numpy design scikit-learn is given plus a column of ones, this prints:

* scikit-learn's lbfgs at the loosest tolerance whose log-likelihood is within 1e-9 (relative)
  of mnlogit's (bench_wide.same_optimum_tol), and its iterations;
* ``MNLogit(y, X)``: building the model (the design's copy, the checks and the kept sums, X'WX
  of a sample of rows among them), then ``fit()`` to its coefficients, with its passes over
  the data and the time of one gradient pass;
* the gradient pass's kernel on one core: X B and R'X (K - 1 columns) chunk by chunk, in float64
  and in float32, as GFLOP/s;
* ``fit(tol=...)`` at looser tolerances than the default: passes, time, the log-likelihood's
  gap to the default fit's (relative), and the coefficients' largest distance from the default
  fit's in its standard errors (one information pass, untimed). Applying to mnlogit the rule
  that picks scikit-learn's tolerance (its loosest within 1e-9 of the optimum) shows what the
  default's accuracy, about 1e-6 standard errors, costs in passes.

It explains bench_wide's ratios at p = 500 and 1000 (issue #21's coefficients-only target);
it sets no target of its own.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fit import make_data
from bench_wide import fit_sklearn, same_optimum_tol, sklearn_inputs

LOOSER_TOLS = (1e-8, 1e-6, 1e-5)  # the default is 1e-10


def kernel_rate(X: np.ndarray, q: int, dtype: type) -> float:
    """GFLOP/s of one core running X B and R'X chunk by chunk over ``X`` in ``dtype``."""
    from threadpoolctl import threadpool_limits

    from mnlogit import _fisher

    rows_per_chunk = _fisher._pass_rows(X.shape[1], q, _fisher.SCORE)  # as a gradient pass
    rng = np.random.default_rng(0)
    Xd = X.astype(dtype)
    B = rng.standard_normal((X.shape[1], q)).astype(dtype)
    R = rng.standard_normal((q, rows_per_chunk)).astype(dtype)
    with threadpool_limits(1):
        t = time.perf_counter()
        for lo in range(0, len(Xd) - rows_per_chunk + 1, rows_per_chunk):
            chunk = Xd[lo : lo + rows_per_chunk]
            chunk @ B
            R @ chunk
        dt = time.perf_counter() - t
    rows = (len(Xd) // rows_per_chunk) * rows_per_chunk
    return 4.0 * rows * X.shape[1] * q / dt / 1e9


def main(argv: list[str] | None = None) -> None:
    import mnlogit

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--p", type=int, default=1000, help="numeric predictors (default 1000)")
    ap.add_argument("--rows", type=float, default=1e5)
    args = ap.parse_args(argv)
    n, p, K = int(args.rows), args.p, 5
    df = make_data(n, p, K)
    X, y = sklearn_inputs(df)
    X1 = np.column_stack([np.ones(n), X])
    mnlogit.MNLogit(y[:5000], X1[:5000, :20]).fit()  # warm up imports and the worker pool

    t = time.perf_counter()
    model = mnlogit.MNLogit(y, X1)
    build = time.perf_counter() - t
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        t = time.perf_counter()
        res = model.fit(verbose=True)
        res.params  # noqa: B018 (coefficients only: no information matrix)
        fit = time.perf_counter() - t
    summary = out.getvalue().strip().splitlines()[-1]
    found = re.search(r"(\d+) passes over the data", summary)
    passes = int(found.group(1)) if found else res.n_iter

    tol = same_optimum_tol(X, y, res.llf, lambda _: None)
    sk = fit_sklearn(X, y, tol)
    f64, f32 = (
        kernel_rate(X[:51_200], K - 1, np.float64),
        kernel_rate(X[:51_200], K - 1, np.float32),
    )

    total = build + fit
    looser = []
    for loose in LOOSER_TOLS:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            t = time.perf_counter()
            other = model.fit(tol=loose, verbose=True)
            other.params  # noqa: B018
            seconds = time.perf_counter() - t
        found = re.search(r"(\d+) passes over the data", out.getvalue())
        looser.append((loose, other, seconds, int(found.group(1)) if found else other.n_iter))
    with contextlib.redirect_stdout(io.StringIO()):  # the fit was verbose: so is its SE pass
        se = res.bse.to_numpy()  # the one information pass, after the timings
    rows = [
        ("scikit-learn, same optimum", f"{sk['time']:.2f} s (tol {tol:g}, {sk['iterations']} it.)"),
        ("mnlogit, coefficients", f"{total:.2f} s ({sk['time'] / total:.2f}x scikit-learn)"),
        ("  building the model", f"{build:.2f} s (design copy, checks, kept sums)"),
        ("  fit", f"{fit:.2f} s, {passes} passes, {fit / max(passes, 1):.3f} s a pass"),
        ("pass kernel, one core, float64", f"{f64:.1f} GFLOP/s"),
        ("pass kernel, one core, float32", f"{f32:.1f} GFLOP/s"),
    ]
    for loose, other, seconds, n_passes in looser:
        gap = (res.llf - other.llf) / abs(res.llf)
        far = np.abs(other.params.to_numpy() - res.params.to_numpy()) / se
        rows.append(
            (
                f"mnlogit fit(tol={loose:g})",
                f"{seconds:.2f} s, {n_passes} passes; Δllf {-gap:+.1e}, "
                f"coefficients within {far.max():.1e} SE; with the build "
                f"{sk['time'] / (build + seconds):.2f}x scikit-learn",
            )
        )
    print(f"n = {n:,}, p = {p} (+ intercept), K = {K}; {summary.removeprefix('mnlogit: ')}")
    print("| | |\n|---|---|")
    for label, value in rows:
        print(f"| {label} | {value} |")


if __name__ == "__main__":
    main()
