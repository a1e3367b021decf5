"""A materialised design: what a model needs from a formula and a DataFrame, as
:func:`mnlogit.formula.build_design` returns it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["Design"]


@dataclass(frozen=True, eq=False)
class Design:
    """A materialised design: what the model needs from a formula and a DataFrame."""

    formula: str
    outcome_name: str
    y: pd.Series  # outcome values of the rows used, original dtype
    X: np.ndarray  # (n, p) C-contiguous float64
    column_names: tuple[str, ...]
    terms: dict[str, tuple[int, ...]]  # term label -> design-column indices, in formula order
    spec: Any  # formulaic's ModelSpec, or None
    row_index: pd.Index  # labels of the rows used in the user's DataFrame
    n_dropped: int = 0
    rows: np.ndarray | None = None  # positions of the rows used, when some were dropped
    extra: dict[str, np.ndarray] = field(default_factory=dict)  # weights/groups of the rows used
    frame: pd.DataFrame | None = None  # the used columns of the rows used (marginal effects)
    dropped_levels: tuple = ()  # outcome values of the rows dropped for missing values
    # stateful transforms that learned their state on fewer rows than R's model.frame would
    learned_on_used_rows: tuple[tuple[str, str], ...] = ()
    # categorical factors' categories that no row used holds: no dummy, named in the summary
    unused_categories: tuple[tuple[str, tuple], ...] = ()
