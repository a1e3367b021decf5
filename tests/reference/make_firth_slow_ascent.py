"""Data for make_firth_slow_ascent.R (tests/test_firth_slow_ascent.py): 3 outcomes completely
separated along 4 columns with a margin of 1e-4, where Firth's scoring iteration converges
linearly and slowly (each gain in penalised value about 0.85 of the last).

firth_slow_ascent.csv, 300 rows: x0-x3 standard normal, y the argmax of three linear scores
of them (none of the rows has its two highest scores within 1e-4).

Run from this folder: python make_firth_slow_ascent.py (numpy's seed 2).
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(2)
X = rng.normal(size=(300, 4))
S = X @ (rng.normal(size=(4, 3)) * 3)
top = np.sort(S, axis=1)
keep = (top[:, -1] - top[:, -2]) > 1e-4
y = np.array(list("abc"))[S.argmax(axis=1)]
df = pd.DataFrame(X, columns=[f"x{j}" for j in range(4)]).assign(y=y)[keep]
df.to_csv("firth_slow_ascent.csv", index=False, float_format="%.17g")
