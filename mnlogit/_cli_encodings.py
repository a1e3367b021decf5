"""The data file's text read with a one-byte --encoding that is not its own: UTF-8 text
('café' read as 'cafÃ©' by --encoding latin-1 or cp1252), and Windows-1252 text (Excel's
'CSV' on Windows) read as Latin-1 or another ISO-8859 encoding, in which the bytes that
Windows-1252 reads as '€', curly quotes and dashes are control characters."""

from __future__ import annotations

import codecs
import re

import pandas as pd

from ._cli_errors import UsageError

__all__ = ["check_not_cp1252_misread", "check_not_utf8_misread"]


def check_not_utf8_misread(df: pd.DataFrame, shown: str, given: str | None) -> None:
    """Refuse UTF-8 text read with ``--encoding latin-1`` or ``cp1252``: every letter outside
    ASCII became two or three ('café' read as 'cafÃ©'), fitted as written with nothing said.
    Said when each name and cell outside ASCII is UTF-8 in those bytes: in text of that
    encoding a letter such as 'é' stands alone, which is no UTF-8."""
    if given is None or codecs.lookup(given).name.startswith("utf"):
        return
    found = []  # (column, cell or None for the name, its text)
    for name in df.columns:
        found += [(name, None, str(name))] if not str(name).isascii() else []
        if df[name].dtype.kind == "O" or isinstance(df[name].dtype, pd.StringDtype):
            texts = df[name].dropna().astype(str).unique()
            found += [(name, t, t) for t in texts if not t.isascii()]
    read = [_as_utf8(text, given) for _, _, text in found]
    if not found or None in read:
        return
    name, cell, text = found[0]
    where = f"the name of column {name!r}" if cell is None else f"column {name!r}"
    if cell is not None:
        row = int((df[name].astype(str) == cell).to_numpy().argmax())
        where += f" in data row {row + 1}"
    raise UsageError(
        f"{shown} is UTF-8 text, which --encoding {given} reads otherwise: {where} reads "
        f"{text!r}, which is {read[0]!r} in UTF-8; leave out --encoding (UTF-8 is the default)"
    )


def _as_utf8(text: str, encoding: str) -> str | None:
    """``text``'s bytes in ``encoding`` read as UTF-8, or None when they are not UTF-8."""
    try:
        return text.encode(encoding).decode("utf-8")
    except UnicodeError:
        return None


# the C1 control characters, which ISO-8859 encodings read bytes 0x80 to 0x9f as
_CONTROLS = "[\x80-\x9f]"


def check_not_cp1252_misread(df: pd.DataFrame, shown: str, given: str | None) -> None:
    """Refuse Windows-1252 text read with ``--encoding latin-1`` (or another ISO-8859
    encoding; ``given``): its '€', curly quotes and dashes became control characters, which
    no text holds, so that a column of prices written '€5' was fitted as a factor with a
    level per price (no unit the checks of numbers know), and labels held '\x92'."""
    if given is None or codecs.lookup(given).name.startswith(("utf", "cp1252")):
        return
    for name in df.columns:
        cells = pd.Series([], dtype=object)
        if df[name].dtype.kind == "O" or isinstance(df[name].dtype, pd.StringDtype):
            cells = df[name].astype("string")
        held = cells.str.contains(_CONTROLS).fillna(False).to_numpy(bool)
        if re.search(_CONTROLS, str(name)):
            where, text = f"the name of column {name!r}", str(name)
        elif held.any():
            row = int(held.argmax())
            where, text = f"column {name!r} in data row {row + 1}", str(cells.iloc[row])
        else:
            continue
        try:
            meant = text.encode(given).decode("cp1252")
        except UnicodeError:  # bytes Windows-1252 leaves undefined: no such text
            continue
        control = ord(re.findall(_CONTROLS, text)[0])
        raise UsageError(
            f"{shown}: {where} holds the control character U+{control:04X} ({text[:40]!r}), "
            f"which text does not hold; in Windows-1252 (Excel's 'CSV' on Windows) it reads "
            f"{meant[:40]!r}: read the file with --encoding cp1252"
        )
