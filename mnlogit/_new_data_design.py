"""New data encoded as a fitted model's design: the stored ModelSpec (its levels and
transforms) applied to the columns read from ``newdata``, with rows that have a missing or
infinite value predicting NaN rather than being encoded as a level."""

from __future__ import annotations

import copy
from typing import Any

import numpy as np
import pandas as pd

from ._columns import _check_data, read_columns
from ._design_fill import real_column
from ._dtypes import refuse_kind_change
from ._formula_text import required_columns
from ._new_levels import check_new_levels
from ._nonfinite import arrow_nan_missing, complete_rows
from ._terms import _method, arithmetic_columns, c_column, categorical_only, check_bounds
from .formula import _formula_errors, _model_matrix

__all__ = ["design_for_new_data"]


def design_for_new_data(spec: Any, newdata: Any, fitted: Any = None) -> tuple[np.ndarray, pd.Index]:
    """Encode ``newdata`` with the stored ModelSpec (same levels, same transforms);
    ``fitted``: the dtypes of the fitted raw columns, where they are known."""
    newdata = _check_data(newdata, "newdata")
    # formulaic updates the encoder state in place when new data encode differently; encode
    # with a copy so that a bad call cannot change how the fitted model reads later data
    spec = spec.update(
        encoder_state=copy.deepcopy(spec.encoder_state),
        transform_state=copy.deepcopy(spec.transform_state),
    )
    required = required_columns(spec.factors, spec.required_variables, newdata.columns)
    only = categorical_only(spec)
    plain = {str(f.expr) for f in spec.factors if _method(f) == "lookup"}  # plain columns
    columns = read_columns(
        newdata,
        required,
        "newdata",
        predictors=required,
        plain=plain,
        factor_only=only,
        arithmetic=arithmetic_columns(spec.factors),
    )
    # an intercept-only model reads no column, but predicts for every row
    frame = pd.DataFrame(columns, copy=False) if columns else pd.DataFrame(index=newdata.index)
    frame = arrow_nan_missing(frame)
    refuse_kind_change(fitted, frame, only)
    c_columns = {str(f.expr): c_column(f, levels=True) for f in spec.factors}
    frame, computed = check_new_levels(frame, spec.encoder_state, c_columns, only)
    # Rows with a missing (or infinite) value predict NaN, left out of the encoding (where a
    # missing category would become the baseline or an unseen level) and of a spline's bounds
    complete = complete_rows(frame)
    check_bounds(spec, frame, complete)
    rows = frame if complete.all() else frame.loc[complete]
    with _formula_errors("newdata", fitting=False, factors=computed):
        matrix = _model_matrix(spec, rows, output="numpy", na_action="ignore")
    X = real_column(matrix, None)
    if not complete.all():
        full = np.full((len(frame), X.shape[1]), np.nan)
        full[complete] = X
        X = full
    return np.ascontiguousarray(X), newdata.index
