"""Validation of options and per-row inputs, each rule and its message written once.

Option values that select behaviour (a covariance type, a method) are looked up in the name
table of the class that implements them with :func:`lookup_option`; plain choices are checked
with :func:`check_option`. Every message quotes the bad value and says what is allowed.
"""

from __future__ import annotations

import decimal
import math
import numbers
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np
import pandas as pd

from ._distributions import norm_isf, norm_sf, t_isf, t_sf
from ._dtypes import missing_mask, past_float_range
from ._rank import positive_weight_subpop
from ._shown_numbers import shown_number
from .exceptions import DataError, InputTypeError, OptionError

__all__ = [
    "WEIGHT_TYPES",
    "WeightType",
    "as_float",
    "check_alpha",
    "check_flag",
    "check_option",
    "check_positive",
    "check_threads",
    "check_tol",
    "counted_observations",
    "critical_value",
    "empty_levels",
    "frequency_weights",
    "lookup_option",
    "no_t_note",
    "probability_weights",
    "real_dtype",
    "real_equal",
    "rounded_counts",
    "statistic_name",
    "two_sided_pvalues",
]

V = TypeVar("V")


def _fmt(value: Any) -> str:
    return repr(value)


def check_option(name: str, value: Any, allowed: Iterable[Any]) -> Any:
    """Return ``value`` if it is one of ``allowed``, else raise :class:`OptionError`.

    The single place where option strings are checked, so every message reads the same:
    ``method: expected one of ('newton', 'firth'); got 'x'``.

    Examples
    --------
    >>> check_option("kind", "prob", ("prob", "class"))
    'prob'
    """
    allowed = tuple(allowed)
    if isinstance(value, str) and value in allowed:
        return value
    if not isinstance(value, str) and any(value is a for a in allowed):
        return value
    shown = ", ".join(_fmt(a) for a in allowed)
    near = _near(value, allowed)
    raise OptionError(f"{name}: expected one of ({shown}); got {_fmt(value)}{near}")


def _near(value: Any, allowed: tuple[Any, ...]) -> str:
    """What an option string differing from an allowed one only in letter case or spaces,
    or the text 'None' (in any letter case) where None is allowed, was meant as."""
    if not isinstance(value, str):
        return ""
    key = value.strip().casefold()
    # scikit-learn's penalty='none', which it has since replaced by None, is spelled so
    if key == "none" and any(a is None for a in allowed) and "none" not in allowed:
        return ", a text: give None itself"
    meant = [a for a in allowed if isinstance(a, str) and a.casefold() == key]
    return f"; write {meant[0]!r} (as listed: letter case and spaces count)" if meant else ""


def lookup_option(name: str, value: Any, table: Mapping[str, V]) -> V:
    """The entry of ``table`` that the option string ``value`` names, or :class:`OptionError`
    listing the names (as :func:`check_option`)."""
    return table[check_option(name, value, table)]


def check_positive(name: str, value: Any, *, integer: bool = False) -> Any:
    """Return ``value`` as a positive ``int`` (when ``integer``) or finite ``float``, else raise.

    NumPy scalars, Fractions and Decimals are accepted (``np.int64(50)``,
    ``np.float32(1e-8)``, ``Decimal('0.5')``); booleans, NaN,
    infinities, strings and non-whole numbers where an integer is needed are refused.

    Examples
    --------
    >>> check_positive("max_iter", np.int64(50), integer=True)
    50
    """
    kind = "a positive integer" if integer else "a positive finite number"
    is_bool = isinstance(value, bool) or type(value).__name__ in ("bool", "bool_")
    if integer:
        ok = isinstance(value, numbers.Integral) and not is_bool and int(value) > 0
    elif isinstance(value, decimal.Decimal):
        # a number as Fraction(1, 2) is (C=Decimal('0.5') was "expected a positive finite
        # number"); its NaN is tested first, since comparing it raises InvalidOperation
        ok = value.is_finite() and value > 0
    else:
        ok = (
            isinstance(value, numbers.Real)
            and not is_bool
            # typeshed's numbers.Real declares < and <= but not >; float(value) could overflow
            and value > 0  # type: ignore[operator]
            and _finite(value)
        )
    if not ok:
        raise OptionError(f"{name}: expected {kind}; got {_fmt(value)}")
    if integer:
        return int(value)
    number = as_float(value)
    if not 0 < number < math.inf:  # the fit's floats: C=Fraction(1, 10**400) divided by 0
        raise OptionError(f"{name}: expected {kind}; got {_fmt(value)}, {number} as a float")
    return number


def as_float(value: Any) -> float:
    """``value`` as a float; past the float range, where Python's ints and Fractions raise
    OverflowError (Decimals are inf), the infinity of its sign."""
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


def check_tol(value: Any) -> float:
    """The convergence tolerance: a positive number below 1.

    It bounds the relative change of the deviance and the scaled gradient relative to the
    deviance; at 1 or more any first step meets it, and the fit would report a point far
    from the maximum as converged.

    Examples
    --------
    >>> check_tol(1e-8)
    1e-08
    """
    tol = check_positive("tol", value)
    if tol >= 1:
        raise OptionError(
            f"tol: expected a positive number below 1 (a relative tolerance; the default is "
            f"1e-10); got {_fmt(value)}, which any first step would meet"
        )
    return tol


def check_threads(value: Any) -> int | None:
    """``threads=``: None (as many as the cores and the user's limits allow) or a positive
    integer, returned as ``int``.

    Examples
    --------
    >>> check_threads(np.int64(2)), check_threads(None)
    (2, None)
    """
    return None if value is None else check_positive("threads", value, integer=True)


def check_flag(name: str, value: Any) -> bool:
    """A True/False option (NumPy booleans too), else :class:`OptionError`.

    Examples
    --------
    >>> check_flag("verbose", np.True_)
    True
    """
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    raise OptionError(f"{name}: expected True or False; got {_fmt(value)}")


def check_seed(value: Any) -> Any:
    """A seed for numpy's ``default_rng``: None, a non-negative integer or a Generator, else
    :class:`OptionError` (a bool is not taken for 0 or 1).

    Examples
    --------
    >>> check_seed(7)
    7
    """
    if (
        value is None
        or isinstance(value, np.random.Generator)
        or (isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value >= 0)
    ):
        return value
    raise OptionError(
        f"seed: expected None, a non-negative integer or a numpy Generator; got {_fmt(value)}"
    )


def real_equal(value: Any, target: float) -> bool:
    """Whether ``value`` is a real number (a Decimal or a Fraction too, not a bool) equal to
    ``target``; a Decimal's NaN is unequal, where comparing its signalling one raised."""
    if isinstance(value, decimal.Decimal):
        return not value.is_nan() and value == target
    return isinstance(value, numbers.Real) and not isinstance(value, bool) and value == target


def _finite(value: numbers.Real) -> bool:
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def check_alpha(alpha: Any) -> float:
    """``alpha`` as a float, the error rate of an interval or test, else :class:`DataError`.

    Allowed: a number in (0, 0.5]. A confidence level such as 0.95 passed by mistake is
    refused rather than turned into 5% intervals.

    Examples
    --------
    >>> check_alpha(0.1)
    0.1
    """
    is_bool = isinstance(alpha, bool) or type(alpha).__name__ in ("bool", "bool_")
    # a Decimal is a number, as it is in at= values (Decimal('0.05') was "not a number in
    # (0, 0.5]"); the float returned is what every table stores and formats
    number = isinstance(alpha, (numbers.Real, decimal.Decimal))
    if is_bool or not number or not 0 < as_float(alpha) <= 0.5:
        raise DataError(
            f"alpha: expected a number in (0, 0.5]; got {alpha!r}. alpha is the error rate: "
            "alpha=0.05 gives 95% intervals"
        )
    return float(alpha)


def critical_value(alpha: Any, df: float | None = None) -> float:
    """The two-sided critical value after :func:`check_alpha`: normal z_{1 - alpha/2}, or
    Student's t_{df, 1 - alpha/2} when ``df`` (a survey design's degrees of freedom) is given.

    Examples
    --------
    >>> round(critical_value(0.05), 4)
    1.96
    >>> round(critical_value(0.05, df=14), 4)
    2.1448
    """
    alpha = check_alpha(alpha)
    if df is not None and not df > 0:
        return float("nan")
    z = float(norm_isf(alpha / 2) if df is None else t_isf(alpha / 2, df))
    # alpha / 2 underflows to 0 at 5e-324 (z = inf); scipy's t quantile loses its digits
    # below about 1e-150 on few df (by half at 1e-200 on 3 df) and turns to -inf below
    # about 1e-270 (reversed intervals), where the true values are finite
    if not 0 < z < np.inf or (df is not None and alpha < T_ALPHA_MIN):
        dist = "normal" if df is None else f"t({df:g})"
        least = "1e-300" if df is None else f"{T_ALPHA_MIN:g}"
        raise DataError(
            f"alpha: {alpha!r} is too small for the {dist} critical value to be computed "
            f"in floating point (the intervals would be unbounded, reversed or inexact); "
            f"use alpha of at least {least}"
        )
    return z


# the smallest alpha whose t critical value scipy gives to full precision on any df
T_ALPHA_MIN = 1e-100


def statistic_name(df: float | None) -> str:
    """The name of a Wald statistic's column and header: ``"t"`` when it is referred to
    Student's t on ``df`` design degrees of freedom (a survey fit), else ``"z"``.

    Every table and export names its column by this, so that a survey fit's t statistics
    are never labelled z.

    Examples
    --------
    >>> statistic_name(None), statistic_name(14.0)
    ('z', 't')
    """
    return "z" if df is None else "t"


def no_t_note(df: float | None) -> str:
    """Why p-values and intervals on ``df`` design degrees of freedom are NaN, or ``""``."""
    if df is None or df >= 1:
        return ""
    return (
        f"With {df:g} design degrees of freedom the t distribution is not defined: p-values "
        "and intervals are NaN (more PSUs than strata are needed)."
    )


def two_sided_pvalues(statistics: np.ndarray, df: float | None = None) -> np.ndarray:
    """Two-sided p-values of z statistics (normal) or, with ``df``, of t statistics."""
    a = np.abs(statistics)
    if df is None:
        return 2 * norm_sf(a)
    return 2 * t_sf(a, df) if df > 0 else np.full(np.shape(a), np.nan)


def frequency_weights(
    w: Any,
    *,
    total: float | None = None,
    labels: Any = None,
    located: dict[str, str] | None = None,
) -> np.ndarray:
    """Validated frequency weights as float64: finite, non-negative whole numbers, not all 0,
    summing to no more than :data:`LARGEST_FREQUENCY_TOTAL`. ``total``: the sum of all the
    weights when ``w`` holds only a few of them (the first offenders and the largest weight
    a dask fit's partitions found), which alone would not show a sum past that limit.
    ``labels``: the rows' labels in the user's DataFrame, which messages name them by;
    ``located``: with ``total``, the rows of the non-finite and of the negative weights
    (:func:`named_rows`), found where all the weights are."""
    raw, w = w, _weight_values(w, labels)

    def where(mask: np.ndarray, kind: str) -> str:
        if located is not None and kind in located:
            return f" in {located[kind]}"
        # a few weights of many (total given) have no rows
        return "" if total is not None else f" in {_rows(mask, labels)}"

    bad = ~np.isfinite(w)
    if bad.any():
        missing = np.isnan(w[bad][0])
        raise DataError(
            f"weights: every weight must be finite; got {shown_number(raw, w, bad)}"
            f"{where(bad, 'nonfinite')}; "
            + (
                "a missing weight does not drop its row as a missing predictor does: drop "
                "those rows first, or give them weight 0"
                if missing
                else "an infinite count of rows cannot be fitted: correct it, or drop those "
                "rows first"
            )
        )
    if (w < 0).any():
        raise DataError(
            f"weights: frequency weights must be >= 0; got {w[w < 0][0]}{where(w < 0, 'negative')}"
        )
    if not (w > 0).any():
        raise DataError("weights: all weights are zero; at least one row must have weight > 0")
    fractional = w != np.round(w)
    if fractional.any():
        # 0.3 / 0.1 is 2.9999999999999996: a count computed in floating point; but weights
        # that rounding would make all 0 (counts times 1e-300) are no counts. The advice to
        # round is for when every fractional weight is such a count: beside a 1.5 it rounded
        # the 1.5 too, quoting only the first
        far = fractional & ~rounded_counts(w)
        counts = bool((np.round(w) > 0).any())
        if not far.any() and counts:
            first = w[fractional][0]
            rows = where(fractional, "fractional")
            raise DataError(
                "weights: frequency weights count repeated rows and must be whole numbers; "
                # "got 2.9999999999999996 in row 0, 3 but ..." would read as rows 0 and 3
                f"got {first}{f' ({rows.strip()})' if rows else ''}, {round(first)} but for "
                "rounding: round them first (np.round(w))"
            )
        shown = far if far.any() else fractional
        raise DataError(
            "weights: frequency weights count repeated rows and must be whole numbers; got "
            f"{w[shown][0]}{where(shown, 'far' if far.any() else 'fractional')}; for weights "
            "that are not counts, pass weight_type='probability'"
        )
    if total is None:
        with np.errstate(over="ignore"):
            total = float(w.sum())
    if not total <= LARGEST_FREQUENCY_TOTAL:
        shown = f"{total:.3g}" if np.isfinite(total) else "more than the largest float"
        raise DataError(
            f"weights: frequency weights count rows, and these sum to {shown} (largest "
            f"weight {w.max():.3g}): past {LARGEST_FREQUENCY_TOTAL:.3g} the log-likelihood and "
            "its sums overflow; counts this large are not counts of rows (for sampling "
            "weights use weight_type='probability')"
        )
    return w


# The log-likelihood is a weighted sum of log-probabilities down to log(tiny) ~ -745 (and the
# deviance twice that): weights summing past max / 1e6 overflow it. Beyond 3e308 the sum itself
# was inf, and the fit returned coefficients 0 with NaN standard errors and no message.
LARGEST_FREQUENCY_TOTAL = float(np.finfo(np.float64).max) / 1e6


def counted_observations(w: Any, n_rows: int | None = None) -> float | None:
    """The observations frequency weights count (their sum), as their rows repeated would
    hold; None where the weights are not valid ones, or not one per row of ``n_rows``, which
    their own check refuses later."""
    if np.ndim(w) != 1 or (n_rows is not None and len(w) != n_rows):
        return None
    try:
        return float(frequency_weights(w).sum())
    except (DataError, InputTypeError):
        return None


def rounded_counts(w: np.ndarray) -> np.ndarray:
    """Which weights are whole numbers but for floating-point rounding (0.3 / 0.1)."""
    with np.errstate(invalid="ignore"):
        return np.abs(w - np.round(w)) <= 1e-9 * np.maximum(1.0, np.abs(w))


def _weight_values(w: Any, labels: Any = None) -> np.ndarray:
    """Weights as float64: numbers, also stored as Python objects (missing as None or NaN)."""
    return numeric_values(w, "weights", lambda bad: _rows(bad, labels))


def numeric_values(values: np.ndarray, name: str, where: Callable[[np.ndarray], str]) -> np.ndarray:
    """``values`` as float64 (missing values as NaN, for the caller to refuse): numbers, also
    numbers stored as Python objects (``Decimal`` too) as a column read from a database or
    built row by row holds them. Anything else is refused quoting the first such value and
    the rows (``where(mask)`` names them) holding such values."""
    a = np.asarray(values)
    if a.dtype == object:
        s = pd.Series(a, dtype=object)
        missing = missing_mask(s)
        number = s.map(
            lambda v: isinstance(v, (numbers.Real, decimal.Decimal)) and not isinstance(v, bool)
        ).to_numpy(dtype=bool)
        bad = ~(missing | number)
        if not bad.any():
            s = s.mask(missing, np.nan)
            try:
                return s.astype(np.float64).to_numpy()
            except OverflowError:  # a Python int past the float range (10**400) is inf to it
                big = s.map(past_float_range).to_numpy(dtype=bool) & ~missing
                inf = s[big].map(lambda v: math.inf if v > 0 else -math.inf)
                return s.mask(big, inf).astype(np.float64).to_numpy()
        first = a[bad][0]
        # pd.to_numeric keeps True/False (a nullable boolean column with a missing value
        # reaches here as objects): its advice led to the refusal of booleans
        kind = "b" if isinstance(first, (bool, np.bool_)) else "O"
        advice = _CONVERSIONS[kind]
        held = getattr(values, "dtype", a.dtype)  # a nullable boolean column converts
        if kind == "b" and getattr(held, "kind", "") == "O" and any(v is pd.NA for v in a[missing]):
            # objects' .astype(float) refuses pd.NA: "float() argument must be ... 'NAType'"
            advice = advice.replace(".astype(float)", ".astype('boolean').astype(float)")
        raise InputTypeError(
            f"{name}: expected numbers; got {first!r} ({type(first).__name__}) in "
            f"{where(bad)}; convert them to numbers first ({advice})"
        )
    if not real_dtype(a.dtype):
        shown = ", ".join(map(repr, a[:3].tolist()))
        raise InputTypeError(
            f"{name}: expected numbers; got dtype {a.dtype} ({shown}); convert them to "
            f"numbers first ({conversion_hint(a.dtype, _CONVERSION)})"
        )
    return a.astype(np.float64)


def conversion_hint(dtype: Any, default: str) -> str:
    """What to write to turn values of ``dtype`` into the numbers meant, ``default`` for a
    dtype without a rule of its own (booleans, complex numbers and time spans have one: a
    generic conversion would keep True/False, or count seconds as nanoseconds)."""
    return _CONVERSIONS.get(getattr(dtype, "kind", ""), default)


_CONVERSION = "the real part of complex numbers, a time span in the unit meant"
# what to write for a column of this dtype kind (a True/False column given as weights is
# likely a subpopulation's indicator)
_CONVERSIONS = {
    "b": (
        ".astype(float) if True and False stand for 1 and 0; a survey's subpopulation "
        "indicator goes to subpop="
    ),
    "c": "the real part, .real, if the imaginary parts are all 0",
    "m": "a time span in the unit meant, e.g. / pd.Timedelta('1D')",
    # numpy's text (fixed-width, bytes, numpy 2's StringDType), as a column of text is told
    **dict.fromkeys("USTO", "e.g. pd.to_numeric"),
}


def real_dtype(dtype: Any) -> bool:
    """Whether ``dtype`` holds real numbers: integers or floats, numpy's or pandas' nullable
    ``Int64``/``Float64``.

    Not booleans, and not what numpy files under numbers but is not a weight or a count:
    complex numbers (cast to float, their imaginary parts vanished with only a warning) and
    time spans (``timedelta64`` is an integer type to numpy, so weights of 2 seconds counted
    as 2e9 rows).
    """
    return getattr(dtype, "kind", None) in ("i", "u", "f")


ROWS_SHOWN = 5  # rows a message names before "... (N in all)"


def _rows(mask: np.ndarray, labels: Any = None, limit: int = ROWS_SHOWN) -> str:
    """The first offending rows, for messages: "rows 3, 17 (2 in all)": by their ``labels``
    (a DataFrame's index, as every other message names its rows) where given, else their
    positions."""
    pos = np.flatnonzero(mask)
    return named_rows(pos[:limit] if labels is None else labels[pos[:limit]], len(pos), limit)


def named_rows(shown: Any, count: int, limit: int = ROWS_SHOWN) -> str:
    """ "rows 3, 17, ... (9 in all)": the ``count`` offending rows, by the first ``shown``."""
    text = ", ".join(repr(v) if isinstance(v, str) else str(v) for v in list(shown)[:limit])
    more = f", ... ({count} in all)" if count > limit else ""
    return f"row{'s' if count > 1 else ''} {text}{more}"


def probability_weights(w: Any, labels: Any = None) -> np.ndarray:
    """Validated probability (sampling) weights as float64: finite and non-negative, not all 0.

    A sampling weight is the inverse of a row's inclusion probability, so any positive value
    is allowed; the message names the offending rows (by ``labels``, else positions).
    """
    raw, w = w, _weight_values(w, labels)
    bad = ~np.isfinite(w)
    if bad.any():
        raise DataError(
            "weights: probability weights must be finite and not missing; got "
            f"{shown_number(raw, w, bad)} in "
            f"{_rows(bad, labels)}"
        )
    if (w < 0).any():
        raise DataError(
            f"weights: probability weights must be >= 0; got {w[w < 0][0]} in "
            f"{_rows(w < 0, labels)}"
        )
    if not (w > 0).any():
        raise DataError("weights: all weights are zero; at least one row must have weight > 0")
    return w


@dataclass(frozen=True)
class WeightType:
    """What a kind of weight means: the entry ``weight_type=`` selects.

    ``counts_rows``: a weight counts repeated rows, so ``nobs`` is their sum and the
    likelihood is that of the expanded data (LR tests, AIC, BIC, pseudo-R2 hold);
    ``design_based``: the weights come from a sampling design, so the covariance must be the
    design-based one and likelihood-based statistics are not valid (a pseudo-likelihood).
    """

    name: str
    label: str
    check: Callable[..., np.ndarray]  # (weights, labels=row labels or None)
    counts_rows: bool
    design_based: bool

    def __repr__(self) -> str:
        return f"<WeightType {self.name!r}: {self.label}>"


WEIGHT_TYPES: dict[str, WeightType] = {
    t.name: t
    for t in (
        WeightType(
            "frequency",
            "frequency weights",
            frequency_weights,
            counts_rows=True,
            design_based=False,
        ),
        WeightType(
            "probability",
            "probability (sampling) weights",
            probability_weights,
            counts_rows=False,
            design_based=True,
        ),
    )
}


def empty_levels(empty: list, sampling: str | None = None) -> DataError:
    """The refusal of outcome levels whose rows all have weight 0 (no observations).

    ``sampling``: the column of sampling weights ("" when given as values), None for
    frequency weights. A survey's rows are not dropped but left out of the subpopulation,
    which keeps their PSUs in the design (the advice to drop them changed n_h)."""
    levels = ", ".join(map(repr, empty))
    if sampling is None:
        return DataError(
            f"outcome level(s) {levels} have zero total weight: rows of frequency weight 0 "
            "are no observations, so the model has no data for them; drop those rows (the "
            "level goes with them) or give some of them a positive weight"
        )
    return DataError(
        f"outcome level(s) {levels} have zero total weight: their rows all have sampling "
        "weight 0, so the model has no data for them; to estimate for the rows of positive "
        f"weight, give them as the subpopulation ({positive_weight_subpop(sampling)}, "
        "joined with 'and' to a subpopulation already given), which keeps every PSU in the "
        "design and leaves the level out of the model (dropping the rows from the data would "
        "drop their PSUs from the design too), or give some of its rows a positive weight"
    )
