"""Refusals of data too small for the model: more design columns than observations (the
coefficients not identified), and an outcome of many levels with fewer than two observations
per level (each level's equation resting on about one row). Frequency weights count their
sum as observations."""

from __future__ import annotations

from ._shown_numbers import row_count
from .exceptions import DataError

__all__ = ["MANY_LEVELS", "counted_rows", "too_many_columns", "too_many_levels"]


def counted_rows(observations: float, n_rows: int) -> str:
    """The observations of rows with frequency weights, as a refusal of their size says it."""
    return f"observations ({observations:.15g}: the frequency weights' sum over {n_rows} rows)"


def too_many_columns(
    p: int,
    n_positive: int,
    observations: float | None = None,
    *,
    formula: bool = False,
    penalty: bool = True,
) -> DataError | None:
    """The refusal of more design columns ``p`` than the rows of positive weight, or than
    the ``observations`` frequency weights count (their sum); None when there are enough.

    Columns, not coefficients (``p`` x the equations): the information is the sum over rows of
    W_i (x) x_i x_i', with each W_i positive definite while every probability is, so the
    coefficients are identified exactly when the design has full column rank. More
    coefficients than rows is no obstacle; whether the estimates exist is separation's to say.
    The advice speaks of a ``formula``'s terms or of X's columns, and of an L2 ``penalty``
    where the fit takes one to identify them."""
    if p <= (n_positive if observations is None else observations):
        return None
    counted = (
        f"rows with positive weight ({n_positive})"
        if observations is None
        else counted_rows(observations, n_positive)
    )
    return DataError(
        f"more design columns ({p}) than {counted}, so their coefficients are not identified; "
        + ("simplify the formula or merge levels" if formula else "drop columns of X")
        + (", or fit with penalty='l2'" if penalty else "")
    )


# Past this many outcome levels, fewer than two observations per level is refused (see
# too_many_levels): each level's equation rests on about one row
MANY_LEVELS = 20


def too_many_levels(
    outcome: str,
    k: int,
    n_positive: int,
    observations: float | None = None,
    *,
    formula: bool = False,
    penalty: bool = True,
) -> DataError | None:
    """The refusal of an outcome of more than MANY_LEVELS levels with fewer than two
    observations per level (the rows of positive weight, or the frequency weights' sum
    ``observations``); None otherwise.

    Each level but the reference has its own equation, here resting on about one row: such
    levels are usually separated, and the exact check of which estimates exist then solves a
    linear program per coefficient (277 s for 300 rows of a measurement given as the outcome,
    283 levels). Such an outcome is a measurement, a predictor written before the ``~``, or
    an identifier; the advice names a ``formula``'s ``~``, and an L2 ``penalty`` where the fit
    takes one."""
    n = n_positive if observations is None else observations
    if k <= MANY_LEVELS or 2 * k <= n:
        return None
    counted = (
        f"{row_count(n_positive)} with positive weight"
        if observations is None
        else counted_rows(observations, n_positive)
    )
    return DataError(
        f"outcome {outcome!r} has {k} levels among {counted}, fewer than two observations per "
        "level: a multinomial logit gives each level but the reference its own equation, which "
        "here rests on about one row (such levels are usually separated, and their estimates "
        f"then do not exist). If {outcome!r} is a measurement, cut it into bands (pd.cut) or "
        "fit a regression; "
        + ("if it was meant as a predictor, write it after the ~; " if formula else "")
        + "otherwise merge rare levels"
        + (", or fit with penalty='l2'" if penalty else "")
    )
