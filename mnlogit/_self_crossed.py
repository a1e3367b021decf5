"""Terms a formula crosses with themselves (``x^2``, ``x**2``, ``x*x``, ``x:x``,
``log(x)^2``, or a term repeated in a product, ``a*b*a``), warned of at the fit. Outside a
function call these are the interaction operators of R's formulas (and formulaic's), and a
term crossed with itself is that term alone: the fit has no square where a Python reader of
``x**2`` expects one. R fits them so without a word; they are fitted as R fits them, and the
warning gives ``I(x**2)`` for the square."""

from __future__ import annotations

from typing import Any

from .exceptions import MNLogitWarning, warn

__all__ = ["self_crossed", "warn_self_crossed"]

_POWERS = ("^", "**")
_CROSSES = ("*", ":")


def _is_node(node: Any) -> bool:
    """Whether ``node`` of formulaic's syntax tree is an operator's (else a token's)."""
    return hasattr(node, "operator") and hasattr(node, "args")


def _text(node: Any) -> str | None:
    """A factor or an interaction of factors as a formula writes it; None for anything
    else (a sum, which a power expands)."""
    if not _is_node(node):
        kind = getattr(getattr(node, "kind", None), "name", None)
        if kind == "NAME" and not node.token.isidentifier():
            return f"`{node.token}`"
        return node.token if kind in ("NAME", "PYTHON") else None
    if node.operator.symbol == ":":
        parts = [_text(a) for a in node.args]
        return None if None in parts else ":".join(str(p) for p in parts)
    return None


def _chain(node: Any) -> tuple[list[Any], str]:
    """The operands of a chain of ``*`` and ``:`` (``a*b:c``), and the chain as written."""
    if not (_is_node(node) and node.operator.symbol in _CROSSES):
        text = _text(node)
        return [node], str(text) if text is not None else "(...)"
    leaves: list[Any] = []
    shown: list[str] = []
    for arg in node.args:
        more, text = _chain(arg)
        leaves += more
        shown.append(text)
    return leaves, node.operator.symbol.join(shown)


def self_crossed(ast: Any) -> list[tuple[str, str, bool]]:
    """[(the part as written, the term crossed with itself, whether the part is that term
    alone)] of each term crossed with itself in a formula's syntax tree ``ast``
    (:func:`mnlogit.formula.formula_ast`; None: none).

    Examples
    --------
    >>> from mnlogit.formula import formula_ast
    >>> self_crossed(formula_ast("y ~ x + x^2 + log(z)**2 + (a + b)^2 + w*w + a*b*a"))
    [('x^2', 'x', True), ('log(z)**2', 'log(z)', True), ('w*w', 'w', True), ('a*b*a', 'a', False)]
    >>> self_crossed(formula_ast("y ~ x + I(x**2)"))
    []
    """
    found: list[tuple[str, str, bool]] = []
    top = _is_node(ast) and ast.operator.symbol == "~"
    stack = [ast.args[-1] if top else ast]
    while stack:
        node = stack.pop()
        if not _is_node(node):
            continue
        symbol, args = node.operator.symbol, node.args
        if symbol in _POWERS and len(args) == 2 and (term := _text(args[0])) is not None:
            shown = f"({term})" if ":" in term else term
            found.append((f"{shown}{symbol}{getattr(args[1], 'token', args[1])}", term, True))
        elif symbol in _CROSSES:
            leaves, shown = _chain(node)
            texts = [None if _is_node(leaf) else _text(leaf) for leaf in leaves]
            named = [t for t in texts if t is not None]
            twice = next((t for t in named if named.count(t) > 1), None)
            if twice is not None:
                alone = len(set(named)) == 1 and len(named) == len(texts)
                found.append((shown, twice, alone))
            stack.extend(reversed([leaf for leaf in leaves if _is_node(leaf)]))
        else:
            stack.extend(reversed(args))
    return found


def warn_self_crossed(formula: str, ast: Any, dtypes: Any) -> None:
    """An :class:`~mnlogit.MNLogitWarning` naming each term ``formula`` (whose syntax tree is
    ``ast``) crosses with itself, and what to write for its square: none for a factor
    (``C(g)``, or a column whose dtype in ``dtypes``, the data's, is not numbers)."""
    found = self_crossed(ast)
    if not found:
        return

    def squared(term: str) -> str:
        column = dtypes.get(term.strip("`")) if hasattr(dtypes, "get") else None
        factor = term.startswith("C(") or (
            column is not None and (column.kind not in "iuf" if hasattr(column, "kind") else True)
        )
        return "" if ":" in term or factor else f" (its square is I({term}**2))"

    said = "; ".join(
        f"{part} is {term} crossed with itself, which is {term} alone{squared(term)}"
        if alone
        else f"{part} crosses {term} with itself, the same as writing {term} once{squared(term)}"
        for part, term, alone in dict.fromkeys(found)
    )
    warn(
        f"formula {formula!r}: {said}. Outside a function call, ^, ** and * cross terms, "
        "as in R's formulas, where this is the same model",
        MNLogitWarning,
    )
