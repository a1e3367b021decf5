"""Formula + DataFrame -> outcome values and a labelled design matrix.

The only module that imports formulaic. It resolves the outcome and predictor columns, drops
(or refuses) rows with missing values, materialises the design once as a C-contiguous float64
array, and keeps formulaic's ModelSpec so that new data are encoded the same way.
"""

from __future__ import annotations

import difflib
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from formulaic import Formula, ModelSpec
from formulaic.errors import FactorEvaluationError, FormulaicError

from .exceptions import ColumnNotFoundError, DataError, FormulaError, LevelError, check_option

__all__ = ["Design", "build_design", "design_for_new_data", "term_columns"]


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


def _suggest(name: str, columns) -> str:
    close = difflib.get_close_matches(name, [str(c) for c in columns], n=3, cutoff=0.6)
    return f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""


def _missing_column(name: str, data: pd.DataFrame) -> ColumnNotFoundError:
    return ColumnNotFoundError(
        f"column {name!r} is not in the data{_suggest(name, data.columns)} "
        f"(columns: {', '.join(map(str, data.columns[:20]))}{', ...' if data.shape[1] > 20 else ''})"
    )


def parse_formula(formula: str) -> tuple[str, Formula]:
    """Split ``"y ~ x1 + x2"`` into the outcome column name and formulaic's parsed formula."""
    if not isinstance(formula, str):
        raise FormulaError(f"formula: expected a string such as 'y ~ x1 + x2'; got {formula!r}")
    if "~" not in formula:
        raise FormulaError(
            f"formula {formula!r} has no outcome: write it as 'outcome ~ predictors'"
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
    return str(lhs_terms[0].factors[0].expr).strip("`"), parsed


def _check_data(data: object) -> pd.DataFrame:
    if not isinstance(data, pd.DataFrame):
        raise DataError(f"data: expected a pandas DataFrame; got {type(data).__name__}")
    if data.shape[0] == 0:
        raise DataError("data: the DataFrame has no rows")
    return data


def _used_rows(frame: pd.DataFrame, missing: str, what: str) -> np.ndarray:
    """Boolean mask of complete rows; raise when ``missing='raise'`` and some are incomplete."""
    incomplete = frame.isna().to_numpy().any(axis=1)
    if incomplete.any():
        if missing == "raise":
            counts = frame.isna().sum()
            cols = ", ".join(f"{c!r} ({n})" for c, n in counts[counts > 0].items())
            raise DataError(
                f"missing values in {cols}; pass missing='drop' to drop those rows"
            )
        if incomplete.all():
            allna = [c for c in frame.columns if frame[c].isna().all()]
            hint = f" (column {', '.join(map(repr, allna))} is entirely missing)" if allna else ""
            raise DataError(f"no complete rows remain after dropping missing values in {what}{hint}")
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
    check_option("missing", missing, ("drop", "raise"))
    data = _check_data(data)
    outcome, parsed = parse_formula(formula)
    needed = [outcome, *sorted(str(v) for v in parsed.rhs.required_variables)]
    extra_columns = extra_columns or {}
    for name in [*needed, *extra_columns.values()]:
        if name not in data.columns:
            raise _missing_column(name, data)
    used = list(dict.fromkeys([*needed, *extra_columns.values()]))
    frame = data[used]
    keep = _used_rows(frame[needed], missing, f"the formula's columns ({', '.join(needed)})")
    n_dropped = int((~keep).sum())
    if n_dropped:
        frame = frame.loc[keep]
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", category=FutureWarning)
            matrix = parsed.rhs.get_model_matrix(frame, output="numpy", na_action="raise")
    except FactorEvaluationError as exc:
        raise FormulaError(f"formula {formula!r}: {str(exc).splitlines()[0]}") from None
    except FormulaicError as exc:
        raise FormulaError(f"formula {formula!r}: {str(exc).splitlines()[0]}") from None
    spec = matrix.model_spec
    X = np.ascontiguousarray(np.asarray(matrix, dtype=np.float64))
    names = tuple(spec.column_names)
    _check_finite(X, names)
    terms = {
        _term_label(term): tuple(range(sl.start, sl.stop))
        for term, sl in spec.term_slices.items()
        if sl.stop > sl.start
    }
    return Design(
        formula=formula,
        outcome_name=outcome,
        y=frame[outcome],
        X=X,
        column_names=names,
        terms=terms,
        spec=spec,
        row_index=frame.index,
        n_dropped=n_dropped,
        rows=np.flatnonzero(keep) if n_dropped else None,
        extra={role: frame[col].to_numpy() for role, col in extra_columns.items()},
        frame=frame,
    )


def _term_label(term) -> str:
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


def design_for_new_data(spec: ModelSpec, newdata: object) -> tuple[np.ndarray, pd.Index]:
    """Encode ``newdata`` with the stored ModelSpec (same levels, same transforms)."""
    if not isinstance(newdata, pd.DataFrame):
        raise DataError(f"newdata: expected a pandas DataFrame; got {type(newdata).__name__}")
    for name in sorted(str(v) for v in spec.required_variables):
        if name not in newdata.columns:
            raise _missing_column(name, newdata)
    from formulaic.transforms.contrasts import DataMismatchWarning  # noqa: PLC0415

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", category=DataMismatchWarning)
            matrix = spec.get_model_matrix(newdata, output="numpy", na_action="ignore")
    except DataMismatchWarning as exc:
        raise LevelError(f"newdata: {str(exc).split('. They')[0]}; only the levels seen in "
                         f"fitting can be predicted") from None
    except FormulaicError as exc:
        raise FormulaError(f"newdata: {str(exc).splitlines()[0]}") from None
    return np.ascontiguousarray(np.asarray(matrix, dtype=np.float64)), newdata.index


def term_columns(design_terms: dict[str, tuple[int, ...]]) -> dict[str, tuple[int, ...]]:
    """Terms other than the intercept, each with its design-column indices."""
    return {t: cols for t, cols in design_terms.items() if t != "Intercept"}
