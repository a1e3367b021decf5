"""The columns a formula reads from a DataFrame: their names, their types, their missing values.

One rule says what is a number and what is a factor (:func:`column_role`), for the rows of a
pandas DataFrame as for the partitions of a dask one: a column of numbers is a number, even
stored as Python objects; a column of words is a factor; a column of text that reads as
numbers (``"12.5"``, ``"NA"``) is refused unless the formula makes it a factor with ``C()``.
Nothing here imports formulaic; :mod:`mnlogit.formula` asks these functions.
"""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from ._alike import alike_fix, printed
from ._backticks import bare_columns, ticked_column
from ._column_hints import column_suggestion, nfkc
from ._decimals import refuse_rounded_decimals
from ._dtypes import (
    arrow_decimal,
    arrow_labels,
    as_numbers,
    complex_refused,
    exact_levels,
    refuse_beyond_double,
    refuse_rounded_integers,
    usable,
    without_views,
)
from ._formula_text import SAFE_NUMPY
from ._frame_snapshot import taken_once
from ._levels import as_written, distinct_labels, refuse_blank_categories
from ._nonfinite import refuse_infinite, refuse_missing
from ._polars import refuse_arrow_nan
from ._python_reads import as_computed
from ._python_spellings import builtin_hint, module_hint
from ._tables import arrow_table, from_arrow, interchange_hint
from ._value_kinds import (
    COMMA_NUMBER,
    ValueKinds,
    accounts_negative,
    minus_number,
    temporal_values,
    value_kinds,
)
from .exceptions import ColumnNotFoundError, DataError, InputTypeError

__all__ = [
    "ValueKinds",
    "column_role",
    "missing_column",
    "refuse_swapped",
    "value_kinds",
]

_SHOWN = 5  # values quoted in a message


# R's element-wise functions that numpy has under another name
_R_FUNCTIONS = {"ifelse": "np.where", "pmin": "np.minimum", "pmax": "np.maximum"}


def missing_column(
    name: str, data: pd.DataFrame, formula: str = "", what: str = "data", index: Any = ()
) -> ColumnNotFoundError:
    shown = f"{', '.join(map(str, data.columns[:20]))}{', ...' if data.shape[1] > 20 else ''}"
    what = "the data" if what == "data" else what
    if formula and re.search(rf"(?<![\w.]){re.escape(name)}\s*\(", formula):
        numpy = _R_FUNCTIONS.get(name) or (f"np.{name}" if name in SAFE_NUMPY else "")
        error = ColumnNotFoundError(
            f"{name!r} in formula {formula!r} is neither a column of {what} nor a function "
            f"formulaic knows (numpy is available as np"
            + (f": write {numpy}(...)" if numpy else "")
            + ("; c(...) is R's: write a Python list, [...]" if name == "c" else "")
            + f"){column_suggestion(name, data.columns)}"
        )
        error.column = name
        return error
    # named by the formula, not by a role beside it (weights=, groups=)
    in_formula = bool(re.search(rf"(?<![\w.`]){re.escape(name)}(?![\w.`])", formula))
    suggest, hint = module_hint(name, formula), ""
    # a column named with operators ('a-b') or a dot ('c.age', np.log(c.age) was asked "did
    # you mean 'c.age'?") written bare is read as the operators, in a call as an attribute
    spelled = bare_columns(formula, data.columns) if formula and not suggest else []
    if column := next((c for c in spelled if name in re.split(r"\W+", c)), None):
        suggest = f"; the column {column!r} is written in backticks, `{column}`, or its "
        suggest += "characters are read as the formula's operators (a '.' as Python's)"
    # the formula's `a` where the data's column is named '`a`' itself
    ticked = [c for c in map(str, data.columns) if "`" in c and c.replace("`", "") == name]
    if not suggest and ticked and f"`{name}`" in formula:
        suggest = ticked_column(ticked[0])
    suggest = suggest or column_suggestion(name, data.columns, in_formula)
    if what in ("the data", "X") and not suggest and formula:
        # I(x * k) with k a Python variable, math.log(x): formulaic sees the data's columns,
        # numpy and its transforms, not the caller's names
        if name in ("TRUE", "FALSE"):
            hint = f"; {name} is R's: write {name.title()}"
        elif "." in name and name.split(".")[0] in map(str, data.columns):
            # formulaic looks a bare d.dt.year up as one column's name; in a call it is Python
            hint = (
                f"; {name.split('.')[0]!r} is a column, and a formula reads its attributes "
                f"inside a call: write I({name})"
            )
        elif name in ("T", "F"):  # R's shorthands, read by Python as names
            hint = f"; if {name} is R's {'TRUE' if name == 'T' else 'FALSE'}, write "
            hint += "True" if name == "T" else "False"
        elif re.search(rf"(?<![\w.`]){re.escape(name)}\.\w", formula):
            hint = "; a formula has numpy as np (np.log), not other Python modules"
        elif _inside_call(name, formula):
            hint = builtin_hint(name) or (
                "; a formula reads the data's columns, not Python variables: to use one, add "
                f"it as a column first (df.assign({name}={name}))"
            )
    if not hint and name in map(str, index):  # df.set_index("x") made it the rows' labels
        hint = f"; {name!r} is the index, the rows' labels: make it a column again (.reset_index())"
    error = ColumnNotFoundError(
        f"column {name!r} is not in {what}{suggest} (columns: {shown}){hint}"
    )
    error.column = name
    return error


def _inside_call(name: str, formula: str) -> bool:
    """Whether ``name`` occurs in ``formula`` inside parentheses (a Python part)."""
    for found in re.finditer(rf"(?<![\w.`]){re.escape(name)}(?![\w`])", formula):
        before = formula[: found.start()]
        if before.count("(") > before.count(")"):
            return True
    return False


def refuse_swapped(formula: object, data: object, call: str) -> None:
    """Refuse the data given first and the formula second (statsmodels' ``Logit(y, X)``
    order): it was refused as data of type str, which did not say what to change."""
    if isinstance(data, str) and not isinstance(formula, str):
        raise InputTypeError(
            f"the formula comes first and the data second: {call}({data!r}, df); got "
            f"a {type(formula).__name__} and then the formula"
        )


_NOT_A_FRAME = {
    # what a newcomer passes for one row or a few, and how to make it a DataFrame
    pd.Series: " (a row of a DataFrame, df.iloc[i], or a column, df['x'], is a Series: "
    "df.iloc[[i]] or df[['x']] keeps it a DataFrame)",
    dict: " (make it one: pd.DataFrame({'x': [1.0, 2.0], ...}))",
    np.ndarray: " (a formula reads columns by name: pd.DataFrame(array, columns=[...]))",
    list: " (a formula reads columns by name: pd.DataFrame(rows, columns=[...]))",
}


def _check_data(data: object, what: str = "data") -> pd.DataFrame:
    if arrow_table(type(data)):  # a pyarrow Table, a polars frame: its columns, by name
        data = from_arrow(data, what)
    if not isinstance(data, pd.DataFrame):
        kind = type(data)
        hint = (
            " (a dask DataFrame's rows are predicted partition by partition, with the result's "
            "columns given: ddf.map_partitions(res.predict, meta=res.predict(ddf.head())), "
            "res.prediction_intervals in both places for intervals; or on a computed sample)"
            if what == "newdata" and kind.__module__.startswith("dask")
            else " (make the structured array a DataFrame: pd.DataFrame(newdata))"
            if getattr(getattr(data, "dtype", None), "names", None)
            else interchange_hint(data, what) or _NOT_A_FRAME.get(kind, "")
        )
        raise InputTypeError(
            f"{what}: expected a pandas DataFrame; got {kind.__module__}.{kind.__qualname__}{hint}"
        )
    check_flat_columns(data.columns, what)
    if what == "data" and data.shape[0] == 0:
        raise DataError("data: the DataFrame has no rows")
    return without_views(taken_once(data))


def check_flat_columns(columns: pd.Index, what: str = "data") -> None:
    """Refuse MultiIndex columns: a formula names one column by one name."""
    if isinstance(columns, pd.MultiIndex):
        raise InputTypeError(
            f"{what}: the columns are a MultiIndex ({columns.nlevels} levels"
            f"{f', e.g. {columns[0]!r}' if len(columns) else ''}); a formula names single "
            f"columns: flatten them first, "
            f"e.g. df.columns = ['_'.join(map(str, c)) for c in df.columns]"
        )


def column_labels(
    columns: pd.Index, names: list[str], what: str, formula: str = "", index: Any = ()
) -> dict:
    """The label in ``columns`` of each name a formula uses.

    A formula names columns by text: the name ``"0"`` (written ```0```) is a column labelled
    ``"0"`` or, when there is none, the one labelled with the number 0. Names that occur more
    than once, or text and a number that read alike, are refused; a name among the
    ``index``'s names is said to be one.
    """
    labels = {}
    for name in names:
        if name in columns and isinstance(name, str):
            labels[name] = name
            continue
        alike = [c for c in columns if not isinstance(c, str) and str(c) == name]
        if not alike:
            raise missing_column(name, pd.DataFrame(columns=columns), formula, what, index)
        labels[name] = alike[0]
    repeated = set(columns[columns.duplicated()])
    forms: dict[str, list[str]] = {}
    for c in columns:
        forms.setdefault(nfkc(str(c)), []).append(str(c))

    def misread(label: Any) -> bool:
        # a text and a number that read alike ("0" and 0) are one name to a formula; Python
        # reads a name in an expression in its NFKC form ("é" typed with a combining accent
        # as the one character): another form of the label written in the formula, and not
        # a name it uses on its own, may be the column meant. Columns 'x2' and 'x²' apart
        # from that are two names, each looked up as written
        twins = forms[nfkc(str(label))]
        return twins.count(str(label)) > 1 or any(
            t != str(label) and t in formula and t not in names for t in twins
        )

    # two used in one form and the other ("é" as one character and with an accent), or
    # with another space or an invisible mark ("a b" and "a\xa0b"), would label two rows of
    # params alike
    shown = [printed(str(lab)) for lab in labels.values()]
    twins = {p for p in shown if shown.count(p) > 1}
    dup = [
        n
        for n, lab in labels.items()
        if lab in repeated or misread(lab) or printed(str(lab)) in twins
    ]
    if dup:
        raise DataError(
            f"{what}: column name(s) {', '.join(map(repr, dup))} occur more than "
            f"once in the DataFrame (as text or as a number, in another Unicode form, or "
            "with another space or an invisible mark); rename the duplicates"
        )
    return labels


# --- what is a number and what is a factor --------------------------------------------------
def _formula_name(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z_]\w*", name) else f"`{name}`"


def column_role(
    name: str,
    kinds: ValueKinds,
    *,
    factor: bool,
    what: str = "data",
    to_numeric: str = "pd.to_numeric",
    hint: str = "",
) -> Literal["number", "factor"]:
    """Whether a column of objects or text is a number or a factor; the one rule of both the
    in-memory and the dask fits.

    Numbers (even as Python objects) are a number; words make a factor. Text that reads as
    numbers (``"12.5"``), perhaps with text for missing values (``"NA"``, ``"."``), and numbers
    mixed with words (``"12"`` and ``"unknown"``) are refused with a :class:`DataError` naming
    the column and its values, unless ``factor`` (the formula uses the column only inside
    ``C()``), when its values are the levels. Blank text beside categories is refused either
    way: it is no category. ``to_numeric`` and ``hint`` adapt the advice to the kind of
    DataFrame.

    Examples
    --------
    >>> import pandas as pd
    >>> column_role("k", value_kinds(pd.Series([1, 2.5, None], dtype=object)), factor=False)
    'number'
    >>> column_role("g", value_kinds(pd.Series(["north", "south"])), factor=False)
    'factor'
    >>> column_role("v", value_kinds(pd.Series(["1.5", "NA"])), factor=True)
    'factor'
    """
    blank = [v for v in kinds.missing_text if not str(v).strip()]
    # a column of nothing but text meaning missing ('NA' and '') is a factor too (the return
    # below), whose blank cells were a level of their own where C() refused them
    if blank and (kinds.other or factor or not kinds.numbers):
        # a blank cell is no category; read as one it would be a level of its own
        labels = list(kinds.other or kinds.numeric_text) or [
            v for v in kinds.missing_text if v not in blank
        ]
        among = (
            f"beside its categories (e.g. {', '.join(map(repr, labels[:3]))})"
            if labels
            else "and no other value"
        )
        raise DataError(
            f"{what}: column {name!r} has blank text ({', '.join(map(repr, blank))}) {among}; "
            f"a blank is not a category: make those cells missing, e.g. df[{name!r}] = "
            f"df[{name!r}].replace(r'^\\s*$', np.nan, regex=True), or give them a label"
        )
    categories = (
        f"; to use its values as categories, write C({_formula_name(name)}) in the formula{hint}"
        if what != "newdata"
        else ", as the model was fitted on numbers"  # a fitted formula is not rewritten
    )
    minus = [v for v in kinds.other if minus_number(v)]
    if minus and not factor:
        # read as words, a factor with a level per value; the advice below to make the words
        # missing would have dropped every negative number
        raise DataError(
            f"{what}: column {name!r} holds {minus[0]!r}, a number written with the minus "
            "sign '\u2212' (U+2212), which is not read as one: replace it first, e.g. "
            f"df[{name!r}] = {to_numeric}(df[{name!r}].str.replace('\u2212', '-')){categories}"
        )
    accounts = [v for v in kinds.other if accounts_negative(v)]
    beside = kinds.numbers or kinds.numeric_text or accounts == [*kinds.other]
    if accounts and not factor and beside:
        raise DataError(  # as words to make missing (advised below), every negative was dropped
            f"{what}: column {name!r} holds {accounts[0]!r}, a negative number written as accounts "
            "write it (in parentheses, or with its minus sign after it), which is not read as one: "
            f"write it with a leading '-' first, e.g. df[{name!r}] = {to_numeric}(df[{name!r}]"
            f".str.replace(r'^\\((.*)\\)$|^(.*)-$', r'-\\1\\2', regex=True)){categories}"
        )
    if kinds.other and (kinds.numbers or kinds.numeric_text) and not factor:
        # most likely numbers with a note in some cells ("unknown", "n.a."): read as
        # categories, each number would silently become a level of its own
        shown = [*kinds.numbers, *kinds.numeric_text][:3]
        flags = [v for v in kinds.other if isinstance(v, (bool, np.bool_))]
        words = [v for v in kinds.other if not isinstance(v, (bool, np.bool_))]
        mixed = f"words (e.g. {', '.join(map(repr, words[:3]))})"
        todo = f"make the words missing first, e.g. df[{name!r}] = {to_numeric}(df[{name!r}], "
        todo += "errors='coerce')"
        # to_numeric reads True as 1, not as missing: calling it a word to coerce was wrong
        if flags and words:
            mixed += f" and booleans (e.g. {flags[0]!r})"
            todo += ", which reads True as 1 and False as 0"
        elif flags:
            mixed = f"booleans (e.g. {flags[0]!r})"
            todo = f"say what True and False stand for first, e.g. df[{name!r}] = "
            todo += f"{to_numeric}(df[{name!r}]) to read True as 1 and False as 0"
        raise DataError(
            f"{what}: column {name!r} mixes numbers (e.g. {', '.join(map(repr, shown))}) and "
            f"{mixed}; to use it as a number, {todo}{categories}"
        )
    if kinds.other:
        return "factor"
    if kinds.numeric_text or (kinds.numbers and kinds.missing_text):
        if factor:
            return "factor"
        shown = [*kinds.numeric_text, *kinds.numbers][:3]
        nan = (
            f", and {', '.join(map(repr, kinds.missing_text))} that are not numbers"
            if kinds.missing_text
            else ""
        )
        comma = [m for v in kinds.numeric_text if (m := re.fullmatch(COMMA_NUMBER, str(v).strip()))]
        if comma:
            mark = comma[0]["t"] or ","
            convert = (
                f"values such as {comma[0].group()!r} have a thousands separator or a decimal "
                f"comma: read the file with pd.read_csv(..., thousands={mark!r})"
                + (" or decimal=','" if mark == "," else "")
            )
        else:
            convert = (
                f"to use it as a number, convert it first, e.g. df[{name!r}] = "
                f"{to_numeric}(df[{name!r}], errors='coerce') (text that is not a number "
                "becomes missing)"
            )
        raise DataError(
            f"{what}: column {name!r} holds numbers stored as text (e.g. "
            f"{', '.join(map(repr, shown))}{nan}); {convert}{categories}"
        )
    return "number" if kinds.numbers else "factor"


def _unhashable(col: pd.Series, name: str, what: str) -> InputTypeError:
    """The error for a column of values that cannot be levels or numbers (lists, dicts)."""
    sample = next((v for v in col if isinstance(v, (list, dict, set, np.ndarray))), None)
    shown = "" if sample is None else f" such as {sample!r} ({type(sample).__name__})"
    return InputTypeError(
        f"{what}: column {name!r} holds values{shown} that are neither numbers nor labels; "
        "a model's columns hold numbers or labels (text, categories): expand or convert "
        "that column first"
    )


def read_columns(
    data: pd.DataFrame,
    names: list[str],
    what: str,
    formula: str = "",
    *,
    predictors: list[str],
    plain: set[str],
    factor_only: set[str] = frozenset(),  # type: ignore[assignment]
    arithmetic: set[str] = frozenset(),  # type: ignore[assignment]
    integer_only: set[str] = frozenset(),  # type: ignore[assignment]
    python: set[str] = frozenset(),  # type: ignore[assignment]
    operands: set[str] = frozenset(),  # type: ignore[assignment]
) -> dict[str, pd.Series]:
    """``data``'s columns ``names``, each read once (no copy), after checking the names exist
    once and the columns have usable types.

    Object and text columns of ``predictors`` are numbers or factors by :func:`column_role`
    (``factor_only``: the columns the formula uses only inside ``C()``); numbers stored as
    objects become numeric; pyarrow types pandas cannot compute with are read or refused by
    :func:`mnlogit._dtypes.usable`, and integers float64 would round together are refused
    (:func:`mnlogit._dtypes.refuse_rounded_integers`). The outcome keeps its values (they are
    levels). Columns used as they are (``plain``, not inside a transform) must be numbers or
    categories, not dates.
    Integer and float32 columns that Python code in the formula computes with
    (``arithmetic``, as ``I(k**2)``, ``np.log(x)``) are read as float64, where numpy's
    integers would wrap around silently and float32 would compute in single precision.
    Columns the formula reads only as integers (``integer_only``: ``I(k & 1)``,
    ``k.astype('str')``) are not read as float64, so are not refused for its rounding.
    Columns any Python code in the formula reads (``python``) are read in the types numpy
    computes with (:func:`mnlogit._python_reads.as_computed`; ``operands``: as operands).
    """
    labels = column_labels(data.columns, names, what, formula, data.index.names)
    # data[names] would copy the columns' block whenever the names are not in the DataFrame's
    # own order (sorted predictors rarely are): take the columns themselves instead
    columns = {name: data[label] for name, label in labels.items()}
    for name, col in columns.items():  # sparse columns as their dense values, among others
        columns[name] = usable(col, name, what)
    for name in set(names) - set(predictors):  # the outcome (and roles): their values are levels
        if name == names[0]:  # the outcome: long doubles as float64, or refused
            columns[name] = exact_levels(columns[name], name, what)
        if columns[name].dtype == object:
            try:
                pd.unique(columns[name].to_numpy())
            except TypeError:
                raise _unhashable(columns[name], name, what) from None
    for name in predictors:
        col = columns[name]
        if name in factor_only:  # long doubles as levels: float64, or refused
            col = columns[name] = exact_levels(col, name, what)
        if name in factor_only or isinstance(col.dtype, pd.CategoricalDtype):
            # float32 levels labelled and matched as they print (0.1), as an outcome's are
            col = columns[name] = as_written(col)
        if what != "newdata" and name not in factor_only:  # before they are float64
            refuse_rounded_decimals(name, col, what)
        if name not in factor_only and arrow_decimal(col.dtype):  # numbers, as float64
            col = columns[name] = pd.Series(
                col.to_numpy(np.float64, na_value=np.nan), index=col.index, name=col.name
            )
        kind = col.dtype.kind
        if what == "data":
            refuse_arrow_nan(name, col, what, factor=name in factor_only)
        # I(k & 1) of an identifier past 2**53 takes the exact integers' bits
        as_integers = name in integer_only and name not in plain
        if what != "newdata" and name not in factor_only and not as_integers:
            refuse_rounded_integers(name, col, what)
            if name in plain:  # np.log(x) of a long double is in range: not refused
                refuse_beyond_double(name, col, what)
        if name in python and (computed := as_computed(col, name in operands)) is not None:
            # see mnlogit._python_reads: code computed with objects as objects (I(f * x) a
            # factor of its products); pyarrow lacks some of numpy's kernels (k % 3)
            columns[name] = col = computed
            kind = col.dtype.kind
        if name in arithmetic and (kind in "iu" or (kind == "f" and col.dtype.itemsize < 8)):
            # integers (numpy's and pandas' nullable ones) and float32, whose np.log or bs()
            # was computed in single precision: 1e-7 from the same values in float64
            columns[name] = pd.Series(
                col.to_numpy(np.float64, na_value=np.nan), index=col.index, name=col.name
            )
            continue
        if kind in "fiu" and isinstance(col.dtype, np.dtype):
            continue  # a plain numeric column: nothing below applies
        if arrow_labels(col.dtype):
            # pd.read_csv(..., dtype_backend="pyarrow") and parquet give text as ArrowDtype,
            # which formulaic tries to read as numbers; as objects it is read as text is
            col = columns[name] = col.astype(object).where(col.notna(), np.nan)
        if kind == "c":  # even inside a transform: np.log of it was cast to real silently
            raise complex_refused(name, what, col.dtype)
        if isinstance(col.dtype, pd.CategoricalDtype) and col.cat.categories.dtype.kind == "c":
            raise InputTypeError(
                f"{what}: column {name!r} is a Categorical of complex numbers (e.g. "
                f"{complex(col.cat.categories[0])!r}); a model's levels are labels or real "
                f"numbers: use df[{name!r}].cat.rename_categories("
                f"np.real(df[{name!r}].cat.categories)) if the imaginary parts are zero"
            )
        held = temporal_values(col) if name in plain else None
        if name in plain and (
            held or kind in "mM" or isinstance(col.dtype, (pd.PeriodDtype, pd.IntervalDtype))
        ):
            convert = "" if isinstance(col.dtype, pd.IntervalDtype) else " (e.g. to days)"
            raise InputTypeError(
                f"{what}: column {name!r} "
                + (f"holds {held}" if held else f"has dtype {col.dtype}")
                + ", which is not a number or a category; convert it to numbers first"
                + f"{convert}, or "
                + (
                    f"write C({_formula_name(name)}) to use its values as categories"
                    if what != "newdata"
                    else "give it as in the fitted data"
                )
            )
        if isinstance(col.dtype, pd.CategoricalDtype) and _labels(col.cat.categories.dtype):
            _refuse_alike_values(col.cat.categories, name, what)
            refuse_blank_categories(col, name, f"{what}: column {name!r}")
        if not (col.dtype == object or isinstance(col.dtype, pd.StringDtype)):
            continue
        try:
            kinds = value_kinds(col)
        except TypeError:  # lists, dicts, sets: values that cannot be levels
            raise _unhashable(col, name, what) from None
        role = column_role(name, kinds, factor=name in factor_only, what=what)
        # new data's levels are matched to the fitted ones, booleans apart, later
        factor = name in factor_only and what != "newdata"
        if (role != "number" or factor) and _labels(col.dtype):
            distinct = list(col.dropna().unique())
            if what != "newdata":
                distinct = distinct_labels(col, distinct)
            _refuse_alike_values(distinct, name, what)
        if role == "number":
            columns[name] = as_numbers(col, name, what, levels=name in factor_only)
            if what != "newdata" and name not in factor_only:  # Python's ints past 2**53
                refuse_rounded_integers(name, columns[name], what)
        elif isinstance(col.dtype, pd.StringDtype) and col.dtype.na_value is pd.NA:
            # formulaic 1.2 reads pandas' NA-backed "string" columns as numbers; as objects
            # (missing as NaN) they are the categories they are
            columns[name] = col.astype(object).where(col.notna(), np.nan)
    if what == "data":  # plain numbers are checked in the design, with their sums
        for name in set(predictors):
            if name not in plain or isinstance(columns[name].dtype, pd.CategoricalDtype):
                refuse_infinite(name, columns[name], formula)
    return columns


def _refuse_alike_values(distinct: Iterable[Any], name: str, what: str) -> None:
    """Refuse a factor column whose ``distinct`` values (or a Categorical's categories) of
    Python objects hold different values that print alike (the number 0 and the text "0",
    True and "True", "é" as one character and as e with a combining accent), or that pandas
    takes for one value (True and 1): as categories they are two levels with one label in
    every table, and formulaic, naming both dummy columns alike, kept one of them, so the
    number 1 was fitted as the baseline level 0 with nothing said."""
    by_text: dict[str, Any] = {}
    by_value: dict[Any, Any] = {}  # numbers and booleans: True and 1 are one key
    for value in distinct:
        text = printed(str(value))
        number = isinstance(value, (numbers.Number, np.bool_))
        other = by_text.get(text)
        how, fix = "print alike", "convert the column to one type first, e.g. "
        fix += f"df[{name!r}] = df[{name!r}].astype(str)"
        if other is not None and str(other) != str(value):  # Unicode forms, invisible marks
            how += f" ({other!a} and {value!a})"
            fix = f"write them alike first, e.g. {alike_fix(name, str(other), str(value))}"
        elif other is None and number and value in by_value:
            other, how = by_value[value], "pandas takes for one (True is 1, False is 0)"
        if other is not None:
            raise DataError(
                f"{what}: column {name!r} holds {other!r} and {value!r}, different "
                f"values that {how}; as categories they would be two levels with one "
                f"label: {fix}"
            )
        by_text[text] = value
        if number:
            by_value[value] = value


def _labels(dtype: Any) -> bool:
    """Whether a column of ``dtype`` holds Python objects or text, whose distinct values
    may print alike (pandas 3 reads text as ``str``, not ``object``)."""
    return (isinstance(dtype, np.dtype) and dtype.kind == "O") or isinstance(dtype, pd.StringDtype)


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
        refuse_missing(missing, frame.isna().sum().items())
        if incomplete.all():
            allna = [c for c in frame.columns if frame[c].isna().all()]
            hint = f" (column {', '.join(map(repr, allna))} is entirely missing)" if allna else ""
            raise DataError(
                "no complete rows remain after dropping missing values in the formula's "
                f"columns ({', '.join(needed)}){hint}"
            )
    return ~incomplete
