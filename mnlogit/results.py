"""MNLogitResults: an immutable fitted model with labelled, cached inference."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import iia, inference, margins
from ._blocksolve import solve_information
from ._checks import check_option, critical_value, lookup_option, two_sided_pvalues
from ._data import InMemoryData, ModelData
from ._fisher import null_loglik, probabilities
from ._levels import same_level
from ._linalg import flat, unflat
from ._memory import information_fits
from ._parallel import default_threads, thread_limit
from ._progress import Progress
from ._restrictions import Constraints, coefficient_positions
from ._solvers import METHODS, FitResult, Method
from .covariance import Covariance, covariance_named
from .exceptions import (
    ConvergenceWarning,
    DataError,
    InputTypeError,
    LevelError,
    warn,
)
from .formula import design_for_new_data
from .iia import IIATestResult
from .inference import TestResult
from .margins import Margins
from .report import plotting
from .report._format import csv_safe
from .report.summary import Summary, frame_to_latex
from .separation import Separation, detect, diverging_cells, warn_separation

if TYPE_CHECKING:  # for annotations only (matplotlib is an optional dependency)
    from matplotlib.figure import Figure, SubFigure

    from .survey import DesignInfo

__all__ = ["MNLogitResults", "warn_if_unconverged"]


class MNLogitResults:
    """A fitted multinomial logit.

    Coefficient tables are DataFrames indexed by design column (formulaic's names) with one
    column per non-reference outcome; long tables are indexed by (outcome, term). The object is
    immutable: another covariance type or reference gives a new object.

    Parameters
    ----------
    data : ModelData
        The rows and labels the model was fitted on (kept, not copied).
    core : FitResult
        What the solver returned.
    cov_type : {"nonrobust", "robust", "cluster", "design"}
        The covariance estimator (see :mod:`mnlogit.covariance`); ``"design"`` needs data
        with a survey design.
    method : {"newton", "firth"} or Method
        How the coefficients were estimated: a name in :data:`mnlogit._solvers.METHODS`, or
        the estimator :func:`mnlogit._solvers.resolve_method` made (with its penalty).
    separation : Separation, optional
        What the separation check found; checked here (on in-memory data) when a
        maximum-likelihood fit did not converge.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ np.log(distance)", mnlogit.datasets.load("travel"), ref="car")
    >>> res.params.shape
    (2, 3)
    """

    _data: ModelData
    _core: FitResult
    covariance: Covariance
    solver: Method
    separation: Separation | None

    def __init__(
        self,
        data: ModelData,
        core: FitResult,
        *,
        cov_type: str = "nonrobust",
        method: str | Method = "newton",
        separation: Separation | None = None,
    ) -> None:
        solver = method if isinstance(method, Method) else lookup_option("method", method, METHODS)
        if separation is None and not core.converged and not solver.penalized:
            separation = _check_separation(data)
        set_ = object.__setattr__
        set_(self, "_data", data)
        set_(self, "_core", core)
        set_(self, "covariance", covariance_named(cov_type))
        set_(self, "solver", solver)
        set_(self, "separation", separation)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"MNLogitResults is immutable; cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"MNLogitResults is immutable; cannot delete {name!r}")

    @property
    def cov_type(self) -> str:
        """The covariance type: ``"nonrobust"``, ``"robust"``, ``"cluster"`` or ``"design"``.

        ``"design"`` is the linearised covariance of a survey fit.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.cov_type
        'nonrobust'
        """
        return self.covariance.name

    @property
    def method(self) -> str:
        """How the coefficients were estimated: ``"newton"`` or ``"firth"``.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.method
        'newton'
        """
        return self.solver.name

    @property
    def penalty(self) -> str | None:
        """The penalty on the coefficients' size: ``"l2"`` (see :func:`mnlogit.fit`), or None.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> mnlogit.fit("mode ~ parking", df, ref="car", penalty="l2", C=0.5).penalty
        'l2'
        """
        return None if self.solver.penalty is None else self.solver.penalty.name

    @property
    def C(self) -> float | None:
        """Inverse strength of the penalty (scikit-learn's ``C``), or None without one.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> mnlogit.fit("mode ~ parking", df, ref="car", penalty="l2", C=0.5).C
        0.5
        """
        return None if self.solver.penalty is None else self.solver.penalty.C

    @property
    def weight_type(self) -> str:
        """What the weights are: ``"frequency"`` or ``"probability"``.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.weight_type
        'frequency'
        """
        return self._data.weight_type.name

    @property
    def design(self) -> DesignInfo | None:
        """The survey design's facts (strata, PSUs, population size), or None.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> survey = mnlogit.SurveyDesign(psu="household")
        >>> res = mnlogit.fit("mode ~ parking", df, ref="car", design=survey)
        >>> res.design.n_psu_total, res.design.population
        (1200, 3052.0)
        """
        return self._data.design

    @property
    def df_design(self) -> float | None:
        """Design degrees of freedom (#PSU - #strata) of a survey fit; None otherwise.

        A survey fit's t statistics, intervals and adjusted Wald F tests use them; other fits
        use the normal and chi-squared distributions.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> survey = mnlogit.SurveyDesign(psu="household")
        >>> mnlogit.fit("mode ~ parking", df, ref="car", design=survey).df_design
        1199.0
        """
        return self.covariance.df(self._data)

    # --- what the fit was -------------------------------------------------------------------
    @property
    def outcomes(self) -> tuple:
        """Every outcome level, in level order (the reference included).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.outcomes
        ('bus', 'car', 'train', 'walk')
        """
        return self._data.levels

    @property
    def ref(self) -> Any:
        """The reference outcome, against which every equation is written.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.ref
        'car'
        """
        return self._data.ref

    @property
    def equations(self) -> tuple:
        """Non-reference outcomes, one equation (column of ``params``) each.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.equations
        ('bus', 'train', 'walk')
        """
        return self._data.equations

    @property
    def formula(self) -> str | None:
        """The formula, or None for a model built from arrays.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.formula
        'mode ~ parking'
        """
        return self._data.formula

    @property
    def converged(self) -> bool:
        """Whether both convergence criteria were met.

        The relative change in deviance and the scaled gradient U'I^-1U both fell below
        ``tol``; a fit that did not converge also warned (:class:`~mnlogit.ConvergenceWarning`).
        A fit with many parameters that finished in its L-BFGS phase, before any information
        matrix, tested U'HU instead, with H the L-BFGS estimate of I^-1, against ``tol**2``
        times the deviance (coefficients about ``tol`` times a standard error from the
        maximum); when its standard errors are computed, U'I^-1U is tested on the true
        information too, and a failure warns.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.converged
        True
        """
        return self._core.converged

    @property
    def diverged(self) -> bool:
        """Whether the fit stopped because coefficients were running off (separation).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.diverged
        False
        """
        return self._core.diverged

    @property
    def n_iter(self) -> int:
        """Number of iterations (Fisher scoring, and L-BFGS steps for large models).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.n_iter > 0
        True
        """
        return self._core.n_iter

    @property
    def n_dropped(self) -> int:
        """Rows dropped for missing values (``missing="drop"``).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.n_dropped
        0
        """
        return self._data.n_dropped

    # --- estimates --------------------------------------------------------------------------
    @cached_property
    def params(self) -> pd.DataFrame:
        """Coefficients: rows = design columns, columns = non-reference outcomes.

        Column ``k`` holds b_k in log(P(y=k) / P(y=ref)) = x'b_k; rows are named as formulaic
        names the design columns.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.params.round(2)
        outcome     bus  train  walk
        term
        Intercept -1.24  -1.99 -1.21
        parking    0.26   0.32  0.21
        """
        return self._frame(self._core.B)

    @cached_property
    def _cov(self) -> np.ndarray:
        V, S = self._scaled_cov
        if self._core.scale is None:
            return V
        return V / S[:, None] / S[None, :]

    @cached_property
    def _scaled_cov(self) -> tuple[np.ndarray, np.ndarray]:
        """The covariance of S * flat(B), the coefficients of the equilibrated columns the fit
        ran on, and S (ones when it ran on the columns as given): standard errors and Wald
        tests of a column in extreme units come from it without overflow or underflow."""
        # the information (computed here when the fit deferred it) and any sandwich keep to
        # the fit's threads=
        core = self._core
        ones = np.ones(self.n_params)
        if not self.solver.inference:  # a penalised fit: nothing to compute (see penalty)
            return np.full((self.n_params, self.n_params), np.nan), ones
        with self._limits():
            cov, S = core.scaled_cov
            if cov is None:
                return np.full((self.n_params, self.n_params), np.nan), S
            if core.scale is None:
                return self.covariance.matrix(self._data, core.B, cov), S
            scaled, s = self._data.equilibrated()
            return self.covariance.matrix(scaled, core.B * s[:, None], cov), S

    def _limits(self) -> AbstractContextManager[None]:
        """The fit's ``threads=``, in force for the work done for these results."""
        return thread_limit(self._core.threads)

    @cached_property
    def diverging(self) -> pd.DataFrame:
        """Which coefficients diverge under separation: booleans shaped like ``params``.

        Their standard errors, z statistics, p-values, intervals and relative-risk ratios are
        NaN, and tests involving them give a NaN p-value: the fit stopped somewhere along a
        path to infinity, so those numbers describe where it stopped, not the data. The
        cells come from :attr:`separation` (every cell when a fit diverged where the exact
        check cannot run, as on a dask DataFrame). ``cov_params()`` keeps the inverse
        information at the stopping point.

        Examples
        --------
        >>> import warnings
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("risk")
        >>> with warnings.catch_warnings():
        ...     warnings.simplefilter("ignore")  # the SeparationWarning
        ...     res = mnlogit.fit("risk ~ age + income", df, ref="low")
        >>> res.diverging.loc["age"].tolist(), res.bse.loc["age"].isna().tolist()
        ([True, True], [True, True])
        """
        return self._frame(self._diverging)

    @cached_property
    def _diverging(self) -> np.ndarray:
        if self.separation is None and self.diverged and not self._data.in_memory:
            return np.ones(self._core.B.shape, dtype=bool)
        return diverging_cells(self.separation, self._data)

    @cached_property
    def _se(self) -> np.ndarray:
        """Standard errors, equation-major, NaN where coefficients diverge."""
        V, S = self._scaled_cov
        with np.errstate(invalid="ignore"):
            se = np.sqrt(np.diag(V)) / S
        se[flat(self._diverging)] = np.nan
        return se

    @cached_property
    def bse(self) -> pd.DataFrame:
        """Standard errors, shaped like ``params``.

        Square roots of the diagonal of :meth:`cov_params`: model-based, robust or cluster-robust
        as the fit's ``cov_type``; NaN where :attr:`diverging`, and for an L2-penalised fit
        (see :attr:`penalty`), whose shrunken estimates they would not describe.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.bse.round(2)
        outcome     bus  train  walk
        term
        Intercept  0.06   0.08  0.06
        parking    0.02   0.02  0.02
        """
        return self._frame(unflat(self._se, self._data.p))

    @cached_property
    def zvalues(self) -> pd.DataFrame:
        """Wald statistics b / se(b), shaped like ``params`` (t statistics for survey fits).

        NaN where :attr:`diverging`.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.zvalues.round(1)
        outcome     bus  train  walk
        term
        Intercept -20.7  -25.3 -20.2
        parking    13.4   14.6  10.3
        """
        return self.params / self.bse

    @cached_property
    def pvalues(self) -> pd.DataFrame:
        """Two-sided p-values of the Wald statistics, shaped like ``params``.

        Normal, or Student's t on the design degrees of freedom for survey fits (see
        :attr:`df_design`); NaN where :attr:`diverging`.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> bool((res.pvalues < 0.001).all().all())
        True
        """
        return self._frame(two_sided_pvalues(self.zvalues.to_numpy(), self.df_design))

    def _frame(self, M: np.ndarray) -> pd.DataFrame:
        return pd.DataFrame(
            M,
            index=pd.Index(self._data.column_names, name="term"),
            columns=pd.Index(self.equations, name="outcome"),
        )

    @cached_property
    def _long_index(self) -> pd.MultiIndex:
        return pd.MultiIndex.from_product(
            [self.equations, self._data.column_names], names=["outcome", "term"]
        )

    def cov_params(self, terms: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Coefficient covariance; rows and columns (outcome, term), equation by equation.

        Parameters
        ----------
        terms : str or list of str, optional
            Only the coefficients of these terms (or design columns), in every equation. A
            fit whose information matrix would not fit in memory gives this block from
            conjugate-gradient solves on passes over the rows, without the whole matrix.

        Returns
        -------
        DataFrame
            (p (K - 1), p (K - 1)), or the selected block: the model-based, robust or
            cluster-robust covariance as the fit's ``cov_type``; NaN throughout when the
            information matrix is singular.

        Raises
        ------
        mnlogit.exceptions.MemoryLimitError
            The whole matrix is asked for and would not fit in memory.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> V = res.cov_params()
        >>> V.shape, V.index[:2].tolist()
        ((6, 6), [('bus', 'Intercept'), ('bus', 'parking')])
        >>> res.cov_params(terms=["parking"]).shape
        (3, 3)
        """
        if terms is None:
            return pd.DataFrame(self._cov, index=self._long_index, columns=self._long_index)
        idx = coefficient_positions(self._data, terms)
        index = self._long_index[idx]
        return pd.DataFrame(self._cov_block(idx), index=index, columns=index)

    def _cov_block(self, idx: np.ndarray) -> np.ndarray:
        """The covariance of the coefficients at equation-major positions ``idx``: a block of
        the whole covariance, or, when the information is still to be computed and would
        not fit in memory, solved for without it (see :mod:`mnlogit._blocksolve`)."""
        core, data = self._core, self._data
        with self._limits():
            n_params = data.p * data.q
            if (
                not self.solver.inference  # a penalised fit: NaN, as the whole matrix
                or not core.pending
                or not isinstance(data, InMemoryData)
                or information_fits(n_params, default_threads(data.n_rows))
            ):
                return self._cov[np.ix_(idx, idx)]
            E = np.zeros((n_params, len(idx)))
            E[idx, np.arange(len(idx))] = 1.0
            solved = solve_information(data, core.B, E, progress=Progress(core.verbose))
            return self.covariance.block(data, core.B, solved, idx)

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Wald confidence intervals: rows (outcome, term), columns ``lower`` and ``upper``.

        Parameters
        ----------
        alpha : float
            Error rate, in (0, 0.5]: the intervals have coverage ``1 - alpha``.

        Returns
        -------
        DataFrame
            b -/+ c se with c the normal ``1 - alpha/2`` quantile, or for survey fits that of
            Student's t on the design degrees of freedom; NaN where :attr:`diverging`.

        Raises
        ------
        mnlogit.exceptions.DataError
            ``alpha`` is not a number in (0, 0.5] ("alpha is the error rate: alpha=0.05
            gives 95% intervals").

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.conf_int(alpha=0.1).round(2).loc["bus"]
                   lower  upper
        term
        Intercept  -1.34  -1.14
        parking     0.23   0.30
        """
        z = critical_value(alpha, self.df_design)
        est = flat(self._core.B)
        return pd.DataFrame(
            {"lower": est - z * self._se, "upper": est + z * self._se}, index=self._long_index
        )

    def odds_ratios(self, alpha: float = 0.05) -> pd.DataFrame:
        """Relative-risk ratios exp(b) against the reference, with exp of the Wald interval.

        Parameters
        ----------
        alpha : float
            Error rate, in (0, 0.5]: the intervals have coverage ``1 - alpha``.

        Returns
        -------
        DataFrame
            Rows (outcome, term), columns ``odds_ratio``, ``lower`` and ``upper``; NaN where
            :attr:`diverging`, and inf or 0 (without a warning) for a finite coefficient
            beyond exp's range.

        Notes
        -----
        exp(b_k) multiplies P(y=k) / P(y=ref) per unit of the design column.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.odds_ratios().round(2).loc["bus"]
                   odds_ratio  lower  upper
        term
        Intercept        0.29   0.26   0.33
        parking          1.30   1.25   1.35
        """
        ci = self.conf_int(alpha)
        est = np.where(flat(self._diverging), np.nan, flat(self._core.B))
        with np.errstate(over="ignore"):
            return pd.DataFrame(
                {
                    "odds_ratio": np.exp(est),
                    "lower": np.exp(ci["lower"]),
                    "upper": np.exp(ci["upper"]),
                },
                index=self._long_index,
            )

    # --- fit statistics ---------------------------------------------------------------------
    @property
    def llf(self) -> float:
        """Log-likelihood at the estimates (unpenalised, also for Firth fits).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(res.llf, 2)
        -3675.89
        """
        return self._core.loglik * self._weight_scale

    @property
    def _weight_scale(self) -> float:
        # a survey fit runs on its sampling weights divided by this power of two
        # (survey.weight_scale); log-likelihoods are reported for the weights as given
        return 1.0 if self._data.design is None else self._data.design.weight_scale

    @property
    def penalized_llf(self) -> float | None:
        """Firth fits: the Jeffreys-penalised log-likelihood l(B) + log det I(B) / 2.

        L2-penalised fits: l(B) less the penalty (see :func:`mnlogit.fit`). None for
        maximum-likelihood fits.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("risk")
        >>> res = mnlogit.fit("risk ~ age + income", df, ref="low", method="firth")
        >>> res.penalized_llf > res.llf
        True
        """
        penalized, c = self._core.penalized_loglik, self._weight_scale
        if penalized is None or c == 1.0:
            return penalized
        if self.solver.penalty is not None:  # the L2 penalty was divided by c with l(B)
            return c * penalized
        # l(B) scales with the weights; log det I(B) / 2 moves by pq log(c) / 2
        loglik = self._core.loglik
        return c * loglik + (penalized - loglik) + 0.5 * self.n_params * np.log(c)

    @property
    def penalized_maxima(self) -> tuple[float, ...]:
        """Firth fits: the penalised log-likelihoods of the distinct local maxima found.

        Those the fit's starting points reached, the estimates' first, then highest first.
        The Jeffreys-penalised likelihood can have several local maxima under separation; a
        fit that found more than one says so in its summary. Empty for other fits.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("risk")
        >>> res = mnlogit.fit("risk ~ age + income", df, ref="low", method="firth")
        >>> len(res.penalized_maxima), res.penalized_maxima[0] == res.penalized_llf
        (1, True)
        """
        core, best = self._core, self.penalized_llf
        if not core.maxima or best is None or core.penalized_loglik is None:
            return ()
        shift = best - core.penalized_loglik  # the weights' scale, as penalized_llf
        return tuple(m + shift for m in core.maxima)

    @property
    def null_model(self) -> str:
        """The null model of :attr:`llnull`, the LR test and the pseudo-R2.

        ``"intercept-only"`` when the design's column space holds the constant (an intercept,
        or dummies for every level of a factor); otherwise ``"zero"``: every coefficient
        zero, each outcome level 1/K, the only null nested in such a model.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> mnlogit.fit("mode ~ parking", df, ref="car").null_model
        'intercept-only'
        >>> mnlogit.fit("mode ~ 0 + parking", df, ref="car").null_model
        'zero'
        """
        return "intercept-only" if self._data.spans_constant else "zero"

    @cached_property
    def llnull(self) -> float:
        """Log-likelihood of the null model (:attr:`null_model`).

        Intercept-only: sum_k n_k log(n_k / N); every coefficient zero (a design without the
        constant in its column space): N log(1 / K). Either way the null is nested in the
        fit, so ``llnull <= llf`` at a maximum.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(res.llnull, 2)
        -3832.44
        """
        counts = self._data.outcome_counts()
        if self._data.spans_constant:
            return null_loglik(counts) * self._weight_scale
        return -float(counts.sum()) * float(np.log(len(counts))) * self._weight_scale

    @property
    def deviance(self) -> float:
        """The deviance, -2 llf.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(res.deviance, 2)
        7351.78
        """
        return -2.0 * self.llf

    @property
    def nobs(self) -> float:
        """Rows used, or the sum of the frequency weights.

        Probability weights do not count rows: see ``design.population`` for the population
        size they estimate.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.nobs
        3052.0
        """
        data = self._data
        if data.weighted and data.weight_type.counts_rows:
            return data.sum_weights
        return float(data.n_rows)

    @property
    def n_params(self) -> int:
        """Number of coefficients, p x (K - 1).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.n_params
        6
        """
        return self._data.p * self._data.q

    @property
    def df_model(self) -> int:
        """Coefficients beyond the null model's (see :attr:`null_model`).

        (K - 1)(p - 1) when the design's columns span the constant, (K - 1) p otherwise.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.df_model
        3
        """
        return self._data.q * (self._data.p - int(self._data.spans_constant))

    @property
    def df_resid(self) -> float:
        """Residual degrees of freedom: nobs minus the number of coefficients.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.df_resid
        3046.0
        """
        return self.nobs - self.n_params

    @property
    def _criteria_valid(self) -> bool:
        # a likelihood of the sample, whose parameters are all free (not penalised)
        return self.covariance.likelihood_valid and self.solver.inference

    @property
    def aic(self) -> float:
        """Akaike's information criterion, -2 llf + 2 p (K - 1).

        NaN for survey fits, whose weighted log-likelihood is not a likelihood of the sample
        (as Stata's ``estat ic`` after ``svy``), and for L2-penalised fits, whose coefficients
        are not p (K - 1) free parameters.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(res.aic, 2)
        7363.78
        """
        if not self._criteria_valid:
            return float("nan")
        return self.deviance + 2 * self.n_params

    @property
    def bic(self) -> float:
        """Bayesian information criterion, -2 llf + log(nobs) p (K - 1).

        NaN for survey and L2-penalised fits (see :attr:`aic`).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(float(res.bic), 2)
        7399.92
        """
        if not self._criteria_valid:
            return float("nan")
        return self.deviance + np.log(self.nobs) * self.n_params

    @cached_property
    def pseudo_r2(self) -> pd.Series:
        """McFadden, Cox-Snell and Nagelkerke pseudo-R-squared.

        With l the log-likelihood, l0 that of the intercept-only model and n = nobs:
        McFadden 1 - l / l0, Cox-Snell 1 - exp(2 (l0 - l) / n), Nagelkerke Cox-Snell divided by
        its maximum 1 - exp(2 l0 / n). NaN for survey fits (see :attr:`aic`).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.pseudo_r2.round(3)
        mcfadden      0.041
        cox_snell     0.098
        nagelkerke    0.106
        dtype: float64
        """
        if not self.covariance.likelihood_valid:
            return pd.Series(dict.fromkeys(("mcfadden", "cox_snell", "nagelkerke"), np.nan))
        n = self.nobs
        cox_snell = 1 - np.exp(2 * (self.llnull - self.llf) / n)
        return pd.Series(
            {
                "mcfadden": 1 - self.llf / self.llnull,
                "cox_snell": cox_snell,
                "nagelkerke": cox_snell / (1 - np.exp(2 * self.llnull / n)),
            }
        )

    # --- prediction -------------------------------------------------------------------------
    def _design(self, newdata: Any) -> tuple[np.ndarray, pd.Index]:
        """The design of ``newdata`` (the fitted rows by default); a row with a missing or
        infinite value is all NaN, so that everything predicted for it is NaN (an infinite
        predictor has no probability the fit supports; the fit itself refuses one)."""
        X, index = self._new_design(newdata)
        if newdata is None:  # the fitted design: finite, checked when it was built
            return X, index
        bad = ~np.isfinite(X).all(axis=1)
        if bad.any():
            X = X.copy()
            X[bad] = np.nan
        return X, index

    def _new_design(self, newdata: Any) -> tuple[np.ndarray, pd.Index]:
        if newdata is None:
            index = self._data.row_index
            return self._data.X, index if index is not None else pd.RangeIndex(len(self._data.y))
        if self._data.spec is not None:
            return design_for_new_data(self._data.spec, newdata)
        try:
            X = (
                newdata.to_numpy(np.float64)
                if isinstance(newdata, pd.DataFrame)
                else np.asarray(newdata, dtype=np.float64)
            )
        except (TypeError, ValueError):
            raise InputTypeError(
                f"newdata: expected numbers for the {self._data.p} design columns "
                f"({', '.join(self._data.column_names)}); got {type(newdata).__name__} with "
                "values that are not numbers"
            ) from None
        if X.ndim != 2 or X.shape[1] != self._data.p:
            raise DataError(f"newdata: expected {self._data.p} columns; got shape {X.shape}")
        index = newdata.index if isinstance(newdata, pd.DataFrame) else pd.RangeIndex(len(X))
        return X, index

    def predict(self, newdata: Any = None, kind: str = "prob") -> pd.DataFrame | pd.Series:
        """Predictions for the fitted rows or for ``newdata`` (encoded with the stored formula).

        Parameters
        ----------
        newdata : DataFrame or array-like, optional
            For a formula model, a DataFrame with the raw columns the formula uses, encoded
            with the stored ModelSpec (same levels and transforms; a row with a missing or
            infinite value predicts NaN, and its class is missing). For a model built from
            arrays, the design (p columns). Default: the rows the model was fitted on.
        kind : {"prob", "class", "link"}
            ``"prob"``: probabilities, one column per outcome level; ``"class"``: the most
            probable level; ``"link"``: log-odds against the reference, one column per
            equation.

        Returns
        -------
        DataFrame or Series
            Indexed like ``newdata`` (or the rows used); a Series for ``kind="class"``.

        Raises
        ------
        mnlogit.exceptions.OptionError
            ``kind`` is not one of the three.
        mnlogit.exceptions.MNLogitError
            ``newdata`` cannot be encoded: missing columns, levels not seen in fitting, the
            wrong number of columns.

        Examples
        --------
        >>> import pandas as pd
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.predict(pd.DataFrame({"parking": [0.0, 10.0]})).round(2)
        outcome   bus   car  train  walk
        0        0.17  0.58   0.08  0.17
        1        0.37  0.09   0.30  0.23
        >>> res.predict(kind="class").head(3).tolist()
        ['bus', 'car', 'car']
        """
        check_option("kind", kind, ("prob", "class", "link"))
        X, index = self._design(newdata)
        if kind == "link":
            return pd.DataFrame(
                X @ self._core.B, index=index, columns=pd.Index(self.equations, name="outcome")
            )
        P = probabilities(X, self._core.B)[:, self._level_to_core]
        probs = pd.DataFrame(P, index=index, columns=pd.Index(self.outcomes, name="outcome"))
        if kind == "prob":
            return probs
        # a row without probabilities has no most probable level (argmax would say the first)
        known = ~np.isnan(P).any(axis=1)
        classes = pd.Series(
            np.asarray(self.outcomes, dtype=object)[np.where(known, P.argmax(axis=1), 0)],
            index=index,
            name=self._data.outcome_name,
        )
        return classes if known.all() else classes.where(known)

    @property
    def _level_to_core(self) -> np.ndarray:
        return self._data.coding.level_to_core

    # --- tidy table and rendering -------------------------------------------------------------
    def to_frame(self, alpha: float = 0.05) -> pd.DataFrame:
        """Tidy long table, one row per (outcome, term): the single source of every rendering.

        Parameters
        ----------
        alpha : float
            Error rate of the intervals, in (0, 0.5].

        Returns
        -------
        DataFrame
            Columns ``estimate``, ``std_error``, ``z``, ``pvalue``, ``lower``, ``upper``,
            ``odds_ratio``, ``or_lower``, ``or_upper`` and ``diverged`` (True where
            separation makes the coefficient diverge: its inference columns are then NaN).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> table = res.to_frame()
        >>> table.shape, table.index[0]
        ((6, 10), ('bus', 'Intercept'))
        """
        ci = self.conf_int(alpha)
        orr = self.odds_ratios(alpha)
        return pd.DataFrame(
            {
                "estimate": flat(self.params.to_numpy()),
                "std_error": flat(self.bse.to_numpy()),
                "z": flat(self.zvalues.to_numpy()),
                "pvalue": flat(self.pvalues.to_numpy()),
                "lower": ci["lower"].to_numpy(),
                "upper": ci["upper"].to_numpy(),
                "odds_ratio": orr["odds_ratio"].to_numpy(),
                "or_lower": orr["lower"].to_numpy(),
                "or_upper": orr["upper"].to_numpy(),
                "diverged": flat(self._diverging),
            },
            index=self._long_index,
        )

    def summary(self, odds_ratios: bool = False, alpha: float = 0.05) -> Summary:
        """Text, HTML, LaTeX, Markdown and CSV renderings of the fit.

        Parameters
        ----------
        odds_ratios : bool
            Show relative-risk ratios exp(b) (Stata's ``rrr``) instead of coefficients.
        alpha : float
            Error rate of the intervals, in (0, 0.5].

        Returns
        -------
        Summary
            ``str()`` is the text table; ``as_latex()``, ``as_markdown()``, ``as_csv()`` and
            ``_repr_html_()`` (notebooks) render the same content.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.summary().as_text().splitlines()[0])
        Multinomial logit regression
        """
        return Summary(self, odds_ratios=odds_ratios, alpha=alpha)

    def to_csv(self, path: str | os.PathLike[str] | IO[str], alpha: float = 0.05) -> None:
        """Write :meth:`to_frame` as CSV.

        Outcome and term labels that a spreadsheet would run as a formula (starting with
        ``=``, ``+``, ``-`` or ``@``) are written with a leading ``'``; numbers as they are.

        Parameters
        ----------
        path : str, path-like or text file
            Where to write.
        alpha : float
            Error rate of the intervals, in (0, 0.5].

        Examples
        --------
        >>> import io
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> out = io.StringIO()
        >>> res.to_csv(out)
        >>> out.getvalue().splitlines()[0]
        'outcome,term,estimate,std_error,z,pvalue,lower,upper,odds_ratio,or_lower,or_upper,diverged'
        """
        csv_safe(self.to_frame(alpha)).to_csv(path)

    def to_latex(
        self,
        path: str | os.PathLike[str] | None = None,
        alpha: float = 0.05,
        odds_ratios: bool = False,
    ) -> str:
        """The coefficient table as a booktabs LaTeX table; written to ``path`` when given.

        Needs ``\\usepackage{booktabs}``; term and outcome names are escaped so it compiles.

        Parameters
        ----------
        path : str or path-like, optional
            Also write the table there (UTF-8).
        alpha : float
            Error rate of the intervals, in (0, 0.5].
        odds_ratios : bool
            Show relative-risk ratios, as ``summary(odds_ratios=True)``.

        Returns
        -------
        str
            A ``tabular`` environment, one panel per non-reference outcome.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> print(res.to_latex().splitlines()[0])
        \\begin{tabular}{lrrrrrr}
        """
        tex = frame_to_latex(self, alpha=alpha, odds_ratios=odds_ratios)
        if path is not None:
            with open(path, "w", encoding="utf-8") as fh:
                fh.write(tex)
        return tex

    def __repr__(self) -> str:
        return (
            f"<MNLogitResults: {self.formula or self._data.outcome_name}, ref={self.ref!r}, "
            f"K={len(self.outcomes)}, nobs={self.nobs:g}, llf={self.llf:.4f}>"
        )

    def _repr_html_(self) -> str:
        return self.summary()._repr_html_()

    # --- tests and re-expressions (delegated) ------------------------------------------------
    def lr_test(self) -> TestResult:
        """Likelihood-ratio test of the model against the intercept-only model.

        Returns
        -------
        TestResult
            ``statistic`` = 2 (llf - llnull) with ``df`` = ``df_model``.

        Raises
        ------
        mnlogit.exceptions.ModelComparisonError
            For survey fits, whose weighted log-likelihood is not a likelihood of the sample,
            and for robust or cluster covariances, beside which a likelihood-ratio test is
            not valid (use :meth:`wald_test_slopes` or :meth:`wald_test`).

        Notes
        -----
        A Firth fit is compared with the Firth fit of the intercept-only model on their
        penalised log-likelihoods (the null's is ``details["null"]``). Statistic and p-value
        are NaN, with a note, when a slope diverges under separation.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> test = res.lr_test()
        >>> test.df, round(test.statistic, 1)
        (3.0, 313.1)
        """
        return inference.lr_test_null(self)

    def wald_test_slopes(self) -> TestResult:
        """Wald test that every slope is zero in every equation, with the fit's covariance.

        The summary's header test under a robust or cluster covariance, as Stata's
        ``mlogit, vce(robust)`` shows (an adjusted Wald F for survey fits).

        Returns
        -------
        TestResult
            df = (K - 1) x the number of non-intercept columns; NaN, with a note, when a slope
            diverges under separation.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> res = mnlogit.fit("mode ~ parking", df, ref="car", cov_type="robust")
        >>> res.wald_test_slopes().df
        3.0
        """
        return inference.wald_test_slopes(self)

    def anova(self, type: str = "II") -> pd.DataFrame:
        """Per-term tests, each term dropped from every equation.

        Likelihood-ratio tests, or Wald tests with the fit's covariance when it is robust or
        cluster-robust (beside which LR tests are not valid).

        Parameters
        ----------
        type : {"II", "III"}
            ``"II"`` tests each term in the model without the terms that contain it (its
            interactions), as ``car::Anova``; ``"III"`` drops the term from the full model.

        Returns
        -------
        DataFrame
            Indexed by term (not the intercept), columns ``chi2``, ``df``, ``pvalue``;
            ``attrs["test"]`` is ``"LR"`` or ``"Wald"``. NaN for a term with a coefficient
            that diverges under separation (``attrs["note"]`` names it).

        Raises
        ------
        mnlogit.exceptions.DataError
            The model has no term besides the intercept.
        mnlogit.exceptions.ModelComparisonError
            For survey fits (use :meth:`wald_test`).

        Notes
        -----
        Each restricted model is refitted with the fit's method; chi2 = 2 (l_full -
        l_restricted), df = (K - 1) times the term's columns. Firth fits compare penalised
        log-likelihoods.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> res = mnlogit.fit("mode ~ np.log(distance) + parking", df, ref="car")
        >>> res.anova()[["chi2", "df"]].round(1)
                            chi2  df
        term
        np.log(distance)  816.1   3
        parking           324.2   3
        """
        with self._limits():
            return inference.anova(self, type=type)

    def wald_test(self, constraints: Constraints) -> TestResult:
        """Joint Wald test of terms (every equation) or of linear restrictions.

        Parameters
        ----------
        constraints : str, list of str, or (R, q)
            * a term name (``"age"``, ``"x1:group"``): every coefficient of the term is zero
              in every equation; a design-column name does the same for that column;
            * a list of terms (and/or restriction strings): all of them jointly;
            * a restriction string such as ``"bus:parking = train:parking"`` or
              ``"2*bus:x1 - train:x1 = 0"``: each coefficient is ``outcome:column``; several
              restrictions separated by commas; a side without ``=`` is set to 0;
            * ``(R, q)``: R is (r, p (K - 1)) over the parameters in the order of
              :meth:`cov_params`, q a scalar or length-r vector.

        Returns
        -------
        TestResult
            W = (R b - q)' (R V R')^-1 (R b - q) with df = r, V the fit's covariance; for a
            survey fit, Stata's adjusted Wald F = (d - r + 1) / (d r) W on (r, d - r + 1)
            degrees of freedom, d the design degrees of freedom.

        Raises
        ------
        mnlogit.exceptions.MNLogitError
            A name that is not a term, column or outcome; a malformed restriction; linearly
            dependent restrictions.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.wald_test("parking").df
        3.0
        >>> print(res.wald_test("bus:parking = train:parking"))  # doctest: +ELLIPSIS
        Wald test (model-based covariance): chi2(1) = ..., p = ...
        H0: bus:parking = train:parking
        """
        return inference.wald_test(self, constraints)

    def with_ref(self, level: Any) -> MNLogitResults:
        """The same fit against reference ``level``, without refitting.

        Parameters
        ----------
        level : outcome level
            The new reference, matched by value and kind as ``ref=`` is.

        Returns
        -------
        MNLogitResults
            Same log-likelihood, probabilities, method and covariance type.

        Notes
        -----
        With b_r = 0 for the old reference, the new coefficients are b'_k = b_k - b_new for
        every level k other than the new reference: B' = B M, i.e. vec(B') = T vec(B) with
        T = M' (x) I_p and det T = +-1. The model-based covariance becomes T V T' and the
        information T^-T I T^-1; a robust or cluster sandwich is recomputed from the recoded
        outcome, which equals T V T' exactly because every score transforms by T^-T.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> res = mnlogit.fit("mode ~ np.log(distance)", df, ref="car")
        >>> res.with_ref("bus").ref
        'bus'
        """
        data = self._data
        new_ref = data.coding.find(level)
        if new_ref is None:
            raise LevelError(
                f"with_ref: {level!r} is not a level of outcome {data.outcome_name!r}; "
                f"levels are {', '.join(map(repr, data.levels))}"
            )
        if same_level(new_ref, data.ref):
            return self
        new_data = data.recode(data.levels, new_ref)
        M = data.coding.ref_change(new_data.coding)
        M_inv = new_data.coding.ref_change(data.coding)
        core = self._core
        # the information and covariance follow when first read (from the original's, which
        # are then computed once for both)
        new_core = replace(
            core,
            B=core.B @ M,
            computed=None,
            deferred=functools.partial(_re_expressed, core, M, M_inv, data.p),
            scale=None,  # _re_expressed reads the curvature in the user's units
        )
        return MNLogitResults(
            new_data,
            new_core,
            cov_type=self.cov_type,
            method=self.solver,
            separation=self.separation,
        )

    def marginal_effects(
        self,
        at: str = "overall",
        variables: str | list[str] | None = None,
        alpha: float = 0.05,
    ) -> pd.DataFrame:
        """dP(y=k)/dx for every outcome, with delta-method standard errors.

        Parameters
        ----------
        at : {"overall", "mean", "typical"}
            ``"overall"``: average marginal effects over the rows used (weighted);
            ``"mean"``: at the mean of every design column, dummies included (Stata's
            ``atmeans``); ``"typical"``: at the means of the numeric variables and the modes
            of the factors. ``attrs["evaluated_at"]`` of the table records where.
        variables : str or list of str, optional
            Raw variables of the formula (default: all of them); for a model from arrays,
            design columns.
        alpha : float
            Error rate of the intervals, between 0 and 1.

        Returns
        -------
        DataFrame
            Indexed by (variable, outcome), every outcome including the reference; columns
            ``dydx``, ``std_error``, ``z``, ``pvalue``, ``lower``, ``upper``. A factor gives
            one row per non-baseline level: the discrete change from the baseline. Effects
            that involve a coefficient diverging under separation are NaN.

        Notes
        -----
        dP_k/dx = P_k (g_k - sum_j P_j g_j) with g_j = d eta_j / dx; see
        :func:`mnlogit.margins.marginal_effects`.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.marginal_effects()["dydx"].round(3)
        variable  outcome
        parking   bus        0.025
                  car       -0.058
                  train      0.019
                  walk       0.014
        Name: dydx, dtype: float64
        """
        with self._limits():
            return margins.marginal_effects(self, at=at, variables=variables, alpha=alpha)

    def margins(
        self,
        at: dict | None = None,
        over: str | list[str] | None = None,
        kind: str = "prob",
        average: str = "rows",
        alpha: float = 0.05,
        variables: str | list[str] | None = None,
    ) -> Margins:
        """Predicted probabilities or effects at chosen values, with delta-method SEs.

        At chosen values, over factor levels, averaged over the rows or a reference grid.

        Parameters
        ----------
        at : dict, optional
            Raw variable -> value or list of values; every combination is a margin.
        over : str or list of str, optional
            Factor(s) whose every level is a margin (Stata's ``margins region``).
        kind : {"prob", "effect"}
            Probabilities of every outcome, or marginal effects of ``variables``.
        average : {"rows", "grid"}
            Other variables as observed, predictions averaged over the rows (Stata), or a
            reference grid: numeric variables at their means, factor levels equally weighted
            (emmeans).
        alpha : float
            Error rate of the Wald intervals.
        variables : str or list of str, optional
            For ``kind="effect"``: whose effects (default: all but the factors set).

        Returns
        -------
        Margins
            ``to_frame()``, ``contrast()``, ``plot()``; see :func:`mnlogit.margins.margins`.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> res = mnlogit.fit("mode ~ np.log(distance) + region", df, ref="car")
        >>> res.margins(at={"distance": [2, 10]}).to_frame().shape
        (8, 8)
        """
        with self._limits():
            return margins.margins(
                self,
                at=at,
                over=over,
                kind=kind,
                average=average,
                alpha=alpha,
                variables=variables,
            )

    def prediction_intervals(self, newdata: Any = None, alpha: float = 0.05) -> pd.DataFrame:
        """Predicted probabilities with delta-method standard errors and confidence intervals.

        Parameters
        ----------
        newdata : DataFrame or array-like, optional
            As for :meth:`predict`; default: the rows the model was fitted on.
        alpha : float
            Error rate of the intervals, in (0, 0.5].

        Returns
        -------
        DataFrame
            Indexed by (row, outcome); columns ``prob``, ``std_error``, ``lower``, ``upper``.

        Notes
        -----
        se(P_ik) = sqrt(g' V g) with g = dP_ik/dB; the interval is taken on the logit scale and
        transformed back, so it stays inside [0, 1].

        Examples
        --------
        >>> import pandas as pd
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.prediction_intervals(pd.DataFrame({"parking": [0.0]})).round(2)
                     prob  std_error  lower  upper
        row outcome
        0   bus      0.17       0.01   0.15   0.18
            car      0.58       0.01   0.56   0.60
            train    0.08       0.01   0.07   0.09
            walk     0.17       0.01   0.16   0.19
        """
        with self._limits():
            return margins.prediction_intervals(self, newdata=newdata, alpha=alpha)

    def iia_test(
        self,
        omit: Any,
        method: str = "hausman",
        *,
        include_intercepts: bool = True,
        inverse: str = "pinv",
        df: str = "rank",
        seed: Any = None,
    ) -> IIATestResult:
        """Test of Independence of Irrelevant Alternatives with ``omit`` left out.

        Parameters
        ----------
        omit : level
            The outcome to leave out; omitting the reference refits both models against the
            largest remaining level (the note says so), as Stata's ``mlogtest`` does.
        method : {"hausman", "suest", "small-hsiao"}
            Hausman–McFadden with model-based covariances (needs ``cov_type="nonrobust"``);
            a Wald test with the jointly estimated (suest) sandwich covariance; or the
            Small–Hsiao likelihood-ratio test on random halves.
        include_intercepts : bool
            Compare the intercepts too (Stata/SPost default). Hausman and suest only.
        inverse : {"pinv", "solve"}
            Moore–Penrose inverse with Stata's rank tolerance, or a linear solve
            (``mlogit::hmftest``). Hausman and suest only.
        df : {"rank", "k"}
            Degrees of freedom: the rank of the inverted matrix (Stata) or the number of
            compared coefficients (``mlogit::hmftest``). Hausman and suest only.
        seed : int, numpy Generator or None
            The random split of Small–Hsiao (only); a fixed seed reproduces the test.

        Returns
        -------
        IIATestResult
            The statistic, df, p-value (NaN when the statistic is negative), the restricted
            fit and notes.

        Raises
        ------
        mnlogit.exceptions.OptionError
            An option outside its values, an option the method does not use, a Firth fit, or
            ``method="hausman"`` with a robust covariance.
        mnlogit.exceptions.MNLogitError
            ``omit`` is not a level, or the outcome has fewer than three levels.

        Notes
        -----
        Hausman–McFadden: H = d' V^+ d with d = b_restricted - b_full over the common
        coefficients and V = V_restricted - V_full; see :func:`mnlogit.iia.iia_test` for
        suest and Small–Hsiao.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> test = res.iia_test("walk")
        >>> test.method, test.df
        ('Hausman-McFadden test of IIA', 4.0)
        >>> res.iia_test("walk", method="small-hsiao", seed=1).df
        4.0
        """
        with self._limits():
            return iia.iia_test(
                self,
                omit,
                method=method,
                include_intercepts=include_intercepts,
                inverse=inverse,
                df=df,
                seed=seed,
            )

    def iia_table(
        self,
        method: str = "hausman",
        *,
        include_intercepts: bool = True,
        inverse: str = "pinv",
        df: str = "rank",
        seed: Any = None,
    ) -> pd.DataFrame:
        """:meth:`iia_test` for every outcome level in turn, as Stata's ``mlogtest, iia``.

        Parameters
        ----------
        method : {"hausman", "suest", "small-hsiao"}
            As for :meth:`iia_test`.
        include_intercepts : bool
            As for :meth:`iia_test`.
        inverse : {"pinv", "solve"}
            As for :meth:`iia_test`.
        df : {"rank", "k"}
            As for :meth:`iia_test`.
        seed : int, numpy Generator or None
            As for :meth:`iia_test` (Small–Hsiao only).

        Returns
        -------
        DataFrame
            Indexed by the omitted level; columns ``statistic``, ``df``, ``pvalue``,
            ``positive_definite`` and ``note``.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.iia_table(method="suest").columns.tolist()
        ['statistic', 'df', 'pvalue', 'positive_definite', 'note']
        """
        with self._limits():
            return iia.iia_table(
                self,
                method=method,
                include_intercepts=include_intercepts,
                inverse=inverse,
                df=df,
                seed=seed,
            )

    # --- figures (optional matplotlib) ----------------------------------------------------------
    def plot_probabilities(
        self, x: str, at: dict[str, Any] | None = None, **kwargs: Any
    ) -> Figure | SubFigure:
        """Predicted-probability curves over ``x`` with confidence bands.

        Parameters
        ----------
        x : str
            A raw predictor column; a numeric one is varied over its range, a factor over its
            levels.
        at : dict, optional
            Values at which to hold other predictors (the rest at their means or modes).
        **kwargs
            ``data``, ``alpha``, ``n_points``, ``xscale`` (``"linear"`` or ``"log"``), ``ax``,
            ``figsize``: see :func:`mnlogit.report.plotting.plot_probabilities`.

        Returns
        -------
        matplotlib.figure.Figure
            Needs matplotlib (``pip install "mnlogit[plot]"``).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> fig = res.plot_probabilities("parking", n_points=20)
        >>> fig.axes[0].get_xlabel()
        'parking'
        """
        return plotting.plot_probabilities(self, x, at=at, **kwargs)

    def plot_odds_ratios(self, **kwargs: Any) -> Figure | SubFigure:
        """Forest plot of relative-risk ratios on a log scale.

        Parameters
        ----------
        **kwargs
            ``alpha``, ``intercept`` (bool), ``terms`` (list of design columns), ``ax``,
            ``figsize``: see :func:`mnlogit.report.plotting.plot_odds_ratios`.

        Returns
        -------
        matplotlib.figure.Figure
            Needs matplotlib (``pip install "mnlogit[plot]"``).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.plot_odds_ratios(alpha=0.1).axes[0].get_xscale()
        'log'
        """
        return plotting.plot_odds_ratios(self, **kwargs)

    def plot_decision_regions(self, x: str, y: str, **kwargs: Any) -> Figure | SubFigure:
        """Most probable outcome over a grid of two numeric predictors.

        Parameters
        ----------
        x, y : str
            Raw numeric predictor columns for the horizontal and vertical axes.
        **kwargs
            ``at``, ``data``, ``n_points``, ``xscale``, ``yscale``, ``show_data``, ``ax``,
            ``figsize``: see :func:`mnlogit.report.plotting.plot_decision_regions`.

        Returns
        -------
        matplotlib.figure.Figure
            Needs matplotlib (``pip install "mnlogit[plot]"``).

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> res = mnlogit.fit("mode ~ distance + parking", df, ref="car")
        >>> ax = res.plot_decision_regions("distance", "parking", n_points=20).axes[0]
        >>> ax.get_title()
        'Most probable outcome'
        """
        return plotting.plot_decision_regions(self, x, y, **kwargs)


def _symmetric(A: np.ndarray) -> np.ndarray:
    return (A + A.T) / 2


def _re_expressed(
    core: FitResult, M: np.ndarray, M_inv: np.ndarray, p: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """The information and covariance of ``core`` for the coefficients B M (see with_ref).

    With T = M' (x) I_p, T V T' is, block by block of equations, sum_ij M_ik M_jl V_ij: two
    products with the q x q matrix M on the (q, p, q, p) view of V, 2 q (pq)^2 flops where
    the Kronecker matrices take 2 (pq)^3 (and (pq)^2 memory each)."""

    def transform(A: np.ndarray, L: np.ndarray) -> np.ndarray:  # (L' (x) I) A (L (x) I)
        q = L.shape[0]
        A4 = A.reshape(q, p, q, p)
        out = np.tensordot(L, A4, axes=(0, 0))  # (q, p, q, p): equations of the rows
        out = np.tensordot(out, L, axes=(2, 0))  # (q, p, p, q): then of the columns
        return _symmetric(out.transpose(0, 1, 3, 2).reshape(q * p, q * p))

    cov = None if core.cov is None else transform(core.cov, M)
    return transform(core.info, M_inv.T), cov


def _check_separation(data: ModelData) -> Separation | None:
    if not data.in_memory:  # rows in partitions: no exact check
        return None
    return detect(data)


def warn_if_unconverged(res: MNLogitResults, max_iter: int) -> None:
    """Warn, once, when a fit did not converge: with the separation the exact check found, or
    what stopped the fit. Separation is blamed only when the check found it (or could not run,
    on data that are not in memory)."""
    if res.converged:
        return
    if res.separation is not None:
        warn_separation(res.separation)
        return
    checked = res._data.in_memory and not res.solver.penalized
    if res.diverged and not checked:
        warn(
            "the fit diverged: coefficients are running off to infinity, so the "
            "maximum-likelihood estimate may not exist (separation, which can only be checked "
            "exactly on in-memory data); estimates and standard errors are not meaningful. "
            "Try method='firth' on the data or a sample of it in memory.",
            ConvergenceWarning,
        )
        return
    if res.diverged:
        warn(
            "the fit stopped: the information matrix became numerically singular or the steps "
            "stopped shrinking, although the exact check finds no separation (finite "
            "estimates exist). Check for nearly collinear columns; the estimates and standard "
            "errors are not final.",
            ConvergenceWarning,
        )
        return
    cause = " (the exact check finds no separation)" if checked else ""
    warn(
        f"the fit did not converge in {res.n_iter} iterations{cause}; increase max_iter "
        f"(currently {max_iter})",
        ConvergenceWarning,
    )
