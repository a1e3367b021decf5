"""Fit a dask DataFrame: the scoring loop's sums mapped over partitions and tree-reduced.

The encoding is learned once: one pass over the data finds the outcome levels, the levels of
every factor and a few real rows showing each of them, and formulaic's ModelSpec is fitted on
those rows. Every partition is then encoded with that same spec, on the workers, and only
p(K-1)-sized arrays (log-likelihood, score, information, score outer products) come back to
the driver, which solves the p(K-1) system. No partition is ever collected on the driver.

What runs on the workers, partition by partition, is in :mod:`mnlogit._dask_parts`, and the
data object whose sums the solvers read in :mod:`mnlogit._dask_data`; this module learns the
encoding, builds the graphs and drives the fit. Nothing here schedules work: graphs are built
with ``dask.delayed`` and computed with ``dask.compute``, so the active scheduler runs them
(a ``distributed.Client`` when one is active, Dask's default scheduler otherwise) and Dask's
progress bars and dashboard work.

The results object is the in-memory one. Refits (anova, Hausman IIA tests, another reference)
run through the same map-reduce on lazily filtered, recoded or column-subset partitions. What
needs every row in memory (predict() without newdata, marginal effects, the exact separation
check, suest and Small-Hsiao IIA tests, Firth's method) raises :class:`NotInMemoryError`.
"""

from __future__ import annotations

import decimal
import functools
import time
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._arrow_kernels import computable, computable_columns
from ._checks import (
    check_flag,
    check_option,
    check_positive,
    check_threads,
    check_tol,
    real_dtype,
)
from ._columns import check_flat_columns, column_labels, missing_column
from ._dask_checks import (
    check_scan,
    check_tally,
    warn_numbers_sorted_as_text,
    warn_scan_emptied,
)
from ._dask_compute import counted_passes, passes_counted
from ._dask_data import DaskModelData, _compute
from ._dask_parts import (
    _add,
    _encode,
    _Encoding,
    _merge_scans,
    _native,
    _Scan,
    _scan,
    _tally,
    part_factor,
    part_gram,
)
from ._dask_refusals import signalling_decimal_refusal, weight_dtype_refusal
from ._dask_sample import (
    _kinds,
    _merge_kinds,
    _plain_strings,
    computed_factors,
    stacked_categories,
)
from ._dask_survey import (
    column_name,
    outside_outcomes,
    survey_options,
    survey_rows,
)
from ._data import in_memory_advice
from ._dtypes import usable
from ._levels import (
    as_written,
    level_key,
    outcome_codes,
    resolve_ref,
    same_level,
    warn_lost_levels,
)
from ._linalg import stack_factors
from ._methods import resolve_method
from ._nonfinite import MISSING, infinite_refusal
from ._outcome_kept import outcome_left_alone
from ._parallel import thread_limit
from ._polars import arrow_nan_refusal
from ._progress import Progress
from ._quasi_newton import DEFAULT_TOL
from ._rare_levels import warn_rare_levels
from ._screen_cells import boolean_factors, has_factors
from ._self_crossed import warn_self_crossed
from ._subpop_levels import one_level_outside
from ._subpop_refusals import constant_in_tally
from ._survey_hints import refuse_missing_roles
from ._terms import c_column, categorical_columns, learned_state
from .covariance import DEFAULT_COV_TYPE, resolve_covariance
from .exceptions import (
    ColumnNotFoundError,
    DataError,
    FormulaError,
    InputTypeError,
    LevelError,
    MissingDependencyError,
    MNLogitError,
    OptionError,
    RankError,
)
from .formula import (
    _formula_errors,
    _model_matrix,
    build_design,
    column_role,
    formula_ast,
    formula_columns,
    parse_formula,
)
from .results import MNLogitResults, warn_if_unconverged
from .survey import (
    resolve_weight_type,
)

try:
    import dask
    import dask.dataframe as dd
    from dask.dataframe.utils import meta_nonempty
except ImportError as exc:  # the optional extra is not installed (or only in part)
    raise MissingDependencyError(
        'fitting a dask DataFrame needs the optional extra "dask": pip install "mnlogit[dask]"'
    ) from exc


__all__ = ["DaskModelData", "fit_dask"]


# --- fitting -------------------------------------------------------------------------------------
def fit_dask(
    formula: str, data: Any, ref: Any = None, *, threads: int | None = None, **options: Any
) -> MNLogitResults:
    """Fit a multinomial logit to a dask DataFrame; :func:`mnlogit.fit` calls this for one.

    ``threads`` caps the workers of dask's local schedulers (threads or processes) during
    the fit and its results' computations; a distributed cluster's workers are its own. The
    other options are those of :func:`_fit_partitions`.
    """
    with thread_limit(check_threads(threads)), counted_passes():
        try:
            return _fit_partitions(formula, data, ref, **options)
        except decimal.InvalidOperation:
            # raised by pandas inside the collection's own tasks (dask's from_pandas stores
            # columns of objects as text, testing each value for a missing one): no column
            # of the partitions this package reads can be named
            raise signalling_decimal_refusal() from None


def _refuse_long_double_levels(meta: pd.DataFrame, names: list[str | None]) -> None:
    """Refuse long doubles (np.longdouble) read as levels on dask: pandas hashes them as
    float64, which merged 1 and 1 + 2e-19 into one cluster or failed with "Buffer dtype
    mismatch", and whether float64 keeps them apart is known only from every partition."""
    for name in dict.fromkeys(n for n in names if n is not None):
        dtype = meta[name].dtype
        if isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize > 8:
            raise InputTypeError(
                f"data: column {name!r} has dtype {dtype}, read here as levels, which a dask "
                f"fit reads only as float64 or text: convert it first, e.g. "
                f"ddf[{name!r}] = ddf[{name!r}].astype('float64') (or .astype(str) if "
                "float64 would make two of its values one)"
            )


def _native_in_order(frame: pd.DataFrame, columns: list) -> pd.DataFrame:
    """A partition's columns in the DataFrame's order (:func:`_native` read), as
    ``ddf.compute()`` stacks them by name: partitions made apart (``dd.from_delayed``) may
    hold them in another, which dask's check of the partition against the metadata refused
    ("Order of columns does not match"). Other columns than the metadata's stay refused."""
    if (
        list(frame.columns) != columns
        and frame.columns.is_unique
        and set(frame.columns) == set(columns)
    ):
        frame = frame[columns]
    return _native(frame)


def _halves_as_written(frame: pd.DataFrame, names: list[str]) -> pd.DataFrame:
    """Half floats (np.float16) read as levels, as the float64 numbers they print as (0.1),
    as the in-memory fit reads them: pandas cannot index them ("float16 indexes are not
    supported" came back from the encoding's dry run, the clusters and the design's strata)."""
    columns = {}
    for name in names:
        half = frame[name].to_numpy(np.float16, na_value=np.nan)  # pyarrow's halffloat too
        columns[name] = as_written(pd.Series(half, index=frame.index)).astype(np.float64)
    return frame.assign(**columns)


def _half(dtype: Any) -> bool:
    return dtype == np.float16 or str(dtype) == "halffloat[pyarrow]"


def _fit_partitions(
    formula: str,
    data: Any,
    ref: Any = None,
    *,
    weights: str | None = None,
    cov_type: str = DEFAULT_COV_TYPE,
    groups: str | None = None,
    method: str = "newton",
    missing: str = "drop",
    max_iter: int = 100,
    tol: float = DEFAULT_TOL,
    verbose: bool = False,
    weight_type: str | None = None,
    design: Any = None,
    subpop: Any = None,
    penalty: str | None = None,
    C: float = 1.0,
) -> MNLogitResults:
    """Fit a multinomial logit to a dask DataFrame.

    The options are those of :func:`mnlogit.fit`, except that ``weights`` and ``groups`` must
    name columns (values given per row could not be matched to the partitions) and
    ``method="firth"`` is not available; with ``penalty="l2"`` the design must still have
    full rank and no more columns than rows. ``verbose=True`` prints what an in-memory fit
    prints: one line per iteration, the time of each information pass and, at the end, the
    passes over the partitions.

    Each pass reads and encodes every partition again (the design is never held in memory):
    models with fewer parameters than ``_dask_data.DASK_QUASI_NEWTON_MIN_PARAMS`` run Fisher
    scoring, whose handful of passes each give the score and the information; larger ones
    run the in-memory fit's L-BFGS phase on gradient passes and compute the information
    matrix in one pass when the standard errors are first needed. Call ``ddf.persist()``
    first when the raw data fit in the cluster's memory, to avoid reading them from storage
    at every pass. Dask's own progress reporting works: ``dask.diagnostics.ProgressBar``
    with the default scheduler, the dashboard or
    ``distributed.progress`` with a ``distributed.Client``.
    """
    started = time.perf_counter()
    kind = resolve_weight_type(weight_type, design)
    covariance = resolve_covariance(cov_type, survey=kind.design_based)
    solver = resolve_method(method, penalty, C)
    check_option("missing", missing, MISSING)
    max_iter = check_positive("max_iter", max_iter, integer=True)
    tol = check_tol(tol)  # a float: Decimal("1e-9") * a float failed in the convergence test
    verbose = check_flag("verbose", verbose)
    if solver.in_memory_only:
        # the fit the separation advice sends a dask fit to was told only method='newton',
        # which a separated fit diverges with
        raise OptionError(
            f"method={method!r} is not available for a dask DataFrame (its penalty needs "
            f"every row's leverage in memory): for a Firth fit, "
            f"{in_memory_advice(kind.design_based)}; or use method='newton' here"
        )
    spec = survey_options(kind, design, weights, groups, subpop)
    if spec is not None:
        weights = spec.weights
    elif subpop is None:
        covariance.check_groups(groups, given=cov_type is not DEFAULT_COV_TYPE)
    for role, value in (("weights", weights), ("groups", groups)):
        column_name(role, value, getattr(data, "columns", None))
    if not isinstance(data, dd.DataFrame):
        raise InputTypeError(f"data: expected a dask DataFrame; got {type(data).__name__}")

    outcome, parsed = parse_formula(formula, data.columns)
    warn_self_crossed(formula, formula_ast(formula), data.dtypes)
    check_flat_columns(data.columns)
    predictors, plain, factor_only = formula_columns(parsed, data.columns)
    needed = (outcome, *predictors)
    extra = {role: col for role, col in (("weights", weights), ("groups", groups)) if col}
    refuse_missing_roles(extra, data.columns)
    design_cols = [] if spec is None else list(spec.columns().values())
    used = tuple(dict.fromkeys([*needed, *extra.values(), *design_cols]))
    labels = column_labels(data.columns, list(used), "data", formula)
    if any(labels[name] != name for name in used):  # columns labelled by numbers: by name
        data = data.rename(columns={labels[name]: name for name in used})
    data = data.map_partitions(_native_in_order, list(data.columns), meta=data._meta)
    identifiers = [] if spec is None else [spec.columns().get(r) for r in ("strata", "psu")]
    levels_of = [outcome, *factor_only, groups, *identifiers]
    _refuse_long_double_levels(data._meta, levels_of)
    halves = [n for n in dict.fromkeys(levels_of) if n is not None and _half(data._meta[n].dtype)]
    if halves:
        data = data.map_partitions(
            _halves_as_written, halves, meta=_halves_as_written(data._meta, halves)
        )
    kernels = [n for n in used if computable(data._meta[n]) is not data._meta[n]]
    if kernels:  # decimal32's as decimal128's, an extension type as what it stores
        meta = computable_columns(data._meta, kernels)
        data = data.map_partitions(computable_columns, kernels, meta=meta)
    meta = data._meta[list(used)]
    # lists and structs refused before any partition is read; a dictionary is a factor,
    # whose every level the sample must show
    meta = meta.assign(**{name: usable(meta[name], name, "data") for name in used})
    # numbers stored as objects are weights, as in memory: each partition's are read so
    if weights is not None and not (
        real_dtype(meta[weights].dtype) or meta[weights].dtype == object
    ):
        raise weight_dtype_refusal(weights, meta[weights].dtype)

    survey = None
    if spec is None:
        raw = data[list(used)].to_delayed()
    else:  # the design is that of every row; the model's rows are the subpopulation's
        raw, survey = survey_rows(data, spec, subpop, used, needed, _compute, tuple(factor_only))
    raw_dtypes = meta.dtypes  # as an in-memory fit keeps them: before text is read as numbers
    meta = _predictor_roles(raw, meta, predictors, factor_only)
    factor_columns, computed = _factor_columns(parsed, meta, formula)
    cover = (outcome, *factor_columns)
    transformed = frozenset(predictors) - set(plain)
    # the categories of the Categoricals the formula's code reads, as in memory
    # (partitions may hold them where the meta says text)
    computed += tuple(n for n in sorted(transformed - set(cover)) if not real_dtype(meta[n].dtype))
    # one pass: missing values, weights and clusters checked, every level shown by a real row
    freq_weights = None if spec is not None else weights  # sampling weights: checked above
    # columns of objects that _predictor_roles reads as numbers: an inf among them is a number
    numbers = frozenset(
        n for n in predictors if meta[n].dtype.kind == "f" and raw_dtypes[n].kind != "f"
    )
    # columns the meta says are numbers, whose partitions may hold text all the same
    numeric = tuple(n for n in predictors if real_dtype(raw_dtypes[n]))
    scan = _compute(
        [
            dask.delayed(_scan, pure=True)(
                d, needed, cover, freq_weights, groups, transformed, numbers, numeric, computed
            )
            for d in raw
        ],
        _merge_scans,
    )
    if subpop is not None and scan.n_total == 0:
        raise DataError(f"subpop: {subpop!r} selects no rows")
    check_scan(scan, needed, missing, freq_weights, groups)
    for name, found in scan.kinds.items():  # text in a partition of a column of numbers
        if found.numeric_text or found.missing_text or found.other:
            column_role(
                name, found, factor=name in factor_only, to_numeric="dd.to_numeric", hint=_DASK_TEXT
            )
    # before the design is built on the sample (renumbered: it repeats the rows that show a
    # level first), from the scan's count over every partition and its first row by label
    for name in predictors:
        if name in scan.arrow_nan:  # as read_columns refuses them in memory, first
            kind = raw_dtypes[name]
            raise arrow_nan_refusal(name, kind, scan.arrow_nan[name], "data", name in factor_only)
        if name in scan.infinite:
            count, value, row = scan.infinite[name]
            raise infinite_refusal(name, count, value, row, formula)
    try:
        design = build_design(
            formula,
            _plain_strings(scan.sample.reset_index(drop=True)),
            missing="drop",
            extra_columns=extra,
            n_rows=scan.n_complete,
            check_finite=False,  # counted over every partition by the tally, as in memory
            counts=None if freq_weights is None else scan.weight_total,
        )
    except ColumnNotFoundError as exc:  # inside a transform (scale(q)): said of every column
        raise missing_column(getattr(exc, "column", ""), data._meta, formula) from None
    except (DataError, LevelError) as exc:
        if subpop is None:
            raise

        def split(name: str) -> tuple[list, list]:  # a pass of its own, for the refusal only
            kept = list(pd.unique(scan.sample[name].dropna()))  # every level shows in it
            outside = outside_outcomes(data, subpop, name, _compute)
            return kept, [v for v in outside if not pd.isna(v) and v not in kept]

        raise one_level_outside(exc, list(predictors), split) from None
    _refuse_stateful(design.spec, formula)
    warn_scan_emptied(scan, needed)  # after the refusals an in-memory fit makes first
    # clusters, strata and PSUs written '1' and '1.0' by from_pandas: split, unlike in memory
    units: list[tuple[str, str, Any, str, str]] = []
    if groups is not None:
        units.append((f"groups={groups!r}", groups, scan.group_values, "clusters", "cluster"))
    if survey is not None:
        codes = survey[1]
        if codes.design.strata is not None:
            said = f"strata column {codes.design.strata!r}"
            units.append((said, codes.design.strata, codes.strata, "strata", "stratum"))
        if codes.psus is not None and codes.design.psu is not None:
            said, psus = f"psu column {codes.design.psu!r}", codes.psus.get_level_values(1)
            units.append((said, codes.design.psu, psus, "PSUs", "PSU"))
    warn_numbers_sorted_as_text(scan, cover, raw_dtypes, outcome, ref, tuple(units))
    # the outcomes outside a subpopulation, a pass of its own: read only for a refusal of
    # ref or for categories that no row of the subpopulation has
    beyond = None if subpop is None else lambda: outside_outcomes(data, subpop, outcome, _compute)
    try:
        levels, ref = _levels(design.y, outcome, ref, scan, needed, beyond=beyond)
    except LevelError:
        if subpop is None:
            raise
        # a pass of its own, for the refusal only: the outcomes outside the subpopulation,
        # which an in-memory fit names when the reference is only theirs
        outside = outside_outcomes(data, subpop, outcome, _compute)
        where = None if survey is None else survey[0].subpop
        levels, ref = _levels(
            design.y, outcome, ref, scan, needed, outside, lambda: outside, subpop=where
        )

    enc = _Encoding(
        design.spec,
        outcome,
        needed,
        used,
        tuple(levels),
        ref,
        len(design.column_names),
        weights,
        groups,
        None if survey is None else survey[1],
        None if groups is None else _cluster_index(scan.group_values),
        stacked_categories(scan.sample, transformed),
    )
    raw_dtypes = raw_dtypes.copy()  # the categories new data are encoded with, as in memory
    for name, held in (enc.categories or {}).items():
        raw_dtypes[name] = pd.CategoricalDtype(held, scan.sample[name].dtype.ordered)
    encode = dask.delayed(_encode, pure=True)
    enc_d = dask.delayed(enc)  # one copy of the spec in the graph, not one per partition
    parts = [encode(d, enc_d) for d in raw]
    # the screen's counts of rows at levels and cells
    counts = has_factors(design.spec, boolean_factors(design.terms, raw_dtypes))
    tally = _compute([dask.delayed(_tally, pure=True)(p, len(levels), counts) for p in parts], _add)
    n_dropped = int(scan.n_total - tally.n_rows)
    try:
        check_tally(
            tally,
            design.column_names,
            levels,
            ref,
            functools.partial(_row_factor, parts),
            weighted=weights is not None or spec is not None,
            # rows of weight 0 tell nothing apart (a survey's keep their PSUs in its design)
            plain_gram=None if weights is None else _plain_gram(parts),
            sampling=None if spec is None else weights or "",
            weights=freq_weights,
            penalised=solver.penalty is not None,
            outcome=str(outcome),
            terms=design.terms,
            subpop=subpop,
            dropped=n_dropped,
        )
    except RankError as exc:
        if subpop is None:
            raise
        names = design.column_names
        raise constant_in_tally(exc, names, tally.low, tally.high, subpop) from None
    model_data = DaskModelData(
        parts,
        levels=tuple(levels),
        ref=ref,
        column_names=design.column_names,
        terms=design.terms,
        formula=formula,
        outcome_name=outcome,
        spec=design.spec,
        n_dropped=n_dropped,
        weighted=weights is not None,
        n_groups=len(scan.group_values) if groups else None,
        tally=tally,
        weight_type=kind,
        design=None if survey is None else survey[0],
        raw_dtypes=raw_dtypes,
        unused_categories=design.unused_categories,  # the sample shows every level used
    )
    warn_rare_levels(model_data, solver, covariance)
    # the passes so far (the scan, the tally, the checks') are said and counted with the fit's
    progress = Progress(verbose)
    progress.passes_before(passes_counted(), time.perf_counter() - started)
    core = solver.fit(model_data, max_iter=max_iter, tol=tol, verbose=verbose, progress=progress)
    res = MNLogitResults(model_data, core, cov_type=covariance.name, method=solver)
    warn_if_unconverged(res, max_iter, tol)
    return res


_DASK_TEXT = (
    " (a dask DataFrame holds object columns as text unless it was made with "
    "dask.config.set({'dataframe.convert-string': False}))"
)


def _cluster_index(values: frozenset) -> pd.Index:
    """The clusters in code order: the values every partition's identifiers are looked up
    in (as objects when a numeric dtype would make two of them one: 2**60 + 1 among floats)."""
    index = pd.Index(list(values))
    return index if index.is_unique else pd.Index(list(values), dtype=object)


def _plain_gram(parts: list) -> Any:
    """X'X over every partition's rows, in one pass when called."""
    task = dask.delayed(part_gram, pure=True)
    return lambda: _compute([task(part) for part in parts], _add)


def _row_factor(parts: list, d: np.ndarray, shift: np.ndarray | None = None) -> np.ndarray:
    """The R of a QR of every partition's rows sqrt(w) (X - shift) / d, in one pass."""
    task = dask.delayed(part_factor, pure=True)
    return _compute([task(part, d, shift) for part in parts], stack_factors)


def _predictor_roles(
    raw: list, meta: pd.DataFrame, predictors: list[str], factor_only: set[str]
) -> pd.DataFrame:
    """The in-memory fit's rule (:func:`mnlogit.formula.column_role`) for every object or
    text predictor column, from the kinds of values of every partition; ``meta`` with the
    columns that are numbers made numeric, so that formulaic's dry run reads them so."""
    ambiguous = tuple(
        name
        for name in predictors
        if meta[name].dtype == object or isinstance(meta[name].dtype, pd.StringDtype)
    )
    if not ambiguous:
        return meta
    kinds = _compute([dask.delayed(_kinds, pure=True)(d, ambiguous) for d in raw], _merge_kinds)
    numbers = [
        name
        for name in ambiguous
        if column_role(
            name,
            kinds[name],
            factor=name in factor_only,
            to_numeric="dd.to_numeric",
            hint=_DASK_TEXT,
        )
        == "number"
    ]
    return meta.astype(dict.fromkeys(numbers, np.float64)) if numbers else meta


def _factor_columns(parsed: Any, meta: pd.DataFrame, formula: str) -> tuple[list[str], tuple]:
    """Columns that formulaic encodes as categories, from the formula on a dummy row, and the
    factors whose levels the formula's own code computes (``C(k.astype('str'))``): the first
    pass shows every level of both, which the ModelSpec must see when it is fitted.

    Stateful transforms (centre, scale, spline knots) would learn their state from whatever
    rows they were fitted on, so they are refused rather than learned from a sample.
    """
    try:
        with _formula_errors(f"formula {formula!r}", fitting=True):
            spec = _model_matrix(
                parsed.rhs,
                _plain_strings(meta_nonempty(meta).iloc[:1]),
                output="numpy",
                na_action="ignore",
            ).model_spec
    except MNLogitError:  # a transform failing on dummy values (C(g, levels=[...])): every
        # non-number is a factor, and so is a column written C(k), whose levels were missed
        factors = [f for term in parsed.rhs for f in term.factors]
        wrapped = {c_column(f, levels=True) for f in factors}
        columns = [
            c
            for c in meta.columns
            if not pd.api.types.is_numeric_dtype(meta[c].dtype)
            or pd.api.types.is_bool_dtype(meta[c].dtype)
            or c in wrapped
        ]
        return columns, computed_factors(factors, meta, None)
    _refuse_stateful(spec, formula)
    # a column the computed factors read is not theirs to show every value of: of C(x > 0),
    # x's every value made the sample every row (and its levels lost to missing values warned)
    computed = computed_factors(spec.factors, meta, spec)
    return categorical_columns(spec, meta.columns, skip=computed), computed


def _refuse_stateful(spec: Any, formula: str) -> None:
    # Q('my x') is a stateful transform that learns nothing (its state is {}): it only
    # quotes a name, and reads every partition as it reads the sample
    learned = [name for name, state in spec.transform_state.items() if learned_state(state)]
    if learned:
        names = ", ".join(map(repr, learned))
        learn = "learns its" if len(learned) == 1 else "learn their"
        raise FormulaError(
            f"formula {formula!r}: {names} {learn} state (centre, scale, knots) from the "
            f"data, which a dask fit would learn from a sample of rows; compute the "
            f"transformed column over every row first and use it (e.g. "
            f"ddf.assign(x_c=ddf['x'] - ddf['x'].mean()) for center(x)), or fit the rows in "
            f"memory"
        )


def _levels(
    y: pd.Series,
    outcome: str,
    ref: Any,
    scan: _Scan,
    needed: tuple,
    outside: tuple = (),
    beyond: Callable[[], tuple] | None = None,
    subpop: str | None = None,
) -> tuple[list, Any]:
    """The outcome's levels and reference, as an in-memory fit resolves them: the values
    of the rows dropped for missing values (and ``outside`` a subpopulation, selected by
    ``subpop``) named in a refusal of ``ref``, and those no kept row has warned of; an
    outcome those rows leave one level refused saying so (``needed``: the outcome and
    predictor columns)."""
    # y: a sample holding every level
    dropped = tuple(scan.dropped[outcome].index)
    kept = pd.unique(y.dropna()).tolist()
    lost = {level_key(v) for v in dropped if not any(same_level(v, k) for k in kept)}
    if len(kept) == 1 and lost and beyond is None:  # as in memory: the column has more
        incomplete = [c for c, n in zip(needed[1:], scan.na[1:], strict=True) if n]
        n_dropped = scan.n_total - scan.n_complete
        raise outcome_left_alone(outcome, 1 + len(lost), kept[0], n_dropped, incomplete)
    levels = outcome_codes(y, outcome, rows=False, outside=beyond)[0]
    unused = tuple(y.cat.categories) if isinstance(y.dtype, pd.CategoricalDtype) else ()
    ref = resolve_ref(ref, levels, outcome, unused, dropped, outside, subpop)
    warn_lost_levels(outcome, levels, dropped, scan.n_total - scan.n_complete)
    return levels, ref
