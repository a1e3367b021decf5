"""Write workflow_messy.csv: a messy applied data set for an end-to-end parity check with R.

600 rows drawn with numpy's seed 20261205: a 4-level outcome `y` (levels a-d), `income` on a
wide scale (about 1e4 to 1e6), `region` with a rare level (`island`, 5 rows, which hold every
outcome so that the maximum likelihood estimate exists), `edu` with three levels entering an
interaction with `age`, missing values in `income` (15 rows) and `edu` (12 rows), none of the
rare level, integer frequency weights `fw` (1-4), non-integer sampling weights `sw` and 25
clusters `clinic` (outcomes drawn with a random effect per clinic). make_workflow_messy.R
computes the reference values from it (workflow_messy.json).

Run from this folder: python make_workflow_messy.py (Python 3.11.7, numpy 2.4.6, pandas 3.1.1)
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(20261205)
n = 600
clinic = rng.integers(1, 26, n)
region = rng.choice(np.array(["north", "south", "west"], dtype=object), n, p=[0.45, 0.35, 0.20])
island = rng.choice(n, 5, replace=False)
region[island] = "island"
edu = rng.choice(["primary", "secondary", "tertiary"], n, p=[0.3, 0.45, 0.25])
age = np.round(rng.uniform(18, 80, n), 1)
income = np.round(np.exp(rng.normal(np.log(8e4), 0.9, n)).clip(1.1e4, 9.5e5), 2)
u = rng.normal(0, 0.4, 26)[clinic]
agec = (age - 50) / 10
e = {
    "pr": agec * 0 + (edu == "primary"),
    "te": (edu == "tertiary") * 1.0,
}
eta_b = -0.3 + 0.5 * np.log(income / 8e4) + 0.3 * agec - 0.15 * agec**2 + 0.4 * e["te"] + u
eta_c = 0.2 - 0.4 * np.log(income / 8e4) + 0.5 * agec * e["pr"] - 0.3 * (region == "south") + u
eta_d = (
    -0.8 + 0.8 * np.log(income / 8e4) - 0.2 * agec + 0.6 * agec * e["te"] + 0.5 * (region == "west")
)
eta = np.column_stack([np.zeros(n), eta_b, eta_c, eta_d])
p = np.exp(eta - eta.max(1, keepdims=True))
p /= p.sum(1, keepdims=True)
y = np.array(["a", "b", "c", "d"])[(p.cumsum(1) > rng.uniform(size=(n, 1))).argmax(1)]
# every outcome among the rare level's rows, so that the maximum likelihood estimate exists
y[island] = ["a", "b", "c", "d", "c"]
fw = rng.integers(1, 5, n)
sw = np.round(rng.gamma(4, 10, n) * (1 + 0.5 * (region == "west")), 3)
df = pd.DataFrame(
    {
        "id": np.arange(1, n + 1),
        "y": y,
        "income": income,
        "age": age,
        "region": region,
        "edu": edu,
        "fw": fw,
        "sw": sw,
        "clinic": [f"c{c:02d}" for c in clinic],
    }
)
others = np.setdiff1d(np.arange(n), island)
df.loc[rng.choice(others, 15, replace=False), "income"] = np.nan
df.loc[rng.choice(others, 12, replace=False), "edu"] = np.nan
df.to_csv("workflow_messy.csv", index=False)
