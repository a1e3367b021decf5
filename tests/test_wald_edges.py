"""Wald tests of restrictions written as text whose numbers leave the floating-point range."""

import numpy as np
import pytest

import mnlogit
from mnlogit.exceptions import DataError


def three_outcomes(seed: int, n: int) -> tuple[np.ndarray, np.ndarray]:
    """An outcome of three levels unrelated to one normal predictor: (y, x)."""
    rng = np.random.default_rng(seed)
    return rng.choice(["a", "b", "c"], size=n), rng.normal(size=n)


@pytest.fixture(scope="module")
def res():
    y, x = three_outcomes(0, 300)
    return mnlogit.MNLogit(y, np.column_stack([np.ones(len(x)), x]), ref="a").fit()


@pytest.mark.parametrize(
    "text",
    [
        "b:x1 = 1e400",  # read as inf: chi2 = inf and p = 0 whatever the data
        "1e400*b:x1 = 0",
        "1e308*b:x1 + 1e308*b:x1 = c:x1",  # the multipliers sum past the range
        "1e400*b:x1 - 1e400*b:x1 + c:x1 = 0",  # inf - inf
        "-1e400 = b:x1",
    ],
)
def test_numbers_beyond_the_float_range_are_refused(res, text):
    assert res.params.index.tolist() == ["x0", "x1"]
    with pytest.raises(DataError, match=r"beyond the floating-point range.*rescale"):
        res.wald_test(text)


def test_large_numbers_within_the_range_are_tested(res):
    big = res.wald_test("1e300*b:x1 = 1e300*c:x1")
    assert big.statistic == pytest.approx(res.wald_test("b:x1 = c:x1").statistic, rel=1e-10)
