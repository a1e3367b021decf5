"""Data of make_firth_interactions.R (tests/test_firth_interactions_reference.py).

firth_interactions.csv: 120 rows, y in u, v, w; factors a (a1-a3) and b (b1, b2); no row of
a3:b2 in w (its rows recoded u), so the w equation of y ~ a*b + x is quasi-separated through
the interaction of two factors alone; rows of a1 with x > 1 all v; frequency weights fw in
0-3 (the first six 0); z is x with 8 values missing, so y ~ a*b + z drops those rows.
firth_binary_rows.csv: 64 rows of a binary yes/no, completely separated by x + 1.5 (g = g2)
> 0.5 on the rows of positive weight, with a row of weight 0 on the boundary and two more
of weight 0 against the separation, and two rows missing g or x (dropped).
Run from this folder: python make_firth_interactions.py (numpy's seeds 52 and 7).
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(52)
n = 120
a = rng.choice(["a1", "a2", "a3"], n)
b = rng.choice(["b1", "b2"], n)
x = np.round(rng.normal(size=n), 3)
y = rng.choice(["u", "v", "w"], n, p=[0.4, 0.35, 0.25])
y[(a == "a3") & (b == "b2") & (y == "w")] = "u"
y[(x > 1.0) & (a == "a1")] = "v"
fw = rng.integers(0, 4, n).astype(float)
fw[:6] = 0
z = x.copy()
z[rng.choice(n, 8, replace=False)] = np.nan
pd.DataFrame({"y": y, "a": a, "b": b, "x": x, "fw": fw, "z": z}).to_csv(
    "firth_interactions.csv", index=False, na_rep="NA"
)

rng = np.random.default_rng(7)
n = 60
g = rng.choice(["g1", "g2", "g3"], n)
x = np.round(rng.uniform(-2, 2, n), 1)
s = x + 1.5 * (g == "g2")
yb = np.where(s > 0.5, "yes", "no").astype(object)
yb[np.where(np.isclose(s, 0.5))[0][::2]] = "yes"
fw = rng.integers(0, 3, n).astype(float)
rows = pd.DataFrame({"y": yb, "g": g, "x": x, "fw": fw})
against = pd.DataFrame({"y": ["yes", "no"], "g": ["g1", "g1"], "x": [-1.9, 1.9], "fw": [0.0, 0.0]})
missing = pd.DataFrame(
    {"y": ["yes", "no"], "g": [None, "g3"], "x": [-1.8, np.nan], "fw": [1.0, 1.0]}
)
pd.concat([rows, against, missing], ignore_index=True).to_csv(
    "firth_binary_rows.csv", index=False, na_rep="NA"
)
