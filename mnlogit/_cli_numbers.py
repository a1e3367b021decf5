"""The command line's columns of numbers, checked before the fit: text among a predictor's or
the weights' numbers ("NA", "."), numbers written with a thousands separator, a decimal comma,
a unit, the minus sign U+2212 or as accounts write negatives ('(9,806.0)'), weights that are
not whole, and infinite numbers, each refused naming the value, its data row and the option
or step that reads it."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from ._cli_errors import UsageError, shell_word
from ._cli_roles import cells_said
from ._cli_text import check_invisible, number_reader
from ._shown_numbers import row_count
from ._terms import factor_only
from ._value_kinds import MISSING_TEXT, accounts_digits, minus_number
from .formula import parse_formula

__all__ = [
    "categories_only",
    "check_counts",
    "check_numbers_with_text",
    "formula_word",
    "mark_word",
]


def categories_only(formulas: list[str]) -> set[str]:
    """The columns that every formula uses only as ``C(column)`` (or ``C(Q('column'))``)."""
    return factor_only(
        f for text in formulas for term in parse_formula(text)[1].rhs for f in term.factors
    )


def check_numbers_with_text(
    df: pd.DataFrame,
    formula: str,
    predictors: list[str],
    weights: str | None = None,
    marks: tuple[str, str | None] = (".", None),
) -> None:
    """Refuse a predictor or weights column of numbers with a few cells of text in it, such
    as "NA" or ".": read with only empty cells missing, it would be text, and a factor of
    every value (the library's message then quoted a weight of '1' as the bad value). And
    one with an infinite number ("Inf", or "1e400" past the float range), by its row.
    ``marks``: the decimal mark and thousands separator the file was read with."""
    categories = categories_only([formula])  # on purpose: "NA" is then a level
    for name in [*predictors, *([weights] if weights else [])]:
        if name in df.columns and df[name].dtype.kind == "f":
            _check_finite(df[name], name == weights)
        if name not in df.columns or df[name].dtype.kind in "biufcmM":
            continue
        if name != weights and name in categories:
            continue
        values = df[name].dropna().astype(str)
        numbers = number_reader(marks)(values)
        # weights are counts: no formula reads them as categories
        what = "--weights column" if name == weights else "column"
        todo = "" if name == weights else _as_categories(name)
        check_invisible(f"{what} {name!r}", values[~numbers], todo, number_reader(marks))
        _check_formula_cells(f"{what} {name!r}", df[name], values, numbers, marks)
        texts = pd.Series(values[~numbers].unique(), dtype=object).str.strip()
        _check_decimal_points(name, texts, marks)
        grouped = texts.str.fullmatch(_GROUPED) | texts.str.fullmatch(_DECIMAL_COMMA)
        # few to look at; first one only a decimal comma reads ('-0,721': not "1,200 or 12,5")
        readable = [(e, o) for e in texts[grouped] if (o := _reading_options(e, name == weights))]
        for example, options in sorted(readable, key=lambda f: " or " in f[1])[:1]:
            raise UsageError(
                f"{what} {name!r} holds numbers written with a thousands separator or a "
                f"decimal comma (e.g. {example!r}): pass {options}{todo}"
            )
        texts = values[~numbers].value_counts()
        _check_units(f"{what} {name!r}", texts, todo)
        _check_unit_words(f"{what} {name!r}", texts, todo)
        _check_minus_signs(df[name], texts, bool(numbers.any()), marks, name == weights)
        if name != weights:
            _check_truth_words(df[name], name, values[numbers], texts, ~numbers)
        # most cells numbers, or some beside only text meaning missing (60% 'NA' was left
        # to the library, whose advice was Python code, after a note that it was a level)
        missing = pd.Series(texts.index).str.strip().str.lower().isin(MISSING_TEXT).all()
        mostly = numbers.sum() > (~numbers).sum()
        # any number of texts: past three, the library's advice was Python code
        if (mostly or (numbers.any() and missing)) and len(texts):
            more = f", and {len(texts) - 8} other texts" if len(texts) > 8 else ""
            found = cells_said(df[name], texts, (~numbers).to_numpy())
            if name == weights:
                raise UsageError(
                    f"--weights column {name!r} holds numbers and the text {found}: every row "
                    "needs a number as its weight (a missing weight does not drop its row); "
                    "write 0 to leave a row out"
                )
            raise UsageError(
                f"column {name!r} holds numbers and the text {found}: if that text marks "
                f"missing values, add --na-values {' '.join(map(shell_word, texts.index[:8]))}"
                f"{' ...' if more else ''}; "
                f"to use the column as categories, write C({formula_word(name)}) in the formula"
            )
        if name == weights and len(texts):  # a column of labels: no number to read
            raise UsageError(
                f"--weights column {name!r} holds text (e.g. {texts.index[0]!r}), not numbers: "
                "frequency weights are whole numbers, each the count of rows its row stands for"
            )


# a cell as a spreadsheet formula giving its text, ="0.833": web applications export numbers
# (and codes with leading zeros) so for Excel, which shows the value; and a number after an
# apostrophe, '-12.6, as exports that guard cells against spreadsheet formulas write those
# starting with '-' or '+' (and spreadsheets mark numbers kept as text)
_TEXT_CELLS = {
    re.compile(r'\s*="(.*)"\s*'): (
        "as spreadsheet formulas",
        "open the file in a spreadsheet and save it as CSV again (it saves their values), or "
        'remove the ="..." around the numbers in the file',
    ),
    re.compile(r"\s*'(.*)"): (
        "after an apostrophe, as exports guarding cells against spreadsheet formulas write them",
        "remove the apostrophe before each number in the file (they are not missing values)",
    ),
}


def _check_formula_cells(
    what: str, column: pd.Series, values: pd.Series, numbers: pd.Series, marks: tuple
) -> None:
    """Refuse numbers written as spreadsheet formulas (="0.833"), or after an apostrophe
    ('-12.6): text to a formula, the column was fitted as a factor with a level per value,
    with nothing said but the separation its levels caused, or, beside numbers, its cells
    advised to be read as missing values (each negative number's row dropped)."""
    for shape, (how, todo) in _TEXT_CELLS.items():
        formulas = values[~numbers].str.fullmatch(shape)
        if not formulas.any():
            continue
        inner = values[~numbers][formulas].str.replace(shape, r"\1", regex=True)
        if not number_reader(marks)(inner).all():
            continue
        cells = (~numbers).to_numpy().copy()
        cells[cells] = formulas.to_numpy()
        first = int(np.flatnonzero(column.notna().to_numpy())[np.argmax(cells)])
        raise UsageError(
            f"{what} holds numbers written {how} ({column.iloc[first]!r} in data row "
            f"{first + 1}, {row_count(int(cells.sum()))}), which are text to a formula: {todo}"
        )


_TRUTH_WORDS = {"true": 1, "false": 0, "yes": 1, "no": 0}


def _check_truth_words(
    column: pd.Series, name: str, numbers: pd.Series, texts: pd.Series, cells: pd.Series
) -> None:
    """Refuse a column of truth values written both as 1 and 0 and as words (TRUE, no), as
    files joined from two programs hold them: the words were advised to be read as missing
    (--na-values TRUE FALSE, dropping their rows), or, when most cells were words, made
    missing "first"; each word stands for a number the file writes elsewhere."""
    words = pd.Series(texts.index).str.strip().str.casefold()
    if not (len(words) and words.isin(list(_TRUTH_WORDS)).all()):
        return
    if (
        not len(numbers)
        or not pd.to_numeric(numbers.str.strip(), errors="coerce").isin([0, 1]).all()
    ):
        return
    written = ", ".join(map(repr, sorted(numbers.str.strip().unique())[:2]))
    meant = "; ".join(f"{t!r} as {_TRUTH_WORDS[t.strip().casefold()]}" for t in texts.index[:4])
    raise UsageError(
        f"column {name!r} writes truth values both as numbers ({written}) and as words "
        f"({cells_said(column, texts, cells.to_numpy(), 4)}), which a formula cannot read as "
        f"one column: write them one way in the file, e.g. {meant}"
    )


def _check_decimal_points(name: str, texts: pd.Series, marks: tuple[str, str | None]) -> None:
    """Refuse numbers written with a decimal point that the decimal mark given does not read
    ('0.99' beside --decimal ','): a '.' before other than three digits groups no thousands,
    and '-1.341' was advised to be read with --thousands '.', as -1341."""
    if marks[0] == "." or marks[1] == ".":
        return
    point = texts.str.fullmatch(r"[+-]?\d*\.(?:\d{1,2}|\d{4,})(?:[eE][+-]?\d+)?").fillna(False)
    if point.any():
        raise UsageError(
            f"column {name!r} holds {texts[point].iloc[0]!r}, a number written with the "
            f"decimal point '.', which --decimal {mark_word(marks[0])} does not read: leave "
            "out --decimal (the decimal point is the default) if the file writes its numbers so"
        )


# digits grouped in threes ("1,200", "15 000", "1.234.567,5", "1'000", not "0,721") by one
# separator, possibly with decimals after another mark; or a number with a decimal comma
_GROUPED = re.compile(
    r"[+-]?[1-9]\d{0,2}(?P<t>[,. '\u00a0\u202f\u2019])\d{3}(?:(?P=t)\d{3})*(?:(?P<d>[.,])\d*)?"
)
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+(?:[eE][+-]?\d+)?")


def _reading_options(text: str, whole: bool = False) -> str:
    """The options that read ``text`` as the number it is written as, or "" when it is not
    a number written with a thousands separator or a decimal comma. Read as text, a column
    of such numbers became a factor with a level per value, fitted with nothing said. Of a
    column of ``whole`` numbers (frequency weights), 1,200 is read by --thousands alone:
    --decimal read it 1.2, which was refused as a weight that is not whole."""
    grouped = _GROUPED.fullmatch(text)
    if grouped and grouped["d"] != grouped["t"]:
        mark, decimal = grouped["t"], grouped["d"]
        if mark == "," and decimal is None and whole:
            return "--thousands ','"
        if mark == "," and decimal is None:  # 1,200 or 1,2: the file's other numbers tell
            return "--thousands ',' (1,200) or --decimal ',' (12,5)"
        return f"--thousands {mark_word(mark)}" + (" --decimal ','" if decimal == "," else "")
    return "--decimal ','" if _DECIMAL_COMMA.fullmatch(text) else ""


def mark_word(mark: str) -> str:
    """A separator as a shell word; one that is hard to type (a no-break space) as bash's
    $'\\uXXXX'."""
    if not mark.isascii():
        return f"$'\\u{ord(mark):04x}'"
    return '"\'"' if mark == "'" else f"'{mark}'"


# a number with a unit: a currency before it, or a currency, percent or per mille sign after
# it (as '1.234,56 €' in the CSV of a German, French or Spanish Excel)
_CURRENCY = "$€£¥₹₽₩₺₫₪₱₴₦฿"
_UNIT = rf"([+-]?)\s*([{_CURRENCY}])?\s*([^{_CURRENCY}%‰]*?)\s*([{_CURRENCY}%‰])?"


def _check_units(name: str, counts: pd.Series, todo: str) -> None:
    """Refuse a column most of whose cells are numbers with a unit ("12%", "$1,200"): as
    text, it became a factor with a level per value, fitted with nothing said. ``name``: the
    column as the message names it; ``counts``: the rows of each text that is not a plain
    number; ``todo``: what else may be done."""
    texts = pd.Series(counts.index, dtype=object)
    parts = texts.str.strip().str.extract(f"^{_UNIT}$")
    one_unit = parts[1].notna() != parts[3].notna()
    number = (parts[0] + parts[2]).where(one_unit, "")
    plain = pd.to_numeric(number, errors="coerce").notna()
    grouped = number.str.fullmatch(_GROUPED) | number.str.fullmatch(_DECIMAL_COMMA)
    units = np.flatnonzero(one_unit & (plain | grouped))
    if not len(units) or counts.iloc[units].sum() * 2 <= counts.sum():
        return
    first = units[0]
    unit = parts.loc[first, 1] if pd.notna(parts.loc[first, 1]) else parts.loc[first, 3]
    raise UsageError(
        f"{name} holds numbers written with {unit!r} (e.g. {texts[first]!r}), which are text "
        f"to a formula: remove the {unit!r} from the file's cells{todo}"
    )


# a number and a unit after it written in letters ('2.5 h', '70kg', '12 months', '37 °C')
_UNIT_WORD = re.compile(
    r"\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+))\s*((?:[^\W\d_]|[°µ])[^\d\s]{0,11})\s*"
)


def _check_unit_words(name: str, counts: pd.Series, todo: str) -> None:
    """Refuse a column most of whose rows are numbers with one unit written after them in
    letters ("2.5 h", "70 kg"): as text, it was a factor with a level per value, fitted with
    nothing said (but the separation its levels caused). Arguments as for
    :func:`_check_units`."""
    parts = pd.Series(counts.index, dtype=object).astype(str).str.extract(f"^{_UNIT_WORD.pattern}$")
    parts = parts.set_axis(counts.index)
    if parts[1].isna().all():
        return
    unit = parts[1].value_counts().index[0]
    rows = counts[(parts[1] == unit).to_numpy()]
    if rows.sum() * 2 <= counts.sum():
        return
    raise UsageError(
        f"{name} holds numbers written with the unit {unit!r} (e.g. {rows.index[0]!r}, "
        f"{row_count(int(rows.sum()))}), which are text to a formula: remove the unit from "
        f"the file's cells (it may go in the column's name){todo}"
    )


def _as_categories(name: str) -> str:
    return f"; to use the column as categories, write C({formula_word(name)}) in the formula"


def check_counts(df: pd.DataFrame, weights: str | None) -> None:
    """Refuse a ``--weights`` column of numbers that are not whole: the library's refusal
    advised ``weight_type='probability'``, a keyword the command line has no flag for."""
    if weights is None or weights not in df.columns or df[weights].dtype.kind != "f":
        return
    values = df[weights].to_numpy()
    fractional = np.isfinite(values) & (values != np.round(values))
    if not fractional.any() or (values < 0).any():  # 'round them' of -0.5: refused as < 0
        return
    row = int(np.argmax(fractional))
    fix = "Round them if they are counts" if np.nanmax(np.round(values)) else "Rounded, all are 0"
    raise UsageError(
        f"--weights column {weights!r} holds {float(values[row])!r} in data row {row + 1} "
        f"({row_count(fractional.sum())} in all): the command line fits frequency weights, whole "
        f"numbers that count the observations each row stands for. {fix}; sampling "
        "weights are fitted in Python: mnlogit.fit(formula, df, "
        f"weights={weights!r}, weight_type='probability')"
    )


def _check_minus_signs(
    column: pd.Series,
    counts: pd.Series,
    numbers: bool,
    marks: tuple[str, str | None],
    weights: bool,
) -> None:
    """Refuse numbers written with the minus sign U+2212 (a word processor's), which were
    advised to be read as missing values (--na-values '−1'); and accounting-style negative
    numbers, '(1.5)' or '1.5-', beside numbers or alone, which the library's refusal advised
    making missing in Python, as every negative number would have been; with digits grouped
    in thousands, '(9,806.0)', they were advised so here. ``counts``: the rows of each text
    of ``column`` that is not a number; ``marks``: the file's decimal mark and thousands
    separator. A column of such texts alone may be labels ('(1)', '(2)'), to be read as
    categories. Negative numbers are no weights: a ``weights`` column was advised to write
    them with a minus sign, which was then refused as negative weights."""
    name = column.name
    what = f"--weights column {name!r}" if weights else f"column {name!r}"
    found = [value for value in counts.index if minus_number(value)]  # distinct values
    if found:
        raise UsageError(
            f"{what} holds {found[0]!r}, a number written with the minus sign '−' (U+2212)"
            + (
                f": {_NO_NEGATIVE_WEIGHTS}"
                if weights
                else ": replace it by '-' in the file (sed 's/−/-/g')"
            )
        )
    accounts = {v: n for v in counts.index if (n := _accounts_number(str(v), marks))}
    if not accounts or not (numbers or len(accounts) == len(counts)):
        return
    value, number = next(iter(accounts.items()))
    row = int(np.flatnonzero((column.astype("string") == value).fillna(False).to_numpy())[0])
    others = len(accounts) - 1
    more = f", and {others} other such text{'s' if others > 1 else ''}" if others else ""
    said = (
        f"{what} holds {value!r} in data row {row + 1}{more}: an accounting-style negative "
        "number (in parentheses, or with its minus sign after it)"
    )
    if weights:
        raise UsageError(f"{said}, that is {number}: {_NO_NEGATIVE_WEIGHTS}")
    labels = (
        f"; if they are labels, not negative numbers, write C({formula_word(name)}) in the formula"
        if not numbers
        else ""
    )
    raise UsageError(
        f"{said}, which is text to a formula: write the negative numbers with a leading "
        f"minus sign in the file, as {number}, e.g. in the spreadsheet by a number format "
        f"without parentheses before saving it as CSV{labels}"
    )


# a weight written as a negative number: the advice to write it with a minus sign led to the
# refusal of negative weights
_NO_NEGATIVE_WEIGHTS = (
    "frequency weights count the observations each row stands for, so they are 0 or more, "
    "and this one would be negative: check that --weights names the column of counts, and "
    "correct the file's weights (0 leaves a row out)"
)


def _accounts_number(text: str, marks: tuple[str, str | None]) -> str:
    """The number the accounting-style negative ``text`` ('(9,806.0)', '12-') writes, as the
    file writes a plain number with its decimal mark ('-9806.0'); "" when it is none."""
    inner = accounts_digits(text)
    if not inner:
        return ""
    decimal, thousands = marks
    if number_reader(marks)(pd.Series([inner], dtype=object)).iloc[0]:
        plain = inner.replace(thousands, "") if thousands else inner
        return "-" + plain.strip().lstrip("+")
    # digits grouped in thousands, which the file's reading (without --thousands) does not
    # read: the number they write, without its separator
    grouped = _GROUPED.fullmatch(inner)
    if grouped is None or grouped["t"] == grouped["d"]:
        return ""
    if (grouped["d"] or decimal) != decimal or grouped["t"] == decimal:
        return ""  # '(1.234,5)' beside the decimal point: which mark is which is unclear
    return "-" + inner.replace(grouped["t"], "").lstrip("+")


def _check_finite(column: pd.Series, weights: bool) -> None:
    """Refuse a column with an infinite number, naming its first row: the fit's own message
    could name only the column, and a cell written 1e400 is not found by searching for inf."""
    infinite = np.isinf(column.to_numpy())
    if not infinite.any():
        return
    row = int(np.argmax(infinite))
    what = f"--weights column {column.name!r}" if weights else f"column {column.name!r}"
    todo = (
        "write 0 to leave the row out"
        if weights
        else "leave the cell empty (or add its text to --na-values) to drop the row"
    )
    raise UsageError(
        f"{what} holds {column.iloc[row]:g} in data row {row + 1} ({row_count(infinite.sum())} "
        "in all): a number written as inf, or past the float range (+-1.8e308) such as 1e400, "
        f"cannot be fitted; correct it, or {todo}"
    )


def formula_word(name: str) -> str:
    """A column name as a formula writes it: in backticks unless it is an identifier."""
    return name if name.isidentifier() else f"`{name}`"
