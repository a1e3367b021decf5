"""The rules a scoring iteration's steps follow: when the fit has converged (or converged at
the precision of its sums), when steps that stop shrinking mean separation, how a rising
step is doubled towards a finite maximum far out, and the damped factor of an information
singular in rounding only. :func:`mnlogit._solvers.fisher_scoring` applies them.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import numpy as np

from ._data import Evaluate
from ._fisher import INFO, LOGLIK, SCORE, Stats
from ._linalg import cho_solve, cholesky, flat
from ._quasi_newton import LONG_STEP, deviance_scale, gradient_allowance

EPSILON = float(np.finfo(float).eps)  # below it, a share of the deviance is lost to rounding
# The scaled gradient U'I^-1U is the squared length of the next Newton step in standard
# errors (the information's metric): at the sums' rounding, a fit is taken as converged
# when that step is at most a hundredth of a standard error.
ROUNDING_STEP = 1e-4

__all__ = [
    "STEP_BOUND",
    "at_rounding",
    "damped_factor",
    "deviance_scale",
    "extrapolated",
    "has_converged",
    "last_step",
    "line_step",
    "lost_to_rounding",
    "moves_information",
    "running_off",
    "sandwich_norm",
    "stalled_at_rounding",
]


def has_converged(
    dev: float,
    dev_prev: float | None,
    gnorm: float,
    tol: float,
    unit: float = 1.0,
    share: float = 1.0,
    gnorm_prev: float | None = None,
    rounding_norm: float | None = None,
    stalled: int = 0,
) -> bool:
    """The deviance's last change below ``tol`` times the deviance (see
    :func:`mnlogit._quasi_newton.deviance_scale`; ``unit``: the smallest positive weight of a
    row), and the scaled gradient U'I^-1U below ``tol`` times
    :func:`mnlogit._quasi_newton.gradient_scale` (``share``: ``unit`` over the mean weight).

    Where that share is below float64's epsilon (weights spanning about 1e16 and more), the
    allowance is the epsilon's, far above what the lightest rows alone determine: beside 200
    rows of weight 1e24 at z = 0, the fit stopped as converged with a scaled gradient of 4.7
    and z's slope at 2.91 (standard error 0.36) where the maximum has 3.21 (0.51). Within
    that allowance the steps now go on while they still halve the scaled gradient
    (``gnorm_prev``, the last one's): Newton's steps converge quadratically down to the
    sums' rounding, where they stop halving (or no step length is an ascent: ``stalled``,
    see :func:`at_rounding`). There the step must be short in standard errors:
    ``rounding_norm`` its squared length in the sandwich's (see :func:`sandwich_norm`), the
    scaled gradient when not given."""
    if _within_allowance(dev, dev_prev, gnorm, tol, unit, share) and (
        share >= EPSILON or gnorm <= tol * deviance_scale(dev * share, unit)
    ):
        return True
    length = gnorm if rounding_norm is None else rounding_norm
    return at_rounding(dev, dev_prev, gnorm, tol, unit, share, gnorm_prev, stalled) and (
        length <= ROUNDING_STEP
    )


def lost_to_rounding(
    dev: float,
    dev_prev: float | None,
    gnorm: float,
    tol: float,
    unit: float,
    share: float,
    gnorm_prev: float | None,
    rounding_norm: float | None = None,
    stalled: int = 0,
) -> bool:
    """Whether scoring has reached the rounding of its sums (see :func:`at_rounding`) with
    the next step still longer than ROUNDING_STEP (``rounding_norm`` as in
    :func:`has_converged`): that rounding then hides what the lightest rows alone determine,
    and the fit has no estimate of it. Beside 200 rows of weight 1e60 at z = 0
    the scaled gradient stayed at 2e30 and z's slope at 2.21, where the maximum has 3.21."""
    return (
        at_rounding(dev, dev_prev, gnorm, tol, unit, share, gnorm_prev, stalled)
        and (gnorm if rounding_norm is None else rounding_norm) > ROUNDING_STEP
    )


def at_rounding(
    dev: float,
    dev_prev: float | None,
    gnorm: float,
    tol: float,
    unit: float,
    share: float,
    gnorm_prev: float | None,
    stalled: int = 0,
) -> bool:
    """Whether the lightest rows' share is below float64's epsilon and the steps have reached
    the sums' rounding: within the epsilon-held allowance they no longer halve the scaled
    gradient, or (``stalled``) no step length was an ascent twice running with the deviance
    still. There :func:`has_converged` and :func:`lost_to_rounding` read the next step's
    length in standard errors. Beside 200 rows weighing 1e143 at z = 0 the steps lost to
    rounding while the scaled gradient, 1e13 above the epsilon-held allowance, still halved:
    the sqrt(tol) allowance of :func:`stalled_at_rounding` called that converged, with z's
    slope at 2.91 where the maximum has 3.21."""
    if share >= EPSILON:
        return False
    if stalled >= 2:
        return dev_prev is not None and abs(dev_prev - dev) <= tol * deviance_scale(dev, unit)
    return _within_allowance(dev, dev_prev, gnorm, tol, unit, share) and _halving_stopped(
        gnorm, gnorm_prev
    )


def sandwich_norm(V: np.ndarray, d: np.ndarray) -> float:
    """d' V^-1 d: the squared length of the Newton step ``d`` in the standard errors of its
    sandwich covariance ``V`` (I^-1 M I^-1, M the meat of the scores); infinite when V is
    singular (what some rows alone determine has no standard error in float64).

    Sampling weights are scaled to a mean near 1, so the information's own metric, U'I^-1U,
    is in no unit of the data: beside 200 rows weighing 1e30 at z = 0 the light rows weighed
    1.6e-30 of the mean, the scaled gradient was 5e-29 and the fit stopped as converged with
    z's slope at 2.91 where the maximum has 3.21. The sandwich's metric does not change when
    the weights are multiplied by a constant: there the step was 11 standard errors squared.
    V comes from the scores projected on I^-1, not from M: rows weighing 1e-200 have squared
    scores below float64's range, whose projections are of the size of their variances."""
    c = cholesky(V)
    if c is None:
        return float("inf")
    u = flat(d)
    return float(u @ cho_solve(c, u))


def moves_information(D: np.ndarray, extent: np.ndarray | None, move: float, eta: float) -> bool:
    """Whether the last scoring step ``D`` (p, q), taken with the information of the point
    before it, may leave that information further from the one at B + D than the
    covariance's promised precision.

    The step moves each row's linear predictors by at most max_k sum_a extent_a |D_ak|
    (``extent``: each column's largest |x| over the rows of positive weight), its
    log-probabilities by at most twice that and the information's entries (products of two
    probabilities) relatively by about four times that; the test is that move against
    ``eta``. Without the rows' extents (rows held elsewhere): whether a coefficient moved by
    more than ``move``. A step's size in standard errors, or in the coefficients' units, is
    no measure of it: an outcome of 3 rows in 1e5 has the information of about 3 rows, which
    changes relatively by about 1 per unit of its intercept, and a last step of 1e-8 there
    left its standard errors 1e-8 (relative) from those at the estimates; beside a dummy of
    30 rows in 2e4, whose largest value is 26 times its root mean square (the fit's unit),
    1.3e-7."""
    if extent is None:
        return bool(np.abs(D).max() > move)
    return not _reach(D, extent) <= eta


def _reach(D: np.ndarray, extent: np.ndarray) -> float:
    """The most the step ``D`` (p, q) moves a row's linear predictor: max_k sum_a
    extent_a |D_ak| (NaN where an infinite extent meets a zero step)."""
    with np.errstate(over="ignore", invalid="ignore"):
        return float((np.asarray(extent)[:, None] * np.abs(D)).sum(axis=0).max(initial=0.0))


# a bounded scoring step moves no row's linear predictor by more than this: a probability by
# a factor of at most e^4 (see bounded_step)
STEP_BOUND = 4.0


def bounded_step(D: np.ndarray, extent: np.ndarray | None, bound: float) -> np.ndarray:
    """``D`` (p, q) shortened so that it moves no row's linear predictor by more than
    ``bound`` (``extent``: each column's largest |x| over the rows of positive weight).
    Unchanged without the extents.

    A scoring step is the information's inverse times the score; where a few rows of small
    weight hold a column's curvature, it can be thousands along that column, and the step
    halving keeps the first fraction of it that gains: a rare level of two rows (weights 2
    and 77 beside 26,000) went from 16 to 263 in one such step, where its probabilities are
    0 and 1 to rounding, its information 1e-114, and no later step moved it back."""
    if extent is None:
        return D
    reach = _reach(D, extent)
    return D * (bound / reach) if reach > bound else D


def _within_allowance(
    dev: float, dev_prev: float | None, gnorm: float, tol: float, unit: float, share: float
) -> bool:
    return (
        dev_prev is not None
        and abs(dev_prev - dev) <= tol * deviance_scale(dev, unit)
        and gnorm <= gradient_allowance(tol, dev, unit, share)
    )


def _halving_stopped(gnorm: float, gnorm_prev: float | None) -> bool:
    # Newton's steps converge quadratically, down to the sums' rounding
    return gnorm_prev is not None and gnorm > 0.5 * gnorm_prev


def line_step(
    at: Evaluate,
    B: np.ndarray,
    D: np.ndarray,
    cur: Stats,
    long: Callable[[np.ndarray], bool],
    *,
    worth: bool,
) -> tuple[Stats, float, bool]:
    """The step along ``D`` from ``B`` (``cur`` its Stats): ``D`` halved, at most 40 times,
    until the log-likelihood is no lower than ``cur``'s beyond its rounding (1e-12 of it).
    Returns the last trial's Stats, its length and whether it is a proven ascent.

    Where the step is ``worth`` it (the scaled gradient is at least the lightest row's
    weight: below that, the score's own rounding would keep steps going), a step that
    ``long(step * D)`` calls long and whose log-likelihood falls within that rounding is
    decided by the slope at its end instead: the log-likelihood is concave, so a step whose
    end still rises along ``D`` rose all along. With frequency weights of 1e15 on
    ten rows beside ones, the log-likelihood of -2.7e15 carries rounding of hundreds of units
    while the other rows' coefficients move it by less: steps that lost 344 and 98 were taken
    as rounding, and the fit stopped as converged with an intercept of -132.1 (standard error
    0.34) where the maximum has -84.4 (1.23), 9.5 log-likelihood units higher."""
    band = 1e-12 * abs(cur.loglik)
    step = 1.0
    for _ in range(40):
        trial = at(B + step * D, LOGLIK)
        if trial.loglik >= cur.loglik:
            return trial, step, True
        if trial.loglik >= cur.loglik - band:
            if not (worth and long(step * D)):
                return trial, step, False
            end = at(B + step * D, SCORE)
            assert end.score is not None
            if float(flat(end.score) @ flat(D)) >= 0.0:
                return trial, step, True
        step /= 2
    return trial, step, False


def stalled_at_rounding(
    dev: float,
    dev_prev: float | None,
    gnorm: float,
    tol: float,
    stalled: int,
    unit: float = 1.0,
    share: float = 1.0,
) -> bool:
    """Converged at the precision of the sums: two steps running that no step length made an
    ascent, the deviance still, and the scaled gradient below sqrt(tol) of it.

    With frequency weights of 1e10 beside ones, the weighted log-likelihood carries rounding
    of about 1e-5, and the score a noise that the information magnifies: the scaled gradient
    stayed at 6e-6 (the test asks for 4e-7) while every step lost to rounding, and the fit
    ran to max_iter and said to increase it, at the maximum to rounding. Where the lightest
    rows' ``share`` is below float64's epsilon, :func:`at_rounding` decides instead: what
    they alone determine is lost in the noise this allowance admits."""
    if stalled < 2 or dev_prev is None or share < EPSILON:
        return False
    scale = deviance_scale(dev, unit)
    return abs(dev_prev - dev) <= tol * scale and gnorm <= np.sqrt(tol) * scale


def last_step(at: Evaluate, B: np.ndarray, D: np.ndarray, cur: Stats) -> tuple[np.ndarray, Stats]:
    """The Newton step ``D`` left where a fit converged with it not far below the standard
    errors (the scaled gradient above ``FINAL_STEP_SLACK * tol**2`` times the deviance), taken
    with the information computed again at B + D: (the estimates, their INFO-level Stats).
    Kept from ``B`` (``cur`` its Stats) where it loses beyond rounding or leaves the
    information singular.

    The convergence test bounds the scaled gradient by ``tol`` times the deviance the rows
    would have at the lightest one's weight, the squared length of that step in standard
    errors: a quadratically converging fit almost always lands far below it and takes the
    step, but one that lands just under it stopped that far short. Sampling weights a
    million times apart, a subpopulation gone on with after the exact check found no
    separation, stopped with a scaled gradient of 2.4e-8 (its test 3.8e-8): the estimates
    were 5e-6 design standard errors (1.6e-4 model ones) from the maximum, which a fit at
    tol=1e-13 and the dask fit reach to 4e-15."""
    after = at(B + D, INFO)
    kept = after.loglik >= cur.loglik - 1e-12 * abs(cur.loglik)
    if not kept or after.info is None or cholesky(after.info) is None:
        return B, cur
    return B + D, after


def extrapolated(
    at: Evaluate, B: np.ndarray, D: np.ndarray, trial: Stats, most: int
) -> tuple[Stats, float]:
    """The full step ``D`` from ``B`` (``trial`` its Stats) doubled, at most ``most`` times,
    while the log-likelihood still rises: (the Stats of the longest such step, its length).

    A row whose linear predictor is far out along a column (x of 1e12 beside values near 1)
    is fitted first: each Newton step moves it about one unit towards a probability of 1,
    while its curvature, vanishing as it gets there, still swamps every other row's. Those
    steps do not shrink, as separation's do not, and the scaled gradient fell below the
    convergence test with the other rows not yet fitted (a log-likelihood of -216.4 where the
    maximum is -174.6). Doubled, they take such a row to its probability of 1 in a step or
    two, after which the steps fit the other rows."""
    step = 1.0
    for _ in range(most):
        longer = at(B + 2.0 * step * D, LOGLIK)
        if not longer.loglik > trial.loglik:
            break
        trial, step = longer, 2.0 * step
    return trial, step


def damped_factor(info: np.ndarray) -> np.ndarray | None:
    """The Cholesky factor of I + mu diag(I), for the smallest mu (from 1e-12 by factors
    of 100) that makes it positive definite: a Levenberg-Marquardt step, for an information
    that is singular in rounding only.

    Where the maximum is known to be finite (the exact check finds no separation), an
    information singular to rounding comes of the numbers, not of the model: one row whose
    weight is 1e10 times the others' put every fitted probability within 1e-8 of 1 at the
    intercept-only start, and the fit stopped there, its slopes 0, where the maximum is
    well determined. The step-halving keeps every damped step an ascent; no damped iteration
    counts as converged, and the covariance is the inverse of the information itself (NaN
    standard errors where that is still singular)."""
    scale = np.diag(np.diag(info))
    for mu in 10.0 ** np.arange(-12, 3, 2):
        c = cholesky(info + mu * scale)
        if c is not None:
            return c
    return None


def running_off(steps: list[float], whole: list[bool]) -> bool:
    """Separation's signature: whole steps that stop shrinking while the fit keeps improving.

    Newton steps towards a finite maximum shrink quadratically; towards a maximum at infinity
    they settle at a roughly constant size. Eight iterations in, five steps in a row each at
    least half the previous one, none small, and each of the six whole (``whole``: neither
    halved nor bounded), mean the coefficients are running off. Coefficients
    with finite limits far from the start look the same; a separated fit is gone on with
    until they settle (see :func:`mnlogit._separated_finish.finite_settled`).

    Halved steps are no such sign: from the intercept-only start a rare outcome's
    probabilities were 0.006 in cells where a third of the rows held it, its scoring steps
    there were hundreds long, and their halved fractions, 8 to 22 long, gained 18 to 144
    log-likelihood units each (frequency weights of 1000 on eight of 143 rows, one cell of
    ``y ~ g*h`` missing an outcome). Called running off after eight of them, the fit stopped
    250 units below the supremum, its fitted probabilities 0.70 from the proportions of a
    cell that no outcome was missing from.
    """
    if len(steps) < 8 or not all(whole[-6:]):
        return False
    last = steps[-6:]
    return all(b >= 0.5 * a and b > LONG_STEP for a, b in itertools.pairwise(last))
