"""The raw columns a fit keeps for its margins and effects, made its own (:func:`own_memory`).

The columns are read from the caller's DataFrame without a copy (see
:func:`mnlogit._columns.read_columns`), as views of its memory, which a result then kept:

- numpy memory the caller can still write: a DataFrame made on an array without a copy
  (``pd.DataFrame(arr, copy=False)``, pandas 2's default for a 2-D array, whose in-place
  edits of the frame write there too). Rescaling the array after the fit (``arr *= 10``)
  changed the result's margins and marginal effects, silently, while its coefficients,
  standard errors and predictions stayed those of the fit.
- more than the columns used: pandas' block holds every column of a dtype side by side, and
  a slice of a larger frame (``big.iloc[:1000]``) the buffers of every row; a result kept
  all of them after the caller had let the DataFrame go (a model of two columns of a frame
  of forty kept all forty: 61 MB for 3 MB of values).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["own_memory"]

# The columns that share a buffer (a pandas block, or the buffers of a longer column) are
# copied when it holds more than this many times their own bytes: without copying columns
# that fill most of an Arrow buffer no one can write to.
SURPLUS = 2


def own_memory(frame: pd.DataFrame, caller: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns (and index) copied where they are views of ``caller``'s
    numpy memory, or of buffers holding more than SURPLUS times what the frame uses of them;
    the others (made by the fit, or Arrow columns of their own) are kept as they are."""
    arrays = [frame.iloc[:, j].array for j in range(frame.shape[1])]
    index = frame.index
    found = [*map(_buffers, arrays), _index_buffers(index)]
    # the caller's columns the frame's were read from (a label 0 is the name "0"): the
    # others are not looked at, which would cost 50 us each in a frame of 20,000 columns
    names = {str(c) for c in frame.columns}
    read = [j for j, c in enumerate(caller.columns) if str(c) in names]
    given = [_buffers(caller.iloc[:, j].array) for j in read]
    theirs = {
        key for b in [*given, _index_buffers(caller.index)] for key, *_, writable in b if writable
    }
    used: dict[int, int] = {}
    for buffers in found:
        for key, own, _, _ in buffers:
            used[key] = used.get(key, 0) + own
    copy = [
        any(key in theirs or behind > SURPLUS * max(used[key], 1) for key, _, behind, _ in b)
        for b in found
    ]
    columns = {j: _copied(a) if copy[j] else a for j, a in enumerate(arrays)}
    if copy[-1]:
        index = index.copy(deep=True)
    # each on the one index (no alignment), with its dtype (objects are not read as text)
    kept = pd.DataFrame(
        {j: pd.Series(a, index=index, dtype=a.dtype, copy=False) for j, a in columns.items()},
        index=index,
        copy=False,
    )
    kept.columns = frame.columns
    return kept


def _copied(array: Any) -> Any:
    """A copy of ``array`` in new buffers of its own length."""
    if getattr(array, "_pa_array", None) is not None:
        # an Arrow array's copy() is the same slice of the same buffers: take makes new ones
        return array.take(np.arange(len(array)))
    return array.copy()


def _index_buffers(index: pd.Index) -> list[tuple[int, int, int, bool]]:
    # a RangeIndex holds no values (its _values would make them)
    return [] if isinstance(index, pd.RangeIndex) else _buffers(index._values)


def _buffers(array: Any) -> list[tuple[int, int, int, bool]]:
    """(key of a buffer, bytes of ``array``'s values in it, bytes it holds, whether it is
    numpy memory, which can be written to) for each buffer behind ``array``; views of one
    buffer have one key (while they live)."""
    if isinstance(array, np.ndarray):
        base = array
        while isinstance(base.base, np.ndarray):
            base = base.base
        return [(id(base), array.nbytes, base.nbytes, True)]
    chunked = getattr(array, "_pa_array", None)  # pandas' Arrow-backed arrays
    if chunked is not None:
        return [(id(chunked), chunked.nbytes, chunked.get_total_buffer_size(), False)]
    # a Categorical's codes, text of Python strings, masked numbers' values and mask
    parts = [getattr(array, name, None) for name in ("_ndarray", "_data", "_mask")]
    return [b for part in parts if isinstance(part, np.ndarray) for b in _buffers(part)]
