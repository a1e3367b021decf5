"""What a fit is made of: the rows in the core's coding and the labels to present them.

:class:`ModelData` is the interface the solvers, results and analysis modules read. Model
building creates one ``InMemoryData`` (:mod:`mnlogit._in_memory_data`; for a dask DataFrame,
a ``DaskModelData`` from :mod:`mnlogit._dask`); restricted models (LR tests, IIA refits) are
derived from it by :meth:`~ModelData.subset_rows`, :meth:`~ModelData.subset_columns` and
:meth:`~ModelData.recode`, so both implementations refit through the same code. Code that
needs the rows themselves asks :attr:`~ModelData.in_memory` first.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from typing import Any, ClassVar

import numpy as np

from . import _fisher, _scores, _sums
from ._checks import WeightType
from ._levels import Coding
from ._linalg import row_factor
from ._once import CachedState, cached_property
from ._progress import Progress

__all__ = ["Evaluate", "ModelData", "in_memory_advice", "level_counts"]

Evaluate = Callable[[np.ndarray, int], _fisher.Stats]
CONSTANT_TOL = _sums.CONSTANT_TOL


def level_counts(data: ModelData) -> np.ndarray:
    """Observations of each outcome level, in level order: frequency-weighted counts, or rows
    of positive weight when the weights do not count rows (probability weights)."""
    by_code = data.outcome_counts() if data.weight_type.counts_rows else data.positive_counts()
    return by_code[data.coding.level_to_core]


def in_memory_advice(survey: bool) -> str:
    """How to get a dask fit's rows in memory for what needs them (see
    :attr:`ModelData.in_memory_advice`): the whole sample of a ``survey``."""
    if survey:
        return (
            "fit the survey's rows as in-memory data, a pandas DataFrame (ddf.compute()): a "
            "sample of them (ddf.sample(...)) is a second phase of sampling that the "
            "design (its weights, fpc, strata and PSUs) does not describe"
        )
    return "fit in-memory data (a pandas DataFrame), e.g. a sample (ddf.sample(...).compute())"


class ModelData(CachedState, ABC):
    """The rows of a model (wherever they live), their outcome coding and their labels."""

    levels: tuple  # every outcome level, in level order
    ref: Any  # the reference level
    column_names: tuple[str, ...]
    terms: dict[str, tuple[int, ...]]  # term label -> design-column indices
    formula: str | None
    outcome_name: str
    spec: Any  # formulaic ModelSpec, for new data
    n_dropped: int
    weighted: bool
    weight_type: WeightType  # what the weights mean (frequency or probability)
    design: Any  # the survey design's facts (survey.DesignInfo), or None
    in_memory: bool  # whether X, y, w, groups and frame are arrays on this machine
    row_index: Any = None  # labels of the rows used, where they are known
    # dtypes of the formula's raw columns as fitted, by name (None where not known): new data
    # of another kind (booleans for numbers) are refused by them
    raw_dtypes: Any = None
    # stateful transforms that learned their state on the rows used where R's model.frame
    # learns it on more (mnlogit._learned_rows), named in the summary's notes
    learned_on_used_rows: tuple[tuple[str, str], ...] = ()
    # a Categorical factor's categories that no row used holds, by column: they have no
    # coefficient (new data holding one are refused), which the summary's note says
    unused_categories: tuple[tuple[str, tuple], ...] = ()
    unpenalised_intercept: bool = True  # whether the L2 penalty leaves the intercept out
    # Parameters p*q from which a fit runs its L-BFGS phase; None: the solver's default. A
    # backend whose every pass re-reads its rows sets it higher (see mnlogit._dask_data).
    quasi_newton_min: ClassVar[int | None] = None
    # The rows. A distributed implementation raises NotInMemoryError for X, w and frame and
    # gives lazy codes for y and groups that select rows (``data.y != j``) without collecting.
    X: np.ndarray  # (n, p) design
    y: np.ndarray  # (n,) core codes: 0..q-1 equations in level order, q the reference
    w: np.ndarray  # (n,) frequency weights
    groups: np.ndarray | None  # (n,) cluster codes 0..G-1, None without groups
    frame: Any  # the formula's raw columns of the rows used (DataFrame), or None

    @property
    def in_memory_advice(self) -> str:
        """How to get these rows in memory for what needs them. A sample of a survey's rows is
        a second phase of sampling its design does not describe (the weights and fpc are of
        the first, and a stratum may be left with one PSU), so a survey fit is advised its
        whole sample."""
        return in_memory_advice(self.design is not None)

    @property
    def coding(self) -> Coding:
        """The outcome levels, the reference and the core's codes for them."""
        return Coding(self.levels, self.ref)

    @property
    def equations(self) -> tuple:
        """Non-reference levels, in level order: one column of B each."""
        return self.coding.equations

    @property
    def q(self) -> int:
        """Number of equations, K - 1."""
        return len(self.levels) - 1

    @property
    def p(self) -> int:
        """Number of design columns."""
        return len(self.column_names)

    @property
    @abstractmethod
    def intercept(self) -> int | None:
        """Index of the all-ones column, if the design has one."""

    def equilibrated(self) -> tuple[ModelData, np.ndarray]:
        """The same model on columns divided by powers of two, and those divisors (p,);
        without the rows at hand, itself and ones (see ``InMemoryData.equilibrated``)."""
        return self, np.ones(self.p)

    def row_meat(self, B: np.ndarray) -> np.ndarray:
        """sum_i w_i^2 g_i g_i', the sandwich's meat of rows as their own units, at ``B``."""
        return _scores.score_meat(self.X, self.y, self.w * self.w, B)

    def column_residuals(self) -> np.ndarray | None:
        """What the rank check reads (see ``InMemoryData.column_residuals``); None
        where the rows give none."""
        return None

    def least_margin(self, D: np.ndarray) -> float:
        """The least margin by which the direction ``D`` (p, q) moves a row of positive
        weight towards its own outcome (see :func:`mnlogit._scores.least_margin`)."""
        return _scores.least_margin(self.X, self.y, self.w, D)

    def score_rounding(self, B: np.ndarray) -> np.ndarray:
        """(p, q) bounds of the rounding of the score's sums at ``B`` (see
        :func:`mnlogit._scores.score_rounding`)."""
        return _scores.score_rounding(self.X, self.y, self.w if self.weighted else None, B)

    def column_extent(self) -> np.ndarray:
        """Each column's largest |x| over the rows of positive weight."""
        return _fisher.column_extent(self.X, self.w if self.weighted else None)

    def equilibrated_sums(self) -> tuple[np.ndarray, dict[str, Any]]:
        """The powers of two s of ``InMemoryData.equilibrated`` and X'WY and the sums of
        squares of X / s, from X'WX: a fit of rows held elsewhere runs on X itself."""
        G, by_outcome, own = self._constant_sums()
        s = own * _sums.unit_scale(np.diag(G), self.sum_weights)
        return s, {"by_outcome": by_outcome / s[:, None], "sum_squares": np.diag(G) / s**2}

    def column_factor(self, shift: np.ndarray | None, d: np.ndarray) -> np.ndarray:
        """The R of a QR of the rows sqrt(w) (X - shift) / d."""
        return row_factor(self.X, self.w, d, shift)[0]

    @abstractmethod
    def map_columns(
        self, scale: np.ndarray, shift: np.ndarray, T: np.ndarray, *, names: tuple | None = None
    ) -> ModelData:
        """The same rows on the columns (X / scale - shift) @ T, without terms (and named
        ``names`` when given)."""

    @property
    def spans_constant(self) -> bool:
        """Whether the design's column space holds the constant (an intercept column, or
        columns such as a full set of dummies that add up to one): the intercept-only model
        is then nested in the fitted one. Without the rows at hand, an intercept column."""
        return self.intercept is not None

    @cached_property
    def constant_combination(self) -> np.ndarray | None:
        """a (p,) with X a = 1 on the rows, when the design's column space holds the
        constant (the unit vector of an intercept column; ones on a full set of dummies), else
        None: the null model and the tests of terms keep the constant through it. Found once
        (every test of a term reads it), read-only."""
        if self.intercept is not None:
            a = np.zeros(self.p)
            a[self.intercept] = 1.0
        elif not self.spans_constant:
            return None
        else:
            G, by_outcome, s = self._constant_sums()
            a = _sums.constant_combination(G, by_outcome, self.sum_weights) / s
        a.setflags(write=False)
        return a

    def _constant_sums(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """X'WX and X'WY of columns divided by s, and s, for :meth:`constant_combination`
        (data without the rows at hand span the constant only with an intercept column)."""
        raise NotImplementedError

    @property
    @abstractmethod
    def n_rows(self) -> int:
        """Rows used."""

    @property
    @abstractmethod
    def sum_weights(self) -> float:
        """Sum of the frequency weights (rows used when unweighted)."""

    @property
    @abstractmethod
    def weight_unit(self) -> float:
        """The smallest positive weight of a row (1 when no row has one): the unit of the
        convergence tests' floor (:func:`mnlogit._quasi_newton.deviance_scale`)."""

    @property
    def weight_share(self) -> float:
        """:attr:`weight_unit` over the mean weight of the rows (at most 1): about the
        deviance the rows would have if each weighed ``weight_unit``, as a share of theirs
        (see :func:`mnlogit._quasi_newton.gradient_scale`)."""
        total = self.sum_weights
        if not (np.isfinite(total) and total > 0):
            return 1.0
        return min(1.0, self.weight_unit * self.n_rows / total)

    @property
    @abstractmethod
    def n_clusters(self) -> int:
        """Number of clusters of ``groups`` (0 without groups)."""

    @abstractmethod
    def outcome_counts(self) -> np.ndarray:
        """Weighted count of each core code (equations, then the reference)."""

    @abstractmethod
    def positive_counts(self) -> np.ndarray:
        """Rows of positive weight of each core code."""

    @abstractmethod
    def outcome_sums(self) -> np.ndarray:
        """X'WY: each column's weighted sum over the rows of each core code (p, q + 1)."""

    def positive_outcome_sums(self) -> np.ndarray | None:
        """X'Y over the rows of positive weight, unweighted (p, q + 1), where kept (a dask
        fit's tally), else None: the separation screen's counts of rows at a level or cell."""
        return None

    @abstractmethod
    def column_squares(self) -> np.ndarray:
        """diag(X'WX): each column's weighted sum of squares (p,), exactly."""

    @abstractmethod
    def level_codes(self) -> np.ndarray:
        """Position of each row's outcome in ``levels`` (undoing the core's coding)."""

    @abstractmethod
    def empty_cells(self) -> np.ndarray:
        """Each column's sign where it is of one sign and 0 on every row of an outcome, else
        0: (p, q + 1), core order (:func:`mnlogit._sums.empty_cells`, from kept sums)."""

    @abstractmethod
    def evaluator(
        self,
        *,
        threads: int | None = None,
        chunk: int | None = None,
        progress: Progress | None = None,
    ) -> Evaluate:
        """``evaluate(B, level)`` for the solvers: the sums of :mod:`mnlogit._fisher`;
        each pass over the data is reported to ``progress`` when given."""

    @abstractmethod
    def score_meat(
        self, B: np.ndarray, *, cluster: bool, project: np.ndarray | None = None
    ) -> np.ndarray:
        """Sum over rows (or clusters) of score outer products, for sandwich covariances;
        with ``project`` (pq, k) of the projected scores g' project (k, k)."""

    @abstractmethod
    def design_meat(
        self, B: np.ndarray, scale: np.ndarray, project: np.ndarray | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """The sums a design-based covariance needs, with t_j the weighted score total of PSU
        j (a row when the design has no PSUs) and c_h = ``scale[h]`` of its stratum:
        sum_j c_h t_j t_j' (k, k) and each stratum's sum of the t_j (H, k); ``project`` as
        for :meth:`score_meat`."""

    @abstractmethod
    def owned_columns(self, units: np.ndarray | None) -> np.ndarray:
        """Which design columns (p,) the rows of one unit determine alone (see
        :func:`mnlogit._owned.owned_columns`), the units being ``units``' codes of the rows,
        or (None) those the data carry themselves (clusters, PSUs on partitions)."""

    def sample_cost(self) -> float:
        """What a sampled information costs, in gradient passes (see
        :func:`mnlogit._fisher.sample_cost`)."""
        return _fisher.sample_cost(self.n_rows, self.p * self.q)

    @abstractmethod
    def information_product(
        self, B: np.ndarray, V: np.ndarray, *, threads: int | None = None, curvature: bool = False
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """The information at ``B`` times ``V`` (pq, k), never formed; with ``curvature`` also
        sum_i w_i W_i (q, q). See :func:`mnlogit._products.information_product`."""

    @abstractmethod
    def subset_rows(self, keep: Any) -> ModelData:
        """The same model on the rows ``keep`` selects (levels unchanged)."""

    @abstractmethod
    def subset_columns(self, cols: list[int]) -> ModelData:
        """The same rows with only the design columns ``cols`` (terms re-indexed)."""

    @abstractmethod
    def recode(self, levels: tuple, ref: Any) -> ModelData:
        """The same rows with outcome ``levels`` (every row's level among them) and ``ref``."""

    def _terms_for(self, cols: list[int]) -> dict[str, tuple[int, ...]]:
        """``terms`` re-indexed to the columns ``cols`` (terms not wholly kept are left out)."""
        pos = {c: k for k, c in enumerate(cols)}
        return {
            t: tuple(pos[c] for c in cs)
            for t, cs in self.terms.items()
            if all(c in pos for c in cs)
        }
