"""Dask fits of factors whose levels the formula's own code computes (``C(k.astype('str'))``,
``I(g.str.upper())``, ``C(a + b)``): the first pass learns their levels from every
partition, so a level that only a later partition makes is fitted as in memory, not
refused as one the encoding never saw."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import RareLevelWarning

pytestmark = pytest.mark.slow

dd = pytest.importorskip("dask.dataframe")


def _frame(n=160, seed=1):
    """Rows whose second half holds the level 2 of ``k``, 'r' of ``g`` and 'v' of ``b``,
    which the first half lacks: in two partitions, only the second has them."""
    rng = np.random.default_rng(seed)
    half = n // 2
    return pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "k": np.r_[rng.integers(0, 2, half), rng.integers(0, 3, half)],
            "g": np.r_[rng.choice(["p", "q"], half), rng.choice(["p", "q", "r"], half)],
            "a": rng.choice(["p", "q"], n),
            "b": np.r_[np.full(half, "u"), rng.choice(["u", "v"], half)],
        }
    )


def _assert_same_fit(formula, df, partitions=2, **options):
    in_memory = mnlogit.fit(formula, df, **options)
    on_dask = mnlogit.fit(formula, dd.from_pandas(df, npartitions=partitions), **options)
    assert list(on_dask.params.index) == list(in_memory.params.index)
    assert on_dask.ref == in_memory.ref
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(on_dask.llf, in_memory.llf, rtol=1e-12)
    return in_memory, on_dask


@pytest.mark.parametrize(
    ("formula", "level"),
    [
        ("y ~ x + C(k.astype('str'))", "C(k.astype('str'))[T.2]"),
        ("y ~ x + I(k.astype('str'))", "I(k.astype('str'))[T.2]"),
        ("y ~ x + I(g.str.upper())", "I(g.str.upper())[T.R]"),
        ("y ~ x + C(g.str.upper()):x", "C(g.str.upper())[T.R]:x"),
        ("y ~ C(a + b)", "C(a + b)[T.qv]"),
        ("y ~ I(g.astype('category'))", "I(g.astype('category'))[T.r]"),
        # fails on the collection's dummy values ('foo' maps to NaN), so no dry run says
        # which factors are categories: every partition's values tell
        (
            "y ~ x + I(g.map({'p': 'a', 'q': 'b', 'r': 'c'}).str.upper())",
            "I(g.map({'p': 'a', 'q': 'b', 'r': 'c'}).str.upper())[T.C]",
        ),
    ],
)
def test_a_level_only_a_later_partition_computes_is_fitted_as_in_memory(formula, level):
    # each was refused: "Data has categories outside of the nominated levels ... {'2'}"
    in_memory, _ = _assert_same_fit(formula, _frame())
    assert level in in_memory.params.index


def test_a_baseline_only_a_later_partition_computes_is_fitted_as_in_memory():
    # refused: "Value '2' for TreatmentContrasts.base is not among the provided levels"
    _assert_same_fit("y ~ C(k.astype('str'), Treatment('2'))", _frame())


def test_computed_levels_are_learned_from_many_partitions_with_a_reference():
    _assert_same_fit("y ~ x + C(k.astype('str'))", _frame(), partitions=5, ref="c")


def test_computed_levels_with_weights_and_clusters_are_fitted_as_in_memory():
    df = _frame().assign(w=np.tile([1.0, 2.0, 3.0, 1.0], 40), cl=np.repeat(np.arange(20), 8))
    _assert_same_fit("y ~ x + I(g.str.upper())", df, weights="w", cov_type="cluster", groups="cl")


def test_a_column_read_only_inside_a_computed_factor_is_not_a_factor_of_its_own():
    # C(x > 0) made every value of x a level the first pass showed (the sample was every
    # row) and warned, unlike the in-memory fit, of x's 'levels 0.2048..., -1.1206...' that
    # no row was left with once the rows missing z were dropped
    rng = np.random.default_rng(4)
    y, x, z = rng.choice(["a", "b", "c"], 200), rng.normal(size=200), rng.normal(size=200)
    df = pd.DataFrame({"y": y, "x": x, "z": z})
    df.loc[:20, "z"] = np.nan
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        in_memory = mnlogit.fit("y ~ C(x > 0) + z", df)
        on_dask = mnlogit.fit("y ~ C(x > 0) + z", dd.from_pandas(df, npartitions=2))
    assert not [w for w in caught if issubclass(w.category, RareLevelWarning)]
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-9, atol=1e-10)


def test_a_column_of_numbers_in_c_beside_a_call_a_dummy_row_fails_is_fitted():
    # the dry run on a dummy row fails for C(g, levels=[...]) (the dummy's text is no level
    # of it), and k, numbers, was then not shown at each level by the first pass: its level
    # 2, only in the second partition, was refused as "not among the levels seen in fitting"
    in_memory, _ = _assert_same_fit("y ~ C(g, levels=['r', 'q', 'p']) + C(k):x", _frame())
    assert any(name.startswith(("C(k)[T.2]", "C(k)[2]")) for name in in_memory.params.index)
