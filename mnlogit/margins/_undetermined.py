"""Margins of probabilities whose delta-method standard error the fit does not support.

Far from the data (``at={"x": [1e5]}``) a probability can be 1 to every digit a double holds
while the coefficients do not tell on which side of 1/2 it lies: with a slope of 0.0069 (se
0.0235) the log-odds of parttime against not.work at x = 1e5 are 688 +- 4600. The delta
method linearises the probability at the estimate, where its slope in the coefficients is
P (1 - P) x, 1e-294 there: it gave a standard error of 4.6e-296, z = 2e295, p < 0.0001 and
the interval [1.0000, 1.0000] for a probability the data leave anywhere in (0, 1) (emmeans
and Stata's margins give the same numbers, or fail). The same holds, less extremely, for any
margin whose interval on the logit scale reaches 1/2 while the interval on the probability
scale lies on one side of it, clear of it by more than its own half-width (a polynomial
beyond the data: 0.0118 +- 0.063, whose logit is -4.4 +- 10.6): the two first-order
intervals contradict each other, and the probability scale's is the one whose linearisation
failed. A wide interval on the probability scale that reaches 1/2 says as much as the logit
scale's, and is kept.

Near 1/2 the two scales agree, and the margin of a half-width keeps every margin there
(|logit m| <= z s and |m - 1/2| > 2 z m (1 - m) s cannot both hold where m (1 - m) is about
1/4 and logit m about 4 (m - 1/2)), so margins inside the data keep their numbers.

Effects collapse with the probabilities they are made of: dP_k/dx = P_k (g_k - sum_j P_j g_j),
g_j = d eta_j / dx, is P_k (1 - P_k) times a mean of the differences g_k - g_j, and its
gradient in the coefficients carries the same factor, 1e-294 at hincome = 1e5: an effect of
0 +- 3e-298, p < 0.0001, where |dP_k/dx| <= max_j |g_k - g_j| / 4 is bounded only by slopes
of about 0.01 once the logit interval lets P_k reach 1/2. A bound is no proof, though, and
NaN wherever a probability is undetermined is wrong: an effect can be 0 whatever the
coefficients are (x enters as (x - c)**2, taken at x = c: dX/dx = 0 in every row), and its
standard error of 0 is then exact. So an effect loses its standard error only on a witness.
The delta interval e +- z s is, for a linear function of the coefficients b, its range over
the ellipsoid E = {b : (b - b^)' V^-1 (b - b^) <= z^2}, and for any smooth function it is the
range of the function's linearisation L there. A point b* of E where the effect itself is
further than 2 z s from e shows |e(b*) - L(b*)| > 2 z s - z s = z s: the linearisation the
standard error rests on is wrong, inside the region its own interval describes, by more than
that interval's half-width (the margin of a half-width, as for probabilities). The points
tried are where the collapse comes from: along the direction V a / sqrt(a' V a) that moves
an undetermined probability margin fastest (a its gradient, which its logit's is a positive
multiple of), to both ends of E (t = +-z) and to where its first-order logit is 0 (t =
|logit| / s_logit <= z, as that interval reaches 1/2). Each b* is a point of E, so every
effect flagged has a witness; an effect the coefficients do not move (the stationary one
above) has none, and keeps its numbers. Only combinations whose probability margins are
undetermined are tried, so effects inside the data keep theirs; a margin that rounds to 0
or 1 exactly has a gradient of 0 and no direction, and its effects (0, standard error 0) are
left as they are.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = [
    "CHANGES_NOTE",
    "EFFECTS_NOTE",
    "EFFECT_CHANGES_NOTE",
    "LEVELS_NOTE",
    "said",
    "undetermined",
    "unsupported_effects",
    "witnesses",
]

LEVELS_NOTE = (
    "{n} margin(s) have no standard error, test or interval (NaN): the coefficients do not "
    "tell on which side of 1/2 they lie (on the logit scale, their {level} interval reaches "
    "1/2), while the delta method, linearising p where it is near 0 or 1 (values far from the "
    "data, or where its rows hold few or none of the outcome), gives an interval well on one "
    "side. prediction_intervals() gives intervals on the logit scale at such rows; or set "
    "values nearer the data's rows of each outcome."
)
CHANGES_NOTE = (
    "{n} difference(s) have no standard error, test or interval (NaN): they involve margins "
    "the coefficients do not tell on which side of 1/2 they lie, far from the data's rows of "
    "the outcome (on the logit scale, their interval reaches 1/2)."
)

EFFECTS_NOTE = (
    "{n} effect(s) have no standard error, test or interval (NaN): the probabilities they are "
    "made of are not determined at these values (far from the data, or where its rows hold "
    "few or none of the outcome; see the margins of "
    'kind="prob"), and at coefficients inside the region the {level} interval describes the '
    "effect lies further from its estimate than twice the interval's half-width, where the "
    "delta method's linearisation gives next to none. Set values nearer the data's rows of "
    "each outcome."
)

EFFECT_CHANGES_NOTE = (
    "{n} difference(s) have no standard error, test or interval (NaN): they involve effects "
    "without one, made of probabilities the coefficients do not determine (far from the data's "
    "rows of the outcome)."
)


def undetermined(
    est: np.ndarray,
    rest: np.ndarray,
    se: np.ndarray,
    z: float,
    rows: Callable[[], tuple[np.ndarray, np.ndarray, np.ndarray]],
) -> np.ndarray:
    """Which margins of probabilities (K,) the coefficients do not place on one side of 1/2
    on the logit scale while the delta method's interval lies on one side, clear of 1/2 by
    its half-width.

    ``est`` and ``rest`` are the margins and their complements (1 - m summed from the other
    outcomes, which holds the digits of a margin near 1), ``se`` their delta-method standard
    errors, ``z`` the critical value. The margin's logit is log m - log(1 - m), its standard
    error se / (m (1 - m)) (the delta method on the logit of the same average). Where a margin
    rounds to 0 or 1 exactly that ratio is 0 / 0, and ``rows()`` gives each row's logits, their
    standard errors (n, K) and weights (n,): such a margin is undetermined where a row of
    positive weight is.
    """
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        logit = np.log(est) - np.log(rest)
        s = se / (est * rest)
        reaches = np.abs(logit) <= z * s  # the logit interval reaches 1/2
        clear = np.abs(est - 0.5) > 2.0 * z * se  # the probability interval is well clear
    flagged = reaches & clear
    exact = ((est == 0.0) | (rest == 0.0)) & np.isfinite(se)
    if exact.any() and np.isfinite(z):
        logits, s_rows, w = rows()
        with np.errstate(invalid="ignore"):
            row_reaches = (np.abs(logits) <= z * s_rows) & (w > 0)[:, None]
        flagged |= exact & row_reaches.any(axis=0)
    return flagged


def witnesses(
    B: np.ndarray,
    J: np.ndarray,
    est: np.ndarray,
    rest: np.ndarray,
    flagged: np.ndarray,
    V: np.ndarray,
    z: float,
) -> list[np.ndarray]:
    """Coefficients (p, q) on the ellipsoid's ends and at the first-order logit 0 of each
    ``flagged`` probability margin (see the module's notes), ``J`` the margins' Jacobians
    (K, q p) with respect to the coefficients whose covariance is ``V``, which ``B`` is in
    the units of (the caller scales both)."""
    p, q = B.shape
    V = np.nan_to_num(V)  # a coefficient without a variance is not moved
    points = []
    for k in np.flatnonzero(flagged):
        top = float(np.abs(J[k]).max())
        if not np.isfinite(top) or top == 0.0:
            continue  # rounds to 0 or 1 exactly: no direction (left as it is)
        a = J[k] / top
        step = V @ a
        size = float(np.sqrt(max(a @ step, 0.0)))
        if size == 0.0:
            continue
        u = (step / size).reshape(q, p).T
        with np.errstate(divide="ignore", invalid="ignore"):
            s_logit = size * top / (est[k] * rest[k])
            logit = np.log(est[k]) - np.log(rest[k])
            t0 = min(abs(logit) / s_logit, z) if np.isfinite(s_logit) and s_logit > 0 else z
        for t in (z, -z, -np.sign(logit) * t0):
            points.append(B + t * u)
    return points


def unsupported_effects(
    est: np.ndarray,
    se: np.ndarray,
    z: float,
    at: Callable[[np.ndarray], np.ndarray],
    points: list[np.ndarray],
) -> np.ndarray:
    """Which effects (K,), ``est`` with delta-method standard errors ``se``, lie further than
    2 z se from ``est`` at one of the coefficients ``points``, ``at(B)`` giving the effects
    there."""
    flagged = np.zeros(len(est), dtype=bool)
    for B in points:
        with np.errstate(all="ignore"):
            flagged |= np.abs(at(B) - est) > 2.0 * z * se
    return flagged & np.isfinite(se)


def said(n: int, contrasted: bool, alpha: float, effects: bool = False) -> str:
    """The note on ``n`` margins (or, ``contrasted``, differences of them) without a standard
    error; ``effects``: of effects."""
    if contrasted:
        return (EFFECT_CHANGES_NOTE if effects else CHANGES_NOTE).format(n=n)
    note = EFFECTS_NOTE if effects else LEVELS_NOTE
    return note.format(n=n, level=f"{100 * (1 - alpha):g}%")
