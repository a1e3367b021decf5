"""matplotlib, imported only when a figure is drawn, for every figure of the report package."""

from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING

from ..exceptions import MissingDependencyError

if TYPE_CHECKING:  # for annotations only: matplotlib is an optional extra
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

__all__ = ["new_axes", "plain", "pyplot"]


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


def new_axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure | SubFigure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig, ax = pyplot().subplots(figsize=figsize)
    return fig, ax


def plain(text: object) -> str:
    """Text from the data (levels, terms, variable names) as matplotlib shows it literally:
    a pair of ``$`` in it would be typeset as mathematics (``"$5-$10"``), and an unpaired
    construct there (``"$\\alpha_$"``) made the figure fail to draw with a parser error."""
    return str(text).replace("$", r"\$")
