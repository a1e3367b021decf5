"""The refusal of a sandwich covariance of Firth's estimates of separated data: they exist
there only through the penalty, and the likelihood's row scores, which the sandwich sums,
vanish along the separating direction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._data import ModelData
from ._separation_advice import MERGE_OR_DROP, SURVEY_NO_FIRTH
from .exceptions import EstimationError
from .separation import Separation, detect

__all__ = ["refuse_separated_sandwich"]


def refuse_separated_sandwich(
    data: ModelData,
    covariance: Any,
    method: str,
    find: Callable[[ModelData], Separation | None] | None = None,
) -> None:
    """Refuse the sandwich ``covariance`` (a :class:`mnlogit.covariance.Covariance`) of a
    ``method`` fit (Firth's) when the data are separated: its estimates exist there only
    through the penalty, and the sandwich's row scores, those of the likelihood, vanish along
    the separating direction, so it would understate their variance (an intercept's standard
    error of 0.1 where the model-based one is 1.4). No reference implementation offers a
    sandwich of Firth's adjusted scores. ``find`` checks the data (``detect`` unless given)."""
    if not data.in_memory:
        return
    sep = (find or detect)(data)
    if sep is None:
        return
    instead = (
        f"{SURVEY_NO_FIRTH}: {MERGE_OR_DROP}"
        if covariance.needs_design
        else "use cov_type='nonrobust', the model-based covariance of the penalised fit"
    )
    raise EstimationError(
        f"cov_type={covariance.name!r} with method={method!r}: the data are {sep.kind}ly "
        f"separated (terms {', '.join(sep.terms)}), so the estimates exist only through "
        "Firth's penalty, and a sandwich of the row scores, which vanish along the "
        f"separating direction, would understate their variance; {instead}"
    )
