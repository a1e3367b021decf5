"""The command line's data file as text: a byte that is not UTF-8 named by its line, with how the
line reads in Windows-1252 (Excel's 'CSV' on Windows) and the --encoding that reads it; a
NUL byte, which no text file holds, refused by where it is; pandas' parser errors named by the
file's line; numbers with invisible characters around them, which pandas reads as text."""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import lzma
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from pandas.io.common import get_handle

from ._alike import first_few
from ._cli_encodings import check_not_cp1252_misread, check_not_utf8_misread
from ._cli_errors import UsageError, one_line, shell_word
from ._shown_numbers import row_count

__all__ = [
    "check_decoded",
    "check_invisible",
    "check_quotes_after_spaces",
    "check_spaces_after_sep",
    "check_stray_quotes",
    "check_text_data",
    "empty_data",
    "field_counts",
    "file_encoding",
    "not_utf8",
    "number_reader",
    "text_head",
    "unreadable_csv",
]

_NUL = "\x00"
# bytes refused in a cell, with what each is: Ctrl-Z ended text files written by DOS programs,
# and was read as a cell ('3772.36\x1a', advised to be made missing with --na-values) or a row
_NOT_TEXT = {
    _NUL: (
        "a NUL byte",
        "which no text file holds: the file is damaged or is not CSV; remove the NUL bytes",
    ),
    "\x1a": (
        "the byte 0x1a (Ctrl-Z, which DOS programs wrote to end a file)",
        "which is no text: remove it from the file",
    ),
}


def text_head(opened: Path | io.BytesIO, compression: str | None, size: int = 64) -> bytes:
    """The first ``size`` bytes of the text, decompressed as pandas decompresses it: a
    compressed file's byte-order mark (UTF-16) and Excel ``sep=;`` line were looked for in
    its compressed bytes, so that the one was refused as not UTF-8 and the other read as the
    header. Damaged data give none (reading the file says what is wrong)."""
    try:
        with get_handle(opened, "rb", compression=compression, is_text=False) as handle:
            head = handle.handle.read(size)
    except (OSError, EOFError, ValueError, ImportError, lzma.LZMAError, zlib.error):
        return b""
    return head if isinstance(head, bytes) else b""


def _check_not_tar(head: bytes, source: Path | bytes, shown: str) -> None:
    """Refuse a tar archive that pandas does not read as one: it reads
    a file named .tar (.tar.gz, ...) only, and from a pipe or another name the archive's
    header of its first file was read as the CSV header, a column named 'data.csv\x00...'."""
    # as pandas reads them, by the name's end: not data.tar.csv
    tar = (".tar", ".tar.gz", ".tar.bz2", ".tar.xz")
    named = isinstance(source, Path) and source.name.lower().endswith(tar)
    if head[257:262] == b"ustar" and not named:
        raise UsageError(
            f"{shown} is a tar archive; the data must be one CSV file: extract it first, or "
            "pipe it in: tar -xOf ARCHIVE NAME | mnlogit fit - FORMULA"
        )


def check_text_data(head: bytes, source: Path | bytes, shown: str) -> bytes:
    """``head``, the data's first bytes (decompressed), unless the data are a tar archive
    (see :func:`_check_not_tar`), an HTML page or an XML file: web applications 'export to
    Excel' an HTML table under an .xls name, and Excel saves 'XML Spreadsheet 2003' files;
    each was read as CSV, its first line the header, and refused as
    "column 'y' is not in the data (columns: <table border="1" class="dataframe">)"."""
    _check_not_tar(head, source, shown)
    text = ""
    for encoding, mark in (("utf-16", (b"\xff\xfe", b"\xfe\xff")), ("utf-8", (b"",))):
        if head.startswith(mark):
            text = head.decode(encoding, errors="ignore").lstrip("\ufeff \t\r\n").lower()
            break
    if text.startswith(("<!doctype html", "<html", "<table", "<head", "<body", "<meta")):
        what = "an HTML page (a web page's table, as web applications export to Excel)"
    elif text.startswith("<?xml"):
        what = "an XML file (such as Excel's XML Spreadsheet 2003)"
    else:
        return head
    raise UsageError(
        f"{shown} is {what}, not CSV: open it in a spreadsheet and save it as CSV UTF-8, "
        "then give that file"
    )


def not_utf8(
    opened: Callable[[], Path | io.BytesIO],
    layout: dict[str, Any],
    shown: str,
    given: str | None = None,
) -> str:
    """The refusal of a file that is not UTF-8 text (or not text in the encoding ``given`` to
    ``--encoding``), naming the first line that is not, and the ``--encoding`` that reads it.

    pandas' own error gave the byte's position in the block of the file it was decoding, so
    a Latin-1 'été' on line 5 was 'byte 0xe9 at position 0', which sent the user to the header.
    The advice was ``iconv -f WINDOWS-1252 ...``, a program Windows has not, where the
    command line can read the file as it is with ``--encoding cp1252``.
    """
    encoding = given or "utf-8"
    what = f"{given!r} text (--encoding {given})" if given else "UTF-8 text"
    save = "give its encoding with --encoding NAME, or save it as UTF-8 CSV"
    # every line whole, as bytes: read by pandas as one column of Latin-1 split at a byte
    # '\x1f', a line holding one (binary data, gzip's mark in a file named data.gz.csv) ended
    # in pandas' "Error tokenizing data. C error: Expected 1 fields in line 3, saw 2"
    try:
        with get_handle(opened(), "rb", compression=layout["compression"], is_text=False) as h:
            data = h.handle.read()
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
        return f"{shown} is not {what}; {save}"
    lines = data.splitlines() if isinstance(data, bytes) else []
    for number, raw in enumerate(lines, start=1):
        try:
            raw.decode(encoding)
        except UnicodeDecodeError as exc:
            if not given and raw.count(0) * 3 >= len(raw):  # the byte order from line 1
                return f"{shown} is not UTF-8 text: line {number} {_utf16(lines[0])}"
            start = max(exc.start - 20, 0)
            seen = raw[start : exc.start + 20].decode("cp1252", errors="replace")
            if "\ufffd" not in raw.decode("cp1252", errors="replace") and given != "cp1252":
                save = "read it with --encoding cp1252 if it is Windows-1252 text (Excel's "
                save += "'CSV' on Windows), or save it as UTF-8 CSV"
            return (
                f"{shown} is not {what}: line {number} holds the byte "
                f"0x{raw[exc.start]:02x} (its byte {exc.start + 1}), which reads as "
                f"{seen!r} in Windows-1252; {save}"
            )
    return f"{shown} is not {what}; {save}"


_PACKED = ("zlib", "bz2")  # Python's codecs of compressed data, as --encoding zip names one


def file_encoding(head: bytes, given: str | None) -> str:
    """The data's encoding: the one ``--encoding`` names (``given``, as pandas' ``encoding=``
    takes it), else UTF-8, or UTF-16 or UTF-32 when the text (``head``: its first bytes,
    decompressed) starts with their byte-order mark, as Excel's 'Unicode Text' does: such a
    file was refused as 'not UTF-8 text (byte 0xff at position 0)', though the mark says how
    to read it."""
    marked = _marked(head)
    if given is None:
        return marked or "utf-8"
    such = (
        "give one such as cp1252 (Windows-1252, Excel's 'CSV' on Windows), latin-1, utf-8 or utf-16"
    )
    try:
        codec = codecs.lookup(given)
    except LookupError:
        raise UsageError(f"--encoding {given!r} is not an encoding Python knows: {such}") from None
    name = codec.name
    # codecs of bytes to bytes (base64, zip) or of domain names: a traceback as the file was read
    if not getattr(codec, "_is_text_encoding", True) or name in ("idna", "punycode", "undefined"):
        compressed = " (a compressed file is read as such without it)" if name in _PACKED else ""
        raise UsageError(f"--encoding {given!r} is no encoding of text files{compressed}: {such}")
    if marked and not name.startswith(marked):
        # read in another encoding, the mark was part of the first column's name ('ï»¿y')
        raise UsageError(
            f"the data start with the byte-order mark of {marked.upper()} text, which "
            f"--encoding {given} does not read: leave out --encoding (the mark says how to "
            "read the file)"
        )
    if name in ("utf-16", "utf-32") and head and not marked:
        # Python's "UTF-16 stream does not start with BOM", with nothing of what to give
        unmarked = _unmarked(head)
        raise UsageError(
            f"--encoding {given} reads text that starts with its byte-order mark, and the "
            "data have none"
            + (
                f": they look like {unmarked.upper()} text: give --encoding {unmarked}"
                if unmarked
                else ", nor the NUL bytes UTF-16 and UTF-32 write beside Latin letters: leave "
                f"out --encoding to read UTF-8, or give {name}-le or {name}-be, which name "
                "the byte order"
            )
        )
    return name


def _unmarked(head: bytes) -> str:
    """The encoding of UTF-16 or UTF-32 text without its byte-order mark that ``head``
    starts with, by where its first character, a Latin letter or digit, has its NUL bytes;
    "" when it starts otherwise."""
    for encoding, nul in (
        ("utf-32-le", b"?\x00\x00\x00"),
        ("utf-32-be", b"\x00\x00\x00?"),
        ("utf-16-le", b"?\x00"),
        ("utf-16-be", b"\x00?"),
    ):
        width = len(nul)
        if len(head) >= width and all(
            (n == 0) == (c == 0)
            for n, c in zip(nul.replace(b"?", b"\x01"), head[:width], strict=True)
        ):
            return encoding
    return ""


def _marked(head: bytes) -> str:
    """The encoding a byte-order mark at the start of ``head`` names, or ""."""
    if head[:4] in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"):
        return "utf-32"
    if head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "utf-16"
    return "utf-8" if head.startswith(b"\xef\xbb\xbf") else ""


def empty_data(
    opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], shown: str, skip: int
) -> str:
    """The refusal of data in which pandas finds no header: empty, or, with ``--skip``, of
    no line but blank ones after those it leaves out. 'is empty after the 1000 lines --skip
    1000 leaves out' was said of a file of 61 lines."""
    try:
        with get_handle(opened(), "rb", compression=layout["compression"], is_text=False) as h:
            lines = h.handle.read().splitlines()
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
        lines = []
    if not skip or not lines:
        return f"{shown} is empty: expected a header row of column names"
    if len(lines) > skip:  # pandas skips blank lines: only blank ones follow
        return (
            f"{shown} has only blank lines after the {skip} that --skip {skip} leaves out: "
            "expected a header row of column names"
        )
    every = "every one of them" if len(lines) > 1 else "that one"
    return (
        f"{shown} has {row_count(len(lines)).replace('row', 'line')}, and --skip {skip} "
        f"leaves out {every}: give --skip the number of lines before the header (0 when the "
        "first line is the header)"
    )


def unreadable_csv(
    exc: Exception,
    opened: Callable[[], Path | io.BytesIO],
    layout: dict[str, Any],
    shown: str,
    sep: str,
) -> str:
    """The refusal of a file pandas' parser cannot read: a row with more fields than the
    header, or a quote never closed, by the line it is on; else pandas' message, one line.
    pandas counts records, a cell of several lines one record (and the quote's from 0), so
    that its 'line 102' or 'row 101' was line 104 after a cell of three lines."""
    text = str(exc)
    if (eof := re.search(r"EOF inside string starting at row (\d+)", text)) is not None:
        return (
            f'{shown}: the quote (") that opens a field in '
            f"{_line(opened, layout, int(eof[1]))} is never closed, so the rest of the file "
            "would be that one field: close the quote, or remove it"
        )
    found = re.search(r"Expected (\d+) fields in line (\d+), saw (\d+)", text)
    if found is None:
        return f"{shown} cannot be read as CSV: {one_line(exc)}"
    header, record, saw = found.groups()
    if header == "1" and (told := _one_field_header(opened, layout, sep)):
        return f"{shown}: {told}"
    if layout["engine"] != "c":  # the python parser counts lines, and reads no quotes
        return (
            f"{shown}: line {record} has {saw} fields where the header has {header}: a --sep "
            f"of several characters ({sep!r}) splits a field holding it, quoted or not; write "
            "the file with a delimiter of one character that no field holds"
        )
    return (
        f"{shown}: {_line(opened, layout, int(record) - 1)} has {saw} fields where the header "
        f"has {header}; quote the fields that hold the delimiter {sep!r}, or give the "
        "delimiter with --sep"
    )


def _one_field_header(
    opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], sep: str
) -> str:
    """The delimiter to pass when the header, read as one field, looks split by another one,
    and --decimal ',' when the numbers below it are written with a decimal comma: a
    European Excel's CSV ('y;x' over 'a;0,5') was refused as rows with more fields than the
    header, whose advice to quote the fields holding ',' fitted nothing. "" otherwise."""
    try:
        with get_handle(opened(), "rb", compression=layout["compression"], is_text=False) as h:
            data = h.handle.read(1 << 16)
        text = data.decode(layout["encoding"], errors="replace") if isinstance(data, bytes) else ""
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error):
        return ""
    lines = text.lstrip("\ufeff").splitlines()[layout["skiprows"] :]
    if not lines:
        return ""
    header = lines[0]
    for mark, written, by in ((";", ";", "';'"), ("\t", "\\t", "tabs"), ("|", "|", "'|'")):
        if mark == sep or mark not in header:
            continue
        cells = [cell.strip().strip('"') for line in lines[1:50] for cell in line.split(mark)]
        comma = any(re.fullmatch(r"[+-]?\d*,\d+", cell) for cell in cells)
        decimal = " --decimal ','" if comma and sep == "," else ""
        return (
            f"its header, {header[:60]!r}, reads as one column: its fields look separated by "
            f"{by}; pass --sep '{written}'{decimal}"
            + (" (its numbers are written with a decimal comma)" if decimal else "")
        )
    return ""


def _line(opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], record: int) -> str:
    """'line N', the line of the file on which the record ``record`` (from 0, the lines
    skipped and the header counted) starts; 'record N' if the file cannot be read so."""
    try:
        with get_handle(opened(), "rb", compression=layout["compression"], is_text=False) as h:
            data = h.handle.read()
        text = data.decode(layout["encoding"]) if isinstance(data, bytes) else ""
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=layout["sep"])
        for _ in range(record):
            next(reader)
    except (OSError, EOFError, ValueError, StopIteration, csv.Error, lzma.LZMAError, zlib.error):
        return f"record {record + 1}"
    return f"line {reader.line_num + 1}"


def number_reader(marks: tuple[str, str | None]) -> Callable[[pd.Series], pd.Series]:
    """Which cells of text are numbers as the file was read: with the decimal mark and
    thousands separator ``marks``; beside --decimal ',', '1.234' is no number, but text."""
    if marks == (".", None):
        return lambda cells: pd.to_numeric(cells, errors="coerce").notna()
    d, t = re.escape(marks[0]), marks[1] and re.escape(marks[1])
    whole = r"\d+" if t is None else rf"(?:\d+|\d{{1,3}}(?:{t}\d{{3}})+)"
    shape = rf"[+-]?(?:{whole}(?:{d}\d*)?|{d}\d+)(?:[eE][+-]?\d+)?"
    # around a number pandas reads spaces and tabs only, not a no-break space as strip() does
    return lambda cells: cells.str.strip(" \t").str.fullmatch(shape).fillna(False)


# white space other than the ASCII space pandas reads around a number (a no-break space, a
# thin space), and characters that do not show: zero-width spaces and joiners, direction
# marks, a byte-order mark, a soft hyphen
_AROUND = "[\\s\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]+"
_ENDS = re.compile(f"^{_AROUND}|{_AROUND}$")


def check_invisible(
    name: str, texts: pd.Series, todo: str, reads: Callable[[pd.Series], pd.Series]
) -> None:
    """Refuse a column whose cells of text are numbers with white space other than spaces
    or invisible characters around them ('0.35\\xa0', copied from a web page, or behind a
    zero-width space): pandas reads them as text, so the column was a factor with a level
    per value, or its numbers were advised to be made missing. ``name``: the column as the
    message names it; ``texts``: the cells that are not numbers as read."""
    cells = pd.Series(texts.unique(), dtype=object).astype(str)
    bare = cells.str.replace(_ENDS, "", regex=True)
    found = np.flatnonzero((reads(bare) & (bare != cells)).to_numpy(bool))
    if not len(found):
        return
    example = cells.iloc[found[0]]
    extra = [c for c in example if not (c.isdigit() or c in "+-.,eE") and c != " "]
    what = ", ".join(dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c, '')}" for c in extra))
    raise UsageError(
        f"{name} holds numbers with invisible characters or other spaces than ' ' around "
        f"them ({what.strip()}; e.g. {example!r}), which are text to a formula: remove them "
        f"from the file's cells{todo}"
    )


def check_decoded(df: pd.DataFrame, shown: str, given: str | None) -> None:
    """Refuse a NUL byte in a column name or a cell of text, and UTF-8 text read in the
    one-byte encoding ``--encoding`` gave (``given``). A text file holds no NUL: UTF-16
    text without its byte-order mark has one beside each letter (its column 'y' was read as
    'y\\x00', and the refusal then asked whether the formula meant that), and in a damaged
    file 'c\\x00' was an outcome level of its own beside 'c'."""
    check_not_utf8_misread(df, shown, given)
    check_not_cp1252_misread(df, shown, given)
    names = [str(name) for name in df.columns]
    if any(_NUL in name for name in names):
        raw = ",".join(names).encode("latin-1", errors="replace")
        raise UsageError(
            f"{shown}: its header ({names[0][:20]!r}, ...) "
            + (
                _utf16(raw)
                if raw.count(0) * 3 >= len(raw)
                else "holds NUL bytes, which no text file holds: the file is damaged or is not CSV"
            )
        )
    for name in df.columns:
        if df[name].dtype.kind not in "OSU" and not isinstance(df[name].dtype, pd.StringDtype):
            continue
        for byte, (what, why) in _NOT_TEXT.items():
            held = df[name].astype("string").str.contains(byte, regex=False).fillna(False)
            if held.any():
                row = int(held.to_numpy().argmax())
                raise UsageError(
                    f"{shown}: column {name!r} holds {what} in data row {row + 1} "
                    f"({df[name].iloc[row][:20]!r}), {why} (tr -d '\\{ord(byte):03o}' < FILE "
                    "> NEW.csv)"
                )


def _utf16(first: bytes) -> str:
    """What to do with UTF-16 text without its byte-order mark: a NUL beside each ASCII
    letter, before it in big-endian order (the file's ``first`` bytes), after it in
    little-endian."""
    order = "BE" if first[:1] == b"\x00" else "LE"
    return (
        "has a NUL byte beside each letter, as UTF-16 text without its "
        f"byte-order mark has; read it with --encoding utf-16-{order.lower()}, or save it as "
        "UTF-8 CSV"
    )


_QUOTED_AFTER_SPACE = r'\s+"[^"]*"\s*'
_ROWS = 1000


def check_quotes_after_spaces(df: pd.DataFrame, shown: str, sep: str) -> None:
    """Refuse a field that is a quoted text after spaces (``a, "b"``): a quote opens a field
    only at its start, so a file that writes a space after each delimiter was read with the
    quotes and the space in its names and labels (levels ' "a"', ' "b"'; a column ' "x"' that
    the formula's x did not find)."""
    cells = [(f"its header names {name!r}", name) for name in map(str, df.columns)]
    for name in df.columns:
        column = df[name].iloc[:_ROWS]  # such a file writes every row so
        if column.dtype.kind == "O" or isinstance(column.dtype, pd.StringDtype):
            text = column.astype("string")
            found = text.str.fullmatch(_QUOTED_AFTER_SPACE).fillna(False).to_numpy(bool)
            if found.any():
                row = int(found.argmax())
                cells.append(
                    (
                        f"column {name!r} holds {text.iloc[row]!r} in data row {row + 1}",
                        str(text.iloc[row]),
                    )
                )
    for where, text in cells:
        if re.fullmatch(_QUOTED_AFTER_SPACE, text):
            raise UsageError(
                f"{shown}: {where}, a quoted text after a space: a quote is read as one only "
                f"at the start of a field, and the file writes a space after each delimiter; "
                f"remove those spaces (e.g. sed {shell_word(_sed_unspace(sep))} FILE > NEW.csv)"
            )


def check_spaces_after_sep(
    df: pd.DataFrame, shown: str, texts: list[str], head: bytes, layout: dict
) -> None:
    """Refuse a file that writes a space after each delimiter ('y, x, w', as a file typed by
    hand writes it) when a formula (or ``--weights``, ``--groups``: ``texts``) names a column
    without its space: the library's refusal said to name it `` x`` in backticks, one column
    at a time, where ``--sep ', '`` reads every field without it. The header and the first
    rows of ``head``, the file's first bytes read with ``layout`` (its delimiter, encoding and
    lines skipped), write the delimiter so each time; a header alone spaced (' y , x') is
    not such a file."""
    sep, names = layout["sep"], [str(name) for name in df.columns]
    if len(sep) != 1 or len(names) < 2 or not all(n[:1] == " " for n in names[1:]):
        return
    # the spaces as many as written: two after each ',' were advised --sep ', ', which left
    # one before each name, refused again
    widths = {len(name) - len(name.lstrip(" ")) for name in names[1:]}
    if len(widths) != 1:
        return  # widths that vary: no --sep reads them all
    spaces = widths.pop()
    spaced = sep + " " * spaces
    lines = head.decode(layout["encoding"] or "utf-8", "replace").splitlines()
    lines = lines[layout["skiprows"] : -1][:4]  # the last may be cut short
    if len(lines) < 2 or any(line.count(sep) != line.count(spaced) for line in lines):
        return
    bare = [n.strip() for n in names[1:] if n.strip() and n.strip() not in names]
    word = r"(?<![\w.`]){}(?![\w`])|`{}`"
    used = [n for n in bare if any(re.search(word.format(*[re.escape(n)] * 2), t) for t in texts)]
    if used:
        shown_names = first_few(names, 3)
        raise UsageError(
            f"{shown} writes {'a space' if spaces == 1 else f'{spaces} spaces'} after each "
            f"{sep!r} (its header names {shown_names}), and the formula names {used[0]!r} "
            f"without {'it' if spaces == 1 else 'them'}: pass --sep {shell_word(spaced)}, "
            "which reads the fields without their spaces"
        )


def check_stray_quotes(df: pd.DataFrame, shown: str, sep: str) -> None:
    """Refuse a cell that holds whole rows of the file: a quote at the start of a field that
    no quote closes until lines further on (a stray one) reads those lines as one text. In
    a column of numbers it was refused as text to be given to --na-values, the lines quoted
    whole in the advice, and elsewhere the rows were lost, read as one label. A text of
    several lines, of which none between the first and last splits into the header's count
    of fields, is taken as written (a comment cell of several lines)."""
    if len(sep) != 1:
        return
    for name in df.columns:
        column = df[name]
        if not (column.dtype.kind == "O" or isinstance(column.dtype, pd.StringDtype)):
            continue
        text = column.astype("string")
        for row in np.flatnonzero(text.str.contains("\n", regex=False).fillna(False))[:100]:
            lines = str(text.iloc[row]).splitlines()
            rows = [line for line in lines[1:-1] if line.count(sep) == len(df.columns) - 1]
            if rows:
                raise UsageError(
                    f"{shown}: data row {row + 1} holds in column {name!r} a text of "
                    f"{len(lines)} lines of the file, rows among them ({rows[0]!r}): the "
                    f"quote that opens the cell ({chr(34) + lines[0]!r}) is closed only on "
                    f"the last of them ({lines[-1] + chr(34)!r}), so the rows between were "
                    "read as that one cell; remove the stray quote, or close it where the "
                    "cell ends"
                )


def _sed_unspace(sep: str) -> str:
    """The sed script that removes the space between ``sep`` and a quote: the delimiter, a
    character of sed's regular expressions or replacements, written as sed reads it, in an
    ``s`` command split by a character it does not hold. Written into ``s/SEP "/SEP"/g``
    as it is, '--sep /' gave 's// "//"/g', which sed refuses, and '--sep .' a pattern that
    matched any character before ' "' and replaced it by a dot."""
    split = next(c for c in "/|#,:@%!" if c not in sep)

    def escaped(text: str, special: str) -> str:
        return "".join("\\" + c if c in special else c for c in text)

    pattern, replacement = escaped(sep, "\\.*[]^$"), escaped(sep, "\\&")
    return f's{split}{pattern} "{split}{replacement}"{split}g'


def field_counts(
    opened: Callable[[], Path | io.BytesIO], layout: dict[str, Any], fewer: int | None = None
) -> Iterator[tuple[int, int]]:
    """Each data row's line in the file and number of fields (after the lines ``layout``
    skips and the header; blank lines left out, as pandas leaves them), read as they come:
    a list of them beside the file's text and its lines took 160 MB for a file of 40 MB.
    Ends early where the file cannot be read so. ``fewer``: only the rows of fewer fields
    (a million tuples through Python took a second)."""
    try:
        with get_handle(opened(), "rb", compression=layout["compression"], is_text=False) as h:
            text = io.TextIOWrapper(h.handle, encoding=layout["encoding"], newline="")
            skipped, sep = layout["skiprows"], layout["sep"]
            lines = itertools.islice(text, skipped, None)
            header = True
            if layout["engine"] != "c":  # a delimiter of several characters: no quotes read
                for k, line in enumerate(lines):
                    n = len(re.split(sep, line))
                    if line.strip() and not header and (fewer is None or n < fewer):
                        yield skipped + k + 1, n
                    header = header and not line.strip()
                return
            reader = csv.reader(lines, delimiter=sep)
            start = 0
            for row in reader:
                if row and not header and (fewer is None or len(row) < fewer):
                    yield skipped + start + 1, len(row)
                header = header and not row
                start = reader.line_num
    except (OSError, EOFError, ValueError, lzma.LZMAError, zlib.error, csv.Error):
        return
