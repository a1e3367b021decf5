"""A model's survey design and subpopulation, as :class:`~mnlogit.model.MNLogit` builds them.

The design resolved for the rows of arrays (``survey_of_arrays``) or of a formula's data
(``survey_of_formula``), the rows of a subpopulation kept with the design of every row, the
outcome values only rows outside the subpopulation hold (``outside_values``, which a refusal
of ``ref`` names), and ``subpop=`` refused without a design (``refuse_subpop``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._design import Design
from ._subpop_columns import subpopulation_rows
from ._subpop_levels import subpopulation_design
from ._survey_inputs import index_frame, subpop_mask
from ._survey_spellings import refuse_survey_groups
from .exceptions import OptionError
from .formula import _check_data
from .survey import ResolvedDesign, SurveyDesign, resolve_design, survey_design

__all__ = ["outside_values", "refuse_subpop", "survey_of_arrays", "survey_of_formula"]


def survey_of_arrays(
    ys: pd.Series,
    Xa: np.ndarray,
    design: SurveyDesign | None,
    weights: Any,
    subpop: Any,
    index: pd.Index | None,
) -> tuple[pd.Series, np.ndarray, pd.Index | None, ResolvedDesign, Callable[[], tuple] | None]:
    """The design of an array model's rows, and its outcome, design and row labels kept to
    the subpopulation, with the outcome values outside it (``None`` without one)."""
    n = len(ys)
    # a Series of the subpopulation is matched to y's index, as the design's are
    mask = None if subpop is None else subpop_mask(subpop, index_frame(subpop, index), n)
    used = np.arange(n) if mask is None else np.flatnonzero(mask)
    frame = None if index is None else pd.DataFrame(index=index)
    survey = resolve_design(
        survey_design(design, weights),
        frame,
        n,
        used,
        subpop=None if mask is None else "given as values",
        subpop_rows=mask,
    )
    outside = None
    if mask is not None:
        outside = functools.partial(outside_values, ys, mask)
        ys, Xa = ys[mask].reset_index(drop=True), Xa[mask]
        index = None if index is None else index[mask]
    return ys, Xa, index, survey, outside


def survey_of_formula(
    formula: str,
    data: pd.DataFrame,
    spec: SurveyDesign,
    groups: Any,
    missing: str,
    subpop: Any,
    *,
    limit_parameters: bool,
) -> tuple[Design, ResolvedDesign, Callable[[], tuple] | None]:
    """The formula's design of a subpopulation (or all rows) with the survey design of every
    row, and the outcome values outside the subpopulation (``None`` without one)."""
    data = _check_data(data)
    refuse_survey_groups(groups)
    n = len(data)
    mask = None if subpop is None else subpop_mask(subpop, data, n)
    domain = np.arange(n) if mask is None else np.flatnonzero(mask)
    rows = data if mask is None else subpopulation_rows(formula, data, domain)
    design, outside = subpopulation_design(
        formula, data, rows, mask, missing=missing, limit_parameters=limit_parameters
    )
    used = domain if design.rows is None else domain[design.rows]
    named = subpop if isinstance(subpop, str) else "given as values"
    described = None if mask is None else named
    survey = resolve_design(
        spec, data, n, used, subpop=described, subpop_rows=mask, outside_levels=outside
    )
    values = (
        None
        if mask is None or design.outcome_name not in data.columns
        else functools.partial(outside_values, data[design.outcome_name], mask)
    )
    return design, survey, values


def refuse_subpop(subpop: Any) -> None:
    """``subpop=`` refused for a model without probability weights or a design."""
    if subpop is not None:
        raise OptionError(
            "subpop= estimates for a subpopulation of a survey design; without probability "
            "weights or a design, fit the rows of interest instead (e.g. data[data.x == 1])"
        )


def outside_values(y: pd.Series, mask: np.ndarray) -> tuple:
    """The outcome values ``y`` of the rows outside the subpopulation ``mask``."""
    return tuple(pd.unique(np.asarray(y)[~mask]))
