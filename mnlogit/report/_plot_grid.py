"""The values a figure varies a numeric predictor over: a grid spanning its observed range
(of ``data=`` when given), of at most as many points as a figure can use, refused where a
B-spline of the formula has no basis rather than as values of a "newdata" never given."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._checks import check_option, check_positive
from .._terms import bounded_splines
from ..exceptions import DataError

if TYPE_CHECKING:
    from ..results import MNLogitResults

__all__ = ["MAX_GRID_ROWS", "check_points", "grid"]

# rows predicted for one figure: a million is more points than a figure has pixels, and
# n_points=10**9 built a grid of 8 GB (its square, for decision regions, of 8e9 GB)
MAX_GRID_ROWS = 1_000_000


def check_points(n_points: object, axes: int) -> int:
    """``n_points`` along each of ``axes`` axes, as an int: positive, and a grid of at most
    :data:`MAX_GRID_ROWS` rows."""
    n = int(check_positive("n_points", n_points, integer=True))
    if n**axes > MAX_GRID_ROWS:
        most = round(MAX_GRID_ROWS ** (1 / axes))
        grid_of = f"{n:,} points" if axes == 1 else f"{n:,} x {n:,} points"
        raise DataError(
            f"n_points={n_points!r} asks a grid of {grid_of}, past the "
            f"{MAX_GRID_ROWS:,} rows a figure predicts; give n_points={most:,} or fewer "
            "(a figure has fewer pixels than that)"
        )
    return n


def grid(
    res: MNLogitResults, col: pd.Series, n_points: int, scale: str, role: str, given: bool
) -> np.ndarray:
    """``n_points`` values spanning the range of ``col``, evenly on a linear or log scale
    (``role``'s ``scale``: ``"x"`` or ``"y"``). ``given``: the values are of ``data=``,
    whose range may pass the bounds of a B-spline of the column, which is then refused."""
    name = f"{role}scale"
    check_option(name, scale, ("linear", "log"))
    lo, hi = float(col.min()), float(col.max())
    if given and res._data.spec is not None:
        for column, low, high, expr in bounded_splines(res._data.spec):
            if column == col.name and not low <= lo <= hi <= high:
                raise DataError(
                    f"{role}={col.name!r}: data= has it from {lo:.6g} to {hi:.6g}, past "
                    f"[{low:.6g}, {high:.6g}], the bounds of {expr}, beyond which its basis "
                    f"is not defined; pass data= within them (data[data[{col.name!r}]"
                    f".between({low:.6g}, {high:.6g})]), or refit with extrapolation='extend' "
                    "in the spline's call, which continues its end polynomials beyond them"
                )
    if scale == "linear":
        return np.linspace(lo, hi, max(n_points, 2))
    if lo <= 0:
        raise DataError(f"{name}='log' needs positive values; {col.name!r} goes down to {lo:g}")
    return np.geomspace(lo, hi, max(n_points, 2))
