"""The entry points: :func:`fit` and :func:`check_separation`.

``fit`` picks the backend from the type of the data through :data:`BACKENDS` (a pandas
DataFrame is fitted in memory; a dask DataFrame partition by partition), as formulaic picks
a materializer by data type. A new backend is one entry there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ._checks import check_flag, check_threads
from ._columns import refuse_swapped
from ._methods import resolve_method
from ._other_options import answering_other_options
from ._parallel import thread_limit
from ._quasi_newton import DEFAULT_TOL
from ._separation_advice import advised
from ._separation_proof import separation_of
from ._tables import arrow_table, from_arrow, interchange_hint
from .covariance import DEFAULT_COV_TYPE, resolve_covariance
from .exceptions import InputTypeError, NotInMemoryError
from .formula import check_formula_safe
from .model import MNLogit, PenalisedMNLogit
from .results import MNLogitResults
from .separation import Separation
from .survey import SurveyDesign, resolve_weight_type

__all__ = ["BACKENDS", "check_separation", "fit"]


@dataclass(frozen=True)
class Backend:
    """How to fit one kind of data: ``accepts(type)`` and ``fit(formula, data, ref, **options)``."""

    name: str
    accepts: Callable[[type], bool]
    fit: Callable[..., MNLogitResults]


def _is_dask_dataframe(cls: type) -> bool:
    # by the class's module, so that dask is imported only when such data is given
    return any(
        c.__name__ == "DataFrame" and c.__module__.split(".")[0] == "dask" for c in cls.__mro__
    )


def _fit_dask(formula: str, data: Any, ref: Any, **options: Any) -> MNLogitResults:
    from ._dask import fit_dask  # optional dependency

    return fit_dask(formula, data, ref, **options)


def _fit_pandas(
    formula: str,
    data: pd.DataFrame,
    ref: Any,
    *,
    weights: Any,
    cov_type: str,
    groups: Any,
    method: str,
    missing: str,
    max_iter: int,
    tol: float,
    threads: int | None,
    verbose: bool,
    weight_type: str | None,
    design: SurveyDesign | None,
    subpop: Any,
    penalty: str | None,
    C: float,
) -> MNLogitResults:
    solver = resolve_method(method, penalty, C)  # refused before the design is built
    survey = resolve_weight_type(weight_type, design).design_based
    covariance = resolve_covariance(cov_type, survey=survey)
    if not survey:
        covariance.check_groups(groups, given=cov_type is not DEFAULT_COV_TYPE)
    threads = check_threads(threads)
    with thread_limit(threads):  # building the design too
        builder = MNLogit if solver.penalty is None else PenalisedMNLogit
        model = builder.from_formula(
            formula,
            data,
            ref,
            weights=weights,
            groups=groups,
            missing=missing,
            weight_type=weight_type,
            design=design,
            subpop=subpop,
        )
    return model.fit(
        cov_type=cov_type,
        method=method,
        max_iter=max_iter,
        tol=tol,
        threads=threads,
        verbose=verbose,
        penalty=penalty,
        C=C,
    )


def _fit_arrow(formula: str, data: Any, ref: Any, **options: Any) -> MNLogitResults:
    # a pyarrow Table, a polars frame: fitted in memory as the pandas DataFrame of its columns
    return _fit_pandas(formula, from_arrow(data, "data"), ref, **options)


BACKENDS: list[Backend] = [
    Backend("dask", _is_dask_dataframe, _fit_dask),
    Backend("pandas", lambda cls: issubclass(cls, pd.DataFrame), _fit_pandas),
    Backend("arrow", arrow_table, _fit_arrow),
]


def backend_for(data: Any) -> Backend:
    """The backend that fits ``data``, or an :class:`InputTypeError` naming the types allowed."""
    for backend in BACKENDS:
        if backend.accepts(type(data)):
            return backend
    hint = (
        interchange_hint(data, "data")
        if hasattr(type(data), "__dataframe__")
        else "; make the structured array a DataFrame: pd.DataFrame(data)"
        if getattr(getattr(data, "dtype", None), "names", None)
        else ""
    )
    raise InputTypeError(
        "data: expected a pandas DataFrame, a dask DataFrame or a table that exports Arrow "
        f"data (a pyarrow Table, a polars DataFrame); got {type(data).__name__}{hint}"
    )


@answering_other_options
def fit(
    formula: str,
    data: Any,
    ref: Any = None,
    *,
    weights: Any = None,
    cov_type: str = DEFAULT_COV_TYPE,
    groups: Any = None,
    method: str = "newton",
    missing: str = "drop",
    max_iter: int = 100,
    tol: float = DEFAULT_TOL,
    threads: int | None = None,
    verbose: bool = False,
    weight_type: str | None = None,
    design: SurveyDesign | None = None,
    subpop: Any = None,
    safe_formula: bool = False,
    penalty: str | None = None,
    C: float = 1.0,
) -> MNLogitResults:
    """Fit a multinomial logit from an R-style formula.

    Parameters
    ----------
    formula : str
        ``"outcome ~ predictors"`` in formulaic's syntax (``C(g)``, ``x1:x2``, ``np.log(x)``,
        ``I(x**2)``, ``- 1`` for no intercept). Inside function calls the formula is Python
        code, except that ``^`` means the power as in R (``I(age^2)`` is ``I(age**2)``);
        outside them ``(a + b)^2`` is formulaic's interaction operator. A formula is
        evaluated as Python: do not pass one from an untrusted source unless
        ``safe_formula=True``. Column names that are not identifiers go in backticks
        (```exposure.time```, ```1```); a column may not be named ``Intercept``.
    data : DataFrame
        The data; it is never modified. Predictor columns of dtype ``object`` that hold only
        numbers are used as numbers; columns of words are factors (categories). Text that
        reads as numbers (``"12.5"``, ``"NA"``) is refused: convert it with
        ``pd.to_numeric``, or write ``C(col)`` to use its values as categories. A factor
        needs two levels or more among the rows used. A dask DataFrame is fitted partition
        by partition (needs ``mnlogit[dask]``), by the same rules. A table that exports Arrow
        data (a pyarrow Table, a polars DataFrame) is fitted as the pandas DataFrame of its
        columns, each in its pyarrow type.
    ref : level, optional
        Reference outcome, matched by value and type (``"0"`` does not match ``0``); ``None``
        means the first level, as R's ``multinom`` takes it (Stata's ``mlogit`` takes the
        most frequent outcome: ``ref=df["y"].value_counts().idxmax()`` for its base).
    weights : str or array-like, optional
        Weights: a column name, or one value per row of ``data`` (a Series is matched by its
        index). By default they are frequency weights: a frequency weight counts how many
        times its row occurs, so every weight must be a finite, non-negative whole number (0
        leaves the row out) and at least one must be positive; fractional weights are
        refused, not rounded. ``nobs`` is their sum. A missing weight is an error, not a
        dropped row. With ``weight_type="probability"`` they are sampling weights.
    cov_type : {"nonrobust", "robust", "cluster", "design"}, optional
        Model-based covariance (inverse information), HC0 sandwich (without the n/(n-1) of
        Stata's ``vce(robust)``, which ``"cluster"`` with each row its own group gives),
        cluster-robust (G/(G-1), as Stata's ``vce(cluster)``), or the design-based
        (linearised) covariance of survey data (see :mod:`mnlogit.covariance`). The default
        is model-based, and design-based for survey data, which allows no other.
    groups : str or array-like, optional
        Cluster identifiers for ``cov_type="cluster"`` (at least two clusters; none missing).
    method : {"newton", "firth"}
        Maximum likelihood, or Firth's bias-reduced estimates. Maximum likelihood runs Fisher
        scoring; a model of p(K-1) >= 20 parameters on many rows runs L-BFGS on gradient
        passes instead, and computes the information matrix once, when a result first
        needs it (standard errors, tests).
    missing : {"drop", "raise"}
        Drop rows with a missing value in a column the formula uses (and count them in
        ``n_dropped``), or refuse them.
    max_iter : int
        Iteration limit, a positive integer.
    tol : float
        Convergence tolerance on the relative change in deviance and the scaled gradient, a
        positive number below 1. With weights, the scaled gradient is held to the deviance
        the rows would have if each weighed the lightest, so that heavy rows, whose share of
        the deviance may say nothing of some coefficients, do not loosen the test for those.
    threads : int, optional
        The most threads the fit may use (building the design, the passes over the rows and,
        with ``threads=1``, BLAS), and with it the tests and IIA refits of its results. By
        default one per core with at least 20,000 rows each, within the limits the user has
        set for numerical libraries: ``OMP_NUM_THREADS``, ``OPENBLAS_NUM_THREADS``,
        ``MKL_NUM_THREADS`` and a ``threadpoolctl.threadpool_limits`` block around the call.
        For a dask DataFrame: the local scheduler's workers.
    verbose : bool
        Print one line per iteration (log-likelihood and its change, gradient norm, scaled
        gradient, step), the time of each information pass and the number of passes over the
        data; with it, ``anova``, ``iia_table`` and Firth fits report their progress too. For
        a dask DataFrame: one line per pass over the partitions.
    weight_type : {"frequency", "probability"}, optional
        ``"frequency"`` (the default without a design): weights count repeated rows.
        ``"probability"`` (the default with a design): sampling weights, the inverse of each
        row's probability of being sampled, any non-negative number. The estimates are then
        pseudo-maximum-likelihood, the covariance is design-based (each row its own PSU
        unless a design says otherwise), inference uses t statistics on the design's
        degrees of freedom, and likelihood-ratio tests, AIC, BIC and pseudo-R2 are not
        available (the weighted log-likelihood is not a likelihood of the sample).
    design : SurveyDesign, optional
        The sampling design: weights, strata, PSUs and finite-population correction (see
        :class:`mnlogit.SurveyDesign`).
    subpop : str or array-like of bool, optional
        Survey data only: estimate for a subpopulation (domain), given as a boolean column,
        a condition on the columns (``"age >= 18 and sex == 'f'"``: comparisons, ``in``,
        and/or/not, arithmetic and the column methods ``isin``, ``isna``, ``notna``,
        ``between``; it is read, not run as code) or one boolean per row (a Series is
        matched by its index). The variance keeps the whole design, as Stata's
        ``svy, subpop()`` and R's ``subset(design, ...)``; fitting only those rows would
        not.
    safe_formula : bool
        Check the formula with :func:`mnlogit.formula.check_formula_safe` before anything in
        it is evaluated: only column names, numbers, arithmetic, formulaic's operators and
        calls of the documented transforms (``np.log``, ``log``, ``exp``, ``sqrt``, ``I``,
        ``C``, ``bs``, ``cr``, ``center``, ``scale``, ``standardize``, ``poly``, ...) are
        allowed. The command line always checks.
    penalty : {None, "l2"}, optional
        ``"l2"``: maximise the log-likelihood less scikit-learn's L2 penalty, so that the
        estimates are those of ``sklearn.linear_model.LogisticRegression(C=C)`` (see Notes).
        The penalty identifies every coefficient, so collinear columns and more coefficients
        than rows are allowed. The results have no standard errors, p-values or intervals
        (NaN, with a note in the summary) and refuse likelihood-ratio tests: penalised
        estimates are shrunk towards zero, and those numbers would not mean what they say.
        Not with ``method="firth"``, which has its own penalty.
    C : float
        Inverse strength of the penalty (a positive number), as scikit-learn's ``C``: larger
        values penalise less, and a very large ``C`` gives the maximum-likelihood fit.

    Returns
    -------
    MNLogitResults

    Raises
    ------
    mnlogit.exceptions.MNLogitError
        For every input the model cannot use, with a message that quotes the bad value and
        says what is allowed: ``FormulaError`` (formula syntax, no outcome, a call that
        ``safe_formula`` refuses), ``ColumnNotFoundError`` (also a ``KeyError``),
        ``DataError`` (empty data, non-finite predictors, numbers stored as text, a factor
        with one level, bad weights or groups, too few rows), ``LevelError`` (``ref`` not a
        level), ``RankError`` (collinear columns, named), ``OptionError`` (an option outside
        its allowed values).

    Notes
    -----
    With ``penalty="l2"`` the estimates maximise

        l(B) - 1/(2C) sum_a m_a b_a' Q b_a,

    the weighted log-likelihood less scikit-learn's penalty: b_a is the row of coefficients of
    design column a (one per equation), m_a is 0 for the intercept and 1 otherwise, and
    Q = I - 11'/K for K >= 3 outcomes (the squared norm of the coefficients of all K classes in
    scikit-learn's symmetric parametrisation, which it penalises) or Q = 1 for K = 2 (its
    binary parametrisation). This is scikit-learn's objective
    C sum_i w_i log-loss_i + 1/2 ||W||^2 divided by C.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ np.log(distance) + income", df, ref="car")
    >>> res.equations
    ('bus', 'train', 'walk')
    >>> mnlogit.fit("mode ~ I(income^2)", df, ref="car", safe_formula=True).params.index[1]
    'I(income ** 2)'
    >>> ridge = mnlogit.fit("mode ~ np.log(distance) + income", df, ref="car", penalty="l2")
    >>> bool(ridge.bse.isna().all().all())
    True
    """
    refuse_swapped(formula, data, "mnlogit.fit")
    if check_flag("safe_formula", safe_formula):
        check_formula_safe(formula)
    return backend_for(data).fit(
        formula,
        data,
        ref,
        weights=weights,
        cov_type=cov_type,
        groups=groups,
        method=method,
        missing=missing,
        max_iter=max_iter,
        tol=tol,
        threads=threads,
        verbose=verbose,
        weight_type=weight_type,
        design=design,
        subpop=subpop,
        penalty=penalty,
        C=C,
    )


@answering_other_options
def check_separation(
    formula: str,
    data: pd.DataFrame,
    ref: Any = None,
    *,
    weights: Any = None,
    weight_type: str | None = None,
    missing: str = "drop",
    safe_formula: bool = False,
) -> Separation | None:
    """Check whether the outcome is separated by the predictors, before or instead of fitting.

    Parameters
    ----------
    formula : str
        ``"outcome ~ predictors"``, as for :func:`mnlogit.fit`.
    data : DataFrame
        The data; it is never modified.
    ref : level, optional
        Reference outcome; ``None`` means the first level.
    weights : str or array-like, optional
        Weights, as for :func:`mnlogit.fit`; only which rows have a positive weight matters
        to the separation (rows with weight 0 are ignored); frequency weights count the
        observations a design of more columns than rows is refused against, as in a fit.
    weight_type : {"frequency", "probability"}, optional
        What ``weights`` are, as for :func:`mnlogit.fit`: frequency weights (whole numbers,
        the default) or sampling weights.
    missing : {"drop", "raise"}
        Drop rows with a missing value in a column the formula uses, as a fit does, or
        refuse them.
    safe_formula : bool
        Refuse a formula that calls anything but the transforms known to be harmless, as for
        :func:`mnlogit.fit` (a formula is evaluated as Python).

    Returns
    -------
    Separation or None
        What separates the data, or None when finite maximum-likelihood estimates exist.

    Notes
    -----
    The check is computed in floating point: rows of two outcomes parted by less than about
    1e-7 of a column's largest value are read as tied on the boundary (quasi-complete
    separation, not complete), and outcomes that overlap by less than about 1e-9 of it as
    tied too (separated); by more, as overlapping, whose estimates exist.

    Examples
    --------
    >>> import pandas as pd
    >>> import mnlogit
    >>> df = pd.DataFrame({"x": [1, 2, 3, 4, 5, 6], "y": list("aabbcc")})
    >>> mnlogit.check_separation("y ~ x", df).kind
    'complete'
    """
    refuse_swapped(formula, data, "mnlogit.check_separation")
    if _is_dask_dataframe(type(data)):
        # it said only that a pandas DataFrame was expected
        raise NotInMemoryError(
            "check_separation: the exact check solves a linear program over every row, which "
            "a dask DataFrame keeps in its partitions; run it on the rows in memory "
            "(ddf.compute(), or a sample: ddf.sample(frac=...).compute()). A dask fit reports "
            "what its sums show in res.separation"
        )
    if check_flag("safe_formula", safe_formula):
        check_formula_safe(formula)
    model = MNLogit.from_formula(
        formula, data, ref, weights=weights, weight_type=weight_type, missing=missing
    )
    sep = separation_of(model._data)
    # sampling weights take the design-based covariance, beside which a fit refuses Firth's
    # estimates of separated data: "Use method='firth'" sent the user to that refusal
    survey = model._data.design is not None
    return (
        advised(sep, True, resolve_covariance(DEFAULT_COV_TYPE, survey=True))
        if sep and survey
        else sep
    )
