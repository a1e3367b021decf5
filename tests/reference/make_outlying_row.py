"""Data with one row far out along a column (tests/test_outlying_row.py): x uniform on [0, 1]
for 199 rows and x = 1e12 for the first; y is "b" where x plus noise exceeds 0.5, else "a",
with 30% of rows recoded "c". The first row is "b", so at the maximum its probability is 1
to rounding and it adds nothing to the (penalised) log-likelihood: the fits of all 200 rows
are those of the other 199, which make_outlying_row.R gives from R.

Run from this folder:  python make_outlying_row.py  (writes outlying_row.csv)
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(0)
n = 200
x = rng.uniform(0, 1, n)
x[0] = 1e12
y = np.where(x + rng.normal(0, 0.3, n) > 0.5, "b", "a")
y[rng.random(n) < 0.3] = "c"
assert y[0] == "b"
pd.DataFrame({"x": x, "y": y}).to_csv("outlying_row.csv", index=False, float_format="%.17g")
