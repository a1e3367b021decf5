"""Rank-deficient formula designs whose cause is how a term of several columns is built,
refused with what to write: the refusal said to "drop g[c] from the formula", which a
formula cannot do (it keeps or leaves out a term's columns together), for a factor with a
column per level beside a constant (``C(g, spans_intercept=False)`` beside the intercept,
``0 + I(1) + g``), for a level that ``C(g, Sum, levels=[...])`` names but no row has (Sum,
Helmert and the other codings give it no column of zeros to say so), and for a polynomial
or spline with more columns than its column has distinct values to tell apart
(``poly(k, 3)`` of a column of three values).
"""

from __future__ import annotations

import ast
import copy
from typing import Any

import numpy as np
import pandas as pd

from .exceptions import RankError

__all__ = ["factor_rank_error"]


def factor_rank_error(data: Any, names: tuple, aliased: list[int]) -> RankError | None:
    """The refusal of the ``aliased`` columns of a formula's in-memory model ``data`` when
    every one is a column of a function of one column with more columns than its values
    tell apart, of a factor coded with a column per level beside another constant column,
    or of a factor whose ``levels=`` names levels no row used has; None otherwise."""
    terms = {j: term for term, cols in data.terms.items() for j in cols}
    blamed = {str(terms.get(j)) for j in aliased}
    if any(j not in terms for j in aliased):
        return None
    # a basis's columns of zeros too (cr() of few values); other columns of zeros are
    # rank_deficient's to name, with the level that has no rows
    explains = [_few_values] + ([_unused_levels, _per_level] if data.X[:, aliased].any() else [])
    for explain in explains:
        said = [explain(data, names, term) for term in blamed]
        if all(said):
            return RankError(f"the design is rank deficient: {'; '.join(said)}")
    return None


# formulaic's polynomial and spline bases of one numeric column
_BASES = frozenset({"poly", "bs", "cr", "cs", "cc"})


def _few_values(data: Any, names: tuple, term: str) -> str:
    """Why ``term``, a function of one column with several columns (``poly(k, 3)``,
    ``bs(k, df=5)``), beside the intercept has more columns than that column's distinct
    values can tell apart, and what to write; "" for any other term."""
    cols, frame = data.terms[term], data.frame
    call, name = _call_of_column(term, frame)
    if call is None or len(cols) < 2 or "Intercept" not in names:
        return ""
    func = call.func.id if isinstance(call.func, ast.Name) else ""
    if func not in _BASES or not pd.api.types.is_numeric_dtype(frame[name]):
        return ""
    distinct = int(frame[name].nunique(dropna=True))
    if len(cols) < distinct:
        return ""
    fewer = f"df={distinct - 1} or less, or fewer knots" + (
        ", with a degree= no larger than the df" if func == "bs" else ""
    )
    fewer = _degree(call, distinct - 1) if func == "poly" and distinct > 1 else fewer
    return (
        f"{name!r} has {distinct} distinct value(s) in the rows used, so beside the intercept "
        f"a function of it has at most {distinct - 1} column(s) to estimate, and {term!r} has "
        f"{len(cols)}; a formula cannot drop one of them: give the term fewer columns "
        f"({fewer}), or write C({name}) for a coefficient per value"
    )


def _per_level(data: Any, names: tuple, term: str) -> str:
    """Why ``term``'s columns, one per level of a factor (0 or 1 and summing to 1 on every
    row), are collinear with another constant column, and what to write; "" if they are
    not such columns."""
    cols = list(data.terms[term])
    X = data.X[:, cols]
    if len(cols) < 2 or not (np.isin(X, (0.0, 1.0)).all() and (X.sum(axis=1) == 1).all()):
        return ""
    first = data.X[0]
    constant = [
        str(names[j])
        for j in range(data.X.shape[1])
        if j not in cols and first[j] != 0 and (data.X[:, j] == first[j]).all()
    ]
    if not constant:
        return ""
    own = f"the columns of {term!r}, one per level of the factor, add up to 1 on every row"
    if "Intercept" in constant:
        how = (
            "write the factor without spans_intercept=False (it then leaves out its first "
            "level, the baseline)"
            if "spans_intercept" in term
            else "write the factor so that it leaves out a baseline level, C(...)"
        )
        return (
            f"{own}, as the intercept does, and a formula cannot drop one of them: {how}, or "
            "leave out the intercept (0 + ...): the same model either way"
        )
    return (
        f"{own}, as {constant[0]!r} does (a factor has a column per level in a formula "
        f"without an intercept), and a formula cannot drop one of them: leave out "
        f"{constant[0]!r} (the same model), or write the formula with its intercept (without "
        "0 + or - 1) for a factor against a baseline level"
    )


def _unused_levels(data: Any, names: tuple, term: str) -> str:
    """The refusal of a factor ``term``, ``C(g, ..., levels=[...])``, whose ``levels=`` names
    levels that no row used has; "" for any other term."""
    frame = data.frame
    call, name = _call_of_column(term, frame)
    given = [] if call is None else [k.value for k in call.keywords if k.arg == "levels"]
    if not given:
        return ""
    try:
        levels = ast.literal_eval(given[0])
        present = set(pd.unique(frame[name].dropna()))
        empty = [lv for lv in levels if lv not in present]
    except (ValueError, TypeError, SyntaxError):
        return ""
    if not empty:
        return ""
    shown = ", ".join(map(repr, empty))
    return (
        f"{term!r} names level(s) {shown} in levels=, but no row used has "
        f"{'it' if len(empty) == 1 else 'them'}, so not all its columns can be estimated (and "
        f"a formula cannot drop one of them): leave {shown} out of levels="
    )


def _degree(call: ast.Call, degree: int) -> str:
    """The call ``poly(x, ...)`` written with ``degree``, its other arguments kept."""
    new = copy.deepcopy(call)
    if len(new.args) > 1:
        new.args[1] = ast.Constant(degree)
    else:
        new.keywords = [k for k in new.keywords if k.arg != "degree"]
        new.args.append(ast.Constant(degree))
    return ast.unparse(new)


def _call_of_column(term: str, frame: Any) -> tuple[ast.Call | None, str]:
    """``term`` as a call whose first argument is a column of ``frame`` (the formula's
    columns of the rows used), with that column's name; (None, "") if it is none."""
    try:
        call = ast.parse(term, mode="eval").body
    except SyntaxError:
        return None, ""
    if not (isinstance(call, ast.Call) and call.args and isinstance(call.args[0], ast.Name)):
        return None, ""
    name = call.args[0].id
    return (call, name) if frame is not None and name in frame.columns else (None, "")
