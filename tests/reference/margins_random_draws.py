"""Random data sets, formulas and margins queries for the differential test of mnlogit's
margins against R's emmeans (margins_random.R computes emmeans' answers for them).

``draw(seed)`` makes one data set (a DataFrame) and its spec (formula, weights, factor
levels and the queries); numpy's ``default_rng([20261206, seed])`` makes the same draw on
every machine. ``python margins_random_draws.py OUT FIRST LAST`` writes OUT/draw_<seed>.csv and
OUT/specs.json for seeds FIRST..LAST-1, which ``Rscript margins_random.R OUT`` reads.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261206
# (mnlogit's right-hand side, R's) with f1 and f2 factors, x1 a number, x2 a positive number
TEMPLATES = [
    ("f1 + f2 + x1", "f1 + f2 + x1"),
    ("f1 * f2 + x1", "f1 * f2 + x1"),
    ("f1 * x1 + f2", "f1 * x1 + f2"),
    ("f1 + poly(x1, 2) + f2", "f1 + poly(x1, 2) + f2"),
    ("f1 + scale(x1) + np.log(x2) + f2", "f1 + scale(x1) + log(x2) + f2"),
    ("f1 * f2", "f1 * f2"),
    ("f1 + f2", "f1 + f2"),
    ("f1 * poly(x1, 2) + np.log(x2) + f2", "f1 * poly(x1, 2) + log(x2) + f2"),
    ("f1 + x1:f2 + np.log(x2) + f2", "f1 + x1:f2 + log(x2) + f2"),
    ("f1 * np.log(x2) + f2 * x1", "f1 * log(x2) + f2 * x1"),
]
OUTCOMES = ["alpha", "beta", "gamma", "delta", "eps"]


def _factor_probs(rng: np.random.Generator, levels: int) -> np.ndarray:
    p = rng.dirichlet(np.full(levels, 4.0))
    if levels > 2 and rng.random() < 0.3:  # a rare level, about 4% of the rows
        p[rng.integers(levels)] = 0.04 * p.sum()
    return p / p.sum()


def draw(seed: int) -> tuple[pd.DataFrame, dict]:
    """One random data set and its spec (see the module's docstring)."""
    rng = np.random.default_rng([SEED, seed])
    n = int(rng.integers(200, 600))
    K = int(rng.integers(3, 6))
    template = int(rng.integers(len(TEMPLATES)))
    L1, L2 = int(rng.integers(2, 6)), int(rng.integers(2, 5))
    lev1 = [f"a{i}" for i in range(L1)]
    lev2 = [f"b{i}" for i in range(L2)]
    f2_kind = ["text", "categorical", "ordered"][int(rng.integers(3))]
    f1 = rng.choice(lev1, n, p=_factor_probs(rng, L1))
    f2 = rng.choice(lev2, n, p=_factor_probs(rng, L2))
    x1 = rng.normal(0.5, 1.0, n)
    x2 = np.exp(rng.normal(0.0, 0.6, n))
    # a true model with its own interaction; the formula fitted need not be it
    eta = rng.normal(0, 0.5, (1, K))
    eta = eta + rng.normal(0, 0.6, (L1, K))[np.searchsorted(lev1, f1)]
    eta = eta + rng.normal(0, 0.6, (L2, K))[np.searchsorted(lev2, f2)]
    eta = eta + np.outer(x1, rng.normal(0, 0.5, K)) + np.outer(np.log(x2), rng.normal(0, 0.5, K))
    eta = eta + np.outer(x1 * (f1 == lev1[-1]), rng.normal(0, 0.4, K))
    p = np.exp(eta - eta.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    u = rng.random((n, 1))
    y = np.minimum((u > p.cumsum(axis=1)).sum(axis=1), K - 1)
    df = pd.DataFrame({"y": np.asarray(OUTCOMES)[y], "f1": f1, "f2": f2, "x1": x1, "x2": x2})
    weighted = bool(rng.random() < 0.35)
    if weighted:
        df["w"] = rng.integers(1, 4, n)
    if rng.random() < 0.3:  # missing values in x1 (dropped where the formula reads x1)
        df.loc[rng.random(n) < 0.04, "x1"] = np.nan
    if rng.random() < 0.2:
        df.loc[rng.random(n) < 0.03, "f1"] = None
    order2 = lev2
    unused = None
    if f2_kind != "text":
        order2 = list(rng.permutation(lev2))
        if f2_kind == "categorical" and rng.random() < 0.5:
            unused = "b_unused"
            order2 = [*order2, unused]
    mn_rhs, r_rhs = TEMPLATES[template]
    numbers = [v for v in ("x1", "x2") if v in mn_rhs]
    lo, hi = np.nanquantile(df["x1"], [0.2, 0.8]) if "x1" in numbers else (None, None)
    spec = {
        "seed": seed,
        "n": n,
        "K": K,
        "formula": f"y ~ {mn_rhs}",
        "r_formula": f"y ~ {r_rhs}",
        "factor_only": not numbers,
        "numbers": numbers,
        "weighted": weighted,
        "f2_kind": f2_kind,
        "f2_levels": order2,
        "f2_unused": unused,
        "alpha": float(rng.choice([0.05, 0.10])),
        "at_x1": None if lo is None else [round(float(lo), 3), round(float(hi), 3)],
    }
    return df, spec


def frame(seed: int) -> pd.DataFrame:
    """The draw's data as mnlogit fits it: f2 a Categorical (ordered) where the spec says."""
    df, spec = draw(seed)
    if spec["f2_kind"] != "text":
        df["f2"] = pd.Categorical(
            df["f2"], categories=spec["f2_levels"], ordered=spec["f2_kind"] == "ordered"
        )
    return df


def main(out: str, first: int, last: int) -> None:
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    specs = []
    for seed in range(first, last):
        df, spec = draw(seed)
        df.to_csv(folder / f"draw_{seed}.csv", index=False)
        specs.append(spec)
    (folder / "specs.json").write_text(json.dumps(specs, indent=1))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]), int(sys.argv[3]))
