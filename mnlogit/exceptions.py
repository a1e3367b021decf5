"""One small hierarchy of errors and warnings.

Every error a user can cause is an :class:`MNLogitError`; most are also a built-in
``ValueError``, ``TypeError`` or ``KeyError`` so that generic handlers still catch them.
Messages quote the bad value and say what is allowed.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable
from typing import Any


class MNLogitError(Exception):
    """Base class of every error raised by mnlogit."""


class DataError(MNLogitError, ValueError):
    """The data cannot be used as given (empty, missing values, infinities, bad weights)."""


class InputTypeError(DataError, TypeError):
    """An argument has the wrong type: data that are not a DataFrame, a column that is not
    numeric where numbers are needed, a date where a number or category is needed."""


class ColumnNotFoundError(MNLogitError, KeyError):
    """A formula or argument names a column that the data do not have."""

    def __str__(self) -> str:  # KeyError would print the message with quotes around it
        return str(self.args[0]) if self.args else ""


class FormulaError(MNLogitError, ValueError):
    """The formula cannot be parsed or does not describe a multinomial model."""


class LevelError(MNLogitError, ValueError):
    """An outcome level (reference, omitted level, ...) is not among the levels."""


class OptionError(MNLogitError, ValueError):
    """An option string or number is outside its allowed values."""


class RankError(MNLogitError, ValueError):
    """The design matrix is rank deficient; the message names the aliased columns."""


class ModelComparisonError(MNLogitError, ValueError):
    """Two fits cannot be compared (different rows, levels or non-nested designs)."""


class EstimationError(MNLogitError, RuntimeError):
    """The estimator could not produce a usable result."""


class MissingDependencyError(MNLogitError, ImportError):
    """An optional dependency is needed; the message names the extra that installs it."""


class MNLogitWarning(UserWarning):
    """Base class of every warning issued by mnlogit."""


class ConvergenceWarning(MNLogitWarning):
    """The fit stopped before the convergence criteria were met."""


class SeparationWarning(MNLogitWarning):
    """The data are (quasi-)separated: some maximum-likelihood estimates are infinite."""


class IIATestWarning(MNLogitWarning):
    """A test of Independence of Irrelevant Alternatives could not be computed as asked."""


def _fmt(value: Any) -> str:
    return repr(value)


def check_option(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise :class:`OptionError`.

    The single place where option strings are checked, so every message reads the same:
    ``method: expected one of ('newton', 'firth'); got 'x'``.
    """
    allowed = tuple(allowed)
    if isinstance(value, str) and value in allowed:
        return value
    if not isinstance(value, str) and any(value is a for a in allowed):
        return value
    shown = ", ".join(_fmt(a) for a in allowed)
    raise OptionError(f"{name}: expected one of ({shown}); got {_fmt(value)}")


def check_positive(name: str, value: Any, *, integer: bool = False) -> Any:
    """Return ``value`` as a positive ``int`` (when ``integer``) or finite ``float``, else raise.

    NumPy scalars are accepted (``np.int64(50)``, ``np.float32(1e-8)``); booleans, NaN,
    infinities, strings and non-whole numbers where an integer is needed are refused.
    """
    kind = "a positive integer" if integer else "a positive finite number"
    is_bool = isinstance(value, bool) or type(value).__name__ in ("bool", "bool_")
    if integer:
        ok = isinstance(value, numbers.Integral) and not is_bool and value > 0
    else:
        ok = isinstance(value, numbers.Real) and not is_bool and value > 0 and _finite(value)
    if not ok:
        raise OptionError(f"{name}: expected {kind}; got {_fmt(value)}")
    return int(value) if integer else float(value)


def _finite(value: numbers.Real) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False
