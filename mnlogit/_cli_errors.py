"""The command line's errors: a mistake (:class:`UsageError`) and any other refusal printed as
one line on stderr, with exit status 2."""

from __future__ import annotations

import os
import re

from ._methods import METHODS
from .covariance import COVARIANCES

__all__ = [
    "UsageError",
    "home_file",
    "joined",
    "one_line",
    "refuse_iia_beside",
    "refuse_undecodable",
    "shell_word",
]


class UsageError(Exception):
    """A command-line mistake: printed as one line, exit status 2."""


def refuse_iia_beside(iia: bool, cov: str, method: str) -> None:
    """Refuse ``--iia`` beside a ``--cov`` or ``--method`` its Hausman-McFadden tests cannot
    use, before the fit (after it, the summary printed and the refusal spoke of
    ``method='suest'``, which the command line cannot ask for), naming only the options given
    against it. Python's suest test is offered for a robust covariance, not beside
    ``--method firth``: every IIA test refuses a penalised fit, so it was refused in turn."""
    efficient, penalized = COVARIANCES[cov].efficient, METHODS[method].penalized
    if not iia or (efficient and not penalized):
        return
    got = [("--cov", cov, "nonrobust")] if not efficient else []
    got += [("--method", method, "newton")] if penalized else []
    suest = (
        ""
        if penalized
        else ", or mnlogit.fit(...).iia_test(omit, method='suest') in Python for robust or "
        "clustered errors"
    )
    raise UsageError(
        "--iia prints Hausman-McFadden tests, which compare maximum-likelihood fits with the "
        f"model-based covariance; got {' '.join(f'{o} {v}' for o, v, _ in got)} (use "
        f"{' '.join(f'{o} {ok}' for o, _, ok in got)}{suest})"
    )


# the arguments compared with the data file's text or read as text, by the name each has on the
# command line; a file's name is left out: its bytes name a file whatever they decode to
_TEXT_ARGUMENTS = {
    "formula": "the formula",
    "formulas": "the formula",
    "ref": "--ref",
    "weights": "--weights",
    "groups": "--groups",
    "na_values": "--na-values",
    "sep": "--sep",
    "decimal": "--decimal",
    "thousands": "--thousands",
    "names": "--names",
    "dataset": "--dataset",
    "encoding": "--encoding",
    "name": "the data set's name",
}
_UNDECODED = re.compile("[\udc80-\udcff]")  # a byte that is not UTF-8, as Python keeps it


def refuse_undecodable(args: object) -> None:
    """Refuse an argument holding bytes that are not UTF-8 text, as a terminal set to
    Latin-1 or Windows-1252 sends 'café', or bash's ``$'\\xa0'``: Python keeps each such
    byte as a lone surrogate, which no cell of the file is equal to; ``--ref`` and
    ``--thousands`` ended in a UnicodeEncodeError traceback, and ``--na-values`` in "cannot
    be read as --encoding latin-1 text"."""
    for attr, flag in _TEXT_ARGUMENTS.items():
        value = getattr(args, attr, None)
        for text in value if isinstance(value, list) else [value]:
            if not isinstance(text, str) or not (bad := _UNDECODED.search(text)):
                continue
            meant = _UNDECODED.sub(lambda b: _byte(b[0]).decode("cp1252", "replace"), text)
            shown = _UNDECODED.sub(lambda b: f"\\x{_byte(b[0])[0]:02x}", text)
            # as bash's $'...' of the character each byte is in Windows-1252 (as Latin-1,
            # but for the punctuation Excel's files hold): typed with any terminal's setting
            ascii = (_escaped(c) if c.isascii() else f"\\u{ord(c):04x}" for c in meant)
            written = "UTF-8 text" if "\ufffd" in meant else "$'" + "".join(ascii) + "'"
            raise UsageError(
                f"{flag} '{shown}' holds the byte 0x{_byte(bad[0])[0]:02x}, which is not "
                f"UTF-8 text (the terminal sends another encoding, such as Latin-1, or a "
                f"$'\\x..' escape wrote a byte): give it as {written}, or set the terminal to "
                "UTF-8"
            )


def _byte(kept: str) -> bytes:
    """The byte that Python's reading of the arguments kept as the surrogate ``kept``."""
    return kept.encode("utf-8", "surrogateescape")


_HOME_PATH = re.compile(r"~[\w.-]*/\S*")  # a path in a home folder, not a formula


def home_file(word: str) -> bool:
    """Whether ``word`` is a path in a home folder ('~/d.csv', quoted, which the shell leaves
    as written; pandas and R read it as the shell would): a file given, not a formula, which
    was refused as "two formulas" (a missing file as "no such file", with where it looked)."""
    if not _HOME_PATH.fullmatch(word):
        return False
    if not os.path.isfile(os.path.expanduser(word)):
        raise UsageError(f"no such file: {word!r} ({os.path.expanduser(word)!r})")
    return True


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
