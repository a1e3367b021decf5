"""The command line's errors: a mistake (:class:`UsageError`) and any other refusal printed as
one line on stderr, with exit status 2."""

from __future__ import annotations

import re

__all__ = ["UsageError", "joined", "one_line"]


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit status 2."""


def one_line(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"no such file: {exc.filename!r}"
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"cannot read {exc.filename!r}: {exc.strerror}"
    return joined(str(exc)) or type(exc).__name__


def joined(message: str) -> str:
    """``message`` on one line: its line breaks, with the indentation around them, made one
    space. Spaces within a line are kept: they may be a value quoted from the data (a cell
    of two spaces, whose advice ``--na-values '  '`` was printed as ``--na-values ' '``)."""
    return re.sub(r"[ \t]*[\r\n\f\v][\s]*", " ", message).strip()
