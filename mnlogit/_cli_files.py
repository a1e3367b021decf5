"""The command line's files: the data file or pipe (compressed or not; UTF-8, or UTF-16 or
UTF-32 by their byte-order mark) read into a DataFrame (its delimiter, decimal mark and
missing-value text; the columns of labels read as written) and its columns checked for what a
formula cannot read.
"""

from __future__ import annotations

import argparse
import functools
import lzma
import re
import stat
import sys
import zlib
from pathlib import Path

import numpy as np
import pandas as pd

from . import datasets
from ._cli_archives import check_not_a_workbook, check_not_another_programs, first_bytes, opened
from ._cli_datasets import check_not_a_file
from ._cli_errors import UsageError, one_line, shell_word
from ._cli_header import (
    check_comment_rows,
    check_header,
    check_header_rows,
    check_one_column,
    check_sep,
    check_totals_row,
    check_units_row,
    ends_each_row,
    excel_sep_line,
    refuse_row_names_of_some_rows,
)
from ._cli_outputs import COMPRESSED, tab_separated
from ._cli_roles import cells_said, check_group_spellings
from ._cli_text import (
    check_decoded,
    check_invisible,
    check_quotes_after_spaces,
    check_spaces_after_sep,
    check_stray_quotes,
    check_text_data,
    empty_data,
    file_encoding,
    not_utf8,
    number_reader,
    text_head,
    unreadable_csv,
)
from ._shown_numbers import row_count
from ._terms import factor_only
from ._value_kinds import MISSING_TEXT, accounts_digits, in_number_order, minus_number
from .formula import parse_formula, required_columns

__all__ = [
    "check_counts",
    "check_numbers_with_text",
    "formula_columns",
    "read_data",
]


_TAB_NAMES = {"\\t": "\t", "tab": "\t", "TAB": "\t"}
# a whole number as a program writes it (no plus sign, leading zero or decimals, and not -0,
# which as an integer is 0): it prints as it was written, and such levels sort as numbers
_PLAIN_INTEGER = r"0|-?[1-9][0-9]{0,17}"


def read_data(args: argparse.Namespace) -> pd.DataFrame:
    """The data of ``mnlogit fit`` or ``compare``: the bundled data set ``--dataset`` names,
    or the CSV file ``args.data`` read with its options (see the module's docstring of
    :mod:`mnlogit.__main__`), each refusal a :class:`UsageError` of one line."""
    if args.dataset is not None and args.data is not None:
        raise UsageError(
            f"give either a data file ({args.data!r}) or --dataset {args.dataset}, not both"
        )
    if args.dataset is not None:
        for flag, given in (
            ("--sep", args.sep),
            ("--na-values", args.na_values),
            ("--decimal", args.decimal != "."),
            ("--thousands", args.thousands),
            ("--skip", args.skip),
            ("--encoding", args.encoding),
        ):
            if given:
                raise UsageError(f"{flag} applies to a data file, not to --dataset")
        check_not_a_file(args.dataset, args.command)
        return datasets.load(args.dataset)
    if args.data is None:
        raise UsageError("give a data file (mnlogit fit DATA.csv FORMULA) or --dataset NAME")
    source = _source(args.data)
    shown = "standard input" if args.data == "-" else repr(args.data)
    check_not_another_programs(source, shown)
    compression = _compression(source)
    # a zip's one file beside the entries a Mac adds, which pandas counted as files: read
    # in its place, and checked as the file given is (a workbook, a Stata file, a zip)
    while (member := check_not_a_workbook(source, compression, shown)) is not None:
        name, source = member
        check_not_another_programs(source, f"{name!r} in {shown}", name)
        compression = _compression(source)
    head = check_text_data(text_head(opened(source), compression, 512), source, shown)
    encoding = file_encoding(head, args.encoding)
    named = excel_sep_line(head, encoding)
    if args.sep is not None:
        sep = check_sep(_TAB_NAMES.get(args.sep, args.sep))
    elif named is not None:
        sep = named
    else:
        sep = "\t" if tab_separated(args.data) else ","  # data.tsv.gz too
    for flag, mark in (("--decimal", args.decimal), ("--thousands", args.thousands)):
        if mark is not None and len(mark) != 1:
            raise UsageError(f"{flag}: expected one character such as ',' or '.'; got {mark!r}")
        if mark is not None and (mark.isalnum() or mark in '"\r\n'):
            raise UsageError(
                f"{flag} {_mark_word(mark)}: expected the mark numbers are written with, such "
                "as '.' or ',' (not a letter, a digit, a quote or a line break)"
            )
    if args.thousands is not None and args.thousands == args.decimal:
        raise UsageError(f"--thousands and --decimal are both {args.decimal!r}")
    outcome = parse_formula(args.formula)[0]
    as_written = _columns_as_written(args, outcome)
    # pandas reads a delimiter of several characters as a regular expression, which only the
    # python engine reads (the C engine falls back to it with a ParserWarning); escaped, it is
    # the text given: '||' split every row at every character, and ' | ' at every space
    engine = "python" if len(sep) > 1 else "c"
    layout = {
        "compression": compression,
        "encoding": encoding,
        "sep": re.escape(sep) if len(sep) > 1 else sep,
        "engine": engine,
        "skiprows": max(args.skip, int(named is not None)),
    }
    try:
        formulas = getattr(args, "formulas", None) or [args.formula]
        texts = [*formulas, *(name for name in (args.weights, args.groups) if name)]
        check_header(functools.partial(opened, source), layout, shown, outcome, args.skip, texts)
        options = {
            **layout,
            "dtype": dict.fromkeys(as_written, str),  # "0" and "00", "1" and "1.0" stay apart
            "keep_default_na": False,  # "NA" or "None" may be a level or a category
            "na_values": ["", *args.na_values],
            # pandas' parser takes one-byte marks only, and leaves numbers with another
            # (a no-break space) as text: those are read below
            "decimal": args.decimal if args.decimal.isascii() else ".",
            "thousands": args.thousands if (args.thousands or "").isascii() else None,
        }
        df = pd.read_csv(opened(source), **options)
        if ends_each_row(df):
            options["index_col"] = False
            df = pd.read_csv(opened(source), **options)
        refuse_row_names_of_some_rows(df, functools.partial(opened, source), layout, shown, sep)
        if args.thousands is not None:  # the cells as written, to check their grouping
            text = {"dtype": str, "thousands": None, "decimal": "."}
            written = pd.read_csv(opened(source), **{**options, **text})
    except pd.errors.EmptyDataError:
        reopened = functools.partial(opened, source)
        raise UsageError(empty_data(reopened, layout, shown, args.skip)) from None
    except pd.errors.ParserError as exc:
        reopened = functools.partial(opened, source)
        raise UsageError(unreadable_csv(exc, reopened, layout, shown, sep)) from None
    except UnicodeDecodeError:
        reopened = functools.partial(opened, source)
        raise UsageError(not_utf8(reopened, layout, shown, args.encoding)) from None
    except ImportError as exc:  # zstd without the zstandard package
        raise UsageError(
            f"{shown} is compressed, and reading it needs a package that is not installed: "
            f"{one_line(exc)}"
        ) from None
    except (ValueError, EOFError, OSError, lzma.LZMAError, zlib.error) as exc:
        if isinstance(exc, OSError) and exc.filename is not None:
            raise  # the file itself: cannot be read, named by the caller
        # a damaged or cut-short stream, a tar of several files: pandas' error, traceback
        # and status 1
        how = f" as {compression} data" if compression not in (None, "infer") else ""
        how += f" as --encoding {args.encoding} text" if args.encoding else ""
        raise UsageError(f"{shown} cannot be read{how}: {one_line(exc)}") from None
    if args.groups is not None and args.groups not in as_written and args.groups in df.columns:
        column = {"usecols": [args.groups], "dtype": str, "thousands": None, "decimal": "."}
        spelled = pd.read_csv(opened(source), **{**options, **column})[args.groups]
        check_group_spellings(df[args.groups], spelled, args.groups)
    check_decoded(df, shown, args.encoding)
    check_quotes_after_spaces(df, shown, sep)
    check_spaces_after_sep(df, shown, texts, head, layout)
    check_stray_quotes(df, shown, sep)
    check_comment_rows(df, shown)
    check_header_rows(df, shown)
    check_units_row(df, shown, (args.decimal, args.thousands), layout["skiprows"] + 2, outcome)
    check_totals_row(df, shown, outcome)
    if len(df) == 0:  # was the library's "data: the DataFrame has no rows"
        header = ", ".join(map(str, df.columns[:5])) + (", ..." if df.shape[1] > 5 else "")
        raise UsageError(f"{shown} has a header ({header}) and no rows of data")
    check_one_column(df, shown, sep, outcome)
    for name in as_written:
        if name in df.columns:
            df[name] = _as_written(df[name], args.decimal, args.thousands)
    if not (args.decimal.isascii() and (args.thousands or "").isascii()):
        _read_numbers(df, args.thousands, args.decimal, as_written)
    if args.thousands is not None:
        used = {c for f in formulas for c in formula_columns(f, df)[1]} | {args.weights}
        _check_grouping(df[[c for c in df.columns if c in used]], written, args)
    # rows a fit names (separation's boundary, near-certain rows) by data row, as above
    return df.set_axis(pd.RangeIndex(1, len(df) + 1)) if type(df.index) is pd.RangeIndex else df


def _check_grouping(df: pd.DataFrame, written: pd.DataFrame, args: argparse.Namespace) -> None:
    """Refuse a cell whose thousands separator groups no thousands: pandas drops it wherever
    it stands, so with --thousands ',' decimal commas ('1,5', '4,75') were read as 15, 475."""
    mark, t, d = args.thousands, re.escape(args.thousands), re.escape(args.decimal)
    grouped = rf"[+-]?\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d*)?(?:[eE][+-]?\d+)?"
    for name in df.columns:
        if df[name].dtype.kind not in "iuf" or name not in written.columns:
            continue
        cells = written[name].astype("string").str.strip()
        bad = (cells.str.contains(mark, regex=False) & ~cells.str.fullmatch(grouped)).fillna(False)
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise UsageError(
                f"column {name!r} holds {cells.iloc[row]!r} in data row {row + 1}, which is no "
                f"number with its digits grouped in thousands by --thousands {_mark_word(mark)} "
                f"(that would read it as {cells.iloc[row].replace(mark, '')}): if {mark!r} is "
                f"the decimal mark there, pass {'--decimal' if mark == ',' else 'the right'} "
                f"{repr(mark) if mark == ',' else '--thousands'} instead"
            )


def _read_numbers(
    df: pd.DataFrame, thousands: str | None, decimal: str, as_written: list[str]
) -> None:
    """Read the columns of text that are numbers written with these marks as numbers."""
    for name in df.columns:
        if name in as_written or df[name].dtype.kind in "biufcmM":
            continue
        text = df[name].astype("string").str.strip()
        if thousands is not None:
            text = text.str.replace(thousands, "", regex=False)
        numbers = pd.to_numeric(text.str.replace(decimal, ".", regex=False), errors="coerce")
        if numbers.notna().sum() == text.notna().sum() > 0:
            df[name] = numbers.astype(float)


def _columns_as_written(args: argparse.Namespace, outcome: str) -> list[str]:
    """The columns whose values are labels, read as text as written: the outcome, and the
    columns (the ``--groups`` clusters among them) every formula uses only as ``C(column)``
    or not at all.

    Read as numbers, the codes "0" and "00" (or "1" and "1.0") were one value: two levels of
    a ``C(code)`` factor became one, and two clusters one, with nothing said.
    """
    formulas = getattr(args, "formulas", None) or [args.formula]
    if args.groups is not None and args.groups != outcome:
        # the clusters as if written C(...): labels, unless a formula reads them as numbers
        formulas = [*formulas, f"{formula_word(outcome)} ~ C(Q({args.groups!r}))"]
    return [outcome, *sorted(_categories_only(formulas))]


def _categories_only(formulas: list[str]) -> set[str]:
    """The columns that every formula uses only as ``C(column)`` (or ``C(Q('column'))``)."""
    return factor_only(
        f for text in formulas for term in parse_formula(text)[1].rhs for f in term.factors
    )


def _source(name: str) -> Path | bytes:
    """The data file ``name``, or what a pipe holds (``-`` standard input, ``/dev/stdin``,
    a shell's ``<(...)``) read whole: a pipe is read once, and the file is read twice (its
    header first)."""
    if name == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise UsageError(
                "the data file '-' is standard input, and nothing is piped into it: "
                "e.g. cat data.csv | mnlogit fit - FORMULA"
            )
        return sys.stdin.buffer.read()
    if not name:  # Path('') is the working folder: it was refused as 'a folder'
        raise UsageError(f"the data file's name is {name!r}; give a CSV file, or - for stdin")
    path = Path(name)
    if path.is_file():
        return path
    if not path.exists():  # pandas reads an address; the command line reads files only
        url = re.match(r"[a-z][a-z0-9+.-]*://", name, re.IGNORECASE)
        fetch = "; download it first, or pipe it in: curl -sL ADDRESS | mnlogit fit - FORMULA"
        raise UsageError(f"no such file: {name!r}" + (fetch if url else ""))
    if not stat.S_ISFIFO(path.stat().st_mode):  # a folder, or a device read without end
        raise UsageError(f"{name!r} is {'a folder, ' if path.is_dir() else ''}not a file")
    with open(path, "rb") as pipe:
        return pipe.read()


# the first bytes of the compressed files pandas reads, for data without a file name to go by
_MAGIC = {b"\x1f\x8b": "gzip", b"\xfd7zXZ\x00": "xz", b"PK\x03\x04": "zip", b"(\xb5/\xfd": "zstd"}


def _compression(source: Path | bytes) -> str | None:
    """How the data are compressed: for a file, by its name as pandas infers it (and by its
    first bytes when the name says nothing, as for a gzip file called data.csv); for a pipe,
    by its first bytes."""
    # by the name's end, as pandas infers it: data.gz.csv is read as it is
    if isinstance(source, Path) and source.suffix.lower() in COMPRESSED:
        return "infer"
    head = first_bytes(source)
    if head[:3] == b"BZh" and head[4:10] == b"1AY&SY":
        return "bz2"
    return next((kind for magic, kind in _MAGIC.items() if head.startswith(magic)), None)


def _as_written(column: pd.Series, decimal: str, thousands: str | None) -> pd.Series:
    """A column of labels read as text, as integers when every value is a whole number
    written plainly: each level still prints as written, and they sort as numbers; other
    numbers (2.5, 10.0; 1,200 with --thousands ',') in number order too
    (:func:`in_number_order`): as text, "10.0" came before "2.0" and "1,200" before "900",
    so the default reference and the equations' order were not those of pandas' reading."""
    text = column.dropna()
    if len(text) and text.str.fullmatch(_PLAIN_INTEGER).all():
        return column.astype("Int64")
    return in_number_order(column, decimal, thousands)


def formula_columns(formula: str, df: pd.DataFrame) -> tuple[str, list[str]]:
    """The outcome column and the predictor columns that ``formula`` reads from ``df``."""
    outcome, parsed = parse_formula(formula)
    factors = [f for term in parsed.rhs for f in term.factors]
    return outcome, required_columns(factors, parsed.rhs.required_variables, df.columns)


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
    categories = _categories_only([formula])  # on purpose: "NA" is then a level
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
        _check_minus_signs(df[name], texts, bool(numbers.any()), marks, name == weights)
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
            f"decimal point '.', which --decimal {_mark_word(marks[0])} does not read: leave "
            "out --decimal (the decimal point is the default) if the file writes its numbers so"
        )


# digits grouped in threes ("1,200", "15 000", "1.234.567,5", "1'000", not "0,721") by one
# separator, possibly with decimals after another mark; or a number with a decimal comma
_GROUPED = re.compile(
    r"[+-]?[1-9]\d{0,2}(?P<t>[,. '\u00a0\u202f\u2019])\d{3}(?:(?P=t)\d{3})*(?:(?P<d>[.,])\d*)?"
)
_DECIMAL_COMMA = re.compile(r"[+-]?\d*,\d+")


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
        return f"--thousands {_mark_word(mark)}" + (" --decimal ','" if decimal == "," else "")
    return "--decimal ','" if _DECIMAL_COMMA.fullmatch(text) else ""


def _mark_word(mark: str) -> str:
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
