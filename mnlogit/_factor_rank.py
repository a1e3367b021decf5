"""Rank-deficient formula designs whose cause is how a term of several columns is built,
refused with what to write: the refusal said to "drop g[c] from the formula", which a
formula cannot do (it keeps or leaves out a term's columns together), for a factor with a
column per level beside a constant (``C(g, spans_intercept=False)`` beside the intercept,
``0 + I(1) + g``), for a level that ``C(g, Sum, levels=[...])`` names but no row has (Sum,
Helmert and the other codings give it no column of zeros to say so), and for a polynomial
or spline with more columns than its column has distinct values to tell apart
(``poly(k, 3)`` of a column of three values), and for formulaic's cubic regression spline
bases (``cr()``, ``cs()``, ``cc()``), whose columns add up to 1 on every row, beside the
intercept, a factor's column per level or another such basis, or also in an interaction
(``cr(x, df=5) * g``): ``constraints='center'`` takes the constant out of the basis, with one
column fewer (df one less) for the same model.
"""

from __future__ import annotations

import ast
import copy
from typing import Any

import numpy as np
import pandas as pd
from scipy import linalg

from ._linalg import RANK_TOL, residuals_from_factor, row_factor, stack_factors
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
    spans = _spans_constant(data, names, aliased, terms)
    if spans:
        return RankError(f"the design is rank deficient: {spans}")
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


# formulaic's cubic regression spline bases, whose columns add up to 1 on every row unless
# constraints='center' takes the constant out (bs() leaves out a column beside an intercept)
_CUBIC = frozenset({"cr", "cs", "cc"})


def _spanning_bases(data: Any) -> list[str]:
    """The terms of ``data`` that are a cubic regression spline's basis without
    ``constraints=``, whose columns add up to the same number on every row."""
    found = []
    for term, cols in data.terms.items():
        call, _ = _call_of_column(str(term), data.frame)
        if call is None or not isinstance(call.func, ast.Name) or call.func.id not in _CUBIC:
            continue
        if any(k.arg == "constraints" for k in call.keywords):
            continue
        sums = data.X[:, list(cols)].sum(axis=1)
        if len(cols) > 1 and np.allclose(sums, sums[0], rtol=1e-9, atol=0):
            found.append(str(term))
    return found


def _centred(term: str, columns: int) -> str:
    """The call ``term``, a basis of ``columns`` columns, written with
    ``constraints='center'`` for the same model beside a constant: its knots kept, or its df
    one less (formulaic gives a centred basis of df columns from df + 1 knots)."""
    call = ast.parse(term, mode="eval").body
    assert isinstance(call, ast.Call)
    if not any(k.arg == "knots" for k in call.keywords):
        if len(call.args) > 1:
            call.args[1] = ast.Constant(columns - 1)
        call.keywords = [
            ast.keyword("df", ast.Constant(columns - 1)) if k.arg == "df" else k
            for k in call.keywords
        ]
    call.keywords.append(ast.keyword("constraints", ast.Constant("center")))
    return ast.unparse(call)


def _spans_constant(data: Any, names: tuple, aliased: list[int], terms: dict) -> str:
    """Why the ``aliased`` columns (``terms`` maps each to its term) are collinear when a
    ``cr()``, ``cs()`` or ``cc()`` basis, whose columns add up to 1 on every row, stands
    beside another constant (the intercept, a factor's column per level, another such
    basis), and what to write; "" when those constants do not account for every one."""
    bases = _spanning_bases(data)
    if not bases:
        return ""
    levels = [
        str(t)
        for t, cols in data.terms.items()
        if str(t) not in bases and len(cols) > 1 and _one_per_level(data.X[:, list(cols)])
    ]
    constants = len(bases) + len(levels) + ("Intercept" in names)
    if len(aliased) != constants - 1 or any(str(terms[j]) not in bases + levels for j in aliased):
        return _spans_in_interactions(data, bases)
    shown = ("each of " if len(bases) > 1 else "") + ", ".join(map(repr, bases))
    beside = (["the intercept"] if "Intercept" in names else []) + [
        f"the columns of {t!r} (one per level of a factor)" for t in levels
    ]
    # one constant stays in the model: beside no other, the first basis keeps it
    centred = bases if beside else bases[1:]
    said = (
        f"as {'does' if beside == ['the intercept'] else 'do'} {' and '.join(beside)}"
        if beside
        else "so that more than one of them spans it"
    )
    return (
        f"the columns of {shown} add up to 1 on every row (a cubic regression spline's "
        f"basis spans the constant), {said}, and a formula cannot drop one column of a "
        "term: write "
        f"{', '.join(_centred(b, len(data.terms[b])) for b in centred)}, whose "
        "constraints='center' takes the constant out of the basis (the same model)"
        + _levels_too(levels, len(beside) - len(levels))
    )


def _spans_in_interactions(data: Any, bases: list[str]) -> str:
    """Why the design is collinear when a ``cr()``, ``cs()`` or ``cc()`` basis that stands as
    a term also stands in an interaction (``cr(x, df=5) * h``): there its columns add up to
    the other variables' columns, which the model holds too. The refusal named
    'cr(x, df=5)[5]' and 'cr(x, df=5)[5]:h[T.v]' and said to drop them from the formula,
    which cannot drop one column of a term. Said only when the design with each basis
    centred everywhere it stands is of full rank; "" otherwise."""
    inside = [str(t) for t in data.terms if ":" in str(t) and set(str(t).split(":")) & set(bases)]
    if not inside or not _full_rank_centred(data, bases):
        return ""
    written = "; ".join(f"{_centred(b, len(data.terms[b]))} in place of {b}" for b in bases)
    beside = ", as does the intercept," if "Intercept" in data.column_names else ""
    return (
        f"the columns of {', '.join(map(repr, bases))} add up to 1 on every row (a cubic "
        f"regression spline's basis spans the constant){beside} and in "
        f"{', '.join(map(repr, inside))} they add up to the columns of the variables they "
        "multiply, which the model holds too; a formula cannot drop one column of a term: "
        f"write {written}, in every term, whose constraints='center' takes the constant "
        "out of the basis (the same model)"
    )


def _full_rank_centred(data: Any, bases: list[str]) -> bool:
    """Whether the design is of full rank with each of ``bases`` (terms whose columns add up
    to 1) replaced by B Z, wherever it stands, Z spanning the vectors orthogonal to B's
    column sums: the span of a basis fitted with constraints='center'."""
    X, names = data.X, data.column_names
    centring = {}
    for b in bases:
        B = X[:, list(data.terms[b])]
        centring[b] = linalg.null_space(B.sum(axis=0)[None, :])
    pieces = []
    for term, cols in data.terms.items():
        parts = str(term).split(":")
        spanning = [b for b in parts if b in centring]
        if not spanning:
            pieces.append(X[:, list(cols)])
            continue
        if len(spanning) > 1:
            return False
        at, Z = parts.index(spanning[0]), centring[spanning[0]]
        groups: dict[tuple, list[int]] = {}
        for j in cols:
            own = str(names[j]).split(":")
            if len(own) != len(parts):
                return False
            groups.setdefault(tuple(own[:at] + own[at + 1 :]), []).append(j)
        for group in groups.values():
            if len(group) != len(Z):
                return False
            pieces.append(X[:, group] @ Z)
    centred = np.column_stack(pieces)
    w = data.w if getattr(data, "weighted", False) else None
    R = row_factor(centred, w)[0]
    return bool((residuals_from_factor(stack_factors(R)) > RANK_TOL).all())


def _levels_too(levels: list[str], constants: int) -> str:
    """What to write too when factors' columns per level stand beside another constant (the
    intercept, or another such factor), which centring the bases leaves aliased."""
    if not levels or constants + len(levels) < 2:
        return ""
    shown = ", ".join(map(repr, levels[1 - constants :] if constants == 0 else levels))
    return (
        f", and code {shown} against a baseline level (without spans_intercept=False), "
        "whose columns per level add up to the constant too"
    )


def _one_per_level(X: np.ndarray) -> bool:
    """Whether the columns ``X`` are 0 or 1 and add up to 1 on every row."""
    return bool(np.isin(X, (0.0, 1.0)).all() and (X.sum(axis=1) == 1).all())


def _per_level(data: Any, names: tuple, term: str) -> str:
    """Why ``term``'s columns, one per level of a factor (0 or 1 and summing to 1 on every
    row), are collinear with another constant column, and what to write; "" if they are
    not such columns."""
    cols = list(data.terms[term])
    X = data.X[:, cols]
    if len(cols) < 2 or not _one_per_level(X):
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
