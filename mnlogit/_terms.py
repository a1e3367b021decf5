"""What a formula's terms imply, checked before and after the design is built.

A factor of one column (a looked-up text or categorical column, or ``C(column)``) has levels
that can be counted from the data before formulaic builds anything: a factor with one level
cannot be estimated (R's ``model.matrix`` refuses it), and the levels bound the number of
design columns from below, so a formula with more columns than rows is refused before a
huge design is materialised. The functions take formulaic's factors (anything with ``expr``
and ``eval_method``) without importing formulaic.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterable
from typing import Any

import numpy as np
import pandas as pd

from ._alike import first_few, level_said, warn_alike
from ._date_text import dates_note
from ._formula_text import _q_name, check_treatment_base, python_names, python_reads
from ._shown_numbers import row_count
from ._size_checks import counted_rows
from .exceptions import DataError, FormulaError, RareLevelWarning, warn

__all__ = [
    "LEVELS_FROM_ROWS",
    "bounded_splines",
    "categorical_columns",
    "categorical_factors",
    "categorical_only",
    "check_bounds",
    "check_encoded",
    "check_names",
    "check_terms",
    "coding",
    "column_meanings",
    "factor_only",
    "learned_state",
    "mostly_dummies",
    "plain_column",
    "term_label",
]


def _method(factor: Any) -> str:
    """How formulaic evaluates a factor: "lookup", "python" or "literal"."""
    return str(getattr(factor.eval_method, "value", factor.eval_method))


def c_argument(tree: ast.Expression | None, levels: bool = False) -> ast.expr | None:
    """The column argument of a factor written ``C(column)``, ``C(`a b`)`` or
    ``C(Q('a.b'))`` (or with contrasts; with ``levels=``, which sets the levels itself, only
    when ``levels``): a name, or the ``Q()`` call."""
    call = getattr(tree, "body", None)
    if (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "C"
        and call.args
        and (isinstance(call.args[0], ast.Name) or _q_name(call.args[0]) is not None)
        and (levels or not any(k.arg == "levels" for k in call.keywords))
    ):
        return call.args[0]
    return None


def _argument_column(arg: ast.expr, quoted: dict[str, str]) -> str:
    """The column that :func:`c_argument`'s ``arg`` names."""
    name = _q_name(arg)
    if name is not None:
        return name
    assert isinstance(arg, ast.Name)
    return quoted.get(arg.id, arg.id)


def c_column(factor: Any, levels: bool = False) -> str | None:
    """The column of a factor written ``C(column)`` (``levels``: or ``C(column, levels=...)``),
    else None."""
    if _method(factor) != "python":
        return None
    tree, quoted = python_names(str(factor.expr))
    arg = c_argument(tree, levels)
    return None if arg is None else _argument_column(arg, quoted)


def factor_only(factors: Iterable[Any]) -> set[str]:
    """The names the formula uses only as ``C(name)``: columns whose values are categories
    by the formula's word, even when they read as numbers."""
    in_c: set[str] = set()
    other: set[str] = set()
    for factor in factors:
        if _method(factor) == "lookup":
            other.add(str(factor.expr).strip("`"))
        elif _method(factor) == "python":
            tree, quoted = python_names(str(factor.expr))
            if tree is None:
                continue
            arg = c_argument(tree)
            if arg is not None:
                in_c.add(_argument_column(arg, quoted))
            inside = {id(node) for node in ast.walk(arg)} if arg is not None else set()
            for node in ast.walk(tree):
                if id(node) in inside:
                    continue
                if isinstance(node, ast.Name):
                    other.add(quoted.get(node.id, node.id))
                elif (name := _q_name(node)) is not None:  # np.log(Q('a.b')) reads a.b
                    other.add(name)
    return in_c - other


def categorical_only(spec: Any) -> set[str]:
    """The variables that ``spec`` (a ModelSpec) reads only through factors it encodes as
    categories."""
    kinds = {expr: _kind(state[0]) for expr, state in spec.encoder_state.items()}
    categorical: set[str] = set()
    other: set[str] = set()
    for factor, variables in spec.factor_variables.items():
        if kinds.get(factor.expr) == "categorical":
            categorical.update(str(v) for v in variables)
        else:  # formulaic names g.cat.codes for code reading g: every prefix may be the column
            parts = [str(v).split(".") for v in variables]
            other.update(".".join(p[:i]) for p in parts for i in range(1, len(p) + 1))
    return categorical - other


def categorical_factors(spec: Any) -> set[str]:
    """The factors (their expressions) that ``spec`` (a ModelSpec) encodes as categories."""
    return {str(e) for e, state in spec.encoder_state.items() if _kind(state[0]) == "categorical"}


def categorical_columns(spec: Any, columns: Iterable[Any], skip: Iterable[str] = ()) -> list[str]:
    """The data ``columns`` behind the factors that ``spec`` encodes as categories (but the
    factors whose expressions ``skip`` names)."""
    kinds = {expr: _kind(state[0]) for expr, state in spec.encoder_state.items()}
    present = {str(c) for c in columns}
    skipped = set(skip)
    found: set[str] = set()
    for factor, variables in spec.factor_variables.items():
        if kinds.get(factor.expr) == "categorical" and str(factor.expr) not in skipped:
            found |= {str(v) for v in variables} & present
    return sorted(found)


def _kind(kind: Any) -> str:
    """A factor's kind in an encoder state (formulaic's Factor.Kind) as its name."""
    return str(getattr(kind, "value", kind))


def factor_column(factor: Any, columns: dict[str, pd.Series]) -> str | None:
    """The column whose values are the levels of ``factor``, when it is a looked-up category
    (text or categorical) or ``C(column)``; None for any other factor."""
    if _method(factor) == "lookup":
        name = str(factor.expr).strip("`")
        column = columns.get(name)
        if column is not None and (
            isinstance(column.dtype, pd.CategoricalDtype)
            or column.dtype == object
            or isinstance(column.dtype, pd.StringDtype)
        ):
            return name
        return None
    c_name = c_column(factor)
    return c_name if c_name in columns else None


def n_levels(column: pd.Series) -> int:
    """The number of levels of a factor column: its categories, or its distinct values."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return len(column.cat.categories)
    return int(column.nunique(dropna=True))


# rows whose distinct values bound the levels from below before the design is built: all
# rows of small data; of large data, enough to show the levels of any factor worth checking
LEVELS_FROM_ROWS = 10_000


def check_terms(
    formula: str,
    terms: list[tuple[str, list[Any]]],
    columns: dict[str, pd.Series],
    outcome: str,
    n_rows: int,
    read: dict[str, pd.Series],
    n_dropped: int,
    limit_parameters: bool = True,
    observations: float | None = None,
) -> None:
    """Before the design is built: every factor of one column has two levels or more (as
    R's model.matrix insists), and the columns the terms imply at least (not x the
    equations: see ``_size_checks.too_many_columns``) are no more than the rows (unless not
    ``limit_parameters``: a penalised fit identifies them). ``observations``: the frequency
    weights' sum over the rows, which count that many observations, as the rows repeated
    would be (None: one each).

    Levels are counted on the first rows used (all of them, up to LEVELS_FROM_ROWS): on large
    data these counts are lower bounds, which is all a refusal needs; a factor that shows one
    level there is left to :func:`check_encoded`, which sees them all.
    """
    head = {name: col.iloc[:LEVELS_FROM_ROWS] for name, col in columns.items()}
    every_row = len(columns[outcome]) <= LEVELS_FROM_ROWS
    levels: dict[str, int] = {}
    widths = []
    looked_up: dict[str, list[str]] = {}  # each term's columns read as text, for dates_note
    for label, factors in terms:
        width = 1
        for factor in factors:
            name = factor_column(factor, columns)
            if name is None:
                continue
            if _method(factor) == "lookup":
                looked_up.setdefault(label, []).append(name)
            if name not in levels:
                levels[name] = n_levels(head[name])
            if levels[name] < 2 and every_row:
                raise one_level(formula, label, name, columns, read, n_dropped)
            if every_row:
                check_treatment_base(formula, str(factor.expr), name, _levels_used(head[name]))
            width *= max(levels[name] - 1, 1)
        widths.append((width, label))
    q = int(head[outcome].nunique(dropna=True)) - 1
    p = sum(w for w, _ in widths)
    if limit_parameters and q >= 1 and p > (n_rows if observations is None else observations):
        width, label = max(widths)
        biggest = f"; term {label!r} alone has at least {width} columns" if width > 1 else ""
        dates = "".join(dates_note(n, columns[n]) for n in looked_up.get(label, []))
        counted = f"rows ({n_rows})" if observations is None else counted_rows(observations, n_rows)
        raise DataError(
            f"formula {formula!r}: more design columns (at least {p}) than {counted}, so their "
            f"coefficients are not identified{biggest}"
            + (dates or "; simplify the formula or merge levels")
        )


def one_level(
    formula: str,
    label: str,
    name: str | None,
    columns: dict[str, pd.Series],
    read: dict[str, pd.Series],
    n_dropped: int,
    levels: list | None = None,
) -> DataError:
    """The error for a factor with fewer than two levels in the rows used: its column's
    ``name`` (None for an expression, whose ``levels`` are given), and why."""
    if levels is None:
        levels = columns[name].dropna().unique()[:1].tolist() if name is not None else []
    level = f"one level ({levels[0]!r})" if levels else "no level"
    why, words, incomplete = "", "", []
    before = n_levels(read[name]) if n_dropped and name is not None else 0
    if before >= 2:
        incomplete = [c for c, col in read.items() if col.isna().any()]
        words = f"{row_count(n_dropped)} with missing values in {', '.join(map(repr, incomplete))}"
        why = f" (the column has {before} levels, but only this one is left after dropping {words})"
    err = DataError(
        f"formula {formula!r}: term {label!r} is a factor with {level} in the rows used{why}; "
        "a factor needs two levels or more to be estimated (R's model.matrix refuses it too: "
        "contrasts apply only to factors with 2 or more levels); drop it from the formula"
    )
    err.rows_dropped_said, err.rows_dropped_columns = words, tuple(incomplete)
    return err


def check_names(formula: str, names: tuple[str, ...], intercept: bool) -> None:
    """Design columns have distinct names, and only the intercept is called "Intercept"."""
    if names.count("Intercept") > int(intercept):
        raise FormulaError(
            f"formula {formula!r}: a predictor column is named 'Intercept', the name of the "
            f"intercept's column; rename it (e.g. df.rename(columns={{'Intercept': "
            f"'intercept_x'}}))"
        )
    seen = pd.Index(names)
    if seen.has_duplicates:
        dup = list(dict.fromkeys(seen[seen.duplicated()]))
        raise FormulaError(
            f"formula {formula!r}: design columns {', '.join(map(repr, dup))} occur more "
            f"than once (a column of the data has the name formulaic gives another term's "
            f"column); rename that column"
        )


def check_encoded(
    formula: str,
    terms: Any,
    spec: Any,
    columns: dict[str, pd.Series],
    read: dict[str, pd.Series],
    n_dropped: int,
) -> None:
    """After formulaic built the design (``spec``, a ModelSpec, of the formula's ``terms``):
    no factor it made a category has fewer than two levels, and no term is left without
    columns (it would vanish from the model). Levels of a column's factor that differ only
    by white space or rounding (" u" and "u") are warned of, as the outcome's are: the
    baseline among them is not shown in any table, so nothing else would tell."""
    for expr, (kind, state) in spec.encoder_state.items():
        if getattr(kind, "value", kind) != "categorical":
            continue
        categories = list(state.get("categories", ()))
        found = [(t, f) for t in terms for f in t.factors if f.expr == expr]
        name = factor_column(found[0][1], columns) if found else None
        if len(categories) < 2:
            label = term_label(found[0][0]) if found else expr
            raise one_level(formula, label, name, columns, read, n_dropped, categories)
        if name is not None and not isinstance(columns[name].dtype, pd.CategoricalDtype):
            warn_alike(categories, name, what="factor")
        if name is not None and n_dropped:
            _warn_emptied(name, categories, read, n_dropped)
    empty = [term_label(t) for t, sl in spec.term_slices.items() if sl.stop <= sl.start]
    if empty:
        raise FormulaError(
            f"formula {formula!r}: term(s) {', '.join(map(repr, empty))} give no design "
            f"columns on these data; drop them from the formula"
        )


def _warn_emptied(name: str, categories: list, read: dict[str, pd.Series], n_dropped: int) -> None:
    """Warn of the levels of factor ``name`` that the data have but that no row is left with
    once the rows with missing values are dropped: they vanished from the model (no
    coefficient, new data with them refused) with nothing said but the count of rows."""
    kept = set(categories)
    column = read[name]
    lost = [v for v in column.dropna().unique().tolist() if v not in kept]
    if lost:
        incomplete = [c for c, col in read.items() if col.isna().any()]
        warn_emptied(name, lost, int(column.isin(lost).sum()), incomplete, n_dropped)


def warn_emptied(name: str, lost: list, rows: int, incomplete: list, n_dropped: int) -> None:
    """The warning of :func:`_warn_emptied`, from its counts (an in-memory fit's, or those
    a fit on partitions sums)."""
    shown = first_few(lost, 5, level_said)
    warn(
        f"factor {name!r}: level{'s' if len(lost) > 1 else ''} {shown} ({row_count(rows)}) "
        f"{'have' if len(lost) > 1 else 'has'} no rows left after dropping the "
        f"{row_count(n_dropped)} with missing values in {', '.join(map(repr, incomplete))}: "
        "the model has no "
        f"coefficient for {'them' if len(lost) > 1 else 'it'}, and new data with "
        f"{'them' if len(lost) > 1 else 'it'} are refused; fill in the missing values to keep "
        "these rows, or drop the rows first (df.dropna(subset=[...])) to fit without this "
        "warning",
        RareLevelWarning,
    )


def term_label(term: Any) -> str:
    """A term's label: formulaic's, with the intercept ("1") called "Intercept"."""
    label = str(term)
    return "Intercept" if label == "1" else label


# A design is built through formulaic's sparse output when its variables' factor levels are
# at least this many, and at least twice its numeric variables: then most of its columns are
# dummies. Sparse output costs several times the dense one on numeric columns.
SPARSE_MIN_LEVELS = 64
LEVELS_SAMPLE_ROWS = 20_000


def mostly_dummies(parsed: Any, frame: pd.DataFrame) -> bool:
    """Whether the formula's variables are mostly factors of many levels, judged from the
    levels of a strided sample of rows (a lower bound on each factor's levels)."""
    numeric, levels = 0, 0
    stride = max(1, len(frame) // LEVELS_SAMPLE_ROWS)
    for name in parsed.rhs.required_variables:
        if name not in frame.columns:
            continue
        column = frame[name]
        if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
            numeric += 1
        elif isinstance(column.dtype, pd.CategoricalDtype):
            levels += len(column.cat.categories)
        else:
            try:
                levels += int(column.iloc[::stride].nunique())
            except TypeError:  # unhashable values: formulaic's own build reports them
                continue
    return levels >= SPARSE_MIN_LEVELS and levels >= 2 * numeric


def plain_column(spec: Any, name: str) -> int | None:
    """The design column of ``spec`` (a ModelSpec, or a plain-column design's) that is
    variable ``name`` as it is, when no other column reads it: its derivative is then that
    column's unit vector, with nothing to re-encode. None otherwise (a transform, an
    interaction, a factor, or no spec)."""
    if spec is None:
        return None
    # formulaic names what x.values or x.clip(0, 8) reads "x.values": the name's own reads too
    readers = [
        f
        for f, used in spec.factor_variables.items()
        if name in {str(u) for u in used} | (python_reads(str(f.expr)) or (set(),))[0]
    ]
    if len(readers) != 1:
        return None
    factor = readers[0]
    if _method(factor) != "lookup" or str(factor.expr) != name:
        return None
    terms = [(t, sl) for t, sl in spec.term_slices.items() if factor in t.factors]
    if len(terms) != 1 or len(terms[0][0].factors) != 1:
        return None
    columns = terms[0][1]
    return columns.start if columns.stop - columns.start == 1 else None


def _bs_call(expr: str) -> tuple[ast.Call, dict[str, str]] | None:
    """The call of a B-spline not told how to extrapolate (``bs(x, df=4)``,
    ``bs(np.log(x))``), with the names it quotes; None for anything else."""
    tree, quoted = python_names(expr)
    call = getattr(tree, "body", None)
    if (
        isinstance(call, ast.Call)
        and isinstance(call.func, ast.Name)
        and call.func.id == "bs"
        and call.args
        and not any(k.arg == "extrapolation" for k in call.keywords)
    ):
        return call, quoted
    return None


def _state_key(code: str) -> str:
    """``code`` as formulaic keys the state of a stateful transform: with each backticked
    name made an identifier as formulaic makes it (```my x``` is ``my_x``), as Python's
    ``ast.unparse`` writes the call."""

    def identifier(match: re.Match) -> str:
        name = match.group(1)
        if name.isidentifier():
            return name
        base = re.sub(r"\W", "_", name)
        return "_" + base if base[:1].isdigit() else base

    try:
        tree = ast.parse(re.sub(r"`([^`]+)`", identifier, code), mode="eval")
    except SyntaxError:
        return code
    return ast.unparse(tree).replace("\n", " ")


def transform_states(spec: Any, expr: str) -> dict[str, Any]:
    """The states that the stateful transforms in the factor ``expr`` learned, by each
    call's key: formulaic keys them by the call itself, with backticked names made
    identifiers, so ``spec.transform_state[expr]`` missed ``bs(`my x`, df=4)`` (its key is
    ``bs(my_x, df=4)``) and a transform inside an expression (``np.log(scale(x) + 10)``,
    key ``scale(x)``)."""
    states = getattr(spec, "transform_state", None) or {}
    if not states:
        return {}
    try:
        tree = ast.parse(_state_key(expr), mode="eval")
    except SyntaxError:
        return {}
    keys = (ast.unparse(n).replace("\n", " ") for n in ast.walk(tree) if isinstance(n, ast.Call))
    return {key: states[key] for key in keys if key in states}


def bounded_splines(spec: Any) -> list[tuple[str, float, float, str]]:
    """(column, lower bound, upper bound, transform) of every B-spline of one column
    (``bs(x, df=4)``) not told how to extrapolate: its basis is not defined beyond the
    bounds (formulaic refuses such values naming neither; ``cr()`` and its kin are linear
    beyond their bounds, and go on)."""
    out: list[tuple[str, float, float, str]] = []
    for factor in spec.factors:
        state = spec.transform_state.get(_state_key(str(factor.expr)))
        found = _bs_call(str(factor.expr))
        if not isinstance(state, dict) or "lower_bound" not in state or found is None:
            continue  # not a B-spline, or one told how to extrapolate
        call, quoted = found
        column = call.args[0]
        if not isinstance(column, ast.Name):
            continue  # a spline of an expression: its bounds are not a column's
        name = quoted.get(column.id, column.id)
        out.append((name, state["lower_bound"], state["upper_bound"], str(factor.expr)))
    return out


def check_bounds(spec: Any, frame: pd.DataFrame, rows: np.ndarray) -> None:
    """Refuse new data asking a B-spline of one column (``bs(x, df=4)``) beyond its fitted
    bounds in ``rows`` (those predicted), naming the column, the bounds and a value."""
    for name, lo, hi, expr in bounded_splines(spec):
        if name not in frame.columns or not pd.api.types.is_numeric_dtype(frame[name]):
            continue
        x = frame[name].to_numpy(np.float64, na_value=np.nan)
        # an infinite value is outside too, but like a missing one it predicts NaN (as for
        # bs(np.log(x))): not a refusal of all; so does a row missing another column
        outside = np.flatnonzero(rows & np.isfinite(x) & ((x < lo) | (x > hi)))
        if len(outside):
            row = frame.index[outside[:1]].tolist()[0]  # a Python value: not np.int64(3)
            value, near = float(x[outside[0]]), ""
            bound = float(lo if value < lo else hi)
            shown = f"{value:.6g}"
            if shown == f"{bound:.6g}":  # printed alike, it was the bound, rounded
                shown = f"{value!r}, {abs(value - bound):.2g} beyond the bound {bound!r}"
                near = (
                    "; a value so near a bound is the bound rounded (in float32, or written "
                    f"with fewer digits): newdata[{name!r}].clip({float(lo)!r}, "
                    f"{float(hi)!r}) reads it as the bound"
                )
            raise DataError(
                f"newdata: column {name!r} has {len(outside)} value(s) outside [{lo:.6g}, "
                f"{hi:.6g}], the bounds of {expr} (e.g. {shown} in row {row!r}); the "
                "spline's basis is not defined beyond them: predict within them, or refit "
                "with extrapolation='extend' in the spline's call, which continues its end "
                "polynomials beyond them as R's predict.bs does, or with lower_bound= and "
                f"upper_bound= that cover the values{near}"
            )


def column_meanings(spec: Any) -> dict[str, tuple]:
    """Design column name -> what the name leaves unsaid about the column: for each factor
    of its term, the baseline of a reduced treatment-coded categorical (``g[T.b]`` is b
    against it), the levels of another reduced coding, the state a stateful transform
    learned from the rows (``scale(x)``'s mean and SD, a spline's knots). Two fits whose
    columns share a name mean the same column only if these agree. Empty for no spec."""
    structure = getattr(spec, "structure", None) if spec is not None else None
    if not structure:
        return {}
    encoders = spec.encoder_state
    out: dict[str, tuple] = {}
    for entry in structure:
        parts = []
        for scoped in entry.scoped_terms:
            for sf in getattr(scoped, "factors", ()):
                expr = str(sf.factor.expr)
                kind, state = encoders.get(sf.factor.expr, (None, {}))
                if str(getattr(kind, "value", kind)) == "categorical":
                    if sf.reduced:  # an indicator per level means the same whatever the levels
                        parts.append(_coding(expr, state))
                elif learned_state(states := transform_states(spec, expr)):
                    # the factor is the transform (scale(x)), or holds some (np.log(scale(x)))
                    own = states.get(_state_key(expr))
                    parts.append((expr, "state", _plain(states if own is None else own)))
        for column in entry.columns:
            out[str(column)] = tuple(parts)
    return out


def coding(state: Any) -> tuple[list, Any, Any]:
    """A categorical factor's levels in its own order (``C(g, levels=[...])``'s, a
    Categorical's, else sorted), its contrasts, and its treatment baseline (the level named,
    else the first, as R's ``factor(g, levels = ...)``) or None, from its encoder state."""
    state = state if isinstance(state, dict) else {}
    contrasts = state.get("contrasts")
    levels = list(getattr(contrasts, "levels", None) or state.get("categories", []))
    scheme = getattr(contrasts, "contrasts", None)
    if type(scheme).__name__ != "TreatmentContrasts":
        return levels, scheme, None
    base = getattr(scheme, "base", None)
    if not any(base == lv for lv in levels):  # unset
        base = next(iter(levels), None)
    return levels, scheme, base


def _coding(expr: str, state: Any) -> tuple:
    """A reduced categorical's meaning: its treatment baseline, else contrasts and levels."""
    levels, scheme, base = coding(state)
    return (
        (expr, "baseline", _plain(base))
        if base is not None
        else (expr, repr(scheme), _plain(levels))
    )


def learned_state(state: Any) -> bool:
    """Whether a transform's state holds anything learned from the data (not only {}:
    ``Q("x$")`` quotes a name and keeps an empty state)."""
    if isinstance(state, dict):
        return any(learned_state(v) for v in state.values())
    return True


def _plain(value: Any) -> Any:
    """``value`` as nested tuples of Python scalars, numbers rounded to 10 significant
    digits (a fit of the same rows in another order or on another backend rounds its
    transform's mean differently)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _plain(v)) for k, v in value.items()))
    if isinstance(value, np.ndarray):
        value = value.ravel().tolist()
    if isinstance(value, (list, tuple)):
        return tuple(_plain(v) for v in value)
    if isinstance(value, (float, np.floating)):
        return float(f"{float(value):.10g}")
    return value.item() if isinstance(value, np.generic) else value


def _levels_used(col: pd.Series) -> list:
    """The values of ``col`` in its levels' order, as a coding lists them: a Categorical's
    categories that occur, otherwise sorted (numbers as numbers; as text where numbers and
    words are mixed)."""
    used = col.dropna().unique().tolist()
    if isinstance(col.dtype, pd.CategoricalDtype):
        present = set(used)
        return [c for c in col.cat.categories if c in present]
    try:
        return sorted(used)
    except TypeError:
        return sorted(used, key=str)
