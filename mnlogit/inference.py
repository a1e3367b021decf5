"""Statistical tests of a fit: likelihood-ratio tests (against the null, of nested fits). The
test result type lives in :mod:`mnlogit._test_result`, the per-term tests (car's Anova) in
:mod:`mnlogit._anova` and the Wald tests of linear restrictions in :mod:`mnlogit._wald`; all
are importable from here too.

Everything here works on a fitted results object and its :class:`~mnlogit._data.ModelData`.
Restricted models are refitted only through the fitted method's solver (the table in
:mod:`mnlogit._methods`) on a subset of the design columns, so estimation stays in one place;
this module never imports model.py or results.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._alike import level_said
from ._anova import anova
from ._comparable import check_comparable, nesting, one_argument_refusal, two_fits_at_a_time
from ._data import ModelData
from ._levels import same_level
from ._lr_gain import Maximum, gain_statistic, null_coefficients, on_full_columns
from ._other_options import answering_other_options
from ._parallel import numeric_errstate
from ._rao_scott import rao_scott_test
from ._refits import (
    limit_unknown_note,
    restricted_maximum,
    supremum_loglik,
)
from ._stop_messages import FIRTH_NOTE
from ._test_result import (
    TestResult,
    _diverging_labels,
    _not_computed,
    _slopes,
    chi2_test,
    lr_note,
    no_slopes,
    p_text,
    refuse_likelihood_tests,
    refuse_lr_beside,
    stopped_short_note,
)
from ._wald import (
    wald_test,
    wald_test_slopes,
)
from .exceptions import ModelComparisonError

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
    For a survey fit, Rao and Scott's working likelihood-ratio test (see :func:`lr_test`).
    Refused beside robust or cluster covariances (see :func:`refuse_lr_beside`); statistic
    and p-value are NaN, with a note, when a tested coefficient diverges under separation.
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
        if res.covariance.working_lr:
            working = f"Rao-Scott working {method[0].lower()}{method[1:]}"
            return rao_scott_test(res, _null_basis(data), stat, res.df_model, working, "")
        return chi2_test(stat, res.df_model, method, lr_note(stat), null=res.llnull)
    null = restricted_maximum(res, res._data, _null_basis(res._data), res._core.B)
    stat = gain_statistic(data, _penalised_fit(res), null)
    note = FIRTH_NOTE + (f" {REFIT_STOPPED_NOTE}" if np.isnan(null.value) else "")
    if res.covariance.working_lr:
        # a survey fit's penalised pseudo-likelihood is no likelihood of the sample either:
        # referred to chi2 it ignored the design, where lr_test of its null fit did not
        working = f"Rao-Scott working {method[0].lower()}{method[1:]}"
        return rao_scott_test(res, _null_basis(data), stat, res.df_model, working, note)
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

        Of survey fits (probability weights, with or without a design), Rao and Scott's
        working likelihood-ratio test, as R's ``survey::regTermTest(method="LRT")`` computes
        it for a ``svyglm``: ``statistic`` = 2 (l_full - l_restricted) of the weighted
        log-likelihoods with the weights scaled to mean 1 over the rows of the fit, those of
        weight 0 among them (as ``svyglm`` scales them),
        printed as ``working 2logLR``, and ``pvalue`` the tail of sum_i lambda_i chi2_1 /
        (chi2_d / d) by the saddlepoint approximation, lambda the generalised design effects
        of the tested coefficients (``details["design_effects"]``, the eigenvalues of
        V0^-1 V with V their design-based and V0 their model-based covariance in the full
        fit) and d the full fit's design degrees of freedom (``details["df_denom"]``, the d
        of its t and adjusted F tests, where regTermTest's default is the fit's residual
        df). The design is the full fit's; the restricted fit gives its log-likelihood.

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
        model, as ``g`` and ``C(g, Sum)``), or the covariance (robust, cluster) does not
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
    # a column in units of 1e-300 carries products that underflow to the 0 they mean, as
    # in every fit and analysis, whatever numpy error handling the program set
    with numeric_errstate():
        return _lr_test(restricted, full)


def _lr_test(restricted: MNLogitResults, full: MNLogitResults) -> TestResult:
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
    if full.covariance.working_lr:
        return rao_scott_test(
            full,
            basis,
            stat,
            df,
            f"Rao-Scott working {method[0].lower()}{method[1:]}",
            " ".join(notes),
        )
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
