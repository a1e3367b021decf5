"""Per-term tests of a fit, as car's ``Anova`` gives them for ``nnet::multinom``:
likelihood-ratio tests of refitted restricted models, or Wald tests with the fit's covariance
where that covariance allows no likelihood-ratio test (robust, cluster, survey design).
:func:`anova_table` also says why cells of the table are NaN, for the warning the results'
``anova()`` gives when the user's code reads one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ._checks import check_option
from ._data import ModelData
from ._distributions import chi2_sf
from ._lr_gain import Maximum, gain_statistic
from ._marginality import marginal_note
from ._progress import Progress
from ._refits import (
    SEPARATED,
    limit_unknown_note,
    polished,
    refit,
    restricted_maximum,
    spanned,
    unconverged_text,
    warn_unconverged,
)
from ._restriction_text import split_top
from ._restrictions import dropped_rows, keeps_constant
from ._test_result import (
    _diverging_labels,
    _diverging_note,
    adjusted_wald_f,
    lr_note,
    not_final_note,
    refuse_penalised,
    stopped_short_note,
)
from ._unsupported import explain_nan_rows
from ._wald import (
    anova_wald,
    few_clusters_table,
    singular_note,
    too_many_restrictions,
    type_ii_too_wide,
)
from .exceptions import DataError, OptionError, called_by_user
from .report._format import count
from .separation import detect, diverging_cells, exact_check_runs

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = ["anova", "anova_table"]


def anova(res: MNLogitResults, type: str = "II") -> pd.DataFrame:  # car::Anova's argument name
    """Per-term tests, each term dropped from every equation: the table of
    :func:`anova_table`, with an :class:`~mnlogit.exceptions.InferenceWarning` naming its
    rows of NaN cells and why, when the user's code calls it (a table printed shows bare
    NaN)."""
    table, why = anova_table(res, type)
    if called_by_user():
        explain_nan_rows("anova()", table, why)
    return table


def anova_table(res: MNLogitResults, type: str = "II") -> tuple[pd.DataFrame, str]:
    """Per-term tests, each term dropped from every equation: likelihood-ratio tests, or Wald
    tests with the fit's covariance when that covariance does not allow LR tests.

    Parameters
    ----------
    res : MNLogitResults
    type : {"II", "III"}
        ``"II"`` respects marginality: a term is tested in the model without the terms that
        contain it (its interactions), as ``car::Anova(type="II")``. ``"III"`` drops the term's
        columns from the full design: a term that an interaction contains is then tested
        where the interaction's other variables are zero (at a treatment-coded factor's base
        level), so its test depends on the contrasts and the variables' origin; the note
        says so, naming the terms.

    Returns
    -------
    table : DataFrame
        Indexed by term (the intercept is not tested), columns ``chi2``, ``df``, ``pvalue``;
        ``attrs["test"]`` is ``"LR"`` or ``"Wald"``, ``attrs["note"]`` says which and why.
        A survey fit's table has ``F`` and ``df_denom`` too, and ``pvalue`` is the F test's.
        A term with a coefficient that diverges under separation has NaN ``chi2`` and
        ``pvalue``, and the note names its coefficients (for a type II LR test, one that
        diverges in the model without the term's relatives, the larger model it compares,
        whatever the full fit's coding makes diverge); so has a term whose restricted
        refit stops short of its maximum (not by separation), where the statistic would be
        too large.
    why_nan : str
        The sentences of the note that say why cells are NaN ("" when none is).

    Notes
    -----
    With the model-based covariance: likelihood-ratio tests of refitted restricted models
    (tolerance 1e-12), against the fit taken on from its estimates to that tolerance. Firth
    fits compare penalised log-likelihoods, each restricted model fitted under the penalty
    of the larger model of its comparison (the full model; for a
    type II test of a term with relatives, the model without them), as logistf's ``drop1``
    and ``anova`` do, so that the statistics do not depend on the columns' units. With a
    robust or cluster covariance, beside which the likelihood ratio has no chi2
    distribution: Wald tests with that covariance, as ``car::Anova(test.statistic="Wald",
    vcov.=...)``. With a survey design: those Wald tests, each also as Stata's adjusted
    Wald F = (d - df + 1) / (d df) chi2 on (df, d - df + 1) degrees of freedom (d the design
    df), which :meth:`wald_test` gives for the term; the chi2 is ``car::Anova``'s of the
    ``svyglm`` fit for two outcomes. Either kind is NaN, with a note, for a fit that stopped
    short of its estimates. Type III tests the term's coefficients in the full model; type II
    tests the part of the term's hypothesis that is conjugate (in the covariance's metric) to
    its relatives', as car does, which equals W(term and relatives) - W(relatives); it is NaN,
    with a note, when a relative's coefficient diverges under separation (the projection
    then depends on where the fit stopped).

    Every test keeps the constant in its smaller model: in a design without an intercept
    column whose dummies add up to one (``y ~ 0 + g + x``), the test of ``g`` compares
    ``y ~ x`` (with an intercept) to the fit, on (K - 1)(levels - 1) degrees of freedom, as
    for ``y ~ g + x``, and not also that the constant is zero (the null of ``lr_test()`` and
    ``df_model`` is the intercept-only model likewise).
    """
    _check_type(type)
    refuse_penalised(res, "anova")  # survey fits: Wald tests (adjusted F), as below
    data = res._data
    # the intercept is not tested, nor a lone column that is the constant in other units (a
    # column of 2s without an intercept): its test has no restriction once the constant stays.
    # Told by its values, not its name: arrays given to MNLogit may call a slope 'Intercept',
    # whose test was left out of the table without a word
    terms = {
        t: cols
        for t, cols in data.terms.items()
        if tuple(cols) != (data.intercept,)
        and not (len(cols) == 1 and keeps_constant(data, cols) is not None)
    }
    if not terms:
        # each the constant, or part of it
        carriers = [t for t, cols in data.terms.items() if tuple(cols) != (data.intercept,)]
        raise DataError(
            f"anova: no term can be tested on its own: {', '.join(map(repr, carriers))} add up "
            "to the constant (no intercept column), and the model with the constant and "
            "without any one of them is the same model; add the intercept to test them"
            if len(carriers) > 1
            else "anova: the model has no terms besides the intercept to test"
            + (f" ({carriers[0]!r} is the constant)" if carriers else "")
        )
    factors = _term_factors(data, terms)
    containing = {t: [o for o in terms if factors[t] < factors[o]] for t in terms}
    relatives: dict[str, list[int]] = {
        term: sorted({c for other in containing[term] for c in terms[other]})
        if type == "II"
        else []
        for term in terms
    }
    wald = not res.covariance.lr_valid
    # a type II Wald test projects on the covariance of the relatives' coefficients too (an
    # LR test refits without them): diverging ones leave it at the fit's stopping point
    diverging = {
        term: _diverging_labels(res, [*cols, *(relatives[term] if wald else [])])
        if wald or not (relatives[term] and _diverging_labels(res, cols))
        else _diverging_without(res, cols, relatives[term])
        for term, cols in terms.items()
    }
    unconverged: list[str] = []  # LR refits that did not converge
    if wald:
        chi2s = {
            term: anova_wald(res, list(cols), relatives[term])
            for term, cols in terms.items()
            if not diverging[term]
        }
    elif stopped_short_note(res):  # no refits: NaN, the note says why
        chi2s = {}
    else:
        chi2s = _anova_lr(res, terms, relatives, diverging, unconverged)
    # a term's restrictions: one fewer per equation when its columns carry the constant
    # (y ~ 0 + g + x), which the smaller model keeps
    blocks = {t: len(dropped_rows(data, [*cols, *relatives[t]])) for t, cols in terms.items()}
    dfs = {t: blocks[t] - len(dropped_rows(data, relatives[t])) for t in terms}
    wide = [term for term in terms if too_many_restrictions(res, dfs[term])]
    conj, conj_note = type_ii_too_wide(
        res, {t: blocks[t] for t in terms if wald and relatives[t] and t not in wide}, terms
    )
    d = res.df_design
    rows: list[tuple[float | None, ...]] = []
    undefined: dict[str, str] = {}  # survey terms of more restrictions than the design df
    for term in terms:
        df = dfs[term]
        chi2 = np.nan if wald and term in wide + conj else chi2s.get(term, np.nan)
        if d is None:
            rows.append((chi2, df, float(chi2_sf(chi2, df)) if chi2 >= 0 else np.nan))
        else:  # a survey fit: Stata's adjusted Wald F on the design df, as its wald_test
            F = adjusted_wald_f(chi2, df, d, "")
            rows.append((chi2, df, F.statistic, F.df_denom, F.pvalue))
            if F.df_denom is not None and np.isnan(F.df_denom) and term not in wide:
                undefined[term] = F.note
    out = pd.DataFrame(
        rows,
        columns=["chi2", "df", "pvalue"]
        if d is None
        else ["chi2", "df", "F", "df_denom", "pvalue"],
        index=pd.Index(list(terms), name="term"),
    )
    out.attrs["type"] = type
    out.attrs["test"] = "Wald" if wald else "LR"
    if d is not None:
        note = (
            f"Type {type} Wald tests with the {res.covariance.label} covariance, as adjusted "
            f"Wald F = (d - df + 1) / (d df) chi2 on (df, d - df + 1) degrees of freedom, d = "
            f"{count(d)} design df, as wald_test gives them (Stata's svy: test); likelihood-ratio "
            "tests are not valid for survey data"
        )
    elif wald:
        note = (
            f"Type {type} Wald tests with the {res.covariance.label} covariance "
            "(likelihood-ratio tests are not valid with it)"
        )
    else:
        note = f"Type {type} likelihood-ratio tests" + (
            " of penalised (Firth) log-likelihoods, each restricted model fitted under the "
            "penalty of the larger model it is compared with"
            if res.solver.penalized
            else ""
        )
    if wald and few_clusters_table(res):
        note += ". " + few_clusters_table(res)
    coding = marginal_note(data, containing, factors) if type == "III" else ""
    if coding:
        note += ". " + coding
    # left out of the table above: said, or the table reads as if they had no term
    untested = [
        t for t, cols in data.terms.items() if t not in terms and not _is_the_constant(data, cols)
    ]
    if untested:
        note += (
            f". Not tested: {', '.join(map(repr, untested))}, which carry the constant (the "
            "design has no intercept column): the smaller model keeps the constant, so "
            "without one of them alone it is the same model; add an intercept column to "
            "test them"
        )
    described = note  # what the tests are; what follows says why cells are NaN
    labels = list(dict.fromkeys(label for term in terms for label in diverging[term]))
    if labels:
        note += ". " + _diverging_note(labels, res)
        through = [t for t in terms if diverging[t] and not _diverging_labels(res, terms[t])]
        if through:
            note += (
                f" Nor are the type II Wald tests of {', '.join(map(repr, through))}: each "
                "involves the coefficients of the terms that contain the term"
            )
    if wald and wide:
        k = max(dfs[t] for t in wide)
        why = too_many_restrictions(res, k)
        # each piece is joined with ". ": a sentence's own full stop would double it
        note += f". {', '.join(map(repr, wide))}: " + why.rstrip(".")
    note += f". {conj_note.rstrip('.')}" if conj_note else ""
    for term, why in undefined.items():  # a lonely PSU's variance ("adjust") adds rank
        note += f". {term!r}: {why.rstrip('.')}"
    negative = [term for term, chi2 in chi2s.items() if chi2 < 0]
    if negative and not wald:
        note += f". {', '.join(map(repr, negative))}: " + lr_note(-1.0)
    refits = ""  # the refits that did not converge, said in the table (it outlives the warning)
    if not wald and unconverged:
        text = unconverged_text(unconverged)
        refits = ". " + text[0].upper() + text[1:]
        note = note.rstrip(".") + refits
    short = not_final_note(res, "a Wald test") if wald else stopped_short_note(res)
    short = short or ("" if wald else limit_unknown_note(res))
    if short:  # the fit stopped short of its estimates
        note = note.rstrip(".") + ". " + short
    elif wald:  # NaN for a reason none of the above says
        nan = [t for t, c in chi2s.items() if np.isnan(c) and t not in wide + conj]
        note += singular_note(res, nan, terms, relatives)
    out.attrs["note"] = note
    # the sentences after the description (a sentence on the fit's stopping short is
    # joined to the description with its full stop taken off)
    why = note[len(described) :] if note.startswith(described) else note
    if all(model.endswith(f"{SEPARATED})") for model in unconverged):
        # refits compared at their limit leave no cell NaN, and their ConvergenceWarning
        # has said so: the warning of NaN cells repeated it as if it were why
        why = why.replace(refits, "", 1)
    return out, why.lstrip(". ")


def _check_type(type: Any) -> None:
    """Refuse a ``type=`` other than "II" or "III", car's numbers (``type=2``) and type I
    answered with what gives them: they were told only the names allowed."""
    number = None if isinstance(type, bool) else str(type).strip().upper()
    if not isinstance(type, (str, int, np.integer)) or number not in ("1", "I", "2", "3"):
        check_option("type", type, ("II", "III"))
        return
    said = f"type: expected one of ('II', 'III'); got {type!r}"
    if number in ("1", "I"):
        raise OptionError(f"{said}; {_SEQUENTIAL}")
    raise OptionError(f"{said}: car's type={number} is type={'I' * int(number)!r}")


# R's anova(fit) of a glm, each term added in turn to the terms before it
_SEQUENTIAL = (
    "type I (sequential) tests are not offered: mnlogit.lr_test(smaller, larger) of the "
    "fits adding one term at a time gives them"
)


def _diverging_without(res: MNLogitResults, cols: Any, relatives: list[int]) -> list[str]:
    """The term's coefficients (labels of the full fit's) that diverge in the larger model of
    its type II LR test, the design without its relatives, which is the model compared: a
    separation that only a relative carries (a rare baseline level fitted exactly by its
    interaction, which makes the intercept and the main effects diverge with it) leaves
    that model alone, and which of the full fit's coefficients diverge depends on the
    coding. The full fit's, where the exact check cannot run."""
    data = res._data
    if res._diverging_unchecked or not exact_check_runs(data):
        return _diverging_labels(res, cols)
    within = [c for c in range(data.p) if c not in set(relatives)]
    constant = keeps_constant(data, set(relatives)) is not None
    larger, _ = spanned(data, within, constant)
    cells = diverging_cells(detect(larger), larger)  # a constant column first, with constant
    names, first = data.column_names, int(constant)
    return [
        f"{eq}:{names[c]}"
        for j, eq in enumerate(res.equations)
        for c in sorted(cols)
        if cells[first + within.index(c), j]
    ]


def _is_the_constant(data: ModelData, cols: Any) -> bool:
    """Whether ``cols`` is one column that is the constant by itself (the intercept, or a
    column of 2s without one), as opposed to a share of it."""
    if tuple(cols) == (data.intercept,):
        return True
    a = data.constant_combination
    if a is None or len(cols) != 1:
        return False
    # entries of columns without a share of the constant are 0 (see constant_combination)
    return not np.any(np.delete(a, cols[0]))


def _anova_lr(
    res: MNLogitResults,
    terms: dict[str, Any],
    relatives: dict[str, list[int]],
    diverging: dict[str, list[str]],
    unconverged: list[str],
) -> dict[str, float]:
    """LR chi2 of every term without a diverging coefficient, from refits of the design;
    the refits that did not converge are warned about and listed in ``unconverged``.

    The larger model of each comparison is the design without the term's relatives, fitted
    as such; the smaller one drops the term too, refitted (Firth fits) under the larger
    model's penalty."""
    data = res._data
    full_ll = polished(res)  # at the refits' tolerance, as they are
    if np.isnan(full_ll.value):  # its limit is not known (see limit_unknown_note): nor any chi2
        return {term: np.nan for term in terms if not diverging[term]}
    all_cols = range(data.p)
    # each model's (penalised) log-likelihood with its coefficients on the design, whose
    # rows' gains give the statistics
    cache: dict[frozenset, Maximum] = {frozenset(all_cols): full_ll}
    restricted: dict[tuple[frozenset, frozenset], Maximum] = {}
    progress = Progress(res._core.verbose, prefix="anova")

    def loglik(drop: set[int]) -> Maximum:
        keep = frozenset(c for c in all_cols if c not in drop)
        if keep not in cache:
            with progress.task(f"  refit with {len(keep)} of {data.p} columns"):
                cache[keep] = refit(
                    res, sorted(keep), unconverged, constant=keeps_constant(data, drop) is not None
                )
        return cache[keep]

    def penalised_without(rel: set[int], cols: set[int]) -> Maximum:
        """Firth: the model without ``rel`` under its own penalty, ``cols`` held at zero
        (the constant kept in either where the columns dropped carry it)."""
        within = sorted(c for c in all_cols if c not in rel)
        free = [c for c in within if c not in cols]
        key = (frozenset(within), frozenset(free))
        if key not in restricted:
            larger, L = spanned(data, within, keeps_constant(data, rel) is not None)
            a = keeps_constant(data, rel | cols)
            L_free = np.eye(data.p)[:, free]
            if a is not None:
                L_free = np.column_stack([a, L_free])
            basis = np.linalg.lstsq(L, L_free, rcond=None)[0]  # exact: a span within L's
            start = np.linalg.lstsq(L, res._core.B, rcond=None)[0]
            with progress.task(f"  refit with {basis.shape[1]} of {L.shape[1]} columns free"):
                found = restricted_maximum(res, larger, basis, start, unconverged)
                B = None if found.B is None else L @ found.B  # on the whole design
                restricted[key] = found._replace(B=B)
        return restricted[key]

    out = {}
    for k, (term, cols) in enumerate(terms.items()):
        if diverging[term]:
            continue
        progress.say(f"term {k + 1} of {len(terms)}: {term}")
        rel = set(relatives[term])
        smaller = (
            penalised_without(rel, set(cols)) if res.solver.penalized else loglik(rel | set(cols))
        )
        out[term] = gain_statistic(data, loglik(rel), smaller)
    if unconverged:
        warn_unconverged(unconverged)
    return out


def _term_factors(data: ModelData, terms: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each term's factors (``x1:group`` -> {x1, group}), from the ModelSpec when there is one."""
    out = {}
    spec_terms: dict[str, Any] = {}
    if data.spec is not None:
        exact = {("Intercept" if str(t) == "1" else str(t)): t for t in data.spec.terms}
        # a formula of names only labels its terms without formulaic's backticks: "b:x" is
        # the column `b:x`, which split at its colon was read as an interaction containing x
        spec_terms = {label.replace("`", ""): t for label, t in exact.items()} | exact
    for term in terms:
        if term in spec_terms:
            out[term] = frozenset(str(f) for f in spec_terms[term].factors)
        elif data.spec is None:
            # arrays have no formula: each column is a variable of its own, whatever its
            # name; a column "b:x" was read as an interaction containing the column x
            out[term] = frozenset((term,))
        else:
            out[term] = frozenset(split_top(term, ":"))
    return out
