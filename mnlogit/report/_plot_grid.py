"""The values a figure varies a numeric predictor over: a grid spanning its observed range
(of ``data=`` when given), of at most as many points as a figure can use, refused where a
B-spline of the formula has no basis rather than as values of a "newdata" never given; and
the values it holds the other predictors at, as its title writes them, and those it draws
or holds past the range of the fitted rows."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._checks import check_option, check_positive
from .._terms import bounded_splines
from ..exceptions import DataError
from ._format import level_text

if TYPE_CHECKING:
    from .._data import ModelData
    from ..results import MNLogitResults

__all__ = [
    "MAX_GRID_ROWS",
    "check_grid_domain",
    "check_held",
    "check_points",
    "checked_at",
    "grid",
    "held_text",
    "outside_data",
]

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
    for low, high, expr in _bounds(res, col.name) if given else ():
        if not low <= lo <= hi <= high:
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


def check_held(res: MNLogitResults, name: str, value: float, given: bool) -> None:
    """Refuse a numeric predictor held at ``value`` (set by ``at=`` when ``given``, else
    the mean of the rows read) outside the bounds of a B-spline of it, by what set it: it
    was refused as 100 values of a "newdata" never given."""
    for low, high, expr in _bounds(res, name):
        if not low <= value <= high:
            if given:
                what, fix = f"at: {name}={value!r}", "hold it within them"
            else:  # the fit's rows are inside: the mean of data='s
                what = f"data=: {name!r}, held at its mean there ({value:.6g}),"
                fix = f"hold it within them with at={{{name!r}: ...}}"
            raise DataError(
                f"{what} lies outside {low:.6g} to {high:.6g}, the bounds of {expr}, beyond "
                f"which its basis is not defined; {fix}, or refit with extrapolation='extend' "
                "in the spline's call, which continues its end polynomials beyond them"
            )


def _bounds(res: MNLogitResults, name: object) -> list[tuple[float, float, str]]:
    """(low, high, call) of every B-spline of the column ``name`` not told how to
    extrapolate: the values its basis is defined at."""
    spec = res._data.spec
    if spec is None:
        return []
    return [(lo, hi, expr) for column, lo, hi, expr in bounded_splines(spec) if column == name]


def check_grid_domain(data: ModelData, X: np.ndarray, varying: dict, given: bool) -> None:
    """Refuse a grid (the ``varying`` values, of ``data=`` when ``given``) that reaches
    values where a transform of the formula is not defined, in some of its rows: the values
    held are the same in every row, so the grid's range is at fault. It was refused as
    values set by ``at=`` ("at: holding ..."), which the caller may never have given."""
    bad = ~np.isfinite(X).all(axis=1)
    if not bad.any() or bad.all():
        return
    row = int(np.flatnonzero(bad)[0])
    col = int(np.flatnonzero(~np.isfinite(X[row]))[0])
    names = " and ".join(map(repr, varying))
    at = ", ".join(f"{k} = {np.asarray(v)[row]:.6g}" for k, v in varying.items())
    source = "data=" if given else "the fitted rows"
    fix = (
        "pass data= whose values lie inside its domain"
        if given
        else "pass data= with the values to draw, inside its domain"
    )
    raise DataError(
        f"the grid over {names}, which spans their range in {source}, reaches values where "
        f"design column {data.column_names[col]!r} is {X[row, col]} ({int(bad.sum())} of "
        f"{len(X)} grid points, e.g. at {at}): a transform in the formula is not defined "
        f"there (a log or square root of a value <= 0, say); {fix}"
    )


def checked_at(at: Any) -> dict:
    """A figure's ``at=``: a dict of predictor -> the value it is held at (a copy), refused
    as margins(at=) refuses another kind. A string, list or number ended in "dictionary
    update sequence element #0 has length 1", and a Series (a row, df.iloc[0]) in "The
    truth value of a Series is ambiguous"."""
    if at is None:
        return {}
    if not isinstance(at, dict):
        hint = ": a Series of values by name is at=s.to_dict()" if isinstance(at, pd.Series) else ""
        raise DataError(
            f"at: expected a dict of predictor -> the value it is held at, e.g. {{'age': 40}}; "
            f"got {type(at).__name__}{hint}"
        )
    return dict(at)


def held_text(held: dict[str, Any]) -> str:
    """The values a figure holds its other predictors at, as its title writes them."""

    def fmt(v: Any) -> str:
        if not isinstance(v, (float, np.floating)):
            return level_text(v)  # a held level ' a' is not 'a'
        v = float(v)
        if not 1 <= abs(v) < 1e15:
            return f"{v:.3g}"
        # three significant digits, and every digit before the point: ``.3g`` wrote a mean
        # year of 2015.3 as 2.02e+03, which reads as 2020
        whole = math.floor(math.log10(abs(v))) + 1
        return np.format_float_positional(v, precision=max(0, 3 - whole), unique=False, trim="-")

    return ", ".join(f"{k} = {fmt(v)}" for k, v in held.items())


def outside_data(
    res: MNLogitResults, drawn: dict[str, Any], held: dict[str, Any], factors: set[str]
) -> str:
    """What a figure's title says of the numeric values it draws (``drawn``, by column)
    and holds (those of ``held`` that are numbers, not levels of one of ``factors``) outside
    the range of the rows the fit learned from (those of positive weight), or "":
    margins() notes such values ("Extrapolated: ..."), and a figure over a ``data=`` range,
    or holding ``at=`` values, past the data showed them as any other. A fit that keeps no
    rows (a dask fit) has no range to check them against."""
    if not res._data.in_memory or res._data.frame is None:
        return ""
    frame = res._data.frame
    fitted = np.asarray(res._data.w) > 0
    parts: list[str] = []
    numbers = {
        k: v
        for k, v in held.items()
        if k not in factors
        and isinstance(v, (int, float, np.integer, np.floating))
        and not isinstance(v, bool)
    }
    for name, given in {**drawn, **numbers}.items():
        shown = np.asarray(given, dtype=np.float64).ravel()
        column = frame[name].to_numpy(np.float64)[fitted]
        lo, hi = float(column.min()), float(column.max())
        if ((shown < lo) | (shown > hi)).any():
            parts.append(f"{name} outside the data's {lo:.6g} to {hi:.6g}")
    return f"extrapolated: {', '.join(parts)}" if parts else ""
