"""Columns whose names a formula reads only in backticks, named when a formula that writes
them bare fails: 'y ~ my var' was refused as formulaic's "Missing operator between `my` and
`var`", 'y ~ x(1)' as "name 'x' is not defined" and 'y ~ 2020' as a numeric literal, none of
them saying that the data have a column of that name or how to write it. A column named
like a Python keyword (``class``) cannot be read inside a function call even in backticks:
``C(class)`` was told to write ```class``` there, which is refused in turn."""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable
from typing import Any

__all__ = ["backtick_note", "bare_columns", "inside_call", "keyword_advice"]

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
        return "" if columns is None else _keyword_note(formula, columns)
    names = ", ".join(map(repr, found))
    quoted = ", ".join(f"`{c}`" for c in found)
    if len(found) == 1:
        return f"; the data have a column {names}: write it in backticks, {quoted}"
    return f"; the data have columns {names}: write them in backticks, {quoted}"


def keyword_advice(word: str, inside: bool) -> str:
    """What to write for a column named like the Python keyword ``word``, written ``inside``
    a function call's parentheses or not."""
    if not inside:
        return f"a column named {word!r} is written in backticks, `{word}`"
    return (
        f"a column named {word!r}, a Python keyword, cannot be read inside a function call, "
        f"even in backticks: rename the column, e.g. df.rename(columns={{{word!r}: "
        f"{word + '_'!r}}}) (as a term on its own, `{word}` may stay)"
    )


def inside_call(text: str, at: int) -> bool:
    """Whether position ``at`` of ``text`` is inside parentheses."""
    return text[:at].count("(") > text[:at].count(")")


def _keyword_note(formula: str, columns: Iterable[Any]) -> str:
    """A note on a column named like a Python keyword that ``formula`` writes bare inside a
    call (Python's syntax error said nothing of it), or ''."""
    text = _QUOTED.sub(" ", formula)
    named = {str(c) for c in columns if keyword.iskeyword(str(c))}
    for found in re.finditer(r"(?<![\w.`])([A-Za-z]+)(?![\w`])", text):
        if found.group(1) in named and inside_call(text, found.start()):
            return f"; {keyword_advice(found.group(1), True)}"
    return ""
