"""Newton steps on Firth's adjusted score, for a fit that scoring left short of its root.

Scoring on the adjusted score U* takes I(B) for its Jacobian, which is I(B) - dA/dB. Where
the penalised maximum is flat (data separated along several columns: the penalised Hessian's
least eigenvalue 0.0014 beside an information of order one along the same direction) each
step removes only a small share of the distance to the root, the penalised value's gains
fall below its rounding long before the coefficients settle, and the iteration stops there
(a coefficient of 44.54 4.1e-5 from brglm2's, run for 1000 iterations). A Newton step with
the Jacobian of U* itself lands within rounding of the root in one step.

The Newton system -J d = U* is solved by conjugate gradients preconditioned by the information
(the scoring step's own matrix), with each product J v a central difference of the adjusted
score along v: the preconditioned Jacobian I^-1 (-J) differs from the identity only along the
few flat directions, so a handful of products solve it, where the whole Jacobian would take
two passes per parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from ._fisher import Stats
from ._linalg import cho_solve, cholesky, unflat

__all__ = ["Adjusted", "newton_steps"]

_STEPS = 3  # Newton steps at most (one is enough where the Jacobian is right)
_PRODUCTS = 30  # Jacobian products (two passes each) per Newton step at most
# A Newton step lowers the scaled score by orders of magnitude (2e8-fold on the flat maximum):
# a step that lowers it less moves within the sums' rounding, where the fit already is (with
# frequency weights of 1e8 beside ones a step lowered it 16-fold, moving the coefficients
# 2.5e-6 standard errors further from brglm2's), and is not kept.
_GAIN = 100.0
# the central difference's step along each direction, in standard errors: truncation (h^2)
# and rounding (eps / h) both near 1e-8 of the curvature
_DIFFERENCE = 1e-4


class Adjusted(NamedTuple):
    """The adjusted score at ``B`` (flat, equation-major), the scaled score U*' I^-1 U* over
    the free directions, the penalised log-likelihood, and what the fit keeps there (the
    pass's sums, with the information, and the information's Cholesky factor)."""

    B: np.ndarray
    U: np.ndarray
    gnorm: float
    pen: float
    stats: Stats
    factor: np.ndarray


def newton_steps(
    at: Callable[[np.ndarray], Adjusted | None],
    start: Adjusted,
    directions: np.ndarray | None,
    target: float,
    allowance: float,
) -> Adjusted:
    """Newton steps on the adjusted score from ``start`` (the fit's end), each kept only if it
    lowers the scaled score at least ``_GAIN``-fold without lowering the penalised value
    beyond ``allowance`` (its rounding), until the scaled score is below ``target``.

    Parameters
    ----------
    at : callable
        The adjusted score and penalised value at a coefficient matrix (p, q); None where
        the information is singular or the adjustment not finite.
    start : Adjusted
        Where the scoring iteration stopped.
    directions : ndarray or None
        (p q, k): the free directions T, a restricted fit's I_q kron L (None: every
        coefficient is free).
    target, allowance : float
        The scaled score the full convergence test asks, and the penalised value's rounding.

    Returns
    -------
    Adjusted
        The last point kept: ``start`` itself when no step was.
    """
    cur = start
    for _ in range(_STEPS):
        if cur.gnorm <= target:
            break
        d = _newton_direction(at, cur, directions, target)
        if d is None:
            return cur
        trial = at(cur.B + unflat(_along(directions, d), cur.B.shape[0]))
        if (
            trial is None
            or not np.isfinite(trial.gnorm)
            or trial.gnorm > cur.gnorm / _GAIN
            or trial.pen < cur.pen - allowance
        ):
            return cur
        cur = trial
    return cur


def _newton_direction(
    at: Callable[[np.ndarray], Adjusted | None],
    cur: Adjusted,
    T: np.ndarray | None,
    target: float,
) -> np.ndarray | None:
    """The solution d of -J d = T'U* (J = T' dU*/dB T) by conjugate gradients preconditioned
    by T' I T, stopped once the residual's scaled norm r' (T'IT)^-1 r is below a sixteenth of
    ``target``; None where a product cannot be computed or -J is not positive along a search
    direction (no maximum there for Newton to find)."""
    assert cur.stats.info is not None  # an INFO-level pass
    info = cur.stats.info
    metric = info if T is None else T.T @ info @ T
    c = cholesky(metric)
    if c is None:
        return None
    p = cur.B.shape[0]

    def product(v: np.ndarray) -> np.ndarray | None:  # -J v
        h = _DIFFERENCE / np.sqrt(float(v @ metric @ v))
        step = unflat(_along(T, h * v), p)
        ahead, behind = at(cur.B + step), at(cur.B - step)
        if ahead is None or behind is None:
            return None
        return -_onto(T, ahead.U - behind.U) / (2.0 * h)

    r = _onto(T, cur.U)
    x = np.zeros_like(r)
    z = cho_solve(c, r)
    rz = float(r @ z)
    direction = z
    for _ in range(min(_PRODUCTS, r.size)):
        Ad = product(direction)
        if Ad is None:
            return None
        curvature = float(direction @ Ad)
        if not curvature > 0.0:
            return None
        alpha = rz / curvature
        x += alpha * direction
        r -= alpha * Ad
        z = cho_solve(c, r)
        rz_next = float(r @ z)
        if rz_next <= target / 16.0:
            break
        direction = z + (rz_next / rz) * direction
        rz = rz_next
    return x


def _along(T: np.ndarray | None, d: np.ndarray) -> np.ndarray:
    """Free coordinates ``d`` as a change of every coefficient (flat)."""
    return d if T is None else T @ d


def _onto(T: np.ndarray | None, u: np.ndarray) -> np.ndarray:
    """A flat score's components along the free directions."""
    return u if T is None else T.T @ u
