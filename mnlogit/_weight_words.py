"""``weight_type=`` given in Stata's or another package's words (``"pweight"``, ``"fweight"``),
answered with the value to write, or why that kind of weight is not fitted (Stata's aweights
and iweights)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .exceptions import OptionError

__all__ = ["refuse_weight_type_words", "weight_kind"]

# weight_type= values in Stata's words (its [fweight=], [pweight=]) and others' for the two
# kinds mnlogit fits, and the kinds it does not, with what they are
_WEIGHT_TYPE_WORDS = {
    **dict.fromkeys(
        ("frequency", "fweight", "fweights", "freq", "frequencies", "count", "counts"), "frequency"
    ),
    **dict.fromkeys(
        ("probability", "pweight", "pweights", "prob", "sampling", "survey", "design"),
        "probability",
    ),
}
_NOT_FITTED = {
    "aweight": (
        "Stata's aweights (analytic weights: each row the mean of w observations, its variance "
        "1/w) have no meaning for an outcome that is a category, and Stata's mlogit refuses "
        "them too; give a row per category with its count as frequency weights"
    ),
    "iweight": (
        "Stata's iweights multiply each row's log-likelihood with no statistical meaning for "
        "the standard errors; for the same estimates from weights that are not counts, with "
        "standard errors that hold, use weight_type='probability'"
    ),
}

_NOT_FITTED_WORDS = {
    "aweight": "aweight",
    "analytic": "aweight",
    "iweight": "iweight",
    "importance": "iweight",
}


def refuse_weight_type_words(value: Any, allowed: Iterable[str]) -> None:
    """Refuse a ``weight_type=`` given in Stata's or another package's words, saying what to
    write (``"pweight"``: ``'probability'``) or why that kind is not fitted; any other value
    is left to the option check."""
    allowed = tuple(allowed)
    if not isinstance(value, str) or value in allowed:
        return
    word = value.strip().lower()
    if weight_kind(word):
        hint = f"that is weight_type={weight_kind(word)!r}"
    elif _NOT_FITTED_WORDS.get(word.rstrip("s")) in _NOT_FITTED:
        hint = _NOT_FITTED[_NOT_FITTED_WORDS[word.rstrip("s")]]
    else:
        return
    shown = ", ".join(map(repr, allowed))
    raise OptionError(f"weight_type: expected one of ({shown}); got {value!r}: {hint}")


def weight_kind(word: str) -> str | None:
    """The ``weight_type`` another package's word for a kind of weights names, or None.

    Examples
    --------
    >>> weight_kind("fweight"), weight_kind("pweights"), weight_kind("aweight")
    ('frequency', 'probability', None)
    """
    return _WEIGHT_TYPE_WORDS.get(word.strip().lower())
