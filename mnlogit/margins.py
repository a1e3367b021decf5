"""Marginal effects and predicted probabilities with delta-method standard errors.

Marginal effects are taken with respect to the raw variables of the data, not the design
columns: for ``x1 + x1:group + log(x2)`` the effect of x1 runs through both x1 columns and the
effect of x2 through log(x2). The design's derivative is obtained by re-encoding the data with
the stored formulaic ModelSpec at x +- h and x +- h/2 (Richardson-extrapolated central
differences), so any transform or interaction formulaic can encode is differentiated alike.
Standard errors use analytic Jacobians with respect to the coefficients and the results' own
covariance (model-based, robust or cluster-robust).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import special, stats

from . import _fisher
from ._checks import check_option, critical_value
from ._data import ModelData
from ._levels import same_level
from .exceptions import ColumnNotFoundError, DataError
from .formula import design_for_new_data

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = ["marginal_effects", "prediction_intervals"]

STEP = 1e-3  # relative step of the central differences: O(STEP^4) truncation after Richardson
ROWS = 8192  # rows per block when accumulating Jacobians


@dataclass(frozen=True)
class _Variable:
    """A raw variable: numeric (``levels`` None) or a factor with its levels and baseline."""

    name: str
    levels: tuple | None = None
    base: Any = None
    column: int | None = None  # models from arrays: the design column it is


def marginal_effects(
    res: MNLogitResults, at: str = "overall", variables: Any = None, alpha: float = 0.05
) -> pd.DataFrame:
    """dP(y = k)/dx for every outcome k (the reference included), with delta-method SEs.

    Parameters
    ----------
    res : MNLogitResults
    at : {"overall", "mean"}
        ``"overall"``: average marginal effects, the (frequency-weighted) mean over the rows
        used of each row's effect. ``"mean"``: the effect at the weighted means of the numeric
        variables and the weighted modes of the factors.
    variables : str or list of str, optional
        Raw variables of the formula (default: all of them). For a model built from arrays,
        each design column except the intercept is a variable.
    alpha : float
        Level of the Wald confidence intervals.

    Returns
    -------
    DataFrame
        Indexed by (variable, outcome), outcomes in level order; columns ``dydx``,
        ``std_error``, ``z``, ``pvalue``, ``lower``, ``upper``. A factor (categorical, string or
        boolean variable, or a numeric one the formula encodes with ``C()``) gives one row per
        non-baseline level, labelled like formulaic's treatment columns (``"group[T.urban]"``):
        the discrete change in P from the baseline level to that level, every row set to it.

    Notes
    -----
    With g_ij = d eta_ij / dx (eta_i,ref = 0), dP_ik/dx = P_ik (g_ik - sum_j P_ij g_ij). The
    design derivative dX/dx comes from central differences at steps h_i and h_i / 2,
    h_i = 1e-3 clip(|x_i|, 1e-3 s, s) with s the variable's standard deviation, combined by
    Richardson extrapolation (error O(h^4)); where |x_i| < 1e-3 s the relative step
    1e-3 |x_i| is also tried and the one with the smaller error estimate kept. The Jacobian
    of the averaged effect with respect to B is analytic; the covariance is the one the model
    was fitted with.
    """
    check_option("at", at, ("overall", "mean"))
    z = critical_value(alpha)
    data = res._data
    B = res._core.B
    V = res.cov_params().to_numpy()
    chosen = _select(_variables(data), variables)
    frame, w, X0 = _evaluation_point(data, at)
    labels, effects, jacobians = [], [], []
    for var in chosen:
        if var.levels is None:
            D = _design_derivative(data, frame, var, len(X0))
            eff, J = _slope(X0, D, w, B)
            labels.append(var.name)
            effects.append(eff)
            jacobians.append(J)
            continue
        base_p, base_J = _mean_probability(_design(data, _set(frame, var.name, var.base)), w, B)
        for lv in var.levels:
            if same_level(lv, var.base):
                continue
            p, J = _mean_probability(_design(data, _set(frame, var.name, lv)), w, B)
            labels.append(f"{var.name}[T.{lv}]")
            effects.append(p - base_p)
            jacobians.append(J - base_J)
    if not labels:
        raise DataError("marginal_effects: the model has no variables to take effects of")
    order = data.coding.level_to_core  # level position -> core code
    eff = np.concatenate([e[order] for e in effects])
    J = np.concatenate([j[order] for j in jacobians])
    se = np.sqrt(np.einsum("ka,ab,kb->k", J, V, J))
    with np.errstate(divide="ignore", invalid="ignore"):
        zval = eff / se
    index = pd.MultiIndex.from_tuples(
        [(lab, lv) for lab in labels for lv in data.levels], names=["variable", "outcome"]
    )
    out = pd.DataFrame(
        {
            "dydx": eff,
            "std_error": se,
            "z": zval,
            "pvalue": 2 * stats.norm.sf(np.abs(zval)),
            "lower": eff - z * se,
            "upper": eff + z * se,
        },
        index=index,
    )
    out.attrs["at"] = at
    return out


def prediction_intervals(
    res: MNLogitResults, newdata: Any = None, alpha: float = 0.05
) -> pd.DataFrame:
    """Predicted probabilities with delta-method standard errors and confidence intervals.

    Parameters
    ----------
    res : MNLogitResults
    newdata : DataFrame, optional
        Encoded with the stored formula (or used as the design for a model from arrays);
        default: the rows the model was fitted on.
    alpha : float
        1 - confidence level.

    Returns
    -------
    DataFrame
        Indexed by (row, outcome), outcomes in level order; columns ``prob``, ``std_error``,
        ``lower``, ``upper``.

    Notes
    -----
    The standard error of P_ik is sqrt(g' V g) with g = dP_ik/dB = P_ik (e_k - P_i) (x) x_i
    and V the results' covariance. The interval is computed on the logit scale,
    logit(P) +- z se / (P (1 - P)), and transformed back, so its bounds stay inside [0, 1]
    (and are not symmetric about P).
    """
    z = critical_value(alpha)
    data = res._data
    X, index = res._design(newdata)
    B = res._core.B
    V = res.cov_params().to_numpy()
    n, p = X.shape
    q = B.shape[1]
    P = _fisher.probabilities(X, B)
    var = np.empty_like(P)
    V4 = V.reshape(q, p, q, p).transpose(1, 0, 2, 3).reshape(p, q * q * p)
    delta = np.eye(q + 1, q)
    for lo in range(0, n, ROWS):
        Xc, Pc = X[lo : lo + ROWS], P[lo : lo + ROWS]
        # Q_i[l, m] = x_i' V_lm x_i for every row from one product
        Q = np.einsum("ilmb,ib->ilm", (Xc @ V4).reshape(len(Xc), q, q, p), Xc)
        C = delta[None] - Pc[:, None, :q]  # dP_ik/d eta_il = P_ik (delta_kl - P_il)
        var[lo : lo + ROWS] = Pc**2 * np.einsum("ikl,ilm,ikm->ik", C, Q, C)
    se = np.sqrt(np.maximum(var, 0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        eta = special.logit(P)
        half = z * se / (P * (1.0 - P))
        lower = np.where(se > 0, special.expit(eta - half), P)
        upper = np.where(se > 0, special.expit(eta + half), P)
    order = data.coding.level_to_core
    rows = pd.MultiIndex.from_product([index, data.levels], names=["row", "outcome"])
    return pd.DataFrame(
        {
            "prob": P[:, order].ravel(),
            "std_error": se[:, order].ravel(),
            "lower": lower[:, order].ravel(),
            "upper": upper[:, order].ravel(),
        },
        index=rows,
    )


# --- the variables and where effects are evaluated ------------------------------------------------
def _variables(data: ModelData) -> list[_Variable]:
    if data.spec is None:  # from arrays: every design column but the intercept
        return [
            _Variable(name, column=j)
            for j, name in enumerate(data.column_names)
            if j != data.intercept
        ]
    if data.frame is None:
        raise DataError(
            "marginal effects need the model's raw variables, which this model "
            "does not keep; fit it with mnlogit.fit(formula, data)"
        )
    spec, frame = data.spec, data.frame
    required = {str(v) for v in spec.required_variables}
    names: list[str] = []
    for term in spec.terms:  # formula order
        for factor in term.factors:
            for v in sorted(required & {str(u) for u in spec.factor_variables.get(factor, ())}):
                if v not in names and v in frame.columns:
                    names.append(v)
    categorical: dict[str, Any] = {}  # variable -> contrasts base of a C()/categorical factor
    for factor, used in spec.factor_variables.items():
        state = spec.encoder_state.get(factor.expr)
        if state is None or getattr(state[0], "value", None) != "categorical":
            continue
        for v in required & {str(u) for u in used}:
            contrasts = state[1].get("contrasts") if isinstance(state[1], dict) else None
            base = getattr(getattr(contrasts, "contrasts", None), "base", None)
            categorical.setdefault(v, None)
            if len(required & {str(u) for u in used}) == 1 and isinstance(base, (str, int, float)):
                categorical[v] = base
    out = []
    for v in names:
        col = frame[v]
        numeric = pd.api.types.is_numeric_dtype(col) and not pd.api.types.is_bool_dtype(col)
        if numeric and v not in categorical:
            out.append(_Variable(v))
            continue
        if isinstance(col.dtype, pd.CategoricalDtype):
            present = set(col.dropna().unique())
            levels = tuple(c for c in col.cat.categories if c in present)
        else:
            levels = tuple(sorted(col.dropna().unique().tolist()))
        base = categorical.get(v)
        base = next((lv for lv in levels if base is not None and lv == base), levels[0])
        out.append(_Variable(v, levels=levels, base=base))
    return out


def _select(available: list[_Variable], variables: Any) -> list[_Variable]:
    if variables is None:
        return available
    wanted = [variables] if isinstance(variables, str) else list(variables)
    by_name = {v.name: v for v in available}
    unknown = [v for v in wanted if v not in by_name]
    if unknown:
        raise ColumnNotFoundError(
            f"variables: {', '.join(map(repr, unknown))} not among the model's variables "
            f"({', '.join(map(repr, by_name))})"
        )
    return [by_name[v] for v in dict.fromkeys(wanted)]


def _evaluation_point(
    data: ModelData, at: str
) -> tuple[pd.DataFrame | None, np.ndarray, np.ndarray]:
    """(raw frame or None, weights, design) of the rows the effects are averaged over."""
    if at == "overall":
        return data.frame, data.w, data.X
    w = data.w
    if data.spec is None:
        return None, np.ones(1), (w @ data.X / w.sum())[None, :]
    frame = data.frame.iloc[:1].copy()
    frame.index = pd.RangeIndex(1)
    for var in _variables(data):
        col = data.frame[var.name]
        levels = var.levels
        if levels is None:
            value: Any = np.average(col.to_numpy(np.float64), weights=w)
        else:
            totals = pd.Series(w, index=col.index).groupby(col.to_numpy(), sort=False).sum()
            value = max(levels, key=lambda lv: (totals.get(lv, 0.0), -levels.index(lv)))
        frame[var.name] = pd.Series(
            [value], index=frame.index, dtype=None if var.levels is None else col.dtype
        )
    return frame, np.ones(1), _design(data, frame)


def _design(data: ModelData, frame: pd.DataFrame) -> np.ndarray:
    with np.errstate(invalid="ignore", divide="ignore"):
        return design_for_new_data(data.spec, frame)[0]


def _set(frame: pd.DataFrame, name: str, value: Any) -> pd.DataFrame:
    """A shallow copy of ``frame`` with column ``name`` replaced (the user's data are untouched)."""
    new = frame.copy(deep=False)
    if np.ndim(value) == 0:
        value = pd.Series([value] * len(frame), index=frame.index, dtype=frame[name].dtype)
    new[name] = value
    return new


def _design_derivative(
    data: ModelData, frame: pd.DataFrame | None, var: _Variable, n_rows: int
) -> np.ndarray:
    """dX/dx at each of the ``n_rows`` evaluation rows."""
    if var.column is not None:  # a design column is its own variable
        D = np.zeros((n_rows, data.p))
        D[:, var.column] = 1.0
        return D
    assert frame is not None  # a variable of the formula: its raw values are kept
    x = frame[var.name].to_numpy(np.float64)
    s = float(np.std(data.frame[var.name].to_numpy(np.float64)))
    s = s if s > 0 else max(float(np.abs(x).max()), 1.0)
    D, err = _richardson(data, frame, var.name, x, STEP * np.clip(np.abs(x), 1e-3 * s, s))
    # Near 0 a step on the variable's scale is too coarse for log(x) and the like, while a step
    # relative to |x| is too fine for shifts such as center(x): try both, keep the better.
    small = np.flatnonzero((np.abs(x) < 1e-3 * s) & (x != 0))
    if len(small):
        D_rel, err_rel = _richardson(
            data, frame.iloc[small], var.name, x[small], STEP * np.abs(x[small])
        )
        better = ~(err[small] <= err_rel)  # also where the coarse step left the domain (NaN)
        D[small[better]] = D_rel[better]
    n_bad = int((~np.isfinite(D).all(axis=1)).sum())
    if n_bad:
        raise DataError(
            f"the design cannot be differentiated with respect to {var.name!r} "
            f"at {n_bad} row(s) (e.g. log(x) or sqrt(x) at x = 0)"
        )
    return D


def _richardson(
    data: ModelData, frame: pd.DataFrame, name: str, x: np.ndarray, h: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(4 D(h/2) - D(h)) / 3 with D(h) the central difference of the design at x +- h.

    Also returns a per-row error estimate: the spread |D(h/2) - D(h)| plus the rounding error
    eps |X| / h of the differences.
    """

    def diff(step: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        up, down = x + step, x - step  # the steps actually taken, after rounding
        X_up, X_down = _design(data, _set(frame, name, up)), _design(data, _set(frame, name, down))
        rounding = np.finfo(float).eps * (np.abs(X_up) + np.abs(X_down)).max(axis=1) / (up - down)
        return (X_up - X_down) / (up - down)[:, None], rounding

    (d1, _), (d2, rounding) = diff(h), diff(h / 2)
    return d2 + (d2 - d1) / 3.0, np.abs(d2 - d1).max(axis=1) + rounding


# --- effects and their Jacobians with respect to B ------------------------------------------------
def _slope(
    X: np.ndarray, D: np.ndarray, w: np.ndarray, B: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Weighted mean of dP_ik/dx over rows (K,) and its Jacobian (K, p q), core order.

    With m_ik = dP_ik/dx = P_ik (g_ik - gbar_i), the derivative with respect to b_l is
    (delta_kl - P_il)(m_ik x_i + P_ik D_i) - P_ik m_il x_i.
    """
    n, p = X.shape
    q = B.shape[1]
    K = q + 1
    eff = np.zeros(K)
    S = np.zeros((K, p))
    T = np.zeros((K * q, p))
    for lo in range(0, n, ROWS):
        Xc, Dc, wc = X[lo : lo + ROWS], D[lo : lo + ROWS], w[lo : lo + ROWS]
        m = len(Xc)
        P = _fisher.probabilities(Xc, B)
        G = np.zeros((m, K))
        G[:, :q] = Dc @ B
        M = P * (G - (P * G).sum(axis=1, keepdims=True))
        wP, wM = P * wc[:, None], M * wc[:, None]
        eff += wc @ M
        S += wM.T @ Xc + wP.T @ Dc
        T += (
            (wP[:, None, :q] * M[:, :, None]).reshape(m, K * q).T @ Xc
            + (wP[:, None, :q] * P[:, :, None]).reshape(m, K * q).T @ Dc
            + (wP[:, :, None] * M[:, None, :q]).reshape(m, K * q).T @ Xc
        )
    J = -T.reshape(K, q, p)
    J[np.arange(q), np.arange(q)] += S[:q]
    W = w.sum()
    return eff / W, J.reshape(K, q * p) / W


def _mean_probability(X: np.ndarray, w: np.ndarray, B: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Weighted mean of P_ik over rows (K,) and its Jacobian (K, p q), core order."""
    n, p = X.shape
    q = B.shape[1]
    K = q + 1
    mean = np.zeros(K)
    diag = np.zeros((K, p))
    cross = np.zeros((K * q, p))
    for lo in range(0, n, ROWS):
        Xc, wc = X[lo : lo + ROWS], w[lo : lo + ROWS]
        P = _fisher.probabilities(Xc, B)
        wP = P * wc[:, None]
        mean += wP.sum(axis=0)
        diag += wP.T @ Xc
        cross += (wP[:, :, None] * P[:, None, :q]).reshape(len(Xc), K * q).T @ Xc
    J = -cross.reshape(K, q, p)
    J[np.arange(q), np.arange(q)] += diag[:q]
    W = w.sum()
    return mean / W, J.reshape(K, q * p) / W
