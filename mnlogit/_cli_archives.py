"""The command line's data file as a container: another program's data file (Stata, R,
SPSS, SAS, Parquet, Arrow) or a spreadsheet refused with how to read it, and a zip archive
of one data file, beside the entries a Mac adds (``__MACOSX/._data.csv``, ``.DS_Store``),
read as that file; a zip of several files refused, naming them, and one whose data file a
password protects refused with how to unzip it.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from pathlib import Path

from ._alike import first_few
from ._cli_errors import UsageError, one_line, shell_word

__all__ = ["check_not_a_workbook", "check_not_another_programs", "first_bytes", "opened"]


def opened(source: Path | bytes) -> Path | io.BytesIO:
    """The data file, or a BytesIO of what a pipe held, to be read from its start."""
    return source if isinstance(source, Path) else io.BytesIO(source)


# Stata 13 and later start with this tag, Stata 8 to 12 with the format (113 to 115), the byte
# order and the file type
_STATA = (b"<stata_dta>", *(bytes([v, order, 1, 0]) for v in (113, 114, 115) for order in (1, 2)))
# Data files of other programs, by their names and first bytes: what each is, how that program
# writes CSV, and the pandas reader that takes it to a fit in Python.
_OTHER_PROGRAMS = (
    ((".dta",), _STATA, "a Stata data file", "Stata: export delimited", "read_stata"),
    ((".rds", ".rda", ".rdata"), (), "an R data file", 'R: write.csv(df, "df.csv")', ""),
    ((".sav", ".zsav", ".por"), (b"$FL2@(#)", b"$FL3@(#)"), "an SPSS data file", "", "read_spss"),
    ((".sas7bdat", ".xpt"), (), "a SAS data file", "SAS: proc export", "read_sas"),
    # the bytes after the tags too (a page header, padding): a CSV file may start with "PAR1,"
    ((".parquet",), (b"PAR1\x15",), "a Parquet file", "", "read_parquet"),
    ((".feather", ".arrow"), (b"ARROW1\x00",), "an Arrow (Feather) file", "", "read_feather"),
)


def check_not_another_programs(source: Path | bytes, shown: str, name: str = "") -> None:
    """Refuse a data file of Stata, R, SPSS, SAS, Parquet or Arrow, by its name (``name``
    for data read from a zip) or its first bytes, saying how to write it as CSV or fit it in
    Python: it was read as text, and refused as 'not UTF-8 text (byte 0xec at position 6)'
    or as damaged gzip data."""
    suffix = Path(source if isinstance(source, Path) else name).suffix.lower()
    head = first_bytes(source, 16)
    for suffixes, magics, what, program, reader in _OTHER_PROGRAMS:
        if suffix in suffixes or any(head.startswith(magic) for magic in magics):
            ways = [f"save it as CSV ({program})" if program else "save it as CSV"]
            if reader:
                path = shown if isinstance(source, Path) else "path"
                ways.append(f"fit it in Python: mnlogit.fit(formula, pd.{reader}({path}), ...)")
            raise UsageError(
                f"{shown} is {what}, which the command line does not read: " + ", or ".join(ways)
            )


def check_not_a_workbook(
    source: Path | bytes, compression: str | None, shown: str
) -> tuple[str, bytes] | None:
    """Refuse a spreadsheet (an .xlsx or .ods is a zip of several files, an .xls an OLE2
    file) and a zip of several files, each in one line: pandas ended a zip of several
    files with a ValueError and its traceback. The data of a zip holding one file beside
    the entries a Mac's Finder adds (``__MACOSX/._data.csv``, ``.DS_Store``), which pandas
    counts as files too, are returned with its name, to be read in its place; else None."""
    save = "save the sheet as CSV UTF-8 and give that file"
    if first_bytes(source, 4) == b"\xd0\xcf\x11\xe0":
        raise UsageError(
            f"{shown} is an Excel .xls workbook (or another OLE2 file), not CSV: {save}"
        )
    if compression not in ("zip", "infer") or not first_bytes(source, 4).startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(opened(source)) as archive:
            every = [n for n in archive.namelist() if not n.endswith("/")]
            names = [n for n in every if not _finder_entry(n)]
            if len(names) == 1 and archive.getinfo(names[0]).flag_bits & _ENCRYPTED:
                _refuse_encrypted(source, shown, names[0])
            data = (names[0], archive.read(names[0])) if len(names) == 1 < len(every) else None
    except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError) as exc:
        raise UsageError(f"{shown} cannot be read as a zip file: {one_line(exc)}") from None
    if "[Content_Types].xml" in names or "mimetype" in names:
        raise UsageError(f"{shown} is a spreadsheet (.xlsx or .ods), not CSV: {save}")
    if not names and every:
        raise UsageError(
            f"{shown} is a zip holding only the entries a Mac adds to an archive "
            f"({', '.join(map(repr, every[:3]))}{', ...' if len(every) > 3 else ''}), and no "
            "data file: zip the CSV file itself"
        )
    if len(names) > 1:
        listed = first_few(names, 5)
        raise UsageError(
            f"{shown} is a zip of {len(names)} files ({listed}); the data must be one CSV "
            "file: unzip the one to read, or pipe it in: unzip -p FILE.zip NAME | mnlogit fit "
            "- FORMULA"
        )
    return data


# bit 0 of a zip entry's general purpose flags: its data are encrypted (ZipCrypto or AES)
_ENCRYPTED = 0x1


def _refuse_encrypted(source: Path | bytes, shown: str, name: str) -> None:
    """Refuse a zip whose data file ``name`` a password protects: pandas' RuntimeError ended
    the command with a traceback ('password required for extraction'), and the command line
    has no way to ask for the password."""
    archive = shell_word(str(source)) if isinstance(source, Path) else "FILE.zip"
    member = shell_word(name)
    raise UsageError(
        f"{shown} is an encrypted zip: a password protects {name!r}, and the command line "
        f"reads no password; unzip it first (unzip {archive}, which asks for the password) "
        f"and give the CSV file, or pipe it in: unzip -p {archive} {member} | mnlogit fit - "
        "FORMULA"
    )


def _finder_entry(name: str) -> bool:
    """Whether a zip's entry ``name`` is one a Mac adds when it compresses a file: its
    resource fork under ``__MACOSX/`` (``._data.csv``) or a folder's ``.DS_Store``."""
    parts = name.split("/")
    return parts[0] == "__MACOSX" or parts[-1].startswith("._") or parts[-1] == ".DS_Store"


def first_bytes(source: Path | bytes, size: int = 10) -> bytes:
    """The first ``size`` bytes of the data file or of what a pipe held."""
    if isinstance(source, bytes):
        return source[:size]
    with open(source, "rb") as f:
        return f.read(size)
