"""MNLogit and fit(): validation, outcome levels and reference, then the core, then results."""

from __future__ import annotations

import numbers
import warnings
from typing import Any

import numpy as np
import pandas as pd

from . import _estimate
from ._estimate import ModelData, _same_level
from .exceptions import (
    ConvergenceWarning,
    DataError,
    InputTypeError,
    LevelError,
    OptionError,
    RankError,
    check_option,
    check_positive,
)
from .formula import build_design
from .results import MNLogitResults

__all__ = ["MNLogit", "fit"]

COV_TYPES = ("nonrobust", "robust", "cluster")
METHODS = ("newton", "firth")


def outcome_levels(y: pd.Series, name: str) -> list:
    """Levels in order: a Categorical's category order, otherwise sorted values."""
    return outcome_codes(y, name)[0]


def outcome_codes(y: pd.Series, name: str) -> tuple[list, np.ndarray]:
    """The levels (see :func:`outcome_levels`) and each row's position among them (-1 when
    missing), from one hashing pass over the rows."""
    codes, uniques = pd.factorize(y)
    if isinstance(y.dtype, pd.CategoricalDtype):
        present = set(uniques)
        levels = [c for c in y.cat.categories if c in present]
    else:
        values = uniques.tolist()
        kinds = {_kind(v) for v in values}
        if len(kinds) > 1:
            raise DataError(
                f"outcome {name!r} mixes value types ({', '.join(sorted(kinds))}); "
                f"convert it to one type, e.g. strings"
            )
        levels = sorted(values)
    if len(levels) < 2:
        raise DataError(
            f"outcome {name!r} has {len(levels)} level ({', '.join(map(repr, levels))}); "
            f"a multinomial model needs at least two"
        )
    # first-seen order -> level order, with -1 (missing) kept; a loop over levels, not rows
    where = {_level_key(lv): i for i, lv in enumerate(levels)}
    position = np.array([where[_level_key(u)] for u in uniques.tolist()] + [-1], dtype=np.intp)
    return levels, position[codes]


def _level_key(v: Any) -> tuple:
    """A dict key under which two values meet only when they are the same level: True and 1
    hash and compare alike, so booleans are told apart."""
    return (isinstance(v, (bool, np.bool_)), v)


def _kind(v: Any) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "boolean"
    if isinstance(v, numbers.Number):
        return "number"
    return type(v).__name__


def resolve_ref(ref: Any, levels: list, name: str = "y", unused: tuple = ()) -> Any:
    """The level that ``ref`` names, matched by value and kind ("0" never matches 0).

    ``unused``: categories of a Categorical outcome that no row used has, named in the error.
    """
    if ref is None:
        return levels[0]
    for lv in levels:
        if _same_level(lv, ref):
            return lv
    hint = ""
    if any(str(lv) == str(ref) for lv in levels):
        hint = f" ({ref!r} is a {_kind(ref)}; the levels are {_kind(levels[0])}s)"
    elif any(_same_level(c, ref) for c in unused):
        hint = f" ({ref!r} is a category of the outcome, but no row used has it)"
    raise LevelError(
        f"ref={ref!r} is not a level of outcome {name!r}; levels are "
        f"{', '.join(map(repr, levels))}{hint}"
    )


def _core_codes(idx: np.ndarray, levels: list, ref: Any) -> np.ndarray:
    """Each row's outcome (its position in ``levels``) as a core code: equations 0..q-1 in
    level order, reference q."""
    ref_i = next(i for i, lv in enumerate(levels) if _same_level(lv, ref))
    to_core = np.empty(len(levels), dtype=np.intp)
    to_core[[i for i in range(len(levels)) if i != ref_i]] = np.arange(len(levels) - 1)
    to_core[ref_i] = len(levels) - 1
    return to_core[idx]


def _per_row(
    name: str, values: Any, n: int, rows: np.ndarray | None, index: pd.Index | None = None
) -> np.ndarray:
    """``values`` given for each of the user's ``n`` rows, restricted to the rows used.

    A Series is matched to the data by its index (as pandas aligns), not by position, when its
    index differs from the data's; an index that cannot be matched one to one is an error.
    """
    if isinstance(values, pd.Series) and index is not None and not values.index.equals(index):
        if not (
            values.index.is_unique
            and index.is_unique
            and len(values) == len(index)
            and values.index.isin(index).all()
        ):
            raise DataError(
                f"{name}: the Series' index does not match the data's index one to one; pass "
                f"a column name, an array in the data's row order, or a Series with its index"
            )
        values = values.reindex(index)
    a = np.asarray(values)
    if a.ndim != 1 or len(a) != n:
        raise DataError(
            f"{name}: expected one value per row of the data ({n}); got shape {a.shape}"
        )
    return a if rows is None else a[rows]


def _outcome_array(y: Any) -> pd.Series:
    """The outcome of the array interface as a Series numbered 0..n-1."""
    if isinstance(y, pd.DataFrame):
        if y.shape[1] != 1:
            raise DataError(f"y: expected one outcome column; got a DataFrame with {y.shape[1]}")
        y = y.iloc[:, 0]
    if isinstance(y, pd.Series):
        return y.reset_index(drop=True)
    a = np.asarray(y) if not isinstance(y, pd.Categorical) else y
    if a.ndim != 1:
        raise DataError(f"y: expected one value per row (1-D); got shape {a.shape}")
    return pd.Series(a)


def _design_array(X: Any, n: int) -> tuple[np.ndarray, tuple[str, ...]]:
    """The array interface's design as a new C-contiguous float64 array, and column names."""
    if isinstance(X, pd.DataFrame):
        names = tuple(str(c) for c in X.columns)
        dup = sorted({c for c in names if names.count(c) > 1})
        if dup:
            raise DataError(f"X: column name(s) {', '.join(map(repr, dup))} occur more than once")
        bad = [
            c
            for c in X.columns
            if not (pd.api.types.is_numeric_dtype(X[c]) or pd.api.types.is_bool_dtype(X[c]))
        ]
        if bad:
            raise InputTypeError(
                f"X: column(s) {', '.join(repr(str(c)) for c in bad)} are not numeric (dtype "
                f"{X[bad[0]].dtype}); MNLogit uses X as given, so encode categories first (or "
                "use mnlogit.fit with a formula)"
            )
        Xa = X.to_numpy(dtype=np.float64, na_value=np.nan, copy=True)
    else:
        try:
            Xa = np.array(X, dtype=np.float64, copy=True)
        except (TypeError, ValueError):
            raise InputTypeError(
                f"X: expected a numeric 2-D array or DataFrame; got "
                f"{type(X).__name__} that does not convert to numbers"
            ) from None
        if Xa.ndim == 0:
            raise InputTypeError(f"X: expected a 2-D array or DataFrame; got {type(X).__name__}")
        if Xa.ndim == 1:
            Xa = Xa[:, None]
        names = tuple(f"x{j}" for j in range(Xa.shape[1])) if Xa.ndim == 2 else ()
    if Xa.ndim != 2 or Xa.shape[0] != n:
        raise DataError(f"X has shape {Xa.shape}; expected ({n}, p) to match y")
    return np.ascontiguousarray(Xa), names


def _weights(w: np.ndarray) -> np.ndarray:
    """Validated frequency weights (non-negative whole numbers, not all zero)."""
    if not np.issubdtype(w.dtype, np.number) or w.dtype == bool:
        raise InputTypeError(f"weights: expected numbers; got dtype {w.dtype}")
    w = w.astype(np.float64)
    if not np.isfinite(w).all():
        raise DataError(f"weights: every weight must be finite; got {w[~np.isfinite(w)][0]}")
    if (w < 0).any():
        raise DataError(f"weights: frequency weights must be >= 0; got {w[w < 0][0]}")
    if not (w > 0).any():
        raise DataError("weights: all weights are zero; at least one row must have weight > 0")
    if (w != np.round(w)).any():
        raise DataError(
            "weights: frequency weights count repeated rows and must be whole numbers; got "
            f"{w[w != np.round(w)][0]}"
        )
    return w


def _groups(groups: Any, n: int) -> np.ndarray:
    g = pd.Series(np.asarray(groups) if not isinstance(groups, pd.Series) else groups.to_numpy())
    if len(g) != n:
        raise DataError(f"groups: expected one value per row used ({n}); got {len(g)}")
    if g.isna().any():
        raise DataError(
            f"groups: cluster identifiers must not be missing ({int(g.isna().sum())} are)"
        )
    codes, uniques = pd.factorize(g)
    if len(uniques) < 2:
        raise DataError(
            f"groups: cluster-robust covariance needs at least 2 clusters; got {len(uniques)}"
        )
    return codes.astype(np.intp)


class MNLogit:
    """A multinomial logit model: outcome levels, reference and design, ready to fit.

    Parameters
    ----------
    y : array-like or Series
        Outcome, one value per row.
    X : DataFrame or 2-D array
        Design matrix used as given (add an intercept column yourself, as in statsmodels).
    ref : level, optional
        Reference outcome; ``None`` means the first level.
    weights : array-like, optional
        Non-negative integer frequency weights.

    Use :func:`mnlogit.fit` to build the model from a formula and a DataFrame.
    """

    def __init__(self, y: Any, X: Any, ref: Any = None, *, weights: Any = None) -> None:
        ys = _outcome_array(y)
        if len(ys) == 0:
            raise DataError("y: no rows; a model needs data")
        Xa, names = _design_array(X, len(ys))
        if ys.isna().any():
            raise DataError(
                f"y: {int(ys.isna().sum())} missing value(s), first in row "
                f"{int(np.flatnonzero(ys.isna())[0])}; drop those rows first"
            )
        bad = ~np.isfinite(Xa).all(axis=0)
        if bad.any():
            raise DataError(
                f"X: missing or infinite values in column(s) "
                f"{', '.join(repr(names[j]) for j in np.flatnonzero(bad))}"
            )
        terms = {name: (j,) for j, name in enumerate(names)}
        if weights is not None:
            index = y.index if isinstance(y, pd.Series) else None
            weights = _per_row("weights", weights, len(ys), None, index)
        self._init(ys, Xa, names, terms, ref, weights, None, None)

    @classmethod
    def from_formula(
        cls,
        formula: str,
        data: pd.DataFrame,
        ref: Any = None,
        *,
        weights: Any = None,
        groups: Any = None,
        missing: str = "drop",
    ) -> MNLogit:
        """Build the model from an R-style formula evaluated on ``data``."""
        extra = {}
        if isinstance(weights, str):
            extra["weights"] = weights
        if isinstance(groups, str):
            extra["groups"] = groups
        design = build_design(formula, data, missing=missing, extra_columns=extra)
        rows = design.rows
        if weights is not None:
            weights = (
                design.extra["weights"]
                if "weights" in extra
                else _per_row("weights", weights, len(data), rows, data.index)
            )
        if groups is not None:
            groups = (
                design.extra["groups"]
                if "groups" in extra
                else _per_row("groups", groups, len(data), rows, data.index)
            )
        self = cls.__new__(cls)
        self._init(
            design.y, design.X, design.column_names, design.terms, ref, weights, groups, design
        )
        return self

    def _init(self, y, X, names, terms, ref, weights, groups, design) -> None:
        outcome = design.outcome_name if design is not None else (y.name or "y")
        levels, level_idx = outcome_codes(y, str(outcome))
        unused = tuple(y.cat.categories) if isinstance(y.dtype, pd.CategoricalDtype) else ()
        ref = resolve_ref(ref, levels, str(outcome), unused)
        n = len(y)
        # unweighted: one shared 1.0 seen n times (read-only), not n stored ones
        w = np.broadcast_to(1.0, n) if weights is None else _weights(np.asarray(weights))
        weighted = weights is not None
        totals = np.bincount(level_idx, weights=w, minlength=len(levels))
        empty = [levels[i] for i in range(len(levels)) if totals[i] <= 0]
        if empty:
            raise DataError(
                f"outcome level(s) {', '.join(map(repr, empty))} have zero total weight"
            )
        p = X.shape[1]
        if p == 0:
            raise DataError(
                f"the design has no columns (formula {design.formula if design else None!r}); "
                "add predictors or keep the intercept"
            )
        n_pos = int((w > 0).sum())
        if p * (len(levels) - 1) > n_pos:
            raise DataError(
                f"more parameters ({p} columns x {len(levels) - 1} equations = "
                f"{p * (len(levels) - 1)}) than rows with positive weight ({n_pos})"
            )
        y_core = _core_codes(level_idx, levels, ref)
        gram, by_outcome = _estimate.weighted_gram(X, w if weighted else None, y_core, len(levels))
        aliased = _estimate.aliased_from_gram(gram)
        if aliased:
            raise RankError(
                "the design is rank deficient: column(s) "
                f"{', '.join(repr(names[j]) for j in aliased)} are linear combinations of "
                "the others (or constant beside the intercept); drop them from the formula"
            )
        self.data = ModelData(
            X=X,
            y=y_core,
            w=w,
            levels=tuple(levels),
            ref=ref,
            column_names=tuple(names),
            terms=dict(terms),
            formula=design.formula if design is not None else None,
            outcome_name=str(outcome),
            spec=design.spec if design is not None else None,
            row_index=design.row_index if design is not None else None,
            n_dropped=design.n_dropped if design is not None else 0,
            weighted=weighted,
            groups=None if groups is None else _groups(groups, n),
            frame=design.frame if design is not None else None,
            gram=gram,
            by_outcome=by_outcome,
        )

    def fit(
        self,
        *,
        cov_type: str = "nonrobust",
        method: str = "newton",
        max_iter: int = 100,
        tol: float = 1e-10,
    ) -> MNLogitResults:
        """Estimate the coefficients; see :func:`mnlogit.fit` for the options."""
        check_option("cov_type", cov_type, COV_TYPES)
        check_option("method", method, METHODS)
        max_iter = check_positive("max_iter", max_iter, integer=True)
        tol = check_positive("tol", tol)
        if cov_type == "cluster" and self.data.groups is None:
            raise DataError("cov_type='cluster' needs groups= (a column name or one value per row)")
        if method == "firth":
            from ._firth import firth_fit

            core = firth_fit(self.data, max_iter=max_iter, tol=tol)
        else:
            core = _estimate.estimate(self.data, max_iter=max_iter, tol=tol)
        res = MNLogitResults(self.data, core, cov_type=cov_type, method=method)
        _warn_if_unconverged(res, max_iter)
        return res


def _warn_if_unconverged(res: MNLogitResults, max_iter: int) -> None:
    if res.converged:
        return
    if res.separation is not None:
        from .separation import warn_separation

        warn_separation(res.separation, stacklevel=5)
        return
    if res.diverged:
        warnings.warn(
            "the fit diverged: coefficients are running off to infinity, so the "
            "maximum-likelihood estimate may not exist (separation); estimates and standard "
            "errors are not meaningful. Try method='firth'.",
            ConvergenceWarning,
            stacklevel=4,
        )
        return
    warnings.warn(
        f"the fit did not converge in {res.n_iter} iterations; increase max_iter "
        f"(currently {max_iter}) or check the data for separation",
        ConvergenceWarning,
        stacklevel=4,
    )


def fit(
    formula: str,
    data: pd.DataFrame,
    ref: Any = None,
    *,
    weights: Any = None,
    cov_type: str = "nonrobust",
    groups: Any = None,
    method: str = "newton",
    missing: str = "drop",
    max_iter: int = 100,
    tol: float = 1e-10,
    verbose: bool = False,
) -> MNLogitResults:
    """Fit a multinomial logit from an R-style formula.

    Parameters
    ----------
    formula : str
        ``"outcome ~ predictors"`` in formulaic's syntax (``C(g)``, ``x1:x2``, ``np.log(x)``,
        ``I(x**2)``, ``- 1`` for no intercept).
    data : DataFrame
        The data; it is never modified. Predictor columns of dtype ``object`` that hold only
        numbers are used as numbers (otherwise every distinct value would become a category).
    ref : level, optional
        Reference outcome, matched by value and type (``"0"`` does not match ``0``); ``None``
        means the first level.
    weights : str or array-like, optional
        Frequency weights: a column name, or one value per row of ``data`` (a Series is matched
        by its index). A frequency weight counts how many times its row occurs, so every weight
        must be a finite, non-negative whole number (0 leaves the row out) and at least one must
        be positive; fractional weights are refused, not rounded. ``nobs`` is their sum. A
        missing weight is an error, not a dropped row.
    cov_type : {"nonrobust", "robust", "cluster"}
        Model-based covariance (inverse information), HC0 sandwich, or cluster-robust.
    groups : str or array-like, optional
        Cluster identifiers for ``cov_type="cluster"`` (at least two clusters; none missing).
    method : {"newton", "firth"}
        Maximum likelihood by Fisher scoring, or Firth's bias-reduced estimates.
    missing : {"drop", "raise"}
        Drop rows with a missing value in a column the formula uses (and count them in
        ``n_dropped``), or refuse them.
    max_iter : int
        Iteration limit, a positive integer.
    tol : float
        Convergence tolerance on the relative change in deviance and the scaled gradient, a
        positive number.
    verbose : bool
        For a dask DataFrame (fitted partition by partition, needs ``mnlogit[dask]``): print
        one line per iteration with the log-likelihood and the elapsed time.

    Returns
    -------
    MNLogitResults

    Raises
    ------
    mnlogit.exceptions.MNLogitError
        For every input the model cannot use, with a message that quotes the bad value and
        says what is allowed: ``FormulaError`` (formula syntax, no outcome), ``ColumnNotFoundError``
        (also a ``KeyError``), ``DataError`` (empty data, non-finite predictors, bad weights or
        groups, too few rows), ``LevelError`` (``ref`` not a level), ``RankError`` (collinear
        columns, named), ``OptionError`` (an option outside its allowed values).

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ cost + time", df, ref="car")  # doctest: +SKIP
    """
    if hasattr(data, "__dask_graph__"):  # a dask collection: map-reduce over its partitions
        from ._dask import fit_dask

        return fit_dask(
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
            verbose=verbose,
        )
    if groups is not None and cov_type != "cluster":
        raise OptionError(
            f"groups= is only used with cov_type='cluster'; got cov_type={cov_type!r}"
        )
    model = MNLogit.from_formula(
        formula, data, ref, weights=weights, groups=groups, missing=missing
    )
    return model.fit(cov_type=cov_type, method=method, max_iter=max_iter, tol=tol)
