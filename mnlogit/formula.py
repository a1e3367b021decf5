"""Formula + DataFrame -> outcome values and a labelled design matrix.

The only module that imports formulaic. It resolves the outcome and predictor columns, drops
(or refuses) rows with missing values, materialises the design once as a C-contiguous float64
array (a formula of plain numeric columns is copied straight from the data), and keeps
formulaic's ModelSpec so that new data are encoded the same way.
"""

from __future__ import annotations

import ast
import copy
import difflib
import keyword
import mmap
import re
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import numpy as np
import pandas as pd
from formulaic import Formula, ModelSpec
from formulaic.errors import DataMismatchWarning, FormulaicError
from formulaic.parser.types import Factor

from ._checks import check_option
from ._parallel import default_threads, run_split
from .exceptions import (
    ColumnNotFoundError,
    DataError,
    FormulaError,
    InputTypeError,
    LevelError,
    MNLogitError,
)

__all__ = ["Design", "build_design", "design_for_new_data"]

MISSING = ("drop", "raise")  # missing=: drop incomplete rows (counted) or refuse them


@dataclass(frozen=True, eq=False)
class Design:
    """A materialised design: what the model needs from a formula and a DataFrame."""

    formula: str
    outcome_name: str
    y: pd.Series  # outcome values of the rows used, original dtype
    X: np.ndarray  # (n, p) C-contiguous float64
    column_names: tuple[str, ...]
    terms: dict[str, tuple[int, ...]]  # term label -> design-column indices, in formula order
    spec: ModelSpec | None
    row_index: pd.Index  # labels of the rows used in the user's DataFrame
    n_dropped: int = 0
    rows: np.ndarray | None = None  # positions of the rows used, when some were dropped
    extra: dict[str, np.ndarray] = field(default_factory=dict)  # weights/groups of the rows used
    frame: pd.DataFrame | None = None  # the used columns of the rows used (marginal effects)


def _suggest(name: str, columns: Iterable[Any]) -> str:
    close = difflib.get_close_matches(name, [str(c) for c in columns], n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _missing_column(name: str, data: pd.DataFrame, formula: str = "") -> ColumnNotFoundError:
    shown = f"{', '.join(map(str, data.columns[:20]))}{', ...' if data.shape[1] > 20 else ''}"
    if formula and re.search(rf"(?<![\w.]){re.escape(name)}\s*\(", formula):
        return ColumnNotFoundError(
            f"{name!r} in formula {formula!r} is neither a column of the data nor a function "
            f"formulaic knows (numpy is available as np){_suggest(name, data.columns)}"
        )
    return ColumnNotFoundError(
        f"column {name!r} is not in the data{_suggest(name, data.columns)} (columns: {shown})"
    )


def parse_formula(formula: str) -> tuple[str, Formula]:
    """Split ``"y ~ x1 + x2"`` into the outcome column name and formulaic's parsed formula."""
    if not isinstance(formula, str):
        raise FormulaError(f"formula: expected a string such as 'y ~ x1 + x2'; got {formula!r}")
    if "~" not in formula:
        raise FormulaError(
            f"formula {formula!r} has no outcome: write it as 'outcome ~ predictors'"
        )
    if re.search(r"~\s*\.(?![\w.])", formula):
        raise FormulaError(
            f"formula {formula!r}: '.' (every other column) is not supported; name the predictors"
        )
    try:
        parsed = Formula(formula)
    except FormulaicError as exc:
        first = str(exc).splitlines()[0]
        raise FormulaError(f"formula {formula!r} cannot be parsed: {first}") from None
    lhs_terms = list(parsed.lhs) if hasattr(parsed, "lhs") else []
    if len(lhs_terms) != 1 or len(lhs_terms[0].factors) != 1:
        raise FormulaError(
            f"formula {formula!r}: the left-hand side must be one outcome column; "
            f"got {' + '.join(str(t) for t in lhs_terms) or 'nothing'}"
        )
    if not hasattr(parsed.rhs, "required_variables"):  # 'y ~ a | b' parses into several parts
        raise FormulaError(
            f"formula {formula!r}: multi-part formulas ('|') are not supported; use one "
            f"right-hand side such as 'y ~ x1 + x2'"
        )
    factor = lhs_terms[0].factors[0]
    outcome = str(factor.expr).strip("`")
    if factor.eval_method is not Factor.EvalMethod.LOOKUP:
        raise FormulaError(
            f"formula {formula!r}: the outcome must be a column name, not an expression; "
            f"got {outcome!r}. Compute the outcome column first (a pandas Categorical sets the "
            f"level order)"
        )
    if outcome in {str(v) for v in parsed.rhs.required_variables}:
        raise FormulaError(
            f"formula {formula!r}: the outcome {outcome!r} also appears among the predictors"
        )
    return outcome, parsed


def required_columns(
    factors: Iterable[Any], declared: Iterable[Any], columns: Iterable[Any]
) -> list[str]:
    """The data columns a formula reads, sorted.

    formulaic's ``required_variables`` misses variables inside stateful transforms
    (``center(x)``, ``scale(x)``) and splits quoted names (```Sepal.Length``` gives ``Sepal``),
    so the columns are read off the factors too: a looked-up factor is a column name, and a
    Python factor reads every name in its expression that is a column.
    """
    present = {str(c) for c in columns}
    found = {str(v) for v in declared}
    lookups = set()
    for factor in factors:
        expr = str(factor.expr)
        if factor.eval_method is Factor.EvalMethod.LOOKUP:
            lookups.add(expr.strip("`"))
        elif factor.eval_method is Factor.EvalMethod.PYTHON:
            quoted = re.findall(r"`([^`]+)`", expr)
            found |= {name for name in quoted if name in present}
            try:
                tree = ast.parse(re.sub(r"`[^`]+`", "_", expr), mode="eval")
            except SyntaxError:
                continue
            found |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and n.id in present}
    # a quoted dotted name is one column; formulaic's pieces of it are not
    found = {
        v
        for v in found
        if v in present
        or not any(lk.startswith(v + ".") or lk.startswith(v + "[") for lk in lookups)
    }
    return sorted(found | lookups)


def _check_data(data: object, what: str = "data") -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise InputTypeError(f"{what}: expected a pandas DataFrame; got {type(data).__name__}")
    if what == "data" and data.shape[0] == 0:
        raise DataError("data: the DataFrame has no rows")
    return data


def _columns(
    data: pd.DataFrame,
    names: list[str],
    what: str,
    formula: str = "",
    *,
    predictors: list[str],
    plain: set[str],
) -> dict[str, pd.Series]:
    """``data``'s columns ``names``, each read once (no copy), after checking the names exist
    once and the columns have usable types.

    Object columns of ``predictors`` holding only numbers (e.g. built from mixed rows) become
    numeric, as their values are: left as objects, formulaic would make every distinct value a
    category. The outcome keeps its values (they are levels). Columns used as they are
    (``plain``, not inside a transform) must be numbers or categories, not dates.
    """
    for name in names:
        if name not in data.columns:
            raise _missing_column(name, data, formula)
    repeated = set(data.columns[data.columns.duplicated()])
    dup = [name for name in names if name in repeated]
    if dup:
        raise DataError(
            f"{what}: column name(s) {', '.join(map(repr, dup))} occur more than "
            f"once in the DataFrame; rename the duplicates"
        )
    # data[names] would copy the columns' block whenever the names are not in the DataFrame's
    # own order (sorted predictors rarely are): take the columns themselves instead
    columns = {name: data[name] for name in names}
    for name in predictors:
        col = columns[name]
        kind = col.dtype.kind
        if kind in "fiu" and isinstance(col.dtype, np.dtype):
            continue  # a plain numeric column: nothing below applies
        if name in plain and (
            kind in "mMc" or isinstance(col.dtype, (pd.PeriodDtype, pd.IntervalDtype))
        ):
            raise InputTypeError(
                f"{what}: column {name!r} has dtype {col.dtype}, which is not a number or a "
                f"category; convert it first (e.g. to a number of days)"
            )
        if isinstance(col.dtype, pd.StringDtype) and col.dtype.na_value is pd.NA:
            # formulaic 1.2 reads pandas' NA-backed "string" columns as numbers; as objects
            # (missing as NaN) they are the categories they are
            columns[name] = col.astype(object).where(col.notna(), np.nan)
            continue
        if kind == "O" and pd.api.types.infer_dtype(col, skipna=True) in (
            "integer",
            "floating",
            "mixed-integer-float",
            "decimal",
        ):
            columns[name] = pd.to_numeric(col)
    return columns


def _drop_unused_categories(columns: dict[str, pd.Series], predictors: list[str]) -> None:
    """Categorical predictors lose the categories no row used has (they cannot be estimated:
    their dummy column would be all zeros); new data with such a category are refused later."""
    for name in predictors:
        col = columns[name]
        if isinstance(col.dtype, pd.CategoricalDtype) and len(col.cat.categories) > col.nunique(
            dropna=True
        ):
            columns[name] = col.cat.remove_unused_categories()


def _used_rows(columns: dict[str, pd.Series], needed: list[str], missing: str) -> np.ndarray:
    """Boolean mask of the rows complete in the ``needed`` columns; raise when
    ``missing='raise'`` and some are incomplete."""
    incomplete = np.zeros(len(columns[needed[0]]), dtype=bool)
    for name in needed:  # column by column: no copy of the data, no n x columns mask
        column = columns[name]
        if not isinstance(column.dtype, np.dtype):
            incomplete |= column.isna().to_numpy()
        elif column.dtype.kind == "f":
            incomplete |= np.isnan(column.to_numpy())
        elif column.dtype.kind not in "iub":  # numpy integers and booleans are never missing
            incomplete |= column.isna().to_numpy()
    if incomplete.any():
        frame = pd.DataFrame({name: columns[name] for name in needed}, copy=False)
        if missing == "raise":
            counts = frame.isna().sum()
            cols = ", ".join(f"{c!r} ({n})" for c, n in counts[counts > 0].items())
            raise DataError(f"missing values in {cols}; pass missing='drop' to drop those rows")
        if incomplete.all():
            allna = [c for c in frame.columns if frame[c].isna().all()]
            hint = f" (column {', '.join(map(repr, allna))} is entirely missing)" if allna else ""
            raise DataError(
                "no complete rows remain after dropping missing values in the formula's "
                f"columns ({', '.join(needed)}){hint}"
            )
    return ~incomplete


def build_design(
    formula: str,
    data: pd.DataFrame,
    *,
    missing: str = "drop",
    extra_columns: dict[str, str] | None = None,
) -> Design:
    """Materialise ``formula`` on ``data``.

    ``extra_columns`` maps a role (``"weights"``, ``"groups"``) to a column that must be complete
    on the same rows; its values are returned in ``Design.extra``. Nothing in ``data`` is modified.
    """
    check_option("missing", missing, MISSING)
    data = _check_data(data)
    simple = _identifier_formula(formula)
    if simple is not None:  # "y ~ a + b + ...": what formulaic's parse would give, directly
        outcome, named = simple
        parsed = None
        predictors = sorted(set(named))
        plain_terms: list[str | None] | None = [None, *named]
        plain = set(named)
    else:
        outcome, parsed = parse_formula(formula)
        factors = [f for term in parsed.rhs for f in term.factors]
        predictors = required_columns(factors, parsed.rhs.required_variables, data.columns)
        plain_terms = _plain_terms(parsed)
        plain = {str(f.expr) for f in factors if f.eval_method is Factor.EvalMethod.LOOKUP}
    needed = [outcome, *predictors]
    extra_columns = extra_columns or {}
    used = list(dict.fromkeys([*needed, *extra_columns.values()]))
    columns = _columns(data, used, "data", formula, predictors=predictors, plain=plain)
    keep = _used_rows(columns, needed, missing)
    n_dropped = int((~keep).sum())
    index = data.index
    if n_dropped:
        columns = {name: col[keep] for name, col in columns.items()}
        index = index[keep]
    _drop_unused_categories(columns, predictors)
    # the columns share one index: naming it spares pandas aligning them to a union
    frame = pd.DataFrame(columns, index=index, copy=False)
    with _formula_errors(f"formula {formula!r}", fitting=True):
        plain_design = None if plain_terms is None else _plain_design(formula, plain_terms, columns)
        if plain_design is not None:
            X, names, terms, spec, finite = plain_design
        else:
            if parsed is None:
                parsed = parse_formula(formula)[1]
            X, spec, finite = _materialized_design(parsed, frame)
            names = tuple(spec.column_names)
            terms = {
                _term_label(term): tuple(range(sl.start, sl.stop))
                for term, sl in spec.term_slices.items()
                if sl.stop > sl.start
            }
    if not finite.all():
        _check_finite(X, names)
    return Design(
        formula=formula,
        outcome_name=outcome,
        y=columns[outcome],
        X=X,
        column_names=names,
        terms=terms,
        spec=spec,
        row_index=frame.index,
        n_dropped=n_dropped,
        rows=np.flatnonzero(keep) if n_dropped else None,
        extra={role: columns[col].to_numpy() for role, col in extra_columns.items()},
        frame=frame,
    )


def _materialized_design(
    parsed: Formula, frame: pd.DataFrame
) -> tuple[np.ndarray, ModelSpec, np.ndarray]:
    """The design as formulaic materialises it: (X, numpy ModelSpec, finite-column mask)."""
    # formulaic's numpy output stacks its columns into the (n, p) array one column at a time,
    # a strided write over the whole design per column; take its columns as they are (a
    # DataFrame that shares them) and interleave them in cache-sized row blocks
    matrix = parsed.rhs.get_model_matrix(frame, output="pandas", na_action="raise")
    columns = [np.asarray(matrix.iloc[:, j], dtype=np.float64) for j in range(matrix.shape[1])]
    X, finite = _row_major(columns, len(matrix))
    return X, matrix.model_spec.update(output="numpy"), finite


_IDENTIFIER = r"[A-Za-z_][A-Za-z0-9_]*"
_IDENTIFIER_FORMULA = re.compile(
    rf"\s*({_IDENTIFIER})\s*~\s*({_IDENTIFIER}(?:\s*\+\s*{_IDENTIFIER})*)\s*"
)


def _identifier_formula(formula: object) -> tuple[str, list[str]] | None:
    """The outcome and predictors of ``"y ~ a + b + ..."`` written with plain identifiers only
    (repeats dropped, order kept), which formulaic reads as an intercept and one column per
    name; None for any other formula, which formulaic then parses."""
    match = _IDENTIFIER_FORMULA.fullmatch(formula) if isinstance(formula, str) else None
    if match is None:
        return None
    outcome = match.group(1)
    names = list(dict.fromkeys(name.strip() for name in match.group(2).split("+")))
    if outcome in names or any(keyword.iskeyword(v) for v in (outcome, *names)):
        return None  # left to parse_formula's errors
    return outcome, names


def _plain_terms(parsed: Formula) -> list[str | None] | None:
    """The design columns of a formula made only of column names and the intercept (None),
    in formulaic's order; None for any other formula."""
    terms: list[str | None] = []
    for term in parsed.rhs:
        if len(term.factors) != 1:
            return None
        factor = term.factors[0]
        name = str(factor.expr)
        if factor.eval_method is Factor.EvalMethod.LITERAL and name == "1":
            terms.append(None)
        elif factor.eval_method is Factor.EvalMethod.LOOKUP:
            terms.append(name)
        else:
            return None
    return terms


def _plain_design(
    formula: str, terms: list[str | None], columns: Any
) -> (
    tuple[np.ndarray, tuple[str, ...], dict[str, tuple[int, ...]], _DeferredSpec, np.ndarray] | None
):
    """(X, column names, term columns, ModelSpec, finite-column mask) for ``terms`` (see
    :func:`_plain_terms`) when every one is a numeric column among ``columns`` (a DataFrame,
    or a dict of its columns), copied straight from the data; None otherwise (formulaic then
    materialises the design).

    formulaic would copy every column once more before the design is filled, and the fit
    does not need its ModelSpec: that is built when first used (see :class:`_DeferredSpec`).
    """
    sources: list[np.ndarray | None] = []
    for name in terms:
        if name is None:
            sources.append(None)
            continue
        column = columns[name] if name in columns else None
        if column is None or not (
            isinstance(column.dtype, np.dtype) and column.dtype.kind in "fiu"
        ):
            return None
        sources.append(column.to_numpy())
    n = len(columns[next(iter(columns))])
    X, finite = _row_major(sources, n)
    names = tuple("Intercept" if name is None else name for name in terms)
    head = {name: s[:2].copy() for name, s in zip(terms, sources, strict=True) if s is not None}
    spec = _DeferredSpec(formula, head, X[:2].copy(), names)
    return X, names, {name: (j,) for j, name in enumerate(names)}, spec, finite


T = TypeVar("T")


def _itself(obj: T) -> T:
    return obj


class _DeferredSpec:
    """formulaic's ModelSpec of a plain-column design (see :func:`_plain_design`), built on
    first use: predictions on new data, term tests and marginal effects need it, a fit does
    not. It is built from the first two rows, which for plain numeric columns encode exactly
    as all rows do, and checked against the design the model was fitted with. Attributes are
    the ModelSpec's; it pickles and copies as the ModelSpec."""

    def __init__(self, formula: str, head: dict, X_head: np.ndarray, names: tuple) -> None:
        self._formula, self._head, self._X_head, self._names = formula, head, X_head, names
        self._spec: ModelSpec | None = None

    def resolve(self) -> ModelSpec:
        if self._spec is None:
            parsed = parse_formula(self._formula)[1]
            with _formula_errors(f"formula {self._formula!r}", fitting=True):
                head = parsed.rhs.get_model_matrix(
                    pd.DataFrame(self._head), output="numpy", na_action="raise"
                )
            spec = head.model_spec
            if tuple(spec.column_names) != self._names or not np.array_equal(
                np.asarray(head), self._X_head, equal_nan=True
            ):
                raise MNLogitError(
                    f"formula {self._formula!r}: formulaic encodes the data as columns "
                    f"{list(spec.column_names)}, not as the design this model was fitted "
                    f"with ({list(self._names)}); please report this with your versions of "
                    f"mnlogit and formulaic"
                )
            self._spec = spec
        return self._spec

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return getattr(self.resolve(), name)

    def __reduce__(self) -> tuple[Callable[[ModelSpec], ModelSpec], tuple[ModelSpec]]:
        return (_itself, (self.resolve(),))

    def __repr__(self) -> str:
        return f"<ModelSpec of {self._formula!r}, built when first used>"


# From this size on the design gets its own anonymous memory mapping (see _empty_design).
# Smaller designs do better in numpy's allocation: at 17 MB, built right after another
# fit, it took 13 ms against 19 ms in a mapping of its own (benchmarks/bench_idle.py).
OWN_MAPPING_BYTES = 32 << 20


def _empty_design(n: int, p: int) -> np.ndarray:
    """An uninitialised (n, p) float64 array for the design.

    numpy asks the kernel for transparent huge pages for large arrays. Where the kernel then
    compacts memory on demand (Linux's default ``defrag=madvise``) and memory is fragmented,
    as it is once other large arrays have come and gone, the first touch of a fresh design
    stalls for up to a second. A private anonymous mapping of its own gets ordinary pages
    instead, at a steady cost of about a tenth of a second per 400 MB; it is unmapped when
    the array goes.
    """
    nbytes = 8 * n * p
    if nbytes < OWN_MAPPING_BYTES or not hasattr(mmap, "MAP_ANONYMOUS"):
        return np.empty((n, p))
    buffer = mmap.mmap(-1, nbytes, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    return np.frombuffer(buffer, dtype=np.float64).reshape(n, p)


def _row_major(
    columns: Sequence[np.ndarray | None], n: int, block_bytes: int = 2 << 20
) -> tuple[np.ndarray, np.ndarray]:
    """The columns (None: all ones) as one C-contiguous float64 (n, p) array, and which
    columns are all finite.

    Filled block of rows by block, each block checked while it is in cache, by one worker per
    core: most of the time goes to the kernel supplying the fresh pages, and that too runs in
    parallel.
    """
    X = _empty_design(n, len(columns))
    if not columns:
        return X, np.ones(0, dtype=bool)
    step = max(1, block_bytes // (8 * len(columns)))
    ones = np.ones(min(step, n))
    floats = [(j, c) for j, c in enumerate(columns) if c is not None and c.dtype.kind == "f"]

    def fill(lo: int, hi: int) -> np.ndarray:
        finite = np.ones(len(columns), dtype=bool)
        with np.errstate(over="ignore", invalid="ignore"):  # per thread: workers need their own
            for a in range(lo, hi, step):
                b = min(a + step, hi)
                np.stack([ones[: b - a] if c is None else c[a:b] for c in columns], 1, out=X[a:b])
                for j, column in floats:  # integers are always finite
                    # a finite sum means finite values (inf and NaN propagate); only a sum
                    # that overflowed or met them needs the element-wise test
                    part = column[a:b]
                    if not np.isfinite(part.sum()):
                        finite[j] &= bool(np.isfinite(part).all())
        return finite

    threads = default_threads(n)
    bounds = np.linspace(0, n, threads + 1).astype(int)
    parts = run_split(lambda k: fill(bounds[k], bounds[k + 1]), threads)
    return X, np.logical_and.reduce(parts)


def _term_label(term: Any) -> str:
    label = str(term)
    return "Intercept" if label == "1" else label


def _check_finite(X: np.ndarray, names: tuple[str, ...]) -> None:
    bad = ~np.isfinite(X).all(axis=0)
    if bad.any():
        cols = [names[j] for j in np.flatnonzero(bad)]
        raise DataError(
            f"non-finite values (inf or NaN, e.g. from log of a non-positive number) in design "
            f"column(s) {', '.join(map(repr, cols))}; every predictor must be finite"
        )


def _first_line(exc: BaseException, limit: int = 300) -> str:
    line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return line if len(line) <= limit else line[: limit - 3] + "..."


@contextmanager
def _formula_errors(where: str, *, fitting: bool) -> Iterator[None]:
    """Turn what formulaic (or a transform in the formula) raises into mnlogit's errors."""
    try:
        with warnings.catch_warnings(), np.errstate(all="ignore"):
            # numpy's own warnings (log of 0, ...) are replaced by the finite check's error
            warnings.simplefilter("ignore", category=FutureWarning)
            warnings.simplefilter("error", category=DataMismatchWarning)
            yield
    except MNLogitError:
        raise
    except DataMismatchWarning as exc:
        allowed = "the formula's levels" if fitting else "the levels seen in fitting"
        raise LevelError(
            f"{where}: {str(exc).split('. They')[0]}; only {allowed} can be encoded"
        ) from None
    except (FormulaicError, ValueError, TypeError, ArithmeticError) as exc:
        text = str(exc)
        null = re.search(r"`([^`]+)` contains null values after evaluation", text)
        if null:
            raise DataError(
                f"{where}: {null.group(1)!r} gives missing values on rows where its inputs are "
                f"present (e.g. log or sqrt of a negative number); every predictor must be finite"
            ) from None
        term = re.search(r"Term `(.+?)` has generated", text)
        if term and not fitting:
            raise DataError(
                f"{where}: term {term.group(1)!r} does not encode into the columns it had in "
                f"fitting; check that its columns have the same type as in the fitted data "
                f"(numbers vs categories)"
            ) from None
        raise FormulaError(f"{where}: {_first_line(exc)}") from None


def design_for_new_data(spec: ModelSpec, newdata: Any) -> tuple[np.ndarray, pd.Index]:
    """Encode ``newdata`` with the stored ModelSpec (same levels, same transforms)."""
    newdata = _check_data(newdata, "newdata")
    # formulaic updates the encoder state in place when new data encode differently; encode
    # with a copy so that a bad call cannot change how the fitted model reads later data
    spec = spec.update(
        encoder_state=copy.deepcopy(spec.encoder_state),
        transform_state=copy.deepcopy(spec.transform_state),
    )
    required = required_columns(spec.factors, spec.required_variables, newdata.columns)
    plain = {str(f.expr) for f in spec.factors if f.eval_method is Factor.EvalMethod.LOOKUP}
    frame = pd.DataFrame(
        _columns(newdata, required, "newdata", predictors=required, plain=plain), copy=False
    )
    for expr, (kind, _state) in spec.encoder_state.items():
        # A factor's values are matched against the fitted levels as plain objects: formulaic
        # would broadcast numbers into the dummy columns, and a Categorical with other
        # categories than the fitted ones trips a pandas deprecation.
        if (
            getattr(kind, "value", kind) == "categorical"
            and expr in frame.columns
            and (
                pd.api.types.is_numeric_dtype(frame[expr])
                or isinstance(frame[expr].dtype, pd.CategoricalDtype)
            )
        ):
            frame = frame.assign(**{expr: frame[expr].astype(object)})
    # Rows with a missing value predict NaN. They are left out of the encoding, where a missing
    # category would otherwise become the baseline level or an unseen level.
    complete = ~frame.isna().to_numpy().any(axis=1)
    with _formula_errors("newdata", fitting=False):
        matrix = spec.get_model_matrix(
            frame if complete.all() else frame.loc[complete], output="numpy", na_action="ignore"
        )
    X = np.asarray(matrix, dtype=np.float64)
    if not complete.all():
        full = np.full((len(frame), X.shape[1]), np.nan)
        full[complete] = X
        X = full
    return np.ascontiguousarray(X), newdata.index


def categorical_columns(spec: ModelSpec, columns: Iterable[Any]) -> list[str]:
    """The data ``columns`` behind the factors that ``spec`` encodes as categories."""
    kinds = {expr: state[0] for expr, state in spec.encoder_state.items()}
    present = {str(c) for c in columns}
    found: set[str] = set()
    for factor, variables in spec.factor_variables.items():
        if kinds.get(factor.expr) is Factor.Kind.CATEGORICAL:
            found |= {str(v) for v in variables} & present
    return sorted(found)
