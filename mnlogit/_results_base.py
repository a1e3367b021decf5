"""The base of MNLogitResults: what the fit is made of, its options and what it was fitted on."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast, overload

import pandas as pd

from ._checks import lookup_option
from ._data import ModelData
from ._immutable import Immutable
from ._methods import METHODS, Method
from ._once import compute_once
from ._separation_advice import advised
from ._solvers import FitResult
from ._unsupported import explain
from .covariance import Covariance, covariance_named
from .exceptions import called_by_user
from .separation import Separation, detect, exact_check_runs

if TYPE_CHECKING:
    from .results import (
        MNLogitResults,  # for annotations only (matplotlib is an optional dependency)
    )
    from .survey import DesignInfo

__all__ = ["ResultsBase", "cached_copy", "explained", "explained_copy"]

PandasT = TypeVar("PandasT", pd.DataFrame, pd.Series)
F = TypeVar("F", bound=Callable[..., Any])


class cached_copy(Generic[PandasT]):  # lower case: a decorator, like cached_property
    """A cached DataFrame or Series attribute of the results, handed out as a copy.

    Computed once, as :class:`~mnlogit._once.cached_property` is (one thread computes,
    others asking meanwhile wait for it); each access returns a copy (a
    deep one: without pandas' copy-on-write, pandas 2's default, a shallow copy shares the
    values), so that a caller who edits what they were given (``res.params.iloc[0, 0] = 0``,
    rounding a table for display) edits their own copy and never the results: the summary,
    tests and exports read the cached one. The copies are of p x q numbers.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> coef = res.params
    >>> coef.iloc[0, 0] = 99.0
    >>> bool(res.params.iloc[0, 0] == 99.0)
    False
    """

    def __init__(self, func: Callable[[Any], PandasT]) -> None:
        self.func = func
        self.__doc__ = func.__doc__
        self.key = f"_cached_{func.__name__}"

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached_copy[PandasT]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> PandasT: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        return compute_once(obj, self.key, self.func).copy()


class explained_copy(cached_copy[PandasT]):
    """A :class:`cached_copy` whose values, read by the user's code, come with a warning
    when this kind of fit cannot give them (see :mod:`mnlogit._unsupported`); the package's
    own reads (the tidy table, the summary) are silent."""

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> explained_copy[PandasT]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> PandasT: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> Any:
        if obj is None:
            return self
        value = super().__get__(obj, owner)
        if called_by_user():
            explain(obj, self.func.__name__)
        return value


def explained(func: F) -> F:
    """``func``, a method of the results, warning when the user's code calls it and this
    kind of fit cannot give some of its values (see :mod:`mnlogit._unsupported`): once per
    call, as the accessors it reads for itself are read by the package, silently."""

    @functools.wraps(func)
    def wrapper(self: Any, *args: Any, **kwargs: Any) -> Any:
        value = func(self, *args, **kwargs)
        if called_by_user():
            explain(self, func.__name__)
        return value

    return cast("F", wrapper)


class ResultsBase(Immutable):
    """Declared state of a fit and its immutability; see :class:`~mnlogit.MNLogitResults`."""

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
        if separation is None and core.separation_check is not None:
            separation = core.separation_check[0]  # the fit ran the exact check
        elif separation is None and not core.converged and not solver.penalized:
            separation = _check_separation(data)
        covariance = covariance_named(cov_type)
        if separation is not None:  # advised as this fit can follow it
            separation = advised(separation, data.in_memory, covariance)
        self._set(
            _data=data,
            _core=core,
            covariance=covariance,
            solver=solver,
            separation=separation,
        )

    @property
    def _results(self) -> MNLogitResults:
        # the parts of the class hand the whole fit to the analysis modules
        return cast("MNLogitResults", self)

    def _explain(self, name: str, table: pd.DataFrame | None = None) -> None:
        """Warn why the values ``name`` hands out (see :data:`mnlogit._unsupported.ACCESSORS`)
        are NaN, or not final, for this fit: for the summary's exports, whose module cannot
        import ``_unsupported`` (the report package is imported before it is)."""
        explain(self, name, table)

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

        A fit that did not converge and was not stopped by separation (see
        :attr:`separation`) is short of its estimates: its Wald and likelihood-ratio tests
        are NaN and its margins refused, each saying why, and reading its standard errors,
        intervals, AIC, BIC or tidy table warns (:class:`~mnlogit.InferenceWarning`).

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


def _check_separation(data: ModelData) -> Separation | None:
    if not exact_check_runs(data):  # rows in partitions, or a program too large for memory
        return None
    return detect(data)
