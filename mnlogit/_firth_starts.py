"""Where a Firth fit starts: the Jeffreys-penalised likelihood can have several local maxima,
so :func:`mnlogit._firth.firth_fit` runs from each of these starts and keeps the highest
maximum; and the design of a restricted fit (coefficients B = L T), whose starts are taken
on it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

import numpy as np

from ._in_memory_data import InMemoryData
from ._penalty import L2
from ._progress import Progress, iterations
from ._solvers import FitResult, estimate, start_point

__all__ = [
    "FIRTH_DAMPED_ML_STEPS",
    "FIRTH_ML_ITERATIONS",
    "FIRTH_RIDGE_C",
    "adjusted_counts_start",
    "firth_starts",
    "reached",
    "restricted_design",
    "restricted_starts",
    "start_fit",
    "unit_columns",
]


# The Jeffreys-penalised likelihood of the multinomial model can have several local maxima
# when the data are (quasi-)separated: Firth fits start from the intercept-only solution, from
# an L2-penalised (ridge) fit with this C, and from this many maximum-likelihood iterations
# halved (a damped path towards the separation), on separated data also from zero and from
# brglm2's start, and keep the highest maximum.
FIRTH_RIDGE_C = 1.0


FIRTH_DAMPED_ML_STEPS = 5
# iterations the maximum-likelihood fit that gives the last start may take in all
FIRTH_ML_ITERATIONS = 50


def firth_starts(
    data: InMemoryData, start: np.ndarray | None, threads: int, progress: Progress
) -> list[tuple[str, np.ndarray | None]]:
    """The starting points of a Firth fit: ``start`` (a refit's warm start) when given, the
    intercept-only solution, a ridge fit, a damped maximum-likelihood path and, where the
    maximum-likelihood fit converges beyond that path's steps, its estimates, else (separated
    data) zero coefficients and brglm2's start (:func:`adjusted_counts_start`). The passes
    of the fits that give starts count among the Firth fit's (``progress``)."""
    starts: list[tuple[str, np.ndarray | None]] = []
    if start is not None:
        starts.append(("the given coefficients", start))
    starts.append(("intercept-only", None))
    # its C weighs the penalty against the weights the fit runs on (sampling weights of
    # mean one), not against the design's scale of them: weights of 1e-310 made the
    # penalty's strength overflow, and the Firth fit was refused as if given too small a C
    design = data.design
    unscaled = data if design is None else replace(data, design=replace(design, weight_scale=1.0))
    ridge = start_fit(
        unscaled, progress, "L2-penalised", penalty=L2(FIRTH_RIDGE_C), threads=threads
    )
    starts.append((f"L2-penalised fit (C = {FIRTH_RIDGE_C:g})", ridge.B))
    damped = start_fit(
        data, progress, "maximum-likelihood", max_iter=FIRTH_DAMPED_ML_STEPS, threads=threads
    )
    starts.append((f"{FIRTH_DAMPED_ML_STEPS} maximum-likelihood steps, halved", damped.B / 2))
    if not damped.converged and not damped.diverged:
        # the maximum-likelihood estimates where they exist: beside a row far out along a
        # column (x of 1e5 beside values near 1) the penalty, large while that row's
        # probability is not yet near 1, holds a local maximum near every other start (the
        # slope 0.0 where the maximum has 6.21, converged and with no word)
        damped = start_fit(
            data,
            progress,
            "maximum-likelihood",
            start=damped.B,
            threads=threads,
            max_iter=FIRTH_ML_ITERATIONS,
            extrapolate=True,
        )
        if damped.converged:
            starts.append(("maximum-likelihood estimates", damped.B))
        else:
            # separated data, where the penalised likelihood can have several maxima: from
            # every probability 1/K too, a start no column's units or offset move, and from
            # brglm2's own start (126 rows quasi-separated, frequency weights 100-500, two
            # outcomes of 2 and 3 rows: the starts above all stopped 0.29 below the maximum
            # brglm2 reaches, converged; 13 rows of weights 1000-5000, 21 coefficients:
            # 0.72 below it, with only the zero start 0.61 below it)
            starts.append(("zero coefficients", np.zeros((data.p, data.q))))
            adjusted = adjusted_counts_start(data, progress, threads)
            if adjusted is not None:
                starts.append(("maximum likelihood of counts plus a half-share", adjusted))
    return [(label, B) for label, B in starts if B is None or np.isfinite(B).all()]


# rows times outcomes beyond which the adjusted-counts start is not taken (it copies X once
# per outcome and once more)
ADJUSTED_START_LARGEST = 2_000_000


def adjusted_counts_start(
    data: InMemoryData, progress: Progress, threads: int
) -> np.ndarray | None:
    """The maximum-likelihood estimates of the counts w_i y_ik plus a = (n + pq) / (2nK) in
    every cell of every row, which are finite whatever the separation: the start
    brglm2's ``brglmFit`` takes for ``brmultinom`` (its Poisson model's responses plus half
    its number of parameters over its number of observations). None for survey designs,
    whose weights are not counts, for data too large to copy once per outcome, and where
    that fit does not converge."""
    n, p, q = data.n_rows, data.p, data.q
    K = q + 1
    if data.design is not None or n * (K + 1) * p > ADJUSTED_START_LARGEST:
        return None
    share = (n + p * q) / (2.0 * n * K)
    pseudo = replace(
        data,
        X=np.vstack([data.X] * (K + 1)),
        y=np.concatenate([data.y] + [np.full(n, k, dtype=data.y.dtype) for k in range(K)]),
        w=np.concatenate([data.w] + [np.full(n, share)] * K),
        weighted=True,
        groups=None,
        frame=None,
        row_index=None,
        strata=None,
        psu=None,
    )
    fit = start_fit(pseudo, progress, "maximum-likelihood (adjusted counts)", threads=threads)
    return fit.B if fit.converged and np.isfinite(fit.B).all() else None


# squared distance, in the information's metric, within which a path has reached a known
# maximum (a tenth of a standard error)
REACHED = 1e-2


def reached(
    B: np.ndarray, pen: float, info: np.ndarray, known: Sequence[FitResult], same: float
) -> FitResult | None:
    """The fit of ``known`` (converged fits from other starts) whose maximum ``B`` has come
    within reach of, below it (``same``: the relative difference of two values at one
    maximum): the rest of the path would only repeat that fit's linearly converging tail,
    20 to 60 iterations."""
    for fit in known:
        top = fit.penalized_loglik
        if top is None or pen > top + same * max(1.0, abs(top)):
            continue
        d = (B - fit.B).T.ravel()  # equation by equation, as the information
        if float(d @ info @ d) < REACHED:
            return fit
    return None


def start_fit(data: InMemoryData, progress: Progress, what: str, **kw: Any) -> FitResult:
    """A fit giving a start, its passes counted in ``progress`` and told in one line (its
    own iteration lines would read as the Firth fit's)."""
    quiet = Progress(False)
    fit = estimate(data, lazy=False, progress=quiet, **kw)
    progress.passes.update(quiet.passes)
    progress.say(f"{what} fit for a start: {iterations(fit.n_iter)}, {quiet.pass_summary()}")
    return fit


def unit_columns(basis: np.ndarray) -> np.ndarray:
    """``basis`` with every column scaled to unit length (the same span; the scoring step's
    system is then as well scaled as the design)."""
    L = np.asarray(basis, dtype=np.float64)
    # over the largest entry first: a basis in the units of equilibrated columns holds
    # 1e300 for a column in units of 1e300, whose square overflowed the norm (a basis of
    # zeros, and every restricted Firth fit "singular at every start")
    top = np.abs(L).max(axis=0) if L.size else np.ones(L.shape[1])
    L = L / np.where((top > 0) & np.isfinite(top), top, 1.0)
    return L / np.maximum(np.linalg.norm(L, axis=0), np.finfo(float).tiny)


def restricted_design(data: InMemoryData, basis: np.ndarray) -> InMemoryData:
    """The design X L of the coefficients T in B = L T: the kept columns when L selects
    columns (so the intercept is found by name), else the product."""
    chosen = np.flatnonzero(np.abs(basis).max(axis=1) > 0)
    if len(chosen) == basis.shape[1] and np.array_equal(basis[chosen], np.eye(len(chosen))):
        return data.subset_columns([int(j) for j in chosen])
    names = tuple(f"b{j}" for j in range(basis.shape[1]))
    return replace(
        data.subset_columns([]),
        X=data.X @ basis,
        column_names=names,
        terms={name: (j,) for j, name in enumerate(names)},
    )


def restricted_starts(
    data: InMemoryData,
    basis: np.ndarray,
    start: np.ndarray | None,
    threads: int,
    progress: Progress,
) -> list[tuple[str, np.ndarray | None]]:
    """The starts of a restricted fit, in the whole design's coefficients B = L T: ``start``
    projected onto the span of L, then a full fit's starts on the design X L."""
    small = restricted_design(data, basis)
    given = None
    if start is not None:  # least squares onto the span (for a column subset, the kept rows)
        given = np.linalg.lstsq(basis, np.asarray(start, dtype=np.float64), rcond=None)[0]
    starts = firth_starts(small, given, threads, progress)
    return [(label, basis @ start_point(small, T)) for label, T in starts]
