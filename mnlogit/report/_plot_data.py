"""The raw rows a figure reads the predictors' ranges, means and modes from: the fit's own
or a ``data=`` frame, refused with what to pass instead when neither can be read."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .._levels import same_level
from .._nonfinite import arrow_nan_missing, complete_rows
from .._tables import arrow_table, from_arrow
from .._terms import c_column
from ..exceptions import (
    ColumnNotFoundError,
    DataError,
    InputTypeError,
    LevelError,
    NotInMemoryError,
)
from ..formula import required_columns
from ..margins._at_values import checked_value
from ..margins._names import near_name
from ..margins._variables import Variable, raw_variables

if TYPE_CHECKING:
    from ..results import MNLogitResults

__all__ = [
    "check_levels",
    "check_variable",
    "fitted_levels",
    "held_level",
    "predictors",
    "raw_frame",
]

_SAMPLE = "ddf[columns].compute(), or a sample: ddf.sample(frac=0.01).compute()"


def predictors(res: MNLogitResults, columns: Any) -> list[str]:
    """The raw columns the formula reads, among ``columns`` (those of the data plotted)."""
    spec = res._data.spec
    if spec is None:
        raise DataError(
            "this figure varies raw predictors through the formula, but the model was built "
            "from arrays; fit it with mnlogit.fit(formula, data) instead"
        )
    # not formulaic's required_variables alone, which reads a quoted `x.y` as x
    return required_columns(spec.factors, spec.required_variables, columns)


def _given_frame(data: Any) -> pd.DataFrame:
    """``data=`` as a pandas DataFrame: a polars frame or pyarrow Table, which the fit takes,
    read as the fit reads it ("expected a pandas DataFrame; got DataFrame" named a polars
    frame, as it named a dask one, by a class name that reads as the one it asked for)."""
    if isinstance(data, pd.DataFrame):
        return data
    if arrow_table(type(data)):
        return from_arrow(data, "data")
    kind = type(data)
    hint = (
        f" (a dask DataFrame's rows stay in its partitions: pass them computed, {_SAMPLE})"
        if kind.__module__.startswith("dask")
        else ""
    )
    raise InputTypeError(
        f"data: expected a pandas DataFrame; got {kind.__module__}.{kind.__qualname__}{hint}"
    )


def raw_frame(res: MNLogitResults, data: Any) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The raw predictor values the fit used and their frequency weights (None: unweighted).

    A ``data`` argument wins (used as given, unweighted); otherwise the raw columns stored
    with the fit, weighted by the model's frequency weights, without its rows of weight 0:
    those are no observations, so their values must not stretch a figure's ranges (a
    frequency-weighted fit's figures are those of its rows repeated), nor show as data.
    """
    if data is not None:
        data = _given_frame(data)
        names = predictors(res, data.columns)
        missing = [c for c in names if c not in data.columns]
        if missing:
            raise ColumnNotFoundError(
                f"data lacks the predictor column(s) {', '.join(map(repr, missing))} "
                f"that the formula uses ({', '.join(names)})"
            )
        # the rows new data would predict NaN for, left out as missing values are: a polars
        # or pyarrow column's NaN and inf were held at their mean, NaN or inf, and the figure
        # refused as if a transform were undefined there
        frame = arrow_nan_missing(data[names])
        frame = frame[complete_rows(frame)]
        if frame.empty:
            raise DataError("data: no row has every predictor the formula uses")
        return frame, None
    if not res._data.in_memory:
        # "pass the DataFrame it was fitted on as data=" sent the dask DataFrame, refused
        raise NotInMemoryError(
            "this figure reads the predictors' ranges, means and modes from the rows, which "
            "a dask fit keeps in its partitions; pass them as a pandas DataFrame: data=" + _SAMPLE
        )
    stored = res._data.frame
    names = predictors(res, () if stored is None else stored.columns)
    if stored is None:
        raise DataError(
            "the fit does not keep its raw data; pass the DataFrame it was fitted on as data="
        )
    w = np.asarray(res._data.w, dtype=np.float64)
    counted = w > 0
    return stored[names][counted], w[counted]


def fitted_levels(res: MNLogitResults, name: str) -> tuple | None:
    """The levels the fit saw of the factor ``name``; None for a number. A dask fit keeps
    no rows to read them from: those its formula encodes the column with (``g``, ``C(g)``)."""
    if not res._data.in_memory:
        spec = res._data.spec
        for factor in () if spec is None else spec.factors:
            kind, state = spec.encoder_state.get(factor.expr, (None, {}))
            if getattr(kind, "value", kind) != "categorical":
                continue
            if name in (str(factor.expr), c_column(factor, levels=True)):
                return tuple(state.get("categories", ())) or None
        return None
    if res._data.frame is None:
        return None
    var = next((v for v in raw_variables(res._data) if v.name == name), None)
    return None if var is None else var.levels


def check_levels(res: MNLogitResults, name: str, values: Any, role: str) -> None:
    """Refuse levels of the factor ``name`` that ``data=`` gives (its levels drawn, or the
    most frequent one held, as ``role`` says) and the fit never saw: they were refused as
    values of a "newdata" never given."""
    levels = fitted_levels(res, name)
    if levels is None:
        return
    unseen = [v for v in values if not any(same_level(lv, v) for lv in levels)]
    if unseen:
        shown = ", ".join(map(repr, levels))
        raise LevelError(
            f"data=: {name!r} has level(s) {', '.join(map(repr, unseen))} ({role}) that the "
            f"fit never saw; its levels are {shown}: pass data= without those rows "
            f"(data[data[{name!r}].isin([{shown}])])"
        )


def held_level(res: MNLogitResults, name: str, value: Any) -> Any:
    """The level of the factor ``name`` that ``value`` (given by ``at=``) names, matched as
    margins(at=) matches it; refused by ``at=``. A level the fit never saw was refused by the
    encoding as one of a "newdata" the caller never passed."""
    levels = fitted_levels(res, name)
    if levels is None:
        return value
    return checked_value(Variable(name, levels=levels), value, None)


def check_variable(name: str, frame: pd.DataFrame, role: str) -> None:
    """Refuse ``name`` (a figure's ``role``, as ``x``) that is not a column of ``frame``."""
    if not isinstance(name, str) or name not in frame.columns:
        raise ColumnNotFoundError(
            f"{role}={name!r} is not a predictor of the model; predictors are "
            f"{', '.join(map(str, frame.columns))}{near_name(name, list(frame.columns))}"
        )
