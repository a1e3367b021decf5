"""Firth's bias-reduced fit: the Jeffreys-penalised log-likelihood maximised by scoring on the
adjusted score, from several starts, reading the rows for the score adjustment; also over a
subspace of the coefficients (``basis``), the restricted model of a penalised likelihood-ratio
test, under the whole design's penalty. The maximum-likelihood fits it starts from are
:mod:`mnlogit._solvers`'.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy import linalg

from . import _fisher
from ._data import Evaluate
from ._firth_newton import Adjusted, newton_steps
from ._firth_starts import firth_starts, reached, restricted_starts, unit_columns
from ._in_memory_data import InMemoryData
from ._linalg import cho_solve, cholesky, flat, inverse_from_cholesky, norm, unflat
from ._memory import check_information_fits
from ._parallel import default_threads, requested_threads, single_threaded_blas
from ._progress import Progress, iterations
from ._quasi_newton import DEFAULT_TOL, GRADIENT_CEILING
from ._solvers import FitResult, start_point
from ._step_rules import deviance_scale, has_converged
from .exceptions import DataError, EstimationError

__all__ = ["firth_fit", "firth_from", "score_adjustment"]

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
    # An information singular but for rounding has an inverse past 1e300, whose products
    # overflow: the adjustment is then not finite, which the iteration takes as the end of
    # what it can compute (see _firth_scoring), without numpy's warnings.
    with np.errstate(over="ignore", invalid="ignore"):
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


# Frequency weights summing past this are refused: see check_counts.
FIRTH_LARGEST_TOTAL = 2.0**53


def check_counts(data: InMemoryData) -> None:
    """Refuse frequency weights summing past 2^53 (sampling weights are divided by their
    mean first, see :func:`mnlogit._methods.sampling_weights_of_mean_one`).

    The Jeffreys penalty 1/2 log det I(B) is of order one, while the log-likelihood and the
    score are sums of order the total weight, rounded to about 2.2e-16 of it: past 2^53 the
    rounding is of the penalty's own size, and on separated data, where the penalty alone
    holds the estimates, the fit stopped where rounding left it (weights of 1e20: separated
    coefficients at -46 with standard errors 0.18, against about -50 and 1.41) and said it
    had converged. Past 2^53 a float no longer holds every whole count either.
    """
    if data.design is not None or not data.weighted:
        return
    total = data.sum_weights
    if total > FIRTH_LARGEST_TOTAL:
        raise DataError(
            f"method='firth' with frequency weights summing to {total:.3g}: past 2^53 "
            f"({FIRTH_LARGEST_TOTAL:.3g}) the Jeffreys penalty, of order one, is below the "
            "rounding of the log-likelihood's sums, so the bias-reduced estimates cannot be "
            "computed (on separated data the fit would stop wherever rounding left it); "
            "counts this large are not counts of rows: for sampling weights use "
            "weight_type='probability' (Firth then uses them divided by their mean), or fit "
            "by maximum likelihood, which the penalty would not move at this size unless the "
            "data are separated"
        )


def firth_fit(
    data: InMemoryData,
    *,
    max_iter: int = 100,
    tol: float = DEFAULT_TOL,
    threads: int | None = None,
    verbose: bool = False,
    start: np.ndarray | None = None,
    basis: np.ndarray | None = None,
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
        intercept-only solution; with ``basis``, projected onto its span.
    basis : ndarray, optional
        (p, r): maximise only over B = basis @ T (T any (r, q) matrix; r may be 0), with the
        penalty still 1/2 log det I(B) of the whole design: the restricted model of a
        penalised likelihood-ratio test (Heinze & Schemper 2002; logistf's ``logistftest``),
        e.g. the columns of the identity that are not tested.

    Returns
    -------
    FitResult
        ``loglik`` is the unpenalised log-likelihood at the estimate, ``penalized_loglik`` the
        penalised one; ``cov`` is the inverse information at the estimate (of the whole
        design, also with ``basis``).

    Notes
    -----
    Each iteration solves I(B) d = U*(B) with the adjusted score U* = U + A,
    A_r = 1/2 tr(I^-1 dI/dbeta_r) (Firth 1993; Kosmidis & Firth 2011), by Cholesky, and halves
    the step while the penalised log-likelihood l + 1/2 log det I does not improve. The
    penalised likelihood can have several local maxima under separation, so the iteration
    runs from several starts (``start`` when given, the intercept-only maximum-likelihood
    solution, an L2-penalised fit, a damped maximum-likelihood path and, on separated data,
    zero coefficients and brglm2's start; see
    :func:`firth_starts`) and the highest converged maximum is returned, with the distinct
    maxima reached in ``maxima``.
    Where the maximum is flat, the iteration's gains reach the value's rounding before the
    coefficients settle; it then stops by its rounding rule, and Newton steps on the adjusted
    score finish the fit (:mod:`mnlogit._firth_newton`).

    With ``basis`` L, the step solves (T' I T) d = T' U* with T = I_q kron L, from the same
    kinds of starts taken on the restricted design X L; at the result the adjusted score U*
    is zero in those directions (T' U* = 0), not in the others.
    """
    check_counts(data)
    threads = default_threads(data.n_rows) if threads is None else threads
    check_information_fits(data.p * data.q, threads, firth=True)
    progress = Progress(verbose)
    n_free = data.p * data.q if basis is None else basis.shape[1] * data.q
    progress.say(f"Firth fit: {data.n_rows:,} rows, {n_free} parameters")
    evaluate = data.evaluator(threads=threads, progress=progress)
    if basis is not None:
        basis = unit_columns(basis)
        if basis.shape[1] == 0:  # nothing to estimate: the penalised value at B = 0
            return _at_zero(data, evaluate, threads, verbose)
    fits: list[FitResult] = []
    # One BLAS thread, as in maximum-likelihood scoring: a lone worker's products are too
    # small for BLAS threads to pay (4x slower on 8,000 rows of 11 columns on two busy
    # cores), and a fit's digits would depend on whether a fit in another thread held BLAS
    # at one thread meanwhile.
    with single_threaded_blas():
        starts = (
            firth_starts(data, start, threads, progress)
            if basis is None
            else restricted_starts(data, basis, start, threads, progress)
        )
        for k, (label, B0) in enumerate(starts):
            progress.say(f"start: {label}")
            name = "Firth" if k == 0 else f"Firth, start {k + 1},"
            try:
                known = [f for f in fits if f.converged]
                fits.append(
                    _firth_scoring(data, evaluate, max_iter, tol, progress, B0, name, basis, known)
                )
            except EstimationError:
                # (also the intercept-only start: one row weighing 1e10 against ones puts
                # every fitted probability within 1e-9 of 1 there, singular in rounding,
                # and the fit was refused where the other starts reach the maximum)
                progress.say("  the information is singular there: start skipped")
    if not fits:
        raise EstimationError("Firth fit: the information matrix is singular at every start")
    with single_threaded_blas():
        core = _polished(data, evaluate, _highest(fits), tol, basis)
    progress.say(
        f"{'converged' if core.converged else 'stopped, not converged,'} after "
        f"{iterations(core.n_iter)}, {progress.elapsed():.2f} s; {progress.pass_summary()}"
    )
    return replace(
        core, threads=requested_threads(), verbose=verbose, maxima=_distinct_maxima(core, fits)
    )


def firth_from(
    data: InMemoryData,
    start: np.ndarray,
    *,
    max_iter: int = 100,
    tol: float = DEFAULT_TOL,
    threads: int | None = None,
    verbose: bool = False,
    basis: np.ndarray | None = None,
) -> FitResult:
    """The iteration of :func:`firth_fit` from ``start`` alone, without its other starts: a
    fit's estimates polished on another basis of the same columns (``basis``: a restricted
    fit's span, ``start`` in it, at least one column)."""
    threads = default_threads(data.n_rows) if threads is None else threads
    check_information_fits(data.p * data.q, threads, firth=True)
    progress = Progress(verbose)
    evaluate = data.evaluator(threads=threads, progress=progress)
    span = None if basis is None else unit_columns(basis)
    with single_threaded_blas():  # (see firth_fit)
        fit = _firth_scoring(
            data, evaluate, max_iter, tol, progress, start, "Firth, polished,", span
        )
        return _polished(data, evaluate, fit, tol, span)


def _at_zero(data: InMemoryData, evaluate: Evaluate, threads: int, verbose: bool) -> FitResult:
    """The restricted model with no free coefficient: B = 0, each level 1/K."""
    B = np.zeros((data.p, data.q))
    cur = evaluate(B, 2)
    pen, c = _penalised(cur)
    if c is None:
        raise EstimationError("Firth fit: the information matrix is singular at B = 0")
    assert cur.info is not None  # _penalised factored it
    return FitResult(
        B,
        cur.loglik,
        0,
        True,
        False,
        penalized_loglik=pen,
        computed=(cur.info, inverse_from_cholesky(c)),
        threads=requested_threads(),
        verbose=verbose,
        maxima=(pen,),
    )


def _polished(
    data: InMemoryData, evaluate: Evaluate, fit: FitResult, tol: float, basis: np.ndarray | None
) -> FitResult:
    """``fit`` with Newton steps on its adjusted score (see :mod:`mnlogit._firth_newton`)
    where scoring stopped converged by its rounding rule, short of the scaled adjusted score
    the full test asks (``tol**2`` times the scale), or stopped at its iteration limit near
    the maximum (scaled adjusted score below ``sqrt(tol)`` of the scale, where scoring's
    line search also treats it so), converged if the steps reach that test: scoring's steps
    along a flat direction shrank 0.85-fold an iteration (40 rows quasi-separated by a factor
    level), and every start stopped at max_iter 3e-9 below the maximum, not converged."""
    if fit.diverged:
        return fit

    def at(B: np.ndarray) -> Adjusted | None:
        s = evaluate(B, 2)
        pen, c = _penalised(s)
        if c is None:
            return None
        assert s.info is not None  # _penalised factored it
        U = flat(s.score + score_adjustment(data, B, inverse_from_cholesky(c)))
        if not np.isfinite(U).all():
            return None
        return Adjusted(B, U, _step(U, s.info, c, basis, data.p)[1], pen, s, c)

    start = at(fit.B)
    if start is None:
        return fit
    scale = deviance_scale(-2.0 * start.pen)
    target = tol * tol * scale
    if start.gnorm <= target or not (fit.converged or start.gnorm <= np.sqrt(tol) * scale):
        return fit
    V = inverse_from_cholesky(start.factor)
    directions = None if basis is None else np.kron(np.eye(data.q), basis)
    allowance = _ROUNDING_SLACK * _value_rounding(data, fit.B, V)
    end = newton_steps(at, start, directions, target, allowance)
    if end is start or not (fit.converged or end.gnorm <= target):
        return fit
    assert end.stats.info is not None  # an INFO-level pass
    return replace(
        fit,
        B=end.B,
        loglik=end.stats.loglik,
        penalized_loglik=end.pen,
        computed=(end.stats.info, inverse_from_cholesky(end.factor)),
        converged=True,
        stalled=False,
    )


def _step(
    U: np.ndarray, info: np.ndarray, c: np.ndarray, basis: np.ndarray | None, p: int
) -> tuple[np.ndarray, float]:
    """The scoring step D (p, q) on the adjusted score U (equation-major) and the scaled
    score U' I^-1 U, over every coefficient or, with ``basis`` L, over B = L T only:
    (T' I T) d = T' U with T = I_q kron L, D = L d."""
    if basis is None:
        d = linalg.cho_solve((c, False), U, check_finite=False)
        return unflat(d, p), float(U @ d)
    q, r = U.size // p, basis.shape[1]
    g = flat(basis.T @ unflat(U, p))
    right = np.tensordot(info.reshape(q, p, q, p), basis, axes=(3, 0))  # (q, p, q, r)
    restricted = np.tensordot(basis, right, axes=(0, 1)).transpose(1, 0, 2, 3)  # (q, r, q, r)
    cr = cholesky(restricted.reshape(q * r, q * r))
    if cr is None:
        raise EstimationError("Firth fit: the restricted information matrix is singular")
    d = cho_solve(cr, g)
    return basis @ unflat(d, r), float(g @ d)


def _highest(fits: list[FitResult]) -> FitResult:
    """The fit at the highest penalised log-likelihood (converged ones first); of fits that
    reached the same maximum, the first start's, so that a fit whose starts all agree is the
    same whatever the other starts gave (frequency weights and repeated rows, for one)."""
    pool = [f for f in fits if f.converged] or fits
    best = max(f.penalized_loglik or -np.inf for f in pool)
    tie = _SAME_MAXIMUM * max(1.0, abs(best))
    higher = [f for f in fits if (f.penalized_loglik or -np.inf) > best + tie]
    if higher:
        # a fit stopped short above every converged one: those converged to a lower local
        # maximum (beside a row far out along a column, the slope 0.0 where the maximum has
        # 6.21), which would have been reported converged; the highest stopped fit is
        # reported instead, not converged
        return max(higher, key=lambda f: f.penalized_loglik or -np.inf)
    return next(f for f in pool if (f.penalized_loglik or -np.inf) >= best - tie)


_SAME_MAXIMUM = 1e-7  # relative difference of two penalised values at the same maximum
_STAGNANT = 16 * np.finfo(float).eps  # a step this small (relative to B) changes nothing


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


def _value_rounding(data: InMemoryData, B: np.ndarray, V: np.ndarray) -> float:
    """About the rounding error of the penalised log-likelihood at ``B`` (V = I(B)^-1):
    eps sum_i w_i sum_k pi_ik x_i' V_kk x_i, the error tr(V dI) that log det I carries from
    rounding each row's term w_i pi_ik x_i x_i' of the information's diagonal blocks, from
    which the rows' much smaller w_i pi_ik (1 - pi_ik) x_i x_i' are left by subtraction."""
    X, w = data.X, data.w
    n, p = X.shape
    q = B.shape[1]
    blocks = [V.reshape(q, p, q, p)[k, :, k, :] for k in range(q)]
    total = 0.0
    for lo in range(0, n, _fisher._chunk_rows(p, q)):
        Xc = X[lo : lo + _fisher._chunk_rows(p, q)]
        P = _fisher.probabilities(Xc, B)[:, :q]
        with np.errstate(over="ignore", invalid="ignore"):  # (as in _chunk_adjustment)
            H = np.column_stack([np.einsum("ia,ia->i", Xc @ Vk, Xc) for Vk in blocks])
            total += float(w[lo : lo + len(Xc)] @ (P * np.abs(H)).sum(axis=1))
    # (not finite: no allowance, the line search as strict as without rounding)
    return float(np.finfo(float).eps) * total if np.isfinite(total) else 0.0


# The line search's allowance for rounding: this many times _value_rounding (which came within
# a factor 1.5 of the error measured in 50-digit arithmetic).
_ROUNDING_SLACK = 4.0


def _rising(
    data: InMemoryData, B: np.ndarray, s: _fisher.Stats, c: np.ndarray, D: np.ndarray
) -> bool:
    """Whether the penalised log-likelihood still rises along ``D`` at ``B`` (``s``, ``c``:
    the sums and the information's Cholesky factor there).

    Near the maximum a step lower in penalised value by less than its rounding is taken
    when this holds: where log det I carries more rounding than the last ascent (weights of
    1e8 beside ones), the line search took only steps 2^-22 long, and the iteration stayed
    at a scaled adjusted score of 6e-7 (4e-18 asked); the adjusted score does not carry
    that rounding (checked to 1e-3 in 50-digit arithmetic) and still points the way.
    """
    assert s.score is not None  # an INFO-level pass
    U = s.score + score_adjustment(data, B, inverse_from_cholesky(c))
    return bool(np.isfinite(U).all()) and float(np.vdot(U, D)) > 0.0


# A Firth fit whose iterations gained nothing beyond rounding this many times running stops:
# its penalised log-likelihood and adjusted score no longer change but by rounding, and more
# iterations would not change that.
_STALLS = 10


def _stalled(
    dev: float, dev_prev: float | None, gnorm: float, tol: float, stalled: int, rounding: float
) -> bool:
    """Converged at the precision of the sums: two iterations running that gained nothing
    beyond rounding (see :func:`_firth_scoring`), the penalised deviance still to ``tol`` and
    its ``rounding`` (that of the penalised log-likelihood), and the scaled adjusted score
    below ``tol`` of it (what a maximum-likelihood fit asks of its score; the full test asks
    ``tol**2``).

    With frequency weights of 1e8 beside ones on quasi-separated data, the information of
    the near-certain heavy rows is a difference of terms 1e8 times larger, so log det I
    carries rounding of about 1e-5, more than the last ascent: every step lost to rounding,
    the scaled adjusted score stayed at 2e-9 (the full test asks 4e-18), and the fit ran to
    max_iter, 40 halvings an iteration, and said to increase it, at brglm2's estimates.
    """
    if stalled < 2 or dev_prev is None:
        return False
    scale = deviance_scale(dev)  # in the penalty's units: sampling weights have mean one
    return abs(dev_prev - dev) <= tol * scale + 4.0 * rounding and gnorm <= tol * scale


def _as_predicted(gain: float, predicted: float) -> bool:
    """Whether a step's gain in penalised value is what its adjusted score predicts
    (``predicted``: step * U*' I^-1 U*, the first-order gain; a step up a concave quadratic
    gains between half and all of it, and the band allows half again above for rounding):
    an ascent, though below the rounding allowance, which bounds the rounding rather than
    measuring it.

    On data separated along four columns the scoring iteration converged linearly (each
    gain 0.85 of the last), its gains fell below that allowance (4.7e-11, where reordering
    the rows moves the value by 1.2e-12) while still as predicted, and two such were taken
    for stalling: the fit stopped as converged 1.9e-10 short of the maximum, a coefficient
    of 44.54 2.1e-4 from it. Rounding noise matches a prediction far below it rarely, and
    not twice running."""
    return 0.0 < 0.5 * predicted <= gain <= 1.5 * predicted


_SHORTEST_REACH = 1.0 / 64


def _reach(reach: float, D: np.ndarray, previous: np.ndarray | None) -> float:
    """The first step length the line search tries, from the last one's ``reach``.

    Scoring on the adjusted score uses I(B) for a Jacobian that is I(B) - dA/dB: where the
    adjustment is as large as the score (few rows per parameter, a saturated design) the
    full step overshoots the root, and in a saturated model lands exactly as far beyond it,
    at the same penalised value, so the line search accepts it and the iteration cycles
    between two points forever (two rows, y ~ x: 100 iterations, not converged). A step
    that turns back on the last one halves the reach; one that carries on doubles it again.
    """
    if previous is None:
        return reach
    along = float(np.vdot(D, previous))
    if along < -0.5 * norm(D) * norm(previous):
        return max(reach / 2.0, _SHORTEST_REACH)
    return min(reach * 2.0, 1.0) if along > 0 else reach


def _firth_scoring(
    data: InMemoryData,
    evaluate: Evaluate,
    max_iter: int,
    tol: float,
    progress: Progress,
    start: np.ndarray | None = None,
    name: str = "Firth",
    basis: np.ndarray | None = None,
    known: Sequence[FitResult] = (),
) -> FitResult:
    """Scoring on the adjusted score from ``start``; a path that comes within a tenth of a
    standard error of a maximum an earlier start converged to (``known``), below it, ends
    there: that fit is returned."""
    B = start_point(data, start)
    cur = evaluate(B, 2)
    pen, c = _penalised(cur)
    if c is None:  # only for a degenerate design, which model building rejects
        raise EstimationError("Firth fit: the information matrix is singular at the start")
    dev_prev = None
    n_iter = 0
    converged = False
    taken: tuple[float | None, float | None] = (None, None)  # last step: length, largest change
    reach, previous = 1.0, None
    # consecutive iterations that gained nothing beyond rounding, in the penalised value or in
    # the scaled adjusted score (below half its least yet); whether the last step gained in
    # the value, and by how much rounding the value may be off
    stalled, ascended, least, rounding = 0, True, np.inf, 0.0
    while True:
        V = inverse_from_cholesky(c)
        U = flat(cur.score + score_adjustment(data, B, V))
        assert cur.info is not None  # _penalised factored it
        if not np.isfinite(U).all():  # (see _chunk_adjustment): no step can be computed
            if n_iter == 0:
                raise EstimationError("Firth fit: the adjusted score is not finite at the start")
            stalled = _STALLS
            break
        D, gnorm = _step(U, cur.info, c, basis, data.p)
        joined = reached(B, pen, cur.info, known, _SAME_MAXIMUM)
        if joined is not None:
            progress.say(f"  {name} reaches the maximum of an earlier start: ended")
            return joined
        dev = -2.0 * pen
        scale = deviance_scale(dev)
        stalled = 0 if ascended or gnorm < 0.5 * least else stalled + 1
        least = min(least, gnorm)
        progress.iteration(
            name,
            n_iter,
            pen,
            None if dev_prev is None else (dev_prev - dev) / 2,
            norm(U),
            gnorm,
            *taken,
            quantity="penalised log-likelihood",
        )
        # Scoring on the adjusted score converges only linearly (its Jacobian is not -I), so
        # the step that passes a tol-sized test is not negligible as Newton's is: require the
        # scaled adjusted score to fall to tol^2 instead, and at most GRADIENT_CEILING^2.
        near = gnorm <= max(GRADIENT_CEILING**2, DEFAULT_TOL**2 * scale)
        if (near and has_converged(dev, dev_prev, gnorm / tol, tol)) or _stalled(
            dev, dev_prev, gnorm, tol, stalled, rounding
        ):
            converged = True
            break
        if n_iter >= max_iter or stalled >= _STALLS:
            break
        reach = _reach(reach, D, previous)
        step = reach
        # near the maximum, a lower penalised value within its rounding is no descent (the
        # rounding is computed when first needed: a pass over the rows)
        allow: float | None = None if gnorm <= np.sqrt(tol) * scale else 0.0
        for _ in range(40):
            trial = evaluate(B + step * D, 2)
            trial_pen, trial_c = _penalised(trial)
            if trial_c is not None and trial_pen >= pen - 1e-12 * (abs(pen) + 1.0):
                break
            if trial_c is not None and allow is None:
                allow = _ROUNDING_SLACK * _value_rounding(data, B, V)
            if (
                trial_c is not None
                and trial_pen >= pen - (allow or 0.0)
                and _rising(data, B + step * D, trial, trial_c, D)
            ):
                break
            step /= 2
        else:  # no step improves: the penalised likelihood is at its maximum to rounding
            converged = gnorm <= tol * scale
            stalled = _STALLS  # (more iterations would find no step either)
            break
        if allow is None and trial_pen - pen <= 1e-9 * (abs(pen) + 1.0):
            allow = _ROUNDING_SLACK * _value_rounding(data, B, V)
        rounding = allow or 0.0
        ascended = trial_pen > pen + rounding or _as_predicted(trial_pen - pen, step * gnorm)
        B = B + step * D
        previous = step * D
        taken = (step, float(np.abs(previous).max()))
        cur, pen, c = trial, trial_pen, trial_c
        dev_prev = dev
        n_iter += 1
        if basis is not None and taken[1] <= _STAGNANT * max(1.0, float(np.abs(B).max())):
            # A restricted fit's penalty is the larger design's, whose information can be
            # ill-conditioned where the restricted model sits (the null of separated data):
            # the penalised value is then noisy at ~1e-11, steps within the noise pass the
            # line search, and the scaled score stalls above tol^2 at its rounding floor. A
            # step that moves no coefficient is the end of the iteration.
            converged = gnorm <= tol * scale
            break
    assert cur.info is not None  # _penalised factored it
    return FitResult(
        B,
        cur.loglik,
        n_iter,
        converged,
        False,
        penalized_loglik=pen,
        computed=(cur.info, inverse_from_cholesky(c)),
        stalled=not converged and stalled >= _STALLS,
    )
