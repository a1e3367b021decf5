"""The restricted models of likelihood-ratio tests: refits of a fitted model on a subset of
its design columns (or a span of them, for Firth fits under the full model's penalty), warm
started from the full fit, through the fitted method's solver only (the table in
:mod:`mnlogit._methods`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np

from ._data import ModelData
from ._in_memory_data import InMemoryData
from ._lr_gain import Maximum
from ._memory import information_fits
from ._parallel import default_threads
from ._progress import iterations
from ._recession import limit_loglik, separating_cone
from .exceptions import ConvergenceWarning, DataError, warn

if TYPE_CHECKING:  # for annotations only: results imports the tests, which import this
    from .results import MNLogitResults

__all__ = [
    "LIMIT_UNKNOWN_NOTE",
    "REFIT_MAX_ITER",
    "REFIT_TOL",
    "limit_unknown_note",
    "polished",
    "refit",
    "restricted_maximum",
    "spanned",
    "supremum_loglik",
]

# Restricted refits for LR tests: tight enough that a chi2 of a few units is exact to ~1e-10
# relative even when the log-likelihoods are in the thousands (Newton converges quadratically,
# so the last step leaves an error far below the tolerance).
REFIT_TOL = 1e-12
REFIT_MAX_ITER = 200


def refit(
    res: MNLogitResults,
    cols: list[int],
    unconverged: list[str] | None = None,
    constant: bool = False,
) -> Maximum:
    """(Penalised) log-likelihood of the model with only design columns ``cols`` (and the
    constant, with ``constant``), with the refit's coefficients as those of the full design
    (p, q) when it reached its maximum (None for a refit stopped by separation or short of
    it) and its penalty, for the statistic summed over the rows' gains
    (:class:`mnlogit._lr_gain.Maximum`).

    A refit that does not converge is warned about, or, with ``unconverged``, listed there
    for the caller's one warning.
    """
    data, L = spanned(res._data, cols, constant)
    if not data.p:  # every outcome equally likely: nothing to estimate
        return Maximum(
            data.evaluator()(np.zeros((0, data.q)), 0).loglik, np.zeros_like(res._core.B)
        )
    # warm start: the full fit's coefficients of the columns kept (the refit is then a few
    # steps from its maximum where the dropped term mattered little)
    start = np.linalg.lstsq(L, res._core.B, rcond=None)[0] if constant else res._core.B[cols]
    curvature = None if constant else _kept_curvature(res, cols)
    near = {} if curvature is None else {"curvature": curvature}
    core = res.solver.fit(data, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL, start=start, **near)
    value, limited = _value(core, res, data)
    if not core.converged:
        # a warm start can be far off: beside a nearly collinear column a coefficient of
        # 5e3 cancels one of -5e-9 on a column in units of 1e12, and the latter alone puts
        # the linear predictors at -5e3, where the probabilities saturate and the solver
        # stops at once. Its own start (the intercept-only solution) then decides.
        cold = res.solver.fit(data, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL)
        cold_value, cold_limited = _value(cold, res, data)
        if cold.converged or cold_value > value:
            core, value, limited = cold, cold_value, cold_limited
    if not core.converged:
        what = f"columns {', '.join(data.column_names)} ({iterations(core.n_iter)}"
        what += f"{SEPARATED})" if limited else f"{SHORT})"
        if unconverged is None:
            warn_unconverged([what])
        else:
            unconverged.append(what)
        if not limited:
            # below its maximum, so the statistic would be too large, as mnlogit.lr_test of
            # such a fit says: it was kept, called unreliable only in a warning
            return Maximum(np.nan, None)
    return _maximum(core, value, L)


def _maximum(core: Any, value: float, L: np.ndarray) -> Maximum:
    """``value`` with ``core``'s coefficients on the larger design (``L`` maps them there)
    and its penalty, where it converged."""
    if not core.converged:
        return Maximum(value, None)
    penalty = 0.0 if core.penalized_loglik is None else core.penalized_loglik - core.loglik
    return Maximum(value, L @ core.B, penalty)


def _kept_curvature(res: MNLogitResults, cols: list[int]) -> tuple[np.ndarray, np.ndarray] | None:
    """The full fit's information of the coefficients of columns ``cols`` and their columns'
    scale (see :func:`mnlogit._methods.equilibrate`): the metric of a refit from the full
    fit's coefficients, at 1e6 x 20 x 5 six gradient passes where the sampled one took nine.

    Only when the fit maximised the likelihood itself (a penalty's Hessian is another). It
    is computed now if the fit deferred it (a pass, which the refits' own passes dwarf): taken
    only when kept, the refits ran from another metric, to other last digits, when anova()
    came before the standard errors than after them, or beside them in another thread. (A
    start from the information's quadratic approximation gained nothing: the terms that move
    the others' coefficients much are those it fits badly.)"""
    core = res._core
    if res.solver.penalized or res.solver.penalty is not None:
        return None
    p, q = core.B.shape
    if core.pending and not information_fits(p * q, default_threads(res._data.n_rows)):
        return None  # the fit itself could not form it (it stopped in its L-BFGS phase)
    kept = np.asarray(cols, dtype=np.intp)
    index = (np.arange(q)[:, None] * p + kept[None, :]).ravel()  # equation-major
    scale = np.ones(p) if core.scale is None else core.scale
    return core.scaled_info[np.ix_(index, index)], scale[kept]


def spanned(data: ModelData, cols: list[int], constant: bool) -> tuple[ModelData, np.ndarray]:
    """The model on design columns ``cols`` and, with ``constant``, a column of ones first
    (a design without an intercept column whose dropped columns carried the constant, as
    ``y ~ 0 + g + x`` without g), and its columns as combinations of the design's (p, m)."""
    L = np.eye(data.p)[:, cols]
    if not constant:
        return (data if len(cols) == data.p else data.subset_columns(cols)), L
    if not isinstance(data, InMemoryData):
        raise DataError(
            "anova: a term of this design carries the constant (it has no intercept column, but "
            "a full set of dummies), and testing it refits the other columns with an intercept, "
            "which needs the rows in memory; write the formula with an intercept (y ~ 1 + ...), "
            "the same model, or fit in memory"
        )
    a = data.constant_combination
    assert a is not None  # the caller found the constant in the dropped columns
    X = np.column_stack([np.ones(data.n_rows), data.X[:, cols]])
    names = ("Intercept", *(data.column_names[c] for c in cols))
    return replace(data, X=X, column_names=names, terms={}, spec=None), np.column_stack([a, L])


def _value(core: Any, res: MNLogitResults, data: ModelData) -> tuple[float, bool]:
    """The (penalised, for penalised fits) log-likelihood a refit on ``data`` reached; for
    a maximum-likelihood refit stopped by separation, the value it approaches (and True)."""
    value = core.penalized_loglik if res.solver.penalized else core.loglik
    assert value is not None  # penalised fits set penalized_loglik
    if not (core.converged or res.solver.penalized):
        limit = _limit(data, core.B)
        if limit is not None:
            return limit, True
    return float(value), False


def _limit(data: ModelData, B: np.ndarray) -> float | None:
    """The log-likelihood that coefficients ``B`` approach along the separating directions
    of ``data``, or None when its rows are not in memory or not separated.

    A fit of separated data stops where the divergence is found, its log-likelihood short
    of its supremum by as much as a unit or two when rows lie near the separating boundary,
    so that a likelihood-ratio statistic of two such fits was off by that much (-0.85 where
    the limit is 2.85). Along the directions, the probabilities of the outcomes each row is
    strictly separated from vanish and the others keep the odds ``B`` gives them; at the
    fit's stopping point, whose other coefficients have converged, that is the supremum to
    second order in what the vanishing outcomes still held."""
    if not data.in_memory:
        return None
    cone = separating_cone(data)
    if cone is None:
        return None
    keep, _, strict, _ = cone
    return limit_loglik(data.X[keep], data.y[keep], data.w[keep], B, strict.reshape(-1, data.q))


def _limit_unknown(res: MNLogitResults) -> bool:
    """Whether ``res`` stopped by separation with its rows out of reach (a dask fit's stay
    in the partitions), so that the value its log-likelihood approaches is not known."""
    stopped = not (res.converged or res.separation is None or res.solver.penalized)
    return stopped and not res._data.in_memory


LIMIT_UNKNOWN_NOTE = (
    "Not computed: a fit stopped by separation is compared at the log-likelihood it "
    "approaches along the separating direction, which is found from its rows, and a dask "
    "fit keeps its rows in the partitions (its log-likelihood where it stopped falls short "
    "of that value by an amount the fit cannot tell, up to a unit or two: the statistic and "
    "p-value are NaN); fit the rows in memory (a pandas DataFrame), or drop or merge the "
    "separating terms"
)


def limit_unknown_note(*fits: MNLogitResults) -> str:
    """:data:`LIMIT_UNKNOWN_NOTE` when a likelihood-ratio test of ``fits`` would compare a
    log-likelihood whose limit is not known (see :func:`_limit_unknown`), else ""."""
    return LIMIT_UNKNOWN_NOTE if any(_limit_unknown(res) for res in fits) else ""


def supremum_loglik(res: MNLogitResults) -> float:
    """``res.llf``, or for a maximum-likelihood fit stopped by separation the value its
    log-likelihood approaches (see :func:`_limit`): what likelihood-ratio tests compare.
    NaN when that value needs rows that are not in memory: the value where a dask fit
    stopped, taken for it, made lr_test 0.9004082 where the limit gives 0.9004119, with a
    note saying the limit was compared."""
    if res.converged or res.separation is None or res.solver.penalized:
        return float(res.llf)
    if _limit_unknown(res):
        return np.nan
    limit = _limit(res._data, res._core.B)
    # the rows' limit is of the weights the fit ran on, res.llf of the weights as given
    return float(res.llf) if limit is None else limit * res._weight_scale


def polished(res: MNLogitResults) -> Maximum:
    """The (penalised) log-likelihood of the fit taken on from its estimates to the refits'
    tolerance, which its restricted models reach: a fit the user stopped early (tol=1e-2,
    three iterations, 0.95 short of its maximum) made every chi2 of anova 1.9 too small.
    From a fit at the default tolerance this is a step or none. A fit stopped by separation
    keeps :func:`supremum_loglik`; a refit that gains nothing keeps the fit's own value.
    With the value, the coefficients where it is reached (None for a fit that stopped by
    separation or short of its estimates)."""
    penalised = res.solver.penalized
    own = res.penalized_llf if penalised else supremum_loglik(res)
    assert own is not None  # penalised fits set penalized_llf
    if not res.converged:
        return Maximum(own, None)
    # in the fit's own information's metric, as the refits: no information pass of its own
    curvature = _kept_curvature(res, list(range(res._data.p)))
    near = {} if curvature is None else {"curvature": curvature}
    core = res.solver.fit(
        res._data, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL, start=res._core.B, **near
    )
    value = core.penalized_loglik if penalised else core.loglik
    identity = np.eye(res._data.p)
    if core.converged and value is not None and value > own:
        return _maximum(core, float(value), identity)
    return _maximum(res._core, own, identity)


def restricted_maximum(
    res: MNLogitResults,
    data: ModelData,
    basis: np.ndarray,
    start: np.ndarray,
    unconverged: list[str] | None = None,
) -> Maximum:
    """Penalised log-likelihood of the Firth model ``data`` (the larger model of a test)
    maximised over B = basis T only: the restricted model under the larger model's penalty
    (Heinze & Schemper 2002; logistf's ``logistftest``). ``start`` (p, q), the larger
    model's coefficients, is projected onto the span; the solver's other starts (the
    intercept-only solution, a ridge fit, a damped maximum-likelihood path) are tried too.
    With its coefficients (on the columns of ``data``) and penalty; NaN for a refit that
    did not converge."""
    core = res.solver.fit(data, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL, start=start, basis=basis)
    assert core.penalized_loglik is not None  # a penalised fit
    if not core.converged:
        what = (
            f"{basis.shape[1]} free combination(s) of the columns {', '.join(data.column_names)} "
            f"({iterations(core.n_iter)}{STOPPED})"
        )
        if unconverged is None:
            warn_unconverged([what])
        else:
            unconverged.append(what)
        # below its maximum, so the statistic would be too large: on quasi-separated data
        # with weights of 1e8 the refit without x2 stopped 1.3 below a maximum it had
        # passed, and anova's chi2 for x2 read 254.4 where lr_test's refit gave 257.0
        return Maximum(np.nan, None)
    return _maximum(core, core.penalized_loglik, np.eye(data.p))


SEPARATED = ", separated"  # marks a refit compared at the log-likelihood it approaches
STOPPED = ", penalised"  # marks a restricted Firth refit whose test is not computed
SHORT = ", short of its maximum"  # marks another refit whose test is not computed


def unconverged_text(models: list[str]) -> str:
    text = f"the restricted model(s) with {'; '.join(models)} did not converge"
    separated = [m.endswith(f"{SEPARATED})") for m in models]
    if any(separated):
        text += (
            ": the separated one(s) are compared at the log-likelihood they approach along "
            "the separating direction"
        )
    stopped = [m.endswith(f"{STOPPED})") for m in models]
    if any(stopped):
        text += (
            "; the penalised one(s) stopped below the maximum of the penalised "
            "log-likelihood, where the statistic would be too large: their tests are not "
            "computed (NaN); a separately fitted restricted model passed to mnlogit.lr_test "
            "starts from its own estimates"
        )
    if any(m.endswith(f"{SHORT})") for m in models):
        text += (
            "; the one(s) short of their maximum (max_iter reached, or steps that stopped "
            "shrinking) would make the statistic too large: their tests are not computed (NaN)"
        )
    return text


def warn_unconverged(models: list[str]) -> None:
    warn(unconverged_text(models), ConvergenceWarning)
