"""Refusals raised on the workers while a dask fit encodes a partition: values that the
encoding learned from every partition in the first pass does not know (a partition holding a
column in another dtype than the others, or data that changed between passes)."""

from __future__ import annotations

from typing import Any

from .exceptions import DataError, MNLogitError


def unlearned_values(err: MNLogitError) -> MNLogitError:
    """A partition that the encoding learned from every partition refuses, said of the data,
    not of new data the user never gave: its partitions hold a column in different types
    (booleans where the others hold 0 and 1, which the first pass stacked as numbers)."""
    said = str(err)
    if not said.startswith("newdata: "):
        return err
    return type(err)(
        f"data: {said.removeprefix('newdata: ')}; a partition holds them where the encoding "
        "learned from every partition when the fit started does not: its partitions hold a "
        "column in different types (e.g. booleans in one, 0 and 1 in others), or the data "
        "changed between passes over them: give every partition one dtype first (e.g. "
        ".astype(int) on the column), and persist the DataFrame (ddf.persist()) or fit a "
        "fixed copy"
    )


def unlearned_outcome(outcome: str, levels: tuple, value: Any, dtype: Any) -> DataError:
    """An outcome value of a partition that is not among the levels the first pass learned."""
    said = (
        f"outcome {outcome!r}: value {value!r} is in a partition but was not among the "
        f"levels learned when the fit started ({', '.join(map(repr, levels))}); "
    )
    # True is 1 to Python but not to pandas' lookup: a partition of booleans beside one of
    # integers, which the levels' sample merged, is not data that changed
    alike = [level for level in levels if type(level) is not type(value) and level == value]
    if alike:
        return DataError(
            f"{said}its partitions hold the column in different types (dtype {dtype} here, "
            f"with {value!r} for the level {alike[0]!r}): give every partition one dtype "
            f"first, e.g. ddf[{outcome!r}].astype(int)"
        )
    return DataError(
        f"{said}the data changed between passes over them: persist the DataFrame "
        f"(ddf.persist()) or fit a fixed copy"
    )
