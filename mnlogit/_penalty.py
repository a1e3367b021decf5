"""Penalties on the coefficients: scikit-learn's L2 (ridge) penalty, one entry of
:data:`PENALTIES`.

scikit-learn's ``LogisticRegression(C=C)`` (solvers lbfgs, newton-cg, newton-cholesky, sag,
saga) minimises

    C * sum_i w_i (-log P(y_i | x_i)) + 1/2 ||W||^2

where W holds one coefficient row per class (K rows; one row for two classes, which it fits
as a binary logistic regression) and the intercepts are not penalised. Every W that gives the
same probabilities differs from the others by a common row added to all classes, and the
penalty is smallest for the centred one, so in the reference coding B (p, q) of this package
the objective divided by C is the penalised log-likelihood

    l(B) - 1/(2C) sum_a m_a b_a' Q b_a,

with b_a the row of B for design column a, m_a = 0 for the intercept and 1 otherwise, and
Q = I - 11'/K (K >= 3) or Q = 1 (K = 2, scikit-learn's binary parametrisation). The penalty
does not depend on which level is the reference, so ``with_ref`` re-expresses such a fit
exactly, as it does a maximum-likelihood one.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from scipy import linalg

from ._checks import check_positive, real_equal, statistic_name
from ._fisher import GRAM, Stats
from ._once import CachedState, cached_property
from ._separation_advice import DASK_REFUSES, firth_advice
from .exceptions import OptionError

__all__ = ["L2", "PENALTIES", "Ridge"]

Evaluate = Callable[[np.ndarray, int], Stats]

# the advice that ends L2.reason, as a fit in memory with the model-based covariance takes it
_FIRTH_TAIL = "or with method='firth' when the data are separated"


@dataclass(frozen=True)
class L2:
    """scikit-learn's L2 penalty with inverse strength ``C`` (see the module docstring).

    Examples
    --------
    >>> L2(C=0.5).label
    'L2-penalised maximum likelihood (C = 0.5)'
    """

    C: float
    # the divisors of the design columns a fit runs on (see _methods.equilibrate): b_a of a
    # column divided by s_a is s_a b_a, so its penalty weighs 1 / s_a^2 (None: all 1)
    columns: tuple[float, ...] | None = None
    name: ClassVar[str] = "l2"
    # Why a penalised fit has no standard errors, and what to do instead; the summary, the
    # NaN standard errors and the refused tests all say this.
    reason: ClassVar[str] = (
        "the penalty shrinks the estimates towards zero, so standard errors, z statistics, "
        "p-values and intervals around them would not have their nominal meaning, and "
        "likelihood-ratio tests, AIC and BIC would count as free the parameters that the "
        "penalty constrains. For inference, refit without the penalty (penalty=None), or with "
        "method='firth' when the data are separated"
    )

    @staticmethod
    def said_of(
        text: str, in_memory: bool, df_design: float | None = None, covariance: Any = None
    ) -> str:
        """``text`` (:attr:`reason`, :attr:`note`) for the fit it is said of: its advice on
        separated data is one that fit can take (:func:`firth_advice`): a dask fit refuses
        method='firth', so it says where that runs; a sandwich (``covariance`` robust or
        cluster-robust) is refused beside Firth's estimates of separated data, so it adds
        cov_type='nonrobust'; and a survey fit (probability weights, a design), which has
        only the design-based covariance, is refused Firth's fit of separated data, so it is
        told what to merge or drop instead. Of a survey fit (``df_design`` given) the
        statistics are t statistics (its table heads them t, and its warnings call them so).
        """
        text = text.replace("z statistics", f"{statistic_name(df_design)} statistics")
        if covariance is not None and covariance.needs_design:
            refused = firth_advice(in_memory, covariance, verb="a", gives="")
            return text.replace(f", {_FIRTH_TAIL}", f"; on separated data {refused}")
        firth = firth_advice(
            in_memory, covariance, verb="or with", gives="", elsewhere=DASK_REFUSES
        )
        return text.replace(_FIRTH_TAIL, f"{firth} when the data are separated")

    def __post_init__(self) -> None:
        if real_equal(self.C, math.inf):
            # scikit-learn's LogisticRegression(C=np.inf) is its unpenalised fit
            raise OptionError(
                "C: expected a positive finite number; got inf, which is no penalty at all: "
                "pass penalty=None and leave C out for the unpenalised fit (with its standard "
                "errors and tests)"
            )
        object.__setattr__(self, "C", check_positive("C", self.C))

    @property
    def note(self) -> str:
        """What the summary says about the estimates."""
        return (
            f"L2-penalised estimates, as scikit-learn's LogisticRegression(C={self.C:g}): they "
            "maximise the log-likelihood less 1/(2C) times the sum of the squared coefficients "
            "of all classes in scikit-learn's parametrisation (intercepts not penalised). They "
            f"are shown without standard errors, tests or intervals: {self.reason}."
        )

    @property
    def label(self) -> str:
        """How the summary names the estimator."""
        return f"L2-penalised maximum likelihood (C = {self.C:g})"

    def _strength(self, weight_scale: float) -> float:
        """1 / (C * weight_scale), inf where it overflows: in numpy's floats, as Python's
        raised a bare ZeroDivisionError where the product underflows to 0 (C=1e-300 with
        weights of 1e-300), which the check in :meth:`on` exists to refuse."""
        with np.errstate(over="ignore", divide="ignore", under="ignore"):
            return float(np.float64(1.0) / (np.float64(self.C) * np.float64(weight_scale)))

    def divisors(self, s: np.ndarray, weight_scale: float = 1.0) -> np.ndarray:
        """The divisors a penalised fit runs its columns on, from those of the equilibrated
        columns ``s``: each column's penalty weight lam / s^2 must stay a float.

        A column in units of 1e-160 divided by 1e-160 weighed 1e320, inf, whose products
        with the coefficients (0 * inf) made the penalised sums NaN: every coefficient of
        the fit came out 0, "diverged". Where lam / s^2 passes 2^1000 the penalty outweighs
        the column's information (about n s^2) by far more than rounding can see, and the
        column is left in its units (s = 1), where its coefficient, about C X'(Y - P), is
        a float; elsewhere no divisor is below 2^-500, whose weight 2^1000 is finite.
        """
        lam = self._strength(weight_scale)
        if not np.isfinite(lam):  # refused by on()
            return s
        least = np.exp2(-500.0)
        dominated = s < np.sqrt(lam) * least
        return np.where(dominated, 1.0, np.maximum(s, least))

    def on(self, p: int, q: int, intercept: int | None, weight_scale: float = 1.0) -> Ridge:
        """The penalty on (p, q) coefficients whose column ``intercept`` is not penalised,
        for a log-likelihood whose weights were divided by ``weight_scale``."""
        K = q + 1
        Q = np.eye(1) if K == 2 else np.eye(q) - 1.0 / K
        mask = np.ones(p)
        if self.columns is not None:
            # (1 / s)^2: s^2 of a column in units of 1e160 overflows, its weight underflows
            mask *= np.square(1.0 / np.asarray(self.columns, dtype=np.float64))
        if intercept is not None:
            mask[intercept] = 0.0
        lam = self._strength(weight_scale)
        if not np.isfinite(lam):
            # an infinite strength made inf * 0 = NaN in the penalty's sums: NumPy's warnings
            # and a fit "diverged" where every penalised coefficient is 0
            scaled = f" times the weights' scale {weight_scale:.3g}" if weight_scale != 1 else ""
            raise OptionError(
                f"C={self.C!r}{scaled} is so small that the penalty's strength 1/C overflows "
                f"(C{scaled} must be at least {1 / np.finfo(float).max:.3g}); so strong a "
                "penalty fits the unpenalised intercepts alone: take a larger C"
            )
        return Ridge(lam, Q, mask)


# what penalty= selects
PENALTIES: dict[str, type[L2]] = {L2.name: L2}


@dataclass(frozen=True, eq=False)
class Ridge(CachedState):
    """lam/2 sum_a m_a b_a' Q b_a on (p, q) coefficients: its value, gradient and Hessian,
    and the penalised versions of the sums the solvers read."""

    lam: float
    Q: np.ndarray  # (q, q) positive definite
    mask: np.ndarray  # (p,) each column's weight: 1 (or 1/s^2, s its divisor), 0 intercept

    def value(self, B: np.ndarray) -> float:
        """The penalty at ``B`` (subtracted from the log-likelihood)."""
        MB = self.mask[:, None] * B
        return 0.5 * self.lam * float(np.sum((MB @ self.Q) * B))

    def gradient(self, B: np.ndarray) -> np.ndarray:
        """d penalty / dB, (p, q)."""
        return self.lam * (self.mask[:, None] * B) @ self.Q

    @cached_property
    def _hessian_entries(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows, columns and values of the Hessian lam Q (x) diag(m) over the equation-major
        parameter vector: q^2 entries per penalised column, never a dense (pq)^2 matrix."""
        p, q = len(self.mask), self.Q.shape[0]
        cols = np.flatnonzero(self.mask)
        j, k = np.meshgrid(np.arange(q), np.arange(q), indexing="ij")
        rows = (j[..., None] * p + cols).ravel()
        other = (k[..., None] * p + cols).ravel()
        vals = (self.lam * self.Q[..., None] * self.mask[cols]).ravel()
        return rows, other, vals

    def add_hessian(self, info: np.ndarray) -> np.ndarray:
        """``info`` plus the penalty's Hessian (a new array)."""
        out = info.copy()
        rows, cols, vals = self._hessian_entries
        out[rows, cols] += vals
        return out

    def apply(self, s: Stats, B: np.ndarray, level: int) -> Stats:
        """The sums ``s`` at ``B`` of the penalised log-likelihood (X'WX, level GRAM, is not
        a function of B and is returned unchanged)."""
        if level == GRAM:
            return s
        score = None if s.score is None else s.score - self.gradient(B)
        info = None if s.info is None else self.add_hessian(s.info)
        return Stats(s.loglik - self.value(B), score, info)

    def evaluator(self, evaluate: Evaluate) -> Evaluate:
        """``evaluate(B, level)`` of the penalised log-likelihood."""

        def penalised(B: np.ndarray, level: int) -> Stats:
            return self.apply(evaluate(B, level), B, level)

        return penalised

    def metric(self, G: np.ndarray, S: np.ndarray) -> Callable[[np.ndarray], np.ndarray] | None:
        """V -> (S (x) G + lam Q (x) D)^-1 V for (p, q) V, D = diag(m): the quasi-Newton phase's
        metric with the penalty's Hessian added; None when a block is not positive definite.

        With T from the generalised eigenproblem S T = Q T diag(s) (T'QT = I, T'ST = diag(s)),
        X = Y T' turns G X S + lam D X Q = V into q independent systems
        (s_k G + lam D) y_k = (V T)_k, one Cholesky factorisation of a p x p matrix each.
        """
        s, T = linalg.eigh(S, self.Q)
        D = np.diag(self.lam * self.mask)
        factors = []
        for sk in s:
            try:
                factors.append(linalg.cho_factor(sk * G + D, check_finite=False))
            except linalg.LinAlgError:
                return None

        def solve(V: np.ndarray) -> np.ndarray:
            VT = V @ T
            Y = np.column_stack([linalg.cho_solve(f, VT[:, k]) for k, f in enumerate(factors)])
            return Y @ T.T

        return solve
