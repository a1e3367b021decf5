"""The command line's outputs (``--csv``, ``--latex``, ``--names``), checked before anything
is fitted: a refusal after the fit came after its summary, or had already overwritten the data
file; and the ``--csv`` table written with the delimiter its file's name says."""

from __future__ import annotations

import argparse
import csv
import io
import os
from pathlib import Path

from ._cli_errors import UsageError
from .exceptions import InputTypeError
from .report._compare_checks import check_names
from .report._files import check_compression

__all__ = ["COMPRESSED", "check_outputs", "compare_names", "delimited", "tab_separated"]

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


# endings of files of other formats than the text the options write
_OTHER_FORMATS = {
    **dict.fromkeys((".xlsx", ".xlsm", ".xls"), "an Excel workbook"),
    ".ods": "a spreadsheet",
    ".dta": "a Stata data file",
    **dict.fromkeys((".rds", ".rda", ".rdata"), "an R data file"),
    ".sav": "an SPSS data file",
    ".parquet": "a Parquet file",
    **dict.fromkeys((".feather", ".arrow"), "an Arrow file"),
    ".json": "a JSON file",
    # the tables' Markdown is Python's (as_markdown()): '--latex coef.md' wrote LaTeX there
    **dict.fromkeys((".md", ".markdown"), "a Markdown file"),
    ".pdf": "a PDF document",
    **dict.fromkeys((".doc", ".docx"), "a Word document"),
    **dict.fromkeys((".html", ".htm"), "a web page"),
    **dict.fromkeys((".png", ".jpg", ".jpeg", ".svg"), "an image"),
}
_WRITES = {
    "--csv": (
        "CSV text",
        {".tex": "a LaTeX file"},
        "ending .csv (which spreadsheets open) or .tsv",
    ),
    "--latex": (
        "LaTeX source",
        dict.fromkeys((".csv", ".tsv", ".tab"), "a CSV file (--csv writes one)"),
        "ending .tex, to \\input into a LaTeX document",
    ),
}


def _check_format(flag: str, out: str) -> None:
    """Refuse an output whose name says another format than the text written into it:
    '--csv coef.xlsx' wrote CSV text that Excel refuses to open ('file format or extension
    is not valid'), and said it 'Wrote the coefficient table to coef.xlsx'."""
    kind, others, ending = _WRITES[flag]
    what = {**_OTHER_FORMATS, **others}.get(_ending(out))
    if what is not None:
        raise UsageError(
            f"{flag} {out!r} names {what}, and {flag} writes {kind}: give a name {ending}"
        )


def delimited(text: str, out: str) -> str:
    """The CSV ``text`` of a table as the ``--csv`` file ``out`` is written: with tabs for a
    .tsv or .tab file, as the command line reads such a file, otherwise as it is. A table
    written with commas to 'coef.tsv' (pandas' to_csv writes commas whatever the name) was
    read by read.delim, read_tsv or a spreadsheet as one column per line."""
    if not tab_separated(out):
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


# how a name holding a comma is given, said where names are refused
_COMMA_NAMES = (
    "a name holding a comma is given in double quotes (--names '\"x, y\",z') or with "
    "--names once per formula (--names 'x, y' --names z)"
)


def compare_names(given: list[str] | None, formulas: list[str]) -> list[str]:
    """The column headers ``--names`` gives, one per formula, or the default ones ((1), (2),
    ...): refused before any fit, where compare refused them after every model was fitted,
    as Python's ``names:``. Given once, the names are separated by commas, as fields of a
    CSV line (in double quotes a name may hold a comma: ``"x, y",z``); given once per
    formula, each is one name, commas and all: a name holding a comma had no way in."""
    if given is None:
        return check_names(None, len(formulas))
    n = len(formulas)
    if len(given) == 1:
        names = _split_names(given[0])
        said = f"--names {given[0]!r}: expected {n} distinct, non-blank names separated by "
        said += "commas, one per formula"
        hint = _COMMA_NAMES if "," in given[0] else ""
    else:
        names = [name.strip() for name in given]
        said = " ".join(f"--names {name!r}" for name in given)
        said += f": expected {n} distinct, non-blank names, one --names per formula"
        # --names a,b --names c,d for four formulas
        hint = "given more than once, each --names is one name, commas and all"
    try:
        return check_names(names, n)
    except InputTypeError:
        got = f"got {len(names)}: {', '.join(map(repr, names))}"
        raise UsageError(
            f"{said}; {got}" + (f"; {hint}" if hint and len(names) != n else "")
        ) from None


def _split_names(text: str) -> list[str]:
    """The names of one ``--names``, read as the fields of a CSV line."""
    try:
        fields = next(csv.reader([text], skipinitialspace=True, strict=True), None) or [""]
    except csv.Error:  # a quote left open, or text after a closing quote
        raise UsageError(
            f"--names {text!r}: a double quote must enclose a whole name between commas "
            f'("x, y",z); or give --names once per formula, each one name as written'
        ) from None
    return [name.strip() for name in fields]


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet): then only the same path is the same
        return Path(a).resolve() == Path(b).resolve()


def check_outputs(args: argparse.Namespace) -> None:
    """Refuse outputs that would overwrite the data file, or each other."""
    outputs = [
        (flag, out)
        for flag, out in (("--csv", args.csv), ("--latex", args.latex))
        if out is not None
    ]
    for flag, out in outputs:
        if not out.strip() or "\x00" in out:  # a NUL ended in os' ValueError, a traceback
            raise UsageError(f"{flag}: expected a file name; got {out!r}")
        if out == "-":  # '-' reads standard input; as an output it made a file named '-'
            raise UsageError(
                f"{flag} -: standard output shows the summary; give a file name for the table "
                "(or /dev/stdout to have it there too)"
            )
        if out.endswith(("/", os.sep)) or os.path.isdir(out):
            # Path() drops the '/', and opening it said "Is a directory" of no folder at all
            raise UsageError(
                f"{flag} {out!r} names a folder; give a file name for the table, e.g. "
                f"{os.path.join(out, 'table' + flag.replace('--', '.').replace('latex', 'tex'))}"
            )
        folder = Path(out).parent
        if not folder.is_dir():
            missing = "is a file, not a folder" if folder.exists() else "does not exist"
            what = "" if folder.exists() else "the folder "
            raise UsageError(f"{flag} {out!r}: {what}{str(folder)!r} {missing}")
        if args.data is not None and _same_file(out, args.data):
            raise UsageError(
                f"{flag} {out!r} is the data file being read; write the table to another file"
            )
        check_compression(out, flag)
        _check_format(flag, out)
        _check_writable(flag, out)
    if len(outputs) == 2 and _same_file(args.csv, args.latex):
        raise UsageError(f"--csv and --latex both write {args.csv!r}; give them different files")


def _check_writable(flag: str, out: str) -> None:
    """Refuse an output that cannot be written before the fit, not after its summary: the
    file is opened for appending (nothing in it changes), and removed if it was not there.
    A named pipe, a terminal or another device is only checked for permission: opening and
    closing a pipe ends its reader's input (``cat < fifo`` stops), and the table written
    later would wait forever for a reader."""
    if os.path.exists(out) and not os.path.isfile(out) and not os.path.isdir(out):
        if not os.access(out, os.W_OK):
            raise UsageError(f"{flag} {out!r} cannot be written: Permission denied")
        return
    existed = os.path.lexists(out)
    try:
        with open(out, "a", encoding="utf-8"):
            pass
    except OSError as exc:
        raise UsageError(f"{flag} {out!r} cannot be written: {exc.strerror}") from None
    if not existed:
        os.remove(out)
