"""The design filled from a DataFrame's columns: consecutive columns of one pandas block are
copied as one run, and the result is the columns stacked, whatever their order and kinds."""

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from mnlogit._design_fill import _row_major, _runs, row_major_copy


@settings(max_examples=80, deadline=None)
@given(
    n=st.integers(1, 700),
    widths=st.lists(st.integers(1, 6), min_size=1, max_size=3),
    order=st.randoms(use_true_random=False),
    ones=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_columns_of_pandas_blocks_fill_as_stacked(n, widths, order, ones, seed):
    rng = np.random.default_rng(seed)
    parts = []
    for b, width in enumerate(widths):  # blocks of float, int and float32 columns
        values = rng.standard_normal((n, width)) * 1e3
        dtype = (np.float64, np.int64, np.float32)[b % 3]
        names = [f"b{b}_{j}" for j in range(width)]
        parts.append(pd.DataFrame(values.astype(dtype), columns=names))
    df = pd.concat(parts, axis=1)
    names = list(df.columns)
    if order.random() < 0.5:
        order.shuffle(names)
    names = names[: order.randint(1, len(names))]
    sources = [df[name].to_numpy() for name in names]
    if ones:
        sources.insert(order.randint(0, len(sources)), None)
    X, finite = _row_major(sources, n, block_bytes=order.choice([64, 4096, 2 << 20]))
    want = np.column_stack(
        [np.ones(n) if s is None else np.asarray(s, dtype=np.float64) for s in sources]
    )
    np.testing.assert_array_equal(X, want)
    assert finite.all() and X.flags.c_contiguous


def test_a_frame_of_one_block_is_one_run_and_others_are_not():
    n = 50
    df = pd.DataFrame(np.arange(4 * n, dtype=float).reshape(n, 4), columns=list("abcd"))
    runs = _runs([df[c].to_numpy() for c in "abcd"], n)
    assert [(a, b) for a, b, _ in runs] == [(0, 4)]
    # out of order, or separate arrays: column by column
    runs = _runs([df[c].to_numpy() for c in "bacd"], n)
    assert [(a, b) for a, b, _ in runs] == [(0, 1), (1, 2), (2, 4)]
    separate = [np.arange(n, dtype=float), np.arange(n, dtype=float)]
    assert len(_runs(separate, n)) == 2


def test_filling_a_small_design_adds_at_most_half_its_size():
    """The block a worker assembles rows in was block_bytes (2 MB) whatever the design: beside
    a design of 1e4 x 11 (0.88 MB) it was the size of the design again, and the fit's peak
    memory was 2.6x the design. It is now at most half a worker's rows."""
    import tracemalloc

    n, p = 10_000, 10
    block = np.random.default_rng(0).standard_normal((p, n))  # columns side by side
    design = 8 * n * (p + 1)
    tracemalloc.start()
    try:
        for fill in (
            lambda: _row_major([None, *block], n),
            lambda: row_major_copy(block.T, ones_first=True),  # Fortran order: staged
        ):
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            X, _ = fill()
            added = tracemalloc.get_traced_memory()[1] - before
            np.testing.assert_array_equal(X[:, 1:], block.T)
            assert added <= 1.6 * design, (added, design)
            del X
    finally:
        tracemalloc.stop()


@settings(max_examples=60, deadline=None)
@given(
    n=st.integers(1, 900),
    p=st.integers(1, 30),
    seed=st.integers(0, 2**32 - 1),
    bad=st.lists(st.sampled_from([np.inf, -np.inf, np.nan, 1.7e308, -1.7e308]), max_size=4),
)
def test_the_finite_columns_are_those_without_inf_or_nan(n, p, seed, bad):
    """Which columns are finite is read from each block's column sums (folded side by side)
    and, where a sum is not finite, from the values: columns of 1.7e308 whose sums overflow
    are finite, columns of one inf or NaN are not."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, p))
    for value in bad:
        X[rng.integers(n), rng.integers(p)] = value
    sources = [np.ascontiguousarray(X[:, j]) for j in range(p)]
    for fill in (
        lambda: _row_major(sources, n, block_bytes=4096),
        lambda: row_major_copy(np.asfortranarray(X), block_bytes=4096),
        lambda: row_major_copy(X),
    ):
        Y, finite = fill()
        np.testing.assert_array_equal(Y, X)
        np.testing.assert_array_equal(finite, np.isfinite(X).all(axis=0))
