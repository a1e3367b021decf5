"""Where the exports are written: a file named by a path (``~`` expanded, replaced whole so
that a failed write leaves it as it was) or a text file the caller opened; every refusal an
``OutputError`` or ``InputTypeError`` naming the path."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import secrets
import shutil
from typing import IO

from ..exceptions import InputTypeError, OutputError

__all__ = ["write_table", "write_text"]


def write_table(path: str | os.PathLike[str] | IO[str], text: str, what: str) -> None:
    """Write ``text`` to ``path``, a file name, a path or a text file opened for writing
    (``to_csv`` and ``to_latex``)."""
    if isinstance(path, (str, os.PathLike)):
        # a leading '~' is the home folder, as pandas and R read it: it was taken for a
        # folder named '~' in the working folder (the command line's shell expands it
        # before the outputs are checked, so write_text leaves it as given)
        write_text(os.path.expanduser(os.fspath(path)), text, what)
        return
    if not callable(getattr(path, "write", None)):
        raise InputTypeError(
            f"{what}: path: expected a file name, a path or a text file; got "
            f"{type(path).__name__} {path!r}"
        )
    try:
        path.write(text)
    except TypeError:  # a file opened in binary mode wants bytes
        raise InputTypeError(
            f"{what}: {path!r} does not take text (a file opened in binary mode?); "
            "open it with mode 'w', or give its name"
        ) from None
    except (io.UnsupportedOperation, ValueError) as exc:
        # a file opened for reading ('not writable'), or closed ('I/O operation on closed
        # file'): io's bare errors
        raise OutputError(
            f"{what}: cannot write to {path!r} ({exc}); open it with mode 'w', or give its name"
        ) from None


def write_text(path: str | os.PathLike[str], text: str, what: str) -> None:
    """Write ``text`` to ``path`` (UTF-8), or say why not with the path named: a missing
    folder had been pandas' bare OSError (to_csv) or Python's FileNotFoundError (to_latex)."""
    if not isinstance(path, (str, os.PathLike)):
        raise InputTypeError(
            f"{what}: path: expected a file name or a path; got {type(path).__name__} {path!r}"
        )
    given = os.fspath(path)
    if not given:  # open('') said 'No such file', the replacement 'Is a directory'
        raise OutputError(f"{what}: the path is empty; give a file name")
    if "\x00" in given:  # os' bare ValueError: embedded null byte
        raise OutputError(f"{what}: {given!r} holds a NUL character, which no file name can")
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        # a file standing where the folder should be was said not to exist
        missing = "is a file, not a folder" if os.path.exists(folder) else "does not exist"
        raise OutputError(f"{what}: {given!r}: the folder {folder!r} {missing}")
    if os.path.isdir(path):
        raise OutputError(f"{what}: {given!r} is a folder; give a file name in it")
    try:
        _replace(given, text)
    except OSError as exc:
        raise OutputError(f"{what}: cannot write {given!r}: {exc.strerror or exc}") from None


def _replace(target: str, text: str) -> None:
    """Write ``text`` to a new file beside ``target`` and rename it over ``target``, so that
    a write that fails (a full disk, a size limit) or is killed halfway leaves the file as it
    was, never a table cut short; an existing file keeps its permissions. A pipe or device
    (``/dev/stdout``) is written in place, as is a file in a folder where no new file may be
    made."""
    if os.path.exists(target) and not os.path.isfile(target):
        # not resolved first: /dev/stdout into a pipe resolves to no path ("pipe:[...]")
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return
    target = os.path.realpath(target)  # through a link: the file it names is replaced
    if os.path.exists(target) and not os.access(target, os.W_OK):
        # renaming over it needs only the folder's permission: a file made read-only on
        # purpose is refused, as opening it for writing refused it
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), target)
    folder, name = os.path.split(target)
    temporary = os.path.join(folder, f".{name}.{secrets.token_hex(6)}.tmp")
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask's mode
    except PermissionError:  # a writable file in a read-only folder
        with open(target, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        return
    try:
        with open(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        if os.path.exists(target):
            shutil.copymode(target, temporary)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.remove(temporary)
        raise
