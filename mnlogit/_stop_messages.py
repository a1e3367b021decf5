"""Why a penalised fit (Firth's, L2) stopped short of its maximum, and how long the step was
that the sums' rounding stopped, in the words its warning and its summary share."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from ._progress import iterations

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = ["FIRTH_NOTE", "penalised_stall", "penalised_stop", "rounding_step"]

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
