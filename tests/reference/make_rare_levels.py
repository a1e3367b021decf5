"""Write rare_levels.csv: 900 rows of an outcome with K = 30 levels, five of them rare (2 to 7
rows), from a true multinomial logit in x and z (numpy's seed 7). Made once; the reference
values are R's (make_extremes.R).

Run from this folder: python make_rare_levels.py
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
n, K = 900, 30
x = rng.normal(size=n)
z = rng.normal(size=n)
eta = np.column_stack(
    [0.3 * k / K + (k % 5 - 2) * 0.4 * x + ((k % 3) - 1) * 0.3 * z for k in range(K)]
)
eta[:, 25:] -= 2.3  # the last five levels rare
P = np.exp(eta - eta.max(axis=1, keepdims=True))
P /= P.sum(axis=1, keepdims=True)
y = np.array([rng.choice(K, p=p) for p in P])
pd.DataFrame({"y": [f"L{k:02d}" for k in y], "x": x, "z": z}).to_csv("rare_levels.csv", index=False)
