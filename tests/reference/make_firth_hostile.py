"""Data for make_firth_hostile.R (tests/test_firth_hostile_reference.py): two small data sets
where maximum likelihood has no finite estimate, drawn with numpy's generator.

firth_hostile.csv, 80 rows: y in a, b, c drawn from a multinomial logit in x, with every row of
level w of the factor g that drew c recoded a (quasi-complete separation in c's equation only,
by a factor level); frequency weights w in 1-3, clusters cl of 4 rows; xbig = x * 1e6 and
xsmall = x * 1e-6.
firth_hostile_k4.csv, 120 rows: y in A-D, within level w of g outcome D exactly when x > 0.3
(the interaction x:g[T.w] separates D), and a factor h whose level r has one row (outcome B).

Run from this folder: python make_firth_hostile.py (numpy's seeds 44 and 7).
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(44)
n = 80
x = rng.normal(size=n)
g = rng.choice(["u", "v", "w"], size=n)
eta = np.column_stack([np.zeros(n), 0.5 * x, -0.3 + 0.8 * x])
P = np.exp(eta)
P /= P.sum(axis=1, keepdims=True)
y = np.array([rng.choice(["a", "b", "c"], p=p) for p in P])
y[(g == "w") & (y == "c")] = "a"
w = rng.integers(1, 4, size=n)
df = pd.DataFrame({"y": y, "x": x, "g": g, "w": w, "cl": np.arange(n) // 4})
df["xbig"] = df.x * 1e6
df["xsmall"] = df.x * 1e-6
df.to_csv("firth_hostile.csv", index=False, float_format="%.17g")

rng = np.random.default_rng(7)
n = 120
x = rng.normal(size=n)
z = rng.normal(size=n)
g = rng.choice(["u", "v", "w"], size=n, p=[0.4, 0.4, 0.2])
eta = np.column_stack([np.zeros(n), 0.4 * x, -0.5 * z, 0.3 * x - 0.2])
y = np.array(["A", "B", "C", "D"])[np.argmax(eta + rng.gumbel(size=(n, 4)), axis=1)].astype(object)
inw = g == "w"
y[inw & (x > 0.3)] = "D"
y[inw & (x <= 0.3) & (y == "D")] = "A"
g[0] = "u"
h = rng.choice(["p", "q"], size=n)
h[0] = "r"
y[0] = "B"
w = rng.integers(1, 5, size=n)
pd.DataFrame({"y": y, "x": x, "z": z, "g": g, "h": h, "w": w}).to_csv(
    "firth_hostile_k4.csv", index=False, float_format="%.17g"
)
