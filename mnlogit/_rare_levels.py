"""Outcome levels too rare to estimate: the warning that names them, in memory and on dask
alike."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._alike import level_said
from ._clusters import warn_single_cluster_levels
from ._data import ModelData, level_counts
from ._separation_advice import rare_level_advice
from .exceptions import RareLevelWarning, warn

if TYPE_CHECKING:
    from ._methods import Method

# An outcome level with this many observations or fewer gets a warning naming it: its
# equation rests on one or two rows, and it is usually what separation involves.
RARE_LEVEL = 2


def warn_rare_levels(data: ModelData, solver: Method, covariance: Any = None) -> None:
    """Warn about outcome levels with one or two observations (rows, or frequency weights),
    in memory and on dask alike; a penalty keeps a rare level's coefficients finite. The
    Firth fit it advises is one a fit with ``covariance`` takes (see
    :func:`~mnlogit._separation_advice.rare_level_advice`)."""
    if solver.penalty is None:  # an L2 fit has no standard errors; Firth's sandwich has
        # levels of one or two observations are said below, but not of a Firth fit
        floor = 0 if solver.penalized else RARE_LEVEL
        warn_single_cluster_levels(data, covariance, level_counts(data), floor)
    if solver.penalized:
        return
    if data.p == 1 and data.intercept is not None and (covariance is None or covariance.efficient):
        # an intercept alone separates nothing: a level of one row has its share, log(1/n_ref)
        # with standard error sqrt(1 + 1/n_ref), as R's multinom(y ~ 1) gives it unwarned (a
        # sandwich keeps the warning of its own standard errors)
        return
    levels, outcome = data.levels, data.outcome_name
    counts = level_counts(data)
    rare = [(levels[k], counts[k]) for k in range(len(levels)) if 0 < counts[k] <= RARE_LEVEL]
    if not rare:
        return
    shown = ", ".join(
        f"{level_said(lv)} ({c:g} observation{'s' if c != 1 else ''})" for lv, c in rare[:10]
    )
    shown += f", and {len(rare) - 10} more" if len(rare) > 10 else ""
    measured = ""
    firth = rare_level_advice(data.in_memory, covariance)
    if len(levels) > 20 and all(_is_number(v) for v in levels) and not _whole(levels):
        # a measurement given as the outcome fits one equation per distinct value
        measured = (
            f" With {len(levels)} levels, numbers with fractional parts, the outcome looks "
            f"like a measurement rather than a category: a multinomial logit "
            f"gives each distinct value its own equation; cut it into bands first (pd.cut), "
            f"or fit a regression for a continuous outcome."
        )
    sandwich = ""
    if covariance is not None and not covariance.efficient and not covariance.needs_design:
        # the meat of such an equation is about the one row's own squared score, which can
        # be far below its information (robust SEs 0.11 against model-based 0.97); a survey
        # fit has no model-based covariance to compare with
        sandwich = (
            ", and their sandwich standard errors rest on those rows' own scores, which can "
            "make them many times too small (compare the model-based ones, "
            "cov_type='nonrobust')"
        )
    warn(
        f"outcome {outcome!r}: level(s) {shown} are very rare: their equations rest on one or "
        "two rows, so their coefficients are barely estimable and usually separated (the "
        f"maximum-likelihood estimates then do not exist){sandwich}. Merge them with another "
        f"level{f', drop their rows, or {firth}' if firth else ' or drop their rows'}."
        f"{measured}",
        RareLevelWarning,
    )


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float, np.integer, np.floating)) and not isinstance(value, bool)


def _whole(levels: Any) -> bool:
    return all(float(v).is_integer() for v in levels)
