"""Stata's ``test`` syntax after ``mlogit``, said as the restriction to write: ``[bus]income``,
``[bus]_b[income]`` and ``_b[bus:income]`` are ``bus:income``; ``[bus]`` alone (every
coefficient of that equation but the constant, as Stata's ``test`` reads it) and
``[bus=train]`` (each of those equal in both) are their coefficients one by one; ``: x z``
after either limits them to those variables; a list of names ``income age`` (Stata's
coeflist) is one restriction each; ``_cons`` is the intercept, ``2.region`` and
``i.region`` a factor's column and term. These were refused as "cannot read '[bus]income'".
Text only; :mod:`mnlogit._restrictions` checks that what is said parses.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

__all__ = ["first_equation_advice", "stata_test_spelling"]

_NAME = r"[A-Za-z_][\w.]*"
# [bus], [bus=train=walk], optionally followed by ': income age'
_EQUATIONS = re.compile(r"\[\s*([^\[\]]+?)\s*\]\s*(?::\s*(.*))?")
_B_EQUATION = re.compile(r"_b\[\s*([^\[\]:]+?)\s*:\s*([^\[\]]+?)\s*\]")  # _b[bus:income]
_EQUATION_B = re.compile(r"\[\s*([^\[\]=]+?)\s*\]\s*_b\[\s*([^\[\]]+?)\s*\]")  # [bus]_b[x]
# [bus]income, [bus]2.region
_EQUATION_NAME = re.compile(rf"\[\s*([^\[\]=]+?)\s*\]\s*({_NAME}|\d+\.[A-Za-z_]\w*)")
_B_ALONE = re.compile(r"_b\[\s*([^\[\]:]+?)\s*\]")  # _b[income]
# the command itself, copied with its arguments: test [bus]income, testparm income
_COMMAND = re.compile(r"\s*(?:test|testparm)\s+")
_LEVEL = re.compile(r"(?<![\w.`])(\w+)\.([A-Za-z_]\w*)")  # 2.region, urban.region, i.region


def _is_stata(text: str) -> bool:
    return bool("[" in text or "_cons" in text or _LEVEL.search(text) or len(text.split()) > 1)


def stata_test_spelling(
    text: str,
    equations: Sequence[str],
    columns: Sequence[str],
    terms: Mapping[str, Sequence[int]],
) -> str | list[str] | None:
    """The restriction (or list of terms) that Stata's ``test`` syntax ``text`` stands for
    after ``mlogit``, for a model of outcomes ``equations`` (those with coefficients),
    design ``columns`` and ``terms`` (name -> column positions); None where ``text`` is
    not Stata's or names nothing of the model.

    Examples
    --------
    >>> eqs, cols = ["bus", "train"], ["Intercept", "income", "age"]
    >>> terms = {"Intercept": [0], "income": [1], "age": [2]}
    >>> stata_test_spelling("[bus]income = [train]income", eqs, cols, terms)
    'bus:income = train:income'
    >>> stata_test_spelling("[bus=train]", eqs, cols, terms)
    'bus:income = train:income, bus:age = train:age'
    >>> stata_test_spelling("income age", eqs, cols, terms)
    ['income', 'age']
    """
    text = text.strip()
    command = _COMMAND.match(text)
    if command and (command[0].strip() in terms or command[0].strip() in columns):
        command = None  # 'test income' with a predictor named test: Stata's coeflist
    text = text[command.end() :] if command else text
    if not (command or _is_stata(text)):
        return None
    whole = _EQUATIONS.fullmatch(text)
    if whole is not None:
        return _equations(whole[1], whole[2], equations, columns, terms)
    written = _B_EQUATION.sub(r"\1:\2", text)
    written = _EQUATION_B.sub(r"\1:\2", written)
    written = _EQUATION_NAME.sub(r"\1:\2", written)
    written = _B_ALONE.sub(r"\1", written)
    intercept = "Intercept" in columns and "_cons" not in columns
    # an outcome named _cons ('_cons:income') is that outcome, not the constant
    written = re.sub(r"(?<![\w.])_cons\b(?!\s*:)", "Intercept", written) if intercept else written
    written = _LEVEL.sub(lambda m: _level_column(m, columns, terms), written)
    words = written.split()
    coefficients = {f"{e}:{c}" for e in equations for c in columns}
    if len(words) > 1 and all(w in terms or w in columns or w in coefficients for w in words):
        # Stata's coeflist: each named coefficient (or term, in every equation) is 0
        if all(w in terms for w in words):
            return words
        return ", ".join(f"{w} = 0" for w in words)
    if command and (written in terms or written in columns):
        return written
    return None if written == text and not command else written


def first_equation_advice(text: str, equations: Sequence[str]) -> str | None:
    """What to write for Stata's ``_b[income]`` without an equation in ``text``, which after
    ``mlogit`` is one equation's coefficient (the first of ``e(b)``): read as every
    equation's, ``_b[income] = 0`` tested income in all of them; None where there is none.

    Examples
    --------
    >>> first_equation_advice("_b[income] = 0", ["bus", "train"]).split(";")[0]
    "_b[income] without an equation is one equation's coefficient (the first of e(b))"
    >>> first_equation_advice("[bus]_b[income] = 0", ["bus", "train"]) is None
    True
    """
    named = _EQUATION_B.sub(" ", _B_EQUATION.sub(" ", text))
    found = _B_ALONE.search(named)
    if found is None:
        return None
    name = found[1]
    return (
        f"_b[{name}] without an equation is one equation's coefficient (the first of e(b)); "
        f"write it with its outcome, '{equations[0]}:{name}' (outcomes "
        f"{', '.join(map(repr, equations))}), or {name!r} alone for {name} = 0 in every equation"
    )


def _level_column(
    match: re.Match[str], columns: Sequence[str], terms: Mapping[str, Sequence[int]]
) -> str:
    """``2.region`` as the column of that level, ``i.region`` as the term (``region`` or
    ``C(region, ...)``); else as written."""
    level, name = match[1], match[2]
    factor = re.compile(rf"(?:{re.escape(name)}|C\({re.escape(name)}(?:,[^\[]*)?\))")
    if level.lower() == "i":
        return next((t for t in terms if factor.fullmatch(t)), match[0])
    for column in columns:
        head, _, tail = column.partition("[")
        if factor.fullmatch(head) and re.fullmatch(rf"(?:T\.)?{re.escape(level)}\]", tail):
            return column
    return match[0]


def _equations(
    inside: str,
    listed: str | None,
    equations: Sequence[str],
    columns: Sequence[str],
    terms: Mapping[str, Sequence[int]],
) -> str | None:
    """``[bus]`` (each coefficient 0) or ``[bus=train]`` (each equal), over ``listed``'s
    columns or every column but the intercept, as Stata's ``test`` leaves out the constant."""
    named = [e.strip() for e in inside.split("=")]
    if not all(e in equations for e in named):
        return None
    if listed:
        chosen: list[str] = []
        for word in listed.split():
            if word in terms:
                chosen += [columns[c] for c in terms[word]]
            elif word in columns:
                chosen.append(word)
            else:
                return None
    else:
        chosen = [c for c in columns if c != "Intercept"]
    if not chosen:
        return None
    first, others = named[0], named[1:]
    if not others:
        return ", ".join(f"{first}:{c} = 0" for c in chosen)
    return ", ".join(f"{first}:{c} = {e}:{c}" for c in chosen for e in others)
