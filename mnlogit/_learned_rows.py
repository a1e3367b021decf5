"""The stateful transforms (``poly()``, ``scale()``, ``center()``, the splines) that learned
their basis, centre, scale or knots on fewer rows than R's would: a transform learns them on
the rows used, after the rows missing a value in any column the formula reads are dropped,
where R's ``model.frame`` evaluates it on every row that has its variables before
``na.omit`` drops the rows missing another column. R's coefficients of such a transform (and
the intercept) then differ, and a spline's knots and bounds, and so R's fit, too; the
summary's note says so. Nothing here imports formulaic: the factors, the ModelSpec and the
encoding of a factor on other rows (``states_on``) are given.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._formula_text import python_reads
from ._terms import _state_key, transform_states

__all__ = ["MAYBE", "SPLINE", "WRITTEN", "learned_note", "learned_on_used_rows"]

StatesOn = Callable[[str, pd.DataFrame, "list[str]"], "dict[str, Any] | None"]


def _same(a: Any, b: Any) -> bool:
    """Whether two transform states are equal (numbers to 1e-12, relative)."""
    if isinstance(a, Mapping) or isinstance(b, Mapping):
        return (
            isinstance(a, Mapping)
            and isinstance(b, Mapping)
            and a.keys() == b.keys()
            and all(_same(a[k], b[k]) for k in a)
        )
    try:
        x, y = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    except (TypeError, ValueError):
        return bool(a == b)
    return x.shape == y.shape and bool(np.allclose(x, y, rtol=1e-12, atol=0, equal_nan=True))


# how R's fit compares where R's state differs: the same fit written otherwise (a centre,
# scale or polynomial basis that is a term of its own beside the intercept), another fit (a
# spline's knots and bounds), or one that may differ (the state inside another function or an
# interaction, where a shifted centre is no longer absorbed by the intercept)
WRITTEN, SPLINE, MAYBE = "written", "spline", "maybe"


def _inputs(learned: Mapping[str, Any]) -> list[str]:
    """The first argument of each transform call ``learned`` names (``np.log(x)`` of
    ``scale(np.log(x))``): R's scale() and bs() learn on the rows where it is finite."""
    out = []
    for key in learned:
        try:
            call = ast.parse(key, mode="eval").body
        except SyntaxError:  # a backticked name: its rows are not narrowed
            continue
        if isinstance(call, ast.Call) and call.args:
            out.append(ast.unparse(call.args[0]))
    return out


def learned_on_used_rows(
    spec: Any,
    terms: Iterable[Iterable[Any]],
    read: Mapping[str, pd.Series],
    keep: np.ndarray,
    states_on: StatesOn,
) -> tuple[tuple[str, str], ...]:
    """The factors (as the formula writes them) whose stateful transforms learned on the
    rows kept (``keep``) another state than on every row holding the variables they read
    (R's rows for them; ``read``: the columns on every row, before the drop), each with how
    R's fit compares (:data:`WRITTEN`, :data:`SPLINE`, :data:`MAYBE`); () when no row was
    dropped. ``terms`` are the formula's terms as lists of factors; ``states_on(expr,
    frame, inputs)`` encodes a factor on the rows of ``frame`` where each of ``inputs`` is
    finite and gives the states its transforms learn, or None where it cannot."""
    if keep.all():
        return ()
    terms = [[str(f.expr) for f in factors] for factors in terms]
    found: dict[str, str] = {}
    # a factor in several terms (poly(x, 2) + poly(x, 2):g) is read once
    for expr in dict.fromkeys(e for factors in terms for e in factors):
        # Q('x') and poly(x, 2, raw=True) are stateful but learn nothing (their state is {})
        learned = {k: s for k, s in transform_states(spec, expr).items() if s}
        reads = python_reads(expr)
        variables = [] if reads is None else sorted((reads[0] | reads[1]) & set(read))
        if not learned or not variables:
            continue
        held = np.ones(len(keep), dtype=bool)
        for name in variables:
            held &= np.asarray(read[name].notna())
        if not (held & ~keep).any():
            continue  # the rows dropped miss the transform's variables: R's rows are these
        frame = pd.DataFrame({name: read[name][held] for name in variables})
        theirs = states_on(expr, frame, _inputs(learned))
        if theirs is None or all(_same(state, theirs.get(k)) for k, state in learned.items()):
            continue
        if any("knots" in state for state in learned.values()):
            found[expr] = SPLINE
        elif list(learned) == [_state_key(expr)] and all(
            factors == [expr] for factors in terms if expr in factors
        ):
            found[expr] = WRITTEN
        else:
            found[expr] = MAYBE
    return tuple(found.items())


def _listed(names: list[str]) -> str:
    return ", ".join(names)


def learned_note(learned: tuple[tuple[str, str], ...], n_rows: int) -> str:
    """The summary's note on ``learned`` (from :func:`learned_on_used_rows`); "" for none."""
    if not learned:
        return ""
    names = [expr for expr, _ in learned]
    one = len(names) == 1
    splines = [expr for expr, kind in learned if kind == SPLINE]
    maybe = [expr for expr, kind in learned if kind == MAYBE]
    if splines:
        differ = (
            f"R's coefficients differ, and R's knots and bounds of {_listed(splines)}, and so "
            "R's fit: give them (bs(x, knots=[...], lower_bound=..., upper_bound=...)) for "
            "R's fit"
        )
    else:
        differ = f"R's coefficients of {'it' if one else 'them'} and of the intercept differ"
    if maybe:
        differ += (
            f"; with the state inside another function or an interaction ({_listed(maybe)}), "
            "R's fit may differ too"
        )
    elif not splines:
        differ += " (the same fit, written otherwise)"
    return (
        f"{_listed(names)} learned {'its' if one else 'their'} centre, scale, basis or "
        f"knots on the {n_rows} rows used, after the rows missing another column were "
        f"dropped; R's model.frame learns them on every row before it drops those, so {differ}."
    )
