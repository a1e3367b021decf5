"""Renderings of fits: the summary, the command line's tables and the figures, all read from
the tidy tables (``to_frame()``) of the results."""

from .summary import Summary, frame_to_latex, latex_escape

__all__ = ["Summary", "frame_to_latex", "latex_escape"]
