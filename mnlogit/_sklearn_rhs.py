"""Refusals of a classifier's ``formula=`` that is no right-hand side, with one to write: a
formulaic Formula or a list of column names were refused quoting them and an example
alone, and a formula of two ``~`` or none after it ("mode ~") were told to try what
follows the first ``~`` ('b ~ c', ''), which is refused again."""

from __future__ import annotations

from typing import Any

from ._formula_text import unquoted_tilde
from .exceptions import OptionError

__all__ = ["refuse_no_rhs"]

_EXAMPLE = "such as 'x1 + C(g)'"


def refuse_no_rhs(formula: Any) -> None:
    """Refuse a ``formula`` that is not the text of a right-hand side alone."""
    if not isinstance(formula, str) or not formula.strip():
        raise OptionError(
            f"formula: expected the right-hand side of a formula, {_EXAMPLE}; got "
            f"{formula!r}{_as_text(formula)}"
        )
    at = unquoted_tilde(formula)  # a column `a~b` or a level 'x~y' is no outcome
    if at < 0:
        return
    rest = formula[at + 1 :].strip()
    if not rest or unquoted_tilde(rest) >= 0:
        advice = f"give the predictors alone, {_EXAMPLE}"
    else:
        advice = f"try {rest!r}"
    raise OptionError(
        f"formula: give the right-hand side only (the outcome is y); got {formula!r}, {advice}"
    )


def _as_text(formula: Any) -> str:
    """The right-hand side to write for column names or a formulaic formula, or ``""``."""
    if isinstance(formula, (list, tuple)) and formula and all(isinstance(c, str) for c in formula):
        return f": write the columns as one formula, {' + '.join(formula)!r}"
    if type(formula).__module__.startswith("formulaic"):  # a Formula, or one with its outcome
        return f": give it as text, {str(getattr(formula, 'rhs', formula))!r}"
    return ""
