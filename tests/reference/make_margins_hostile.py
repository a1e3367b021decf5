"""Write margins_hostile.csv, the data of margins_hostile.R: 500 rows drawn with numpy's seed
20261207 (k with the seed [20261207, 1]), an outcome y (A, B, C), numbers x and x2 (x2 > 0,
read through its log), factors g (a, b, c) and h (p, q), a whole number k (0-3) read as a
factor, integer frequency weights w of 0 to 3 (67 rows of weight 0), 6 rows missing x and a
column z that no formula reads with 68 missing values.

Run from this folder: python make_margins_hostile.py (Python 3.11.7, numpy 2.4.6, pandas 3.1.1)
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(20261207)
n = 500
x = rng.normal(2.0, 1.0, n)
x2 = np.exp(rng.normal(0.5, 0.8, n))
g = rng.choice(["a", "b", "c"], n, p=[0.4, 0.35, 0.25])
h = rng.choice(["p", "q"], n)
eta = np.c_[
    np.zeros(n),
    -0.3 + 0.5 * x - 0.4 * (g == "b") + 0.3 * (g == "c") * x + 0.4 * (h == "q") - 0.2 * np.log(x2),
    0.2 - 0.3 * x + 0.6 * (g == "c") - 0.5 * (h == "q") + 0.3 * np.log(x2),
]
P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
y = np.array(["A", "B", "C"])[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
w = rng.choice([0, 1, 2, 3], n, p=[0.12, 0.38, 0.3, 0.2])
z = rng.normal(size=n)
z[rng.random(n) < 0.15] = np.nan
df = pd.DataFrame({"y": y, "x": x, "x2": x2, "g": g, "h": h, "w": w, "z": z})
df.loc[rng.choice(n, 6, replace=False), "x"] = np.nan
df["k"] = np.random.default_rng([20261207, 1]).integers(0, 4, n)
df.to_csv("margins_hostile.csv", index=False, na_rep="NA")
