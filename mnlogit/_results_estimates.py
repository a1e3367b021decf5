"""Coefficients, standard errors, their covariance and intervals of MNLogitResults."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from contextlib import AbstractContextManager

import numpy as np
import pandas as pd

from ._blocksolve import solve_information
from ._checks import critical_value, two_sided_pvalues
from ._in_memory_data import InMemoryData
from ._linalg import flat, unflat
from ._memory import information_fits
from ._methods import on_basis
from ._once import cached_property
from ._other_options import answering_other_options
from ._owned import VANISHING, without_owned
from ._parallel import default_threads, thread_limit
from ._progress import Progress
from ._restrictions import coefficient_positions
from ._results_base import cached_copy, explained, explained_copy
from ._results_statistics import FitStatisticsMixin
from ._unsupported import as_tidy, explain
from ._wald import untestable
from .exceptions import called_by_user
from .separation import diverging_cells, exact_check_runs

__all__ = ["EstimatesMixin"]


class EstimatesMixin(FitStatisticsMixin):
    """Estimates, their covariance and intervals."""

    # --- estimates --------------------------------------------------------------------------
    @cached_copy
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
        with np.errstate(over="ignore"):  # see cov_params: inf past the float range
            return V / S[:, None] / S[None, :]

    @cached_property
    def _scaled_cov(self) -> tuple[np.ndarray, np.ndarray]:
        """The covariance of S * flat(B), the coefficients of the equilibrated columns the fit
        ran on, and S (ones when it ran on the columns as given): standard errors and Wald
        tests of a column in extreme units come from it without overflow or underflow."""
        V, S, _ = self._sandwich_and_bread
        return self._unowned(V), S

    @cached_property
    def _delta_coordinates(self) -> tuple[np.ndarray, np.ndarray | None]:
        """The covariance that the delta method's J V J' takes, and the matrix that maps a
        Jacobian J with respect to S * flat(B) (see :attr:`_scaled_cov`) to its coordinates
        (J (I_q kron T); None: the same ones).

        A fit on an orthogonal basis of nearly dependent columns (S * B = T B_Q) gives the
        covariance of flat(B_Q) and T: the covariance of S * B has a condition number
        of about 1e10 beside y ~ year + I(year**2 - 4e6), and its entries, each rounded to a
        double, held the variance of a prediction at year 2005 (x = 1, 2005, 20025) only to
        6e-7 (relative), however J V J' was summed. In the basis the same quadratic form is
        well conditioned. Coefficients without a sampling variance (NaN in the sandwich)
        keep the covariance of S * B, which says which those are."""
        Vs, _ = self._scaled_cov
        basis = self._core.basis
        if basis is None or self._owned.any() or np.isnan(Vs).any():
            return Vs, None
        T, core = basis
        bread = core.scaled_cov[0]
        if bread is None:
            return Vs, None
        if self.covariance.efficient:  # the inverse information itself: no rows to read
            V = bread
        else:
            data = self._data if self._core.scale is None else self._data.equilibrated()[0]
            with self._limits():
                V = self.covariance.matrix(on_basis(data, T), core.B, bread)
        return V, T

    @cached_property
    def _sandwich_and_bread(self) -> tuple[np.ndarray, np.ndarray, np.ndarray | None]:
        """The fit's covariance of S * flat(B) before the cells without a sampling variance
        are set to NaN, S, and the inverse information it was computed from (None when
        there is none)."""
        # the information (computed here when the fit deferred it) and any sandwich keep to
        # the fit's threads=
        core = self._core
        # made only when returned: before the information's own memory check, a NaN matrix
        # of 99,000 coefficients took 73 GiB
        nan = functools.partial(np.full, (self.n_params, self.n_params), np.nan)
        if not self.solver.inference:  # a penalised fit: nothing to compute (see penalty)
            return nan(), np.ones(self.n_params), None
        with self._limits():
            cov, S = core.scaled_cov
            if cov is None:
                return nan(), S, None
            if core.scale is None:
                return self.covariance.matrix(self._data, core.B, cov), S, cov
            scaled, s = self._data.equilibrated()
            return self.covariance.matrix(scaled, core.B * s[:, None], cov), S, cov

    @cached_property
    def _owned(self) -> np.ndarray:
        """Cells (p, q) of coefficients without a sampling variance in a sandwich: those one
        PSU's or cluster's rows determine alone, and those of :attr:`_vanishing`."""
        return self._unit_owned | self._vanishing

    @cached_property
    def _unit_owned(self) -> np.ndarray:
        """Cells (p, q) of coefficients one PSU's or cluster's rows determine alone."""
        owned = self.covariance.owned(self._data)
        return np.repeat(owned[:, None], self._core.B.shape[1], axis=1)

    @cached_property
    def _vanishing(self) -> np.ndarray:
        """Cells (p, q) whose robust, cluster-robust or design-based variance is rounding:
        every cluster's (or PSU's) score total is zero along them, as when each holds the
        same rows, so the sandwich estimates no variance and z would be b over 1e-16."""
        core, data = self._core, self._data
        none = np.zeros(core.B.shape, dtype=bool)
        if self.covariance.efficient or (
            core.pending
            and isinstance(data, InMemoryData)
            and not information_fits(self.n_params, default_threads(data.n_rows))
        ):
            return none
        V, _, bread = self._sandwich_and_bread
        if bread is None:
            return none
        # a sampling variance 1e-24 times the model-based one is cancellation, not data
        var = np.diag(V)
        with np.errstate(invalid="ignore"):
            gone = var <= VANISHING**2 * np.diag(bread)
            if gone.any():
                ref, size = self._row_sandwich_variances(bread)
                # kept where the rows' own sandwich is no rounding itself (a coefficient
                # one row determines has none either) and the design's is not 1e-24 of it
                gone &= (ref <= VANISHING * size) | (var <= VANISHING**2 * ref)
        if self.covariance.needs_design and self.covariance.rank_bound(data) == 0:
            # a census's variance is exactly 0, and is the design's (no z statistics: see
            # untestable); PSU totals that cancel leave rounding, or 0 once centred (the
            # totals of one stratum all alike: R's variance 0, its t statistics infinite)
            gone &= var != 0
        # a diverging coefficient's is explained by the separation
        return unflat(gone, data.p) & ~self._diverging

    def _row_sandwich_variances(self, bread: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """diag(bread M bread), M = sum_i w_i^2 g_i g_i' the meat of rows as their own units:
        a sum of squares, which no cancellation of unit totals makes rounding, on the scale of
        the sandwich. The model-based variance is on the scale of 1 / w: where weights 1e25
        apart weigh the rows that determine different coefficients (probability weights of
        1e-25 on one outcome's rows), a sampling variance that the data determine was 1e-25
        times it and called rounding of 0 (NaN standard errors, the note blaming equal
        totals of PSUs). Also the size of the terms it sums, diag(|bread| |M| |bread|), by
        which a variance that is rounding of 0 shows."""
        core, data = self._core, self._data
        scaled, s = (data, np.ones(data.p)) if core.scale is None else data.equilibrated()
        with self._limits():
            M = scaled.row_meat(core.B * s[:, None])
        A, N = np.abs(bread), np.abs(M)
        return np.einsum("ij,jk,ki->i", bread, M, bread), np.einsum("ij,jk,ki->i", A, N, A)

    def _unowned(self, V: np.ndarray, idx: np.ndarray | None = None) -> np.ndarray:
        cells = flat(self._owned)
        return without_owned(V, cells if idx is None else cells[idx])

    def _limits(self) -> AbstractContextManager[None]:
        """The fit's ``threads=``, in force for the work done for these results.

        BLAS keeps its threads: holding it at one, a limit every thread of the process
        shares, would slow the inversion of a large information (1.7x at 4,000 parameters on
        two cores) and every other thread's products meanwhile. So a result read while a fit
        in another thread holds that limit may differ from the same read alone in its last
        digits (OpenBLAS sums in another order on one thread), never by more.
        """
        return thread_limit(self._core.threads)

    @cached_copy
    def diverging(self) -> pd.DataFrame:
        """Which coefficients diverge under separation: booleans shaped like ``params``.

        Their standard errors, z statistics, p-values, intervals and relative-risk ratios are
        NaN, and tests involving them give a NaN p-value: the fit stopped somewhere along a
        path to infinity, so those numbers describe where it stopped, not the data. The
        cells come from :attr:`separation` (every cell when a fit diverged where the exact
        check cannot run, as on a dask DataFrame). :meth:`cov_params` is NaN in their rows
        and columns.

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
        if self._diverging_unchecked:
            return np.ones(self._core.B.shape, dtype=bool)
        return diverging_cells(self.separation, self._data)

    @property
    def _diverging_unchecked(self) -> bool:
        """Whether the fit diverged where the exact check cannot run (rows in partitions, or
        its linear program too large for the memory available), with no separation found or
        with coefficients beyond what was found still running off (``FitResult.outran``):
        which coefficients diverge is not known, and every one is treated as diverging."""
        beyond = self.separation is None or self._core.outran
        return beyond and self.diverged and not exact_check_runs(self._data)

    @cached_property
    def _se(self) -> np.ndarray:
        """Standard errors, equation-major, NaN where coefficients diverge."""
        if not self.solver.inference:  # without the NaN matrix of every pair of coefficients
            return np.full(self.n_params, np.nan)
        V, S = self._scaled_cov
        # past the largest double in the user's units (a column of 1e-300 whose coefficient
        # a stopped fit left near 1e305): inf, as its variance is, without numpy's warning
        with np.errstate(invalid="ignore", over="ignore"):
            se = np.sqrt(np.diag(V)) / S
        se[flat(self._diverging)] = np.nan
        return se

    @explained_copy
    def bse(self) -> pd.DataFrame:
        """Standard errors, shaped like ``params``.

        Square roots of the diagonal of :meth:`cov_params`: model-based, robust,
        cluster-robust or design-based as the fit's ``cov_type``; NaN where
        :attr:`diverging`, and for an L2-penalised fit (see :attr:`penalty`), whose shrunken
        estimates they would not describe.

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

    @explained_copy
    def zvalues(self) -> pd.DataFrame:
        """Wald statistics b / se(b), shaped like ``params`` (t statistics for survey fits).

        NaN where :attr:`diverging`, and everywhere when the covariance has rank 0 (a census,
        whose standard errors are 0).

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
        z = self.params / self.bse
        # a covariance of rank 0 (a census) has no test: its zeros are no divisors
        return z * np.nan if untestable(self._results) else z

    @explained_copy
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
        """``M`` (p, q) labelled as ``params``; for the cached tables only, which share the
        labels (each is handed out as a copy, its labels a view of them)."""
        return pd.DataFrame(M, index=self._term_index, columns=self._equation_index)

    @cached_property
    def _term_index(self) -> pd.Index:
        # made once: an Index of text is an Arrow array, a quarter of a millisecond apiece
        return pd.Index(self._data.column_names, name="term")

    @cached_property
    def _equation_index(self) -> pd.Index:
        return pd.Index(self.equations, name="outcome")

    @cached_property
    def _long_labels(self) -> pd.MultiIndex:
        return pd.MultiIndex.from_product(
            [self.equations, self._data.column_names], names=["outcome", "term"]
        )

    @property
    def _long_index(self) -> pd.MultiIndex:
        # a copy for each table handed out: renaming one's levels in place
        # (ci.index.names = [...]) renamed those of every later table made with them
        return self._long_labels.copy()

    @explained
    @answering_other_options
    def cov_params(self, terms: str | Sequence[str] | None = None) -> pd.DataFrame:
        """Coefficient covariance; rows and columns (outcome, term), equation by equation.

        Parameters
        ----------
        terms : str or list of str, optional
            Only the coefficients of these terms (or design columns; a term as the formula
            spells it, or a list, Index or array of names), in every equation. A
            fit whose information matrix would not fit in memory gives this block from
            conjugate-gradient solves on passes over the rows, without the whole matrix.

        Returns
        -------
        DataFrame
            (p (K - 1), p (K - 1)), or the selected block: the model-based, robust,
            cluster-robust or design-based covariance as the fit's ``cov_type``; NaN
            throughout when the information matrix is singular and for an L2-penalised fit
            (with an ``InferenceWarning``, as :attr:`bse`), and in the rows and columns of
            the coefficients that diverge under separation (see :attr:`diverging`). An
            entry past the float range is inf: the variance of a column in units of 1e-200
            is about 1e+400 (its standard error, 1e+200, and every test are exact; they come
            from the units the fit ran on).

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
            idx = np.arange(self.n_params)
            V, index = self._cov, self._long_index
        else:
            idx = coefficient_positions(self._data, terms)
            V, index = self._cov_block(idx), self._long_index[idx]
        # a diverging coefficient's variances and covariances describe where the fit stopped
        # on its way to infinity, as its standard error would: NaN, as bse is
        gone = flat(self._diverging)[idx]
        if gone.any():
            V = V.copy()
            V[gone, :] = V[:, gone] = np.nan
        return pd.DataFrame(V, index=index, columns=index.copy())

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
            return self._unowned(self.covariance.block(data, core.B, solved, idx), idx)

    @explained
    @answering_other_options
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
        # a standard error within a factor z of the largest double gives an infinite bound,
        # as one past it is infinite (see cov_params), not numpy's overflow warning
        with np.errstate(over="ignore"):
            lower, upper = est - z * self._se, est + z * self._se
        return pd.DataFrame({"lower": lower, "upper": upper}, index=self._long_index)

    @answering_other_options
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
            :attr:`diverging`, and where exp(b) of a finite coefficient (or bound) passes the
            largest float (b > 709.8, with a warning saying so); 0 where it underflows.

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
        # exp(coef) past the largest double (coef > 709.8, a column in tiny units) is no
        # ratio the fit supports, infinite or certain: NaN, which the tables explain; below
        # the smallest (coef < -745) it is 0, also where the program raises on underflow
        # (np.seterr(all="raise")), which ended the summary of such a fit in a traceback
        with np.errstate(over="ignore", under="ignore"):
            ratios = {
                name: np.where(np.exp(v) < np.inf, np.exp(v), np.nan)
                for name, v in (("odds_ratio", est), ("lower", ci["lower"]), ("upper", ci["upper"]))
            }
        table = pd.DataFrame(ratios, index=self._long_index)
        if called_by_user():
            explain(self, "odds_ratios", as_tidy(table, ci, est, flat(self._diverging)))
        return table
