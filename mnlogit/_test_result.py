"""The result of a statistical test (:class:`TestResult`, chi2 and adjusted Wald F), the
refusals of tests a fit cannot support, and the note of a test that separation leaves
uncomputed. Shared by the likelihood-ratio, Wald and IIA tests; whether two fits can be
compared at all is :mod:`mnlogit._comparable`'s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ._data import ModelData
from ._distributions import chi2_sf, f_sf
from ._progress import iterations
from ._separation_advice import firth_advice
from ._stop_messages import WEIGHTS_CLOSER, weights_beyond_rounding
from .exceptions import ModelComparisonError
from .report._format import count, num, pval, stat
from .separation import exact_check_runs

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = [
    "LOGLIK_AGREE",
    "ROUNDING",
    "TestResult",
    "adjusted_wald_f",
    "chi2_test",
    "labels_shown",
    "lr_note",
    "lr_statistic",
    "missing_p_reason",
    "no_slopes",
    "not_final",
    "p_text",
    "refuse_likelihood_tests",
    "refuse_lr_beside",
    "refuse_penalised",
    "stopped_short_note",
]


@dataclass(frozen=True)
class TestResult:
    """The result of a statistical test: statistic, degrees of freedom, p-value and a note.

    A chi-squared test, or for survey fits an F test (``df_denom`` set).

    Frozen; ``str()`` gives one readable line (and the note). Returned by
    :func:`mnlogit.lr_test`, :meth:`MNLogitResults.lr_test` and
    :meth:`MNLogitResults.wald_test`; IIA tests return the subclass
    :class:`~mnlogit.IIATestResult`.

    Attributes
    ----------
    statistic : float
        The chi-squared (or F) statistic.
    df : float
        Its degrees of freedom (the numerator's for an F test).
    pvalue : float
        Upper-tail probability of the statistic: chi-squared on ``df``, or F on ``df`` and
        ``df_denom`` for an F test; NaN when the statistic is negative or could not be
        computed (the note says why).
    method : str
        What was tested and how, e.g. ``"Likelihood-ratio test of nested models"``.
    note : str
        Caveats (penalised likelihoods, non-convergence) or the hypothesis; empty if none.
    details : dict
        Intermediate values: the log-likelihoods of an LR test, ``R``, ``q`` and the
        restrictions of a Wald test; ``"reason"``, when a Wald test is NaN, says why.
    df_denom : float or None
        The denominator degrees of freedom of an F test (the adjusted Wald F of a survey
        fit); None for a chi-squared test.
    statistic_name : str or None
        The statistic's name where it is neither chi2 nor F and its p-value comes from a
        reference distribution of its own: ``"working 2logLR"``, Rao and Scott's working
        likelihood-ratio statistic of nested survey fits (the note says how it is referred).

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> test = res.lr_test()
    >>> test.df, test.pvalue < 0.001
    (3.0, True)
    >>> print(test)  # doctest: +ELLIPSIS
    Likelihood-ratio test against the intercept-only model: chi2(3) = ..., p = ...
    """

    statistic: float
    df: float
    pvalue: float
    method: str
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    df_denom: float | None = None  # F tests: the denominator degrees of freedom
    statistic_name: str | None = None  # neither chi2 nor F (a Rao-Scott test's)

    __test__ = False  # not a pytest test class

    def __post_init__(self) -> None:
        # a p-value that cannot be had is said with its reason wherever the test is read (str,
        # repr, .note): a test built without a note printed "p = nan" and nothing else
        if math.isnan(self.pvalue) and not self.note:
            reason = missing_p_reason(self.statistic, self.df, self.df_denom)
            object.__setattr__(self, "note", reason)

    def __str__(self) -> str:
        text = f"{self.method}: " + statistic_text(
            self.statistic, self.df, self.pvalue, self.df_denom, self.statistic_name
        )
        return f"{text}\n{self.note}" if self.note else text

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:
        # a notebook cell ending in a test shows it as print() does (p = <0.0001), not the
        # dataclass repr's pvalue=0.0; repr() stays the fields, for debugging
        printer.text(str(self))


def statistic_text(
    statistic: float,
    df: float,
    pvalue: float,
    df_denom: float | None = None,
    name: str | None = None,
) -> str:
    """``chi2(3) = 12.3, p = 0.0064`` (``F(3, 40)`` for an F test), or, for a test that could
    not be computed (no degrees of freedom), that it was not, rather than ``chi2(nan)``; a
    statistic without a p-value (negative, or on 0 degrees of freedom) says that it has
    none, where ``p = nan`` read as a value, and the summary shows ``--``.

    Examples
    --------
    >>> statistic_text(7.0, 2.0, 0.0302)
    'chi2(2) = 7.0000, p = 0.0302'
    >>> statistic_text(-2.96, 6.0, float("nan"))
    'chi2(6) = -2.9600, no p-value (see the note)'
    >>> statistic_text(float("nan"), float("nan"), float("nan"))
    'chi2 not computed (see the note)'
    >>> statistic_text(float("nan"), 4.0, float("nan"), float("nan"))
    'F(4) not computed (see the note)'
    >>> statistic_text(1.62, 4.0, 0.7691, name="working 2logLR")
    'working 2logLR(4) = 1.6200, p = 0.7691'
    """
    dist = name or ("chi2" if df_denom is None else "F")
    if not math.isfinite(df):
        return f"{dist} not computed (see the note)"
    if math.isnan(statistic):
        # "F(4, nan) = nan, p = nan": an adjusted F without denominator df shows only its
        # numerator's
        dfs = (
            count(df)
            if df_denom is None or math.isnan(df_denom)
            else f"{count(df)}, {count(df_denom)}"
        )
        return f"{dist}({dfs}) not computed (see the note)"
    # an F test without denominator df (a TestResult built with df_denom NaN) shows only
    # its numerator's, as above: "F(3, nan)" read as a count
    dfs = (
        count(df)
        if df_denom is None or not math.isfinite(df_denom)
        else f"{count(df)}, {count(df_denom)}"
    )
    # as the summary's header shows each: a chi2 of 37623405.2509 (large frequency weights)
    # read 3.762e+07 here, its digits before the point rounded away
    shown = stat(statistic) if df_denom is None else num(statistic)
    if math.isnan(pvalue):
        return f"{dist}({dfs}) = {shown}, no p-value (see the note)"
    return f"{dist}({dfs}) = {shown}, {p_text(pvalue)}"


def missing_p_reason(statistic: float, df: float, df_denom: float | None = None) -> str:
    """Why a test of these values has no p-value: the note of a test built without one.

    Examples
    --------
    >>> missing_p_reason(-1.0, 2.0).startswith("No p-value: the statistic is negative")
    True
    >>> missing_p_reason(0.0, 0.0)
    'No p-value: the test has 0 degrees of freedom, so it restricts nothing.'
    >>> missing_p_reason(2.0, 3.0, 0.0).startswith("No p-value: 0 is no number of denominator")
    True
    """
    dist = "chi2" if df_denom is None else "F"
    if math.isnan(statistic):
        return "Not computed: the statistic is NaN, so it has no p-value."
    if not math.isfinite(df) or df < 0:
        return f"No p-value: {df:g} is no number of degrees of freedom."
    if df == 0:
        return "No p-value: the test has 0 degrees of freedom, so it restricts nothing."
    if df_denom is not None and not (math.isfinite(df_denom) and df_denom > 0):
        # an F test on no denominator degrees of freedom (a design of as many strata as PSUs)
        return (
            f"No p-value: {df_denom:g} is no number of denominator degrees of freedom, so the "
            "F distribution gives no tail probability."
        )
    if statistic < 0:
        return (
            f"No p-value: the statistic is negative, which a {dist} statistic cannot be, so "
            f"the {dist} distribution gives it no tail probability."
        )
    return f"No p-value: the {dist} distribution gives none for these values."


def p_text(p: float) -> str:
    """``p = 0.0123`` or ``p = <0.0001``: the p-value cell of the summary (never ``p = 0``).

    Examples
    --------
    >>> p_text(3e-9), p_text(0.04567)
    ('p = <0.0001', 'p = 0.0457')
    """
    return f"p = {pval(p)}"


# The fits stop when the relative change in deviance falls below 1e-10 (REFIT_TOL 1e-12):
# two log-likelihoods of nested maxima that agree to this relative size are equal as far as
# the fits can tell.
LOGLIK_AGREE = 1e-9
# a difference of two sums of n log-probabilities carries rounding of a few eps of their size
ROUNDING = 16 * np.finfo(float).eps


def lr_statistic(ll_full: float, ll_restricted: float) -> float:
    """The likelihood-ratio statistic 2 (l_full - l_restricted) of nested fits.

    The restricted maximum cannot exceed the full one, so a difference below zero by no
    more than the fits' convergence and rounding (``LOGLIK_AGREE``, relative) is zero:
    a predictor with no effect at all (balanced data) otherwise came out as -2e-13 and a
    NaN p-value. A larger negative difference is kept, and its p-value is NaN. A positive
    one within the rounding of the two log-likelihoods (a few eps of their size) is zero
    too: it printed as a statistic of 8.882e-16 (and p = 1.0000), digits the fits do not
    hold.

    Examples
    --------
    >>> lr_statistic(-218.0563556465106, -218.0563556465105)
    0.0
    >>> lr_statistic(-1.9095425048844383, -1.9095425048844387)
    0.0
    >>> lr_statistic(-100.0, -103.5)
    7.0
    """
    diff = ll_full - ll_restricted
    size = abs(ll_full) + abs(ll_restricted)
    if -LOGLIK_AGREE * (size + 1.0) <= diff < 0 or 0 < diff <= ROUNDING * size:
        return 0.0
    return 2.0 * diff


# Why an LR statistic below zero (past lr_statistic's allowance) has no p-value.
NEGATIVE_LR_NOTE = (
    "The statistic is negative: the restricted model's log-likelihood is above the larger "
    "model's by more than rounding, so the two are not the maxima of nested models (a fit "
    "that did not converge, or one that stopped at another local maximum under separation); "
    "no p-value. Check both fits' convergence and check_separation()."
)


def stopped_short_note(res: Any, which: str = "the fit", larger: bool = True) -> str:
    """The note of a likelihood-ratio test left uncomputed because ``res`` (named ``which``,
    the ``larger`` model of the test or the smaller one) stopped short of its estimates (see
    :func:`not_final`), else "".

    Its log-likelihood is then below its maximum by an amount the fit cannot tell, so the
    statistic would be too small (``res`` the larger model) or too large (the smaller): NaN,
    as the Wald tests of such a fit are, not a number with a caveat.
    """
    why = not_final(res)
    if why is None:
        return ""
    return (
        f"Not computed: {which} {why[0]}, so its log-likelihood is below its maximum and the "
        f"likelihood-ratio statistic would be too {'small' if larger else 'large'}, by an "
        f"amount the fit cannot tell (the statistic and p-value are NaN); {why[1]}."
    )


def not_final(res: Any) -> tuple[str, str] | None:
    """Why a fit's coefficients are not its estimates, and what to do instead; None when
    they are.

    A fit that stopped before converging without separation (max_iter reached, or steps
    that stopped shrinking) has coefficients that are not the estimates, and a covariance
    taken away from the maximum: nothing computed from them (Wald tests, margins) is what
    the model would give. A fit that stopped for separation is final except along its
    diverging coefficients, which the tests and margins treat on their own.
    """
    if res.converged or res.separation is not None:
        return None
    if res.diverged and weights_beyond_rounding(res):
        return (f"stopped before converging: {weights_beyond_rounding(res)}", WEIGHTS_CLOSER)
    if res.diverged and not exact_check_runs(res._data):  # a Dask fit, or too large a check
        return (
            "diverged: coefficients are running off to infinity, which separation would "
            "explain, but the exact check needs the rows, and its linear program over them, "
            "in memory",
            "check the data, or a sample of it, in memory with mnlogit.check_separation, and "
            'refit there with method="firth" if it finds separation',
        )
    if res.diverged:
        return (
            "stopped before converging: the information matrix became numerically singular "
            "or the steps stopped shrinking, although the exact check finds no separation",
            'refit with method="firth", or drop or merge the columns involved',
        )
    if res._core.stalled and res.solver.penalized and res.solver.penalty is None:
        return (
            f"stopped after {iterations(res.n_iter)}, no step gaining beyond the rounding "
            "of the penalised log-likelihood's sums",
            "rescale columns in extreme units or check for nearly collinear columns (a larger "
            "max_iter does not help)",
        )
    if res._core.rounding is not None:  # (see FitResult.rounding)
        return (
            "stopped at the rounding of its sums, the lightest rows' weights below what "
            "float64 adds to the others' (a larger max_iter does not help)",
            "weights that span less than about 1e16 can be fitted",
        )
    if res._core.stalled:  # (see FitResult.stalled)
        return (
            f"stopped after {iterations(res.n_iter)}, its L-BFGS phase no longer making "
            "progress (the information matrix that scoring steps need would not fit in memory)",
            "drop nearly collinear columns or fit fewer columns",
        )
    return (
        f"did not converge in {iterations(res.n_iter)}",
        f"refit with a larger max_iter (this fit stopped at {res.n_iter})",
    )


def not_final_note(res: Any, what: str) -> str:
    """The note of a test that :func:`not_final` leaves uncomputed, else ""."""
    why = not_final(res)
    if why is None:
        return ""
    return (
        f"Not computed: the fit {why[0]}, so its coefficients are not the estimates and "
        f"{what} of them would not be either (the statistic and p-value are NaN); {why[1]}."
    )


def lr_note(statistic: float, note: str = "") -> str:
    """``note``, with NEGATIVE_LR_NOTE after it when the LR ``statistic`` is negative.

    Examples
    --------
    >>> lr_note(3.2, "Firth fits.")
    'Firth fits.'
    >>> lr_note(-0.5).startswith("The statistic is negative")
    True
    """
    return " ".join(part for part in (note, NEGATIVE_LR_NOTE if statistic < 0 else "") if part)


def chi2_test(
    statistic: float, df: float, method: str, note: str = "", **details: Any
) -> TestResult:
    """A chi-squared test result; the p-value is NaN when the statistic is negative or NaN."""
    pvalue = float(chi2_sf(statistic, df)) if statistic >= 0 and df > 0 else float("nan")
    return TestResult(float(statistic), float(df), pvalue, method, note, details)


def adjusted_wald_f(
    wald: float, k: int, d: float, method: str, note: str = "", **details: Any
) -> TestResult:
    """Stata's adjusted Wald F of a survey fit: F = (d - k + 1) / (d k) W on (k, d - k + 1)
    degrees of freedom, with W the Wald chi2 of k restrictions and d the design df.

    NaN, with a note, when the design has too few degrees of freedom (d < k).
    """
    d2 = d - k + 1
    if d2 <= 0:
        why = (
            f"The design has {count(d)} degrees of freedom, fewer than the {k} "
            f"restriction{'' if k == 1 else 's'} tested: the adjusted Wald F is not defined "
            "(more PSUs are needed)."
        )
        # no denominator df: d - k + 1 <= 0 is not a degrees-of-freedom count
        return TestResult(
            float("nan"),
            float(k),
            float("nan"),
            method,
            f"{note.rstrip('. ')}. {why}" if note else why,
            {**details, "reason": f"{details.get('reason', '')} {why}".strip()},
            float("nan"),
        )
    F = d2 / (d * k) * wald
    # F = inf (a W past the largest double: a hypothesised value of 1e300) has p = 0, as
    # chi2_test gives it; it was NaN, unexplained
    pvalue = float(f_sf(F, k, d2)) if F >= 0 else float("nan")
    return TestResult(float(F), float(k), pvalue, method, note, details, float(d2))


def refuse_penalised(res: MNLogitResults, what: str) -> None:
    """Refuse a test of a fit whose estimator supports none (an L2-penalised fit), with
    the penalty's reason and what to do instead."""
    if not res.solver.inference:
        penalty = res.solver.penalty
        reason = (
            penalty.said_of(penalty.reason, res._data.in_memory, res.df_design, res.covariance)
            if penalty is not None
            else "its estimator supports no tests"
        )
        raise ModelComparisonError(f"{what}: not available for a {res.solver.label} fit: {reason}")


def refuse_likelihood_tests(res: MNLogitResults, what: str) -> None:
    """Refuse a likelihood-ratio test of a fit whose log-likelihood is not a likelihood of
    the sample and whose covariance offers no working test in its place, or whose estimator
    supports no tests (an L2 penalty), saying what to use instead. A survey fit's tests are
    Rao and Scott's working likelihood-ratio tests (:mod:`mnlogit._rao_scott`)."""
    refuse_penalised(res, what)
    if not (res.covariance.likelihood_valid or res.covariance.working_lr):
        raise ModelComparisonError(
            f"{what}: likelihood-ratio tests are not valid for {res.covariance.label} "
            "covariances: the weighted log-likelihood is a pseudo-likelihood, so twice its "
            "difference is not chi2-distributed. Use res.wald_test(...)."
        )


def refuse_lr_beside(*fits: MNLogitResults) -> None:
    """Refuse a likelihood-ratio test beside a covariance that does not allow one (robust,
    cluster), or between fits whose covariance types differ, pointing to the Wald test."""
    if len({res.covariance.name for res in fits}) > 1:
        raise ModelComparisonError(
            "the models were fitted with different covariance types "
            f"({', '.join(repr(res.cov_type) for res in fits)}); refit them with the same "
            "cov_type=, or test the restriction with wald_test on the larger model"
        )
    cov = fits[0].covariance
    if not (cov.lr_valid or cov.working_lr):
        raise ModelComparisonError(
            f"a likelihood-ratio test is not valid with the {cov.label} covariance "
            f"(cov_type={cov.name!r}): that covariance does not assume the likelihood is the "
            "true one, so the likelihood ratio has no chi2 distribution (Stata refuses lrtest "
            "after vce(robust) likewise). Use res.wald_test(terms), which uses the fit's own "
            "covariance, or refit with cov_type='nonrobust'"
        )


# --- what a separated fit can support ------------------------------------------------------------
def _diverging_labels(res: MNLogitResults, cols: Any) -> list[str]:
    """``outcome:column`` labels of the diverging coefficients among design columns ``cols``."""
    mask = res._diverging
    names = res._data.column_names
    return [
        f"{eq}:{names[a]}" for j, eq in enumerate(res.equations) for a in sorted(cols) if mask[a, j]
    ]


def labels_shown(labels: list[str]) -> str:
    """The first eight coefficient labels, and how many more: what a test's note names."""
    return ", ".join(labels[:8]) + (f" and {len(labels) - 8} more" if len(labels) > 8 else "")


def _diverging_note(labels: list[str], fit: Any = None) -> str:
    """Why a test of diverging coefficients of ``fit`` is NaN: said otherwise when the fit
    diverged where the exact check cannot run (a dask fit), so which coefficients diverge is
    not known; method='firth' advised on the data in memory when the fit's are elsewhere."""
    shown = labels_shown(labels)
    if fit is not None and fit._diverging_unchecked:
        # said so: the note named every coefficient as diverging under separation, and
        # advised method='firth', which a dask fit refuses
        return (
            f"Not computed: the fit diverged, and with its rows in partitions (or too many for "
            f"its linear program to fit in memory) the exact check that names the diverging "
            f"coefficients cannot run, so every coefficient is "
            f"treated as diverging ({shown} here) and the fit cannot support a test of them "
            "(the statistic and p-value are NaN). Fit the data, or a sample of it, in memory "
            "to find which diverge, and there method='firth' for finite bias-reduced estimates."
        )
    advice = (
        firth_advice(True) if fit is None else firth_advice(fit._data.in_memory, fit.covariance)
    )
    return (
        f"Not computed: the coefficient(s) {shown} diverge under separation, so the fit "
        f"cannot support a test of them (the statistic and p-value are NaN). {advice}."
    )


def _not_computed(
    df: float,
    method: str,
    labels: list[str],
    fit: Any = None,
    *,
    design_df: float | None = None,
    **details: Any,
) -> TestResult:
    """The test of diverging coefficients ``labels`` on ``df`` degrees of freedom, NaN with
    the reason. ``design_df``: a survey fit's design degrees of freedom d, whose Wald test is
    the adjusted F on (df, d - df + 1): said as an F test, as a computed one is (it was a
    chi2 test without denominator degrees of freedom, under a title of the adjusted F)."""
    nan = float("nan")
    note = _diverging_note(labels, fit)
    df_denom = None
    if design_df is not None:
        df_denom = float(design_df - df + 1) if design_df - df + 1 > 0 else nan
    return TestResult(nan, float(df), nan, method, note, {**details, "reason": note}, df_denom)


NO_SLOPES_NOTE = (
    "The model has no slopes: it is its own null model, so there is nothing to test (chi2 is "
    "0 on 0 degrees of freedom, with no p-value)."
)


def no_slopes(method: str) -> TestResult:
    """The test of every slope of a model that has none (intercepts only): 0 on 0 degrees of
    freedom, no p-value, and a note saying why, as Stata's header shows chi2(0) = 0 with
    no probability."""
    return TestResult(0.0, 0.0, float("nan"), method, NO_SLOPES_NOTE, {"reason": NO_SLOPES_NOTE})


def _slopes(data: ModelData) -> list[int]:
    return [a for a in range(data.p) if a != data.intercept]
