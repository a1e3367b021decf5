"""The result of a statistical test (:class:`TestResult`, chi2 and adjusted Wald F), the
refusals of tests a fit cannot support, and the note of a test that separation leaves
uncomputed. Shared by the likelihood-ratio, Wald and IIA tests.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import stats

from ._data import ModelData
from ._levels import same_level
from ._progress import iterations
from .exceptions import ModelComparisonError
from .report._format import num, pval

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = [
    "TestResult",
    "adjusted_wald_f",
    "check_comparable",
    "check_same_columns",
    "chi2_test",
    "column_space_basis",
    "counted",
    "counted_data",
    "lr_note",
    "lr_statistic",
    "nesting",
    "no_slopes",
    "not_final",
    "p_text",
    "refuse_likelihood_tests",
    "refuse_lr_beside",
    "refuse_penalised",
    "same_name_differs",
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
        Upper-tail chi-squared probability; NaN when the statistic is negative or could not be
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

    __test__ = False  # not a pytest test class

    def __str__(self) -> str:
        text = (
            f"{self.method}: {statistic_text(self.statistic, self.df, self.pvalue, self.df_denom)}"
        )
        return f"{text}\n{self.note}" if self.note else text


def statistic_text(
    statistic: float, df: float, pvalue: float, df_denom: float | None = None
) -> str:
    """``chi2(3) = 12.3, p = 0.0064`` (``F(3, 40)`` for an F test), or, for a test that could
    not be computed (no degrees of freedom), that it was not, rather than ``chi2(nan)``.

    Examples
    --------
    >>> statistic_text(7.0, 2.0, 0.0302)
    'chi2(2) = 7.0000, p = 0.0302'
    >>> statistic_text(float("nan"), float("nan"), float("nan"))
    'chi2 not computed (see the note)'
    """
    dist = "chi2" if df_denom is None else "F"
    if not math.isfinite(df):
        return f"{dist} not computed (see the note)"
    dfs = f"{df:g}" if df_denom is None else f"{df:g}, {df_denom:g}"
    return f"{dist}({dfs}) = {num(statistic)}, {p_text(pvalue)}"


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
_LOGLIK_AGREE = 1e-9


def lr_statistic(ll_full: float, ll_restricted: float) -> float:
    """The likelihood-ratio statistic 2 (l_full - l_restricted) of nested fits.

    The restricted maximum cannot exceed the full one, so a difference below zero by no
    more than the fits' convergence and rounding (``_LOGLIK_AGREE``, relative) is zero:
    a predictor with no effect at all (balanced data) otherwise came out as -2e-13 and a
    NaN p-value. A larger negative difference is kept, and its p-value is NaN.

    Examples
    --------
    >>> lr_statistic(-218.0563556465106, -218.0563556465105)
    0.0
    >>> lr_statistic(-100.0, -103.5)
    7.0
    """
    diff = ll_full - ll_restricted
    if -_LOGLIK_AGREE * (abs(ll_full) + abs(ll_restricted) + 1.0) <= diff < 0:
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
    if res.diverged and not res._data.in_memory:  # a Dask fit: no exact check ran
        return (
            "diverged: coefficients are running off to infinity, which separation would "
            "explain, but the exact check needs the rows in memory",
            "check the data, or a sample of it, in memory with mnlogit.check_separation, and "
            'refit there with method="firth" if it finds separation',
        )
    if res.diverged:
        return (
            "stopped before converging: the information matrix became numerically singular "
            "or the steps stopped shrinking, although the exact check finds no separation",
            'refit with method="firth", or drop or merge the columns involved',
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
    pvalue = float(stats.chi2.sf(statistic, df)) if statistic >= 0 and df > 0 else float("nan")
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
            f"The design has {d:g} degrees of freedom, fewer than the {k} restrictions tested: "
            "the adjusted Wald F is not defined (more PSUs are needed)."
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
    pvalue = float(stats.f.sf(F, k, d2)) if np.isfinite(F) and F >= 0 else float("nan")
    return TestResult(float(F), float(k), pvalue, method, note, details, float(d2))


def refuse_penalised(res: MNLogitResults, what: str) -> None:
    """Refuse a test of a fit whose estimator supports none (an L2-penalised fit), with
    the penalty's reason and what to do instead."""
    if not res.solver.inference:
        penalty = res.solver.penalty
        reason = penalty.reason if penalty is not None else "its estimator supports no tests"
        raise ModelComparisonError(f"{what}: not available for a {res.solver.label} fit: {reason}")


def refuse_likelihood_tests(res: MNLogitResults, what: str) -> None:
    """Refuse a likelihood-ratio test of a fit whose log-likelihood is not a likelihood of
    the sample (probability weights: a pseudo-likelihood) or whose estimator supports no
    tests (an L2 penalty), saying what to use instead."""
    refuse_penalised(res, what)
    if not res.covariance.likelihood_valid:
        raise ModelComparisonError(
            f"{what}: likelihood-ratio tests are not valid for survey data (probability "
            "weights or a design): the weighted log-likelihood is a pseudo-likelihood, so "
            "twice its difference is not chi2-distributed. Use res.wald_test(...), the "
            "design-based adjusted Wald F test, as Stata's svy: test does."
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
    if not cov.lr_valid:
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


def _diverging_note(labels: list[str], unchecked: bool = False) -> str:
    """Why a test of diverging coefficients is NaN; ``unchecked``: the fit diverged where
    the exact check cannot run (a dask fit), so which coefficients diverge is not known."""
    shown = ", ".join(labels[:8]) + (f" and {len(labels) - 8} more" if len(labels) > 8 else "")
    if unchecked:
        # said so: the note named every coefficient as diverging under separation, and
        # advised method='firth', which a dask fit refuses
        return (
            f"Not computed: the fit diverged, and with its rows in partitions the exact check "
            f"that names the diverging coefficients cannot run, so every coefficient is "
            f"treated as diverging ({shown} here) and the fit cannot support a test of them "
            "(the statistic and p-value are NaN). Fit the data, or a sample of it, in memory "
            "to find which diverge, and there method='firth' for finite bias-reduced estimates."
        )
    return (
        f"Not computed: the coefficient(s) {shown} diverge under separation, so the fit "
        "cannot support a test of them (the statistic and p-value are NaN). Refit with "
        "method='firth' for finite bias-reduced estimates."
    )


def _not_computed(
    df: float, method: str, labels: list[str], unchecked: bool = False, **details: Any
) -> TestResult:
    nan = float("nan")
    note = _diverging_note(labels, unchecked)
    return TestResult(nan, float(df), nan, method, note, {**details, "reason": note})


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
    sf, sr = np.linalg.norm(Xf, axis=0), np.linalg.norm(Xr, axis=0)
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


def check_comparable(restricted: Any, full: Any) -> tuple[ModelData, ModelData]:
    """Refuse a likelihood-ratio test of fits whose likelihoods are not comparable: other
    outcome levels, reference, method, rows or weights. Returns their data on the rows of
    the observations both count (see :func:`counted`; as fitted when they have as many
    rows, which are then the same rows of the same weights)."""
    for name, res in (("restricted", restricted), ("full", full)):
        if not isinstance(getattr(res, "_data", None), ModelData):
            raise ModelComparisonError(
                f"{name}: expected a fitted MNLogitResults; got {type(res).__name__}"
            )
    r, f = restricted._data, full._data
    # the levels' order (a Categorical's, or sorted text) only lays out the equations: the
    # same levels in another order are the same outcome, with the same likelihood
    if len(r.levels) != len(f.levels) or any(f.coding.find(a) is None for a in r.levels):
        raise ModelComparisonError(
            f"the models have different outcome levels ({', '.join(map(repr, r.levels))} vs "
            f"{', '.join(map(repr, f.levels))}); fit both to the same outcome"
        )
    if not same_level(r.ref, f.ref):
        raise ModelComparisonError(
            f"the models use different references ({r.ref!r} vs {f.ref!r}); fit both with the "
            "same ref= (or use with_ref)"
        )
    if restricted.method != full.method:
        raise ModelComparisonError(
            f"the models were fitted by different methods ({restricted.method!r} vs "
            f"{full.method!r}); their likelihoods are not comparable"
        )
    # rows of frequency weight 0 are no observations: a fit with them and one without them
    # (dropped, or missing a value) are of the same sample. Fits of as many rows are left
    # whole: each subset is a copy of the design
    if r.n_rows != f.n_rows:
        r, f = counted_data(r), counted_data(f)
    same_rows = r.n_rows == f.n_rows and (
        r.row_index is None or f.row_index is None or r.row_index.equals(f.row_index)
    )
    if r.n_rows == f.n_rows and not same_rows:
        # rows dropped by hand and the index reset give the labels 0..n-1: the advice to drop
        # the rows with missing values first was what the user had done
        at = int(np.flatnonzero(r.row_index != f.row_index)[0])
        a, b = (
            i[at].item() if isinstance(i[at], np.generic) else i[at]
            for i in (r.row_index, f.row_index)
        )
        raise ModelComparisonError(
            f"the models were fitted on the same number of rows ({r.n_rows}) but not the same "
            f"rows in the same order (the data frames' row labels differ: row {at} is "
            f"{a!r} in one, {b!r} in the other); fit both to the "
            "same data frame"
            + (
                " (rows dropped by hand and the index reset have other labels)"
                if r.n_dropped != f.n_dropped
                else ""
            )
        )
    in_memory = r.in_memory and f.in_memory
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
        raise ModelComparisonError(
            f"the models were fitted on different rows ({r.n_rows} rows, {r.n_dropped} dropped "
            f"for missing values vs {f.n_rows} rows, {f.n_dropped} dropped); drop the rows with "
            "missing values in any variable of either model before fitting both"
        )
    # weights of 1 are no weights: the likelihoods are the same (rows held elsewhere keep no
    # weights to compare, so there the flags decide)
    other_weights = not np.array_equal(r.w, f.w) if in_memory else r.weighted != f.weighted
    if other_weights:
        raise ModelComparisonError(
            "the models were fitted with different weights; fit both with the same weights="
        )
    return r, f


def counted_data(data: ModelData) -> ModelData:
    """``data`` on the rows of the observations it counts (:func:`counted`)."""
    keep = counted(data)
    return data if keep is None else data.subset_rows(keep)


def _check_rows_kept_apart(r: ModelData, f: ModelData) -> None:
    """Fits of as many rows, one of them held in partitions (a dask fit): the rows cannot be
    compared one by one, so what both fits keep of them must agree: the weighted count of
    each outcome and each column of one name's weighted sum over the rows of each outcome."""
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
    sums_r, sums_f = r.outcome_sums(), f.outcome_sums()[:, recode]
    for j, name in enumerate(r.column_names):
        if name not in f.column_names:
            continue
        a, b = sums_r[j], sums_f[f.column_names.index(name)]
        if not np.allclose(a, b, rtol=1e-10, atol=1e-12 * max(np.abs(a).max(), 1.0)):
            raise ModelComparisonError(
                f"the models' design column {name!r} holds other values (its weighted sums over "
                "the rows of each outcome differ): they were fitted to other rows or data; fit "
                "both to the same data"
            )
