"""Reference values for tests/test_rare_outcome_information.py: the maximum-likelihood fit of
``y ~ x`` (reference a) on 100,000 rows, x a whole number 0 to 9, where outcome r has 3 rows,
by Newton's method in 50-digit decimal arithmetic (Python's ``decimal``; ``newton`` of
make_weight_spread.py), independent of mnlogit and of float64: its coefficients, the standard
errors from the inverse information at the maximum, the robust (HC0) ones from the sandwich
built there with the rows' scores, and the log-likelihood.

Rows with the same x and outcome have the same score, so the rows are kept as the 23 cells
(x, y) with their counts ``n``: a fit weighted by the counts is the fit of the rows, and so
is the meat, sum over cells of n s s'.

Run from tests/reference: python make_rare_outcome_information.py (a few seconds).
Writes rare_outcome_information.csv (the cells) and rare_outcome_information.json.
"""

import json
import platform
import sys
from decimal import Decimal, getcontext

import numpy as np
import pandas as pd
from make_weight_spread import newton

getcontext().prec = 50


def data() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 100_000
    x = rng.integers(0, 10, n).astype(float)
    y = np.where(rng.random(n) < 0.4, "b", "a").astype(object)
    y[rng.choice(n, 3, replace=False)] = "r"
    rows = pd.DataFrame({"x": x, "y": y})
    return rows.groupby(["x", "y"]).size().reset_index(name="n")


def fit(cells: pd.DataFrame) -> dict:
    X = [[Decimal(1), Decimal(repr(float(v)))] for v in cells["x"]]
    w = [Decimal(int(v)) for v in cells["n"]]
    codes = [{"b": 0, "r": 1, "a": 2}[v] for v in cells["y"]]  # b and r against a
    B, inverse, ll, longest = newton(X, w, codes, 2)
    p, q = 2, 2
    m = p * q
    meat = [[Decimal(0)] * m for _ in range(m)]
    for xi, wi, yi in zip(X, w, codes, strict=True):
        eta = [sum(xi[a] * B[a][j] for a in range(p)) for j in range(q)] + [Decimal(0)]
        top = max(eta)
        e = [(v - top).exp() for v in eta]
        s = sum(e)
        score = [((1 if yi == j else 0) - e[j] / s) * xi[a] for j in range(q) for a in range(p)]
        for i in range(m):
            for k in range(m):
                meat[i][k] += wi * score[i] * score[k]
    # V M V, V = inverse (symmetric)
    VM = [[sum(inverse[i][t] * meat[t][k] for t in range(m)) for k in range(m)] for i in range(m)]
    robust = [[sum(VM[i][t] * inverse[t][k] for t in range(m)) for k in range(m)] for i in range(m)]

    def sd(V: list) -> list:  # terms x equations, V equation-major
        return [[float(V[j * p + a][j * p + a].sqrt()) for j in range(q)] for a in range(p)]

    return {
        "params": [[float(B[a][j]) for j in range(q)] for a in range(p)],
        "bse": sd(inverse),
        "bse_robust": sd(robust),
        "loglik": str(ll),
        "step_at_end": float(longest),
    }


if __name__ == "__main__":
    cells = data()
    cells.to_csv("rare_outcome_information.csv", index=False)
    versions = {"python": sys.version.split()[0], "platform": platform.machine()}
    versions.update({module.__name__: module.__version__ for module in (np, pd)})
    out = {"formula": "y ~ x", "ref": "a", "terms": ["Intercept", "x"], "outcomes": ["b", "r"]}
    with open("rare_outcome_information.json", "w") as f:
        json.dump({**out, **fit(cells), "versions": versions}, f, indent=1)
