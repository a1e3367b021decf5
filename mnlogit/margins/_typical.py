"""The level at which a typical row holds a factor: its most frequent level (by weighted
count), ties broken by the model's level order, the first level among them, as R's
``which.max(table(g))`` takes the first of a factor's levels. ``marginal_effects(at=
"typical")`` and ``plot_probabilities`` both hold factors there: with 100 rows each of a, b
and c and ``C(g, levels=["c", "b", "a"])``, the effects held g at "c" while the figure,
breaking the tie alphabetically, held it at "a"."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

__all__ = ["typical_level"]


def typical_level(col: pd.Series, weights: np.ndarray, order: Any) -> Any:
    """The most frequent value of ``col`` by total ``weights``, ties to the first in
    ``order`` (the model's levels); values the order does not hold come after it, in the
    column's categories' order or sorted."""
    values = col.to_numpy()
    totals = pd.Series(weights, index=col.index).groupby(values, observed=True, sort=False).sum()
    present = list(totals.index)
    ordered = [lv for lv in order if lv in totals.index]
    rest = [lv for lv in present if lv not in ordered]
    if isinstance(col.dtype, pd.CategoricalDtype):
        rest = [lv for lv in col.cat.categories if lv in rest]
    else:
        try:
            rest = sorted(rest)
        except TypeError:  # levels of several types: as they come
            pass
    return max(ordered + rest, key=lambda lv: totals[lv])  # max keeps the first of ties
