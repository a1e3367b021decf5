"""The separation screen's indicators of factor levels and cells, for any coding.

A cell of a set of factors (a level of one factor, a combination of levels of several) has an
indicator, 1 on the rows at it and 0 elsewhere. When that indicator is a combination ``a`` of
the design columns, ``X a``, and no row of some outcome is at the cell, the combination's
coefficients diverge as a design column's of one sign does (see :mod:`mnlogit._screen`). The
columns of a term made only of factors are a function of the cell of its factors: formulaic
writes them as products of each factor's coding matrix (reduced, or full-rank where the
term's scoping says so), the first factor varying fastest. Each cell's indicator is solved
for among the columns whose factors lie in the set (the intercept too), and kept only when
the combination gives 1 at that cell and 0 at every other one, to rounding: the indicator is
then exact on every row whatever its numeric columns hold. So it is for a treatment, sum,
Helmert or polynomial coding, without an intercept (where a term of one factor is coded in
full), and for the cells of an interaction of factors whose lower terms are in the model.
A column of booleans, which formulaic encodes as 0 and 1, is read as a factor of the levels
False and True (:func:`boolean_factors`).

A numeric factor times the same factors (``x1:g``) adds what else diverges: the columns of a
term ``x * f(cell)`` whose cell functions combine to the cell's indicator, ``x`` times it,
are 0 on every row outside the cell, so they move along with it (the in-memory check's span
of separating directions holds them). The screen does not judge what it cannot write so: a
factor whose coding it cannot read (a factor computed by code the spec keeps no contrasts of),
a numeric factor of several columns (``poly(x, 2):g``), or a slope's cell without an
indicator among the columns (``x1:g`` without ``g``), where separation needs the slope of one
sign over the cell's rows, which only the rows tell, nor the cells of a set of factors
with more of them than it solves for (:data:`MAX_CELLS`) (:func:`unjudged`).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pandas.api.types import is_bool_dtype

from ._alike import level_said
from ._data import ModelData
from ._plain_design import DeferredSpec
from ._terms import coding, term_label

__all__ = ["CellIndicator", "boolean_factors", "cell_indicators", "has_factors", "unjudged"]

# A set of factors with more cells than this, and than its columns (the intercept counted),
# is not screened cell by cell (each is a least-squares solve over the cells), and its terms
# are named as unjudged: within that count the solve costs no more than the fit's own
# factorisation of its information
MAX_CELLS = 512
# A combination is the cell's indicator when it is within this of 1 and 0 at every cell
EXACT = 1e-9


@dataclass(frozen=True, eq=False)  # array fields: compared by identity
class CellIndicator:
    """A cell's indicator as a combination of the design columns.

    Attributes
    ----------
    label : str
        ``"g at level 'a'"`` or ``"g:h at levels 'a', 'u'"``.
    combination : ndarray, shape (p,)
        ``a`` with ``X a`` the cell's indicator.
    slopes : ndarray of bool, shape (p,)
        Columns of terms with a numeric factor that are 0 on every row outside the cell in
        some combination (``x1:g[T.c]`` beside ``g[T.c]``): they move with it.
    """

    label: str
    combination: np.ndarray
    slopes: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


@dataclass(frozen=True)
class _Block:
    """Design columns of one scoped term: each is the term's numeric factors times a
    function of the cell of its categorical factors."""

    cols: tuple[int, ...]
    factors: tuple[str, ...]  # categorical factors, in formulaic's order
    numeric: tuple[str, ...]  # numeric factors (sorted): () for a term of factors alone
    matrices: tuple[np.ndarray, ...]  # each factor's coding matrix, levels x columns

    def values(self, cell: dict[str, int]) -> np.ndarray:
        """The columns' cell functions at ``cell`` (level positions by factor)."""
        out = np.ones(1)
        for expr, matrix in zip(self.factors, self.matrices, strict=True):
            out = np.kron(matrix[cell[expr]], out)  # the first factor varies fastest
        return out


def _kind(kind: Any) -> str:
    return str(getattr(kind, "value", kind))


def boolean_factors(terms: Any, raw_dtypes: Any) -> frozenset[str]:
    """The columns of booleans (``raw_dtypes``, by name) that are factors of the design's
    ``terms`` (labels): formulaic encodes them as numbers, 0 and 1, where they are factors of
    two levels (R's logical), whose False level's indicator is the intercept less the column."""
    if raw_dtypes is None:
        return frozenset()
    named = {f.strip("`") for label in terms for f in str(label).split(":")}
    return frozenset(
        str(k) for k, kind in raw_dtypes.items() if str(k) in named and is_bool_dtype(kind)
    )


def has_factors(spec: Any, booleans: frozenset[str] = frozenset()) -> bool:
    """Whether a design's spec encodes a factor, whose levels the screen counts rows at (a
    design of numeric columns alone, whose spec is built only when used, has none), or reads
    ``booleans`` (:func:`boolean_factors`) as numbers."""
    if booleans:
        return True
    if spec is None or isinstance(spec, DeferredSpec):
        return False
    states = getattr(spec, "encoder_state", None) or {}
    return any(_kind(kind) == "categorical" for kind, _ in states.values())


def _blocks(data: ModelData) -> tuple[list[_Block], dict[str, list], bool] | None:
    """The design's blocks, each factor's levels, and whether every term was read; None
    for a design without a formula's spec (or of numeric columns alone, whose spec costs an
    encoding to build, unless it reads booleans: :func:`boolean_factors`)."""
    spec = data.spec
    if spec is None or not data.terms:
        return None
    booleans = boolean_factors(data.terms, data.raw_dtypes)
    if isinstance(spec, DeferredSpec):
        if not booleans:
            return None
        spec = spec.resolve()
    blocks: list[_Block] = []
    levels: dict[str, list] = {}
    whole = True
    for entry in getattr(spec, "structure", None) or ():
        cols = data.terms.get(term_label(entry.term))
        # a term left out, or columns other than the spec's (a restricted model's): not read
        if cols is None or [data.column_names[c] for c in cols] != list(map(str, entry.columns)):
            whole = False
            continue
        made: list[_Block] = []
        start = 0
        for scoped in entry.scoped_terms:
            factors, numeric, matrices = [], [], []
            for sf in scoped.factors:
                expr = sf.factor.expr
                kind, state = spec.encoder_state.get(expr, (None, {}))
                if _kind(kind) != "categorical" and str(expr) in booleans:
                    levels[str(expr)] = [False, True]  # encoded as 0 and 1
                    factors.append(str(expr))
                    matrices.append(np.array([[0.0], [1.0]]))
                    continue
                if _kind(kind) != "categorical":
                    numeric.append(str(expr))
                    continue
                lv, scheme, _ = coding(state)
                try:
                    matrix = scheme.get_coding_matrix(reduced_rank=sf.reduced, levels=lv)
                except Exception:  # a coding the spec keeps no contrasts of: not judged
                    matrix = None
                if matrix is None or not lv:
                    break
                levels[str(expr)] = lv
                factors.append(str(expr))
                matrices.append(np.asarray(matrix, dtype=np.float64))
            else:
                width = int(np.prod([m.shape[1] for m in matrices])) if matrices else 1
                made.append(
                    _Block(
                        tuple(cols[start : start + width]),
                        tuple(factors),
                        tuple(sorted(numeric)),
                        tuple(matrices),
                    )
                )
                start += width
                continue
            break
        # a numeric factor of several columns (poly(x, 2)) or an unread coding: not judged
        if start != len(cols) or len(made) != len(entry.scoped_terms):
            whole = False
            continue
        blocks.extend(made)
    return blocks, levels, whole


def _solve(M: np.ndarray) -> list[np.ndarray | None]:
    """For each cell (row of ``M``), ``b`` with ``M b`` its indicator to rounding, else
    None: one least-squares solve for every cell."""
    if M.shape[1] == 0:
        return [None] * len(M)
    eye = np.eye(len(M))
    B = np.linalg.lstsq(M, eye, rcond=None)[0]
    ok = np.abs(M @ B - eye).max(axis=0) <= EXACT
    B[np.abs(B) <= EXACT * np.maximum(np.abs(B).max(axis=0), 1.0)] = 0.0
    return [B[:, i] if ok[i] else None for i in range(len(M))]


def _solved(factors: tuple[str, ...], levels: dict[str, list], own: list[_Block]) -> bool:
    """Whether the cells of ``factors`` are solved for: at most :data:`MAX_CELLS` of them,
    or no more than the columns of the terms of those factors (or fewer) and the intercept,
    as for ``g * k`` with a factor of 180 levels (540 cells, 540 columns)."""
    cells = int(np.prod([len(levels[f]) for f in factors]))
    inside = sum(len(b.cols) for b in own if set(b.factors) <= set(factors))
    return cells <= max(MAX_CELLS, inside + 1)


def _cells_of(factors: tuple[str, ...], levels: dict[str, list]) -> list[dict[str, int]]:
    sizes = [len(levels[f]) for f in factors]
    return [dict(zip(factors, c, strict=True)) for c in itertools.product(*map(range, sizes))]


def _cell_matrix(
    blocks: list[_Block], group: tuple[str, ...], cells: list[dict[str, int]]
) -> tuple[list[int], np.ndarray]:
    """The columns of ``blocks`` whose factors lie in ``group``, and their cell functions at
    each of ``cells`` (cells x columns)."""
    inside = [b for b in blocks if set(b.factors) <= set(group)]
    cols = [c for b in inside for c in b.cols]
    if not inside:
        return cols, np.zeros((len(cells), 0))
    return cols, np.array([np.concatenate([b.values(cell) for b in inside]) for cell in cells])


def _constant(own: list[_Block], p: int) -> np.ndarray | None:
    """A combination of the columns that is 1 on every row: the intercept, or the columns
    of a term of one factor coded in full (``0 + g``: its dummies sum to 1); else None."""
    for b in own:
        if not b.factors:
            return np.eye(p)[b.cols[0]]
        if len(b.factors) == 1 and np.allclose(b.matrices[0].sum(axis=1), 1.0):
            return np.eye(p)[list(b.cols)].sum(axis=0)
    return None


def cell_indicators(data: ModelData) -> list[CellIndicator]:
    """The indicators of the cells of each term of factors alone (``g``, ``g:h``) that are
    combinations of the design columns: for each, the columns of the intercept and of the
    terms of those factors (or fewer), solved for 1 at the cell and 0 at every other one.
    A design column that is an indicator itself (a treatment or full dummy coding's) is
    among them, for the slopes that move with it. A design without a formula's spec or of
    numeric columns alone has none."""
    read = _blocks(data)
    if read is None:
        return []
    blocks, levels, _ = read
    own = [b for b in blocks if not b.numeric]
    sets = list(dict.fromkeys(tuple(sorted(b.factors)) for b in own if b.factors))
    slopes: dict[tuple[str, ...], list[_Block]] = {}
    for b in blocks:
        if b.numeric:
            slopes.setdefault(b.numeric, []).append(b)
    constant = _constant(own, data.p)
    out: list[CellIndicator] = []
    seen: set[bytes] = set()
    for group in sets:
        if not _solved(group, levels, own):
            continue  # named by unjudged
        cells = _cells_of(group, levels)
        cols, M = _cell_matrix(own, group, cells)
        V = np.eye(data.p)[cols]  # each of M's columns as a combination of the design's
        if constant is not None and not any(not b.factors for b in own):
            # no intercept: a factor coded in full sums to 1 on every row, and stands for it
            M = np.column_stack([M, np.ones(len(cells))])
            V = np.vstack([V, constant])
        along = [
            (np.asarray(c, dtype=np.intp), _solve(S))
            for c, S in (_cell_matrix(bs, group, cells) for bs in slopes.values())
        ]
        for i, (cell, solved) in enumerate(zip(cells, _solve(M), strict=True)):
            if solved is None:
                continue
            a = solved @ V
            key = (np.round(a, 12) + 0.0).tobytes()
            if key in seen:
                continue
            seen.add(key)
            moved = np.zeros(data.p, dtype=bool)
            for s_cols, slope in along:
                s = slope[i]
                if s is not None:
                    moved[s_cols[s != 0]] = True
            said = ", ".join(level_said(levels[f][cell[f]]) for f in group)
            what = "level" if len(group) == 1 else "levels"
            out.append(CellIndicator(f"{':'.join(group)} at {what} {said}", a, moved))
    return out


def unjudged(data: ModelData) -> list[str]:
    """Terms the screen cannot judge: those whose coding it cannot read, with a numeric
    factor of several columns, of factors with more cells than it solves for
    (:data:`MAX_CELLS`), or a numeric factor times factors whose cells have no indicator
    among the columns (``x1:g`` without ``g``). Separation there needs the rows
    (the slope's sign over a cell's rows); an in-memory fit's exact check judges it."""
    read = _blocks(data)
    if read is None:
        return []
    blocks, levels, whole = read
    spec = data.spec
    labels = [term_label(e.term) for e in getattr(spec, "structure", None) or ()]
    read_cols = {c for b in blocks for c in b.cols}
    out = [t for t in labels if not set(data.terms.get(t, ())) <= read_cols] if not whole else []
    own = [b for b in blocks if not b.numeric]
    # the sets of factors whose cells are solved for (not too many of them)
    solved = {frozenset(b.factors) for b in own if _solved(b.factors, levels, own)}
    for b in blocks:
        if not b.factors:
            continue
        if b.numeric:  # the slope's cells are spanned by a term of the same factors (or more)
            skipped = not any(set(b.factors) <= s for s in solved)
        else:  # a term of factors whose cells are too many to solve for
            skipped = frozenset(b.factors) not in solved
        if skipped:
            out.extend(t for t in labels if set(b.cols) <= set(data.terms.get(t, ())))
    return list(dict.fromkeys(out))
