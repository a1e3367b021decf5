"""Dask fits of Categorical columns read by the formula's code (``I(g.cat.codes)``) whose
partitions hold other categories (made apart, or by ``astype('category')`` in
``map_partitions``), or categories no row uses: a code is that of the categories rows use,
in the order ``ddf.compute()`` gives them, as in memory."""

import numpy as np
import pandas as pd
import pytest

import mnlogit

pytestmark = pytest.mark.slow

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")


def _partitions(n=180, seed=2, meta_text=False):
    """Two partitions whose ``g`` has the categories ['q', 'p'] and ['r', 'p', 'q'] (the
    collection's meta saying text with ``meta_text``)."""
    rng = np.random.default_rng(seed)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], n),
            "x": rng.normal(size=n),
            "g": np.r_[rng.choice(["p", "q"], n // 2), rng.choice(["p", "q", "r"], n // 2)],
        }
    )
    first = df.iloc[: n // 2].assign(g=lambda d: pd.Categorical(d.g, categories=["q", "p"]))
    second = df.iloc[n // 2 :].assign(g=lambda d: pd.Categorical(d.g, categories=["r", "p", "q"]))
    pieces = [dask.delayed(first), dask.delayed(second)]
    meta = df.iloc[:0] if meta_text else first.iloc[:0]
    return dd.from_delayed(pieces, meta=meta, verify_meta=False)


@pytest.mark.parametrize(
    "formula", ["y ~ x + I(g.cat.codes)", "y ~ x + C(g.cat.codes)", "y ~ I(g.cat.codes == 0)"]
)
def test_codes_of_categories_a_partition_orders_otherwise_are_those_of_every_row(formula):
    # the second partition's 'p' was code 1 where every row's is 1 but its 'q' 2 (not 0)
    # and 'r' 0 (not 2): the coefficient of I(g.cat.codes) was 0.55 off, the llf 5.0
    _assert_as_in_memory(formula, _partitions())


@pytest.mark.parametrize("formula", ["y ~ x + I(g.cat.codes)", "y ~ x + C(g)"])
def test_partitions_holding_categoricals_the_meta_says_are_text_are_read_as_in_memory(formula):
    # I(g.cat.codes) was 0.55 off, as above
    _assert_as_in_memory(formula, _partitions(meta_text=True))


def _assert_as_in_memory(formula, ddf):
    rows = ddf.compute()
    assert rows["g"].cat.categories.tolist() == ["q", "p", "r"]
    in_memory = mnlogit.fit(formula, rows)
    on_dask = mnlogit.fit(formula, ddf)
    assert list(on_dask.params.index) == list(in_memory.params.index)
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(on_dask.llf, in_memory.llf, rtol=1e-12)


@pytest.mark.parametrize("formula", ["y ~ x + I(g.cat.codes)", "y ~ x + C(g.cat.codes)"])
def test_codes_beside_a_category_no_row_uses_are_those_of_the_in_memory_fit(formula):
    # the in-memory fit reads the categories rows use ('z' none): 'p' is 1 there, and was 2
    # in every partition, the coefficient 0.29 off (C(g.cat.codes): the code 3 refused)
    rng = np.random.default_rng(3)
    df = pd.DataFrame(
        {
            "y": rng.choice(["a", "b", "c"], 150),
            "x": rng.normal(size=150),
            "g": pd.Categorical(rng.choice(["q", "p", "r"], 150), categories=["q", "z", "p", "r"]),
        }
    )
    in_memory = mnlogit.fit(formula, df)
    on_dask = mnlogit.fit(formula, dd.from_pandas(df, npartitions=3))
    assert list(on_dask.params.index) == list(in_memory.params.index)
    np.testing.assert_allclose(on_dask.params, in_memory.params, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(on_dask.bse, in_memory.bse, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(on_dask.llf, in_memory.llf, rtol=1e-12)
