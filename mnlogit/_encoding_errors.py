"""What formulaic, or a transform in a formula, raised while encoding data, as mnlogit's
errors: values outside a factor's levels, transforms that give missing values, splines asked
beyond their bounds, terms that encode new data into other columns than in fitting; and
contrasts given to ``C()`` that are no coding, which formulaic failed on with an IndexError, and
codings given arguments they do not take or read otherwise (``Helmert('c')``, ``Poly(3)``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

from ._alike import first_few
from ._backticks import backtick_note
from ._columns import missing_column
from ._formula_text import evaluation_message, python_reads
from ._new_levels import UnseenLevels
from ._python_spellings import quoted_name_hint
from .exceptions import ColumnNotFoundError, DataError, FormulaError, LevelError, MNLogitError

__all__ = [
    "encoding_error",
    "numpy_objects",
    "refuse_contrasts",
    "text_note",
    "with_data_notes",
]


def encoding_error(
    exc: BaseException, where: str, *, fitting: bool, factors: dict[str, list] | None = None
) -> MNLogitError:
    """The error to raise for ``exc``, raised while encoding the data ``where`` names (the
    formula's data when ``fitting``, else new data); ``factors``: the categorical factors
    whose unseen values new data may have, with their levels, named in the message."""
    if isinstance(exc, UnseenLevels):
        # the values as Python shows them: 9.0, not np.float64(9.0)
        found = re.sub(r"np\.\w+\(([^()]*)\)", r"\1", str(exc))
        allowed = "the formula's levels" if fitting else "the levels seen in fitting"
        if factors:
            allowed += (
                " ("
                + "; ".join(
                    f"{expr}: {', '.join(map(repr, levels))}" for expr, levels in factors.items()
                )
                + ")"
            )
        # in fitting, C(g, levels=[...]) leaves out a level that rows hold (or is text)
        todo = ": list each level the rows hold in levels=[...], or drop those rows first"
        return LevelError(f"{where}: {found}; only {allowed} can be encoded{todo * fitting}")
    text = str(exc)
    lengths = re.fullmatch(
        r"Length of values \((\d+)\) does not match length of index \((\d+)\)", text
    )
    if lengths:  # pandas' words, naming no term: np.diff(x), x.values[:-1], np.unique(x)
        return FormulaError(
            f"{where}: a term gives {lengths.group(1)} values for the {lengths.group(2)} rows "
            "it is evaluated on; each term must give one value per row (np.diff, np.unique "
            "or a slice of a column do not): compute the column before the fit and name it "
            "in the formula"
        )
    one = re.search(r"checking for nulls in `(.+)`: No implementation of `find_nulls", text)
    if one:
        # a statistic of a column (I(x.max() > 2)): formulaic's internals said only that
        # they have no find_nulls() for it
        return FormulaError(
            f"{where}: {one.group(1)!r} gives one value for all the rows (such as a statistic of a "
            "column, such as its mean or maximum), not a value of each row, and new data "
            "would compute it afresh from their own rows; compute the column before the fit "
            "(e.g. df['big'] = df['x'] > df['x'].max() / 2) and name it in the formula"
        )
    # the expression may hold backticks itself (np.log(`my x`)): match up to the
    # message's closing one
    null = re.search(r": `(.+)` contains null values after evaluation", text)
    if null:
        expr = null.group(1)
        # scale(x) of a constant x divides by a standard deviation of 0, poly(x, 3) of
        # x with two values finds no third orthogonal polynomial
        if re.match(r"lag\(", expr) or re.search(r"\.(shift|diff|pct_change)\(", expr):
            # formulaic's lag() (and pandas' x.shift(1), x.diff()) shifts within whatever
            # rows it is given, so its first rows have no value in every data set, new
            # data's one row included
            return DataError(
                f"{where}: {expr!r} has no value in its first row(s), whatever the data, and "
                "in new data it would shift within the rows given; add the lagged column "
                "to the data (df.assign(x_lag=df['x'].shift(1)), within groups with "
                "df.groupby(...)['x'].shift(1)) and name it in the formula: rows where it "
                "is missing are dropped with missing='drop'"
            )
        why = (
            "its column has too few distinct values: scale() and standardize() divide by "
            "its standard deviation, 0 for a constant, and poly(x, d) needs d + 1 values"
            if re.match(r"(scale|standardize|poly)\(", expr)
            else "e.g. log or sqrt of a negative number"
        )
        return DataError(
            f"{where}: {expr!r} gives missing values on rows where its inputs are "
            f"present ({why}); every predictor must be finite"
        )
    if "extend beyond upper and/or lower bounds" in text:
        factor = re.search(r"factor `(.+)`\. \[", text)
        return DataError(
            f"{where}: {factor.group(1) if factor else 'a spline'} is asked for values "
            "beyond its bounds (the range of the data it was fitted on, or its "
            "lower_bound= and upper_bound=), where its basis is not defined; keep to "
            "them, give extrapolation='extend' (which continues the end polynomials beyond "
            "them, as R's predict.bs does), or give bounds that cover the values"
        )
    if re.search(r"does not support dtype (timedelta|datetime)|dtype\('[<>]?[mM]8", text):
        # a term of dates or time spans on the sparse design, or dates in arithmetic
        return DataError(
            f"{where}: a term gives dates or time spans ({evaluation_message(exc, 120)}); "
            "convert them to numbers in the formula, e.g. I(td.dt.total_seconds() / 3600) "
            "for hours or I(day.dt.year)"
        )
    term = re.search(r"Term `(.+)` has generated", text)
    if term and not fitting:
        return DataError(
            f"{where}: term {term.group(1)!r} does not encode into the columns it had in "
            f"fitting; check that its columns have the same type as in the fitted data "
            f"(numbers vs categories)"
        )
    if "DTypePromotionError" in text and "StrDType" in text:  # np.where(c, 'a', np.nan)
        return FormulaError(
            f"{where}: {evaluation_message(exc, 160)}; numpy holds text and numbers in no one "
            "array, so np.where(cond, 'a', np.nan) makes no missing value (and a term may not "
            "make values missing): name a level instead, or add the column with its missing "
            "values to the data, whose rows are then dropped"
        )
    transform = _TRANSFORM_CALL.search(text)
    if transform:  # an argument it does not take, or more than it takes ('_state')
        return FormulaError(
            f"{where}: {evaluation_message(exc)}; {_TRANSFORM_ARGUMENTS[transform.group(1)]}"
        )
    coding = _CODING_CALL.search(text)
    if coding:
        factor = re.search(r"factor `(.+)`\. \[", text)
        hint = _CODING_ARGUMENTS[coding.group(1)]
        hint = hint.replace("C(g,", f"C({_first_argument(factor.group(1) if factor else '')},")
        return FormulaError(f"{where}: {evaluation_message(exc)}; {hint}")
    quoted = quoted_name_hint(text)
    if quoted:
        return FormulaError(f"{where}: {quoted}")
    return FormulaError(f"{where}: {evaluation_message(exc)}")


def refuse_contrasts(
    encoder: Any, expr: object, reduced_rank: bool = True, values: Any = None, state: Any = None
) -> None:
    """Raise TypeError (read as a FormulaError) when ``C()``'s contrasts, kept in formulaic's
    encoder of the factor ``expr``, are neither a coding (``Sum``, ``Treatment('b')``), a
    dict of contrast columns, nor a matrix: formulaic took anything else for a matrix and
    failed with "tuple index out of range" (``C(g, Treatment)``, ``C(g, [1, 2])``). Also
    when a matrix of fewer columns than levels codes a factor where a model codes every
    level (not ``reduced_rank``: ``0 + C(g, m)``, ``x:C(g, m)``), as R does whatever the
    contrasts: formulaic kept the matrix, a model of fewer columns than R's. And, in
    fitting (an encoder ``state`` without levels), when contrasts that give each level a
    row (a matrix, a dict of columns, Poly's scores) give another number of rows than the
    factor's ``values`` have levels."""
    if getattr(encoder, "__qualname__", None) != "C.<locals>.encoder":
        return
    closure = inspect.getclosurevars(encoder).nonlocals
    given = closure.get("contrasts")
    if given is None:
        return
    if hasattr(given, "get_coding_matrix"):
        _refuse_arguments(given, expr)
        scores = getattr(given, "scores", None) if reduced_rank else None
        if scores is not None:
            _refuse_rows(expr, "scores", len(scores), values, state, closure.get("levels"))
        return
    if isinstance(given, Mapping):
        columns = [np.ravel(v) for v in given.values()]
        rows = max(map(len, columns), default=0)
        _refuse_fewer(expr, len(columns), rows, reduced_rank)
        _refuse_rows(expr, "columns", rows, values, state, closure.get("levels"))
        return
    try:
        if np.ndim(given) == 2:
            _refuse_fewer(expr, np.shape(given)[1], np.shape(given)[0], reduced_rank)
            rows = np.shape(given)[0]
            _refuse_rows(expr, "matrix", rows, values, state, closure.get("levels"))
            return
    except ValueError:  # a ragged list of rows
        pass
    hint = (
        "Treatment is a function: write Treatment() for the first level as baseline, or "
        "Treatment('level')"
        if getattr(given, "__name__", None) == "Treatment"
        else "give a coding (Treatment('level'), Sum, Helmert, Poly, Diff, or R's "
        "contr.treatment, contr.sum...), a matrix with a row per level and a column per "
        "contrast, or a dict of such columns"
    )
    name = getattr(given, "__name__", None)
    shown = name if callable(given) and isinstance(name, str) else repr(given)
    shown = shown if len(shown) <= 60 else shown[:57] + "..."
    raise TypeError(f"in {str(expr)!r}, the contrasts given ({shown}) are not a coding; {hint}")


def _refuse_fewer(expr: object, columns: int, levels: int, reduced_rank: bool) -> None:
    if not reduced_rank and columns < levels:
        raise TypeError(
            f"in {str(expr)!r}, a contrast matrix of {columns} column(s) for {levels} levels "
            "codes a factor where the model gives every level a column (no intercept, or "
            "an interaction without the factor's main effect): R ignores the contrasts "
            "there and codes each level, formulaic would keep the matrix, a model of fewer "
            "columns; write the factor without the matrix there, or keep the intercept or "
            "its main effect"
        )


# what each of formulaic's codings takes, said when a call of one fails on its arguments
_CODING_ARGUMENTS = {
    "Treatment": "Treatment('level') (or contr.treatment('level')) names the baseline level",
    "Sum": (
        "Sum takes no arguments: it leaves out the last level (patsy's Sum(omit='a') is "
        "C(g, Sum, levels=[...]) with 'a' listed last)"
    ),
    "Helmert": "Helmert takes reverse= and scale=, each True or False",
    "Poly": "Poly takes scores=, one number per level in the levels' order",
    "Diff": "Diff takes backward=, True or False",
}
_CODING_CALL = re.compile(
    r"\[TypeError: (Treatment|Sum|Helmert|Poly|Diff)(?:\(\)|Contrasts\.__init__\(\))"
)
# what each of formulaic's transforms takes (by the name its function has), said when a call
# of one fails on its arguments
_TRANSFORM_ARGUMENTS = {
    "center": "center(x) takes the column alone (to centre at a number, write I(x - 3))",
    "scale": "scale(x, center=True, scale=True, ddof=1) takes those (a number for center= or "
    "scale= is the centre or scale itself)",
    "standardize": "standardize(x, center=True, rescale=True, ddof=0) takes those",
    "poly": "poly(x, degree=1, raw=False) takes those",
    "basis_spline": "bs(x, df=None, knots=None, degree=3, include_intercept=False, "
    "lower_bound=None, upper_bound=None, extrapolation='raise') takes those",
    "cubic_spline": "cr(x, df=None, knots=None, lower_bound=None, upper_bound=None, "
    "constraints=None, extrapolation='extend') takes those, as cs() and cc() do (mgcv's k= "
    "is df=)",
}
_TRANSFORM_CALL = re.compile(
    r"\[TypeError: (center|scale|standardize|poly|basis_spline|cubic_spline)\(\) "
    r"(?:got|takes|missing)"
)
# the flags of formulaic's codings, which it keeps as given and reads by their truth: a
# level (Helmert('c'), Diff('c')) or R's number of levels (Helmert(3)) was read as True
_FLAGS = {
    "HelmertContrasts": ("Helmert", ("reverse", "scale")),
    "DiffContrasts": ("Diff", ("backward",)),
}


def _refuse_arguments(coding: Any, expr: object) -> None:
    """Raise TypeError (read as a FormulaError) when a coding keeps arguments formulaic would
    read otherwise than as written: a flag that is not True or False, Poly's scores that are
    not distinct finite numbers (a number, R's contr.poly(n), failed on len(); tied scores
    gave NaN columns)."""
    kind = type(coding).__name__
    if kind in _FLAGS:
        name, flags = _FLAGS[kind]
        for flag in flags:
            value = getattr(coding, flag, True)
            if not isinstance(value, bool | np.bool_):
                raise TypeError(
                    f"in {str(expr)!r}, {name}'s {flag}= is True or False, not {value!r}: "
                    f"{name} codes the levels in their order and takes neither a level nor a "
                    f"number of levels; to code them in another order, list them, "
                    f"C({_first_argument(str(expr))}, {name}, levels=[...])"
                )
    if kind != "PolyContrasts" or coding.scores is None:
        return
    scores = coding.scores
    try:
        values = np.asarray(scores, dtype=float)
    except (TypeError, ValueError):
        values = np.array([np.nan])
    if not isinstance(scores, list | tuple) or not np.isfinite(values).all():
        raise TypeError(
            f"in {str(expr)!r}, Poly's scores are the levels' positions, a list of finite "
            f"numbers, one per level in the levels' order (Poly(scores=[1, 2, 4]) for three); "
            f"got {scores!r}; Poly() spaces the levels equally"
        )
    if len(np.unique(values)) < len(values):
        raise TypeError(
            f"in {str(expr)!r}, Poly's scores must all be different numbers (as R's contr.poly "
            f"requires): levels at the same position have no polynomial to tell them apart; "
            f"got {scores!r}"
        )


def _refuse_rows(expr: object, what: str, rows: int, values: Any, state: Any, named: Any) -> None:
    """Refuse contrasts with a row (a score) for another number of levels than the factor
    has in the rows used, the levels formulaic's encoding finds in fitting (those ``C()``
    names, else the values' categories): formulaic failed with "Shape of passed values is
    (3, 2), indices imply (2, 2)" or "scores must have the same cardinality", where a level
    had lost its rows to missing values elsewhere or was an unused category."""
    if values is None or (state or {}).get("categories") is not None:
        return
    if hasattr(type(values), "__wrapped__"):  # formulaic's FactorValues
        values = values.__wrapped__
    if named is not None:
        levels = list(named)
    else:
        try:
            levels = list(pd.Series(values).astype("category").cat.categories)
        except (TypeError, ValueError):  # formulaic will say what it makes of such values
            return
    if rows == len(levels):
        return
    noun = {"scores": "scores", "columns": "entries per column", "matrix": "rows"}[what]
    shown = first_few(levels, 10)
    raise TypeError(
        f"in {str(expr)!r}, the contrasts have {rows} {noun} (one per level), but the "
        f"factor has {len(levels)} level(s) in the rows used ({shown}); a level without rows "
        "there (all of them dropped for a missing value in another column, or an unused "
        "category) is no level of the fit: give one per level listed, or keep that "
        "level's rows"
    )


def _first_argument(call: str) -> str:
    """The first argument of the call ``call`` as written (``my var`` in backticks, with its
    backticks), or "g" when it has none."""
    start = call.find("(") + 1
    depth, quote = 0, ""
    for i, char in enumerate(call[start:], start):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`":
            quote = char
        elif char in "([{":
            depth += 1
        elif char in ")]}":
            depth -= 1
        if depth < 0 or (char == "," and depth == 0 and not quote):
            return call[start:i].strip() or "g"
    return "g"


def numpy_objects(values: Any, text: bool = False) -> pd.Series | None:
    """A term's ``values`` as a Series when they are a 1-D numpy array of text or objects
    (``np.where(x > 0, 'p', 'q')``, ``np.where(x > 0, 'p', g)``, ``np.where(x > 0, 1, None)``),
    whose missing values numpy's isnan cannot find; None otherwise. With ``text``, only
    when they are all text (missing values aside), categories as a column of text is (R's
    ``ifelse(x > 0, "p", "q")`` is a factor in a formula)."""
    if hasattr(type(values), "__wrapped__"):  # formulaic's FactorValues
        values = values.__wrapped__
    if not isinstance(values, np.ndarray) or values.ndim != 1 or values.dtype.kind not in "USO":
        return None
    column = pd.Series(values)
    if text and not column.dropna().map(type).isin([str, bytes]).all():
        return None
    return column


# numpy's and pandas' refusals of arithmetic on text or categories
_NOT_NUMBERS = re.compile(
    r"could not convert string to float|not supported for the input types|not supported for "
    r"dtype 'str'|of type str which has|cannot perform the numpy op|Can only string multiply|"
    r"unsupported operand type"
)


def text_note(exc: BaseException, data: pd.DataFrame) -> str:
    """What to do when a transform failed on a column of ``data`` that holds text or
    categories (``np.log(g)``, ``poly(g, 2)``, ``scale(g)``), whose refusal was numpy's
    ("ufunc 'divide' not supported for the input types"); "" otherwise."""
    text = str(exc)
    factor = re.search(r"factor `(.+)`\. \[", text)
    dates = _NOT_DATES in text
    wrong = _NOT_NUMBERS.search(text) or dates
    reads = python_reads(factor.group(1)) if factor and wrong else None
    if factor is None or reads is None:
        return ""
    columns = {str(c): c for c in data.columns}
    if dates:
        return _dates_note(factor.group(1), reads, data, columns)
    for name in sorted((reads[0] | reads[1]) & set(columns)):
        column = data[columns[name]]
        if isinstance(column, pd.Series) and not (
            pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column)
        ):
            written = name if name.isidentifier() else f"`{name}`"
            return (
                f"; column {name!r} holds text or categories, not numbers, which "
                f"{factor.group(1)} computes with: use it as a factor, C({written}), or "
                "convert it to numbers first"
            )
    return ""


def with_data_notes(
    exc: BaseException, error: MNLogitError, formula: str, data: pd.DataFrame
) -> MNLogitError:
    """``error``, the refusal of ``exc`` raised while the formula's ``data`` were encoded,
    with what the data say of it: columns written without their backticks, a transform of
    a column of text, or a name read inside a transform that is no column
    (:func:`_undefined_column`)."""
    note = backtick_note(formula, data.columns) or text_note(exc, data)
    if note and type(error) is FormulaError:
        return FormulaError(f"{error}{note}")
    return (not note and _undefined_column(exc, formula, data)) or error


def _undefined_column(
    exc: BaseException, formula: str, data: pd.DataFrame
) -> ColumnNotFoundError | None:
    """The refusal of a name the formula reads inside a stateful transform (``scale(q)``,
    ``poly(q, 2)``, ``bs(q, df=3)``) that is no column of ``data``, as a missing column is
    refused elsewhere (``np.log(q)``), with the column meant; None for any other error.
    formulaic declares no variables inside such transforms, so the name reached the
    evaluation, whose "NameError: name 'q' is not defined" named no column."""
    found = re.search(r"NameError: name '(\w+)' is not defined", str(exc))
    # R's TRUE, FALSE and c(...) are answered by evaluation_message
    if found is None or found.group(1) in ("TRUE", "FALSE", "T", "F", "c"):
        return None
    name = found.group(1)
    if name in {str(c) for c in data.columns}:
        return None
    return missing_column(name, data, formula)


# pandas' refusal of .dt on a column that holds no dates or time spans
_NOT_DATES = "Can only use .dt accessor with datetimelike values"


def _dates_note(expr: str, reads: Any, data: pd.DataFrame, columns: dict) -> str:
    """What to do when ``expr`` read ``.dt`` of a column of ``data`` that holds dates as
    text or as objects (Timestamps, datetime.date): convert it; "" when no column read is
    such."""
    for name in sorted((reads[0] | reads[1]) & set(columns)):
        column = data[columns[name]]
        if not isinstance(column, pd.Series) or pd.api.types.is_numeric_dtype(column):
            continue
        if pd.api.types.is_datetime64_any_dtype(column) or pd.api.types.is_timedelta64_dtype(
            column
        ):
            continue
        shown = ", ".join(map(repr, pd.unique(column.dropna())[:2].tolist()))
        return (
            f"; column {name!r} holds {column.dtype} values ({shown}), where {expr} reads "
            "dates or time spans with .dt, which only a column of their own dtype has: "
            f"convert it first, df[{name!r}] = pd.to_datetime(df[{name!r}]) "
            "(pd.to_timedelta for time spans)"
        )
    return ""
