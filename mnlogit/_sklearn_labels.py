"""The classifier's labels: y's classes, sorted into ``classes_`` as scikit-learn sorts them
and refused as it refuses them (in the package's errors, naming the types or missing values it
does not name), the true labels ``score`` compares, and the reference among the classes."""

from __future__ import annotations

import datetime
import decimal
import itertools
import numbers
from collections.abc import Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd
from scipy import sparse

from ._alike import date_note
from ._dtypes import exact_levels, missing_mask, native, usable
from ._levels import level_kind, resolve_ref
from ._sklearn_inputs import NEEDS_SKLEARN, checked_input
from ._tables import arrow_column, listed_array
from .exceptions import (
    DataError,
    InputTypeError,
    LevelError,
    MissingDependencyError,
    MNLogitWarning,
    warn,
)

try:
    from sklearn import get_config
    from sklearn.utils.multiclass import check_classification_targets
except ImportError as error:
    raise MissingDependencyError(NEEDS_SKLEARN) from error

__all__ = [
    "NEEDS_LABELS",
    "check_ref",
    "classes_of",
    "plain_labels",
    "python_values",
    "ref_value",
    "refuse_column_name",
    "refuse_missing_labels",
    "refuse_no_labels",
    "rows_of",
    "true_labels",
]

NEEDS_LABELS = "a classifier needs a label on every row"  # why fit refuses missing labels


def plain_labels(y: Any) -> Any:
    """pandas' nullable labels (Int64, UInt8, boolean, int64[pyarrow]) without missing values
    as a numpy array of their own type: scikit-learn reads them as float64, which merged
    integers beyond 2**53 (2**53 and 2**53 + 1 became one class) and gave True and False
    back as 1.0 and 0.0; so are a Categorical's labels when its categories are such numbers
    or booleans; numpy's StringDType text as Python's. Anything else is returned as it is."""
    column = arrow_column(y, "y")  # a polars Series or pyarrow array: its column
    y = _listed_labels(y) if column is None and isinstance(y, (list, tuple)) else y
    given = y
    if column is not None:
        y = column.rename(getattr(y, "name", None) or None)
    if isinstance(y, pd.Series):  # pyarrow's string_view as text, its lists refused
        y = usable(y, str(y.name or "y"), "y")
    if column is not None:
        text = _numpy_text(given, y)
        if text is not None:
            return text
    if isinstance(y, np.ndarray) and y.dtype.kind == "T":
        # numpy's StringDType: scikit-learn's check of y raised numpy's "dtype argument must
        # be a NumPy dtype, but it is a <class 'numpy.dtypes.StringDType'>"; its text as
        # Python's, as a pandas column of text gives them
        y = y.astype(object)
    values = y.array if isinstance(y, (pd.Series, pd.Index)) else y
    if not isinstance(values, pd.api.extensions.ExtensionArray):
        return exact_levels(native(y), "y", "y")
    dtype = values.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        # a Categorical of True and False came back from scikit-learn's check as 0.0 and 1.0
        # (classes_, predict, results_'s equations), as the nullable booleans did
        dtype = values.categories.dtype
        if dtype.kind not in "iub" or values.isna().any():
            return y
        numpy_dtype = getattr(dtype, "numpy_dtype", dtype)
        return values.categories.to_numpy(dtype=numpy_dtype)[values.codes]
    if dtype.kind not in "iub" or values.isna().any():  # missing labels: refused as such
        return y
    return values.to_numpy(dtype=dtype.numpy_dtype)


def _listed_labels(y: list | tuple) -> np.ndarray:
    """A list's labels as scikit-learn reads them, whose ``np.unique`` is ``classes_`` (text
    as numpy's fixed-width text: a list of text gave classes_ and predictions of objects,
    where scikit-learn's are ``<U``), but as objects where numpy's text changes them
    (:func:`mnlogit._tables.listed_array`: 'lo' and 'lo\\x00' made one, 1 beside 'a' '1')."""
    array, objects = np.asarray(y), listed_array(y)
    if array.dtype.kind == "U" and (array.astype(object) == objects).all():
        return array
    return objects


def _numpy_text(given: Any, column: pd.Series) -> np.ndarray | None:
    """A polars String Series' labels as scikit-learn reads them, ``np.asarray(y)``: numpy's
    fixed-width text (classes_ of dtype ``<U4``, where the column read as pandas' text gave
    objects), where numpy keeps the text as it is; None for other columns (pyarrow's text,
    polars' Categorical and Enum, which numpy reads as objects, as scikit-learn does)."""
    if column.isna().any():
        return None
    array = np.asarray(given)
    if array.dtype.kind != "U" or array.shape != column.shape:
        return None
    return array if (array.astype(object) == column.to_numpy(dtype=object)).all() else None


def refuse_column_name(X: Any, y: Any) -> None:
    """Refuse a y that is text, not labels: mnlogit.fit's habit of naming the outcome's
    column (at ``score`` scikit-learn's refusal said only that y_true must be array-like)."""
    if isinstance(y, str):
        column = isinstance(X, pd.DataFrame) and y in X.columns
        raise InputTypeError(
            f"y: expected the class labels, one per row of X; got the text {y!r}: pass "
            f"the labels themselves{f' (X[{y!r}])' if column else ''}, not a column's name"
        )


def refuse_no_labels(y: Any, n: int | None, at_fit: bool = False) -> None:
    """Refuse a ``y`` that holds no label per row of X's ``n`` (None: not known): None, a
    single value, a set or mapping (no order of rows), an iterator or a sparse matrix.

    At ``score`` scikit-learn refuses each in its own words ("y_true must be an
    array-like"); the classifier's checks of the labels' types raised Python's "len() of
    unsized object" instead, or called a single 3 a number no text class equals. At ``fit``
    (``at_fit``) a set, a dict, an iterator or a single value got scikit-learn's "y should
    be a 1d array, got an array of shape () instead", which named neither what was given
    nor what to give; None and a sparse matrix keep scikit-learn's refusals there, which its
    estimator checks expect."""
    what = None
    if y is None and not at_fit:
        what = "None"
    elif sparse.issparse(y) and not at_fit:
        what = f"a sparse matrix of shape {y.shape}: give y.toarray().ravel()"
    elif isinstance(y, (set, frozenset, Mapping)):
        what = (
            f"a {type(y).__name__} ({_some_of(y)}), which has no order of rows: give a list or "
            f"array{' (list(y.values()) for its values)' if isinstance(y, Mapping) else ''}"
        )
    elif isinstance(y, Iterator):
        what = f"an iterator ({type(y).__name__}): give list(y)"
    elif _single_value(y, at_fit):
        value = y.item() if isinstance(y, np.ndarray) else _python_value(y)
        rows = "len(X)" if n is None else n
        what = f"the single value {value!r}: give one label per row, e.g. [{value!r}] * {rows}"
    if what is not None:
        labels = "an array-like of class labels" if at_fit else "the true class labels"
        count = "" if n is None else f" ({n})"
        raise InputTypeError(f"y: expected {labels}, one per row of X{count}; got {what}")


def rows_of(X: Any) -> int | None:
    """The number of rows of ``X`` as given to ``fit``, or None where it is not plain (a
    mapping of columns, an object without a length)."""
    shape = getattr(X, "shape", None)
    if isinstance(shape, tuple) and shape and isinstance(shape[0], numbers.Integral):
        return int(shape[0])
    if isinstance(X, (list, tuple)):
        return len(X)
    return None


def _single_value(y: Any, at_fit: bool) -> bool:
    """Whether ``y`` is one value, not labels: at ``fit`` only a number, a truth value or a
    0-d array is (an object that gives its array through ``__array__`` alone, without a
    length, as scikit-learn's estimator checks pass one, holds labels)."""
    if y is None:
        return False
    if at_fit:
        return isinstance(y, (numbers.Number, np.generic)) or (
            isinstance(y, np.ndarray) and y.ndim == 0
        )
    return not hasattr(y, "__len__") or getattr(y, "ndim", 1) == 0


def _some_of(y: set | frozenset | Mapping) -> str:
    """The first three values of a set (in the order of their reprs, a set's own order
    changing from run to run) or items of a mapping, quoted with their braces."""
    if isinstance(y, Mapping):
        first = list(itertools.islice(y.items(), 4))
        shown = [f"{_python_value(k)!r}: {_python_value(v)!r}" for k, v in first[:3]]
    else:
        first = sorted((_python_value(v) for v in y), key=repr)[:4]
        shown = [repr(v) for v in first[:3]]
    return "{" + ", ".join(shown) + (", ..." if len(first) > 3 else "") + "}"


def refuse_missing_labels(y: Any, why: str, at_fit: bool = False) -> None:
    """Refuse labels that are missing (None, NaN, NaT, pd.NA), counting them and naming the
    first position; ``why`` says what needs a label on every row. Complex numbers are
    refused first (:func:`_refuse_complex`).

    pd.NA among text or in string[pyarrow] gave "boolean value of NA is ambiguous", in a
    Categorical "Input contains NaN", in Int64 a NumPy cast warning, and at ``score`` Python's
    refusal to order None and str. numpy arrays of integers, booleans or text, which cannot
    hold a missing value, are not read. At ``fit`` (``at_fit``) NaN in a numpy array of floats
    is left to scikit-learn's own words ("Input y contains NaN."), but for
    ``assume_finite=True``, under which it skips that check and called labels 0, 1, 2 with a
    NaN "continuous", a regression target.
    """
    _refuse_complex(y)
    if y is None or (isinstance(y, np.ndarray) and y.dtype.kind in "biuUS"):
        return
    if at_fit and isinstance(y, np.ndarray) and y.dtype.kind == "f":
        if not get_config()["assume_finite"]:
            return
    try:
        missing = np.asarray(pd.isna(y)).ravel()
    except decimal.InvalidOperation:  # a Decimal('sNaN') label, which pandas cannot test
        missing = missing_mask(pd.Series(np.asarray(y, dtype=object).ravel()))
    if not missing.any():
        return
    first = int(np.flatnonzero(missing)[0])
    raise DataError(
        f"y: {int(missing.sum())} missing label(s) (first at position {first}: "
        f"{np.asarray(y, dtype=object).ravel()[first]!r}); {why}: drop those rows (from X "
        "and y) or give them a label"
    )


def _refuse_complex(y: Any) -> None:
    """Refuse complex numbers as labels (at ``fit`` and ``score``, before missing ones are
    looked for): scikit-learn's refusal, "Complex data not supported", printed all of y
    (4,000 characters for 600 rows) and said nothing of what to do."""
    if isinstance(y, (list, tuple)):
        try:
            y = np.asarray(y)
        except (TypeError, ValueError):  # ragged: refused as scikit-learn refuses it
            return
    if getattr(getattr(y, "dtype", None), "kind", "") != "c":
        return
    shown = ", ".join(map(repr, python_values(pd.unique(np.asarray(y).ravel())[:3])))
    raise InputTypeError(
        f"y: complex numbers (e.g. {shown}), which scikit-learn does not take as classes "
        "(Complex data not supported): if they name classes, give them as text (y.astype(str))"
    )


def true_labels(y: Any, classes: np.ndarray) -> Any:
    """The true classes given to ``score``, as :func:`plain_labels` gives them; missing ones
    are refused (:func:`refuse_missing_labels`), and so are booleans for ``classes`` that
    are numbers other than 0 and 1, or such numbers for boolean classes: accuracy compares
    them as numbers, so y == 3 scored against the classes 1, 2, 3 counted the rows
    predicted 1 as right where y was True (predict refuses such a column of new data)."""
    refuse_missing_labels(y, "score compares each row's predicted class with its true label")
    labels = plain_labels(y)
    if np.asarray(labels).dtype == object and _is_text(np.asarray(labels)) is False:
        # as fit refuses them: scikit-learn's "mix of unknown and binary targets" said
        # neither what y held nor the conversion
        raise _objects_refused(pd.unique(np.asarray(labels).ravel()))
    kinds = {"b": "booleans", "i": "numbers", "u": "numbers", "f": "numbers"}
    given, fitted = np.asarray(labels).dtype.kind, classes.dtype.kind
    if given in kinds and fitted in kinds and (given == "b") != (fitted == "b"):
        numbers = classes if given == "b" else np.asarray(labels)
        if not set(np.unique(numbers).tolist()) <= {0, 1}:
            shown = ", ".join(map(repr, python_values(classes)[:5]))
            raise InputTypeError(
                f"y: the classes are {kinds[fitted]} ({shown}); got {kinds[given]}, which "
                "would be compared with them as numbers (True as 1, False as 0): pass the "
                "true labels as the classes are"
                + (" (the labels, not a comparison such as y == 3)" if given == "b" else "")
            )
    _refuse_text_against_numbers(np.asarray(labels), classes)
    return labels


def _is_text(values: np.ndarray) -> bool | None:
    """Whether labels are text (True), numbers or booleans (False), or neither (None)."""
    if values.dtype.kind in "US":
        return True
    if values.dtype.kind in "biuf":
        return False
    if values.dtype == object and len(values):
        flat = values.ravel()
        if all(isinstance(v, str) for v in flat):
            return True
        if all(isinstance(v, numbers.Real) for v in flat):
            return False
    return None


def _refuse_text_against_numbers(labels: np.ndarray, classes: np.ndarray) -> None:
    """Refuse true labels that are text for classes that are numbers, or the other way
    round: scikit-learn's "Mix of label input types (string and number)" said what, not
    what to do (a y encoded by LabelEncoder, or the labels' text read from a file)."""
    given, fitted = _is_text(labels), _is_text(classes)
    if given is None or fitted is None or given == fitted:
        return

    def kind(text: bool, values: np.ndarray) -> str:
        return "text" if text else "booleans" if values.dtype.kind == "b" else "numbers"

    shown = ", ".join(map(repr, python_values(classes)[:5]))
    example = ", ".join(map(repr, python_values(np.unique(labels.ravel()[:1000])[:3])))
    if fitted:
        advice = "if y was encoded (LabelEncoder), decode it: encoder.inverse_transform(y)"
    elif classes.dtype.kind == "b":  # astype(bool) makes any text but '' True, 'False' too
        advice = "read the text as booleans: y == 'True'"
    else:
        advice = f"convert them to the classes' type: y.astype({classes.dtype.name!r})"
    raise InputTypeError(
        f"y: the classes are {kind(fitted, classes)} ({shown}); got {kind(given, labels)} "
        f"(e.g. {example}), "
        f"which no class equals: pass the true labels as the classes are; {advice}"
    )


def classes_of(y: np.ndarray) -> tuple[np.ndarray, pd.Categorical]:
    """The sorted distinct labels of y, refused as scikit-learn refuses them, and y as a
    categorical of them.

    Labels are hashed once, not sorted (``np.unique`` sorts all n of them, which for string
    labels costs more than a fit of 1e5 rows); scikit-learn's target check sees the distinct
    labels in the order they first occur, which gives the answer it gives for y (labels of
    types that cannot be ordered among themselves are refused naming the types, where its
    message is Python's), and only then are they sorted. Missing labels (None, NaN, NaT) are
    refused (:func:`refuse_missing_labels`).
    """
    # pandas hashes no float16: float32 holds every float16 exactly
    keys = y.astype(np.float32) if y.dtype == np.float16 else y
    codes, uniques = checked_input(pd.factorize, keys)
    if len(codes) and codes.min() < 0:  # pandas' missing values: None, NaN, NaT
        if y.dtype != object:  # scikit-learn's own words: "Input y contains NaN."
            checked_input(check_classification_targets, y)
        refuse_missing_labels(y, NEEDS_LABELS)
    distinct = np.asarray(uniques, dtype=y.dtype)
    _refuse_blank_labels(distinct, codes)
    if distinct.dtype.kind == "f":
        # -0.0 and 0.0 are one class, which took the sign of whichever came first: labels of
        # np.round(score) named the class -0.0 in classes_, predict and the summary, and
        # another fold's order of rows named it 0.0
        distinct = distinct + distinct.dtype.type(0.0)
    try:
        # each label twice: scikit-learn warns that "the number of unique classes is greater
        # than 50% of the number of samples" counting the labels it is given, so the distinct
        # ones alone had every y of more than 20 classes warned of, whatever its rows
        # (its test of whole numbers casts to int: numpy's "invalid value encountered in
        # cast" for whole floats past int64, which it then calls continuous, came out too)
        with np.errstate(invalid="ignore"):
            check_classification_targets(np.concatenate([distinct, distinct]))
    except TypeError as exc:
        if any(isinstance(v, bytes) for v in distinct):  # scikit-learn's own refusal
            raise InputTypeError(str(exc)) from None
        # what is left is Python's refusal to order labels of different types
        raise _mixed_types_refused(distinct) from None
    except ValueError as exc:
        if distinct.dtype == object and not any(isinstance(v, str) for v in distinct):
            raise _objects_refused(distinct) from None
        if distinct.dtype == object and not isinstance(distinct[0], str):
            # scikit-learn calls labels "unknown" when the first one is no text: [1, 'a']
            # was a regression target where ['a', 1] mixed types
            raise _mixed_types_refused(distinct) from None
        if "Unknown label type: continuous" in str(exc):  # said what, not what to do
            # float32's 0.1 as written, not as the double 0.10000000149011612 it widens to
            short = distinct.dtype.kind == "f" and distinct.dtype.itemsize < 8
            shown = [float(str(v)) for v in distinct] if short else python_values(distinct)
            fractional = [v for v in shown if not float(v).is_integer()]
            if not fractional:  # whole numbers that scikit-learn's cast to int64 overflows
                raise DataError(
                    f"y: {exc} The labels are whole numbers past 64-bit integers (e.g. "
                    f"{', '.join(map(repr, _past_int64(shown)))}), which scikit-learn reads "
                    "as measurements: if they name classes, give them as text "
                    "(y.astype(str)); if they are measurements, the model for them is a "
                    "regression, not a classifier"
                ) from None
            raise DataError(
                f"y: {exc} The labels include fractions (e.g. "
                f"{', '.join(map(repr, fractional[:3]))}): if they name classes, give them as "
                "text (y.astype(str)); if they are measurements, the model for them is a "
                "regression, not a classifier"
            ) from None
        raise DataError(str(exc)) from None
    if len(codes) > 20 and len(distinct) > round(0.5 * len(codes)):  # as scikit-learn does
        warn(
            "The number of unique classes is greater than 50% of the number of samples. `y` "
            "could represent a regression problem, not a classification problem.",
            MNLogitWarning,
        )
    classes, rank = np.unique(distinct, return_inverse=True)
    # nor does it index by float16 (classes_ keep y's type)
    categories = classes.astype(np.float32) if classes.dtype == np.float16 else classes
    return classes, pd.Categorical.from_codes(rank[codes], categories=categories)


def _past_int64(values: list[Any]) -> list[Any]:
    """Up to three of ``values`` that int64 does not hold, the largest in size first."""
    past = [v for v in values if not -(2.0**63) <= float(v) < 2.0**63]
    return sorted(past, key=lambda v: -abs(float(v)))[:3]


def _refuse_blank_labels(distinct: np.ndarray, codes: np.ndarray) -> None:
    """Refuse labels of blank text ('' or spaces), a missing answer, as mnlogit.fit refuses
    them, in the classifier's terms: its refusal told to make them missing with
    ``df['y'].cat.remove_categories([' '])``, of a DataFrame and a Categorical the user never
    had, where a classifier needs a label on every row."""
    if distinct.dtype.kind not in "OU":
        return
    blank = [j for j, v in enumerate(distinct) if isinstance(v, str) and not v.strip()]
    if not blank:
        return
    rows = np.isin(codes, blank)
    shown = ", ".join(repr(str(distinct[j])) for j in blank)
    raise DataError(
        f"y: {int(rows.sum())} label(s) are blank text ({shown}; first at position "
        f"{int(np.flatnonzero(rows)[0])}); a blank is no class: drop those rows (from X and "
        "y) or give them a label"
    )


def _mixed_types_refused(distinct: np.ndarray) -> InputTypeError:
    """Labels of several types, which cannot be sorted into ``classes_``."""
    types = sorted({type(v).__name__ for v in distinct})
    return InputTypeError(
        f"y: the labels mix types that cannot be sorted ({', '.join(types)}; e.g. "
        f"{', '.join(repr(v) for v in distinct[:4])}); give every label one type, "
        "e.g. y.astype(str)"
    )


def _objects_refused(distinct: np.ndarray) -> InputTypeError:
    """Labels that are numbers (or booleans) stored as Python objects, which scikit-learn
    calls an "unknown" target (a pandas column of whole numbers that once held None is one):
    the error says which conversion makes them classes."""
    types = sorted({type(v).__name__ for v in distinct})
    if all(isinstance(v, (bool, np.bool_)) for v in distinct):
        advice = "y.astype(bool)"
    elif all(
        isinstance(v, numbers.Real)
        and not isinstance(v, (bool, np.bool_))
        and float(v).is_integer()
        for v in distinct
    ):
        advice = _whole_numbers_advice([int(v) for v in distinct])
    elif all(isinstance(v, pd.Interval) for v in distinct):  # pd.cut's bins
        advice = "name the bins, pd.cut(..., labels=['low', ...]), or y.astype(str)"
    elif all(isinstance(v, pd.Timestamp) and v.tz is not None for v in distinct):
        # a pandas column of datetime64[ns, UTC] reaches scikit-learn as Timestamps; without
        # the zone the same instants are datetime64, which it takes
        advice = (
            "y.dt.tz_convert(None) (the same instants in UTC, without the zone), or y.astype(str)"
        )
    elif all(isinstance(v, pd.Period) for v in distinct):
        advice = "y.dt.to_timestamp() (each period's start), or y.astype(str)"
    else:  # fractions would be read as a continuous target, booleans beside numbers as 0, 1
        advice = "y.astype(str)"
    return InputTypeError(
        f"y: Unknown label type: the labels are stored as Python objects "
        f"({', '.join(types)}; e.g. {', '.join(repr(v) for v in distinct[:4])}), which "
        f"scikit-learn does not take as classes; convert them first: {advice}"
    )


def _whole_numbers_advice(values: list[int]) -> str:
    """The conversion that makes whole numbers held as objects classes: y.astype(int) raised
    OverflowError for those past int64 (2**64 - 1, an unsigned id), which uint64 or text hold."""
    if all(-(2**63) <= v < 2**63 for v in values):
        return "y.astype(int)"
    if all(0 <= v < 2**64 for v in values):
        return "y.astype(np.uint64)"
    return "y.astype(str) (they are past 64-bit integers)"


def python_values(values: np.ndarray) -> list[Any]:
    """The values as Python's own scalars where numpy's stand for them, for messages: numpy
    prints its strings as np.str_('a'); its dates and time spans as pandas' (which the
    outcome's levels are), where they were np.datetime64('2020-01-01T00:00:00.000000') and
    datetime.timedelta, which no ref of pandas' or numpy's time spans matched."""
    return [_python_value(v) for v in values]


def _python_value(v: Any) -> Any:
    if isinstance(v, (np.timedelta64, np.datetime64)):  # before np.number: a timedelta64 is one
        return pd.Timedelta(v) if isinstance(v, np.timedelta64) else pd.Timestamp(v)
    return v.item() if isinstance(v, (np.str_, np.bytes_, np.number, np.bool_)) else v


def ref_value(ref: Any) -> Any:
    """``ref`` as the classes are compared with it: a time span as pandas' (a
    ``np.timedelta64``, numpy's integer, or a ``datetime.timedelta``, matched none)."""
    if isinstance(ref, (np.timedelta64, datetime.timedelta)):
        return pd.Timedelta(ref)
    return ref


def check_ref(ref: Any, classes: np.ndarray, categories: tuple = ()) -> None:
    """Refuse a ``ref`` that is none of the classes, saying where a class goes missing:
    a training fold of a cross-validation or grid search can lack a rare class, and a
    Categorical y (its ``categories``) keeps categories no row holds."""
    ref = ref_value(ref)
    try:
        resolve_ref(ref, python_values(classes), "y", unused=categories)
    except LevelError as exc:
        text = f"{exc} (the classes of the y given to fit)"
        # a ref of another type than the classes ('1' for 1), or not one value, is no rare
        # class a training fold lacks
        if "; the levels are" in text or "expected one level" in text:
            raise LevelError(text) from None
        if any(date_note(ref, v) for v in python_values(classes)):  # '2021-01-01' for a date
            raise LevelError(text) from None
        if "differ only by" in text:  # 'Car' or 'car ' for the class 'car': no fold lacks it
            raise LevelError(text) from None
        if _is_missing(ref):  # nor is a missing value, which no class is
            raise LevelError(
                f"{text}: a missing value is no class; pass one of the classes, or leave "
                "ref=None for the first"
            ) from None
        values = python_values(classes)
        kinds = {level_kind(v) for v in values}
        if level_kind(ref) not in kinds and _encoded(values):  # 'car' for codes of labels
            raise LevelError(
                f"{text}: ref={ref!r} is {_kind(level_kind(ref), 1)} and the classes are "
                f"numbers; {_encoded_note(ref, len(values))}; or leave ref=None (the "
                "reference changes no prediction)"
            ) from None
        if level_kind(ref) not in kinds:  # nor is ref=2 for classes 'x', 'y', 'z'
            position = _is_position(ref, len(values))
            how = "by its value, not its position" if position else "by its value"
            raise LevelError(
                f"{text}: ref={ref!r} is {_kind(level_kind(ref), 1)} and the classes are "
                f"{' and '.join(sorted(_kind(k, 2) for k in kinds))}; ref names a class {how} "
                f"(e.g. ref={values[int(ref)] if position else values[-1]!r})"
            ) from None
        # codes 0 to K-1 may be a fold's classes short of a rare one, or an ensemble's codes
        encoded = f"; {_encoded_note(ref, len(values))}" if _encoded(values) else ""
        # stratified folds keep a class of two rows in every training fold, but a class of
        # one row is missing from the training fold of the split that tests that row
        raise LevelError(
            f"{text}. In cross-validation a training fold can lack a rare class: stratify "
            "the folds (StratifiedKFold), which keeps a class of two or more rows in every "
            "training fold (a class of a single row is missing from the fold that tests it "
            f"whatever the split: make another class the reference){encoded}; or leave "
            "ref=None (the reference changes no prediction)"
        ) from None


def _encoded(values: list[Any]) -> bool:
    """Whether the classes are 0, 1, ..., K-1, the codes of a LabelEncoder: what
    VotingClassifier, StackingClassifier and cross_val_predict's probabilities and scores
    fit their estimators on, where a ``ref`` naming one of the user's labels is none."""
    return all(type(v) is int and v == k for k, v in enumerate(values))


def _encoded_note(ref: Any, n_classes: int) -> str:
    """Where classes 0 to K-1 may come from, and the ``ref`` that names a class there."""
    return (
        f"if the classes are the codes 0 to {n_classes - 1} of your labels, as "
        "VotingClassifier, StackingClassifier and cross_val_predict(..., "
        "method='predict_proba', 'predict_log_proba' or 'decision_function') give their "
        "estimators, ref is the reference's position among your sorted labels there, "
        f"ref=sorted(set(y)).index({ref!r})"
    )


def _is_missing(value: Any) -> bool:
    """Whether ``value`` is one missing value (None, NaN, NaT, pd.NA)."""
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # not one value: pd.isna of a list is an array
        return False


def _is_position(ref: Any, n: int) -> bool:
    """Whether ``ref`` is a whole number that could be a position among ``n`` classes."""
    if not isinstance(ref, numbers.Integral) or isinstance(ref, (bool, np.bool_, np.timedelta64)):
        return False
    return 0 <= int(ref) < n


def _kind(kind: str, count: int) -> str:
    """A kind of :func:`mnlogit._levels.level_kind` in a sentence: 'a number', 'text'."""
    if kind == "str":
        return "text"
    return (f"an {kind}" if kind[0] in "aeiou" else f"a {kind}") if count == 1 else f"{kind}s"
