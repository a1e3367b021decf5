"""Progress lines for ``verbose=True``: what a fit (or a long secondary operation) is doing.

One :class:`Progress` per fit. The solvers tell it about each iteration and the evaluators
about each pass over the data; it prints one line per event to standard output (looked up
when printing, so redirections and notebook captures see it) and counts the passes. A
disabled one (``Progress(False)``) does nothing, so callers need no ``if verbose``.
"""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager

from .exceptions import MNLogitWarning, warn

__all__ = ["Progress", "iterations"]


def iterations(n: int) -> str:
    """``n`` iterations in words, as every message about a fit's iterations says it.

    Examples
    --------
    >>> iterations(1), iterations(24)
    ('1 iteration', '24 iterations')
    """
    return f"{n} iteration{'' if n == 1 else 's'}"


class Progress:
    """Progress lines and pass counts of one fit, printed when ``enabled``; outside the main
    thread, each line names the thread it was made in.

    Examples
    --------
    >>> progress = Progress(True, prefix="demo")
    >>> progress.say("starting")  # doctest: +ELLIPSIS
    demo: starting
    """

    def __init__(self, enabled: bool, prefix: str = "mnlogit") -> None:
        self.enabled = bool(enabled)
        # fits run in several threads at once print to the one standard output: each line
        # of a fit outside the main thread names its thread, else the lines of eight
        # concurrent fits, all "mnlogit: Fisher scoring   1: ...", could not be told apart
        thread = threading.current_thread()
        self.prefix = prefix if thread is threading.main_thread() else f"{prefix} [{thread.name}]"
        self.start = time.perf_counter()
        self.passes: Counter[str] = Counter()  # kind of pass -> how many
        self.before = 0  # passes read before the fit's own (a dask fit's encoding and checks)

    def say(self, text: str) -> None:
        """Print one line (when enabled).

        A standard output that cannot be written (closed, a pipe whose reader has gone, a
        full disk) stops the lines, with a warning, not the fit: a job's hours of fitting
        are not lost to its log."""
        if not self.enabled:
            return
        stream = sys.stdout  # looked up now: a redirection or a notebook's capture
        if stream is None:  # pythonw, or a service without one
            return
        try:
            stream.write(f"{self.prefix}: {text}\n")
            # a logger's adapter may have write() alone: print(flush=True) raised
            # AttributeError there and ended the fit
            flush = getattr(stream, "flush", None)
            if flush is not None:
                flush()
        except (OSError, ValueError) as exc:  # ValueError: "I/O operation on closed file"
            self.enabled = False
            warn(
                "verbose=True: the progress lines cannot be written to standard output "
                f"({type(exc).__name__}: {exc}); the computation goes on without them",
                MNLogitWarning,
            )

    def elapsed(self) -> float:
        """Seconds since this progress started."""
        return time.perf_counter() - self.start

    def counted_pass(self, kind: str, seconds: float, rows: int) -> None:
        """A pass over ``rows`` rows for ``kind`` ("gradient", "information", ...) has ended;
        an information pass is reported with its time (the one long pass of a large fit)."""
        self.passes[kind] += 1
        if kind in ("information", "sample information"):
            self.say(f"{kind} pass over {rows:,} rows: {seconds:.3f} s")

    def passes_before(self, count: int, seconds: float) -> None:
        """``count`` passes over the data read before the fit's own: a dask fit's, which
        learn the encoding and check the rows; the summary counts them apart."""
        self.before = count
        if count:
            self.say(
                f"{count} pass{'es' if count != 1 else ''} over the data to learn the encoding "
                f"and check the rows: {seconds:.2f} s"
            )

    def pass_summary(self) -> str:
        """``"12 passes over the data (9 gradient, 3 log-likelihood) + 1 over a sample"``."""
        full = {k: v for k, v in self.passes.items() if not k.startswith("sample")}
        sample = sum(v for k, v in self.passes.items() if k.startswith("sample"))
        total = sum(full.values())
        kinds = ", ".join(f"{v} {k}" for k, v in sorted(full.items()))
        text = f"{total} pass{'es' if total != 1 else ''} over the data" + (
            f" ({kinds})" if kinds else ""
        )
        if sample:
            text += f" + {sample} over a sample of rows"
        if self.before:
            text += f", after {self.before} learning the encoding and checking the rows"
        return text

    def iteration(
        self,
        kind: str,
        k: int,
        loglik: float,
        change: float | None,
        gradient_norm: float,
        decrement: float,
        step: float | None,
        largest_change: float | None,
        quantity: str = "log-likelihood",
    ) -> None:
        """One accepted iteration: log-likelihood and its change, the gradient's norm, the
        predicted Newton decrement (scaled gradient), and the step that led here: its length
        along the search direction and the largest change of a coefficient (none at the
        start)."""
        if not self.enabled:
            return
        delta = "" if change is None else f" (change {change:+.3g})"
        moved = (
            ""
            if step is None or largest_change is None
            else f", step {step:.3g} (largest coefficient change {largest_change:.3g})"
        )
        self.say(
            f"{kind} {k:3d}: {quantity} {loglik:.10g}{delta}, gradient norm "
            f"{gradient_norm:.3g}, scaled gradient {decrement:.3g}{moved}, "
            f"{self.elapsed():.2f} s"
        )

    @contextmanager
    def task(self, what: str) -> Iterator[None]:
        """Report ``what`` and the time it took (a refit, a table row)."""
        t = time.perf_counter()
        yield
        self.say(f"{what}: {time.perf_counter() - t:.2f} s")
