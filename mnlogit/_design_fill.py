"""The design matrix filled: columns or a numeric array copied into one row-major float64
array, in cache-sized blocks of rows, one worker per core, with which columns are finite.
"""

from __future__ import annotations

import mmap
from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy import sparse

from ._linalg import column_reduce
from ._memory import check_design_fits
from ._parallel import default_threads, run_split
from ._shown_numbers import row_count
from .exceptions import DataError

__all__ = [
    "OWN_MAPPING_BYTES",
    "column_subset",
    "real_column",
    "row_major_copy",
    "sparse_row_major",
]


# From this size on the design gets its own anonymous memory mapping (see _empty_design).
# Smaller designs do better in numpy's allocation: at 17 MB, built right after another
# fit, it took 13 ms against 19 ms in a mapping of its own (benchmarks/bench_idle.py).
OWN_MAPPING_BYTES = 32 << 20


def _empty_design(n: int, p: int) -> np.ndarray:
    """An uninitialised (n, p) float64 array for the design.

    numpy asks the kernel for transparent huge pages for large arrays. Where the kernel then
    compacts memory on demand (Linux's default ``defrag=madvise``) and memory is fragmented,
    as it is once other large arrays have come and gone, the first touch of a fresh design
    stalls for up to a second. A private anonymous mapping of its own gets ordinary pages
    instead, at a steady cost of about a tenth of a second per 400 MB; it is unmapped when
    the array goes.
    """
    check_design_fits(n, p)
    nbytes = 8 * n * p
    try:
        if nbytes < OWN_MAPPING_BYTES or not hasattr(mmap, "MAP_ANONYMOUS"):
            return np.empty((n, p))
        buffer = mmap.mmap(-1, nbytes, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    except (OSError, MemoryError) as exc:  # a process limit (ulimit -v) MemAvailable omits
        check_design_fits(n, p, refused=exc)
        raise  # pragma: no cover (check_design_fits raised)
    return np.frombuffer(buffer, dtype=np.float64).reshape(n, p)


# A worker's block of rows is at most this share of its rows. A stage of block_bytes beside
# a small design was as large as the design itself: a fit's peak memory at 1e4 x 11 was
# 2.6x the design, about 2x with the share. Larger designs keep their blocks of block_bytes
# (at 1e5 rows, blocks of an eighth of a worker's rows filled 10-40% slower).
STAGE_SHARE = 1 / 2


def _block_rows(n: int, p: int, threads: int, block_bytes: int) -> int:
    """Rows per block for ``threads`` workers filling n rows of p columns: about
    ``block_bytes``, and no more than STAGE_SHARE of a worker's rows (at least 8)."""
    per_worker = -(-n // max(threads, 1))
    return max(8, min(block_bytes // (8 * max(p, 1)), int(per_worker * STAGE_SHARE)))


def _stage(rows: int, p: int) -> np.ndarray:
    """A worker's (rows, p) block, reused for every block of rows it fills (its pages are
    supplied once), in which the block is assembled before one contiguous copy into the
    design.

    Written straight into the design's fresh pages, a transposing copy (a DataFrame's columns,
    or a Fortran-ordered array, into rows) took 1.5 to 1.9 times as long as a row-major one:
    the kernel clears each new page as the writes reach it, which evicts the source's cache
    lines that the next rows of the copy would have read again. Assembled in the stage, which
    stays in cache, the three take about as long (benchmarks/bench_build.py).
    """
    return np.zeros((rows, p))


def _runs(columns: Sequence[np.ndarray | None], n: int) -> list[tuple[int, int, np.ndarray | None]]:
    """The columns as runs (first, stop, source): consecutive columns of one pandas block
    (a DataFrame of one dtype holds them side by side, each contiguous) as one (n, r) view of
    that block, copied a block of rows at a time in one transposing copy; any other column on
    its own ((n,) source, or None for ones)."""
    runs: list[tuple[int, int, np.ndarray | None]] = []
    j = 0
    while j < len(columns):
        c = columns[j]
        k = j + 1
        if c is not None and c.ndim == 1 and c.base is not None and c.flags.c_contiguous:
            start = c.__array_interface__["data"][0]
            while k < len(columns):
                d = columns[k]
                if not (
                    d is not None
                    and d.base is c.base
                    and d.dtype == c.dtype
                    and d.flags.c_contiguous
                    and d.__array_interface__["data"][0] == start + (k - j) * n * c.itemsize
                ):
                    break
                k += 1
        if k - j > 1:
            assert c is not None
            # k - j columns of one buffer (the same base), each n items after the last
            view = np.lib.stride_tricks.as_strided(
                c, shape=(n, k - j), strides=(c.itemsize, n * c.itemsize), writeable=False
            )
            runs.append((j, k, view))
        else:
            runs.append((j, k, c))
        j = k
    return runs


def _row_major(
    columns: Sequence[np.ndarray | None], n: int, block_bytes: int = 2 << 20
) -> tuple[np.ndarray, np.ndarray]:
    """The columns (None: all ones) as one C-contiguous float64 (n, p) array, and which
    columns are all finite.

    Filled block of rows by block, each block checked while it is in cache, by one worker per
    core: most of the time goes to the kernel supplying the fresh pages, and that too runs in
    parallel.
    """
    X = _empty_design(n, len(columns))
    if not columns:
        return X, np.ones(0, dtype=bool)
    threads = default_threads(n)
    step = _block_rows(n, len(columns), threads, block_bytes)
    runs = _runs(columns, n)

    def fill(lo: int, hi: int) -> np.ndarray:
        finite = np.ones(len(columns), dtype=bool)
        stage = _stage(min(step, hi - lo), len(columns))
        with np.errstate(over="ignore", invalid="ignore"):  # per thread: workers need their own
            for a in range(lo, hi, step):
                b = min(a + step, hi)
                block = stage[: b - a]
                for first, stop, source in runs:
                    if source is None:
                        block[:, first] = 1.0
                    elif source.ndim == 2:
                        block[:, first:stop] = source[a:b]
                    else:
                        # into the block's transposed view: np.stack(out=) does the same
                        # writes at several times the cost per column
                        block.T[first] = source[a:b]
                _check_block(block, finite)
                X[a:b] = block
        return finite

    bounds = np.linspace(0, n, threads + 1).astype(int)
    parts = run_split(lambda k: fill(bounds[k], bounds[k + 1]), threads)
    return X, np.logical_and.reduce(parts)


def column_subset(X: np.ndarray, cols: Sequence[int], block_bytes: int = 2 << 20) -> np.ndarray:
    """The columns ``cols`` of the C-contiguous design ``X`` as a new C-contiguous array.

    Block of rows by block, one worker per core, each run of consecutive columns one slice
    copy (``X[:, cols]`` writes its result transposed, and making that contiguous costs a
    second, transposing copy: 0.2 s at 1e6 x 20; ``np.take(out=)`` is slower still).
    """
    n = X.shape[0]
    index = np.asarray(cols, dtype=np.intp)
    out = _empty_design(n, len(index))
    if n == 0 or not len(index):
        return out
    breaks = np.flatnonzero(np.diff(index) != 1) + 1
    starts = np.concatenate([[0], breaks])
    stops = np.concatenate([breaks, [len(index)]])
    runs = [(int(a), int(b), int(index[a])) for a, b in zip(starts, stops, strict=True)]
    step = max(8, block_bytes // (8 * X.shape[1]))

    def fill(lo: int, hi: int) -> None:
        for a in range(lo, hi, step):
            b = min(a + step, hi)
            for first, last, source in runs:
                out[a:b, first:last] = X[a:b, source : source + last - first]

    threads = default_threads(n)
    bounds = np.linspace(0, n, threads + 1).astype(int)
    run_split(lambda k: fill(bounds[k], bounds[k + 1]), threads)
    return out


def _check_block(block: np.ndarray, finite: np.ndarray) -> None:
    """Mark in ``finite`` the columns of the filled rows ``block`` that hold inf or NaN: a
    finite column sum means finite values (inf and NaN propagate), and only a sum that is not
    (they, or an overflow) needs the element-wise test."""
    bad = ~np.isfinite(column_reduce(np.add, block))
    if bad.any():
        finite[bad] &= np.isfinite(block[:, bad]).all(axis=0)


def row_major_copy(
    X: np.ndarray, block_bytes: int = 2 << 20, *, ones_first: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """A new C-contiguous float64 copy of the numeric 2-D array ``X``, in any memory order
    (a Fortran-ordered one is what ``DataFrame.to_numpy`` gives), and which columns are all
    finite; with ``ones_first`` a column of ones (an intercept) comes before X's columns.

    One pass, as :func:`_row_major`: blocks of rows copied (and converted) into the design
    and their column sums tested while in cache, one worker per core. Most of the time goes
    to the kernel supplying the fresh pages. A Fortran-ordered block is transposed into a
    stage in cache first (see :func:`_stage`); an intermediate copy of the whole, as
    ``np.ascontiguousarray`` of a converted array would make, would cost a second pass.
    """
    n, p = X.shape
    first = int(ones_first)
    out = _empty_design(n, p + first)
    if p + first == 0 or n == 0:
        return out, np.ones(p + first, dtype=bool)
    threads = default_threads(n)
    step = _block_rows(n, p + first, threads, block_bytes)
    floats = X.dtype.kind == "f"  # integers and booleans are always finite
    # rows read in order need no stage: their copy streams into the fresh pages
    staged = not X.flags.c_contiguous

    def fill(lo: int, hi: int) -> np.ndarray:
        finite = np.ones(p + first, dtype=bool)
        stage = _stage(min(step, hi - lo), p + first) if staged else None
        with np.errstate(over="ignore", invalid="ignore"):  # per thread
            for a in range(lo, hi, step):
                b = min(a + step, hi)
                block = out[a:b] if stage is None else stage[: b - a]
                if first:
                    block[:, 0] = 1.0
                block[:, first:] = X[a:b]
                if floats:
                    _check_block(block, finite)
                if stage is not None:
                    out[a:b] = block
        return finite

    bounds = np.linspace(0, n, threads + 1).astype(int)
    parts = run_split(lambda k: fill(bounds[k], bounds[k + 1]), threads)
    return out, np.logical_and.reduce(parts)


def real_column(values: Any, name: object) -> np.ndarray:
    """The design column ``name`` (or columns) of ``values`` as float64, refused when it
    holds complex numbers (a term such as ``np.emath.sqrt(x)`` or ``I(x + 0j)``), as a data
    column of them is: numpy kept their real parts with a ComplexWarning of its own; or
    dates or time spans (``I(td)``), which it read as counts of microseconds."""
    column = np.asarray(values)
    if column.dtype.kind in "mM":
        what = "time spans" if column.dtype.kind == "m" else "dates"
        raise DataError(
            f"{'a design column' if name is None else f'design column {str(name)!r}'} holds "
            f"{what} ({column.dtype}), which numpy would read as counts of its unit; convert "
            "them to numbers in the formula, e.g. I(td.dt.total_seconds() / 3600) for hours "
            "or I(day.dt.year)"
        )
    if np.iscomplexobj(column):
        imaginary = np.flatnonzero(column.imag)
        shown = complex(column.ravel()[imaginary[0] if imaginary.size else 0])
        raise DataError(
            f"{'a design column' if name is None else f'design column {str(name)!r}'} holds "
            f"complex numbers (e.g. {shown}); a model's "
            "columns are real: take np.real(...) or np.abs(...) of the term in the formula"
        )
    return np.asarray(column, dtype=np.float64)


def sparse_row_major(
    A: sparse.sparray | sparse.spmatrix, block_bytes: int = 2 << 20, names: Sequence = ()
) -> tuple[np.ndarray, np.ndarray]:
    """The dense C-contiguous float64 (n, p) array of the sparse matrix ``A`` (of columns
    ``names``), and which columns are all finite.

    Block of rows by block, each written once (zeros and values together) by one worker per
    core, as :func:`row_major_copy`; a design of many dummies is thus filled at the cost of its
    zeros' pages, not of p dense columns transposed.
    """
    # a copy when A is not CSR: the caller's matrix is untouched; as float64, which the
    # design is (a formula of integer terms, I(name.str.len()), gave formulaic's int matrix)
    rows = sparse.csr_array(A)
    if np.iscomplexobj(rows.data):  # named where an imaginary part shows which column it is
        at = np.flatnonzero(rows.data.imag)
        column = int(rows.indices[at[0]]) if at.size and len(names) > rows.indices[at[0]] else -1
        real_column(rows.data, names[column] if column >= 0 else None)
    rows = rows.astype(np.float64)
    n, p = rows.shape
    out = _empty_design(n, p)
    finite = np.ones(p, dtype=bool)
    bad = ~np.isfinite(rows.data)
    if bad.any():
        finite[np.unique(rows.indices[bad])] = False
    if p == 0 or n == 0:
        return out, finite
    step = max(8, block_bytes // (8 * p))

    def fill(lo: int, hi: int) -> None:
        for a in range(lo, hi, step):
            b = min(a + step, hi)
            rows[a:b].toarray(out=out[a:b])

    threads = default_threads(n)
    bounds = np.linspace(0, n, threads + 1).astype(int)
    run_split(lambda k: fill(bounds[k], bounds[k + 1]), threads)
    return out, finite


def _check_finite(
    X: np.ndarray, names: tuple[str, ...], index: Any = None, weights: Any = None
) -> None:
    """Refuse a design with an infinite or NaN entry, naming its columns and, given the
    rows' ``index``, the first such row and its value (the message named the columns only,
    and a cell such as 1e400 is not found by searching the file for inf). ``weights``: the
    weights column's name and raw values, to say when every such row has weight 0."""
    bad = ~np.isfinite(X).all(axis=0)
    if bad.any():
        cols = [names[j] for j in np.flatnonzero(bad)]
        where = None
        if index is not None:
            j = int(np.flatnonzero(bad)[0])
            rows = ~np.isfinite(X[:, j])
            i = int(np.argmax(rows))
            where = (X[i, j], index[i], int(rows.sum()))
        raise nonfinite_refusal(cols, where, _zero_weight_rows(X, weights))


def nonfinite_refusal(cols: list[str], where: tuple | None = None, note: str = "") -> DataError:
    """The refusal of non-finite values in the design columns ``cols``; ``where``: the first
    column's first such value, its row's label and the count of such rows in that column."""
    shown, cause = "", "inf or NaN, e.g. from log of a non-positive number or an overflow"
    if where is not None:
        value, label, count = where
        # the label as Python writes it: 101, not np.int64(101) (an index after dropna())
        label = label.item() if isinstance(label, np.generic) else label
        shown = f" ({cols[0]!r} is {value} in the row with index {label!r}, "
        shown += f"{row_count(count)} in all)"
        # an overflow (x * 1e308) is no log of a negative number, which the example said
        cause = (
            "NaN, e.g. from log or sqrt of a negative number"
            if np.isnan(value)
            else "inf, e.g. from log of 0, or a result beyond floats' range, about 1.8e308"
        )
    return DataError(
        f"non-finite values ({cause}) in design "
        f"column(s) {', '.join(map(repr, cols))}{shown}; every predictor must be finite" + note
    )


def _zero_weight_rows(X: np.ndarray, weights: Any) -> str:
    """When every row with a non-finite entry has weight 0 (``np.log(w)`` with weights
    ``w``, say), what to do: such rows count no observation, yet were refused unexplained."""
    if weights is None:
        return ""
    name, values = weights
    try:  # the weights are checked later: here only numbers are read
        w = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        return ""
    rows = ~np.isfinite(X).all(axis=1)
    if len(w) != len(rows) or not (w[rows] == 0).all():
        return ""
    return zero_weight_note(name)


def zero_weight_note(name: str) -> str:
    """What to do when every row refused for a non-finite design value has weight 0."""
    return (
        f". Every one of those rows has {name!r} 0: rows of weight 0 count no observation, "
        f"but their values are read all the same; drop them first (data[data[{name!r}] > 0])"
    )
