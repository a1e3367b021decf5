"""IIA tests of a dozen rows: the numbers the fits give, and no bare numpy warning."""

import warnings

import numpy as np
import pandas as pd

import mnlogit

# 12 rows of three outcomes; half A of seed=1's split is nearly separated (coefficients
# near 25, finite), so the restricted probabilities at b_AB underflow on some rows of half B
X = [
    -0.456333893932018,
    1.8716346370160677,
    -1.0472180935940827,
    0.968477609522218,
    -0.955144769724686,
    0.35411165760150265,
    -1.9683967522378658,
    0.8992737076506074,
    -0.15824761527156533,
    -0.967681471724209,
    1.6784190387621596,
    0.7653546837661211,
]
Y = list("AAABABBBBCCC")


def test_small_hsiao_with_far_out_rows_gives_no_numpy_warning():
    # log1p(-1) of a row far out (read from the other branch) raised numpy's "divide by
    # zero encountered in log1p" at the user's call
    res = mnlogit.fit("y ~ x", pd.DataFrame({"x": X, "y": Y}), ref="A")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        test = res.iia_test("B", method="small-hsiao", seed=1)
    assert np.isfinite(test.statistic) and test.statistic > 0
    assert test.details["L1"] > test.details["L0"]
    # the statistic is twice the gain of half B's restricted maximum over b_AB
    gain = 2 * (test.details["L1"] - test.details["L0"])
    assert abs(test.statistic - gain) <= 1e-9 * gain
