"""What the scikit-learn classifier takes from scikit-learn's input checks: their refusals as
the package's errors (with scikit-learn's messages, which its users and its own estimator
checks recognise) and what they let through refused (masked entries, NaN under
``assume_finite``). X read by a formula: :mod:`mnlogit._sklearn_formula`; the labels:
:mod:`mnlogit._sklearn_labels`; the sample weights: :mod:`mnlogit._sklearn_weights`; the
options, the covariances among them: :mod:`mnlogit._sklearn_options`."""

from __future__ import annotations

import keyword
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from pandas.api.types import is_numeric_dtype
from scipy import sparse

from . import exceptions
from ._decimals import refuse_rounded_decimals, refuse_rounded_objects
from ._dtypes import (
    missing_mask,
    quiet_decimal_nans,
    refuse_rounded_integers,
    usable,
)
from ._polars import refuse_lazy
from ._separation_advice import SURVEY_NO_FIRTH
from ._sklearn_advice import DENSE_STEPS
from ._sklearn_columns import nested_values
from ._sklearn_records import refuse_mappings
from ._sklearn_rows import refuse_ragged_rows, same_repeated_labels
from ._sklearn_tables import arrow_exact_numbers, named_table, refuse_arrow_kinds
from ._tables import arrow_table, from_arrow
from .exceptions import (
    DataError,
    InputTypeError,
    MissingDependencyError,
    MNLogitError,
)

NEEDS_SKLEARN = "mnlogit.sklearn needs scikit-learn 1.6 or later: pip install 'mnlogit[sklearn]'"

try:
    from sklearn import get_config
    from sklearn.exceptions import ConvergenceWarning as SklearnConvergenceWarning
    from sklearn.exceptions import NotFittedError as SklearnNotFittedError
except ImportError as error:
    raise MissingDependencyError(NEEDS_SKLEARN) from error

__all__ = [
    "NEEDS_SKLEARN",
    "ConvergenceWarning",
    "NotFittedError",
    "as_sklearn_warnings",
    "check_aligned",
    "check_weights_aligned",
    "checked_input",
    "numeric_input",
    "refuse_masked",
]


class ConvergenceWarning(exceptions.ConvergenceWarning, SklearnConvergenceWarning):
    """The classifier's fit stopped before converging: mnlogit's
    :class:`~mnlogit.ConvergenceWarning` and scikit-learn's at once, so that the filter a
    grid search sets for scikit-learn's (``warnings.filterwarnings("ignore",
    category=sklearn.exceptions.ConvergenceWarning)``) catches it, as it catches
    ``LogisticRegression``'s."""


class NotFittedError(MNLogitError, SklearnNotFittedError):
    """A prediction asked of a classifier that is not fitted yet.

    It is scikit-learn's ``NotFittedError`` (so that its checks and users find it) and, as
    every refusal of the package, an :class:`~mnlogit.MNLogitError`.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.sklearn import MNLogitClassifier
    >>> try:
    ...     MNLogitClassifier().predict([[1.0]])
    ... except mnlogit.MNLogitError as err:
    ...     print(type(err).__name__)
    NotFittedError
    """


# What a separation means for the classifier's outputs, which the package's warning, written
# for the inference of mnlogit.fit, did not say: coef_ and predict_proba were left unexplained
SEPARATED_OUTPUTS = (
    "For the classifier: coef_ holds the diverging coefficients where the fit stopped, and "
    "predict_proba the probabilities they give, which for rows near the separating boundary "
    "are set by that stopping point rather than by the data; penalty='l2' (as "
    "LogisticRegression) gives finite estimates too."
)


# why a Firth fit of separated data is refused with the classifier's probability weights:
# the package's words, "a survey fit has only the design-based covariance", named a survey
# the classifier's user never gave
_PROBABILITY_WEIGHTS_NO_FIRTH = (
    "sample weights taken as probability weights (not whole numbers, or "
    "weight_type='probability') have only the design-based covariance"
)


def as_sklearn_warnings() -> Any:
    """A block within which the package's convergence warnings are issued as
    :class:`ConvergenceWarning` (see :func:`mnlogit.exceptions.issued_as`), and its
    separation warnings say what a separation means for ``coef_`` and ``predict_proba``,
    and why Firth's fit is refused with probability weights in the classifier's terms."""
    return exceptions.issued_as(
        {exceptions.ConvergenceWarning: ConvergenceWarning},
        {exceptions.SeparationWarning: SEPARATED_OUTPUTS},
        wording=lambda text: text.replace(SURVEY_NO_FIRTH, _PROBABILITY_WEIGHTS_NO_FIRTH),
    )


def checked_input(check: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """Run one of scikit-learn's input checks; what it refuses is raised as the package's
    error with scikit-learn's message (which its users and its own checks recognise).
    Its finiteness test sums the values: weights holding inf and -inf gave numpy's "invalid
    value encountered in reduce" before the refusal."""
    try:
        with np.errstate(invalid="ignore", over="ignore"):
            return check(*args, **kwargs)
    except MNLogitError:
        raise
    except TypeError as exc:
        raise InputTypeError(str(exc)) from None
    except ValueError as exc:
        raise DataError(str(exc)) from None
    except OverflowError as exc:  # an int past the float range among objects: numpy's error
        raise DataError(
            f"{exc}: an integer past the largest float (such as 10**400) is infinite as a "
            "number, and the classifier fits and predicts from finite values only: rescale "
            "the column or leave such rows out"
        ) from None


def check_aligned(X: Any, values: Any, name: str, base: str = "X") -> None:
    """Refuse a pandas ``y`` or ``sample_weight`` whose index holds X's row labels in
    another order (X sorted or shuffled without it): scikit-learn pairs rows by position, so
    every row would be fitted, or scored, with another row's value. Indexes of other labels
    say nothing of order and are paired by position, as scikit-learn pairs them; repeated
    labels (several rows per person) in another order, each as often, are refused too. Masked
    entries of ``values`` are refused (:func:`refuse_masked`). ``base``: what ``X`` is
    called (the weights are checked against y when X has no index)."""
    refuse_masked(values, name)
    tables = (pd.Series, pd.DataFrame)
    if not (isinstance(X, pd.DataFrame if base == "X" else tables) and isinstance(values, tables)):
        return
    rows, other = X.index, values.index
    if len(rows) != len(other) or rows.equals(other):
        return
    repeated = not (rows.is_unique and other.is_unique)  # no .loc matches them one to one
    if not (same_repeated_labels(rows, other) if repeated else other.isin(rows).all()):
        return
    i = int(np.flatnonzero(rows.to_numpy() != other.to_numpy())[0])
    # as Python's values: numpy's own print as np.float64(199.0), in a MultiIndex's tuples too
    mine, theirs = (_python_label(v) for v in (rows[i], other[i]))
    fix = f"pass {name}.loc[{base}.index]"
    if repeated:
        fix = f"take {base} and {name} from one table in one row order"
    raise DataError(
        f"{name}: its index holds the row labels of {base} in another order (at position {i}, "
        f"row {mine!r} of {base} and {theirs!r} of {name}); scikit-learn pairs rows by "
        f"position, so each row would go with another row's {name}: {fix} (or "
        f"{name}.to_numpy() if the positions are right)"
    )


def _python_label(label: Any) -> Any:
    """A row label as Python's value (a MultiIndex's: a tuple of them), for messages."""
    if isinstance(label, tuple):
        return tuple(_python_label(v) for v in label)
    return label.item() if isinstance(label, np.generic) else label


def check_weights_aligned(X: Any, y: Any, sample_weight: Any) -> None:
    """:func:`check_aligned` of the sample weights against X's index, or against y's when X
    has none (an array): y and the weights were then paired by position even when their
    indexes held the same rows in another order (weights sorted without y)."""
    if isinstance(X, pd.DataFrame) or not isinstance(y, (pd.Series, pd.DataFrame)):
        check_aligned(X, sample_weight, "sample_weight")
    else:
        check_aligned(y, sample_weight, "sample_weight", base="y")


def refuse_masked(values: Any, name: str) -> None:
    """Refuse a numpy masked array with masked entries: scikit-learn's checks read the values
    under the mask, so a fit or prediction used them as if they were data, without a word
    (pandas reads them as missing)."""
    if not isinstance(values, np.ma.MaskedArray):
        return
    masked = np.ma.getmaskarray(values)
    if not masked.any():
        return
    first = tuple(int(k[0]) for k in np.nonzero(masked))
    raise DataError(
        f"{name}: {int(masked.sum())} masked value(s) (first at position "
        f"{first[0] if len(first) == 1 else first}); scikit-learn reads the values under a "
        "mask as data: drop those rows, or fill them with the values meant (np.ma.filled)"
    )


def numeric_input(check: Callable[..., Any], X: Any, *args: Any, **kwargs: Any) -> Any:
    """:func:`checked_input` of a check that converts X to numbers; a column of text or of
    dates is refused naming it and what to do, where numpy's "could not convert string to
    float: 'north'" or "The DType <class 'numpy.dtypes.DateTime64DType'> could not be
    promoted" named neither the column nor the row. Sparse X is refused saying how a
    Pipeline gives dense columns: scikit-learn's advice, "Use '.toarray()'", cannot be
    followed there."""
    refuse_masked(X, "X")
    refuse_lazy(X, "X")
    table = named_table(X)  # a RecordBatch as a Table, whose names scikit-learn checks
    X, args = table, tuple(table if a is X else a for a in args)
    if isinstance(X, np.ndarray) and X.dtype.names:  # numpy's "Cannot cast ... numpy.record"
        raise InputTypeError(
            f"X: a structured array of fields {', '.join(map(repr, X.dtype.names))}, which "
            "scikit-learn cannot read as a 2-D array of numbers: pass pd.DataFrame(X), its "
            "fields as named columns"
        )
    if sparse.issparse(X):
        raise InputTypeError(
            f"X: sparse input ({X.format}, {X.shape[0]} x {X.shape[1]}) is not taken: the fit "
            f"is dense. Give X.toarray(), or {DENSE_STEPS}"
        )
    refuse_mappings(X)  # after sparse X: a dok_array is a dict
    refuse_ragged_rows(X)
    if isinstance(X, pd.DataFrame):
        if X.shape[1] == 0:  # numpy's "at least one array or dtype is required" said nothing
            raise DataError(
                f"Found array with 0 feature(s) (shape={X.shape}) while a minimum of 1 is "
                "required by MNLogitClassifier: X is a DataFrame without columns (in a "
                "Pipeline, a ColumnTransformer whose selectors match no column gives one)"
            )
        _refuse_sparse_columns(X)
        _refuse_categorical_numbers(X)
    refuse_arrow_kinds(X)
    if kwargs.get("reset", True):  # at fit: new rows are rounded as mnlogit.predict rounds them
        _refuse_rounded_integers(X)
    try:
        checked = checked_input(check, *args, **kwargs)
    except DataError as exc:
        # numpy's words for text, dates, periods, complex numbers or pd.NA among objects
        # ("float() argument must be a string or a real number, not 'Period'"), which named
        # neither the column nor the row (and for complex numbers printed the whole of X),
        # and for a Decimal('sNaN') "cannot convert signaling NaN to float"
        said: tuple[str, ...] = ("could not convert", "could not be promoted", "Complex data")
        said += ("float() argument", "signaling NaN", "setting an array element")
        if not any(s in str(exc) for s in said):
            raise
        # a polars or pyarrow table by its columns' names, as a pandas DataFrame is named
        named = from_arrow(X, "X") if arrow_table(type(X)) else X
        found = _unusable_column(named) or _missing_objects(named)
        if found is None:
            raise
        raise found from None
    _refuse_non_finite(checked[0] if isinstance(checked, tuple) else checked)
    return checked


def _refuse_non_finite(Xa: np.ndarray) -> None:
    """Refuse NaN or infinite values that scikit-learn let through: under
    ``sklearn.set_config(assume_finite=True)`` its check is skipped, and a fit then failed
    in SciPy's linprog ("c must not contain values inf, nan") while a prediction gave NaN
    probabilities and, for that row, the first class, without a word."""
    if not get_config()["assume_finite"]:
        return  # scikit-learn's own check has run, with its own words
    bad = ~np.isfinite(Xa)
    if not bad.any():
        return
    i, j = (int(k[0]) for k in np.nonzero(bad))
    raise DataError(
        f"Input X contains NaN or infinity: {int(bad.any(axis=1).sum())} row(s) (first at "
        f"position {i}, column {j}: {Xa[i, j]}); scikit-learn's assume_finite=True skips its "
        "check, but the classifier fits and predicts from finite values only: impute them "
        "first (e.g. a SimpleImputer in a Pipeline) or drop those rows"
    )


def _refuse_rounded_integers(X: Any) -> None:
    """Refuse columns of integers beyond 2**53 that float64 rounds past their spread, as
    ``mnlogit.MNLogit`` refuses them: scikit-learn reads X as float64, so identifiers or
    nanosecond times near 2**62 were fitted from values rounded to a step of 1024 with
    nothing said (with an intercept the rank check refused them as an offset to centre)."""
    labels = "one-hot encode them if they are labels"
    if isinstance(X, pd.DataFrame):
        for j, name in enumerate(X.columns):
            column = X.iloc[:, j]
            refuse_rounded_decimals(str(name), column, "X", labels)
            if column.dtype == object:  # Python ints: the numbers numpy will read of them
                try:
                    column = pd.to_numeric(column)
                except (TypeError, ValueError, OverflowError):  # refused later (10**400 too)
                    continue
            wide = column.dtype == object  # ints past 64 bits, which pandas keeps as objects
            refuse_rounded_integers(str(name), column, "X", labels, wide=wide)
    elif isinstance(X, (list, tuple)) or (isinstance(X, np.ndarray) and X.dtype == object):
        # Python ints beside floats: numpy reads them as float64 in one step
        try:
            objects = np.asarray(X, dtype=object)
        except ValueError:  # rows of different lengths, which scikit-learn refuses
            return
        for j in range(objects.shape[1] if objects.ndim == 2 else 0):
            refuse_rounded_decimals(f"x{j}", pd.Series(objects[:, j]), "X", labels)
            refuse_rounded_objects(f"x{j}", objects[:, j], None, "X")
    elif isinstance(X, np.ndarray) and X.ndim == 2 and X.dtype.kind in "iu":
        for j in range(X.shape[1]):
            refuse_rounded_integers(f"x{j}", X[:, j], "X", labels)
    else:  # a polars frame, a pyarrow Table: its integer columns
        for name, column in arrow_exact_numbers(X):
            refuse_rounded_integers(name, column, "X", labels)
            refuse_rounded_decimals(name, column, "X", labels)


def _refuse_sparse_columns(X: pd.DataFrame) -> None:
    """Refuse a DataFrame of pandas' sparse columns only (scikit-learn densifies a mix) saying
    how to make it dense: scikit-learn's advice, "Use '.toarray()'", is no method of a
    DataFrame."""
    if X.shape[1] and all(isinstance(d, pd.SparseDtype) for d in X.dtypes):
        raise InputTypeError(
            f"X: every column is sparse ({X.dtypes.iloc[0]}, {X.shape[0]} x {X.shape[1]}) and "
            f"the fit is dense: give X.sparse.to_dense(), or {DENSE_STEPS}"
        )


def _reads_as_numbers(categories: pd.Index) -> bool:
    """Whether numpy reads every category as a number: numbers, or text of numbers."""
    if is_numeric_dtype(categories):
        return True
    if not len(categories) or not all(isinstance(c, str) for c in categories):
        return False
    return bool(pd.to_numeric(pd.Series(categories, dtype=object), errors="coerce").notna().all())


def _refuse_categorical_numbers(X: pd.DataFrame) -> None:
    """Refuse a Categorical of numbers (a pandas one, or a pyarrow dictionary), or of text of
    numbers (zip codes '02134', '10001'): numpy reads its values, so codes 1, 2, 3 were
    fitted as one slope, where the package takes a Categorical as a factor (one of other text
    is refused as text when numpy fails to read it)."""
    # by position: X[name] of a name X holds twice is a DataFrame, which has no dtype
    for j, (name, dtype) in enumerate(zip(X.columns, X.dtypes, strict=True)):
        if isinstance(dtype, pd.ArrowDtype):  # a pyarrow dictionary: the Categorical it is
            dtype = usable(X.iloc[:, j], str(name), "X").dtype
        if isinstance(dtype, pd.CategoricalDtype) and _reads_as_numbers(dtype.categories):
            shown = ", ".join(map(repr, dtype.categories[:5].tolist()))
            label = str(name) if str(name).isidentifier() else f"`{name}`"
            raise InputTypeError(
                f"X: column {_label(name)!r} is a Categorical (categories {shown}"
                f"{', ...' if len(dtype.categories) > 5 else ''}); without a formula X is used "
                "as numbers, which would fit its categories as one slope: give "
                f"formula='... + C({label})' or one-hot encode it, or, if the numbers are "
                f"meant, X[{_label(name)!r}].astype(float)"
            )


def _as_frame(X: Any) -> pd.DataFrame | None:
    """X as a DataFrame to look for its bad cells in (None when X is no table)."""
    if isinstance(X, pd.DataFrame):
        return X
    if isinstance(X, np.ndarray) and X.ndim == 2:  # its dtype kept: dates, complex numbers
        return pd.DataFrame(X)
    try:
        listed = np.ndim(X) == 2
    except ValueError:  # a cell holding a sequence: numpy finds no shape
        listed = isinstance(X, (list, tuple))
    if listed:
        return pd.DataFrame(np.asarray(X, dtype=object))
    return None


def _missing_objects(X: Any) -> DataError | None:
    """The refusal of missing values among X's objects (pd.NA, pd.NaT), None when none is
    found: numpy cannot make them numbers, so scikit-learn's check failed with "float()
    argument must be a string or a real number, not 'NAType'", where None or NaN in the same
    column are refused as "Input X contains NaN"."""
    frame = _as_frame(X)
    if frame is None:
        return None
    missing = np.column_stack([missing_mask(frame.iloc[:, j]) for j in range(frame.shape[1])])
    if not missing.any():
        return None
    i, j = (int(k[0]) for k in np.nonzero(missing))
    where = repr(_label(frame.columns[j])) if isinstance(X, pd.DataFrame) else str(j)
    return DataError(
        f"Input X contains missing values: {int(missing.any(axis=1).sum())} row(s) (first at "
        f"position {i}, column {where}: {frame.iloc[i, j]!r}); the classifier fits and "
        "predicts from numbers only: impute them first (e.g. a SimpleImputer in a Pipeline) "
        "or drop those rows"
    )


def _label(name: Any) -> Any:
    """A column label as Python's value (0, not np.int64(0)), for messages."""
    return name.item() if isinstance(name, np.generic) else name


def _in_formula(name: Any) -> str:
    """A column's name as a formula reads it: in backticks unless a Python name."""
    text = str(name)
    return text if text.isidentifier() and not keyword.iskeyword(text) else f"`{text}`"


def _unusable_column(X: Any) -> InputTypeError | None:
    """The refusal of X's first column of text, dates or other values that are no real
    numbers (None when none is found)."""
    frame = _as_frame(X)
    if frame is None:
        return None
    for j, name in enumerate(frame.columns):
        column = quiet_decimal_nans(frame.iloc[:, j])  # pandas cannot hash Decimal('sNaN')
        # the label as it is: column '0' and X['0'] named no column labelled 0
        where = repr(_label(name)) if isinstance(X, pd.DataFrame) else str(j)
        if column.dtype.kind in "mM":
            return InputTypeError(
                f"X: column {where} holds {'dates' if column.dtype.kind == 'M' else 'durations'}"
                f" (dtype {column.dtype}), which are not numbers; convert it first (e.g. to "
                "days: (t - t.min()).dt.days)"
            )
        nested = nested_values(column, where)
        if nested is not None:
            return nested
        if column.dtype.kind == "c" or any(isinstance(v, complex) for v in column.iloc[:1]):
            return InputTypeError(
                f"X: column {where} holds complex numbers (dtype {column.dtype}). Complex data "
                "not supported (scikit-learn's words): pass the real numbers meant (e.g. "
                "np.real or np.abs of them)"
            )
        text = pd.to_numeric(column.astype(object), errors="coerce").isna() & column.notna()
        if not text.any():
            continue
        i = int(np.flatnonzero(text.to_numpy())[0])
        value = column.iloc[i]
        if not isinstance(value, str):  # a Period, an Interval, a Timestamp among objects
            return InputTypeError(
                f"X: column {where} holds {type(value).__name__} values (e.g. {value!r} in row "
                f"{i}; dtype {column.dtype}), which are not numbers (a float() argument must be "
                "a string or a real number): convert the column to the numbers meant first"
            )
        if (column.notna() & ~text).sum() > text.sum():
            # mostly numbers: the text is more likely a code for a missing value ('', 'n/a')
            # than a category, which the advice to read it as one made a factor of every number
            values = f"X[{_label(name)!r}]" if isinstance(X, pd.DataFrame) else f"X[:, {j}]"
            return InputTypeError(
                f"X: column {where} holds numbers and text (e.g. {column.iloc[i]!r} in row "
                f"{i}; {int(text.sum())} of {len(column)} values are not numbers); if the text "
                f"marks missing values, pd.to_numeric({values}, errors='coerce') makes them "
                "NaN, to impute (e.g. a SimpleImputer in a Pipeline) or drop; if it is a "
                "category, encode the column first (OneHotEncoder in a ColumnTransformer)"
            )
        if not isinstance(X, pd.DataFrame):
            return InputTypeError(
                f"X: column {j} holds text (e.g. {column.iloc[i]!r} in row {i}); without a "
                "formula X is used as numbers: encode it first (OneHotEncoder in a "
                "ColumnTransformer), or pass a DataFrame with formula='... + C(name)'"
            )
        label = _in_formula(name)
        # every other column too: those whose names need quoting were left out of the
        # formula advised, which followed dropped them from the fit
        others = [_in_formula(c) for c in frame.columns if c != name]
        return InputTypeError(
            f"X: column {where} holds text (e.g. {column.iloc[i]!r} in row {i}); "
            "without a formula X is used as numbers: give a formula that reads it as "
            f"categories, formula='{' + '.join([*others, f'C({label})'])}', or encode it "
            "first (OneHotEncoder in a ColumnTransformer)"
        )
    return None
