"""Whether a formula's design is computed row by row.

A model applies its formula to new data (predictions, margins, every partition of a dask
fit) with the state formulaic keeps: the levels of its factors and the centre, scale and
knots of its stateful transforms (``center``, ``scale``, ``poly``, ``bs``). A term that
computes each row's value from the other rows without keeping that state (``I(x -
x.mean())``, ``I(x / x.max())``, ``I(x.rank())``, ``lag(x)``) gives other values on any other
rows, so new data would be encoded unlike the data the model was fitted on, silently.

Rows with a missing value in a column the formula reads are dropped before the formula is
evaluated, so a term that handles missing values itself (``I(x.fillna(0))``,
``np.nan_to_num(x)``, ``I(x.isna())``) never sees them: refused, where R evaluates the
formula first and keeps those rows.
"""

from __future__ import annotations

import ast
import functools
import itertools
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._formula_text import python_names, python_reads
from .exceptions import FormulaError

__all__ = ["refuse_missing_handled", "refuse_row_dependent", "row_free"]

# functions and methods that only matter for missing (or non-finite) values
_MISSING_AWARE = frozenset(
    {"fillna", "isna", "isnull", "notna", "notnull", "ffill", "bfill", "interpolate"}
    | {"combine_first", "dropna", "nan_to_num", "isnan", "isfinite"}
    | {"nansum", "nanmean", "nanmax", "nanmin", "nanmedian", "nanstd", "nanvar"}
)

# a stateful transform re-applied to a few rows reproduces them up to rounding
_RTOL = 1e-9


def row_free(rhs: Any) -> bool:
    """Whether every factor of the terms ``rhs`` is a column, the intercept, or ``C()`` of a
    column with a contrast of constants (``C(g)``, ``C(g, Treatment('b'))``): values each
    row has on its own, which :func:`refuse_row_dependent` need not encode rows again for
    (three encodings, a third of a small fit's time)."""
    return all(_row_free_expr(f) for term in rhs for f in term.factors)


def _row_free_expr(factor: Any) -> bool:
    if factor.eval_method.value in ("lookup", "literal"):
        return True
    try:
        node = ast.parse(str(factor.expr), mode="eval").body
    except SyntaxError:
        return False
    if not (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id == "C"
        and node.args
        and isinstance(node.args[0], ast.Name)
    ):
        return False
    # a contrast is named, called with constants, or given levels: no attribute or subscript
    # of a column (Treatment(g.max()), levels=g.unique()) can hide in it
    rest = [*node.args[1:], *(k.value for k in node.keywords)]
    allowed = (ast.Name, ast.Constant, ast.Call, ast.List, ast.Tuple, ast.keyword, ast.Load)
    return all(isinstance(n, allowed) for arg in rest for n in ast.walk(arg))


def refuse_row_dependent(
    formula: str,
    materialize: Callable[..., Any],
    spec: Any,
    frame: pd.DataFrame,
    X: np.ndarray,
    terms: dict[str, tuple],
) -> None:
    """Refuse a design whose rows, encoded on their own with the fitted ModelSpec ``spec``
    (by ``materialize(spec, rows, **options)``), differ from the same rows of ``X``, naming
    the terms that differ.

    Three rows chosen across the data, encoded in another order and relabelled 0, 1, 2: a
    statistic of the rows (a mean, a maximum, a rank, the previous row, the first row) taken
    over three of them differs from the one over all of them unless by coincidence. Then two
    rows that differ in as many columns as they can, each alone: of a column of few values
    the three rows often hold its maximum, minimum or mode, so I(d / d.max()) passed there,
    but a row alone is its own maximum, minimum and mode, and of two rows with other values
    one is not the fitted data's. Then the rows holding each numeric column's largest and
    smallest value, each alone: a split at a statistic of the column (``I(x > x.mean())``)
    puts a row alone on the side of its own mean, and one of those rows on the other side
    among all the rows. ``terms`` maps each term's label to its columns of ``X``,
    in the order of ``spec.term_slices``.

    Rows that cannot be encoded on their own at all, where all of them were, name the terms
    that read a column and fail alone: a statistic of a column
    (``I(x.max())``) is one number that formulaic broadcast over every row, but not over a
    few, so the fit was kept and its predictions failed with "all input arrays must have the
    same shape".
    """
    n = len(frame)
    if n < 2 or X.shape[1] == 0:
        return
    encode = functools.partial(materialize, spec)
    # in another order and with the labels 0, 1, 2: a term reading the first or last row
    # (I(x - x.iloc[0]), I(x - x.values[-1])) or a row by its label (x.loc[0]) then reads
    # another row than it did over all of them, where in the rows' own order it read the same
    few = np.roll(np.unique([0, n // 2, n - 1]), -1)
    alone = _unlike_rows(frame)
    columns: set[int] = set()
    # the first rows that cannot be encoded on their own, where all of them were
    failing: np.ndarray | None = None
    # a row alone is its own mean, median and every quantile, so a threshold at a statistic
    # (I(x > x.mean()), x.ge(np.median(x))) flips there at a column's largest or smallest
    # value; at the rows above, often all on one side, it passed in about one fit in seven
    trials = [few, alone[:1], alone[1:]]
    extremes, halves = _extreme_rows(frame, spec, alone)
    for rows in itertools.chain(trials, ([row] for row in extremes), halves):
        found = _differing_columns(encode, frame, X, np.asarray(rows))
        if found is None and failing is None:
            failing = np.asarray(rows)
        if found:
            columns = found
            break
    if not columns and failing is not None:
        # tried with the rows that failed: a baseline at a statistic of the factor (C(g,
        # Treatment(reference=g.max()))) fails alone at a row of another level only
        term_of = dict(zip(terms, spec.term_slices, strict=True))
        named = [
            label
            for label, cols in terms.items()
            if _reads_columns(label, frame)
            and _differing_columns(
                functools.partial(materialize, spec.subset([term_of[label]])),
                frame,
                X[:, list(cols)],
                failing,
            )
            is None
        ]
    else:
        named = [label for label, cols in terms.items() if columns & set(cols)]
    if not named:
        return
    shown = ", ".join(map(repr, named))
    raise FormulaError(
        f"formula {formula!r}: {'term' if len(named) == 1 else 'terms'} {shown} "
        f"{'computes' if len(named) == 1 else 'compute'} a row's value from the other rows "
        "(a mean, maximum, rank or lag of the column), without keeping what they were: "
        "predictions and margins on other rows would compute it afresh from those rows, a "
        "column the coefficients do not describe. Compute the column before the fit "
        "(e.g. df['x_c'] = df['x'] - df['x'].mean()), or use center(x), scale(x) or "
        "standardize(x), which keep the fitted data's centre and scale"
        + (
            "; a factor's baseline or levels taken from its values (Treatment(g.max()), "
            "levels=g.unique()) are named in the formula instead (C(g, Treatment('c')), "
            "levels=['a', 'b', 'c'])"
            if any(label.startswith("C(") for label in named)
            else ""
        )
    )


def _differing_columns(
    encode: Callable[..., Any], frame: pd.DataFrame, X: np.ndarray, rows: np.ndarray
) -> set[int] | None:
    """The columns of ``X`` whose values at ``rows`` differ from those of the same rows
    encoded on their own (None when they cannot be encoded so)."""
    try:
        with np.errstate(all="ignore"):
            few = np.asarray(
                encode(frame.iloc[rows].reset_index(drop=True), output="numpy", na_action="ignore"),
                dtype=np.float64,
            )
    except Exception:
        return None
    if few.shape != (len(rows), X.shape[1]):
        return set()  # columns that change with the rows are refused when new data are encoded
    fitted = X[rows]
    scale = np.maximum(np.abs(fitted), np.abs(few))
    differ = ~((np.abs(few - fitted) <= _RTOL * scale) | (np.isnan(few) & np.isnan(fitted)))
    return set(np.flatnonzero(differ.any(axis=0)).tolist())


def _reads_columns(label: str, frame: pd.DataFrame) -> bool:
    """Whether the term ``label`` reads a column of ``frame``: ``I(1)``, one number too, is
    the same on any rows."""
    names = {str(c) for c in frame.columns}
    for piece in label.split(":"):
        reads = python_reads(piece)
        if reads is not None and (reads[0] | reads[1]) & names:
            return True
    return False


def _unlike_rows(frame: pd.DataFrame) -> np.ndarray:
    """The middle row and the row that differs from it in the most columns, among at most
    ``_CANDIDATES`` rows spread over the data (one of them differing in every column they
    can is as good as any, and looking at every row of a large fit cost a pass per column)."""
    n = len(frame)
    middle = n // 2
    rows = np.unique(np.r_[np.linspace(0, n - 1, min(n, _CANDIDATES)).astype(np.intp), middle])
    at = int(np.searchsorted(rows, middle))
    few = frame.iloc[rows]
    differ = np.zeros(len(rows), dtype=np.int64)
    for j in range(few.shape[1]):
        try:
            codes = pd.factorize(few.iloc[:, j], use_na_sentinel=True)[0]
        except TypeError:  # values that cannot be hashed (lists): the formula refuses them
            continue
        differ += codes != codes[at]
    return np.array([middle, int(rows[np.argmax(differ)])])


_CANDIDATES = 2048

# the numeric columns whose extremes are checked: each costs four encodings of one row and
# one of half of at most _HALF_SAMPLE rows
_EXTREME_COLUMNS = 4
_HALF_SAMPLE = 64

# formulaic's transforms of a column, each row by itself given the state the fit keeps
_ROW_BY_ROW = frozenset(
    {"C", "I", "poly", "bs", "cr", "cs", "cc", "center", "scale", "standardize"}
    | {"Treatment", "Sum", "Helmert", "Diff", "Poly"}
    | {"log", "log2", "log10", "exp", "exp2", "exp10"}
)
# what else such an expression may hold: columns, numbers, arithmetic and comparisons
_PLAIN = (
    ast.Name, ast.Constant, ast.BinOp, ast.UnaryOp, ast.Compare, ast.BoolOp, ast.Load,
    ast.operator, ast.unaryop, ast.cmpop, ast.boolop, ast.keyword, ast.List, ast.Tuple,
)  # fmt: skip


def _elementwise(expr: str) -> bool:
    """Whether the Python factor ``expr`` computes each row from that row alone: columns,
    numbers and arithmetic, numpy's ufuncs (``np.log``, ``np.maximum``) and formulaic's
    transforms, which keep their state (``poly``, ``bs``, ``center``). Their columns need
    no check at their extremes, which cost a fit of ``poly(x, 2) + bs(z, df=4)`` as much
    again."""
    try:
        tree = ast.parse(expr, mode="eval").body
    except SyntaxError:
        return False
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in _ROW_BY_ROW:
                continue
            if not (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and func.value.id in ("np", "numpy")
                and isinstance(getattr(np, func.attr, None), np.ufunc)
            ):
                return False
        elif isinstance(node, ast.Attribute):
            # np.log itself; any other attribute (x.mean, x.values) may read other rows
            if not (isinstance(node.value, ast.Name) and node.value.id in ("np", "numpy")):
                return False
        elif not isinstance(node, _PLAIN) or isinstance(node, ast.MatMult):  # x @ x: a sum
            return False
    return True


def _extreme_rows(
    frame: pd.DataFrame, spec: Any, checked: np.ndarray
) -> tuple[list[int], list[np.ndarray]]:
    """The rows holding the largest and the smallest value of each column that a Python
    term of ``spec`` reads (at most ``_EXTREME_COLUMNS`` of them), less the rows ``checked``
    already: of numbers by value, of levels (text, categories, booleans) in sorted order. A
    factor's baseline at a statistic of it (C(g, Treatment(reference=g.max()))) passed
    whenever the rows encoded held that level, and predictions on rows without it were
    refused as of another type, margins(at=) of the other levels too.

    Also the upper half of at most ``_HALF_SAMPLE`` rows spread over the data, sorted by
    each numeric column, encoded as rows of their own: their statistics are far from the
    fitted rows', so a split at one flips rows that a row alone does not show, where
    another condition holds it (``I(f & (x > x.mean()))`` passed whenever the
    rows tried alone above the mean had f False)."""
    read: set[str] = set()
    for factor in spec.factors:
        if factor.eval_method.value == "python" and not _elementwise(str(factor.expr)):
            reads = python_reads(str(factor.expr))
            read |= set() if reads is None else reads[0] | reads[1]
    rows: list[int] = []
    halves: list[np.ndarray] = []
    names = [c for c in frame.columns if str(c) in read][:_EXTREME_COLUMNS]
    for name in names:
        values = frame[name]
        if pd.api.types.is_bool_dtype(values) or not pd.api.types.is_numeric_dtype(values):
            rows += _first_and_last_levels(values)
            continue
        values = values.to_numpy(dtype=np.float64, na_value=np.nan)
        if np.isnan(values).all():
            continue
        top, bottom = np.nanmax(values), np.nanmin(values)
        rows += [int(np.nanargmax(values)), int(np.nanargmin(values))]
        spread = np.unique(np.linspace(0, len(values) - 1, _HALF_SAMPLE).astype(np.intp))
        spread = spread[~np.isnan(values[spread])]
        ranked = spread[np.argsort(values[spread], kind="stable")]
        half = len(ranked) // 2
        if half >= 2:  # in another order: a term reading the first row reads another one
            halves.append(ranked[half:][::-1])
        # and the next value in from each end: alone, a row is its own maximum, so a term
        # putting the maximum in place of the values past a threshold (x.where(x < 4,
        # x.max())) gave the fitted value at the maximum's row, and passed; at the next row
        # in it gives the row's own value, not the fitted maximum
        if (values < top).any():
            rows.append(int(np.argmax(np.where(values < top, values, -np.inf))))
        if (values > bottom).any():
            rows.append(int(np.argmin(np.where(values > bottom, values, np.inf))))
    return [r for r in dict.fromkeys(rows) if r not in set(checked.tolist())], halves


def refuse_missing_handled(formula: str, terms: Any, columns: dict[str, pd.Series]) -> None:
    """Refuse a Python factor of ``terms`` (pairs of a label and its factors) that calls a
    function for missing values (``fillna``, ``isna``, ``nan_to_num``...) on ``columns``
    that have some: the rows that miss them are dropped before the formula is evaluated, so
    ``I(x.fillna(0))`` dropped them silently and ``I(x.isna())`` was a column of zeros."""
    for _, factors in terms:
        for factor in factors:
            if factor.eval_method.value != "python":  # a column's name, or a literal
                continue
            expr = str(factor.expr)
            tree, reads = python_names(expr)[0], python_reads(expr)
            if tree is None or reads is None:
                continue
            words = {getattr(n, "attr", getattr(n, "id", None)) for n in ast.walk(tree)}
            aware = sorted(_MISSING_AWARE.intersection(words))
            read = (reads[0] | reads[1]) & set(columns)
            missing = sorted(c for c in read if columns[c].isna().any())
            if aware and missing:
                name = missing[0]
                raise FormulaError(
                    f"formula {formula!r}: {expr!r} handles missing values ({aware[0]}), but "
                    f"the rows that miss {name!r} are dropped before the formula is evaluated, "
                    "so it never sees them (R evaluates the formula first); fill in the "
                    f"column before the fit, e.g. df[{name!r}] = df[{name!r}].fillna(0), and "
                    "give a missing-value indicator a column of its own"
                )


def _first_and_last_levels(values: pd.Series) -> list[int]:
    """A row holding the largest level of ``values`` and one holding the smallest, in sorted
    order (a Categorical's own); none for values that cannot be sorted."""
    try:
        codes = pd.factorize(values, sort=True, use_na_sentinel=True)[0]
    except TypeError:  # levels of mixed types, or values that cannot be hashed
        return []
    present = np.flatnonzero(codes >= 0)
    if not len(present):
        return []
    at = codes[present]
    return [int(present[np.argmax(at)]), int(present[np.argmin(at)])]
