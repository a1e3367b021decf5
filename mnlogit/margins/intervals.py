"""Per-row predicted probabilities with delta-method standard errors and intervals.

The interval is taken on the logit scale and mapped back, so that it stays inside [0, 1];
rows that read a coefficient diverging under separation keep their probability, with NaN
standard error and interval.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import special

from .._checks import critical_value, statistic_name
from .._wald import rank_clause
from . import _delta
from .effects import (
    check_final,
    covariance_label,
    diverging_columns,
    estimates_note,
    few_clusters,
    inference_note,
    reading_diverging,
    separation_said,
)

if TYPE_CHECKING:  # for annotations only: results imports this package
    from ..results import MNLogitResults

__all__ = ["prediction_intervals"]


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
        Error rate, in (0, 0.5]: the intervals are 1 - alpha intervals.

    Returns
    -------
    DataFrame
        Indexed by (row, outcome), outcomes in level order (a MultiIndex of ``newdata``
        gives its own levels, and their names, in place of ``row``, and an index its name,
        as :meth:`predict` keeps them; a name ``outcome`` becomes ``row``); columns
        ``prob``, ``std_error``, ``lower``, ``upper``. Under separation, rows whose
        prediction involves a diverging coefficient keep their probability (at the fitted
        rows the fit's limit, 0 or 1 where a row is predicted perfectly; at new rows where
        the fit stopped, with a :class:`~mnlogit.SeparationWarning`) but get NaN standard
        errors and intervals;
        ``attrs["note"]`` says why. As every tidy table of the package, it says what it holds
        for when it is kept apart from the fit: ``attrs["alpha"]`` is the error rate of the
        intervals, ``attrs["covariance"]`` the standard errors' kind, and
        ``attrs["statistic"]`` and ``attrs["df"]`` the distribution of the critical value
        (``"t"`` on a survey design's degrees of freedom, ``"z"`` and None otherwise); a
        design of 0 degrees of freedom has none, and its intervals are NaN (as
        :meth:`conf_int` and :meth:`margins` give them), standard errors of 0 too.

    Notes
    -----
    The standard error of P_ik is sqrt(g' V g) with g = dP_ik/dB = P_ik (e_k - P_i) (x) x_i
    and V the results' covariance. The interval is computed on the logit scale,
    logit(P) +- z se / (P (1 - P)), and transformed back, so its bounds stay inside [0, 1]
    (and are not symmetric about P). The logit and its standard error come from the
    log-probabilities, so that they stay finite where P rounds to 0 or 1.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> res = mnlogit.fit("mode ~ np.log(distance)", df, ref="car")
    >>> res.prediction_intervals(df.head(1)).shape
    (4, 4)
    """
    z = critical_value(alpha, res.df_design)
    check_final(res, "prediction intervals")
    data = res._data
    X, index = res._design(newdata)
    if newdata is not None:
        res._warn_separated_rows(X, index)
    S = res._scaled_cov[1]  # as marginal_effects: no overflow for columns in extreme units
    V, T = res._delta_coordinates  # a fit on an orthogonal basis: the forms taken there
    # the columns' power-of-two scales, which V is of (through T)
    logp, logit, se_logit = _delta.logit_se(X, res._core.B, V, S[: data.p], T)
    P = np.exp(logp)
    diverging = diverging_columns(res)
    involved = reading_diverging(res, X)
    se_logit[involved] = np.nan
    with np.errstate(invalid="ignore", over="ignore"):
        # se(P) = P (1 - P) se(logit), with log(1 - P) = log P - logit(P): no 1 - P that
        # rounds to 0 where P is 1 - 1e-110, nor an interval about logit(1.0) = inf
        # (where P (1 - P) rounds to 0 so does se, whose logit's may pass the largest float)
        factor = np.exp(2.0 * logp - logit)
        # (a row that a separating direction moves has none, however certain it is there)
        se = np.where((factor == 0.0) & ~np.isnan(se_logit), 0.0, factor * se_logit)
        # expit(logit(P)) is P within rounding, either side: a census's intervals of width 0
        # lay an ulp beside P (in 273 of 600 cells), intervals that left out their estimate
        lower = np.minimum(special.expit(logit - z * se_logit), P)
        upper = np.maximum(special.expit(logit + z * se_logit), P)
    # where the predictors pass the largest float P is 0 or 1 exactly: the limit, no spread
    limit = np.isinf(logit) & ~involved[:, None]
    se[limit] = 0.0
    point = (se_logit == 0) | limit  # no spread (a census): the interval is the probability
    # without a critical value (a design of 0 degrees of freedom) there is no interval, not
    # even a point: conf_int(), margins() and marginal_effects() give NaN there, and the
    # note said so beside intervals [P, P]
    intervals = bool(np.isfinite(z))
    if intervals:
        lower[point] = upper[point] = P[point]
    missing = involved[:, None] | np.isnan(se)  # no interval where there is no standard error
    lower[missing] = upper[missing] = np.nan
    order = data.coding.level_to_core
    rows = _rows(index, data.levels)
    out = pd.DataFrame(
        {
            "prob": P[:, order].ravel(),
            "std_error": se[:, order].ravel(),
            "lower": lower[:, order].ravel(),
            "upper": upper[:, order].ravel(),
        },
        index=rows,
    )
    notes = []
    if involved.any():
        terms = ", ".join(repr(data.column_names[j]) for j in diverging)
        notes.append(
            separation_said(
                res, f"standard errors and intervals of {int(involved.sum())} row(s)", terms
            )
        )
    notes += _zero_notes(res, se[~involved], (lower == upper)[~involved], intervals)
    notes += [why for why in (estimates_note(res), inference_note(res), few_clusters(res)) if why]
    # a table kept apart from the fit said neither the level of its intervals, nor whether
    # they were model-based, cluster-robust or t-based on a survey design's df, as the
    # other tidy tables (to_frame(), margins, marginal effects) say
    out.attrs["statistic"] = statistic_name(res.df_design)
    out.attrs["df"] = res.df_design
    out.attrs["alpha"] = float(alpha)
    out.attrs["covariance"] = covariance_label(res)
    if notes:
        out.attrs["note"] = " ".join(notes)
    return out


def _rows(index: pd.Index, levels: Any) -> pd.MultiIndex:
    """(row, outcome) for each row of ``index`` and outcome level; a MultiIndex's own levels
    (and names), or an index's own name, in place of ``row``. Taken as one level, its rows
    were tuples named ``row``, which neither joined the rows they predict (pandas finds no
    index names in common) nor matched the index that :meth:`predict` keeps; so was an
    index named ``id``."""
    flat = pd.MultiIndex.from_product([range(len(index)), levels])
    if not isinstance(index, pd.MultiIndex):
        name = "row" if index.name is None or index.name == "outcome" else index.name
        return pd.MultiIndex.from_product([index, levels], names=[name, "outcome"])
    # a level named "outcome" beside the outcome's: unstack("outcome") and xs were ambiguous
    free = None if "row" in index.names else "row"
    return pd.MultiIndex(
        levels=[*index.levels, flat.levels[1]],
        codes=[*(np.repeat(c, len(levels)) for c in index.codes), flat.codes[1]],
        names=[*(free if n == "outcome" else n for n in index.names), "outcome"],
        verify_integrity=False,
    )


def _zero_notes(
    res: MNLogitResults, se: np.ndarray, point: np.ndarray, intervals: bool = True
) -> list[str]:
    """Why standard errors of the rows not read through diverging coefficients (``se``)
    are 0, and whether their intervals are the probability itself (``point``; without
    ``intervals``, a critical value, there are none to describe): a
    covariance of rank 0 (a census: margins and marginal_effects say it in the same words),
    or probabilities of 0 or 1 to machine precision. Both gave intervals of width 0 with
    nothing said; and far from the data, where the linear predictor's own standard error
    is large, a probability's interval on the logit scale can be as wide as [0, 1] beside a
    standard error of 0, which the note said was the probability itself."""
    zero = se == 0
    if not zero.any():
        return []
    if res.covariance.rank_bound(res._data) == 0:
        why = f"{rank_clause(res)}"
    else:
        why = "their probabilities are 0 or 1 to machine precision (values far from the data)"
    if not intervals:
        return [f"{int(zero.sum())} standard error(s) are 0: {why}."]
    wide = int((zero & ~point).sum())
    if not wide:
        return [
            f"{int(zero.sum())} standard error(s) are 0, and their intervals the probability "
            f"itself: {why}."
        ]
    return [
        f"{int(zero.sum())} standard error(s) are 0: {why}. The intervals of {wide} of them "
        "are wider than the probability itself, up to [0, 1]: they are taken on the logit "
        "scale, where the standard error of logit(P) is large so far from the data, while "
        "the factor P (1 - P) that turns it into the probability's rounds to 0."
    ]
