"""A fingerprint of which rows a dask fit's partitions put in which cluster, stratum or PSU.

The passes of a sandwich covariance are checked to read the rows the fit counted by their
count, weight and X'WY (:func:`mnlogit._dask_parts.check_same_rows`), none of which sees the
cluster, stratum or PSU codes: a column of identifiers drawn at random inside
``map_partitions`` gave a cluster covariance of another clustering than the fit counted G
of (and an identifier the first pass never saw was lumped with the others unseen).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from .exceptions import DataError

__all__ = ["same_units", "unit_print", "units_changed"]

_MIX = np.uint64(1_000_003)


def unit_print(part: Any) -> np.ndarray | None:
    """The sum (mod 2**64) over ``part``'s rows of a hash of each row's outcome, weight,
    design values and unit codes, as a (1,) uint64 array; None for a fit without units.

    Each row's codes are hashed with its values, so identifiers moved to other rows change
    it; the sum does not depend on the order of the rows or of the partitions."""
    units = [c for c in (part.g, part.s) if c is not None]
    if not units:
        return None
    h = np.zeros(len(part.y), np.uint64)
    for column in (part.y, part.w, *part.X.T, *units):
        h = (h * _MIX) ^ pd.util.hash_array(np.ascontiguousarray(column))
    return np.array([h.sum(dtype=np.uint64)])


def same_units(counted: np.ndarray | None, tally: np.ndarray | None) -> bool:
    """Whether a pass's :func:`unit_print` is the fit's (True where either has none)."""
    return counted is None or tally is None or bool(np.array_equal(counted, tally))


def units_changed(n_rows: int) -> DataError:
    """The refusal of a pass that read the fit's rows with other units."""
    return DataError(
        f"the data changed between passes over them: a pass read the rows the first counted "
        f"({n_rows}) with their clusters, strata or PSUs other than the first's; a dask "
        "DataFrame must give the same rows at every computation (a column of identifiers "
        "drawn at random does not): persist it (ddf.persist()) or fit a fixed copy"
    )
