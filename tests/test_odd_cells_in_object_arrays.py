"""One odd cell in an array of objects built from numpy's own numbers (``np.array(list(a),
dtype=object)``, a column gathered row by row): a Python int past the float range beside
numpy floats, or a signalling ``Decimal('sNaN')`` among labels. Each is refused by the
package, naming the row, as the same cell among Python floats or quiet NaNs is; numpy's
OverflowError ("int too large to convert to float", from comparing its floats with 2**1024)
and decimal.InvalidOperation (from pandas' isna) escaped."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mnlogit import MNLogit
from mnlogit.exceptions import DataError
from mnlogit.sklearn import MNLogitClassifier

N = 40
RNG = np.random.default_rng(8)
Y = RNG.choice(["a", "b", "c"], N)
X = RNG.normal(size=(N, 2))
W = RNG.integers(1, 3, N).astype(float)


def _with(values: np.ndarray, row: int, cell: object) -> np.ndarray:
    objects = np.array(list(values), dtype=object)  # numpy's scalars, as list() gives them
    objects[row] = cell
    return objects


def _design(row: int, cell: object, kind: type = np.float64) -> np.ndarray:
    return np.column_stack([_with(X[:, 0].astype(kind), row, cell), X[:, 1].astype(object)])


def test_an_int_past_the_float_range_among_numpys_floats_is_refused_naming_its_row():
    with pytest.raises(DataError, match=r"X: column 0 holds a number beyond float64's .*row 3"):
        MNLogit(Y, _design(3, 10**400)).fit()
    with pytest.raises(DataError, match=r"weights: every weight must be finite; got about 1e400"):
        MNLogit(Y, X, weights=_with(W, 3, 10**400)).fit()
    res = MNLogit(Y, X).fit()
    with pytest.raises(DataError, match=r"newdata: column 0 holds a number beyond .*row 5"):
        res.predict(_design(5, -(10**400)))


def test_a_signalling_nan_among_labels_is_a_missing_label():
    y = _with(Y, 3, Decimal("sNaN"))
    with pytest.raises(DataError, match=r"y: 1 missing value\(s\), first in row 3"):
        MNLogit(y, X).fit()
    with pytest.raises(DataError, match=r"y: 1 missing label\(s\) \(first at position 3"):
        MNLogitClassifier().fit(X, y)
    fitted = MNLogitClassifier().fit(X, Y)
    with pytest.raises(DataError, match=r"y: 1 missing label\(s\) \(first at position 3"):
        fitted.score(X, y)


@pytest.mark.parametrize("column", ["x", "g"])
def test_a_signalling_nan_in_a_formula_classifiers_new_rows_is_a_missing_value(column):
    frame = pd.DataFrame({"x": X[:, 0], "z": X[:, 1], "g": RNG.choice(["u", "v"], N)})
    fitted = MNLogitClassifier(formula="x + z + C(g)").fit(frame, Y)
    odd = frame.assign(**{column: _with(frame[column].to_numpy(), 3, Decimal("sNaN"))})
    with pytest.raises(DataError, match=rf"first at position 3, column '{column}'"):
        fitted.predict_proba(odd)


@settings(derandomize=True, max_examples=20, deadline=None)
@given(
    row=st.integers(0, N - 1),
    exponent=st.integers(309, 1000),
    negative=st.booleans(),
    kind=st.sampled_from([np.float16, np.float32, np.float64, np.longdouble]),
)
def test_any_such_cell_among_any_of_numpys_floats_is_refused(row, exponent, negative, kind):
    cell = -(10**exponent) if negative else 10**exponent
    with pytest.raises(DataError, match=rf"beyond float64's range \(about -?1e{exponent} in row"):
        MNLogit(Y, _design(row, cell, kind)).fit()
