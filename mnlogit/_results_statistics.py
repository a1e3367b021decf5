"""Fit statistics of MNLogitResults: log-likelihoods, counts, degrees of freedom and the
information criteria, each NaN (with the reason) where the fit cannot support it."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ._null import NULL_INTERCEPT_ONLY, NULL_ZERO, null_loglik
from ._once import cached_property
from ._results_base import ResultsBase, explained, explained_copy
from ._test_result import lr_statistic
from .exceptions import InferenceWarning, called_by_user, warn

__all__ = ["FitStatisticsMixin"]


class FitStatisticsMixin(ResultsBase):
    """The fit statistics."""

    # --- fit statistics ---------------------------------------------------------------------
    @property
    def llf(self) -> float:
        """Log-likelihood at the estimates (unpenalised, also for Firth fits).

        For a survey fit, the sampling-weighted log pseudo-likelihood (Stata's "log
        pseudolikelihood"): not a likelihood of the sample, so no LR test, AIC or BIC.
        For a maximum-likelihood fit stopped by separation (:attr:`separation`), the value
        where it stopped, short of the supremum the log-likelihood rises to along the
        diverging coefficients (and so are ``deviance``, ``aic``, ``bic`` and ``pseudo_r2``,
        marked in the summary; reading the last three warns, with the supremum);
        likelihood-ratio tests compare the values the fits approach.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(res.llf, 2)
        -3675.89
        """
        return self._as_given(self._core.loglik, "llf")

    def _as_given(self, value: float, name: str, given: float | None = None) -> float:
        """``value``, a log-likelihood of the weights the fit ran on, for the weights as
        given (``given``, when computed otherwise than times their scale); NaN, said when
        the user's code reads it, where that is past the float range: sampling weights
        summing to 1e308 gave llf -inf and deviance inf, unexplained."""
        given = value * self._weight_scale if given is None else given
        if np.isfinite(given) or not np.isfinite(value):
            return given
        if called_by_user(2):
            total = self._data.sum_weights * self._weight_scale
            warn(
                f"{name} is NaN: for these sampling weights (summing to {total:.3g}) it lies "
                "past the float range; divide the weights by a constant to read it (the "
                "estimates and standard errors do not change)",
                InferenceWarning,
            )
        return float("nan")

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
            return self._as_given(penalized, "penalized_llf")
        # l(B) scales with the weights; log det I(B) / 2 moves by pq log(c) / 2
        loglik = self._core.loglik
        given = c * loglik + (penalized - loglik) + 0.5 * self.n_params * np.log(c)
        return self._as_given(penalized, "penalized_llf", given)

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
        zero, each outcome level 1/K, the only null nested in such a model. An L2-penalised
        fit's null is intercept-only only with an intercept the penalty leaves out: with
        every column penalised (``y ~ 0 + g``, the classifier with ``fit_intercept=False``)
        only the zero null is free of the penalty, as glmnet's null with ``intercept=FALSE``.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> mnlogit.fit("mode ~ parking", df, ref="car").null_model
        'intercept-only'
        >>> mnlogit.fit("mode ~ 0 + parking", df, ref="car").null_model
        'zero'
        """
        return NULL_INTERCEPT_ONLY if self._null_has_constant else NULL_ZERO

    @property
    def _null_has_constant(self) -> bool:
        """Whether the null model is intercept-only: one nested in the fit's family at no
        cost. An L2 penalty on every column (dummies for every level without an intercept)
        charges the intercept-only model for its constant, so that the penalised fit's
        log-likelihood fell below it: a McFadden R2 of -0.53 and a Nagelkerke R2 of -1.1."""
        data = self._data
        if self.solver.penalty is None:
            return data.spans_constant
        return data.intercept is not None and data.unpenalised_intercept

    @property
    def _null_zero_because(self) -> str:
        """Why the null model is every coefficient zero, as the notes say it."""
        if self._data.spans_constant:
            return "a fit whose L2 penalty is on every column, the constant's too"
        return "a design without an intercept"

    @property
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
        return self._as_given(self._llnull_fitted, "llnull")

    @cached_property
    def _llnull_fitted(self) -> float:
        """:attr:`llnull` of the weights the fit ran on."""
        counts = self._data.outcome_counts()
        if self._null_has_constant:
            return null_loglik(counts)
        return -float(counts.sum()) * float(np.log(len(counts)))

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
        return self._as_given(-2.0 * self._core.loglik, "deviance")

    @property
    def nobs(self) -> float:
        """Rows used, or the sum of the frequency weights.

        Probability weights do not count rows: see ``design.population`` for the population
        size they estimate. Rows of sampling weight 0 are not counted (they are rows outside
        the domain fitted, as those outside ``subpop=``).

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
        if data.weighted:
            # a row of sampling weight 0 stays in the design (its PSU counts) but is outside
            # the domain fitted, as a row outside subpop= is: not counted, as R's nobs()
            # after svyglm does not count it (it counted 120 rows where subpop= gave 106)
            return float(data.positive_counts().sum())
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

        (K - 1)(p - 1) when the null model is intercept-only, (K - 1) p otherwise.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.df_model
        3
        """
        return self._data.q * (self._data.p - int(self._null_has_constant))

    @property
    @explained
    def df_resid(self) -> float:
        """Residual degrees of freedom: nobs minus the coefficients (survey fits: design df).

        A survey fit's is its :attr:`df_design`, as Stata's ``e(df_r)`` after ``svy``: its t
        statistics, intervals and F tests refer to the design df, and its rows less its
        coefficients (183 - 8 = 175 for 15 sampled districts, which have 14) would give t
        quantiles of another distribution.

        NaN, with an :class:`~mnlogit.exceptions.InferenceWarning` saying why, when the model
        has more coefficients than observations (5 rows, 6 coefficients): a negative count
        (statsmodels' -1) is no number of degrees of freedom. No other output of the fit
        reads it: its tests are chi2 (or, for survey fits, on the design df).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.df_resid
        3046.0
        """
        df = self.df_design
        if df is not None:
            return df
        return self.nobs - self.n_params if self.nobs >= self.n_params else float("nan")

    @property
    def _criteria_valid(self) -> bool:
        # a likelihood of the sample, whose parameters are all free (not penalised)
        return self.covariance.likelihood_valid and self.solver.inference

    @property
    @explained
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
    @explained
    def bic(self) -> float:
        """Bayesian information criterion, -2 llf + log(nobs) p (K - 1).

        NaN for survey and L2-penalised fits (see :attr:`aic`).

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> round(res.bic, 2)
        7399.92
        """
        if not self._criteria_valid:
            return float("nan")
        # a float as every other statistic, not the numpy scalar np.log makes it
        return self.deviance + math.log(self.nobs) * self.n_params

    @explained_copy
    def pseudo_r2(self) -> pd.Series:
        """McFadden, Cox-Snell and Nagelkerke pseudo-R-squared.

        With l the log-likelihood, l0 that of the null model (:attr:`llnull`: intercept-only,
        or every coefficient zero in a design without the constant) and n = nobs:
        McFadden 1 - l / l0, Cox-Snell 1 - exp(2 (l0 - l) / n), Nagelkerke Cox-Snell divided by
        its maximum 1 - exp(2 l0 / n). NaN for survey fits (see :attr:`aic`). For Firth's fit
        l is the log-likelihood at its bias-reduced estimates, not the penalised one its
        likelihood-ratio tests compare: they shrink towards zero, so beside a predictor with
        no effect they can fit the sample slightly worse than the maximum-likelihood null
        does, and the pseudo-R2 are then slightly negative (McFadden -1e-5 beside a penalised
        LR statistic of 1e-5), which is what they measure.

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
        # the gain over the null as the LR test sees it: not negative by rounding alone, and
        # none for a fit without slopes, its own null model (its 1e-12 of rounding showed as
        # a McFadden R2 of 3.7e-16 beside the others in compare)
        gain = 0.0 if self.df_model == 0 else lr_statistic(self.llf, self.llnull) / 2.0
        cox_snell = -np.expm1(-2.0 * gain / n)
        # expm1: beside 1e12 of weight on one outcome the null's log-likelihood per unit of
        # weight is 2.5e-8, and 1 - exp of it kept 7 digits (Nagelkerke 2.7e-7 off)
        most = -np.expm1(2.0 * self.llnull / n)
        return pd.Series(
            {
                "mcfadden": gain / -self.llnull if self.llnull < 0 else float("nan"),
                "cox_snell": cox_snell,
                "nagelkerke": cox_snell / most,
            }
        )
