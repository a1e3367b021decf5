"""Write rare_outcome_cells.csv: 1000 rows of an outcome with K = 16 levels, four of them rare
(1, 2, 3 and 5 rows, placed at random rows), a factor g of 10 levels (baseline A) and numeric
x1, x2 (about 5e4) and x3 (about 1e-3), from a true multinomial logit (numpy's seed 4). The
rare levels never occur at most levels of g, and the common level c09 never at F and G: the
fit of y ~ x1 + x2 + x3 + g is quasi-separated, its rare outcomes' intercepts and every dummy
diverging, c09's dummies of F and G alone. Made once; the reference values are R's
(make_rare_outcome_cells.R).

Run from this folder: python make_rare_outcome_cells.py
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(4)
n, K, rare = 1000, 16, (1, 2, 3, 5)
common = K - len(rare)
x1 = rng.normal(size=n)
x2 = rng.normal(50000, 15000, size=n)
x3 = rng.normal(0, 1e-3, size=n)
g = rng.integers(0, 10, n)
B = rng.normal(0, 0.5, size=(4, common))
B[:, 0] = 0
eta = np.c_[np.ones(n), x1, (x2 - 50000) / 15000, x3 * 1e3] @ B
eta += (g[:, None] % 3) * 0.2 * (np.arange(common) % 2)
P = np.exp(eta - eta.max(axis=1, keepdims=True))
P /= P.sum(axis=1, keepdims=True)
y = np.minimum((P.cumsum(axis=1) < rng.random((n, 1))).sum(axis=1), common - 1)
labels = np.array([f"c{j:02d}" for j in range(common)], dtype=object)[y]
rows = rng.choice(n, sum(rare), replace=False)
start = 0
for i, m in enumerate(rare):
    labels[rows[start : start + m]] = f"r{m}_{i}"
    start += m
pd.DataFrame(
    {"y": labels, "x1": x1, "x2": x2, "x3": x3, "g": np.array(list("ABCDEFGHIJ"))[g]}
).to_csv("rare_outcome_cells.csv", index=False)
