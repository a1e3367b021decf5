"""pyarrow types that pandas holds in a column (``pd.ArrowDtype``) but has no compute kernels
for, read as types it has: pandas' ``unique()`` of them, which every use of a column makes
(a number, a factor, the outcome, clusters, weights), raised pyarrow's bare "Function
'unique' has no kernel matching input types". Nothing here imports pyarrow unless a column
is pyarrow-backed."""

from __future__ import annotations

from typing import Any

import pandas as pd

__all__ = ["computable", "computable_arrow", "computable_columns"]


def computable(column: pd.Series) -> pd.Series:
    """``column`` in a pyarrow type pandas computes with (:func:`computable_arrow`), in a
    new Series; the column itself when its type is one (or it is not pyarrow-backed)."""
    if isinstance(column.dtype, pd.StringDtype) or not hasattr(column.dtype, "pyarrow_dtype"):
        return column  # not pyarrow-backed, or text pandas handles itself
    values = computable_arrow(column.array.__arrow_array__())
    if values is None:
        return column
    return pd.Series(pd.arrays.ArrowExtensionArray(values), index=column.index, name=column.name)


def computable_columns(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """``frame`` with its columns ``names`` read by :func:`computable`: what a dask fit
    reads each partition as, where only the metadata had been read so (a factor of
    decimal32's was refused as a partition dask "could not read")."""
    return frame.assign(**{name: computable(frame[name]) for name in names})


def computable_arrow(values: Any) -> Any:
    """A pyarrow ChunkedArray of a type pandas has no kernels for as one it computes with,
    or None when its type is one (pandas' unique() raised pyarrow's bare "Function 'unique'
    has no kernel matching input types" on them, for a factor, an outcome, clusters or a
    column of numbers alike): an extension type as the values it stores (a UUID's 16 bytes,
    a JSON text), but pyarrow's ``bool8`` as the booleans it stands for; ``decimal32`` and
    ``decimal64`` as ``decimal128`` of the same precision and scale."""
    import pyarrow as pa

    values = values if isinstance(values, pa.ChunkedArray) else pa.chunked_array([values])
    kind = values.type
    if isinstance(kind, pa.BaseExtensionType):
        if getattr(kind, "extension_name", "") == "arrow.bool8":
            return values.cast(pa.bool_())
        stored = pa.chunked_array([c.storage for c in values.chunks], type=kind.storage_type)
        computable = computable_arrow(stored)
        return stored if computable is None else computable
    if pa.types.is_decimal32(kind) or pa.types.is_decimal64(kind):
        return values.cast(pa.decimal128(kind.precision, kind.scale))
    return None
