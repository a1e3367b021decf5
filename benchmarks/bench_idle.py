"""Two effects behind the numbers in RESULTS.md, measured on their own.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python benchmarks/bench_idle.py

1. Fits back to back against fits that follow a second of idling, as every fit in
   bench_fit.py does (its quiet-machine check sleeps): mnlogit and scikit-learn's lbfgs at
   1e4 x 10 x 3 and 1e5 x 20 x 5, same data as bench_fit.py.
2. Building the model at 1e5 x 20 x 5 (a 17 MB design) with the design in its own memory
   mapping (what mnlogit does from 4 MB on) and in numpy's allocation, which asks the kernel
   for transparent huge pages; each build follows a statsmodels fit on the same data.

Prints a markdown table; medians in milliseconds.
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_fit import fit_once, inputs, make_data

import mnlogit
from mnlogit import _design_fill


def _median_ms(times: list[float]) -> float:
    return 1e3 * statistics.median(times)


def fits(n: int, p: int, K: int, reps: int = 15) -> dict[str, float]:
    """Each library on its own (another library's lingering threads would slow the next fit):
    ``reps`` fits in a row, then fits each after a second of idling."""
    df = make_data(n, p, K)
    out = {}
    for lib in ("mnlogit", "sklearn"):
        data = inputs(df, lib)
        fit_once(lib, data)
        for gap in (0.0, 1.0):
            times = []
            for _ in range(reps if gap == 0 else max(5, reps // 2)):
                time.sleep(gap)
                times.append(fit_once(lib, data)["time"])
            out[f"{lib}, {'after 1 s idle' if gap else 'back to back'}"] = _median_ms(times)
    return out


def design_builds(reps: int = 8) -> dict[str, float]:
    """Model building with the design in its own mapping or in numpy's allocation, each
    build after a statsmodels fit on the same data (its arrays come and go, as in a session
    or in bench_fit.py)."""
    df = make_data(100_000, 20, 5)
    d, sm = inputs(df, "mnlogit"), inputs(df, "statsmodels")
    own = _design_fill.OWN_MAPPING_BYTES
    times: dict[str, list[float]] = {"its own mapping": [], "numpy's allocation": []}
    try:
        for _ in range(reps):
            for label, cutoff in (("its own mapping", own), ("numpy's allocation", 1 << 62)):
                fit_once("statsmodels", sm)
                _design_fill.OWN_MAPPING_BYTES = cutoff
                t = time.perf_counter()
                mnlogit.MNLogit.from_formula(d["formula"], d["df"])
                times[label].append(time.perf_counter() - t)
    finally:
        _design_fill.OWN_MAPPING_BYTES = own
    return {label: _median_ms(v) for label, v in times.items()}


def main() -> None:
    lines = ["| measurement | median ms |", "|---|---|"]
    for size in ((10_000, 10, 3), (100_000, 20, 5)):
        for label, ms in fits(*size).items():
            lines.append(f"| {size} fit, {label} | {ms:.1f} |")
    for label, ms in design_builds().items():
        lines.append(f"| (100000, 20, 5) model building, design in {label} | {ms:.1f} |")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
