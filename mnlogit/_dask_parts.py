"""What a dask fit runs on the workers, one partition at a time: encoding a partition into
the core's coding, scanning it for levels and witnesses, tallying it, and its sums.

Every function here takes and returns plain pandas/numpy objects (a :class:`Part` is one
encoded partition), so dask can ship them to any worker; :mod:`mnlogit._dask` builds the
graphs that call them. The in-memory fit's checks of what the scan and the tally found run
on the driver (:mod:`mnlogit._dask_checks`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np
import pandas as pd
from pandas.api.types import is_bool_dtype, is_float_dtype, is_integer_dtype, is_object_dtype

from . import _fisher
from ._checks import ROWS_SHOWN
from ._columns import _unhashable
from ._dask_nonfinite import (
    Nonfinite,
    WeightRows,
    add_nonfinite,
    nonfinite_cells,
    weight_rows,
    weight_witnesses,
)
from ._dask_refusals import unlearned_outcome, unlearned_values, weight_numbers
from ._dask_sample import _concat_samples, _plain_strings, _sample, numeric_kinds
from ._dask_units import same_units, unit_print, units_changed
from ._dtypes import quiet_decimal_nans
from ._levels import Coding, as_written, boolean_cells
from ._linalg import row_factor
from ._new_data_design import design_for_new_data, with_categories
from ._nonfinite import infinite_values, refuse_infinite
from ._owned import leverages
from ._polars import arrow_nan_values
from .exceptions import DataError, MNLogitError
from .formula import ValueKinds

_GROUP = "__group__"


class Part(NamedTuple):
    """One partition in the core's coding."""

    X: np.ndarray  # (m, p) float64
    y: np.ndarray  # (m,) core codes
    w: np.ndarray  # (m,) frequency or sampling weights
    g: np.ndarray | None  # (m,) cluster codes (-1: a cluster only of weight 0) or PSU codes
    s: np.ndarray | None = None  # (m,) a survey design's stratum codes
    bad: Nonfinite | None = None  # its non-finite design values, found when it was encoded


@dataclass(frozen=True)
class _Encoding:
    """How a raw partition becomes a :class:`Part` (pickled once into the graph)."""

    spec: Any
    outcome: str
    needed: tuple[str, ...]  # outcome and predictors: rows missing any are dropped
    used: tuple[str, ...]  # needed plus weights and groups columns
    levels: tuple
    ref: Any
    p: int
    weights: str | None
    groups: str | None
    survey: Any = None  # _dask_survey.SurveyCodes of a survey design
    clusters: pd.Index | None = None  # the identifiers of ``groups`` in code order
    # the categories (with those no row uses), in the order ``ddf.compute()`` stacks them,
    # of Categorical columns the formula reads inside a transform (``I(g.cat.codes)``), which
    # a partition may hold fewer or more of, or order otherwise: its codes meant others
    categories: dict[str, pd.Index] | None = None


def _complete(df: pd.DataFrame, needed: tuple[str, ...]) -> np.ndarray:
    return ~df[list(needed)].isna().to_numpy().any(axis=1)


def _native(frame: pd.DataFrame) -> pd.DataFrame:
    """A partition's big-endian numbers in the machine's order: pandas cannot hash them, and
    a partition may hold them where the collection's meta says int32 or float64. Its
    signalling Decimal('sNaN') are missing, as in memory (pandas' isna raised on them)."""
    swapped = {
        c: t.newbyteorder("=")
        for c, t in frame.dtypes.items()
        if isinstance(t, np.dtype) and not t.isnative
    }
    out = frame.astype(swapped) if swapped else frame
    for j in range(frame.shape[1]):
        column = out.iloc[:, j]
        quiet = quiet_decimal_nans(column)
        if quiet is not column:
            out = out.copy(deep=False) if out is frame else out
            out.isetitem(j, quiet)
    return out


def _encode(df: pd.DataFrame, enc: _Encoding) -> Part:
    complete = _complete(df, enc.needed)
    frame = df[list(enc.used)] if complete.all() else df.loc[complete, list(enc.used)]
    frame = _plain_strings(frame)
    frame = with_categories(frame, enc.categories or {})
    m = len(frame)
    for name in enc.needed:  # as in memory; a transform (np.tanh(x)) may hide one
        if name != enc.outcome:
            refuse_infinite(name, frame[name])
    try:
        X = design_for_new_data(enc.spec, frame)[0] if m else np.empty((0, enc.p))
    except MNLogitError as err:
        raise unlearned_values(err) from None
    y = np.empty(0, np.intp)
    if m:
        level_idx = pd.Index(enc.levels).get_indexer(as_written(frame[enc.outcome]))
        if (level_idx < 0).any():
            value = frame[enc.outcome].iloc[int(np.flatnonzero(level_idx < 0)[0])]
            raise unlearned_outcome(enc.outcome, enc.levels, value, frame[enc.outcome].dtype)
        y = Coding(enc.levels, enc.ref).core_codes(level_idx)
    w = weight_numbers(frame[enc.weights]) if enc.weights else np.ones(m)
    bad = nonfinite_cells(X, frame.index, w)
    if enc.survey is not None:
        s, g = enc.survey.codes(frame)
        return Part(X, y, w / enc.survey.weight_scale, g, s, bad)
    g = None
    if enc.clusters is not None:
        # codes, not the values: Dask's groupby of the score sums hashes each partition's
        # values by its dtype, so 17 where a partition is int64 and 17.0 where one is float64
        # (or a date in datetime64[s] and [us]) reached two output partitions as two clusters
        g = enc.clusters.get_indexer(frame[enc.groups]).astype(np.intp)
    return Part(X, y, w, g, None, bad)


class _RowPredicate:
    """A lazy row filter on the core codes: rows whose (mapped) code is in ``values``."""

    def __init__(self, op: str, *args: Any) -> None:
        self.op, self.args = op, args

    def __call__(self, y: np.ndarray) -> np.ndarray:
        if self.op == "isin":
            mapping, values = self.args
            codes = y if mapping is None else mapping[y]
            return np.isin(codes, values)
        masks = [a(y) for a in self.args]
        if self.op == "not":
            return ~masks[0]
        return masks[0] & masks[1] if self.op == "and" else masks[0] | masks[1]

    def __invert__(self) -> _RowPredicate:
        return _RowPredicate("not", self)

    def __and__(self, other: _RowPredicate) -> _RowPredicate:
        return _RowPredicate("and", self, other)

    def __or__(self, other: _RowPredicate) -> _RowPredicate:
        return _RowPredicate("or", self, other)


def _keep_rows(part: Part, predicate: _RowPredicate) -> Part:
    keep = predicate(part.y)
    return Part(
        part.X[keep],
        part.y[keep],
        part.w[keep],
        None if part.g is None else part.g[keep],
        None if part.s is None else part.s[keep],
    )


def _recode_rows(part: Part, to_new: np.ndarray) -> Part:
    return part._replace(y=to_new[part.y])


def _take_columns(part: Part, cols: tuple[int, ...]) -> Part:
    return part._replace(X=np.ascontiguousarray(part.X[:, list(cols)]))


def _map_columns(part: Part, scale: np.ndarray, shift: np.ndarray, T: np.ndarray) -> Part:
    return part._replace(X=np.ascontiguousarray((part.X / scale - shift) @ T))


@dataclass(frozen=True)
class _Scan:
    """What one pass over the raw rows learns (summed over partitions in order)."""

    n_total: int
    n_complete: int  # rows without a missing value in the needed columns
    na: np.ndarray  # missing values per needed column
    cover: tuple  # columns whose every value the sample shows
    sample: pd.DataFrame  # complete rows showing every value of each covered column
    bad_weights: tuple  # first non-finite, first negative, largest, first non-whole weight
    weights_na: bool  # the weights' column is nullable or Arrow: missing shows as <NA>
    weight_rows: WeightRows  # the rows of the non-finite and of the negative weights
    weight_total: float  # the sum of the weights of the complete rows (0.0 without weights)
    group_na: tuple[int, tuple]  # missing identifiers: their count and first rows' labels
    group_values: frozenset
    group_bits: frozenset  # (is a boolean, value) of the identifiers 0, 1, False and True
    # the rows dropped for missing values: the outcome's and each covered predictor's count
    # of rows per value (a level only such rows have leaves the model, which the fit warns of)
    dropped: dict[str, pd.Series]
    # each predictor's infinite values: their count, the first one and its row (a column
    # read inside a transform counted on every row, as in memory; the others on the rows
    # kept), so that the refusal counts and names them as in memory, whichever partitions
    # hold them
    infinite: dict[str, tuple[int, float, Any]]
    # each predictor's NaN of a pyarrow float column (a number there): their count and the
    # first one's row, which the sample the design is built on misnamed ("row 11, 1 in all")
    arrow_nan: dict[str, tuple[int, Any]]
    kinds: dict[str, ValueKinds]  # of the columns whose meta says numbers (see numeric_kinds)
    computed: tuple = ()  # factors the formula's code computes, and Categoricals it reads


def _scan(
    df: pd.DataFrame,
    needed: tuple,
    cover: tuple,
    weights: str | None,
    groups: str | None,
    transformed: frozenset = frozenset(),
    numbers: frozenset = frozenset(),
    numeric: tuple = (),
    computed: tuple = (),
) -> _Scan:
    """One partition's share of the first pass; ``transformed``: the predictors the formula
    reads inside a transform; ``numbers``: columns of objects that the fit reads as numbers;
    ``numeric``: predictors whose meta says numbers; ``computed``: the formula's factors
    whose levels its own code computes (see :func:`_sample`)."""
    complete = _complete(df, needed)
    frame = df[complete]
    infinite = {}
    for name in needed[1:]:
        column = df[name] if name in transformed else frame[name]
        if name in numbers:  # inf among objects: read as the number it is
            column = pd.to_numeric(column, errors="coerce").astype(np.float64)
        found = infinite_values(column)
        if found is not None:
            infinite[name] = found
    nans = {n: arrow_nan_values(df[n]) for n in needed[1:]}  # every row's, as in memory
    bad: tuple = ()
    weights_na = False
    located = WeightRows((0, ()), (0, ()))
    total = 0.0
    if weights is not None:
        w = weight_numbers(frame[weights])
        bad = weight_witnesses(w)
        located = weight_rows(w, frame.index)
        weights_na = getattr(frame[weights].dtype, "na_value", None) is pd.NA
        with np.errstate(over="ignore", invalid="ignore"):
            total = float(w.sum())
    g_na: tuple[int, tuple] = (0, ())
    g_values: frozenset[Any] = frozenset()
    g_bits: frozenset[tuple[bool, Any]] = frozenset()
    if groups is not None:
        g = frame[groups]
        na = g.isna().to_numpy(dtype=bool)
        g_na = (int(na.sum()), tuple(frame.index[na][:ROWS_SHOWN].tolist()))
        try:  # every row's, as in memory: a list in a row of weight 0 is refused too
            uniques = g.dropna().unique()
        except TypeError:
            raise _unhashable(g, groups, "data") from None
        if weights is not None:  # a cluster of rows of weight zero is not in the sample
            g = g[w > 0]
            uniques = g.dropna().unique()
        g_values = frozenset(uniques.tolist())
        g_bits = _bits(g)
    return _Scan(
        len(df),
        len(frame),
        df[list(needed)].isna().sum().to_numpy(),
        cover,
        _sample(frame, cover, computed),
        bad,
        weights_na,
        located,
        total,
        g_na,
        g_values,
        g_bits,
        {c: _counts(df.loc[~complete, c]) for c in cover},
        infinite,
        {n: found for n, found in nans.items() if found is not None},
        numeric_kinds(df, numeric),
        computed,
    )


def _bits(g: pd.Series) -> frozenset[tuple[bool, Any]]:
    """The identifiers 0, 1, False and True among ``g``, each with whether it is a boolean:
    True and 1 are one value in a set, told apart here for the refusal of both."""
    dtype = g.dtype
    kinds = (is_object_dtype, is_bool_dtype, is_integer_dtype, is_float_dtype)
    if not any(kind(dtype) for kind in kinds):
        return frozenset()  # dates, text, decimals: no 0 or 1 beside a boolean
    bits = g.isin([0, 1]).to_numpy(dtype=bool, na_value=False)
    if not bits.any():
        return frozenset()
    pairs = pd.DataFrame({"b": boolean_cells(g)[bits], "v": g.to_numpy()[bits]})
    return frozenset(pairs.drop_duplicates().itertuples(index=False, name=None))


def _merge_counts(counted: list[dict[str, tuple]]) -> dict[str, tuple]:
    """Values counted over the partitions (infinite ones, pyarrow's NaN), each a count and
    what quotes the first one (in row order)."""
    total: dict[str, tuple] = {}
    for found in counted:
        for name, (count, *first) in found.items():
            known = total.get(name)
            total[name] = (count, *first) if known is None else (known[0] + count, *known[1:])
    return total


def _sum_past_range(values: Any) -> float:
    with np.errstate(over="ignore", invalid="ignore"):
        return float(np.sum(np.fromiter(values, dtype=np.float64)))


def _merge_scans(*scans: _Scan) -> _Scan:
    cover = scans[0].cover
    bad = np.array(sum((s.bad_weights for s in scans), ()), dtype=np.float64)
    return _Scan(
        sum(s.n_total for s in scans),
        sum(s.n_complete for s in scans),
        sum((s.na for s in scans[1:]), scans[0].na),
        cover,
        _sample(_concat_samples([s.sample for s in scans]), cover, scans[0].computed),
        weight_witnesses(bad),
        any(s.weights_na for s in scans),
        sum((s.weight_rows for s in scans[1:]), scans[0].weight_rows),
        _sum_past_range(s.weight_total for s in scans),
        (sum(s.group_na[0] for s in scans), sum((s.group_na[1] for s in scans), ())[:ROWS_SHOWN]),
        frozenset().union(*(s.group_values for s in scans)),
        frozenset().union(*(s.group_bits for s in scans)),
        {c: _add_series(*(s.dropped[c] for s in scans)) for c in cover},
        _merge_counts([s.infinite for s in scans]),
        _merge_counts([s.arrow_nan for s in scans]),
        {c: sum((s.kinds[c] for s in scans[1:]), scans[0].kinds[c]) for c in scans[0].kinds},
        scans[0].computed,
    )


def _counts(values: pd.Series) -> pd.Series:
    counts = values.value_counts()
    counts = counts[counts > 0]  # a Categorical counts its unused categories too
    return counts.set_axis(counts.index.astype(object))


@dataclass(frozen=True)
class _Tally:
    """Sums over the encoded rows that fitting and results need besides the scoring loop."""

    n_rows: int
    sum_weights: float
    counts: np.ndarray  # weighted count per core code
    n_positive: int  # rows with positive weight
    positive: np.ndarray  # rows with positive weight per core code
    ones: np.ndarray  # (p,) column is all ones
    finite: np.ndarray  # (p,) column is finite
    gram: np.ndarray  # X'WX: the rank check, and the scoring loop's preconditioner
    by_outcome: np.ndarray  # (p, K) X'WY, each column's total over each outcome's rows
    sizes: tuple[int, ...]  # rows of each partition, in order (a sample's row numbers)
    # (p,) each column's smallest and largest value on the rows of positive weight (its
    # sign, for the separation screen: mnlogit._sums.empty_cells); +-inf without such rows
    low: np.ndarray
    high: np.ndarray
    nonfinite: Nonfinite | None = None
    least_weight: float = np.inf  # the smallest positive weight (inf without such rows)
    most_weight: float = 0.0  # the largest weight
    # (p, K) X'Y over the rows of positive weight, unweighted: a level's or a cell's indicator
    # totals there count rows, integers whatever the weights (the separation screen)
    positive_by_outcome: np.ndarray | None = None
    units: np.ndarray | None = None  # (1,) :func:`unit_print` of a fit with units

    def __add__(self, other: _Tally) -> _Tally:
        with np.errstate(over="ignore"):  # X'WX past the float range: refused by name
            gram = self.gram + other.gram
        return _Tally(
            self.n_rows + other.n_rows,
            self.sum_weights + other.sum_weights,
            self.counts + other.counts,
            self.n_positive + other.n_positive,
            self.positive + other.positive,
            self.ones & other.ones,
            self.finite & other.finite,
            gram,
            self.by_outcome + other.by_outcome,
            self.sizes + other.sizes,
            np.minimum(self.low, other.low),
            np.maximum(self.high, other.high),
            add_nonfinite(self.nonfinite, other.nonfinite),
            min(self.least_weight, other.least_weight),
            max(self.most_weight, other.most_weight),
            _add_optional(self.positive_by_outcome, other.positive_by_outcome),
            _add_optional(self.units, other.units),
        )

    def columns(self, cols: list[int]) -> _Tally:
        return _Tally(
            self.n_rows,
            self.sum_weights,
            self.counts,
            self.n_positive,
            self.positive,
            self.ones[cols],
            self.finite[cols],
            self.gram[np.ix_(cols, cols)],
            self.by_outcome[cols],
            self.sizes,
            self.low[cols],
            self.high[cols],
            least_weight=self.least_weight,
            most_weight=self.most_weight,
            positive_by_outcome=(
                None if self.positive_by_outcome is None else self.positive_by_outcome[cols]
            ),
        )


def _tally(part: Part, n_codes: int, counts: bool = True) -> _Tally:
    X, y, w = part.X, part.y, part.w
    finite = np.isfinite(X).all(axis=0)
    positive = w > 0
    unit = not counts or (w == 1.0).all()  # the screen's counts: X'WY itself, or none kept
    with np.errstate(over="ignore", invalid="ignore"):  # squares past the range: refused
        if finite.all():
            G, by_outcome = X.T @ (X * w[:, None]), _by_outcome(X, y, w, n_codes)
            rows = by_outcome if unit else _by_outcome(X, y, 1.0 * positive, n_codes)
        else:  # (their rows are named and refused)
            G = np.full((X.shape[1],) * 2, np.nan)
            by_outcome = rows = np.full((X.shape[1], n_codes), np.nan)
    seen = X if positive.all() else X[positive]
    some = len(seen) > 0
    return _Tally(
        len(y),
        float(w.sum()),
        np.bincount(y, weights=w, minlength=n_codes),
        int((w > 0).sum()),
        np.bincount(y[positive], minlength=n_codes),
        (X == 1.0).all(axis=0),
        finite,
        G,
        by_outcome,
        (len(y),),
        seen.min(axis=0) if some else np.full(X.shape[1], np.inf),
        seen.max(axis=0) if some else np.full(X.shape[1], -np.inf),
        part.bad,
        float(w[positive].min()) if positive.any() else np.inf,
        float(w.max()) if len(w) else 0.0,
        rows if counts else None,
        unit_print(part),
    )


def _add_optional(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    return None if a is None or b is None else a + b


def _by_outcome(X: np.ndarray, y: np.ndarray, w: np.ndarray, n_codes: int) -> np.ndarray:
    """X'WY: each column's weighted total over each outcome's rows (p, K)."""
    Y = np.zeros((len(y), n_codes))
    Y[np.arange(len(y)), y] = w
    return X.T @ Y


class _Counted(NamedTuple):
    """A partition's sums with the rows they were taken over, told by their count, weight
    and X'WY: a pass that reads other rows than the tally (a graph that is not deterministic)
    differs in them."""

    stats: _fisher.Stats
    rows: int
    weight: float
    by_outcome: np.ndarray  # (p, K) X'WY
    units: np.ndarray | None = None  # (1,) :func:`unit_print` (the covariance's passes)

    def __add__(self, other: Any) -> _Counted:  # type: ignore[override]
        return _Counted(
            self.stats + other.stats,
            self.rows + other.rows,
            self.weight + other.weight,
            self.by_outcome + other.by_outcome,
            _add_optional(self.units, other.units),
        )


def _part_stats(part: Part, B: np.ndarray, level: int, chunk: int | None) -> _Counted | None:
    if len(part.y) == 0:
        return None
    stats = _fisher.stats(part.X, part.y, part.w, B, level, threads=1, chunk=chunk)
    totals = _by_outcome(part.X, part.y, part.w, B.shape[1] + 1)
    return _Counted(stats, len(part.y), float(part.w.sum()), totals)


def check_same_rows(counted: _Counted, tally: _Tally) -> _fisher.Stats:
    """The pass's sums, after checking that it read the rows the tally counted.

    A dask graph that draws rows at random (``df.sample`` inside ``map_partitions``) or reads
    files that change gives other rows at every pass: Fisher scoring then chased a moving
    target, 'did not converge; increase max_iter', or converged to the sums of no one sample.
    """
    # X'WY to rounding: each column's total is at most sqrt(sum w x^2 sum w) in size (the
    # roots taken apart: with frequency weights of 1e200 the product overflowed, with numpy's
    # warning)
    root_w = np.sqrt(abs(tally.sum_weights))
    bound = 1e-9 * (np.sqrt(np.abs(np.diag(tally.gram))) * root_w)[:, None]
    counts = counted.rows == tally.n_rows and abs(counted.weight - tally.sum_weights) <= 1e-9 * abs(
        tally.sum_weights
    )
    values = counts and bool((np.abs(counted.by_outcome - tally.by_outcome) <= bound).all())
    if values and not same_units(counted.units, tally.units):
        raise units_changed(tally.n_rows)
    if not values:
        read = (
            f"as many rows as the first ({tally.n_rows}) of other values"
            if counts
            else f"{counted.rows} rows (weight {counted.weight:.10g}) where the first read "
            f"{tally.n_rows} (weight {tally.sum_weights:.10g})"
        )
        raise DataError(
            f"the data changed between passes over them: a pass read {read}; a dask "
            "DataFrame must give the same rows at every computation (a random sample or "
            "files being written do not): persist it (ddf.persist()) or fit a fixed copy"
        )
    return counted.stats


class _Sample(NamedTuple):
    """The information of a partition's sampled rows and their total weight."""

    info: np.ndarray
    weight: float

    def __add__(self, other: Any) -> _Sample:  # type: ignore[override]
        return _Sample(self.info + other.info, self.weight + other.weight)


def _part_sample(
    part: Part, B: np.ndarray, stride: int, offset: int, chunk: int | None
) -> _Sample | None:
    """The information of the partition's rows among every ``stride``-th row of all of them
    (the in-memory fit's sample; see ``SAMPLE_INFO``); ``offset``: rows before this one's."""
    take = slice((-offset) % stride, None, stride)
    X, y, w = part.X[take], part.y[take], part.w[take]
    if len(y) == 0:
        return None
    s = _fisher.stats(X, y, w, B, _fisher.INFO, threads=1, chunk=chunk)
    assert s.info is not None  # an INFO-level pass
    return _Sample(s.info, float(w.sum()))


def _add(*items: Any) -> Any:
    """Sum of the items that are not None (an empty partition contributes None)."""
    present = [x for x in items if x is not None]
    if not present:
        return None
    total = present[0]
    for x in present[1:]:
        total = total + x
    return total


def _unit_leverages(part: Part, D: np.ndarray, T: np.ndarray) -> pd.Series:
    """Each unit's (``part.g``) total of its rows' leverages (see :mod:`mnlogit._owned`)."""
    return pd.Series(leverages(part.X, part.w, D, T)).groupby(part.g, sort=False).sum()


def _add_series(*series: pd.Series) -> pd.Series:
    """Sums of values by label over the series (units, levels) of the partitions."""
    return pd.concat(series).groupby(level=0, sort=False).sum()


def _unit_shares(part: Part, D: np.ndarray, T: np.ndarray, units: tuple) -> dict[Any, np.ndarray]:
    """The shares T' X_g' W_g X_g T of ``units`` (of the few examined) in a partition."""
    codes = pd.Index(units).get_indexer(part.g)
    w = np.where(part.w > 0, part.w, 0.0)
    out = {}
    for k in np.unique(codes[codes >= 0]):
        rows = np.flatnonzero(codes == k)
        Z = (part.X[rows] / D) @ T
        out[units[k]] = Z.T @ (Z * w[rows][:, None])
    return out


def _add_shares(*shares: dict[Any, np.ndarray]) -> dict[Any, np.ndarray]:
    total: dict[Any, np.ndarray] = {}
    for share in shares:
        for unit, S in share.items():
            total[unit] = total[unit] + S if unit in total else S
    return total


def part_factor(part: Part, d: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
    """The R of a QR of a partition's rows sqrt(w) (X - shift) / d (see :func:`check_tally`)."""
    return row_factor(part.X, part.w, d, shift)[0]


def part_gram(part: Part) -> np.ndarray:
    """X'X of a partition's rows, every weight 1."""
    return part.X.T @ part.X
