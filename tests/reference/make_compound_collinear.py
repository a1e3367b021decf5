"""Writes compound_collinear.csv: 600 rows of year (1990..2020) and an outcome a/b/c drawn from
a multinomial logit cubic in t = (year - 2005) / 10 (numpy's seed 23)."""

import pathlib

import numpy as np
import pandas as pd

rng = np.random.default_rng(23)
n = 600
year = rng.integers(1990, 2021, n)
t = (year - 2005) / 10
eta = np.c_[0.5 * t - 0.3 * t**2, -0.4 * t + 0.2 * t**3]
p = np.exp(np.c_[np.zeros(n), eta])
p /= p.sum(1, keepdims=True)
y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
out = pathlib.Path(__file__).parent / "compound_collinear.csv"
pd.DataFrame({"y": y, "year": year}).to_csv(out, index=False)
