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
from ._integer_reads import column_reads, integer_columns
from ._new_levels import as_fitted_levels, check_fitted_levels, check_new_levels
from ._nonfinite import arrow_nan_missing, complete_rows
from ._parallel import retried_on_ast_race
from ._period_reading import (
    PeriodWords,
    categories_read,
    read_periods,
    refuse_other,
    temporal_kind,
)
from ._python_reads import python_columns
from ._terms import _method, c_column, categorical_only, check_bounds
from .exceptions import InputTypeError
from .formula import _formula_errors, _model_matrix

__all__ = ["design_for_new_data", "with_categories"]


@retried_on_ast_race
def design_for_new_data(
    spec: Any, newdata: Any, fitted: Any = None, integers: Any = None
) -> tuple[np.ndarray, pd.Index]:
    """Encode ``newdata`` with the stored ModelSpec (same levels, same transforms);
    ``fitted``: the dtypes of the fitted raw columns, where they are known; ``integers``:
    those dtypes, where only the columns the formula reads as integers are to be checked
    against them (margins' values set in the fitted rows)."""
    newdata = _check_data(newdata, "newdata")
    # formulaic updates the encoder state in place when new data encode differently; encode
    # with a copy so that a bad call cannot change how the fitted model reads later data
    spec = spec.update(
        encoder_state=copy.deepcopy(spec.encoder_state),
        transform_state=copy.deepcopy(spec.transform_state),
    )
    required = required_columns(spec.factors, spec.required_variables, newdata.columns)
    only = categorical_only(spec)
    reads = column_reads(spec.factors)
    plain = {str(f.expr) for f in spec.factors if _method(f) == "lookup"}  # plain columns
    columns = read_columns(
        newdata,
        required,
        "newdata",
        predictors=required,
        plain=plain,
        factor_only=only,
        arithmetic=reads["arithmetic"],
        integer_only=reads["integer_only"],
        python=reads["python"],
        operands=reads["operands"],
    )
    # an intercept-only model reads no column, but predicts for every row
    frame = pd.DataFrame(columns, copy=False) if columns else pd.DataFrame(index=newdata.index)
    frame = arrow_nan_missing(frame)
    refuse_kind_change(fitted, frame, only)
    c_columns = {str(f.expr): c_column(f, levels=True) for f in spec.factors}
    code = python_columns(f for f in spec.factors if c_columns[str(f.expr)] is None)
    # text an operand reads as booleans ('True' and 'False', as dask stores Python's) is no text
    frame = _categories_as_fitted(fitted, frame, code, text=code - reads["operands"])
    frame = _whole_numbers_as_fitted(
        fitted if integers is None else integers, frame, integer_columns(spec.factors)
    )
    _refuse_temporal_change(fitted, frame, only)
    frame = _periods_as_fitted(fitted, frame, only)
    frame = _dates_at_fitted_resolution(fitted, frame, only)
    frame, computed = check_new_levels(frame, spec.encoder_state, c_columns, only)
    frame = with_categories(frame, _fitted_categories(fitted, frame))
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


def with_categories(frame: pd.DataFrame, categories: dict[str, pd.Index]) -> pd.DataFrame:
    """``frame`` whose Categorical columns ``categories`` names hold those categories first
    and any other after them (no value is lost): the formula's code reading their codes
    (``I(g.cat.codes)``) reads them as the fit did, whatever categories (fewer, more, in
    another order, one no fitted row used) the frame's dtype holds."""
    for name, used in categories.items():
        column = frame[name]
        if isinstance(column.dtype, pd.CategoricalDtype) and not column.cat.categories.equals(used):
            full = used.append(column.cat.categories.difference(used, sort=False))
            frame = frame.assign(**{name: column.cat.set_categories(full)})
    return frame


def _categories_as_fitted(
    fitted: Any, frame: pd.DataFrame, code: set[str], text: set[str]
) -> pd.DataFrame:
    """Columns the formula's code reads (``code``: ``I(g > 'b')``, ``C(g > 'b')``, not ``g``
    or ``C(g)``, whose levels are checked instead) given in new data in another kind than
    the fit had them, read as fitted or refused. The code compares or counts them by their
    kind's rules, so new data of another kind predicted other probabilities, with nothing
    said: ``I(region > 'Ontario')`` of an ordered Categorical compared new text
    alphabetically, and the reverse; ``I(a == 'p')`` of text compared numbers as never
    equal, ``I(k == 2)`` of numbers a Categorical of the text '2'; an unordered Categorical
    or text for ``I(region.cat.codes)`` failed in pandas.

    For a fitted Categorical, values outside its categories are refused, quoted (as text
    they would be missing, as another category placed where no fitted row was), and text,
    or a Categorical ordered otherwise, is read as it. A Categorical for fitted text is
    read as text, and one of numbers for fitted numbers as numbers (``I(k > 1)`` failed in
    pandas: "Unordered Categoricals can only compare equality or not"). Numbers or
    booleans for fitted text the code reads as text (``text``), and a Categorical of text
    for fitted numbers, are refused."""
    if fitted is None:
        return frame
    for name in sorted(code & set(frame.columns)):
        if name not in fitted or not frame[name].notna().any():
            continue  # no values: the rows predict NaN, and are named
        was, column = fitted[name], frame[name]
        given = column.dtype
        categorical = isinstance(given, pd.CategoricalDtype)
        if isinstance(was, pd.CategoricalDtype):
            levels = list(was.categories)
            check_fitted_levels(name, column, levels)
            if categorical and given.ordered == was.ordered:
                continue  # with_categories puts the fitted categories first
            frame = frame.assign(**{name: as_fitted_levels(column, levels).astype(was)})
        elif pd.api.types.is_string_dtype(was):
            if categorical and pd.api.types.is_string_dtype(given.categories):
                frame = frame.assign(**{name: column.astype(was)})
            elif (
                name in text
                and not isinstance(was, np.dtype)
                and not pd.api.types.is_string_dtype(given)
            ):
                # text held as text (objects may have held numbers in fitting)
                _refuse_other_kind(name, "text", column, f"newdata[{name!r}].astype(str)")
        elif pd.api.types.is_numeric_dtype(was) and not pd.api.types.is_bool_dtype(was):
            if categorical and not pd.api.types.is_numeric_dtype(given.categories):
                _refuse_other_kind(
                    name, "numbers", column, f"pd.to_numeric(newdata[{name!r}].astype(str))"
                )
            if categorical:  # its numbers, as a column of them holds them (NaN where missing)
                numbers = pd.Series(np.asarray(column), index=column.index, name=column.name)
                frame = frame.assign(**{name: numbers})
    return frame


def _refuse_other_kind(name: str, kind: str, column: pd.Series, convert: str) -> None:
    """Refuse ``column`` of new data, fitted as ``kind``, which the formula's code reads."""
    given = (
        "a Categorical"
        if isinstance(column.dtype, pd.CategoricalDtype)
        else "booleans"
        if pd.api.types.is_bool_dtype(column.dtype)
        else "numbers"
    )
    shown = ", ".join(map(repr, pd.unique(column.dropna())[:3].tolist()))
    raise InputTypeError(
        f"newdata: column {name!r} was {kind} in fitting; got {given} ({shown}), which the "
        f"formula's code would read otherwise (compare, say, with other results); pass "
        f"{kind}, as in the fitted data (newdata[{name!r}] = {convert} if the values are "
        f"the same)"
    )


def _fitted_categories(fitted: Any, frame: pd.DataFrame) -> dict[str, pd.Index]:
    """The categories the fit read of each Categorical column of ``frame`` (``fitted``: the
    dtypes of the fitted columns, or None where they are not known)."""
    if fitted is None:
        return {}
    return {
        name: fitted[name].categories
        for name in frame.columns
        if name in fitted and isinstance(fitted[name], pd.CategoricalDtype)
    }


def _whole_numbers_as_fitted(fitted: Any, frame: pd.DataFrame, names: set[str]) -> pd.DataFrame:
    """Read as integers the floats of new data in a column fitted on integers that the
    formula reads only as such (``I(k & 1)``, ``k.astype('str')``): whole floats (a column
    read from a CSV with a gap, margins(at={"k": 2.5}) beside whole values) failed in pandas
    ("Cannot perform 'and_' with a dtyped [float64] array"), or were refused as the levels
    '1.0', '2.0'; a value that is not a whole number is refused, quoted."""
    if fitted is None:
        return frame
    for name in names & set(frame.columns):
        column = frame[name]
        if (
            name not in fitted
            or not pd.api.types.is_integer_dtype(fitted[name])
            or not pd.api.types.is_float_dtype(column.dtype)
        ):
            continue
        values = column.to_numpy(dtype=np.float64, na_value=np.nan)
        present = values[~np.isnan(values)]
        bad = present[(present != np.round(present)) | (np.abs(present) > 2.0**53)]
        if len(bad):
            shown = ", ".join(map(repr, pd.unique(bad)[:3].tolist()))
            raise InputTypeError(
                f"newdata: column {name!r} holds {shown}, where the fit read it as integers "
                f"(the formula converts it or takes its bits); give whole numbers, as in the "
                f"fitted data"
            )
        frame = frame.assign(
            **{name: column.astype("Int64" if len(present) < len(values) else np.int64)}
        )
    return frame


def _refuse_temporal_change(fitted: Any, frame: pd.DataFrame, categories: set[str]) -> None:
    """Refuse, in new data, a column fitted as dates or time spans that holds something else
    (dates written as text, Timestamp or datetime.date objects): a transform of it
    (``I(d.dt.year)``) failed inside formulaic with pandas' "Can only use .dt accessor with
    datetimelike values", which did not say which column or what to convert. Columns read
    only as categories (``categories``) have their levels checked instead."""
    if fitted is None:
        return
    for name in frame.columns:
        kind = "" if name in categories or name not in fitted else temporal_kind(fitted[name])
        column = categories_read(frame[name]) if kind else frame[name]
        if kind == "dates" and temporal_kind(column.dtype) == kind:
            _refuse_other_zone(name, fitted[name], column)
        if not kind or temporal_kind(column.dtype) == kind or not column.notna().any():
            continue
        shown = ", ".join(map(repr, pd.unique(column.dropna())[:3].tolist()))
        convert = f"{'pd.to_datetime' if kind == 'dates' else 'pd.to_timedelta'}(newdata[{name!r}]"
        # numbers are counts in a unit only their writer knows (to_datetime reads
        # nanoseconds since 1970 unless told)
        how = (
            f"give the {kind} themselves, e.g. newdata[{name!r}] = {convert}, unit='D') "
            "for numbers of days" + (" since 1970-01-01" if kind == "dates" else "")
            if pd.api.types.is_numeric_dtype(column.dtype)
            else f"give {kind}, as in the fitted data"
            if temporal_kind(column.dtype)
            else f"convert it first, as the fitted column was: newdata[{name!r}] = {convert})"
            + (_TEXT_DATES if kind == "dates" and isinstance(column.dropna().iloc[0], str) else "")
        )
        raise InputTypeError(
            f"newdata: column {name!r} was {kind} in fitting (dtype {fitted[name]}); got dtype "
            f"{column.dtype} ({shown}), which the formula's operations on {kind} cannot "
            f"read; {how}"
        )


def _periods_as_fitted(fitted: Any, frame: pd.DataFrame, categories: set[str]) -> pd.DataFrame:
    """``frame`` with each column fitted as periods (``period[M]``) read as those periods, or
    refused, by the rule of :mod:`._period_reading` that margins' ``at=`` and a contrast's
    ``ref=`` follow too: new data of another kind reached the formula's code, which read dates
    or periods of another frequency with the same ``.dt`` words and gave other numbers, with
    nothing said (``I(p.dt.day)`` of a month is its last day, of a date its own day; the
    month of a quarter is its last month). Text, objects and numbers are refused too, except
    in columns read only as categories (``categories``), whose levels are checked instead."""
    if fitted is None:
        return frame
    for name in frame.columns:
        was = fitted.get(name)
        if not isinstance(was, pd.PeriodDtype):
            continue
        column = frame[name]
        words = PeriodWords(
            f"newdata: column {name!r} was periods in fitting (dtype {was}); got",
            f"newdata[{name!r}]",
        )
        periods = read_periods(column, was, words)
        if periods is not None:
            frame = frame.assign(**{name: periods})
        elif name not in categories:
            refuse_other(column, was, words)
    return frame


def _dates_at_fitted_resolution(
    fitted: Any, frame: pd.DataFrame, categories: set[str]
) -> pd.DataFrame:
    """Dates and time spans of ``frame`` held at another resolution than the fitted column
    (seconds where the fit had microseconds, or an Arrow timestamp for a numpy one), read
    at the fitted one: a formula reading their counts (``I(d.astype('int64') / 86400e6)``)
    read a count of seconds as one of microseconds and predicted rows a million days away,
    with nothing said. Parts finer than the fitted resolution are cut off, as the fitted
    column could not hold them; dates the fitted resolution cannot hold are refused. A
    column of nothing but missing values is missing values of the fitted dtype. Columns read
    only as categories (``categories``) keep theirs: their levels are dates."""
    if fitted is None:
        return frame
    for name in frame.columns:
        if name in categories or name not in fitted:
            continue
        was, column = fitted[name], frame[name]
        kind = temporal_kind(was)
        if kind and isinstance(column.dtype, pd.CategoricalDtype):
            column = categories_read(column)  # as .dt reads them, and as the fit held them
            frame = frame.assign(**{name: column})
        if kind and column.dtype != was and not column.notna().any():
            # missing dates, which predict as missing: a transform (I(d.dt.year)) of a
            # column of None or NaN failed inside formulaic with pandas' "Can only use .dt
            # accessor"; built, not cast (Arrow casts no number to its date32)
            missing = pd.array([None] * len(column), dtype=was)
            frame = frame.assign(**{name: pd.Series(missing, index=column.index)})
            continue
        if not kind or temporal_kind(column.dtype) != kind or column.dtype == was:
            continue
        try:
            read = column.astype(was)
        except (OverflowError, ValueError, TypeError, ArithmeticError) as exc:
            present = column.dropna()
            shown = ", ".join(map(repr, present.astype(str).unique()[:2].tolist()))
            raise InputTypeError(
                f"newdata: column {name!r} holds {kind} ({shown}) that the fitted column's "
                f"dtype {was} cannot hold ({exc}); give {kind} within its range, as in the "
                f"fitted data"
            ) from None
        frame = frame.assign(**{name: read})
    return frame


# to_datetime guesses how text is written: 01/02/2020 as January 2nd unless told
_TEXT_DATES = ", with format= (or dayfirst=True) as the text is written"


def _zone(dtype: Any) -> str | None:
    """The time zone of a dtype of dates (pandas' or Arrow's), None for dates without one."""
    tz = getattr(dtype, "tz", None)
    if tz is None:
        tz = getattr(getattr(dtype, "pyarrow_dtype", None), "tz", None)
    return None if tz is None else str(tz)


def _same_clock(column: pd.Series, zone: str) -> bool:
    """Whether the dates of ``column`` (in a zone of their own) read the same clock in
    ``zone``: zones spelled differently ('UTC', 'Etc/UTC', Arrow's '+00:00') are one zone to
    the formula when every date reads the same in both."""
    dates = column.dropna()
    try:
        there = dates.dt.tz_convert(zone).dt.tz_localize(None)
    except (ValueError, TypeError, KeyError):  # a zone the column's dtype cannot take
        return False
    here = dates.dt.tz_localize(None)
    return bool(
        (here.to_numpy(dtype="datetime64[ns]") == there.to_numpy(dtype="datetime64[ns]")).all()
    )


def _refuse_other_zone(name: str, fitted: Any, column: pd.Series) -> None:
    """Refuse new dates in another time zone than the fitted ones (or with one where they had
    none, or none where they had one): the formula's operations read the clock in the
    dates' own zone (``t.dt.hour``, ``t.dt.dayofyear``), so the new rows were read hours
    apart from the fitted ones, with nothing said."""
    given = column.dtype
    was, now = _zone(fitted), _zone(given)
    if was == now or (was is not None and now is not None and _same_clock(column, was)):
        return
    if was is None:
        how = (
            f"give them as fitted, in the zone the fitted dates were written in, without "
            f"the zone: newdata[{name!r}] = newdata[{name!r}].dt.tz_convert('UTC')"
            f".dt.tz_localize(None) if the fitted dates were UTC"
        )
    elif now is None:
        how = (
            f"say in which zone they are written: newdata[{name!r}] = "
            f"newdata[{name!r}].dt.tz_localize({was!r}) if in the fitted dates' zone"
        )
    else:
        how = f"convert them: newdata[{name!r}] = newdata[{name!r}].dt.tz_convert({was!r})"
    shown = "no time zone" if was is None else f"time zone {was!r}"
    raise InputTypeError(
        f"newdata: column {name!r} was dates with {shown} in fitting (dtype {fitted}); got "
        f"dtype {given}: the formula reads the clock in the dates' own zone (as .dt.hour "
        f"and .dt.dayofyear do), so the new rows could be read hours apart from the "
        f"fitted ones; {how}"
    )
