"""Marginal effects, predictive margins and contrasts, with delta-method standard errors.

- :func:`marginal_effects` (``effects.py``): dP/dx of the raw variables;
  :func:`prediction_intervals` (``intervals.py``): per-row probabilities with intervals.
- :func:`margins` (``predictive.py``) with its result :class:`Margins` (``result.py``):
  probabilities or effects at chosen values, over factor levels, averaged over the rows or
  over a reference grid, and contrasts between them.
- ``_variables.py``: raw variables and the design's derivative; ``_delta.py``: the averaged
  quantities and their Jacobians on arrays.
"""

from .effects import marginal_effects
from .intervals import prediction_intervals
from .predictive import margins
from .result import Margins

__all__ = ["Margins", "marginal_effects", "margins", "prediction_intervals"]
