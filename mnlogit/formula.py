"""Formula + DataFrame -> outcome values and a labelled design matrix.

The only module that imports formulaic. It resolves the outcome and predictor columns, drops
(or refuses) rows with missing values, materialises the design once as a C-contiguous float64
array (a formula of plain numeric columns is copied straight from the data), and keeps
formulaic's ModelSpec so that new data are encoded the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import numpy as np
import pandas as pd
from formulaic import Formula, ModelSpec
from formulaic.errors import FormulaicError
from formulaic.materializers import FactorValues, PandasMaterializer
from formulaic.parser import DefaultFormulaParser
from formulaic.parser.algos.sanitize_tokens import sanitize_python_code  # since 1.0
from formulaic.parser.algos.tokenize import tokenize
from formulaic.parser.types import Factor, Token

from ._alike import decomposed_note
from ._backticks import backtick_note, unquote_retyped
from ._checks import check_option, counted_observations
from ._columns import (
    ValueKinds,
    _check_data,
    _used_rows,
    column_role,
    read_columns,
    value_kinds,
)
from ._design import Design
from ._design_fill import _check_finite, _row_major, real_column, sparse_row_major
from ._design_fill import row_major_copy as row_major_copy
from ._dtypes import with_na
from ._encoding_errors import encoding_error, numpy_objects, refuse_contrasts, with_data_notes
from ._formula_text import (
    ADDED_FUNCTIONS,
    _identifier_formula,
    check_python,
    python_part,
    refuse_expression_names,
    refuse_keyword_names,
    refuse_lookalikes,
    refuse_r_readings,
    refuse_unsafe_text,
    refuse_unsupported,
    required_columns,
    unquoted_tilde,
)
from ._integer_reads import column_reads
from ._kept_columns import own_memory
from ._learned_rows import learned_on_used_rows
from ._new_levels import UnseenLevels, drop_unused_categories, named_levels, refuse_unseen
from ._new_levels import unused_categories as _unused_categories
from ._nonfinite import MISSING
from ._outcome_kept import check_outcome_kept
from ._parallel import retried_on_ast_race
from ._plain_design import DeferredSpec, plain_design
from ._plain_design import plain_terms as _plain_terms
from ._r_coding import check_r_coding
from ._r_nesting import refuse_nesting_read_otherwise
from ._r_spellings import outcome_refusal
from ._rowwise import refuse_missing_handled, refuse_row_dependent, row_free
from ._self_crossed import warn_self_crossed
from ._stata_spellings import stata_without_tilde
from ._survey_hints import refuse_missing_roles
from ._terms import (
    c_column,
    categorical_columns,
    categorical_factors,
    check_encoded,
    check_names,
    check_terms,
    factor_only,
    mostly_dummies,
)
from ._terms import term_label as _term_label
from ._transform_arguments import refuse_transform_arguments
from ._transform_scales import check_transform_scales, transform_scales_named
from .exceptions import FormulaError, MNLogitError

__all__ = [
    "Design",
    "ValueKinds",
    "build_design",
    "check_formula_safe",
    "column_role",
    "formula_columns",
    "term_spelled",
    "value_kinds",
]


def parse_formula(formula: str, columns: Iterable[Any] | None = None) -> tuple[str, Formula]:
    """Split ``"y ~ x1 + x2"`` into the outcome column name and formulaic's parsed formula
    (``columns``: the data's, named in refusals)."""
    if not isinstance(formula, str):
        raise FormulaError(f"formula: expected a string such as 'y ~ x1 + x2'; got {formula!r}")
    refuse_lookalikes(formula)
    if "~" not in formula:
        raise FormulaError(
            f"formula {formula!r} has no outcome: write it as 'outcome ~ predictors'"
            f"{stata_without_tilde(formula)}"
        )
    refuse_unsupported(formula, columns)
    rhs = formula[unquoted_tilde(formula) + 1 :]
    if not rhs.strip():  # formulaic reads it as 'y ~ 1': a list of predictors that came out empty
        raise FormulaError(
            f"formula {formula!r} has nothing after '~': name the predictors, or write "
            f"'{formula.rstrip()} 1' for the model with the intercept only"
        )
    try:
        parsed = Formula(_rewrite(formula))
    except (FormulaicError, SyntaxError) as exc:  # a Python part that is not Python
        first = str(exc).splitlines()[0]
        note = decomposed_note(formula) or backtick_note(formula, columns)
        first = first.rstrip(".") if note else first
        raise FormulaError(f"formula {formula!r} cannot be parsed: {first}{note}") from None
    except (RecursionError, MemoryError):  # Python's parser gives up on deep nesting
        shown = formula if len(formula) <= 60 else formula[:57] + "..."
        raise FormulaError(f"formula {shown!r} is nested too deeply to be parsed") from None
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
    if "%in%" in formula:  # R's nesting; read after the checks above, as only then is there an rhs
        tokens = DefaultFormulaParser().get_tokens(_rewrite(formula))
        refuse_nesting_read_otherwise(formula, tokens, parsed.rhs)
    factor = lhs_terms[0].factors[0]
    outcome = str(factor.expr).strip("`")
    if factor.eval_method is not Factor.EvalMethod.LOOKUP:
        raise outcome_refusal(formula, outcome, parsed.rhs.required_variables)
    # the factors' columns: formulaic's variables take `y.1` for y, and miss center(y)'s y
    if outcome in formula_columns(parsed, () if columns is None else columns)[0]:
        raise FormulaError(
            f"formula {formula!r}: the outcome {outcome!r} also appears among the predictors"
        )
    return outcome, parsed


def formula_ast(formula: str) -> Any:
    """formulaic's syntax tree of ``formula``; None where it does not parse (parsing says why)."""
    try:
        return DefaultFormulaParser().get_ast(formula)
    except Exception:
        return None


def _rewrite(formula: str) -> str:
    """``formula`` as formulaic should read it: ``^`` in the Python parts (function calls,
    ``{...}``) is the power, as in R (formulaic's ``(a + b)^2`` outside them is untouched),
    and ```1``` is the column named "1", which formulaic would merge with the intercept."""
    try:
        tokens = list(tokenize(formula))
    except FormulaicError:
        return formula  # formulaic's parser reports it
    edits = []
    quoted, code, tilde = [], [], unquoted_tilde(formula)  # an outcome `1` stays a column
    for token in tokens:
        start, end = token.source_start, token.source_end
        if start is None or end is None:
            continue
        if token.kind is Token.Kind.NAME and formula[start] == "`":
            quoted.append(token.token)
        if token.kind is Token.Kind.PYTHON:
            code.append(token.token)
            refuse_keyword_names(token.token, formula)
            refuse_r_readings(token.token, formula)
            refuse_transform_arguments(token.token, formula)
            text = formula[start : end + 1]
            part = python_part(text) if "^" in text or "Q(" in text else text
            part = unquote_retyped(part, sanitize_python_code, formula)
            if part != text:
                edits.append((start, end + 1, part))
        if token.kind is Token.Kind.NAME and formula[start : end + 2] == "`1`" and start > tilde:
            edits.append((start, end + 2, "{`1`}"))
    refuse_expression_names(quoted, code, formula)
    for start, end, text in reversed(edits):
        formula = formula[:start] + text + formula[end:]
    return formula


def check_formula_safe(formula: str) -> None:
    """Refuse a formula that would run anything but column look-ups, arithmetic and the
    documented transforms.

    formulaic evaluates the function calls of a formula as Python, so a formula is code and
    must not come from untrusted input unless it passes this check. Allowed: column names
    (plain or in backticks), numbers and strings, arithmetic and comparisons, formulaic's
    operators (``+ - : * / ^ |``), and calls of ``I``, ``C``, ``Q``, ``log``, ``exp``,
    ``sqrt``, ``bs``, ``cr``, ``cs``, ``cc``, ``center``, ``scale``, ``standardize``, ``poly``,
    ``lag`` and the contrasts, of ``np.<function>`` for element-wise numpy functions
    (``np.log``, ``np.exp``, ``np.sqrt``, ...) and of ``contr.<contrast>``. Refused, before
    anything is evaluated: any other call, attribute access, names with two leading
    underscores, indexing, lambdas, comprehensions and assignments.

    Parameters
    ----------
    formula : str
        ``"outcome ~ predictors"``.

    Raises
    ------
    mnlogit.exceptions.FormulaError
        Naming the piece that is not allowed.

    Examples
    --------
    >>> from mnlogit.formula import check_formula_safe
    >>> check_formula_safe("y ~ np.log(income) + C(region) + I(age^2)")
    >>> check_formula_safe("y ~ np.os.system('ls')")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    mnlogit.exceptions.FormulaError: formula "y ~ np.os.system('ls')": 'np.os.system' is not ...
    """
    if not isinstance(formula, str):
        raise FormulaError(f"formula: expected a string such as 'y ~ x1 + x2'; got {formula!r}")
    refuse_unsafe_text(formula)
    _, parsed = parse_formula(formula)
    for term in parsed.rhs:
        for factor in term.factors:
            if factor.eval_method is Factor.EvalMethod.PYTHON:
                check_python(str(factor.expr), formula)


def term_spelled(spec: Any, text: str) -> str | None:
    """The label of the model's term that ``text`` names in another spelling (``"z:x"`` for
    ``x:z``, ``"poly(x,2)"`` for ``poly(x, 2)``, ``"C( g )"`` for ``C(g)``), read as
    formulaic reads a formula's term; None when it names none (or is not one term)."""
    if spec is None or not text.strip():
        return None
    try:  # parsed, never evaluated
        parsed = [t for t in Formula(_rewrite(text)) if str(t) != "1"]
        ops = [t.token for t in tokenize(text) if t.kind in (Token.Kind.OPERATOR, Token.Kind.VALUE)]
    except (FormulaicError, SyntaxError, ValueError, TypeError, RecursionError):
        return None
    # formulaic's x, but meant otherwise: "x:x" (outcome x, column x), "x - z = 0", "x + 0"
    if len(parsed) != 1 or set(ops) - {":"} or len(parsed[0].factors) != len(ops) + 1:
        return None
    named = _columns_named(parsed[0])
    return next((_term_label(t) for t in spec.terms if _columns_named(t) == named), None)


def _columns_named(term: Any) -> frozenset[str]:
    """A term's factors, ``Q('odd name')`` read as the column `odd name` it looks up."""
    return frozenset(
        found.group(2) if (found := _QUOTED.fullmatch(str(f.expr))) else str(f.expr)
        for f in term.factors
    )


_QUOTED = re.compile(r"Q\(\s*(['\"])(.*)\1\s*\)")


def formula_columns(
    parsed: Formula, columns: Iterable[Any]
) -> tuple[list[str], set[str], set[str]]:
    """The predictor columns a parsed formula reads from data with ``columns``: all of them
    (sorted), those used as they are (not inside a transform), and those used only as
    ``C(column)``, whose values are categories by the formula's word."""
    factors = [f for term in parsed.rhs for f in term.factors]
    predictors = required_columns(factors, parsed.rhs.required_variables, columns)
    plain = {str(f.expr) for f in factors if f.eval_method is Factor.EvalMethod.LOOKUP}
    return predictors, plain, factor_only(factors)


@retried_on_ast_race
def build_design(
    formula: str,
    data: pd.DataFrame,
    *,
    missing: str = "drop",
    extra_columns: dict[str, str] | None = None,
    n_rows: int | None = None,
    limit_parameters: bool = True,
    check_finite: bool = True,
    counts: str | float | None = None,
) -> Design:
    """Materialise ``formula`` on ``data``.

    ``extra_columns`` maps a role (``"weights"``, ``"groups"``) to a column that must be complete
    on the same rows; its values are returned in ``Design.extra``. Nothing in ``data`` is modified.
    Before the design is built, its factors are checked to have two levels or more and its
    size (at least the columns its terms imply) against the rows used, or ``n_rows`` (a sample
    of the data stands for more rows); ``limit_parameters=False`` leaves the size to the
    model (a penalised fit allows more columns than rows); ``check_finite=False`` leaves
    infinite design values to the caller (a sample's rows cannot name or count them).
    ``counts``: frequency weights, the column of ``extra_columns`` holding them or (where
    ``data`` is a sample) their sum over every row used: the size is checked against the
    observations they count, as against their rows repeated.
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
        factor_only: set[str] = set()
        terms_used = [("Intercept", [])] + [(n, [Factor(n, eval_method="lookup")]) for n in named]
    else:
        outcome, parsed = parse_formula(formula, data.columns)
        warn_self_crossed(formula, formula_ast(formula), data.dtypes)
        predictors, plain, factor_only = formula_columns(parsed, data.columns)
        plain_terms = _plain_terms(parsed)
        terms_used = [(_term_label(t), list(t.factors)) for t in parsed.rhs]
    intercept = any(
        all(f.eval_method is Factor.EvalMethod.LITERAL for f in fs) for _, fs in terms_used
    )
    needed = [outcome, *predictors]
    extra_columns = extra_columns or {}
    refuse_missing_roles(extra_columns, data.columns)
    used = list(dict.fromkeys([*needed, *extra_columns.values()]))
    columns = read_columns(
        data,
        used,
        "data",
        formula,
        predictors=predictors,
        plain=plain,
        factor_only=factor_only,
        **column_reads([f for _, fs in terms_used for f in fs]),
    )
    refuse_missing_handled(formula, terms_used, columns)
    keep = _used_rows(columns, needed, missing)
    n_dropped = int((~keep).sum())
    index = data.index
    read = columns
    if n_dropped:
        columns = {name: col[keep] for name, col in columns.items()}
        index = index[keep]
    as_given = drop_unused_categories(columns, predictors)
    check_outcome_kept(outcome, columns, read, n_dropped)
    check_terms(
        formula,
        terms_used,
        columns,
        outcome,
        n_rows or len(index),
        read,
        n_dropped,
        limit_parameters,
        counted_observations(columns[counts]) if isinstance(counts, str) else counts,
    )
    # the columns share one index: naming it spares pandas aligning them to a union
    # Python code in the formula reads Categoricals as given (I(g.cat.codes) numbers their
    # categories as the user did, R's as.integer(g)); the encoding leaves their unused ones out
    given = {**columns, **as_given}
    frame = pd.DataFrame(given, index=index, copy=False)
    scales = transform_scales_named(formula, terms_used, columns)
    with scales, _formula_errors(f"formula {formula!r}", fitting=True, bare=(formula, data)):
        plain_design = None if plain_terms is None else _plain_design(formula, plain_terms, columns)
        if plain_design is not None:
            X, names, terms, spec, finite = plain_design
        else:
            if parsed is None:
                parsed = parse_formula(formula)[1]
            booleans: set[str] = set()
            # the predictors alone: formulaic looks names up in the data first (a column C hid C())
            rhs = pd.DataFrame({k: given[k] for k in predictors}, index=index, copy=False)
            X, spec, finite = _materialized_design(parsed, rhs, booleans)
            names = tuple(spec.column_names)
            check_encoded(formula, parsed.rhs, spec, columns, read, n_dropped)
            check_r_coding(formula, spec.structure, categorical_factors(spec), booleans, intercept)
            terms = {
                _term_label(term): tuple(range(sl.start, sl.stop))
                for term, sl in spec.term_slices.items()
            }
    check_names(formula, names, intercept)
    factors = [fs for _, fs in terms_used]
    deferred = spec is None or isinstance(spec, DeferredSpec)  # (plain columns learn no state)
    learned = () if deferred else learned_on_used_rows(spec, factors, read, keep, _states_on)
    encoded = () if deferred else categorical_columns(spec, as_given)
    unused = _unused_categories(as_given, columns, encoded)
    check_transform_scales(formula, X, terms, terms_used, columns)
    if not finite.all() and check_finite:
        w_col = extra_columns.get("weights")
        _check_finite(X, names, index, None if w_col is None else (w_col, columns[w_col]))
    if plain_design is None and finite.all() and not (parsed is not None and row_free(parsed.rhs)):
        with _formula_errors(f"formula {formula!r}", fitting=True):
            refuse_row_dependent(formula, _model_matrix, spec, rhs, X, terms)
    frame = own_memory(frame)  # results keep it: not the caller's unused columns
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
        extra={role: with_na(columns[col]) for role, col in extra_columns.items()},
        frame=frame,
        dropped_levels=tuple(pd.unique(read[outcome][~keep].dropna())) if n_dropped else (),
        learned_on_used_rows=learned,
        unused_categories=unused,
    )


def _materialized_design(
    parsed: Formula, frame: pd.DataFrame, booleans: set[str] | None = None
) -> tuple[np.ndarray, ModelSpec, np.ndarray]:
    """The design as formulaic materialises it: (X, numpy ModelSpec, finite-column mask);
    the factors whose values are booleans are added to ``booleans``."""
    # formulaic's numpy output stacks its columns into the (n, p) array one column at a time,
    # a strided write over the whole design per column; take its columns as they are (a
    # DataFrame that shares them) and interleave them in cache-sized row blocks
    if mostly_dummies(parsed, frame):
        # formulaic's sparse output holds the dummies as the positions of their ones: the
        # design is then filled at the cost of its zeros, not of hundreds of dense columns
        matrix = _model_matrix(parsed.rhs, frame, booleans, output="sparse", na_action="raise")
        X, finite = sparse_row_major(matrix, names=matrix.model_spec.column_names)
        return X, matrix.model_spec.update(output="numpy"), finite
    matrix = _model_matrix(parsed.rhs, frame, booleans, output="pandas", na_action="raise")
    columns = [real_column(matrix.iloc[:, j], matrix.columns[j]) for j in range(matrix.shape[1])]
    X, finite = _row_major(columns, len(matrix))
    return X, matrix.model_spec.update(output="numpy"), finite


def _plain_design(
    formula: str, terms: list[str | None], columns: Any
) -> (
    tuple[np.ndarray, tuple[str, ...], dict[str, tuple[int, ...]], DeferredSpec, np.ndarray] | None
):
    """The design of ``terms`` (see :func:`_plain_terms`) copied straight from ``columns``,
    or None (see :func:`mnlogit._plain_design.plain_design`)."""
    return plain_design(formula, terms, columns, _encoded_head)


def _encoded_head(formula: str, head: dict, n: int) -> Any:
    """The model matrix of a plain-column formula on its first ``n`` rows (``head``)."""
    parsed = parse_formula(formula, head)[1]  # names such as R's c.age are columns
    with _formula_errors(f"formula {formula!r}", fitting=True):
        rows = pd.DataFrame(head, index=pd.RangeIndex(n))
        return _model_matrix(parsed.rhs, rows, output="numpy", na_action="raise")


def _model_matrix(
    source: Any, data: pd.DataFrame, booleans: set[str] | None = None, **options: Any
) -> Any:
    """``source.get_model_matrix(data, **options)`` (a Formula or a ModelSpec), encoded by
    :class:`_KnownLevels` (noting boolean factors in ``booleans``); the ModelSpec it returns
    names formulaic's own materializer."""
    # a ModelSpec takes a materializer by its registered name only, so it is not asked
    params = getattr(source, "materializer_params", None) or {}
    context = {name: getattr(np, name) for name in ADDED_FUNCTIONS}
    (materializer := _KnownLevels(data, context=context, **params)).booleans = booleans
    return materializer.get_model_matrix(source, **options)


def categorical_values(frame: pd.DataFrame, exprs: Iterable[str]) -> dict[str, pd.Series]:
    """The values on ``frame`` (numbered 0 to n - 1) of each Python factor of ``exprs`` read
    there as categories, evaluated as formulaic does: the levels a formula's own code makes
    (``C(k.astype('str'))``) are no column's. A factor that cannot be evaluated is left out
    (encoding the rows raises its error)."""
    context = {name: getattr(np, name) for name in ADDED_FUNCTIONS}
    materializer = _KnownLevels(frame, context=context)
    spec = ModelSpec(formula=Formula("1"), na_action="ignore")  # nothing learned, no rows dropped
    out = {}
    for expr in exprs:
        try:
            with np.errstate(all="ignore"):
                factor = Factor(expr, eval_method="python")
                values = materializer._evaluate_factor(factor, spec, set()).values
        except Exception:  # the encoding of the same rows says what failed
            continue
        raw = getattr(values, "__wrapped__", values)
        if (
            values.__formulaic_metadata__.kind is Factor.Kind.CATEGORICAL
            and np.ndim(raw) == 1
            and len(raw) == len(frame)
        ):
            out[expr] = pd.Series(raw, copy=False).reset_index(drop=True)
    return out


def _states_on(expr: str, frame: pd.DataFrame, inputs: list[str]) -> dict[str, Any] | None:
    """The states factor ``expr``'s transforms learn on ``frame`` (R's rows) where each of
    ``inputs`` is finite (R's scale() and bs() leave out the rest), else None."""
    try:
        with np.errstate(all="ignore"):  # R's rows, not the fit's: np.log(x) of x < 0
            for arg in inputs:
                values = _model_matrix(Formula(f"0 + I({arg})"), frame, na_action="ignore")
                frame = frame[np.isfinite(np.asarray(values, dtype=float)).all(axis=1)]
            matrix = _model_matrix(Formula(f"0 + {expr}"), frame)
    except (FormulaicError, ValueError, TypeError, KeyError, ArithmeticError):
        return None
    return dict(matrix.model_spec.transform_state)


class _KnownLevels(PandasMaterializer):
    """formulaic's pandas materializer, which refuses a categorical factor's values that are
    not among the levels its encoding uses (the fitted ones, or those ``C(..., levels=...)``
    names) before encoding them, raising :class:`~mnlogit._new_levels.UnseenLevels`.

    formulaic encodes such values as no level, silently the baseline one, with a
    DataMismatchWarning; a warning is made an error only by the process's warning filters,
    which would hold meanwhile for every thread of the user's program.
    It notes in ``booleans`` (if a set) the factors of booleans, R's factors (_r_coding).
    """

    booleans: set[str] | None = None

    @type(PandasMaterializer).override  # formulaic's classes check that overrides say so
    def _encode_evaled_factor(
        self, factor: Any, spec: ModelSpec, drop_rows: Sequence[int], reduced_rank: bool = False
    ) -> dict[str, Any]:
        meta = factor.metadata
        if meta.kind is Factor.Kind.CATEGORICAL:
            # the values as formulaic hands them to the encoding: to C()'s as they are,
            # to its own as columns (each with its own state)
            values = factor.values if meta.encoder else self._extract_columns_for_encoding(factor)
            state = spec.encoder_state.get(factor.expr, (None, {}))[1]
            refuse_contrasts(meta.encoder, factor.expr, reduced_rank, values, state)
            refuse_unseen(values, state, named_levels(meta.encoder), drop_rows)
        elif self.booleans is not None and pd.api.types.is_bool_dtype(factor.values):
            self.booleans.add(str(factor.expr))
        return super()._encode_evaled_factor(factor, spec, drop_rows, reduced_rank)

    # a Categorical column is encoded without the categories no row holds (at the fit they
    # were all-zero columns; pandas refuses to recode new data's to the fitted levels),
    # where Python code reads it as given (I(g.cat.codes), R's as.integer(g))
    @type(PandasMaterializer).override
    def _lookup(self, name: str) -> tuple[Any, set]:
        values, variables = super()._lookup(name)
        return _used_categories(values), variables

    @type(PandasMaterializer).override
    def _evaluate(self, expr: str, metadata: Any, spec: ModelSpec) -> tuple[Any, set]:
        values, variables = super()._evaluate(expr, metadata, spec)
        if isinstance(values, FactorValues) and c_column(Factor(expr, eval_method="python"), True):
            meta = values.__formulaic_metadata__
            values = FactorValues(_used_categories(values.__wrapped__), metadata=meta)
        return values, variables

    # numpy text (np.where(x > 0, 'p', 'q'), R's ifelse) is categories, as a column of text
    # is; formulaic read it as numbers, and its check for missing values failed on it
    @type(PandasMaterializer).override
    def _is_categorical(self, values: Any) -> bool:
        return numpy_objects(values, text=True) is not None or super()._is_categorical(values)

    # a term of one number (I(1), I(2)) is a scalar, which formulaic's numpy output stacked
    # with the columns ("all input arrays must have the same shape"): a fit of 0 + I(1) + x
    # could not predict for new data nor run on dask
    @type(PandasMaterializer).override
    def _combine_columns(self, cols: Sequence, spec: ModelSpec, drop_rows: Sequence[int]) -> Any:
        if spec.output == "numpy":
            n = self.nrows - len(drop_rows)
            cols = [(c, np.full(n, v, dtype=float) if np.ndim(v) == 0 else v) for c, v in cols]
        return super()._combine_columns(cols, spec, drop_rows)

    @type(PandasMaterializer).override
    def _check_for_nulls(self, name: str, values: Any, na_action: Any, drop_rows: set) -> None:
        objects = numpy_objects(values)
        super()._check_for_nulls(name, values if objects is None else objects, na_action, drop_rows)


def _used_categories(values: Any) -> Any:
    """``values`` without the categories no value holds, if a pandas Categorical."""
    if isinstance(getattr(values, "dtype", None), pd.CategoricalDtype):
        return values.cat.remove_unused_categories()
    return values


@contextmanager
def _formula_errors(
    where: str,
    *,
    fitting: bool,
    factors: dict[str, list] | None = None,
    bare: tuple[str, pd.DataFrame] | None = None,
) -> Iterator[None]:
    """Turn what formulaic (or a transform in the formula) raises into mnlogit's errors;
    ``factors``: the categorical factors whose unseen values new data may have, with their
    levels, named when formulaic refuses such a value; ``bare``: the formula and its data,
    whose columns written without their backticks are named."""
    try:
        # numpy's own warnings (log of 0, ...) are replaced by the finite check's error
        with np.errstate(all="ignore"):
            yield
    except MNLogitError:
        raise
    except (UnseenLevels, FormulaicError, ValueError, TypeError, ArithmeticError) as exc:
        error = encoding_error(exc, where, fitting=fitting, factors=factors)
        raise error if bare is None else with_data_notes(exc, error, *bare) from None
