"""Write two_factor_separation.csv: separations that two factors carry, for anova's type II
tests and predictions checked against R (make_two_factor_separation.R).

400 rows drawn with numpy's seed 7: factors f (a, b, c) and g (u, v, w), x standard normal,
y1 and y2 in A, B, C from a multinomial logit in x, f and g. y1: the 47 rows of the cell
f = c, g = u set to A (the interaction f:g diverges, f and g alone do not). f2, g2 and y2:
the first 6 rows given a rare level r of f2, all A, and the next 5 a rare level s of g2, all
B (separation by two rare levels at once).

Run from this folder: python make_two_factor_separation.py (Python 3.11.7, numpy 2.4.6,
pandas 3.1.1)
"""

import numpy as np
import pandas as pd

rng = np.random.default_rng(7)
n = 400
f = rng.choice(["a", "b", "c"], n)
g = rng.choice(["u", "v", "w"], n)
x = rng.normal(size=n)
eta_b = 0.5 * x + (f == "b") * 0.6 - (g == "v") * 0.4
eta_c = -0.3 * x + (f == "c") * 0.5 + (g == "w") * 0.7
P = np.exp(np.column_stack([np.zeros(n), eta_b, eta_c]))
P /= P.sum(axis=1, keepdims=True)
y = np.array([rng.choice(["A", "B", "C"], p=p) for p in P])
y1 = np.where((f == "c") & (g == "u"), "A", y)
f2, g2, y2 = f.copy(), g.copy(), y.copy()
f2[:6], y2[:6] = "r", "A"
g2[6:11], y2[6:11] = "s", "B"
frame = pd.DataFrame({"y1": y1, "y2": y2, "f": f, "g": g, "f2": f2, "g2": g2, "x": x.round(6)})
frame.to_csv("two_factor_separation.csv", index=False)
