"""Which columns a formula's Python code computes with as numbers, and so reads as float64.

An integer column read by Python code in the formula (``I(k**2)``, ``np.log(k)``) is read
as float64: numpy's integers wrap around silently, and ``I(k**2)`` at k = 2**32 was 0. Code
that converts the column's type itself (``k.astype('str')``) or takes its bits (``k & 1``)
needs the integers: as float64, ``I(k.astype('str') == '3')`` compared '3.0' with '3' and
was refused as 0 on every row, ``I(k.astype('str'))`` had levels '1.0', '2.0', and
``I(k & 1)`` failed in pandas ("Cannot perform 'and_' with a dtyped [float64] array").
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from typing import Any

from ._formula_text import _method, _q_name, python_names, python_reads
from ._python_reads import python_columns

__all__ = ["arithmetic_columns", "column_reads", "integer_columns", "operand_columns"]

# operators that take an integer's bits, which a float does not have
_BITWISE = (ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift)


def arithmetic_columns(factors: Iterable[Any]) -> set[str]:
    """The names Python code in the formula computes with (``I(k**2)``, ``np.log(x)``), not
    inside a ``C()`` whose levels are their values, nor only converted or combined bit by
    bit there (``k.astype('str')``, ``k & 1``).

    Examples
    --------
    >>> class Factor:
    ...     def __init__(self, expr):
    ...         self.expr, self.eval_method = expr, "python"
    >>> sorted(arithmetic_columns([Factor("I(k**2 + x)"), Factor("I(j.astype('str'))")]))
    ['k', 'x']
    """
    names: set[str] = set()
    for factor in factors:
        if _method(factor) != "python":
            continue
        tree, quoted = python_names(str(factor.expr))
        call = getattr(tree, "body", None)
        if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "C":
            continue  # C(k // 10): levels 1, 2, not 1.0, 2.0
        reads = python_reads(str(factor.expr))
        if reads is not None and tree is not None:
            names |= (reads[0] | reads[1]) - _integer_only(tree, quoted)
    return names


def integer_columns(factors: Iterable[Any], arithmetic: set[str] | None = None) -> set[str]:
    """The names Python code in the formula reads only as integers (``k.astype('str')``,
    ``k & 1``), in no term as a number (``arithmetic``: :func:`arithmetic_columns` of the
    same factors, where the caller has them).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> def factors(*exprs):
    ...     return [SimpleNamespace(expr=e, eval_method="python") for e in exprs]
    >>> sorted(integer_columns(factors("I(k & 1)", "I(j.astype('str') + x)")))
    ['j', 'k']
    >>> sorted(integer_columns(factors("I(k & 1)", "I(k**2)")))
    []
    """
    factors = list(factors)
    kept: set[str] = set()
    for factor in factors:
        if _method(factor) != "python":
            continue
        tree, quoted = python_names(str(factor.expr))
        if tree is not None:
            kept |= _integer_only(tree, quoted)
    return kept - (arithmetic_columns(factors) if arithmetic is None else arithmetic)


# operators text has a meaning for ('a' + 'b', '%s' % f): their operands stay text
_TEXT_OPS = (ast.Add, ast.Mod)


def operand_columns(factors: Iterable[Any]) -> set[str]:
    """The names Python code in the formula reads as an operand of arithmetic or of a bitwise
    or unary operator (``f`` in ``I(f * x)``, ``I(~f)``), not only compared, called a
    method of or joined as text (``I(f == 'True')``, ``f.str.upper()``, ``I(f + g)``):
    there a column of the text 'True' and 'False' is read as True and False (see
    :func:`mnlogit._python_reads.as_computed`).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> def factors(*exprs):
    ...     return [SimpleNamespace(expr=e, eval_method="python") for e in exprs]
    >>> sorted(operand_columns(factors("I(f * x)", "I(g == 'True')", "I(-h)", "I(a + b)")))
    ['f', 'h', 'x']
    """
    names: set[str] = set()
    for factor in factors:
        if _method(factor) != "python":
            continue
        tree, quoted = python_names(str(factor.expr))
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.BinOp) and not isinstance(node.op, _TEXT_OPS):
                operands: list[ast.AST] = [node.left, node.right]
            elif isinstance(node, ast.UnaryOp):
                operands = [node.operand]
            else:
                continue
            for operand in operands:
                name = quoted.get(operand.id, operand.id) if isinstance(operand, ast.Name) else None
                name = _q_name(operand) if name is None else name
                if name is not None:
                    names.add(name)
    return names


def column_reads(factors: list[Any]) -> dict[str, set[str]]:
    """:func:`mnlogit._columns.read_columns`' ``arithmetic``, ``integer_only``, ``python``
    and ``operands`` of ``factors``: the columns read as float64, those read only as
    integers, every column Python code reads, and those it computes with as operands.

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> column_reads([SimpleNamespace(expr="I(k & 1)", eval_method="python")])
    {'arithmetic': set(), 'integer_only': {'k'}, 'python': {'k'}, 'operands': {'k'}}
    """
    arithmetic = arithmetic_columns(factors)
    return {
        "arithmetic": arithmetic,
        "integer_only": integer_columns(factors, arithmetic),
        "python": python_columns(factors),
        "operands": operand_columns(factors),
    }


def _integer_only(tree: ast.AST, quoted: dict[str, str]) -> set[str]:
    """The names every read of which in ``tree`` converts the column's type itself
    (``k.astype(...)``) or takes its bits (``k & 1``, ``~k``)."""
    parent = {id(child): node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    kept: set[str] = set()
    other: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            name = quoted.get(node.id, node.id)
        elif (name_q := _q_name(node)) is not None:  # Q('a.b')
            name = name_q
        else:
            continue
        above = parent.get(id(node))
        call = parent.get(id(above))
        converted = (
            isinstance(above, ast.Attribute)
            and above.attr == "astype"
            and isinstance(call, ast.Call)
            and call.func is above
        )
        bits = (isinstance(above, ast.BinOp) and isinstance(above.op, _BITWISE)) or (
            isinstance(above, ast.UnaryOp) and isinstance(above.op, ast.Invert)
        )
        (kept if converted or bits else other).add(name)
    return kept - other
