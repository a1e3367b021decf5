"""MNLogitResults: an immutable fitted model with labelled, cached inference."""

from __future__ import annotations

import functools
import os
from contextlib import AbstractContextManager
from dataclasses import replace
from functools import cached_property
from typing import IO, TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from . import iia, inference, margins
from ._checks import check_option, critical_value, lookup_option, two_sided_pvalues
from ._data import ModelData
from ._fisher import null_loglik, probabilities
from ._levels import same_level
from ._linalg import flat, unflat
from ._parallel import thread_limit
from ._restrictions import Constraints
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
from .report import plotting
from .report.summary import Summary, frame_to_latex
from .separation import Separation, detect, warn_separation

if TYPE_CHECKING:  # matplotlib is optional: its types are for annotations only
    from matplotlib.figure import Figure, SubFigure

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
    method : {"newton", "firth"}
        How the coefficients were estimated (see :data:`mnlogit._solvers.METHODS`).
    separation : Separation, optional
        What the separation check found; checked here when a maximum-likelihood fit diverged.

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
        method: str = "newton",
        separation: Separation | None = None,
    ) -> None:
        solver = lookup_option("method", method, METHODS)
        if separation is None and core.diverged and not solver.penalized:
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
        """The covariance type: ``"nonrobust"``, ``"robust"``, ``"cluster"`` or (survey data)
        ``"design"``."""
        return self.covariance.name

    @property
    def method(self) -> str:
        """How the coefficients were estimated: ``"newton"`` or ``"firth"``."""
        return self.solver.name

    @property
    def weight_type(self) -> str:
        """What the weights are: ``"frequency"`` or ``"probability"``."""
        return self._data.weight_type.name

    @property
    def design(self) -> Any:
        """The survey design's facts (strata, PSUs, population size), or None."""
        return self._data.design

    @property
    def df_design(self) -> float | None:
        """Design degrees of freedom (#PSU - #strata) of a survey fit, which its t statistics,
        intervals and adjusted Wald F tests use; None otherwise (normal and chi2)."""
        return self.covariance.df(self._data)

    # --- what the fit was -------------------------------------------------------------------
    @property
    def outcomes(self) -> tuple:
        """Every outcome level, in level order."""
        return self._data.levels

    @property
    def ref(self) -> Any:
        """The reference outcome."""
        return self._data.ref

    @property
    def equations(self) -> tuple:
        """Non-reference outcomes, one equation (column of ``params``) each."""
        return self._data.equations

    @property
    def formula(self) -> str | None:
        """The formula, or None for a model built from arrays."""
        return self._data.formula

    @property
    def converged(self) -> bool:
        """Whether both convergence criteria were met."""
        return self._core.converged

    @property
    def diverged(self) -> bool:
        """Whether the fit stopped because coefficients were running off (separation)."""
        return self._core.diverged

    @property
    def n_iter(self) -> int:
        """Number of Fisher-scoring iterations."""
        return self._core.n_iter

    @property
    def n_dropped(self) -> int:
        """Rows dropped for missing values."""
        return self._data.n_dropped

    # --- estimates --------------------------------------------------------------------------
    @cached_property
    def params(self) -> pd.DataFrame:
        """Coefficients: rows = design columns, columns = non-reference outcomes."""
        return self._frame(self._core.B)

    @cached_property
    def _cov(self) -> np.ndarray:
        # the information (computed here when the fit deferred it) and any sandwich keep to
        # the fit's threads=
        with self._limits():
            if self._core.cov is None:
                return np.full(self._core.info.shape, np.nan)
            return self.covariance.matrix(self._data, self._core.B, self._core.cov)

    def _limits(self) -> AbstractContextManager[None]:
        """The fit's ``threads=``, in force for the work done for these results."""
        return thread_limit(self._core.threads)

    @cached_property
    def bse(self) -> pd.DataFrame:
        """Standard errors, shaped like ``params``."""
        return self._frame(unflat(np.sqrt(np.diag(self._cov)), self._data.p))

    @cached_property
    def zvalues(self) -> pd.DataFrame:
        """Wald statistics b / se(b), shaped like ``params`` (t statistics for survey fits)."""
        return self.params / self.bse

    @cached_property
    def pvalues(self) -> pd.DataFrame:
        """Two-sided p-values of the Wald statistics: normal, or Student's t on the design
        degrees of freedom for survey fits (see :attr:`df_design`)."""
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

    def cov_params(self) -> pd.DataFrame:
        """Coefficient covariance; rows and columns (outcome, term), equation by equation."""
        return pd.DataFrame(self._cov, index=self._long_index, columns=self._long_index)

    def conf_int(self, alpha: float = 0.05) -> pd.DataFrame:
        """Wald confidence intervals: rows (outcome, term), columns ``lower`` and ``upper``
        (t-based on the design degrees of freedom for survey fits)."""
        z = critical_value(alpha, self.df_design)
        est = flat(self._core.B)
        se = np.sqrt(np.diag(self._cov))
        return pd.DataFrame({"lower": est - z * se, "upper": est + z * se}, index=self._long_index)

    def odds_ratios(self, alpha: float = 0.05) -> pd.DataFrame:
        """Relative-risk ratios exp(b) against the reference, with exp of the Wald interval."""
        ci = self.conf_int(alpha)
        return pd.DataFrame(
            {
                "odds_ratio": np.exp(flat(self._core.B)),
                "lower": np.exp(ci["lower"]),
                "upper": np.exp(ci["upper"]),
            },
            index=self._long_index,
        )

    # --- fit statistics ---------------------------------------------------------------------
    @property
    def llf(self) -> float:
        """Log-likelihood at the estimates (unpenalised, also for Firth fits)."""
        return self._core.loglik

    @property
    def penalized_llf(self) -> float | None:
        """Firth fits: the Jeffreys-penalised log-likelihood l(B) + log det I(B) / 2."""
        return self._core.penalized_loglik

    @cached_property
    def llnull(self) -> float:
        """Log-likelihood of the intercept-only model, sum_k n_k log(n_k / N)."""
        return null_loglik(self._data.outcome_counts())

    @property
    def deviance(self) -> float:
        """-2 llf."""
        return -2.0 * self.llf

    @property
    def nobs(self) -> float:
        """Rows used, or the sum of the frequency weights (probability weights do not count
        rows: see ``design.population`` for the population size they estimate)."""
        data = self._data
        if data.weighted and data.weight_type.counts_rows:
            return data.sum_weights
        return float(data.n_rows)

    @property
    def n_params(self) -> int:
        """Number of coefficients, p x (K - 1)."""
        return self._data.p * self._data.q

    @property
    def df_model(self) -> int:
        """Coefficients beyond the intercepts: (K - 1)(p - 1) with an intercept."""
        has_const = self._data.intercept is not None
        return self._data.q * (self._data.p - int(has_const))

    @property
    def df_resid(self) -> float:
        """nobs minus the number of coefficients."""
        return self.nobs - self.n_params

    @property
    def aic(self) -> float:
        """-2 llf + 2 p (K - 1); NaN for survey fits, whose weighted log-likelihood is not a
        likelihood of the sample (as Stata's ``estat ic`` after ``svy``)."""
        if not self.covariance.likelihood_valid:
            return float("nan")
        return self.deviance + 2 * self.n_params

    @property
    def bic(self) -> float:
        """-2 llf + log(nobs) p (K - 1); NaN for survey fits (see :attr:`aic`)."""
        if not self.covariance.likelihood_valid:
            return float("nan")
        return self.deviance + np.log(self.nobs) * self.n_params

    @cached_property
    def pseudo_r2(self) -> pd.Series:
        """McFadden, Cox-Snell and Nagelkerke pseudo-R-squared; NaN for survey fits (see
        :attr:`aic`)."""
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

        ``kind="prob"``: probabilities, one column per outcome level; ``"class"``: the most
        probable level; ``"link"``: log-odds against the reference, one column per equation.
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
        return pd.Series(
            np.asarray(self.outcomes, dtype=object)[P.argmax(axis=1)],
            index=index,
            name=self._data.outcome_name,
        )

    @property
    def _level_to_core(self) -> np.ndarray:
        return self._data.coding.level_to_core

    # --- tidy table and rendering -------------------------------------------------------------
    def to_frame(self, alpha: float = 0.05) -> pd.DataFrame:
        """Tidy long table, one row per (outcome, term): the single source of every rendering."""
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
            },
            index=self._long_index,
        )

    def summary(self, odds_ratios: bool = False, alpha: float = 0.05) -> Summary:
        """Text, HTML, LaTeX, Markdown and CSV renderings of the fit."""
        return Summary(self, odds_ratios=odds_ratios, alpha=alpha)

    def to_csv(self, path: str | os.PathLike[str] | IO[str], alpha: float = 0.05) -> None:
        """Write :meth:`to_frame` as CSV."""
        self.to_frame(alpha).to_csv(path)

    def to_latex(
        self,
        path: str | os.PathLike[str] | None = None,
        alpha: float = 0.05,
        odds_ratios: bool = False,
    ) -> str:
        """The coefficient table as a booktabs LaTeX table; written to ``path`` when given.

        Needs ``\\usepackage{booktabs}``; term and outcome names are escaped so it compiles.
        ``odds_ratios=True`` shows relative-risk ratios, as ``summary(odds_ratios=True)``.
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
        """Likelihood-ratio test of the model against the intercept-only model."""
        return inference.lr_test_null(self)

    def anova(self, type: str = "II") -> pd.DataFrame:
        """Per-term likelihood-ratio tests (each term dropped from every equation)."""
        with self._limits():
            return inference.anova(self, type=type)

    def wald_test(self, constraints: Constraints) -> TestResult:
        """Joint Wald test of terms (every equation) or of linear restrictions."""
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
        )
        return MNLogitResults(
            new_data,
            new_core,
            cov_type=self.cov_type,
            method=self.method,
            separation=self.separation,
        )

    def marginal_effects(
        self, at: str = "overall", variables: str | list[str] | None = None
    ) -> pd.DataFrame:
        """dP(y=k)/dx for every outcome, with delta-method standard errors."""
        with self._limits():
            return margins.marginal_effects(self, at=at, variables=variables)

    def prediction_intervals(self, newdata: Any = None, alpha: float = 0.05) -> pd.DataFrame:
        """Predicted probabilities with delta-method standard errors and confidence intervals."""
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
        """Test of Independence of Irrelevant Alternatives with ``omit`` left out."""
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
        """:meth:`iia_test` for every outcome level in turn, as Stata's ``mlogtest, iia``."""
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
        """Predicted-probability curves over ``x`` with confidence bands."""
        return plotting.plot_probabilities(self, x, at=at, **kwargs)

    def plot_odds_ratios(self, **kwargs: Any) -> Figure | SubFigure:
        """Forest plot of relative-risk ratios on a log scale."""
        return plotting.plot_odds_ratios(self, **kwargs)

    def plot_decision_regions(self, x: str, y: str, **kwargs: Any) -> Figure | SubFigure:
        """Most probable outcome over a grid of two predictors."""
        return plotting.plot_decision_regions(self, x, y, **kwargs)


def _symmetric(A: np.ndarray) -> np.ndarray:
    return (A + A.T) / 2


def _re_expressed(
    core: FitResult, M: np.ndarray, M_inv: np.ndarray, p: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """The information and covariance of ``core`` for the coefficients B M (see with_ref)."""
    T = np.kron(M.T, np.eye(p))
    T_inv = np.kron(M_inv.T, np.eye(p))
    cov = None if core.cov is None else _symmetric(T @ core.cov @ T.T)
    return _symmetric(T_inv.T @ core.info @ T_inv), cov


def _check_separation(data: ModelData) -> Separation | None:
    if not data.in_memory:  # rows in partitions: no exact check
        return None
    return detect(data)


def warn_if_unconverged(res: MNLogitResults, max_iter: int) -> None:
    """Warn, once, when a fit did not converge: with the separation found, the divergence, or
    the iteration limit to raise."""
    if res.converged:
        return
    if res.separation is not None:
        warn_separation(res.separation)
        return
    if res.diverged:
        warn(
            "the fit diverged: coefficients are running off to infinity, so the "
            "maximum-likelihood estimate may not exist (separation); estimates and standard "
            "errors are not meaningful. Try method='firth'.",
            ConvergenceWarning,
        )
        return
    warn(
        f"the fit did not converge in {res.n_iter} iterations; increase max_iter "
        f"(currently {max_iter}) or check the data for separation",
        ConvergenceWarning,
    )
