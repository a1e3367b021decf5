"""The command line's data file up to its header: the delimiter an Excel ``sep=`` line names,
the lines ``--skip`` leaves out, comment lines before the header (refused with how to skip
them), a title line or a row of group names above the header (with the --skip that reads the
table), a header that names a column twice or is repeated among the rows, names beside a
used column that differ from it only by white space, letter case or Unicode form (said), a
row of units under
it, a row of totals ending the data, a file read as one column, a delimiter at the end
of every row, and a first row with a field more than the header above rows without one.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ._cli_errors import UsageError
from ._cli_text import field_counts, number_reader
from ._value_kinds import MISSING_TEXT

__all__ = [
    "FILE_NOTES",
    "alike_names",
    "check_comment_rows",
    "check_header",
    "check_header_rows",
    "check_one_column",
    "check_sep",
    "check_totals_row",
    "check_units_row",
    "ends_each_row",
    "excel_sep_line",
    "refuse_row_names_of_some_rows",
]

_LINES = 50  # lines read to count the comment lines before a header
# the error values a spreadsheet writes in a cell, which start with '#' as comments do
_SHEET_ERRORS = frozenset(
    {"#N/A", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!"}
)


def excel_sep_line(head: bytes, encoding: str) -> str | None:
    """The delimiter a first line such as ``sep=;`` names, as Excel writes and reads it, or
    None. Read as the header, that line made the file one column named 'sep=;', and the
    --sep ';' then advised two columns named 'sep=' and 'Unnamed: 1'. ``head``: the file's
    first bytes."""
    first = head.decode(encoding, errors="ignore").lstrip("\ufeff")
    found = re.match(r'"?sep=([^\r\n"])"?(?:\r\n|\r|\n)', first)  # CR alone: old Mac Excel
    return None if found is None else found.group(1)


def check_sep(sep: str) -> str:
    """``sep``, a delimiter the data file's fields can be split by: not empty, not one letter
    or digit, and holding no quote or line break. A letter or digit split the names and
    numbers themselves ('--sep 0' cut 10.5 in two, '--sep y' the outcome's name), and a field
    read so could line up with the header by chance. A delimiter of several characters is
    the text given, letters and all."""
    if sep == "" or (len(sep) == 1 and sep.isalnum()) or any(c in '"\r\n' for c in sep):
        raise UsageError(
            f"--sep {sep!r}: expected the delimiter between fields, such as ',' ';' '|' or "
            "'\\t' (not a letter or a digit; no quote or line break)"
        )
    return sep


def check_header(
    opened: Callable[[], Path | io.BytesIO],
    layout: dict[str, Any],
    shown: str,
    outcome: str,
    skip: int = 0,
    used: Sequence[str] = (),
) -> None:
    """Refuse a header that names a column twice when the command may use it (``used``: its
    formulas and the columns its options name): pandas reads the second 'x' as 'x.1', so
    the formula's x would silently be the first of them (a data frame with duplicated
    names is refused as well). A repeated name no formula or option uses (two 'note'
    columns of a survey export) is left alone: it was refused, with advice to rename
    columns the formula never names. And a header that is a comment line (``# exported ...``)
    without the outcome's column, which was refused as the outcome missing from columns
    named by the comment, or as rows with more fields than the header. And, after the
    ``skip`` lines of ``--skip``, a header without the outcome's column, with the --skip
    that reads the line naming it. ``opened``: the data file, opened anew at each call."""
    header = pd.read_csv(
        opened(), header=None, nrows=1, dtype=str, keep_default_na=False, na_values=[""], **layout
    )
    # an empty name (a column Excel left empty) is no name: pandas calls each 'Unnamed: k'
    at = [None if pd.isna(v) else str(v) for v in header.iloc[0]] if len(header) else []
    names = [name for name in at if name is not None]
    if names and names[0].startswith("\ufeff"):
        # a second byte-order mark (a file saved twice by a tool that adds one): pandas
        # reads one, and the other was part of the first name, '\ufeffy', which the
        # refusal of a formula's y offered as 'did you mean' an invisible character
        raise UsageError(
            f"{shown} starts with a second byte-order mark (U+FEFF), read as part of the "
            f"first column's name ({names[0]!a}): remove it from the file, e.g. "
            "sed -i '1s/^\\xEF\\xBB\\xBF//' FILE"
        )
    if names and names[0].startswith("#") and outcome not in names:
        _refuse_comment_lines(opened, layout, shown, outcome)
    # a name that differs from the outcome by spaces is refused later, saying so
    if skip and names and outcome not in {n.strip() for n in names}:
        _refuse_skipped_header(opened, layout, shown, outcome, skip)
    if not skip and names and outcome not in {n.strip() for n in names}:
        _refuse_title_lines(opened, layout, shown, outcome)
        _refuse_data_as_names(opened, layout, shown, outcome)
    _refuse_repeated_names(opened, layout, shown, at, [outcome, *used])


def _refuse_repeated_names(
    opened: Callable[[], Path | io.BytesIO],
    layout: dict[str, Any],
    shown: str,
    at: list[str | None],
    used: Sequence[str],
) -> None:
    """Refuse a name the header ``at`` (each column's name, None when empty) repeats when
    ``used`` (the outcome, formulas, options' columns) names it, or the name pandas reads a
    repeat as ('x.2'), which is in no header: which column the user meant is unclear. A
    name written once in the header ('x.1' beside 'x' twice) is left alone when pandas
    reads that column by it, as pandas 3 and R's read.csv do (the repeat is 'x.2'); when
    the reading gives a repeat that name too, both are refused."""
    # counted once: at.count(n) for each name took a minute on a header of 50,000 names
    counts = Counter(n for n in at if n is not None)
    repeated = sorted(n for n, k in counts.items() if k > 1)
    if not repeated:
        return
    try:
        read = [str(c) for c in pd.read_csv(opened(), nrows=0, **layout).columns]
    except (ValueError, pd.errors.ParserError):  # refused as it is read, saying why
        read = []
    for name in repeated:
        columns = [k for k, n in enumerate(at) if n == name]
        if len(read) != len(at):  # as pandas names the columns is not known: any 'x.k'
            if _named(name, used):
                _refuse_repeated(shown, name, columns, [])
            continue
        given = [read[k] for k in columns]
        if any(_named(n, used, suffixed=False) for n in dict.fromkeys([name, *given])):
            _refuse_repeated(shown, name, columns, given, at)


def _refuse_repeated(
    shown: str, name: str, columns: list[int], given: list[str], at: Sequence[str | None] = ()
) -> None:
    """The refusal of the header's name ``name``, written in the ``columns`` (from 0) that
    the reading named ``given`` (when known), with the header's other names ``at``."""
    where = f" (columns {_listed([str(k + 1) for k in columns])}"
    where += f", which pandas reads as {_listed(list(map(repr, given)))})" if given else ")"
    # a reading that names the repeat of 'x,x.1,x' 'x.1' gives two columns one name
    twice = [g for g in given if g != name and (at.count(g) or given.count(g) > 1)]
    if twice:
        other = next((k + 1 for k, n in enumerate(at) if n == twice[0]), None)
        where += (
            f", and {twice[0]!r} names both a repeat of {name!r} and the header's column "
            f"{other}, so which of them the formula reads is unclear"
            if other is not None
            else ""
        )
    raise UsageError(
        f"{shown}: the header names column(s) {name!r} more than once{where}; rename the "
        "duplicates so that the formula names one column each"
    )


def alike_names(columns: Sequence[Any], used: Sequence[str | None]) -> list[str]:
    """A warning line for each column the command uses (``used``: the outcome, predictors,
    weights and clusters) beside which the header names another that differs from it only by
    white space, letter case or Unicode form ('x' and 'x ', 'x' and 'X'): the formula's x read
    'x' with nothing said of the other, which the user may have meant (a trailing space is
    invisible in a spreadsheet)."""
    texts = [str(c) for c in columns]

    def key(text: str) -> str:
        return unicodedata.normalize("NFKC", text).strip().casefold()

    lines = []
    for name in dict.fromkeys(n for n in used if n is not None and n in texts):
        # both used: no choice was made between them
        for other in (c for c in texts if c not in used and key(c) == key(name)):
            if other.strip() == name.strip():
                how = "white space"
            elif other.casefold() == name.casefold():
                how = "letter case"
            elif unicodedata.normalize("NFKC", other) == unicodedata.normalize("NFKC", name):
                how = "Unicode form"
            else:
                how = "white space, letter case or Unicode form"
            written = other if other.isidentifier() else f"`{other}`"
            lines.append(
                f"mnlogit: warning: column {name!r} is the one used; the header also names "
                f"{other!r}, which differs from it only by {how}: to use that column, name it "
                f"as the header writes it ({written}), or rename one of them in the file"
            )
    return lines


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _named(name: str, texts: Sequence[str], *, suffixed: bool = True) -> bool:
    """Whether one of ``texts`` (formulas, column names) may name the column ``name`` (or,
    ``suffixed``, a name pandas gives its duplicates, 'x.1'): as a word of its own, or in
    backticks."""
    word = re.escape(name) + (r"(?:\.\d+)*" if suffixed else "")
    pattern = re.compile(rf"(?<![\w.`]){word}(?![\w`]|\.\d)|`{word}`")
    return any(text == name or pattern.search(text) for text in texts)


def _refuse_skipped_header(
    opened: Callable[[], Path | io.BytesIO],
    layout: dict[str, Any],
    shown: str,
    outcome: str,
    skip: int,
) -> None:
    """Say that the line ``--skip`` makes the header does not name the outcome, and which
    of the first lines does: it was refused as 'y' missing from columns named by a row of
    data."""
    lines = _whole_lines(opened, {**layout, "skiprows": 0})
    named = [k for k, line in enumerate(lines) if outcome in _fields(line, layout)]
    there = ""
    if named:
        todo = f"pass --skip {named[0]}" if named[0] else "leave out --skip"
        there = f"; line {named[0] + 1} names it: {todo}"
    header = _whole_lines(opened, layout)[0]
    raise UsageError(
        f"{shown}: with --skip {skip}, the header of column names is line "
        f"{layout['skiprows'] + 1}, {header[:60]!r}, which does not name the outcome "
        f"{outcome!r}{there}"
    )


def _refuse_title_lines(
    opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], shown: str, outcome: str
) -> None:
    """Say that the header read is a line before the table (a title, as a report exported
    from a spreadsheet has, or a note), when a later line is a header naming the outcome:
    the table's first line, one naming two or more fields, as many as the line after it has
    (one fewer for R's row names). It was refused as the outcome missing from columns named by
    the title ('columns: Survey results 2020'), since pandas took the rows' extra fields
    for row names."""
    lines = _whole_lines(opened, layout)
    fields = [_fields(line, layout) for line in lines]
    for k in range(len(lines) - 1):
        # a title in a spreadsheet's first cell is written with the row's other cells empty
        width, named = len(fields[k]), sum(bool(field.strip()) for field in fields[k])
        if named > 1 and len(fields[k + 1]) in (width, width + 1):
            if outcome in {name.strip() for name in fields[k]} or _holds_number(fields[k]):
                break
            # a row of group names over the column names, as merged cells of a sheet's
            # header are written ('Person,,Trip,'): it was taken for the table's first line
    else:
        return
    if not k or outcome not in {name.strip() for name in fields[k]}:
        return
    column = [name.strip() for name in fields[k]].index(outcome)
    if any(len(row) > column and row[column].strip() == outcome for row in fields[k + 1 :]):
        return  # the outcome's name is a label in the rows below: line k is a row of data
    skip, skipped = layout["skiprows"] + k, layout["skiprows"]
    raise UsageError(
        f"{shown}: its {f'line {skipped + 1}' if skipped else 'first line'}, "
        f"{lines[0][:60]!r}, is read as the header of column names (the first line is the "
        f"header, as for pandas and R's read.csv); line {skip + 1}, {lines[k][:60]!r}, "
        f"names the outcome {outcome!r}: pass --skip {skip} to skip the {_lines(skip)} "
        f"before it, or delete {'it' if skip == 1 else 'them'} from the file"
    )


def _holds_number(fields: list[str]) -> bool:
    return bool(pd.to_numeric(pd.Series(fields, dtype=object), errors="coerce").notna().any())


def _refuse_data_as_names(
    opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], shown: str, outcome: str
) -> None:
    """Refuse a first line that is a row of data: a file written without column names (R's
    write.table(col.names=FALSE), Stata's outsheet with nonames) was refused as 'column 'y'
    is not in the data (columns: c, 1.257, -61.4)'. The line is data when it holds numbers
    and each of its texts is found again in its column below (a header's names are not:
    'y,2020,2021' names columns by years)."""
    rows = pd.read_csv(opened(), header=None, nrows=200, dtype=str, keep_default_na=False, **layout)
    if len(rows) < 2:
        return
    first = rows.iloc[0].str.strip()
    numbers = pd.to_numeric(first, errors="coerce").notna()
    below = rows.iloc[1:]
    texts = [j for j in range(len(first)) if not numbers.iloc[j] and first.iloc[j]]
    if not numbers.any() or any(first.iloc[j] not in set(below.iloc[:, j]) for j in texts):
        return
    raise UsageError(
        f"{shown}: its first line, {','.join(rows.iloc[0])[:60]!r}, is read as the header of "
        "column names, and is a row of data: the file has no header; add a first line "
        f"naming the columns, the outcome {outcome!r} among them"
    )


def _whole_lines(opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any]) -> list[str]:
    """The first lines after those ``layout`` skips, each whole: no delimiter or quote splits
    it ("\x1f", the unit separator, is in no text file's lines)."""
    whole = {**layout, "sep": "\x1f", "engine": "c", "quoting": csv.QUOTE_NONE}
    return list(
        pd.read_csv(
            opened(),
            header=None,
            names=["line"],
            dtype=str,
            keep_default_na=False,
            skip_blank_lines=False,
            nrows=_LINES,
            **whole,
        )["line"]
    )


def _refuse_comment_lines(
    opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], shown: str, outcome: str
) -> None:
    """Say that the header read is a comment line, and which lines to skip. Not skipped by
    themselves: the first line is the header whatever it holds (as for pandas and R), and
    pandas' ``comment='#'`` would also cut every cell from a '#' on ('#3', '#ff0000')."""
    lines = _whole_lines(opened, layout)
    skipped = layout["skiprows"]
    first = lines[0]
    before = next(
        (k for k, line in enumerate(lines) if line.strip() and not line.startswith("#")), None
    )
    mark = re.match(r"#+\s*", first)
    names = [n.strip() for n in _fields(first[mark.end() if mark else 0 :], layout)]
    said = f"{shown}: its {f'line {skipped + 1}' if skipped else 'first line'}, {first[:60]!r}"
    if mark and outcome in names:  # numpy.savetxt writes its header so: '# y,x'
        raise UsageError(
            f"{said}, is the header of column names written as a comment; remove the "
            f"{mark.group()!r} before the names in the file"
        )
    if before is None:
        raise UsageError(
            f"{said}, is a comment, read as the header of column names, which do not include "
            f"the outcome {outcome!r}; the first {len(lines)} lines are comments or empty: "
            "delete the lines before the header, or pass --skip N to skip the N lines before it"
        )
    below = _fields(lines[before], layout)
    if outcome not in below and len(below) == len(_fields(first, layout)) > 1:
        return  # a header whose first name starts with '#' ('#chrom'), without the outcome
    k = skipped + before
    raise UsageError(
        f"{said}, is a comment, read as the header of column names (the first line is the "
        f"header, as for pandas and R's read.csv); if line {k + 1}, {lines[before][:60]!r}, "
        f"is the header, pass --skip {k} to skip the {_lines(k)} before it, or delete "
        f"{'it' if k == 1 else 'them'} from the file"
    )


def _fields(line: str, layout: dict[str, Any]) -> list[str]:
    """The names a line holds as pandas reads them from a header, spaces kept (' y ' is not
    y): a quoted name without its quotes, as R's write.csv writes them ('"y","x"' names y,
    not '"y"'), but a delimiter of several characters, a regular expression to pandas,
    splits quotes and all."""
    if layout["engine"] == "c":
        return next(csv.reader([line], delimiter=layout["sep"]), [])
    return re.split(layout["sep"], line)


def _lines(k: int) -> str:
    return "line" if k == 1 else f"{k} lines"


def check_one_column(df: pd.DataFrame, shown: str, sep: str, outcome: str) -> None:
    """Refuse a file read as one column that does not hold the outcome, naming the delimiter
    its one name looks split by (with --sep too: '--sep ;' of a CSV). A space is named only
    when it splits out the outcome's name, quotes stripped, and no empty name: R's
    ``write.table`` writes ``"y" "x" "z"`` by default, which was refused as "column 'y' is
    not in the data (columns: y "x" "z")"."""
    if df.shape[1] != 1 or outcome in df.columns:
        return
    only = str(df.columns[0])
    spaced = [name.strip('"') for name in only.split(" ")]
    for mark, written in ((";", ";"), ("\t", "\\t"), ("|", "|"), (",", ","), (" ", " ")):
        if mark == " " and (outcome not in spaced or "" in spaced):
            continue
        if mark in only and mark != sep:
            # a tab was named '\\t' (the repr of its escape's backslash)
            by = "tabs" if mark == "\t" else repr(mark)
            raise UsageError(
                f"{shown} reads as one column named {only[:60]!r}: its fields look "
                f"separated by {by}; pass --sep '{written}'"
            )


def check_comment_rows(df: pd.DataFrame, shown: str) -> None:
    """Refuse a row whose first cell starts with '#' and that has no other field: a comment
    line among the data (``# second half``) was read as a row, its text an outcome level or
    the reason a column of numbers was text, and its other cells missing."""
    if df.shape[1] < 2 or df.iloc[:, 0].dtype.kind in "biufcmM":
        return
    first = df.iloc[:, 0].astype("string")
    text = first.str.strip()
    # a spreadsheet's error value ('#N/A', '#DIV/0!') is a cell, not a comment
    comment = (text.str.startswith("#") & ~text.str.upper().isin(_SHEET_ERRORS)).fillna(False)
    comment = comment.to_numpy(bool)
    rows = np.flatnonzero(comment & df.iloc[:, 1:].isna().all(axis=1).to_numpy())
    if len(rows):
        raise UsageError(
            f"{shown}: data row {rows[0] + 1} is {first.iloc[rows[0]][:60]!r} alone, a comment "
            f"line ({len(rows)} in all), which would be read as a row of data: delete the "
            "comment lines from the file (e.g. grep -v '^#' FILE > CLEAN.csv)"
        )


def check_header_rows(df: pd.DataFrame, shown: str) -> None:
    """Refuse a data row that repeats the header, each named column's cell its name: files
    joined together (``cat a.csv b.csv``) keep each one's header, which was read as a row of
    data: its outcome a level of its own ('y', fitted as an outcome) and its other names
    levels of factors, or the text a column of numbers was advised to make missing."""
    named = [name for name in df.columns if not str(name).startswith("Unnamed: ")]
    if len(named) < 2 or not len(df):
        return
    rows = np.arange(len(df))
    for name in named:  # each column on the rows still alike: the first leaves few or none
        cells = df[name].iloc[rows].astype("string").str.strip().str.lstrip("\ufeff")
        rows = rows[(cells == str(name).strip()).fillna(False).to_numpy(bool)]
        if not len(rows):
            return
    if len(rows):
        raise UsageError(
            f"{shown}: data row {rows[0] + 1} repeats the header ({len(rows)} in all), as "
            "files joined together do, and would be read as a row of data: delete "
            "those rows from the file (e.g. awk 'NR == 1 {h = $0} NR == 1 || $0 != h' FILE > "
            "NEW.csv)"
        )


def ends_each_row(df: pd.DataFrame) -> bool:
    """Whether every data row has one field more than the header, an empty last one: a
    delimiter at the end of each row. pandas takes such rows' first field for row names (as
    R does a header without a name for them), so that every column was read under the name
    of the one before it ('partic ~ hincome' fitted the income as the outcome) and the last
    name held the empty fields."""
    inferred = not isinstance(df.index, pd.RangeIndex)
    return inferred and df.shape[1] > 0 and bool(df.iloc[:, -1].isna().all())


FILE_NOTES = "mnlogit_file_notes"  # the key of the data file's warnings in its frame's attrs


def refuse_row_names_of_some_rows(
    df: pd.DataFrame,
    opened: Callable[[], Path | io.BytesIO],
    layout: dict[str, Any],
    shown: str,
    sep: str,
) -> None:
    """Refuse a file whose first data row has a field more than the header and other rows
    have not. pandas (as R) reads the first field of every row as the row's name when the
    first row has more fields than the header, which only a file with row names in every
    row means; the rows without it were read shifted, every column under the name of the
    one before it ('y ~ 1' fitted x as the outcome) and the last padded with missing values,
    with nothing said. A row with a field more further down is pandas' own error.

    Rows with fewer fields than the header are warned of (:func:`_short_rows`)."""
    if isinstance(df.index, pd.RangeIndex):
        _short_rows(df, opened, layout, shown)
        return
    records = field_counts(opened, layout)
    header, extra = len(df.columns), df.index.nlevels
    first = next(records, None)
    if first is None:
        return
    other = next(((line, n) for line, n in records if n != header + extra), None)
    if other is None:
        return  # row names in every row (R's write.table without a name for them)
    fields = "field" if extra == 1 else "fields"
    raise UsageError(
        f"{shown}: line {first[0]} has {first[1]} fields where the header has {header}, but "
        f"line {other[0]} has {other[1]}: when the first row has more fields than the "
        f"header, its first {fields} are read as every row's name, and the rows without them "
        "would be read shifted, each column under the name of another; remove the extra "
        f"{fields} from line {first[0]} (or quote the field that holds the delimiter {sep!r}), "
        "or give the delimiter with --sep"
    )


def _short_rows(
    df: pd.DataFrame, opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], shown: str
) -> None:
    """A warning, in ``df.attrs[FILE_NOTES]``, of rows with fewer fields than the header,
    which pandas (as R's read.csv) pads with empty cells: a line break inside a field that
    is not quoted splits its row in two, the first part fitted with its other cells missing
    (or dropped for them) and the second read as a row of its own, its first cell under the
    first column ('a' of 'a<LF>b,0.5,3' became a row dropped, and 'b,0.5,3' a row of outcome
    b), with nothing said but a count of rows dropped. Looked for only when the last column
    has an empty cell, as such a row's has."""
    if df.empty or not df.iloc[:, -1].isna().any():
        return
    short = field_counts(opened, layout, fewer=len(df.columns))
    found = next(short, None)
    if found is not None:  # said with the notes on the columns, after the file's refusals
        (line, n), more = found, sum(1 for _ in short)
        others = f" (and {more} other line{'s' if more > 1 else ''} too)" if more else ""
        df.attrs[FILE_NOTES] = [
            f"mnlogit: warning: {shown}: line {line} has {n} of the header's {len(df.columns)} "
            f"fields{others}, read with its other cells empty; if a line break inside a field "
            "that is not quoted split its row, quote that field in the file"
        ]


def check_units_row(
    df: pd.DataFrame, shown: str, marks: tuple[str, str | None], line: int, outcome: str
) -> None:
    """Refuse a first data row that is a second header row, as a spreadsheet's table has
    under its column names (units, or longer labels): it holds no number, and its cells in
    columns whose other rows all hold numbers are text. It was read as a row of data: its
    outcome cell a level of one row and its cells of codes ('id' under g) levels of a
    ``C(g)`` factor, fitted with a warning of a rare level only; or the column of numbers
    was advised to make 'cm' a missing value. ``line``: the file's line of that row."""
    if len(df) < 3:
        return
    reads = number_reader(marks)
    first = df.iloc[0]
    texts: list[str] = []
    for name in df.columns:
        cell = first[name]
        if pd.isna(cell):
            continue
        if not isinstance(cell, str) or bool(reads(pd.Series([cell], dtype=object)).iloc[0]):
            return  # a number: a row of data
        if cell.strip().lower() in MISSING_TEXT:
            continue
        cells = df[name].iloc[1:].dropna().astype(str)
        cells = cells[~cells.str.strip().str.lower().isin(MISSING_TEXT)]
        # the first rows first: a column of labels is told from them, without reading all
        if len(cells) > 1 and reads(cells.iloc[:100]).all() and reads(cells).all():
            texts.append(name)
    # one such cell may be a label a column of codes also has ('other' among 1, 2, 3): then
    # the row is data unless its outcome is no other row's
    if not texts or (len(texts) == 1 and not _alone(df, outcome)):
        return
    shown_cells = ", ".join(f"{name}: {first[name]!r}" for name in texts[:4])
    raise UsageError(
        f"{shown}: data row 1 (line {line}) holds no number, and text in column(s) "
        f"{shown_cells}{', ...' if len(texts) > 4 else ''} whose other rows all hold numbers: "
        "it looks like a second header row (units or labels under the column names), which "
        f"would be read as a row of data; delete it from the file (e.g. sed '{line}d' FILE > "
        "NEW.csv), or, if its text marks missing values, add it to --na-values"
    )


def _alone(df: pd.DataFrame, outcome: str) -> bool:
    """Whether the first row's outcome is a text no other row has."""
    if outcome not in df.columns or pd.isna(cell := df[outcome].iloc[0]):
        return False
    return not bool((df[outcome].iloc[1:] == cell).any())


# the first cell of a sheet's row of column totals, as reports exported from Excel end
_TOTALS = frozenset({"total", "totals", "grand total", "sum", "subtotal", "sub-total"})


def check_totals_row(df: pd.DataFrame, shown: str, outcome: str) -> None:
    """Refuse a last row that is a row of totals ('Total,-10.7,-2.9,2791' under the data), as
    a report exported from a spreadsheet ends: it was fitted as a row of data, its 'Total' an
    outcome level of one row whose predictors were the columns' sums, with a warning of a
    rare level that advised merging it. A totals row whose outcome is empty is dropped for
    its missing value, and said so."""
    if len(df) < 3 or df.shape[1] < 2 or outcome not in df.columns:
        return
    first = df.iloc[:, 0]
    cell = first.iloc[-1]
    if not isinstance(cell, str) or pd.isna(df[outcome].iloc[-1]):
        return
    if cell.strip().rstrip(":").strip().lower() not in _TOTALS or (first.iloc[:-1] == cell).any():
        return
    raise UsageError(
        f"{shown}: the last data row (row {len(df)}) starts with {cell!r}, a row of totals "
        "as a spreadsheet's report ends, which would be fitted as a row of data: delete it "
        "from the file"
    )
