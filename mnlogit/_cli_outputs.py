"""The command line's outputs (``--csv``, ``--latex``, ``--names``), checked before anything
is fitted: a refusal after the fit came after its summary, or had already overwritten the data
file; and the ``--csv`` table written with the delimiter its file's name says."""

from __future__ import annotations

import argparse
import csv
import os
from pathlib import Path

from ._cli_errors import UsageError
from .exceptions import InputTypeError
from .report._compare_checks import check_names
from .report._files import (
    COMPRESSED,
    check_compression,
    delimited,
    misnamed,
    tab_separated,
)

__all__ = ["COMPRESSED", "check_outputs", "compare_names", "delimited", "tab_separated"]


def _check_format(flag: str, out: str) -> None:
    """Refuse an output whose name says another format than the text written into it:
    '--csv coef.xlsx' wrote CSV text that Excel refuses to open ('file format or extension
    is not valid'), and said it 'Wrote the coefficient table to coef.xlsx'."""
    refusal = misnamed(flag.removeprefix("--"), out, f"{flag} {out!r}", lambda by: f"--{by}")
    if refusal is not None:
        raise UsageError(refusal)


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
