"""How a separated maximum-likelihood fit is finished (:func:`finish_separated`): gone on
with while the coefficients and rows that no separating direction moves still move
(:func:`finite_settled`), and fitted again with bounded steps where its own steps threw it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from ._data import ModelData
from ._in_memory_data import InMemoryData
from ._recession import moving_rows
from ._scores import log_probabilities
from ._solvers import FitResult
from ._step_rules import STEP_BOUND
from .separation import diverging_cells

__all__ = ["BOUNDED_START", "FINITE_SETTLED", "MORE_STEPS", "finish_separated", "finite_settled"]

# scoring goes on, MORE_STEPS iterations at a time, while those steps move a coefficient that
# no separating direction moves by more than FINITE_SETTLED of (1 + its size) a step, or the
# log-probabilities of a row that none moves by more than FINITE_SETTLED a step
MORE_STEPS = 2
FINITE_SETTLED = 1e-3
# a fit thrown off by its own steps is fitted again from the start with at most this many
# bounded steps (see STEP_BOUND), then whole ones
BOUNDED_START = 25
BOUND = {"step_bound": STEP_BOUND}


def finish_separated(
    fit: Callable[..., FitResult],
    data: ModelData,
    core: FitResult,
    found: Any,
    options: dict[str, Any],
) -> FitResult:
    """``core``, a fit found separated (``found``), gone on with until what has limits
    reaches them (:func:`finite_settled`); where it diverged without separation's signature
    (the information singular, or no step an ascent, rather than whole steps that stopped
    shrinking: see ``FitResult.ran_off``), also fitted from the start with bounded steps (see
    STEP_BOUND) and gone on with so, and the one that rose higher kept.

    From the intercept-only start a rare outcome's probabilities can be 0.006 in cells where
    a third of the rows hold it; the scoring steps there are hundreds long, their halved
    fractions throw other cells' probabilities to 0 or 1, and the information turns singular
    in rounding: with frequency weights of 1e4 on eight of 143 rows the fit stopped after
    two iterations, 5,800 log-likelihood units below the supremum, an intercept at -39.4
    whose limit is -0.41. Bounded steps let the coefficients with finite limits reach them
    while the separated ones run off."""
    done = finite_settled(fit, data, core, found, **options)
    max_iter = options.get("max_iter", 100)
    if core.ran_off or done.n_iter >= max_iter:
        return done
    # (the curvature given was of the start of a refit, not of where it ran off)
    rest = {k: v for k, v in options.items() if k != "curvature"}
    budget = max_iter - done.n_iter
    start = fit(data, **{**rest, **BOUND, "max_iter": min(BOUNDED_START, budget)})
    # then gone on with in whole steps: bounded, a slope far from its limit crept to it
    bounded = finite_settled(fit, data, start, found, **{**rest, "max_iter": budget})
    if not bounded.loglik > done.loglik:
        return done
    n_iter = done.n_iter + bounded.n_iter
    return replace(bounded, n_iter=n_iter, converged=False, diverged=True)


def finite_settled(
    fit: Callable[..., FitResult], data: ModelData, core: FitResult, found: Any, **options: Any
) -> FitResult:
    """``core``, a separated fit, gone on with while the coefficients that no separating
    direction (``found``) moves, or the log-probabilities of the rows that none moves, still
    move; marked ``unsettled`` where ``max_iter`` comes first.

    A coefficient whose limit is far from the start comes down about one unit a scoring
    step, as a diverging one does, and the steps' signature cannot tell the two apart:
    with weights of 1e6 on eight of 143 rows, an outcome of weight 10 beside 1e6 in a cell
    had its coefficient at -6.96, its limit -9.79, when the fit ran off, and the cell's
    fitted probabilities were 2e-4 from its proportions. Only the separation found tells
    which coefficients have limits."""
    fixed = ~diverging_cells(found, data)
    rows = _unmoved_rows(data)
    max_iter = options.get("max_iter", 100)
    options = {k: v for k, v in options.items() if k != "curvature"}
    res = core
    if res.n_iter >= max_iter and not res.ran_off:  # stopped by max_iter before it ran off
        return replace(res, unsettled=True)
    moving = False  # whether the last steps taken still moved what has limits
    while (fixed.any() or rows is not None) and res.n_iter < max_iter:
        steps = min(MORE_STEPS, max_iter - res.n_iter)
        more = fit(data, **{**options, "start": res.B, "max_iter": steps})
        if more.n_iter == 0 or not more.loglik > res.loglik:
            # whole steps gain nothing from where bounded ones left every coefficient far out
            # (the information singular in rounding): bounded ones may still
            more = fit(data, **{**options, "start": res.B, "max_iter": steps, **BOUND})
            if more.n_iter == 0 or not more.loglik > res.loglik:
                # the log-likelihood at its supremum to rounding with coefficients said to
                # have limits still running off, by 27 a step (a dask fit's screen found an
                # empty cell in one equation; another was completely separated by a slope)
                return replace(res, outran=True) if moving else res
        moved = _shift(res.B, more.B, fixed, rows)
        n_iter = res.n_iter + more.n_iter
        res = replace(more, n_iter=n_iter, converged=False, diverged=True)
        moving = moved > FINITE_SETTLED * more.n_iter
        if not moving:
            break
        if n_iter >= max_iter:  # still moving: said beside the separation
            res = replace(res, unsettled=True)
    return res


def _unmoved_rows(data: ModelData) -> tuple[np.ndarray, np.ndarray] | None:
    """The design and a mask of its rows whose linear predictors no separating direction
    moves, in memory and where the span of the directions is known (see
    :func:`mnlogit._recession.moving_rows`), else None. Their probabilities have limits
    even where every coefficient diverges: on 9 rows with weights of 1e4 beside ones, a row
    of (c, x) was fitted 0.273 where its limit is 0.425."""
    if not isinstance(data, InMemoryData):
        return None
    moving = moving_rows(data, data.X)
    return None if moving is None or moving.all() else (data.X, ~moving)


def _shift(
    B: np.ndarray,
    after: np.ndarray,
    fixed: np.ndarray,
    rows: tuple[np.ndarray, np.ndarray] | None,
) -> float:
    """How far the coefficients with limits (``fixed`` cells, relative to 1 + their size)
    and the log-probabilities of ``rows`` (a design and a mask of its rows) moved from
    ``B`` to ``after``."""
    # (relative: an intercept of -463919 beside a column at 1e6 moves by 3 as its slope
    # moves by 3e-6, and the linear predictors not at all)
    moved = np.abs(after - B)[fixed] / (1.0 + np.abs(after[fixed]))
    shift = float(moved.max()) if moved.size else 0.0
    if rows is not None:
        X, kept = rows  # (the whole design, not a copy of its rows: (n, K) products only)
        zero = np.zeros((B.shape[0], 1))  # the reference's predictors
        then = log_probabilities(X, np.hstack([B, zero]))
        now = log_probabilities(X, np.hstack([after, zero]))
        shift = max(shift, float(np.abs(now - then)[kept].max()))
    return shift
