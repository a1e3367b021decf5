"""MNLogit: a model built from arrays or from a formula and a DataFrame, ready to fit.

Validation and labels live here; the numbers are computed by the solvers of
:mod:`mnlogit._methods` on the :class:`~mnlogit._data.InMemoryData` this module builds.
"""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np
import pandas as pd

from ._checks import (
    WeightType,
    check_flag,
    check_positive,
    check_threads,
    check_tol,
    counted_observations,
    empty_levels,
)
from ._clusters import cluster_codes
from ._columns import refuse_swapped
from ._dtypes import plain_labels, refuse_dask
from ._firth_sandwich import refuse_separated_sandwich
from ._in_memory_data import InMemoryData
from ._inputs import _design_array, _outcome_array, _per_row, check_aligned, check_complete
from ._levels import Coding, outcome_codes, resolve_ref, warn_lost_levels
from ._linalg import RANK_TOL, warn_near_collinear
from ._methods import resolve_method, sampling_weights_of_mean_one
from ._model_survey import refuse_subpop, survey_of_arrays, survey_of_formula
from ._other_options import answering_other_options
from ._parallel import in_numeric_errstate, thread_limit
from ._quasi_newton import DEFAULT_TOL
from ._rank import in_memory_rank_error, weights_to_blame
from ._rare_levels import warn_rare_levels
from ._separation_proof import separation_of
from ._size_checks import too_many_columns, too_many_levels
from ._survey_inputs import (
    index_frame,
    refuse_unlabelled_series,
    subpop_mask,
)
from ._survey_spellings import refuse_survey_groups
from .covariance import DEFAULT_COV_TYPE, MODEL_KEYWORDS, resolve_covariance
from .exceptions import DataError, LevelError, MNLogitError
from .formula import _check_data, build_design
from .results import MNLogitResults, warn_if_unconverged
from .survey import (
    ResolvedDesign,
    SurveyDesign,
    resolve_weight_type,
    survey_design,
)

__all__ = ["MNLogit", "PenalisedMNLogit"]


class MNLogit:
    """A multinomial logit model: outcome levels, reference and design, ready to fit.

    Parameters
    ----------
    y : array-like or Series
        Outcome, one value per row.
    X : DataFrame or 2-D array
        Design matrix used as given (add an intercept column yourself, as in statsmodels).
        A table that exports Arrow data (a pyarrow Table) gives its columns by name.
    ref : level, optional
        Reference outcome; ``None`` means the first level.
    weights : array-like, optional
        Weights, one per row: non-negative whole numbers (frequency weights), or sampling
        weights with ``weight_type="probability"``.
    groups : array-like, optional
        Cluster identifiers, one per row, for ``fit(cov_type="cluster")``; refused with
        probability weights or a design, whose clusters are the design's PSUs. A model with
        them is fitted with its ``cov_type`` named: none is taken by default.
    weight_type : {"frequency", "probability"}, optional
        What the weights are (see :func:`mnlogit.fit`); frequency unless a design is given.
    design : SurveyDesign, optional
        Survey design with one value per row for each of its parts.
    subpop : array-like of bool, optional
        Rows of the subpopulation (domain) to estimate for, keeping the whole design.

    See Also
    --------
    mnlogit.fit : the model from a formula and a DataFrame.

    Examples
    --------
    >>> import numpy as np
    >>> import mnlogit
    >>> rng = np.random.default_rng(0)
    >>> X = np.column_stack([np.ones(300), rng.standard_normal(300)])
    >>> y = rng.choice(["a", "b", "c"], size=300)
    >>> res = mnlogit.MNLogit(y, X, ref="a").fit()
    >>> list(res.params.columns)
    ['b', 'c']
    """

    _data: InMemoryData
    # why the coefficients are not identified without a penalty (a model built for a
    # penalised fit); fit() without a penalty raises the first
    _unidentified: tuple[MNLogitError, ...] = ()
    _identified_by_penalty: ClassVar[bool] = False

    @answering_other_options
    def __init__(
        self,
        y: Any,
        X: Any,
        ref: Any = None,
        *,
        weights: Any = None,
        groups: Any = None,
        weight_type: str | None = None,
        design: SurveyDesign | None = None,
        subpop: Any = None,
    ) -> None:
        refuse_dask(y, "y")
        refuse_dask(X, "X")
        kind = resolve_weight_type(weight_type, design)
        ys = _outcome_array(y)
        if len(ys) == 0:
            raise DataError("y: no rows; a model needs data")
        Xa, names, finite = _design_array(X, len(ys))
        check_aligned(y, X)
        # a Series of weights or groups is matched by label to whichever of y and X has
        # row labels (check_aligned made them agree): with y an array and X a DataFrame it
        # was paired by position
        labelled = next((v for v in (y, X) if isinstance(v, (pd.Series, pd.DataFrame))), None)
        # row labels of pyarrow views as plain text: pandas can neither compare nor show them
        index = None if labelled is None else plain_labels(labelled.index)
        refuse_unlabelled_series(index, design, weights=weights, groups=groups, subpop=subpop)
        domain = None
        if kind.design_based and subpop is not None:
            domain = subpop_mask(subpop, index_frame(subpop, index), len(ys))
        check_complete(ys, Xa, names, finite, survey=kind.design_based, domain=domain, index=index)
        self._from_arrays(ys, Xa, names, ref, kind, weights, groups, design, subpop, index)

    @classmethod
    def _from_design(
        cls,
        y: pd.Series,
        X: np.ndarray,
        names: tuple[str, ...],
        ref: Any,
        *,
        weights: np.ndarray | None = None,
        weight_type: str | None = None,
        unpenalised_intercept: bool = True,
        row_index: pd.Index | None = None,
    ) -> MNLogit:
        """The model of a finite float64 design that the caller hands over, not copied: what
        the scikit-learn estimator builds after scikit-learn's own checks of its input (``y``
        numbered 0..n-1 and without missing values). ``unpenalised_intercept=False``: the L2
        penalty takes in every column, a column of ones too (``fit_intercept=False``);
        ``row_index``: the labels of the rows, as :class:`MNLogit` takes them from X or y."""
        self = cls.__new__(cls)
        kind = resolve_weight_type(weight_type, None)
        self._from_arrays(
            y, X, names, ref, kind, weights, None, None, None, row_index, unpenalised_intercept
        )
        return self

    def _from_arrays(
        self,
        ys: pd.Series,
        Xa: np.ndarray,
        names: tuple[str, ...],
        ref: Any,
        kind: WeightType,
        weights: Any,
        groups: Any,
        design: SurveyDesign | None,
        subpop: Any,
        index: pd.Index | None,
        unpenalised_intercept: bool = True,
    ) -> None:
        terms: dict[str, tuple[int, ...]] = {name: (j,) for j, name in enumerate(names)}
        if kind.design_based:
            refuse_survey_groups(groups)
        if groups is not None:
            groups = _per_row("groups", groups, len(ys), None, index)
        survey, outside = None, None
        if kind.design_based:
            ys, Xa, index, survey, outside = survey_of_arrays(
                ys, Xa, design, weights, subpop, index
            )
            weights = survey.weights
        else:
            refuse_subpop(subpop)
            if weights is not None:
                weights = _per_row("weights", weights, len(ys), None, index)
        self._init(
            ys,
            Xa,
            names,
            terms,
            ref,
            weights,
            groups,
            None,
            kind,
            survey,
            unpenalised_intercept,
            outside=outside,
            row_index=index,
        )

    @classmethod
    @answering_other_options
    def from_formula(
        cls,
        formula: str,
        data: pd.DataFrame,
        ref: Any = None,
        *,
        weights: Any = None,
        groups: Any = None,
        missing: str = "drop",
        weight_type: str | None = None,
        design: SurveyDesign | None = None,
        subpop: Any = None,
    ) -> MNLogit:
        """Build the model from an R-style formula evaluated on ``data``.

        Parameters
        ----------
        formula : str
            ``"outcome ~ predictors"`` in formulaic's syntax, as for :func:`mnlogit.fit`.
        data : DataFrame
            The data; it is never modified.
        ref : level, optional
            Reference outcome; ``None`` means the first level.
        weights : str or array-like, optional
            Frequency weights: a column name, or one non-negative whole number per row of
            ``data`` (a Series is matched by its index).
        groups : str or array-like, optional
            Cluster identifiers for ``fit(cov_type="cluster")``: a column name or one value
            per row.
        missing : {"drop", "raise"}
            Drop rows with a missing value in a column the formula uses, or refuse them.
        weight_type : {"frequency", "probability"}, optional
            What ``weights`` are: frequency weights (the default without a design) or
            sampling weights (the default with a design); see :func:`mnlogit.fit`.
        design : SurveyDesign, optional
            The sampling design: weights, strata, PSUs and finite-population correction.
        subpop : str or array-like of bool, optional
            Survey data only: the subpopulation (domain) to estimate for, as a boolean
            column, an expression on the columns (``"age >= 18"``) or one boolean per row.

        Returns
        -------
        MNLogit
            The model, ready to :meth:`fit`.

        Raises
        ------
        mnlogit.MNLogitError
            For data, formula or options the model cannot use, as :func:`mnlogit.fit`.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> model = mnlogit.MNLogit.from_formula("mode ~ np.log(distance)", df, ref="car")
        >>> model.fit().ref
        'car'
        """
        refuse_swapped(formula, data, f"{cls.__name__}.from_formula")
        kind = resolve_weight_type(weight_type, design)
        if kind.design_based:
            return cls._from_survey(
                formula,
                data,
                ref,
                survey_design(design, weights),
                groups,
                missing,
                kind,
                subpop,
            )
        refuse_subpop(subpop)
        data = _check_data(data)  # read once: weights given by the index are matched to it
        extra = {}
        if isinstance(weights, str):
            extra["weights"] = weights
        if isinstance(groups, str):
            extra["groups"] = groups
        built = build_design(
            formula,
            data,
            missing=missing,
            extra_columns=extra,
            limit_parameters=not cls._identified_by_penalty,
            # weights given as values: their sum over every row bounds the rows used' sum
            counts=None
            if weights is None or not kind.counts_rows
            else extra.get("weights") or counted_observations(weights, len(data)),
        )
        rows = built.rows
        if weights is not None:
            weights = (
                built.extra["weights"]
                if "weights" in extra
                else _per_row("weights", weights, len(data), rows, data.index, data.columns)
            )
        if groups is not None:
            groups = (
                built.extra["groups"]
                if "groups" in extra
                else _per_row("groups", groups, len(data), rows, data.index, data.columns)
            )
        self = cls.__new__(cls)
        self._init(
            built.y,
            built.X,
            built.column_names,
            built.terms,
            ref,
            weights,
            groups,
            built,
            kind,
            groups_name=extra.get("groups"),
        )
        return self

    @classmethod
    def _from_survey(
        cls,
        formula: str,
        data: pd.DataFrame,
        ref: Any,
        spec: SurveyDesign,
        groups: Any,
        missing: str,
        kind: WeightType,
        subpop: Any,
    ) -> MNLogit:
        """The model of a subpopulation (or all rows) with the design of every row."""
        limit = not cls._identified_by_penalty
        design, survey, outside = survey_of_formula(
            formula, data, spec, groups, missing, subpop, limit_parameters=limit
        )
        self = cls.__new__(cls)
        self._init(
            design.y,
            design.X,
            design.column_names,
            design.terms,
            ref,
            survey.weights,
            None,
            design,
            kind,
            survey,
            outside=outside,
        )
        return self

    # its sums (a column in units of 1e-155 has a subnormal sum of squares) underflow to what
    # they mean, whatever numpy error handling the program set, however the model is built:
    # from a formula, from arrays, by the classifier
    @in_numeric_errstate
    def _init(
        self,
        y: pd.Series,
        X: np.ndarray,
        names: tuple[str, ...],
        terms: dict[str, tuple[int, ...]],
        ref: Any,
        weights: Any,
        groups: Any,
        design: Any,
        kind: WeightType,
        survey: ResolvedDesign | None = None,
        unpenalised_intercept: bool = True,
        outside: Callable[[], tuple] | None = None,
        row_index: pd.Index | None = None,
        groups_name: str | None = None,
    ) -> None:
        """Check the model and build its data (see :class:`PenalisedMNLogit` for the checks
        it defers); ``outside()``: the outcome values of rows outside a subpopulation, which
        a refusal of ``ref`` names; ``row_index``: the labels of the rows of y or X when
        either is a pandas object (a formula's design carries its own)."""
        penalised = self._identified_by_penalty
        outcome = design.outcome_name if design is not None else (y.name or "y")
        levels, level_idx = outcome_codes(y, str(outcome), outside=outside)
        unused = tuple(y.cat.categories) if isinstance(y.dtype, pd.CategoricalDtype) else ()
        dropped = design.dropped_levels if design is not None else ()
        try:
            ref = resolve_ref(ref, levels, str(outcome), unused, dropped)
        except LevelError:
            if outside is None:
                raise
            # read only for the refusal: the values outside a subpopulation of many rows
            where = None if survey is None else survey.info.subpop
            ref = resolve_ref(ref, levels, str(outcome), unused, dropped, outside(), where)
        warn_lost_levels(str(outcome), levels, dropped, design.n_dropped if design else 0)
        n = len(y)
        # a survey's sampling weights (their column), whose rows of weight 0 refusals name
        sampling = None if survey is None else survey.info.columns.get("weights") or ""
        # unweighted: one shared 1.0 seen n times (read-only), not n stored ones
        labels = design.row_index if design is not None else row_index
        w = np.broadcast_to(1.0, n) if weights is None else kind.check(weights, labels=labels)
        totals = np.bincount(level_idx, weights=w, minlength=len(levels))
        empty = [levels[i] for i in range(len(levels)) if totals[i] <= 0]
        if empty:
            raise empty_levels(empty, sampling)
        p = X.shape[1]
        if p == 0:
            raise DataError(
                f"the design has no columns (formula {design.formula!r}); add predictors or "
                "keep the intercept"
                if design is not None
                else "X has no columns; give at least one (a column of ones for an intercept)"
            )
        problems: list[MNLogitError] = []
        # frequency weights count observations: the rows repeated would have that many rows
        counted = float(w.sum()) if weights is not None and kind.counts_rows else None
        n_positive, formula = int((w > 0).sum()), design is not None
        for too_many in (
            too_many_columns(p, n_positive, counted, formula=formula),
            too_many_levels(str(outcome), len(levels), n_positive, counted, formula=formula),
        ):
            if too_many is not None:
                problems.append(too_many)
                if not penalised:
                    raise problems[0]
        coding = Coding(tuple(levels), ref)
        data = InMemoryData(
            X=X,
            y=coding.core_codes(level_idx),
            w=w,
            levels=coding.levels,
            ref=ref,
            column_names=tuple(names),
            terms=dict(terms),
            formula=design.formula if design is not None else None,
            outcome_name=str(outcome),
            spec=design.spec if design is not None else None,
            row_index=labels,
            n_dropped=design.n_dropped if design is not None else 0,
            learned_on_used_rows=design.learned_on_used_rows if design is not None else (),
            unused_categories=design.unused_categories if design is not None else (),
            weighted=weights is not None,
            groups=None if groups is None else cluster_codes(groups, n, w, groups_name, labels),
            frame=design.frame if design is not None else None,
            weight_type=kind,
            design=None if survey is None else survey.info,
            strata=None if survey is None else survey.strata,
            psu=None if survey is None else survey.psu,
            unpenalised_intercept=unpenalised_intercept,
        )
        # on equilibrated columns: the rank does not depend on their units
        residuals = data.equilibrated()[0].column_residuals()
        aliased = [int(j) for j in np.flatnonzero(residuals <= RANK_TOL)]
        if aliased:
            where = "the formula" if design is not None else "X"
            problems.append(in_memory_rank_error(data, names, aliased, where, sampling))
            if not penalised:
                raise problems[-1]
        # after the refusal: a warning that the fit is estimable came before it was refused
        blame = functools.partial(weights_to_blame, data)
        if not penalised:  # an L2 fit has no standard errors for near-aliasing to cost digits of
            warn_near_collinear(data.column_names, residuals, blame)
        self._data = data
        self._unidentified = tuple(problems)

    def _with_ref(self, ref: Any) -> MNLogit:
        """This model with its level ``ref`` as the reference, its design shared, not rebuilt."""
        new, data = copy.copy(self), self._data
        new._data = data.recode(data.levels, data.coding.named(ref, "ref", data.outcome_name))
        return new

    @answering_other_options
    def fit(
        self,
        *,
        cov_type: str = DEFAULT_COV_TYPE,
        method: str = "newton",
        max_iter: int = 100,
        tol: float = DEFAULT_TOL,
        threads: int | None = None,
        verbose: bool = False,
        penalty: str | None = None,
        C: float = 1.0,
    ) -> MNLogitResults:
        """Estimate the coefficients.

        Parameters
        ----------
        cov_type : {"nonrobust", "robust", "cluster", "design"}, optional
            Model-based covariance (inverse information), HC0 sandwich (without the n/(n-1)
            of Stata's ``vce(robust)``), cluster-robust (G/(G-1), as Stata's
            ``vce(cluster)``; needs the model's ``groups``), or the design-based covariance
            of survey data. The
            default is model-based, and design-based for survey data, which allows no other;
            a model with ``groups`` has no default.
        method : {"newton", "firth"}
            Maximum likelihood, or Firth's bias-reduced estimates. Maximum likelihood runs Fisher
            scoring; a model of p(K-1) >= 20 parameters on many rows runs L-BFGS on gradient
            passes instead, and computes the information matrix once, when a result first
            needs it (standard errors, tests).
        max_iter : int
            Iteration limit, a positive integer.
        tol : float
            Convergence tolerance on the relative change in deviance and the scaled gradient,
            a positive number below 1 (with weights, see :func:`mnlogit.fit`).
        threads : int, optional
            The most threads the fit (and the tests and refits of its results) may use; by
            default one per core with at least 20,000 rows each, within the limits set for
            numerical libraries (see :func:`mnlogit.fit`).
        verbose : bool
            Print one line per iteration and the time of each information pass.
        penalty : {None, "l2"}, optional
            Maximise the log-likelihood less scikit-learn's L2 penalty (see
            :func:`mnlogit.fit`); the results then have no standard errors or tests.
        C : float
            Inverse strength of the penalty, as scikit-learn's ``C``.

        Returns
        -------
        MNLogitResults
            The fit; the model is not changed and can be fitted again with other options.

        Raises
        ------
        mnlogit.exceptions.OptionError
            An option outside its allowed values; no ``cov_type`` for a model with ``groups``.
        mnlogit.exceptions.DataError
            ``cov_type="cluster"`` for a model without ``groups``; without a penalty, more
            design columns than rows in a :class:`PenalisedMNLogit`.
        mnlogit.exceptions.RankError
            Without a penalty, collinear columns in a :class:`PenalisedMNLogit`.

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> model = mnlogit.MNLogit.from_formula("mode ~ np.log(distance)", df, ref="car")
        >>> model.fit(cov_type="robust").cov_type
        'robust'
        >>> model.fit(penalty="l2", C=0.1).C
        0.1
        """
        data = self._data
        covariance = resolve_covariance(
            cov_type, survey=data.design is not None, groups=data.groups is not None
        )
        solver = resolve_method(method, penalty, C)
        # a penalty identifies aliased columns, but not one of a large offset (x + 1e9),
        # whose fit stopped at a singular information with every coefficient 0
        centring = [p for p in self._unidentified if getattr(p, "needs_centring", False)]
        if centring or (solver.penalty is None and self._unidentified):
            raise copy.copy((centring or self._unidentified)[0])
        max_iter = check_positive("max_iter", max_iter, integer=True)
        tol = check_tol(tol)
        threads = check_threads(threads)
        verbose = check_flag("verbose", verbose)
        if covariance.needs_groups and data.groups is None:
            covariance.check_groups(None, MODEL_KEYWORDS)
        warn_rare_levels(data, solver, covariance)
        # the whole fit: the refusal's check may fit by maximum likelihood, and the results
        # of one that did not converge check the data for separation
        with thread_limit(threads):
            if solver.sample_size_penalty:
                data = sampling_weights_of_mean_one(data)
            if not (solver.sandwich_if_separated or covariance.efficient):
                refuse_separated_sandwich(data, covariance, solver.name, find=separation_of)
            core = solver.fit(data, max_iter=max_iter, tol=tol, verbose=verbose)
            res = MNLogitResults(data, core, cov_type=covariance.name, method=solver)
        warn_if_unconverged(res, max_iter, tol)
        return res


class PenalisedMNLogit(MNLogit):
    """A model built for a penalised fit: more design columns than rows and collinear columns
    are allowed, because the penalty identifies every coefficient; they are refused when
    :meth:`~MNLogit.fit` is called without a penalty (what :class:`MNLogit` refuses at once).

    :func:`mnlogit.fit` builds one when given ``penalty=``, and so does the scikit-learn
    estimator.
    """

    _identified_by_penalty = True
