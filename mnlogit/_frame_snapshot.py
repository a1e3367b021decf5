"""The caller's DataFrame as a fit reads it: taken once, at the start (:func:`taken_once`)."""

from __future__ import annotations

import pandas as pd

__all__ = ["taken_once"]


def taken_once(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame``'s columns and index as they are now, in a new DataFrame sharing their
    values (no copy).

    A fit reads the caller's DataFrame more than once: the formula's columns, then a survey
    design's weights, strata and PSUs and a subpopulation's column, weights or groups given
    as a Series matched by the index. Another thread of the program that replaced a column
    meanwhile (``df["w"] = ...``) had the fit read some columns as they were and others as
    they became: the estimates of a frame that never existed (a design's predictors before,
    its weights after). A shallow copy is taken in one step, and pandas counts its columns
    as shared: the caller's later writes through pandas copy first, and reach neither it
    nor the columns a result keeps.
    """
    return frame.copy(deep=False)
