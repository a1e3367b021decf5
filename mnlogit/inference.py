"""Statistical tests of a fit: likelihood-ratio tests (against the null, of nested fits, per
term as car's Anova). The test result type lives in :mod:`mnlogit._test_result` and the Wald
tests of linear restrictions in :mod:`mnlogit._wald`; both are importable from here too.

Everything here works on a fitted results object and its :class:`~mnlogit._data.ModelData`.
Restricted models are refitted only through the fitted method's solver (the table in
:mod:`mnlogit._methods`) on a subset of the design columns, so estimation stays in one place;
this module never imports model.py or results.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import stats

from ._alike import level_said
from ._checks import check_option
from ._comparable import check_comparable, nesting, one_argument_refusal, two_fits_at_a_time
from ._data import ModelData
from ._levels import same_level
from ._lr_gain import Maximum, gain_statistic, null_coefficients, on_full_columns
from ._marginality import marginal_note
from ._other_options import answering_other_options
from ._progress import Progress
from ._refits import (
    limit_unknown_note,
    polished,
    refit,
    restricted_maximum,
    spanned,
    supremum_loglik,
    unconverged_text,
    warn_unconverged,
)
from ._restriction_text import split_top
from ._restrictions import dropped_rows, keeps_constant
from ._stop_messages import FIRTH_NOTE
from ._test_result import (
    TestResult,
    _diverging_labels,
    _diverging_note,
    _not_computed,
    _slopes,
    adjusted_wald_f,
    chi2_test,
    lr_note,
    no_slopes,
    not_final_note,
    p_text,
    refuse_likelihood_tests,
    refuse_lr_beside,
    refuse_penalised,
    stopped_short_note,
)
from ._wald import (
    anova_wald,
    few_clusters_table,
    singular_note,
    too_many_restrictions,
    type_ii_too_wide,
    wald_test,
    wald_test_slopes,
)
from .exceptions import DataError, ModelComparisonError
from .report._format import count

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = [
    "TestResult",
    "anova",
    "chi2_test",
    "lr_test",
    "lr_test_null",
    "p_text",
    "wald_test",
    "wald_test_slopes",
]


def lr_test_null(res: MNLogitResults) -> TestResult:
    """LR test of a fit against its null model (:attr:`~MNLogitResults.null_model`), with
    ``df_model`` degrees of freedom.

    The null is the intercept-only model when the design's column space holds the constant,
    otherwise the model with every coefficient zero (each level 1/K): either way nested in
    the fit, so the statistic is not negative at a maximum. For a Firth fit the statistic
    compares penalised log-likelihoods, the null model fitted under the full model's penalty
    (see :func:`lr_test`); the null's penalised log-likelihood is ``details["null"]``.
    Refused for survey fits (see :func:`refuse_likelihood_tests`) and
    beside robust or cluster covariances (see :func:`refuse_lr_beside`); statistic and
    p-value are NaN, with a note, when a tested coefficient diverges under separation.
    """
    refuse_likelihood_tests(res, "lr_test")
    refuse_lr_beside(res)
    data = res._data
    if data.spans_constant:
        method = "Likelihood-ratio test against the intercept-only model"
    else:
        method = (
            "Likelihood-ratio test against the null model with every coefficient zero (each "
            "outcome level 1/K; the design has no intercept)"
        )
    if res.df_model == 0:  # the fit is its null model: 2 (llf - llnull) is only rounding
        return no_slopes(method)
    labels = _diverging_labels(res, _slopes(data))
    if labels:
        return _not_computed(res.df_model, method, labels, res)
    short = stopped_short_note(res) or limit_unknown_note(res)
    if short:
        return TestResult(np.nan, float(res.df_model), np.nan, method, short, {"reason": short})
    if not res.solver.penalized:
        B = res._core.B if res.converged else None  # a separated fit's supremum: the sums
        fitted = Maximum(supremum_loglik(res), B)
        stat = gain_statistic(data, fitted, Maximum(res.llnull, null_coefficients(data)))
        return chi2_test(stat, res.df_model, method, lr_note(stat), null=res.llnull)
    null = restricted_maximum(res, res._data, _null_basis(res._data), res._core.B)
    stat = gain_statistic(data, _penalised_fit(res), null)
    note = FIRTH_NOTE + (f" {REFIT_STOPPED_NOTE}" if np.isnan(null.value) else "")
    return chi2_test(stat, res.df_model, method, lr_note(stat, note), null=null.value)


def _penalised_fit(res: MNLogitResults) -> Maximum:
    """A Firth fit's penalised log-likelihood, its coefficients and its penalty."""
    assert res.penalized_llf is not None and res._core.penalized_loglik is not None
    return Maximum(res.penalized_llf, res._core.B, res._core.penalized_loglik - res._core.loglik)


REFIT_STOPPED_NOTE = (
    "Not computed: the restricted model's refit under the full model's penalty did not "
    "converge, so its penalised log-likelihood is below its maximum and the statistic would "
    "be too large."
)


def _null_basis(data: ModelData) -> np.ndarray:
    """The null model's coefficients as B = L T: the combination of columns that adds up to
    the constant (the intercept column; dummies of every level); none (B = 0)."""
    a = data.constant_combination
    return np.zeros((data.p, 0)) if a is None else a[:, None]


# --- nested likelihood-ratio tests ---------------------------------------------------------------
@two_fits_at_a_time  # first: three fits are refused with what to do instead
@answering_other_options
def lr_test(restricted: MNLogitResults, full: MNLogitResults | None = None) -> TestResult:
    """Likelihood-ratio test of a restricted model against a larger model that nests it.

    Parameters
    ----------
    restricted, full : MNLogitResults
        Two fits on the same rows, weights, outcome levels and method, where every
        design column of ``restricted`` is also a design column of ``full`` (by name, with the
        same values) or, for rows in memory, a linear combination of the columns of ``full``
        on the rows of positive weight: ``y ~ x`` is nested in ``y ~ poly(x, 2)`` and
        ``y ~ x + g`` in ``y ~ x * C(g, Sum)``. Either order is taken (the fit with fewer
        columns is the restricted one), and fits against other references are compared
        against ``full``'s (the likelihood does not depend on the reference); the note says
        so. One fit alone is refused, pointing to ``res.lr_test()``, its test against the
        intercept-only model; three or more (R's ``anova(m1, m2, m3)``), saying to test
        each pair in turn.

    Returns
    -------
    TestResult
        ``statistic`` = 2 (llf_full - llf_restricted), ``df`` = (K - 1)(p_full - p_restricted);
        ``details`` holds both log-likelihoods (penalised for Firth fits, the restricted one
        under the full model's penalty).

        The statistic and p-value are NaN, with a note, when a tested coefficient diverges
        under separation or when either fit stopped short of its estimates (max_iter
        reached without separation: its log-likelihood is then below its maximum, which
        would make the statistic wrong), as its Wald tests are, or a dask fit stopped by
        separation (the limit compared is found from rows it does not hold).

    Raises
    ------
    ModelComparisonError
        The fits differ in rows, weights, outcome levels, method or covariance
        type, the designs are not nested or span the same columns (two codings of one
        model, as ``g`` and ``C(g, Sum)``), or the covariance (robust, cluster, survey) does not
        allow a likelihood-ratio test: use ``full.wald_test(terms)`` then.

    Notes
    -----
    For Firth fits (``method="firth"``) this is the penalised likelihood-ratio test of
    Heinze & Schemper (2002), as logistf's ``anova`` computes it: the penalised
    log-likelihoods l(B) + log det I(B) / 2 are compared with the restricted model refitted
    under the full model's penalty, i.e. the full design's l(B) + log det I_full(B) / 2
    maximised with the coefficients of the columns ``restricted`` lacks held at zero (over
    B = A T, with X_restricted = X_full A, when the models nest as combinations of columns).
    ``restricted`` itself (fitted under its own, smaller penalty) supplies the columns and a
    starting point only; its own penalised log-likelihood is not comparable, as the penalty
    depends on the design (scaling a column by c moves log det I by 2 (K - 1) log c). The
    statistic is therefore invariant to the units of every column.

    Examples
    --------
    >>> import mnlogit
    >>> df = mnlogit.datasets.load("travel")
    >>> small = mnlogit.fit("mode ~ np.log(distance)", df, ref="car")
    >>> full = mnlogit.fit("mode ~ np.log(distance) + parking", df, ref="car")
    >>> test = mnlogit.lr_test(small, full)
    >>> test.df, round(test.statistic, 1)
    (3.0, 324.2)
    """
    if full is None:  # mnlogit.lr_test(res), meant as the test against the null model
        raise one_argument_refusal(restricted)
    # a fit that allows no likelihood-ratio test is refused first: beside an unweighted fit
    # a survey fit was told to refit with the same weights, which the test refuses too
    for res in (restricted, full):
        if isinstance(getattr(res, "_data", None), ModelData):
            refuse_likelihood_tests(res, "lr_test")
    restricted, full, order = _as_nested(restricted, full)
    # on the rows counted: a fit with rows of frequency weight 0 is the fit without them
    r, f = check_comparable(restricted, full)
    refuse_lr_beside(restricted, full)
    try:
        basis, tested = nesting(r, f)
    except ModelComparisonError as e:
        if SWAPPED not in order:
            raise
        # its "restricted model" is the one given second: say so
        raise ModelComparisonError(
            f"{e} (the model given second has fewer columns, so it was taken as the restricted one)"
        ) from None
    df = r.q * (f.p - r.p)
    method = "Likelihood-ratio test of nested models"
    labels = _diverging_labels(full, tested)
    if labels:
        return _not_computed(df, method, labels, full)
    firth = full.solver.penalized
    # Firth refits the restricted model under the full model's penalty
    note = stopped_short_note(full, "the larger fit") or (
        "" if firth else stopped_short_note(restricted, "the restricted fit", larger=False)
    )
    note = note or limit_unknown_note(restricted, full)
    if note:
        return TestResult(np.nan, float(df), np.nan, method, note, {"reason": note})
    if firth:
        larger, smaller = _penalised_fit(full), _nested_penalised(restricted, full, basis)
    else:
        # the rows' gains from the two fits' coefficients, where both reached their maxima
        # (a separated fit's supremum is not at its coefficients)
        both = restricted.converged and full.converged
        larger = Maximum(supremum_loglik(full), full._core.B if both else None)
        smaller = Maximum(
            supremum_loglik(restricted), on_full_columns(restricted, full, basis) if both else None
        )
    ll_r, ll_f = smaller.value, larger.value
    notes = [order] if order else []
    if firth:
        notes.append(FIRTH_NOTE)
    if firth and np.isnan(ll_r):
        notes.append(REFIT_STOPPED_NOTE)
    if not (restricted.converged and full.converged):  # stopped by separation
        notes.append(
            "Warning: at least one of the fits did not converge (separation); the "
            "log-likelihood of a separated fit is the value it approaches along the "
            "separating direction."
        )
    stat = gain_statistic(f, larger, smaller)
    return chi2_test(
        stat, df, method, lr_note(stat, " ".join(notes)), llf_restricted=ll_r, llf_full=ll_f
    )


SWAPPED = "The larger model was given first; tested as the model with fewer columns nested in it."


def _as_nested(a: Any, b: Any) -> tuple[Any, Any, str]:
    """The two fits as (restricted, full), and a sentence on what was done to get there.

    Either order is taken, as R's ``anova`` and Stata's ``lrtest`` take it: the fit with more
    design columns is the larger model (whether it nests the other is checked later). A
    restricted fit against another reference is re-expressed against the full fit's
    (``with_ref``, exact, no refit): the likelihood does not depend on the reference, and
    the models' spans are the same in every equation, so the test is the same."""
    if not all(isinstance(getattr(r, "_data", None), ModelData) for r in (a, b)):
        return a, b, ""  # check_comparable says what was given
    notes = []
    if a._data.p > b._data.p:
        a, b = b, a
        notes.append(SWAPPED)
    ra, rb = a._data, b._data
    same_levels = len(ra.levels) == len(rb.levels) and all(
        rb.coding.find(v) is not None for v in ra.levels
    )
    if same_levels and not same_level(ra.ref, rb.ref):
        a = a.with_ref(b.ref)
        notes.append(
            f"The restricted model, fitted against reference {level_said(ra.ref)}, was "
            f"re-expressed against the full model's {level_said(rb.ref)}: the likelihood does "
            "not depend on the reference."
        )
    return a, b, " ".join(notes)


def _nested_penalised(
    restricted: MNLogitResults, full: MNLogitResults, basis: np.ndarray
) -> Maximum:
    """The restricted model's penalised log-likelihood under the full model's penalty: the
    full design's, maximised over B = basis T (the restricted model's span), from its
    estimates."""
    start = on_full_columns(restricted, full, basis)
    return restricted_maximum(full, full._data, basis, start)


# --- per-term tests (car::Anova) ----------------------------------------------------------------
def anova(res: MNLogitResults, type: str = "II") -> pd.DataFrame:  # car::Anova's argument name
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
    DataFrame
        Indexed by term (the intercept is not tested), columns ``chi2``, ``df``, ``pvalue``;
        ``attrs["test"]`` is ``"LR"`` or ``"Wald"``, ``attrs["note"]`` says which and why.
        A survey fit's table has ``F`` and ``df_denom`` too, and ``pvalue`` is the F test's.
        A term with a coefficient that diverges under separation has NaN ``chi2`` and
        ``pvalue``, and the note names its coefficients; so has a term whose restricted
        refit stops short of its maximum (not by separation), where the statistic would be
        too large.

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
    check_option("type", type, ("II", "III"))
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
            rows.append((chi2, df, float(stats.chi2.sf(chi2, df)) if chi2 >= 0 else np.nan))
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
        note += f". {', '.join(map(repr, wide))}: " + why
    note += f". {conj_note}" if conj_note else ""
    for term, why in undefined.items():  # a lonely PSU's variance ("adjust") adds rank
        note += f". {term!r}: {why}"
    negative = [term for term, chi2 in chi2s.items() if chi2 < 0]
    if negative and not wald:
        note += f". {', '.join(map(repr, negative))}: " + lr_note(-1.0)
    if not wald and unconverged:  # said in the table too, which outlives the warning
        text = unconverged_text(unconverged)
        note = note.rstrip(".") + ". " + text[0].upper() + text[1:]
    short = not_final_note(res, "a Wald test") if wald else stopped_short_note(res)
    short = short or ("" if wald else limit_unknown_note(res))
    if short:  # the fit stopped short of its estimates
        note = note.rstrip(".") + ". " + short
    elif wald:  # NaN for a reason none of the above says
        nan = [t for t, c in chi2s.items() if np.isnan(c) and t not in wide + conj]
        note += singular_note(res, nan, terms, relatives)
    out.attrs["note"] = note
    return out


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
