"""Factor levels that occur only outside a survey fit's subpopulation, named where a refusal
would otherwise leave them unexplained: new data at such a level was "not among the levels
seen in fitting", and a subpopulation holding one level of a factor was refused as "a factor
with one level", neither saying that the data hold the other levels outside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd

from ._alike import first_few
from ._design import Design
from ._levels import same_level
from ._new_data_design import design_for_new_data
from ._terms import categorical_columns
from .exceptions import DataError, LevelError, MNLogitError
from .formula import build_design

__all__ = [
    "named_reference",
    "new_design",
    "one_level_outside",
    "outside_named",
    "subpopulation_design",
]


def subpopulation_design(
    formula: str, data: pd.DataFrame, rows: pd.DataFrame, mask: np.ndarray | None, **options: Any
) -> tuple[Design, tuple]:
    """The design of the subpopulation's ``rows`` (``mask`` of ``data``; all rows when
    None), and its factors' levels found only outside it, as (column, values) pairs. A
    factor refused for one level in the subpopulation says which levels lie outside it."""
    try:
        design = build_design(formula, rows, **options)
    except (DataError, LevelError) as exc:
        if mask is None:
            raise
        names = [str(c) for c in rows.columns if c in data.columns]
        raise one_level_outside(exc, names, lambda name: _split(data[name], mask)) from None
    if mask is None or design.spec is None:
        return design, ()
    # the outcome's too, which a refusal of with_ref names
    columns = [*categorical_columns(design.spec, rows.columns), design.outcome_name]
    found = ((c, _split(data[c], mask)[1]) for c in columns if c in data.columns)
    return design, tuple((c, values) for c, values in found if values)


def one_level_outside(
    exc: MNLogitError, names: list[str], split: Callable[[str], tuple[list, list]]
) -> MNLogitError:
    """``exc``, a refusal of a factor with one level in a subpopulation, saying which other
    levels its column (among ``names``) holds outside it, or of a baseline
    (``C(g, Treatment('H'))``) that only rows outside it have, saying so; ``split(name)``:
    the column's values inside the subpopulation, and those found only outside. Any other
    error as it is."""
    said = str(exc)
    if isinstance(exc, LevelError):
        return _baseline_outside(exc, names, split)
    if "is a factor with" not in said:
        return exc
    narrowed = [
        f"{name!r} also holds {_shown(_sorted(outside))}, but only outside the subpopulation"
        for name in names
        if name in said
        for kept, outside in [split(name)]
        # the factor refused: its column named, with its one level (or none) in the rows
        if len(kept) < 2 <= len(kept) + len(outside) and (not kept or _shown(kept[:1]) in said)
    ]
    return DataError(f"{exc} (column {'; column '.join(narrowed)})") if narrowed else exc


def _baseline_outside(
    exc: LevelError, names: list[str], split: Callable[[str], tuple[list, list]]
) -> LevelError:
    """``exc``, the refusal of a Treatment baseline that is no level of its column in the
    rows used, saying that only rows outside the subpopulation have it when they do."""
    said = str(exc)
    for name in names:
        if f"which is no level of {name!r} in the rows used" not in said:
            continue
        base = [v for v in split(name)[1] if f"names {_shown([v])}, which" in said]
        if base:
            return LevelError(
                f"{said}; {_shown(base)} occurs only outside the subpopulation, whose fit "
                "cannot be against it: name one of those levels as the baseline"
            )
    return exc


def named_reference(data: Any, level: Any) -> Any:
    """The outcome level that ``level`` names for ``with_ref`` of model ``data`` (ModelData),
    one found only outside the fit's subpopulation refused saying so: the refusal said
    only that it is not a level, though the data's outcome has it."""
    try:
        return data.coding.named(level, "with_ref", data.outcome_name)
    except LevelError as exc:
        outside = dict(getattr(data.design, "outside_levels", ())).get(data.outcome_name, ())
        if not any(same_level(v, level) for v in outside):
            # as ref= says of it: a Categorical outcome's category that no row used has
            dtype = None if data.raw_dtypes is None else data.raw_dtypes.get(data.outcome_name)
            categories = dtype.categories if isinstance(dtype, pd.CategoricalDtype) else ()
            if any(same_level(c, level) for c in categories):
                raise LevelError(
                    f"{exc} ({level!r} is a category of the outcome, but no row used has it)"
                ) from None
            raise
        raise LevelError(
            f"{exc} ({level!r} is the outcome only of rows outside the subpopulation "
            f"({data.design.subpop}) the model was fitted for, which are no part of its "
            "estimates: choose one of its levels as the reference)"
        ) from None


@contextmanager
def outside_named(data: Any, constraints: Any) -> Iterator[None]:
    """Within the block, a refusal of Wald ``constraints`` of model ``data`` (ModelData)
    that name an outcome level (``'hi:meals'``) or a factor's level (``'C(stype)[T.H]'``)
    found only outside the fit's subpopulation says so: it was "cannot read 'hi:meals'",
    though the data's outcome has 'hi'."""
    try:
        yield
    except MNLogitError as exc:
        outside = dict(getattr(data.design, "outside_levels", ()))
        if isinstance(constraints, list) and not all(isinstance(c, str) for c in constraints):
            raise  # refused for what the list holds, not for a level it names
        text = " ".join(constraints) if isinstance(constraints, list) else str(constraints)
        found = [
            f"outcome {_shown([v])} has no equation in it"
            if name == data.outcome_name
            else f"{name!r} has no coefficient for {_shown([v])}"
            for name, values in outside.items()
            for v in values
            if re.search(
                rf"(?<![\w`]){re.escape(str(v))}\s*:"
                if name == data.outcome_name
                else rf"{re.escape(str(name))}.*\[(?:T\.)?{re.escape(str(v))}\]",
                text,
            )
        ]
        if not found:
            raise
        err = type(exc)(
            f"{exc} (the fit is of the subpopulation ({data.design.subpop}), and the "
            f"level(s) named occur only outside it: {'; '.join(found)})"
        )
        err.__dict__.update(exc.__dict__)
        raise err from None


def new_design(data: Any, newdata: Any) -> tuple[np.ndarray, pd.Index]:
    """The design of ``newdata`` for the fitted ``data`` (ModelData), a value refused as
    not seen in fitting named as one found only outside the subpopulation when it is."""
    try:
        return design_for_new_data(data.spec, newdata, data.raw_dtypes)
    except LevelError as exc:
        info = data.design
        said = str(exc)
        for column, values in getattr(info, "outside_levels", ()):
            seen = [v for v in values if f"column {column!r}" in said and _shown([v]) in said]
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
    return inside, outside


def _shown(values: list) -> str:
    """Values as refusals show them: numpy's numbers as Python's (3, not np.int64(3))."""
    # one past the five shown, so that first_few knows there are more
    return first_few([v.item() if isinstance(v, np.number) else v for v in values[:6]], 5)


def _sorted(values: list) -> list:
    """Values in order, whichever partition showed them first; as found if they cannot be
    ordered (levels of several types)."""
    try:
        return sorted(values)
    except TypeError:
        return values
