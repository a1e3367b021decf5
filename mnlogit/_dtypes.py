"""Column types that pandas holds but cannot compute with as a model needs, and numbers that
float64 cannot hold: pyarrow's nested types (lists, structs, maps) refused by name, its view
types (``string_view``, ``binary_view``) read as the plain text or bytes they hold, and
integers beyond 2**53 that the model would see rounded.

Nothing here imports formulaic; pyarrow is imported only for a column that is pyarrow-backed.
"""

from __future__ import annotations

import decimal
import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

from ._arrow_kernels import computable
from .exceptions import DataError, InputTypeError

__all__ = [
    "RANGE_STEPS",
    "arrow_decimal",
    "arrow_labels",
    "as_numbers",
    "complex_refused",
    "exact_levels",
    "inf_past_floats",
    "native",
    "past_float_range",
    "plain_index",
    "plain_labels",
    "quiet_decimal_nans",
    "refuse_beyond_double",
    "refuse_dask",
    "refuse_dates",
    "refuse_kind_change",
    "refuse_nested",
    "refuse_non_numeric",
    "refuse_rounded_integers",
    "refuse_sparse_matrix",
    "refuse_text",
    "structured_frame",
    "unmasked",
    "usable",
    "with_na",
    "without_views",
]

# pyarrow's view types, which pandas stores but cannot filter, compare or convert to objects
_VIEWS = {"string_view": "large_string", "binary_view": "large_binary"}
# the largest integer below which float64 holds every integer exactly
_EXACT = 2**53
_FLOAT_MAX = int(np.finfo(np.float64).max)
# a column's range (max - min) must be this many times float64's spacing at its largest
# value: past it the rounding moves its values by more than a ten-millionth of their range
RANGE_STEPS = 2**24


def _arrow_type(dtype: Any) -> Any:
    """The pyarrow type of a pyarrow-backed pandas dtype (``pd.ArrowDtype``), else None."""
    if isinstance(dtype, pd.StringDtype):  # "string[pyarrow]" and str: pandas handles them
        return None
    return getattr(dtype, "pyarrow_dtype", None)


def refuse_nested(name: str, dtype: Any, what: str) -> None:
    """Refuse a pyarrow type of several values per cell (list, struct, map): no level and no
    number. Pandas' unique() and factorize() raised pyarrow's ArrowNotImplementedError."""
    arrow = _arrow_type(dtype)
    if arrow is None:
        return
    import pyarrow as pa

    if pa.types.is_dictionary(arrow):
        arrow = arrow.value_type
    if pa.types.is_interval(arrow):  # pandas can neither compare nor convert them
        raise InputTypeError(
            f"{what}: column {name!r} has dtype {dtype}, time spans of months, days and "
            "nanoseconds, which pandas cannot compute with (NotImplementedError: "
            f"{arrow}); convert that column first (e.g. to a number of days, or to text)"
        )
    if pa.types.is_run_end_encoded(arrow):  # one value per cell, stored in runs
        raise InputTypeError(
            f"{what}: column {name!r} has dtype {dtype}, values stored in runs, which pandas "
            f"cannot compute with; decode it first: pyarrow.compute.run_end_decode(...)"
        )
    if pa.types.is_nested(arrow):
        raise InputTypeError(
            f"{what}: column {name!r} has dtype {dtype}, several values in each cell, which "
            "are neither numbers nor labels; a model's columns hold numbers or labels (text, "
            "categories): expand or convert that column first (e.g. one column per field)"
        )


def native(values: Any) -> Any:
    """``values`` (a numpy array or a Series) in the machine's byte order: a new copy of
    big-endian numbers ('>i4', '>f8', as read from a FITS or network file), which pandas
    cannot hash ("Big-endian buffer not supported on little-endian compiler" came back from
    an outcome, a factor, clusters or a classifier's labels). Anything else as it is."""
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, np.dtype) and not dtype.isnative:
        return values.astype(dtype.newbyteorder("="))
    return values


def usable(column: pd.Series, name: str, what: str) -> pd.Series:
    """``column`` in a type pandas computes with: pyarrow's nested types refused by name
    (:func:`refuse_nested`), its types without pandas kernels as :func:`computable` reads
    them, its view types as plain text or bytes, which pandas 3 stores but
    cannot filter or turn into objects (``NotImplementedError: string_view``); a dictionary
    as the pandas Categorical it stands for; a sparse
    column as its dense values (whose distinct values were a mix of Python's and numpy's
    integers); big-endian numbers in the machine's order (:func:`native`). Other columns are
    returned as they are (no copy)."""
    column = quiet_decimal_nans(native(column))
    if isinstance(column.dtype, pd.SparseDtype):  # the dense values it stands for
        column = column.sparse.to_dense()
    arrow = _arrow_type(column.dtype)
    if arrow is None:
        return column
    import pyarrow as pa

    column = computable(column)  # a tensor's lists then refused as lists
    values, arrow = pa.chunked_array(column.array.__arrow_array__()), _arrow_type(column.dtype)
    refuse_nested(name, column.dtype, what)
    if pa.types.is_dictionary(arrow):
        # the pandas Categorical pyarrow makes of it, its levels in the dictionary's order: a
        # Categorical written to parquet and read with dtype_backend="pyarrow" (text or
        # numbers) had its levels sorted (another reference level), or was fitted as numbers
        categorical = values.to_pandas()
        return pd.Series(categorical.array, index=column.index, name=column.name)
    if str(arrow) not in _VIEWS:
        return column
    plain = values.cast(getattr(pa, _VIEWS[str(arrow)])())
    return pd.Series(pd.arrays.ArrowExtensionArray(plain), index=column.index, name=column.name)


def quiet_decimal_nans(column: pd.Series) -> pd.Series:
    """``column`` with its signalling ``Decimal('sNaN')`` as the quiet ``Decimal('NaN')``,
    a missing value as that one is, in a new Series; the column itself when it holds none.
    pandas' isna raised a bare decimal.InvalidOperation on a signalling NaN, and every test
    for missing values of the column (dropna, notna, a formula's rows) ended there."""
    if column.dtype != object:
        return column
    try:
        column.isna()
    except decimal.InvalidOperation:
        quiet = decimal.Decimal("NaN")
        return column.map(lambda v: quiet if isinstance(v, decimal.Decimal) and v.is_snan() else v)
    return column


def without_views(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its columns of pyarrow's view types (``string_view``, ``binary_view``)
    as the plain text or bytes they hold, in a new frame; the frame itself when it has none.
    pandas cannot take rows of a view column, and a subpopulation or a design's rows are
    taken from the whole frame: a column of views, even one the formula does not read,
    ended a survey fit with pyarrow's "Function 'array_take' has no kernel matching input
    types (string_view, int64)"."""
    views = [j for j, dtype in enumerate(frame.dtypes) if str(_arrow_type(dtype)) in _VIEWS]
    if not views:
        return plain_index(frame)
    frame = frame.copy(deep=False)
    for j in views:
        frame.isetitem(j, usable(frame.iloc[:, j], str(frame.columns[j]), "data"))
    return plain_index(frame)


def plain_index(data: Any) -> Any:
    """A DataFrame or Series whose row labels are pyarrow views (a string_view index) with
    the plain text they hold, in a new object sharing the values; anything else as it is.
    pandas can neither show nor compare such labels (NotImplementedError: string_view)."""
    labels = plain_labels(data.index)
    return data if labels is data.index else data.set_axis(labels)


def plain_labels(index: pd.Index) -> pd.Index:
    """Row labels of pyarrow views (``string_view``) as the plain text they hold; any other
    index as it is."""
    if str(_arrow_type(index.dtype)) not in _VIEWS:
        return index
    return pd.Index(usable(pd.Series(index, name=index.name), "index", "data"), name=index.name)


def arrow_labels(dtype: Any) -> bool:
    """Whether ``dtype`` is pyarrow-backed text, bytes or times of day: labels, which
    formulaic tries to read as numbers ("could not convert string to float: b'b'") unless
    they are Python objects."""
    arrow = _arrow_type(dtype)
    if arrow is None:  # pyarrow is imported only for a pyarrow-backed column
        return False
    import pyarrow as pa

    return (
        pa.types.is_string(arrow)
        or pa.types.is_large_string(arrow)
        or pa.types.is_binary(arrow)
        or pa.types.is_large_binary(arrow)
        or pa.types.is_fixed_size_binary(arrow)  # a UUID's bytes
        or pa.types.is_time(arrow)
        or str(arrow) in _VIEWS
    )


def arrow_decimal(dtype: Any) -> bool:
    """Whether ``dtype`` is pyarrow-backed decimals (``decimal128``, ``decimal256``), which
    pandas computes with as Python Decimals: np.log, bs(), center() and an interaction with
    a float column of them failed inside formulaic ("unsupported operand type(s) for *:
    'decimal.Decimal' and 'float'")."""
    arrow = _arrow_type(dtype)
    if arrow is None:
        return False
    import pyarrow as pa

    return bool(pa.types.is_decimal(arrow))


def _bounds(column: Any) -> tuple[int, int] | None:
    """The smallest and largest value of a column or array of integers, as Python ints;
    None when it has none."""
    if isinstance(column, np.ndarray):
        return (int(column.min()), int(column.max())) if column.size else None
    low, high = column.min(skipna=True), column.max(skipna=True)
    return None if pd.isna(low) else (int(low), int(high))


def refuse_rounded_integers(
    name: str, column: Any, what: str, labels: str = "", *, wide: bool = False
) -> None:
    """Refuse integers (numpy's, pandas' nullable, pyarrow's) read as numbers whose float64
    values lose what tells them apart: beyond 2**53 float64 holds integers only to a step of
    2 or more, so 2**53 + 1 is 2**53. A column such as an identifier or a time in
    nanoseconds near 2**53 + (0..1000) was refused as constant beside the intercept, and
    ``I(k - 2**53)`` was computed from the rounded values and fitted with nothing said.
    ``labels`` says what to do if they are labels (by default, ``C()`` in the formula);
    ``wide``: the column holds Python ints, some past 64 bits."""
    if getattr(column.dtype, "kind", "") not in ("i", "u") and not wide:
        return
    bounds = _bounds(column)
    if bounds is None:
        return
    low, high = bounds
    largest = max(abs(low), abs(high))
    if largest <= _EXACT:
        return
    step = int(np.spacing(float(largest)))  # float64's spacing at the largest value
    if high - low >= RANGE_STEPS * step:
        return  # the rounding is far below the values' spread: as exact as any float
    shown = high if abs(high) >= abs(low) else low
    raise InputTypeError(
        f"{what}: column {name!r} holds integers as large as {shown} (beyond 2**53), where "
        f"float64 tells numbers apart only {step} apart, and they span only {high - low}: as "
        f"numbers the model would see them rounded; subtract a constant first, e.g. "
        f"df[{name!r}] = df[{name!r}] - df[{name!r}].min(), or "
        + (labels or f"write C({name}) in the formula if they are labels")
    )


def complex_refused(name: str, what: str, dtype: Any) -> InputTypeError:
    """The error for a column of complex numbers, which no real design column can hold."""
    return InputTypeError(
        f"{what}: column {name!r} holds complex numbers (dtype {dtype}); a model's columns "
        f"are real: use df[{name!r}].to_numpy().real if the imaginary parts are zero"
    )


def as_numbers(column: pd.Series, name: str, what: str, levels: bool = False) -> pd.Series:
    """A column of numbers stored as Python objects, as numbers. Integers beyond 2**53 beside
    a missing value become pandas' nullable integers, exactly: as float64 2**53 + 1 was 2**53,
    so two levels of ``C(k)`` were fitted as one and new data were predicted at the wrong
    level, with nothing said. With ``levels`` (the column is read inside ``C()``), numbers
    that float64 cannot tell apart (two Decimals 1e-19 apart) are refused: they would be one
    level. Numbers pandas cannot read (``Fraction(1, 3)``) and complex numbers are refused."""
    try:
        number = pd.to_numeric(column)
    except OverflowError:
        # an int no float holds (10**400) raised numpy's OverflowError, where Decimal('1e400')
        # and 1e400 are inf: it is inf too, refused in fitting and predicting NaN, as they do
        column = column.map(inf_past_floats)
        number = pd.to_numeric(column)
    except (TypeError, ValueError):  # Fraction(1, 3): a number pandas cannot read
        sample = next((v for v in column if not isinstance(v, (int, float, str))), column.iloc[0])
        raise InputTypeError(
            f"{what}: column {name!r} holds numbers of a type pandas cannot read as "
            f"numbers ({sample!r}, {type(sample).__name__}); convert them first, e.g. "
            f"df[{name!r}] = df[{name!r}].astype(float)"
        ) from None
    if number.dtype.kind == "c":  # Python complex numbers in an object column
        raise complex_refused(name, what, number.dtype)
    if number.dtype == object and not levels:
        # integers past 64 bits (99999999999999999999, as pandas reads them from a file):
        # pandas keeps them as Python ints, and formulaic read such a column as categories, a
        # level per value, though it was taken for numbers
        if what != "newdata":
            refuse_rounded_integers(name, number, what, wide=True)
        return number.astype(np.float64)
    if number.dtype.kind == "f" and (number.abs() > _EXACT).any():
        exact = pd.to_numeric(column, dtype_backend="numpy_nullable")
        if exact.dtype.kind in "iu":
            return exact
    if levels and number.nunique() < column.nunique():
        first = pd.Series(column.dropna().unique())
        merged = first[pd.to_numeric(first).duplicated(keep=False).to_numpy()].tolist()[:2]
        raise DataError(
            f"{what}: column {name!r} holds numbers that float64 cannot tell apart "
            f"({' and '.join(map(repr, merged))}): as levels of C({name}) they would be one; "
            f"convert the column to text first if they are labels, e.g. df[{name!r}] = "
            f"df[{name!r}].astype(str), or round them if they are one value"
        )
    return number


def inf_past_floats(value: Any) -> Any:
    """An int past the largest float as the infinity of its sign; any other value as it is."""
    if isinstance(value, int) and abs(value) > _FLOAT_MAX:
        return math.inf if value > 0 else -math.inf
    return value


def exact_levels(values: Any, name: str, what: str) -> Any:
    """Long doubles (``np.longdouble``) read as levels (an outcome, ``C()``, clusters,
    strata), as float64 when that keeps them apart: pandas hashes them as float64, so
    1 and 1 + 1e-19 were one level of the outcome, or one cluster, with nothing said, and
    ``C()`` of them failed with "Buffer dtype mismatch". Values float64 cannot tell apart
    are refused. Anything else is returned as it is."""
    dtype = getattr(values, "dtype", None)
    if not (isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize > 8):
        return values
    a = np.asarray(values)
    distinct = np.unique(a[~np.isnan(a)])  # sorted: values that round together are adjacent
    rounded = distinct.astype(np.float64)
    merged = np.flatnonzero(rounded[1:] == rounded[:-1])
    if merged.size:
        pair = distinct[merged[0] : merged[0] + 2]
        shown = " and ".join(np.format_float_positional(v, unique=True, trim="-") for v in pair)
        raise DataError(
            f"{what}: column {name!r} holds numbers (dtype {dtype}) that float64 cannot "
            f"tell apart ({shown}): as levels they would be one; convert the column to "
            f"text first if they are labels (e.g. .astype(str)), or round them if they are "
            "one value"
        )
    if isinstance(values, pd.Series):
        return pd.Series(a.astype(np.float64), index=values.index, name=values.name)
    return a.astype(np.float64)


def refuse_beyond_double(name: str, column: Any, what: str) -> None:
    """Refuse numbers of a wider float type (np.longdouble) past float64's range in a column
    used as it is: the design holds float64, where they became inf and were refused as
    "non-finite values (inf or NaN, e.g. from log of a non-positive number)", values the
    user's column does not hold."""
    dtype = column.dtype
    if getattr(dtype, "kind", "") != "f" or dtype.itemsize <= 8:
        return
    values = np.asarray(column)
    large = np.isfinite(values) & (np.abs(values) > np.finfo(np.float64).max)
    if large.any():
        shown = np.format_float_scientific(values[large][0], precision=3)
        raise DataError(
            f"{what}: column {name!r} holds numbers beyond float64's range (e.g. {shown}), "
            f"which the model would read as infinite; rescale it first, e.g. df[{name!r}] = "
            f"df[{name!r}] / 1e300, or take its log"
        )


def missing_mask(s: pd.Series) -> np.ndarray:
    """``s.isna()`` as a boolean array, a signalling ``Decimal('sNaN')`` missing as the quiet
    NaN is (pandas' isna raised decimal.InvalidOperation on it)."""
    try:
        return s.isna().to_numpy(dtype=bool)
    except decimal.InvalidOperation:
        quiet = s.map(lambda v: math.nan if isinstance(v, decimal.Decimal) and v.is_nan() else v)
        return quiet.isna().to_numpy(dtype=bool)


def past_float_range(value: Any) -> bool:
    """Whether a number (or NaN) lies past float64's range, compared exactly: numpy's floats
    beside a Python int such as 10**400 in one array of objects raised numpy's bare
    OverflowError from ``abs(v) < 2**1024``, converting 2**1024 to their type."""
    if isinstance(value, np.floating):  # np.longdouble too, whose range is wider
        return not bool(abs(value) <= np.finfo(np.float64).max)
    return not abs(value) < 2**1024


def beyond_double_error(values: np.ndarray, what: str) -> DataError:
    """The refusal of an array of objects holding a number past float64's range (a Python int
    such as 10**400, where numpy raised a bare OverflowError), naming its column and row."""
    flat = np.ravel(values)
    k = next((k for k, v in enumerate(flat) if past_float_range(v)), 0)
    v = flat[k]
    row, j = divmod(k, values.shape[1]) if values.ndim == 2 else (k, 0)
    shown = f"{v!r:.40}"
    if isinstance(v, numbers.Rational):  # ints and fractions: their size, not 400 digits
        size = math.log10(abs(v.numerator)) - math.log10(v.denominator)
        shown = f"about {'-' if v < 0 else ''}1e{int(size)}"
    return DataError(
        f"{what}: column {j} holds a number beyond float64's range ({shown} in row {row}), "
        "which the model would read as infinite; rescale it first, or take its log"
    )


def unmasked(values: Any) -> Any:
    """``values`` as given, except a numpy masked array: a plain array whose masked cells are
    missing (NaN, or None in an array of objects). ``np.asarray`` reads the values under the
    mask, which the masked array says are no data: they were fitted and predicted from."""
    if not isinstance(values, np.ma.MaskedArray):
        return values
    mask = np.ma.getmaskarray(values)
    data = np.asarray(values.data)
    if not mask.any():
        return data
    out = data.astype(np.float64 if data.dtype.kind in "biuf" else object)
    out[mask] = np.nan if out.dtype.kind == "f" else None
    return out


def refuse_sparse_matrix(values: Any, what: str) -> None:
    """Refuse a scipy sparse matrix or array, whose design the fit would hold dense: numpy
    made it an array of one object, refused as "does not convert to numbers"."""
    if not type(values).__module__.startswith("scipy.sparse"):
        return
    shape = " x ".join(map(str, getattr(values, "shape", ())))
    raise InputTypeError(
        f"{what}: a scipy sparse {type(values).__name__} ({shape}); the model's design is "
        f"dense: pass {what}.toarray() (or a DataFrame of its columns)"
    )


def structured_frame(values: Any, what: str) -> pd.DataFrame | None:
    """A numpy structured or record array (``np.rec.fromarrays``, a row of ``np.genfromtxt(...,
    names=True)``) as the DataFrame of its fields, by name: numpy cannot convert it to
    numbers, so it was refused as "does not convert to numbers" though it is a table; None
    for anything else. Fields that are themselves arrays are refused."""
    if not (isinstance(values, np.ndarray) and values.dtype.names):
        return None
    nested = [f for f in values.dtype.names if values.dtype[f].shape or values.dtype[f].names]
    if values.ndim != 1 or nested:
        raise InputTypeError(
            f"{what}: a structured array "
            + (
                f"with fields of several values ({', '.join(map(repr, nested))})"
                if nested
                else f"of shape {values.shape}"
            )
            + "; pass one row per record and one number per field, or a DataFrame"
        )
    return pd.DataFrame({f: native(values[f]) for f in values.dtype.names})


def refuse_dates(values: Any, what: str) -> None:
    """Refuse dates and time spans among numbers a design is read from (the array interface's
    X, an array model's new data): numpy reads them as counts of nanoseconds or days since
    1970, so a fit or a prediction went on with those counts as the predictor."""
    if isinstance(values, pd.DataFrame):
        dtypes = list(zip(values.columns, values.dtypes, strict=True))
    else:
        dtypes = [(None, getattr(values, "dtype", None))]
    for column, dtype in dtypes:
        if getattr(dtype, "kind", None) in ("m", "M") or isinstance(
            dtype, (pd.PeriodDtype, pd.IntervalDtype)
        ):
            where = f"{what}: column {str(column)!r}" if column is not None else what
            raise InputTypeError(
                f"{where} has dtype {dtype}, dates or time spans, not numbers (numpy "
                "would read them as counts of nanoseconds or days since 1970); convert them "
                "to numbers first (e.g. a number of days)"
            )


def refuse_text(values: np.ndarray, what: str, expected: str = "") -> None:
    """Refuse text in an array a design is read as it is from (the array interface's X, an
    array model's new data), as :func:`refuse_non_numeric` refuses a DataFrame's column of
    it: numpy read "16.1" as 16.1 and a code "02139" as the number 2139. ``expected``: what
    where the array's numbers go, said in the refusal ("for the columns (x0, x1)")."""
    if values.dtype.kind in "US":
        text = values.flat[0].item() if values.size else ""  # np.str_('a') as 'a'
    elif values.dtype.kind == "O":
        text = next((v for v in values.flat if isinstance(v, (str, bytes))), None)
    else:
        return
    if text is not None:
        expected = f"the numbers expected {expected}" if expected else "numbers"
        raise InputTypeError(
            f"{what}: holds text (e.g. {text!r}), not {expected}; it is used as "
            f"given: convert it first, "
            f"np.asarray({what}, dtype=float), or encode categories"
        )


def refuse_non_numeric(frame: pd.DataFrame, what: str) -> None:
    """Refuse columns of a DataFrame read as a design as it is (the array interface's X and
    its new data) that are not numbers or booleans: text such as "1" and "2" was converted
    to numbers in new data, where the fit refuses it."""
    # by position: labels pandas takes for one another (1 and 1.0, True and 1) are two
    # columns to the design, and frame[label] a DataFrame of both
    columns = [frame.iloc[:, j] for j in range(frame.shape[1])]
    bad = [
        c
        for c in columns
        if not (pd.api.types.is_numeric_dtype(c) or pd.api.types.is_bool_dtype(c))
    ]
    if not bad:
        return
    first = bad[0]
    name = str(first.name)
    if first.dtype == object:  # numbers as Python objects (Decimal, from a database) are no
        # categories to encode: the advice to encode them was wrong
        quiet = quiet_decimal_nans(first)
        values = quiet.dropna()
        number = values.map(
            lambda v: isinstance(v, (numbers.Real, decimal.Decimal)) and not isinstance(v, bool)
        )
        if len(values) and number.all():
            raise InputTypeError(
                f"{what}: column {name!r} holds numbers stored as Python objects (dtype "
                f"object, e.g. {values.iloc[0]!r}); MNLogit reads X as given: convert them "
                f"first, e.g. {what}[{name!r}] = {what}[{name!r}].astype(float)"
                + ("" if quiet is first else " after making its Decimal('sNaN') missing")
            )
    raise InputTypeError(
        f"{what}: column(s) {', '.join(repr(str(c.name)) for c in bad)} are not numeric (dtype "
        f"{first.dtype}); MNLogit uses X as given, so encode categories first (or use "
        "mnlogit.fit with a formula)"
    )


def with_na(values: Any) -> Any:
    """``values`` as an array: a nullable or Arrow column's (``Int64``, ``Float64``,
    ``double[pyarrow]``) own pandas array, whose missing values stay ``<NA>`` for the messages
    that quote them (numpy reads them as NaN, which such a column cannot hold), anything else
    as numpy reads it."""
    if getattr(getattr(values, "dtype", None), "na_value", None) is pd.NA:
        return pd.array(values)
    return np.asarray(values)


def refuse_dask(values: Any, what: str) -> None:
    """Refuse a dask collection (DataFrame, Series, Array) given where rows are read in
    memory: numpy computed the whole of it without a word, against the rule that a dask
    fit collects no partition, and a dask DataFrame's column names were lost (its columns
    were fitted and labelled x0, x1, ...)."""
    kind = type(values)
    if kind.__module__.split(".")[0] != "dask":
        return
    raise InputTypeError(
        f"{what}: got a dask {kind.__name__}, which would be read into memory whole here; "
        "fit a dask DataFrame with mnlogit.fit(formula, ddf, ...), which reads "
        "it partition by partition (weights, groups and subpop then name its columns), or "
        "compute it first (.compute()) to fit it in memory"
    )


def _is_boolean(column: pd.Series) -> bool:
    """True/False values: a bool or nullable boolean dtype, or objects that are all booleans.
    Not a Categorical of them (pandas' is_bool_dtype says it is one), which a formula reads
    as a factor: for a column fitted on True/False it was let through to the encoding's
    "term 'f' does not encode into the columns it had in fitting"."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return False
    if pd.api.types.is_bool_dtype(column.dtype):
        return True
    return column.dtype == object and pd.api.types.infer_dtype(column) == "boolean"


def refuse_kind_change(fitted: Any, frame: pd.DataFrame, categories: set[str]) -> None:
    """Refuse booleans in new data for a column fitted on numbers, and numbers for a column
    fitted on booleans (``fitted``: the dtypes of the fitted raw columns, or None when they
    are not known): the encoding reads True as 1, so either was predicted from, silently,
    as R's predict() refuses ("fitted with type "numeric" but type "logical" was
    supplied"). Columns read only as categories (``categories``) have their levels checked
    instead."""
    if fitted is None:
        return
    for name in frame.columns:
        if name in categories or name not in fitted:
            continue
        was_bool = pd.api.types.is_bool_dtype(fitted[name])
        if not (was_bool or pd.api.types.is_numeric_dtype(fitted[name])):
            continue
        column = frame[name]
        if not column.notna().any():  # no values: the rows predict NaN, and are named
            continue
        is_bool = _is_boolean(column)
        shown = ", ".join(map(repr, pd.unique(column.dropna())[:3].tolist()))
        if is_bool and not was_bool:
            raise InputTypeError(
                f"newdata: column {name!r} was numbers in fitting; got booleans (dtype "
                f"{column.dtype}: {shown}), which would be read as 1 and 0; pass numbers, as "
                f"in the fitted data (newdata[{name!r}].astype(float) if 1 and 0 are meant)"
            )
        if was_bool and isinstance(column.dtype, pd.CategoricalDtype):
            raise InputTypeError(
                f"newdata: column {name!r} was True/False in fitting; got a Categorical (of "
                f"{shown}), which a formula reads as a factor; pass booleans, as in the fitted "
                f"data (newdata[{name!r}].astype('boolean'))"
            )
        if was_bool and not is_bool:
            numbers = pd.api.types.is_numeric_dtype(column.dtype)
            raise InputTypeError(
                f"newdata: column {name!r} was True/False in fitting; got "
                f"{'numbers' if numbers else 'other values'} (dtype {column.dtype}: {shown}); "
                f"pass booleans, as in the fitted data"
                + (f" (newdata[{name!r}] == 1 if 1 means True)" if numbers else "")
            )
