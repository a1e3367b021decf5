"""The in-memory fit's checks of a dask fit's data, run on the driver from what the scan
and the tally of the partitions (:mod:`mnlogit._dask_parts`) found: missing values, weights,
clusters, factor levels emptied by missing values, and the design's rank and range."""

from __future__ import annotations

import decimal
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from ._alike import warn_clusters_alike
from ._checks import empty_levels, frequency_weights
from ._clusters import check_clusters, missing_where, refuse_type_twins
from ._dask_nonfinite import nonfinite_error
from ._dask_parts import _Scan, _Tally
from ._levels import Coding
from ._linalg import (
    CONFIRM_BELOW,
    NEAR_COLLINEAR,
    RANK_TOL,
    column_residuals,
    residuals_from_factor,
    warn_near_collinear,
)
from ._nonfinite import refuse_missing
from ._rank import (
    ZERO_WEIGHT_ROWS,
    centring_estimable,
    one_column_terms_aliased,
    rank_deficient,
    weighted_rank_deficient,
    weights_far_apart,
    zero_sampling_weight_rows,
)
from ._size_checks import too_many_columns, too_many_levels
from ._terms import warn_emptied
from .exceptions import DataError, MNLogitWarning, warn

__all__ = ["check_scan", "check_tally", "warn_scan_emptied"]


def check_scan(
    scan: _Scan, needed: tuple, missing: str, weights: str | None, groups: str | None
) -> None:
    """The in-memory fit's checks of missing values, weights and clusters, from the scan."""
    if scan.n_total == 0:
        raise DataError("data: the DataFrame has no rows")
    refuse_missing(missing, zip(needed, scan.na, strict=True))
    if len(scan.sample) == 0:
        allna = [c for c, n in zip(needed, scan.na, strict=True) if n == scan.n_total]
        hint = f" (column {', '.join(map(repr, allna))} is entirely missing)" if allna else ""
        raise DataError(
            f"no complete rows remain after dropping missing values in the "
            f"formula's columns ({', '.join(needed)}){hint}"
        )
    if weights is not None:
        bad = np.array(scan.bad_weights, dtype=np.float64)
        witnesses = pd.array(bad, dtype="Float64") if scan.weights_na else bad
        frequency_weights(witnesses, total=scan.weight_total, located=scan.weight_rows.located())
    if groups is not None:
        bits = pd.Series([v for _, v in sorted(scan.group_bits, key=repr)], dtype=object)
        refuse_type_twins("groups", "clusters", bits.unique(), column=bits)
        refuse_type_twins("groups", "clusters", sorted(scan.group_values, key=repr))
        count, shown = scan.group_na
        only = next(iter(scan.group_values)) if len(scan.group_values) == 1 else None
        check_clusters(
            count,
            len(scan.group_values),
            where=missing_where(groups, shown, count),
            only=only,
            name=groups,
        )
        warn_clusters_alike(sorted(scan.group_values, key=repr), groups)  # as in memory


def warn_scan_emptied(scan: _Scan, needed: tuple) -> None:
    """Warn, as an in-memory fit does, of a factor's levels that only rows dropped for
    missing values have (the sample shows every value the complete rows have)."""
    n_dropped = scan.n_total - scan.n_complete
    incomplete = [c for c, n in zip(needed, scan.na, strict=True) if n]
    for name, counts in list(scan.dropped.items())[1:]:  # the outcome's: see _dask._levels
        kept = set(scan.sample[name].dropna().tolist())
        lost = counts[[v not in kept for v in counts.index]]
        if len(lost):
            warn_emptied(name, lost.index.tolist(), int(lost.sum()), incomplete, n_dropped)


def check_tally(
    tally: _Tally,
    names: tuple,
    levels: list,
    ref: Any,
    factor: Callable[..., np.ndarray] | None = None,
    *,
    weighted: bool = False,
    plain_gram: Callable[[], np.ndarray] | None = None,
    sampling: str | None = None,
    weights: str | None = None,
    penalised: bool = False,
    outcome: str = "y",
    terms: dict[str, tuple[int, ...]] | None = None,
    subpop: str | None = None,
    dropped: int = 0,
) -> None:
    """The in-memory fit's checks of the design, from sums over the encoded partitions
    (``weighted``: weights were given), its warning of nearly collinear columns included.

    ``factor(d, shift=None)``: the R of a QR of the rows sqrt(w) (X - shift) / d, one more
    pass, asked for when a column's residual from X'WX is too small for X'WX to tell (see
    :func:`mnlogit._linalg.confirm_residuals`), or whether an aliased column is estimable
    once centred (see :func:`mnlogit._rank.centring_estimable`). ``plain_gram()``: X'X over
    every row, one more pass, asked for weights when columns are aliased and some rows have
    weight 0 (see :func:`mnlogit._rank.weights_to_blame`). ``sampling``: the column of
    sampling weights of a survey fit, None for frequency weights (the refusals' advice
    differs: a survey's rows of weight 0 stay in its design); ``weights``: their column.
    ``terms``: each formula term's columns, for the columns a refusal names (see
    :func:`mnlogit._rank.one_column_terms_aliased`); ``subpop``: what selected a survey's
    subpopulation, and ``dropped`` the rows dropped for missing values, beside whose rows an
    interaction's cells may be empty."""
    if tally.nonfinite is not None:
        raise nonfinite_error(tally.nonfinite, names, weights)
    _refuse_beyond_squares(tally, names)
    _refuse_weighted_squares(tally, names)
    per_level = tally.counts[Coding(tuple(levels), ref).level_to_core]
    empty = [lv for lv, c in zip(levels, per_level, strict=True) if c <= 0]
    if empty:
        raise empty_levels(empty, sampling)
    # frequency weights count observations: the rows repeated would have that many rows
    counted = tally.sum_weights if weights is not None and sampling is None else None
    too_many = too_many_columns(len(names), tally.n_positive, counted, formula=True, penalty=False)
    too_many = too_many or too_many_levels(
        outcome, len(levels), tally.n_positive, counted, formula=True, penalty=False
    )
    if too_many is not None:
        raise too_many
    residuals = column_residuals(tally.gram)
    if factor is not None and len(residuals) and residuals.min() <= CONFIRM_BELOW:
        d = np.sqrt(np.diag(tally.gram))
        residuals = residuals_from_factor(factor(np.where(d > 0, d, 1.0)))
    aliased = [int(j) for j in np.flatnonzero(residuals <= RANK_TOL)]
    if aliased:
        zero = np.diag(tally.gram) == 0  # a sum of squares over the rows of positive weight
        # weights far apart put the lighter rows below rounding in X'WX, as in memory
        # (mnlogit._rank.weights_to_blame): the refusal said to drop columns from the formula
        ratio = tally.most_weight / tally.least_weight
        far = ratio > 1e12
        zero_rows = tally.n_positive < tally.n_rows
        if plain_gram is not None and (zero_rows or far) and not zero[aliased].any():
            if (column_residuals(plain_gram())[aliased] > NEAR_COLLINEAR).all():
                raise weighted_rank_deficient(
                    names,
                    aliased,
                    weights_far_apart(ratio)
                    if far
                    else ZERO_WEIGHT_ROWS
                    if sampling is None
                    else zero_sampling_weight_rows(sampling),
                )
        if factor is not None and terms is not None:
            unit = np.sqrt(np.diag(tally.gram))
            intercept = names.index("Intercept") if "Intercept" in names else None
            aliased = one_column_terms_aliased(
                aliased,
                names,
                terms,
                intercept,
                zero,
                lambda: factor(np.where(unit > 0, unit, 1.0)),
            )
        # centring changes no column's fit but the intercept's only beside an intercept
        centre = (
            centring_estimable(aliased, tally.low, tally.high, np.diag(tally.gram), factor)
            if factor is not None and tally.ones.any()
            else None
        )
        raise rank_deficient(
            names,
            aliased,
            zero,
            weighted=weighted,
            where="the formula",
            sampling=sampling,
            centre=centre,
            subpop=subpop,
            dropped=dropped,
        )

    def blame(near: np.ndarray) -> str:
        # frequency weights: X'X over every row tells whether the columns are so in the data
        if (
            plain_gram is None
            or sampling is not None
            or (column_residuals(plain_gram())[near] <= NEAR_COLLINEAR).any()
        ):
            return ""
        return (
            "they are not so in the data: the weights make them so (rows of weight 0, or "
            "weights far apart); drop the rows of weight 0, or bring the weights closer"
        )

    if not penalised:  # as in memory: an L2 fit has no standard errors to lose digits of
        warn_near_collinear(names, residuals, blame)


# A column's largest magnitude (over the rows of positive weight) outside [1 / this, this]
# is refused on dask: its squares, summed into X'WX and the information in its own units,
# leave the floating-point range (the in-memory fit divides such columns by a power of two).
# 2**480, about 1e144: squares of 1e288, summed over 1e20 rows, still in range.
SQUARES_IN_RANGE = 2.0**480


def _refuse_beyond_squares(tally: _Tally, names: tuple) -> None:
    """Refuse a column whose values are so large or small that its squares overflow or
    underflow: a dask fit of a column in units of 1e-160 gave standard errors of inf without
    a word, one of 1e-200 was refused as 0 on every row, and one of 1e160 was reported as
    diverging, with numpy's overflow warnings."""
    with np.errstate(invalid="ignore"):
        top = np.fmax(np.abs(tally.low), np.abs(tally.high))
    top = np.where(np.isfinite(top), top, 0.0)  # columns without rows of positive weight
    bad = np.flatnonzero((top > SQUARES_IN_RANGE) | ((top > 0) & (top < 1 / SQUARES_IN_RANGE)))
    if not len(bad):
        return
    j = int(bad[0])
    raise DataError(
        f"column {names[j]!r} holds values of magnitude {top[j]:.1e} at most: a dask fit sums "
        "X'WX and the information over the partitions in the column's own units, where its "
        f"squares leave the floating-point range (magnitudes from {1 / SQUARES_IN_RANGE:.0e} "
        f"to {SQUARES_IN_RANGE:.0e} fit; the in-memory fit rescales it itself); rescale the "
        "variable to units nearer 1 first (e.g. ddf.assign(x=ddf['x'] * 1e150), or "
        "I(x * 1e150) in the formula)"
    )


def _refuse_weighted_squares(tally: _Tally, names: tuple) -> None:
    """Refuse a column whose squares times the weights sum past the float range: with
    frequency weights of 1e299 and a column of 1e6, X'WX was inf, the fit was reported as
    diverging with numpy's warnings, and every standard error was NaN."""
    bad = np.flatnonzero(np.isinf(np.diag(tally.gram)))
    if len(bad):
        raise DataError(
            f"the squares of column {names[int(bad[0])]!r} times the weights (summing to "
            f"{tally.sum_weights:.3g}) add up past the largest float (about 1.8e308) in X'WX, "
            "which a dask fit sums in the column's own units (the in-memory fit rescales it); "
            "rescale the weights (frequency weights that large are not counts of rows: divide "
            "them by a constant and round them) or the variable, or fit in memory"
        )


def warn_numbers_sorted_as_text(
    scan: _Scan,
    names: tuple,
    raw_dtypes: pd.Series,
    outcome: str,
    ref: Any,
    identifiers: tuple[tuple[str, str, Any, str, str], ...] = (),
) -> None:
    """Warn of an outcome or factor of text reading as numbers whose order as text is not
    theirs as numbers: dask's from_pandas stores a column of Python numbers held as objects
    as text, so its levels sorted '10', '2', '30' where the same column in memory sorts
    2, 10, 30, and the reference and baselines (the first levels) were others, silently.

    Also of such text that writes one number two ways ('1' and '1.0', from the Python
    numbers 1 and 1.0, one level in memory), in those columns and in ``identifiers``
    (``(said, column, values, kind, one)``: clusters, strata, PSUs), which were split."""
    for name in dict.fromkeys(names):
        if not isinstance(raw_dtypes[name], pd.StringDtype):
            continue
        values = sorted(str(v) for v in pd.unique(scan.sample[name].dropna()))
        numbers = _as_numbers(values)
        if numbers is None:
            continue
        what = "outcome" if name == outcome else "factor"
        if _twins(values, numbers):  # said once, with the split, or text as written
            _warn_split(f"{what} {name!r}", name, values, numbers, "levels", "level")
            continue
        by_number = [v for _, v in sorted(zip(numbers, values, strict=True))]
        if by_number == values or (name == outcome and ref is not None and len(values) < 3):
            continue
        follows = (
            "the first is the baseline unless the formula names one"
            if name != outcome
            else "the first is the reference"
            if ref is None
            else "the equations come in that order"
        )
        more = ", ..." if len(values) > 4 else ""
        texts, as_numbers = ", ".join(map(repr, values[:4])), ", ".join(by_number[:4])
        warn(
            f"{what} {name!r}: its values are text that "
            f"reads as numbers, so its levels are sorted as text ({texts}{more}), not as "
            f"numbers ({as_numbers}{more}), and {follows}; a dask "
            "DataFrame holds a column of Python objects as text (from_pandas, unless "
            "dask.config.set({'dataframe.convert-string': False}) is in force), where the "
            f"numbers in memory sort as numbers: convert it first, ddf[{name!r}] = "
            f"dd.to_numeric(ddf[{name!r}]), to fit the levels in that order",
            MNLogitWarning,
        )
    for said, name, found, kind, one in identifiers:
        if not isinstance(raw_dtypes[name], pd.StringDtype):
            continue
        values = sorted({str(v) for v in found if not pd.isna(v)})
        numbers = _as_numbers(values)
        if numbers is not None:
            _warn_split(said, name, values, numbers, kind, one)


def _as_numbers(values: list[str]) -> list[float] | None:
    try:
        return [float(v) for v in values]
    except ValueError:
        return None


def _twins(values: list[str], numbers: list[float]) -> list[list[str]]:
    """The texts of ``values`` that write one number (``numbers``, theirs) in several ways,
    told apart exactly: integers past 2**53 that float64 rounds to one are two numbers."""
    by_float: dict[float, list[str]] = {}
    for number, text in zip(numbers, values, strict=True):
        by_float.setdefault(number, []).append(text)
    twins = []
    for texts in (t for t in by_float.values() if len(t) > 1):
        exact: dict[Any, list[str]] = {}
        for text in texts:
            try:
                key: Any = decimal.Decimal(text)
            except decimal.InvalidOperation:
                key = text
            exact.setdefault(key, []).append(text)
        twins += [t for t in exact.values() if len(t) > 1]
    return twins


def _as_python_writes(text: str) -> bool:
    """Whether ``text`` is a number written as ``str()`` writes a Python number (int, float,
    Decimal): not a code with leading zeros ('007') or white space around it, which text
    read as text holds and which ``dd.to_numeric`` would merge with '7'."""
    try:
        return str(decimal.Decimal(text)) == text or repr(float(text)) == text
    except (decimal.InvalidOperation, ValueError):
        return False


def _warn_split(
    said: str, name: str, values: list[str], numbers: list[float], kind: str, one: str
) -> None:
    """Warn of text writing one number two ways that from_pandas may have made of Python
    numbers: in memory the numbers 1 and 1.0 are one level (cluster, stratum), here two.
    Texts that str() gives of no number ('007' beside '7') were text before: split as in
    memory, nothing said (the conversion would merge what the data keep apart)."""
    twins = _twins(values, numbers)
    if not twins or not all(map(_as_python_writes, values)):
        return
    shown = "; ".join(" and ".join(map(repr, texts)) for texts in twins[:3])
    more = f", and {len(twins) - 3} more" if len(twins) > 3 else ""
    first = " and ".join(twins[0])
    taken = "fitted" if one == "level" else "counted"
    warn(
        f"{said}: {kind} {shown}{more} are one number written in different ways and are "
        f"{taken} as different {kind}; a dask DataFrame holds a column of Python objects as "
        "text (from_pandas, unless dask.config.set({'dataframe.convert-string': False}) is in "
        f"force), where the numbers {first} in memory are one {one}: convert it first, "
        f"ddf[{name!r}] = dd.to_numeric(ddf[{name!r}]), to fit each number as one {one}",
        MNLogitWarning,
    )
