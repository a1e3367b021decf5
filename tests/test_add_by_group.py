"""Group sums of scores (cluster, PSU and stratum totals) are np.add.at's."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from mnlogit._linalg import add_by_group


@settings(max_examples=60, deadline=None)
@given(
    m=st.integers(0, 300),
    groups=st.integers(1, 40),
    k=st.integers(1, 7),
    seed=st.integers(0, 2**32 - 1),
    special=st.sampled_from([None, np.nan, np.inf, 1e308]),
)
def test_group_sums_are_those_of_add_at(m, groups, k, seed, special):
    rng = np.random.default_rng(seed)
    codes = rng.integers(0, groups, m)
    values = rng.standard_normal((m, k)) * 10.0 ** rng.integers(-200, 200, (m, 1))
    if special is not None and m:
        values[rng.integers(m), rng.integers(k)] = special
    expected, got = np.zeros((groups, k)), np.zeros((groups, k))
    with np.errstate(over="ignore", invalid="ignore"):
        np.add.at(expected, codes, values)
        add_by_group(got, codes, values)
    np.testing.assert_array_equal(got, expected)
    # onto earlier sums: the group's total is added at once, to within rounding of the terms
    start = rng.standard_normal((groups, k))
    expected, got = start.copy(), start.copy()
    with np.errstate(over="ignore", invalid="ignore"):
        np.add.at(expected, codes, values)
        add_by_group(got, codes, values)
        size = np.abs(start).copy()
        np.add.at(size, codes, np.abs(values))
    finite = np.isfinite(size)
    np.testing.assert_array_equal(np.isnan(got), np.isnan(expected))
    gap = np.abs(got[finite] - expected[finite])
    assert (gap <= 4 * m * np.finfo(float).eps * size[finite]).all()
