"""The raw columns a fit keeps for its margins and effects, made to hold only their own
values (:func:`own_memory`).

The columns are read from the caller's DataFrame without a copy (see
:func:`mnlogit._columns.read_columns`): each is a view of pandas' block, which holds every
column of its dtype side by side, or of the buffers of a longer column when the data were a
slice of a larger frame (``big.iloc[:1000]``). A result kept that view, and with it the
whole block after the caller had let the DataFrame go: a model of two columns of a frame of
forty kept all forty (61 MB for 3 MB of values), for as long as the result lived.

Columns that fill most of their block are kept as views, not copied (a copy would add the
design's size again to every fit's memory): pandas counts them as shared, so the caller's
later writes through pandas copy first. Writes that bypass pandas, into an array a
DataFrame was made on with ``copy=False``, reach them; pandas documents that such a
DataFrame shares the array. pandas 2 without copy-on-write writes into the shared block
itself, so there every column is the result's own copy.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["own_memory"]

# The columns that share a buffer (a pandas block, or the buffers of a longer column) are
# copied when it holds more than this many times their own bytes: a result then keeps at
# most twice what it uses, without copying columns that fill most of their block.
SURPLUS = 2


def own_memory(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns (and index) copied where they are views of buffers holding
    more than SURPLUS times what the frame uses of them; the others are kept as they are (no
    copy), shared in pandas' account."""
    arrays = [column.array for _, column in frame.items()]  # by position (iloc: 2x slower)
    found = [*map(_buffers, arrays), _index_buffers(frame.index)]
    used: dict[int, int] = {}
    for buffers in found:
        for key, own, _ in buffers:
            used[key] = used.get(key, 0) + own
    copy = [any(behind > SURPLUS * max(used[key], 1) for key, _, behind in b) for b in found]
    # a shallow copy, not new Series on the same arrays: pandas then knows the columns are
    # shared, and a later write by the caller (df.loc[:, "y"] = ..., which replaces an Arrow
    # column's array inside its object) copies first instead of reaching the result
    kept = frame.copy(deep=False)
    for j in np.flatnonzero(copy[:-1]):
        # by position; a Series on the same index object is not aligned, and keeps its
        # dtype (objects are not read as text)
        a = arrays[j]
        kept.isetitem(int(j), pd.Series(_copied(a), index=kept.index, dtype=a.dtype, copy=False))
    if not _copy_on_write():
        # pandas 2 without copy-on-write writes the caller's later edits into the blocks (and
        # Arrow arrays' objects) a shallow copy shares: the result needs columns of its own
        for j in np.flatnonzero(~np.array(copy[:-1], dtype=bool)):
            a = arrays[j]
            # copy(): an Arrow array's is a new wrapper of the same immutable buffers
            own = pd.Series(a.copy(), index=kept.index, dtype=a.dtype, copy=False)
            kept.isetitem(int(j), own)
    if copy[-1]:
        kept.index = frame.index.copy(deep=True)
    return kept


def _copy_on_write() -> bool:
    """Whether pandas copies a shared column before a write: always from pandas 3, and in
    pandas 2 when ``pd.options.mode.copy_on_write`` is True."""
    if int(pd.__version__.split(".")[0]) >= 3:
        return True
    return pd.get_option("mode.copy_on_write") is True


def _copied(array: Any) -> Any:
    """A copy of ``array`` in new buffers of its own length."""
    if getattr(array, "_pa_array", None) is not None:
        # an Arrow array's copy() is the same slice of the same buffers: take makes new ones
        return array.take(np.arange(len(array)))
    return array.copy()


def _index_buffers(index: pd.Index) -> list[tuple[int, int, int]]:
    # a RangeIndex holds no values (its _values would make them)
    return [] if isinstance(index, pd.RangeIndex) else _buffers(index._values)


def _buffers(array: Any) -> list[tuple[int, int, int]]:
    """(key of a buffer, bytes of ``array``'s values in it, bytes it holds) for each buffer
    behind ``array``; views of one buffer have one key (while they live)."""
    if isinstance(array, np.ndarray):
        base = array
        while isinstance(base.base, np.ndarray):
            base = base.base
        return [(id(base), array.nbytes, base.nbytes)]
    chunked = getattr(array, "_pa_array", None)  # pandas' Arrow-backed arrays
    if chunked is not None:
        return [(id(chunked), chunked.nbytes, chunked.get_total_buffer_size())]
    # a Categorical's codes, text of Python strings, masked numbers' values and mask
    parts = [getattr(array, name, None) for name in ("_ndarray", "_data", "_mask")]
    return [b for part in parts if isinstance(part, np.ndarray) for b in _buffers(part)]
