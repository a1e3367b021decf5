"""R's reading of a formula that uses ``%in%``, beside formulaic's.

R reads ``a %in% b`` as a term of a nested in b (``a:b``) and binds ``%in%`` tighter than
``*`` and ``/``; formulaic reads it as ``b / a`` (``b + b:a``), as tight as ``*``. A formula
both read as the same terms (``x + g %in% x``, R's usual way of writing nesting beside the
margin) is fitted; one they read otherwise is refused with both readings. R's reading is
worked out here from formulaic's tokens (text and kind), with R's precedence and R's term
algebra (model.c's EncodeVars); what it does not follow (a number inside parentheses or an
interaction, a minus before a term) leaves the formula refused.

Nothing here imports formulaic: the tokens are passed in.
"""

from __future__ import annotations

import keyword
from collections.abc import Iterable, Sequence
from typing import Any

from .exceptions import FormulaError

__all__ = ["r_terms", "refuse_nesting_read_otherwise"]

Term = tuple[str, ...]  # the variables of a term in order of appearance, each once
Tokens = Sequence[tuple[str, str]]  # (text, kind): formulaic's tokens after the '~'

# R's precedence (?Syntax): ':' above '%in%' above '*' and '/' above '+' and '-'
_BINDING = {"+": 10, "-": 10, "*": 20, "/": 20, "in": 30, ":": 40, "^": 50}
_NUMBER_SIGNS = {"+": "+", "-": "-", "+-": "-", "--": "+"}


class _Unread(Exception):
    """A construct R's reading is not worked out for here."""


def _join(a: Term, b: Term) -> Term:
    return a + tuple(v for v in b if v not in a)


def _union(*parts: list[Term]) -> list[Term]:
    out: list[Term] = []
    for part in parts:
        out += [t for t in part if frozenset(t) not in {frozenset(s) for s in out}]
    return out


def _all_of(terms: list[Term]) -> Term:
    joined: Term = ()
    for t in terms:
        joined = _join(joined, t)
    return joined


class _Reader:
    def __init__(self, tokens: Tokens) -> None:
        self.tokens = list(tokens)
        self.at = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise _Unread
        self.at += 1
        return token

    def top(self) -> tuple[bool, list[Term]]:
        """The top-level sum, where 1 and 0 add or remove the intercept."""
        intercept, sign = True, "+"
        terms: list[Term] = []
        while True:
            if self.peek() in (("1", "VALUE"), ("0", "VALUE")):
                intercept = (self.take()[0] == "1") == (sign == "+")
            else:
                terms = _signed(sign, terms, self.expr(_BINDING["+"] + 1))
            if self.peek() is None:
                return intercept, terms
            sign = self.sign()

    def sign(self) -> str:
        text, kind = self.take()
        # formulaic's parser writes '+ 0' as '+- 1' and '- 0' as '-- 1'
        signs = {"+": "+", "-": "-"} if self.peek() != ("1", "VALUE") else _NUMBER_SIGNS
        if kind != "OPERATOR" or text not in signs:
            raise _Unread
        return signs[text]

    def expr(self, least: int) -> list[Term]:
        left = self.operand()
        while True:
            token = self.peek()
            if token is None or token[1] != "OPERATOR":
                return left
            op = token[0]
            if op in _NUMBER_SIGNS:  # the sign of the next term: the caller reads it
                return left
            if op not in _BINDING:
                raise _Unread  # an operator of formulaic's only ('|', '~', '**')
            if _BINDING[op] < least:
                return left
            self.take()
            if op == "^":
                power = self.take()
                if power[1] != "VALUE" or not power[0].isdigit() or int(power[0]) < 1:
                    raise _Unread
                left = _power(left, int(power[0]))
            else:  # all but '^' associate to the left
                left = _apply(op, left, self.expr(_BINDING[op] + 1))

    def operand(self) -> list[Term]:
        text, kind = self.take()
        if kind == "NAME" or (kind == "PYTHON" and not text.startswith("offset(")):
            return [(text,)]  # R's offset() is no term
        if (text, kind) != ("(", "CONTEXT"):
            raise _Unread  # a number outside the top-level sum, a minus before a term
        terms = self.expr(_BINDING["+"] + 1)
        while self.peek() != (")", "CONTEXT"):
            terms = _signed(self.sign(), terms, self.expr(_BINDING["+"] + 1))
        self.take()
        return terms


def _signed(sign: str, terms: list[Term], part: list[Term]) -> list[Term]:
    if sign == "+":
        return _union(terms, part)
    gone = {frozenset(t) for t in part}
    return [t for t in terms if frozenset(t) not in gone]


def _apply(op: str, a: list[Term], b: list[Term]) -> list[Term]:
    interactions = _union([_join(s, t) for s in a for t in b])
    if op == ":":
        return interactions
    if op == "*":
        return _union(a, b, interactions)
    if op == "/":  # a + b %in% a
        return _union(a, [_join(_all_of(a), t) for t in b])
    return _union([_join(s, _all_of(b)) for s in a])  # %in%: each term of a within all of b


def _power(a: list[Term], n: int) -> list[Term]:
    out = a
    for _ in range(n - 1):
        out = _union(out, [_join(s, t) for s in out for t in a])
    return out


def r_terms(tokens: Tokens) -> tuple[bool, list[Term]] | None:
    """R's reading of the right-hand side ``tokens``: whether it has the intercept, and its
    terms; None when it holds what is not worked out here."""
    try:
        reader = _Reader(tokens)
        found = reader.top()
    except (_Unread, RecursionError):
        return None
    return found if reader.peek() is None else None


def _written(intercept: bool, terms: list[Term]) -> str:
    def name(v: str) -> str:
        plain = (v.isidentifier() and not keyword.iskeyword(v)) or "(" in v
        return v if plain else f"`{v}`"

    shown = " + ".join(":".join(name(v) for v in t) for t in terms)
    if not shown:
        return "1" if intercept else "0"
    return shown if intercept else f"0 + {shown}"


def refuse_nesting_read_otherwise(formula: str, tokens: Iterable[Any], rhs: Iterable[Any]) -> None:
    """Refuse ``formula``, which uses ``%in%``, unless R reads it as formulaic does, naming
    both readings. ``tokens``: formulaic's tokens of the formula (its parser's, which write
    Python parts as its terms do); ``rhs``: formulaic's terms of its right-hand side."""
    texts = [(str(t), t.kind.name) for t in tokens]
    tilde = texts.index(("~", "OPERATOR")) if ("~", "OPERATOR") in texts else -1
    terms = [tuple(dict.fromkeys(str(f.expr) for f in t.factors)) for t in rhs]
    literal = [all(f.eval_method.name == "LITERAL" for f in t.factors) for t in rhs]
    formulaic = (any(literal), [t for t, lit in zip(terms, literal, strict=True) if not lit])
    r = r_terms(texts[tilde + 1 :])
    same = r is not None and r[0] == formulaic[0]
    if same and r is not None:
        same = {frozenset(t) for t in r[1]} == {frozenset(t) for t in formulaic[1]}
    if same:
        return
    reading = (
        f"R reads it as {_written(*r)!r}, formulaic as {_written(*formulaic)!r}"
        if r is not None
        else "formulaic reads 'x %in% g' as g + g:x, R as x:g"
    )
    raise FormulaError(
        f"formula {formula!r}: '%in%' means other terms in R and in formulaic: {reading}; "
        "write the terms you mean with ':' and '/' ('x:g', or 'g/x' for g + g:x)"
    )
