"""What the command line shows: its tables on standard output until their reader leaves
(``| head``) or the stream fails, in what encoding the stream takes, and the library's
warnings as one line each on stderr."""

from __future__ import annotations

import codecs
import io
import os
import re
import sys
import warnings
from collections.abc import Callable
from typing import Any, TypeVar

from ._alike import ClustersAlikeWarning
from ._cli_advice import for_the_command_line
from ._cli_errors import UsageError, joined
from ._methods import METHODS
from .exceptions import ConvergenceWarning, IIATestWarning, SeparationWarning
from .report._format import visible, wrap

__all__ = [
    "Shown",
    "escape_what_stdout_cannot_encode",
    "option_spelling",
    "quiet",
    "stdout_to_devnull",
    "table_text",
    "tell",
]

T = TypeVar("T")


class Shown:
    """Prints the run's tables until the reader of its output leaves (``| head``); the run
    then goes on without showing anything, so that the files it was asked to write are still
    written (the broken pipe ended it before them). ``status``: 1 once the reader left."""

    def __init__(self) -> None:
        self.status = 0

    def __call__(self, *parts: Any) -> None:
        if self.status:
            return
        try:
            print(*parts, flush=True)  # flushed: the pipe breaks here, not at the exit
        except BrokenPipeError:
            self.status = 1
            stdout_to_devnull()
        except OSError as exc:  # a full disk (> /dev/full): the stream, not a file, failed
            stdout_to_devnull()
            raise UsageError(f"cannot write to standard output: {exc.strerror or exc}") from None


# A summary's advice names the fit's argument, method="firth"; the option --method firth is as
# long, so the summary's wrapped lines keep their widths
_METHOD_ARGUMENT = re.compile(rf"""\bmethod=(["'])({"|".join(METHODS)})\1""")
# ... and a separated robust fit's, which its Firth refit takes with cov_type="nonrobust"
_COV_ARGUMENT = re.compile(r"""\bcov_type=(["'])(nonrobust)\1""")


def _as_options(text: str) -> str:
    text = _METHOD_ARGUMENT.sub(lambda m: f"--method {m[2]}", text)
    return _COV_ARGUMENT.sub(lambda m: f"--cov {m[2]}", text)


def option_spelling(summary: Any) -> str:
    """The text of ``summary`` with the fit's ``method="firth"`` written as the command
    line's ``--method firth``: the summary of a separated fit printed by ``mnlogit fit``
    advised Python's argument, which a user of the command line has no place to put. Its
    notes are said for the command line (:func:`for_the_command_line`) and wrapped again:
    a Firth fit's notes advised ``anova()`` or ``mnlogit.lr_test``, which no option runs."""
    text = str(summary)
    notes = list(getattr(summary, "notes", None) or [])
    cut = text.rfind("\nNotes:\n")
    said = [for_the_command_line(note) for note in notes]
    if cut >= 0 and said != notes:
        width = len(text[:cut].rsplit("\n", 1)[-1])  # the rule above the notes
        lines = [
            wrap(f"[{k}] {visible(note)}", width, indent="    ") for k, note in enumerate(said, 1)
        ]
        text = "\n".join([text[:cut], "Notes:", *lines])
    return _as_options(text)


def table_text(table: Any) -> str:
    """The text of ``mnlogit compare``'s table with its notes said for the command line and
    wrapped again to the table's width (as :func:`option_spelling` does a summary's): a
    Firth fit's note advised ``anova()`` or ``mnlogit.lr_test``, which no option runs; the
    legend of a separated fit's ``(!)`` said to refit with Python's ``method="firth"``."""
    text = _as_options(str(table))
    notes = list(getattr(table, "notes", None) or [])
    said = [for_the_command_line(note) for note in notes]
    lines = text.split("\n")
    rules = [k for k, line in enumerate(lines) if line and set(line) == {"="}]
    if said == notes or not rules:
        return text
    width = len(lines[rules[-1]])  # the notes follow the table's last rule
    wrapped = [wrap(visible(note), max(width, 60)) for note in said]
    return "\n".join([*lines[: rules[-1] + 1], *wrapped])


def stdout_to_devnull() -> None:
    """Point standard output at /dev/null: the interpreter's last flush would otherwise
    report the broken pipe again."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


def tell(line: str) -> None:
    """Print a line of the run's notes, warnings or refusal on stderr. A reader of it that
    left (``2>&1 | head -1``) ends these lines, not the run: its BrokenPipeError ended the
    run before the files asked for (--csv, --latex) were written, with status 1."""
    if sys.stderr is None:  # started with it closed (2>&-): print() would write on stdout
        return
    try:
        print(line, file=sys.stderr, flush=True)
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())


def escape_what_stdout_cannot_encode() -> None:
    """Print a character that standard output's encoding lacks (a level named "ça" or "β"
    into a Windows console or file in cp1252, or with PYTHONIOENCODING=ascii) as an escape
    such as \\xe7, as Python's stderr does, instead of ending with a UnicodeEncodeError
    traceback after the fit. The files written (--csv, --latex) are UTF-8 whatever it is."""
    stream = sys.stdout
    if (
        isinstance(stream, io.TextIOWrapper)
        and stream.errors == "strict"
        and codecs.lookup(stream.encoding).name != "utf-8"
    ):
        stream.reconfigure(errors="backslashreplace")


def quiet(call: Callable[..., T], *args: Any, said_of: str = "", **options: Any) -> T:
    """``call(*args, **options)``, showing its warnings as one line each, not as Python
    shows them (a path, a line number and a line of source); those the output itself
    reports are left out: separation and convergence (the summary), IIA tests not computed
    (the table's notes), clusters written alike (said of the file before the fit).
    ``said_of``: the model's column of ``mnlogit compare``, named
    before each warning, as its note of the rows dropped names it (a warning of a later
    model read as one of the first)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        out = call(*args, **options)
    for w in caught:
        said = (SeparationWarning, ConvergenceWarning, IIATestWarning, ClustersAlikeWarning)
        if not issubclass(w.category, said):
            message = for_the_command_line(joined(str(w.message)))
            of = f"{said_of}: " if said_of else ""
            tell(f"mnlogit: warning: {of}{message}")
    return out
