"""How a dask fit's passes are computed: combined in a tree (:func:`_compute`) with the active
scheduler, and the passes of its covariance checked to read the rows the fit counted
(:func:`checked_compute`); a pass that cannot read the data (a file deleted, rewritten or
corrupted since the fit) is refused, naming the file where the error does."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import numpy as np

from . import _fisher
from ._dask_parts import Part, _add, _by_outcome, _Counted, _Tally, check_same_rows
from ._dask_units import unit_print
from ._parallel import requested_threads, single_threaded_blas
from .exceptions import DataError, MissingDependencyError, MNLogitError

try:
    import dask
except ImportError as exc:  # the optional extra is not installed (or only in part)
    raise MissingDependencyError(
        'fitting a dask DataFrame needs the optional extra "dask": pip install "mnlogit[dask]"'
    ) from exc

__all__ = [
    "SPLIT_EVERY",
    "_compute",
    "_tree",
    "checked_compute",
    "counted_passes",
    "passes_counted",
]

SPLIT_EVERY = 8  # fan-in of the tree reductions

# the passes computed in this context, when they are being counted (:func:`counted_passes`)
_PASSES: ContextVar[list[int] | None] = ContextVar("mnlogit_dask_passes", default=None)


@contextmanager
def counted_passes() -> Iterator[None]:
    """Count the passes :func:`_compute` makes inside (read with :func:`passes_counted`)."""
    token = _PASSES.set([0])
    try:
        yield
    finally:
        _PASSES.reset(token)


def passes_counted() -> int:
    """The passes over the data made so far inside :func:`counted_passes` (0 outside)."""
    count = _PASSES.get()
    return 0 if count is None else count[0]


def _tree(items: list[Any], combine: Callable[..., Any]) -> Any:
    """One delayed value combining ``items`` in a tree of fan-in SPLIT_EVERY (order kept)."""
    task = dask.delayed(combine, pure=True)
    while len(items) > 1:
        items = [task(*items[i : i + SPLIT_EVERY]) for i in range(0, len(items), SPLIT_EVERY)]
    return items[0]


def _compute(items: Sequence[Any], combine: Callable[..., Any], *also: Any) -> Any:
    """Compute the combined value of ``items`` with the active scheduler (and, in the same
    pass, the delayed values ``also``: then a tuple of all).

    BLAS is held to one thread meanwhile: with the default scheduler (or an in-process
    cluster) the tasks run on this process's threads, which are the parallelism; worker
    processes of a distributed cluster are started single-threaded by their nanny.
    """
    workers = requested_threads()  # a fit's threads=: the local schedulers' workers
    options = {} if workers is None else {"num_workers": workers}
    graphs = (_tree(list(items), combine), *also)
    count = _PASSES.get()
    if count is not None:
        count[0] += 1
    with single_threaded_blas():
        try:
            out = _run(graphs, options)
        except Exception as exc:
            refusal = _unreadable(exc)
            if refusal is None:
                raise
            raise refusal from exc
    return out if also else out[0]


def _run(graphs: tuple[Any, ...], options: dict[str, Any]) -> Any:
    try:
        return dask.compute(*graphs, **options)
    except RuntimeError as exc:
        # dask's threaded scheduler submits to a thread pool, and once the main thread
        # has returned pools take no more work: a fit in a thread the program left
        # running ended there. The tasks are pure; this thread runs them instead.
        if "interpreter shutdown" not in str(exc):
            raise
        return dask.compute(*graphs, scheduler="synchronous")
    except AssertionError as exc:
        # dask's processes scheduler starts worker processes, which a daemonic process (a
        # multiprocessing.Pool's worker) may not have: multiprocessing's bare assertion
        # ended the fit. The tasks are pure; this process's threads run them instead.
        if "daemonic processes" not in str(exc):
            raise
        return dask.compute(*graphs, scheduler="threads", **options)


_AGAIN = (
    "a dask fit reads its files again at every pass, also for the standard errors, tests and "
    "refits asked of it after the fit, so they must stay as they were: if they changed "
    "(deleted, rewritten, a column removed), make the DataFrame again from the files as they "
    "are and fit again (or persist it, ddf.persist(), before fitting, to read them once)"
)


def _unreadable(exc: Exception) -> DataError | None:
    """The refusal of a pass that could not read the data, or None for another error.

    A dask fit reads its files at every pass, and its refits and sandwiches after the fit:
    files deleted, truncated or rewritten without a column since then gave dask's, pyarrow's
    or pandas' bare error (FileNotFoundError, ArrowInvalid: Parquet magic bytes not found,
    KeyError: "['x'] not in index"), with no word of why the files were read again."""
    if isinstance(exc, MNLogitError):  # the partitions' own refusals, already worded
        return None
    if isinstance(exc, OSError) and exc.filename is not None:
        gone = "is gone" if isinstance(exc, FileNotFoundError) else "cannot be read"
        return DataError(
            f"a file the dask DataFrame reads {gone}: {exc.filename!r} ({exc.strerror}); {_AGAIN}"
        )
    if not _raised_reading(exc):
        return None
    if "Mismatched dtypes found in `pd.read_csv`" in str(exc):
        return _guessed_dtypes(exc)
    return DataError(
        f"dask could not read a partition of the data ({type(exc).__name__}: "
        f"{' '.join(str(exc).split())}); {_AGAIN}"
    )


def _guessed_dtypes(exc: Exception) -> DataError:
    """dask's read_csv guesses each column's dtype from the first bytes of the files, and a
    partition holding other values (an integer column's missing value, a word among numbers)
    fails. Its refusal said that the files had changed since the DataFrame was made, which
    made again from them fails the same way; pandas' read_csv of the whole file reads them."""
    text = " ".join(str(exc).split())
    found = re.search(r"dtype=\{[^}]*\}", text)
    fix = found[0] if found else "dtype={...}"
    columns = re.findall(r"\| (\S.*?) +\| (\S+) +\| (\S+) +\|", text)
    said = ", ".join(
        f"{name!r} read as {got} where {wanted} was guessed"
        for name, got, wanted in columns
        if (name, got, wanted) != ("Column", "Found", "Expected")
    )
    return DataError(
        "dask could not read a partition of the data: dd.read_csv guessed the columns' dtypes "
        f"from the start of the files, and a later partition holds other values"
        f"{f' ({said})' if said else ''}; make the DataFrame again with their dtypes given, "
        f"dd.read_csv(..., {fix}) (or assume_missing=True, when an integer column has missing "
        "values), and fit again"
    )


def _raised_reading(exc: Exception) -> bool:
    """Whether ``exc`` came from reading data: pyarrow's, raised in dask's readers, or by
    dask's check of a partition read against the DataFrame's metadata (a CSV file rewritten
    without a column: "The columns in the computed data do not match ...")."""
    pa = sys.modules.get("pyarrow")  # not loaded: no file was read through it
    if pa is not None and isinstance(exc, pa.ArrowException):
        return True
    tb = exc.__traceback__
    while tb is not None:
        module = str(tb.tb_frame.f_globals.get("__name__", ""))
        checks = module == "dask.dataframe.utils" and tb.tb_frame.f_code.co_name[:6] == "check_"
        if module.startswith("dask.dataframe.io") or checks:
            return True
        tb = tb.tb_next
    return False


def checked_compute(
    items: Sequence[Any], combine: Callable[..., Any], parts: Sequence[Any], tally: _Tally
) -> Any:
    """:func:`_compute`, with a check that ``parts`` gave the rows ``tally`` counted, in the
    same pass (:func:`~mnlogit._dask_parts.check_same_rows`, as the scoring passes check).

    The sums of a sandwich covariance are computed when its standard errors are first read:
    from files that had changed since the fit (or a graph drawing rows at random), they were
    the sums of other rows, and the standard errors silently those of no one data set."""
    rows = dask.delayed(_part_rows, pure=True)
    n_codes = tally.by_outcome.shape[1]
    value, counted = _compute(items, combine, _tree([rows(p, n_codes) for p in parts], _add))
    if counted is None:  # every partition empty: the tally counted none either
        counted = _Counted(_fisher.Stats(0.0, None, None), 0, 0.0, np.zeros_like(tally.by_outcome))
    check_same_rows(counted, tally)
    return value


def _part_rows(part: Part, n_codes: int) -> _Counted | None:
    if len(part.y) == 0:
        return None
    return _Counted(
        _fisher.Stats(0.0, None, None),
        len(part.y),
        float(part.w.sum()),
        _by_outcome(part.X, part.y, part.w, n_codes),
        unit_print(part),
    )
