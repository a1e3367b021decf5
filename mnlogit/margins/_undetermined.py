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
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = ["CHANGES_NOTE", "LEVELS_NOTE", "said", "undetermined"]

LEVELS_NOTE = (
    "{n} margin(s) have no standard error, test or interval (NaN): the coefficients do not "
    "tell on which side of 1/2 they lie (on the logit scale, their {level} interval reaches "
    "1/2), while the delta method, linearising p where it is near 0 or 1 (values far from the "
    "data), gives an interval well on one side. prediction_intervals() gives intervals on the "
    "logit scale at such rows; or set values nearer the data."
)
CHANGES_NOTE = (
    "{n} difference(s) have no standard error, test or interval (NaN): they involve margins "
    "the coefficients do not tell on which side of 1/2 they lie, far from the data (on the "
    "logit scale, their interval reaches 1/2)."
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


def said(n: int, contrasted: bool, alpha: float) -> str:
    """The note on ``n`` margins (or, ``contrasted``, differences of them) without a standard
    error."""
    if contrasted:
        return CHANGES_NOTE.format(n=n)
    return LEVELS_NOTE.format(n=n, level=f"{100 * (1 - alpha):g}%")
