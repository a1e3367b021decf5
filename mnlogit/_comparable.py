"""Whether two fits' likelihoods can be compared: fitted to the same rows (those of positive
weight counted), with the same outcome and reference, and one design nested in the other, by
the names of its columns or in their column space. Used by :func:`mnlogit.lr_test` and by the
checks of :func:`mnlogit.compare`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np

from ._data import ModelData
from ._levels import same_level
from ._linalg import column_norms
from ._null import NULL_MODELS
from ._same_design import check_same_design, subpop_refusal, survey_missing_advice
from ._shown_numbers import row_count
from .exceptions import InputTypeError, ModelComparisonError

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "check_comparable",
    "check_same_columns",
    "column_space_basis",
    "counted",
    "counted_data",
    "lost_levels",
    "n_counted",
    "nesting",
    "not_a_fit_hint",
    "null_name_hint",
    "one_argument_refusal",
    "refuse_not_a_fit",
    "same_name_differs",
    "two_fits_at_a_time",
]


def one_argument_refusal(given: Any) -> InputTypeError:
    """The refusal of ``mnlogit.lr_test`` given one argument: a fit, meant as its test
    against the null model, or the fits in a list, as R's ``anova(m1, m2)`` takes them
    (which was told it had been given one fit)."""
    if isinstance(given, (list, tuple)):
        return InputTypeError(
            f"mnlogit.lr_test(restricted, full) takes the two fits as two arguments; got a "
            f"{type(given).__name__} of {len(given)}: "
            + (
                "pass them as mnlogit.lr_test(*fits)"
                if len(given) == 2
                else "it compares two nested fits at a time, so test each pair in turn "
                "(lr_test(fits[0], fits[1]), lr_test(fits[1], fits[2]), ...)"
            )
        )
    return InputTypeError(
        "mnlogit.lr_test(restricted, full) compares two nested fits and was given one; "
        "res.lr_test() tests a fit against the intercept-only model"
    )


def two_fits_at_a_time(func: F) -> F:
    """``mnlogit.lr_test`` given three fits or more, as R's ``anova(m1, m2, m3)`` takes them,
    refused in words (Python's TypeError said only how many arguments it takes), its
    signature kept."""

    @functools.wraps(func)
    def call(*fits: Any, **named: Any) -> Any:
        if len(fits) > 2:
            raise InputTypeError(
                f"mnlogit.lr_test(restricted, full) compares two nested fits at a time; got "
                f"{len(fits)} fits: test each pair in turn (lr_test(a, b), lr_test(b, c), ...)"
            )
        return func(*fits, **named)

    return cast(F, call)


def check_same_columns(r: ModelData, f: ModelData) -> None:
    """Nested by name is nested only if the columns of the same name hold the same values
    (two fits of data frames whose ``x`` differ share the name, not the column); refused,
    naming them, when they do not."""
    differ = same_name_differs(r, f)
    if differ:
        raise ModelComparisonError(
            "the models are not nested: design column(s) "
            f"{', '.join(map(repr, differ))} have the same name in both models but different "
            "values, nor are they combinations of the full model's columns; fit both models "
            "to the same data"
        )


def same_name_differs(r: ModelData, f: ModelData) -> list[str]:
    """The design columns of ``r`` whose namesakes in ``f`` hold other values (rows in
    memory only)."""
    if not (r.in_memory and f.in_memory):
        return []
    position = {name: j for j, name in enumerate(f.column_names)}
    return [
        name
        for j, name in enumerate(r.column_names)
        if name in position and not np.array_equal(r.X[:, j], f.X[:, position[name]])
    ]


# A column of the smaller design (scaled to norm one) whose least-squares residual on the
# larger design's columns is below this lies in their span: a combination that holds exactly
# (x in poly(x, 2), a treatment dummy among sum-coded ones) leaves rounding, about 1e-15,
# and a column that is not one leaves a residual of the size of its own variation.
NESTED_RTOL = 1e-8


def column_space_basis(r: ModelData, f: ModelData) -> tuple[np.ndarray, np.ndarray] | None:
    """A with X_r = X_f A on the rows of positive weight (p_f x p_r), when every design
    column of ``r`` is a linear combination of the columns of ``f``, and which columns of
    ``f`` lie outside the span of ``r``'s (the coefficients a test of ``r`` against ``f``
    involves); None when a column of ``r`` is not such a combination, or when the rows are
    not in memory.

    The models are then nested whatever their columns are called: ``y ~ x`` in
    ``y ~ poly(x, 2)``, ``y ~ x + g`` in ``y ~ x * C(g, Sum)``; the smaller model is the larger
    one with B_f = A B_r. Only rows of positive weight count, as only they enter the
    likelihoods. The fits' rows are the same (:func:`check_comparable`).
    """
    if not (r.in_memory and f.in_memory):
        return None
    rows = f.w > 0
    Xf, Xr = f.X[rows], r.X[rows]
    # columns in units of 1e200 or 1e-200 had norms of inf or 0 (their squares): such a
    # column was read as zeros, and y ~ u refused as not nested in y ~ I(1e-200 * u) + v
    sf, sr = column_norms(Xf), column_norms(Xr)
    sf[sf == 0], sr[sr == 0] = 1.0, 1.0  # a column of zeros: is in any span
    A, *_ = np.linalg.lstsq(Xf / sf, Xr / sr, rcond=None)
    residual = np.linalg.norm(Xr / sr - (Xf / sf) @ A, axis=0)
    if not np.all(residual <= NESTED_RTOL):
        return None
    # column a of f is in the span when e_a is in the span of A's columns (A in the scaled
    # columns' units, where its entries are of order one and rounding is 1e-16)
    Q = np.linalg.qr(A)[0]
    outside = 1.0 - np.einsum("ij,ij->i", Q, Q) > NESTED_RTOL
    return A / sf[:, None] * sr[None, :], outside


def nesting(r: ModelData, f: ModelData) -> tuple[np.ndarray, list[int]]:
    """A with X_r = X_f A (p_f x p_r), and the columns of ``f`` whose coefficients the test
    involves; refused, saying why, when ``r`` is not nested in ``f``.

    Nested by name when every column of ``r`` is a column of ``f`` (with the same values);
    otherwise in the column space, when every column of ``r`` is a combination of the
    columns of ``f`` (``y ~ x`` in ``y ~ poly(x, 2)``; :func:`column_space_basis`), and then
    the coefficients of the columns of ``f`` outside the span of ``r``'s are involved.
    """
    r_cols, f_cols = set(r.column_names), set(f.column_names)
    if r_cols == f_cols:
        raise ModelComparisonError(
            "the two models have the same design columns; a likelihood-ratio test needs the "
            "restricted model to leave some out"
        )
    if r_cols < f_cols and not same_name_differs(r, f):
        cols = [f.column_names.index(c) for c in r.column_names]
        return np.eye(f.p)[:, cols], [a for a in range(f.p) if f.column_names[a] not in r_cols]
    found = column_space_basis(r, f)
    if found is None:
        check_same_columns(r, f)  # columns of one name but other values: say which
        extra = [c for c in r.column_names if c not in f_cols]
        swapped = f_cols < r_cols or column_space_basis(f, r) is not None
        if not (r.in_memory and f.in_memory):
            # combinations need the rows: y ~ x + g in y ~ x * C(g, Sum) on partitions was
            # said not to be nested in the column space, which was never looked at
            raise ModelComparisonError(
                "the models are not nested by their columns' names: design column(s) "
                f"{', '.join(map(repr, extra))} of the restricted model are not in the full "
                f"model ({', '.join(map(repr, f.column_names))}); whether they are "
                "combinations of its columns (y ~ x + g in y ~ x * C(g, Sum)) needs the rows "
                "in memory, which a fit on partitions does not hold: fit both to the rows in "
                "memory (ddf.compute()), or write the two formulas with the same coding"
            )
        raise ModelComparisonError(
            "the models are not nested: design column(s) "
            f"{', '.join(map(repr, extra))} of the restricted model are not in the full model, "
            f"nor combinations of its columns ({', '.join(map(repr, f.column_names))})"
            + (" (the arguments look swapped: pass the smaller model first)" if swapped else "")
        )
    if r.p == f.p:
        raise ModelComparisonError(
            "the two models span the same columns: each design is a reparameterisation of the "
            "other (as g and C(g, Sum) are), so they have the same likelihood and there is "
            "nothing to test; a likelihood-ratio test needs the restricted model to leave "
            "some combination out"
        )
    basis, outside = found
    return basis, [a for a in range(f.p) if outside[a]]


def counted(data: ModelData) -> np.ndarray | None:
    """The rows of the observations a fit counts, where some rows are not among them: for
    frequency weights of rows in memory, those of positive weight (a row of weight 0 is no
    observation, and the fit is that of the data without it); None when every row counts (a
    survey design keeps its rows of weight 0)."""
    if not (data.in_memory and data.weight_type.counts_rows and data.design is None):
        return None
    keep = np.asarray(data.w) > 0
    return None if keep.all() else keep


def lost_levels(a: ModelData, b: ModelData, name_a: str, name_b: str) -> str:
    """Why two fits of one outcome have other levels where their rows tell it: one lacks
    levels the other has and dropped more rows for missing values (a level all of whose
    rows miss a value of the other model's predictors goes with them); else "". Told only
    "fit both to the same outcome", the user had."""
    for x, z, named in ((a, b, name_b), (b, a, name_a)):
        lost = [level for level in x.levels if z.coding.find(level) is None]
        extra = any(x.coding.find(level) is None for level in z.levels)
        if lost and not extra and z.n_dropped > x.n_dropped:
            return (
                f"{named} has no row of {', '.join(map(repr, lost))} left after dropping "
                f"{row_count(z.n_dropped)} with missing values; drop the rows with missing values "
                "in any variable of either model before fitting both"
            )
    return ""


def n_counted(data: ModelData) -> int:
    """Rows of the observations a fit counts: of positive frequency weight (also of rows
    held in partitions, whose tally counts them), or every row used (a survey design keeps
    its rows of weight 0)."""
    if data.weight_type.counts_rows and data.design is None:
        return int(data.positive_counts().sum())
    return data.n_rows


def null_name_hint(value: Any) -> str:
    """What a result's ``null_model`` given as a fit is (its name), and the test meant."""
    if not isinstance(value, str) or value not in NULL_MODELS:
        return ""
    return (
        f" ({value!r} is a result's null_model, a name: the test against the null model is "
        "res.lr_test() with no argument)"
    )


def not_a_fit_hint(value: Any) -> str:
    """What a value given where a fit goes is instead, said after its type: the
    scikit-learn classifier, whose fitted model is its ``results_``, or a result's
    ``null_model`` (:func:`null_name_hint`)."""
    # by name: importing the classifier's module imports scikit-learn, an optional extra
    if any(kind.__name__ == "MNLogitClassifier" for kind in type(value).__mro__):
        if getattr(value, "results_", None) is None:
            return " (the classifier's fitted model is clf.results_, once clf.fit(X, y) has run)"
        return " (the classifier's fitted model is clf.results_: pass that)"
    return null_name_hint(value)


def refuse_not_a_fit(value: Any, call: str) -> None:
    """Refuse ``value`` given as the fit ``call`` tests, unless it is one: its attributes
    were read as a fit's, and the first one missing was Python's bare AttributeError."""
    if not isinstance(getattr(value, "_data", None), ModelData):
        raise InputTypeError(
            f"{call}: res is a fitted model (MNLogitResults, as mnlogit.fit returns); got "
            f"{type(value).__name__}{not_a_fit_hint(value)}"
        )


def check_comparable(restricted: Any, full: Any) -> tuple[ModelData, ModelData]:
    """Refuse a likelihood-ratio test of fits whose likelihoods are not comparable: other
    outcome levels, reference, method, rows or weights. Returns their data on the rows of
    the observations both count (see :func:`counted`; as fitted when they have as many
    rows, which are then the same rows of the same weights)."""
    for name, res in (("restricted", restricted), ("full", full)):
        if not isinstance(getattr(res, "_data", None), ModelData):
            raise ModelComparisonError(
                f"{name}: expected a fitted MNLogitResults; got {type(res).__name__}"
                + not_a_fit_hint(res)
            )
    r, f = restricted._data, full._data
    # the levels' order (a Categorical's, or sorted text) only lays out the equations: the
    # same levels in another order are the same outcome, with the same likelihood
    if len(r.levels) != len(f.levels) or any(f.coding.find(a) is None for a in r.levels):
        raise ModelComparisonError(
            f"the models have different outcome levels ({', '.join(map(repr, r.levels))} vs "
            f"{', '.join(map(repr, f.levels))}); "
            + (
                lost_levels(r, f, "the restricted model", "the full model")
                or "fit both to the same outcome"
            )
        )
    if not same_level(r.ref, f.ref):
        raise ModelComparisonError(
            f"the models use different references ({r.ref!r} vs {f.ref!r}); fit both with the "
            "same ref= (or use with_ref)"
        )
    if restricted.method != full.method:
        raise ModelComparisonError(
            f"the models were fitted by different methods ({restricted.method!r} vs "
            f"{full.method!r}); their likelihoods are not comparable: fit both with the same "
            f"method= ({restricted.method!r} or {full.method!r})"
        )
    # rows of frequency weight 0 are no observations: a fit with them and one without them
    # (dropped, or missing a value) are of the same sample. Fits of as many rows are left
    # whole: each subset is a copy of the design
    if r.n_rows != f.n_rows:
        r, f = counted_data(r), counted_data(f)
    in_memory = r.in_memory and f.in_memory
    n_r, n_f = r.n_rows, f.n_rows
    if n_r != n_f and not in_memory:
        # rows held in partitions keep their rows of weight 0 (no subset of them is taken):
        # a fit without those rows beside a dask fit with them was refused as of other rows
        n_r, n_f = n_counted(r), n_counted(f)
    same_rows = n_r == n_f and (
        r.row_index is None or f.row_index is None or r.row_index.equals(f.row_index)
    )
    other_domain = "" if same_rows else subpop_refusal(r, f)
    if other_domain:
        raise ModelComparisonError(other_domain)
    if n_r == n_f and not same_rows:
        # rows dropped by hand and the index reset give the labels 0..n-1: the advice to drop
        # the rows with missing values first was what the user had done
        at = int(np.flatnonzero(r.row_index != f.row_index)[0])
        a, b = (_label(i[at]) for i in (r.row_index, f.row_index))
        # the same rows in another order (the data sorted between the fits), whatever was
        # dropped: said to be other rows missing values, whose dropping left it refused
        reordered = (
            r.row_index.is_unique
            and f.row_index.is_unique
            and r.row_index.sort_values().equals(f.row_index.sort_values())
        )
        # as many rows dropped for values missing in other variables: both were fitted to
        # the same data frame, which the advice to do so did not see
        missing = r.n_dropped == f.n_dropped > 0 and not reordered
        raise ModelComparisonError(
            f"the models were fitted on the same number of rows ({r.n_rows}) but not the same "
            f"rows in the same order (the data frames' row labels differ: row {at} is "
            f"{a!r} in one, {b!r} in the other); "
            + (
                f"each dropped {r.n_dropped} row{'s' if r.n_dropped > 1 else ''} with missing "
                "values, not the same (values missing in other variables): drop the rows with "
                "missing values "
                "in any variable of either model before fitting both"
                if missing
                else "the same rows in another order (the data sorted or shuffled between the "
                "fits): fit both to the data frame in one order of its rows"
                if reordered
                else "fit both to the same data frame"
                + (
                    " (rows dropped by hand and the index reset have other labels)"
                    if r.n_dropped != f.n_dropped
                    else ""
                )
            )
        )
    if same_rows and not in_memory:
        _check_rows_kept_apart(r, f)
    elif same_rows and not np.array_equal(r.coding.recode_map(f.coding)[r.y], f.y):
        differ = int(np.count_nonzero(r.coding.recode_map(f.coding)[r.y] != f.y))
        raise ModelComparisonError(
            f"the models' outcomes differ on {differ} of the {r.n_rows} rows: they were fitted "
            "to other outcome values, or to other rows in another order; fit both to the same "
            "outcome of the same data frame"
        )
    if not same_rows:
        # with no row dropped, dropping rows with missing values was no advice: the fits are
        # of other data, such as weighted rows and the same rows repeated
        advice = survey_missing_advice(r, f) or (
            "drop the rows with missing values in any variable of either model before fitting both"
            if r.n_dropped or f.n_dropped
            else "fit both to the same data frame"
            + (
                ", both with its frequency weights or both to its rows repeated (the two "
                "have the same likelihood but not the same rows)"
                if r.weighted != f.weighted
                else ""
            )
        )
        raise ModelComparisonError(
            f"the models were fitted on different rows ({n_r} rows, {r.n_dropped} dropped "
            f"for missing values vs {n_f} rows, {f.n_dropped} dropped); {advice}"
        )
    # weights of 1 are no weights: the likelihoods are the same (rows held elsewhere keep no
    # weights to compare, so there the flags decide)
    other_weights = not np.array_equal(r.w, f.w) if in_memory else r.weighted != f.weighted
    if other_weights:
        # beside a survey fit, the weights to give both are its design's (an unweighted fit
        # refitted with weights= alone is a survey fit of other rows' PSUs)
        survey = next((z for z in (r, f) if z.design is not None), None)
        same = "design=" if survey is not None else "weights="
        raise ModelComparisonError(
            f"the models were fitted with different weights; fit both with the same {same}"
            + (
                " (two survey fits are compared by Rao and Scott's working likelihood-ratio test)"
                if survey is not None
                else ""
            )
        )
    check_same_design(r, f)
    return r, f


def _label(value: Any) -> Any:
    """A row label as Python writes it: a MultiIndex's (np.int64(1), np.int64(0)) as (1, 0)."""
    if isinstance(value, tuple):
        return tuple(_label(v) for v in value)
    return value.item() if isinstance(value, np.generic) else value


def counted_data(data: ModelData) -> ModelData:
    """``data`` on the rows of the observations it counts (:func:`counted`)."""
    keep = counted(data)
    return data if keep is None else data.subset_rows(keep)


def _check_rows_kept_apart(r: ModelData, f: ModelData) -> None:
    """Fits of as many rows, one of them held in partitions (a dask fit): the rows cannot be
    compared one by one, so what both fits keep of them must agree: the weighted count of
    each outcome and, for each column of one name, its weighted sums over the rows of each
    outcome, its weighted sum of squares and its largest absolute value. The sums alone let
    a column with values moved between rows of one outcome (15 and 13 as 16 and 12) through,
    and the test compared a fit of other data."""
    recode = r.coding.recode_map(f.coding)  # r's core codes -> f's
    counts_r, counts_f = r.outcome_counts(), f.outcome_counts()[recode]
    if not np.allclose(counts_r, counts_f, rtol=1e-12, atol=0.0):
        shown = ", ".join(
            f"{r.levels[r.coding.core_to_level[c]]!r}: {a:g} vs {b:g}"
            for c, (a, b) in enumerate(zip(counts_r, counts_f, strict=True))
            if a != b
        )
        raise ModelComparisonError(
            f"the models' outcomes differ: the rows of each outcome weigh {shown}; fit both to "
            "the same outcome of the same data (with the same weights)"
        )
    kept_r = (r.outcome_sums(), r.column_squares()[:, None], r.column_extent()[:, None])
    kept_f = (f.outcome_sums()[:, recode], f.column_squares()[:, None], f.column_extent()[:, None])
    what = ("sums over the rows of each outcome", "sum of squares", "largest absolute value")
    for j, name in enumerate(r.column_names):
        if name not in f.column_names:
            continue
        for said, sums_r, sums_f in zip(what, kept_r, kept_f, strict=True):
            a, b = sums_r[j], sums_f[f.column_names.index(name)]
            # rounding is relative to the sums' own size: a floor of 1e-12 took any two
            # columns in units of 1e-140 for the same
            size = max(np.abs(a).max(), np.abs(b).max())
            if not np.allclose(a, b, rtol=1e-10, atol=1e-12 * size):
                raise ModelComparisonError(
                    f"the models' design column {name!r} holds other values (its weighted "
                    f"{said} differ{'s' if said != what[0] else ''}): they were fitted to other "
                    "rows or data; fit both to the same data"
                )
