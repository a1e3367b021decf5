"""An outcome's levels after the rows dropped for missing values: an outcome they leave one
level refused saying so (its column has more), in memory and from a dask fit's scan, and a
Categorical's categories they took away dropped."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ._alike import level_said
from ._levels import drop_lost_categories
from ._shown_numbers import row_count
from .exceptions import DataError

__all__ = ["check_outcome_kept", "outcome_left_alone"]


def check_outcome_kept(
    outcome: str, columns: dict[str, pd.Series], read: dict[str, pd.Series], n_dropped: int
) -> None:
    """Refuse an outcome left with one level by the rows dropped for missing values, saying
    so: the refusal said only that the outcome has one level, which its column has not; a
    Categorical outcome left with two or more loses the categories they took away."""
    if not n_dropped:
        return
    incomplete = [c for c, col in read.items() if c != outcome and col.isna().any()]
    if columns[outcome].nunique(dropna=True) >= 2:
        columns[outcome] = drop_lost_categories(outcome, read, columns)
        return
    before = read[outcome].nunique(dropna=True)
    if before < 2:
        return  # the column's own refusal says it all
    # one level left: no complete row at all is refused before, by the rows' own check
    raise outcome_left_alone(
        outcome, before, columns[outcome].dropna().iloc[0], n_dropped, incomplete
    )


def outcome_left_alone(
    outcome: str, before: int, left: Any, n_dropped: int, incomplete: list[str]
) -> DataError:
    """The refusal of an outcome of ``before`` levels left with the one level ``left`` by the
    ``n_dropped`` rows dropped for missing values in the columns ``incomplete``."""
    words = f"the {row_count(n_dropped)} with missing values in {', '.join(map(repr, incomplete))}"
    err = DataError(
        f"outcome {outcome!r} has {before} levels, but only {level_said(left)} is left after "
        f"dropping {words}; a multinomial model needs at least two: fill in the missing "
        "values, or leave out the columns that miss them"
    )
    err.rows_dropped_said, err.rows_dropped_columns = words, tuple(incomplete)
    return err
