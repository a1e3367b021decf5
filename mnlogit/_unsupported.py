"""What a kind of fit cannot give, said where the user reads it.

An L2-penalised fit has no standard errors, tests or intervals; a survey fit no likelihood
of the sample (so no AIC, BIC or pseudo-R2); a covariance of rank 0 (a census) no z
statistics; a design without degrees of freedom no t p-values or intervals; a coefficient
past 709.8 (a column in tiny units) no relative-risk ratio exp(b) a float can hold. The
accessors hand those out as NaN, and the summary, ``to_frame().attrs`` and the refused tests
say why. A user reading ``res.bse`` sees neither, so each accessor read by the user's own
code also warns (:class:`~mnlogit.exceptions.InferenceWarning`), once per call, with the
reason and what to do instead: the package's own renderings read the same accessors without
a warning, since they print the reason beside the numbers.

A fit that stopped short of its estimates (max_iter reached without separation, see
:func:`~mnlogit._test_result.not_final`) hands out numbers, not NaN, but numbers of the
point where it stopped: its standard errors, tests, intervals, information criteria and
tidy table warn the same way (its Wald and likelihood-ratio tests are NaN and its margins
refused, each saying why). Its fit warned too, but a warning at fit time is long gone when
a table is read, or written to a file that keeps no note.

Separation of a maximum-likelihood fit is mostly not here: such a fit warns when it is made,
naming the coefficients involved, and ``res.diverging`` and the ``diverged`` column of
``to_frame()`` mark the cells. Its AIC, BIC and pseudo-R2 are here ("separated"): nothing marks
them outside the summary, and they are the last iterate's, short of the supremum the
log-likelihood rises to, so they move with ``max_iter`` (McFadden 0.96 after five iterations on
the risk data, 0.998 after eight, where the supremum gives 1). A Firth fit of separated data makes
those coefficients finite, and hands out their Wald statistics, p-values and intervals (and
the delta-method ones built on them), which are unreliable there: the summary says so beside
them, and each read of them by the user's code warns the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._checks import no_t_note, statistic_name
from ._owned import owned_note
from ._penalised_notes import penalised_delta_note, penalised_wald_note
from ._refits import supremum_loglik
from ._separation_advice import DASK_REFUSES, firth_advice
from ._test_result import not_final
from ._wald import untestable
from .exceptions import InferenceWarning, warn
from .report._format import count, ratio_overflow_note

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = [
    "ACCESSORS",
    "as_tidy",
    "explain",
    "explain_models",
    "explain_nan_rows",
    "reasons",
    "separated_statistics",
    "stopped_short",
]

# What each accessor hands out as NaN (as it is called, what is NaN), and which of the
# reasons below can make it so: "penalty" (no standard errors at all), "rank" (no z
# statistics: a covariance of rank 0), "df" (no t p-values or intervals: no design degrees
# of freedom), "likelihood" (no likelihood of the sample, or parameters a penalty
# constrains), "survey" (no likelihood of the sample), "params" (more coefficients than
# observations: no residual degrees of freedom); "stopped": values that are not
# NaN but not final either, the fit having stopped short of its estimates; and "separated":
# fit statistics of a maximum-likelihood fit stopped by separation, the last iterate's. (Margins and
# prediction intervals of such a fit are refused before anything is computed.)
# the tables' column names: a survey fit's t statistics are in column z too (DESIGN's
# to_frame() contract; attrs["statistic"] says "t")
_INFERENCE = "std_error, z, pvalue and the intervals are"
_STOPPED = frozenset({"stopped"})
# a Firth fit of separated data: the Wald statistics, p-values and intervals of the
# coefficients finite only through the penalty ("firth"), and the delta-method ones built on
# them ("firth_delta"), are computed but unreliable; the summary says so beside them
_WALD = _STOPPED | {"firth"}
_DELTA = frozenset({"firth_delta"})
ACCESSORS: dict[str, tuple[str, str, frozenset[str]]] = {
    "bse": ("bse", "the standard errors are", frozenset({"penalty"}) | _STOPPED),
    "zvalues": ("zvalues", "the {stat} statistics are", frozenset({"penalty", "rank"}) | _WALD),
    "pvalues": ("pvalues", "the p-values are", frozenset({"penalty", "rank", "df"}) | _WALD),
    "cov_params": ("cov_params()", "the covariance is", frozenset({"penalty"}) | _STOPPED),
    "conf_int": ("conf_int()", "the intervals are", frozenset({"penalty", "df"}) | _WALD),
    "odds_ratios": (
        "odds_ratios()",
        "the intervals are",
        frozenset({"penalty", "df"}) | _WALD,
    ),
    "to_frame": ("to_frame()", _INFERENCE, frozenset({"penalty", "rank", "df"}) | _WALD),
    "to_csv": ("to_csv()", _INFERENCE, frozenset({"penalty", "rank", "df"}) | _WALD),
    # the summary's tidy table, which leaves the summary's notes behind as to_frame() does
    "summary.to_frame": (
        "summary().to_frame()",
        _INFERENCE,
        frozenset({"penalty", "rank", "df"}) | _WALD,
    ),
    "summary.frame": (
        "summary().frame",
        _INFERENCE,
        frozenset({"penalty", "rank", "df"}) | _WALD,
    ),
    "summary.as_csv": (
        "summary().as_csv()",
        _INFERENCE,
        frozenset({"penalty", "rank", "df"}) | _WALD,
    ),
    "marginal_effects": (
        "marginal_effects()",
        _INFERENCE,
        frozenset({"penalty", "rank", "df"}) | _DELTA,
    ),
    "margins": ("margins()", _INFERENCE, frozenset({"penalty", "rank", "df"}) | _DELTA),
    "prediction_intervals": (
        "prediction_intervals()",
        "std_error and the intervals are",
        frozenset({"penalty", "df"}) | _DELTA,
    ),
    # the figures drawn from the intervals above, said of as their tables are
    "plot_odds_ratios": (
        "plot_odds_ratios()",
        "the intervals are",
        frozenset({"penalty", "df"}) | _WALD,
    ),
    "plot_probabilities": (
        "plot_probabilities()",
        "the intervals are",
        frozenset({"penalty", "df"}) | _DELTA,
    ),
    "aic": ("aic", "AIC is", frozenset({"likelihood", "separated"}) | _STOPPED),
    "bic": ("bic", "BIC is", frozenset({"likelihood", "separated"}) | _STOPPED),
    "pseudo_r2": (
        "pseudo_r2",
        "the pseudo-R2 are",
        frozenset({"survey", "separated"}) | _STOPPED,
    ),
    "df_resid": ("df_resid", "the residual degrees of freedom are", frozenset({"params"})),
    # a comparison table's statistics (a survey fit's log-likelihood is left out too)
    "statistics": ("statistics", "AIC and BIC are", frozenset({"likelihood"})),
}

SURVEY_REASON = (
    "the weighted log-likelihood of a survey fit (sampling weights or a design) is a "
    "pseudo-likelihood, not a likelihood of the sample, so information criteria and "
    "pseudo-R2 computed from it mean nothing (Stata's estat ic refuses them after svy). "
    "Compare survey fits with design-based Wald tests (res.wald_test) instead"
)


def reasons(res: MNLogitResults, what: str, kinds: frozenset[str]) -> str:
    """Why ``what`` (values of the kinds ``kinds``, see :data:`ACCESSORS`) is NaN for
    ``res``, or not final, or ""."""
    nan = _nan_reasons(res, what, kinds)
    stopped = stopped_short(res) if "stopped" in kinds else ""
    if nan and stopped:  # a sentence of its own
        stopped = stopped[0].upper() + stopped[1:]
    if not nan and "separated" in kinds:
        stopped = separated_statistics(res, what) or stopped
    penalised = ""
    if "firth" in kinds and res.solver.inference:
        penalised = penalised_wald_note(res)
    elif "firth_delta" in kinds and res.solver.inference:
        penalised = penalised_delta_note(res)
    return " ".join(part for part in (nan, stopped, penalised) if part)


def stopped_short(res: MNLogitResults) -> str:
    """Why the values read from ``res`` are not final when it stopped short of its
    estimates (see :func:`~mnlogit._test_result.not_final`), else "". A fit that diverged
    on rows in partitions is not one: every coefficient is treated as diverging there, NaN
    with the reason, as under separation."""
    why = not_final(res)
    if why is None or res._diverging_unchecked:
        return ""
    return (
        f"the fit {why[0]}: what it gives here comes from the point where it stopped, short "
        f"of its estimates, and is not final (res.converged is False); {why[1]}."
    )


def separated_statistics(res: MNLogitResults, what: str) -> str:
    """Why ``what`` (the AIC, BIC or pseudo-R2) of ``res`` is not the data's when it is a
    maximum-likelihood fit stopped by separation, else "". The summary and ``compare`` mark
    them; read as attributes they were bare numbers that moved with ``max_iter``."""
    if res.converged or res.separation is None or res.solver.penalized:
        return ""
    supremum = supremum_loglik(res)
    short = (
        f"short of the supremum it rises to along the diverging coefficients ({supremum:.6g})"
        if np.isfinite(supremum)
        else "short of the supremum it rises to along the diverging coefficients, by an "
        "amount that needs the rows in memory to find"
    )
    advice = firth_advice(res._data.in_memory, res.covariance, elsewhere=DASK_REFUSES)
    return (
        f"{what} the last iterate's: the data are separated (res.separation), so the "
        f"maximum-likelihood estimates do not exist, and the log-likelihood where the fit "
        f"stopped ({res.llf:.6g}) is {short}; it and what is made of it depend on where the "
        "iterations stopped (the summary marks them (!)), while likelihood-ratio tests "
        f"compare the supremum. {advice}."
    )


def _nan_reasons(res: MNLogitResults, what: str, kinds: frozenset[str]) -> str:
    """Why ``what`` is NaN for ``res``, or "". A penalty is the whole reason when there is
    one: nothing inferential is computed then."""
    solver = res.solver
    if not solver.inference and kinds & {"penalty", "likelihood"}:
        penalty = solver.penalty
        why = (
            penalty.said_of(penalty.reason, res._data.in_memory, res.df_design, res.covariance)
            if penalty is not None
            else "its estimator supports no inference"
        )
        return f"{what} NaN for this {solver.label} fit: {why}."
    if not res.covariance.likelihood_valid and kinds & {"likelihood", "survey"}:
        return f"{what} NaN for this survey fit: {SURVEY_REASON}."
    parts = []
    if "params" in kinds and res.df_design is None and res.nobs < res.n_params:
        parts.append(
            f"{what} NaN: the model has {res.n_params} coefficients, more than its "
            f"{count(res.nobs)} observations (nobs), so nobs less the coefficients is "
            f"{count(res.nobs - res.n_params)}, which counts no degrees of freedom; fit fewer "
            "terms or outcome levels, or more rows, for a positive count."
        )
    if "penalty" in kinds:  # the standard errors: none for what one PSU determines alone
        parts.append(owned_note(res))
    if "rank" in kinds:
        parts.append(untestable(res))
    if "df" in kinds:
        parts.append(no_t_note(res.df_design))
    return " ".join(part for part in parts if part)


def explain(res: Any, name: str, ratios: pd.DataFrame | None = None) -> None:
    """Warn, for the accessor ``name`` of :data:`ACCESSORS` that the user's code has just
    read, why its values are NaN throughout for this kind of fit, and, given the tidy table
    of its relative-risk ratios ``ratios``, why some of those are (nothing when none is)."""
    why = _why(res, name, ratios)
    if why:
        warn(f"{ACCESSORS[name][0]}: {why}", InferenceWarning)


def explain_models(
    called: str, name: str, fits: Iterable[tuple[str, Any, pd.DataFrame | None]]
) -> None:
    """As :func:`explain`, for a table of several fits (``compare``): one warning, each
    reason after the name of its model; ``fits`` holds (name, fit, its tidy table or None)."""
    parts = [f"{model}: {why}" for model, res, frame in fits if (why := _why(res, name, frame))]
    if parts:
        warn(f"{called}: {' '.join(parts)}", InferenceWarning)


def explain_nan_rows(called: str, table: pd.DataFrame, why: str) -> None:
    """Warn, for a table of tests that the user's code has just read (``called``, as
    ``anova()``), which of its rows have NaN cells and ``why``: its ``attrs["note"]`` says
    so, but a table printed, shown in a notebook or written out shows bare NaN.

    Examples
    --------
    >>> import pandas as pd, warnings
    >>> table = pd.DataFrame({"chi2": [float("nan"), 2.0], "df": [2, 2]}, index=["x", "z"])
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always")
    ...     explain_nan_rows("anova()", table, "Not computed: x diverges.")
    >>> print(caught[0].message)
    anova(): chi2 is NaN for 'x'. Not computed: x diverges.
    """
    nan = table.isna()
    rows = [label for label, empty in nan.any(axis=1).items() if empty]
    if not rows:
        return
    columns = [str(c) for c in table.columns if nan[c].any()]
    listed = columns[0] if len(columns) == 1 else f"{', '.join(columns[:-1])} and {columns[-1]}"
    which = f"{listed} {'is' if len(columns) == 1 else 'are'} NaN"
    named = ", ".join(map(repr, rows[:8])) + (f" and {len(rows) - 8} more" if len(rows) > 8 else "")
    reason = why or "the table's attrs['note'] says why."
    warn(f"{called}: {which} for {named}. {reason}", InferenceWarning)


def _why(res: Any, name: str, ratios: pd.DataFrame | None) -> str:
    _, what, kinds = ACCESSORS[name]
    what = what.format(stat=statistic_name(res.df_design))
    overflow = "" if ratios is None else ratio_overflow_note(ratios, instead="are NaN")
    return " ".join(part for part in (reasons(res, what, kinds), overflow) if part)


def as_tidy(
    ratios: pd.DataFrame, ci: pd.DataFrame, estimates: np.ndarray, diverged: np.ndarray
) -> pd.DataFrame:
    """The columns of the tidy table that say which relative-risk ratios passed the float
    range, from ``odds_ratios()``'s table, its intervals ``ci``, the coefficients and which
    of them diverge."""
    table = ratios.set_axis(["odds_ratio", "or_lower", "or_upper"], axis=1)
    return table.assign(estimate=estimates, lower=ci["lower"], upper=ci["upper"], diverged=diverged)
