"""Write weight_orders.csv, the data of make_weight_orders.R: 200 rows, three outcomes
(k1-k3) from a multinomial logit in x, z and a factor g, frequency weights drawn from
1, 7, 120 and 5000, and cluster labels 1-30. Run from this folder: python make_weight_orders.py
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(2026)
n = 200
x = np.round(rng.normal(size=n), 4)
z = np.round(rng.uniform(-1, 1, n), 4)
g = rng.choice(["a", "b", "c"], n)
eta = np.c_[
    np.zeros(n), 0.3 + 0.7 * x - 0.4 * (g == "b"), -0.2 - 0.5 * x + 0.6 * z + 0.3 * (g == "c")
]
P = np.exp(eta)
P /= P.sum(1, keepdims=True)
y = np.array(["k1", "k2", "k3"])[(rng.random(n)[:, None] > P.cumsum(1)).sum(1)]
w = rng.choice([1, 7, 120, 5000], n, p=[0.4, 0.3, 0.2, 0.1])
cl = rng.integers(1, 31, n)
pd.DataFrame({"y": y, "x": x, "z": z, "g": g, "w": w, "cl": cl}).to_csv(
    "weight_orders.csv", index=False
)
