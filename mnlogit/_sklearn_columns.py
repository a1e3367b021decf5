"""The classifier's reading of a DataFrame X's column labels when scikit-learn keeps no names
of them (labels that are not all strings): the names its columns take in ``results_`` and
``coef_names_``, and the refusal of a label that moved since ``fit``; the names a
``ColumnTransformer`` gives the columns a formula names; and the refusal of booleans for a
column fitted on other numbers than 0 and 1."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

from ._alike import first_few
from ._array_booleans import boolean_columns, refuse_booleans_for_numbers
from ._dtypes import refuse_nested
from ._sklearn_options import speak_of_arguments
from ._tables import arrow_table, from_arrow
from .exceptions import ColumnNotFoundError, DataError, InputTypeError

__all__ = [
    "check_column_order",
    "column_labels",
    "feature_names",
    "missing_in_x",
    "nested_values",
    "refuse_booleans_for_measures",
]


def column_labels(X: Any) -> tuple[Any, ...] | None:
    """The column labels of a DataFrame X that scikit-learn keeps no names of (labels that
    are not all strings: 0, 1, 2 of ``pd.DataFrame(array)``), for
    :func:`check_column_order`; None for anything else."""
    if not isinstance(X, pd.DataFrame) or all(isinstance(c, str) for c in X.columns):
        return None
    return tuple(X.columns)


def feature_names(names: Any, labels: tuple[Any, ...] | None, p: int) -> list[str]:
    """The names of X's columns in ``results_`` and ``coef_names_``: scikit-learn's
    ``feature_names_in_``; for column labels that are numbers ``x`` and the label, so that
    the column labelled 0 (or 0.0, as a pivot on a float column labels it) is ``x0`` wherever
    it stands (X[[2, 1, 0]] named its columns x0, x1, x2 by position: the coefficient of the
    column labelled 0 was printed as x2's); ``x0``, ``x1``... by position otherwise."""
    if names is not None:
        return [str(c) for c in names]
    if labels is not None and len(labels) == p and all(map(_is_number_label, labels)):
        named = [f"x{_number_text(c)}" for c in labels]
        if len(set(named)) == p:
            return named
    return [f"x{j}" for j in range(p)]


def _number_text(label: Any) -> str:
    """A number label as text: 2 for 2 and 2.0, 0.5 for 0.5, 1e+30 for 1e30."""
    whole = isinstance(label, numbers.Integral) or (
        float(label).is_integer() and abs(float(label)) < 2.0**53
    )
    return str(int(label)) if whole else repr(float(label))


def _is_number_label(label: Any) -> bool:
    """Whether a column label is a finite real number (not a boolean)."""
    if isinstance(label, (bool, np.bool_)) or not isinstance(label, numbers.Real):
        return False
    try:
        return math.isfinite(float(label))
    except OverflowError:  # an int past the float range
        return False


def check_column_order(X: Any, estimator: Any) -> None:
    """Refuse a DataFrame X with a column label that ``fit`` saw at another position.

    scikit-learn checks the order of string column names only: X fitted with columns 0, 1
    and predicted with X[[1, 0]] gave every row the probabilities of its columns swapped,
    without a word; and X fitted with names 'a', 'b' and predicted with labels that are not
    all strings (a MultiIndex ('g', 'b'), ('g', 'a'), or 'b' beside a number) was read by
    position, the swap only warned of as labels it does not check. Labels ``fit`` did not
    see say nothing of order, and are used by position as scikit-learn uses them."""
    fitted = getattr(estimator, "_column_labels", None)
    names = getattr(estimator, "feature_names_in_", None)
    if arrow_table(type(X)) and names is not None:  # a polars frame, a pyarrow Table
        given = getattr(X, "column_names", None) or getattr(X, "columns", None)
        if isinstance(given, list) and all(isinstance(c, str) for c in given):
            _refuse_reordered_names(X, given, estimator, [str(c) for c in names], ".select")
        return
    if not isinstance(X, pd.DataFrame) or not X.columns.is_unique:
        return
    if fitted is None:
        if names is None:
            return
        if all(isinstance(c, str) for c in X.columns):
            _refuse_reordered_names(X, list(X.columns), estimator, [str(c) for c in names])
            return  # else scikit-learn checks string names against string names
        fitted = tuple(str(c) for c in names)
    if isinstance(X.columns, pd.MultiIndex) and any(
        list(X.columns.get_level_values(k)) == list(fitted) for k in range(X.columns.nlevels)
    ):
        return  # a level holds fit's names in fit's order
    where = {label: j for j, label in enumerate(fitted)}
    for i, label in enumerate(X.columns):
        j, named = _fitted_position(label, where)
        if j is None or j == i:
            continue
        shown = repr(list(fitted)) if len(fitted) <= 8 else "fit's columns"
        if isinstance(X.columns, pd.MultiIndex):
            advice = (
                f"give X fit's column names, in fit's order ({shown}): flatten its "
                "MultiIndex columns (X.columns = X.columns.get_level_values(k) for the "
                "level k that holds them), then select them"
            )
        else:
            advice = f"pass X[{shown}]"
            seen = {_fitted_position(c, where)[0] for c in X.columns}
            lacked = [c for k, c in enumerate(fitted) if k not in seen]
            if lacked:  # the selection, or "fit's order", cannot be followed
                unseen = [c for c in X.columns if _fitted_position(c, where)[0] is None]
                besides = f" and has {unseen!r}, which fit did not see" if unseen else ""
                advice = (
                    f"it lacks fit's column(s) {lacked!r}{besides}: give X fit's columns in "
                    f"fit's order ({shown}), or, if X holds them under other labels, relabel "
                    "them so"
                )
        which = repr(label) if named == label else f"{label!r} (fit's {named!r})"
        raise DataError(
            f"X: column {which} is at position {i}, where fit had it at position {j}; X "
            "is used by position, so each row would be predicted from other columns: " + advice
        )


def _refuse_reordered_names(
    X: Any, given: list[str], estimator: Any, fitted: list[str], select: str = ""
) -> None:
    """Refuse string column names (``given``) that hold fit's in another order or beside
    others with scikit-learn's words ("Feature names must be in the same order as they were
    in fit", "Feature names unseen at fit time: - c"), which say what differs, and the
    selection that gives fit's columns, which they did not say: ``X[...]`` of a DataFrame,
    ``X.select(...)`` (``select``) of a polars frame or a pyarrow Table."""
    if given == fitted or not set(fitted) <= set(given):
        return  # the same, or some missing: scikit-learn's refusal names them
    from sklearn.utils.validation import validate_data

    try:  # its check of the names alone, for its words
        validate_data(estimator, X, reset=False, skip_check_array=True)
    except ValueError as exc:
        shown = repr(fitted) if len(fitted) <= 8 else "list(clf.feature_names_in_)"
        selection = f"X{select}({shown})" if select else f"X[{shown}]"
        raise DataError(
            f"{str(exc).rstrip()}\nX: without a formula its columns are used by position, "
            f"as fit had them: pass {selection} (a formula, formula='...', reads them by name)"
        ) from None


def _fitted_position(label: Any, where: dict[Any, int]) -> tuple[int | None, Any]:
    """The position ``fit`` had a column label at, and the label it had there: a
    MultiIndex's tuple label is found by any of its parts that is one of fit's names."""
    try:
        if label in where:
            return where[label], label
    except TypeError:  # an unhashable label
        return None, None
    if isinstance(label, tuple):
        for part in label:
            found = _fitted_position(part, where)
            if found[0] is not None:
                return found
    return None, None


def refuse_booleans_for_measures(X: Any, design: np.ndarray, names: tuple[str, ...]) -> None:
    """Refuse booleans in X (already checked to have the fitted number of columns) for a
    column fitted on numbers other than 0 and 1, as ``results_.predict(X)`` refuses them
    (``design``: the fitted design, whose columns ``names`` end with X's). scikit-learn
    reads True as 1, so flags given for a measurement (``x > 0`` for ``x``) were predicted
    from without a word, where the classifier's own results refused the same X."""
    given = boolean_columns(from_arrow(X, "X") if arrow_table(type(X)) else X)
    if given.size and given.any():
        at = design.shape[1] - given.size  # the intercept's column first, when fit added it
        refuse_booleans_for_numbers(given, design[:, at:], names[at:], "X")


def missing_in_x(error: ColumnNotFoundError, X: Any) -> ColumnNotFoundError:
    """``error`` (a column the formula names is not in X) in the classifier's terms: its
    advice speaks of X, not of a df, and when X has the column under a
    ``ColumnTransformer``'s prefix (``num__age`` for ``age``) it says how the formula finds
    it, where the refusal listed X's columns and took the name for a Python variable to add
    to a df."""
    speak_of_arguments(error, "")
    name = error.column
    said = f"column {name!r} is not in X (columns: "
    if name is None or not isinstance(X, pd.DataFrame) or not str(error).startswith(said):
        return error
    prefixed = [c for c in X.columns if isinstance(c, str) and c.endswith(f"__{name}")]
    if not prefixed:
        return error
    shown = first_few(X.columns, 20, str)
    error.args = (
        f"{said}{shown}); a ColumnTransformer names its output columns with its "
        f"transformers' names ({prefixed[0]!r} for {name!r}): write those names in the "
        "formula, or give ColumnTransformer(..., verbose_feature_names_out=False) to keep "
        "the columns' own",
        *error.args[1:],
    )
    return error


def nested_values(column: pd.Series, where: str) -> InputTypeError | None:
    """The refusal of a column of X (``where``: its label as quoted) that holds several
    values in each cell (lists, arrays, records), or None: numpy's "setting an array
    element with a sequence" named neither the column nor what to do."""
    try:
        refuse_nested(where, column.dtype, "X")  # a pyarrow list, struct or map
    except InputTypeError as exc:
        exc.args = (str(exc).replace(f"column {where!r}", f"column {where}", 1),)
        return exc
    if column.dtype != object:
        return None
    for i, value in enumerate(column):
        if isinstance(value, (list, tuple, np.ndarray, dict)):
            return InputTypeError(
                f"X: column {where} holds several values in each cell (e.g. {value!r:.60} in "
                f"row {i}; dtype object), which are not numbers (a float() argument must be a "
                "string or a real number): expand it into columns of their own first (one "
                "column per element or field)"
            )
    return None
