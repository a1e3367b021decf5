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
    if isinstance(y.dtype, pd.CategoricalDtype):
        present = set(pd.unique(y.dropna()))
        levels = [c for c in y.cat.categories if c in present]
    else:
        values = pd.unique(y.dropna())
        kinds = {_kind(v) for v in values}
        if len(kinds) > 1:
            raise DataError(
                f"outcome {name!r} mixes value types ({', '.join(sorted(kinds))}); "
                f"convert it to one type, e.g. strings"
            )
        levels = sorted(values.tolist())
    if len(levels) < 2:
        raise DataError(
            f"outcome {name!r} has {len(levels)} level ({', '.join(map(repr, levels))}); "
            f"a multinomial model needs at least two"
        )
    return levels


def _kind(v: Any) -> str:
    if isinstance(v, (bool, np.bool_)):
        return "boolean"
    if isinstance(v, numbers.Number):
        return "number"
    return type(v).__name__


def resolve_ref(ref: Any, levels: list, name: str = "y") -> Any:
    """The level that ``ref`` names, matched by value and kind ("0" never matches 0)."""
    if ref is None:
        return levels[0]
    for lv in levels:
        if _same_level(lv, ref):
            return lv
    hint = ""
    if any(str(lv) == str(ref) for lv in levels):
        hint = f" ({ref!r} is a {_kind(ref)}; the levels are {_kind(levels[0])}s)"
    raise LevelError(
        f"ref={ref!r} is not a level of outcome {name!r}; levels are "
        f"{', '.join(map(repr, levels))}{hint}"
    )


def _core_codes(y: pd.Series, levels: list, ref: Any) -> np.ndarray:
    """Each row's outcome as a core code: equations 0..q-1 in level order, reference q."""
    idx = pd.Index(levels).get_indexer(y)
    ref_i = next(i for i, lv in enumerate(levels) if _same_level(lv, ref))
    to_core = np.empty(len(levels), dtype=np.intp)
    to_core[[i for i in range(len(levels)) if i != ref_i]] = np.arange(len(levels) - 1)
    to_core[ref_i] = len(levels) - 1
    return to_core[idx]


def _per_row(name: str, values: Any, n: int, rows: np.ndarray | None) -> np.ndarray:
    """``values`` given for each of the user's ``n`` rows, restricted to the rows used."""
    a = np.asarray(values)
    if a.ndim != 1 or len(a) != n:
        raise DataError(f"{name}: expected one value per row of the data ({n}); got shape {a.shape}")
    return a if rows is None else a[rows]


def _weights(w: np.ndarray) -> np.ndarray:
    """Validated frequency weights (non-negative whole numbers, not all zero)."""
    if not np.issubdtype(w.dtype, np.number) or w.dtype == bool:
        raise DataError(f"weights: expected numbers; got dtype {w.dtype}")
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
        raise DataError(f"groups: cluster identifiers must not be missing ({int(g.isna().sum())} are)")
    codes, uniques = pd.factorize(g)
    if len(uniques) < 2:
        raise DataError(f"groups: cluster-robust covariance needs at least 2 clusters; got {len(uniques)}")
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
        if isinstance(X, pd.DataFrame):
            names = tuple(str(c) for c in X.columns)
            Xa = X.to_numpy(dtype=np.float64, copy=True)
        else:
            Xa = np.array(X, dtype=np.float64, copy=True)
            if Xa.ndim == 1:
                Xa = Xa[:, None]
            names = tuple(f"x{j}" for j in range(Xa.shape[1]))
        ys = y.reset_index(drop=True) if isinstance(y, pd.Series) else pd.Series(np.asarray(y))
        if Xa.ndim != 2 or Xa.shape[0] != len(ys):
            raise DataError(f"X has shape {Xa.shape}; expected ({len(ys)}, p) to match y")
        if ys.isna().any() or not np.isfinite(Xa).all():
            raise DataError("y and X must not contain missing or infinite values")
        terms = {name: (j,) for j, name in enumerate(names)}
        if weights is not None:
            weights = _per_row("weights", weights, len(ys), None)
        self._init(ys, np.ascontiguousarray(Xa), names, terms, ref, weights, None, None)

    @classmethod
    def from_formula(cls, formula: str, data: pd.DataFrame, ref: Any = None, *,
                     weights: Any = None, groups: Any = None, missing: str = "drop") -> MNLogit:
        """Build the model from an R-style formula evaluated on ``data``."""
        extra = {}
        if isinstance(weights, str):
            extra["weights"] = weights
        if isinstance(groups, str):
            extra["groups"] = groups
        design = build_design(formula, data, missing=missing, extra_columns=extra)
        rows = design.rows
        if weights is not None:
            weights = design.extra["weights"] if "weights" in extra else _per_row(
                "weights", weights, len(data), rows)
        if groups is not None:
            groups = design.extra["groups"] if "groups" in extra else _per_row(
                "groups", groups, len(data), rows)
        self = cls.__new__(cls)
        self._init(design.y, design.X, design.column_names, design.terms, ref,
                   weights, groups, design)
        return self

    def _init(self, y, X, names, terms, ref, weights, groups, design) -> None:
        outcome = design.outcome_name if design is not None else (y.name or "y")
        levels = outcome_levels(y, str(outcome))
        ref = resolve_ref(ref, levels, str(outcome))
        n = len(y)
        w = np.ones(n) if weights is None else _weights(np.asarray(weights))
        weighted = weights is not None
        totals = pd.Series(w).groupby(pd.Index(levels).get_indexer(y)).sum()
        empty = [levels[i] for i in range(len(levels)) if totals.get(i, 0) <= 0]
        if empty:
            raise DataError(f"outcome level(s) {', '.join(map(repr, empty))} have zero total weight")
        p = X.shape[1]
        n_pos = int((w > 0).sum())
        if p * (len(levels) - 1) > n_pos:
            raise DataError(
                f"more parameters ({p} columns x {len(levels) - 1} equations = "
                f"{p * (len(levels) - 1)}) than rows with positive weight ({n_pos})"
            )
        aliased = _estimate.aliased_columns(X, w)
        if aliased:
            raise RankError(
                "the design is rank deficient: column(s) "
                f"{', '.join(repr(names[j]) for j in aliased)} are linear combinations of "
                "the others (or constant beside the intercept); drop them from the formula"
            )
        self.data = ModelData(
            X=X, y=_core_codes(y, levels, ref), w=w, levels=tuple(levels), ref=ref,
            column_names=tuple(names), terms=dict(terms),
            formula=design.formula if design is not None else None,
            outcome_name=str(outcome), spec=design.spec if design is not None else None,
            row_index=design.row_index if design is not None else None,
            n_dropped=design.n_dropped if design is not None else 0, weighted=weighted,
            groups=None if groups is None else _groups(groups, n),
            frame=design.frame if design is not None else None,
        )

    def fit(self, *, cov_type: str = "nonrobust", method: str = "newton", max_iter: int = 100,
            tol: float = 1e-10) -> MNLogitResults:
        """Estimate the coefficients; see :func:`mnlogit.fit` for the options."""
        check_option("cov_type", cov_type, COV_TYPES)
        check_option("method", method, METHODS)
        check_positive("max_iter", max_iter, integer=True)
        check_positive("tol", tol)
        if cov_type == "cluster" and self.data.groups is None:
            raise DataError("cov_type='cluster' needs groups= (a column name or one value per row)")
        if method == "firth":
            from ._firth import firth_fit  # noqa: PLC0415

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
        from .separation import warn_separation  # noqa: PLC0415

        warn_separation(res.separation, stacklevel=5)
        return
    if res.diverged:
        warnings.warn(
            "the fit diverged: coefficients are running off to infinity, so the "
            "maximum-likelihood estimate may not exist (separation); estimates and standard "
            "errors are not meaningful. Try method='firth'.",
            ConvergenceWarning, stacklevel=4)
        return
    warnings.warn(
        f"the fit did not converge in {res.n_iter} iterations; increase max_iter "
        f"(currently {max_iter}) or check the data for separation",
        ConvergenceWarning, stacklevel=4)


def fit(formula: str, data: pd.DataFrame, ref: Any = None, *, weights: Any = None,
        cov_type: str = "nonrobust", groups: Any = None, method: str = "newton",
        missing: str = "drop", max_iter: int = 100, tol: float = 1e-10) -> MNLogitResults:
    """Fit a multinomial logit from an R-style formula.

    Parameters
    ----------
    formula : str
        ``"outcome ~ predictors"`` in formulaic's syntax (``C(g)``, ``x1:x2``, ``np.log(x)``,
        ``I(x**2)``, ``- 1`` for no intercept).
    data : DataFrame
        The data; it is never modified.
    ref : level, optional
        Reference outcome, matched by value and type; ``None`` means the first level.
    weights : str or array-like, optional
        Frequency weights: a column name or one non-negative whole number per row of ``data``.
    cov_type : {"nonrobust", "robust", "cluster"}
        Model-based covariance (inverse information), HC0 sandwich, or cluster-robust.
    groups : str or array-like, optional
        Cluster identifiers for ``cov_type="cluster"``.
    method : {"newton", "firth"}
        Maximum likelihood by Fisher scoring, or Firth's bias-reduced estimates.
    missing : {"drop", "raise"}
        Drop rows with a missing value in a used column (and count them), or refuse them.
    max_iter : int
        Iteration limit.
    tol : float
        Convergence tolerance on the relative change in deviance and the scaled gradient.

    Returns
    -------
    MNLogitResults

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ cost + time", df, ref="car")  # doctest: +SKIP
    """
    if groups is not None and cov_type != "cluster":
        raise OptionError(f"groups= is only used with cov_type='cluster'; got cov_type={cov_type!r}")
    model = MNLogit.from_formula(formula, data, ref, weights=weights, groups=groups,
                                 missing=missing)
    return model.fit(cov_type=cov_type, method=method, max_iter=max_iter, tol=tol)
