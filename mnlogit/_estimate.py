"""What a fit is made of, and the one entry point that runs the estimation core on it.

``ModelData`` holds the arrays in the core's coding plus the labels to present them. Model
building (model.py) creates it once; results, inference and IIA code refit restricted models by
calling :func:`estimate` on subsets of its rows or columns, so estimation happens in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from scipy import linalg

from . import _fisher


@dataclass(frozen=True, eq=False)
class ModelData:
    """Arrays in the core's coding (reference outcome last) and their labels."""

    X: np.ndarray  # (n, p) float64
    y: np.ndarray  # (n,) core codes: 0..q-1 equations in level order, q the reference
    w: np.ndarray  # (n,) frequency weights (a read-only view of ones when none were given)
    levels: tuple  # every outcome level, in level order
    ref: Any  # the reference level
    column_names: tuple[str, ...]
    terms: dict[str, tuple[int, ...]]  # term label -> design-column indices
    formula: str | None = None
    outcome_name: str = "y"
    spec: Any = None  # formulaic ModelSpec, for new data
    row_index: Any = None  # labels of the rows used
    n_dropped: int = 0
    weighted: bool = False
    groups: np.ndarray | None = None  # integer cluster codes of the rows used
    frame: Any = None  # the formula's raw columns of the rows used (DataFrame), for margins
    # X'WX of exactly these X and w when already computed (the rank check's): the fit's
    # preconditioner reuses it instead of another pass. Derived data with other rows,
    # columns or weights must not carry it over.
    gram: np.ndarray | None = None
    # X'WY (p, q+1, core order) from the same pass: the score at the intercept-only start
    # without a pass (see _fisher.equal_rows_stats). Dropped with ``gram``, and by recoding.
    by_outcome: np.ndarray | None = None

    @property
    def equations(self) -> tuple:
        """Non-reference levels, in level order: one column of B each."""
        return tuple(lv for lv in self.levels if not _same_level(lv, self.ref))

    @property
    def q(self) -> int:
        return len(self.levels) - 1

    @property
    def p(self) -> int:
        return self.X.shape[1]

    @property
    def intercept(self) -> int | None:
        """Index of the all-ones column, if the design has one."""
        for j, name in enumerate(self.column_names):
            if name == "Intercept":
                return j
        ones = np.flatnonzero(np.all(self.X[: min(len(self.X), 1000)] == 1.0, axis=0))
        for j in ones:
            if np.all(self.X[:, j] == 1.0):
                return int(j)
        return None

    # Sums that results need; a distributed subclass computes them over its partitions.
    def outcome_counts(self) -> np.ndarray:
        """Weighted count of each core code (equations, then the reference)."""
        return np.bincount(self.y, weights=self.w, minlength=self.q + 1)

    @property
    def n_rows(self) -> int:
        return len(self.y)

    @property
    def sum_weights(self) -> float:
        return float(self.w.sum())

    def evaluator(self, *, threads: int | None = None, chunk: int | None = None):
        """``evaluate(B, level)`` for the scoring loop: in-memory chunked sums over the rows."""
        threads = _fisher.default_threads(self.n_rows) if threads is None else threads
        scratch = _fisher.scratches(threads)
        w = None if bool(np.all(self.w == 1.0)) else self.w  # unit weights: nothing to multiply
        intercept = None
        if self.by_outcome is not None and self.gram is not None:
            j = self.intercept  # found by name first: make sure it is a column of ones
            if j is not None and _fisher.is_ones_column(
                self.gram, self.by_outcome, j, self.sum_weights
            ):
                intercept = j

        def evaluate(B: np.ndarray, level: int) -> _fisher.Stats:
            if level == _fisher.GRAM and self.gram is not None:
                return _fisher.Stats(0.0, None, self.gram)
            if intercept is not None:
                known = _fisher.equal_rows_stats(B, self.by_outcome, intercept, level)
                if known is not None:
                    return known
            return _fisher.stats(
                self.X, self.y, w, B, level, threads=threads, chunk=chunk, scratch=scratch
            )

        evaluate.scratch = scratch  # the work arrays it keeps across passes
        return evaluate

    def recode(self, levels: tuple, ref: Any) -> ModelData:
        """The same rows with outcome ``levels`` (every row's level among them) and ``ref``."""
        lookup = core_code_map(self.levels, self.ref, tuple(levels), ref)
        return replace(self, levels=tuple(levels), ref=ref, y=lookup[self.y], by_outcome=None)

    def level_codes(self) -> np.ndarray:
        """Position of each row's outcome in ``levels`` (undoing the core's coding)."""
        return self.core_to_level()[self.y]

    def core_to_level(self) -> np.ndarray:
        """core code -> index into ``levels``."""
        ref_i = next(i for i, lv in enumerate(self.levels) if _same_level(lv, self.ref))
        order = [i for i in range(len(self.levels)) if i != ref_i]
        return np.array([*order, ref_i])

    def subset_rows(self, keep: np.ndarray) -> ModelData:
        """The same model on the rows where ``keep`` is True (levels unchanged)."""
        groups = None if self.groups is None else self.groups[keep]
        index = None if self.row_index is None else self.row_index[keep]
        pos = np.flatnonzero(keep) if np.asarray(keep).dtype == bool else keep
        frame = None if self.frame is None else self.frame.iloc[pos]
        return replace(
            self,
            X=self.X[keep],
            y=self.y[keep],
            w=self.w[keep],
            row_index=index,
            groups=groups,
            frame=frame,
            gram=None,
            by_outcome=None,
        )

    def subset_columns(self, cols: list[int]) -> ModelData:
        """The same rows with only the design columns ``cols`` (terms re-indexed)."""
        pos = {c: k for k, c in enumerate(cols)}
        terms = {
            t: tuple(pos[c] for c in cs)
            for t, cs in self.terms.items()
            if all(c in pos for c in cs)
        }
        return replace(
            self,
            X=np.ascontiguousarray(self.X[:, cols]),
            column_names=tuple(self.column_names[c] for c in cols),
            terms=terms,
            spec=None,
            gram=None,
            by_outcome=None,
        )


def _same_level(a: Any, b: Any) -> bool:
    return (type(a) is type(b) and a == b) or (
        isinstance(a, (int, float, np.number))
        and isinstance(b, (int, float, np.number))
        and not isinstance(a, (bool, np.bool_))
        and not isinstance(b, (bool, np.bool_))
        and a == b
    )


def core_code_map(levels: tuple, ref: Any, new_levels: tuple, new_ref: Any) -> np.ndarray:
    """Old core code -> core code under ``new_levels`` and ``new_ref`` (-1 for a level left out).

    Core codes put the equations in level order and the reference last, so changing the
    reference or dropping a level renumbers them.
    """

    def core_to_level(lvls: tuple, r: Any) -> list[int]:
        ref_i = next(i for i, lv in enumerate(lvls) if _same_level(lv, r))
        return [*(i for i in range(len(lvls)) if i != ref_i), ref_i]

    new_core = {lvl: c for c, lvl in enumerate(core_to_level(new_levels, new_ref))}
    out = np.full(len(levels), -1, dtype=np.intp)
    for code, lvl in enumerate(core_to_level(levels, ref)):
        hit = [j for j, nl in enumerate(new_levels) if _same_level(levels[lvl], nl)]
        if hit:
            out[code] = new_core[hit[0]]
    return out


def estimate(
    data: ModelData,
    *,
    max_iter: int = 100,
    tol: float = 1e-10,
    threads: int | None = None,
    chunk: int | None = None,
    quasi_newton_min: int | None = None,
) -> _fisher.FitResult:
    """Run Fisher scoring on ``data`` from the intercept-only start.

    ``threads`` workers split the rows (BLAS is then single-threaded), ``chunk`` rows at a
    time; ``quasi_newton_min`` is the number of parameters p*q from which a quasi-Newton phase
    on gradient passes runs before the scoring steps (see :func:`_fisher.fisher_scoring`). By
    default the phase runs for p*q >= ``QUASI_NEWTON_MIN_PARAMS`` on data large enough for it
    to pay (n (pq)^2 >= ``QUASI_NEWTON_MIN_WORK``).
    """
    counts = data.outcome_counts()
    B0 = _fisher.null_start(counts, data.p, data.intercept)
    if quasi_newton_min is None and (
        data.n_rows * (data.p * data.q) ** 2 < _fisher.QUASI_NEWTON_MIN_WORK
    ):
        quasi_newton_min = data.p * data.q + 1  # a small fit: Fisher scoring alone
    threads = _fisher.default_threads(data.n_rows) if threads is None else threads
    evaluate = data.evaluator(threads=threads, chunk=chunk)
    # One BLAS thread per worker: the workers split the rows, and a lone worker's per-chunk
    # products are too small for BLAS threads to pay (on a busy machine they only spin).
    with _fisher.single_threaded_blas():
        return _fisher.fisher_scoring(
            evaluate,
            B0,
            max_iter=max_iter,
            tol=tol,
            quasi_newton_min=quasi_newton_min,
            shares=counts,
        )


def weighted_gram(
    X: np.ndarray, w: np.ndarray | None, y: np.ndarray | None = None, levels: int = 1
) -> tuple[np.ndarray, np.ndarray | None]:
    """X'WX (X'X for ``w=None``) and, given core codes ``y``, X'WY; see :func:`_fisher.gram`."""
    with _fisher.single_threaded_blas():
        return _fisher.gram(X, w, y=y, levels=levels)


def aliased_columns(X: np.ndarray, w: np.ndarray, tol: float = 1e-9) -> list[int]:
    """Columns that are linear combinations of earlier ones, from a pivoted Cholesky of X'WX
    (no QR of the design); see :func:`aliased_from_gram`."""
    return aliased_from_gram(weighted_gram(X, w)[0], tol)


def aliased_from_gram(G: np.ndarray, tol: float = 1e-9) -> list[int]:
    """Aliased columns of a design from its (weighted) Gram matrix X'WX.

    Columns are scaled to unit diagonal first so the tolerance is relative; a column the
    pivoting leaves past the numerical rank is reported (the earliest columns are kept).
    """
    G = np.asarray(G, dtype=float)
    d = np.sqrt(np.diag(G))
    zero = np.flatnonzero(d == 0)
    d[d == 0] = 1.0
    C = G / np.outer(d, d)
    aliased = [int(j) for j in zero]
    keep = [j for j in range(len(d)) if d[j] > 0 and j not in aliased]
    try:  # the usual case: full rank, one LAPACK factorisation
        c = linalg.cholesky(C[np.ix_(keep, keep)], lower=True, check_finite=False)
        if np.diag(c).min() ** 2 > tol:
            return sorted(aliased)
    except linalg.LinAlgError:
        pass
    # Rank deficient: factor column by column in design order, so the earliest columns are kept
    # and each aliased column is named where it first adds nothing (as R's alias() does).
    L = np.zeros((len(d), len(d)))
    kept: list[int] = []
    for j in keep:
        v = (
            linalg.solve_triangular(
                L[: len(kept), : len(kept)], C[kept, j], lower=True, check_finite=False
            )
            if kept
            else np.zeros(0)
        )
        resid = C[j, j] - v @ v
        if resid <= tol:
            aliased.append(j)
            continue
        k = len(kept)
        L[k, :k] = v
        L[k, k] = np.sqrt(resid)
        kept.append(j)
    return sorted(aliased)
