"""scale(), standardize(), poly() and the natural splines on a column in extreme units (1e200,
1e-200), where their sums of squares or powers leave float64's range, are refused saying so,
with the rescaled transform to write, which fits the model of the column in ordinary units.

Before, their columns came out as zeros, inf or NaN and were refused for what those look
like: scale(x * 1e200) as "0 on every row: drop them from the formula", scale(x * 1e-200)
as "non-finite values (e.g. from log of a non-positive number)", poly(x * 1e100, 2) as
"its column has too few distinct values", cr(x * 1e-250, ...) as "e.g. log or sqrt of a
negative number"."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    rng = np.random.default_rng(19)
    n = 240
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "g": rng.choice(["u", "v", "w"], n),
        }
    )


@pytest.mark.parametrize(
    ("transform", "power"),
    [
        ("scale(xs)", 200),
        ("scale(xs)", -200),
        ("standardize(xs)", 160),
        ("poly(xs, 2)", 100),
        ("poly(xs, 2)", -100),
        ("poly(xs, 3, raw=True)", -200),
        ("cr(xs, df=3, constraints='center')", -250),
        ("cr(xs, df=3, constraints='center')", 250),
    ],
)
def test_a_transform_of_a_column_in_extreme_units_is_refused_with_the_rescaling(
    frame, transform, power
):
    data = frame.assign(xs=frame["x"] * 10.0**power)
    with pytest.raises(DataError, match=r"cannot be computed in float64 with column 'xs'") as err:
        mnlogit.fit(f"y ~ {transform} + g", data)
    advised = re.search(r"rescale the column first, e\.g\. (.*), which fits", str(err.value))
    assert advised is not None
    assert advised.group(1) == transform.replace("(xs", f"(xs / 1e{power}", 1)
    got = mnlogit.fit(f"y ~ {advised.group(1)} + g", data)
    want = mnlogit.fit(f"y ~ {transform.replace('xs', 'x')} + g", frame)
    assert got.llf == pytest.approx(want.llf, rel=1e-9)


def test_a_column_name_in_backticks_is_rescaled_in_backticks(frame):
    data = frame.assign(**{"my x": frame["x"] * 1e200})
    with pytest.raises(DataError, match=r"e\.g\. scale\(`my x` / 1e200\), which"):
        mnlogit.fit("y ~ scale(`my x`) + g", data)


def test_another_failing_term_keeps_its_own_refusal(frame):
    # scale() of a column in units of 1e100 is computed; the log of a negative is the fault
    data = frame.assign(xs=frame["x"] * 1e100)
    assert mnlogit.fit("y ~ scale(xs) + g", data).converged
    with pytest.raises(DataError, match=r"'np\.log\(-x\)' gives missing values"):
        mnlogit.fit("y ~ np.log(-x) + scale(xs) + g", data)


def test_centring_a_column_whose_sum_overflows_is_refused_with_the_rescaling():
    # its mean overflowed to inf and the column of -inf was refused as "non-finite values
    # (inf or NaN, e.g. from log of a non-positive number)"
    rng = np.random.default_rng(4)
    d = pd.DataFrame({"y": rng.choice(["a", "b", "c"], 200), "h": 1e307 * rng.uniform(1, 3, 200)})
    with pytest.raises(DataError, match=r"'center\(h\)' cannot be computed.*center\(h / 1e307\)"):
        mnlogit.fit("y ~ center(h)", d)
    assert mnlogit.fit("y ~ center(h / 1e307)", d).converged
