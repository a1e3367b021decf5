"""The separation screen read from the sums a model keeps of its rows, without the exact check.

A design column of one sign that is 0 on every row of some outcome separates for sure (see
:func:`mnlogit._sums.empty_cells`); X'WY, each column's weighted total over each outcome's
rows, shows where. In memory such a cell only sends the fit to the exact check
(:func:`mnlogit.separation.detect`), which judges; for rows held elsewhere (a dask fit) it is
what :func:`screened` reports.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ._data import ModelData
from .separation import Separation

__all__ = ["screened"]


def screened(data: ModelData) -> Separation | None:
    """The separation that :meth:`~mnlogit._data.ModelData.empty_cells` shows (a column of
    one sign that is 0 on every row of some outcome), without the exact check: for data not
    in memory (a dask fit), where :func:`~mnlogit.separation.detect` cannot run. None when
    it shows none.

    The direction is one along which the likelihood never falls: for a column of sign s, -s
    in the equation of each outcome whose rows all have it 0, and, when the reference's rows
    all have it 0, 2s in every equation besides (so that the two never cancel). Each cell's
    part satisfies every inequality of :func:`~mnlogit.separation.detect`, so their sum does.
    """
    signs = data.empty_cells()
    if not signs.any():
        return None
    q = data.q
    on_ref = signs[:, q : q + 1].astype(np.float64)
    D = 2.0 * on_ref - signs[:, :q]
    D = D / np.abs(D).max()
    nonzero = D != 0
    level_of = data.coding.core_to_level  # core code -> position in levels
    cells = sorted((int(a), int(level_of[k])) for a, k in zip(*np.nonzero(signs), strict=True))
    equations = data.equations
    return Separation(
        kind="screened",
        outcomes=tuple(eq for j, eq in enumerate(equations) if nonzero[:, j].any()),
        terms=tuple(name for a, name in enumerate(data.column_names) if nonzero[a].any()),
        rows=(),
        direction=pd.DataFrame(
            D,
            index=pd.Index(data.column_names, name="term"),
            columns=pd.Index(equations, name="outcome"),
        ),
        ref=data.ref,
        empty=tuple((data.column_names[a], data.levels[i]) for a, i in cells),
    )
