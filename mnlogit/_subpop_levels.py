"""Factor levels that occur only outside a survey fit's subpopulation, named where a refusal
would otherwise leave them unexplained: new data at such a level was "not among the levels
seen in fitting", and a subpopulation holding one level of a factor was refused as "a factor
with one level", neither saying that the data hold the other levels outside it.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._terms import categorical_columns
from .exceptions import DataError, LevelError
from .formula import Design, build_design, design_for_new_data

__all__ = ["new_design", "subpopulation_design"]


def subpopulation_design(
    formula: str, data: pd.DataFrame, rows: pd.DataFrame, mask: np.ndarray | None, **options: Any
) -> tuple[Design, tuple]:
    """The design of the subpopulation's ``rows`` (``mask`` of ``data``; all rows when
    None), and its factors' levels found only outside it, as (column, values) pairs. A
    factor refused for one level in the subpopulation says which levels lie outside it."""
    try:
        design = build_design(formula, rows, **options)
    except DataError as exc:
        said = str(exc)
        if mask is None or "is a factor with" not in said:
            raise
        narrowed = [
            f"{name!r} also holds {_shown(outside)}, but only outside the subpopulation"
            for name in map(str, rows.columns)
            if name in data.columns
            for kept, outside in [_split(data[name], mask)]
            # the factor refused: its column named, with its one level (or none) in the rows
            if len(kept) < 2 <= len(kept) + len(outside)
            and name in said
            and (not kept or repr(kept[0]) in said)
        ]
        if not narrowed:
            raise
        raise DataError(f"{exc} (column {'; column '.join(narrowed)})") from None
    if mask is None or design.spec is None:
        return design, ()
    columns = categorical_columns(design.spec, rows.columns)
    found = ((c, _split(data[c], mask)[1]) for c in columns if c in data.columns)
    return design, tuple((c, values) for c, values in found if values)


def new_design(data: Any, newdata: Any) -> tuple[np.ndarray, pd.Index]:
    """The design of ``newdata`` for the fitted ``data`` (ModelData), a value refused as
    not seen in fitting named as one found only outside the subpopulation when it is."""
    try:
        return design_for_new_data(data.spec, newdata, data.raw_dtypes)
    except LevelError as exc:
        info = data.design
        said = str(exc)
        for column, values in getattr(info, "outside_levels", ()):
            seen = [v for v in values if f"column {column!r}" in said and repr(v) in said]
            if seen:
                raise LevelError(
                    f"{said}; {_shown(seen)} {'occurs' if len(seen) == 1 else 'occur'} only "
                    f"outside the subpopulation ({info.subpop}) the model was fitted for, "
                    "whose estimates describe that subpopulation alone"
                ) from None
        raise


def _split(column: pd.Series, mask: np.ndarray) -> tuple[list, list]:
    """The distinct values of ``column`` inside the subpopulation ``mask``, and those found
    only outside it."""
    try:
        inside = list(pd.unique(column[mask].dropna()))
        known = set(inside)
        outside = [v for v in pd.unique(column[~mask].dropna()) if v not in known]
    except TypeError:  # unhashable values: refused by the design itself
        return [], []
    # numpy's numbers as Python's, as refusals show them (3, not np.int64(3))
    return inside, [v.item() if isinstance(v, np.number) else v for v in outside]


def _shown(values: list) -> str:
    return ", ".join(map(repr, values[:5])) + (", ..." if len(values) > 5 else "")
