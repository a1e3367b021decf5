"""The separation screen's indicators of factor levels and cells (mnlogit._screen_cells):
each combination of the design columns it keeps is the cell's indicator on every row, under
every coding, with and without an intercept, for interactions of factors and with slopes."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_dask_cell_separation import ALL, frame

from mnlogit._plain_design import DeferredSpec
from mnlogit._screen import _Combinations
from mnlogit._screen_cells import cell_indicators, unjudged
from mnlogit.model import MNLogit


@pytest.mark.parametrize("formula", ALL)
def test_each_cell_indicator_is_exact_on_the_rows(formula):
    # a combination is kept only when it is the cell's indicator on every row
    data = MNLogit.from_formula(formula, frame(120, seed=4))._data
    found = cell_indicators(data)
    assert found
    X = np.asarray(data.X)
    for ind in found:
        values = X @ ind.combination
        np.testing.assert_allclose(values, np.round(values), atol=1e-9)
        assert set(np.round(values)) <= {0.0, 1.0}
        # the slopes that move with it combine to a column 0 on every row outside the cell
        # (and not on every row inside it): one null vector more outside than over all rows
        if ind.slopes.any():
            S = X[:, ind.slopes]
            outside = np.round(values) == 0
            rank = np.linalg.matrix_rank
            assert rank(S[outside]) == rank(S) - 1


@pytest.mark.parametrize(
    ("formula", "terms"),
    [("y ~ x1*g", []), ("y ~ x1:g", ["x1:g"]), ("y ~ h + x1:C(g, Sum)", ["x1:C(g, Sum)"])],
)
def test_slopes_on_cells_without_an_indicator_are_unjudged(formula, terms):
    assert unjudged(MNLogit.from_formula(formula, frame(60))._data) == terms


def test_a_design_of_numeric_columns_reads_no_spec():
    # a numeric design's spec is built only when used: the screen leaves it alone
    data = MNLogit.from_formula("y ~ x1", frame(60))._data
    assert isinstance(data.spec, DeferredSpec)
    assert cell_indicators(data) == [] and unjudged(data) == []
    assert data.spec._spec is None  # still unbuilt


def test_an_in_memory_fit_leaves_the_cells_to_the_exact_check(monkeypatch):
    # where the exact check runs the screen only sends a fit to it: solving for every cell
    # of g * h made each in-memory fit a quarter slower at 1e4 rows
    import mnlogit._screen as screen

    def refused(data):
        raise AssertionError("cell indicators built for rows in memory")

    monkeypatch.setattr(screen, "cell_indicators", refused)
    data = MNLogit.from_formula("y ~ x1 * g + C(h, Sum)", frame(120, seed=4))._data
    assert screen.shows_separation(data) in (True, False)
    MNLogit.from_formula("y ~ g * h", frame(120, seed=5)).fit()


def _brute_first_close(rows, a, query_first):
    # the search the screen made before: every kept row compared whole, in order
    for i, b in enumerate(rows):
        x, y = (a, b) if query_first else (b, a)
        if np.allclose(x, y, atol=1e-12):
            return i
    return None


@settings(max_examples=200, deadline=None)
@given(
    st.integers(1, 6),
    st.lists(st.tuples(st.integers(0, 5), st.integers(-3, 3)), min_size=1, max_size=12),
    st.integers(0, 2**32 - 1),
    st.booleans(),
)
def test_the_projection_search_finds_what_comparing_every_row_finds(p, entries, seed, first):
    # rows of small rationals, some repeated and some moved by their rounding or by 1e-6
    # (close under np.allclose's rtol of 1e-5, or not), searched for by each row's copy
    rng = np.random.default_rng(seed)
    rows = []
    for k, v in entries:
        row = np.zeros(p)
        row[k % p] = v / 3.0
        row[(k + 1) % p] = -v / 2.0 if k % 2 else 0.0
        moved = rng.choice([0.0, 1e-16, 1e-13, 1e-11, 1e-6, 1e-4])
        rows.append(row + moved * rng.standard_normal(p))
    kept = _Combinations(rows)
    for a in [*rows, *(r + 1e-12 * rng.standard_normal(p) for r in rows)]:
        assert kept.first_close(a, query_first=first) == _brute_first_close(rows, a, first)


def test_the_screen_does_not_compare_every_cell_with_every_other(monkeypatch):
    # a factor of 400 levels where the exact check cannot run (a dask fit, or rows past its
    # memory): each cell with each kept before it was 80,000 comparisons, 2.3 s of a 3 s fit
    # at 500 levels and 1e5 rows
    import mnlogit._screen as screen

    i = np.arange(4000)
    df = pd.DataFrame(
        {
            "y": np.array(list("ABC"))[(i // 400) % 3],  # every outcome at every level
            "f": [f"l{k:03d}" for k in i % 400],
            "x1": np.random.default_rng(1).normal(size=4000),
        }
    )
    df.loc[(df.f == "l007") & (df.y == "B"), "y"] = "C"  # but one
    data = MNLogit.from_formula("y ~ f + x1", df)._data
    monkeypatch.setattr(screen, "exact_check_runs", lambda data: False)
    calls = []
    real = np.allclose

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(screen.np, "allclose", counted)
    found, _ = screen.screen(data)
    monkeypatch.setattr(screen.np, "allclose", real)
    assert len(calls) < 2000
    assert [ind.label for ind in found] == ["f[T.l007]"]
