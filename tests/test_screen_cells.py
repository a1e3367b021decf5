"""The separation screen's indicators of factor levels and cells (mnlogit._screen_cells):
each combination of the design columns it keeps is the cell's indicator on every row, under
every coding, with and without an intercept, for interactions of factors and with slopes."""

from __future__ import annotations

import numpy as np
import pytest
from test_dask_cell_separation import ALL, frame

from mnlogit._plain_design import DeferredSpec
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
