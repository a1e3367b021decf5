"""What the distinct values of a column of Python objects or text are: numbers, text that
reads as a number (``"12.5"``, ``"1,200"``), text meaning missing (``"NA"``), or words. What
:func:`mnlogit._columns.column_role` decides a column's role from, for pandas and Dask alike."""

from __future__ import annotations

import numbers
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._levels import distinct_labels

__all__ = [
    "COMMA_NUMBER",
    "MISSING_TEXT",
    "ValueKinds",
    "accounts_digits",
    "accounts_negative",
    "in_number_order",
    "minus_number",
    "temporal_values",
    "value_kinds",
]

# text that data files use for a missing value
MISSING_TEXT = frozenset(
    {"", ".", "-", "?", "na", "n/a", "nan", "null", "none", "missing", "#n/a", "nil"}
)
_SHOWN = 5  # values quoted in a message
_NUMBER_KINDS = ("integer", "floating", "mixed-integer-float", "decimal")
# pandas' inferred kinds of object columns of dates, times of day and time spans
_TEMPORAL_KINDS = ("date", "time", "datetime", "datetime64", "timedelta", "timedelta64", "period")


@dataclass(frozen=True)
class ValueKinds:
    """What the distinct non-missing values of a column are: a few of each kind, in order of
    appearance. Kinds of several parts of a column (a dask DataFrame's partitions) add up."""

    numbers: tuple = ()  # numbers (not text)
    numeric_text: tuple = ()  # text that reads as a number: "12.5", " 3"
    missing_text: tuple = ()  # text meaning missing: "NA", ".", "" (blank text first)
    other: tuple = ()  # words and other objects

    def __add__(self, other: ValueKinds) -> ValueKinds:
        def join(a: tuple, b: tuple) -> tuple:
            return tuple(dict.fromkeys((*a, *b)))[:_SHOWN]

        return ValueKinds(
            join(self.numbers, other.numbers),
            join(self.numeric_text, other.numeric_text),
            join(*_blank_first(self.missing_text, other.missing_text)),
            join(self.other, other.other),
        )


def _blank_first(*parts: tuple) -> tuple[tuple, tuple]:
    """The values of ``parts`` (text meaning missing) as two parts, the blank text ('', '  ')
    of them all, then the rest: blank text is refused beside categories, so it must not be
    left out of the few values kept, as a blank cell after five other kinds of missing text
    ('NA', 'n/a', ...) was, and fitted as a level of its own."""
    values = [v for part in parts for v in part]
    blank = tuple(v for v in values if not str(v).strip())
    return blank, tuple(v for v in values if str(v).strip())


def _first(values: pd.Series, mask: Any) -> tuple:
    """The first values of ``mask``, numpy's numbers as Python's: a dask partition's column
    of int64 beside others of words was quoted as 'e.g. np.int64(3)' where memory says 3."""
    shown = values[np.asarray(mask, dtype=bool)].iloc[:_SHOWN].tolist()
    return tuple(v.item() if isinstance(v, (np.number, np.bool_)) else v for v in shown)


def value_kinds(column: pd.Series) -> ValueKinds:
    """The :class:`ValueKinds` of a column of Python objects or text.

    Read from the column's distinct values, all of them: a column of words read from its
    first 1000 rows only took a number or a blank cell past them for a level of its own
    (sorted first, the baseline), where one among them was refused, and a dask partition
    starting near it refused it.
    """
    if column.dtype == object and pd.api.types.infer_dtype(column, skipna=True) in _NUMBER_KINDS:
        return ValueKinds(numbers=tuple(column.dropna().iloc[:_SHOWN].tolist()))
    # True and 1 are one value to pandas: booleans read beside numbers whichever comes first
    return _kinds_of(distinct_labels(column, list(column.dropna().unique())))


def temporal_values(column: pd.Series) -> str | None:
    """What dates, times of day or time spans a column holds as Python objects
    (``"datetime.time values"``), else None. Read as they are, each distinct value would be a
    level of a factor, where a datetime64 column of the same values is refused as no number
    or category.

    Examples
    --------
    >>> import datetime
    >>> temporal_values(pd.Series([datetime.time(9), datetime.time(17)]))
    'datetime.time values'
    >>> temporal_values(pd.Series(["9:00", "17:00"])) is None
    True
    """
    if column.dtype.kind != "O":
        return None
    if pd.api.types.infer_dtype(column, skipna=True) not in _TEMPORAL_KINDS:
        return None
    first = column.dropna().iloc[0]
    return f"{type(first).__module__.split('.')[0]}.{type(first).__name__} values"


def _kinds_of(distinct: Any) -> ValueKinds:
    values = pd.Series(distinct, dtype=object)
    is_text = values.map(type).isin((str, np.str_)).to_numpy()
    is_number = (
        ~is_text
        & values.map(lambda v: isinstance(v, numbers.Number) and not isinstance(v, bool))
        .astype(bool)
        .to_numpy()
    )
    text = values[is_text].astype(str).str.strip()
    missing = text.str.lower().isin(MISSING_TEXT).to_numpy()
    parsed = pd.to_numeric(text.where(~missing), errors="coerce").notna().to_numpy().copy()
    # "1,200" (a thousands separator) and "12,5" (a decimal comma) are numbers too, which
    # read as words would make a factor with a level per value
    parsed |= text.str.fullmatch(COMMA_NUMBER).fillna(False).to_numpy(dtype=bool)
    numeric_text = np.zeros(len(values), dtype=bool)
    numeric_text[is_text] = parsed & ~missing
    missing_text = np.zeros(len(values), dtype=bool)
    missing_text[is_text] = missing
    blank = np.zeros(len(values), dtype=bool)
    blank[is_text] = (text == "").to_numpy()
    # blank text first: of the few values kept, it is the one refused beside categories
    shown_missing = _first(values, missing_text & blank) + _first(values, missing_text & ~blank)
    return ValueKinds(
        numbers=_first(values, is_number),
        numeric_text=_first(values, numeric_text),
        missing_text=shown_missing[:_SHOWN],
        other=_first(values, ~(is_number | numeric_text | missing_text)),
    )


# a number written with a thousands separator ("1,200", and "15 000", "1'000" with a space,
# a no-break space or an apostrophe, which read as words made a factor) or a decimal comma
COMMA_NUMBER = (
    r"[+-]?(?:\d{1,3}(?P<t>[, '\u00a0\u202f\u2019])\d{3}(?:(?P=t)\d{3})*(?:[.,]\d*)?|\d+,\d+)"
)


def minus_number(value: Any) -> bool:
    """Whether ``value`` is text of a number written with the minus sign U+2212."""
    text = str(value).strip()
    if "\u2212" not in text:
        return False
    return bool(pd.notna(pd.to_numeric(text.replace("\u2212", "-"), errors="coerce")))


# a negative number as accounts write it: in parentheses, or with its minus sign after it
_ACCOUNTS = re.compile(r"\(\s*([^()\s-][^()]*?)\s*\)|([^\s-].*?)\s*-")


def accounts_digits(value: Any) -> str:
    """The text inside an accounting-style negative number ("12.5" of "(12.5)" or of
    "12.5-", as SAP exports it), whether or not it is a number; "" for other text."""
    found = _ACCOUNTS.fullmatch(str(value).strip())
    return "" if found is None else found.group(1) or found.group(2)


def accounts_negative(value: Any) -> bool:
    """Whether ``value`` is text of a negative number written as accounts write it, "(12.5)"
    or "12.5-" (as SAP exports it)."""
    number = accounts_digits(value)
    return bool(number) and bool(pd.notna(pd.to_numeric(number, errors="coerce")))


def in_number_order(
    column: pd.Series, decimal: str = ".", thousands: str | None = None
) -> pd.Series:
    """A column of labels read as text whose every text writes a number ("2.5", "10.0"), in
    the order of those numbers: as floats when each text is how Python writes its float (a
    file pandas wrote), so that the levels are those of the file read by pandas; else as
    categories of the texts in number order ("2", "2.5", "10", as R writes them). Returned
    as it is unless each text reads as a finite number that no other text writes ("1"
    beside "1.0" are two labels). ``decimal``: the file's decimal mark ("2,5"); beside
    another, a "." is no number's. ``thousands``: the file's thousands separator, read in a
    text whose digits it groups in threes ("1,200" is 1200, and after "900", as pandas'
    ``read_csv(thousands=",")`` orders them); a text it stands in otherwise is no number."""
    distinct = pd.unique(column.dropna().to_numpy(dtype=object))
    written = pd.Series(distinct, dtype=object).astype(str).str.strip()
    if thousands is not None:
        t, d = re.escape(thousands), re.escape(decimal)
        grouped = written.str.fullmatch(rf"[+-]?\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d*)?")
        ungrouped = written.str.contains(thousands, regex=False) & ~grouped
        written = written.str.replace(thousands, "", regex=False).where(~ungrouped, "")
    if decimal != ".":
        written = written.where(~written.str.contains(".", regex=False), "")
        written = written.str.replace(decimal, ".", regex=False)
    numbers = pd.to_numeric(written, errors="coerce").to_numpy(float)
    if not len(distinct) or not np.isfinite(numbers).all():
        return column
    if len(np.unique(numbers)) < len(distinct):
        return column
    if all(repr(x) == t for x, t in zip(numbers.tolist(), distinct, strict=True)):
        return column.astype(np.float64)
    order = [distinct[i] for i in np.argsort(numbers, kind="stable")]
    return column.astype(pd.CategoricalDtype(order))
