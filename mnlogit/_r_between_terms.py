"""What R and formulaic read differently between a formula's own terms (outside calls),
refused with what to write: a comparison (``x + (x > 0)``, and Stata's ``if`` qualifier),
numbers as terms (``x - 2``, ``(x - 1)*g``, ``1:x``), R's ``%op%`` operators and a removal
written after ``+`` (``x + -x``). Each reads the right-hand side's nesting (calls, groups of
parentheses) in one pass (:class:`_Level`); ``refuse_formula_level`` runs them all. Text
only; :mod:`mnlogit._formula_text` refuses them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ._r_spellings import _QUOTED_TEXT
from .exceptions import FormulaError

__all__ = [
    "refuse_comparisons",
    "refuse_formula_level",
    "refuse_formula_numbers",
    "refuse_percent_operators",
    "refuse_removal_after_plus",
]


# a number written as a formula's own term (not inside a call)
_NUMBER = re.compile(r"(?<![\w.])(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?(?![\w.])")


@dataclass
class _Level:
    """Per character of a formula's right-hand side: whether it is the formula's own (in no
    call, brace or bracket), the innermost group (parentheses of the formula's own) around
    it, and the last character before it that is not a space; and each group's closing
    position and enclosing group."""

    own: list[bool]
    group: list[int]  # the opening position of the group, -1 at the top level
    before: list[str]
    closes: dict[int, int]
    parent: dict[int, int]


def _formula_level(rhs: str) -> _Level:
    """The :class:`_Level` of ``rhs``, read in one pass (a formula may be long)."""
    stack: list[bool] = []  # True for a call's parentheses (or braces, brackets)
    groups: list[int] = []
    level = _Level([True] * len(rhs), [-1] * len(rhs), [""] * len(rhs), {}, {})
    calls, last = 0, ""
    for i, ch in enumerate(rhs):
        level.before[i] = last
        if ch in "([{":
            stack.append(ch != "(" or last.isalnum() or last in ("_", ".", "]", ")"))
            calls += stack[-1]
            if not stack[-1]:
                level.parent[i] = groups[-1] if groups else -1
                groups.append(i)
        elif ch in ")]}" and stack:
            if stack.pop():
                calls -= 1
            elif groups:
                level.closes[groups.pop()] = i
        level.own[i] = not calls
        level.group[i] = groups[-1] if groups else -1
        last = last if ch.isspace() else ch
    return level


_NEXT = re.compile(r"\s*(\S?)")
_PRODUCT = (":", "*", "/", "^")


def _joined(rhs: str, level: _Level, start: int, end: int) -> bool:
    """Whether the text at ``start:end``, or a group around it, is joined to a term by
    ``:``, ``*``, ``/`` or ``^`` (``1:x``, ``(x + 1):z``)."""
    opened = level.group[start]
    while True:
        after = _NEXT.match(rhs, end)
        if level.before[start] in _PRODUCT or (after is not None and after.group(1) in _PRODUCT):
            return True
        if opened < 0 or opened not in level.closes:
            return False
        start, end, opened = opened, level.closes[opened] + 1, level.parent[opened]


def refuse_formula_numbers(formula: str, bare: str) -> None:
    """Refuse numbers that R and formulaic read differently as a formula's own terms, in
    ``bare``, ``formula`` with its quoted names blanked: a number subtracted other than 1 or 0
    (``x - 2`` and ``x - 0.5``, which R refuses, and ``x - 1.0``, R's removal of the
    intercept: formulaic ignored them all and fitted an intercept), ``- 1`` or ``0``
    inside parentheses (``y ~ (x + z - 1)*g``, ``y ~ (0 + x)``), which R reads as a
    removal of the intercept and formulaic ignores there, and 1 or 0 joined to a term by
    ``:``, ``*``, ``/`` or ``^`` (``1:x``, ``0:g``, ``(x + 1):z``), which R reads as no
    term (0 as a removal of the intercept too), but ``x*1`` and ``x/1`` as ``x`` and ``x^1``
    as an error, and formulaic as the term (or refuses)."""
    rhs = bare[bare.find("~") + 1 :]
    level = _formula_level(rhs)
    for found in _NUMBER.finditer(rhs):
        number, start = found.group(), found.start()
        if not level.own[start]:
            continue
        minus = level.before[start] == "-"
        shown = f"- {number}" if minus else number
        if minus and number not in ("1", "0"):
            raise FormulaError(
                f"formula {formula!r}: {shown!r} subtracts a number, which formulaic "
                "ignores (R reads '- 1.0' as a removal of the intercept and refuses another "
                "number): write '- 1' to remove the intercept, or I(x - "
                f"{number}) for a column shifted by {number}"
            )
        if level.group[start] >= 0 and (number == "0" or (minus and number == "1")):
            raise FormulaError(
                f"formula {formula!r}: {shown!r} inside parentheses: R reads it as a "
                "removal of the intercept (unless a later '+ 1' adds it back), formulaic "
                "ignores it there and fits one; write it at the top level ('y ~ 0 + (x + "
                "z)*g' or 'y ~ (x + z)*g - 1'), or leave it out to keep the intercept"
            )
        if number in ("0", "1") and _joined(rhs, level, start, found.end()):
            raise FormulaError(
                f"formula {formula!r}: the {number} joined to a term by ':', '*', '/' or '^' "
                "(as in 1:x, x*1, 0:g or (x + 1):z) is read unevenly by R and otherwise by "
                "formulaic: R reads 1:x, x:1, 1*x and 1/x as no term, leaving the term out of "
                "its model, x*1 and x/1 as x (a 0 removes its intercept too), and refuses x^1; "
                "write the terms you mean without it"
            )


_COMPARISON = re.compile(r"[<>]=?|[=!]=")
# a comparison's operands: a name (or backticked name) and a name or number
_COMPARED = re.compile(r"([\w.]+)\s*([<>]=?|[=!]=)\s*(-?[\w.]+)")
_IF = re.compile(r"(?<![\w.])if(?![\w.])")


def refuse_comparisons(formula: str, bare: str) -> None:
    """Refuse a comparison among a formula's own terms (``y ~ x + (x > 0)``), in ``bare``,
    ``formula`` with its quoted names blanked: R reads ``(x > 0)`` as the logical column,
    formulaic cannot parse it, and a 0 compared with was refused as a removal of the
    intercept inside parentheses, which it is not. Stata's ``if`` qualifier
    (``y ~ x if x > 0``) is told to select the rows first."""
    rhs = bare[bare.find("~") + 1 :]
    own = _formula_level(rhs).own
    for found in _COMPARISON.finditer(rhs):
        if not own[found.start()]:
            continue
        qualifier = _IF.search(rhs)
        if qualifier is not None and own[qualifier.start()]:
            rows = formula[len(formula) - len(rhs) + qualifier.end() :].strip()
            raise FormulaError(
                f"formula {formula!r}: Stata's 'if' qualifier is not part of a formula: fit "
                f"the rows it selects, e.g. mnlogit.fit(formula, df.query({rows!r}))"
            )
        operands = _COMPARED.search(formula, max(0, found.start() + len(formula) - len(rhs) - 40))
        example = "I(x > 0)" if operands is None else f"I({operands.group(0)})"
        raise FormulaError(
            f"formula {formula!r}: {found.group()!r} compares, which a formula's terms do "
            f"not: write the comparison inside I(), as {example}, for the column that is 1 "
            "where it holds (R reads a comparison in parentheses as that column)"
        )


def refuse_percent_operators(formula: str, bare: str) -> None:
    """Refuse R's ``%op%`` operators in ``bare``, ``formula`` with its quoted names blanked,
    outside calls: formulaic reads ``%op%`` as the operator ``op``, so R's matrix product
    ``x %*% z`` was fitted as ``x*z`` and ``x %-% z`` as ``x`` with nothing said."""
    rhs = bare[bare.find("~") + 1 :]
    own = _formula_level(rhs).own
    for found in re.finditer(r"%([^%\s]*)%", rhs):
        if own[found.start()] and found.group(1) != "in":  # %in% is answered on its own
            raise FormulaError(
                f"formula {formula!r}: {found.group()!r} is R's operator, not a formula's: "
                f"formulaic reads %op% as the operator op ({found.group(1) or 'none'!r}), "
                "so the terms would be other than R's; write the terms you mean (x*z, x:z, "
                "x + z), or compute the column before the fit"
            )


def _operand(rhs: str, level: _Level, start: int) -> str:
    """The term written from ``start`` up to the next ``+`` or ``-`` of its group, or the
    end of its group."""
    # a group opening at start, (x + z), is read in the group around it
    group = level.parent[start] if start in level.closes else level.group[start]
    for j in range(start, len(rhs)):
        if level.own[j] and level.group[j] == group and rhs[j] in "+-" and j > start:
            return rhs[start:j].strip()
        if level.own[j] and rhs[j] == ")" and level.group[j] != group:
            return rhs[start:j].strip()
    return rhs[start:].strip()


def refuse_removal_after_plus(formula: str, bare: str) -> None:
    """Refuse a removal written after ``+`` (``y ~ x + -x``, ``x*z + -x:z``) in ``bare``,
    ``formula`` with its quoted names blanked: R removes the term from the ``-x`` alone, where
    there is nothing to remove, and keeps x; formulaic removed x from the model. A removal of
    the intercept (``+ -1``) is read alike and left to :func:`refuse_formula_numbers`."""
    rhs = bare[bare.find("~") + 1 :]
    level = _formula_level(rhs)
    for found in re.finditer(r"-\s*(\S)", rhs):
        start = found.start()
        if not level.own[start] or level.before[start] != "+":
            continue
        if _NUMBER.match(rhs, found.start(1)):
            continue
        named = _operand(rhs, level, found.start(1))
        text = formula[bare.find("~") + 1 :]
        term = text[found.start(1) : found.start(1) + len(named)]  # the name as written
        raise FormulaError(
            f"formula {formula!r}: '+ -{term}' is read otherwise by R and formulaic: R "
            f"removes {term} from the '-{term}' alone, which holds nothing, and keeps "
            f"{term} in the model; formulaic removes it from the model. Write '- {term}' "
            f"(no '+') to remove it, or leave '-{term}' out to keep it"
        )


def refuse_formula_level(formula: str) -> None:
    """Refuse what formulaic reads otherwise than R between a formula's terms (outside
    calls): comparisons, numbers (:func:`refuse_formula_numbers`), ``%op%`` operators and
    removals after ``+``."""
    # a quoted name stays a name, of its own length: blanked to spaces, '+ `my var` - z'
    # read as '+ - z', a removal after '+', and was refused
    bare = _QUOTED_TEXT.sub(lambda m: "_" * len(m.group()), formula)
    refuse_comparisons(formula, bare)
    refuse_formula_numbers(formula, bare)
    refuse_percent_operators(formula, bare)
    refuse_removal_after_plus(formula, bare)
