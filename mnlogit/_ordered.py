"""Ordered Categoricals coded by treatment contrasts: R codes an ordered factor by orthogonal
polynomial contrasts (``contr.poly``) unless told otherwise, formulaic as any factor, against
its first category. Same fit, other coefficients, and other type III tests of the terms an
interaction with it contains; the summary and anova's note say so. Nothing here imports
formulaic: the ModelSpec's ``factor_contrasts`` are read as they are."""

from __future__ import annotations

import ast
from typing import Any

import pandas as pd

__all__ = ["ordered_by_treatment", "ordered_note", "with_poly"]


def _column(expr: str) -> str | None:
    """The column a factor reads as it is: ``g``, or ``C(g)`` / ``C(g, levels=[...])``
    (no contrasts named: treatment by default, where R keeps an ordered factor ordered)."""
    try:
        node = ast.parse(expr, mode="eval").body
    except SyntaxError:
        return None
    if isinstance(node, ast.Name):
        return node.id
    if (
        isinstance(node, ast.Call)
        and ast.unparse(node.func) == "C"
        and len(node.args) == 1
        and isinstance(node.args[0], ast.Name)
        and all(k.arg == "levels" for k in node.keywords)
    ):
        return node.args[0].id
    return None


def with_poly(expr: str) -> str:
    """``expr`` (a factor :func:`ordered_by_treatment` names) coded by ``Poly``, R's
    default for an ordered factor: ``g`` -> ``C(g, Poly)``, ``C(g, levels=[...])`` ->
    ``C(g, Poly, levels=[...])``."""
    node = ast.parse(expr, mode="eval").body
    if isinstance(node, ast.Call):
        node.args.append(ast.Name("Poly"))
        return ast.unparse(node)
    return f"C({expr}, Poly)"


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
