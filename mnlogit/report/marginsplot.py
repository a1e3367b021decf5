"""Stata's ``marginsplot`` for :class:`mnlogit.margins.Margins`: margins against a variable,
one line (or set of points) per outcome with pointwise intervals; matplotlib only when drawn."""

from __future__ import annotations

import itertools
import reprlib
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._levels import near_level, same_level
from ..exceptions import DataError
from ..margins._kinds import margin_kind
from ._format import count, coverage, level_text, value_label, wrap
from ._mpl import check_figsize, label, level_colors, new_axes, plain, pyplot

if TYPE_CHECKING:  # for annotations only: matplotlib is imported when a figure is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    from ..margins import Margins

__all__ = ["plot_margins"]

MAX_PANELS = 12


def plot_margins(
    margins: Margins,
    x: str | None = None,
    *,
    outcomes: list | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure | SubFigure:
    """Draw margins against ``x`` with their ``1 - alpha`` pointwise Wald intervals.

    Parameters
    ----------
    margins : Margins
        What :meth:`MNLogitResults.margins` (or ``.contrast()``) returned.
    x : str, optional
        A variable set by ``at``/``over`` for the horizontal axis (default: the first one).
        A numeric ``x`` gives lines with bands, a factor (or contrast labels) points with
        interval bars. Without any such variable the outcomes are the horizontal axis.
    outcomes : list, optional
        Outcomes to draw (default: all).
    ax : matplotlib Axes, optional
        Draw into these axes (only when the figure has a single panel).
    figsize : tuple, optional
        Size of a new figure, in inches.

    Returns
    -------
    matplotlib.figure.Figure
        One panel per combination of the other variables set (and per effect variable), at
        most 12.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.report.marginsplot import plot_margins
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ np.log(distance) + purpose", df, ref="car")
    >>> m = res.margins(at={"distance": [1, 5, 20]}, over="purpose")
    >>> fig = plot_margins(m, "distance")
    >>> [ax.get_title() for ax in fig.axes], fig.axes[0].get_xlabel()
    (['purpose = leisure', 'purpose = shopping', 'purpose = work'], 'distance')
    """
    plt = pyplot()
    frame = margins.to_frame()
    settable = [c for c in margins.at_columns if c != "variable"]
    if x is not None:
        x = margins._set_column(x, "x")
    if x is None and settable:
        x = settable[0]
    wanted = _outcomes(margins, outcomes)
    panel_keys = [c for c in margins.at_columns if c != x]
    panels = list(dict.fromkeys(map(tuple, frame[panel_keys].to_numpy()))) if panel_keys else [()]
    if len(panels) > MAX_PANELS:
        raise DataError(
            f"plot: {len(panels)} panels (one per combination of {', '.join(panel_keys)}); "
            f"at most {MAX_PANELS}. Set fewer values, or choose x="
        )
    if ax is not None and len(panels) > 1:
        raise DataError(f"plot: ax= takes one panel; these margins need {len(panels)}")
    if ax is None:
        cols = min(len(panels), 3)
        rows = -(-len(panels) // cols)
        if figsize is not None:
            check_figsize(figsize)
        size = figsize or (5.0 * cols + 1.5, 3.8 * rows)
        fig, axes = plt.subplots(rows, cols, figsize=size, squeeze=False, sharey=True)
        axes = list(itertools.chain.from_iterable(axes))
        for extra in axes[len(panels) :]:
            extra.set_visible(False)
    else:
        fig, ax = new_axes(ax, figsize or (7.0, 4.5))
        axes = [ax]
    colors = level_colors(margins.outcomes)
    level_pct = coverage(margins.alpha)
    for panel, axis in zip(panels, axes, strict=False):
        rows_of = np.ones(len(frame), dtype=bool)
        for key, value in zip(panel_keys, panel, strict=True):
            rows_of &= (frame[key] == value).to_numpy()
        _draw(axis, frame[rows_of], x, wanted, colors, x in margins._factors)
        axis.set_title(
            plain(", ".join(f"{k} = {_fmt(v)}" for k, v in zip(panel_keys, panel, strict=True))),
            fontsize="small",
        )
        axis.set_xlabel(plain(x if x is not None else margins.outcome_name))
    axes[0].set_ylabel(plain(margins.quantity))
    if margins.contrasted or margin_kind(margins.kind).effects:
        for axis in axes[: len(panels)]:
            axis.axhline(0.0, color="0.4", linestyle="--", linewidth=1)
    axes[0].legend(title=plain(margins.outcome_name), fontsize="small")
    shown = _intervals_shown(margins, frame[frame["outcome"].isin(wanted)], level_pct)
    # margins at values beyond the rows rest on the model's form alone: the table's note
    # says so, and the figure, often drawn without printing the table, did not
    beyond = [wrap(n, 100) for n in margins.notes if n.startswith("Extrapolated:")]
    title = "\n".join([f"{margins.title} ({shown})", *beyond])
    fig.suptitle(plain(title), fontsize="medium")
    fig.tight_layout()
    return fig


def _intervals_shown(margins: Margins, drawn: pd.DataFrame, level_pct: str) -> str:
    """What the title says of the intervals: a margin without one (a penalised fit, a
    coefficient diverging under separation) was drawn as a bare point under a title that
    promised intervals, a probability of 1 looking exact."""
    bounds = drawn[["lower", "upper"]].to_numpy(np.float64)
    known = np.isfinite(bounds).all(axis=1) | np.isnan(drawn["estimate"].to_numpy(np.float64))
    intervals = f"{level_pct} pointwise intervals"
    if known.all():
        return intervals
    if margins.covariance == "none":
        why = "the fit has no standard errors"
    elif margins.df is not None and not margins.df > 0:
        # the standard errors exist, the t quantile does not: not "no standard error exists"
        why = f"{count(margins.df)} design degrees of freedom"
    elif any(note.startswith("separation:") for note in margins.notes):
        why = "coefficients diverge under separation"
    else:
        why = "no standard error exists (see the notes)"
    return f"no intervals: {why}" if not known.any() else f"{intervals}, none where {why}"


def _outcomes(margins: Margins, outcomes: Any) -> list:
    """The outcomes to draw, each once, in the order given: one level alone is a list of one
    (outcomes="fulltime" was read letter by letter, 'f', 'u', 'l', ... not among the levels)."""
    levels = list(margins.outcomes)
    if outcomes is None:
        return levels
    listed = isinstance(outcomes, (list, tuple, set, frozenset, np.ndarray, pd.Index, pd.Series))
    given = list(outcomes) if listed else [outcomes]
    shown = ", ".join(map(repr, levels))
    if not given:
        raise DataError(f"outcomes: the list is empty; name at least one of {shown}")
    # matched as a level is (same_level), not by hashing: True was drawn as the outcome 1,
    # and a dict raised "unhashable type"
    wanted: list = []
    unknown = []
    for o in given:
        found = [lv for lv in levels if same_level(lv, o)]
        if not found:
            unknown.append(o)
        elif found[0] not in wanted:
            wanted.append(found[0])
    if unknown:
        hint = near_level(unknown[0], levels) if np.ndim(unknown[0]) == 0 else ""
        raise DataError(
            f"outcomes: {', '.join(map(reprlib.repr, unknown))} not among {shown}{hint}"
        )
    return wanted


def _draw(
    axis: Axes, sub: pd.DataFrame, x: str | None, outcomes: list, colors: dict, factor: bool
) -> None:
    """Margins against ``x``: lines with bands over a number, points with interval bars at
    the levels of a factor. A factor of numbers or booleans (``C(k)``, ``b`` of True and
    False) is levels, as plot_probabilities draws it: it was a line from False to True
    (0 to 1), its band joining the two margins over values between that no row can take."""
    numeric = x is not None and not factor and pd.api.types.is_numeric_dtype(sub[x])
    positions: dict[Any, int] = {}
    if x is not None and not numeric:
        positions = {v: i for i, v in enumerate(dict.fromkeys(sub[x]))}
    width = 0.6 / max(len(outcomes), 1)
    for i, level in enumerate(outcomes):
        rows = sub[sub["outcome"] == level]
        est, lo, hi = (rows[c].to_numpy(np.float64) for c in ("estimate", "lower", "upper"))
        if numeric:
            order = np.argsort(rows[x].to_numpy(np.float64))
            pos = rows[x].to_numpy(np.float64)[order]
            axis.plot(pos, est[order], marker="o", color=colors[level], label=label(level))
            axis.fill_between(
                pos, lo[order], hi[order], color=colors[level], alpha=0.2, linewidth=0
            )
            continue
        if x is None:
            pos = np.full(len(rows), float(i))
        else:
            shift = (i - (len(outcomes) - 1) / 2) * width
            pos = np.array([positions[v] for v in rows[x]], dtype=float) + shift
        axis.errorbar(
            pos,
            est,
            yerr=[est - lo, hi - est],
            fmt="o",
            color=colors[level],
            label=label(level),
            capsize=3,
        )
    if x is None:
        axis.set_xticks(np.arange(len(outcomes)), [label(o) for o in outcomes])
    elif not numeric:
        axis.set_xticks(np.arange(len(positions)), [label(_fmt(v)) for v in positions])


def _fmt(value: Any) -> str:
    # as the table labels them: .4g titled the panels of 1234567 and 1234568 both 1.235e+06,
    # and the levels ' a' and 'a' both a
    return level_text(value_label(value))
