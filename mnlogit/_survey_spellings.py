"""Other programs' spellings of a survey design's arguments, answered with this package's:
R's ``svydesign()``/``svrepdesign()`` and Stata's ``svyset`` arguments that a
:class:`~mnlogit.SurveyDesign` names otherwise or does not have, Stata's ``singleunit()``
names for the ``lonely_psu`` options, several columns given for one role (R's
``ids = ~dnum + snum``), and clusters given as ``groups=`` to a survey fit."""

from __future__ import annotations

import difflib
from typing import Any

from ._survey_hints import ONE_COLUMN
from ._survey_inputs import LONELY_PSU
from .exceptions import InputTypeError, OptionError

__all__ = [
    "refuse_column_list",
    "refuse_other_arguments",
    "refuse_stata_lonely",
    "refuse_survey_groups",
]


# What each role takes instead of several columns (R's ids = ~dnum + snum, strata = ~a + b).
_PSU = "psu= names the PSU column (R's ids = ~dnum is psu='dnum'; ids = ~1 is psu unset)"
_REPLICATES = (
    "replicate weights (R's svrepdesign(), Stata's svyset brrweight(), jkrweight(), "
    "bsrweight() or sdrweight()) are not supported: give the full-sample weights, strata and "
    "PSUs, whose linearised variance R's svydesign() and Stata's default vce(linearized) "
    "compute"
)
# Arguments of R's svydesign() and svrepdesign() and Stata's svyset that a SurveyDesign names
# otherwise or does not have, and what to give instead.
_OTHER_ARGUMENTS = {
    "ids": _PSU,
    "id": _PSU,
    "cluster": _PSU,
    "clusters": _PSU,
    "probs": (
        "weights= takes sampling weights, the inverse of the inclusion probabilities: "
        "weights=1 / df['prob']"
    ),
    "prob": "weights= takes sampling weights, the inverse of the inclusion probabilities",
    **dict.fromkeys(("weight", "pweight", "pw"), "the sampling weights are weights="),
    "vce": "the design's covariance is the linearised one, Stata's vce(linearized)",
    "stratum": "the strata are strata=",
    "nest": "PSU identifiers are always nested in strata, as R's nest = TRUE",
    "data": "the data go to mnlogit.fit(formula, data, design=...)",
    "singleunit": (
        "Stata's singleunit() is lonely_psu= ('certainty' as singleunit(certainty), "
        "'adjust' as singleunit(centered), 'average' as singleunit(scaled))"
    ),
    # svrepdesign()'s (combined.weights spelt for Python) and svyset's replicate options: a
    # close spelling of weights= would have been suggested for several of them
    **dict.fromkeys(
        (
            "repweights",
            "repweight",
            "type",
            "combined_weights",
            "rscales",
            "mse",
            "brrweight",
            "jkrweight",
            "bsrweight",
            "sdrweight",
            "fay",
            "bsn",
        ),
        _REPLICATES,
    ),
}


# Stata's singleunit() options by the lonely_psu option that computes the same variance:
# singleunit(centered) centres at the grand mean of the PSU totals, which is zero for the
# estimating equations' totals, as "adjust" centres them.
_STATA_LONELY = {"centered": "adjust", "scaled": "average", "certainty": "certainty"}


def refuse_stata_lonely(value: Any) -> None:
    """Refuse Stata's name for a ``lonely_psu`` option (``singleunit(scaled)``), or an
    option spelt in capitals or with spaces, saying which option here it is."""
    if not isinstance(value, str) or value in LONELY_PSU:
        return
    key = value.strip().lower()
    options = f"(options: {', '.join(map(repr, LONELY_PSU))}, R's survey.lonely.psu names)"
    if key == "missing":
        raise OptionError(
            f"lonely_psu: got {value!r}; Stata's default singleunit(missing) leaves the "
            "standard errors missing, where the default lonely_psu='fail' here refuses the "
            f"design naming the stratum {options}"
        )
    meant = _STATA_LONELY.get(key, key if key in LONELY_PSU else None)
    if meant is not None:
        source = f"Stata's singleunit({key})" if key in _STATA_LONELY else repr(value)
        raise OptionError(f"lonely_psu: got {value!r}; {source} is lonely_psu={meant!r} {options}")


def refuse_survey_groups(groups: Any) -> None:
    """Refuse clusters given as ``groups=`` to a survey fit: its only covariance is the
    design-based one, whose clusters are the PSUs (kept, they were never used)."""
    if groups is not None:
        raise OptionError(
            "groups= does not apply to survey data: give the clusters as "
            "design=mnlogit.SurveyDesign(psu=...)"
        )


def refuse_other_arguments(given: Any, allowed: tuple[str, ...]) -> None:
    """Refuse keyword arguments a :class:`~mnlogit.SurveyDesign` does not take, saying what
    R's or Stata's name for one is here; Python's own error would only name the argument."""
    for name in given:
        if name not in allowed:
            close = difflib.get_close_matches(name, allowed, n=1)
            spelt = f"did you mean {close[0]}=?" if close else f"it takes {', '.join(allowed)}"
            hint = _OTHER_ARGUMENTS.get(name, spelt)
            raise InputTypeError(
                f"SurveyDesign() got an unexpected keyword argument {name!r}; {hint}"
            )


def refuse_column_list(role: str, value: Any, columns: Any = None) -> None:
    """Refuse a list of column names given for one role, saying what to give instead (in
    memory they were read as the role's values, and refused as too few). ``columns``: the
    data's, which the names must all be; None where only column names are taken (Dask)."""
    if role not in ONE_COLUMN or not isinstance(value, (list, tuple)) or not value:
        return
    if all(isinstance(v, str) and (columns is None or v in columns) for v in value):
        if len(value) == 1:
            raise OptionError(
                f"{role}: got a list {list(value)!r}; give the column name itself: "
                f"{role}={value[0]!r}"
            )
        raise OptionError(
            f"{role}: got several column names {list(value)!r}; "
            + ONE_COLUMN[role].format(first=value[0], second=value[1])
        )
