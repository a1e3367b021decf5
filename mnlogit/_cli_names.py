"""The command line's formulas checked against the names in the data file's header: a formula
refused before the data are read (it is code, checked first) says which of its words are a
column's name that only backticks write, as the library says it of a DataFrame's columns."""

from __future__ import annotations

import argparse
import lzma
import re
import zlib

import pandas as pd

from . import datasets
from ._backticks import backtick_note
from ._cli_archives import opened
from ._cli_errors import UsageError
from ._cli_files import _TAB_NAMES, _compression, _source
from ._cli_header import excel_sep_line
from ._cli_outputs import tab_separated
from ._cli_text import file_encoding, text_head
from ._formula_text import refuse_unsupported
from .exceptions import FormulaError
from .formula import check_formula_safe

__all__ = ["check_formulas_safe"]


def check_formulas_safe(args: argparse.Namespace, formulas: list[str]) -> None:
    """Refuse a formula that is not safe to evaluate or cannot be parsed, naming the columns
    of the data that it writes without the backticks their names need: 'y ~ my var' over a
    column 'my var' was refused as "Missing operator between `my` and `var`", 'y ~ 2020' as
    a numeric literal and 'y ~ x(1)' as a call of a function not listed, where the same
    formula fitted in Python on the file's DataFrame said to write `my var`."""
    for formula in formulas:
        try:
            check_formula_safe(formula)
        except FormulaError as exc:
            # R's '.', written out from the header; two backticks that may be a column's
            if "(every other column)" in str(exc) or "(empty backticks)" in str(exc):
                refuse_unsupported(formula, _header_names(args))
            note = backtick_note(formula, _header_names(args))
            if not note or note[2:] in str(exc):  # a keyword's advice, given already
                raise
            raise FormulaError(f"{str(exc).rstrip('.')}{note}") from None


def _header_names(args: argparse.Namespace) -> list[str] | None:
    """The column names of the data, as the data file's header gives them when read with its
    options; None when they cannot be read (reading the data then says why)."""
    if args.dataset is not None:
        if args.dataset not in datasets.list_datasets():
            return None
        return [str(name) for name in datasets.load(args.dataset).columns]
    if args.data is None:
        return None
    try:
        source = _source(args.data)
        compression = _compression(source)
        head = text_head(opened(source), compression, 512)
        encoding = file_encoding(head, args.encoding)
        named = excel_sep_line(head, encoding)
        sep = _TAB_NAMES.get(args.sep, args.sep) if args.sep is not None else named
        if sep is None:
            sep = "\t" if tab_separated(args.data) else ","
        header = pd.read_csv(
            opened(source),
            nrows=0,
            sep=re.escape(sep) if len(sep) > 1 else sep,
            engine="python" if len(sep) > 1 else "c",
            compression=compression,
            encoding=encoding,
            skiprows=max(args.skip, int(named is not None)),
        )
    except (UsageError, OSError, ValueError, EOFError, ImportError, lzma.LZMAError, zlib.error):
        return None  # reading the data says what is wrong
    return [str(name) for name in header.columns]
