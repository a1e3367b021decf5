"""matplotlib, imported only when a figure is drawn, for every figure of the report package."""

from __future__ import annotations

import math
import numbers
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from ..exceptions import InputTypeError, MissingDependencyError
from ._format import level_text

if TYPE_CHECKING:  # for annotations only: matplotlib is an optional extra
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

__all__ = ["check_figsize", "level_colors", "new_axes", "plain", "plain_log_ticks", "pyplot"]


def pyplot() -> ModuleType:
    """matplotlib.pyplot, or an error that says how to install it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingDependencyError(
            "plotting needs matplotlib, which is not installed; install it with "
            'pip install "mnlogit[plot]"'
        ) from None
    return plt


def level_colors(levels: Any) -> dict[Any, str]:
    """One colour per outcome level, the same in every figure, each level its own.

    matplotlib's default cycle (``C0`` to ``C9``) up to ten levels; past ten it repeated, so
    an outcome of twelve levels drew ``L0`` and ``L8`` in one colour: two lines, or two
    decision regions, that no legend could tell apart. Up to twenty the ``tab20`` palette,
    past twenty evenly spaced colours of ``turbo`` (as ggplot2 spaces its hues evenly for
    any number of levels).
    """
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    levels = list(levels)
    k = len(levels)
    if k <= 10:
        return {lv: f"C{i}" for i, lv in enumerate(levels)}
    if k <= 20:
        shades = colormaps["tab20"](np.arange(k))  # a listed map: its i-th colour
        return {lv: to_hex(c) for lv, c in zip(levels, shades, strict=True)}
    spaced = colormaps["turbo"](np.linspace(0.05, 0.95, k))
    return {lv: to_hex(c) for lv, c in zip(levels, spaced, strict=True)}


def check_figsize(figsize: Any) -> None:
    """Refuse a ``figsize`` that is not (width, height) in inches, two positive numbers:
    matplotlib's own error named its format, not the option."""
    pair = isinstance(figsize, (tuple, list)) and len(figsize) == 2
    if not pair or not all(
        isinstance(v, numbers.Real) and not isinstance(v, bool) and 0 < float(v) < math.inf
        for v in figsize
    ):
        raise InputTypeError(
            f"figsize: expected (width, height) in inches, two positive numbers such as "
            f"(7, 4.5); got {figsize!r}"
        )


def new_axes(ax: Any, figsize: tuple[float, float]) -> tuple[Figure | SubFigure, Axes]:
    """``ax`` and its figure, or new ones of size ``figsize``; anything else given as ``ax``
    is refused by name (it raised AttributeError: 'str' object has no attribute 'figure')."""
    if ax is not None:
        from matplotlib.axes import Axes

        if not isinstance(ax, Axes):
            raise InputTypeError(
                f"ax: expected matplotlib Axes (fig, ax = plt.subplots()); got "
                f"{type(ax).__name__} {ax!r}"
            )
        return ax.figure, ax
    check_figsize(figsize)
    fig, ax = pyplot().subplots(figsize=figsize)
    return fig, ax


def plain(text: object) -> str:
    """Text from the data (levels, terms, variable names) as matplotlib shows it literally:
    a pair of ``$`` in it would be typeset as mathematics (``"$5-$10"``), and an unpaired
    construct there (``"$\\alpha_$"``) made the figure fail to draw with a parser error."""
    return str(text).replace("$", r"\$")


def label(level: object) -> str:
    """A level or term as a figure's legend entry or tick label: as the tables show it
    (:func:`~mnlogit.report._format.level_text`) and :func:`plain`. The levels ``' a'`` and
    ``'a'`` were two legend entries that read ``a``, and a line break in a level split its
    entry over two lines."""
    return plain(level_text(level))


# decades a log axis may span and still be ticked at 1, 2 and 5 in each (at most ten ticks)
_STEPPED_DECADES = 3


def plain_log_ticks(axis: Any) -> None:
    """Ticks at 1, 2, 5 x 10^k over a few decades, at powers of 10 over more, labelled as
    plain numbers (0.5, 2), not as 5 x 10^-1; for an axis whose data are drawn (its span is
    read here).

    matplotlib's LogLocator with subs 1, 2, 5 gives no tick at all once it would step over
    decades (an axis of ten or more), so a forest plot of a Firth fit's ratios of 1e-9 to
    1e30, or a predictor from 1e-9 to 1e9, had an unlabelled axis; over three decades the
    powers of 10 are ticked instead, as matplotlib strides them. matplotlib's own locator
    and a module's function, not a class or lambda made here, so that the figure pickles.
    """
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    lo, hi = sorted(float(v) for v in axis.get_view_interval())
    wide = 0 < lo and math.log10(hi) - math.log10(lo) > _STEPPED_DECADES
    axis.set_major_locator(LogLocator(base=10, subs=(1.0,) if wide else (1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(_plain_number))
    axis.set_minor_formatter(NullFormatter())


def _plain_number(value: float, _position: object) -> str:
    """A tick's label: ``0.5``, ``1e+10``, with the ASCII minus ``float()`` reads."""
    return f"{value:g}"
