"""The exact check on a design it rotates to orthogonal columns (mnlogit._lp_design): an
entry of the rotated design within the rounding of its sum of products is 0.

Sampling weights of 1e6 on a few of 40 rows make the weighted columns nearly collinear, so
the check runs its programs on X T. A slope column of one cell (``x1:C(g, Poly)[a]:h[u]``),
0 off its cell, came out 1e-17 there; its typical entry was then that rounding, the
programs divided the column by it, and found no separating direction: the in-memory fit
reported no separation (a fit that did not converge in 100 iterations) where the same rows
unweighted, or with weights of 1e3, are separated (no row of B with positive weight at
g = a, h = u), and where a dask fit's screen reported the separation.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit

FORMULA = "y ~ C(g, Poly)*h + x1:C(g, Poly):h"
WEIGHTS = {"0": 0.0, "t": 1e-9, "s": 0.3, "1": 1.0, "m": 2.5, "H": 1e6}


def rows() -> pd.DataFrame:
    """40 rows, none of outcome B with positive weight at g = a, h = u."""
    x1 = [0.9, -2.18, 0.35, -1.6, -0.42, -0.04, -1.09, 0.12, -1.35, -0.46, 0.87, -0.99, 0.17]
    x1 += [-1.54, 0.28, -1.75, -1.01, -1.71, 0.23, -1.02, -0.56, 0.24, 0.9, 0.56, -0.24, 1.45]
    x1 += [0.86, -0.17, 1.88, -0.96, -0.14, 1.3, 0.72, 0.49, -0.32, -0.97, -0.36, 0.53, -0.47]
    x1 += [-1.37]
    return pd.DataFrame(
        {
            "y": list("BCACBCAABCACCBABBBCCCACABBAABACABAACACAA"),
            "g": list("cabbbbbbcbcbcbcaabbacbcbcacbcaaacababcaa"),
            "h": list("vvvuvuuuuuvuvuuvvvuuuuvuvuuuuuuvvvuvvuvv"),
            "x1": x1,
            "w": [WEIGHTS[c] for c in "smmsHt00ss111ms10s1H1111s01sss1111HHsHs1"],
        }
    )


@pytest.mark.parametrize("huge", [1e6, 1e3])
def test_heavy_weights_leave_the_separation_found(huge):
    df = rows().replace({"w": {1e6: huge}})
    at = (df.g == "a") & (df.h == "u") & (df.w > 0)
    assert "B" not in set(df.y[at])
    sep = mnlogit.check_separation(FORMULA, df, weights="w", weight_type="probability")
    assert sep is not None and sep.kind == "quasi-complete"
    plain = mnlogit.check_separation(FORMULA, df[df.w > 0])
    pd.testing.assert_frame_equal(sep.diverging(), plain.diverging())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = mnlogit.fit(FORMULA, df, weights="w", weight_type="probability")
    assert res.separation is not None
    assert np.isnan(res.bse.loc["x1:C(g, Poly)[a]:h[u]", "B"])
