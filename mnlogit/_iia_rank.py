"""The quadratic form the IIA comparison tests report, d' Var(d)^+ d, with the rank of Var(d)
and the check that the fits determine it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import linalg

__all__ = [
    "NEAR_ROUNDING",
    "NEGATIVE_NOTE",
    "SUEST_HINT",
    "QuadraticForm",
    "hinted",
    "quadratic_form",
]

SUEST_HINT = "see method='suest' for a generalized test."
NEGATIVE_NOTE = (
    "chi2 < 0: the model fitted on these data fails to meet the asymptotic assumptions of the "
    f"Hausman test, and a negative chi2 has no p-value; {SUEST_HINT}"
)
# the hint for a fit whose rows stay in partitions, which suest refuses (and whose refusal
# advises method='hausman'): the two sent each other there
SUEST_IN_MEMORY = (
    "method='suest', a generalized test, needs the rows in memory: fit a pandas DataFrame, "
    "e.g. a sample (ddf.sample(...).compute()), and run it there."
)


def hinted(note: str, in_memory: bool) -> str:
    """``note`` with its pointer to suest made one a fit (of rows ``in_memory`` or not) can
    follow."""
    if in_memory:
        return note
    return note.replace(SUEST_HINT.rstrip("."), SUEST_IN_MEMORY.rstrip("."))


# A Hausman V = V_r - V_f eigenvalue less than this many times the covariances' rounding (the
# rank's tolerance) is kept in the rank but is not one the fits determine: 12 outcomes
# under IIA, omitting the reference, had one of 90 eps times the covariances' norm (3 times
# the tolerance) that carried 84 of a chi2(30) of 89, 5.43 on 29 df without it. Counting
# such a direction or not moves the statistic by its whole share, as the covariances' last
# digits decide: it is reported as not computed when that share is more than SHIFT of it.
NEAR_ROUNDING = 10.0
SHIFT = 0.01


@dataclass(frozen=True)
class QuadraticForm:
    statistic: float
    rank: int
    positive_definite: bool
    problem: str | None = None  # why the statistic is not computed (inverse='solve', V singular)
    undetermined: str | None = None  # why the fits do not determine the statistic


def quadratic_form(
    d: np.ndarray, V: np.ndarray, inverse: str, size: float = 0.0, name: str = "V"
) -> QuadraticForm:
    """d' V^+ d (or d' V^-1 d by a solve), the rank of V, whether V is positive definite.

    The rank uses Stata's (and numpy's) tolerance max(dim) * eps * sigma_max, with sigma_max
    at least ``size``, the norm of the covariances V is the difference of: an eigenvalue
    below their rounding is that rounding (12 outcomes under IIA, omitting the reference:
    one of 1.4e-17 beside covariances of norm 0.03 gave chi2(30) = 3748, or 3791 from the
    same model fitted to another tolerance). V is symmetric, so its singular values are the
    absolute eigenvalues and the Moore–Penrose inverse keeps the eigenvectors whose
    eigenvalue clears the tolerance. With ``size`` (a difference of covariances), kept
    eigenvalues within NEAR_ROUNDING of that tolerance that carry more than SHIFT of the
    statistic make it ``undetermined`` (see NEAR_ROUNDING). ``name``: what V is called in
    ``problem``.
    """
    V = (V + V.T) / 2
    lam, U = linalg.eigh(V)
    tol = len(d) * np.finfo(float).eps * max(np.abs(lam).max() if lam.size else 0.0, size)
    keep = np.abs(lam) > tol
    rank = int(keep.sum())
    pos_def = bool(lam.size and lam.min() > tol)
    z = U.T @ d
    undetermined = _near_rounding(z, lam, keep, tol, size) if size > 0 else None
    if inverse == "pinv":
        stat = float(z[keep] @ (z[keep] / lam[keep]))
        return QuadraticForm(stat, rank, pos_def, undetermined=undetermined)
    if rank < len(d):
        problem = (
            f"{name} is singular (rank {rank} of {len(d)}), so inverse='solve' cannot be "
            "used; use inverse='pinv'"
        )
        return QuadraticForm(float("nan"), rank, pos_def, problem)
    if pos_def:
        x = linalg.cho_solve(linalg.cho_factor(V, check_finite=False), d, check_finite=False)
    else:
        x = linalg.lu_solve(linalg.lu_factor(V, check_finite=False), d, check_finite=False)
    return QuadraticForm(float(d @ x), rank, pos_def, undetermined=undetermined)


def _near_rounding(
    z: np.ndarray, lam: np.ndarray, keep: np.ndarray, tol: float, size: float
) -> str | None:
    """Why the kept directions of V near its rounding decide the statistic, or None."""
    near = keep & (np.abs(lam) <= NEAR_ROUNDING * tol)
    if not near.any():
        return None
    parts = z[keep] ** 2 / lam[keep]
    shift = float(np.sum(z[near] ** 2 / lam[near]))
    rest = float(parts.sum()) - shift
    if not abs(shift) > SHIFT * max(1.0, abs(rest)):
        return None
    k = int(near.sum())
    smallest = float(np.abs(lam[near]).min()) / size
    return (
        f"V = V_restricted - V_full has {k} eigenvalue{'s' if k > 1 else ''} within "
        f"{NEAR_ROUNDING:g} times the rounding of the covariances it is the difference of "
        f"(the smallest {smallest:.1e} of their norm), and counting "
        f"{'them' if k > 1 else 'it'} or not moves the statistic by {shift:.3g}: the fits do "
        "not determine it (directions where omitting the outcome leaves the covariances "
        "equal to their last digits); suest differences no covariances: "
        # the wording of SUEST_HINT, which the command line and hinted() replace
        "see method='suest' for a generalized test"
    )
