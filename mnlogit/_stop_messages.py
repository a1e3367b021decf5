"""Why a penalised fit (Firth's, L2) stopped short of its maximum, and how long the step was
that the sums' rounding stopped, in the words its warning and its summary share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._linalg import flat
from ._progress import iterations

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = [
    "FIRTH_NOTE",
    "SCORE_ROUNDING_NOTED",
    "WEIGHTS_CLOSER",
    "penalised_stall",
    "penalised_stop",
    "rounding_step",
    "score_rounding",
    "unseparated_stop",
    "weights_beyond_rounding",
]

# what a Firth fit's likelihood-ratio tests compare; its summary says so once, in the method's
# own note, and leaves it out of the header test's
FIRTH_NOTE = (
    "Firth fits: penalised log-likelihoods l(B) + log det I(B) / 2 compared, the restricted "
    "model fitted under the full model's penalty."
)


def penalised_stop(res: MNLogitResults) -> str:
    """Why a penalised fit (Firth's, L2) stopped short of its maximum, which is finite: the
    information became numerically singular, as where a weak penalty (a large C) lets the
    coefficients of separated data grow until it is. The warning said the maximum-likelihood
    estimate may not exist (for a penalised fit it does), that separation can only be
    checked on data in memory (these were), and the summary that the exact check found no
    separation (it was not run)."""
    largest = float(np.nanmax(np.abs(res._core.B))) if res._core.B.size else 0.0
    weak = (
        f" (C={res.C!r} is a weak penalty: on separated data, which mnlogit.check_separation "
        "finds, the coefficients grow until the information is singular before it holds "
        "them; use a smaller C)"
        if res.C is not None
        else ""
    )
    return (
        "the information matrix became numerically singular or the steps stopped shrinking "
        f"short of the penalised maximum, which is finite{weak}; the largest coefficient is "
        f"{largest:.4g}. Check for nearly collinear columns; the estimates are not final."
    )


def penalised_stall(res: MNLogitResults, tol: float | None = None) -> str:
    """Why a Firth fit stopped where no step gained beyond the rounding of its sums, which a
    larger max_iter does not change; a ``tol`` below what rounding allows is named."""
    w = res._data.w[res._data.w > 0] if res._data.weighted else np.ones(1)
    wide = bool(w.max() > 1e6 * w.min())
    spread = f" (frequency weights from {w.min():.3g} to {w.max():.3g})" * wide
    todo = (
        f"raise tol (currently {tol!r}, below the relative precision, about 1e-15, that "
        "rounding leaves the penalised deviance)"
        if tol is not None and tol < 1e-14
        else "rescale columns in extreme units or check for nearly collinear columns"
    )
    return (
        f"after {iterations(res.n_iter)} no step gained beyond the rounding of the penalised "
        f"log-likelihood's sums{spread}, short of the test on the adjusted score, which a "
        f"larger max_iter does not change. The estimates are not final: {todo}."
    )


def rounding_step(length: float) -> str:
    """The next step's squared length in standard errors where the sums' rounding stopped a
    fit (see :func:`mnlogit._step_rules.lost_to_rounding`); infinite where the lightest
    rows' squared weights vanish, so that the sandwich has no standard error of what they
    alone determine."""
    if np.isfinite(length):
        return f"of squared length {length:.3g} in standard errors"
    return (
        "whose length in standard errors float64 cannot give (the lightest rows' squared "
        "weights vanish)"
    )


# what to do when the weights span beyond float64's rounding, as the rank refusal says it
WEIGHTS_CLOSER = "bring the weights closer (cap the largest)"


def weights_beyond_rounding(res: MNLogitResults) -> str:
    """Why a maximum-likelihood fit stopped, diverging without separation found, when its
    lightest rows weigh less than float64's epsilon beside the mean weight; "" otherwise.

    Frequency weights of 2**62 on three rows beside weights of 1 on 297: the sums hold the
    heavy rows alone, which three coefficients per equation separate, and the fit ran off
    while the exact check, over every row, finds no separation. The warning and the
    summary said to check for nearly collinear columns and to refit with method="firth"
    (on dask, that separation may explain it), none of which changes that.
    """
    data = res._data
    share = data.weight_share
    if res.solver.penalized or not (data.weighted and share < np.finfo(float).eps):
        return ""
    return (
        f"the lightest rows weigh {share:.1g} of the mean weight, below what float64 adds "
        "to the heaviest rows' sums (its epsilon, 2.2e-16), so the fit sees the heaviest "
        "rows alone, which the predictors can separate"
        + (", although the exact check over every row finds no separation" * data.in_memory)
    )


def unseparated_stop(res: MNLogitResults, flag: str) -> str:
    """What the summary says of a maximum-likelihood fit that diverged with no separation
    found: the weights' rounding when the lightest rows are below it, what the exact check
    found in memory, what it could not check on dask (``flag`` marks the coefficients)."""
    lost = weights_beyond_rounding(res)
    if lost and not res._data.in_memory:  # a dask fit's table marks every coefficient
        return (
            f"The fit stopped before converging: {lost}. The coefficients, marked {flag}, are "
            "where the fit stopped, not meaningful, and have no standard errors, which are "
            f"not shown; {WEIGHTS_CLOSER}."
        )
    if lost:
        return (
            f"The fit stopped before converging: {lost}. The estimates and standard errors "
            f"are not final; {WEIGHTS_CLOSER}."
        )
    if not res._data.in_memory:
        return (
            "The fit diverged: coefficients are running off to infinity, so the "
            "maximum-likelihood estimate may not exist (separation, which can only be "
            f"checked exactly on in-memory data): the coefficients, marked {flag}, are "
            "where the fit stopped, not meaningful, and have no standard errors, which are "
            "not shown. Fit the data, or a sample of it, in memory "
            'to find which diverge, and there with method="firth" (a dask fit refuses it).'
        )
    return (
        "The fit stopped before converging: the information matrix became numerically "
        "singular or the steps stopped shrinking, although the exact check finds no "
        "separation. The estimates and standard errors are not final."
    )


# A converged fit whose rows' mean weight is at least 1 / SCORE_ROUNDING_SHARE times the lightest
# row's has the rounding of its score measured (one more pass over the rows), and warns when
# that rounding is more than SCORE_ROUNDING_NOTED standard errors long (the reference values'
# relative tolerance): above that share it was at most 3e-9 in the draws that fitted well.
# (Below float64's epsilon the sums' rounding decides convergence itself, a last step of at
# most a hundredth of a standard error: see _step_rules.at_rounding.)
SCORE_ROUNDING_SHARE = 1e-6
SCORE_ROUNDING_NOTED = 1e-6


def score_rounding(res: MNLogitResults) -> str:
    """What a converged maximum-likelihood fit says when the rounding of its score's sums
    at the estimates (sampled by :meth:`mnlogit._data.ModelData.score_rounding`), as the
    length U'I^-1U of the step it makes in standard errors, is beyond SCORE_ROUNDING_NOTED;
    "" otherwise.

    Frequency weights of 1 to 1.4e12 (the heavy stratum of 60 rows, rounded to counts): the
    score's sums, terms of 1e12 that cancel, carry rounding of about 1e-3, as large as the
    score at either estimate, so the fit stops anywhere within 3.5e-5 standard errors of
    the maximum (the in-memory fit 1.7e-5 from it, the dask fit 5e-5, 1.3e-5 apart
    relative to a coefficient), both reported converged."""
    data, core = res._data, res._core
    share = data.weight_share
    eps = float(np.finfo(float).eps)
    if res.solver.penalized or not (data.weighted and eps <= share < SCORE_ROUNDING_SHARE):
        return ""
    # in the coefficients S * flat(B) the fit ran on: the covariance in the user's units
    # overflows for a column of 1e-300
    cov, S = core.scaled_cov
    if cov is None:
        return ""
    with np.errstate(all="ignore"):  # (a measure: where it is not finite, nothing is said)
        e = flat(data.score_rounding(core.B)) / S
        length = float(np.sqrt(max(float(e @ cov @ e), 0.0)))
    if not (np.isfinite(length) and length > SCORE_ROUNDING_NOTED):
        return ""
    return (
        f"the fit converged, but the weights' mean is {1 / share:.2g} times the lightest "
        "row's weight, and the rounding of the score's float64 sums at the estimates is "
        f"a step of {length:.2g} standard errors: estimates that close to the maximum are "
        "not distinguishable by this fit (another order of the rows, or a dask fit, may "
        f"stop that far from these). {WEIGHTS_CLOSER[0].upper()}{WEIGHTS_CLOSER[1:]} "
        "for estimates to the usual precision."
    )
