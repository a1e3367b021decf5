"""Where the exports are written: a file named by a path (``~`` expanded, replaced whole so
that a failed write leaves it as it was; compressed when its name ends as a compressed
file's, as pandas writes it; a CSV table with tabs where its name ends .tsv or .tab; a name
of another format than the text written refused) or a text file the caller opened; every
refusal an ``OutputError`` or ``InputTypeError`` naming the path."""

from __future__ import annotations

import bz2
import contextlib
import csv
import errno
import gzip
import io
import lzma
import os
import secrets
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, NamedTuple

from ..exceptions import InputTypeError, OutputError

__all__ = [
    "COMPRESSED",
    "EXPORTS",
    "check_compression",
    "delimited",
    "misnamed",
    "tab_separated",
    "write_table",
    "write_text",
]

COMPRESSED = {".gz", ".bz2", ".zip", ".xz", ".zst", ".tar"}  # the names pandas reads by


def _ending(name: str) -> str:
    """The ending of the file ``name`` before a compression's (.tsv of data.tsv.gz), or ""."""
    ends = [end.lower() for end in Path(name).suffixes if end.lower() not in COMPRESSED]
    return ends[-1] if ends else ""


def tab_separated(name: str) -> bool:
    """Whether the file ``name`` is tab-separated by its name: ending .tsv or .tab, before a
    compression's ending (data.tsv.gz), as R's read.delim and readr's read_tsv files are
    named."""
    return _ending(name) in (".tsv", ".tab")


def delimited(text: str, name: str) -> str:
    """The CSV ``text`` of a table as the file ``name`` is written: with tabs for a .tsv or
    .tab file, otherwise as it is. A table written with commas to 'coef.tsv' (pandas' to_csv
    writes commas whatever the name) was read by read.delim, read_tsv or a spreadsheet as
    one column per line."""
    if not tab_separated(name):
        return text
    rows = list(csv.reader(io.StringIO(text, newline="")))
    # a cell holding a carriage return is quoted, or readers end the row there; the csv
    # module quotes only the line break it ends rows with
    cr = any("\r" in cell for row in rows for cell in row)
    table = io.StringIO()
    writer = csv.writer(
        table,
        delimiter="\t",
        lineterminator="\n",
        quoting=csv.QUOTE_ALL if cr else csv.QUOTE_MINIMAL,
    )
    writer.writerows(rows)
    return table.getvalue()


# endings of files of other formats than the text the exports write
_OTHER_FORMATS = {
    **dict.fromkeys((".xlsx", ".xlsm", ".xls"), "an Excel workbook"),
    ".ods": "a spreadsheet",
    ".dta": "a Stata data file",
    **dict.fromkeys((".rds", ".rda", ".rdata"), "an R data file"),
    ".sav": "an SPSS data file",
    ".parquet": "a Parquet file",
    **dict.fromkeys((".feather", ".arrow"), "an Arrow file"),
    ".json": "a JSON file",
    # the tables' Markdown is as_markdown()'s: a LaTeX table written to 'coef.md'
    **dict.fromkeys((".md", ".markdown"), "a Markdown file"),
    ".pdf": "a PDF document",
    **dict.fromkeys((".doc", ".docx"), "a Word document"),
    **dict.fromkeys((".html", ".htm"), "a web page"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".svg"), "an image"),
}


class Export(NamedTuple):
    """What an export writes, the endings of the other export's files (said with the
    export that writes them), the name to give instead, where the numbers go into other
    formats, and whether a name ending .tsv or .tab has it written with tabs."""

    text: str
    others: dict[str, tuple[str, str]]
    ending: str
    instead: str = ""
    tabs: bool = False


# each export's kind ("csv": to_csv and --csv; "latex": to_latex and --latex)
EXPORTS = {
    "csv": Export(
        "CSV text",
        {".tex": ("a LaTeX file", "latex")},
        "ending .csv (which spreadsheets open) or .tsv",
        instead="; to_frame() has the numbers for other formats (its to_excel, to_parquet)",
        tabs=True,
    ),
    "latex": Export(
        "LaTeX source",
        dict.fromkeys((".csv", ".tsv", ".tab"), ("a CSV file", "csv")),
        "ending .tex, to \\input into a LaTeX document",
    ),
}


def misnamed(kind: str, name: str, said: str, writer: Callable[[str], str]) -> str | None:
    """Why the file ``name`` cannot take the text the export ``kind`` writes, its ending
    naming another format (an Excel workbook, a PDF document), or None; ``said`` begins the
    message, and ``writer(kind)`` names the export of a kind as the caller gives it
    (``--csv``, ``to_csv``): a CSV table written to 'coef.xlsx' was a file Excel refuses to
    open ('file format or extension is not valid'), a LaTeX table in 'coef.pdf' one no PDF
    viewer opens."""
    ending, export = _ending(name), EXPORTS[kind]
    if ending in export.others:
        what, by = export.others[ending]
        other = f"{what} ({writer(by)} writes one)"
    elif ending in _OTHER_FORMATS:
        other = _OTHER_FORMATS[ending]
    else:
        return None
    return (
        f"{said} names {other}, and {writer(kind)} writes {export.text}: give a name "
        f"{export.ending}"
    )


def write_table(path: str | os.PathLike[str] | IO[str], text: str, kind: str) -> None:
    """Write ``text``, a table of the export ``kind`` (:data:`EXPORTS`), to ``path``, a file
    name, a path or a text file opened for writing (``to_csv`` and ``to_latex``): a name
    that says another format is refused, and a CSV table written with tabs where its name
    ends .tsv or .tab."""
    what = f"to_{kind}"
    if isinstance(path, (str, os.PathLike)):
        # a leading '~' is the home folder, as pandas and R read it: it was taken for a
        # folder named '~' in the working folder (the command line's shell expands it
        # before the outputs are checked, so write_text leaves it as given)
        name = os.path.expanduser(os.fspath(path))
        export = EXPORTS[kind]
        refusal = misnamed(kind, name, f"{what}: {os.fspath(path)!r}", lambda by: f"to_{by}")
        if refusal is not None:
            raise OutputError(refusal + export.instead)
        write_text(name, delimited(text, name) if export.tabs else text, what)
        return
    if not callable(getattr(path, "write", None)):
        raise InputTypeError(
            f"{what}: path: expected a file name, a path or a text file; got "
            f"{type(path).__name__} {path!r}"
        )
    try:
        path.write(text)
    except UnicodeEncodeError as exc:
        # a ValueError too, which was answered 'open it with mode 'w'', as the file was
        raise OutputError(_unencodable(path, exc, what)) from None
    except TypeError:  # a file opened in binary mode wants bytes
        raise InputTypeError(
            f"{what}: {path!r} does not take text (a file opened in binary mode?); "
            "open it with mode 'w', or give its name"
        ) from None
    except (io.UnsupportedOperation, ValueError) as exc:
        # a file opened for reading ('not writable'), or closed ('I/O operation on closed
        # file'): io's bare errors
        raise OutputError(
            f"{what}: cannot write to {path!r} ({exc}); open it with mode 'w', or give its name"
        ) from None


def _unencodable(path: IO[str], exc: UnicodeEncodeError, what: str) -> str:
    """Why a text file open in an encoding without some of the table's characters (a
    Windows default, cp1252, and a Hebrew outcome level) cannot take it, and what can."""
    encoding = getattr(path, "encoding", None) or exc.encoding  # cp1252's codec: 'charmap'
    characters = exc.object[exc.start : exc.end]
    line = exc.object[: exc.start].count("\n") + 1
    text = exc.object.splitlines()[line - 1]
    shown = text if len(text) <= 60 else text[:57] + "..."
    return (
        f"{what}: {path!r} is open in the encoding {encoding!r}, which has no "
        f"{characters!r} (line {line} of the table: {shown!r}); open it with "
        "encoding='utf-8', or give its name (written as UTF-8)"
    )


def write_text(path: str | os.PathLike[str], text: str, what: str) -> None:
    """Write ``text`` to ``path`` (UTF-8), or say why not with the path named: a missing
    folder had been pandas' bare OSError (to_csv) or Python's FileNotFoundError (to_latex)."""
    if not isinstance(path, (str, os.PathLike)):
        raise InputTypeError(
            f"{what}: path: expected a file name or a path; got {type(path).__name__} {path!r}"
        )
    given = os.fspath(path)
    if not given:  # open('') said 'No such file', the replacement 'Is a directory'
        raise OutputError(f"{what}: the path is empty; give a file name")
    if "\x00" in given:  # os' bare ValueError: embedded null byte
        raise OutputError(f"{what}: {given!r} holds a NUL character, which no file name can")
    if given.endswith(("/", os.sep)) and not os.path.isdir(given):
        # abspath drops the '/': a file named as the folder meant was made in its place
        raise OutputError(
            f"{what}: {given!r} ends with '/', so it names a folder, which does not exist; "
            "give a file name (in an existing folder)"
        )
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        # a file standing where the folder should be was said not to exist
        missing = "is a file, not a folder" if os.path.exists(folder) else "does not exist"
        raise OutputError(f"{what}: {given!r}: the folder {folder!r} {missing}")
    if os.path.isdir(path):
        raise OutputError(f"{what}: {given!r} is a folder; give a file name in it")
    data = _compressed(given, text.encode("utf-8"), what)
    try:
        _replace(given, data)
    except OSError as exc:
        raise OutputError(f"{what}: cannot write {given!r}: {exc.strerror or exc}") from None


def _zip(name: str) -> Callable[[bytes], bytes]:
    def packed(data: bytes) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            # one member named as the file without '.zip', as pandas writes it; dated as the
            # zip format's earliest date, so that the file does not depend on the time
            member = zipfile.ZipInfo(name[: -len(".zip")], (1980, 1, 1, 0, 0, 0))
            member.external_attr = 0o644 << 16  # read and written by its owner, read by all
            archive.writestr(member, data, zipfile.ZIP_DEFLATED)
        return out.getvalue()

    return packed


# what a name's end says the file is, as pandas infers it (to_csv('t.csv.gz') is gzip data)
_COMPRESSORS: dict[str, Callable[[str], Callable[[bytes], bytes]]] = {
    ".gz": lambda name: lambda data: gzip.compress(data, mtime=0),
    ".bz2": lambda name: bz2.compress,
    ".xz": lambda name: lzma.compress,
    ".zip": _zip,
}
_NOT_WRITTEN = (".zst", ".tar")
# a compressed tar archive: pandas reads t.tar.gz as one (and tar t.tgz), where the last
# ending alone had the table written as gzip-compressed text, which both refused to open
# (t.tar.zip is a zip file to pandas, and written as one)
_ARCHIVES = (".tar.gz", ".tar.bz2", ".tar.xz", ".tgz", ".tbz", ".tbz2", ".txz")


def check_compression(path: str, what: str) -> None:
    """Refuse a name that says a compression the tables are not written with (.zst, .tar,
    .tar.gz)."""
    archive = next((e for e in _ARCHIVES if os.fspath(path).lower().endswith(e)), None)
    if archive is not None:
        raise OutputError(
            f"{what}: {path!r} names a tar archive ({archive}), which the tables are not "
            "written as; give a name of no archive (t.csv.gz is written gzip-compressed)"
        )
    end = os.path.splitext(path)[1].lower()
    if end in _NOT_WRITTEN:
        raise OutputError(
            f"{what}: {path!r} names a {end[1:]} file, which the tables are not written as; "
            f"give a name without {end!r} (or ending .gz, .bz2, .xz or .zip, which are "
            "written compressed)"
        )


def _compressed(path: str, data: bytes, what: str) -> bytes:
    """``data`` compressed as the end of ``path`` says: the table was written as plain text
    into 't.csv.gz', which pandas' read_csv and gunzip refused as not gzip data."""
    check_compression(path, what)
    end = os.path.splitext(path)[1].lower()
    if end not in _COMPRESSORS:
        return data
    return _COMPRESSORS[end](os.path.basename(path))(data)


def _replace(target: str, data: bytes) -> None:
    """Write ``data`` to a new file beside ``target`` and rename it over ``target``, so that
    a write that fails (a full disk, a size limit) or is killed halfway leaves the file as it
    was, never a table cut short; an existing file keeps its permissions. A pipe or device
    (``/dev/stdout``) is written in place, as is a file in a folder where no new file may be
    made."""
    if os.path.exists(target) and not os.path.isfile(target):
        # not resolved first: /dev/stdout into a pipe resolves to no path ("pipe:[...]")
        with open(target, "wb") as fh:
            fh.write(data)
        return
    target = os.path.realpath(target)  # through a link: the file it names is replaced
    if os.path.exists(target) and not os.access(target, os.W_OK):
        # renaming over it needs only the folder's permission: a file made read-only on
        # purpose is refused, as opening it for writing refused it
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask's mode
    except PermissionError:  # a writable file in a read-only folder
        with open(target, "wb") as fh:
            fh.write(data)
        return
    try:
        with open(fd, "wb") as fh:
            fh.write(data)
        if os.path.exists(target):
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
