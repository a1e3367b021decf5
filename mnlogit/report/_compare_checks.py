"""What :func:`mnlogit.compare` checks before it lines fits up: fits of one outcome against
one reference, columns of one name meaning one thing in every fit, and which fits were
fitted on other rows than the first, hold other values in a column of one name on the same
rows, or have their pseudo-R2 against another null model (said in notes: their numbers
describe other samples or other data, or are on another scale)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from .._alike import printed
from .._checks import check_option
from .._comparable import counted, lost_levels, n_counted, not_a_fit_hint
from .._data import ModelData
from .._levels import same_level
from .._null import NULL_ZERO
from .._terms import column_meanings
from ..covariance import COVARIANCES, other_name_hint
from ..exceptions import InputTypeError, ModelComparisonError, OptionError
from ._format import count

__all__ = [
    "SE_STYLES",
    "blank_statistics_notes",
    "check_names",
    "check_results",
    "check_se",
    "null_model_note",
    "other_rows_note",
    "other_se_refusal",
    "other_values_note",
    "positional_note",
]

SE_STYLES = ("parentheses", "brackets", "ci", "none")
# esttab's (z, t, p), modelsummary's and summary_col's cells under an estimate that the table
# does not show: the list of styles said nothing of them, nor where they are
_OTHER_CELLS = frozenset(
    {"z", "zstat", "zstats", "z_stat", "statistic", "t", "tstat", "tstats", "t_stat"}
    | {"p", "pvalue", "pvalues", "p_value", "p.value", "pval"}
)


def check_se(se: Any) -> str:
    """``se``, one of SE_STYLES, or a refusal that says what the table puts under an estimate
    (esttab's ``se='z'`` was refused with only the list of styles)."""
    refused = other_se_refusal(se)
    if refused is not None:
        raise refused
    return check_option("se", se, SE_STYLES)


def other_se_refusal(se: Any) -> OptionError | None:
    """The refusal of ``se`` naming what the table does not show under an estimate (a z
    statistic, a p-value) or a covariance ('robust'), saying where those are; None for any
    other value, which the list of styles answers."""
    if isinstance(se, str) and se.strip().lower() in _OTHER_CELLS:
        return OptionError(
            f"se={se!r}: the table shows no z (or t) statistics or p-values under the "
            "estimates; se= puts there the standard error in parentheses ('parentheses', the "
            "default) or brackets ('brackets'), the 1 - alpha interval ('ci'), or nothing "
            "('none'); stars=True marks p < 0.05, 0.01, 0.001, and compare(...).to_frame() "
            "holds every fit's statistics and p-values (columns 'z' and 'pvalue')"
        )
    covariance = isinstance(se, str) and se.strip().lower() in COVARIANCES
    if covariance or other_name_hint(se) is not None:
        # se='robust' (statsmodels' and Stata's word for the covariance) got only the styles
        hint = other_name_hint(se) or f"cov_type={se.strip().lower()!r}"
        return OptionError(
            f"se={se!r}: se= is what the table shows under each estimate ('parentheses', "
            "'brackets', 'ci' or 'none'), not the covariance: each fit's standard errors are "
            f"those of its own covariance, chosen when it is fitted ({hint})"
        )
    return None


def _is_fit(obj: Any) -> bool:
    return isinstance(getattr(obj, "_data", None), ModelData)


def check_results(results: Any, others: Sequence[Any] = ()) -> list:
    """``results`` as a list of fits that can share a table, or the reason they cannot;
    ``others``, the arguments after it, hold no fit (``compare(a, b, c)``, as R's
    ``anova(m1, m2)`` takes them, was refused as odds_ratios= not True or False)."""
    if any(map(_is_fit, others)):
        apart = sum(map(_is_fit, [results, *others]))
        raise InputTypeError(
            f"compare: expected the fitted models in one list, compare([res1, res2, ...]); "
            f"got {apart} of them as separate arguments"
        )
    if _is_fit(results) or not isinstance(results, (list, tuple)):
        raise InputTypeError(
            f"compare: expected a list of fitted models; got {type(results).__name__}"
        )
    bad = [i for i, r in enumerate(results) if not _is_fit(r)]
    if bad or not results:
        what = (
            f"item {bad[0]} is a {type(results[bad[0]]).__name__}{not_a_fit_hint(results[bad[0]])}"
            if bad
            else "it is empty"
        )
        raise InputTypeError(f"compare: expected a list of fitted models; {what}")
    first = results[0]
    for i, res in enumerate(results[1:], start=2):
        # the same levels in any order: a Categorical's order of them is no other outcome,
        # and the table lines equations up by level, in model 1's order
        same_levels = len(res.outcomes) == len(first.outcomes) and all(
            any(same_level(a, b) for b in first.outcomes) for a in res.outcomes
        )
        other_name = res._data.outcome_name != first._data.outcome_name
        # another name for the same values on the same rows names no other outcome: the
        # classifier calls an unnamed y 'y', and y named as a column of X 'mode_'
        if other_name and same_levels and _same_rows(first._data, res._data) is True:
            other_name = False
        if not same_levels or other_name:
            lost = res._data.outcome_name == first._data.outcome_name and lost_levels(
                first._data, res._data, "model 1", f"model {i}"
            )
            raise ModelComparisonError(
                f"compare: model {i} has outcome {res._data.outcome_name!r} with levels "
                f"{', '.join(map(repr, res.outcomes))}; model 1 has {first._data.outcome_name!r} "
                f"with levels {', '.join(map(repr, first.outcomes))}. "
                + (
                    f"Fits of other levels cannot share a table: {lost}"
                    if lost
                    else "Only fits of the same outcome can share a table"
                )
            )
        if not same_level(res.ref, first.ref):
            raise ModelComparisonError(
                f"compare: model {i} has reference {res.ref!r}, model 1 {first.ref!r}; "
                f"coefficients against different references are not comparable. Re-express "
                f"one with res.with_ref({first.ref!r})"
            )
    _check_intercepts(results)
    _check_columns(results)
    _check_positions(results)
    return list(results)


def _slope_named_intercept(data: ModelData) -> bool:
    """Whether a fit's column 'Intercept' is a slope: arrays given to MNLogit may call one
    so, and the fit takes only a column of ones for the intercept."""
    names = data.column_names
    return "Intercept" in names and (data.intercept is None or names[data.intercept] != "Intercept")


def _check_intercepts(results: list | tuple) -> None:
    """Refuse a slope named 'Intercept' beside a fit whose 'Intercept' is its intercept:
    the row 'Intercept' put the slope's coefficients beside the other's intercepts."""
    slopes = [_slope_named_intercept(res._data) for res in results]
    for i in (i for i, slope in enumerate(slopes, start=1) if slope):
        for j, other in enumerate(results, start=1):
            if not slopes[j - 1] and "Intercept" in other._data.column_names:
                raise ModelComparisonError(
                    f"compare: column 'Intercept' of model {i} is not an intercept (it is not a "
                    f"column of ones) but the intercept of model {j}. One row of the table "
                    "would hold coefficients of different things; give that column of model "
                    f"{i} another name"
                )


def _check_columns(results: list | tuple) -> None:
    """Refuse a column name that stands for different columns in two fits: ``g[T.b]`` is b
    against another baseline when a fit's rows lack the first level, ``scale(x)`` has
    another mean and SD on other rows. One table row would line up different things."""
    seen: dict[str, tuple[int, tuple]] = {}
    for i, res in enumerate(results, start=1):
        for column, meaning in column_meanings(res._data.spec).items():
            if column not in seen:
                seen[column] = (i, meaning)
                continue
            j, before = seen[column]
            if meaning != before:
                difference, advice = _differs(before, meaning, j, i)
                raise ModelComparisonError(
                    f"compare: column {column!r} of model {i} is not the column of that name in "
                    f"model {j}: {difference}. One row of the table would hold coefficients of "
                    f"different things; {advice}"
                )


def _differs(before: tuple, after: tuple, j: int, i: int) -> tuple[str, str]:
    """(how the encodings of models j and i differ, what to do about it)."""
    same_rows = "fit the models on the same rows"
    for (expr, what, a), (_, _, b) in zip(before, after, strict=False):
        if a == b:
            continue
        if what == "baseline":
            return (
                f"{expr} is coded against level {a!r} in model {j}, {b!r} in model {i}",
                f"give it a baseline both data have, C({expr}, Treatment(...))",
            )
        if what == "state":
            return (
                f"{expr} learned {dict(a)} from the rows of model {j}, {dict(b)} from those "
                f"of model {i}",
                same_rows,
            )
        return f"{expr} has the levels {list(a)} in model {j}, {list(b)} in model {i}", same_rows
    return "the two are encoded differently", same_rows


def _positional(data: ModelData) -> bool:
    """Whether a fit's column names are positions (x0, x1, ...: a model from an array), which
    say nothing of what the columns hold."""
    names = data.column_names
    # a DataFrame made from an array has columns 0, 1, ... (pd.DataFrame(X))
    positions = [tuple(f"{x}{j}" for j in range(len(names))) for x in ("x", "")]
    return data.spec is None and names in positions


def _check_positions(results: list | tuple) -> None:
    """Refuse a column named by position that holds other values in a fit of the same rows:
    MNLogit(y, [1, income, kids]) beside MNLogit(y, [1, kids, income]) lined up income's
    coefficients with kids' in the row x1, with nothing said."""
    for i, res in enumerate(results[1:], start=2):
        for j, before in enumerate(results[: i - 1], start=1):
            a, b = before._data, res._data
            if not (_positional(a) or _positional(b)):
                continue
            same, at = _alignment(a, b)
            if not same:
                continue
            # the rows of the sample, b's in a's order: the same rows shuffled, or beside
            # rows of weight 0, were said to hold other values
            xa, xb = _rows(a), _rows(b)[at]
            for name in [c for c in a.column_names if c in b.column_names]:
                ca = xa[:, a.column_names.index(name)]
                cb = xb[:, b.column_names.index(name)]
                if not np.array_equal(ca, cb):
                    raise ModelComparisonError(
                        f"compare: column {name!r} of model {i} is not the column of that name "
                        f"in model {j}: it holds other values on the same rows, and names "
                        "such as x0, x1, ... (or 0, 1, ...) are positions in an array, not "
                        "variables. One row of the table would hold coefficients of different "
                        "things; fit the models from DataFrames whose columns are named"
                    )


def positional_note(results: Sequence[Any], names: Sequence[str]) -> str:
    """A note naming the fits whose columns are named by position (x0, x1, ...) beside fits
    of other rows, whose columns could not be checked against theirs, or ``""``."""
    datas = [res._data for res in results]
    unchecked = [
        name
        for i, (name, data) in enumerate(zip(names, datas, strict=True))
        if _positional(data)
        and any(_same_rows(data, other) is not True for k, other in enumerate(datas) if k != i)
    ]
    if not unchecked or len(results) < 2:
        return ""
    return (
        f"{', '.join(unchecked)}: fitted on unnamed arrays, whose columns are named by "
        "position (x0, x1, ... or 0, 1, ...); a row lines up the columns at that position, "
        "which are the same variables only if the arrays held them in the same order (fits "
        "of other rows cannot be checked)."
    )


def other_values_note(results: Sequence[Any], names: Sequence[str]) -> str:
    """A note naming the columns that hold other values in a later fit than in an earlier
    one of the same rows (a column changed in place between the fits: x1 beside x1 * 100),
    or ``""``. Their table rows line up coefficients of different data, as lr_test refuses
    to compare; a column named by position is refused outright (:func:`_check_positions`)."""
    said = []
    for i, res in enumerate(results[1:], start=1):
        for j, before in enumerate(results[:i]):
            a, b = before._data, res._data
            if _positional(a) or _positional(b) or not (a.in_memory and b.in_memory):
                continue
            same, at = _alignment(a, b)
            if not same:
                continue
            changed = [
                name for name, ca, cb in _shared_columns(a, b, at) if not np.array_equal(ca, cb)
            ]
            if changed:
                columns = ", ".join(map(repr, changed))
                verb = "holds" if len(changed) == 1 else "hold"
                said.append(f"{names[i]}: {columns} {verb} other values than in {names[j]}")
                break
    if not said:
        return ""
    return (
        f"{'; '.join(said)}, on the same rows (the data changed between the fits): the "
        "table's rows of those columns line up coefficients of different data."
    )


def other_rows_note(results: Sequence[Any], names: Sequence[str]) -> str:
    """A note naming the fits fitted on other rows (or weights) than the first, those of its
    rows and weights with other outcomes, and those whose rows could not be compared with
    the first's (rows in partitions), or ``""``."""
    first = results[0]._data
    matched = [_matched(first, res._data) for res in results[1:]]
    same = [rows and outcomes if rows is not None else None for rows, outcomes, _ in matched]
    # the same rows, weights and predictors, with other outcomes: the outcome's column
    # changed between the fits (said as "other rows (or weights)", which the counts seemed
    # to deny); rows of the same labels holding other predictors are other rows
    relabelled = [
        name
        for name, res, (rows, outcomes, at) in zip(names[1:], results[1:], matched, strict=True)
        if rows is True and not outcomes and _same_predictors(first, res._data, at)
    ]
    other = [
        name
        for name, s in zip(names[1:], same, strict=True)
        if s is False and name not in relabelled
    ]
    unknown = [name for name, s in zip(names[1:], same, strict=True) if s is None]
    notes = []
    if relabelled:
        notes.append(
            f"{', '.join(relabelled)} {'was' if len(relabelled) == 1 else 'were'} fitted on "
            f"the rows and weights of {names[0]} with other outcomes in some of them (the "
            "outcome's data changed between the fits): the estimates describe different "
            "data, and the log-likelihoods, AIC and BIC are not comparable across them."
        )
    if other:
        shown = [count(r.nobs) for r in results]
        # as many rows (other rows, or other weights): "N = 400 in (1), 400 in (2)" read as
        # a contradiction of the note
        counts = (
            f"{shown[0]} in each"
            if len(set(shown)) == 1
            else ", ".join(f"{c} in {n}" for n, c in zip(names, shown, strict=True))
        )
        notes.append(
            f"{', '.join(other)} {'was' if len(other) == 1 else 'were'} fitted on other rows "
            f"(or weights) than {names[0]} (N = {counts}): the estimates describe different "
            "samples, and the log-likelihoods, AIC and BIC are not comparable across them."
        )
    if unknown:
        notes.append(
            f"{', '.join(unknown)} and {names[0]} have as many rows, the same total weight and "
            "the same count of each outcome, but the rows of a fit on partitions (Dask) are "
            "not compared one by one: whether they are the same sample, and so whether the "
            "log-likelihoods, AIC and BIC are comparable, was not checked."
        )
    return " ".join(notes)


def null_model_note(results: Sequence[Any], names: Sequence[str], shown: Sequence[bool]) -> str:
    """A note naming the fits whose McFadden R2 (``shown``) is against the null of every
    coefficient zero (a design without an intercept), or ``""``: beside fits against the
    intercept-only null, a fit worse by its log-likelihood had the larger R2."""
    zero = [
        name
        for name, res, on in zip(names, results, shown, strict=True)
        if on and res.null_model == NULL_ZERO
    ]
    if not zero:
        return ""
    others = any(on and res.null_model != NULL_ZERO for res, on in zip(results, shown, strict=True))
    because = {
        res._null_zero_because
        for res, on in zip(results, shown, strict=True)
        if on and res.null_model == NULL_ZERO
    }
    note = (
        f"{', '.join(zero)}: McFadden R2 against the null model of every coefficient zero "
        f"(each outcome 1/K), the null nested in {' or '.join(sorted(because))}"
    )
    if others:
        note += "; the others' against the intercept-only model, so the two are not comparable"
    return note + "."


def _same_rows(a: ModelData, b: ModelData) -> bool | None:
    """Whether two fits used the same rows with the same weights; None where the rows stay
    in partitions and their totals agree, which cannot tell. A row of frequency weight 0 is
    no observation (the fit is that of the data without it), so a fit with such rows and
    one without them are of the same sample; a survey design keeps its rows of weight 0."""
    return _alignment(a, b)[0]


def _rows(data: ModelData) -> np.ndarray:
    """The design's rows of the sample (those :func:`_counted` keeps)."""
    keep = counted(data)
    return data.X if keep is None else data.X[keep]


def _shared_columns(a: ModelData, b: ModelData, at: Any) -> list[tuple[str, Any, Any]]:
    """(name, a's values, b's values on the rows ``at`` of :func:`_matched`) of each design
    column both fits have."""
    xa, xb = _rows(a), _rows(b)[at]
    return [
        (name, xa[:, a.column_names.index(name)], xb[:, b.column_names.index(name)])
        for name in a.column_names
        if name in b.column_names
    ]


def _same_predictors(a: ModelData, b: ModelData, at: Any) -> bool:
    """Whether the rows ``at`` (:func:`_matched`) hold the same values in the columns both
    designs have, one of them at least not constant (the intercept alone tells nothing)."""
    columns = _shared_columns(a, b, at)
    varying = any(np.ptp(ca) > 0 for _, ca, _ in columns if len(ca))
    return varying and all(np.array_equal(ca, cb) for _, ca, cb in columns)


def _alignment(a: ModelData, b: ModelData) -> tuple[bool | None, Any]:
    """:func:`_same_rows`, and where it is True, the position of each of ``a``'s rows of
    the sample among ``b``'s (an index array, or a slice where they are in one order)."""
    rows, outcomes, at = _matched(a, b)
    return (rows and outcomes if rows is not None else None), at


def _matched(a: ModelData, b: ModelData) -> tuple[bool | None, bool, Any]:
    """Whether two fits used the same rows with the same weights (None where the rows stay
    in partitions and their totals agree), whether those rows hold the same outcomes, and
    the position of each of ``a``'s rows among ``b``'s."""
    at: Any = slice(None)  # b's row of each of a's rows
    if n_counted(a) != n_counted(b):
        return False, False, at
    if not (a.in_memory and b.in_memory):
        # the rows stay in partitions: their tallies can tell two samples apart (a dask fit
        # of other data, or with weights, of as many rows was said to be the same sample),
        # not show them to be one
        # to rounding: partitions sum their weights in another order than one array does
        ca, cb = _counts(a), _counts(b)
        totals = [(a.sum_weights, b.sum_weights)] + [(ca[k], cb.get(k, np.nan)) for k in ca]
        if not all(np.isclose(x, y, rtol=1e-12, atol=0.0) for x, y in totals):
            return False, False, at
        return None, True, at
    (ia, ya, wa), (ib, yb, wb) = _counted(a), _counted(b)
    if ia is not None and ib is not None and not ia.equals(ib):
        # the same rows in another order are the same sample (the data sorted or shuffled
        # between the fits were said to be "other rows"); rows told apart by their labels
        if not (ia.is_unique and ib.is_unique):
            return False, False, at
        at = ib.get_indexer(ia)
        if (at < 0).any():
            return False, False, at
    if a.design is None and b.design is None:
        same_w = np.array_equal(wa, wb[at])
    else:  # scaled back, to the rounding of a division by the mean weight
        same_w = wa.shape == wb[at].shape and np.allclose(wa, wb[at], rtol=1e-12, atol=0.0)
    return bool(same_w), bool(np.array_equal(ya, yb[at])), at


def _counted(data: ModelData) -> tuple[Any, np.ndarray, np.ndarray]:
    """(row labels or None, outcome levels, weights as given) of the rows of the sample."""
    labels, levels, w = data.row_index, _outcomes(data), np.asarray(data.w)
    if data.design is not None:
        # a survey fit runs on its weights divided by weight_scale (a power of two, and a
        # Firth fit's mean weight): the same weights gave a Firth fit "other weights"
        w = w * data.design.weight_scale
    keep = counted(data)
    if keep is None:
        return labels, levels, w
    return None if labels is None else labels[keep], levels[keep], w[keep]


def _counts(data: ModelData) -> dict:
    """Each outcome level's (weighted) count."""
    counts = data.outcome_counts()[data.coding.level_to_core]
    return dict(zip(data.levels, counts.tolist(), strict=True))


def _outcomes(data: ModelData) -> np.ndarray:
    """Each row's outcome level (the codes of fits whose levels come in another order differ)."""
    return np.asarray(data.levels, dtype=object)[data.level_codes()]


def check_names(names: Any, n: int) -> list[str]:
    if names is None:
        return [f"({i})" for i in range(1, n + 1)]
    if isinstance(names, str) or not isinstance(names, (list, tuple)):
        raise InputTypeError(f"names: expected a list of {n} strings; got {names!r}")
    if any(v is None for v in names):
        # str(None) headed a column 'None'
        raise InputTypeError(
            f"names: expected {n} strings, one per model; got {names!r} (leave names out for "
            f"the default (1), (2), ...)"
        )
    names = [str(v) for v in names]
    # names alike but for their white space (around them, a tab or a run of spaces inside,
    # which HTML, Markdown and LaTeX collapse), their Unicode form, an invisible mark or the
    # kind of space ("a b" and "a\xa0b") head two columns that read the same
    shown = {" ".join(printed(v).split()) for v in names}
    if len(names) != n or len(shown) != n or not all(printed(v).strip() for v in names):
        raise InputTypeError(
            f"names: expected {n} distinct, non-blank names, one per model (names that print "
            f"alike are one); got {names!a}"
        )
    return names


def blank_statistics_notes(results: Sequence[Any], names: Sequence[str], stats: Any) -> list[str]:
    """Why a fit's log-likelihood, AIC, BIC or pseudo-R2 cells (of ``stats``, a comparison's
    statistics) are blank: a survey fit's weighted log-likelihood is no likelihood of the
    sample, and a penalty constrains the parameters AIC and BIC would count as free. A blank
    cell said nothing of either."""
    notes = []
    for name, res in zip(names, results, strict=True):
        blank = [
            label
            for label in ("Log-likelihood", "AIC", "BIC", "McFadden R2")
            if not np.isfinite(stats.loc[label, name])
        ]
        if not blank:
            continue
        blank = [label.replace("Log-", "log-") for label in blank]
        shown = ", ".join(blank[:-1]) + (" or " if len(blank) > 1 else "") + blank[-1]
        if res._data.design is not None:
            why = "a survey fit's weighted log-likelihood is not a likelihood of the sample"
        elif not res.solver.inference:
            why = "the penalty constrains the parameters they count as free"
        else:
            why = "the fit does not support them"
        notes.append(f"{name}: no {shown} ({why}; its summary leaves them out too).")
    return notes
