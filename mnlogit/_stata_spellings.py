"""Stata's spellings of a model, and what to write instead: ``mlogit y x1 x2`` without a
``~``, factor-variable notation (``i.region``, ``c.age``, ``a#b``, ``a##b``) and options after a
comma (``, baseoutcome(1)``), which formulaic read as column names it could not find or as
operators it does not know. Text only; :mod:`mnlogit._formula_text` refuses them."""

from __future__ import annotations

import re

from .exceptions import FormulaError

__all__ = ["refuse_stata_spellings", "stata_without_tilde"]

_PREFIX = re.compile(r"(?<![\w.`])([icIC])\.([A-Za-z_]\w*)")
_OPTIONS = re.compile(r"\s*(baseoutcome|base|vce|rrr|level|robust|cluster)\b")


def stata_without_tilde(formula: str) -> str:
    """For a formula without ``~`` written as Stata's varlist (``mode income distance``),
    the formula it stands for, said as a hint; "" otherwise."""
    words = formula.split()
    if len(words) >= 2 and all(re.fullmatch(r"[A-Za-z_]\w*", w) for w in words):
        return f" (Stata's 'mlogit {' '.join(words)}' is '{words[0]} ~ {' + '.join(words[1:])}')"
    return ""


def refuse_stata_spellings(formula: str, bare: str) -> None:
    """Refuse Stata's factor-variable notation and options in ``formula`` (``bare``: its
    text with backticked names blanked), saying what formulaic writes for them."""
    rhs = bare.split("~", 1)[-1]
    found = _PREFIX.search(rhs)
    if found:
        kind, name = found.group(1).lower(), found.group(2)
        meant = (
            f"C({name}) (a column of words is a factor already: {name})"
            if kind == "i"
            else f"{name} (a column of numbers is used as numbers)"
        )
        raise FormulaError(
            f"formula {formula!r}: {found.group(0)!r} is Stata's factor-variable notation: "
            f"write {meant}"
        )
    if "#" in rhs:
        full = "##" in rhs
        pair = re.search(r"([\w.]+)\s*##?\s*([\w.]+)", rhs)
        a, b = pair.groups() if pair else ("a", "b")
        meant = (
            f"{a}*{b} (main effects and interaction)"
            if full
            else f"{a}:{b} (the interaction alone)"
        )
        raise FormulaError(
            f"formula {formula!r}: '{'##' if full else '#'}' is Stata's "
            f"{'full factorial' if full else 'interaction'}: write {meant}"
        )
    option = _OPTIONS.match(_after_top_level_comma(rhs))
    if option:
        raise FormulaError(
            f"formula {formula!r}: Stata's options after a comma ({option.group(1)}...) are "
            "arguments of mnlogit.fit: ref= for baseoutcome(), cov_type= and groups= for "
            "vce(), summary(odds_ratios=True) for rrr, alpha= for level()"
        )


def _after_top_level_comma(text: str) -> str:
    """What follows the first comma outside parentheses (a call's arguments are inside)."""
    depth = 0
    for i, char in enumerate(text):
        depth += {"(": 1, "[": 1, ")": -1, "]": -1}.get(char, 0)
        if char == "," and depth == 0:
            return text[i + 1 :]
    return ""
