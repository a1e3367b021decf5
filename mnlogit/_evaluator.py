"""How the solvers read in-memory rows: :class:`InMemoryEvaluator`, ``evaluate(B, level)``
over the data's design in chunked passes across worker threads, with X'WX and the score at the
intercept-only start taken from the sums the data keep, and the information of a design of
factor dummies from grouped sums."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

import numpy as np

from . import _fisher, _sums
from ._grouped import IndicatorBlock, grouped_information, grouped_stats
from ._memory import check_information_fits, information_fits
from ._null import equal_rows_stats
from ._parallel import default_threads
from ._progress import Progress

if TYPE_CHECKING:
    from ._in_memory_data import InMemoryData

__all__ = ["InMemoryEvaluator"]


class InMemoryEvaluator:
    """``evaluate(B, level)`` over in-memory rows: chunked sums across worker threads, each
    worker keeping its work arrays (``scratch``) from pass to pass. X'WX, and the score at the
    intercept-only start, come from the data's kept sums when it has them."""

    def __init__(
        self,
        data: InMemoryData,
        threads: int | None,
        chunk: int | None,
        progress: Progress | None = None,
    ) -> None:
        self.data = data
        self.progress = progress
        self.threads = default_threads(data.n_rows) if threads is None else threads
        self.chunk = chunk
        self.scratch = _fisher.scratches(self.threads)
        # unit weights: nothing to multiply
        self.w = None if bool(np.all(data.w == 1.0)) else data.w
        kept = {k: v for k in _sums.SUM_KEYS if (v := data.cached(k)) is not None}
        # the L-BFGS phase's first metric, X'WX or a sample's (None: a pass computes it)
        self.gram = kept.get("gram", kept.get("gram_sample"))
        self.by_outcome = kept.get("by_outcome")
        self.intercept = None
        if self.by_outcome is not None and "sum_squares" in kept:
            j = data.intercept  # found by name first: make sure it is a column of ones
            if j is not None and _sums.is_ones_column(
                kept["sum_squares"][j], self.by_outcome, j, data.sum_weights
            ):
                self.intercept = j
        self._blocks: list[IndicatorBlock] | None = None  # found at the first information

    @property
    def blocks(self) -> list[IndicatorBlock]:
        if self._blocks is None:
            self._blocks = self.data.grouped_blocks()
        return self._blocks

    def _grouped(self, B: np.ndarray, level: int, start: float) -> _fisher.Stats:
        """The information (or a sample's) of a design of factor dummies, by grouped sums
        (:mod:`mnlogit._grouped`); its log-likelihood and score from a gradient pass."""
        d = self.data
        if level == _fisher.INFO:
            s = self._gradient(B, _fisher.SCORE)
            out = _fisher.Stats(
                s.loglik,
                s.score,
                grouped_information(d.X, self.w, B, self.blocks, threads=self.threads),
            )
            rows = d.n_rows
        else:  # a systematic sample, as _fisher's, at any size: grouped, it is cheap
            k = _fisher.sample_stride(d.n_rows, B.size, any_cost=True) or 1
            w = None if self.w is None else self.w[::k]
            sub = [IndicatorBlock(b.cols, b.codes[::k]) for b in self.blocks]
            info = grouped_information(d.X[::k], w, B, sub, threads=self.threads)
            total = d.n_rows if self.w is None else float(self.w.sum())
            sampled = len(range(0, d.n_rows, k)) if w is None else float(w.sum())
            out = _fisher.Stats(0.0, None, info * (total / sampled))
            rows = len(range(0, d.n_rows, k))
        if self.progress is not None:
            self.progress.counted_pass(_fisher.PASS_KINDS[level], time.perf_counter() - start, rows)
        return out

    def _gradient(self, B: np.ndarray, level: int) -> _fisher.Stats:
        """Log-likelihood and, at ``SCORE``, the score: from the dense columns and the
        dummies' codes when the design has blocks of dummies, else over the whole design."""
        g = self.data.grouped_design()
        if g is not None:
            return grouped_stats(
                g, self.data.y, self.w, B, level, threads=self.threads, scratch=self.scratch
            )
        d = self.data
        return _fisher.stats(
            d.X, d.y, self.w, B, level, threads=self.threads, chunk=self.chunk, scratch=self.scratch
        )

    def __call__(self, B: np.ndarray, level: int) -> _fisher.Stats:
        if level in (_fisher.INFO, _fisher.SAMPLE_INFO, _fisher.SAMPLE_INFO_ANY_COST):
            # a (pq)^2 matrix (a sample's too): refused when it would not fit in memory
            n_params = B.size
            if level != _fisher.INFO and not information_fits(n_params, self.threads):
                return _fisher.Stats(0.0, None, None)
            check_information_fits(n_params, self.threads)
        if level == _fisher.GRAM and self.gram is not None:
            return _fisher.Stats(0.0, None, self.gram)
        if self.intercept is not None:
            assert self.by_outcome is not None  # the intercept is found from it
            known = equal_rows_stats(B, self.by_outcome, self.intercept, level)
            if known is not None:
                return known
        d = self.data
        t = time.perf_counter()
        if (
            level in (_fisher.INFO, _fisher.SAMPLE_INFO, _fisher.SAMPLE_INFO_ANY_COST)
            and self.blocks
        ):
            return self._grouped(B, level, t)
        if level in (_fisher.LOGLIK, _fisher.SCORE):
            out = self._gradient(B, level)
        else:
            out = _fisher.stats(
                d.X,
                d.y,
                self.w,
                B,
                level,
                threads=self.threads,
                chunk=self.chunk,
                scratch=self.scratch,
            )
        if self.progress is not None:
            rows = d.n_rows
            if level in (_fisher.SAMPLE_INFO, _fisher.SAMPLE_INFO_ANY_COST):
                stride = _fisher.sample_stride(rows, B.size, level == _fisher.SAMPLE_INFO_ANY_COST)
                if stride is None:
                    self.progress.say(
                        "no sampled information yet: with this many parameters it would cost "
                        "more gradient passes than it saves (taken if L-BFGS stalls without it)"
                    )
                    return out
                rows = len(range(0, rows, stride))
            self.progress.counted_pass(_fisher.PASS_KINDS[level], time.perf_counter() - t, rows)
        return out
