"""Non-finite design values of a dask fit's partitions (``np.exp(x)`` past the float range,
``np.log(x)`` of a zero), counted and located over every partition for the in-memory fit's
refusal: the first pass's sample of rows, renumbered, named a row by its place in the sample
and counted the sample's rows (row 6 and 2 rows in all, where row 37 was the only one); and
the rows of non-finite, negative or fractional weights, located the same way, and the first
weight of each such kind (the witnesses the in-memory check is run on)."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from ._checks import ROWS_SHOWN, named_rows, rounded_counts
from ._design_fill import nonfinite_refusal, zero_weight_note
from .exceptions import DataError


class Nonfinite(NamedTuple):
    """One or more partitions' non-finite design values, in partition order."""

    counts: np.ndarray  # (p,) rows with a non-finite value in each column
    first: dict[int, tuple[float, Any]]  # column -> its first such value and row label
    zero_weight: bool  # every such row has weight 0

    def __add__(self, other: Any) -> Nonfinite:  # type: ignore[override]
        return Nonfinite(
            self.counts + other.counts,
            {**other.first, **self.first},  # the earlier partition's row first
            self.zero_weight and other.zero_weight,
        )


def nonfinite_cells(X: np.ndarray, index: Any, w: np.ndarray) -> Nonfinite | None:
    """A partition's non-finite design values (None when every value is finite)."""
    finite = np.isfinite(X)
    if finite.all():
        return None
    bad = ~finite
    counts = bad.sum(axis=0)
    first = {}
    for j in np.flatnonzero(counts):
        i = int(np.argmax(bad[:, j]))
        first[int(j)] = (float(X[i, j]), index[i])
    return Nonfinite(counts, first, bool((w[bad.any(axis=1)] == 0).all()))


def add_nonfinite(a: Nonfinite | None, b: Nonfinite | None) -> Nonfinite | None:
    return a if b is None else b if a is None else a + b


def nonfinite_error(found: Nonfinite, names: tuple, weights: str | None) -> DataError:
    """The in-memory refusal, with the first column's first row and count over every row."""
    cols = np.flatnonzero(found.counts)
    j = int(cols[0])
    value, label = found.first[j]
    note = zero_weight_note(weights) if weights is not None and found.zero_weight else ""
    return nonfinite_refusal([names[c] for c in cols], (value, label, int(found.counts[j])), note)


class WeightRows(NamedTuple):
    """The rows of non-finite, of negative and of fractional weights over one or more
    partitions: each kind's count and first few labels, in partition order, which the refusal
    names as the in-memory fit's does (the witnesses alone named none: "got nan", not "got nan
    in row 2")."""

    nonfinite: tuple[int, tuple]
    negative: tuple[int, tuple]
    fractional: tuple[int, tuple] = (0, ())
    far: tuple[int, tuple] = (0, ())  # fractional, not by rounding alone (1.5, not 2.9999...)

    def __add__(self, other: Any) -> WeightRows:  # type: ignore[override]
        return WeightRows(
            *((a[0] + b[0], (a[1] + b[1])[:ROWS_SHOWN]) for a, b in zip(self, other, strict=True))
        )

    def located(self) -> dict[str, str]:
        return {
            kind: named_rows(labels, count)
            for kind, (count, labels) in self._asdict().items()
            if count
        }


def weight_rows(w: np.ndarray, index: Any) -> WeightRows:
    """A partition's :class:`WeightRows`; ``index``: its rows' labels."""
    with np.errstate(invalid="ignore"):
        fractional = np.isfinite(w) & (w != np.round(w))
        masks = (~np.isfinite(w), w < 0, fractional, fractional & ~rounded_counts(w))
    return WeightRows(*((int(m.sum()), tuple(index[m][:ROWS_SHOWN].tolist())) for m in masks))


def _first(values: np.ndarray, mask: np.ndarray) -> tuple:
    return (values[mask][0],) if mask.any() else ()


def weight_witnesses(w: np.ndarray) -> tuple:
    """The first offending weight of each kind and the largest weight, in that order.

    The in-memory check run on these few values raises exactly what it raises on all the
    weights: each of its tests looks for the first offender of a kind, or for any positive one.
    """
    finite = np.isfinite(w)
    with np.errstate(invalid="ignore"):
        fractional = w != np.round(w)
        out = (*_first(w, ~finite), *_first(w, w < 0), *_first(w, fractional))
        out = (*out, *_first(w, fractional & ~rounded_counts(w)))
    return (*out, w[finite].max()) if finite.any() else out
