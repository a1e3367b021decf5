"""The command line's errors: a mistake (:class:`UsageError`) and any other refusal printed as
one line on stderr, with exit status 2."""

from __future__ import annotations

import re

__all__ = ["UsageError", "joined", "one_line", "shell_word"]


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


_ESCAPES = {"\\": "\\\\", "'": "\\'", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def shell_word(text: str) -> str:
    r"""``text`` as one word of a shell command that passes it exactly: as it is, in single
    quotes, or, when it holds a line break, a tab or another character that does not print
    (a no-break space), as bash's ``$'...'`` with escapes. In single quotes a cell holding a
    line break was advised as ``--na-values 'n a'`` (the one-line message made its line
    break a space), which reads no cell as missing.

    Examples
    --------
    >>> print(shell_word("NA"), shell_word("n/a x"), shell_word("it's"), shell_word("n\na"))
    NA 'n/a x' 'it'\''s' $'n\na'
    """
    if re.fullmatch(r"[\w.,:/+-]+", text):
        return text
    if text.isprintable():
        return "'" + text.replace("'", "'\\''") + "'"
    return "$'" + "".join(map(_escaped, text)) + "'"


def _escaped(c: str) -> str:
    if c in _ESCAPES:
        return _ESCAPES[c]
    if c.isprintable():
        return c
    return f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}"
