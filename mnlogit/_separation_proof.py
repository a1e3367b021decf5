"""The exact separation check, cleared by a maximum-likelihood fit where one proves the data
are not separated.

:func:`mnlogit.separation.detect` solves linear programs over every row and outcome: on wide
data that are not separated, minutes (212 s at 3000 rows of 600 columns, 11 s at 1000 rows
of 300), where a maximum-likelihood fit takes a second and its fitted probabilities prove
the same (:func:`mnlogit._recession.proves_finite`). Checks that run before any fit
(:func:`mnlogit.check_separation`, and the refusal of a Firth fit's sandwich on separated
data) fit first where the programs are large; a fit that diverges, or whose probabilities
near 0 leave the proof short (an outcome a row's predictors make nearly impossible for it,
as on the travel data), gets the linear programs, as before.
"""

from __future__ import annotations

import numpy as np

from ._data import ModelData
from ._fisher import INFO
from ._linalg import cho_solve, cholesky, flat, norm, unflat
from ._methods import maximum_likelihood
from ._recession import constraint_entries, proves_finite
from .exceptions import MNLogitError
from .separation import Separation, detect

__all__ = ["separation_of"]

# the linear programs' nonzero entries from which a fit is tried first: below, the programs
# take well under a second (600 rows of 100 columns and four outcomes: 2.7e5, 1 s)
PROOF_FROM = 100_000
_POLISH_STEPS = 3  # Newton steps past the fit's tolerance, to the score's rounding


def separation_of(data: ModelData) -> Separation | None:
    """What :func:`mnlogit.separation.detect` finds on ``data`` (in memory), without its
    linear programs where a maximum-likelihood fit proves that there is nothing to find."""
    keep = data.w > 0
    if constraint_entries(data.y[keep], data.p, data.q) < PROOF_FROM:
        return detect(data)
    try:
        core = maximum_likelihood(data)
    except MNLogitError:  # a fit refused (its information would not fit in memory, say)
        return detect(data)
    if core.separation_check is not None:  # the fit ran the exact check itself
        return core.separation_check[0]
    if core.converged and proves_finite(data, _polished(data, core.B)):
        return None
    return detect(data)


def _polished(data: ModelData, B: np.ndarray) -> np.ndarray:
    """``B`` after up to a few Newton steps, each kept only while it shrinks the score, and
    none once one gains less than a tenth: a converged fit's score is within its tolerance,
    not at its rounding, which the proof reads."""
    evaluate = data.evaluator()
    stats = evaluate(B, INFO)
    for _ in range(_POLISH_STEPS):
        c = None if stats.info is None else cholesky(stats.info)
        if c is None or stats.score is None:
            break
        before = norm(flat(stats.score))
        step = unflat(cho_solve(c, flat(stats.score)), data.p)
        nxt = evaluate(B + step, INFO)
        after = norm(flat(nxt.score)) if nxt.score is not None else np.inf
        if not after < before:
            break
        B, stats = B + step, nxt
        if not after < before / 10:
            break
    return B
