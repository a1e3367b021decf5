"""Columns whose names a formula reads only in backticks, named when a formula that writes
them bare fails: 'y ~ my var' was refused as formulaic's "Missing operator between `my` and
`var`", 'y ~ x(1)' as "name 'x' is not defined" and 'y ~ 2020' as a numeric literal, none of
them saying that the data have a column of that name or how to write it."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

__all__ = ["backtick_note", "bare_columns"]

# a name in backticks, or a string (Q('x-1'), a level in Treatment('x-1')): no bare name
_QUOTED = re.compile(r"`[^`]*`|'[^']*'|\"[^\"]*\"")


def bare_columns(formula: str, columns: Iterable[Any] | None) -> list[str]:
    """The data's columns whose names are not Python identifiers and that ``formula``
    writes outside backticks and strings (as a whole name: 'x2020' does not write '2020';
    Q('x-1') quotes it)."""
    if not formula or columns is None:
        return []
    text = _QUOTED.sub(" ", formula)
    return [
        c
        for c in map(str, columns)
        if c
        and c == c.strip()
        and not c.isidentifier()
        and re.search(rf"(?<![\w.]){re.escape(c)}(?![\w.])", text)
    ]


def backtick_note(formula: str, columns: Iterable[Any] | None) -> str:
    """'' or a note naming the columns :func:`bare_columns` finds, written as the formula
    reads them."""
    found = bare_columns(formula, columns)[:3]
    if not found:
        return ""
    names = ", ".join(map(repr, found))
    quoted = ", ".join(f"`{c}`" for c in found)
    if len(found) == 1:
        return f"; the data have a column {names}: write it in backticks, {quoted}"
    return f"; the data have columns {names}: write them in backticks, {quoted}"
