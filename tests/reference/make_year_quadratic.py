"""Write year_quadratic.csv: 3000 rows, year uniform on 1990..2020 and y in a, b, c drawn
from a multinomial logit quadratic in year - 2005 (reference a). make_year_quadratic.R fits
it. Run from this folder: python make_year_quadratic.py (numpy 2.4, pandas 3.1)."""

import numpy as np
import pandas as pd

rng = np.random.default_rng(8)
n = 3000
df = pd.DataFrame({"year": rng.integers(1990, 2021, n)})
c = df["year"] - 2005
eta = np.column_stack([np.zeros(n), 0.05 * c - 0.004 * c**2, -0.03 * c + 0.002 * c**2])
P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
df["y"] = np.array(["a", "b", "c"])[(P.cumsum(axis=1) < rng.random(n)[:, None]).sum(axis=1)]
df.to_csv("year_quadratic.csv", index=False)
