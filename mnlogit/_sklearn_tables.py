"""What the classifier reads of X given as a table that exports Arrow data (a polars frame, a
pyarrow Table) or with pyarrow-backed columns, where scikit-learn reads every column as
numbers: the columns that are no numbers (dates, durations, categories) and the integer
columns, whose values float64 may round; the DataFrame a formula reads; and the dask
collections a fit refuses (scikit-learn reads them into memory whole).

pyarrow is imported only when such data are given.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ._columns import check_flat_columns
from ._dtypes import refuse_dask
from ._polars import is_polars, refuse_lazy, unwrapped
from ._sklearn_options import speak_of_arguments
from ._tables import arrow_table, from_arrow
from .exceptions import DataError, InputTypeError

__all__ = [
    "arrow_exact_numbers",
    "formula_frame",
    "named_table",
    "refuse_arrow_kinds",
    "refuse_dask_fit",
]


def named_table(X: Any) -> Any:
    """X as a table whose column names scikit-learn reads: a pyarrow RecordBatch (or another
    table exporting Arrow data that is neither a pyarrow Table nor a polars frame) as the
    pyarrow Table of its columns; anything else as it is. scikit-learn read no names of a
    RecordBatch, so its columns were used by position: new rows with the columns in another
    order were predicted from each other's coefficients, without a word."""
    if not arrow_table(type(X)) or is_polars(X):
        return X
    import pyarrow as pa

    if isinstance(X, pa.Table):
        return X
    try:
        return pa.table(X)
    except (TypeError, ValueError, pa.ArrowException):  # no table: refused as scikit-learn does
        return X


def refuse_arrow_kinds(X: Any) -> None:
    """Refuse columns of a table that exports Arrow data (a polars frame, a pyarrow Table),
    or pyarrow-backed columns of a DataFrame, that scikit-learn reads as numbers but that
    are none: dates, times and durations were fitted as counts since 1970 or of
    microseconds, where the same numpy-backed column is refused, and categories (an Enum of
    '1', '2', '3') as one slope."""
    if isinstance(X, pd.DataFrame):  # its pyarrow-backed columns, named by their dtype
        fields = [
            (str(c), d.pyarrow_dtype, f"dtype {d}")
            for c, d in zip(X.columns, X.dtypes, strict=True)
            if isinstance(d, pd.ArrowDtype)
        ]
        if not fields:
            return
    elif not arrow_table(type(X)):
        return
    refuse_lazy(X, "X")
    import pyarrow as pa

    if not isinstance(X, pd.DataFrame):
        try:  # the schema alone: no column is read
            schema = pa.RecordBatchReader.from_stream(X).schema
        except (TypeError, ValueError, pa.ArrowException):
            return  # left to scikit-learn's own reading
        fields = [(f.name, f.type, f"type {f.type}") for f in schema]
    for name, kind, shown in fields:
        if pa.types.is_temporal(kind):
            what = (
                "durations"
                if pa.types.is_duration(kind)
                else "times of day"
                if pa.types.is_time(kind)
                else "dates"
            )
            raise InputTypeError(
                f"X: column {name!r} holds {what} ({shown}), which are not numbers; "
                "convert it first (e.g. to a number of days)"
            )
        if pa.types.is_dictionary(kind):
            label = name if name.isidentifier() else f"`{name}`"
            raise InputTypeError(
                f"X: column {name!r} holds categories ({shown}); without a formula X "
                "is used as numbers, which would fit categories that read as numbers as one "
                f"slope: give formula='... + C({label})' or one-hot encode it"
            )


def arrow_exact_numbers(X: Any) -> Iterator[tuple[str, pd.Series]]:
    """The integer and decimal columns of a table that exports Arrow data, by name, as
    pyarrow-backed Series (no copy), for the classifier's refusal of numbers float64 rounds:
    a polars UInt64 column near 2**60 was fitted from values rounded to a step of 256
    without an intercept (with one the rank check refused it as an offset), and so was a
    Decimal column of 10**30 + i, where a pandas one is refused saying to subtract a
    constant. Nothing for anything else."""
    if isinstance(X, pd.DataFrame) or not arrow_table(type(X)):
        return
    import pyarrow as pa

    try:
        table = pa.table(unwrapped(X))
    except (TypeError, ValueError, pa.ArrowException):
        return  # left to scikit-learn's own reading
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_integer(column.type) or pa.types.is_decimal(column.type):
            yield name, pd.Series(pd.arrays.ArrowExtensionArray(column))


def formula_frame(X: Any, formula: str | None, fitted: bool = False) -> pd.DataFrame:
    """X as the DataFrame a formula reads: a table that exports Arrow data (a pyarrow Table)
    as the DataFrame of its columns, as ``mnlogit.fit`` reads it; anything else refused, and
    so is X without rows (in scikit-learn's words for an array, which it refuses at ``fit``
    and at every prediction): at ``fit`` it failed with Python's IndexError, and predictions
    of no rows were given where an array of no rows was refused. An array is answered with
    the Pipeline's ``set_output``, and with the ensembles that hand on arrays whatever
    they are given."""
    if arrow_table(type(X)):
        X = from_arrow(X, "X")
    if not isinstance(X, pd.DataFrame):
        # a Pipeline's transformers hand on arrays unless told to hand on DataFrames; some
        # ensembles hand on arrays whatever they are given, and no set_output changes that
        hint = ""
        if isinstance(X, np.ndarray) or sparse.issparse(X):
            hint = (
                " (in a Pipeline, pipe.set_output(transform='pandas') makes the steps before "
                "hand on DataFrames with their columns' names"
            )
            if not fitted:  # where an ensemble is fitted
                hint += (
                    "; BaggingClassifier and AdaBoostClassifier hand their estimators arrays: "
                    "there give the classifier no formula and encode X before the ensemble, "
                    "e.g. make_pipeline(ColumnTransformer([('c', OneHotEncoder(drop='first'), "
                    "['a factor'])], remainder='passthrough'), BaggingClassifier("
                    "MNLogitClassifier())); a StackingClassifier's final_estimator gets the "
                    "stacked predictions, not X's columns: give it no formula"
                )
            hint += ")"
        elif isinstance(X, pd.Series):  # one row (df.iloc[0]) to predict, or one column
            hint = (
                " (one row as a DataFrame: df.iloc[[0]], not df.iloc[0])"
                if fitted
                else " (one column as a DataFrame: df[['x']], or X.to_frame())"
            )
        kind = type(X).__name__
        if type(X).__module__.split(".")[0] == "dask":  # "got DataFrame" named it so
            kind = f"a dask {kind}"
            hint = (
                " (compute it first, X.compute(), or predict each partition: X.map_partitions("
                "lambda part: pd.Series(clf.predict(part), index=part.index), "
                "meta=(None, object)))"
            )
        raise InputTypeError(
            f"X: {'fitted' if fitted else 'with'} formula={formula!r}, X must be a DataFrame "
            f"with the columns it uses; got {kind}{hint}"
        )
    try:  # before fit sets the outcome's column beside them, which pandas warned of
        check_flat_columns(X.columns, "X")
    except InputTypeError as exc:
        speak_of_arguments(exc, "y")
        raise
    if len(X) == 0:
        raise DataError(
            f"Found array with 0 sample(s) (shape={X.shape}) while a minimum of 1 is required "
            "by MNLogitClassifier."
        )
    return X


def refuse_dask_fit(X: Any, y: Any, sample_weight: Any) -> None:
    """Refuse dask collections given to the classifier's fit, as ``MNLogit(y, X)`` refuses
    them: scikit-learn read them into memory whole, and a dask DataFrame's column names were
    lost (its columns fitted and labelled x0, x1, ...)."""
    for values, what in ((X, "X"), (y, "y"), (sample_weight, "sample_weight")):
        refuse_dask(values, what)
