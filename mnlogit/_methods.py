"""The ways of estimating the coefficients: the table ``METHODS`` that ``method=`` selects
from (maximum likelihood, Firth), with the penalty ``penalty=`` binds to a method
(:func:`resolve_method`), each fit run on equilibrated columns.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any, TypeVar

import numpy as np
from scipy import linalg

from ._checks import check_option, lookup_option, real_equal
from ._data import ModelData
from ._firth import firth_fit, firth_from
from ._in_memory_data import InMemoryData
from ._linalg import ORTHOGONALISE_BELOW, RANK_TOL, ill_conditioned, row_factor
from ._null import null_start
from ._penalty import L2, PENALTIES
from ._progress import Progress
from ._scores import moves_against
from ._screen import screened, shows_separation
from ._separated_finish import finish_separated
from ._solvers import FitResult, estimate
from ._statsmodels_options import optimiser_hint
from ._step_rules import STEP_BOUND
from .exceptions import DataError, OptionError
from .separation import detect, exact_check_runs

__all__ = [
    "METHODS",
    "Method",
    "equilibrate",
    "on_basis",
    "orthogonalise",
    "resolve_method",
    "sampling_weights_of_mean_one",
]


# --- equilibrated columns ----------------------------------------------------------------------
def equilibrate(fit: Callable[..., FitResult]) -> Callable[..., FitResult]:
    """``fit`` run on the columns of ``data.equilibrated()``, its result mapped back exactly.

    A column in extreme units (1e200, 1e-300) overflows or underflows X'WX and the
    information, and the solvers' step-size heuristics read coefficients in the columns'
    units. Dividing every column far from unit size by a power of two (exact) and fitting
    B_s = s B removes both: B = B_s / s and the information S I_s S are exact, and a Firth
    fit's penalised log-likelihood moves by q sum(log s) (a restricted one's too, ``basis=``:
    its penalty is the whole design's). A penalty on the coefficients (L2) depends on their
    units: on B_s it weighs each column's coefficients 1 / s^2, the same objective.
    ``curvature=(info, scale)``, a refit's metric, is the information of ``scale * B``
    (another fit's equilibrated coefficients); it is passed on as that of ``s * B``. (A
    partial of a module-level function, so that methods pickle.)
    """
    return functools.partial(_equilibrated, fit)


def _equilibrated(fit: Callable[..., FitResult], data: ModelData, **options: Any) -> FitResult:
    scaled, s = data.equilibrated()
    if options.get("curvature") is not None:
        info, scale = options["curvature"]
        options["curvature"] = _rescaled_curvature(info, scale, s)
    if scaled is data:
        return fit(data, **options)
    penalty = options.get("penalty")
    if penalty is not None:  # before, penalised fits ran on the columns as given, whose
        # squares overflowed X'WX in units of 1e160 (coefficients 0, "diverged")
        weight_scale = 1.0 if data.design is None else data.design.weight_scale
        divisors = penalty.divisors(s, weight_scale)
        # divisors whose penalty weights lam / s^2 overflow (only rows at hand are divided)
        if isinstance(data, InMemoryData) and (divisors != s).any():
            s = divisors
            scaled = replace(data, X=data.X / s)
        options["penalty"] = replace(penalty, columns=tuple(map(float, s)))
    start = options.get("start")
    if start is not None:
        options["start"] = np.asarray(start, dtype=np.float64) * s[:, None]
    basis = options.get("basis")
    if basis is not None:  # B = L T is B_s = s B = (s L) T: the same T, the span rescaled
        options["basis"] = np.asarray(basis, dtype=np.float64) * s[:, None]
    core = fit(scaled, **options)
    with np.errstate(over="ignore"):
        B = core.B / s[:, None]
    _check_representable(data, B, core.B, s)
    # 1/2 log det (S I S) - 1/2 log det I: Firth's penalty (an L2 penalty is the same value)
    shift = 0.0 if penalty is not None else core.B.shape[1] * float(np.log(s).sum())
    penalized = core.penalized_loglik
    return replace(
        core,
        B=B,
        direction=None if core.direction is None else core.direction / s[:, None],
        scale=s,
        penalized_loglik=None if penalized is None else penalized + shift,
        maxima=tuple(m + shift for m in core.maxima),
    )


def _rescaled_curvature(info: np.ndarray, scale: np.ndarray, s: np.ndarray) -> np.ndarray:
    """The information ``info`` of the coefficients ``scale * B`` (each equation) as that of
    ``s * B``: a refit's metric, from the full fit's equilibrated columns to the refit's
    (both powers of two, so their ratio is exact and near 1)."""
    r = np.tile(scale / s, info.shape[0] // len(s))
    return info * r[:, None] * r[None, :]


def _check_representable(data: ModelData, B: np.ndarray, B_s: np.ndarray, s: np.ndarray) -> None:
    """Refuse coefficients that the fit found but a float cannot hold in the user's units.

    A column of subnormal numbers (1e-310) fits as well as any on its equilibrated scale,
    but its coefficients, about 1/1e-310, pass the largest float (1.8e308): they came out
    as inf, with numpy's overflow warning, and their standard errors too.
    """
    lost = np.isfinite(B_s).all(axis=1) & ~np.isfinite(B).all(axis=1)
    if lost.any():
        cols = np.flatnonzero(lost)
        named = ", ".join(f"{data.column_names[j]!r} (scale about {s[j]:.0e})" for j in cols)
        raise DataError(
            f"design column(s) {named} are in units so small that their coefficients "
            "exceed the largest floating-point number (about 1.8e308); multiply the column "
            "by a large constant (e.g. 1e300) and divide its coefficients by it"
        )


# --- nearly collinear columns ------------------------------------------------------------------
def orthogonalise(fit: Callable[..., FitResult]) -> Callable[..., FitResult]:
    """``fit`` run on an orthogonal basis of the columns when some column is nearly a
    combination of the columns before it (residual at most ORTHOGONALISE_BELOW, also short
    of the warning's NEAR_COLLINEAR), or several columns together are (see
    :func:`mnlogit._linalg.ill_conditioned`), its result mapped back exactly: an
    unpenalised fit only (a penalty depends on the coefficients' basis).

    The information of such a design has a condition number of about 1 / residual^2, and
    the score X'(Y - P) carries rounding of order eps n |X| in the columns' own basis: at a
    residual of 1.2e-7 the fit stopped where fitted probabilities were 7e-7 from the maximum's
    and standard errors of the nearly aliased column were 1% off. On Q = X T, T = D^-1 R^-1
    (R of a QR of the unit-scaled rows, so Q has orthogonal columns), the information is well
    conditioned; B = T B_Q, and the information and its inverse are mapped by T, which loses
    only about eps / residual. (A partial of a module-level function, so methods pickle.)
    """
    return functools.partial(_orthogonalised, fit)


def _orthogonalised(fit: Callable[..., FitResult], data: ModelData, **options: Any) -> FitResult:
    if options.get("penalty") is not None:
        return fit(data, **options)
    residuals = data.column_residuals()
    if residuals is None or not residuals.size:
        return fit(data, **options)
    if residuals.min() <= RANK_TOL:
        return fit(data, **options)
    if residuals.min() > ORTHOGONALISE_BELOW and not _ill_conditioned(data):
        return fit(data, **options)
    basis, T, T_inv = _orthogonal_basis(data)
    start = options.get("start")
    if start is None:
        start = null_start(data.outcome_counts(), data.p, data.intercept)
    options["start"] = T_inv @ np.asarray(start, dtype=np.float64)
    if options.get("curvature") is not None:  # B = T B_Q: the information T' I T
        options["curvature"] = _congruent(options["curvature"], T.T)
    core = fit(basis, **options)
    return replace(
        core,
        B=T @ core.B,
        direction=None if core.direction is None else T @ core.direction,
        computed=None if core.computed is None else _mapped(core.computed, T, T_inv),
        # the basis's fit computes (and keeps) its curvature once, for both
        deferred=None if core.deferred is None else functools.partial(_deferred, core, T, T_inv),
        basis=(T, core),
    )


def _ill_conditioned(data: ModelData) -> bool:
    """:func:`mnlogit._linalg.ill_conditioned` of the data's X'WX; a wide design in memory,
    which keeps only a sample's, first asks the sample's (below the whole's): the whole's
    costs n p^2 / 2 multiply-adds, a dozen gradient passes at p = 1000."""
    sums = data.sums() if isinstance(data, InMemoryData) else {}
    if "gram_sample" in sums and "gram" not in sums:
        lower = sums["gram_sample"] * sums["sample_share"]
        d = np.sqrt(sums["sum_squares"])
        if np.all(d > 0) and not ill_conditioned(lower, lengths=d):
            return False
    return ill_conditioned(data._constant_sums()[0])


def _orthogonal_basis(data: Any) -> tuple[Any, np.ndarray, np.ndarray]:
    """The model on Q = X T, columns orthogonal with root mean square 1 (T = D^-1 R^-1, R of
    a QR of the unit-scaled rows), T, and T^-1 (B = T B_Q). Rows held elsewhere (a dask
    fit's partitions) are factored in one pass, their lengths read from X'WX: a dask fit on
    the columns as given, x + 1e6 beside the intercept, had standard errors up to 1e-3
    (relative) from these."""
    p = data.p
    if isinstance(data, InMemoryData):
        R, d = row_factor(data.X, data.w if data.weighted else None)
    else:
        d = np.sqrt(np.diag(data._constant_sums()[0]))
        d[~(d > 0)] = 1.0
        R = data.column_factor(None, d)
    root = np.sqrt(data.sum_weights)  # columns of Q with root mean square 1
    T = linalg.solve_triangular(R, np.eye(p)) * (root / d[:, None])
    return on_basis(data, T), T, R * (d / root)[None, :]


def on_basis(data: Any, T: np.ndarray) -> Any:
    """The model on the columns X T (named q0, q1, ...), in memory or in partitions."""
    p = data.p
    # new names and no terms: Q has no intercept or dummy columns for the sums to exploit
    names = tuple(f"q{j}" for j in range(p))
    if isinstance(data, InMemoryData):
        return replace(data, X=data.X @ T, column_names=names, terms={})
    return data.map_columns(np.ones(p), np.zeros(p), T, names=names)


def _mapped(
    curvature: tuple[np.ndarray, np.ndarray | None], T: np.ndarray, T_inv: np.ndarray
) -> tuple[np.ndarray, np.ndarray | None]:
    """The information and its inverse of B_Q = T^-1 B (each equation), as those of B."""
    info, cov = curvature
    return _congruent(info, T_inv.T), None if cov is None else _congruent(cov, T)


def _congruent(M: np.ndarray, A: np.ndarray) -> np.ndarray:
    """(I_q kron A) M (I_q kron A)' for an equation-major M (pq, pq), block by block."""
    p = A.shape[0]
    q = M.shape[0] // p
    blocks = A @ M.reshape(q, p, q, p).transpose(0, 2, 1, 3) @ A.T
    out = blocks.transpose(0, 2, 1, 3).reshape(p * q, p * q)
    return (out + out.T) / 2


def _deferred(
    core: FitResult, T: np.ndarray, T_inv: np.ndarray
) -> tuple[np.ndarray, np.ndarray | None]:
    return _mapped((core.scaled_info, core.scaled_cov[0]), T, T_inv)


# --- Firth's estimates on a well-conditioned basis --------------------------------------------
# A Firth fit whose design has a column this close to the span of the ones before it (its
# residual, relative to its length) is polished on an orthogonal basis: 1e-4 beside x + 1e4
FIRTH_POLISH_RESIDUAL = 1e-2


def polish_ill_conditioned(fit: Callable[..., FitResult]) -> Callable[..., FitResult]:
    """Firth's ``fit``, its estimates then polished on an orthogonal basis of the columns
    (that of :func:`orthogonalise`) when one column is within ``FIRTH_POLISH_RESIDUAL`` of the
    span of those before it, and mapped back exactly.

    Firth's adjusted score takes the inverse of the information, nearly singular beside a
    column far from zero (a year, x + 1e4), its interactions with a factor, or such a column
    beside a full set of dummies: on x + 1e4 the estimates converged 2e-5 (1e-4 standard
    errors) from those on x, reporting convergence, and on x + 1e5 or x * g stopped at
    max_iter. On Q = X T the penalty 1/2 log det I gains q log|det T|, a constant, so the
    maximum is the same one. The fit itself runs on the columns as given, so that its
    starts, and the maxima they reach, are those of the design (on another basis the glass
    data's fit reached brglm2's maximum without passing the test); a polish that does not
    converge leaves the fit as it was, and one that does converges a fit that stopped at
    ``max_iter`` for want of precision. The polish's iterations count against the fit's
    ``max_iter`` (only its test of convergence, and Newton's few finishing steps, are left
    to a fit that used them all). Restricted fits (``basis=``, likelihood-ratio tests)
    are polished in their span, T^-1 basis: beside x + 1e6 a factor's penalised LR statistic
    was 3.7e-4 (relative) from its value on x. (A partial of a module-level function, so that
    methods pickle.)
    """
    return functools.partial(_polished, fit)


def _polished(fit: Callable[..., FitResult], data: ModelData, **options: Any) -> FitResult:
    core = fit(data, **options)
    span = options.get("basis")
    if not isinstance(data, InMemoryData) or (span is not None and not span.shape[1]):
        return core  # (an empty span: nothing was estimated)
    residuals = data.column_residuals()
    if not residuals.size or residuals.min() > FIRTH_POLISH_RESIDUAL:
        return core
    basis, T, T_inv = _orthogonal_basis(data)
    keep: dict[str, Any] = {k: options[k] for k in ("tol", "threads", "verbose") if k in options}
    # the polish goes on with the fit's own iterations: given max_iter afresh, a fit of
    # max_iter=5 reported n_iter=10, converged, as if the limit had been 10
    keep["max_iter"] = max(options.get("max_iter", 100) - core.n_iter, 0)
    if span is not None:
        keep["basis"] = T_inv @ span  # B = L t is B_Q = T^-1 L t
    # Its steps only ascend from the fit's estimates, so it stays at their maximum. (Its
    # penalised value can be below theirs: on the columns as given log det I carried the
    # error, 3e-7 beside x + 1e4.)
    polished = firth_from(basis, T_inv @ core.B, **keep)
    if not polished.converged:
        return core
    assert polished.computed is not None and polished.penalized_loglik is not None
    shift = core.B.shape[1] * float(np.log(np.abs(np.diag(T))).sum())  # q log|det T|
    value = polished.penalized_loglik - shift
    return replace(
        core,
        B=T @ polished.B,
        loglik=polished.loglik,
        penalized_loglik=value,
        maxima=tuple(value if m == core.penalized_loglik else m for m in core.maxima),
        n_iter=core.n_iter + polished.n_iter,
        converged=True,  # also where the fit stopped at max_iter for want of precision
        stalled=False,
        computed=_mapped(polished.computed, T, T_inv),
        deferred=None,
        # (a restricted fit's span has coefficients of its own, which no test maps)
        basis=(T, polished) if span is None else None,
    )


# --- maximum likelihood ------------------------------------------------------------------------
_equilibrated_estimate = equilibrate(orthogonalise(estimate))


def maximum_likelihood(data: ModelData, **options: Any) -> FitResult:
    """:func:`mnlogit._solvers.estimate` on equilibrated columns, gone on with when it stopped
    for separation that the exact check does not find.

    The scoring loop stops when its steps stop shrinking, separation's signature. A finite
    maximum far out along a flat direction gives the same signature for a while: a spline
    basis column that only the largest distances reach, with one outcome absent there, had
    a coefficient of -15442 at the maximum, 17 log-likelihood units above where the steps
    first stopped shrinking (R's nnet stops short of it too). When the exact check
    (:func:`mnlogit.separation.detect`, in memory) finds no separation, the maximum is
    finite, so the fit goes on from where it stopped until it converges or reaches
    ``max_iter``. The check's finding is kept on the result (``separation_check``), so that
    the results do not run it again. A fit that converged is checked too when a column of
    one sign is 0 on every row of some outcome, or no row of some outcome is at a factor's
    baseline level (:func:`mnlogit._screen.screen`, from the sums kept of the rows):
    separated, it is reported as a separated fit that did not converge, with what the exact
    check finds, or, for data not in memory, with what those sums show
    (:func:`mnlogit._screen.screened`); a fit of such data that diverged is reported with
    what those sums show too. A separated fit is gone on with while what has limits still
    moves, and fitted again with bounded steps where its own steps threw it
    (:func:`mnlogit._separated_finish.finish_separated`).
    """
    fit = _equilibrated_estimate
    core = fit(data, **options)
    max_iter = options.get("max_iter", 100)
    if options.get("penalty") is not None:  # a penalised maximum is finite: not stopped so
        return core
    if core.converged and shows_separation(data):
        # separated for sure, though the deviance stopped changing (see _sums.empty_cells)
        found = detect(data) if exact_check_runs(data) else screened(data)
        if found is not None:
            return replace(core, converged=False, diverged=True, separation_check=(found,))
    if core.diverged and not core.converged and not exact_check_runs(data):
        # what the kept sums show, as for a fit that converged there: the steps, not the
        # deviance, now end such a fit (see _quasi_newton.LONG_STEP)
        found = screened(data)
        if found is None:
            return _gone_on_unchecked(fit, data, core, options)
        done = finish_separated(fit, data, core, found, options)
        return replace(done, separation_check=(found,))
    if not (core.diverged and not core.converged):
        return core
    found = detect(data)
    if found is not None:
        done = finish_separated(fit, data, core, found, options)
        return replace(done, separation_check=(found,))
    if core.n_iter >= max_iter:
        return replace(core, separation_check=(found,))
    Progress(options.get("verbose", False)).say(
        "the steps stopped shrinking, but the exact check finds no separation (the "
        "maximum is finite): going on"
    )
    # (a refit's curvature was of its start, not of where it stopped)
    options.pop("curvature", None)
    more = fit(
        data, **{**options, "start": core.B, "max_iter": max_iter - core.n_iter, "finite": True}
    )
    n_iter = core.n_iter + more.n_iter
    # rows lighter than float64's rounding beside the mean weight are in no sum: the others,
    # which may separate, are all the fit sees, and a bounded restart stopped among them,
    # called converged (see _stop_messages.weights_beyond_rounding, which says why instead)
    seen = not (data.weighted and data.weight_share < np.finfo(np.float64).eps)
    if not more.converged and n_iter < max_iter and seen:
        # stuck where some rows' probabilities are 0 or 1 to rounding, their information
        # gone: from the start again, no step moving a linear predictor by more than
        # STEP_BOUND (see _step_rules.bounded_step)
        Progress(options.get("verbose", False)).say(
            "the fit stopped short of the finite maximum: from the start again with bounded steps"
        )
        bounded = fit(
            data,
            **{**options, "max_iter": max_iter - n_iter, "finite": True, "step_bound": STEP_BOUND},
        )
        n_iter += bounded.n_iter
        if bounded.converged or bounded.loglik > more.loglik:
            more = bounded
    return replace(more, n_iter=n_iter, separation_check=(None,))


def _gone_on_unchecked(
    fit: Callable[..., FitResult], data: ModelData, core: FitResult, options: dict[str, Any]
) -> FitResult:
    """A fit that ran off (see :func:`mnlogit._step_rules.running_off`) where no exact check
    can run and the separation screen finds nothing, gone on with from where it stopped
    while its last step moves some row of positive weight away from its own outcome
    (:func:`mnlogit._scores.moves_against`): that step is then no separating direction, and
    the steps' signature was a finite maximum's far out.

    With stratum sampling weights a million times the others', a subpopulation whose heavy
    rows alone would be separated has its maximum at a slope of -797.7, which the fit in
    memory reaches once the exact check finds no separation: on dask the steps (5.9, 10.2,
    15.2, 26.6, 91.2, 94.4) ran off 336 out, "diverged", every standard error NaN, while the
    last step moved a light row away from its outcome by a quarter of the most it moved any
    row's predictors. A fit gone on with converges
    (the score vanishes there, which it does nowhere on separated data) or runs off again,
    read as before; a step that moves no row away from its outcome is a separating
    direction, and the fit is reported diverged without another pass."""
    max_iter = options.get("max_iter", 100)
    n_iter, first = core.n_iter, core
    while (
        core.ran_off
        and core.direction is not None
        and n_iter < max_iter
        and moves_against(data.least_margin(core.direction), data.column_extent(), core.direction)
    ):
        Progress(options.get("verbose", False)).say(
            "the steps stopped shrinking, but the last one moves rows away from their "
            "outcomes (no separating direction): going on"
        )
        options.pop("curvature", None)  # (a refit's curvature was of its start)
        core = fit(data, **{**options, "start": core.B, "max_iter": max_iter - n_iter})
        n_iter += core.n_iter
    return core if core is first else replace(core, n_iter=n_iter)


_Data = TypeVar("_Data", bound=ModelData)


# --- sampling weights for a penalty of the sample's size ------------------------------------------
def sampling_weights_of_mean_one(data: _Data) -> _Data:
    """``data`` with its sampling weights divided by their mean over the rows of the fit of
    positive weight (the design's ``weight_scale`` multiplied by it, so that log-likelihoods
    are still reported for the weights as given); frequency weights and unweighted data are
    returned as they are.

    Firth's penalty log det I(B) / 2 is of the sample's size, while sampling weights sum to
    the population's, in whatever units they come: maximising l_w(B) + log det I_w(B) / 2 with
    the weights times c weighs the penalty 1/c as much, so the estimates and standard errors
    depended on the weights' units (the api data's pw and pw / mean(pw) gave intercepts of 6.79
    and 5.88). With weights of mean one the penalty weighs as it does for the unweighted
    sample, whatever their units; pseudo-maximum-likelihood estimates and the linearised
    covariance do not depend on the weights' scale, so nothing else changes. Rows of weight 0
    are no part of the sample: counted in the mean, they gave the penalty less weight than
    the same domain's subpopulation (``subpop=``, whose rows leave the fit) gets.
    """
    design = data.design
    rows = int(np.count_nonzero(data.w > 0)) if data.in_memory else data.n_rows
    if design is None or rows == 0:
        return data
    mean = data.sum_weights / rows
    if not (np.isfinite(mean) and mean > 0) or mean == 1.0:
        return data
    return replace(  # type: ignore[type-var]
        data, w=data.w / mean, design=replace(design, weight_scale=design.weight_scale * mean)
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
    # a penalised likelihood: LR tests compare the penalised values, the restricted model
    # maximising the larger model's penalised likelihood (fit(data, basis=...))
    penalized: bool
    in_memory_only: bool  # needs every row on this machine (not a distributed fit)
    takes_penalty: bool = False  # accepts penalty= (a penalty on the coefficients' size)
    penalty: L2 | None = None  # the penalty bound by resolve_method
    inference: bool = True  # Wald standard errors, tests and intervals, LR tests, AIC, BIC
    # a sandwich (robust, cluster, design) of its estimates means something on separated data:
    # not for Firth's, which exist there only through the penalty
    sandwich_if_separated: bool = True
    # its penalty is of the sample's size, not the weights': sampling weights are used
    # divided by their mean (sampling_weights_of_mean_one)
    sample_size_penalty: bool = False
    note: str = ""  # what the summary says about the estimates

    def __repr__(self) -> str:
        return f"<Method {self.name!r}: {self.label}>"


METHODS: dict[str, Method] = {
    m.name: m
    for m in (
        Method(
            "newton",
            "maximum likelihood",
            maximum_likelihood,
            penalized=False,
            in_memory_only=False,
            takes_penalty=True,
        ),
        Method(
            "firth",
            "bias-reduced (Firth)",
            equilibrate(polish_ill_conditioned(firth_fit)),
            penalized=True,
            in_memory_only=True,
            sandwich_if_separated=False,
            sample_size_penalty=True,
            note=(
                "Bias-reduced (Firth) estimates maximise the penalised log-likelihood "
                "l(B) + log det I(B) / 2; likelihood-ratio tests (against the null, "
                "mnlogit.lr_test, anova) compare penalised log-likelihoods, the restricted "
                "model fitted under the full model's penalty."
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
    try:
        solver = lookup_option("method", method, METHODS)
    except OptionError as exc:
        hint = optimiser_hint(method)
        if hint is None:
            raise
        raise OptionError(f"{exc}: {hint}") from None
    # None is a value the option takes: the refusal lists it, not the penalties alone
    check_option("penalty", penalty, (None, *PENALTIES))
    users = ", ".join(repr(m.name) for m in METHODS.values() if m.takes_penalty)
    if penalty is None:
        if not real_equal(C, 1.0):  # Decimal(1) is the default C, as Fraction(1) is
            # a method without a penalty of its size was told to pass penalty='l2', which
            # it refuses in turn
            fix = (
                "pass penalty='l2' with it, or leave C out"
                if solver.takes_penalty
                else f"penalty='l2' applies to method={users}, and method={method!r} has its "
                "own penalty: leave C out"
            )
            raise OptionError(
                f"C={C!r} is the inverse strength of a penalty and has no effect without one; {fix}"
            )
        return solver
    bound = lookup_option("penalty", penalty, PENALTIES)(C)
    if not solver.takes_penalty:
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
