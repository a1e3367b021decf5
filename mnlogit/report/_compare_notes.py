"""The footnotes of :class:`mnlogit.report.compare.ComparisonTable`: what its cells are, what
its stars mean, and each fit's caveats (design degrees of freedom, other rows, separation,
an unfinished fit, standard errors that cannot be had), as each fit's own summary says them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .._alike import level_said
from .._checks import no_t_note
from .._clusters import few_clusters_note
from .._owned import owned_note
from .._separation_advice import firth_advice
from .._test_result import not_final
from ._compare_checks import (
    blank_statistics_notes,
    null_model_note,
    other_rows_note,
    other_values_note,
    positional_note,
)
from ._format import count, coverage, ratio_overflow_note

if TYPE_CHECKING:
    from .compare import ComparisonTable

__all__ = ["FLAG", "diverges", "table_notes"]

FLAG = "(!)"


def diverges(frame: pd.DataFrame) -> bool:
    """Whether a fit's table (to_frame()) has a coefficient diverging under separation."""
    return "diverged" in frame.columns and bool(frame["diverged"].any())


def table_notes(table: ComparisonTable) -> tuple[str, ...]:
    """The footnotes of ``table``, blank ones left out."""
    first = table.results[0]
    what = "Relative-risk ratios exp(coef)" if table.odds_ratios else "Coefficients"
    notes = [f"{what} against the reference outcome {level_said(first.ref)}."]
    level = coverage(table.alpha)
    spread = (
        "standard errors (delta method: exp(coef) se)" if table.odds_ratios else "standard errors"
    )
    notes.append(
        {
            "parentheses": f"{spread.capitalize()} in parentheses.",
            "brackets": f"{spread.capitalize()} in brackets.",
            "ci": f"{level} Wald confidence intervals in brackets.",
            "none": "",
        }[table.se]
    )
    if table.stars:
        notes.append("* p < 0.05, ** p < 0.01, *** p < 0.001 (tests of coef = 0).")
    shown = " and ".join(
        w for w, on in (("stars", table.stars), ("intervals", table.se == "ci")) if on
    )
    for name, res, frame in zip(table.names, table.results, table._frames, strict=True):
        if not res.solver.inference:  # a penalised fit's: none shown, a note says why
            continue
        if shown and no_t_note(res.df_design):  # none to show: say why
            missing = shown.replace(" and ", " or ")
            notes.append(f"{name}: no {missing}. {no_t_note(res.df_design)}")
        elif shown and res.df_design is not None:  # beside others' normal ones: say which
            # a census has no p-values, so no stars (its own note says why): "stars use
            # the t distribution" stood beside "No t statistics or p-values"
            tested = frame["pvalue"].notna().any()
            used = shown if tested else "intervals" if table.se == "ci" else ""
            notes.append(
                f"{name}: {used} use the t distribution on {count(res.df_design)} design "
                "degrees of freedom."
                if used
                else ""
            )
        # stars and intervals referred to the normal over-reject beside few clusters, as the
        # fit's summary says
        few = few_clusters_note(res.covariance.needs_groups, res._data.n_clusters)
        notes.append(f"{name}: {few}" if shown and few else "")
    notes.append(other_rows_note(table.results, table.names))
    notes.append(other_values_note(table.results, table.names))
    notes.append(positional_note(table.results, table.names))
    notes += blank_statistics_notes(table.results, table.names, table._statistics)
    r2 = np.isfinite(table._statistics.loc["McFadden R2"].to_numpy(np.float64))
    notes.append(null_model_note(table.results, table.names, r2.tolist()))
    if any(diverges(f) for f in table._frames) or any(
        res.separation is not None for res in table.results
    ):
        # as each such fit can follow it (a dask fit's in memory, a sandwich's nonrobust)
        fits = zip(table._frames, table.results, strict=True)
        advice = {
            firth_advice(r._data.in_memory, r.covariance, quote='"', gives=""): 0
            for f, r in fits
            if (diverges(f) or r.separation is not None)
        }
        notes.append(
            f"{FLAG} diverges under separation: no standard error exists; beside a fit "
            "statistic, the last iterate's, short of the supremum the log-likelihood "
            f"rises to. {'. '.join(advice)}."
        )
    if table.odds_ratios:
        for name, frame in zip(table.names, table._frames, strict=True):
            overflow = ratio_overflow_note(frame, errors=True)
            notes.append(f"{name}: {overflow}" if overflow else "")
    for name, res in zip(table.names, table.results, strict=True):
        why = not_final(res)  # separation has its own note
        if why is not None:
            # why it stopped and what to do, as its summary says: a fit that diverged or
            # stalled was told to refit with a larger max_iter, which changes nothing
            notes.append(
                f"{name}: the fit {why[0]}, so its estimates and standard errors are not "
                f"final; {why[1]}."
            )
        # a census's standard errors of 0, and stars none, read as rounded to nothing;
        # coefficients one cluster or PSU determines alone showed '--' unexplained
        for said in (res._untestable_note(), owned_note(res)) if res.solver.inference else ():
            notes.append(f"{name}: {said}" if said else "")
        if not res.solver.inference:
            notes.append(
                f"{name}: {res.solver.label}, shown without standard errors, tests or "
                f"intervals (its summary says why)."
            )
        penalised = res._penalised_wald_note()  # as its summary says: Wald cells unreliable
        notes.append(f"{name}: {penalised}" if penalised else "")
    return tuple(n for n in notes if n)
