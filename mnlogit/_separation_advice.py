"""What a fit of separated data is told to do instead, as that kind of fit can do it.

Firth's fit gives finite estimates of separated data, but only with the model-based
covariance: a sandwich (robust, cluster-robust, a survey design's) of the likelihood's row
scores, which vanish along the separating direction, would understate the variance of
estimates that exist only through the penalty, so such a fit is refused
(:func:`mnlogit._firth_sandwich.refuse_separated_sandwich`). The warning, the summary, the notes
of tests, margins and tables all advise from here, so that the advice is one the fit takes.
"""

from __future__ import annotations

from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any, TypeVar

__all__ = [
    "MERGE_OR_DROP",
    "SEPARATION_KINDS",
    "SURVEY_NO_FIRTH",
    "SeparationKind",
    "advised",
    "firth_advice",
    "kind_of",
    "prediction_advice",
    "rare_level_advice",
]

S = TypeVar("S")

MERGE_OR_DROP = "merge or drop the levels or columns that separate the outcomes"
SURVEY_NO_FIRTH = "a survey fit has only the design-based covariance"
DASK_REFUSES = " on the data in memory (a dask fit refuses it)"


@dataclass(frozen=True)
class SeparationKind:
    """What a kind of separation (``Separation.kind``) means for the fit and its advice.

    Examples
    --------
    >>> SEPARATION_KINDS["quasi-complete"].supremum
    'a finite supremum'
    """

    #: every row is classified perfectly, so every coefficient diverges: no term to merge
    #: or drop, and only other outcomes or predictors give a finite maximum
    complete: bool
    #: found by the exact check (not the screen of a dask fit's kept sums), which Firth's
    #: fit can follow
    exact: bool
    #: what the log-likelihood climbs to along the diverging coefficients
    supremum: str


SEPARATION_KINDS = {
    "complete": SeparationKind(complete=True, exact=True, supremum="0"),
    "quasi-complete": SeparationKind(complete=False, exact=True, supremum="a finite supremum"),
    "screened": SeparationKind(complete=False, exact=False, supremum="0 or a finite supremum"),
}
# a stand-in of no known kind (a note in place of a separation) claims nothing of it
_UNKNOWN = SeparationKind(complete=False, exact=False, supremum="0 or a finite supremum")


def kind_of(sep: Any) -> SeparationKind:
    """The :class:`SeparationKind` of ``sep`` (a Separation or a stand-in without a kind)."""
    return SEPARATION_KINDS.get(str(getattr(sep, "kind", "")), _UNKNOWN)


def firth_advice(
    in_memory: bool,
    covariance: Any = None,
    *,
    verb: str = "Refit with",
    remedy: bool = True,
    quote: str = "'",
    gives: str = "finite bias-reduced estimates",
    elsewhere: str = " on the data in memory",
) -> str:
    """The sentence (without its full stop) that advises a fit of separated data.

    Parameters
    ----------
    in_memory : bool
        Whether the fit's rows are in memory (a dask fit refuses method='firth').
    covariance : mnlogit.covariance.Covariance, optional
        The fit's covariance; None for data without a fit (``check_separation``).
    verb : str
        What the advice of a Firth fit starts with (a survey fit's starts with "A" or "a" as
        it does).
    remedy : bool
        Whether a survey fit's advice, which is no Firth fit, ends with what to merge or drop
        (False where the caller names the levels and terms itself).
    quote : str
        The quotes of the options' values (the summary writes ``method="firth"``).
    gives : str
        What the Firth fit gives ("" where the text says it already).
    elsewhere : str
        Where a dask fit's advice sends the Firth fit.

    Returns
    -------
    str

    Examples
    --------
    >>> from mnlogit.covariance import COVARIANCES
    >>> firth_advice(True, COVARIANCES["nonrobust"])
    "Refit with method='firth' for finite bias-reduced estimates"
    >>> firth_advice(True, COVARIANCES["robust"], verb="Use")
    "Use method='firth' and cov_type='nonrobust' for finite bias-reduced estimates"
    """
    firth = f"method={quote}firth{quote}"
    if covariance is not None and covariance.needs_design:
        article = "A" if verb[:1].isupper() else "a"
        said = (
            f"{article} Firth fit ({firth}) is refused: {SURVEY_NO_FIRTH}, which would "
            "understate the variance of estimates that exist only through Firth's penalty"
        )
        return f"{said}; {MERGE_OR_DROP}" if remedy else said
    where = "" if in_memory else elsewhere
    sandwich = covariance is not None and not covariance.efficient
    model_based = f" and cov_type={quote}nonrobust{quote}" if sandwich else ""
    return f"{verb} {firth}{where}{model_based}{f' for {gives}' if gives else ''}"


def advised(sep: S, in_memory: bool, covariance: Any) -> S:
    """``sep`` (a :class:`~mnlogit.separation.Separation`) with the advice of the fit that
    found it (in memory or not, with ``covariance``), which its message gives. A
    quasi-complete separation's message names the levels and terms to merge or drop itself."""
    if not is_dataclass(sep) or "advice" not in {f.name for f in fields(sep)}:
        return sep  # a stand-in that says its own advice
    kind = kind_of(sep)
    quasi = kind.exact and not kind.complete and bool(getattr(sep, "terms", ()))
    advice = firth_advice(in_memory, covariance, verb="Use", remedy=not quasi)
    return replace(sep, advice=advice)  # type: ignore[type-var]


def prediction_advice(res: Any) -> str:
    """What new rows of the fit ``res`` that read a diverging coefficient are told to refit
    with (see :func:`firth_advice`)."""
    return firth_advice(
        res._data.in_memory,
        res.covariance,
        verb="refit with",
        gives="predictions from finite bias-reduced estimates",
        elsewhere=DASK_REFUSES,
    )


def rare_level_advice(in_memory: bool, covariance: Any) -> str:
    """What a fit with outcome levels of one or two rows, usually separated, can use besides
    merging them or dropping their rows: a Firth fit as it would take it, or nothing (a
    survey fit's, which it refuses if they are separated)."""
    if covariance is not None and covariance.needs_design:
        return ""
    return firth_advice(in_memory, covariance, verb="use", gives="", elsewhere=DASK_REFUSES)
