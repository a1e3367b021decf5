"""A B-spline's own fitted extremes given back rounded (stored in float32, or written to a
file with fewer digits) lie a hair beyond its bounds and are refused: the refusal quoted both
to six digits, "9.48951 outside [-1.50288, 9.48951]", a value that read as within them. It
quotes the value and the bound in full with how far apart they are, and the clip that reads
the value as the bound, which then predicts as the unrounded row does."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def fitted():
    rng = np.random.default_rng(7)
    n = 300
    x = rng.normal(5, 2, n)
    eta = np.c_[np.zeros(n), 0.3 * x - 1, -0.1 * (x - 5) ** 2]
    p = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    y = np.array(["a", "b", "c"])[[rng.choice(3, p=row) for row in p]]
    data = pd.DataFrame({"x": x, "y": y})
    return mnlogit.fit("y ~ bs(x, df=4)", data), data


ROUNDED = {
    "float32": lambda x: x.astype(np.float32),
    "six decimals": lambda x: x.round(6),
}


@pytest.mark.parametrize("rounded", ROUNDED.values(), ids=ROUNDED)
def test_a_bound_rounded_is_quoted_in_full_with_the_clip_that_reads_it(fitted, rounded):
    res, data = fitted
    lo, hi = float(data["x"].min()), float(data["x"].max())
    ends = data.loc[[data["x"].idxmin(), data["x"].idxmax()], ["x"]]
    new = ends.assign(x=rounded(ends["x"]))
    beyond = new["x"].to_numpy(np.float64)
    off = np.flatnonzero((beyond < lo) | (beyond > hi))
    assert len(off)  # the case: at least one end rounded outward
    value = float(beyond[off[0]])
    bound = lo if value < lo else hi
    with pytest.raises(DataError) as err:
        res.predict(new)
    message = str(err.value)
    assert f"e.g. {value!r}, " in message
    assert f"beyond the bound {bound!r}" in message
    clip = re.search(r"newdata\['x'\]\.clip\(([^,]+), ([^)]+)\)", message)
    assert clip is not None
    clipped = new.assign(x=new["x"].astype(np.float64).clip(float(clip[1]), float(clip[2])))
    np.testing.assert_allclose(
        res.predict(clipped).to_numpy(), res.predict(ends).to_numpy(), rtol=0, atol=1e-6
    )
