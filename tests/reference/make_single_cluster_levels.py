"""Write single_cluster_levels.csv: 600 rows of an outcome with levels a to e from a true
multinomial logit in x1 and x2 (about 1e4), and three rare levels whose rows each lie in one
of the 20 clusters `cl`: f (4 rows) in cluster 3, g (6 rows) in cluster 11, h (2 rows) in
cluster 17; frequency weights `w` = 1 + (i % 3) for the row i from 0 (numpy's seed 73).
Made once; the reference values are R's (make_single_cluster_levels.R).

Run from this folder: python make_single_cluster_levels.py
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(73)
n = 600
x1 = rng.normal(size=n)
x2 = rng.normal(1e4, 3e3, size=n)
B = np.array([[0.0, 0.4, -0.2, 0.3, 0.1], [0.0, 0.5, -0.4, 0.2, -0.6], [0.0, -0.3, 0.2, 0.4, 0.3]])
eta = np.c_[np.ones(n), x1, (x2 - 1e4) / 3e3] @ B
P = np.exp(eta - eta.max(axis=1, keepdims=True))
P /= P.sum(axis=1, keepdims=True)
y = np.array(list("abcde"), dtype=object)[(P.cumsum(axis=1) < rng.random((n, 1))).sum(axis=1)]
cl = rng.integers(0, 20, n)
rows = rng.choice(n, 12, replace=False)
for level, cluster, taken in [("f", 3, rows[:4]), ("g", 11, rows[4:10]), ("h", 17, rows[10:])]:
    y[taken] = level
    cl[taken] = cluster
w = 1 + np.arange(n) % 3
pd.DataFrame({"y": y, "x1": x1, "x2": x2, "cl": cl, "w": w}).to_csv(
    "single_cluster_levels.csv", index=False
)
