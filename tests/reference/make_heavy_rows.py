"""Reference values for tests/test_heavy_rows_convergence.py: the maximum-likelihood fit of
``y ~ z`` (reference A) where 200 rows at z = 0 weigh 10**k (k = 6, 9, 12, 17, 20, 24)
beside 200 rows of weight 1 whose z varies, by Newton's method in 50-digit decimal arithmetic
(Python's ``decimal``), independent of mnlogit and of float64's rounding. Past 1e16 the
light rows weigh less than float64's epsilon of the total.

The heavy rows hold the intercepts only: they make the deviance huge while telling nothing
of z's slopes, which a convergence test relative to the whole deviance let stop far short.

Run from tests/reference: python make_heavy_rows.py (about a minute).
Writes heavy_rows.csv (the data, heavy rows marked) and heavy_rows.json.
"""

import json
import platform
import sys
from decimal import Decimal, getcontext

import numpy as np
import pandas as pd
from make_weight_spread import newton, reference

getcontext().prec = 50
HEAVY = (6, 9, 12, 17, 20, 24)


def data() -> pd.DataFrame:
    rng = np.random.default_rng(3)
    n = 400
    heavy = np.arange(n) < 200
    z = np.where(heavy, 0.0, rng.normal(size=n))
    eta = np.c_[np.zeros(n), 2.5 * z, -1.5 * z]
    p = np.exp(eta)
    p /= p.sum(1, keepdims=True)
    y = [rng.choice(list("ABC"), p=r) for r in p]
    return pd.DataFrame({"z": z, "y": y, "heavy": heavy.astype(int)})


def fit(d: pd.DataFrame, k: int) -> dict:
    X = [[Decimal(1), Decimal(repr(float(v)))] for v in d["z"]]
    w = [Decimal(10) ** k if h else Decimal(1) for h in d["heavy"]]
    y = [{"A": 2, "B": 0, "C": 1}[v] for v in d["y"]]  # equations B and C against A
    return reference(k, *newton(X, w, y, 2))


if __name__ == "__main__":
    d = data()
    d.to_csv("heavy_rows.csv", index=False)
    out = {
        "formula": "y ~ z",
        "ref": "A",
        "terms": ["Intercept", "z"],
        "outcomes": ["B", "C"],
        "fits": [fit(d, k) for k in HEAVY],
        "versions": {
            "python": sys.version.split()[0],
            "numpy": np.__version__,
            "pandas": pd.__version__,
            "platform": platform.machine(),
        },
    }
    with open("heavy_rows.json", "w") as f:
        json.dump(out, f, indent=1)
