"""dX/dx: the design differentiated with respect to a raw variable.

The derivative comes from re-encoding the data with the stored formulaic ModelSpec at nearby
values (Richardson-extrapolated differences), so every transform or interaction formulaic can
encode is differentiated alike; steps that straddle a jump or a kink of the design are found
and shortened, a jump or a vertical tangent at the value refused, a kink at it given the mean
of its slopes; at the edge of a transform's domain (``np.sqrt(c)`` at 0) the steps look into
it.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .._data import ModelData
from .._terms import plain_column
from ..exceptions import DataError, LevelError
from ._delta import check_bounded
from ._variables import Variable, design, set_column, transform_bounds

__all__ = ["STEP", "NoSlopeError", "design_derivative"]


class NoSlopeError(DataError):
    """A variable whose design has no slope: a step makes categories the fit has none of, or
    at some rows it jumps (``C(k > 4)`` at k = 4) or rises vertically. ``left_out``: what a
    table of every variable says in leaving it out ("" for the categories)."""

    def __init__(self, message: str, left_out: str = "") -> None:
        super().__init__(message)
        self.left_out = left_out


STEP = 1e-3  # relative step of the differences: O(STEP^4) (central) or O(STEP^3) after Richardson


def design_derivative(
    data: ModelData,
    frame: pd.DataFrame | None,
    var: Variable,
    n_rows: int,
    B: np.ndarray,
    X: np.ndarray | None = None,
) -> tuple[np.ndarray, str]:
    """dX/dx at each of the ``n_rows`` rows of ``frame``, and a note naming the rows where
    the design has a kink at x (``""`` where there is none). ``X``, the design of those rows
    when the caller has it, spares encoding it again. ``B``, the coefficients the effects
    are taken with, bounds the derivatives the delta method's sums hold (see
    :func:`_check_bounded`).

    Central differences, except where a step would leave the range a stateful transform was
    fitted on: there the three-point one-sided formula looks inward.
    """
    column = var.column if var.column is not None else plain_column(data.spec, var.name)
    if column is not None:  # the variable is one design column and nothing else: exactly 1
        D = np.zeros((n_rows, data.p))
        D[:, column] = 1.0
        return D, ""
    assert frame is not None and data.frame is not None  # a variable of the formula
    x = frame[var.name].to_numpy(np.float64)
    s = _spread(data.frame[var.name].to_numpy(np.float64))
    s = s if s > 0 else max(float(np.abs(x).max()), 1.0)
    h = STEP * np.clip(np.abs(x), 1e-3 * s, s)
    side = np.zeros(len(x))  # 0 central, +1 forward, -1 backward
    bounds = transform_bounds(data).get(var.name)
    if bounds is not None:
        lo, hi = bounds[0], bounds[1]
        side[x + h > hi] = -1.0
        side[x - h < lo] = 1.0
    try:
        X0 = design(data, frame) if X is None else X
        D, kinks = _derivative(data, frame, var, x, h, s, side, X0)
        check_bounded(var.name, D, B, data.w, data.X)
    except LevelError as exc:
        # C(k % 3) at k = 1.001: a category the fit never saw (formulaic's message lists them)
        raise NoSlopeError(
            f"the design has no derivative with respect to {var.name!r}: near the values "
            f"given, it yields categories the fit has no coefficients for ({exc}); a variable "
            "that enters the formula through categories has no slope. Take the effects of "
            f"other variables (variables=[...]), or compare values with "
            f"margins(at={{{var.name!r}: [a, b]}}).contrast({var.name!r})"
        ) from None
    return D, _kink_note(data, var.name, x, kinks)


def _far(
    data: ModelData,
    frame: pd.DataFrame,
    name: str,
    x: np.ndarray,
    h: np.ndarray,
    s: float,
    central: np.ndarray,
    D: np.ndarray,
    X0: np.ndarray,
) -> None:
    """Far beyond the data, the derivative again at a step on the distance from the data
    (``D`` changed in place), kept where the step on the data's scale ``h`` is below what
    the design's values resolve: log(x) and polynomials change over that distance, and
    steps of 1e-3 s at x = 1e10 left 5 digits of the slope of log(x), at x = 1e20 rounded
    x + h to x (its effects refused as infinite slopes). Kept only where it agrees with the
    short step's quotient to that one's rounding (or that one has none): np.sin(x) or
    np.exp(-x) change on their own scale wherever x is, and a long step misses it."""
    wide = STEP * np.minimum(np.abs(x), _beyond(x, data.frame[name].to_numpy(np.float64)))
    far = central & (wide > np.maximum(h, STEP * s))
    bounds = transform_bounds(data).get(name)
    if bounds is not None:  # central steps that stay inside a stateful transform's range
        far &= (x - wide >= bounds[0]) & (x + wide <= bounds[1])
    rows = np.flatnonzero(far)
    if not len(rows):
        return
    D_wide = _richardson(data, frame.iloc[rows], name, x[rows], wide[rows], 0.0, X0[rows])[0]
    short = D[rows]
    size = np.abs(X0[rows])
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        # the short quotient's rounding, beside the slope's natural size |X| / |x|
        rounding = np.finfo(float).eps * size / h[rows][:, None]
        natural = np.maximum(np.abs(short), size / np.abs(x[rows])[:, None])
        coarse = ((short != 0) & (rounding > 1e-8 * natural)).any(axis=1)
        agree = (np.abs(D_wide - short) <= 100.0 * rounding + 1e-8 * natural).all(axis=1)
    unresolved = ~np.isfinite(short).all(axis=1)
    better = np.isfinite(D_wide).all(axis=1) & (unresolved | (coarse & agree))
    D[rows[better]] = D_wide[better]


def _beyond(x: np.ndarray, observed: np.ndarray) -> np.ndarray:
    """How far each of ``x`` lies outside the range of the ``observed`` values (0 inside)."""
    finite = observed[np.isfinite(observed)]
    if not len(finite):
        return np.zeros(len(x))
    with np.errstate(over="ignore"):  # -1e308 beside 1e308 is -inf: far, as it is
        return np.maximum(np.maximum(finite.min() - x, x - finite.max()), 0.0)


def _spread(values: np.ndarray) -> float:
    """The standard deviation of ``values``, taken over their largest size first: that of
    values of 1e300 overflowed in their squares (inf, and a numpy RuntimeWarning)."""
    top = float(np.abs(values).max()) if len(values) else 0.0
    if not (np.isfinite(top) and top > 0):
        return float(np.std(values)) if np.isfinite(top) else float("nan")
    return float(np.std(values / top)) * top


def _derivative(
    data: ModelData,
    frame: pd.DataFrame,
    var: Variable,
    x: np.ndarray,
    h: np.ndarray,
    s: float,
    side: np.ndarray,
    X0: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """:func:`design_derivative` at the steps ``h`` and sides chosen, and the kinks at x."""
    central = side == 0  # before a step that rounds away makes a row one-sided (NaN)
    try:
        D, err, jumps, kinks = _differences(data, frame, var.name, x, h, side, X0)
    except DataError:
        # a B-spline of an expression (bs(x1 - x2)) is bounded where no column is, so which
        # rows sit at its bounds is not known from x's range: their steps left it, and the
        # effects were refused as values asked beyond the bounds
        side = _encodable_sides(data, frame, var.name, x, h, side)
        D, err, jumps, kinks = _differences(data, frame, var.name, x, h, side, X0)
    D, err, jumps, kinks = _domain_edges(
        data, frame, var.name, (D, err, jumps, kinks), x, h, s, side, X0
    )
    _nearer(data, frame, var.name, (D, err, jumps, kinks), x, h, side, X0)
    if jumps.any():
        _refuse_jumps(data, var.name, x, jumps)
    if (kinks == STEEP).any():
        _refuse_steep(data, var.name, x, kinks == STEEP)
    # Near 0 a step on the variable's scale is too coarse for log(x) and the like, while a step
    # relative to |x| is too fine for shifts such as center(x): try both, keep the better.
    small = np.flatnonzero((np.abs(x) < 1e-3 * s) & (x != 0) & (side == 0))
    if len(small):
        D_rel, err_rel, _, _ = _richardson(
            data, frame.iloc[small], var.name, x[small], STEP * np.abs(x[small]), 0.0, X0[small]
        )
        # also where the coarse step left the domain (NaN); never a relative step that
        # rounded to 0 (x = 5e-324: 1e-3 |x| is no double), whose 0 / 0 refused the effects
        # of np.exp(x) there as a derivative past the float range
        better = np.isfinite(err_rel) & ~(err[small] <= err_rel)
        D[small[better]] = D_rel[better]
    _far(data, frame, var.name, x, h, s, central, D, X0)
    return D, kinks


def _domain_edges(
    data: ModelData,
    frame: pd.DataFrame,
    name: str,
    found: tuple[np.ndarray, ...],
    x: np.ndarray,
    h: np.ndarray,
    s: float,
    side: np.ndarray,
    X0: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """The differences again, each row on its side (``side`` changed in place), where a
    central step leaves a transform's domain on one side: ``np.sqrt(c)`` at c = 0, a count's
    most common value, was NaN there and its effects refused as "past the float range",
    with the advice to rescale the variable, which leaves 0 where it is. One-sided, its
    infinite slope is found and refused as such, and ``I(c * np.sqrt(c))`` has its slope
    of 0. Rows close enough to 0 for a step relative to x (see :func:`_derivative`) are left
    to it; a row no side encodes is refused."""
    D = found[0]
    near_zero = (np.abs(x) < 1e-3 * s) & (x != 0)
    rows = np.flatnonzero((side == 0) & np.isnan(D).any(axis=1) & ~near_zero)
    if not len(rows):
        return found
    for direction in (1.0, -1.0):
        defined = _defined(data, frame, name, x, direction * h, rows)
        side[rows[defined]] = direction
        rows = rows[~defined]
        if not len(rows):
            break
    if len(rows):
        marked = np.zeros(D.shape, dtype=bool)
        marked[rows] = np.isnan(D[rows])
        _refuse_no_slope(
            data,
            name,
            x,
            marked,
            "has no value (NaN) a step away on either side",
            "the transform is defined at that value but not around it, so it has no slope there",
        )
    return _differences(data, frame, name, x, h, side, X0)


def _defined(
    data: ModelData,
    frame: pd.DataFrame,
    name: str,
    x: np.ndarray,
    step: np.ndarray,
    rows: np.ndarray,
) -> np.ndarray:
    """Whether the design of each of ``rows`` is finite at x + step and x + 2 step (a
    B-spline's bounds, which refuse the encoding, taken row by row)."""
    values = np.concatenate([x[rows] + k * step[rows] for k in (1.0, 2.0)])
    try:
        stepped = design(data, set_column(frame.iloc[np.tile(rows, 2)], name, values))
    except DataError:
        if len(rows) == 1:
            return np.zeros(1, dtype=bool)
        return np.concatenate(
            [_defined(data, frame, name, x, step, rows[[i]]) for i in range(len(rows))]
        )
    return np.isfinite(stepped).reshape(2, len(rows), -1).all(axis=(0, 2))


def _kink_note(data: ModelData, name: str, x: np.ndarray, kinks: np.ndarray) -> str:
    """What the effects of ``name`` are at the rows where the design has a kink at x, or
    ``""``: no derivative exists there, and the symmetric difference is the mean of the
    slopes on either side (np.maximum(x, 5) at x = 5: half the slope above 5), which a
    table of effects gave with nothing said."""
    rows = np.flatnonzero(kinks.any(axis=1))
    if not len(rows):
        return ""
    col = int(np.flatnonzero(kinks[rows[0]])[0])
    return (
        f"{name} sits at a kink of {data.column_names[col]!r} in {len(rows)} row(s) (e.g. "
        f"{name} = {x[rows[0]]:.6g}), where the design has no derivative: the slopes on "
        "either side differ, and the effect there is their mean."
    )


def _differences(
    data: ModelData,
    frame: pd.DataFrame,
    name: str,
    x: np.ndarray,
    h: np.ndarray,
    side: np.ndarray,
    X0: np.ndarray,
) -> tuple[np.ndarray, ...]:
    """:func:`_richardson` of every row on its side: dX/dx, its error estimate, the jumps, the
    kinks at x."""
    D = np.empty((len(x), data.p))
    err = np.empty(len(x))
    jumps = np.zeros(D.shape, dtype=bool)
    kinks = np.zeros(D.shape, dtype=np.int8)  # KINK or STEEP where the design has one at x
    for direction in (0.0, 1.0, -1.0):
        rows = np.flatnonzero(side == direction)
        if len(rows):
            D[rows], err[rows], jumps[rows], kinks[rows] = _richardson(
                data, frame.iloc[rows], name, x[rows], h[rows], direction, X0[rows]
            )
    return D, err, jumps, kinks


def _encodable_sides(
    data: ModelData, frame: pd.DataFrame, name: str, x: np.ndarray, h: np.ndarray, side: np.ndarray
) -> np.ndarray:
    """``side`` with every row turned to a side whose steps (x +- h, or x + h, x + 2h one way)
    the design encodes: a B-spline is not defined beyond its bounds. The rows whose steps
    fail are found by halving the sets of rows that fail; a row no side takes is refused,
    with the encoding's reason."""

    reasons: list[str] = []  # why the last encoding failed

    def encodes(rows: np.ndarray, direction: float) -> bool:
        steps = (1.0, -1.0) if direction == 0.0 else (direction, 2.0 * direction)
        both = frame.iloc[np.tile(rows, 2)]  # both steps in one encoding
        try:
            design(
                data, set_column(both, name, np.concatenate([x[rows] + k * h[rows] for k in steps]))
            )
        except DataError as exc:
            reasons[:] = [str(exc).removeprefix("newdata: ")]
            return False
        return True

    def failing(rows: np.ndarray, direction: float) -> np.ndarray:
        if not len(rows) or encodes(rows, direction):
            return rows[:0]
        if len(rows) == 1:
            return rows
        half = len(rows) // 2
        return np.concatenate([failing(rows[:half], direction), failing(rows[half:], direction)])

    side = side.copy()
    stuck = np.concatenate([failing(np.flatnonzero(side == d), d) for d in (0.0, 1.0, -1.0)])
    for direction in (-1.0, 1.0):
        side[stuck] = direction
        stuck = failing(stuck, direction)
    if len(stuck):
        i = stuck[0]
        raise DataError(
            f"the design cannot be differentiated with respect to {name!r} at {len(stuck)} "
            f"row(s) (e.g. {name} = {x[i]:.6g}): a step of {h[i]:.3g} to either side cannot "
            f"be encoded ({reasons[-1]})"
        )
    return side


# Shorter steps tried where the steps straddle a jump or a kink: each 1/16 of the last, down
# to 1/16**4 (a step of about 1e-7 |x|, where rounding leaves some 1e-9 of the derivative).
# A row is retried when its two differences disagree by more than ROUGH of the derivative:
# across a kink in the design they disagree by about the kink's share of the step, where
# the design is smooth by its curvature over the step, some (1e-3)^2 of the derivative (a
# kink in a higher derivative, a quadratic spline's knot, looks alike and is left as it is).
SHORTER, TRIES, ROUGH = 1.0 / 16.0, 4, 1e-4
# The kinks of :func:`_richardson`, by kind: the slopes on either side differ (KINK), or the
# quotient on one side grows as its step shrinks (STEEP: a vertical tangent on that side,
# np.sqrt(np.maximum(x, 0)) at 0), where no slope exists to take a mean of. A finite
# one-sided quotient changes by about its curvature times the step, some 1e-4 of the slopes
# (the rows' kinks are retaken with steps down to 1/16**4 of it first); at a vertical side
# by a fixed share of itself (2**(1 - a) for x**a).
KINK, STEEP, STEEP_SHARE = 1, 2, 0.01
# A jump doubles the central quotient when the step halves, less the share of the slope
# beside it; a vertical tangent multiplies it by 2**(1 - a) <= 2**(2/3) ~ 1.59 for x**a.
# Between the two is read as vertical; a jump read so is retaken at shorter steps, where
# the slope's share shrinks and it doubles again.
# Where the design is smooth d(h / 2) and d(h) differ by its third derivative times h**2,
# some 1e-6 of the slope; a quotient grown by STEEP_GROWTH of itself when the step halved
# (x**a for a < 0.93) is a vertical tangent's.
VERTICAL_RATIO, STEEP_GROWTH = 1.8, 0.05
# How many times the rounding of the design values a derivative must exceed to be one, that
# of each value taken as one unit in its last place (twice a correctly rounded value's).
FLOOR = 1.0


def _nearer(
    data: ModelData,
    frame: pd.DataFrame,
    name: str,
    found: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    x: np.ndarray,
    h: np.ndarray,
    side: np.ndarray,
    X0: np.ndarray,
) -> None:
    """Retake, in place in ``found`` (dX/dx, its error, the jumps, the kinks), the rows
    whose steps straddle a jump or a kink of the design near x but not at it, with steps
    short enough to leave it out: the derivative exists there.

    Across a kink the difference quotients blend the slopes on either side: beside the kink
    of ``np.maximum(x - 5, 0)`` at x = 5.001 dX/dx was 0.73, not 1, without a word, and a
    V-shaped kink (``np.abs(x - 5)``, a linear spline's hat beside a knot) changes the design
    by as much across the longer step as across the shorter one, as a jump does, and the
    effects of x were refused as those of a step. A shorter step's estimate is kept where
    its error estimate is smaller (or the longer one jumped); a jump at x itself is found at
    every step, and a kink at x keeps its symmetric difference (the mean of the slopes on
    either side), which the tables' notes name.
    """
    D, err, jumps, kinks = found
    step = h.copy()
    done = np.zeros(len(x), dtype=bool)
    for _ in range(TRIES):
        with np.errstate(invalid="ignore"):
            rough = err > ROUGH * np.abs(D).max(axis=1)
        rows = np.flatnonzero(~done & (jumps.any(axis=1) | kinks.any(axis=1) | rough))
        if not len(rows):
            return
        step[rows] *= SHORTER
        D_new, err_new, jumps_new, kinks_new = _differences(
            data, frame.iloc[rows], name, x[rows], step[rows], side[rows], X0[rows]
        )
        with np.errstate(invalid="ignore"):
            # a kink near x but not at it is left out by a short enough step
            left = kinks[rows].any(axis=1) & ~kinks_new.any(axis=1)
            take = jumps[rows].any(axis=1) | left
            take |= ~jumps_new.any(axis=1) & (err_new < err[rows])
        done[rows[~take]] = True  # rounding outweighs the shorter step there
        kept = rows[take]
        D[kept], err[kept], jumps[kept] = D_new[take], err_new[take], jumps_new[take]
        kinks[kept] = kinks_new[take]


def _refuse_jumps(data: ModelData, name: str, x: np.ndarray, jumps: np.ndarray) -> None:
    """Refuse rows where the design jumps (``I(x > 0)`` at x = 0, ``np.floor(x)`` at a whole
    number, flagged by :func:`_richardson`): a difference quotient there is the jump over
    the step (an average effect of 14464 on a probability), not a derivative, which does
    not exist."""
    _refuse_no_slope(
        data,
        name,
        x,
        jumps,
        "jumps",
        "a step in the formula (I(x > 0), np.floor(x), np.round(x)) sits there, and its "
        "difference quotient is no effect",
    )


def _refuse_steep(data: ModelData, name: str, x: np.ndarray, steep: np.ndarray) -> None:
    """Refuse rows where the design has a vertical tangent at x, on one side or both: the
    slope there is infinite. At a cusp or ``np.sqrt(np.maximum(x, 0))`` at 0 the mean of
    the slopes on either side was a number set by the step (effects of -104 on a
    probability with z = -1.07, -88 at a longer step), ``np.cbrt(x)`` at 0 was refused as
    a step ("a step in the formula (I(x > 0), np.floor(x), np.round(x)) sits there"), and
    ``np.sign(x) * np.abs(x)**0.45`` at 0 gave effects set by the step."""
    _refuse_no_slope(
        data,
        name,
        x,
        steep,
        "has an infinite slope on one side or both, as np.sqrt(x) or np.cbrt(x) at 0",
        "its difference quotients grow without bound as the step shrinks, and are no effect",
    )


def _refuse_no_slope(
    data: ModelData, name: str, x: np.ndarray, marked: np.ndarray, column_does: str, why: str
) -> None:
    """The refusal of the rows and columns ``marked``, where the design has no slope in x:
    what the first such column does there, and why its quotients are no effect."""
    rows = np.flatnonzero(marked.any(axis=1))
    col = int(np.flatnonzero(marked[rows[0]])[0])
    where = (
        f"at {len(rows)} row(s) (e.g. {name} = {x[rows[0]]:.6g}, where column "
        f"{data.column_names[col]!r} {column_does}): {why}"
    )
    compare = f"margins(at={{{name!r}: [a, b]}}).contrast({name!r})"
    # a table of every variable leaves it out (C(k > 4) at k = 4 refused all the others)
    raise NoSlopeError(
        f"the design has no derivative with respect to {name!r} {where}. Take the effects of "
        f"other variables (variables=[...]), or compare values with {compare}",
        left_out=f"Left out: {name!r}, whose design has no derivative {where}; compare its "
        f"values with {compare}.",
    )


def _richardson(
    data: ModelData,
    frame: pd.DataFrame,
    name: str,
    x: np.ndarray,
    h: np.ndarray,
    direction: float,
    X0: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(4 D(h/2) - D(h)) / 3 with D(h) a difference quotient of the design at steps h.

    ``direction`` 0: central, the slopes (X(x + a) - X(x)) / a and (X(x) - X(x - b)) / b
    weighed b : a, for the steps a ~ b ~ h actually taken, error O(h^2); +1 / -1: the
    three-point one-sided formula on x, x + h, x + 2h (or backwards), also O(h^2). Also
    returns a per-row error estimate: the spread |D(h/2) - D(h)| plus the rounding error
    eps |X| / h of the differences; and, for central differences, where the design jumps
    between x - h and x + h: the change across the narrower step is not about half the
    change across the wider one, as where the design is continuous, but as large; and where
    it has a kink at x (the slopes on either side of x differ as much at both steps).
    ``X0`` is the design at x. Entries within the rounding of the design values over the
    steps are 0.
    """

    def at(offset: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        value = x + offset
        return design(data, set_column(frame, name, value)), value - x  # the step actually taken

    def diff(step: np.ndarray) -> tuple[np.ndarray, ...]:
        if direction == 0.0:
            (X_up, t_up), (X_down, t_down) = at(step), at(-step)
            width = t_up - t_down
            scale = np.abs(X_up) + np.abs(X_down)
            change = X_up - X_down
            # the slopes on either side of x: at a kink at x (np.maximum(x, 5) at 5) they
            # differ by the same amount at every step, where the design is smooth by its
            # curvature times the step
            ahead = (X_up - X0) / t_up[:, None]
            behind = (X0 - X_down) / -t_down[:, None]
            noise = np.finfo(float).eps * (scale + 2 * np.abs(X0)) / np.abs(t_down)[:, None]
            # Rounded, x + h and x - h sit at unequal distances from x (at x = 2 the doubles
            # below are twice as dense), and the change across them carries the difference
            # of the slopes times that of the steps: the slopes weighed by the step on the
            # other side cancel it, and leave a quotient good to the rounding of the values.
            lopsided = np.abs(ahead - behind) * np.abs(t_up + t_down)[:, None]
            # a change of more than rounding and lopsided steps (half of lopsided in the
            # change): below it, nothing to judge. Across I(np.abs(x - 2) * x) at 2, whose
            # slopes are -2 and 2, the change was mostly the steps' inequality, its quotient
            # read as one growing as the step shrinks, and the effects refused as at an
            # infinite slope.
            real = np.abs(change) > 1e-9 * scale + lopsided
            weighed = (-t_down[:, None] * ahead + t_up[:, None] * behind) / width[:, None]
            return (
                np.where(np.isfinite(weighed), weighed, change / width[:, None]),
                np.finfo(float).eps * scale.max(axis=1) / np.abs(width),
                real,
                ahead - behind,
                noise + 1e-6 * (np.abs(ahead) + np.abs(behind)),
                ahead,
                behind,
                # the rounding of the weighed quotient (x's own value all but cancels in it)
                # and of the sides' at a kink, each value off by a unit in its last place
                np.finfo(float).eps * scale / np.abs(width)[:, None],
                noise,
            )
        (X1, t1), (X2, t2) = at(direction * step), at(2 * direction * step)
        c0 = -(t1 + t2) / (t1 * t2)
        c1 = t2 / (t1 * (t2 - t1))
        c2 = -t1 / (t2 * (t2 - t1))
        # c0 = -(c1 + c2): written as differences, a column the variable does not move is 0,
        # where c0 X0 + c1 X1 + c2 X2 left its rounding over the step (a step basis, bs(x,
        # degree=0), had effects of 1e-16 with z = 4 at its bounds' rows)
        D = c1[:, None] * (X1 - X0) + c2[:, None] * (X2 - X0)
        scale = np.abs(X0) + np.abs(X1) + np.abs(X2)
        flat = np.zeros(D.shape)
        one_sided = np.finfo(float).eps * (
            np.abs(c1)[:, None] * (np.abs(X1) + np.abs(X0))
            + np.abs(c2)[:, None] * (np.abs(X2) + np.abs(X0))
        )
        # a change past rounding over the steps, for the jumps and vertical tangents at x
        # on that side (np.sqrt(c) at c = 0 read forward), as the central quotients find them
        real = np.abs(X2 - X0) > 1e-9 * scale
        return (
            D,
            np.finfo(float).eps * scale.max(axis=1) * np.abs(c0),
            real,
            flat,
            flat + 1,
            D,
            D,
            one_sided,
            one_sided,
        )

    # a derivative past the float range (log(x) at x = 1e-320) is inf or NaN here, and the
    # caller refuses its rows by name: numpy's overflow warnings would only repeat it
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        (d1, _, _, gap1, _, ahead1, behind1, noise1, sides1), parts = diff(h), diff(h / 2)
        d2, rounding, real, gap2, below, ahead2, behind2, noise2, sides2 = parts
        if direction != 0.0:
            # quotients within their rounding (a quadratic piece, which the three-point
            # formula takes exactly, of slope 0 at x) have no ratio to read
            real &= np.abs(d1) > 16.0 * noise1
        # continuous: d2 ~ d1; a jump of J: d1 = J / 2h, d2 = J / h; a vertical tangent at x
        # (np.cbrt(x) at 0) in between: d2 = 2**(1 - a) d1 for x**a
        jumps = real & (np.abs(d2) > 1.5 * np.abs(d1))
        vertical = real & (np.abs(d2) > (1 + STEEP_GROWTH) * np.abs(d1))
        vertical &= np.abs(d2) < VERTICAL_RATIO * np.abs(d1)
        jumps &= ~vertical
        # smooth: the gap between the sides halves with the step; a kink at x: it stays
        kinks = ~jumps & (np.abs(gap2) > 16 * below) & (np.abs(gap2) > 0.75 * np.abs(gap1))
        D = d2 + (d2 - d1) / 3.0
        # At a kink the mean of the slopes on either side, each one-sided quotient
        # extrapolated (2 D(h/2) - D(h)): the symmetric quotient weighs them by the steps
        # taken, which rounding makes unequal (x + h and x - h land on different grids of
        # doubles at x = 2), and np.abs(x - 2) at x = 2 had effects of 1e-15 with z = -1.4
        # where the mean of its slopes, 1 and -1, is 0.
        D = np.where(kinks, (2.0 * (ahead2 + behind2) - (ahead1 + behind1)) / 2.0, D)
        # The rounding of the design values over the steps taken bounds what the quotients
        # resolve: a derivative within it is 0, with no test. At a stationary point of a
        # smooth column (I((x - 2)**2) at 2) it was 1e-18 with a standard error of 1e-18,
        # a z of 1 and a p-value of 0.3.
        floor = np.where(kinks, sides2 + sides1 / 2.0, (4.0 * noise2 + noise1) / 3.0)
        D = np.where(np.abs(D) <= FLOOR * floor, 0.0, D)
        if direction != 0.0:
            # one side: a quotient that shrinks with the step, by 2**(1 - a) for x**a with
            # a > 1 (I(c * np.sqrt(c)) at 0, the edge of its domain), tends to a slope of 0,
            # where extrapolating it as a smooth column's left some 1e-8, with a z and a p
            D = np.where(real & (np.abs(d2) * (1 + STEEP_GROWTH) < np.abs(d1)), 0.0, D)
        moved = np.maximum(np.abs(ahead2 - ahead1), np.abs(behind2 - behind1))
        steep = kinks & (moved > STEEP_SHARE * np.maximum(np.abs(ahead2), np.abs(behind2)))
        steep |= vertical
        codes = np.where(steep, STEEP, np.where(kinks, KINK, 0)).astype(np.int8)
        return D, np.abs(d2 - d1).max(axis=1) + rounding, jumps, codes
