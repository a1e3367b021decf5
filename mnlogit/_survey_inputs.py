"""How a survey fit's inputs are read beyond :mod:`mnlogit.survey`'s checks: what each
``lonely_psu`` option does (``LONELY_PSU``), the subpopulation (domain) as a boolean mask over
the rows (a Series matched by the index, of the data or of y given as arrays), the offending
rows named in the checks' messages, the refusal of a fit in fewer than two PSUs and the power
of two sampling weights are divided by, how a role of the design is named in messages, its
numbers read, its identifiers coded and those that cannot be hashed found, how two designs'
roles compare, Series beside arrays y and X in different row orders, and what to do about a
missing design value. Other programs' spellings of the design's arguments are answered in
:mod:`mnlogit._survey_spellings`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from ._checks import numeric_values, real_dtype
from ._conditions import empty_hint, evaluate_condition
from ._dtypes import missing_mask, native, refuse_dask, unmasked
from ._polars import refuse_expression
from ._shown_numbers import shown_number
from ._subpop_refusals import not_flags_hint
from ._survey_hints import column_label, number_label_hint, table_hint
from ._tables import row_values
from .exceptions import DataError, InputTypeError

__all__ = [
    "LONELY_PSU",
    "LonelyPsu",
    "check_psus_used",
    "check_weight_total",
    "checked_weights",
    "design_numbers",
    "identifier_codes",
    "ids_in_several_strata",
    "index_frame",
    "lonely_refusal",
    "missing_design_hint",
    "refuse_unlabelled_series",
    "role_key",
    "role_name",
    "row_list",
    "same_role",
    "shown_role",
    "subpop_mask",
    "unhashable",
    "weight_scale",
]


@dataclass(frozen=True)
class LonelyPsu:
    """What a ``lonely_psu`` option does with a stratum of a single PSU: refuse it, or count
    it in the variance (its PSU total centred at zero) or leave it out, with (``averaged``)
    or without the other strata's variance scaled up in its place, and how the summary's
    note says so."""

    refuses: bool
    in_variance: bool
    treatment: str
    averaged: bool = False


# what lonely_psu= selects, as R's options(survey.lonely.psu = ...) of the same names
LONELY_PSU = {
    "fail": LonelyPsu(refuses=True, in_variance=True, treatment=""),
    "adjust": LonelyPsu(False, True, "their PSU totals are centred at zero"),
    "certainty": LonelyPsu(False, False, "they are left out of the variance"),
    "remove": LonelyPsu(False, False, "they are left out of the variance"),
    # survey:::onestage: the other strata's sum times (strata) / (strata not lonely), over
    # the strata the fit's rows are in
    "average": LonelyPsu(
        False, False, "each is given the mean variance of the other strata", averaged=True
    ),
}


def subpop_mask(
    subpop: Any, data: pd.DataFrame | None, n: int, *, allow_empty: bool = False
) -> np.ndarray:
    """The rows of the subpopulation as a boolean array of length ``n``.

    ``subpop``: a boolean column name, a condition on the columns read by
    :func:`mnlogit._conditions.evaluate_condition` (``"age >= 18 and sex == 'f'"``; it runs
    no code), or one boolean per row (a Series is matched by its index).
    """
    what = repr(subpop) if isinstance(subpop, str) else "the values given"
    label = None
    if isinstance(subpop, str):
        if data is None:
            raise InputTypeError(
                "subpop: a column name or expression needs a DataFrame; pass one boolean per row"
            )
        label = column_label(data.columns, subpop, "subpop")
        if label is not None:
            values = data[label]
        else:
            values = evaluate_condition(subpop, data, "subpop")
            if not isinstance(values, pd.Series):
                raise DataError(
                    f"subpop: {subpop!r} uses no column, so it does not say which rows are in "
                    "the subpopulation; write a condition on the data's columns"
                )
    else:
        refuse_dask(subpop, "subpop")
        refuse_expression(subpop, "subpop")
        # masked cells are missing, not the values under the mask; a polars Series or
        # pyarrow array as its column (numpy cannot read polars' 128-bit integers)
        values = row_values(unmasked(subpop), "subpop")
    if isinstance(values, pd.Series) and data is not None and not values.index.equals(data.index):
        # a Series is matched to the rows by its index, as pandas aligns (and as weights are)
        if not (
            values.index.is_unique
            and data.index.is_unique
            and len(values) == n
            and values.index.isin(data.index).all()
        ):
            part = (
                values.index.is_unique and len(values) < n and values.index.isin(data.index).all()
            )
            raise DataError(
                "subpop: the Series' index does not match the data's index one to one; pass "
                "a column name, an array in the data's row order, or a Series with its index"
                + (
                    f" (this one has {len(values)} of the {n} rows: for the others to be outside "
                    "the subpopulation, pass s.reindex(df.index, fill_value=False))"
                    if part
                    else ""
                )
            )
        values = values.reindex(data.index)
    try:
        raw = native(values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values))
    except ValueError:  # ragged nested lists
        raise DataError(
            f"subpop: expected one value per row ({n}); got nested lists of different lengths"
        ) from None
    if raw.ndim != 1 or len(raw) != n:
        got = (
            f"{len(raw)}"
            if raw.ndim == 1
            else f"values of shape {raw.shape}"
            if raw.ndim
            else f"a single {type(values).__name__} ({values!r:.60})"
        )
        columns = None if data is None else data.columns
        names = isinstance(subpop, list) and len(subpop) == 1 and isinstance(subpop[0], str)
        hint = (
            number_label_hint("subpop", values, columns)
            or table_hint("subpop", subpop)
            or _rows_hint(raw, n, None if data is None else data.index)
            or (f" (a list of a name): give the name itself, subpop={subpop[0]!r}" if names else "")
            # pandas' df.loc[lambda df: ...] habit: nothing here calls it
            or (
                ": a function is not called; pass its result (subpop=f(df)) or the condition "
                "as text (subpop='age >= 18')"
                if callable(subpop)
                else ""
            )
        )
        raise DataError(f"subpop: expected one value per row ({n}); got {got}{hint}")
    s = pd.Series(raw)
    missing = missing_mask(s)
    if missing.any():
        condition = (
            isinstance(subpop, str)
            and data is not None
            and column_label(data.columns, subpop, "subpop") is None
        )
        hint = (
            " (a comparison with a missing value is missing: add e.g. 'col.notna() & (...)' "
            "to the condition)"
            if condition
            else ""
        )
        raise DataError(
            f"subpop: {what} {'has' if isinstance(subpop, str) else 'have'} missing values in "
            f"{row_list(missing, data)}; "
            f"say for every row whether it is in the subpopulation{hint}"
        )
    if not (pd.api.types.is_bool_dtype(s.dtype) or _only_booleans(s)):
        other = ~s.isin([True, False]).to_numpy(dtype=bool)
        first = s[other].iloc[0] if other.any() else None
        first = first.item() if isinstance(first, np.generic) else first
        column = label if isinstance(subpop, str) else None
        # the rows of that value only: a column of 'yes' and 'no' was said to hold 'yes' in
        # every row, its 'no' rows listed and counted with them
        holding = other & _holding(s, first) if other.any() else other
        raise InputTypeError(
            f"subpop: {what} must be True/False for each row; got dtype {s.dtype}"
            + (f" ({first!r} in {row_list(holding, data)})" if other.any() else "")
            + not_flags_hint(subpop, column, first)
        )
    mask = s.to_numpy(dtype=bool)
    if not mask.any() and not allow_empty:  # a partition of the data may have none
        said = empty_hint(subpop, data) if isinstance(subpop, str) else ""
        raise DataError(f"subpop: {what} selects no rows{said}")
    return mask


def _rows_hint(raw: np.ndarray, n: int, index: pd.Index | None) -> str:
    """What to give for the rows of a subpopulation listed by their labels or positions
    (``df.index[cond]``, ``np.flatnonzero(cond)``): a mask, one True/False per row."""
    if raw.ndim != 1 or not 0 < len(raw) < n:
        return ""
    try:
        labels = index is not None and bool(pd.Index(raw).isin(index).all())
    except TypeError:  # values that cannot be hashed
        labels = False
    if raw.dtype.kind not in "iu" and not labels:
        return ""
    what = "the data's row labels" if labels else "integers, as row positions would be"
    return (
        f" ({what}): give one True/False per row, e.g. subpop=df.index.isin(rows) for "
        "labels or np.isin(np.arange(len(df)), rows) for positions"
    )


def _holding(s: pd.Series, value: Any) -> np.ndarray:
    """Which rows of ``s`` hold ``value``; cells holding lists (which pandas compares as a
    sequence of values, refusing the lengths) are compared one by one."""
    try:
        return (s == value).to_numpy(dtype=bool, na_value=False)
    except (ValueError, TypeError):
        return np.fromiter((_same(v, value) for v in s), dtype=bool, count=len(s))


def _same(a: Any, b: Any) -> bool:
    try:
        return bool(a == b)
    except (ValueError, TypeError):  # arrays in cells: no one truth value
        return a is b


def _only_booleans(s: pd.Series) -> bool:
    """Whether every value is True or False (or 1 or 0); values that cannot be hashed (lists,
    dicts) are not, rather than a TypeError from :func:`pandas.unique`."""
    try:
        return set(pd.unique(s)) <= {True, False}
    except TypeError:
        return False


def unhashable(values: np.ndarray) -> np.ndarray:
    """Which values cannot be identifiers: those that cannot be hashed (lists, dicts)."""

    def bad(v: Any) -> bool:
        try:
            hash(v)
        except TypeError:
            return True
        return False

    return np.fromiter((bad(v) for v in values), bool, len(values))


def identifier_codes(s: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Codes of the strata or PSU identifiers ``s`` and the distinct identifiers, sorted.

    Identifiers that do not compare with each other (a date beside a number, periods of two
    frequencies, times with and without a time zone) are put in the order of their type's name
    and text: any fixed order serves, the codes only group the rows, where sorting them raised
    the comparison's bare TypeError. Values that cannot be hashed still raise TypeError.
    """
    try:
        return pd.factorize(s, sort=True)
    except (TypeError, ValueError):  # pandas 2's IncompatibleFrequency is a ValueError
        codes, uniques = pd.factorize(s)
    keys = [(type(v).__name__, str(v)) for v in uniques]
    order = np.array(sorted(range(len(keys)), key=keys.__getitem__), dtype=np.intp)
    rank = np.empty(len(order), np.intp)
    rank[order] = np.arange(len(order))
    return rank[codes], pd.Index(uniques).take(order)


def refuse_unlabelled_series(index: pd.Index | None, design: Any, **given: Any) -> None:
    """Refuse Series of per-row values (weights, groups, subpop, the ``design``'s roles)
    of the same row labels in different orders, when y and X are arrays (``index`` None).

    With no row labels to match them by, each is taken by position: a Series of sampling
    weights in another row order than the strata's paired each row with another row's
    weight, silently (a Series given beside a labelled y or X is matched by its labels).
    Series of other labels (a mask numbered 0..n-1 beside a column of a filtered frame)
    cannot be matched to each other one to one and are taken by position, as before.
    """
    if index is not None:
        return
    roles = ("weights", "strata", "psu", "fpc")
    named = {
        **given,
        **({} if design is None else {f"design.{r}": getattr(design, r) for r in roles}),
    }
    series = [(name, v.index) for name, v in named.items() if isinstance(v, pd.Series)]
    for i, (first, a) in enumerate(series):
        for name, b in series[i + 1 :]:
            same_rows = len(a) == len(b) and a.is_unique and b.is_unique and a.isin(b).all()
            if same_rows and not a.equals(b):
                raise DataError(
                    f"{first} and {name} are Series of the same row labels in different "
                    "orders; y and X are arrays, which have no row labels to match them by, "
                    "so they would be paired by position: pass y or X as a Series or "
                    "DataFrame with the data's index (the Series are then matched by label), "
                    "or give every per-row value in the row order of y"
                )


def ids_in_several_strata(ids: Any) -> int:
    """How many PSU identifiers stand in more than one stratum, given one identifier per
    (stratum, PSU) pair: each is a PSU of every stratum it is in (nested, R's nest = TRUE),
    where R's default (nest = FALSE) refuses the design as clusters not nested in strata."""
    return int((pd.Series(np.asarray(ids, dtype=object)).value_counts() > 1).sum())


def index_frame(subpop: Any, index: pd.Index | None) -> pd.DataFrame | None:
    """A frame of no columns with the outcome's ``index``, for :func:`subpop_mask` to match a
    Series of the subpopulation to the rows by (arrays given without a DataFrame: a Series
    taken by position selected other rows than its labels say); None for a column name or
    condition, which needs the data."""
    if index is None or isinstance(subpop, str):
        return None
    return pd.DataFrame(index=index)


def row_list(mask: np.ndarray, data: pd.DataFrame | None, limit: int = 5) -> str:
    """The offending rows, by the data's index labels when there is a DataFrame."""
    pos = np.flatnonzero(mask)
    labels = data.index[pos] if data is not None else pos
    shown = ", ".join(repr(v) if isinstance(v, str) else str(v) for v in list(labels[:limit]))
    more = f", ... ({len(pos)} in all)" if len(pos) > limit else ""
    return f"row{'s' if len(pos) > 1 else ''} {shown}{more}"


def role_name(design: Any, role: str) -> str:
    """A role of a survey design as messages name it: its column, or the role alone when
    values were given."""
    value = getattr(design, role)
    return f"{role} column {value!r}" if isinstance(value, str) else role


def lonely_refusal(
    design: Any, labels: tuple, lonely: np.ndarray, domain_psus: np.ndarray, n_psu: np.ndarray
) -> DataError:
    """The error for strata of a single PSU that the fit's rows are in (``lonely``, a mask
    over the strata), under ``lonely_psu="fail"``; ``n_psu``: every stratum's PSUs.

    When every stratum of the design has a single PSU the strata are no grouping of the
    PSUs at all (the PSU column given as strata too, or strata as fine as the rows): the
    advice to merge each with a similar stratum, or to choose an option for a few lonely
    ones, was no help.
    """
    bad = np.flatnonzero(lonely)
    strata = role_name(design, "strata")
    if len(n_psu) > 1 and (n_psu == 1).all():
        # psu= may be values: an array compared with the strata's name is an array
        same = isinstance(design.strata, str) and isinstance(design.psu, str)
        same = same and design.strata == design.psu
        return DataError(
            f"every one of the {len(n_psu)} strata of {strata} has a single PSU, so no "
            "stratum's variance can be estimated"
            + (f": strata= and psu= name the same column ({design.psu!r})" if same else "")
            + "; a stratum holds several PSUs sampled from it: check that strata= names the "
            "strata and psu= the PSUs (clusters), or leave strata= out for a design without "
            "strata (lonely_psu='adjust' would centre each PSU's total at zero, as R's "
            "options(survey.lonely.psu = 'adjust'), with no design degrees of freedom left)"
        )
    names = ", ".join(repr(labels[h]) for h in bad[:5])
    more = f" and {len(bad) - 5} more" if len(bad) > 5 else ""
    # without psu= each row is a PSU: "one PSU" read as a cluster the user never gave
    unit = "one PSU" if design.psu is not None else "one row (each row its own PSU, no psu=)"
    # several strata are said in the plural: "stratum 'A', 'B' and 11 more ... has" read as
    # one stratum of many names
    if len(bad) == 1:
        head = f"stratum {names} of {strata} has"
        w = {"its": "its", "it": "it", "each": "it", "its own": "its", "adds": "it adds"}
    else:
        head = f"strata {names}{more} of {strata} each have"
        w = {"its": "their", "it": "them", "each": "each", "its own": "each one's"}
        w["adds"] = "they add"
    # R refuses it too, though its rows may all be weighted 0 to leave them out
    unweighted = (domain_psus[bad] == 0).all()
    return DataError(
        f"{head} only {unit}, so {w['its']} variance cannot be estimated; merge {w['each']} "
        "with a similar stratum, or pass SurveyDesign(..., lonely_psu='adjust') to centre "
        f"{w['its own']} PSU total at zero as R's survey package does with "
        "options(survey.lonely.psu = 'adjust') ('certainty' or 'remove' leave "
        f"{w['it']} out of the variance, and 'average' gives {w['each']} the mean variance "
        "of the other strata, as R's options of those names)"
        + (
            f"; {w['its']} rows all have weight 0, so with 'adjust' or 'certainty' "
            f"{w['adds']} nothing"
            if unweighted
            else ""
        )
    )


def shown_role(value: Any) -> str:
    """A role of a design as its repr shows it: the column name, or how many values."""
    return repr(value) if isinstance(value, str) else f"<{len(value)} values>"


def same_role(a: Any, b: Any) -> bool:
    """Whether two designs give a role alike: the same column name (or none), or equal values
    per row (a Series with the same index)."""
    if a is None or b is None or isinstance(a, str) or isinstance(b, str):
        return type(a) is type(b) and a == b
    if isinstance(a, pd.Series) != isinstance(b, pd.Series) or (
        isinstance(a, pd.Series) and not a.index.equals(b.index)
    ):
        return False
    return pd.Series(np.asarray(a, dtype=object)).equals(pd.Series(np.asarray(b, dtype=object)))


def role_key(value: Any) -> Any:
    """What a design's hash takes of a role: its column name, or how many values it has
    (values per row cannot be hashed; designs equal by :func:`same_role` have equal keys)."""
    return value if value is None or isinstance(value, str) else ("values", len(value))


def design_numbers(values: np.ndarray, name: str, data: pd.DataFrame | None) -> np.ndarray:
    """Numbers as float64, missing as NaN: a numeric or nullable (Int64, Float64) column, or
    numbers stored as objects; text and booleans refused, quoting a value and its rows."""
    s = pd.Series(values)
    if real_dtype(s.dtype):
        return s.to_numpy(np.float64, na_value=np.nan)
    return numeric_values(s.to_numpy(), name, lambda mask: row_list(mask, data))


def missing_design_hint(what: str) -> str:
    """What to do about rows missing their ``what`` ("stratum", "sampling weight", ...):
    ``missing="drop"`` does not drop them, since the rows it drops stay in the design."""
    return (
        f"; give those rows their {what}, or drop them from the data if they are not part "
        "of the sample (missing='drop' drops only rows missing a model variable, which stay "
        f"in the design, and the design needs every row's {what}; R's svydesign() refuses "
        "missing design values too)"
    )


def weight_scale(total: float, count: int) -> float:
    """The power of two the fit divides sampling weights of this ``total`` over ``count``
    rows by: 1 for weights of ordinary size (a mean from 2^-10 to 2^32), else the power of two
    nearest their mean.

    Pseudo-maximum-likelihood estimates and the linearised covariance do not depend on the
    scale of the weights, but the fit's sums do: weights of 1e-200 made every convergence test
    pass at the start (standard errors of 0), weights of 1e200 overflowed the covariance. A
    power of two divides every weight exactly. Log-likelihoods are reported for the weights as
    given, and an L2 penalty is applied to them as given (its strength is divided by the scale
    too); a Firth penalty, which does not grow with the weights, is not: a Firth fit uses the
    weights divided by their mean (:func:`mnlogit._methods.sampling_weights_of_mean_one`).
    """
    mean = total / count if count else 0.0
    if not (np.isfinite(mean) and mean > 0) or 2.0**-10 <= mean <= 2.0**32:
        return 1.0
    return float(2.0 ** np.round(np.log2(mean)))


def check_psus_used(n_psus: int, subpop: str | None) -> None:
    """Refuse a fit whose rows of positive weight lie in fewer than two PSUs (``n_psus``),
    or in none (rows that exist but all have weight zero).

    The linearised variance sums each PSU's influence functions; when every row used is in
    one PSU, or the rows of the other PSUs have weight zero or were dropped for missing
    values, that PSU's total is the score at the estimates, zero, so the variance would come
    out as rounding noise (1e-16) instead of an estimate.
    """
    rows = "the subpopulation's rows" if subpop is not None else "the rows used"
    if n_psus == 0:
        raise DataError(
            f"{rows} include no row of positive weight once rows with missing values are "
            "dropped; the estimates need rows of positive weight"
        )
    if n_psus == 1:
        raise DataError(
            f"{rows} of positive weight (after dropping rows with missing values) lie in a "
            "single PSU, so the design-based variance cannot be estimated (the PSU's total "
            "of the estimating equations is zero at the estimates); a survey fit needs rows "
            "in at least two PSUs"
        )


def checked_weights(values: np.ndarray, design: Any, data: pd.DataFrame | None) -> np.ndarray:
    """Sampling weights as float64: finite, non-negative, not missing, else a named error."""
    w = design_numbers(values, role_name(design, "weights"), data)
    bad = ~np.isfinite(w) | (w < 0)
    if bad.any():
        raise DataError(
            f"{role_name(design, 'weights')}: sampling weights must be finite, non-negative and "
            f"not missing; got {shown_number(values, w, bad)} in {row_list(bad, data)}"
            + (missing_design_hint("sampling weight") if np.isnan(w[bad][0]) else "")
        )
    with np.errstate(over="ignore"):
        total = w.sum()
    check_weight_total(total, w.max() if len(w) else 0.0, design)
    return w


def check_weight_total(total: float, largest: float, design: Any) -> None:
    """Refuse sampling weights whose sum overflows (``total`` not finite), quoting the
    ``largest``: the fit's sums and the population size would be infinite."""
    if not np.isfinite(total):
        raise DataError(
            f"{role_name(design, 'weights')}: the weights sum to more than the largest floating-"
            f"point number (largest weight {largest:g}); divide them all by a constant (the "
            "estimates and standard errors do not change)"
        )
