"""The classifier's refusal of X that holds y itself among the columns it fits, and of y
given as a table (the classes one-hot encoded, or several outcomes).

``clf.fit(df, df["k"])`` fitted the outcome's own column beside the others: every row was
classified right (score 1.0), with a separation warning that named the column among others
and did not say why. ``mnlogit.fit("k ~ a + k", df)`` refuses that formula; the classifier
renamed its outcome ``k_`` and fitted ``k_ ~ a + k`` without a word.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._sklearn_labels import refuse_column_name
from .exceptions import DataError, SeparationWarning, warn
from .formula import formula_columns, parse_formula

__all__ = ["refuse_y_column"]


def refuse_y_column(X: Any, y: Any, rhs: str | None = None, at_fit: bool = False) -> None:
    """Refuse a y given as its column's name (:func:`refuse_column_name`), and at ``fit``
    X whose column the classifier fits (every column without a formula, those ``rhs`` reads
    with one) is y's own: named as y, with its labels on every row. A column of y's labels
    under another name (in an array, labels that are numbers) is warned of: it may be y,
    or a column that alone separates the classes, which a penalty or Firth's fit can fit."""
    refuse_column_name(X, y)
    _refuse_table(y)
    if not at_fit:
        return
    if isinstance(y, pd.DataFrame) and y.shape[1] == 1:  # df[['k']]: scikit-learn ravels it
        y = y.iloc[:, 0]
    if isinstance(X, pd.DataFrame) and isinstance(y, (pd.Series, np.ndarray, list)):
        column = _y_column(X, y, rhs)
        if column is None:
            return
        fix = (
            f"fit without it: clf.fit(X.drop(columns={column!r}), y)"
            if rhs is None
            else f"take {column!r} out of formula="
        )
        if column == getattr(y, "name", None):
            raise DataError(
                f"X: its column {column!r} is y itself (y's name and labels on every row), "
                f"so the outcome would predict itself and every row be classified right; {fix}"
            )
        _warn_equal(repr(column), fix)
    elif rhs is None and isinstance(X, np.ndarray) and X.ndim == 2:
        equal = _equal_column(X, y)
        if equal is not None:
            _warn_equal(str(equal), f"fit without it: np.delete(X, {equal}, axis=1)")


def _refuse_table(y: Any) -> None:
    """Refuse a y of several columns: the classes one-hot encoded (``pd.get_dummies``,
    keras' ``to_categorical``), or several outcomes. ``fit`` said scikit-learn's "y should be
    a 1d array, got an array of shape (60, 3) instead", and ``score`` "Classification metrics
    can't handle a mix of multilabel-indicator and multiclass targets": neither said what to
    pass. A single column is y, as scikit-learn ravels it."""
    if isinstance(y, pd.DataFrame):
        values = y.to_numpy()
    elif isinstance(y, np.ndarray):
        values = y
    elif isinstance(y, list) and y and isinstance(y[0], (list, tuple, np.ndarray)):
        try:
            values = np.asarray(y)
        except (TypeError, ValueError):  # rows of different lengths: scikit-learn's refusal
            return
    else:
        return
    if values.ndim != 2 or values.shape[1] < 2:
        return
    got = f"y: expected one class label per row of X; got a table of {values.shape[1]} columns"
    if _one_hot(values):
        take = (
            "y.idxmax(axis=1), the name of each row's column of 1"
            if isinstance(y, pd.DataFrame)
            else "y.argmax(axis=1), the position of each row's 1, or the classes' names at "
            "those positions (names[y.argmax(axis=1)])"
        )
        raise DataError(
            f"{got} of 0s and 1s with one 1 on every row, the classes one-hot encoded: pass "
            f"the labels, {take}"
        )
    raise DataError(
        f"{got}: the classifier fits one outcome; for one per column, fit a classifier to "
        "each: sklearn.multioutput.MultiOutputClassifier(MNLogitClassifier(...))"
    )


def _one_hot(values: np.ndarray) -> bool:
    """Whether every row of ``values`` holds one 1 and 0 elsewhere."""
    try:
        numbers = values.astype(np.float64)
    except (TypeError, ValueError):
        return False
    ones = numbers == 1
    return bool(((numbers == 0) | ones).all() and (ones.sum(axis=1) == 1).all())


def _warn_equal(column: str, fix: str) -> None:
    warn(
        f"X: its column {column} holds the same values as y on every row, so it alone "
        f"classifies every row right; if it is y itself (the outcome among the predictors), "
        f"{fix}",
        SeparationWarning,
    )


def _y_column(X: pd.DataFrame, y: Any, rhs: str | None) -> Any:
    """The first column of X the classifier fits (all, or those ``rhs`` reads) whose values
    are y's on every row (y's own name first), or None."""
    if np.ndim(y) != 1 or len(y) != len(X) or not len(y):
        return None
    first = _objects(y.iloc[:1] if isinstance(y, pd.Series) else y[:1])
    fitted = list(X.columns) if rhs is None else _columns_read(rhs, X.columns)
    name = getattr(y, "name", None)
    if name is not None and name in fitted:
        fitted.remove(name)
        fitted.insert(0, name)
    for label in fitted:
        try:
            column = X[label]
        except (KeyError, TypeError):
            continue
        if isinstance(column, pd.DataFrame):  # a repeated name: refused as such elsewhere
            continue
        # y's labels as objects (an O(n) conversion) only once a column matches its first
        if _same(column.iloc[:1].to_numpy(dtype=object), first):
            if _same(column.to_numpy(dtype=object), _objects(y)):
                return label
    return None


def _objects(y: Any) -> np.ndarray:
    """y's labels as an array of objects: a Series through pandas' own conversion (numpy's
    asks pandas for the dtype's scalar type, which Arrow's string_view has none of)."""
    return y.to_numpy(dtype=object) if isinstance(y, pd.Series) else np.asarray(y, dtype=object)


def _same(a: np.ndarray, b: np.ndarray) -> bool:
    try:
        equal = np.asarray(a == b, dtype=bool)
    except (TypeError, ValueError):  # values numpy cannot compare elementwise
        return False
    return bool(equal.shape == a.shape and equal.all())


def _columns_read(rhs: str, columns: pd.Index) -> list[Any]:
    """The columns of X the right-hand side reads ([] for one that cannot be read here:
    the model's own refusal words it)."""
    try:
        parsed = parse_formula(f"outcome_ ~ {rhs}", columns)[1]
        read = set(formula_columns(parsed, columns)[0])
    except Exception:
        return []
    return [c for c in columns if str(c) in read]


def _equal_column(X: np.ndarray, y: Any) -> int | None:
    """The first column of an array X equal to y, labels that are numbers, on every row."""
    labels = np.asarray(y) if isinstance(y, (list, tuple, np.ndarray, pd.Series)) else None
    if labels is None or labels.ndim != 1 or len(labels) != len(X) or len(labels) < 2:
        return None
    if labels.dtype.kind not in "biuf" or X.dtype.kind not in "biuf":
        return None
    # the columns equal to y in the first row, then each of them whole (no n x p temporary):
    # almost always none, and the checks of y below (a sort) are then not paid at every fit
    candidates = np.flatnonzero(X[0] == labels[0])
    equal = next((int(j) for j in candidates if (X[:, j] == labels).all()), None)
    if equal is None or (labels == labels[0]).all():  # one class: refused as such
        return None
    if labels.dtype.kind == "f" and not np.array_equal(labels, np.round(labels)):
        return None  # fractions: refused as no class labels
    return equal
