"""Restriction text split at its separators outside the model's labels, and text that runs two
restrictions together without the comma between them.

A number before a coefficient multiplies it (``"2 bus:x"``), so ``"bus:x = 1 train:x = 0"``
read as the chain ``bus:x = 1*train:x = 0`` and ``"bus:x = 0.1\\ntrain:x = 0"`` (one
restriction a line) as ``bus:x = 0.1*train:x``: the test ran on restrictions other than
those written, its H0 printing them back as given. Those readings are refused, as is ``;``
between restrictions, which read as part of a column's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from ._data import ModelData
from .exceptions import DataError

__all__ = ["refuse_run_together", "split_outside_labels", "split_top"]

_NUMBER = r"(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?"
# a number standing alone (not the end of a label such as 'x2'), white space, then a term
_MULTIPLIED = re.compile(rf"(?:^|(?<=[\s=+\-]))({_NUMBER})(\s+)(?=[^\s*+\-=])")


def refuse_run_together(
    piece: str, sides: list[str], labels: Iterable[str], split: Callable[[str], list[str]]
) -> None:
    """Refuse ``piece`` (one restriction, or a chain of '=' split into ``sides``) where a
    number multiplies the coefficient after it across a line break, or between two '=' of
    a chain, and where ``split`` (at ';' outside the model's labels) finds two parts.
    ``labels`` are the model's coefficient labels, which may start with a number."""
    starts = tuple(labels)
    if len(split(piece)) > 1:
        raise DataError(
            f"restriction {piece!r}: ';' does not separate restrictions; separate them by "
            "commas ('a:x = b:x, a:z = 0') or give a list of strings"
        )
    middles = [side.strip() for side in sides[1:-1]]
    for side in middles:
        found = _MULTIPLIED.match(side)
        if found and not side.startswith(starts):
            number, rest = found.group(1), side[found.end() :]
            raise DataError(
                f"restriction {piece!r}: {side!r} between two '=' reads as {number} times "
                f"{rest!r}; if two restrictions were meant, put a comma between them "
                f"('... = {number}, {rest} = ...'); if the product, write '{number}*{rest}'"
            )
    for found in _MULTIPLIED.finditer(piece):
        if "\n" in found.group(2) and not piece[found.start() :].startswith(starts):
            number, rest = found.group(1), piece[found.end() :].split("\n")[0].strip()
            raise DataError(
                f"restriction {piece!r}: {number} before a line break reads as a multiplier "
                f"of {rest!r}; line breaks do not separate restrictions: separate them by "
                f"commas, or write '{number}*{rest}' for the product"
            )


def split_outside_labels(data: ModelData, text: str, sep: str) -> list[str]:
    """Split restriction text at ``sep`` (``","`` or ``"="``) outside the model's own labels,
    backticks and brackets.

    Outcomes, columns and terms are skipped whole when they hold ``sep`` or unbalanced
    brackets, so ``bus:bs(x, df=3)[1] = 0`` is one restriction with one '='. Quotes are
    not read as quotes (as :func:`split_top` reads them in formula code): an outcome such as
    "don't know" holds an apostrophe, which opened a string running to the end of the text,
    so two restrictions separated by a comma were refused as one with two '='.
    """
    special = {
        name
        for name in (*map(str, data.equations), *data.column_names, *data.terms)
        if sep in name or "`" in name or not _balanced(name)
    }
    names = sorted(special, key=len, reverse=True)
    parts, start, depth, i = [], 0, 0, 0
    while i < len(text):
        name = next((n for n in names if text.startswith(n, i)), None)
        if name is not None:
            i += len(name)
            continue
        ch = text[i]
        if ch == "`":  # a quoted outcome or column, to its closing backtick (`` is one `)
            close = text.find("`", i + 1)
            while 0 <= close < len(text) - 1 and text[close + 1] == "`":
                close = text.find("`", close + 2)
            i = len(text) if close < 0 else close + 1
            continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth = max(depth - 1, 0)
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    return parts


def _balanced(name: str) -> bool:
    depth = 0
    for ch in name:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if depth < 0:
            return False
    return depth == 0


def split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets and quotes."""
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts
