"""The information matrix of a lazily finished fit, computed when its standard errors are
first needed (:class:`InformationPass`), and the Newton check made with it at the estimates
(:func:`deferred_information`); :func:`mnlogit._solvers.fisher_scoring` defers to them."""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import nullcontext

import numpy as np

from ._data import ModelData
from ._fisher import INFO, Stats
from ._in_memory_data import InMemoryData
from ._linalg import cho_solve, cholesky, flat, inverse_from_cholesky
from ._parallel import default_threads, requested_threads, single_threaded_blas
from ._penalty import Ridge
from ._progress import Progress
from ._quasi_newton import gradient_allowance
from ._sums import UNSCALED
from .exceptions import ConvergenceWarning, warn

__all__ = [
    "CARRYING_ROWS",
    "FACTOR_THREADS_MIN",
    "Information",
    "InformationPass",
    "deferred_information",
    "few_rows_carry",
]

# the deferred information's contract: Stats at B (level INFO), Cholesky factor, inverse
Information = Callable[[np.ndarray], tuple[Stats, np.ndarray | None, np.ndarray | None]]
# From this many parameters the factorisation and inverse of the information (~(pq)^3 flops)
# run on BLAS's threads.
FACTOR_THREADS_MIN = 1000
# A fit may leave its information for later only when each column's sum of squares is more
# than this many rows' worth at its largest |x| (see few_rows_carry).
CARRYING_ROWS = 10


def few_rows_carry(data: ModelData) -> bool:
    """Whether a few rows carry some column: its sum of squares at most ``CARRYING_ROWS``
    times its largest square (with weights, approximately; rows of weight 0 left out). Such
    a fit does not end lazily in its L-BFGS phase; it computes the information and takes
    scoring steps, which test the true Newton step (:func:`mnlogit._quasi_newton.long_step`).

    A row far out along a column (x0 of 1e12 beside normal values, on 3,000 rows and more)
    holds the curvature of that column's coefficients while it is fitted, by steps that each
    halve what the next gains; the other rows need the coefficient 1e9 further out (in units
    of a column of root mean square 1), and their gradient there, 1e-8, is nothing beside the
    row's curvature. L-BFGS's decrement then passes its test: 8 of 60 such fits (20
    columns, K = 5) stopped as converged 8 to 58 log-likelihood units below the maximum, and
    the Newton check of their standard errors passed as well, its gradient as small. Scoring
    steps reached the maximum in all of them. A rare level's dummy (ten rows or fewer) takes
    that route too, at the cost of one information matrix.

    Examples
    --------
    >>> import numpy as np, mnlogit
    >>> rng = np.random.default_rng(0)
    >>> X = rng.normal(size=(300, 2))
    >>> few_rows_carry(mnlogit.MNLogit(rng.integers(0, 3, 300), X)._data)
    False
    >>> X[0, 0] = 1e12
    >>> few_rows_carry(mnlogit.MNLogit(rng.integers(0, 3, 300), X)._data)
    True
    """
    s, sums = data.equilibrated_sums()
    extent = data.column_extent() / s  # over the rows of positive weight, as the sums
    held = (extent > 0) & np.isfinite(extent)
    # rows of weight 0 count for nothing: 37,000 of them beside 3,000 made a row far out
    # look like twenty rows' worth, and a fit stopped 54 units below the maximum
    positive = float(data.positive_counts().sum())
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        rows = positive * sums["sum_squares"] / data.sum_weights / extent**2
    return bool(np.any(rows[held] <= CARRYING_ROWS))


def deferred_information(
    information: Information,
    B: np.ndarray,
    loglik: float,
    tol: float,
    progress: Progress | None = None,
    weight_unit: float = 1.0,
    weight_share: float = 1.0,
) -> tuple[np.ndarray, np.ndarray | None]:
    """The information at a lazily finished fit's B and its inverse (None when singular).

    The pass that computes the information also gives the score, so the Newton test the eager
    route applies (see :func:`mnlogit._step_rules.has_converged`), is checked here on the true
    information; L-BFGS's own test used its estimate of it. A fit that fails it (which the
    L-BFGS test makes very unlikely) is reported by a warning rather than silently.
    """
    t = time.perf_counter()
    s, c, cov = information(B)
    assert s.info is not None and s.score is not None  # an INFO-level pass
    if c is None:
        warn(
            "the information matrix at the estimates is singular (a coefficient is not "
            "identified, or the outcomes are separated): standard errors and tests are NaN",
            ConvergenceWarning,
        )
        return s.info, None
    gnorm = float(flat(s.score) @ cho_solve(c, flat(s.score)))
    allowed = gradient_allowance(tol, -2.0 * loglik, weight_unit, weight_share)
    progress = progress or Progress(False)
    progress.say(
        f"standard errors: information computed, factorised and inverted in "
        f"{time.perf_counter() - t:.3f} s; Newton check at the estimates: scaled gradient "
        f"{gnorm:.3g} (allowed {allowed:.3g})"
    )
    if not gnorm <= allowed:
        warn(
            f"the Newton check made with the standard errors found the estimates short of the "
            f"maximum (scaled gradient {gnorm:.3g}, allowed {allowed:.3g}); "
            "refit with a smaller tol",
            ConvergenceWarning,
        )
    return s.info, cov


class InformationPass:
    """The information pass of a lazily finished fit: a fresh evaluator (the fit's work
    arrays are not kept alive for it) with the fit's chunks, on the threads that the limits
    in force when it runs and the fit's ``threads=`` allow (counted at the fit, it ran on the
    fit's inside ``threadpool_limits(1)``, as in a joblib worker); ``progress`` reports it."""

    def __init__(
        self,
        data: ModelData,
        chunk: int | None,
        progress: Progress | None = None,
        ridge: Ridge | None = None,
    ) -> None:
        # A fit on columns in extreme units runs on a copy of the design divided by powers
        # of two (InMemoryData.equilibrated), as large as the design: kept here, a result
        # kept both for life, before and after its standard errors were read, and pickled
        # both. The data it was made from are kept instead (the result's own), and the copy
        # made again, exactly, when the pass runs.
        unscaled = data.cached(UNSCALED) if isinstance(data, InMemoryData) else None
        self.source: ModelData | None = None if unscaled is not None else data
        self.unscaled: tuple[InMemoryData, np.ndarray] | None = unscaled
        self.chunk, self.progress, self.ridge = chunk, progress, ridge
        self.requested = requested_threads()  # the fit's threads=, None when not asked

    @property
    def data(self) -> ModelData:
        """The data the fit ran on (made again when they were an equilibrated copy)."""
        if self.unscaled is None:
            assert self.source is not None
            return self.source
        origin, s = self.unscaled
        scaled, again = origin.equilibrated()
        assert np.array_equal(again, s)  # the divisors are the origin's, kept with it
        return scaled

    def __call__(self, B: np.ndarray) -> tuple[Stats, np.ndarray | None, np.ndarray | None]:
        data = self.data
        threads = min(default_threads(data.n_rows), self.requested or data.n_rows)
        evaluate = data.evaluator(threads=threads, chunk=self.chunk, progress=self.progress)
        with single_threaded_blas():
            s = evaluate(B, INFO)
        if self.ridge is not None:
            s = self.ridge.apply(s, B, INFO)
        assert s.info is not None  # an INFO-level pass
        # A small matrix is factorised on one thread (BLAS threads woken for a millisecond's
        # work can take longer to synchronise than the work, on a busy machine up to 0.5 s);
        # a large one with BLAS's own thread count, which honours the user's limits.
        small = s.info.shape[0] < FACTOR_THREADS_MIN
        with single_threaded_blas() if small or threads == 1 else nullcontext():
            c = cholesky(s.info)
            cov = None if c is None else inverse_from_cholesky(c)
        return s, c, cov
