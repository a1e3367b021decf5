"""The L-BFGS phase of a fit with many parameters: ascent on gradient passes only, with a
metric that approximates the information (S kron X'WX, then the information of a sample of
rows where that pays), until the predicted Newton decrement says the coefficients are at the
optimum to far below their standard errors. :func:`mnlogit._solvers.fisher_scoring` runs it
first and then either finishes with one information matrix or defers it.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from ._data import Evaluate
from ._fisher import GRAM, INFO, SAMPLE_INFO, SAMPLE_INFO_ANY_COST, SCORE, Stats
from ._linalg import cho_solve, cholesky, flat, norm, unflat
from ._penalty import Ridge
from ._progress import Progress

__all__ = ["DEFAULT_TOL", "deviance_scale", "gradient_allowance", "gradient_scale", "quasi_newton"]

LBFGS_MEMORY = 10
SAMPLE_AT_DECREMENT = 1.0  # switch to the sampled metric at a decrement of this times p*q
# a refit's metric from the full fit (``curvature``) is given up for the usual route when a
# step leaves more than this share of the decrement (the sampled metric leaves about 1%)
NEAR_RATE = 0.1
# A predicted Newton step longer than this in some coefficient is not a converged fit's, however
# small the decrement it predicts: along a separating direction the score and the curvature
# both vanish like exp(-t) while the step stays about 1 / margin. (Steps were noisy there when
# the scores of near-certain rows lost their digits, and the fits went on until their steps
# showed they ran off; with exact scores the decrement passed the tests 288 units out.)
LONG_STEP = 1e-3
# A stop is no convergence when at an earlier point of the phase the decrement was this
# many times the stop's while the gradient's norm was within MOVED_GRADIENT times the
# stop's: with a fixed curvature the gradient falls about as the decrement's square root,
# so the estimate fell by the metric, not by the fit (see _curvature_moved).
MOVED_DECREMENT = 1e6
MOVED_GRADIENT = 10.0
# The convergence tests compare the deviance's change and the predicted decrement with tol
# times the deviance plus this floor, in units of the smallest positive weight of a row, so
# that a fit whose deviance is near zero can pass them.
DEVIANCE_FLOOR = 0.1


def deviance_scale(dev: float, unit: float = 1.0) -> float:
    """|dev| + DEVIANCE_FLOOR * ``unit`` (the smallest positive weight of a row, in the fit's
    units): what every convergence test's tolerance multiplies.

    The floor was 0.1 whatever the weights' units. Sampling weights are divided by a power of
    two near their mean (survey.weight_scale), so with weights of 1e14 on one outcome's rows
    beside ones the deviance the fit saw was 2.5e-10: the floor swamped it, the tests passed
    with the last Newton step (4e-5 of a coefficient) not taken, and where the fit stopped
    depended on tol and on the route (in memory or dask differed by 6.5e-9, standard errors
    by 1.6e-5). In units of the lightest row the floor is the same for weights multiplied by
    any constant, and 0.1 for unweighted data."""
    return abs(dev) + DEVIANCE_FLOOR * unit


# The fits' default tol. A looser one asks for a fit stopped early, but never for one whose
# next Newton step is longer than GRADIENT_CEILING in squared standard errors (where the
# default allows no more): the allowance is relative to the deviance, which grows with the
# sum of the weights while the standard errors shrink, so at tol=1e-2 frequency weights of
# 1e6 left a fit "converged" 1.2 standard errors from its maximum (0.0012 unweighted), and
# of 1e12, 1,200 (a log-likelihood 9.95e5 below it); at tol=0.5, 26 on 1e5 rows.
DEFAULT_TOL = 1e-10
GRADIENT_CEILING = 1e-4


def gradient_allowance(
    tol: float, dev: float, unit: float = 1.0, share: float = 1.0, power: int = 1
) -> float:
    """What the scaled gradient U'I^-1U (the squared length of the next Newton step in
    standard errors) may be for the fit to pass a test: ``tol**power`` times
    :func:`gradient_scale` (``power`` 2 for the tests that ask for tol^2), but no more than
    ``GRADIENT_CEILING`` or what the default tol allows, whichever is larger (so that the
    default's tests are unchanged).

    Examples
    --------
    >>> gradient_allowance(1e-10, 600.0) == 1e-10 * gradient_scale(600.0)
    True
    >>> gradient_allowance(0.5, 600.0), gradient_allowance(0.5, 6e15, power=2)
    (0.0001, 0.0001)
    """
    scale = gradient_scale(dev, unit, share)
    return min(tol**power * scale, max(GRADIENT_CEILING, DEFAULT_TOL**power * scale))


def gradient_scale(dev: float, unit: float = 1.0, share: float = 1.0) -> float:
    """What ``tol`` multiplies in the test of the scaled gradient U'I^-1U, twice what the
    next Newton step gains: :func:`deviance_scale` of the deviance the rows would have if
    each weighed ``unit`` (``share``: ``unit`` over the mean weight, about), not of theirs.

    Rows of weight 1e9 at z = 0 beside ones made a deviance of 4e11 that tells nothing of
    z's slopes, which only the light rows vary in; 1e-10 of it let the next step gain 22
    log-likelihood units, and the fit stopped as converged after two iterations with a slope
    of 2.21 (standard error 0.36) where the maximum has 3.21. The share is taken no smaller
    than the deviance's own rounding (float64's epsilon): rows weighted 1e-25 beside ones
    would otherwise ask for a scaled gradient below the rounding of the others' scores."""
    return deviance_scale(dev * max(share, float(np.finfo(float).eps)), unit)


def long_step(d: np.ndarray, units: Callable[[], np.ndarray] | None, tol: float) -> bool:
    """Whether the step ``d`` ((p, q)) is longer than LONG_STEP in some coefficient (or
    sqrt(tol), when a looser ``tol`` than 1e-6 asks for a fit stopped early), in units of
    columns of root mean square near 1: ``units()`` gives each column's (a power of two, 1 in
    ordinary units). A fit of data not in memory runs on the columns' own units: a column in
    units of 1e-20 has a coefficient of 1e20, whose last step at convergence is 1e8, and one
    far out along a column (x of 1e12 beside values in [0, 1], root mean square 7e10) steps
    of 1e-12 that are 0.07 in its units: read only where the step looked short, those had a
    dask fit stop, converged, 42 log-likelihood units below the maximum."""
    limit = max(LONG_STEP, float(np.sqrt(tol)))
    if units is None:
        return bool(np.abs(d).max() > limit)
    return bool((np.abs(d) * units()[:, None]).max() > limit)


def quasi_newton(
    evaluate: Evaluate,
    B0: np.ndarray,
    *,
    max_steps: int,
    tol: float,
    shares: np.ndarray | None,
    lazy: bool = False,
    progress: Progress | None = None,
    dear: float = 0.0,
    ridge: Ridge | None = None,
    stop_slack: float = 1.0,
    curvature: np.ndarray | None = None,
    units: Callable[[], np.ndarray] | None = None,
    weight_unit: float = 1.0,
    weight_share: float = 1.0,
) -> tuple[np.ndarray, float | None, int, Stats, bool] | None:
    """L-BFGS ascent on gradient passes, with a metric that approximates the information.

    The information is sum_i W_i (x) x_i x_i' with W_i = diag(P_i) - P_i P_i'. Far from the
    optimum the metric replaces W_i by one q x q matrix S: S (x) X'WX, whose inverse costs two
    small Cholesky solves. With S = diag(pi) - pi pi' from the outcome shares this is the
    exact information at the intercept-only start (the first step is a Newton step; on a
    wide design X'WX is a sample's, see :mod:`mnlogit._sums`, and the step nearly one); without
    them Böhning's S = (I - 11'/K) / 2, which bounds the information everywhere. Once the
    predicted Newton decrement is below p*q (about one standard error per coefficient away),
    the metric becomes the information of a sample of rows at the current point (a few per
    cent of a full information matrix; see ``SAMPLE_INFO``), and each step then gains about two
    digits. L-BFGS corrects either metric from gradient differences.

    Stops when U'HU (H the L-BFGS inverse-Hessian estimate, i.e. the predicted Newton
    decrement: the squared distance to the optimum in standard-error units) falls below
    ``stop_slack * tol**2 * deviance``. As the deviance grows like n and standard errors
    shrink like 1/sqrt(n), that leaves the coefficients about 1e-9 from the optimum whatever n
    is, so the information computed next is the one at the optimum to ~1e-9 (relative) and
    the scoring step it gives lands on the optimum to rounding. Also stops when the decrement
    stalls for four steps. Returns (B, deviance before the last step, steps taken, the Stats
    at B: with the information when the last step predicted the stop and computed it, whether
    the decrement test was passed), or None when the evaluator cannot give X'WX (then the
    scoring loop runs alone). ``lazy``: never compute the information (the fit defers it).

    An evaluator may decline the sample as dearer than the passes it saves; the phase then
    goes on with its first metric, and takes the sample after all (at ``SAMPLE_INFO_ANY_COST``)
    when that stalls or when its rate of progress predicts more passes than the sample's
    cost (``dear``, in gradient passes) and the sampled steps would take together.
    ``ridge``: the penalty ``evaluate`` subtracts, whose Hessian the first metric adds
    (:meth:`Ridge.metric`; X'WX may then be singular).

    ``curvature``: an information matrix (pq, pq) at a point near ``B0`` (a refit's warm
    start: the full model's information, the columns dropped left out). It is the metric from
    the first step, in place of both of the above: the sampled metric gains about two digits
    a step, the information near the optimum several (the refits of a type II anova at
    1e6 x 20 x 5 took 9 gradient passes each). A step that gains less than one digit
    (``NEAR_RATE``) shows the start too far for it, and the usual route takes over.

    ``units``: the columns' scales for :func:`long_step` (a stop with a long step left is
    not reached: scoring takes over). ``weight_unit``: the smallest positive weight of a row
    (see :func:`deviance_scale`); ``weight_share``: its share of the mean weight. The stop
    is held to :func:`gradient_scale`, as the scoring loop's test of the scaled gradient:
    beside rows weighing 1e12 at z = 0 the deviance's own scale let a lazily finished fit
    end as converged with z's slope 0.05 (in standard errors, 0.4) short of the maximum,
    which only the Newton check of its standard errors then reported.
    """
    p, q = B0.shape
    near = None if curvature is None else _information_metric(curvature, p)
    G = evaluate(B0, GRAM).info
    if G is None or G.shape != (p, p):
        return None
    if shares is not None:
        pi = np.asarray(shares, dtype=float)[:q] / np.sum(shares)
        S = np.diag(pi) - np.outer(pi, pi)
    else:
        S = 0.5 * (np.eye(q) - 1.0 / (q + 1))
    kronecker = _kronecker_metric(G, S) if ridge is None else ridge.metric(G, S)
    if kronecker is None:
        return None

    progress = progress or Progress(False)
    taken: tuple[float | None, float | None] = (None, None)  # last step: length, largest change
    reported = -1

    metric: Callable[[np.ndarray], np.ndarray] = kronecker
    rescale, sampled, sample_taken = True, False, False
    if near is not None:
        metric, rescale, sampled, sample_taken = near, False, True, True
    B = B0
    cur = evaluate(B, SCORE)
    dev_prev = None
    s_hist: list[np.ndarray] = []
    y_hist: list[np.ndarray] = []
    steps = 0
    decrements: list[float] = []
    sampled_decrements: list[float] = []
    reached = False
    seen: list[tuple[float, float]] = []  # (decrement, gradient norm) at each point
    while steps < max_steps:
        U = cur.score
        assert U is not None  # SCORE and INFO passes give the score
        d = _two_loop(U, s_hist, y_hist, metric, rescale)
        slope = float(np.vdot(U, d))
        if not slope > 0:  # memory gone stale: restart from the metric alone
            s_hist.clear()
            y_hist.clear()
            d = metric(U)
            slope = float(np.vdot(U, d))
        dev = -2.0 * cur.loglik
        stop = stop_slack * gradient_allowance(tol, dev, weight_unit, weight_share, power=2)
        if reported != steps:  # once per point (not again after a change of metric)
            reported = steps
            progress.iteration(
                "L-BFGS",
                steps,
                cur.loglik,
                None if dev_prev is None else (dev_prev - dev) / 2,
                norm(U),
                slope,
                *taken,
            )
        if slope <= stop:
            # a long step left (see LONG_STEP), or a decrement that fell without the
            # gradient: scoring takes over, whose steps show it
            reached = not long_step(d, units, tol) and not _curvature_moved(seen, slope, norm(U))
            break
        seen.append((slope, norm(U)))
        if near is not None and decrements and slope > NEAR_RATE * decrements[-1]:
            # The start is too far for the full fit's curvature (beside a nearly collinear
            # column, dropping its partner moves the other's coefficient by thousands):
            # from here the usual route, first metric then sample.
            near = None
            metric, rescale, sampled, sample_taken = kronecker, True, False, False
            s_hist.clear()
            y_hist.clear()
            decrements.clear()
            continue
        decrements.append(slope)
        stalled = len(decrements) > 4 and min(decrements[-4:]) > 0.5 * decrements[-5]
        if sampled and not sample_taken and (stalled or _sample_pays(decrements, stop, dear)):
            # The first metric alone makes slow progress (its Kronecker form misses how the
            # outcome probabilities vary with x): take the sample after all.
            sample = _sampled_metric(evaluate, B, SAMPLE_INFO_ANY_COST)
            sample_taken = True
            if sample is not None:
                metric, rescale = sample, False
                s_hist.clear()
                y_hist.clear()
                decrements.clear()
                continue
        if stalled:
            break  # stalled (rounding, or coefficients running off): scoring takes over
        if not sampled and slope <= SAMPLE_AT_DECREMENT * p * q:
            sampled = True
            sample = _sampled_metric(evaluate, B, SAMPLE_INFO)
            if sample is not None:  # None: declined as dearer than the passes it saves
                sample_taken = True
                metric, rescale = sample, False
                s_hist.clear()
                y_hist.clear()
                continue
        level = SCORE
        if sampled and not lazy:
            sampled_decrements.append(slope)
            # The sampled metric converges linearly, at a fairly steady rate: when even the
            # slowest rate seen so far takes the next point past the stopping test, that
            # point's pass computes the information at once (the scoring loop needs it
            # there), which saves a gradient pass.
            rates = [b / a for a, b in itertools.pairwise(sampled_decrements)]
            if rates and slope * max(rates) <= stop:
                level = INFO
        t, trial = _line_search(evaluate, B, cur, d, slope, level, weight_unit)
        if trial is None:
            break
        s = t * d
        yv = U - trial.score  # gradient difference of the negative log-likelihood
        if np.vdot(s, yv) > 0:
            s_hist.append(s)
            y_hist.append(yv)
            if len(s_hist) > LBFGS_MEMORY:
                del s_hist[0], y_hist[0]
        B = B + s
        dev_prev = dev
        cur = trial
        steps += 1
        taken = (t, float(np.abs(s).max()))
        if cur.info is not None:
            break
    return B, dev_prev, steps, cur, reached


def _curvature_moved(seen: list[tuple[float, float]], decrement: float, gradient: float) -> bool:
    """Whether the estimated ``decrement`` at a stop fell by MOVED_DECREMENT since a point of
    ``seen`` (decrement, gradient norm) while the ``gradient`` norm fell less than
    MOVED_GRADIENT: the curvature the L-BFGS metric learned grew under the fit.

    A row far out along a column (x of 1e12 beside values near 1, 84 parameters) is fitted
    first, by steps that each halve its residual while its curvature swamps the other rows'
    along the same coefficients: the estimated decrement fell from 4e-10 to 3.5e-17 with the
    gradient's norm at 1.3e-8 throughout, and a fit that left its standard errors for later
    ended there, converged, 41 log-likelihood units below the maximum (-2303.81 where it is
    -2262.88)."""
    return any(d >= MOVED_DECREMENT * decrement and g <= MOVED_GRADIENT * gradient for d, g in seen)


def _kronecker_metric(G: np.ndarray, S: np.ndarray) -> Callable[[np.ndarray], np.ndarray] | None:
    """V -> G^-1 V S^-1, i.e. (S kron X'WX)^-1 V, or None when X'WX or S is singular."""
    cG, cS = cholesky(G), cholesky(S)
    if cG is None or cS is None:
        return None
    # by Cholesky, as the solves with G: an outcome of weight 1e-25 among ones gives S an
    # rcond of 1e-25, exact all the same (a diagonal's scale), for which linalg.inv emitted
    # scipy's LinAlgWarning to the user
    S_inv = cho_solve(cS, np.eye(len(S)))

    def solve(V: np.ndarray) -> np.ndarray:
        return cho_solve(cG, V) @ S_inv

    return solve


# a sampled metric's L-BFGS steps gain about this many digits of the decrement each
SAMPLED_DIGITS_PER_STEP = 2.0


def _sample_pays(decrements: list[float], stop: float, cost: float) -> bool:
    """Whether the steps left at the recent rate of ``decrements`` (the last three steps)
    outnumber the sampled steps plus the sample's ``cost`` (in gradient passes)."""
    if len(decrements) < 4:
        return False
    ratio = (decrements[-1] / decrements[-4]) ** (1 / 3)
    digits = np.log10(max(decrements[-1] / stop, 1.0))
    if not ratio < 1.0:
        return True
    return digits / -np.log10(ratio) > digits / SAMPLED_DIGITS_PER_STEP + cost


def _sampled_metric(
    evaluate: Evaluate, B: np.ndarray, level: int
) -> Callable[[np.ndarray], np.ndarray] | None:
    """V -> I_sample(B)^-1 V, or None when the evaluator declines or the sample is singular.
    ``level``: SAMPLE_INFO (declined when dear) or SAMPLE_INFO_ANY_COST."""
    info = evaluate(B, level).info
    return None if info is None else _information_metric(info, B.shape[0])


def _information_metric(info: np.ndarray, p: int) -> Callable[[np.ndarray], np.ndarray] | None:
    """V -> info^-1 V for an information matrix (pq, pq), or None when it is singular."""
    c = cholesky(info)
    if c is None:
        return None

    def solve(V: np.ndarray) -> np.ndarray:
        return unflat(cho_solve(c, flat(V)), p)

    return solve


def _two_loop(
    U: np.ndarray,
    s_hist: list[np.ndarray],
    y_hist: list[np.ndarray],
    precondition: Callable[[np.ndarray], np.ndarray],
    rescale: bool = True,
) -> np.ndarray:
    """L-BFGS direction H U (ascent for the log-likelihood), H0 = gamma * preconditioner
    (gamma = 1 when ``rescale`` is False: the preconditioner's scale is already right)."""
    a = []
    r = U.copy()
    for s, yv in zip(reversed(s_hist), reversed(y_hist), strict=True):
        rho = 1.0 / np.vdot(yv, s)
        alpha = rho * np.vdot(s, r)
        r -= alpha * yv
        a.append((rho, alpha))
    r = precondition(r)
    if s_hist and rescale:
        s, yv = s_hist[-1], y_hist[-1]
        r *= np.vdot(s, yv) / np.vdot(yv, precondition(yv))
    for (s, yv), (rho, alpha) in zip(zip(s_hist, y_hist, strict=True), reversed(a), strict=True):
        beta = rho * np.vdot(yv, r)
        r += (alpha - beta) * s
    return r


def _line_search(
    evaluate: Evaluate,
    B: np.ndarray,
    cur: Stats,
    d: np.ndarray,
    slope: float,
    level: int = SCORE,
    weight_unit: float = 1.0,
) -> tuple[float, Stats | None]:
    """Backtracking from the full step: Armijo, or where the log-likelihood's change is lost
    in rounding, the slope test of approximate Wolfe conditions (Hager & Zhang 2005). The
    full step is evaluated at ``level`` (SCORE or INFO), shorter ones at SCORE."""
    noise = 1e-12 * (abs(cur.loglik) + weight_unit)
    t = 1.0
    for _ in range(30):
        trial = evaluate(B + t * d, level if t == 1.0 else SCORE)
        gain = trial.loglik - cur.loglik
        if np.isfinite(trial.loglik):
            if gain >= 1e-4 * t * slope:
                return t, trial
            if gain >= -noise and float(np.vdot(trial.score, d)) >= -0.8 * slope:
                return t, trial
        t *= 0.5
    return t, None
