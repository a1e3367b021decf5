"""Reference values for tests/test_weight_spread_maximum.py: the maximum-likelihood fit of
``y ~ x + g`` (reference a) with frequency weights of 1e15 and 1e16 on ten rows beside
weights of 1 to 3, by Newton's method in 50-digit decimal arithmetic (Python's ``decimal``),
independent of mnlogit and of float64's rounding, which at this spread of weights hides
the other rows' share of the log-likelihood (R's nnet and VGAM stop short of this maximum
too at 1e15: c's intercept is -51.9 in nnet 7.3-18 (reltol 1e-16), its log-likelihood 3.8e4
lower, and -8.6 in VGAM 1.1-7 (epsilon 1e-15), 6.8e13 lower).

Run from tests/reference: python make_weight_spread.py (about a minute).
Writes weight_spread.csv (the data, heavy weights as 1) and weight_spread.json.
"""

import json
import platform
import sys
from decimal import Decimal, getcontext

import numpy as np
import pandas as pd

getcontext().prec = 50
HEAVY = (15, 16)


def data() -> pd.DataFrame:
    rng = np.random.default_rng(7)
    n = 200
    d = pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "g": rng.choice(["p", "q", "r"], n),
            "w": rng.integers(1, 4, n).astype(float),
        }
    )
    d["y"] = rng.choice(list("abc"), n)
    d["heavy"] = np.arange(n) < 10  # these rows weigh 10**k
    return d


def solve(A: list, b: list) -> list:
    """Gaussian elimination with partial pivoting, in Decimal."""
    n = len(b)
    M = [[*row, b[i]] for i, row in enumerate(A)]
    for c in range(n):
        piv = max(range(c, n), key=lambda i: abs(M[i][c]))
        M[c], M[piv] = M[piv], M[c]
        for i in range(c + 1, n):
            f = M[i][c] / M[c][c]
            for j in range(c, n + 1):
                M[i][j] -= f * M[c][j]
    x = [Decimal(0)] * n
    for i in range(n - 1, -1, -1):
        x[i] = (M[i][n] - sum(M[i][j] * x[j] for j in range(i + 1, n))) / M[i][i]
    return x


def newton(X: list, w: list, y: list, q: int) -> tuple[list, list, Decimal, Decimal]:
    """The maximum of the weighted log-likelihood of rows ``X`` (lists of Decimal), weights
    ``w`` and outcome codes ``y`` (q: the reference, whose linear predictor is 0), by Newton
    steps of at most 5 units each: (B (p x q), the inverse information (equation-major), the
    log-likelihood, the last step's longest entry)."""
    p = len(X[0])
    m = p * q
    B = [[Decimal(0)] * q for _ in range(p)]
    for _ in range(200):
        ll, g = Decimal(0), [Decimal(0)] * m
        H = [[Decimal(0)] * m for _ in range(m)]
        for xi, wi, yi in zip(X, w, y, strict=True):
            eta = [sum(xi[a] * B[a][j] for a in range(p)) for j in range(q)] + [Decimal(0)]
            top = max(eta)
            e = [(v - top).exp() for v in eta]
            s = sum(e)
            P = [v / s for v in e]
            ll += wi * P[yi].ln()
            for j in range(q):
                r = (1 if yi == j else 0) - P[j]
                for a in range(p):
                    g[j * p + a] += wi * xi[a] * r
                for k2 in range(q):
                    c = wi * P[j] * ((1 if j == k2 else 0) - P[k2])
                    for a in range(p):
                        for b in range(p):
                            H[j * p + a][k2 * p + b] += c * xi[a] * xi[b]
        step = solve(H, g)
        longest = max(abs(v) for v in step)
        t = min(Decimal(1), Decimal(5) / longest)  # at most 5 units a step, far out
        for j in range(q):
            for a in range(p):
                B[a][j] += t * step[j * p + a]
        if longest < Decimal("1e-30"):
            break
    else:
        raise RuntimeError("no convergence")
    inverse = [solve(H, [Decimal(int(i == j)) for i in range(m)]) for j in range(m)]
    return B, inverse, ll, longest


def reference(k: int, B: list, inverse: list, ll: Decimal, longest: Decimal) -> dict:
    """What the JSON keeps of a fit with heavy rows of weight 10**k (:func:`newton`'s)."""
    p, q = len(B), len(B[0])
    return {
        "heavy_weight": float(Decimal(10) ** k),
        "params": [[float(B[a][j]) for j in range(q)] for a in range(p)],  # terms x equations
        "bse": [[float(inverse[j * p + a][j * p + a].sqrt()) for j in range(q)] for a in range(p)],
        "loglik": str(ll),
        "step_at_end": float(longest),
    }


def fit(d: pd.DataFrame, k: int) -> dict:
    X = [
        [Decimal(1), Decimal(repr(float(x))), Decimal(int(g == "q")), Decimal(int(g == "r"))]
        for x, g in zip(d["x"], d["g"], strict=True)
    ]
    w = [
        Decimal(10) ** k if h else Decimal(repr(float(v)))
        for v, h in zip(d["w"], d["heavy"], strict=True)
    ]
    # equations b and c against a; the reference's linear predictor is 0
    y = [{"a": 2, "b": 0, "c": 1}[v] for v in d["y"]]
    return reference(k, *newton(X, w, y, 2))


if __name__ == "__main__":
    d = data()
    d.drop(columns="heavy").assign(heavy=d["heavy"].astype(int)).to_csv(
        "weight_spread.csv", index=False
    )
    out = {
        "formula": "y ~ x + g",
        "ref": "a",
        "terms": ["Intercept", "x", "g[T.q]", "g[T.r]"],
        "outcomes": ["b", "c"],
        "fits": [fit(d, k) for k in HEAVY],
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "platform": platform.machine(),
        },
    }
    with open("weight_spread.json", "w") as f:
        json.dump(out, f, indent=1)
