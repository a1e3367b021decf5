"""The rows of a dask fit: :class:`DaskModelData`, whose sums are mapped over the partitions
and tree-reduced, so that only p(K-1)-sized arrays reach the driver.

What runs on the workers is in :mod:`mnlogit._dask_parts`; :mod:`mnlogit._dask` learns the
encoding and builds this object. Graphs are built with ``dask.delayed`` and computed with
``dask.compute`` (:func:`_compute`), so the active scheduler runs them.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

import numpy as np

from . import _fisher, _scores, _sums
from ._checks import WEIGHT_TYPES, WeightType
from ._dask_compute import _compute, checked_compute
from ._dask_meat import (
    _cross,
    _group_sums,
    _part_design_meat,
    _part_meat,
    _part_stratum_sums,
    _refuse_projection,
)
from ._dask_parts import (
    _GROUP,
    Part,
    _add,
    _add_series,
    _add_shares,
    _keep_rows,
    _map_columns,
    _part_sample,
    _part_stats,
    _recode_rows,
    _RowPredicate,
    _take_columns,
    _Tally,
    _tally,
    _unit_leverages,
    _unit_shares,
    check_same_rows,
    part_factor,
)
from ._dask_survey import (
    _part_row_meat,
    _scaled_by_stratum,
    uncentred_meat,
)
from ._data import CONSTANT_TOL, Evaluate, ModelData
from ._levels import Coding
from ._linalg import CONFIRM_BELOW, column_residuals, residuals_from_factor, stack_factors
from ._null import equal_rows_curvature, equal_rows_stats
from ._owned import OWNED_LEVERAGE, owned_from_shares, whitening
from ._progress import Progress
from .exceptions import DataError, MissingDependencyError, NotInMemoryError
from .survey import DesignInfo

try:
    import dask
    import dask.dataframe as dd
except ImportError as exc:  # the optional extra is not installed (or only in part)
    raise MissingDependencyError(
        'fitting a dask DataFrame needs the optional extra "dask": pip install "mnlogit[dask]"'
    ) from exc


__all__ = ["DaskModelData"]

# From this many parameters p*q a dask fit runs the L-BFGS phase (see DaskModelData). Measured
# on partitions held in memory, fits with standard errors: Fisher scoring reads 6-8 passes
# and L-BFGS 12-21 at every size; Fisher scoring was faster up to 1,008 parameters (4.2 s
# against 6.3 s), L-BFGS at 1,608 (12 s against 14 s), the information's (pq)^2 work per row
# then outweighing the passes it saves. Partitions read from storage move this up.
DASK_QUASI_NEWTON_MIN_PARAMS = 1400
GROUP_BLOCK_BYTES = 64 << 20  # size of one output partition of the per-cluster score sums


# --- lazy columns ------------------------------------------------------------------------------
class _LazyCodes:
    """The core codes (or, with ``mapping``, level indices) of every row, never materialised.

    Comparisons give row predicates that :meth:`DaskModelData.subset_rows` applies partition by
    partition, so ``data.subset_rows(data.y != j)`` works as it does in memory.
    """

    def __init__(self, mapping: np.ndarray | None = None, n_codes: int = 0) -> None:
        self.mapping, self.n_codes = mapping, n_codes

    def isin(self, values: Any) -> _RowPredicate:
        return _RowPredicate("isin", self.mapping, np.asarray(values).ravel())

    def __eq__(self, value: Any) -> _RowPredicate:  # type: ignore[override]
        return self.isin([value])

    def __ne__(self, value: Any) -> _RowPredicate:  # type: ignore[override]
        return ~self.isin([value])

    __hash__ = None  # type: ignore[assignment]

    def max(self) -> int:
        return self.n_codes - 1

    def __array__(self, *args: Any, **kwargs: Any) -> np.ndarray:
        raise NotInMemoryError(
            "the rows of a dask fit stay in the partitions and are never collected; compare "
            "them with a level code (data.y != j) to select rows, or fit a pandas DataFrame"
        )


# --- the data object ---------------------------------------------------------------------------
class DaskModelData(ModelData):
    """:class:`ModelData` whose rows live in the partitions of a dask DataFrame.

    ``parts`` are delayed :class:`Part` objects, one per partition. Sums over the rows
    (scoring-loop statistics, counts, score outer products) are computed on the workers and
    tree-reduced; only p(K-1)-sized results reach the driver. ``X``, ``w`` and ``frame`` are
    not available (:class:`NotInMemoryError`); ``y`` and ``groups`` are lazy.
    """

    parts: tuple[Any, ...]  # delayed Part objects, one per partition
    n_groups: int | None  # clusters of ``groups`` (None without groups)
    _cache: dict[str, Any]  # sums over every partition, computed once ("tally")

    def __init__(
        self,
        parts: Sequence[Any],
        *,
        levels: tuple,
        ref: Any,
        column_names: tuple,
        terms: dict,
        formula: str | None,
        outcome_name: str,
        spec: Any,
        n_dropped: int,
        weighted: bool,
        n_groups: int | None,
        tally: _Tally | None = None,
        weight_type: WeightType = WEIGHT_TYPES["frequency"],
        design: DesignInfo | None = None,
        raw_dtypes: Any = None,
        unused_categories: tuple[tuple[str, tuple], ...] = (),
    ) -> None:
        values = dict(
            parts=tuple(parts),
            levels=tuple(levels),
            ref=ref,
            column_names=tuple(column_names),
            terms=dict(terms),
            formula=formula,
            outcome_name=outcome_name,
            spec=spec,
            n_dropped=n_dropped,
            weighted=weighted,
            n_groups=n_groups,
            weight_type=weight_type,
            design=design,
            raw_dtypes=raw_dtypes,
            unused_categories=tuple(unused_categories),
            _cache={} if tally is None else {"tally": tally},
        )
        for name, value in values.items():
            object.__setattr__(self, name, value)

    def _derive(
        self, parts: Sequence[Any], tally: _Tally | None = None, **changes: Any
    ) -> DaskModelData:
        keep = {
            k: getattr(self, k)
            for k in (
                "levels",
                "ref",
                "column_names",
                "terms",
                "formula",
                "outcome_name",
                "spec",
                "n_dropped",
                "weighted",
                "n_groups",
                "weight_type",
                "design",
                "raw_dtypes",
                "unused_categories",
            )
        }
        return DaskModelData(parts, tally=tally, **{**keep, **changes})

    def __repr__(self) -> str:
        return (
            f"<DaskModelData: {self.formula or self.outcome_name}, "
            f"{len(self.parts)} partitions, p={self.p}, levels={self.levels!r}>"
        )

    # --- what stays in the partitions ---
    in_memory = False
    # Each pass reads and encodes every partition, so the route is chosen by what it reads
    # as much as by what it computes: Fisher scoring (five or six passes, each with the
    # information) until the information's (pq)^2 work per row outweighs reading the row
    # (measured; see benchmarks/bench_dask.py), L-BFGS on gradient passes beyond.
    quasi_newton_min = DASK_QUASI_NEWTON_MIN_PARAMS

    @property
    def n_clusters(self) -> int:
        return 0 if self.n_groups is None else self.n_groups

    def _not_in_memory(self, what: str) -> NoReturn:
        raise NotInMemoryError(
            f"{what} of a dask fit stays in the partitions and is never collected on the driver; "
            "what needs it (predict() without newdata, marginal effects, separation checks, "
            f"suest or Small-Hsiao IIA tests) needs in-memory data: {self.in_memory_advice}; "
            "predict(newdata=...) works"
        )

    @property
    def X(self) -> np.ndarray:  # type: ignore[override]
        return self._not_in_memory("the design matrix")

    @property
    def w(self) -> np.ndarray:  # type: ignore[override]
        return self._not_in_memory("the weight of each row")

    @property
    def frame(self) -> Any:  # type: ignore[override]
        return self._not_in_memory("the data frame of the rows used")

    @property
    def y(self) -> _LazyCodes:  # type: ignore[override]
        return _LazyCodes(None, self.q + 1)

    def level_codes(self) -> _LazyCodes:  # type: ignore[override]
        return _LazyCodes(self.coding.core_to_level, len(self.levels))

    @property
    def groups(self) -> _LazyCodes | None:  # type: ignore[override]
        """Cluster codes 0..G-1 (lazy; ``max()`` is known): G counts the fit's clusters."""
        return None if self.n_groups is None else _LazyCodes(None, self.n_groups)

    # --- sums over the partitions ---
    def _tally(self) -> _Tally:
        if "tally" not in self._cache:
            task = dask.delayed(_tally, pure=True)
            self._cache["tally"] = _compute([task(p, self.q + 1) for p in self.parts], _add)
        return self._cache["tally"]

    def outcome_counts(self) -> np.ndarray:
        return self._tally().counts

    def outcome_sums(self) -> np.ndarray:
        return self._tally().by_outcome

    def positive_outcome_sums(self) -> np.ndarray | None:
        return self._tally().positive_by_outcome

    def column_squares(self) -> np.ndarray:
        return np.diag(self._tally().gram).copy()

    def positive_counts(self) -> np.ndarray:
        return self._tally().positive.astype(np.float64)

    def empty_cells(self) -> np.ndarray:
        """As the in-memory data's, from the tally: X'WY, X'WX and each column's bounds."""
        tally = self._tally()
        return _sums.empty_cells(
            tally.by_outcome, np.diag(tally.gram), lambda j: (tally.low[j], tally.high[j])
        )

    @property
    def n_rows(self) -> int:
        return self._tally().n_rows

    @property
    def sum_weights(self) -> float:
        return self._tally().sum_weights

    @property
    def weight_unit(self) -> float:
        least = self._tally().least_weight
        return least if np.isfinite(least) else 1.0

    @property
    def p(self) -> int:
        return len(self.column_names)

    @property
    def intercept(self) -> int | None:
        if "Intercept" in self.column_names:
            return self.column_names.index("Intercept")
        ones = np.flatnonzero(self._tally().ones)
        return int(ones[0]) if len(ones) and self.n_rows else None

    def column_residuals(self) -> np.ndarray:
        """As the in-memory data's: from the tally's X'WX, made again from a QR of the rows
        (one more pass) when a residual is too small for X'WX to tell. A restricted model's
        rows can alias columns that the full model's rows tell apart: an IIA test refitted
        them unchecked and reported chi2(2) = 4.37 where in memory it is not computed."""
        gram = self._tally().gram
        found = column_residuals(gram)
        if not len(found) or found.min() > CONFIRM_BELOW:
            return found
        d = np.sqrt(np.diag(gram))
        return residuals_from_factor(self.column_factor(None, np.where(d > 0, d, 1.0)))

    def column_extent(self) -> np.ndarray:
        """From the tally's bounds (inf for a column without rows of positive weight)."""
        tally = self._tally()
        return np.maximum(np.abs(tally.low), np.abs(tally.high))

    def column_factor(self, shift: np.ndarray | None, d: np.ndarray) -> np.ndarray:
        """The R of a QR of the rows sqrt(w) (X - shift) / d, in one pass."""
        task = dask.delayed(part_factor, pure=True)
        return _compute([task(p, d, shift) for p in self.parts], stack_factors)

    @property
    def spans_constant(self) -> bool:
        """As the in-memory data's: from the tally's X'WX and X'WY, already summed."""
        if self.intercept is not None:
            return True
        tally = self._tally()
        return _sums.spans_constant(tally.gram, tally.by_outcome, tally.sum_weights, CONSTANT_TOL)

    def _constant_sums(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        tally = self._tally()
        return tally.gram, tally.by_outcome, np.ones(self.p)

    def sample_cost(self) -> float:
        """A sampled information reads every partition: one pass, besides its sums."""
        return 1.0 + super().sample_cost()

    def evaluator(
        self,
        *,
        threads: int | None = None,
        chunk: int | None = None,
        progress: Progress | None = None,
    ) -> Evaluate:
        """``evaluate(B, level)``: the core's chunked sums on every partition, tree-reduced
        (see :class:`_DaskEvaluator`). ``threads`` is ignored: the scheduler's workers are the
        parallelism. Each pass over the partitions is reported to ``progress`` when given."""
        return _DaskEvaluator(self, chunk, progress)

    def information_product(
        self, B: np.ndarray, V: np.ndarray, *, threads: int | None = None, curvature: bool = False
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Not available: a dask fit computes its whole information matrix."""
        _refuse_projection(V)
        raise AssertionError("unreachable")  # pragma: no cover

    def score_meat(
        self, B: np.ndarray, *, cluster: bool, project: np.ndarray | None = None
    ) -> np.ndarray:
        """Sum over rows (or clusters) of score outer products, for the sandwich covariance.
        (``project``, for covariance blocks of a fit too large for its information matrix,
        needs the rows in memory.)

        HC0: each partition returns its p(K-1)-square sum. Clusters may span partitions, so
        each partition sums its scores per cluster, a Dask groupby adds those sums across
        partitions (shuffling them when there are many clusters), and each output partition
        of that groupby returns the cross-product of its cluster sums.
        """
        units = _refuse_projection(project)
        if not cluster:
            task = dask.delayed(_part_meat, pure=True)
            return self._checked(
                [task(p, B, self.levels, self.ref, self.column_names, units) for p in self.parts],
                _add,
            )
        # clusters: Cluster.matrix has refused data without them
        return self._group_cross(list(self.parts), B, self.n_clusters, np.empty(0, np.intp), units)

    def least_margin(self, D: np.ndarray) -> float:
        """As the in-memory data's, in one pass (only a fit that ran off asks it)."""
        task = dask.delayed(_scores.least_margin, pure=True)
        return float(self._checked([task(p.X, p.y, p.w, D) for p in self.parts], _scores.least_of))

    def score_rounding(self, B: np.ndarray) -> np.ndarray:
        """As the in-memory data's, in one pass (only a fit of weights far apart asks it)."""
        task = dask.delayed(_scores.score_rounding, pure=True)
        return self._checked([task(p.X, p.y, p.w, B) for p in self.parts], _add)

    def row_meat(self, B: np.ndarray) -> np.ndarray:
        task = dask.delayed(_part_row_meat, pure=True)
        return self._checked([task(part, B) for part in self.parts], _add)

    def _group_cross(
        self, parts: list, B: np.ndarray, n_groups: int, ids: np.ndarray, units: Any = None
    ) -> Any:
        """sum_g S_g S_g' of the weighted score sums S_g of the groups ``part.g`` (clusters or
        PSUs), which may span partitions: each partition sums its scores per group, a Dask
        groupby adds those sums across partitions (shuffling them when there are many
        groups), and each output partition returns the cross-product of its sums. ``ids``:
        an empty array of the identifiers' dtype, for Dask's metadata."""
        k = B.size
        empty = Part(np.empty((0, self.p)), np.empty(0, np.intp), np.empty(0), ids)
        meta = _group_sums(empty, B)
        frames = [dask.delayed(_group_sums, pure=True)(part, B, units=units) for part in parts]
        sums = dd.from_delayed(frames, meta=meta, verify_meta=False)
        split_out = max(1, min(len(parts), -(-n_groups * k * 8 // GROUP_BLOCK_BYTES)))
        totals = sums.groupby(_GROUP, sort=False).sum(split_out=split_out)
        crosses = [dask.delayed(_cross, pure=True)(d) for d in totals.to_delayed()]
        return self._checked(crosses, _add)

    def _checked(self, items: list[Any], combine: Callable[..., Any]) -> Any:
        """The combined ``items``, checked to come from the rows the fit counted (see
        :func:`mnlogit._dask_compute.checked_compute`)."""
        return checked_compute(items, combine, self.parts, self._tally())

    def owned_columns(self, units: np.ndarray | None = None) -> np.ndarray:
        """Which design columns one unit's rows determine alone, the units being the clusters
        or PSUs the partitions carry (see :func:`mnlogit._owned.owned_columns`): X'WX from the
        tally, then a pass for each unit's total leverage, and one more for the shares of
        the few units whose leverages add up to 1 or more."""
        p = self.p
        G = self._tally().gram
        D = np.sqrt(np.diag(G))
        D[~(D > 0)] = 1.0
        T = whitening(G / D[:, None] / D[None, :])
        task = dask.delayed(_unit_leverages, pure=True)
        totals = self._checked([task(part, D, T) for part in self.parts], _add_series)
        flagged = tuple(totals.index[totals.to_numpy() >= OWNED_LEVERAGE])
        if not flagged:
            return np.zeros(p, dtype=bool)
        task = dask.delayed(_unit_shares, pure=True)
        shares = self._checked([task(part, D, T, flagged) for part in self.parts], _add_shares)
        return owned_from_shares(shares.values(), T, p)

    def design_meat(
        self, B: np.ndarray, scale: np.ndarray, project: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The design-based covariance's sums (see :meth:`ModelData.design_meat`), map-reduced.
        (``project`` needs the rows in memory.)

        Rows as PSUs: each partition returns its scaled outer products and stratum sums.
        With PSUs: the weights carry sqrt(c_h) of their stratum, so the PSU score sums
        (added across partitions as clusters are) come out scaled, and the stratum sums are
        one more map-reduce. The totals are not centred before their products are summed, as
        in memory: a meat left at rounding by the difference is set to 0
        (:func:`mnlogit._dask_survey.uncentred_meat`).
        """
        units = _refuse_projection(project)
        info = self.design
        if info is None:
            raise DataError("design_meat needs a survey design")
        k = B.size
        if not info.clustered:
            task = dask.delayed(_part_design_meat, pure=True)
            stacked = self._checked([task(part, B, scale, units) for part in self.parts], _add)
            return uncentred_meat(stacked[:k], stacked[k:], scale, info)
        root = np.sqrt(scale)
        scaled = [dask.delayed(_scaled_by_stratum, pure=True)(p, root) for p in self.parts]
        cross = self._group_cross(scaled, B, info.n_psu_total, np.empty(0, np.intp), units)
        task = dask.delayed(_part_stratum_sums, pure=True)
        sums = self._checked([task(part, B, info.n_strata, units) for part in self.parts], _add)
        return uncentred_meat(cross, sums, scale, info)

    # --- restricted models, refitted through the same map-reduce ---
    def subset_rows(self, keep: Any) -> DaskModelData:  # type: ignore[override]
        """The same model on the rows a predicate on the codes keeps (``data.y != j``)."""
        if not isinstance(keep, _RowPredicate):
            raise NotInMemoryError(
                f"subset_rows of a dask fit takes a condition on the outcome codes such as "
                f"data.y != j (applied partition by partition); got {type(keep).__name__}: row "
                f"masks need in-memory data"
            )
        return self._derive([dask.delayed(_keep_rows, pure=True)(p, keep) for p in self.parts])

    def subset_columns(self, cols: list[int]) -> DaskModelData:
        """The same rows with only the design columns ``cols`` (terms re-indexed)."""
        cols = [int(c) for c in cols]
        pos = {c: k for k, c in enumerate(cols)}
        terms = {
            t: tuple(pos[c] for c in cs)
            for t, cs in self.terms.items()
            if all(c in pos for c in cs)
        }
        tally = self._cache["tally"].columns(cols) if "tally" in self._cache else None
        parts = [dask.delayed(_take_columns, pure=True)(p, tuple(cols)) for p in self.parts]
        return self._derive(
            parts,
            tally,
            column_names=tuple(self.column_names[c] for c in cols),
            terms=terms,
            spec=None,
        )

    def map_columns(
        self, scale: np.ndarray, shift: np.ndarray, T: np.ndarray, *, names: tuple | None = None
    ) -> DaskModelData:
        """The same rows on the columns (X / scale - shift) @ T, partition by partition (no
        terms: the new columns are not the 0/1 dummies grouped sums read), named ``names``
        when given."""
        task = dask.delayed(_map_columns, pure=True)
        parts = [task(p, scale, shift, T) for p in self.parts]
        return self._derive(parts, terms={}, spec=None, column_names=names or self.column_names)

    def recode(self, levels: tuple, ref: Any) -> DaskModelData:
        """The same rows with outcome levels ``levels`` (each row's level among them) and ``ref``.

        The core codes are remapped partition by partition; nothing is recomputed until used.
        """
        new = self._derive(self.parts, levels=tuple(levels), ref=ref)
        lookup = self.coding.recode_map(Coding(tuple(levels), ref))
        parts = [dask.delayed(_recode_rows, pure=True)(p, lookup) for p in self.parts]
        return new._derive(parts)


class _DaskEvaluator:
    """``evaluate(B, level)`` over the partitions: one pass reads and encodes every partition.

    Every pass reads and encodes every partition, a fixed cost beside the sums, so what is
    counted (``progress.counted_pass``) is the passes. What needs no pass comes from the
    tally the fit has already made: X'WX (``GRAM``, the L-BFGS phase's first metric) and, at
    the intercept-only start, the log-likelihood and score (from X'WY). A log-likelihood asked
    for right after an information (Fisher scoring's trial step) is computed with the
    information at the same point: the step is usually accepted and the loop then asks for
    exactly that, which the pass already holds. The sampled information of the L-BFGS phase
    (``SAMPLE_INFO``) reads every partition too, taking every k-th row of each.
    """

    def __init__(
        self, data: DaskModelData, chunk: int | None, progress: Progress | None = None
    ) -> None:
        self.data, self.chunk, self.progress = data, chunk, progress
        tally = data._tally()
        self.gram, self.by_outcome = tally.gram, tally.by_outcome
        j = data.intercept
        self.intercept = j if j is not None and bool(tally.ones[j]) else None
        self.last_level: int | None = None
        self.held: tuple[bytes, int, _fisher.Stats] | None = None

    def _pass(self, kind: str, graph: list[Any], combine: Callable[..., Any]) -> Any:
        t = time.perf_counter()
        total = _compute(graph, combine)
        if self.progress is not None:
            self.progress.counted_pass(kind, time.perf_counter() - t, self.data.n_rows)
        return total

    def _sample(self, B: np.ndarray, level: int) -> _fisher.Stats:
        data = self.data
        stride = _fisher.sample_stride(
            data.n_rows, B.size, any_cost=level == _fisher.SAMPLE_INFO_ANY_COST
        )
        if stride is None:  # dearer than the L-BFGS steps it saves: declined
            return _fisher.Stats(0.0, None, None)
        task = dask.delayed(_part_sample, pure=True)
        offsets = np.cumsum((0, *data._tally().sizes))
        graph = [
            task(part, B, stride, int(offset), self.chunk)
            for part, offset in zip(data.parts, offsets, strict=False)
        ]
        total = self._pass("information of a row sample", graph, _add)
        if total is None or not total.weight > 0:
            return _fisher.Stats(0.0, None, None)
        return _fisher.Stats(0.0, None, total.info * (data.sum_weights / total.weight))

    def _at_start(self, B: np.ndarray, level: int) -> _fisher.Stats | None:
        """The sums at the intercept-only start without a pass (None elsewhere): every row
        has the same probabilities P there, so the information is (diag(P) - PP') kron X'WX
        and the log-likelihood and score follow from X'WY (``equal_rows_stats``)."""
        if self.intercept is None or level not in (_fisher.LOGLIK, _fisher.SCORE, _fisher.INFO):
            return None
        basic = min(level, _fisher.SCORE)
        known = equal_rows_stats(B, self.by_outcome, self.intercept, basic)
        if known is None or level != _fisher.INFO:
            return known
        S = equal_rows_curvature(B[self.intercept])
        return _fisher.Stats(known.loglik, known.score, np.kron(S, self.gram))

    def __call__(self, B: np.ndarray, level: int) -> _fisher.Stats:
        if level == _fisher.GRAM:
            return _fisher.Stats(0.0, self.by_outcome, self.gram)
        if level in (_fisher.SAMPLE_INFO, _fisher.SAMPLE_INFO_ANY_COST):
            return self._sample(B, level)
        known = self._at_start(B, level)
        self.last_level, last = level, self.last_level
        if known is not None:
            return known
        key = B.tobytes()
        held = self.held
        if held is not None and held[0] == key and held[1] >= level:
            run, total = held[1], held[2]
        else:
            run = _fisher.INFO if level == _fisher.LOGLIK and last == _fisher.INFO else level
            task = dask.delayed(_part_stats, pure=True)
            graph = [task(part, B, run, self.chunk) for part in self.data.parts]
            total = check_same_rows(
                self._pass(_fisher.PASS_KINDS[run], graph, _add), self.data._tally()
            )
            self.held = (key, run, total)
        if run == level:
            return total
        return _fisher.Stats(total.loglik, total.score if level >= 1 else None, None)
