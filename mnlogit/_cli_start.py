"""The command line's start: imported first by the package, so that a Ctrl-C while numpy,
pandas and the package's modules are imported (a second or more, before ``main`` catches
it) is one line, as ``main`` prints it, not a traceback of the imports."""

from __future__ import annotations

import os
import sys
from types import TracebackType

__all__ = ["started_as_command"]


def started_as_command() -> bool:
    """Whether this process is the command line: ``python -m mnlogit`` (its package being
    imported, ``sys.argv[0]`` is ``-m``) or the ``mnlogit`` script."""
    argv = getattr(sys, "argv", None) or [""]
    if argv[0] == "-m":
        given = getattr(sys, "orig_argv", [])
        for i, arg in enumerate(given):
            if arg.startswith("-m"):
                name = arg[2:] or (given[i + 1] if i + 1 < len(given) else "")
                return name.split(".")[0] == __package__
        return False
    return os.path.basename(argv[0]).removesuffix(".exe") == __package__


def _quiet_interrupt() -> None:
    """Show an uncaught KeyboardInterrupt as one line; Python still ends the process by
    SIGINT (status 130 in a shell). A program importing the package keeps its hook."""
    shown = sys.excepthook

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            print("mnlogit: interrupted", file=sys.stderr)
        else:
            shown(kind, value, tb)

    sys.excepthook = hook


if started_as_command():
    _quiet_interrupt()
