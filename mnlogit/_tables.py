"""Tables and columns from other libraries read as pandas data: a table that exports Arrow
data (a pyarrow Table or RecordBatch, a polars or DuckDB frame) as the DataFrame of its
columns, each in its own pyarrow type; a one-dimensional Arrow array (a polars Series) as a
Series; values given one per row in a form numpy reads; what to do with a table that offers
only the dataframe interchange protocol.

pyarrow is imported only when such data are given.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._arrow_kernels import computable_arrow
from ._dtypes import plain_index, usable, without_views
from ._polars import is_lazy, is_polars, objects_kept, unwrapped
from .exceptions import InputTypeError

__all__ = [
    "arrow_column",
    "arrow_table",
    "from_arrow",
    "interchange_hint",
    "listed_array",
    "row_values",
]


def arrow_table(cls: type) -> bool:
    """Whether objects of ``cls`` are tables that export Arrow data through the Arrow
    PyCapsule interface (``__arrow_c_stream__``): a pyarrow Table or RecordBatch, a polars
    or DuckDB frame. pandas' own objects, which export it too, are read as they are."""
    if is_lazy(cls):  # refused by from_arrow, saying to collect it
        return True
    return hasattr(cls, "__arrow_c_stream__") and not issubclass(
        cls, (pd.DataFrame, pd.Series, pd.Index, pd.api.extensions.ExtensionArray)
    )


def arrow_column(values: Any, what: str = "values") -> pd.Series | None:
    """A one-dimensional Arrow array (a pyarrow Array or ChunkedArray, a polars Series) as a
    Series of its values in their own pyarrow type, which :func:`usable` reads as a table's
    column is read (a dictionary as the Categorical it stands for, in its order: through
    numpy its levels were sorted, another reference than the same column in a table); a
    polars Series as the same column of a polars DataFrame is read (:func:`from_arrow`);
    None for anything else, tables included."""
    native = unwrapped(values)
    if native is not values and isinstance(native, pd.Series):  # narwhals' of a pandas one
        return native
    values = native
    if is_polars(values) and type(values).__name__ == "Series":
        return from_arrow(values.to_frame(), what).iloc[:, 0].rename(None)
    kind = type(values)
    if not (hasattr(kind, "__arrow_c_array__") or hasattr(kind, "__arrow_c_stream__")):
        return None
    if issubclass(kind, (pd.DataFrame, pd.Series, pd.Index, pd.api.extensions.ExtensionArray)):
        return None
    try:
        import pyarrow as pa
    except ImportError:
        return None
    try:
        chunked = pa.chunked_array(values)
    except (TypeError, ValueError, pa.ArrowException):
        return None
    if pa.types.is_struct(chunked.type):  # a table's rows
        return None
    if pa.types.is_run_end_encoded(chunked.type):  # the values its runs stand for
        import pyarrow.compute as pc

        decoded = [pc.run_end_decode(chunk) for chunk in chunked.chunks]
        chunked = pa.chunked_array(decoded, type=chunked.type.value_type)
    return pd.Series(pd.arrays.ArrowExtensionArray(chunked))


def listed_array(values: Any) -> np.ndarray:
    """``values`` as numpy reads them, but a list or tuple that numpy makes fixed-width text
    as its objects: such text drops each string's trailing NUL characters, so the labels
    'lo' and 'lo\\x00' (distinct in a Series, a polars Series or a pyarrow array) became one
    class, and numbers beside text became text."""
    array = np.asarray(values)
    if array.dtype.kind == "U" and isinstance(values, (list, tuple)):
        return np.asarray(values, dtype=object)
    return array


def row_values(values: Any, what: str) -> Any:
    """Values given one per row (weights, clusters, a survey design's roles) in a form numpy
    reads: a polars Series as a polars frame's column is read (:func:`from_arrow`), and a
    pyarrow array as its column, by position (numpy failed on polars' 128-bit integers:
    "cannot convert i128 to NumPy", and read a pyarrow null as NaN, quoted as nan); a
    pandas Series as :func:`usable` reads it (its pyarrow views as plain text, where numpy
    raised "NotImplementedError: string_view"). Anything else as it is."""
    values = unwrapped(values)
    if not isinstance(values, pd.Series):
        column = arrow_column(values, what)
        if column is not None:
            return usable(column, what, what).array
    if isinstance(values, pd.Series):  # its row labels too, which are matched to the data's
        return plain_index(usable(values, what if values.name is None else str(values.name), what))
    return values


def from_arrow(data: Any, what: str) -> pd.DataFrame:
    """A table that exports Arrow data (:func:`arrow_table`) as a pandas DataFrame of its
    columns, each in its own pyarrow type (nulls stay missing, integers stay integers), but
    a dictionary-encoded column as the pandas Categorical it stands for, its categories in
    the dictionary's order (a Categorical written to the table keeps its order of levels);
    anything that does not export a table is refused. A polars frame's own types are read
    as :func:`mnlogit._polars.objects_kept` says; pyarrow's view types as the plain text and
    bytes they hold (pandas cannot take rows of them: a polars frame's text, which polars
    exports as views, ended in "Function 'array_take' has no kernel" when a subpopulation
    was taken)."""
    data, objects = objects_kept(data, what)
    try:
        import pyarrow as pa
    except ImportError:  # a polars frame without pyarrow installed
        raise InputTypeError(
            f"{what}: reading a {type(data).__name__} needs pyarrow (pip install pyarrow); "
            "or pass a pandas DataFrame"
        ) from None

    try:
        table = pa.table(data)
    except (TypeError, ValueError, pa.ArrowException) as exc:
        raise InputTypeError(
            f"{what}: a {type(data).__name__} exports Arrow data but not a table of columns "
            f"({exc}); pass a pandas DataFrame"
            + (  # a polars Series: one column, which a formula names
                f", or {what}.to_frame() for a table of its one column"
                if is_polars(data) and type(data).__name__ == "Series"
                else ""
            )
        ) from None
    for j, column in enumerate(table.columns):
        computable = computable_arrow(column)
        if computable is not None:
            # the values it stores (a UUID's 16 bytes, a tensor's lists), bool8's booleans,
            # decimal32's decimals: pandas' unique() of them raised pyarrow's "Function
            # 'unique' has no kernel"
            table = table.set_column(j, table.field(j).name, computable)
        elif pa.types.is_run_end_encoded(column.type):
            # the values its runs stand for: pandas read it as several values in each cell
            import pyarrow.compute as pc

            decoded = [pc.run_end_decode(chunk) for chunk in column.chunks]
            plain = pa.chunked_array(decoded, type=column.type.value_type)
            table = table.set_column(j, table.field(j).name, plain)
    frame = without_views(
        table.to_pandas(
            types_mapper=lambda t: None if pa.types.is_dictionary(t) else pd.ArrowDtype(t)
        )
    )
    for name, values in objects.items():  # in its place, as the Python objects it holds
        frame[name] = pd.Series(values, index=frame.index, dtype=object)
    return frame


def interchange_hint(data: Any, what: str) -> str:
    """How to read ``data`` that offers only the dataframe interchange protocol
    (``__dataframe__``), or ``""``: MNLogit's X and ``predict``'s newdata refused such a table
    as "does not convert to numbers" or "expected a pandas DataFrame" alone."""
    if not hasattr(type(data), "__dataframe__") or isinstance(data, pd.DataFrame):
        return ""
    if type(data).__module__.split(".")[0] == "dask":  # whose conversion fails ('get_chunks')
        return (
            "; a dask DataFrame is fitted partition by partition by mnlogit.fit(formula, ddf, "
            f"...); here its rows are read in memory: compute them first, {what}.compute()"
        )
    return f"; convert it first: pd.api.interchange.from_dataframe({what})"
