"""Levels of new data: the values of a fitted factor's column that new data may hold (those
it was fitted with, matched as the encoder matches them), and the refusal of the others,
naming the column, its term and the fitted levels. A column of new data that holds no value
at all is no factor and no text: it is missing (:func:`valueless_as_nan`). The outcome
level predicted for each row of new data (:func:`predicted_classes`). The categories of a
Categorical that no row used holds, which have no coefficient (:func:`unused_categories`,
named in the summary by :func:`unused_note`)."""

from __future__ import annotations

import inspect
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

from ._alike import first_few
from ._levels import distinct_values, level_key, near_level
from .exceptions import DataError, LevelError

__all__ = [
    "UnseenLevels",
    "as_fitted_levels",
    "check_fitted_levels",
    "check_new_levels",
    "drop_unused_categories",
    "named_levels",
    "predicted_classes",
    "python_scalar",
    "refuse_unseen",
    "unused_categories",
    "unused_note",
    "valueless_as_nan",
]


def check_fitted_levels(column: str, values: pd.Series, levels: list, factor: str = "") -> None:
    """Refuse values of a factor column that are not among the ``levels`` it was fitted with,
    naming the column, the values and the levels (matched as the encoder matches them:
    1.0 is the level 1, "1" is not, and neither is True: a boolean column given for C(k)
    fitted on 0, 1, 2 was encoded as the baseline level). ``factor``: the formula's term of
    the column (``C(k)``), named when it is not the column itself."""
    known = {level_key(lv) for lv in levels}
    unseen = [python_scalar(v) for v in distinct_values(values.dropna())]
    unseen = [v for v in unseen if level_key(v) not in known]
    if unseen:
        shown = "{" + ", ".join(map(repr, unseen[:5])) + (", ...}" if len(unseen) > 5 else "}")
        where = f" (in {factor})" if factor and factor != column else ""
        # the levels too: those of an Int64 or int8 column were quoted as np.int64(0)
        plain = [python_scalar(lv) for lv in levels]
        raise LevelError(
            f"newdata: column {column!r}{where} has value(s) {shown} that are not among the "
            f"levels seen in fitting: {', '.join(map(repr, plain))}{near_level(unseen[0], plain)}"
        )


def as_fitted_levels(values: pd.Series, levels: list) -> pd.Series:
    """``values`` (each one of the fitted ``levels``, as :func:`check_fitted_levels` found
    them) as those levels themselves, missing values as they are. formulaic matches the
    values against the levels with Python's ``==``, where a Decimal meeting a numpy integer
    raises "argument must be an integer": C(k) fitted on an Int64 column (levels np.int64)
    refused new data of decimals as that bare TypeError, as C(k) fitted on decimals did new
    data of int64, where the same numbers of other types (float for int) were encoded."""
    fitted = {level_key(python_scalar(lv)): lv for lv in levels}
    if values.dtype == object and pd.api.types.infer_dtype(values).startswith("mixed"):
        # True and 1 are one value to pd.factorize: Python objects of several kinds one by one
        cells = np.array(values.to_numpy(dtype=object, na_value=np.nan), dtype=object)
        for i in np.flatnonzero(values.notna().to_numpy(bool)):
            cells[i] = fitted.get(level_key(python_scalar(cells[i])), cells[i])
    else:  # one lookup per distinct value, not per row: margins encode the rows many times
        codes, distinct = pd.factorize(values)
        taken = np.full(len(distinct) + 1, np.nan, dtype=object)  # code -1: a missing value
        for j, v in enumerate(distinct):
            taken[j] = fitted.get(level_key(python_scalar(v)), v)
        cells = taken[codes]
    return pd.Series(cells, index=values.index, name=values.name, dtype=object)


def python_scalar(value: Any) -> Any:
    """A numpy scalar as Python's, so that messages show 3, not np.int64(3); but dates and
    time spans as pandas': a datetime64[ns]'s item() is an int of nanoseconds."""
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    return value.item() if isinstance(value, np.generic) else value


def check_new_levels(
    frame: pd.DataFrame,
    encoder_state: dict,
    c_columns: dict[str, str | None],
    factor_only: set[str] | frozenset[str] = frozenset(),
) -> tuple[pd.DataFrame, dict[str, list]]:
    """Refuse new data with categories for a column that was numbers in fitting, or whose
    factor columns have values not seen in fitting (see :func:`check_fitted_levels`), for
    factors that are a column (``g``) or one column's values as categories (``C(k)``;
    ``c_columns`` maps each factor to that column, or None).

    Returns the data with those columns' values as the encoder matches them against the
    fitted levels (numbers as plain objects, a column only read as categories,
    ``factor_only``, as the fitted levels themselves: see :func:`as_fitted_levels`; a
    Categorical as it is, encoded by the categories it holds), and the other categorical
    factors (``C(x > 0)``, computed from the columns) with their levels, for formulaic's
    refusal to name.
    """
    computed = {}
    for expr, (kind, state) in encoder_state.items():
        if getattr(kind, "value", kind) == "numerical" and expr in frame.columns:
            column = frame[expr]
            if column.dtype == object and pd.api.types.infer_dtype(column) == "boolean":
                # booleans as objects (df.astype(object), df.T.T): the True/False they hold
                frame = frame.assign(**{expr: column.astype("boolean")})
            _check_numbers(expr, frame[expr])
        if getattr(kind, "value", kind) != "categorical":
            continue
        levels = state.get("categories", [])
        column = expr if expr in frame.columns else c_columns.get(expr)
        if column is not None and column in frame.columns:
            check_fitted_levels(column, frame[column], levels, expr)
            if column in factor_only:
                frame = frame.assign(**{column: as_fitted_levels(frame[column], levels)})
        else:
            computed[expr] = levels
        # formulaic would broadcast numbers into the dummy columns; a Categorical stays one
        # (the formula's code may read it: I(g.cat.codes)), its encoding reads the
        # categories its rows hold, all among the fitted ones (checked above)
        if expr in frame.columns and pd.api.types.is_numeric_dtype(frame[expr]):
            frame = frame.assign(**{expr: frame[expr].astype(object)})
    return frame, computed


class UnseenLevels(Exception):
    """Values of a categorical factor that are not among the levels it is encoded with (the
    formula module names the factor and its levels in the LevelError it raises)."""


def named_levels(encoder: Any) -> Any:
    """The levels ``C(..., levels=...)`` names (formulaic's ``C`` keeps them in its encoder),
    which formulaic encodes with rather than the fitted ones; None for other factors."""
    if getattr(encoder, "__qualname__", None) != "C.<locals>.encoder":
        return None
    return inspect.getclosurevars(encoder).nonlocals.get("levels")


def refuse_unseen(values: Any, state: dict, named: Any, drop_rows: Sequence[int]) -> None:
    """Raise :class:`UnseenLevels` when a categorical factor's ``values`` (``drop_rows``
    left out) hold values that are not among the ``named`` levels, or else those of its
    encoder ``state`` (none before it is fitted), compared as formulaic's
    ``encode_contrasts`` compares them before it encodes them as no level."""
    if hasattr(type(values), "__wrapped__"):  # formulaic's FactorValues, a proxy of the values
        values = values.__wrapped__
    if isinstance(values, dict):  # one column each, with its own state
        for key, column in values.items():
            if not (isinstance(key, str) and key.startswith("__")):
                refuse_unseen(column, state.get(key, {}), named, drop_rows)
        return
    levels = named if named is not None else state.get("categories")
    if levels is None:
        return
    column = pd.Series(values)
    if len(drop_rows):
        column = column.drop(index=column.index[list(drop_rows)])
    known = {level_key(lv) for lv in levels}
    unseen = {v for v in distinct_values(column) if level_key(v) not in known}
    if unseen:
        # the levels C(g, levels=[...]) names as text for a column of numbers (years), say
        try:
            first = sorted(unseen)[:5]
        except TypeError:  # values of several types
            first = sorted(unseen, key=str)[:5]
        near = (near_level(v, levels) for v in first)
        # a column of numbers in C(x, levels=[...]) has as many values as rows: five of them
        shown = ", ".join(map(repr, first)) + (
            f", ... ({len(unseen)} in all)" if len(unseen) > 5 else ""
        )
        raise UnseenLevels(
            "Data has categories outside of the nominated levels (or that were not seen in "
            f"original dataset): {{{shown}}}{next((n for n in near if n), '')}"
        )


def _check_numbers(column: str, values: pd.Series) -> None:
    """Refuse categories in new data for a column that was numbers in fitting. A column
    without a value (None in every row, which pandas holds as objects) is no category:
    its rows predict NaN, as a missing number's do (it was refused as "object values ()").
    A Categorical of booleans is categories too (pandas' is_bool_dtype says it is booleans)."""
    categorical = isinstance(values.dtype, pd.CategoricalDtype)
    if not categorical and (
        pd.api.types.is_numeric_dtype(values) or pd.api.types.is_bool_dtype(values)
    ):
        return
    if not values.notna().any():
        return
    shown = ", ".join(map(repr, pd.unique(values.dropna())[:3].tolist()))
    raise DataError(
        f"newdata: column {column!r} was numbers in fitting; got {values.dtype} values "
        f"({shown}); convert it to numbers (e.g. pd.to_numeric), as in the fitted data"
    )


def valueless_as_nan(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns that hold no value (None or pd.NA in every row, which
    pandas keeps as objects, or pyarrow's null type of a polars column of nulls) as float
    NaN: new rows with nothing in a column predict NaN, as rows missing a number do, where
    such a column was refused as "not numeric ... encode categories first"."""
    empty = [
        j
        for j in range(frame.shape[1])
        if not pd.api.types.is_numeric_dtype(frame.iloc[:, j].dtype)
        and not frame.iloc[:, j].notna().any()
    ]
    if not empty:
        return frame
    frame = frame.copy(deep=False)
    for j in empty:
        frame.isetitem(j, np.full(len(frame), np.nan))
    return frame


def predicted_classes(
    levels: tuple, picks: np.ndarray, known: np.ndarray, index: pd.Index, name: Any
) -> pd.Series:
    """The level at ``picks`` (positions in ``levels``) of each row, missing where ``known``
    is False, of the dtype the levels have as the columns of the probabilities: an object
    Series of Python ints or bools is no class vector to scikit-learn's metrics, and ``~``
    of a Python bool is -1 or -2, not False."""
    labels = pd.Index(list(levels))
    classes = pd.Series(labels.take(picks), index=index, name=name)
    if known.all():
        return classes
    if labels.dtype.kind in "iub":  # these numpy dtypes hold no missing value
        classes = classes.astype(_NULLABLE[labels.dtype.kind])
    return classes.where(known)


_NULLABLE = {"i": "Int64", "u": "UInt64", "b": "boolean"}


def drop_unused_categories(
    columns: dict[str, pd.Series], predictors: list[str]
) -> dict[str, pd.Series]:
    """Categorical predictors lose the categories no row used has (they cannot be estimated:
    their dummy column would be all zeros); new data with such a category are refused later.
    Returns those columns as they were: the formula's Python code reads them as given
    (``I(g.cat.codes)``, R's ``as.integer(g)``, numbers the categories the user made)."""
    as_given = {}
    for name in predictors:
        col = columns[name]
        if isinstance(col.dtype, pd.CategoricalDtype) and len(col.cat.categories) > col.nunique(
            dropna=True
        ):
            as_given[name] = col
            columns[name] = col.cat.remove_unused_categories()
    return as_given


def unused_categories(
    given: Mapping[str, pd.Series], used: Mapping[str, pd.Series], encoded: Iterable[str]
) -> tuple[tuple[str, tuple], ...]:
    """For each Categorical column of ``given`` (as the user gave it) that a factor encodes
    (``encoded``), the categories the column of the rows used (``used``, its unused
    categories removed) no longer holds: an unused category, or one whose rows were all
    dropped for a missing value. VGAM's vglm leaves them out likewise, as Stata's factor
    variables encode only the levels seen; nnet's multinom keeps a column of zeros for each
    and reports its coefficient as 0."""
    found = []
    for name in sorted(set(given) & set(encoded), key=list(given).index):
        kept = set(used[name].cat.categories)
        found.append((name, tuple(c for c in given[name].cat.categories if c not in kept)))
    return tuple((name, lost) for name, lost in found if lost)


def unused_note(unused: Sequence[tuple[str, tuple]]) -> str:
    """The summary's note on :func:`unused_categories`; "" for none.

    Examples
    --------
    >>> unused_note([("g", ("w",))])
    "Category 'w' of the Categorical column 'g' has no rows among those used: it has no \
coefficient, and new data holding it are refused."
    >>> unused_note([("g", ("w", "z")), ("h", (1,))])
    "Categories of Categorical columns without rows among those used have no coefficient, \
and new data holding them are refused: 'g' ('w', 'z'), 'h' (1)."
    """
    if not unused:
        return ""
    if len(unused) == 1 and len(unused[0][1]) == 1:
        (name, (lost,)) = unused[0]
        return (
            f"Category {lost!r} of the Categorical column {name!r} has no rows among those "
            "used: it has no coefficient, and new data holding it are refused."
        )
    said = ", ".join(f"{name!r} ({first_few(lost, 5)})" for name, lost in unused)
    return (
        "Categories of Categorical columns without rows among those used have no "
        f"coefficient, and new data holding them are refused: {said}."
    )
