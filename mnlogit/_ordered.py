"""Ordered Categoricals coded by treatment contrasts: R codes an ordered factor by orthogonal
polynomial contrasts (``contr.poly``) unless told otherwise, formulaic as any factor, against
its first category. Same fit, other coefficients, and other type III tests of the terms an
interaction with it contains; the summary and anova's note say so. Nothing here imports
formulaic: the ModelSpec's ``factor_contrasts`` are read as they are."""

from __future__ import annotations

import ast
import keyword
import re
from typing import Any

import pandas as pd

__all__ = ["ordered_by_treatment", "ordered_note", "with_poly"]


def _parsed(expr: str) -> tuple[ast.expr, dict[str, str]] | None:
    """``expr`` parsed as Python, each name in backticks (```my var```, as a formula writes a
    column that is no Python name) read as a placeholder name, and the names the placeholders
    stand for; or None where ``expr`` is no Python expression (a column ``my var`` itself)."""
    names: dict[str, str] = {}

    def placeholder(match: re.Match[str]) -> str:
        name = f"_mnlogit_column_{len(names)}_"
        names[name] = match[1]
        return name

    try:
        node = ast.parse(re.sub(r"`([^`]*)`", placeholder, expr), mode="eval").body
    except SyntaxError:
        return None
    return node, names


def _c_call(expr: str) -> tuple[ast.Call, str, dict[str, str]] | None:
    """``expr`` as ``C(g)`` or ``C(g, levels=[...])`` (no contrasts named: treatment by
    default, where R keeps an ordered factor ordered), the column it reads and the names of
    its placeholders (see :func:`_parsed`), or None."""
    parsed = _parsed(expr)
    if parsed is None:
        return None
    node, names = parsed
    if (
        isinstance(node, ast.Call)
        and ast.unparse(node.func) == "C"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and all(k.arg == "levels" for k in node.keywords)
    ):
        return node, names.get(node.args[0].id, node.args[0].id), names
    return None


def _column(expr: str) -> str | None:
    """The column a factor reads as it is: ``g``, or ``C(g)`` / ``C(g, levels=[...])``."""
    parsed = _parsed(expr)
    if parsed is not None and isinstance(parsed[0], ast.Name):
        return parsed[1].get(parsed[0].id, parsed[0].id)
    call = _c_call(expr)
    return None if call is None else call[1]


def with_poly(expr: str) -> str:
    """``expr`` (a factor :func:`ordered_by_treatment` names) coded by ``Poly``, R's
    default for an ordered factor: ``g`` -> ``C(g, Poly)``, ``C(g, levels=[...])`` ->
    ``C(g, Poly, levels=[...])``; a column that is no Python name in backticks, as a formula
    reads it (``my var`` -> ``C(`my var`, Poly)``); a column named as a Python keyword, which
    a formula cannot read inside ``C()``, with the rename that lets it.

    Examples
    --------
    >>> with_poly("g"), with_poly("my var"), with_poly("C(`2020`, levels=['b', 'a'])")
    ('C(g, Poly)', 'C(`my var`, Poly)', "C(`2020`, Poly, levels=['b', 'a'])")
    """
    call = _c_call(expr)
    if call is not None:
        node, _, names = call
        node.args.append(ast.Name("Poly"))
        # the placeholders back as the names in backticks they stand for
        return re.sub(r"_mnlogit_column_\d+_", lambda m: f"`{names[m[0]]}`", ast.unparse(node))
    if keyword.iskeyword(expr):
        renamed = expr + "_"
        return (
            f"C({renamed}, Poly) with the column renamed, df.rename(columns={{{expr!r}: "
            f"{renamed!r}}}) (a Python keyword cannot be read inside C())"
        )
    return f"C({expr}, Poly)" if expr.isidentifier() else f"C(`{expr}`, Poly)"


def ordered_by_treatment(spec: Any, dtypes: Any) -> list[str]:
    """The factors (as the formula names them) that read an ordered Categorical column and
    are coded by treatment contrasts in some term; [] without a formula or the columns'
    dtypes. A factor with a column per level in every term (``x:g``, ``0 + g``) is coded so
    by R too, and is not named."""
    contrasts = getattr(spec, "factor_contrasts", None) if spec is not None else None
    if not contrasts or dtypes is None:
        return []
    structure = getattr(spec, "structure", ())
    reduced = {
        str(sf.factor.expr)
        for entry in structure
        for scoped in entry.scoped_terms
        for sf in getattr(scoped, "factors", ())
        if sf.reduced
    }
    out = []
    for factor, state in contrasts.items():
        expr = str(factor)
        if expr not in reduced:
            continue
        column = expr if expr in dtypes.index else _column(expr)
        if column is None or column not in dtypes.index:
            continue
        dtype = dtypes[column]
        scheme = getattr(state, "contrasts", None)
        if (
            isinstance(dtype, pd.CategoricalDtype)
            and dtype.ordered
            and type(scheme).__name__ == "TreatmentContrasts"
        ):
            out.append(expr)
    # in the formula's order (the contrasts come in formulaic's order of evaluation)
    seen = [str(f.expr) for e in structure for f in e.term.factors]
    return sorted(out, key=lambda e: seen.index(e) if e in seen else len(seen))


def ordered_note(names: list[str]) -> str:
    """The summary's note on ``names`` (from :func:`ordered_by_treatment`); "" for none."""
    if not names:
        return ""
    listed = ", ".join(names)
    one = len(names) == 1
    return (
        f"{listed} {'is an ordered Categorical' if one else 'are ordered Categoricals'}, "
        f"coded as any factor by treatment contrasts against {'its' if one else 'their'} "
        "first category; R codes an ordered factor by orthogonal polynomial contrasts "
        f"(contr.poly) unless told otherwise: write {with_poly(names[0])} for R's coefficients "
        "and type III tests."
    )
