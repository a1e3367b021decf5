"""How much of a margin is rounding, and which differences of margins are no more than that.

A difference of two margins that agree to nearly every digit (at values set 1e-15 apart)
is the difference of their rounding errors,
and so is the standard error from the difference of their Jacobians: 1e-17 and 1e-19 were
reported as a difference with z = -16 and p = 4e-60. Each margin carries a bound on its
rounding, a contrast the sum of its two margins' bounds, and what is below a multiple of its
bound is no number the fit supports.
"""

from __future__ import annotations

import zlib

import numpy as np

from . import _delta

__all__ = ["ROUNDING_NOTE", "ZERO_CLAUSE", "bounds", "fingerprint", "same_design", "unsupported"]

EPS = float(np.finfo(np.float64).eps)
# Rounding of a margin, in units of eps times its size: measured at up to 13 (estimates) and
# 47 (standard errors, against the bound from |J| and |V| below) on smooth, log, spline and
# polynomial designs; these leave room above that.
ESTIMATE_ULPS = 32.0
SE_ULPS = 64.0
# A difference is kept where it is this many times its bound on rounding: two digits or more.
DIGITS = 32.0

ROUNDING_NOTE = (
    "{n} difference(s) of margins that agree to within their rounding have no standard error "
    "(NaN): the difference of their Jacobians is rounding error, not sampling variance{zero}. "
    "Compare values further apart."
)
ZERO_CLAUSE = "; {n} of them are 0, the margins being equal to rounding"


def bounds(
    estimate: np.ndarray,
    complement: np.ndarray | None,
    jacobian: np.ndarray,
    cov: np.ndarray,
    scale: float = 1.0,
) -> tuple[np.ndarray, np.ndarray]:
    """Bounds on the rounding of each margin's estimate and standard error.

    The estimate's is eps |m| (|1 - m| where a margin near 1 is held by its complement);
    the standard error's eps sqrt(|J| |V| |J|'), which bounds sqrt(e V e') for an error e
    of eps |J| in each entry of the Jacobian whatever the signs. ``jacobian`` is with
    respect to the coefficients ``cov`` is the covariance of; ``scale``: the margins'
    rounding in units of a probability's (:attr:`MarginKind.rounding`).
    """
    size = np.abs(np.asarray(estimate, dtype=np.float64))
    if complement is not None:
        size = np.minimum(size, np.abs(complement))
    J = np.abs(jacobian)
    with np.errstate(invalid="ignore", over="ignore"):
        spread = _delta.delta_se(J, np.abs(cov))
    factor = EPS * scale
    return ESTIMATE_ULPS * factor * size, SE_ULPS * factor * spread


def fingerprint(X: np.ndarray) -> int:
    """A checksum of the design a margin was computed on: margins of equal checksums are
    the same function of the coefficients (a collision, 1 in 2**32, only keeps a standard
    error of 0 as the note on them says)."""
    data = np.ascontiguousarray(X)  # the same bytes for the same values, whatever the layout
    shape = np.asarray(X.shape, dtype=np.int64).tobytes()
    return zlib.crc32(shape, zlib.crc32(data.data))


def same_design(
    designs: np.ndarray, exact: np.ndarray, pairs: np.ndarray, between: bool = False
) -> tuple[np.ndarray, np.ndarray]:
    """For differences of margins ``pairs`` (m, 2): their designs' checksums (those of the
    pair), and whether each is 0 whatever the coefficients (its margins on one design, or
    both differences of such; of two outcomes, ``between``, only the latter)."""
    a, b = designs[pairs[:, 0]], designs[pairs[:, 1]]
    # an ordered mix of the two (Fibonacci hashing; uint64 products wrap, as meant)
    joined = (a.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15)) ^ b.astype(np.uint64)
    both = exact[pairs[:, 0]] & exact[pairs[:, 1]]
    return joined.view(np.int64), both if between else (a == b) | both


def unsupported(
    estimate: np.ndarray,
    se: np.ndarray,
    est_bound: np.ndarray,
    se_bound: np.ndarray,
    exact: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The rows whose standard error is within rounding of 0 (NaN bounds flag nothing), and
    of those the rows whose estimate is too. A standard error of exactly 0 is no rounding
    where the difference is ``exact``, 0 whatever the coefficients (values below the floor
    of np.maximum(x, 5), one design), which the note on zero standard errors says; at
    values one ulp apart (two designs) it was rounding, given as 0 with an interval [0, 0]
    and that note."""
    with np.errstate(invalid="ignore"):
        no_se = ((se > 0) | ((se == 0) & ~exact)) & (se < DIGITS * se_bound)
        zero = no_se & (np.abs(estimate) < DIGITS * est_bound)
    return no_se, zero
