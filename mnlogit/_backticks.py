"""Columns whose names a formula reads only in backticks, named when a formula that writes
them bare fails: 'y ~ my var' was refused as formulaic's "Missing operator between `my` and
`var`", 'y ~ x(1)' as "name 'x' is not defined" and 'y ~ 2020' as a numeric literal, none of
them saying that the data have a column of that name or how to write it. A column named
like a Python keyword (``class``) cannot be read inside a function call even in backticks:
``C(class)`` was told to write ```class``` there, which is refused in turn.

A name or text holding a backtick cannot be written at all: formulaic reads a backtick
inside quotes as opening a name in backticks (``Q('x`tick')`` and ``Treatment('a`b')`` were
refused as "Formula ended before quote context was closed"), and a name in backticks ends at
its next backtick (```x`tick``` was to be written as the advice for ``x`tick``). Both are
refused saying to replace the backtick in the data."""

from __future__ import annotations

import ast
import io
import keyword
import re
import tokenize
from collections.abc import Callable, Iterable
from typing import Any

from .exceptions import FormulaError

__all__ = [
    "backtick_note",
    "bare_columns",
    "inside_call",
    "keyword_advice",
    "python_names",
    "refuse_ticked_strings",
    "ticked_column",
    "ticked_note",
    "unquote",
    "unquote_retyped",
]

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
    ticked = ticked_note(formula, columns)
    if ticked:
        return ticked
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


def ticked_note(formula: str, columns: Iterable[Any] | None) -> str:
    """'' or a note on the column holding a backtick that ``formula`` writes: how Q() reads
    it, or that no formula can and how to rename it."""
    ticked = [
        c for c in map(str, () if columns is None else columns) if "`" in c and _written(c, formula)
    ]
    return ticked_column(ticked[0]) if ticked else ""


def ticked_column(column: str) -> str:
    """A note on the data's ``column``, whose name holds a backtick: how Q() reads it, or
    that no formula can and how to rename it."""
    if column.count("`") % 2 == 0 and not re.search("['\"\\\\]", column):
        # formulaic's quotes close again at the second backtick: Q() reads the name
        return f"; the data have a column {column!r}: write it as Q({column!r})"
    return f"; the data have a column {column!r}, {_NO_TICKS}: {_renamed(column)}"


def _keyword_note(formula: str, columns: Iterable[Any]) -> str:
    """A note on a column named like a Python keyword that ``formula`` writes bare inside a
    call (Python's syntax error said nothing of it), or ''."""
    text = _QUOTED.sub(" ", formula)
    named = {str(c) for c in columns if keyword.iskeyword(str(c))}
    for found in re.finditer(r"(?<![\w.`])([A-Za-z]+)(?![\w`])", text):
        if found.group(1) in named and inside_call(text, found.start()):
            return f"; {keyword_advice(found.group(1), True)}"
    return ""


# a string, or a name in backticks outside strings: backticks inside a string are text (a
# level 'a`b`' was read as the string 'a_quoted0_' and refused as no level)
_NAMES_OUTSIDE_STRINGS = re.compile(r"('(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\")|`[^`]*`")
_NO_TICKS = (
    "whose backtick a formula cannot write (a name in backticks ends at its next backtick, "
    "and formulaic reads one inside Q()'s quotes as opening such a name)"
)
_LOOKUP = re.compile(r"\bQ\(\s*$")
_COMPARED = re.compile(r"(`[^`]*`|[A-Za-z_][\w.]*)\s*(?:==|!=|<=?|>=?)\s*$")
_FACTOR = re.compile(r"\bC\(\s*(`[^`]*`|[A-Za-z_][\w.]*)\s*,[^()]*\(?[^()]*$")


def refuse_ticked_strings(formula: str) -> None:
    """Refuse a string of ``formula`` holding an odd number of backticks (``Q('x`tick')``, a
    level ``Treatment('a`b')``): formulaic reads the backtick as opening a name in backticks
    even inside quotes, and could not parse the formula."""
    for found in _NAMES_OUTSIDE_STRINGS.finditer(formula):
        text = found.group()
        if found.group(1) is None or text.count("`") % 2 == 0:
            continue
        value = text[1:-1]
        before = formula[: found.start()]
        if _LOOKUP.search(before):
            raise FormulaError(
                f"formula {formula!r}: Q({text}) names a column {_NO_TICKS}: {_renamed(value)}"
            )
        factor = _FACTOR.search(before) or _COMPARED.search(before)
        column = factor.group(1).strip("`") if factor else "column"
        raise FormulaError(
            f"formula {formula!r}: the text {text} holds a backtick, which formulaic reads as "
            "opening a name in backticks even inside quotes, so the formula cannot be "
            f"parsed: replace it in the data first, e.g. df[{column!r}] = "
            f"df[{column!r}].str.replace('`', '_'), and write {value.replace('`', '_')!r}"
        )


def _written(column: str, formula: str) -> bool:
    """Whether ``formula`` writes ``column`` (holding a backtick) bare, in backticks (as
    written, or with the backtick doubled); not in Q()'s quotes, refused before (by
    :func:`refuse_ticked_strings`, whose advice is the same)."""
    text = _NAMES_OUTSIDE_STRINGS.sub(lambda m: " " if m.group(1) else m.group(), formula)
    return any(form in text for form in (column, column.replace("`", "``")))


def _renamed(column: str) -> str:
    new = column.replace("`", "_")
    return f"rename the column first, e.g. df.rename(columns={{{column!r}: {new!r}}})"


def unquote(expr: str) -> str:
    """``expr`` with every backticked name replaced by a plain placeholder identifier."""
    return _NAMES_OUTSIDE_STRINGS.sub(lambda m: m.group(1) or "_quoted_", expr)


def python_names(expr: str) -> tuple[ast.Expression | None, dict[str, str]]:
    """The syntax tree of a Python factor, with each backticked name as a placeholder
    identifier, and the names the placeholders stand for."""
    quoted: dict[str, str] = {}

    def alias(match: re.Match) -> str:
        if match.group(1) or match.group() == "``":  # a string, kept; `` as before
            return match.group()
        key = f"_quoted{len(quoted)}_"
        quoted[key] = match.group()[1:-1]
        return key

    try:
        return ast.parse(_NAMES_OUTSIDE_STRINGS.sub(alias, expr), mode="eval"), quoted
    except SyntaxError:
        return None, quoted


def unquote_retyped(
    code: str, retype: Callable[[str], str] | None = None, formula: str = ""
) -> str:
    """``code``, a Python part of a formula, without the backticks around a name that needs
    none where formulaic would retype the name's other occurrences.

    formulaic puts every occurrence of the text of a name in backticks once it is written so
    anywhere in the part, when the name is a Python identifier: ``log1p(`log`)`` became
    ```log`1p(`log`)`` (refused as "invalid decimal literal"), ``C(`C`)`` called the column,
    and ``I(`g` == "g1")`` compared ``g`` with ``"`g`1"``, a column of zeros. Left alone where
    each other occurrence is the name read on its own or an attribute (``np.log(`log`)``),
    which formulaic retypes to itself.

    ``retype``: formulaic's rewrite of a Python part, to check that it reads the part as
    written. It retypes one name inside another too (```x.10` - `x.1``` became ```x.1`0 -
    `x.1```, ```a.b` + `b``` lost ``a.b``): the backticks of Python identifiers are then
    dropped, and where that is not enough (two names that need them) the part is refused,
    naming the formula (``formula``)."""
    tree, quoted = python_names(code)
    if tree is None:
        return code
    plain = {n for n in quoted.values() if n.isidentifier() and not keyword.iskeyword(n)}
    stand_in = _NAMES_OUTSIDE_STRINGS.sub(lambda m: m.group(1) or "_quoted_", code)
    try:
        tokens = list(tokenize.generate_tokens(io.StringIO(stand_in).readline))
    except (tokenize.TokenError, SyntaxError):
        return code
    retyped = set()
    # each token with the one before and the one after it (None at the ends)
    for before, token, after in zip([None, *tokens], tokens, [*tokens[1:], None], strict=False):
        if token.string == "_quoted_":
            continue
        for name in (n for n in plain if n in token.string):
            alone = token.type == tokenize.NAME and token.string == name
            attribute = before is not None and before.string == "."  # np.`log`( reads alike
            called = after is not None and after.string == "(" and not attribute
            if not alone or called:
                retyped.add(name)
    code = _unquoted(code, retyped)
    if retype is None or "`" not in code or _reading(retype(code)) == _reading(code):
        return code
    bare = _unquoted(code, plain)
    if _reading(retype(bare)) == _reading(bare):
        return bare
    names = ", ".join(f"`{n}`" for n in dict.fromkeys(python_names(bare)[1].values()))
    raise FormulaError(
        f"formula {formula!r}: formulaic misreads the names {names} in one term "
        f"({code!r} reads as {retype(code)!r}): one name's text is part of another's; "
        "rename the columns to Python names, e.g. df.columns = df.columns.str.replace('.', '_')"
    )


def _unquoted(code: str, names: set[str]) -> str:
    """``code`` with the backticks around ``names`` dropped (strings kept as they are)."""
    return _NAMES_OUTSIDE_STRINGS.sub(
        lambda m: m.group()[1:-1] if not m.group(1) and m.group()[1:-1] in names else m.group(),
        code,
    )


def _reading(code: str) -> str | None:
    """The syntax tree of ``code`` with each backticked name as itself, to compare."""
    tree, quoted = python_names(code)
    if tree is None:
        return None
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id in quoted:
            node.id = quoted[node.id]
        elif isinstance(node, ast.Attribute) and node.attr in quoted:
            node.attr = quoted[node.attr]
    return ast.dump(tree)
