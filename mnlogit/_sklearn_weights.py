"""The scikit-learn classifier's sample weights: checked as scikit-learn checks them, and
what they are (counts of rows, or probability weights), and the weights of its accuracy."""

from __future__ import annotations

import math
import numbers
from typing import Any

import numpy as np
import pandas as pd

from ._checks import WEIGHT_TYPES
from ._shown_numbers import shown_number
from ._sklearn_inputs import NEEDS_SKLEARN, checked_input
from .exceptions import DataError, InputTypeError, MissingDependencyError, MNLogitWarning, warn

try:
    from sklearn.utils.validation import _check_sample_weight
except ImportError as error:
    raise MissingDependencyError(NEEDS_SKLEARN) from error

__all__ = ["is_whole", "sample_weights", "score_weights", "weighted_rows"]


def is_whole(w: np.ndarray) -> bool:
    """Whether every weight is a count of rows: a whole number that float64 holds exactly.

    Every float past 2^53 is whole, so weights scaled by 1e300 read as counts and were
    refused as frequency weights whose sum overflows the log-likelihood, where they are the
    same relative weights as before (scikit-learn's C scales with them)."""
    return bool(np.all(np.isfinite(w)) and np.all(w == np.round(w)) and w.max(initial=0) <= 2.0**53)


def _warn_if_counts_but_for_rounding(w: np.ndarray) -> None:
    """Warn when the weights are whole numbers but for rounding (3 * 0.1 * 10 is
    3.0000000000000004): taken as probability weights, with nothing said, their standard
    errors became design-based (nearly twice the model-based ones on simulated counts) and
    their likelihood-ratio tests refused, where :func:`mnlogit.fit` refuses such counts
    until they are rounded."""
    whole = np.round(w)
    off = w != whole
    near = np.abs(w - whole) <= 1e-9 * np.maximum(1.0, np.abs(w))
    # 1e-12 is no count of 0 but a weight; whole weights past 2**53 are no counts either
    if not (off.any() and near.all() and (whole[off] >= 1).all()):
        return
    first = float(w[off][0])
    warn(
        f"sample_weight: {int(off.sum())} weight(s) are whole numbers but for rounding (e.g. "
        f"{first!r}), so the weights are taken as probability weights: design-based standard "
        "errors, no likelihood-ratio tests. If they count rows, round them "
        "(np.round(sample_weight)) to fit frequency weights; pass weight_type='probability' "
        "to keep this fit without the warning",
        MNLogitWarning,
    )


def _refuse_column_name(sample_weight: Any, X: Any, at_fit: bool) -> None:
    """Refuse weights given as a column's name, as ``mnlogit.fit`` takes ``weights="w"``:
    numpy's "could not convert string to float: 'w'" said neither what was wrong nor what to
    pass."""
    if not isinstance(sample_weight, str):
        return
    name = repr(sample_weight)
    hint = ""
    if isinstance(X, pd.DataFrame) and sample_weight in X.columns:
        # at fit: a weight is no predictor, which every column of X is without a formula
        keep_out = ", and keep it out of the predictors: X.drop(columns=...) or the formula"
        hint = f" (sample_weight=X[{name}]{keep_out if at_fit else ''})"
    raise InputTypeError(
        f"sample_weight: expected one weight per row of X; got the text {name}: pass the "
        f"weights themselves, not a column's name{hint}"
    )


def _refuse_time_spans(sample_weight: Any) -> None:
    """Refuse weights of dates or time spans: scikit-learn's check casts them to float, so
    weights of 1 second counted 1e6 or 1e9 rows each (their micro- or nanoseconds)."""
    dtype = getattr(sample_weight, "dtype", None)
    if dtype is None and not isinstance(sample_weight, pd.DataFrame):
        dtype = np.asarray(sample_weight).dtype
    if getattr(dtype, "kind", None) in ("m", "M"):
        raise InputTypeError(
            f"sample_weight: expected numbers; got dtype {dtype}: convert time spans to a "
            "number in the unit meant first"
        )
    _refuse_complex(sample_weight, dtype)


def _refuse_complex(sample_weight: Any, dtype: Any) -> None:
    """Refuse complex weights: scikit-learn's check at ``fit`` said "Complex data not
    supported" and printed every weight, a list of them gave Python's bare "float() argument
    must be ... not 'complex'", and ``score`` dropped their imaginary parts with NumPy's
    ComplexWarning."""
    if getattr(dtype, "kind", None) not in ("c", "O", None):
        return
    try:  # a list of numbers becomes an array of real numbers here, read without a loop
        values = np.asarray(sample_weight).ravel()
    except (TypeError, ValueError):
        return
    if values.dtype.kind == "c":  # the first with an imaginary part, to quote
        imaginary = np.flatnonzero(values.imag)
        first: int | None = int(imaginary[0]) if len(imaginary) else 0
    elif values.dtype.kind == "O":
        is_complex = (complex, np.complexfloating)
        first = next((i for i, v in enumerate(values) if isinstance(v, is_complex)), None)
    else:
        return
    if first is not None:
        raise InputTypeError(
            f"sample_weight: expected real numbers; got complex numbers (e.g. "
            f"{complex(values[first])!r} at position {first}): pass the real weights meant "
            "(e.g. np.real or np.abs of them)"
        )


def _refuse_text(sample_weight: Any) -> None:
    """Refuse weights holding text that is no number ('two', '' of an empty cell), with its
    position: numpy's "could not convert string to float: 'two'" named neither the argument
    nor what to do (and ``score`` raised it bare). Text of numbers ('2') is read as scikit-learn
    reads it."""
    kind = getattr(getattr(sample_weight, "dtype", None), "kind", "O")
    if isinstance(sample_weight, (str, numbers.Number)) or kind not in ("O", "S", "U", "T"):
        return
    try:
        values = np.asarray(sample_weight, dtype=object)
    except (TypeError, ValueError):
        return
    if values.ndim != 1:
        return
    text = [i for i, v in enumerate(values) if isinstance(v, (str, bytes))]
    bad = [i for i in text if np.isnan(_as_float(values[i])) and str(values[i]).lower() != "nan"]
    if bad:
        raise InputTypeError(
            f"sample_weight: expected numbers; got the text {values[bad[0]]!r} at position "
            f"{bad[0]} ({len(bad)} weight(s) in all that are no number); convert the weights "
            "to numbers first (pd.to_numeric(sample_weight, errors='coerce') shows which "
            "are not, as NaN)"
        )


def sample_weights(
    sample_weight: Any, X: Any, outcome: pd.Categorical, weight_type: str | None
) -> tuple[np.ndarray | None, str]:
    """The weights as float64 (None without them) and what they are (see the classifier's
    Notes)."""
    if sample_weight is None:
        return None, weight_type or "frequency"
    _refuse_column_name(sample_weight, X, at_fit=True)
    _refuse_time_spans(sample_weight)
    _refuse_text(sample_weight)
    try:
        w = checked_input(_check_sample_weight, sample_weight, X, dtype=np.float64, copy=True)
    except DataError as exc:
        said = str(exc)
        if not said.startswith(("Input sample_weight contains", "int too large")):
            raise
        raise _non_finite_refused(said, sample_weight) from None
    kind = weight_type or ("frequency" if is_whole(w) else "probability")
    try:  # finite, >= 0, not all 0 (whole numbers: frequency)
        w = WEIGHT_TYPES[kind].check(w)
    except DataError as exc:  # mnlogit.fit's weights= is the classifier's sample_weight
        text = str(exc)
        if not text.startswith("weights: "):
            raise
        raise DataError(f"sample_weight: {text.removeprefix('weights: ')}") from None
    if weight_type is None and kind == "probability":
        _warn_if_counts_but_for_rounding(w)
    totals = np.bincount(outcome.codes, weights=w, minlength=len(outcome.categories))
    empty = [c for c, t in zip(outcome.categories, totals, strict=True) if t <= 0]
    if empty:
        # scikit-learn's LogisticRegression keeps such a class in classes_ and predicts it
        # with a probability near 0 that no row supports; mnlogit.fit refuses the level
        raise DataError(
            f"sample_weight: class(es) {', '.join(map(repr, empty))} have zero total "
            "weight: rows of weight 0 are left out, so the model has no data for them and "
            "could neither estimate nor predict them; drop their rows (the class goes with "
            f"them) or give some of them a positive weight{_resampled_note(outcome, w)}"
        )
    return w, kind


def _resampled_note(outcome: pd.Categorical, w: np.ndarray) -> str:
    """What to do when the weights are counts of a resample and the classes the codes 0 to
    K-1 of the labels: BaggingClassifier hands its estimators its draws of rows as such
    sample_weight, and a draw without a row of a rare class failed the whole ensemble, whose
    rows the user cannot drop; drawn by rows instead, an estimator fitted without a class
    gives it no probability, as BaggingClassifier combines them."""
    codes = list(outcome.categories)
    encoded = all(
        isinstance(v, numbers.Integral) and not isinstance(v, (bool, np.bool_)) and v == k
        for k, v in enumerate(codes)
    )
    if not (encoded and is_whole(w)):
        return ""
    return (
        f". If the classes are the codes 0 to {len(codes) - 1} that an ensemble drawing "
        "rows as sample_weight counts (BaggingClassifier) gives its estimators, a draw held "
        "no row of a rare class: with sklearn.set_config(enable_metadata_routing=True), give "
        "it MNLogitClassifier(...).set_fit_request(sample_weight=False), whose rows it then "
        "draws by index (an estimator fitted without a class gives it no probability)"
    )


def _non_finite_refused(said: str, sample_weight: Any) -> DataError:
    """scikit-learn's refusal of missing or infinite weights ("Input sample_weight contains
    NaN."), which named neither how many nor where, nor what to do, with the count, the first
    row and its value (pd.NA of a nullable column, None among objects, NaN or inf)."""
    values = np.asarray(sample_weight, dtype=object).ravel()
    as_floats = np.array([_as_float(v) for v in values])
    bad = pd.isna(values) | ~np.isfinite(as_floats)
    if not bad.any():  # nothing to add to scikit-learn's words
        return DataError(said)
    i = int(np.flatnonzero(bad)[0])
    if said.startswith("int too large"):  # an integer such as 10**400 among objects
        v = values[i]
        shown = f"{v!r:.40}"
        if isinstance(v, numbers.Rational):  # its size, not 400 digits
            size = math.log10(abs(v.numerator)) - math.log10(v.denominator)
            shown = f"about {'-' if v < 0 else ''}1e{int(size)}"
        return DataError(
            f"sample_weight: {int(bad.sum())} weight(s) past the largest float (first at "
            f"position {i}: {shown}), which would be infinite; the weights are "
            "relative: divide them all by a common factor (such as their largest)"
        )
    return DataError(
        f"{said.rstrip('.')}: {int(bad.sum())} weight(s) missing or infinite (first at position "
        f"{i}: {values[i]!r}); every weight must be a finite number >= 0: drop those rows "
        "(from X, y and sample_weight) or give them a weight (0 leaves a row out)"
    )


def _as_float(value: Any) -> float:
    """A weight as a float: inf past the float range (10**400), NaN when it is no number."""
    try:
        return float(value)
    except OverflowError:
        return np.inf
    except (TypeError, ValueError):
        return np.nan


def weighted_rows(weights: np.ndarray | None) -> np.ndarray | None:
    """Which rows have positive weight, None when all have (or there are no weights).

    A row of weight 0 counts as 0 rows, as scikit-learn's estimators take it: kept in the
    fit, it counted in ``nobs`` and the design-based covariance's n / (n - 1) of
    probability weights, and its levels in the encoding a formula learns: a level only
    zero-weight rows have became the baseline of its dummies, which the rank check then
    refused, naming another level's column as collinear."""
    if weights is None or (weights > 0).all():
        return None
    return weights > 0


def score_weights(sample_weight: Any, n: int, X: Any = None) -> np.ndarray | None:
    """The weights of an accuracy over ``n`` rows: finite, non-negative, not all zero.

    scikit-learn's accuracy takes negative weights and gives a number that is no proportion
    of anything (and refuses NaN or all zeros with bare errors)."""
    if sample_weight is None:
        return None
    _refuse_column_name(sample_weight, X, at_fit=False)
    _refuse_time_spans(sample_weight)
    _refuse_text(sample_weight)
    raw = sample_weight  # a missing weight quoted as given (<NA>), not as the NaN it is read as
    if isinstance(sample_weight, (pd.Series, pd.DataFrame)):
        sample_weight = sample_weight.to_numpy(dtype=np.float64, na_value=np.nan)
    w = checked_input(np.asarray, sample_weight, dtype=np.float64)
    if w.ndim == 0:
        # scikit-learn's score refuses a single weight (accuracy_score's "must be an
        # array-like or None"), where its fit takes one for every row: so does this score
        value = raw.item() if isinstance(raw, (np.ndarray, np.generic)) else raw
        raise InputTypeError(
            f"sample_weight: expected an array-like of one weight per row of X ({n}), as "
            f"scikit-learn's score takes them; got the single value {value!r} (one positive "
            f"weight on every row leaves the accuracy as it is: leave sample_weight out)"
        )
    if w.shape != (n,):
        got = f"{len(w)}" if w.ndim == 1 else f"an array of shape {w.shape}"
        raise DataError(f"sample_weight: expected one weight per row of X ({n}); got {got}")
    for bad, rule in ((~np.isfinite(w), "finite"), (w < 0, ">= 0")):
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            shown = shown_number(raw, w, bad) if np.ndim(raw) == 1 else w[i]
            raise DataError(f"sample_weight: every weight must be {rule}; got {shown} in row {i}")
    if not (w > 0).any():
        raise DataError("sample_weight: all weights are zero; at least one must be > 0")
    with np.errstate(over="ignore"):
        total = w.sum()
    if not np.isfinite(total):
        # an accuracy is a ratio of weighted sums, the same for weights all scaled alike:
        # weights summing past the largest float gave NaN, without a word. Halving is exact
        # (a weight that would become subnormal is 2^-1022 of the largest, nothing beside it)
        w = np.ldexp(w, -math.frexp(float(w.max()))[1] + 1 - math.ceil(math.log2(n)))
    return w
