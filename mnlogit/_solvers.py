"""The optimisers: Fisher scoring with step-halving, an L-BFGS phase on gradient passes for
many parameters, and Firth's bias-reduced fit, all reading the data only through an
``evaluate(B, level)`` function (see :mod:`mnlogit._fisher`).

A gradient pass costs O(n p q) and an information matrix O(n (pq)^2), so for many parameters
:func:`fisher_scoring` first runs L-BFGS on gradient passes, with a metric that approximates
the information (S kron X'WX, then the information of a sample of rows), and computes the
full information once, at the optimum, where it gives both the last scoring step and the
covariance.
"""

from __future__ import annotations

import functools
import itertools
import numbers
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Any

import numpy as np
from scipy import linalg

from . import _fisher
from ._checks import lookup_option
from ._data import Evaluate, InMemoryData, ModelData
from ._fisher import INFO, LOGLIK, Stats
from ._linalg import cho_solve, cholesky, flat, inverse_from_cholesky, unflat
from ._memory import check_information_fits, information_fits
from ._parallel import default_threads, requested_threads, single_threaded_blas
from ._penalty import L2, PENALTIES, Ridge
from ._progress import Progress
from ._quasi_newton import quasi_newton
from .exceptions import ConvergenceWarning, EstimationError, OptionError, warn

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
# A fit that defers its information (lazy standard errors) takes no last scoring step, so its
# L-BFGS phase goes on until the predicted decrement is below this times tol**2 times the
# deviance: about one more gradient pass, for coefficients ~sqrt(FINAL_STEP_SLACK) times
# closer to the optimum than the eager route's L-BFGS leaves them (before its last step).
LAZY_STOP_SLACK = 1.0


@dataclass(frozen=True, eq=False)
class FitResult:
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


def _converged(dev: float, dev_prev: float | None, gnorm: float, tol: float) -> bool:
    scale = abs(dev) + 0.1
    return dev_prev is not None and abs(dev_prev - dev) <= tol * scale and gnorm <= tol * scale


def fisher_scoring(
    evaluate: Evaluate,
    B0: np.ndarray,
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
    quasi_newton_min: int | None = None,
    shares: np.ndarray | None = None,
    information: Information | None = None,
    progress: Progress | None = None,
    sample_cost: float = 0.0,
    ridge: Ridge | None = None,
    scoring: bool = True,
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
    :func:`_deferred_information`). The returned B then lacks the last scoring step, which
    the eager route takes; both tests bound it far below the standard errors (about 1e-9 of
    a coefficient at the default ``tol``), so the two routes agree to that. ``progress``
    reports each iteration (``verbose=True``); ``sample_cost``: what the evaluator's sampled
    information costs, in gradient passes (see :func:`mnlogit._quasi_newton.quasi_newton`).

    ``ridge``: ``evaluate`` and ``information`` give the sums of the log-likelihood less this
    penalty (:meth:`Ridge.evaluator`); the quasi-Newton phase's first metric then includes
    its Hessian.

    ``scoring=False`` (the information would not fit in memory, and ``information`` is given)
    gives the L-BFGS phase every iteration and returns where it stops, converged or not,
    with the information deferred (asking for it then raises the memory error).
    """
    p, q = B0.shape
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
                    and abs(dev_prev - dev) <= tol * (abs(dev) + 0.1)
                )
                if converged or not scoring:
                    progress.say(
                        "converged in the L-BFGS phase; the information matrix is computed "
                        "when the standard errors are first needed"
                        if converged
                        else "stopped in the L-BFGS phase: the information matrix, which "
                        "scoring steps need, would not fit in memory"
                    )
                    return FitResult(
                        B,
                        last.loglik,
                        n_iter,
                        converged,
                        False,
                        deferred=functools.partial(
                            _deferred_information, information, B, last.loglik, tol, progress
                        ),
                    )
    if cur is None:
        cur = at(B, INFO)
    loglik = cur.loglik
    steps: list[float] = []
    step = None
    converged = diverged = False
    while True:
        assert cur.info is not None and cur.score is not None  # an INFO-level pass
        c, factored = cholesky(cur.info), cur
        if c is None:
            diverged = True
            break
        d = cho_solve(c, flat(cur.score))
        gnorm = float(flat(cur.score) @ d)
        dev = -2.0 * cur.loglik
        progress.iteration(
            "Fisher scoring",
            n_iter,
            cur.loglik,
            None if dev_prev is None else (dev_prev - dev) / 2,
            float(np.linalg.norm(cur.score)),
            gnorm,
            step,
            steps[-1] if steps and step is not None else None,
        )
        if _converged(dev, dev_prev, gnorm, tol):
            converged = True
            if gnorm <= FINAL_STEP_SLACK * tol * tol * (abs(dev) + 0.1):
                # The remaining step is far below the standard errors: take it (the
                # log-likelihood gains U'd/2 to third order) with the information just
                # computed, which thus serves the last step and the covariance.
                B = B + unflat(d, p)
                loglik = cur.loglik + 0.5 * gnorm
            break
        if n_iter >= max_iter:
            break
        D = unflat(d, p)
        step = 1.0
        for _ in range(40):
            trial = at(B + step * D, LOGLIK)
            if trial.loglik >= cur.loglik - 1e-12 * abs(cur.loglik):
                break
            step /= 2
        B = B + step * D
        steps.append(float(np.abs(step * D).max()))
        dev_prev = dev
        cur = at(B, INFO)
        loglik = cur.loglik
        n_iter += 1
        # a penalised log-likelihood has a finite maximum, however far out and however
        # slowly approached (a large C on separated data): only the iteration limit stops it
        if ridge is None and _running_off(steps):
            diverged = True
            break
    assert cur.info is not None
    if factored is not cur:  # stopped right after a step: factor the latest information
        c = cholesky(cur.info)
    cov = None if c is None else inverse_from_cholesky(c)
    return FitResult(B, loglik, n_iter, converged, diverged, computed=(cur.info, cov))


# the deferred information's contract: Stats at B (level INFO), Cholesky factor, inverse
Information = Callable[[np.ndarray], tuple[Stats, np.ndarray | None, np.ndarray | None]]
# From this many parameters the factorisation and inverse of the information (~(pq)^3 flops)
# run on BLAS's threads.
FACTOR_THREADS_MIN = 1000


def _deferred_information(
    information: Information,
    B: np.ndarray,
    loglik: float,
    tol: float,
    progress: Progress | None = None,
) -> tuple[np.ndarray, np.ndarray | None]:
    """The information at a lazily finished fit's B and its inverse (None when singular).

    The pass that computes the information also gives the score, so the Newton test the eager
    route applies, U'I^-1U <= tol * (deviance + 0.1), is checked here on the true
    information; L-BFGS's own test used its estimate of it. A fit that fails it (which the
    L-BFGS test makes very unlikely) is reported by a warning rather than silently.
    """
    t = time.perf_counter()
    s, c, cov = information(B)
    assert s.info is not None and s.score is not None  # an INFO-level pass
    if c is None:
        warn(
            "the information matrix at the estimates is singular (a coefficient is not "
            "identified, or the outcomes are separated): standard errors and tests are NaN",
            ConvergenceWarning,
        )
        return s.info, None
    gnorm = float(flat(s.score) @ cho_solve(c, flat(s.score)))
    dev = -2.0 * loglik
    progress = progress or Progress(False)
    progress.say(
        f"standard errors: information computed, factorised and inverted in "
        f"{time.perf_counter() - t:.3f} s; Newton check at the estimates: scaled gradient "
        f"{gnorm:.3g} (allowed {tol * (abs(dev) + 0.1):.3g})"
    )
    if not gnorm <= tol * (abs(dev) + 0.1):
        warn(
            f"the Newton check made with the standard errors found the estimates short of the "
            f"maximum (scaled gradient {gnorm:.3g}, allowed {tol * (abs(dev) + 0.1):.3g}); "
            "refit with a smaller tol",
            ConvergenceWarning,
        )
    return s.info, cov


def _running_off(steps: list[float]) -> bool:
    """Separation's signature: steps that stop shrinking while the fit keeps improving.

    Newton steps towards a finite maximum shrink quadratically; towards a maximum at infinity
    they settle at a roughly constant size. Eight iterations in, five steps in a row each at least
    half the previous one, and none small, mean the coefficients are running off.
    """
    if len(steps) < 8:
        return False
    last = steps[-6:]
    return all(b >= 0.5 * a and b > 1e-3 for a, b in itertools.pairwise(last))


# --- maximum likelihood -------------------------------------------------------------------------
def estimate(
    data: ModelData,
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
    threads: int | None = None,
    chunk: int | None = None,
    quasi_newton_min: int | None = None,
    lazy: bool = True,
    verbose: bool = False,
    penalty: L2 | None = None,
    start: np.ndarray | None = None,
) -> FitResult:
    """Run Fisher scoring on ``data`` from the intercept-only start (or from ``start``, a
    (p, q) coefficient matrix: a refit's warm start).

    ``threads`` workers split the rows (BLAS is then single-threaded), ``chunk`` rows at a
    time; ``quasi_newton_min`` is the number of parameters p*q from which a quasi-Newton phase
    on gradient passes runs before the scoring steps (see :func:`fisher_scoring`). By
    default the phase runs for p*q >= ``QUASI_NEWTON_MIN_PARAMS`` on data large enough for it
    to pay (n (pq)^2 >= ``QUASI_NEWTON_MIN_WORK``). ``lazy``: when that phase finishes the
    fit, the information matrix is computed when first needed (one pass over the data, with
    the same threads), not before returning. ``verbose``: print each iteration, the time of
    the information pass and the number of passes over the data.

    ``penalty``: maximise the penalised log-likelihood l(B) - penalty(B) instead (see
    :mod:`mnlogit._penalty`); the result's ``loglik`` is then l at the estimates and its
    ``penalized_loglik`` the maximised value, its information that of the penalised
    log-likelihood.
    """
    counts = data.outcome_counts()
    B0 = _start(data, start)
    if quasi_newton_min is None and (data.n_rows * (data.p * data.q) ** 2 < QUASI_NEWTON_MIN_WORK):
        quasi_newton_min = data.p * data.q + 1  # a small fit: Fisher scoring alone
    threads = default_threads(data.n_rows) if threads is None else threads
    progress = Progress(verbose)
    progress.say(
        f"{data.n_rows:,} rows, {data.p} columns x {data.q} equations = {data.p * data.q} "
        f"parameters; {threads} thread{'s' if threads > 1 else ''}; "
        + (
            "Fisher scoring"
            if quasi_newton_min is not None and data.p * data.q < quasi_newton_min
            else "L-BFGS on gradient passes, then the information matrix"
        )
    )
    evaluate = data.evaluator(threads=threads, chunk=chunk, progress=progress)
    # a survey fit's weights are divided by a power of two (survey.weight_scale): the
    # penalty too, so that it weighs against the log-likelihood of the weights as given
    scale = 1.0 if data.design is None else data.design.weight_scale
    ridge = None if penalty is None else penalty.on(data.p, data.q, data.intercept, scale)
    if ridge is not None:
        evaluate = ridge.evaluator(evaluate)
    information = _Information(data, threads, chunk, progress if verbose else None, ridge)
    fits = information_fits(data.p * data.q, threads)
    if not fits and not data.in_memory:  # a distributed fit has no L-BFGS route
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
            information=information if lazy or not fits else None,
            progress=progress,
            sample_cost=data.sample_cost(),
            ridge=ridge,
            scoring=fits,
        )
    if ridge is not None:  # l(B) = penalised + penalty(B)
        core = replace(core, loglik=core.loglik + ridge.value(core.B), penalized_loglik=core.loglik)
    progress.say(
        f"{'converged' if core.converged else 'stopped, not converged,'} after "
        f"{core.n_iter} iterations, {progress.elapsed():.2f} s; {progress.pass_summary()}"
    )
    return replace(core, threads=requested_threads(), verbose=verbose)


def _start(data: ModelData, start: np.ndarray | None) -> np.ndarray:
    """The intercept-only solution, or a copy of ``start`` (checked to be (p, q), finite)."""
    if start is None:
        return _fisher.null_start(data.outcome_counts(), data.p, data.intercept)
    B = np.array(start, dtype=np.float64)
    if B.shape != (data.p, data.q) or not np.isfinite(B).all():
        raise EstimationError(
            f"start: expected finite ({data.p}, {data.q}) coefficients; got shape {B.shape}"
        )
    return B


class _Information:
    """The information pass of a lazily finished fit: a fresh evaluator (the fit's work
    arrays are not kept alive for it) with the fit's threads and chunks; ``progress``
    reports it (``verbose=True`` fits)."""

    def __init__(
        self,
        data: ModelData,
        threads: int,
        chunk: int | None,
        progress: Progress | None = None,
        ridge: Ridge | None = None,
    ) -> None:
        self.data, self.threads, self.chunk = data, threads, chunk
        self.progress, self.ridge = progress, ridge

    def __call__(self, B: np.ndarray) -> tuple[Stats, np.ndarray | None, np.ndarray | None]:
        evaluate = self.data.evaluator(
            threads=self.threads, chunk=self.chunk, progress=self.progress
        )
        with single_threaded_blas():
            s = evaluate(B, INFO)
        if self.ridge is not None:
            s = self.ridge.apply(s, B, INFO)
        assert s.info is not None  # an INFO-level pass
        # A small matrix is factorised on one thread (BLAS threads woken for a millisecond's
        # work can take longer to synchronise than the work, on a busy machine up to 0.5 s);
        # a large one with BLAS's own thread count, which honours the user's limits.
        small = s.info.shape[0] < FACTOR_THREADS_MIN
        with single_threaded_blas() if small or self.threads == 1 else nullcontext():
            c = cholesky(s.info)
            cov = None if c is None else inverse_from_cholesky(c)
        return s, c, cov


# --- Firth ------------------------------------------------------------------------------------
# For a canonical-link model the mean-bias-reducing adjusted score of Firth (1993) is the
# gradient of the Jeffreys-penalised log-likelihood l*(B) = l(B) + 1/2 log det I(B), and its
# maximiser is finite even when the data are separated (Kosmidis & Firth 2011, who fit it
# through the equivalent Poisson log-linear model; brglm2::brmultinom, type "AS_mean").


def _chunk_adjustment(X: np.ndarray, w: np.ndarray, B: np.ndarray, V: np.ndarray) -> np.ndarray:
    """One block of rows' share of A_r = 1/2 tr(I^-1 dI/dbeta_r), as a (p, q) matrix.

    I = sum_i w_i (W_i kron x_i x_i') with W_i = diag(pi_i) - pi_i pi_i' (equation-major
    parameters). With H_i[k, l] = x_i' V_kl x_i for the (k, l) block V_kl of V = I^-1,

        tr(V dI/db_ja) = sum_i w_i x_ia pi_ij (H_i[j,j] - sum_k pi_ik H_i[k,k]
                                               - 2 (H_i pi_i)_j + 2 pi_i' H_i pi_i).
    """
    m, p = X.shape
    q = B.shape[1]
    P = _fisher.probabilities(X, B)[:, :q]
    # H_i for every row from one product: (X V_kl)_i . x_i, blocks laid out (k, l, a)
    V4 = V.reshape(q, p, q, p).transpose(1, 0, 2, 3).reshape(p, q * q * p)
    H = np.einsum("ikla,ia->ikl", (X @ V4).reshape(m, q, q, p), X, optimize=True)
    HP = np.einsum("ikl,il->ik", H, P)
    diagH = np.einsum("ikk->ik", H)
    t = P * (
        diagH
        - (P * diagH).sum(axis=1, keepdims=True)
        - 2.0 * HP
        + 2.0 * (P * HP).sum(axis=1, keepdims=True)
    )
    return 0.5 * (X.T @ (t * w[:, None]))


def score_adjustment(data: InMemoryData, B: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Firth's score adjustment A(B) (p, q), given V = I(B)^-1, summed over row blocks."""
    X, w = data.X, data.w
    n, p = X.shape
    q = B.shape[1]
    chunk = _fisher._chunk_rows(p, q * q)
    total = np.zeros((p, q))
    for lo in range(0, n, chunk):
        hi = min(lo + chunk, n)
        total += _chunk_adjustment(X[lo:hi], w[lo:hi], B, V)
    return total


def _penalised(s: _fisher.Stats) -> tuple[float, np.ndarray | None]:
    """l + 1/2 log det I and the Cholesky factor of I (-inf, None when I is singular)."""
    assert s.info is not None  # an INFO-level pass
    c = cholesky(s.info)
    if c is None:
        return -np.inf, None
    return s.loglik + float(np.log(np.diag(c)).sum()), c


def firth_fit(
    data: InMemoryData,
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
    threads: int | None = None,
    verbose: bool = False,
    start: np.ndarray | None = None,
) -> FitResult:
    """Maximise the Jeffreys-penalised log-likelihood of ``data``.

    Parameters
    ----------
    data : InMemoryData
        The model's arrays (Firth's adjustment reads the rows); frequency weights count
        repeated rows.
    max_iter : int
        Iteration limit.
    tol : float
        Convergence tolerance: the relative change in penalised deviance must fall below
        ``tol`` and the scaled adjusted score U*' I^-1 U* below ``tol**2`` times the penalised
        deviance (+0.1); the iteration converges linearly, so this keeps the coefficients as
        accurate as a Newton fit with the same ``tol``.
    threads : int, optional
        Worker threads that split the rows (default: as many as the cores and the user's
        limits allow).
    verbose : bool
        Print each iteration.
    start : ndarray, optional
        (p, q) starting coefficients (a refit's, from a larger model), instead of the
        intercept-only solution.

    Returns
    -------
    FitResult
        ``loglik`` is the unpenalised log-likelihood at the estimate, ``penalized_loglik`` the
        penalised one; ``cov`` is the inverse information at the estimate.

    Notes
    -----
    Each iteration solves I(B) d = U*(B) with the adjusted score U* = U + A,
    A_r = 1/2 tr(I^-1 dI/dbeta_r) (Firth 1993; Kosmidis & Firth 2011), by Cholesky, and halves
    the step while the penalised log-likelihood l + 1/2 log det I does not improve. The
    penalised likelihood can have several local maxima under separation, so the iteration
    runs from several starts (``start`` when given, the intercept-only maximum-likelihood
    solution, an L2-penalised fit, and a damped maximum-likelihood path; see
    :func:`_firth_starts`) and the highest converged maximum is returned, with the distinct
    maxima reached in ``maxima``.
    """
    threads = default_threads(data.n_rows) if threads is None else threads
    progress = Progress(verbose)
    progress.say(f"Firth fit: {data.n_rows:,} rows, {data.p * data.q} parameters")
    evaluate = data.evaluator(threads=threads, progress=progress)
    fits = []
    with single_threaded_blas() if threads > 1 else nullcontext():
        for k, (label, B0) in enumerate(_firth_starts(data, start, threads)):
            progress.say(f"start: {label}")
            name = "Firth" if k == 0 else f"Firth, start {k + 1},"
            try:
                fits.append(_firth_scoring(data, evaluate, max_iter, tol, progress, B0, name))
            except EstimationError:
                if B0 is None:  # the intercept-only start: the design itself is degenerate
                    raise
                progress.say("  the information is singular there: start skipped")
    core = _highest(fits)
    progress.say(
        f"{'converged' if core.converged else 'stopped, not converged,'} after "
        f"{core.n_iter} iterations, {progress.elapsed():.2f} s; {progress.pass_summary()}"
    )
    return replace(
        core, threads=requested_threads(), verbose=verbose, maxima=_distinct_maxima(core, fits)
    )


# The Jeffreys-penalised likelihood of the multinomial model can have several local maxima
# when the data are (quasi-)separated: Firth fits start from the intercept-only solution, from
# an L2-penalised (ridge) fit with this C, and from this many maximum-likelihood iterations
# halved (a damped path towards the separation), and keep the highest maximum.
FIRTH_RIDGE_C = 1.0
FIRTH_DAMPED_ML_STEPS = 5


def _firth_starts(
    data: InMemoryData, start: np.ndarray | None, threads: int
) -> list[tuple[str, np.ndarray | None]]:
    """The starting points of a Firth fit: ``start`` (a refit's warm start) when given, the
    intercept-only solution, a ridge fit and a damped maximum-likelihood path."""
    starts: list[tuple[str, np.ndarray | None]] = []
    if start is not None:
        starts.append(("the given coefficients", start))
    starts.append(("intercept-only", None))
    ridge = estimate(data, penalty=L2(FIRTH_RIDGE_C), threads=threads, lazy=False)
    starts.append((f"L2-penalised fit (C = {FIRTH_RIDGE_C:g})", ridge.B))
    damped = estimate(data, max_iter=FIRTH_DAMPED_ML_STEPS, threads=threads, lazy=False)
    starts.append((f"{FIRTH_DAMPED_ML_STEPS} maximum-likelihood steps, halved", damped.B / 2))
    return [(label, B) for label, B in starts if B is None or np.isfinite(B).all()]


def _highest(fits: list[FitResult]) -> FitResult:
    """The fit at the highest penalised log-likelihood (converged ones first); of fits that
    reached the same maximum, the first start's, so that a fit whose starts all agree is the
    same whatever the other starts gave (frequency weights and repeated rows, for one)."""
    pool = [f for f in fits if f.converged] or fits
    best = max(f.penalized_loglik or -np.inf for f in pool)
    tie = _SAME_MAXIMUM * max(1.0, abs(best))
    return next(f for f in pool if (f.penalized_loglik or -np.inf) >= best - tie)


_SAME_MAXIMUM = 1e-7  # relative difference of two penalised values at the same maximum


def _distinct_maxima(core: FitResult, fits: list[FitResult]) -> tuple[float, ...]:
    """Penalised log-likelihoods of the distinct maxima the converged fits reached: the
    chosen fit's first, then the others', highest first, each listed once (values that agree
    to ``_SAME_MAXIMUM`` are one maximum)."""
    if core.penalized_loglik is None:
        return ()
    distinct = [core.penalized_loglik]
    others = sorted(
        (f.penalized_loglik for f in fits if f.converged and f.penalized_loglik is not None),
        reverse=True,
    )
    for v in others:
        if all(abs(d - v) > _SAME_MAXIMUM * max(1.0, abs(v)) for d in distinct):
            distinct.append(v)
    return tuple(distinct)


def _firth_scoring(
    data: InMemoryData,
    evaluate: Evaluate,
    max_iter: int,
    tol: float,
    progress: Progress,
    start: np.ndarray | None = None,
    name: str = "Firth",
) -> FitResult:
    p = data.p
    B = _start(data, start)
    cur = evaluate(B, 2)
    pen, c = _penalised(cur)
    if c is None:  # only for a degenerate design, which model building rejects
        raise EstimationError("Firth fit: the information matrix is singular at the start")
    dev_prev = None
    n_iter = 0
    converged = False
    taken: tuple[float | None, float | None] = (None, None)  # last step: length, largest change
    while True:
        V = inverse_from_cholesky(c)
        U = flat(cur.score + score_adjustment(data, B, V))
        d = linalg.cho_solve((c, False), U, check_finite=False)
        gnorm = float(U @ d)
        dev = -2.0 * pen
        scale = abs(dev) + 0.1
        progress.iteration(
            name,
            n_iter,
            pen,
            None if dev_prev is None else (dev_prev - dev) / 2,
            float(np.linalg.norm(U)),
            gnorm,
            *taken,
            quantity="penalised log-likelihood",
        )
        # Scoring on the adjusted score converges only linearly (its Jacobian is not -I), so
        # the step that passes a tol-sized test is not negligible as Newton's is: require the
        # scaled adjusted score to fall to tol^2 instead.
        if _converged(dev, dev_prev, gnorm / tol, tol):
            converged = True
            break
        if n_iter >= max_iter:
            break
        D = unflat(d, p)
        step = 1.0
        for _ in range(40):
            trial = evaluate(B + step * D, 2)
            trial_pen, trial_c = _penalised(trial)
            if trial_c is not None and trial_pen >= pen - 1e-12 * (abs(pen) + 1.0):
                break
            step /= 2
        else:  # no step improves: the penalised likelihood is at its maximum to rounding
            converged = gnorm <= tol * scale
            break
        B = B + step * D
        taken = (step, float(np.abs(step * D).max()))
        cur, pen, c = trial, trial_pen, trial_c
        dev_prev = dev
        n_iter += 1
    assert cur.info is not None  # _penalised factored it
    return FitResult(
        B,
        cur.loglik,
        n_iter,
        converged,
        False,
        penalized_loglik=pen,
        computed=(cur.info, inverse_from_cholesky(c)),
    )


# --- equilibrated columns ----------------------------------------------------------------------
def equilibrate(fit: Callable[..., FitResult]) -> Callable[..., FitResult]:
    """``fit`` run on the columns of ``data.equilibrated()``, its result mapped back exactly.

    A column in extreme units (1e200, 1e-300) overflows or underflows X'WX and the
    information, and the solvers' step-size heuristics read coefficients in the columns'
    units. Dividing every column far from unit size by a power of two (exact) and fitting
    B_s = s B removes both: B = B_s / s and the information S I_s S are exact, and a Firth
    fit's penalised log-likelihood moves by q sum(log s). A penalty on the coefficients (L2)
    depends on their units, so penalised fits run on the columns as given. (A partial of a
    module-level function, so that methods pickle.)
    """
    return functools.partial(_equilibrated, fit)


def _equilibrated(fit: Callable[..., FitResult], data: ModelData, **options: Any) -> FitResult:
    if options.get("penalty") is not None:
        return fit(data, **options)
    scaled, s = data.equilibrated()
    if scaled is data:
        return fit(data, **options)
    start = options.get("start")
    if start is not None:
        options["start"] = np.asarray(start, dtype=np.float64) * s[:, None]
    core = fit(scaled, **options)
    shift = core.B.shape[1] * float(np.log(s).sum())  # 1/2 log det (S I S) - 1/2 log det I
    penalized = core.penalized_loglik
    return replace(
        core,
        B=core.B / s[:, None],
        scale=s,
        penalized_loglik=None if penalized is None else penalized + shift,
        maxima=tuple(m + shift for m in core.maxima),
    )


# --- the table of methods -----------------------------------------------------------------------
@dataclass(frozen=True)
class Method:
    """One way of estimating the coefficients: the entry ``method=`` selects.

    ``penalty`` is set on the copy :func:`resolve_method` makes for a fit with ``penalty=``
    (the entries of :data:`METHODS` have none): that copy's ``fit`` maximises the penalised
    log-likelihood and its ``inference`` says whether standard errors and tests mean anything.
    """

    name: str
    label: str  # as the summary prints it
    fit: Callable[..., FitResult]  # fit(data, *, max_iter, tol, threads, verbose)
    penalized: bool  # a penalised likelihood: LR tests compare the penalised values
    in_memory_only: bool  # needs every row on this machine (not a distributed fit)
    takes_penalty: bool = False  # accepts penalty= (a penalty on the coefficients' size)
    penalty: L2 | None = None  # the penalty bound by resolve_method
    inference: bool = True  # Wald standard errors, tests and intervals, LR tests, AIC, BIC
    note: str = ""  # what the summary says about the estimates

    def __repr__(self) -> str:
        return f"<Method {self.name!r}: {self.label}>"


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method(
            "newton",
            "maximum likelihood",
            equilibrate(estimate),
            penalized=False,
            in_memory_only=False,
            takes_penalty=True,
        ),
        Method(
            "firth",
            "bias-reduced (Firth)",
            equilibrate(firth_fit),
            penalized=True,
            in_memory_only=True,
            note=(
                "Bias-reduced (Firth) estimates maximise the penalised log-likelihood "
                "l(B) + log det I(B) / 2; likelihood-ratio tests between Firth fits "
                "(mnlogit.lr_test, anova) compare penalised log-likelihoods."
            ),
        ),
    )
}


def resolve_method(method: str, penalty: str | None = None, C: float = 1.0) -> Method:
    """The estimator ``method=``, ``penalty=`` and ``C=`` select, or an :class:`OptionError`.

    Without a penalty this is the entry of :data:`METHODS`; with one (an entry of
    :data:`mnlogit._penalty.PENALTIES`), a copy of it whose ``fit`` maximises the penalised
    log-likelihood.

    Examples
    --------
    >>> resolve_method("newton", "l2", C=2.0).label
    'L2-penalised maximum likelihood (C = 2)'
    """
    solver = lookup_option("method", method, METHODS)
    if penalty is None:
        if not (isinstance(C, numbers.Real) and not isinstance(C, bool) and C == 1.0):
            raise OptionError(
                f"C={C!r} is the inverse strength of a penalty and has no effect without one; "
                "pass penalty='l2' with it, or leave C out"
            )
        return solver
    bound = lookup_option("penalty", penalty, PENALTIES)(C)
    if not solver.takes_penalty:
        users = ", ".join(repr(m.name) for m in METHODS.values() if m.takes_penalty)
        raise OptionError(
            f"penalty={penalty!r} applies to method={users}; method={method!r} has its own "
            "penalty. Use one or the other"
        )
    return replace(
        solver,
        label=bound.label,
        fit=functools.partial(solver.fit, penalty=bound),
        penalized=True,
        penalty=bound,
        inference=False,
        note=bound.note,
    )
