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
from ._alike import first_few
from ._cli_archives import check_not_a_workbook, check_not_another_programs, first_bytes, opened
from ._cli_datasets import check_not_a_file
from ._cli_errors import UsageError, one_line
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
from ._cli_numbers import categories_only, formula_word, mark_word
from ._cli_outputs import COMPRESSED, tab_separated
from ._cli_roles import check_group_spellings
from ._cli_text import (
    check_decoded,
    check_quotes_after_spaces,
    check_spaces_after_sep,
    check_stray_quotes,
    check_text_data,
    empty_data,
    file_encoding,
    not_utf8,
    text_head,
    unreadable_csv,
)
from ._value_kinds import in_number_order
from .formula import parse_formula, required_columns

__all__ = ["formula_columns", "read_data"]


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
                f"{flag} {mark_word(mark)}: expected the mark numbers are written with, such "
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
    pattern = re.escape(sep) if len(sep) > 1 else sep
    if len(sep) > 1 and sep.rstrip() != sep and len(sep.rstrip()) == 1:
        # the python engine strips each line: '; ' ending a line whose last field is empty
        # is ';', which left '2.5;' as the field before it, and the last field missing
        pattern += f"|{re.escape(sep.rstrip())}$"
    layout = {
        "compression": compression,
        "encoding": encoding,
        "sep": pattern,
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
        if engine == "c":
            # the whole column's type, not each block of rows' (2**20 cells): a column of
            # TRUE and FALSE whose other text first came further on read as True (a bool)
            # in its first rows and 'TRUE' (text) after them, two levels with a warning that
            # the file wrote one truth value two ways, and pandas' DtypeWarning
            options["low_memory"] = False
        df = pd.read_csv(opened(source), **options)
        if ends_each_row(df):
            options["index_col"] = False
            df = pd.read_csv(opened(source), **options)
        refuse_row_names_of_some_rows(df, functools.partial(opened, source), layout, shown, sep)
        # the cells as written: to check their grouping, and the points that pandas' C
        # parser leaves in text beside --decimal ',', which the python parser and pandas'
        # '.' (a mark it cannot take given) read as decimal points
        points = "." not in (args.decimal, args.thousands)
        lenient = points and (engine == "python" or not args.decimal.isascii())
        if args.thousands is not None or lenient:
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
    if engine == "python":
        roles = {outcome, args.weights, args.groups}
        used = {c for f in formulas for c in formula_columns(f, df)[1]} | roles
        _refuse_kept_quotes(df, shown, sep, used)
    check_decoded(df, shown, args.encoding)
    check_quotes_after_spaces(df, shown, sep)
    check_spaces_after_sep(df, shown, texts, head, layout)
    check_stray_quotes(df, shown, sep)
    check_comment_rows(df, shown)
    check_header_rows(df, shown)
    check_units_row(df, shown, (args.decimal, args.thousands), layout["skiprows"] + 2, outcome)
    check_totals_row(df, shown, outcome)
    if len(df) == 0:  # was the library's "data: the DataFrame has no rows"
        header = first_few(df.columns, 5, str)
        raise UsageError(f"{shown} has a header ({header}) and no rows of data")
    _check_aligned(df, shown, sep, outcome)
    check_one_column(df, shown, sep, outcome)
    for name in as_written:
        if name in df.columns:
            df[name] = _as_written(df[name], args.decimal, args.thousands)
    if lenient:
        _points_as_text(df, written, as_written)
    # pandas' python parser reads no decimal comma before an exponent ('7,84E+03')
    if lenient or not (args.decimal.isascii() and (args.thousands or "").isascii()):
        _read_numbers(df, args.thousands, args.decimal, as_written)
    if args.thousands is not None:
        used = {c for f in formulas for c in formula_columns(f, df)[1]} | {args.weights}
        _check_grouping(df[[c for c in df.columns if c in used]], written, args)
    # rows a fit names (separation's boundary, near-certain rows) by data row, as above
    return df.set_axis(pd.RangeIndex(1, len(df) + 1)) if type(df.index) is pd.RangeIndex else df


def _refuse_kept_quotes(df: pd.DataFrame, shown: str, sep: str, used: set[str]) -> None:
    """Refuse a file read with a --sep of several characters whose header or ``used``
    columns hold quoted fields: pandas' python parser reads no quotes beside such a
    delimiter, so they kept theirs; a header of '"y"' was refused as the outcome missing,
    and a column of numbers written '"67"' was fitted as a factor with a level per value."""
    names = [str(name) for name in df.columns]
    quoted = [f"its header names {n!r}" for n in names if re.fullmatch('".*"', n, re.DOTALL)]
    for name in [name for name in df.columns if name in used]:
        if df[name].dtype.kind in "biufcmM" or quoted:
            continue
        cells = df[name].dropna().astype(str)
        cells = cells[cells.str.fullmatch('".*"', flags=re.DOTALL)]
        quoted += [f"column {name!r} holds {cells.iloc[0]!r}"] if len(cells) else []
    if quoted:
        raise UsageError(
            f"{shown}: {quoted[0]}, quotes and all: a --sep of several characters "
            f"({sep!r}) reads no quotes, so quoted fields keep theirs; write the file with a "
            "delimiter of one character (quoting the fields that hold it), and give that --sep"
        )


def _check_aligned(df: pd.DataFrame, shown: str, sep: str, outcome: str) -> None:
    """Refuse a file whose fields are aligned by runs of spaces (R's and pandas' printed
    tables, many .dat files), which no delimiter reads: it was refused as "column 'y' is not
    in the data (columns: y      x       z)", and with --sep ' ' each further space read as
    an empty field, the rows' numbers in the wrong columns or missing."""
    names = [str(name) for name in df.columns]
    if sep == " ":
        # pandas names the empty name between two spaces 'Unnamed: k'; one ending the
        # header is a space ending each line
        empty = [name.startswith("Unnamed: ") for name in names]
        named = [name for name, e in zip(names, empty, strict=True) if not e]
        runs = outcome in named and True in empty[: len(names) - empty[::-1].index(False)]
    else:
        named = names[0].split()
        runs = len(names) == 1 and "  " in names[0] and outcome in named
    if runs:
        raise UsageError(
            f"{shown}: the names of its header ({first_few(named, 4, str)}) stand apart by "
            "runs of spaces, as in an aligned table, which no --sep reads (one delimiter "
            "stands between each two fields): save it as CSV, or make each run a tab: "
            "sed -E 's/^ +//' FILE | tr -s ' ' '\\t' > NEW.tsv"
        )


def _check_grouping(df: pd.DataFrame, written: pd.DataFrame, args: argparse.Namespace) -> None:
    """Refuse a cell whose thousands separator groups no thousands: pandas drops it wherever
    it stands, so with --thousands ',' decimal commas ('1,5', '4,75') were read as 15, 475,
    and, a group of thousands never coming after a leading 0, '0.833' with --thousands '.'
    (a column written with decimal points beside others with decimal commas) as 833."""
    mark, t, d = args.thousands, re.escape(args.thousands), re.escape(args.decimal)
    # no exponent: '4.523E+03' beside --thousands '.' is a decimal point, not 4523E+03
    grouped = rf"[+-]?[1-9]\d{{0,2}}(?:{t}\d{{3}})+(?:{d}\d*)?"
    for name in df.columns:
        if df[name].dtype.kind not in "iuf" or name not in written.columns:
            continue
        cells = written[name].astype("string").str.strip()
        bad = (cells.str.contains(mark, regex=False) & ~cells.str.fullmatch(grouped)).fillna(False)
        if bad.any():
            row = int(np.flatnonzero(bad.to_numpy())[0])
            raise UsageError(
                f"column {name!r} holds {cells.iloc[row]!r} in data row {row + 1}, which is no "
                f"number with its digits grouped in thousands by --thousands {mark_word(mark)} "
                f"(that would read it as {_without(cells.iloc[row], mark)}): if {mark!r} is "
                f"the decimal mark there, {_decimal_advice(mark, args.decimal)}"
            )


def _without(cell: str, mark: str) -> str:
    """The number pandas reads ``cell`` as, dropping ``mark``: '0.833' as 833, not 0833."""
    return re.sub(r"^([+-]?)0+(?=\d)", r"\1", cell.replace(mark, ""))


def _decimal_advice(mark: str, decimal: str) -> str:
    """What to do when the thousands separator ``mark`` is a column's decimal mark."""
    if mark == ",":
        return "pass --decimal ',' instead"
    if decimal == ".":
        return "pass the right --thousands instead"
    # other columns' decimal commas need --decimal ','; no option reads both marks
    return (
        f"leave out --thousands and --decimal if the whole file writes numbers so, or, if "
        f"other columns write their decimals with {decimal!r}, write this one's so too in the "
        "file (one reading takes one decimal mark)"
    )


def _points_as_text(df: pd.DataFrame, written: pd.DataFrame, as_written: list[str]) -> None:
    """Keep as written a column of numbers read with decimal points that the decimal mark
    given is not, and a column of text: pandas' C parser leaves '1.200' beside --decimal ','
    as text, which the checks of numbers refuse with the --thousands '.' that reads it, but
    with a --sep of several characters (its python parser: '; ', which a space after each
    ';' is advised) or a --decimal pandas cannot take, '1.200' was read as 1.2, with nothing
    said; and the python parser writes a column of text's '846,84' as '846.84', which a
    refusal then quoted as the file's cell."""
    for name in df.columns:
        if name in as_written or name not in written.columns:
            continue
        kind = df[name].dtype.kind
        # a column of text as written; not booleans beside empty cells (True and NaN)
        text = pd.api.types.infer_dtype(df[name], skipna=True) == "string"
        if (kind not in "biufcmM" and text) or (
            kind == "f" and written[name].str.contains(".", regex=False).any()
        ):
            df[name] = written[name]


def _read_numbers(
    df: pd.DataFrame, thousands: str | None, decimal: str, as_written: list[str]
) -> None:
    """Read the columns of text that are numbers written with these marks as numbers; not
    those with a '.' that neither mark is (as pandas' C parser leaves '1.200' beside
    --decimal ','), which the checks of numbers name."""
    for name in df.columns:
        if name in as_written or df[name].dtype.kind in "biufcmM":
            continue
        text = df[name].astype("string").str.strip()
        if "." not in (decimal, thousands) and text.str.contains(".", regex=False).any():
            continue
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
    return [outcome, *sorted(categories_only(formulas))]


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
    if not path.exists() and name.startswith("~"):
        # quoted, the shell leaves '~/d.csv' as written; pandas and R read it as the shell would
        path = path.expanduser()
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
