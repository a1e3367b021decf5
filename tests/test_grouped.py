"""Designs dominated by factor dummies: the information from grouped sums equals the dense one."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _fisher, _in_memory_data, _terms
from mnlogit import formula as formula_module
from mnlogit._grouped import (
    GroupedDesign,
    IndicatorBlock,
    find_indicator_blocks,
    grouped_gram,
    grouped_information,
    grouped_stats,
    worth_grouping,
)
from mnlogit._solvers import estimate
from mnlogit.exceptions import DataError


def _frame(n=6000, levels=40, levels2=12, K=4, seed=0):
    rng = np.random.default_rng(seed)
    f = rng.integers(0, levels, n)
    g = rng.integers(0, levels2, n)
    x = rng.standard_normal((n, 3))
    eta = rng.standard_normal((levels, K))[f] * 0.5 + x @ rng.standard_normal((3, K)) * 0.5
    y = np.argmax(eta + rng.gumbel(size=(n, K)), axis=1)
    return pd.DataFrame(
        {
            "y": y,
            "f": [f"f{v:02d}" for v in f],
            "g": [f"g{v:02d}" for v in g],
            "x1": x[:, 0],
            "x2": x[:, 1],
            "x3": x[:, 2],
            "w": rng.integers(1, 3, n),
        }
    )


@pytest.mark.parametrize("weights", [None, "w"])
def test_grouped_information_equals_the_dense_one(weights):
    df = _frame()
    data = mnlogit.fit("y ~ C(f) + x1 + C(g) + x2:x3", df, weights=weights)._data
    blocks = data.grouped_blocks()
    assert sorted(len(b.cols) for b in blocks) == [11, 39]  # both factors, the reference out
    B = np.random.default_rng(1).standard_normal((data.p, data.q)) * 0.2
    w = data.w if weights else None
    dense = _fisher.stats(data.X, data.y, w, B, _fisher.INFO, threads=1).info
    got = grouped_information(data.X, w, B, blocks, threads=2)
    np.testing.assert_allclose(got, dense, rtol=1e-12, atol=1e-12 * np.abs(dense).max())
    assert np.array_equal(got, got.T)


def test_only_dummy_blocks_are_grouped():
    df = _frame()
    data = mnlogit.fit("y ~ C(f):x1 + x2", df)._data  # values of x1 within levels: not dummies
    assert find_indicator_blocks(data.X, data.terms) == []
    g = mnlogit.fit("y ~ C(g) + x1", df)._data.grouped_blocks()
    assert [len(b.cols) for b in g] == [11]
    assert worth_grouping(22, g) and not worth_grouping(23, g)  # dummies: half the columns
    assert not worth_grouping(10, [IndicatorBlock((1, 2), np.zeros(3, dtype=np.intp))])


def test_fits_with_grouped_sums_equal_dense_ones(monkeypatch):
    df = _frame(n=20_000, levels=60)
    formula = "y ~ C(f) + x1 + x2"
    grouped = mnlogit.fit(formula, df)
    assert grouped._data.grouped_blocks()
    grouped_se = grouped.bse
    scoring = estimate(grouped._data, quasi_newton_min=10**9)  # Fisher scoring throughout
    monkeypatch.setattr(_in_memory_data, "worth_grouping", lambda p, blocks: False)
    dense = mnlogit.fit(formula, df)
    assert not dense._data.grouped_blocks()
    se = dense.bse.to_numpy()
    # the L-BFGS routes differ (a grouped sample is cheap): both within 1e-8 of an SE
    assert np.all(np.abs(grouped.params.to_numpy() - dense.params.to_numpy()) <= 2e-8 * se)
    np.testing.assert_allclose(grouped_se, dense.bse, rtol=1e-7)
    scoring_dense = estimate(dense._data, quasi_newton_min=10**9)
    assert scoring.n_iter == scoring_dense.n_iter
    np.testing.assert_allclose(scoring.B, scoring_dense.B, rtol=1e-10, atol=1e-12)
    np.testing.assert_allclose(scoring.cov, scoring_dense.cov, rtol=1e-10, atol=1e-14)


@pytest.mark.parametrize(
    "row",
    [
        [2 / 3, 2 / 3, -1 / 3, 0, 0, 0, 0, 0],  # sums to 1, squares to 1: not dummies
        [0.5, 0.5, 0, 0, 0, 0, 0, 0],
        [1, 1, 0, 0, 0, 0, 0, 0],  # two levels in one row
        [2, 0, 0, 0, 0, 0, 0, 0],
    ],
)
def test_columns_that_only_look_like_dummies_are_not_grouped(row):
    X = np.zeros((50, 9))
    X[:, 0] = 1.0
    X[np.arange(40), 1 + np.arange(40) % 8] = 1.0  # dummies, ten rows of the reference
    X[45, 1:] = row
    terms = {"Intercept": (0,), "f": tuple(range(1, 9))}
    assert find_indicator_blocks(X, terms) == []
    X[45, 1:] = 0.0
    (block,) = find_indicator_blocks(X, terms)
    np.testing.assert_array_equal(block.codes[:40], np.arange(40) % 8)
    assert np.all(block.codes[40:] == -1)


def test_derived_data_keep_the_dummy_blocks_they_still_have():
    df = _frame()
    data = mnlogit.fit("y ~ x1 + C(f) + x2", df)._data
    (block,) = data.grouped_blocks()
    kept = data.subset_columns([c for c in range(data.p) if data.column_names[c] != "x1"])
    (moved,) = kept.cached("indicator_blocks")
    assert [kept.column_names[c] for c in moved.cols] == [data.column_names[c] for c in block.cols]
    assert moved.codes is block.codes
    dropped = data.subset_columns([c for c in range(data.p) if c not in block.cols])
    assert dropped.cached("indicator_blocks") == []
    assert data.recode(data.levels, data.levels[-1]).cached("indicator_blocks") is not None


@pytest.mark.parametrize("weights", [None, "w"])
@pytest.mark.parametrize("formula", ["y ~ C(f) + x1 + C(g) + x2:x3", "y ~ 0 + C(f)"])
def test_gradient_passes_and_gram_from_codes_equal_the_dense_ones(weights, formula):
    df = _frame()
    data = mnlogit.fit(formula, df, weights=weights)._data
    g = data.grouped_design()
    assert g is not None and len(g.dense) == data.p - sum(len(b.cols) for b in g.blocks)
    w = data.w if weights else None
    B = np.random.default_rng(2).standard_normal((data.p, data.q)) * 0.3
    for level in (_fisher.LOGLIK, _fisher.SCORE):
        dense = _fisher.stats(data.X, data.y, w, B, level, threads=1)
        got = grouped_stats(g, data.y, w, B, level, threads=2, scratch=_fisher.scratches(2))
        assert got.loglik == pytest.approx(dense.loglik, rel=1e-13)
        if level == _fisher.SCORE:
            scale = np.abs(dense.score).max()
            np.testing.assert_allclose(got.score, dense.score, rtol=0, atol=1e-12 * scale)
        else:
            assert got.score is None
    G, XWY = _fisher.gram(data.X, w, y=data.y, levels=data.q + 1, threads=1)
    G2, XWY2 = grouped_gram(g, w, data.y, data.q + 1, threads=2)
    np.testing.assert_allclose(G2, G, rtol=0, atol=1e-12 * np.abs(G).max())
    np.testing.assert_allclose(XWY2, XWY, rtol=0, atol=1e-12 * np.abs(XWY).max())
    assert np.array_equal(G2, G2.T)


def test_grouped_design_reads_the_dummies_as_codes():
    X = np.array([[1.0, 0, 0, 2.5], [1, 1, 0, -1], [1, 0, 1, 0.5]])
    g = GroupedDesign(X, [IndicatorBlock((1, 2), np.array([-1, 0, 1]))])
    np.testing.assert_array_equal(g.dense, [0, 3])
    np.testing.assert_array_equal(g.Xd, X[:, [0, 3]])
    np.testing.assert_array_equal(g.positions[0], [0, 1, 2])  # 0: none of the block's levels
    assert g.Xd.flags.c_contiguous and g.nbytes > 0


FORMULAS_OF_MANY_LEVELS = [
    "y ~ C(f) + x1 + C(g) + x2:x3",
    "y ~ C(f):x1 + np.log(x2 ** 2) + C(g)",
    "y ~ C(f, contr.sum) + I(x1 ** 2)",
]


@pytest.mark.parametrize("formula", FORMULAS_OF_MANY_LEVELS)
def test_designs_of_many_dummies_built_sparse_equal_the_dense_build(formula, monkeypatch):
    df = _frame(levels=80)
    assert _terms.mostly_dummies(formula_module.parse_formula(formula)[1], df)
    sparse = mnlogit.fit(formula, df)._data
    monkeypatch.setattr(_terms, "SPARSE_MIN_LEVELS", 10**9)
    dense = mnlogit.fit(formula, df)._data
    assert sparse.column_names == dense.column_names
    assert np.array_equal(sparse.X, dense.X) and sparse.X.flags.c_contiguous


def test_infinite_values_are_refused_alike_on_the_sparse_build(monkeypatch):
    df = _frame(levels=80)
    df.loc[7, "x1"] = np.inf
    formula = "y ~ C(f) + C(g) + I(x1 * 2)"
    with pytest.raises(DataError) as sparse:
        mnlogit.fit(formula, df)
    monkeypatch.setattr(_terms, "SPARSE_MIN_LEVELS", 10**9)
    with pytest.raises(DataError) as dense:
        mnlogit.fit(formula, df)
    assert str(sparse.value) == str(dense.value) and "I(x1 * 2)" in str(sparse.value)


def test_numeric_designs_are_not_built_sparse():
    df = _frame(levels=80)
    parse = formula_module.parse_formula
    assert not _terms.mostly_dummies(parse("y ~ x1 + I(x2 ** 2) + C(g)")[1], df)
    wide = pd.DataFrame({f"x{j}": df["x1"] for j in range(50)} | {"f": df["f"], "y": df["y"]})
    rhs = " + ".join(f"np.exp(x{j})" for j in range(50))
    assert not _terms.mostly_dummies(parse(f"y ~ {rhs} + C(f)")[1], wide)
