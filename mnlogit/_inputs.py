"""What a model is given, as arrays: the outcome and the design of the array interface, and
values given once per row of the data (weights, groups), each checked into the form the
model's data take.
"""

from __future__ import annotations

import unicodedata
from typing import Any

import numpy as np
import pandas as pd

from ._decimals import refuse_rounded_decimals, refuse_rounded_objects
from ._design_fill import row_major_copy
from ._dtypes import (
    beyond_double_error,
    exact_levels,
    missing_mask,
    native,
    plain_labels,
    refuse_beyond_double,
    refuse_dask,
    refuse_dates,
    refuse_non_numeric,
    refuse_rounded_integers,
    refuse_sparse_matrix,
    refuse_text,
    structured_frame,
    unmasked,
    usable,
    with_na,
    without_views,
)
from ._new_levels import python_scalar
from ._polars import refuse_expression
from ._survey_hints import one_column_hint, tuple_label_hint
from ._tables import (
    arrow_column,
    arrow_table,
    from_arrow,
    interchange_hint,
    listed_array,
    row_values,
)
from .exceptions import DataError, InputTypeError

__all__: list[str] = []


def _not_per_row(name: str, value: Any, n: int, columns: pd.Index | None) -> str:
    """What a value numpy reads as a single one is, and what to pass instead: a data column's
    label that is a number is named as text (as the formula names it); an iterator, a set or
    a dict holds values per row that numpy cannot index, for which np.full() would be no
    advice."""
    shown = f"{value!r}"[:60]
    labels = [c for c in columns if not isinstance(c, str)] if columns is not None else []
    if any(str(c) == str(value) and type(c) is not bool for c in labels):
        return (
            f"{value!r}, which is the label of a column of the data; column names are "
            f"text here, as in the formula: {name}={str(value)!r}"
        )
    if hasattr(value, "__next__"):
        return f"an iterator ({type(value).__name__}); pass list({name}) or an array"
    if isinstance(value, dict):
        return (
            f"a dict ({shown}); pass pd.Series({name}) (its keys as row labels) or an array "
            "in the data's row order"
        )
    if isinstance(value, (set, frozenset)):
        return f"a {type(value).__name__} ({shown}): a set has no row order; pass an array"
    if name == "groups":  # one cluster for every row has no cluster-robust covariance
        return (
            f"the single value {shown}; give each row its cluster: a column's name or one "
            "identifier per row"
        )
    if isinstance(value, (bool, np.bool_)) or _missing_scalar(value) or not _positive(value):
        # np.full of these would be refused in turn: no weights are weights=None
        return f"the single value {shown}; for no weights leave weights=None (the default)"
    repeat = f"np.full({n}, {shown})"
    return f"the single value {shown}; repeat it for every row ({repeat}) if that is meant"


def _missing_scalar(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _positive(value: Any) -> bool:
    """Whether ``value`` is a finite number above 0, one that np.full could repeat as a
    weight."""
    try:
        number = float(value)
    except (TypeError, ValueError, OverflowError):
        return False
    return bool(np.isfinite(number) and number > 0)


def _column_names_hint(name: str, values: Any, n: int, columns: pd.Index | None) -> str:
    """What to write for a list of the data's column names (groups=['g', 'h'], R's and
    Stata's two-way clustering; weights=['w']), which was called a shape (2,), and for
    groups= of several columns (df[['g', 'h']])."""
    several = np.ndim(values) == 2 and np.shape(values)[1] > 1
    if several and name != "groups":  # weights=df[['w', 'v']]: "got shape (200, 2)" alone
        return f": {name}= takes one column"
    if several:  # a DataFrame of the data's columns is named as the list of them is
        names = list(getattr(values, "columns", []))
    else:
        names = list(values) if isinstance(values, (list, tuple)) and len(values) < n else []
    if not (
        names and columns is not None and all(isinstance(v, str) and v in columns for v in names)
    ):
        if several:
            return (
                ": groups= takes one column, clusters of one variable; for clusters of the "
                "columns' combinations make them one column first (two-way clustering is "
                "not supported)"
            )
        return ""
    if len(names) == 1:
        return f": a column is named as text, {name}={names[0]!r}"
    if name != "groups":
        return f": {name}= takes one column, as text"
    joined = " + '_' + ".join(f"df[{v!r}].astype(str)" for v in names)
    return (
        f": groups= takes one column, clusters of one variable; for clusters of the "
        f"combinations of {', '.join(map(repr, names))}, make them a column first, "
        f"df['cluster'] = {joined}, and give groups='cluster' (two-way clustering is not "
        "supported)"
    )


def _flat_hint(name: str, values: Any, n: int) -> str:
    """What to give for an array of one column or one row (a column vector X[:, [3]]):
    "got shape (200, 1)" alone did not say, and a row of cluster identifiers was told about
    several columns' combinations."""
    if np.ndim(values) != 2 or sorted(np.shape(values)) != [1, n] or hasattr(values, "columns"):
        return ""
    return (
        f": a two-dimensional array of {n} values; flatten it to one value per row, "
        f"{name}=np.asarray(values).ravel()"
    )


def _one_column_hint(name: str, values: Any, columns: pd.Index | None) -> str:
    """What to give for a DataFrame of one column (df[["w"]]); its name only to a formula's
    fit (``columns``: its data's), which looks names up."""
    labels = list(getattr(values, "columns", []))
    if np.ndim(values) != 2 or len(labels) != 1:
        return ""
    return one_column_hint(name, labels[0], named=columns is not None)


def _per_row(
    name: str,
    values: Any,
    n: int,
    rows: np.ndarray | None,
    index: pd.Index | None = None,
    columns: pd.Index | None = None,
) -> np.ndarray:
    """``values`` given for each of the user's ``n`` rows, restricted to the rows used.

    A Series is matched to the data by its index (as pandas aligns), not by position, when its
    index differs from the data's; an index that cannot be matched one to one is an error.
    ``columns``: the data's column labels, for a label given in place of a column name.
    """
    refuse_dask(values, name)
    refuse_expression(values, name)
    if isinstance(values, str):
        # only a formula fit has a data frame to look a name up in; here it met np.asarray
        # and was called an array of shape ()
        raise DataError(
            f"{name}={values!r}: MNLogit(y, X) takes the values, one per row ({n}), not a "
            f"column name; pass the column itself ({name}=df[{values!r}]), or name it in "
            f"mnlogit.fit(formula, df, {name}={values!r})"
        )
    values = row_values(values, name)
    index = None if index is None else plain_labels(index)  # views: pandas cannot compare them
    if np.ndim(values) == 0 and not isinstance(values, np.ma.MaskedArray):
        raise DataError(
            f"{name}: expected one value per row of the data ({n}); got "
            + _not_per_row(name, values, n, columns)
        )
    if isinstance(values, pd.Series) and index is not None and not values.index.equals(index):
        if not (
            values.index.is_unique
            and index.is_unique
            and len(values) == len(index)
            and values.index.isin(index).all()
        ):
            raise DataError(
                f"{name}: the Series' index does not match the data's index one to one; pass "
                f"a column name, an array in the data's row order, or a Series with its index"
            )
        values = values.reindex(index)
    a = native(np.asarray(unmasked(values)))
    if a.ndim != 1 or len(a) != n:
        raise DataError(
            f"{name}: expected one value per row of the data ({n}); got shape {a.shape}"
            + (
                _flat_hint(name, values, n)
                or _column_names_hint(name, values, n, columns)
                or tuple_label_hint(name, values, columns)
                or _one_column_hint(name, values, columns)
            )
        )
    if isinstance(values, (list, tuple)):  # text as objects: numpy's drops trailing NULs
        # (the clusters 'a' and 'a\x00' were merged), and labels of several kinds too
        values = _kinds_kept(values, listed_array(values))
    if not isinstance(values, np.ma.MaskedArray):
        a = native(with_na(values))  # a nullable column's <NA> stays <NA> in the messages
    return a if rows is None else a[rows]


def _kinds_kept(values: Any, a: Any) -> Any:
    """``a``, numpy's array of ``values``; for a list or tuple of labels of several kinds,
    its cells as objects: numpy made ['a', 1] all text and [True, 2] all numbers (True the
    label 1), where a column of objects keeps each label's kind (and refuses the mix)."""
    if isinstance(values, (list, tuple)) and np.ndim(a) == 1 and a.dtype != object:
        if pd.api.types.infer_dtype(values, skipna=True) in ("mixed", "mixed-integer"):
            return np.array(values, dtype=object)
    return a


def _one_hot(values: np.ndarray) -> bool:
    """Whether a 2-D array of several columns holds 0s and 1s, a single 1 in each row."""
    if values.dtype.kind not in "biuf" or values.shape[1] < 2 or not len(values):
        return False
    return bool(np.isin(values, (0, 1)).all() and (values.sum(axis=1) == 1).all())


def _counts(values: np.ndarray) -> bool:
    """Whether a 2-D array of several columns holds non-negative whole numbers, as R's
    ``multinom`` takes aggregated data: a matrix of counts per outcome level, a row each."""
    if values.dtype.kind not in "iuf" or values.shape[1] < 2 or not len(values):
        return False
    with np.errstate(invalid="ignore"):
        return bool(np.all((values >= 0) & (values == np.round(values))))


# R's multinom(Y ~ x) of a count matrix Y has the log-likelihood and estimates of this fit
_COUNTS = (
    ", counts per outcome level (one column a level, as R's multinom takes aggregated "
    "data)? give one row per row and level, the count as its frequency weight: "
)


def _outcome_array(y: Any) -> pd.Series:
    """The outcome of the array interface as a Series numbered 0..n-1; a column (shape
    (n, 1)) as its values, as a DataFrame of one column is read, and a one-hot matrix
    refused saying how to give its labels."""
    column = arrow_column(y, "y")  # a polars Series, a pyarrow array: that column
    if column is not None:
        y = column
    elif arrow_table(type(y)):  # a polars frame, a pyarrow Table: its Enum keeps its order
        y = from_arrow(y, "y")
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            hint = ""
            if _one_hot(y.to_numpy()):
                hint = " of 0/1 indicators, one 1 a row; pass the labels: y.idxmax(axis=1)"
            elif _counts(y.to_numpy()):
                hint = _COUNTS + (
                    "MNLogit(np.tile(y.columns, len(y)), X.iloc[np.repeat(np.arange(len(X)), "
                    f"{y.shape[1]})], weights=y.to_numpy().ravel())"
                )
            raise DataError(
                f"y: expected one outcome column; got a DataFrame with {y.shape[1]} columns{hint}"
            )
        y = y.iloc[:, 0]
    fields = structured_frame(y, "y")
    if fields is not None:
        if fields.shape[1] != 1:
            raise DataError(
                f"y: expected one outcome; got a structured array of {fields.shape[1]} fields "
                f"({', '.join(map(repr, fields.columns))}); pass one of them, e.g. "
                f"y[{fields.columns[0]!r}]"
            )
        y = fields.iloc[:, 0]
    if isinstance(y, pd.Series):
        name = str(y.name or "y")
        return exact_levels(usable(y.reset_index(drop=True), name, "y"), name, "y")
    a = native(listed_array(unmasked(y))) if not isinstance(y, pd.Categorical) else y
    a = _kinds_kept(y, a)
    if a.ndim == 0:  # a single value, or a generator, set or dict that numpy cannot index
        hint = ""
        if hasattr(y, "__next__"):
            hint = "; pass list(y)"
        elif isinstance(y, dict):
            hint = "; pass pd.Series(y) (its keys as row labels) or list(y.values())"
        elif isinstance(y, (set, frozenset)):
            hint = ": a set has no row order"
        raise DataError(
            f"y: expected one value per row (a list, array or Series); got a "
            f"{type(y).__name__} ({y!r:.60}){hint}"
        )
    if a.ndim == 2 and a.shape[1] == 1:  # one column: its values, one per row
        a = a[:, 0]
    if a.ndim != 1:
        hint = ""
        if a.ndim == 2 and _one_hot(a):
            hint = (
                f", a one-hot matrix of {a.shape[1]} levels; pass the labels, e.g. "
                "y.argmax(axis=1) for the column numbers, or pd.DataFrame(y, "
                "columns=levels).idxmax(axis=1) for their names"
            )
        elif a.ndim == 2 and _counts(a):
            hint = _COUNTS + (
                f"MNLogit(np.tile(np.arange({a.shape[1]}), len(y)), np.repeat(X, "
                f"{a.shape[1]}, axis=0), weights=y.ravel()) (levels numbered by column)"
            )
        raise DataError(f"y: expected one value per row (1-D); got shape {a.shape}{hint}")
    return pd.Series(exact_levels(a, "y", "y"))


def check_aligned(y: Any, X: Any) -> None:
    """Refuse a pandas ``y`` and ``X`` whose row labels differ: the array interface pairs rows
    by position, so y[0] went with whatever row of X came first, silently (statsmodels
    refuses such data too). X may be a Series, one column, as statsmodels takes it."""
    tables = (pd.Series, pd.DataFrame)
    if not isinstance(y, tables) or not isinstance(X, tables):
        return
    if y.index.equals(X.index):
        return
    differ = np.flatnonzero(y.index != X.index)[0] if len(y) == len(X) else 0
    # labels as Python's, or an int64 index printed its labels as np.int64(7)
    in_y, in_X = (python_scalar(labels[differ]) for labels in (y.index, X.index))
    raise DataError(
        f"y and X have different row labels (index): row {differ} is {in_y!r} in "
        f"y and {in_X!r} in X; rows are paired by position, so align them first "
        "(e.g. X = X.loc[y.index]) or reset both indexes"
    )


def _design_array(X: Any, n: int) -> tuple[np.ndarray, tuple[str, ...], np.ndarray]:
    """The array interface's design as a new C-contiguous float64 array, its column names and
    which columns are all finite.

    C- and Fortran-ordered arrays and DataFrames take the same one pass (see
    :func:`row_major_copy`): a DataFrame of one numeric dtype is read through a view of its
    values, with no intermediate copy.
    """
    X = unmasked(X)
    refuse_sparse_matrix(X, "X")
    fields = structured_frame(X, "X")
    if fields is not None:  # a structured or record array: its fields are the columns
        X = fields
    if isinstance(X, pd.Categorical):
        X = pd.Series(X)
    if isinstance(X, pd.Series):
        # one column, by its name, read as a DataFrame's: a Series of categories was fitted
        # as the numbers they hold (refused as a column of a DataFrame), a named one as 'x0'
        X = X.to_frame("x0" if X.name is None else X.name)
    column = arrow_column(X, "X")
    if column is not None:  # one column, named as a 1-D array's is
        X = pd.DataFrame({"x0": column})
    elif arrow_table(type(X)):  # a pyarrow Table, a polars frame: its columns, by name
        X = from_arrow(X, "X")
    objects = None  # the values as given where numpy reads them as float64 in one step
    if isinstance(X, pd.DataFrame):
        X = without_views(X)  # numpy cannot read string_view: "NotImplementedError"
        refuse_dates(X, "X")
        if any(isinstance(d, pd.SparseDtype) for d in X.dtypes):
            # the dense values they stand for, as a formula reads them: a sparse column
            # ended in "'SparseDtype' object has no attribute 'itemsize'"
            X = pd.concat(
                [
                    c.sparse.to_dense() if isinstance(c.dtype, pd.SparseDtype) else c
                    for _, c in X.items()
                ],
                axis=1,
            )
        names = tuple(str(c) for c in X.columns)
        # names are labels: 'été' in two Unicode forms would label two rows of params alike
        forms = [unicodedata.normalize("NFC", c) for c in names]
        dup = sorted({c for c, f in zip(names, forms, strict=True) if forms.count(f) > 1})
        if dup:
            alike = len(dup) > len({unicodedata.normalize("NFC", c) for c in dup})
            raise DataError(
                f"X: column name(s) {', '.join(map(ascii if alike else repr, dup))} occur "
                "more than once" + (" (in two Unicode forms)" if alike else "")
            )
        refuse_non_numeric(X, "X")
        if any(isinstance(d, pd.api.extensions.ExtensionDtype) for d in X.dtypes):
            Xa = X.to_numpy(dtype=np.float64, na_value=np.nan)  # nullable columns: NA -> NaN
        else:
            Xa = X.to_numpy(copy=False)  # one numeric dtype: a view of the values
            if Xa.dtype.kind not in "biufc":  # mixed dtypes: one converted copy
                Xa = X.to_numpy(dtype=np.float64)
    else:
        try:
            Xa = np.asarray(X)
            refuse_text(Xa, "X")
            if Xa.dtype.kind not in "biufcmM":  # objects: converted (and checked)
                objects = Xa if Xa.dtype == object else None
                Xa = np.asarray(Xa, dtype=np.float64)
            elif Xa.dtype.kind == "f" and not isinstance(X, np.ndarray):
                objects = _as_given(X, Xa)  # records of floats and ints
        except (TypeError, ValueError) as exc:
            if isinstance(exc, InputTypeError):  # refuse_text's
                raise
            raise InputTypeError(
                f"X: expected a numeric 2-D array or DataFrame; got "
                f"{type(X).__name__} that does not convert to numbers{interchange_hint(X, 'X')}"
            ) from None
        except OverflowError:  # Python ints past float64's range (10**400)
            raise beyond_double_error(Xa, "X") from None
        refuse_dates(Xa, "X")
        if Xa.ndim == 0:
            raise InputTypeError(f"X: expected a 2-D array or DataFrame; got {type(X).__name__}")
        if Xa.ndim == 1:
            Xa = Xa[:, None]
            objects = None if objects is None else objects[:, None]
        names = tuple(f"x{j}" for j in range(Xa.shape[1])) if Xa.ndim == 2 else ()
    if Xa.dtype.kind == "c":  # numpy would drop the imaginary parts with a ComplexWarning
        raise InputTypeError(
            f"X: complex numbers (dtype {Xa.dtype}, e.g. {Xa.flat[0].item()!r}); the design "
            "must be real: pass X.real if the imaginary parts are zero"
        )
    if Xa.ndim != 2 or Xa.shape[0] != n:
        raise DataError(f"X has shape {Xa.shape}; expected ({n}, p) to match y")
    for j, name in enumerate(names):  # integers beyond 2**53 that float64 would round
        column = X.iloc[:, j] if isinstance(X, pd.DataFrame) else Xa[:, j]
        if isinstance(X, pd.DataFrame):  # Decimals past float64's digits
            refuse_rounded_decimals(name, column, "X", "one-hot encode them if they are labels")
        refuse_rounded_integers(name, column, "X", "one-hot encode them if they are labels")
        if objects is not None:
            refuse_rounded_objects(name, objects[:, j], column, "X")
        refuse_beyond_double(name, column, "X")
    design, finite = row_major_copy(Xa)
    return design, names, finite


def _as_given(X: Any, floats: np.ndarray) -> np.ndarray | None:
    """A list of records as an array of the Python objects it holds, when numpy read it as
    float64 (``floats``) with some value past 2**53; else None: every integer it holds is
    exact in float64."""
    with np.errstate(invalid="ignore"):
        if floats.ndim not in (1, 2) or not (np.abs(floats) >= 2**53).any():
            return None
    try:
        objects = np.asarray(X, dtype=object)
    except (TypeError, ValueError):
        return None
    return objects if objects.shape == floats.shape else None


def check_complete(
    ys: pd.Series,
    Xa: np.ndarray,
    names: tuple[str, ...],
    finite: np.ndarray,
    *,
    survey: bool,
    domain: np.ndarray | None,
    index: pd.Index | None = None,
) -> None:
    """Refuse missing outcomes and missing or infinite design values in the rows fitted:
    all rows, or for a survey fit the subpopulation's (``domain``), whose other rows only
    give their PSUs to the design and may hold anything. A survey fit cannot drop rows
    (that would change its design), so the message says to leave them out of ``subpop``.
    ``index``: the row labels of a pandas y or X, which the message quotes as the refusals
    of the weights and groups beside it do (the position when there are none)."""
    todo = "drop those rows first"
    if survey:
        todo = (
            "leave those rows out of the subpopulation (subpop=): a survey fit keeps every "
            "row in its design, so dropping rows would change the design"
        )
    missing = missing_mask(ys)  # a Decimal("sNaN") label: pandas raised InvalidOperation
    if domain is not None:
        missing = missing & domain
        if not finite.all():
            finite = np.isfinite(Xa[domain]).all(axis=0)
    if missing.any():
        first = int(np.flatnonzero(missing)[0])
        row = first if index is None else python_scalar(index[first])
        raise DataError(
            f"y: {int(missing.sum())} missing value(s)"
            + ("" if domain is None else " in the subpopulation")
            + f", first in row {row!r}; {todo}"
        )
    bad = ~finite
    if bad.any():
        raise DataError(
            f"X: missing or infinite values in column(s) "
            f"{', '.join(repr(names[j]) for j in np.flatnonzero(bad))}; {todo}"
        )
