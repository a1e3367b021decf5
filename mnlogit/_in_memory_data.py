"""The rows of a fit held in memory: :class:`InMemoryData`, the :class:`~mnlogit._data.ModelData`
that model building creates from arrays or a formula's design (a dask DataFrame's rows stay in
partitions: ``DaskModelData``, in :mod:`mnlogit._dask_data`)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from . import _fisher, _scores, _sums
from ._checks import WEIGHT_TYPES, WeightType
from ._clusters import weighted_clusters
from ._data import CONSTANT_TOL, Evaluate, ModelData
from ._design_fill import column_subset
from ._evaluator import InMemoryEvaluator
from ._grouped import (
    GroupedDesign,
    IndicatorBlock,
    find_indicator_blocks,
    worth_grouping,
)
from ._levels import Coding
from ._linalg import column_residuals, confirm_residuals
from ._once import cached_property
from ._owned import owned_columns
from ._parallel import default_threads, single_threaded_blas
from ._products import information_product
from ._progress import Progress

__all__ = ["InMemoryData"]


@dataclass(frozen=True, eq=False)
class InMemoryData(ModelData):
    """Rows held as arrays: the design, core codes, weights and cluster codes."""

    X: np.ndarray  # (n, p) float64
    y: np.ndarray  # (n,) core codes: 0..q-1 equations in level order, q the reference
    w: np.ndarray  # (n,) weights (a read-only view of ones when none were given)
    levels: tuple
    ref: Any
    column_names: tuple[str, ...]
    terms: dict[str, tuple[int, ...]]
    formula: str | None = None
    outcome_name: str = "y"
    spec: Any = None
    row_index: Any = None  # labels of the rows used
    n_dropped: int = 0
    learned_on_used_rows: tuple[tuple[str, str], ...] = ()
    unused_categories: tuple[tuple[str, tuple], ...] = ()
    weighted: bool = False
    groups: np.ndarray | None = None  # integer cluster codes of the rows used
    frame: Any = None  # the formula's raw columns of the rows used (DataFrame), for margins
    weight_type: WeightType = WEIGHT_TYPES["frequency"]
    design: Any = None  # survey.DesignInfo of a survey design
    strata: np.ndarray | None = None  # stratum codes of the rows used (survey designs)
    psu: np.ndarray | None = None  # PSU codes of the rows used, None when each row is one
    # False: the L2 penalty takes in the column of ones too, as scikit-learn's does when it
    # fits no intercept of its own (fit_intercept=False) and X holds one
    unpenalised_intercept: bool = True
    # Sums of exactly these rows, computed once (see sums() and mnlogit._sums), and the
    # columns' scales. A derived object (replace) starts with an empty cache.
    _cache: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    in_memory = True

    @property
    def raw_dtypes(self) -> Any:  # type: ignore[override]
        return None if self.frame is None else self.frame.dtypes

    @cached_property
    def coding(self) -> Coding:  # type: ignore[override]
        return Coding(self.levels, self.ref)

    @property
    def p(self) -> int:
        return self.X.shape[1]

    @cached_property
    def intercept(self) -> int | None:
        # The name first, but only for a column of ones: arrays given to MNLogit (or to the
        # classifier with fit_intercept=False) may call a slope 'Intercept', which was then
        # left out of the penalty and taken for the intercept of the null model. The sums
        # the model keeps from its first pass tell without another one.
        squares, by_outcome = self.cached("sum_squares"), self.cached("by_outcome")
        for j, name in enumerate(self.column_names):
            if name != "Intercept":
                continue
            if squares is None or by_outcome is None:
                of_ones = bool(np.all(self.X[:, j] == 1.0))
            else:
                of_ones = _sums.is_ones_column(squares[j], by_outcome, j, self.sum_weights)
            if of_ones:
                return j
        ones = np.flatnonzero(np.all(self.X[: min(len(self.X), 1000)] == 1.0, axis=0))
        for col in ones:
            if np.all(self.X[:, col] == 1.0):
                return int(col)
        return None

    def equilibrated(self) -> tuple[InMemoryData, np.ndarray]:
        """The same model with every column whose root mean square is outside
        [2^-8, 2^8] divided by the power of two nearest it, and the divisors s (p,).

        A power of two scales exactly, so a fit on X / s has coefficients s B and covariance
        S V S (S = s repeated for every equation) with no rounding at all; the solvers fit on
        the result (see :func:`mnlogit._methods.equilibrate`), so a column's units, 1e-300 or
        1e200, do not change the fit. Columns in ordinary units, dummies and the intercept
        keep theirs (s = 1), and then the data themselves are returned. The divisors and the
        equilibrated design's sums are kept; the divided copy of X is made anew on each call.
        """
        scale, sums = self.equilibrated_sums()
        if np.all(scale == 1.0):
            return self, scale
        new = replace(self, X=self.X / scale)
        new._cache.update(sums)
        new._cache[_sums.ORIGIN] = sums  # see _sums.keep_gram
        new._cache[_sums.UNSCALED] = (self, scale)
        return new, scale

    def equilibrated_sums(self) -> tuple[np.ndarray, dict[str, Any]]:
        """The divisors s of :meth:`equilibrated` and the sums of the columns X / s (see
        :mod:`mnlogit._sums`), without the divided copy of X."""
        kept = self._cache.copy()  # see sums()
        if "equilibrated_sums" in kept:
            return kept["scale"], kept["equilibrated_sums"]
        scale, sums = self._column_scale()
        self._cache.update(scale=scale, equilibrated_sums=sums)  # both at once
        return scale, sums

    def _column_scale(self) -> tuple[np.ndarray, dict[str, Any]]:
        first, second = _sums.column_scale(self.sums(), self.sum_weights)
        if np.all(first == 1.0):
            return second, _sums.divide(self.sums(), second)
        # columns of extreme entries: the sums (overflowed) are made again once they are
        # scaled. They go in one step, so that a thread reading the sums meanwhile finds
        # all of them or none (popped one by one, it found some and failed on the others)
        kept = self._cache.copy()
        object.__setattr__(
            self, "_cache", {k: v for k, v in kept.items() if k not in _sums.SUM_KEYS}
        )
        base = replace(self, X=self.X / first)
        _, second = _sums.column_scale(base.sums(), self.sum_weights)
        return first * second, _sums.divide(base.sums(), second)

    @cached_property
    def spans_constant(self) -> bool:  # type: ignore[override]
        if self.intercept is not None:
            return True
        # of the equilibrated columns: the question does not depend on their units
        G, by_outcome = self.equilibrated()[0].gram()
        return _sums.spans_constant(G, by_outcome, self.sum_weights, CONSTANT_TOL)

    def _constant_sums(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        scaled, s = self.equilibrated()
        G, by_outcome = scaled.gram()
        return G, by_outcome, s

    @property
    def n_rows(self) -> int:
        return len(self.y)

    @property
    def sum_weights(self) -> float:
        return float(self.w.sum())

    @cached_property
    def weight_unit(self) -> float:  # type: ignore[override]
        positive = self.w[self.w > 0]
        return float(positive.min()) if len(positive) else 1.0

    @property
    def n_clusters(self) -> int:
        return 0 if self.groups is None else weighted_clusters(self.groups, self.w)

    def outcome_counts(self) -> np.ndarray:
        return np.bincount(self.y, weights=self.w, minlength=self.q + 1)

    def outcome_sums(self) -> np.ndarray:
        return self.sums()["by_outcome"]

    def column_squares(self) -> np.ndarray:
        return self.sums()["sum_squares"]

    def positive_counts(self) -> np.ndarray:
        keep = np.asarray(self.w) > 0
        return np.bincount(np.asarray(self.y)[keep], minlength=self.q + 1).astype(float)

    def level_codes(self) -> np.ndarray:
        """Position of each row's outcome in ``levels`` (undoing the core's coding)."""
        return self.coding.core_to_level[self.y]

    def empty_cells(self) -> np.ndarray:
        def bounds(j: int) -> tuple[float, float]:  # read only for a column with a cell at 0
            column = self.X[self.w > 0, j]
            return float(column.min()), float(column.max())

        return _sums.empty_cells(self.sums()["by_outcome"], self.sums()["sum_squares"], bounds)

    def sums(self) -> dict[str, Any]:
        """The sums kept of these rows (see :mod:`mnlogit._sums`), computed at the first call:
        X'WX or a sample's, each column's sum of squares, X'WY (core order).

        Read from a copy of the kept values taken in one step: another thread may be adding
        or dropping them meanwhile (results shared by threads), and reading the dict itself
        twice found a sum that was gone the second time, or a dict that changed size while
        it was walked."""
        kept = self._cache.copy()
        if "by_outcome" not in kept:  # the sums are kept (and dropped) together
            w = self.w if self.weighted else None
            threads = default_threads(self.n_rows)  # counted before BLAS is limited
            with single_threaded_blas():
                found = _sums.compute(self.X, self.y, w, self.q + 1, self.grouped_design(), threads)
            self._cache.update(found)
            kept.update(found)
        return {k: kept[k] for k in _sums.SUM_KEYS if k in kept}

    def column_extent(self) -> np.ndarray:
        # the kept sums' first pass read it: another would cost a reduction over X
        kept = self._cache.get("extent")
        return super().column_extent() if kept is None else kept

    def gram(self) -> tuple[np.ndarray, np.ndarray]:
        """X'WX and X'WY (p, q+1, core order), exactly (a wide design's sums hold only a
        sample's X'WX: the whole's is then computed here, once)."""
        sums = self.sums()
        if "gram" in sums:
            return sums["gram"], sums["by_outcome"]
        w = self.w if self.weighted else None
        threads = default_threads(self.n_rows)
        with single_threaded_blas():
            G = _fisher.gram(self.X, w, threads=threads)[0]
        _sums.keep_gram(self._cache, G)
        return G, sums["by_outcome"]

    def metric_gram(self) -> np.ndarray:
        """X'WX, or that of a sample of rows scaled up: enough for a preconditioner."""
        return _sums.metric_gram(self.sums())

    def column_residuals(self) -> np.ndarray:
        """What the rank check reads: each column's relative residual on the columns before it
        (see :func:`mnlogit._sums.residuals`, :func:`mnlogit._linalg.confirm_residuals`)."""
        found = _sums.residuals(self.sums())
        found = column_residuals(self.gram()[0]) if found is None else found
        return confirm_residuals(found, self.X, self.w if self.weighted else None)

    def grouped_blocks(self) -> list[IndicatorBlock]:
        """The factor-dummy blocks the information is summed by group over (see
        :mod:`mnlogit._grouped`), or none when they are too few to pay; found once."""
        if "indicator_blocks" not in self._cache:
            blocks = find_indicator_blocks(self.X, self.terms)
            self._cache["indicator_blocks"] = blocks if worth_grouping(self.p, blocks) else []
        return list(self._cache["indicator_blocks"])

    def grouped_design(self) -> GroupedDesign | None:
        """The dense columns and dummies' codes gradient passes read (blocks of dummies); kept."""
        if "grouped_design" not in self._cache:
            blocks = self.grouped_blocks()
            self._cache["grouped_design"] = GroupedDesign(self.X, blocks) if blocks else None
        return self._cache["grouped_design"]

    def sample_cost(self) -> float:
        # with grouped sums a sample's information costs less than a gradient pass
        if self.grouped_blocks():
            return 0.0
        return super().sample_cost()

    def cached(self, name: str) -> Any:
        """A sum kept for these rows (``"gram"``: X'WX, ``"by_outcome"``: X'WY), or None."""
        return self._cache.get(name)

    def evaluator(
        self,
        *,
        threads: int | None = None,
        chunk: int | None = None,
        progress: Progress | None = None,
    ) -> Evaluate:
        return InMemoryEvaluator(self, threads, chunk, progress)

    def score_meat(
        self,
        B: np.ndarray,
        *,
        cluster: bool,
        project: np.ndarray | None = None,
        extra: np.ndarray | None = None,
    ) -> np.ndarray:
        """As :meth:`ModelData.score_meat`; ``extra`` (n, k), with ``project``: each row's
        own terms added to its projected scores (see :func:`mnlogit._scores.score_meat`)."""
        groups = self.groups if cluster else None
        threads = default_threads(self.n_rows)  # workers split the rows, BLAS one thread each
        with single_threaded_blas():
            return _scores.score_meat(
                self.X, self.y, self.w, B, groups, project=project, threads=threads, extra=extra
            )

    def owned_columns(self, units: np.ndarray | None) -> np.ndarray:
        if units is None:
            return np.zeros(self.p, dtype=bool)
        return owned_columns(self.X, self.w, units)

    def design_meat(
        self,
        B: np.ndarray,
        scale: np.ndarray,
        project: np.ndarray | None = None,
        extra: np.ndarray | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """As :meth:`ModelData.design_meat`; ``extra`` as for :meth:`score_meat`."""
        strata = np.zeros(self.n_rows, np.intp) if self.strata is None else self.strata
        # the totals centred before they are multiplied (all of them are here)
        info = self.design
        centre = np.where(info.centred(), info.n_psu, 0)
        return _scores.design_meat(
            self.X,
            self.y,
            self.w,
            B,
            strata,
            self.psu,
            scale,
            project=project,
            centre=centre,
            extra=extra,
        )

    def information_product(
        self, B: np.ndarray, V: np.ndarray, *, threads: int | None = None, curvature: bool = False
    ) -> tuple[np.ndarray, np.ndarray | None]:
        w = self.w if self.weighted else None
        return information_product(self.X, w, B, V, threads=threads, curvature=curvature)

    def map_columns(
        self, scale: np.ndarray, shift: np.ndarray, T: np.ndarray, *, names: tuple | None = None
    ) -> InMemoryData:
        # no terms: the new columns are not the 0/1 dummies grouped sums read
        X = (self.X / scale - shift) @ T
        return replace(self, X=X, terms={}, spec=None, column_names=names or self.column_names)

    def recode(self, levels: tuple, ref: Any) -> InMemoryData:
        lookup = self.coding.recode_map(Coding(tuple(levels), ref))
        new = replace(self, levels=tuple(levels), ref=ref, y=lookup[self.y])
        kept = self._cache.copy()  # see sums()
        # X'WX does not depend on the outcome's coding; X'WY does
        new._cache.update(
            {k: v for k, v in kept.items() if k in _sums.SUM_KEYS and k != "by_outcome"}
        )
        if "indicator_blocks" in kept:  # nor do the design's dummy blocks
            new._cache["indicator_blocks"] = kept["indicator_blocks"]
        return new

    def subset_rows(self, keep: Any) -> InMemoryData:
        groups = None if self.groups is None else self.groups[keep]
        strata = None if self.strata is None else self.strata[keep]
        psu = None if self.psu is None else self.psu[keep]
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
            strata=strata,
            psu=psu,
        )

    def subset_columns(self, cols: list[int]) -> InMemoryData:
        new = replace(
            self,
            X=column_subset(self.X, cols),
            column_names=tuple(self.column_names[c] for c in cols),
            terms=self._terms_for(cols),
            spec=None,
        )
        # X'WX, X'WY and the columns' scales are the kept rows and columns of the full
        # design's: a refit (anova, LR tests) reads the data once less
        keep = np.asarray(cols, dtype=np.intp)
        kept = self._cache.copy()  # see sums()
        new._cache.update(_sums.subset(kept, cols))
        if "equilibrated_sums" in kept:  # (kept with the scale)
            new._cache["scale"] = kept["scale"][keep]
            # X'WX may be added to them meanwhile (see _sums.keep_gram)
            scaled = kept["equilibrated_sums"].copy()
            new._cache["equilibrated_sums"] = _sums.subset(scaled, cols)
        if "indicator_blocks" in kept:  # the dummy blocks wholly kept, re-indexed
            pos = {c: k for k, c in enumerate(cols)}
            blocks = [
                IndicatorBlock(tuple(pos[c] for c in b.cols), b.codes)
                for b in kept["indicator_blocks"]
                if all(c in pos for c in b.cols)
            ]
            new._cache["indicator_blocks"] = blocks if worth_grouping(new.p, blocks) else []
        return new
