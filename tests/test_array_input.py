"""MNLogit(y, X) takes C- and Fortran-ordered arrays and DataFrames through one copy."""

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit.exceptions import DataError
from mnlogit.formula import row_major_copy


def _inputs(n=3000, p=4, seed=0):
    rng = np.random.default_rng(seed)
    X = np.column_stack([np.ones(n), rng.standard_normal((n, p - 1))])
    y = rng.integers(0, 3, n)
    return X, y


@pytest.mark.parametrize(
    "convert",
    [
        np.asfortranarray,
        lambda X: pd.DataFrame(X, columns=[f"x{j}" for j in range(X.shape[1])]),
        lambda X: pd.DataFrame({f"x{j}": X[:, j] for j in range(X.shape[1])}),  # column blocks
        lambda X: X.tolist(),
        lambda X: np.ascontiguousarray(X[:, ::-1])[:, ::-1],  # negative column stride
    ],
    ids=["fortran", "frame", "frame-of-columns", "list", "reversed-view"],
)
def test_every_layout_gives_the_same_design_and_fit(convert):
    X, y = _inputs()
    want = mnlogit.MNLogit(y, X).fit()
    source = convert(X)
    model = mnlogit.MNLogit(y, source)
    assert model._data.X.flags.c_contiguous and model._data.X.dtype == np.float64
    np.testing.assert_array_equal(model._data.X, X)
    res = model.fit()
    np.testing.assert_array_equal(res.params.to_numpy(), want.params.to_numpy())
    np.testing.assert_array_equal(res.bse.to_numpy(), want.bse.to_numpy())


def test_the_design_is_a_copy_and_the_input_is_untouched():
    X, y = _inputs()
    F = np.asfortranarray(X)
    before = F.copy()
    model = mnlogit.MNLogit(y, F)
    assert not np.shares_memory(model._data.X, F)
    np.testing.assert_array_equal(F, before)


def test_integer_boolean_and_nullable_columns():
    X, y = _inputs()
    frame = pd.DataFrame(
        {
            "one": np.ones(len(y), dtype=np.int64),
            "x": X[:, 1],
            "flag": X[:, 2] > 0,
            "n": pd.array(np.round(X[:, 3] * 3).astype(int), dtype="Int64"),
        }
    )
    model = mnlogit.MNLogit(y, frame)
    np.testing.assert_array_equal(model._data.X[:, 2], (X[:, 2] > 0).astype(float))
    frame.loc[5, "n"] = pd.NA
    with pytest.raises(DataError, match=r"missing or infinite values in column.*'n'"):
        mnlogit.MNLogit(y, frame)


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf, 1e308])
def test_non_finite_values_are_found_in_any_layout(bad):
    X, y = _inputs()
    X = X.copy()
    X[1234, 2] = bad
    if np.isfinite(bad):  # finite but the column's sum overflows: still finite values
        X[1235, 2] = bad
        copy, finite = row_major_copy(np.asfortranarray(X), block_bytes=4096)
        assert finite.all()
        np.testing.assert_array_equal(copy, X)
        return
    for source in (X, np.asfortranarray(X), pd.DataFrame(X)):
        with pytest.raises(DataError, match=r"missing or infinite values in column.*'(x2|2)'"):
            mnlogit.MNLogit(y, source)
