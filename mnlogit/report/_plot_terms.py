"""The coefficients ``plot_odds_ratios(terms=...)`` draws: a name or a list of names of
``res.params.index``, each once, refused by ``terms`` with the names it may take."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from ..exceptions import ColumnNotFoundError, DataError, InputTypeError

__all__ = ["chosen_terms"]


def chosen_terms(terms: Any, names: Sequence[str], intercept: bool) -> list[str]:
    """The coefficient names of ``names`` to draw, in the order asked (a set's in
    ``names``' order), each once: all but the intercept (unless ``intercept``) for None.

    A name alone was read letter by letter ("'p', 'a', 'r', ... not among the
    coefficients"); a tuple, an Index, an array or a set of names, and a number, ended in
    pandas' or numpy's own tracebacks; an empty list was called a model without
    coefficients besides the intercept."""
    names = list(names)
    if terms is None:
        return [t for t in names if intercept or t != "Intercept"]
    allowed = ", ".join(names)
    if isinstance(terms, str):
        terms = [terms]
    elif isinstance(terms, (set, frozenset)):
        terms = sorted(terms, key=lambda t: names.index(t) if t in names else len(names))
    elif isinstance(terms, (list, tuple, pd.Index, pd.Series, np.ndarray)) and np.ndim(terms) == 1:
        terms = list(terms)
    else:
        raise InputTypeError(
            f"terms: expected a coefficient name or a list of them ({allowed}); got "
            f"{type(terms).__name__} {terms!r}"
        )
    if not all(isinstance(t, str) for t in terms):
        odd = next(t for t in terms if not isinstance(t, str))
        raise InputTypeError(
            f"terms: expected coefficient names ({allowed}); got {type(odd).__name__} {odd!r}"
        )
    if not terms:
        raise DataError(f"terms: the list is empty; name at least one of {allowed}")
    bad = [t for t in terms if t not in names]
    if bad:
        hints = "".join(_hint(t, names) for t in bad)
        raise ColumnNotFoundError(
            f"terms: {', '.join(map(repr, bad))} not among the coefficients ({allowed}){hints}"
        )
    return list(dict.fromkeys(map(str, terms)))


def _hint(term: str, names: list[str]) -> str:
    """The coefficients of the variable ``term`` names ('region' for region[T.urban])."""
    columns = [n for n in names if n.startswith(f"{term}[")]
    if not columns:
        return ""
    return f"; {term!r} is a factor: its coefficients are {', '.join(map(repr, columns))}"
