"""The sandwich's meat on the Dask workers, one partition at a time: the scores' outer
products (rows, clusters, or a design's PSUs) and a design's stratum sums, each coefficient's
scores multiplied by ``units`` (powers of two near its model-based standard error) so that
their squares neither underflow nor overflow (see :func:`mnlogit.covariance._sandwich`).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from . import _fisher
from ._dask_parts import _GROUP, Part
from ._fisher import row_scores, score_meat
from ._linalg import add_by_group
from .exceptions import NotInMemoryError

__all__ = [
    "_cross",
    "_group_sums",
    "_part_design_meat",
    "_part_meat",
    "_part_stratum_sums",
    "_refuse_projection",
]


def _project(units: np.ndarray | None) -> np.ndarray | None:
    """``units`` as the projection the in-memory sums take (a square one as it is)."""
    return None if units is None else units if units.ndim == 2 else np.diag(units)


def _projected(scores: np.ndarray, units: np.ndarray | None) -> np.ndarray:
    """``scores`` times ``units``: a unit per coefficient, or a square projection (the
    bread, as the rows in memory are projected: see :func:`mnlogit.covariance._sandwich`)."""
    if units is None:
        return scores
    return scores @ units if units.ndim == 2 else scores * units


def _part_meat(
    part: Part,
    B: np.ndarray,
    levels: tuple,
    ref: Any,
    names: tuple,
    units: np.ndarray | None = None,
) -> np.ndarray:
    k = B.size
    if len(part.y) == 0:
        return np.zeros((k, k))
    return score_meat(part.X, part.y, part.w, B, project=_project(units))


def _group_sums(
    part: Part, B: np.ndarray, chunk: int = 8192, units: np.ndarray | None = None
) -> pd.DataFrame:
    """Weighted score sums per cluster of one partition: a cluster column, then p(K-1) sums."""
    k = B.size
    g = part.g
    assert g is not None  # asked only of a fit with groups
    blocks = []
    for lo in range(0, len(part.y), chunk):
        sl = slice(lo, lo + chunk)
        scores = _projected(row_scores(part.X[sl], part.y[sl], B), units)
        blocks.append(pd.DataFrame(scores * part.w[sl, None]).groupby(g[sl], sort=False).sum())
    if not blocks:
        frame = pd.DataFrame(np.zeros((0, k)), index=pd.Index(g[:0]))
    else:
        frame = pd.concat(blocks).groupby(level=0, sort=False).sum()
    frame.columns = [f"s{j}" for j in range(k)]
    frame.index.name = _GROUP
    return frame.reset_index()


def _cross(frame: pd.DataFrame) -> np.ndarray:
    S = frame.to_numpy(np.float64)
    return S.T @ S


def _part_design_meat(
    part: Part, B: np.ndarray, scale: np.ndarray, units: np.ndarray | None = None
) -> np.ndarray | None:
    """Rows as PSUs: sum_i c_h w_i^2 g_i g_i' over the partition, stacked on its stratum sums."""
    if len(part.y) == 0 or part.s is None:
        return None
    cross, sums = _fisher.design_meat(
        part.X, part.y, part.w, B, part.s, None, scale, project=_project(units)
    )
    return np.vstack([cross, sums])


def _part_stratum_sums(
    part: Part, B: np.ndarray, n_strata: int, units: np.ndarray | None = None
) -> np.ndarray | None:
    """Weighted score sums by stratum (H, k) of one partition."""
    if len(part.y) == 0 or part.s is None:
        return None
    scores = _projected(row_scores(part.X, part.y, B), units)
    sums = np.zeros((n_strata, B.size))
    add_by_group(sums, part.s, scores * part.w[:, None])
    return sums


def _refuse_projection(project: np.ndarray | None) -> np.ndarray | None:
    """A square ``project`` (the scores projected on it, g_i' project: see
    :mod:`mnlogit._dask_meat`), as its diagonal when it is diagonal; None without one; any
    other (a block of the covariance) needs the rows."""
    if project is None:
        return None
    square = project.ndim == 2 and project.shape[0] == project.shape[1]
    if square and not np.count_nonzero(project - np.diag(np.diag(project))):
        return np.diag(project)
    if square:
        return project
    raise NotInMemoryError(
        "covariance blocks solved without the information matrix need the rows in memory; "
        "a dask fit computes its whole covariance"
    )
