"""The maximum-likelihood optimiser: Fisher scoring with step-halving and an L-BFGS phase on
gradient passes for many parameters, reading the data only through an
``evaluate(B, level)`` function (see :mod:`mnlogit._fisher`). Firth's bias-reduced fit is in
:mod:`mnlogit._firth`, the table of methods that ``method=`` selects in :mod:`mnlogit._methods`.

A gradient pass costs O(n p q) and an information matrix O(n (pq)^2), so for many parameters
:func:`fisher_scoring` first runs L-BFGS on gradient passes, with a metric that approximates
the information (S kron X'WX, then the information of a sample of rows), and computes the
full information once, at the optimum, where it gives both the last scoring step and the
covariance.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from ._data import Evaluate, ModelData
from ._deferred_information import (
    Information,
    InformationPass,
    deferred_information,
    few_rows_carry,
)
from ._fisher import INFO
from ._linalg import cho_solve, cholesky, flat, inverse_from_cholesky, norm, unflat
from ._memory import check_information_fits, information_fits
from ._null import null_start
from ._once import CachedState, cached_property
from ._parallel import default_threads, requested_threads, single_threaded_blas
from ._penalty import L2, Ridge
from ._progress import Progress, iterations
from ._quasi_newton import DEFAULT_TOL, deviance_scale, long_step, quasi_newton
from ._step_rules import (
    at_rounding,
    bounded_step,
    damped_factor,
    extrapolated,
    has_converged,
    last_step,
    line_step,
    lost_to_rounding,
    moves_information,
    running_off,
    sandwich_norm,
    stalled_at_rounding,
)
from .exceptions import EstimationError

# At or above this many parameters p*q a Newton step is dominated by the information matrix
# (m (pq)^2 flops against m pq for a gradient), so the fit first runs preconditioned L-BFGS on
# gradient passes and computes the information only at the end (see fisher_scoring).
QUASI_NEWTON_MIN_PARAMS = 20
# ...and when one information matrix costs at least this many multiply-adds, n (pq)^2: below
# it a whole Newton fit takes a few milliseconds and the phase would save less than that.
QUASI_NEWTON_MIN_WORK = 2e6
# The last scoring step is taken with the information it was computed from once the
# predicted decrement U'I^-1U (squared distance to the optimum in standard errors) is below
# this times tol**2 times the deviance. The deviance grows like n and the information's
# relative change per standard error shrinks like 1/sqrt(n), so the covariance is then that
# at the optimum to about sqrt(FINAL_STEP_SLACK) * tol (1e-9 relative by default).
FINAL_STEP_SLACK = 100.0
# That argument takes the information for the estimates' precision. With probability weights
# far below the others on one outcome's rows (1e-12 beside ones), the model-based information
# of that equation is 1e-12 of what its design-based variance reflects: a last step of 4.7e-4
# in its intercept was "far below" its model standard error, and the sandwich built at the
# point before it was 8.5e-8 (relative) from the one at the estimates. So a last step is
# measured by how far it can move the rows' linear predictors, and so the information (see
# _step_rules.moves_information): a move of more than this has the information computed
# again at the estimates, one more pass (5 of 36 ordinary fits took it, 10% of their time).
# At most this, the covariance moves by at most about 4e-9 (relative), measured 30 times less.
FINAL_ETA_MOVE = 1e-9
# ...or, for an evaluator given without the columns' extents, a coefficient moved by more
# than this (in the fit's units): 1e-8 of a rare outcome's intercept left its standard
# errors 1e-8 off
FINAL_STEP_MOVE = 1e-8
# A fit that defers its information (lazy standard errors) takes no last scoring step, so its
# L-BFGS phase goes on until the predicted decrement is below this times tol**2 times the
# deviance: about one more gradient pass, for coefficients ~sqrt(FINAL_STEP_SLACK) times
# closer to the optimum than the eager route's L-BFGS leaves them (before its last step).
LAZY_STOP_SLACK = 1.0


@dataclass(frozen=True, eq=False)
class FitResult(CachedState):
    """Outcome of an optimiser: the estimates and, at them, the information and its inverse.

    The information either comes with the fit (``computed``: the scoring loop needed it) or
    is ``deferred``: a function that computes it at ``B`` when :attr:`info` or :attr:`cov` is
    first read, after which both are kept (a fit whose user reads only the coefficients never
    pays for the information matrix).
    """

    B: np.ndarray  # (p, q)
    loglik: float
    n_iter: int
    converged: bool
    diverged: bool  # coefficients running off or information singular (separation suspected)
    penalized_loglik: float | None = None  # Firth fits: l(B) + log det I(B) / 2
    # the fit's settings, which its refits (tests, IIA) and deferred information reuse
    threads: int | None = None  # the threads= asked for (None: no limit was asked)
    verbose: bool = False
    computed: tuple[np.ndarray, np.ndarray | None] | None = None  # (info, cov) from the fit
    deferred: Callable[[], tuple[np.ndarray, np.ndarray | None]] | None = None
    # The fit ran on the columns X / scale (see equilibrate): B is in the user's units, the
    # curvature above in the fit's, that of the coefficients scale * B.
    scale: np.ndarray | None = None
    # Firth fits: the penalised log-likelihoods of the distinct local maxima its starts reached
    maxima: tuple[float, ...] = ()
    # (the exact separation check's finding,) when the fit ran it (see _methods), else None
    separation_check: tuple[Any] | None = None
    # stopped in its L-BFGS phase before max_iter, no longer progressing, without the
    # information that scoring steps need (it would not fit in memory): more iterations
    # would not help
    stalled: bool = False
    # the scaled gradient where scoring stopped at the sums' rounding, above what the
    # lightest rows alone determine (see _step_rules.lost_to_rounding): not converged
    rounding: float | None = None
    # (T, the fit on the columns X T) when the fit ran on an orthogonal basis of nearly
    # dependent columns (see _methods.orthogonalise): S * B = T B_Q, where the delta method's
    # quadratic forms keep the digits that the covariance of S * B rounds away
    basis: tuple[np.ndarray, FitResult] | None = None
    # diverged on separation's signature (see _step_rules.running_off), not on a singular
    # information or steps that gained nothing, where its own steps may have thrown it
    ran_off: bool = False
    direction: np.ndarray | None = None  # where it ran off: its last step (p, q)
    # separated, its coefficients with finite limits still moving at max_iter (see
    # _separated_finish.finite_settled): they are not final
    unsettled: bool = False
    # separated, its coefficients with finite limits (as the separation found has them)
    # still moving when no step gained any more: what was found, a dask fit's screen of its
    # sums, does not account for the whole divergence
    outran: bool = False

    @cached_property
    def _curvature(self) -> tuple[np.ndarray, np.ndarray | None]:
        if self.computed is not None:
            return self.computed
        if self.deferred is None:
            raise EstimationError("the fit kept neither the information nor a way to compute it")
        return self.deferred()

    @property
    def info(self) -> np.ndarray:
        """The information at ``B`` (computed now if the fit deferred it)."""
        info = self._curvature[0]
        if self.scale is None:
            return info
        S = self._param_scale
        return info * S[:, None] * S[None, :]

    @property
    def cov(self) -> np.ndarray | None:
        """The inverse information at ``B``, None when the information is singular."""
        cov = self._curvature[1]
        if self.scale is None or cov is None:
            return cov
        S = self._param_scale
        return cov / S[:, None] / S[None, :]

    @property
    def scaled_info(self) -> np.ndarray:
        """The information of the coefficients ``S * flat(B)`` the fit ran on (see
        :attr:`scaled_cov`)."""
        return self._curvature[0]

    @property
    def scaled_cov(self) -> tuple[np.ndarray | None, np.ndarray]:
        """The inverse information of the coefficients ``S * flat(B)`` the fit ran on, and S
        (equation-major; ones when the columns were not rescaled): what standard errors of
        columns in extreme units come from without overflow or underflow."""
        return self._curvature[1], self._param_scale

    @cached_property
    def _param_scale(self) -> np.ndarray:
        p, q = self.B.shape
        return np.ones(p * q) if self.scale is None else np.tile(self.scale, q)

    @property
    def pending(self) -> bool:
        """Whether the information is still to be computed (reading it costs a pass)."""
        return self.computed is None and "_curvature" not in self.__dict__


def fisher_scoring(
    evaluate: Evaluate,
    B0: np.ndarray,
    *,
    max_iter: int = 100,
    tol: float = DEFAULT_TOL,
    quasi_newton_min: int | None = None,
    shares: np.ndarray | None = None,
    information: Information | None = None,
    progress: Progress | None = None,
    sample_cost: float = 0.0,
    ridge: Ridge | None = None,
    scoring: bool = True,
    finite: bool = False,
    curvature: np.ndarray | None = None,
    extrapolate: bool = False,
    units: Callable[[], np.ndarray] | None = None,
    weight_unit: float = 1.0,
    weight_share: float = 1.0,
    meat: Callable[[np.ndarray, np.ndarray], np.ndarray] | None = None,
    extent: Callable[[], np.ndarray | None] | None = None,
    step_bound: float | None = None,
) -> FitResult:
    """Maximise the log-likelihood by Fisher scoring with step-halving.

    ``evaluate(B, level)`` returns the :class:`Stats` summed over all rows (level 0: log-
    likelihood, 1: + score, 2: + information; optionally ``GRAM``: X'WX and ``SAMPLE_INFO``:
    the information of a sample of rows), in memory (:func:`stats`) or over the partitions of
    a distributed data set; it is the only way the loop reads the data. Each iteration solves
    I(B) d = U(B) with a Cholesky factorisation. Convergence needs both the relative change in
    deviance and the scaled gradient U'I^-1U below ``tol``; the information at the returned B
    is the one its covariance comes from.

    With p*q >= ``quasi_newton_min`` (default ``QUASI_NEWTON_MIN_PARAMS``) and an evaluator
    that answers ``GRAM``, the fit first runs L-BFGS on gradient passes only (see
    :func:`mnlogit._quasi_newton.quasi_newton`) until the predicted Newton decrement is far
    below the convergence threshold, so the first information matrix (computed by the last
    L-BFGS step's own pass) is already at the optimum: it passes the convergence test and
    gives the covariance.
    ``shares``: outcome shares (reference last) for the preconditioner's curvature; Böhning's
    bound without them.
    Every iteration of either kind counts against ``max_iter`` (L-BFGS takes at most half).

    When the scaled gradient at convergence is below ``FINAL_STEP_SLACK * tol**2`` times the
    deviance, the last scoring step (far below the standard errors) is taken with the same
    information, which then gives the covariance of the returned coefficients to ~1e-9
    (relative; see ``FINAL_STEP_SLACK``).

    ``information(B)``, when given, makes the standard errors lazy: when the L-BFGS phase
    stops on its own test (the predicted Newton decrement U'HU below ``LAZY_STOP_SLACK *
    tol**2`` times the deviance, the deviance's last change below ``tol`` times it), the fit
    ends there without an information matrix, and the result's information is computed by
    ``information(B)`` (level ``INFO`` Stats at B, its Cholesky factor and inverse, None
    when singular) when first read (see
    :func:`mnlogit._deferred_information.deferred_information`). The returned B then lacks
    the last scoring step, which the eager route takes; both tests bound it far below the
    standard errors (about 1e-9 of a coefficient at the default ``tol``), so the two routes
    agree to that. ``progress``
    reports each iteration (``verbose=True``); ``sample_cost``: what the evaluator's sampled
    information costs, in gradient passes (see :func:`mnlogit._quasi_newton.quasi_newton`).

    ``ridge``: ``evaluate`` and ``information`` give the sums of the log-likelihood less this
    penalty (:meth:`Ridge.evaluator`); the quasi-Newton phase's first metric then includes
    its Hessian.

    ``finite``: the maximum is known to be finite (the exact check finds no separation), so
    steps that stop shrinking do not end the fit as separation's; only ``max_iter`` does (as
    with a penalty, whose maximum is always finite). A full step that rises is then doubled
    while the log-likelihood still rises (see :func:`extrapolated`); ``extrapolate``: so
    is it, at most 8 times, where the maximum may not be finite.

    ``scoring=False`` (the information would not fit in memory, and ``information`` is given)
    gives the L-BFGS phase every iteration and returns where it stops, converged or not,
    with the information deferred (asking for it then raises the memory error).

    ``curvature``: an information matrix near ``B0``, the L-BFGS phase's metric (a refit's
    warm start; see :func:`mnlogit._quasi_newton.quasi_newton`).

    ``units``: each column's scale (root mean square, a power of two), for
    :func:`mnlogit._quasi_newton.long_step`: a step left longer than ``LONG_STEP`` in those
    units is no convergence (where ``finite``, unless the last two steps lost to rounding).
    ``weight_unit``, ``weight_share``: the lightest row's weight, and its share of the mean
    (see :func:`mnlogit._step_rules.has_converged`); ``meat(B, P)``: P'MP, M the meat of
    the scores at B, for probability weights, whose steps at the sums' rounding are measured
    in the sandwich's standard errors (:func:`mnlogit._step_rules.sandwich_norm`);
    ``extent()``: each column's largest |x| over the rows of positive weight, which measures
    how far the last step moves the information (without it, how far it moves a coefficient).
    ``step_bound``: each scoring step is shortened to move no row's linear predictor by more
    than this (see :func:`mnlogit._step_rules.bounded_step`).
    """
    p, q = B0.shape
    reach = extent or (lambda: None)
    at = evaluate
    progress = progress or Progress(False)
    threshold = QUASI_NEWTON_MIN_PARAMS if quasi_newton_min is None else quasi_newton_min

    B = B0.copy()
    dev_prev = cur = None
    n_iter = 0
    if (p * q >= threshold and max_iter > 1) or not scoring:
        # at most half the iterations, so that scoring steps remain to finish the fit or, when
        # the coefficients run off (separation), to show it
        lazy = information is not None
        pre = quasi_newton(
            at,
            B,
            max_steps=max_iter // 2 if scoring else max_iter,
            tol=tol,
            shares=shares,
            lazy=lazy,
            stop_slack=LAZY_STOP_SLACK if lazy else FINAL_STEP_SLACK,
            progress=progress,
            dear=sample_cost,
            ridge=ridge,
            curvature=curvature,
            units=units,
            weight_unit=weight_unit,
            weight_share=weight_share,
        )
        if pre is not None:
            B, dev_prev, n_iter, last, reached = pre
            if last.info is not None:
                cur = last
            elif information is not None:
                dev = -2.0 * last.loglik
                converged = (
                    reached
                    and dev_prev is not None
                    and abs(dev_prev - dev) <= tol * deviance_scale(dev, weight_unit)
                )
                if converged or not scoring:
                    progress.say(
                        ("converged" if converged else "stopped")
                        + " in the L-BFGS phase; "
                        + (
                            "the information matrix is computed when the standard errors "
                            "are first needed"
                            if scoring
                            else "the information matrix, which scoring steps and the "
                            "standard errors need, would not fit in memory: "
                            "res.cov_params(terms=[...]) gives selected terms' covariance"
                        )
                    )
                    later = (information, B, last.loglik, tol, progress, weight_unit)
                    return FitResult(
                        B,
                        last.loglik,
                        n_iter,
                        converged,
                        False,
                        deferred=functools.partial(deferred_information, *later, weight_share),
                        stalled=not converged and n_iter < max_iter,
                    )
    if cur is None:
        cur = at(B, INFO)
    loglik = cur.loglik
    steps: list[float] = []
    whole: list[bool] = []  # of each of steps, whether neither halving nor a bound cut it
    step = None
    converged = diverged = ran_off = False
    off = None  # the last step, where the steps show separation's signature
    stalled = 0  # consecutive steps that no step length made an ascent
    gnorm_prev: float | None = None  # the scaled gradient at the last iteration
    rounding = None
    restart = n_iter > 0  # whether scoring may start over from B0 (see below)
    while True:
        assert cur.info is not None and cur.score is not None  # an INFO-level pass
        c, factored = cholesky(cur.info), cur
        damped = c is None and finite
        if damped:  # singular in rounding only: the maximum is finite (see damped_factor)
            c = damped_factor(cur.info)
            if c is not None and not np.isfinite(cho_solve(c, flat(cur.score))).all():
                # an information of zeros but for subnormal entries (every probability 0 or
                # 1, at a warm start far off) has a factor and no step: its NaN direction
                # cost 40 halvings and numpy's warnings before the fit stopped anyway
                c = None
        if c is None and restart:
            # Under separation L-BFGS, which has no test for running off, takes the
            # separated equations' coefficients so far out that the information is singular
            # in rounding: every standard error was NaN, those of the finite equations too.
            # Scoring from the start stops where they still have theirs, as without L-BFGS.
            progress.say("information singular after the L-BFGS phase: scoring from the start")
            restart, B, dev_prev, step = False, B0.copy(), None, None
            cur = at(B, INFO)
            continue
        if c is None:
            diverged = True
            break
        assert cur.score is not None  # (the restart's pass is INFO-level too)
        d = cho_solve(c, flat(cur.score))
        gnorm = float(flat(cur.score) @ d)
        dev = -2.0 * cur.loglik
        progress.iteration(
            "Fisher scoring",
            n_iter,
            cur.loglik,
            None if dev_prev is None else (dev_prev - dev) / 2,
            norm(cur.score),
            gnorm,
            step,
            steps[-1] if steps and step is not None else None,
        )
        # A long step left is no maximum (see LONG_STEP), also where no step gains beyond
        # the sums' rounding: that is a fit far out along a separating direction (or a
        # penalised maximum far out there, C = 1e30), which the steps then show diverging.
        # Where the maximum is finite, only while the last step still gained: a row far out
        # along a column (x of 1e12) beside weights of 1e14 on one outcome holds the
        # curvature of the coefficients the other rows need, and the fit stopped as
        # converged 0.31 log-likelihood units below the maximum, a slope 0 where it is -0.028.
        running = long_step(unflat(d, p), units, tol) and not (finite and stalled >= 2)
        here = (dev, dev_prev, gnorm, tol, weight_unit, weight_share, gnorm_prev)
        rounding_norm = None  # the step's length where the sums' rounding stops it
        if meat is not None and at_rounding(*here, stalled):
            rounding_norm = sandwich_norm(meat(B, inverse_from_cholesky(c)), d)
        if not damped and not running and lost_to_rounding(*here, rounding_norm, stalled):
            # before the tests of convergence: stalled_at_rounding would call it converged
            rounding = gnorm if rounding_norm is None else rounding_norm
            break
        if (
            not damped
            and not running
            and (
                has_converged(*here, rounding_norm, stalled)
                or stalled_at_rounding(
                    dev, dev_prev, gnorm, tol, stalled, weight_unit, weight_share
                )
            )
        ):
            converged = True
            if gnorm <= FINAL_STEP_SLACK * tol * tol * deviance_scale(dev, weight_unit):
                # The remaining step is far below the standard errors: take it (the
                # log-likelihood gains U'd/2 to third order) with the information just
                # computed, which thus serves the last step and the covariance.
                B = B + unflat(d, p)
                loglik = cur.loglik + 0.5 * gnorm
                if moves_information(unflat(d, p), reach(), FINAL_STEP_MOVE, FINAL_ETA_MOVE):
                    cur = at(B, INFO)
                    loglik = cur.loglik
            elif rounding_norm is None and not stalled:  # not far below: see last_step
                B, cur = last_step(at, B, unflat(d, p), cur)
                loglik = cur.loglik
            break
        gnorm_prev = gnorm
        if n_iter >= max_iter:
            break
        D = unflat(d, p)
        bounded = D if step_bound is None else bounded_step(D, reach(), step_bound)
        D, uncut = bounded, bounded is D
        # the slope decides only a step worth half a log-likelihood unit of the lightest row
        trial, step, ascent = line_step(
            at, B, D, cur, lambda v: long_step(v, units, tol), worth=gnorm >= weight_unit
        )
        doubled = (finite or extrapolate) and step_bound is None  # (that would undo a bound)
        if doubled and step == 1.0 and trial.loglik > cur.loglik:
            trial, step = extrapolated(at, B, D, trial, 64 if finite else 8)
        stalled = 0 if ascent else stalled + 1
        if not trial.loglik >= cur.loglik - 1e-12 * abs(cur.loglik):
            # no step length is an ascent: stay. The shortest (2^-40 of a step of 1e22,
            # weights of 1e8 beside ones) ended the fit at -5.8e30 from its start's -1.9e8
            if stalled >= 3:
                diverged = True
                break
            dev_prev = dev
            n_iter += 1
            continue
        B = B + step * D
        steps.append(float(np.abs(step * D).max()))
        whole.append(uncut and step >= 1.0)
        dev_prev = dev
        cur = at(B, INFO)
        loglik = cur.loglik
        n_iter += 1
        # a penalised log-likelihood has a finite maximum, however far out and however
        # slowly approached (a large C on separated data): only the iteration limit stops it
        if ridge is None and not finite and running_off(steps, whole):
            diverged = ran_off = True
            off = step * D
            break
    assert cur.info is not None
    if factored is not cur:  # stopped right after a step: factor the latest information
        c = cholesky(cur.info)
    cov = None if c is None else inverse_from_cholesky(c)
    ended = (B, loglik, n_iter, converged, diverged)
    return FitResult(
        *ended, computed=(cur.info, cov), rounding=rounding, ran_off=ran_off, direction=off
    )


# --- maximum likelihood -------------------------------------------------------------------------
def estimate(
    data: ModelData,
    *,
    max_iter: int = 100,
    tol: float = DEFAULT_TOL,
    threads: int | None = None,
    chunk: int | None = None,
    quasi_newton_min: int | None = None,
    lazy: bool = True,
    verbose: bool = False,
    penalty: L2 | None = None,
    start: np.ndarray | None = None,
    finite: bool = False,
    curvature: np.ndarray | None = None,
    progress: Progress | None = None,
    extrapolate: bool = False,
    step_bound: float | None = None,
) -> FitResult:
    """Run Fisher scoring on ``data`` from the intercept-only start (or from ``start``, a
    (p, q) coefficient matrix: a refit's warm start, with ``curvature`` the information
    (pq, pq) of a point near it when known, which the L-BFGS phase then uses as its metric).

    ``threads`` workers split the rows (BLAS is then single-threaded), ``chunk`` rows at a
    time; ``quasi_newton_min`` is the number of parameters p*q from which a quasi-Newton phase
    on gradient passes runs before the scoring steps (see :func:`fisher_scoring`). By
    default the phase runs for p*q >= ``QUASI_NEWTON_MIN_PARAMS`` on data large enough for it
    to pay (n (pq)^2 >= ``QUASI_NEWTON_MIN_WORK``). ``lazy``: when that phase finishes the
    fit, the information matrix is computed when first needed (one pass over the data, with
    the same threads), not before returning, unless a few rows carry a column
    (:func:`~mnlogit._deferred_information.few_rows_carry`). ``verbose``: print each
    iteration, the time of the information pass and the number of passes over the data.

    ``penalty``: maximise the penalised log-likelihood l(B) - penalty(B) instead (see
    :mod:`mnlogit._penalty`); the result's ``loglik`` is then l at the estimates and its
    ``penalized_loglik`` the maximised value, its information that of the penalised
    log-likelihood.

    ``finite``: the exact check found no separation, so only ``max_iter`` stops the fit;
    ``extrapolate``: full steps that rise are doubled while they still do; ``step_bound``:
    no scoring step moves a row's linear predictor by more than this (see
    :func:`fisher_scoring`).

    ``progress``: where the passes are counted and the lines printed instead of a new
    ``Progress(verbose)`` (a fit run as one step of a longer one, whose summary counts them).
    """
    counts = data.outcome_counts()
    B0 = start_point(data, start)
    if quasi_newton_min is None and (data.n_rows * (data.p * data.q) ** 2 < QUASI_NEWTON_MIN_WORK):
        quasi_newton_min = data.p * data.q + 1  # a small fit: Fisher scoring alone
    elif quasi_newton_min is None:  # the data's own threshold (re-read rows: higher)
        quasi_newton_min = data.quasi_newton_min
    threads = default_threads(data.n_rows) if threads is None else threads
    progress = Progress(verbose) if progress is None else progress
    fits = information_fits(data.p * data.q, threads)
    progress.say(
        f"{data.n_rows:,} rows, {data.p} columns x {data.q} equations = {data.p * data.q} "
        f"parameters; {threads} thread{'s' if threads > 1 else ''}; "
        + (
            "L-BFGS on gradient passes only (the information matrix would not fit in memory)"
            if not fits
            else "Fisher scoring"
            if quasi_newton_min is not None and data.p * data.q < quasi_newton_min
            else "L-BFGS on gradient passes, then the information matrix"
        )
    )
    evaluate = data.evaluator(threads=threads, chunk=chunk, progress=progress)
    # a survey fit's weights are divided by a power of two (survey.weight_scale): the
    # penalty too, so that it weighs against the log-likelihood of the weights as given
    scale = 1.0 if data.design is None else data.design.weight_scale
    free = data.intercept if data.unpenalised_intercept else None
    ridge = None if penalty is None else penalty.on(data.p, data.q, free, scale)
    if ridge is not None:
        evaluate = ridge.evaluator(evaluate)
    information = InformationPass(data, chunk, progress if verbose else None, ridge)
    if not fits and not data.in_memory:  # its covariance blocks would need the rows: refused
        check_information_fits(data.p * data.q, threads)
    # One BLAS thread per worker: the workers split the rows, and a lone worker's per-chunk
    # products are too small for BLAS threads to pay (on a busy machine they only spin).
    with single_threaded_blas():
        core = fisher_scoring(
            evaluate,
            B0,
            max_iter=max_iter,
            tol=tol,
            quasi_newton_min=quasi_newton_min,
            shares=counts,
            information=information if (lazy and not few_rows_carry(data)) or not fits else None,
            progress=progress,
            sample_cost=data.sample_cost(),
            ridge=ridge,
            scoring=fits,
            finite=finite,
            extrapolate=extrapolate,
            curvature=curvature,
            units=functools.cache(lambda: data.equilibrated_sums()[0]),
            weight_unit=data.weight_unit,
            weight_share=data.weight_share,
            meat=_design_meat(data) if ridge is None else None,
            extent=functools.cache(data.column_extent),
            step_bound=step_bound,
        )
    if ridge is not None:  # l(B) = penalised + penalty(B)
        core = replace(core, loglik=core.loglik + ridge.value(core.B), penalized_loglik=core.loglik)
    progress.say(
        f"{'converged' if core.converged else 'stopped, not converged,'} after "
        f"{iterations(core.n_iter)}, {progress.elapsed():.2f} s; {progress.pass_summary()}"
    )
    return replace(core, threads=requested_threads(), verbose=verbose)


def _design_meat(data: ModelData) -> Callable[[np.ndarray, np.ndarray], np.ndarray] | None:
    """P'MP at B for a survey design's fit, M the meat of its PSUs' score totals (without
    finite-population corrections, which would leave none of a census): sampling weights'
    scale is arbitrary, so at the sums' rounding the steps are measured in the sandwich's
    standard errors (see :func:`mnlogit._step_rules.sandwich_norm`). None for other fits."""
    if data.design is None:
        return None
    ones = np.ones(len(data.design.scale()))
    return lambda B, project: data.design_meat(B, ones, project)[0]


def start_point(data: ModelData, start: np.ndarray | None) -> np.ndarray:
    """The intercept-only solution, or a copy of ``start`` (checked to be (p, q), finite)."""
    if start is None:
        return null_start(data.outcome_counts(), data.p, data.intercept)
    B = np.array(start, dtype=np.float64)
    if B.shape != (data.p, data.q) or not np.isfinite(B).all():
        raise EstimationError(
            f"start: expected finite ({data.p}, {data.q}) coefficients; got shape {B.shape}"
        )
    return B
