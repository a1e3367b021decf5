"""MNLogitResults: an immutable fitted model with labelled, cached inference.

The class is assembled from a chain of parts, each in its own module: the declared state
(``_results_base``), the estimates and fit statistics (``_results_estimates``), predictions
and renderings (``_results_rendering``), another reference (``_results_reference``) and the
delegated analyses (``_results_analyses``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._other_options import OTHER_ATTRIBUTES
from ._progress import iterations
from ._stop_messages import (
    WEIGHTS_CLOSER,
    penalised_stall,
    penalised_stop,
    rounding_step,
    score_rounding,
    weights_beyond_rounding,
)
from .exceptions import (
    ConvergenceWarning,
    warn,
)
from .separation import exact_check_runs, warn_separation

if TYPE_CHECKING:  # for annotations only (matplotlib is an optional dependency)
    pass
from ._results_analyses import AnalysesMixin

__all__ = ["MNLogitResults", "warn_if_unconverged"]


class MNLogitResults(AnalysesMixin):
    """A fitted multinomial logit.

    Coefficient tables are DataFrames indexed by design column (formulaic's names) with one
    column per non-reference outcome; long tables are indexed by (outcome, term). The object is
    immutable: another covariance type or reference gives a new object.

    Parameters
    ----------
    data : ModelData
        The rows and labels the model was fitted on (kept, not copied).
    core : FitResult
        What the solver returned.
    cov_type : {"nonrobust", "robust", "cluster", "design"}
        The covariance estimator (see :mod:`mnlogit.covariance`); ``"design"`` needs data
        with a survey design.
    method : {"newton", "firth"} or Method
        How the coefficients were estimated: a name in :data:`mnlogit._methods.METHODS`, or
        the estimator :func:`mnlogit._methods.resolve_method` made (with its penalty).
    separation : Separation, optional
        What the separation check found; checked here (on in-memory data) when a
        maximum-likelihood fit did not converge.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ np.log(distance)", mnlogit.datasets.load("travel"), ref="car")
    >>> res.params.shape
    (2, 3)
    """

    if not TYPE_CHECKING:  # a type checker would then let any attribute name pass

        def __getattr__(self, name: str) -> Any:
            # only names the class lacks reach here: another package's name gets this one's
            hint = OTHER_ATTRIBUTES.get(name)
            message = f"{type(self).__name__!r} object has no attribute {name!r}"
            raise AttributeError(f"{message}; {hint}" if hint else message, name=name, obj=self)


def warn_if_unconverged(res: MNLogitResults, max_iter: int, tol: float | None = None) -> None:
    """Warn, once, when a fit did not converge: with the separation the exact check found, or
    what stopped the fit. Separation is blamed only when the check found it (or could not run,
    on data that are not in memory); a ``tol`` below what rounding lets the deviance reach
    is named beside max_iter."""
    if res.converged:
        rounding = score_rounding(res)
        if rounding:
            warn(rounding, ConvergenceWarning)
        return
    if res.separation is not None:
        warn_separation(res.separation)
        if res._diverging_unchecked:  # (see FitResult.outran)
            warn(
                "coefficients beyond those the separation found kept running off to infinity "
                "when the log-likelihood stopped rising, so more of them diverge than it "
                "names: every coefficient is treated as diverging (standard errors, p-values "
                "and tests NaN); check the data, or a sample of it, in memory with "
                "mnlogit.check_separation, which names them",
                ConvergenceWarning,
            )
            return
        if res._core.unsettled or (not res.diverged and res.n_iter >= max_iter):
            warn(
                f"the fit reached max_iter ({max_iter}) with the coefficients that the "
                "separation leaves finite still moving: their estimates and standard errors "
                "are not final; refit with a larger max_iter",
                ConvergenceWarning,
            )
        return
    checked = not res.solver.penalized and exact_check_runs(res._data)
    if res.diverged and res.solver.penalized:
        # the penalised maximum is finite: neither separation nor the rows' place explain it
        warn(f"the fit stopped: {penalised_stop(res)}", ConvergenceWarning)
        return
    if res.diverged and weights_beyond_rounding(res):
        warn(
            f"the fit stopped: {weights_beyond_rounding(res)}. The estimates and standard "
            f"errors are not final; {WEIGHTS_CLOSER}.",
            ConvergenceWarning,
        )
        return
    if res.diverged and not checked:
        warn(
            "the fit diverged: coefficients are running off to infinity, so the "
            "maximum-likelihood estimate may not exist (separation, whose exact check needs "
            "the rows, and its linear program over them, in memory); estimates and standard "
            "errors are not meaningful. Try method='firth' on the data or a sample of it in "
            "memory.",
            ConvergenceWarning,
        )
        return
    if res.diverged:
        warn(
            "the fit stopped: the information matrix became numerically singular or the steps "
            "stopped shrinking, although the exact check finds no separation (finite "
            "estimates exist). Check for nearly collinear columns; the estimates and standard "
            "errors are not final.",
            ConvergenceWarning,
        )
        return
    if res._core.stalled and res.solver.penalized and res.solver.penalty is None:
        warn(f"the fit stopped: {penalised_stall(res, tol)}", ConvergenceWarning)
        return
    if res._core.rounding is not None:
        warn(
            "the fit stopped at the rounding of its sums, short of convergence: the lightest "
            f"rows weigh {res._data.weight_share:.1g} of the mean weight, below what float64 "
            "adds to the others' sums (its epsilon, 2.2e-16), and the next step, "
            f"{rounding_step(res._core.rounding)}, no longer shrinks. What "
            "those rows alone determine has no estimate here, and the estimates and standard "
            "errors are not final; weights that span less than about 1e16 can be fitted.",
            ConvergenceWarning,
        )
        return
    if res._core.stalled:
        warn(
            f"the fit stopped after {iterations(res.n_iter)}, short of convergence: its "
            "L-BFGS phase, all a fit can run whose information matrix would not fit in "
            f"memory, no longer made progress, which a larger max_iter (currently {max_iter}) "
            "does not change. Check for nearly collinear columns, or fit fewer columns; the "
            "estimates and standard errors are not final.",
            ConvergenceWarning,
        )
        return
    cause = " (the exact check finds no separation)" if checked else ""
    # the deviance changes by rounding, about 1e-16 of it, at the maximum: a tolerance far
    # below that is met only where a step changes nothing at all
    tight = (
        f", or raise tol (currently {tol!r}, below the relative precision, about 1e-15, that "
        "rounding leaves the deviance)"
        if tol is not None and tol < 1e-14
        else ""
    )
    warn(
        f"the fit did not converge in {iterations(res.n_iter)}{cause}; increase max_iter "
        f"(currently {max_iter}){tight}",
        ConvergenceWarning,
    )
