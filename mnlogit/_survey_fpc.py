"""The finite-population correction of a survey design: fpc values read as population PSU
counts or as sampling fractions, one per stratum, and the checks on them (constant within a
stratum, no more PSUs sampled than the population holds, one form for every stratum, and
unequal rates only with sampling weights)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from ._shown_numbers import shown_number
from ._survey_inputs import design_numbers, missing_design_hint, role_name, row_list
from .exceptions import DataError

__all__ = [
    "CENSUS",
    "FPC_ROUNDING",
    "check_unweighted_fractions",
    "checked_fpc",
    "stratum_fractions",
]


def checked_fpc(values: np.ndarray, design: Any, data: pd.DataFrame | None) -> np.ndarray:
    """The fpc values as float64, each a positive number or 0, else a named error. A
    population of ``inf`` PSUs is an infinite population, a stratum without correction, as
    R's survey package reads it (``fpc == Inf``): a design can correct some strata and not
    others. So is a sampling fraction of 0 (R's population n_h / 0 = Inf), the only way to
    leave a stratum uncorrected among fractions, where an inf is refused as a count."""
    name = role_name(design, "fpc")
    f = design_numbers(values, name, data)
    with np.errstate(invalid="ignore"):
        # a 0 beside counts is no fraction: refused here, naming its rows
        counts = bool((f > 1 + FPC_ROUNDING).any())
    bad = np.isnan(f) | (f < 0) | ((f == 0) & counts)
    if bad.any():
        zero = f[bad][0] == 0
        raise DataError(
            f"{name}: expected positive numbers (population PSU counts, inf for a stratum "
            "without correction, or sampling fractions, 0 for a stratum without correction); got "
            f"{shown_number(values, f, bad)} in {row_list(bad, data)}"
            + (missing_design_hint("fpc") if np.isnan(f[bad][0]) else "")
            + (
                " (beside population counts: there a stratum without correction is inf)"
                if zero
                else ""
            )
        )
    return f


# fpc values this close (relative) are the same value, rounded differently: two values of one
# stratum, a fraction and 1, or a population count and the PSUs sampled
FPC_ROUNDING = 1e-9


def stratum_fractions(
    lo: np.ndarray, hi: np.ndarray, n_psu: np.ndarray, labels: tuple, design: Any
) -> np.ndarray:
    """Sampling fraction of each stratum from its smallest and largest fpc value: population
    PSU counts, or fractions when every value is at most 1, as R's survey package and Stata
    read it.

    Values that differ only by rounding (a fraction computed row by row as n_h / N_h, 1e-15
    apart) are one value, the smallest; others are refused, shown in full (at 6 digits such
    a pair read "from 0.0226193 to 0.0226193"). So are a census stratum's fraction computed
    as n_h / N_h a rounding above 1, and its population count a rounding below the PSUs
    sampled: both are a fraction of 1 (every value above 1 read the fractions as counts, and
    the message said a population of 0.0226 PSUs was smaller than the 100 sampled), as are
    a fraction and a count a rounding on the other side (:func:`_census_rounded`).
    Fractions mixed with counts are refused, quoting one of each, as R refuses them.
    """
    name = role_name(design, "fpc")
    with np.errstate(invalid="ignore"):  # inf - inf: a stratum without correction
        apart = hi - lo > FPC_ROUNDING * np.abs(hi)
    varies = np.flatnonzero(apart | (np.isinf(hi) & np.isfinite(lo)))
    if len(varies):
        h = varies[0]
        raise DataError(
            f"{name}: must be constant within a stratum; stratum {labels[h]!r} has values from "
            f"{float(lo[h])!r} to {float(hi[h])!r}"
        )
    if (hi <= 1 + FPC_ROUNDING).all():
        return _census_rounded(lo)
    below = np.flatnonzero(lo < 1)
    if len(below):
        h, k = below[0], np.flatnonzero(hi > 1 + FPC_ROUNDING)[0]
        counts = np.flatnonzero((hi > 1 + FPC_ROUNDING) & np.isfinite(hi))
        # a stratum without correction is written inf among counts and 0 among fractions
        uncorrected = (
            " (a stratum without correction is inf among population counts and 0 among "
            "sampling fractions, as R's survey package reads them)"
            if lo[h] == 0 or not len(counts)
            else ""
        )
        raise DataError(
            f"{name}: mixes sampling fractions (below 1: {float(lo[h])!r} in stratum "
            f"{labels[h]!r}) with population counts ({float(hi[k])!r} in stratum "
            f"{labels[k]!r}); give every stratum's fpc in one form: the number of PSUs in "
            f"its population, or its sampling fraction (at most 1){uncorrected}"
        )
    small = np.flatnonzero(lo < n_psu * (1 - FPC_ROUNDING))
    if len(small):
        h = small[0]
        raise DataError(
            f"{name}: the population of stratum {labels[h]!r} ({float(lo[h])!r} PSUs) is "
            f"smaller than the {n_psu[h]} PSUs sampled from it; fpc is the number of PSUs in "
            "the stratum's population (or, when every value is at most 1, the sampling "
            "fraction)"
        )
    return _census_rounded(n_psu / lo)


# R's survey package takes a stratum whose 1 - f_h is below this as sampled in full
# (survey:::onestrat: all(f < 0.0000001))
CENSUS = 1e-7


def _census_rounded(fraction: np.ndarray) -> np.ndarray:
    """Sampling fractions with those a rounding away from 1 made 1: a census stratum's fpc
    computed in floating point (N_h = n_h / f_h, or f_h = n_h / N_h) left 1 - f_h at 1e-16,
    and its variance, scaled by it, at rounding noise instead of zero: standard errors of
    1e-10 and p-values of 0 where a census has none. Below 1, a fraction within ``CENSUS``
    of 1 is a census, as R's survey package reads it: stored in single precision, a
    census's fraction is 1 - 6e-8, and its standard errors came out 1e-6, its p-values 0."""
    census = (fraction >= 1.0 - CENSUS) & (fraction <= 1.0 + FPC_ROUNDING)
    return np.where(census, 1.0, np.minimum(fraction, 1.0))


def check_unweighted_fractions(design: Any, fraction: np.ndarray, labels: tuple) -> None:
    """Refuse an fpc whose sampling fractions differ between strata in a design without
    weights.

    Without weights every row weighs 1, as if every stratum were sampled at the same rate,
    which the fpc says it was not: the estimates are not the population's. R's
    ``svydesign(strata =, fpc =)`` without weights derives them from the fpc (N_h / n_h), so
    the same call gave other estimates here, silently.
    """
    if design.weights is None and design.fpc is not None and len(fraction) > 1:
        lo, hi = int(np.argmin(fraction)), int(np.argmax(fraction))
        if fraction[hi] - fraction[lo] > FPC_ROUNDING * fraction[hi]:
            raise DataError(
                f"{role_name(design, 'fpc')} gives sampling fractions that differ between "
                f"strata ({labels[lo]!r}: {fraction[lo]:.4g}, {labels[hi]!r}: "
                f"{fraction[hi]:.4g}) but no sampling weights are given, so every row would "
                "weigh 1 as if all were sampled at one rate, and the estimates would not be "
                "the population's; give the sampling weights (R's svydesign() derives them "
                "from fpc as the stratum's population over its sample, N_h / n_h), or a "
                "column of ones to fit unweighted on purpose"
            )
