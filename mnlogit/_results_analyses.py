"""Tests, margins, IIA tests and figures of MNLogitResults, each delegated to its module."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from . import _anova, _comparable, _penalised_notes, _wald, iia, inference, margins
from ._misplaced_newdata import refuse_rate_as_newdata
from ._other_options import answering_other_options
from ._restrictions import Constraints
from ._results_base import explained
from ._results_reference import ReferenceMixin
from ._test_result import TestResult
from ._unsupported import explain_nan_rows
from .exceptions import InputTypeError, called_by_user
from .iia import IIATestResult
from .margins import Margins
from .report import plotting

if TYPE_CHECKING:  # annotations only: matplotlib is optional
    from matplotlib.figure import Figure, SubFigure

__all__ = ["AnalysesMixin"]


class AnalysesMixin(ReferenceMixin):
    """Tests, margins, IIA tests and figures."""

    # --- tests (delegated) -----------------------------------------------------------------------
    @answering_other_options
    def lr_test(self, other: Any = None) -> TestResult:
        """Likelihood-ratio test against the intercept-only model, or against another fit.

        Given ``other``, a fit that nests this one or that this one nests, the test is that
        of the two nested models.

        Parameters
        ----------
        other : MNLogitResults, optional
            A fit of the same rows with fewer or more columns: the test is then
            :func:`mnlogit.lr_test` of the two (either may be the smaller, as for R's
            ``lmtest::lrtest`` and Stata's ``lrtest``).

        Returns
        -------
        TestResult
            ``statistic`` = 2 (llf - llnull) with ``df`` = ``df_model``; given ``other``,
            2 (l_larger - l_smaller) on (K - 1) times the difference in columns (for survey
            fits Rao and Scott's working likelihood-ratio test: see :func:`mnlogit.lr_test`).

        Raises
        ------
        mnlogit.exceptions.ModelComparisonError
            Beside robust or cluster covariances, beside which a likelihood-ratio test is not
            valid (use :meth:`wald_test_slopes` or :meth:`wald_test`); given ``other``, for
            fits that :func:`mnlogit.lr_test` cannot compare (other rows, weights or outcome,
            designs not nested).

        Notes
        -----
        For a Firth fit the penalised log-likelihoods l(B) + log det I(B) / 2 are compared,
        the intercept-only model fitted under the full model's penalty (the full design's
        information), as logistf does; its penalised log-likelihood is ``details["null"]``.
        The statistic does not depend on the units of any column. Statistic and p-value are
        NaN, with a note, when a slope diverges under separation.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> test = res.lr_test()
        >>> test.df, round(test.statistic, 1)
        (3.0, 313.1)
        """
        with self._limits():
            if other is None:
                return inference.lr_test_null(self._results)
            if not isinstance(other, AnalysesMixin):  # full.lr_test(small) was refused by Python
                raise InputTypeError(
                    "res.lr_test(other): other is a fit (MNLogitResults) that nests this one or "
                    f"that it nests; got {type(other).__name__}{_comparable.not_a_fit_hint(other)}"
                )
            # the smaller first: the note of mnlogit.lr_test would say it was given second
            fits = (other, self) if other._data.p <= self._data.p else (self, other)
            return inference.lr_test(*(f._results for f in fits))

    @answering_other_options
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
        with self._limits():
            return _wald.wald_test_slopes(self._results)

    @answering_other_options
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
            ``attrs["test"]`` is ``"LR"`` or ``"Wald"``; a survey fit's Wald tests add ``F``
            and ``df_denom`` (Stata's adjusted Wald F, as :meth:`wald_test`), and
            ``pvalue`` is the F test's. NaN where the fit cannot support a term's test, as
            beside separation (``attrs["note"]`` and an ``InferenceWarning`` say why).

        Raises
        ------
        mnlogit.exceptions.DataError
            The model has no term besides the intercept.
        mnlogit.exceptions.ModelComparisonError
            For L2-penalised fits.

        Notes
        -----
        Each restricted model is refitted with the fit's method; chi2 = 2 (l_full -
        l_restricted), df = (K - 1) times the term's columns. Firth fits compare penalised
        log-likelihoods, each restricted model fitted under the penalty of the larger model
        it is compared with (logistf's ``drop1``), so no statistic depends on the units of a
        column.

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
        if isinstance(type, AnalysesMixin):
            raise _two_fits_to_anova(self._results)
        with self._limits():
            table, why = _anova.anova_table(self._results, type=type)
        if called_by_user():  # a table printed keeps none of its note
            explain_nan_rows("anova()", table, why)
        return table

    @answering_other_options
    def wald_test(self, constraints: Constraints) -> TestResult:
        """Joint Wald test of terms (every equation) or of linear restrictions.

        Parameters
        ----------
        constraints : str, list of str, or (R, q)
            * a term name (``"age"``, ``"x1:group"``): every coefficient of the term is zero
              in every equation; a design-column name does the same for that column. A term
              may be spelled as in the formula (``"group:x1"``, ``"poly(x,2)"``);
            * a list (or Index, array) of terms and/or restriction strings: all jointly;
            * a restriction string such as ``"bus:parking = train:parking"`` or
              ``"2*bus:x1 - train:x1 = 0"``: each coefficient is ``outcome:column``, either
              part in backticks when it is not a plain name (```-x`:age``, a backtick in it
              doubled: ```a``b`:age``); several restrictions separated by commas; a side
              without ``=`` is set to 0. Where an outcome is named as a column, a text that
              reads both as a term and as a coefficient (``"x:z = 0"``, outcome ``x``, term
              ``x:z``) is refused: the term alone (``"x:z"``) names the term, the outcome
              in backticks (``"`x`:z = 0"``) the coefficient;
            * ``(R, q)``: R is (r, p (K - 1)) over the parameters in the order of
              :meth:`cov_params`, q a scalar or length-r vector. A DataFrame R (a Series for
              one restriction) is read by its labels, those of :meth:`cov_params`, in any
              order; a Series q by R's row labels.

        Returns
        -------
        TestResult
            W = (R b - q)' (R V R')^-1 (R b - q) with df = r, V the fit's covariance; for a
            survey fit, Stata's adjusted Wald F = (d - r + 1) / (d r) W on (r, d - r + 1)
            degrees of freedom, d the design degrees of freedom, with W in
            ``details["chi2"]`` (R's ``survey::regTermTest(method = "Wald")`` reports W / r
            on (r, df.residual) instead, df.residual being R's ``degf()`` less the
            coefficients plus one).

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
        with self._limits():
            return _wald.wald_test(self._results, constraints)

    def _penalised_wald_note(self) -> str:
        """What the summary says of a Firth fit's coefficients that are finite only through
        the penalty (:func:`mnlogit._penalised_notes.penalised_wald_note`)."""
        return _penalised_notes.penalised_wald_note(self._results)

    @explained
    @answering_other_options
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
            ``"mean"``: at the mean of every design column, dummies and interactions
            included (Stata's ``atmeans``, which builds interactions from the means of their
            parts instead); ``"typical"``: at the means of the numeric variables and the modes
            of the factors. ``attrs["evaluated_at"]`` of the table records where.
        variables : str or list of str, optional
            Raw variables of the formula (default: all but those without a derivative at
            some rows, said in a note and a warning); from arrays, design columns.
        alpha : float
            Error rate of the intervals, in (0, 0.5].

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
            return margins.marginal_effects(self._results, at=at, variables=variables, alpha=alpha)

    @explained
    @answering_other_options
    def margins(
        self,
        at: dict | None = None,
        over: str | list[str] | None = None,
        kind: str = "prob",
        average: str = "rows",
        alpha: float = 0.05,
        variables: str | list[str] | None = None,
        vce: str = "delta",
    ) -> Margins:
        """Predicted probabilities or effects at chosen values and levels, with standard errors.

        Parameters
        ----------
        at : dict, optional
            Raw variable -> value or list of values; every combination is a margin.
        over : str or list of str, optional
            Factor(s) whose every level is a margin, set in every row (Stata's ``margins
            region``; not its ``over()``, a weighted average of each level's own rows).
        kind : {"prob", "effect"}
            Probabilities of every outcome, or marginal effects of ``variables``.
        average : {"rows", "grid"}
            Other variables as observed, predictions averaged over the rows (Stata), or a
            reference grid: numeric variables at their means, factor levels equally weighted
            (emmeans).
        alpha : float
            Error rate of the Wald intervals, in (0, 0.5].
        variables : str or list of str, optional
            For ``kind="effect"``: whose effects (default: all but the factors set and
            those without a derivative at some rows, said in a note and a warning).
        vce : {"delta", "unconditional"}
            Covariates held fixed, or counted as sampled (Stata's ``vce(unconditional)``).

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
                self._results,
                at=at,
                over=over,
                kind=kind,
                average=average,
                alpha=alpha,
                variables=variables,
                vce=vce,
            )

    @explained
    @answering_other_options
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
            Indexed by (row, outcome) (a MultiIndex of ``newdata`` gives its levels in place
            of ``row``); columns ``prob``, ``std_error``, ``lower``, ``upper``.
            Under separation, rows that read a diverging coefficient keep the probability
            where the fit stopped, with NaN standard error and interval (and new rows a
            ``SeparationWarning``, as :meth:`predict` gives).

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
        refuse_rate_as_newdata(newdata)
        with self._limits():
            return margins.prediction_intervals(self._results, newdata=newdata, alpha=alpha)

    @answering_other_options
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
            most frequent remaining level (by weighted count, a tie to the first in level
            order; the note says which), as Stata's ``mlogtest`` does.
        method : {"hausman", "suest", "small-hsiao"}
            Hausman–McFadden with model-based covariances (needs ``cov_type="nonrobust"``);
            a Wald test with the jointly estimated (suest) sandwich covariance; or the
            Small–Hsiao likelihood-ratio test on random halves (refused beside a robust or
            cluster covariance, as likelihood-ratio tests are).
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
            The statistic, df, p-value (NaN when the statistic is negative, and an
            ``InferenceWarning`` says why), the restricted fit and notes.

        Raises
        ------
        mnlogit.exceptions.OptionError
            An option outside its values, an option the method does not use, a Firth fit, or
            ``method="hausman"`` or ``"small-hsiao"`` with a robust or cluster covariance.
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
            return iia.tested(
                self._results,
                called_by_user(),
                omit,
                method=method,
                include_intercepts=include_intercepts,
                inverse=inverse,
                df=df,
                seed=seed,
            )

    @answering_other_options
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
        include_intercepts, inverse, df
            As for :meth:`iia_test`.
        seed : int, numpy Generator or None
            As for :meth:`iia_test` (Small–Hsiao only): one split for every level (without a
            seed, the notes give the one drawn).

        Returns
        -------
        DataFrame
            Indexed by the omitted level; columns ``statistic``, ``df``, ``pvalue``,
            ``positive_definite`` and ``note``. An ``InferenceWarning`` names the rows of NaN
            cells (a negative Hausman chi2's p-value) and why.

        Examples
        --------
        >>> import mnlogit
        >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
        >>> res.iia_table(method="suest").columns.tolist()
        ['statistic', 'df', 'pvalue', 'positive_definite', 'note']
        """
        with self._limits():
            return iia.tabled(
                self._results,
                called_by_user(),  # a table printed truncates its note column
                method=method,
                include_intercepts=include_intercepts,
                inverse=inverse,
                df=df,
                seed=seed,
            )

    # --- figures (optional matplotlib) ----------------------------------------------------------
    @answering_other_options
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
        return plotting.plot_probabilities(self._results, x, at=at, **kwargs)

    @answering_other_options
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
        return plotting.plot_odds_ratios(self._results, **kwargs)

    @answering_other_options
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
        return plotting.plot_decision_regions(self._results, x, y, **kwargs)


def _two_fits_to_anova(res: Any) -> InputTypeError:
    """R's ``anova(small, large)`` written as ``small.anova(large)``: the fit landed in
    ``type=`` and was refused as a bad type name, without a word of what compares two fits
    (a survey fit's comparison is a Wald test, as likelihood-ratio tests are not valid)."""
    how = (
        "mnlogit.lr_test(small, large)"
        if res.covariance.lr_valid
        else "large.wald_test([the terms it adds])"
        + (", the design-based adjusted Wald F" if res.covariance.needs_design else "")
        + " (likelihood-ratio tests are not valid beside this fit's covariance)"
    )
    return InputTypeError(
        "res.anova(type=...) tests each term of this one fit, as car::Anova does; got another "
        f"fit (MNLogitResults) for type. To compare two nested fits, as R's anova(small, "
        f"large), use {how}"
    )
