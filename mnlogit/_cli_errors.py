"""The command line's errors: a mistake (:class:`UsageError`) and any other refusal printed as
one line on stderr, with exit status 2."""

from __future__ import annotations

__all__ = ["UsageError", "one_line"]


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit status 2."""


def one_line(exc: BaseException) -> str:
    if isinstance(exc, FileNotFoundError):
        return f"no such file: {exc.filename!r}"
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"cannot read {exc.filename!r}: {exc.strerror}"
    return " ".join(str(exc).split()) or type(exc).__name__
