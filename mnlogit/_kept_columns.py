"""The raw columns a fit keeps for its margins and effects, made to hold only their own
values (:func:`own_memory`).

The columns are read from the caller's DataFrame without a copy (see
:func:`mnlogit._columns.read_columns`): each is a view of pandas' block, which holds every
column of its dtype side by side, or of the buffers of a longer column when the data were a
slice of a larger frame (``big.iloc[:1000]``). A result kept that view, and with it the
whole block after the caller had let the DataFrame go: a model of two columns of a frame of
forty kept all forty (61 MB for 3 MB of values; 1.6 GB for a million rows of 200 columns),
for as long as the result lived.
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
    copy)."""
    arrays = [frame.iloc[:, j].array for j in range(frame.shape[1])]
    index = frame.index
    found = [_buffers(a) for a in [*arrays, index._values]]
    used: dict[int, int] = {}
    for buffers in found:
        for key, own, _ in buffers:
            used[key] = used.get(key, 0) + own
    more = [any(behind > SURPLUS * max(used[key], 1) for key, _, behind in b) for b in found]
    columns = {
        # the array's own take (a Series' take of every row is a view, as copy() of an
        # Arrow array is): new buffers of the rows' values, Arrow ones too
        j: a.take(np.arange(len(a))) if more[j] else a
        for j, a in enumerate(arrays)
    }
    if more[-1]:
        index = index.copy(deep=True)
    # each on the one index (no alignment), with its dtype (objects are not read as text)
    kept = pd.DataFrame(
        {j: pd.Series(a, index=index, dtype=a.dtype, copy=False) for j, a in columns.items()},
        index=index,
        copy=False,
    )
    kept.columns = frame.columns
    return kept


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
