"""Optional matplotlib figures of a fitted multinomial logit.

matplotlib is imported only when a figure is drawn; without it every function raises
:class:`~mnlogit.exceptions.MissingDependencyError` naming the ``plot`` extra. Each function
returns the matplotlib Figure, so it displays in a notebook and can be saved or restyled.

Predictors are varied on their raw scale (``x2``, not ``np.log(x2)``) and pushed through the
stored formula, so transforms, interactions and factor codings are handled exactly as in
:meth:`MNLogitResults.predict`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._alike import level_said
from .._checks import check_alpha, check_flag, check_option
from .._other_options import answering_other_options
from .._terms import categorical_columns
from .._unsupported import explain
from ..exceptions import (
    ColumnNotFoundError,
    DataError,
)
from ..margins import prediction_intervals
from ..margins._at_values import check_numeric_value
from ..margins._dates import date_mean
from ..margins._delta import weighted_mean
from ..margins._names import near_name
from ..margins._typical import typical_level
from ..margins._variables import check_finite, coded_levels, design, in_order, is_date
from ..margins.effects import check_final
from ._format import count, coverage, level_text
from ._mpl import label, level_colors, plain, plain_log_ticks
from ._mpl import new_axes as _new_axes
from ._mpl import pyplot as _pyplot
from ._plot_data import check_levels, check_variable, held_level, raw_frame
from ._plot_grid import (
    check_grid_domain,
    check_held,
    check_points,
    checked_at,
    grid,
    held_text,
    outside_data,
)
from ._plot_terms import chosen_terms

if TYPE_CHECKING:  # for annotations only: matplotlib is imported when a figure is drawn
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure, SubFigure

    from ..results import MNLogitResults

__all__ = ["plot_decision_regions", "plot_odds_ratios", "plot_probabilities"]


def _tight_layout(fig: Figure | SubFigure, ax: Axes) -> None:
    """Lay out the figure when ``ax`` is its first axes; a subfigure is laid out by its parent
    (it has no ``tight_layout``)."""
    from matplotlib.figure import Figure  # matplotlib is loaded: ``ax`` exists

    if isinstance(fig, Figure) and ax is fig.axes[0]:
        fig.tight_layout()


def _colors(res: MNLogitResults) -> dict[Any, str]:
    """One colour per outcome level, the same in every figure, each level its own."""
    return level_colors(res.outcomes)


# --- the raw predictors ------------------------------------------------------------------------
def _is_numeric(s: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(s) and not pd.api.types.is_bool_dtype(s)


def _column(value: Any, m: int, like: pd.Series) -> pd.Series:
    """``m`` copies of ``value`` with the dtype of the observed column (keeps categories)."""
    if isinstance(like.dtype, pd.CategoricalDtype):
        return pd.Series(pd.Categorical([value] * m, dtype=like.dtype))
    return pd.Series([value] * m, dtype=like.dtype if not _is_numeric(like) else None)


def _factor_variables(res: MNLogitResults, predictors: list[str]) -> set[str]:
    """Raw columns among ``predictors`` the formula encodes as factors, numeric or not
    (``C(educ)``): the variables the formula reads, not words of the factor's text, which
    missed a name outside ASCII (``C(gröup)``), held at its mean, no level of the factor."""
    return set(categorical_columns(res._data.spec, predictors))


def _grid_frame(
    res: MNLogitResults,
    frame: pd.DataFrame,
    w: np.ndarray | None,
    varying: dict[str, Any],
    at: dict[str, Any] | None,
    given: bool,
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """New data: ``varying`` columns as given, every other predictor held fixed.

    Held values come from ``at`` or are the (weighted) mean of a numeric predictor and the
    most frequent level of a factor (including a numeric column the formula wraps in ``C()``),
    ties to the first in the model's level order, as ``marginal_effects(at="typical")``.
    """
    names = list(frame.columns)
    at = checked_at(at)
    unknown = [k for k in at if k not in names]
    clash = [k for k in at if k in varying]
    if unknown:
        raise ColumnNotFoundError(
            f"at: {', '.join(map(repr, unknown))} is not a predictor of the model; "
            f"predictors are {', '.join(names)}"
            + "".join(near_name(k, list(names)) for k in unknown)
        )
    if clash:
        raise DataError(
            f"at: {', '.join(map(repr, clash))} is the plotted variable; "
            f"it cannot also be held fixed"
        )
    factors = _factor_variables(res, names)
    weights = np.ones(len(frame)) if w is None else w
    m = len(next(iter(varying.values())))
    held: dict[str, Any] = {}
    cols: dict[str, pd.Series] = {}
    for name in names:
        if name in varying:
            cols[name] = pd.Series(varying[name])
            continue
        if name in at:
            numeric = _is_numeric(frame[name]) and name not in factors
            value = at[name]
            held[name] = (
                check_numeric_value(name, value) if numeric else held_level(res, name, value)
            )
            if numeric:
                check_held(res, name, held[name], given=True)
        elif _is_numeric(frame[name]) and name not in factors:
            # summed as the margins' grid sums it: np.average of values of 1e306 overflowed
            # to inf, whose predictions were NaN, said to be for separation
            held[name] = float(weighted_mean(frame[name].to_numpy(np.float64), weights))
            check_held(res, name, held[name], given=False)
        elif is_date(frame[name]) and name not in factors:  # the first of distinct dates
            held[name] = date_mean(frame[name], weights)  # was their "most frequent" one
        else:
            order = coded_levels(res._data.spec, names).get(name, ([], None))[0]
            held[name] = typical_level(frame[name], weights, order)  # as margins holds it
            check_levels(res, name, [held[name]], "its most frequent, at which it is held")
        cols[name] = _column(held[name], m, frame[name])
    new = pd.DataFrame(cols)
    # a value where a transform is not defined (np.log(x) at x = -1, set by at=) predicted
    # NaN: drawn as no line under a title that blamed separation, or as the region of the
    # first outcome (the argmax of NaN); refused as margins() refuses it
    X = design(res._data, new)
    check_grid_domain(res._data, X, varying, given)
    where = f"at: holding {held_text(held)}" if held else "at: the values drawn"
    if held and not at:  # no at= given: the means and modes of the rows read
        source = "data=" if given else "the fitted rows"
        where = f"holding {held_text(held)}, the means and most frequent levels in {source}"
    check_finite(res._data, X, where)
    return new, held


# --- figures -------------------------------------------------------------------------------------
@answering_other_options
def plot_probabilities(
    res: MNLogitResults,
    x: str,
    at: dict[str, Any] | None = None,
    *,
    data: pd.DataFrame | None = None,
    alpha: float = 0.05,
    n_points: int = 100,
    xscale: str = "linear",
    ax: Axes | None = None,
    figsize: tuple[float, float] = (7.0, 4.5),
) -> Figure | SubFigure:
    """Predicted probability of every outcome over one predictor, with confidence bands.

    Parameters
    ----------
    res : MNLogitResults
        A model fitted from a formula.
    x : str
        A raw predictor column (e.g. ``"x2"`` for a formula with ``np.log(x2)``). A numeric
        predictor is varied over a grid spanning its observed range; a factor over its levels.
    at : dict, optional
        Values at which to hold other predictors; the rest are held at their (frequency-
        weighted) means, factors at their most frequent level (of tied levels the first in
        the model's order, as ``marginal_effects(at="typical")`` holds them).
    data : DataFrame, optional
        Raw data giving the predictors' ranges, means and modes (used unweighted): a pandas,
        polars or pyarrow frame. Needed when the fit does not keep its raw columns (a dask
        fit: its rows computed, or a sample of them, ``ddf.sample(frac=0.01).compute()``).
    alpha : float
        Error rate, in (0, 0.5]: bands are pointwise ``1 - alpha`` delta-method intervals.
    n_points : int
        Grid size for a numeric ``x``.
    xscale : {"linear", "log"}
        ``"log"`` spaces the grid and the axis logarithmically (for skewed positive predictors
        such as distances or incomes).
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    figsize : tuple
        Size of a new figure, in inches.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (that of ``ax`` when given, which may be a subfigure).

    Raises
    ------
    mnlogit.exceptions.MissingDependencyError
        matplotlib is not installed (``pip install "mnlogit[plot]"``).
    mnlogit.exceptions.ColumnNotFoundError
        ``x`` or a key of ``at`` is not a predictor of the model.
    mnlogit.exceptions.DataError
        A value held (``at``) where a transform of the formula is not defined.

    Warns
    -----
    mnlogit.exceptions.InferenceWarning
        As :meth:`MNLogitResults.prediction_intervals` warns: the bands drawn are NaN (a
        penalty, no design degrees of freedom) or unreliable (a Firth fit of separated data).

    Notes
    -----
    The bands are :meth:`MNLogitResults.prediction_intervals`: delta-method standard errors
    ``se(P_k) = sqrt(g' V g)`` with ``g = dP_k / dB`` and ``V`` from ``cov_params()`` (robust
    when the fit is), turned into intervals on the logit scale,
    ``expit(logit(P_k) +/- z se / (P_k (1 - P_k)))``, so they stay inside [0, 1].
    Intervals are pointwise, not simultaneous. The title names values drawn (from a wider
    ``data=``) or held (``at=``) outside the range of the fitted rows, as margins() notes them.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.report.plotting import plot_probabilities
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ np.log(distance) + parking", df, ref="car")
    >>> fig = plot_probabilities(res, "distance", xscale="log", n_points=20)
    >>> [line.get_label() for line in fig.axes[0].get_lines()]
    ['bus', 'car', 'train', 'walk']
    """
    alpha = check_alpha(alpha)
    n_points = check_points(n_points, 1)
    check_option("xscale", xscale, ("linear", "log"))
    _pyplot()  # fail before any work when matplotlib is missing
    frame, w = raw_frame(res, data)
    check_variable(x, frame, "x")
    col = frame[x]
    # a number the formula reads as levels (C(k)) is drawn at its levels: a grid between
    # them was refused as levels not seen in fitting, of a "newdata" never given
    numeric = _is_numeric(col) and x not in _factor_variables(res, [x])
    if numeric:
        values: Any = grid(res, col, n_points, xscale, "x", data is not None)
    else:
        values = _levels(col)
        check_levels(res, x, values, "drawn as its levels")
        if isinstance(col.dtype, pd.CategoricalDtype):
            values = pd.Categorical(values, dtype=col.dtype)
    new, held = _grid_frame(res, frame, w, {x: values}, at, data is not None)
    bands = prediction_intervals(res, newdata=new, alpha=alpha)
    fig, ax = _new_axes(ax, figsize)
    colors = _colors(res)
    pos = np.asarray(values, dtype=np.float64) if numeric else np.arange(len(values))
    width = 0.6 / max(len(res.outcomes), 1)
    for i, level in enumerate(res.outcomes):
        b = bands.xs(level, level="outcome")
        prob, lower, upper = (b[c].to_numpy() for c in ("prob", "lower", "upper"))
        if numeric:
            ax.plot(pos, prob, color=colors[level], label=label(level))
            ax.fill_between(pos, lower, upper, color=colors[level], alpha=0.2, linewidth=0)
        else:  # factor levels: points with interval bars, dodged so they do not overlap
            shift = (i - (len(res.outcomes) - 1) / 2) * width
            ax.errorbar(
                pos + shift,
                prob,
                yerr=[prob - lower, upper - prob],
                fmt="o",
                color=colors[level],
                label=label(level),
                capsize=3,
            )
    if numeric:
        ax.set_xscale(xscale)
        if xscale == "log":
            plain_log_ticks(ax.xaxis)
    else:
        ax.set_xticks(np.arange(len(values)), [label(v) for v in values])
    ax.set_xlabel(plain(x))
    ax.set_ylabel("Predicted probability")
    ax.set_ylim(-0.02, 1.02)
    level_pct = coverage(alpha)
    shown = _intervals_shown(res, bands, f"{level_pct} pointwise intervals")
    beyond = outside_data(
        res, {x: values} if numeric else {}, held, _factor_variables(res, [*held])
    )
    title = "; ".join(t for t in (shown, held_text(held), beyond) if t)
    ax.set_title(plain(title), fontsize="small")
    ax.legend(title=plain(res._data.outcome_name), fontsize="small")
    _tight_layout(fig, ax)
    explain(res, "plot_probabilities")  # as prediction_intervals() warns of the bands
    return fig


def _intervals_shown(res: MNLogitResults, bands: pd.DataFrame, drawn: str) -> str:
    """What a figure's title says of its intervals: ``drawn``, or why there are none (a fit
    without standard errors, a design without degrees of freedom) or some are missing
    (coefficients that diverge under separation)."""
    known = bands[["lower", "upper"]].notna().all(axis=1).to_numpy()
    if known.all():
        return drawn
    why = _no_intervals(res) or "coefficients involved diverge (separation)"
    return f"no intervals: {why}" if not known.any() else f"{drawn}, none where {why}"


def _no_intervals(res: MNLogitResults) -> str:
    """Why the fit has no intervals at all, or "": a fit without standard errors (a
    penalty), a survey design without degrees of freedom."""
    if not res.solver.inference:
        return f"{res.solver.label} has no standard errors"
    if res.df_design is not None and res.df_design < 1:
        return f"{count(res.df_design)} design degrees of freedom"
    return ""


def _levels(col: pd.Series) -> list:
    if isinstance(col.dtype, pd.CategoricalDtype):
        present = set(col.dropna().unique())
        return [c for c in col.cat.categories if c in present]
    return in_order(col.dropna().unique().tolist())


@answering_other_options
def plot_odds_ratios(
    res: MNLogitResults,
    *,
    alpha: float = 0.05,
    intercept: bool = False,
    terms: list[str] | None = None,
    ax: Axes | None = None,
    figsize: tuple[float, float] | None = None,
) -> Figure | SubFigure:
    """Forest plot of the relative-risk ratios exp(b) with Wald intervals, on a log scale.

    Parameters
    ----------
    res : MNLogitResults
        The fit.
    alpha : float
        Error rate, in (0, 0.5]: whiskers are ``1 - alpha`` Wald intervals, exponentiated.
    intercept : bool
        Include the intercept (a baseline odds, not a ratio; left out by default).
    terms : str or list of str, optional
        Design columns to show (as named in ``res.params.index``), in this order (a set's
        in the coefficients' order), each once.
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    figsize : tuple, optional
        Size of a new figure, in inches; defaults to a height that fits every row.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (that of ``ax`` when given, which may be a subfigure).

    Warns
    -----
    mnlogit.exceptions.InferenceWarning
        As :meth:`MNLogitResults.odds_ratios` warns: the intervals are NaN (a penalty, no
        design degrees of freedom) or unreliable (a Firth fit of separated data).

    Notes
    -----
    One group of rows per non-reference outcome, each ratio against the reference: a ratio
    of 1 (the dashed line) means the term does not move that outcome relative to the reference.
    Ratios that diverge under separation (NaN in the table), and ratios or limits that are
    not finite or are 0 (off a log scale), are left out and listed in the title by reason.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.report.plotting import plot_odds_ratios
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ np.log(distance) + parking", df, ref="car")
    >>> ax = plot_odds_ratios(res).axes[0]
    >>> ax.get_xscale(), ax.get_title()
    ('log', "mode: odds ratios against 'car'")
    """
    check_final(res, "plot_odds_ratios")
    alpha = check_alpha(alpha)
    intercept = check_flag("intercept", intercept)  # "no" was taken as True
    table = res.odds_ratios(alpha)
    # a fit without intervals (a penalty, no design df) has ratios all the same: points only
    missing = _no_intervals(res)
    whiskers = not missing
    terms = chosen_terms(terms, res.params.index, intercept)
    if not terms:
        raise DataError("plot_odds_ratios: the model has no coefficient besides the intercept")
    rows_per = len(terms)
    if figsize is None:
        figsize = (7.0, 1.2 + 0.28 * (rows_per + 1) * len(res.equations))
    fig, ax = _new_axes(ax, figsize)
    colors = _colors(res)
    ticks, labels, dropped, diverged = [], [], [], []
    # NaN for coefficients that diverge under separation: said as such, as the titles of
    # plot_probabilities and Margins.plot say it, not as ratios "not finite or 0"
    diverging = res.diverging
    ypos = 0.0
    for level in res.equations:
        sub = table.loc[level].loc[terms]
        y = ypos - np.arange(rows_per)
        est, lo, hi = (sub[c].to_numpy() for c in ("odds_ratio", "lower", "upper"))
        ok = np.isfinite(est) & (est > 0)
        if whiskers:
            ok &= np.isfinite(lo) & np.isfinite(hi) & (lo > 0)
        apart = ~ok & np.isnan(est) & diverging.loc[terms, level].to_numpy(bool)
        named = [f"{level_text(level)}: {level_text(t)}" for t in terms]
        diverged += [t for t, gone in zip(named, apart, strict=True) if gone]
        dropped += [t for t, gone in zip(named, ~ok & ~apart, strict=True) if gone]
        ax.errorbar(
            est[ok],
            y[ok],
            xerr=[est[ok] - lo[ok], hi[ok] - est[ok]] if whiskers else None,
            fmt="o",
            color=colors[level],
            label=label(level),
            capsize=3,
        )
        ticks += list(y)
        labels += terms
        ypos -= rows_per + 1
    ax.axvline(1.0, color="0.4", linestyle="--", linewidth=1)
    ax.set_xscale("log")
    plain_log_ticks(ax.xaxis)
    ax.set_yticks(ticks, [label(t) for t in labels])
    interval = f", {coverage(alpha)} Wald interval" if whiskers else ""
    ax.set_xlabel(plain(f"Relative-risk ratio vs {level_text(res.ref)} (log scale){interval}"))
    ax.set_ylabel("term")
    title = f"{res._data.outcome_name}: odds ratios against {level_said(res.ref)}"
    if missing:
        title += f"\nno intervals: {missing}"
    if diverged:
        title += f"\ndiverging under separation (no estimate), not shown: {', '.join(diverged)}"
    if dropped:
        title += f"\nnot finite or 0 (off a log scale), not shown: {', '.join(dropped)}"
    ax.set_title(plain(title), fontsize="small")
    ax.legend(title="outcome", fontsize="small")
    _tight_layout(fig, ax)
    explain(res, "plot_odds_ratios")  # as odds_ratios() warns of the intervals drawn
    return fig


@answering_other_options
def plot_decision_regions(
    res: MNLogitResults,
    x: str,
    y: str,
    *,
    at: dict[str, Any] | None = None,
    data: pd.DataFrame | None = None,
    n_points: int = 200,
    xscale: str = "linear",
    yscale: str = "linear",
    show_data: bool = True,
    ax: Axes | None = None,
    figsize: tuple[float, float] = (6.5, 5.0),
) -> Figure | SubFigure:
    """The most probable outcome over a grid of two numeric predictors.

    Parameters
    ----------
    res : MNLogitResults
        A model fitted from a formula.
    x, y : str
        Raw numeric predictor columns for the horizontal and vertical axes; the grid spans
        their observed ranges.
    at : dict, optional
        Values for the other predictors; the rest are held at means / modes.
    data : DataFrame, optional
        Raw data for the ranges, means and modes, as in :func:`plot_probabilities`.
    n_points : int
        Grid points along each axis.
    xscale, yscale : {"linear", "log"}
        Spacing of the grid and of the axes, as in :func:`plot_probabilities`.
    show_data : bool
        Overlay the observed rows, coloured by their observed outcome (only when the fit
        keeps its raw columns, so rows and outcomes line up).
    ax : matplotlib Axes, optional
        Draw into these axes instead of a new figure.
    figsize : tuple
        Size of a new figure, in inches.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn on (that of ``ax`` when given, which may be a subfigure).

    Raises
    ------
    mnlogit.exceptions.EstimationError
        The fit stopped before converging, without separation: its coefficients are not
        the estimates (as :func:`plot_odds_ratios` and :func:`plot_probabilities` refuse it).

    Notes
    -----
    Region boundaries are where two outcomes' linear predictors are equal, so with no
    interactions or transforms of ``x`` and ``y`` every boundary is a straight line.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.report.plotting import plot_decision_regions
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ np.log(distance) + parking", df, ref="car")
    >>> ax = plot_decision_regions(res, "distance", "parking", n_points=20).axes[0]
    >>> ax.get_xlabel(), ax.get_ylabel()
    ('distance', 'parking')
    """
    # as every other figure: the regions of an unconverged fit's coefficients were drawn
    # under "Most probable outcome", with nothing to say they are not the estimates'
    check_final(res, "plot_decision_regions")
    n_points = check_points(n_points, 2)
    show_data = check_flag("show_data", show_data)  # "no" was taken as True
    _pyplot()
    frame, w = raw_frame(res, data)
    check_variable(x, frame, "x")
    check_variable(y, frame, "y")
    if x == y:
        raise DataError(f"x and y must be two different predictors; got {x!r} twice")
    for name in (x, y):
        if not _is_numeric(frame[name]) or name in _factor_variables(res, [name]):
            raise DataError(
                f"{name!r} is a factor (not numeric, or numbers the formula reads as levels, "
                "as C(k)); decision regions need two numeric predictors (hold factors fixed "
                "with at=)"
            )
    gx = grid(res, frame[x], n_points, xscale, "x", data is not None)
    gy = grid(res, frame[y], n_points, yscale, "y", data is not None)
    XX, YY = np.meshgrid(gx, gy)
    new, held = _grid_frame(res, frame, w, {x: XX.ravel(), y: YY.ravel()}, at, data is not None)
    probs = res.predict(new, kind="prob").to_numpy()
    winner = probs.argmax(axis=1).reshape(XX.shape)
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    colors = _colors(res)
    k = len(res.outcomes)
    cmap = ListedColormap([colors[lv] for lv in res.outcomes])
    norm = BoundaryNorm(np.arange(k + 1) - 0.5, k)
    fig, ax = _new_axes(ax, figsize)
    ax.pcolormesh(gx, gy, winner, cmap=cmap, norm=norm, alpha=0.35, shading="auto")
    points = show_data and data is None
    # with the observations drawn, every outcome: one nowhere the most probable was left
    # out of the legend, its observations drawn in a colour nothing named
    handles = [
        Patch(
            color=colors[lv],
            alpha=0.35,
            label=label(lv) + ("" if (winner == i).any() else " (nowhere most probable)"),
        )
        for i, lv in enumerate(res.outcomes)
        if points or (winner == i).any()
    ]
    if points:
        observed = np.asarray(res.outcomes, dtype=object)[res._data.level_codes()]
        observed = observed[np.asarray(res._data.w) > 0]
        for lv in res.outcomes:
            rows = observed == lv
            ax.scatter(
                frame[x].to_numpy()[rows],
                frame[y].to_numpy()[rows],
                s=14,
                color=colors[lv],
                edgecolors="k",
                linewidths=0.3,
            )
    ax.set_xscale(xscale)
    ax.set_yscale(yscale)
    for axis, scale in ((ax.xaxis, xscale), (ax.yaxis, yscale)):
        if scale == "log":
            plain_log_ticks(axis)
    ax.set_xlabel(plain(x))
    ax.set_ylabel(plain(y))
    beyond = outside_data(res, {x: gx, y: gy}, held, _factor_variables(res, [*held]))
    title = "; ".join(t for t in ("Most probable outcome", held_text(held), beyond) if t)
    ax.set_title(plain(title), fontsize="small")
    ax.legend(handles=handles, title=plain(res._data.outcome_name), fontsize="small")
    _tight_layout(fig, ax)
    return fig
