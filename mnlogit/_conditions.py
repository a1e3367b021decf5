"""Row conditions written as text (``subpop="age >= 18 and sex == 'f'"``), read without
running code.

``DataFrame.eval`` is not a sandbox: it calls methods of the columns (``x.to_csv(path)``
writes a file) and ``@name`` reaches the variables of whatever function calls it, from where
``os.system`` is a few attributes away. A subpopulation is a condition on columns, so this
module reads the text with :mod:`ast`, allows only what a condition needs, and evaluates the
tree itself on the DataFrame's columns:

- column names, plain or in backticks (```my var` > 0``), numbers, strings, True/False;
- comparisons (``==``, ``!=``, ``<``, ``<=``, ``>``, ``>=``, chained as ``18 <= age < 65``),
  ``in`` / ``not in`` a list of constants;
- ``and``, ``or``, ``not``, ``&``, ``|``, ``~`` (element-wise, as in ``DataFrame.query``,
  which reads ``&`` and ``|`` as ``and`` and ``or``: ``age >= 18 & x < 2`` is two
  comparisons joined, not Python's chained comparison ``age >= (18 & x) < 2``);
- arithmetic (``+ - * / // % **``, unary minus);
- the column methods ``isin([...])``, ``isna()``, ``notna()``, ``isnull()``, ``notnull()``
  and ``between(a, b)``.

Anything else (other calls or attributes, ``@`` variables, indexing, lambdas) is refused
with a message that says what is allowed and how to pass any other condition: as one
boolean per row.
"""

from __future__ import annotations

import ast
import difflib
import keyword
import operator
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._levels import near_level
from ._polars import refuse_arrow_nan
from .exceptions import DataError

__all__ = ["empty_hint", "evaluate_condition"]

ALLOWED = (
    "column names (in backticks when not identifiers), numbers, strings, True/False, "
    "comparisons, 'in [...]', and/or/not, &, |, ~, arithmetic, and the column methods "
    "isin, isna, notna, isnull, notnull, between"
)
METHODS = frozenset({"isin", "isna", "notna", "isnull", "notnull", "between"})

_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.Pow: operator.pow,
}
_COMPARE: dict[type, Callable[[Any, Any], Any]] = {
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
}
# backticked names, and quoted strings (which may hold backticks) left as they are
_TOKENS = re.compile(r"`([^`]*)`|'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\"")
# quoted strings left as they are, and '&' and '|' outside them
_STRINGS = r"'(?:\\.|[^'\\])*'|\"(?:\\.|[^\"\\])*\""
_BOOLEAN_OPS = re.compile(rf"{_STRINGS}|[&|]")


class _Refused(Exception):
    """A piece of the condition that is not allowed (turned into a DataError)."""


class _UnknownColumn(Exception):
    """A name that is not a column (turned into a DataError)."""


def evaluate_condition(text: str, data: pd.DataFrame, what: str) -> Any:
    """Evaluate the condition ``text`` on the columns of ``data`` (a Series, or a scalar for
    a condition on constants only). ``what`` names the argument in messages ("subpop")."""
    quoted: dict[str, str] = {}

    def placeholder(m: re.Match[str]) -> str:
        if m.group(1) is None:  # a string literal
            return m.group(0)
        name = f"__column_{len(quoted)}__"
        quoted[name] = m.group(1)
        return name

    source = _TOKENS.sub(placeholder, text).strip()
    # '&' and '|' bind as 'and' and 'or', as DataFrame.query reads them: Python binds them
    # tighter than a comparison, so "age >= 18 & x < 2" was the chained comparison
    # age >= (18 & x) < 2, a bitwise and of numbers that selected other rows with no error
    source = _BOOLEAN_OPS.sub(
        lambda m: {"&": " and ", "|": " or "}.get(m.group(0), m.group(0)), source
    )
    try:
        tree = ast.parse(source, mode="eval")
    except (RecursionError, MemoryError):  # the parser's own limits on nesting
        raise DataError(f"{what}: the condition is nested too deeply to be read") from None
    except SyntaxError:
        hint = (
            "; '@' variables are not supported: compute the condition yourself and pass one "
            "boolean per row (e.g. subpop=df['age'] > cutoff)"
            if "@" in source
            else _keyword_hint(text, data) or _r_hint(text, data)
        )
        raise DataError(
            f"{what}: {text!r} is neither a column nor an expression that can be read{hint}; "
            f"a condition may use {ALLOWED}"
        ) from None
    try:
        return _Evaluator(data, quoted, what).visit(tree.body)
    except DataError:  # said already (a ValueError, which the last clause would rewrap)
        raise
    except _UnknownColumn as exc:
        raise DataError(
            f"{what}: {text!r} is neither a column nor an expression on the data's columns: {exc}"
            + next((f"; {r} is R's: write {py}" for r, py in _R_NAMES if r in str(exc)), "")
        ) from None
    except _Refused as exc:
        raise DataError(
            f"{what}: {text!r}: {exc} is not allowed{_r_hint(text, data)}; a condition may use "
            f"{ALLOWED}. Pass any "
            "other condition as one boolean per row (e.g. subpop=df['x'].str.startswith('a'))"
        ) from None
    except (TypeError, ValueError, ArithmeticError) as exc:  # e.g. 'str' < 'int'
        raise DataError(
            f"{what}: {text!r} cannot be evaluated on the data ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0][:200] if str(exc) else 'no message'})"
        ) from None


# R's way of writing a condition (subset(design, x %in% c("a", "b") & !is.na(y))), and
# Python's, which a condition is read as; Stata's (svy, subpop(if ...), inrange, missing)
_R_SYNTAX = (
    (re.compile(r"^\s*if\s"), "Stata's if qualifier is left out: write the condition alone"),
    (
        re.compile(r"\bmissing\s*\("),
        "Stata's missing(x) is x.isna(), and !missing(x) x.notna() (of text, Stata's is true "
        "of '' too: x.isna() | (x == ''))",
    ),
    (
        re.compile(r"\binrange\s*\("),
        # between alone is missing where x is, which a subpopulation refuses
        "Stata's inrange(x, a, b) is x.notna() & x.between(a, b) (a <= x <= b; a missing x "
        "is outside it)",
    ),
    (re.compile(r"\binlist\s*\("), "Stata's inlist(x, a, b) is x.isin([a, b])"),
    (re.compile(r"%in%"), "R's x %in% c(a, b) is x.isin([a, b]) or x in [a, b]"),
    (re.compile(r"&&|\|\|"), "R's && and || are & and | (or and, or)"),
    (re.compile(r"\bis\.na\s*\("), "R's is.na(x) is x.isna(), and !is.na(x) x.notna()"),
    (re.compile(r"!(?!=)"), "R's ! is ~ (or not)"),
    (re.compile(r"(?<![=<>!])=(?!=)"), "a comparison is written =="),
    (re.compile(r"(?<![\w.])c\s*\("), "R's c(a, b) is [a, b]"),
)
_R_NAMES = (("'TRUE'", "True"), ("'FALSE'", "False"), ("'NA'", "x.isna() for a missing x"))


def empty_hint(text: str, data: pd.DataFrame | None) -> str:
    """Why the condition ``text`` selects no rows of ``data`` when it compares a column with
    a value the column holds only in another form ("LO" for "lo", "3" for 3), said as a
    refusal of that level would say it; "" otherwise. It was "selects no rows", unexplained."""
    if data is None:
        return ""
    try:
        tree = ast.parse(text, mode="eval")
    except SyntaxError:
        return ""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Compare) and isinstance(node.left, ast.Name)):
            continue
        if not isinstance(node.ops[0], (ast.Eq, ast.In)) or node.left.id not in data.columns:
            continue
        try:
            value = ast.literal_eval(node.comparators[0])
        except (ValueError, SyntaxError, TypeError):
            continue
        values = [  # as Python writes them: 3, not np.int64(3)
            v.item() if isinstance(v, np.generic) else v
            for v in pd.unique(data[node.left.id].dropna())[:1000]
        ]
        for wanted in value if isinstance(value, (list, tuple)) else [value]:
            hint = near_level(wanted, values)
            if hint:
                return f"; column {node.left.id!r} holds no {wanted!r}{hint}"
    return ""


def _keyword_hint(text: str, data: pd.DataFrame) -> str:
    """What to write for a column named as a Python keyword ("class", "if", "not"), which is
    an identifier to the eye but cannot be read bare ("" when there is none)."""
    bare = re.sub(rf"`[^`]*`|{_STRINGS}", " ", text)
    columns = set(map(str, data.columns))
    words = [w for w in re.findall(r"[A-Za-z_]\w*", bare) if keyword.iskeyword(w)]
    found = list(dict.fromkeys(w for w in words if w in columns))
    if not found:
        return ""
    names = " and ".join(map(repr, found))
    ticked = " and ".join(f"`{w}`" for w in found)
    if len(found) == 1:
        return f"; {names} is a Python keyword: write the column's name in backticks, {ticked}"
    return f"; {names} are Python keywords: write those columns' names in backticks, {ticked}"


def _r_hint(text: str, data: pd.DataFrame | None = None) -> str:
    """What to write for the R in a condition Python cannot read ("" when none is found)."""
    # the strings' contents aside: subpop="name == 'a=b'" has no '='
    bare = re.sub(r"'[^']*'|\"[^\"]*\"", "''", text)
    return (
        _formula_hint(text, bare)
        or _missing_hint(bare, data)
        or next((f"; {hint}" for found, hint in _R_SYNTAX if found.search(bare)), "")
    )


# the formula's own spellings, carried into a condition beside it: Q('meals %') names a
# column, I(x > 2) keeps an expression as written; a condition reads neither
_QUOTED = re.compile(r"\bQ\s*\(\s*(['\"])(.*?)\1\s*\)")
_AS_IS = re.compile(r"\bI\s*\(")


def _formula_hint(text: str, bare: str) -> str:
    """What to write for a formula's ``Q('name')`` or ``I(...)`` in a condition ("" when it
    has neither): they were refused as calls that are not allowed, without the rewrite."""
    quoted = _QUOTED.search(text)
    if quoted is not None and "`" not in quoted[2]:
        return (
            f"; a formula's {quoted[0]} is written `{quoted[2]}` in a condition (a column's "
            "name in backticks)"
        )
    if _AS_IS.search(bare):
        return "; a formula's I(...) is not needed in a condition: write the expression it holds"
    return ""


def _missing_hint(bare: str, data: pd.DataFrame | None) -> str:
    """Stata's ``missing(s)`` of a text column, which Stata reads as true of "" too: it was
    answered with ``s.isna()`` alone, which leaves the empty strings out of the
    subpopulation ("" when the condition has none, or of a column that is not text)."""
    found = re.search(r"\bmissing\s*\(\s*(`[^`]+`|[A-Za-z_]\w*)\s*\)", bare)
    if found is None or data is None or found[1].strip("`") not in data.columns:
        return ""
    column, x = data[found[1].strip("`")], found[1]
    if not (isinstance(column, pd.Series) and _is_text(column)):
        return ""
    return (
        f"; Stata's missing({x}) of a text column is true of an empty string too, which "
        f"isna() is not: write {x}.isna() | ({x} == ''), and for !missing({x}) "
        f"{x}.notna() & ({x} != '')"
    )


def _is_text(column: pd.Series) -> bool:
    """Whether ``column`` holds text: a string dtype, strings as objects, or categories."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return pd.api.types.infer_dtype(column.cat.categories) == "string"
    return pd.api.types.infer_dtype(column, skipna=True) == "string"


def _number(value: Any, node: ast.AST) -> Any:
    if isinstance(value, pd.Series):
        if pd.api.types.is_numeric_dtype(value.dtype):
            return value
    elif isinstance(value, (int, float)):
        return value
    raise _Refused(f"{_shown(node)} (arithmetic needs numbers)")


def _shown(node: ast.AST) -> str:
    text = ast.unparse(node)
    return repr(text if len(text) <= 60 else text[:57] + "...")


def _missing_carried(column: pd.Series) -> pd.Series:
    """``column`` in a dtype whose comparisons are missing where it is (pandas' NA), as a
    nullable or pyarrow column's are: a NaN compared is False, so ``x > 0`` put the rows of
    a missing x outside the subpopulation, where the same column read from a file with
    pyarrow types was refused as undecided (the condition is checked for missing values).
    Floats of up to 64 bits (wider ones keep their digits) and text beside None or NaN."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) and dtype.na_value is not pd.NA:
        # pandas 3's default text ("str"), whose missing values are NaN
        return column.astype(pd.StringDtype(dtype.storage)) if column.isna().any() else column
    if not isinstance(dtype, np.dtype) or dtype.kind not in "fO" or not column.isna().any():
        return column
    if dtype.kind == "f" and dtype.itemsize <= 8:
        # NaN as <NA>: astype alone keeps it a number (False in comparisons) under pandas'
        # option future.distinguish_nan_and_na
        return column.astype("Float64").mask(column.isna())
    if dtype.kind == "O" and all(isinstance(v, str) for v in column.dropna()):
        return column.astype("string")
    if dtype.kind == "O" and pd.api.types.infer_dtype(column, skipna=True) == "boolean":
        # True/False beside None: 'not b' and 'b and x > 0' read None as False or failed
        return column.astype("boolean")
    return column


def _undecided(result: Any, *operands: Any) -> Any:
    """``result`` missing where an operand is: pandas compares a missing category, date
    (NaT) or object (None) as False, and ``!=`` as True, so ``g != 'a'`` put a row of a
    missing g inside the subpopulation, where the same column as text (or nullable numbers)
    is refused as undecided. Each column keeps its own comparisons otherwise (an ordered
    Categorical's order, dates against a date written as text)."""
    for side in operands:
        if isinstance(side, pd.Series):
            missing = side.isna().to_numpy()
            if missing.any():
                result = result.astype("boolean").mask(missing)
    return result


def _holds_text(column: pd.Series) -> bool:
    """Whether ``column`` holds text only: a text dtype, or objects or categories all str."""
    dtype = column.dtype
    if isinstance(dtype, pd.StringDtype) or (
        isinstance(dtype, pd.ArrowDtype) and dtype.kind == "U"
    ):
        return True
    if isinstance(dtype, pd.CategoricalDtype):
        values: Any = dtype.categories
    elif isinstance(dtype, np.dtype) and dtype.kind == "O":
        values = column.dropna()
    else:
        return False
    return len(values) > 0 and all(isinstance(v, str) for v in values)


def _never_equal(node: ast.AST, column: Any, constants: list[Any], what: str) -> None:
    """Refuse ``==``, ``!=`` or ``in`` between a column of text and a number or True/False,
    or a column of numbers and a text: no value of the one equals the other, so the
    comparison was False (``!=``: True) on every row, and a subpopulation joined to it by
    ``|`` silently another. A column of Python objects that dask's from_pandas stored as
    text ('True', '1') compared as the objects were in memory is the likely case."""
    if not isinstance(column, pd.Series):
        return
    text = _holds_text(column)
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):  # compared by its categories
        dtype = dtype.categories.dtype
    numbers = not text and pd.api.types.is_numeric_dtype(dtype)
    for value in constants:
        if isinstance(value, pd.Series) or not (
            (text and not isinstance(value, str)) or (numbers and isinstance(value, str))
        ):
            continue
        shown = column.dropna()
        example = f" (e.g. {shown.iloc[:1].tolist()[0]!r})" if len(shown) else ""
        kind = (
            "the text"
            if isinstance(value, str)
            else "the boolean"
            if isinstance(value, bool)
            else "the number"
        )
        dask = (
            "; a column of Python objects is stored as text by dask's from_pandas unless "
            "dask.config.set({'dataframe.convert-string': False}) is in force"
            if text
            else ""
        )
        held = "text" if text else "True/False" if pd.api.types.is_bool_dtype(dtype) else "numbers"
        raise DataError(
            f"{what}: {_shown(node)} compares column {column.name!r}, which holds "
            f"{held}{example}, with {kind} {value!r}, which no "
            f"{'text' if text else 'value of it'} equals, so it would be the same on every row; "
            f"write the value as the column holds it{f' ({str(value)!r})' if text else ''}, "
            f"or convert the column first{dask}"
        )


class _Evaluator:
    """Evaluates the allowed nodes; every other node is refused before anything runs on it."""

    def __init__(self, data: pd.DataFrame, quoted: dict[str, str], what: str) -> None:
        self.data = data
        self.quoted = quoted
        self.what = what
        self.names = {str(c): c for c in data.columns}

    def visit(self, node: ast.AST) -> Any:
        handler = getattr(self, f"_{type(node).__name__}", None)
        if handler is None:
            raise _Refused(_shown(node))
        return handler(node)

    def _column(self, name: str) -> pd.Series:
        if name in self.names:
            column = self.data[self.names[name]]
            if isinstance(column, pd.DataFrame):  # a label the data repeat
                raise DataError(
                    f"{self.what}: column {name!r} occurs more than once in the data; rename "
                    "the duplicates"
                )
            refuse_arrow_nan(name, column, self.what, factor=False, condition=True)
            return _missing_carried(column)
        close = difflib.get_close_matches(name, list(self.names), n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise _UnknownColumn(
            f"column {name!r} is not in the data{hint} (columns: "
            f"{', '.join(list(self.names)[:20])})"
        )

    def _Name(self, node: ast.Name) -> Any:
        if node.id in self.quoted:
            return self._column(self.quoted[node.id])
        return self._column(node.id)

    def _Constant(self, node: ast.Constant) -> Any:
        if isinstance(node.value, (bool, int, float, str)):
            return node.value
        raise _Refused(_shown(node))

    def _constants(self, node: ast.AST) -> list[Any]:
        if not isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            raise _Refused(f"{_shown(node)} (expected a list of constants)")
        return [
            self._Constant(e) if isinstance(e, ast.Constant) else self._signed(e) for e in node.elts
        ]

    def _signed(self, node: ast.AST) -> Any:
        if (
            isinstance(node, ast.UnaryOp)
            and isinstance(node.op, (ast.USub, ast.UAdd))
            and isinstance(node.operand, ast.Constant)
            and isinstance(node.operand.value, (int, float))
            and not isinstance(node.operand.value, bool)
        ):
            return self._UnaryOp(node)
        raise _Refused(f"{_shown(node)} (expected a constant)")

    def _BoolOp(self, node: ast.BoolOp) -> Any:
        combine = operator.and_ if isinstance(node.op, ast.And) else operator.or_
        values = [self.visit(v) for v in node.values]
        out = values[0]
        for v in values[1:]:
            out = combine(out, v)
        return out

    def _UnaryOp(self, node: ast.UnaryOp) -> Any:
        value = self.visit(node.operand)
        if isinstance(node.op, (ast.Not, ast.Invert)):
            return ~value if isinstance(value, pd.Series) else not value
        if isinstance(node.op, ast.USub):
            return -value
        if isinstance(node.op, ast.UAdd):
            return +value
        raise _Refused(_shown(node))  # pragma: no cover - every unary operator is above

    def _BinOp(self, node: ast.BinOp) -> Any:
        op = _BINARY.get(type(node.op))
        if op is None:
            raise _Refused(_shown(node))
        left, right = self.visit(node.left), self.visit(node.right)
        # arithmetic on numbers only: text repeated by a number, or an integer raised to a
        # huge power, would take the memory or time of the process
        left, right = _number(left, node), _number(right, node)
        if not isinstance(left, pd.Series) and not isinstance(right, pd.Series):
            left, right = float(left), float(right)
        return op(left, right)

    def _Compare(self, node: ast.Compare) -> Any:
        left = self.visit(node.left)
        out = None
        for op, right_node in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, (ast.In, ast.NotIn)):
                values = self._constants(right_node)
                if not isinstance(left, pd.Series):
                    raise _Refused(f"{_shown(node)} ('in' needs a column on its left)")
                _never_equal(node, left, values, self.what)
                result = left.isin(values)
                result = ~result if isinstance(op, ast.NotIn) else result
                right = None
            else:
                compare = _COMPARE.get(type(op))
                if compare is None:  # 'is', 'is not'
                    raise _Refused(_shown(node))
                right = self.visit(right_node)
                if isinstance(op, (ast.Eq, ast.NotEq)):
                    _never_equal(node, left, [right], self.what)
                    _never_equal(node, right, [left], self.what)
                result = _undecided(compare(left, right), left, right)
            out = result if out is None else out & result
            left = right
        return out

    def _Call(self, node: ast.Call) -> Any:
        func = node.func
        if not (isinstance(func, ast.Attribute) and func.attr in METHODS) or node.keywords:
            raise _Refused(_shown(node))
        column = self.visit(func.value)
        if not isinstance(column, pd.Series):
            raise _Refused(f"{_shown(node)} (a method of something that is not a column)")
        if func.attr == "isin":
            if len(node.args) != 1:
                raise _Refused(f"{_shown(node)} (isin takes one list)")
            values = self._constants(node.args[0])
            _never_equal(node, column, values, self.what)
            return column.isin(values)
        if func.attr == "between":
            if len(node.args) != 2:
                raise _Refused(f"{_shown(node)} (between takes two bounds)")
            low, high = (self.visit(a) for a in node.args)
            if isinstance(low, pd.Series) or isinstance(high, pd.Series):
                raise _Refused(f"{_shown(node)} (the bounds of between must be constants)")
            return _undecided(column.between(low, high), column)
        if node.args:
            raise _Refused(f"{_shown(node)} ({func.attr} takes no arguments)")
        return getattr(column, func.attr)()
