"""The notes a survey fit's summary adds (see :class:`~._summary_content.SummaryContent`):
the design its standard errors come from and what it leaves without a sampling variance."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from .._checks import no_t_note
from ._format import count

if TYPE_CHECKING:  # for annotations only: results imports the summary
    from .._test_result import TestResult
    from ..results import MNLogitResults

__all__ = ["survey_notes"]


def survey_notes(res: MNLogitResults, test: TestResult | None) -> list[str]:
    """The notes of a survey fit's summary: how its estimates and standard errors are made,
    the design degrees of freedom, the subpopulation, PSUs crossed with strata, strata
    sampled in full or of a single PSU, and why ``test``, the F test of all slopes, is not
    defined when it is not."""
    data = res._data
    info = data.design
    df = res.df_design
    assert df is not None  # a survey fit has design degrees of freedom
    psu = "PSU totals" if info.clustered else "row totals (each row its own PSU)"
    # a Firth or L2 fit's estimates are those of its method (the Method row's), which the
    # note called pseudo-maximum-likelihood
    made = (
        f"{res.solver.label}, from the weighted log-likelihood (a pseudo-likelihood)"
        if res.solver.penalized
        else "pseudo-maximum-likelihood"
    )
    notes = [
        f"Probability weights: the estimates are {made} and the standard "
        f"errors design-based (Taylor linearisation: influence functions summed into "
        f"{psu}, centred within strata"
        + (", with the finite-population correction" if info.columns.get("fpc") else "")
        + f"). t statistics, intervals and F tests use the {count(df)} design "
        "degrees of freedom (#PSU - #strata).",
        "Likelihood-ratio tests, AIC, BIC and pseudo-R2 are not shown: the weighted "
        "log-likelihood is not a likelihood of the sample. Use res.wald_test(...) (the "
        "adjusted Wald F) to test terms, or res.lr_test() and mnlogit.lr_test(smaller, res) "
        "(Rao and Scott's working likelihood-ratio tests, as R's "
        "survey::regTermTest(method='LRT')).",
    ]
    if not res.solver.inference:  # the method's own note says why nothing is shown
        notes = [
            f"Probability weights: the estimates are {made}; "
            "likelihood-ratio tests, AIC, BIC and pseudo-R2 are not shown: the weighted "
            "log-likelihood is not a likelihood of the sample."
        ]
    if info.subpop is not None:
        # its rows dropped for missing values are the subpopulation's too: it was said to be
        # the rows used alone, 106 of 200 where the condition selects 118
        held = data.n_rows + res.n_dropped
        used = f" ({count(data.n_rows)} used)" if res.n_dropped else ""
        notes.append(
            f"Subpopulation {info.subpop}: {count(held)} of the {info.n_rows} rows{used}; the "
            "variance keeps the whole design (rows outside it contribute zero)."
        )
    if info.crossed:  # R's default refuses such a design: say how it was read
        notes.append(
            f"PSUs are nested in strata: {info.crossed} PSU identifier"
            + (" stands" if info.crossed == 1 else "s stand")
            + " in more than one stratum and "
            + ("counts" if info.crossed == 1 else "count")
            + f" as a PSU in each ({info.n_psu_total} "
            "PSUs), as R's svydesign(nest = TRUE) and Stata's svyset read them; R's "
            "default refuses such a design (clusters not nested in strata)."
        )
    notes.append(no_t_note(df))
    if test is not None and not np.isfinite(test.statistic):
        # the test's own reason: too few design df, too low a rank, separation, ...
        why = test.details.get("reason", "").removeprefix("Not computed: ")
        if test.details.get("owned"):
            why = "It restricts coefficients that have no standard errors (see below)."
        notes.append(f"The F test of all slopes is not defined. {why[:1].upper()}{why[1:]}")
    census = (info.fraction >= 1.0) & (info.domain_psus > 0)
    if census.any():
        shown = np.flatnonzero(census)
        names = ", ".join(repr(info.strata_labels[h]) for h in shown[:5])
        # the first five named: without the count the note read as if they were all
        if len(shown) > 5:
            names = f"{len(shown)} strata ({names} and {len(shown) - 5} more)"
        everything = not (info.domain_psus[~census] > 0).any()
        notes.append(
            # an fpc of sampling fractions says it by a fraction of 1, not by a count equal
            # to the PSUs sampled, which the note said of either
            f"Sampled in full (the fpc says every PSU of the population was sampled): {names}; "
            "a census adds no sampling variance"
            + (
                ", and every row of the fit lies in one, so the standard errors are 0: "
                "the estimates are the population's values."
                if everything
                else "."
            )
        )
    # a stratum of one PSU sampled in full (certainty) is no lonely PSU
    alone = (info.n_psu == 1) & (info.fraction < 1.0)
    lonely = int(alone.sum())
    if not info.lonely.refuses and lonely:
        treated = info.lonely.treatment
        if not (info.domain_psus[alone] > 0).any() and info.averaging == 1:
            # outside a subpopulation (or weighted 0): the note said each was given the
            # other strata's mean variance, or centred, where none was
            treated = "none holds a row of the fit of positive weight, so they add nothing"
        elif not info.lonely.in_variance and not (info.domain_psus[~info.left_out()] > 0).any():
            # as certainty PSUs: nothing of a fit in them has a sampling variance
            treated += ", and every row of the fit lies in them, so the standard errors are 0"
        notes.append(
            f"Strata with a single PSU ({lonely} of {info.n_strata}): {treated} "
            f"(lonely_psu={info.lonely_psu!r})."
        )
    return notes
