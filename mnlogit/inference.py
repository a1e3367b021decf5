"""Statistical tests of a fit: the test result type, likelihood-ratio tests (against the null,
of nested fits, per term as car's Anova) and Wald tests of linear restrictions.

Everything here works on a fitted results object and its :class:`~mnlogit._data.ModelData`.
Restricted models are refitted only through the fitted method's solver (the table in
:mod:`mnlogit._solvers`) on a subset of the design columns, so estimation stays in one place;
this module never imports model.py or results.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import linalg, stats

from ._checks import check_option
from ._data import InMemoryData, ModelData
from ._levels import same_level
from ._linalg import cholesky, flat
from ._progress import Progress
from ._restrictions import Constraints, restrictions, split_top
from .exceptions import (
    ConvergenceWarning,
    DataError,
    ModelComparisonError,
    warn,
)
from .report._format import pval

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

# Restricted refits for LR tests: tight enough that a chi2 of a few units is exact to ~1e-10
# relative even when the log-likelihoods are in the thousands (Newton converges quadratically,
# so the last step leaves an error far below the tolerance).
REFIT_TOL = 1e-12
REFIT_MAX_ITER = 200


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
        restrictions of a Wald test.
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
        dist = "chi2" if self.df_denom is None else "F"
        df = f"{self.df:g}" if self.df_denom is None else f"{self.df:g}, {self.df_denom:g}"
        text = f"{self.method}: {dist}({df}) = {self.statistic:.4f}, {p_text(self.pvalue)}"
        return f"{text}\n{self.note}" if self.note else text


def p_text(p: float) -> str:
    """``p = 0.0123`` or ``p = <0.0001``: the p-value cell of the summary (never ``p = 0``).

    Examples
    --------
    >>> p_text(3e-9), p_text(0.04567)
    ('p = <0.0001', 'p = 0.0457')
    """
    return f"p = {pval(p)}"


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
            f"the design has {d:g} degrees of freedom, fewer than the {k} restrictions tested: "
            "the adjusted Wald F is not defined (more PSUs are needed)"
        )
        # no denominator df: d - k + 1 <= 0 is not a degrees-of-freedom count
        return TestResult(
            float("nan"),
            float(k),
            float("nan"),
            method,
            f"{note} {why}".strip(),
            details,
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


def _diverging_note(labels: list[str]) -> str:
    shown = ", ".join(labels[:8]) + (f" and {len(labels) - 8} more" if len(labels) > 8 else "")
    return (
        f"Not computed: the coefficient(s) {shown} diverge under separation, so the fit "
        "cannot support a test of them (the statistic and p-value are NaN). Refit with "
        "method='firth' for finite bias-reduced estimates."
    )


def _not_computed(df: float, method: str, labels: list[str], **details: Any) -> TestResult:
    nan = float("nan")
    return TestResult(nan, float(df), nan, method, _diverging_note(labels), details)


def _slopes(data: ModelData) -> list[int]:
    return [a for a in range(data.p) if a != data.intercept]


def lr_test_null(res: MNLogitResults) -> TestResult:
    """LR test of a fit against its null model (:attr:`~MNLogitResults.null_model`), with
    ``df_model`` degrees of freedom.

    The null is the intercept-only model when the design's column space holds the constant,
    otherwise the model with every coefficient zero (each level 1/K): either way nested in
    the fit, so the statistic is not negative at a maximum. A Firth fit is compared with the
    Firth fit of the null on their penalised log-likelihoods, as nested Firth fits are
    compared everywhere (see :func:`lr_test`); the null's (penalised) log-likelihood is
    ``details["null"]``. Refused for survey fits (see :func:`refuse_likelihood_tests`) and
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
    labels = _diverging_labels(res, _slopes(data))
    if labels:
        return _not_computed(res.df_model, method, labels)
    if not res.solver.penalized:
        return chi2_test(2.0 * (res.llf - res.llnull), res.df_model, method, null=res.llnull)
    null = _null_penalised_loglik(res)
    assert res.penalized_llf is not None  # set by every penalised fit
    return chi2_test(
        2.0 * (res.penalized_llf - null),
        res.df_model,
        method,
        "penalised (Firth) log-likelihoods of both models",
        null=null,
    )


def _null_penalised_loglik(res: MNLogitResults) -> float:
    """The penalised log-likelihood of the null model's own penalised fit."""
    data = res._data
    if not data.spans_constant:
        return _refit_loglik(res, [])  # no parameters: the log-likelihood at B = 0
    if data.intercept is not None:
        return _refit_loglik(res, [data.intercept])
    # the constant is spanned by other columns (dummies of every level): fit it as such
    # (Firth fits hold their rows in memory)
    assert isinstance(data, InMemoryData)
    ones = replace(
        data.subset_columns([]),
        X=np.ones((data.n_rows, 1)),
        column_names=("Intercept",),
        terms={"Intercept": (0,)},
    )
    core = res.solver.fit(ones, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL)
    assert core.penalized_loglik is not None  # a penalised fit
    return core.penalized_loglik


def wald_test_slopes(res: MNLogitResults) -> TestResult:
    """Wald test that every slope is zero in every equation, with the fit's covariance.

    What the summary shows instead of the likelihood-ratio test when the covariance does not
    allow one (Stata's ``mlogit, vce(robust)`` header); an adjusted Wald F for survey fits.
    NaN, with a note, when a slope diverges under separation.
    """
    refuse_penalised(res, "wald_test_slopes")
    data = res._data
    slopes = _slopes(data)
    method = f"Wald test of all slopes ({res.covariance.label} covariance)"
    labels = _diverging_labels(res, slopes)
    if labels:
        return _not_computed(data.q * len(slopes), method, labels)
    R = _selection(data, slopes)
    return _wald(res, R, np.zeros(len(R)), "H0: every slope = 0 in every equation", method)


# --- nested likelihood-ratio tests ---------------------------------------------------------------
def lr_test(restricted: MNLogitResults, full: MNLogitResults) -> TestResult:
    """Likelihood-ratio test of a restricted model against a larger model that nests it.

    Parameters
    ----------
    restricted, full : MNLogitResults
        Two fits on the same rows, weights, outcome levels, reference and method, where every
        design column of ``restricted`` is also a design column of ``full``.

    Returns
    -------
    TestResult
        ``statistic`` = 2 (llf_full - llf_restricted), ``df`` = (K - 1)(p_full - p_restricted).

    Raises
    ------
    ModelComparisonError
        The fits differ in rows, weights, outcome levels, reference, method or covariance
        type, the designs are not nested, or the covariance (robust, cluster, survey) does not
        allow a likelihood-ratio test: use ``full.wald_test(terms)`` then.

    Notes
    -----
    For Firth fits (``method="firth"``) the penalised log-likelihoods
    l(B) + log det I(B) / 2 are compared (a penalised-likelihood-ratio test, as brglm2 does).

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
    _check_comparable(restricted, full)
    for res in (restricted, full):
        refuse_likelihood_tests(res, "lr_test")
    refuse_lr_beside(restricted, full)
    r, f = restricted._data, full._data
    r_cols, f_cols = set(r.column_names), set(f.column_names)
    if not r_cols <= f_cols:
        extra = [c for c in r.column_names if c not in f_cols]
        swapped = (
            " (the arguments look swapped: pass the smaller model first)"
            if (f_cols < r_cols)
            else ""
        )
        raise ModelComparisonError(
            "the models are not nested: design column(s) "
            f"{', '.join(map(repr, extra))} of the restricted model are not in the full model "
            f"(its columns: {', '.join(map(repr, f.column_names))}){swapped}"
        )
    if r_cols == f_cols:
        raise ModelComparisonError(
            "the two models have the same design columns; a likelihood-ratio test needs the "
            "restricted model to leave some out"
        )
    _check_same_columns(r, f)
    df = r.q * (f.p - r.p)
    method = "Likelihood-ratio test of nested models"
    labels = _diverging_labels(full, [f.column_names.index(c) for c in f_cols - r_cols])
    if labels:
        return _not_computed(df, method, labels)
    firth = full.solver.penalized
    ll_r, ll_f = (
        (restricted.penalized_llf, full.penalized_llf) if firth else (restricted.llf, full.llf)
    )
    assert ll_r is not None and ll_f is not None  # penalised fits set penalized_llf
    notes = []
    if firth:
        notes.append("Firth fits: penalised log-likelihoods l(B) + log det I(B) / 2 compared.")
    if not (restricted.converged and full.converged):
        notes.append("Warning: at least one of the fits did not converge.")
    return chi2_test(
        2.0 * (ll_f - ll_r),
        df,
        method,
        " ".join(notes),
        llf_restricted=ll_r,
        llf_full=ll_f,
    )


def _check_same_columns(r: ModelData, f: ModelData) -> None:
    """Nested by name is nested only if the columns of the same name hold the same values
    (two fits of data frames whose ``x`` differ share the name, not the column)."""
    if not (r.in_memory and f.in_memory):
        return
    position = {name: j for j, name in enumerate(f.column_names)}
    differ = [
        name
        for j, name in enumerate(r.column_names)
        if not np.array_equal(r.X[:, j], f.X[:, position[name]])
    ]
    if differ:
        raise ModelComparisonError(
            "the models are not nested: design column(s) "
            f"{', '.join(map(repr, differ))} have the same name in both models but different "
            "values; fit both models to the same data"
        )


def _check_comparable(restricted: Any, full: Any) -> None:
    for name, res in (("restricted", restricted), ("full", full)):
        if not isinstance(getattr(res, "_data", None), ModelData):
            raise ModelComparisonError(
                f"{name}: expected a fitted MNLogitResults; got {type(res).__name__}"
            )
    r, f = restricted._data, full._data
    if len(r.levels) != len(f.levels) or not all(
        same_level(a, b) for a, b in zip(r.levels, f.levels, strict=True)
    ):
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
    same_rows = r.n_rows == f.n_rows and (
        r.row_index is None or f.row_index is None or r.row_index.equals(f.row_index)
    )
    if not same_rows or not np.array_equal(r.y, f.y):
        raise ModelComparisonError(
            f"the models were fitted on different rows ({r.n_rows} rows, {r.n_dropped} dropped "
            f"for missing values vs {f.n_rows} rows, {f.n_dropped} dropped); drop the rows with "
            "missing values in any variable of either model before fitting both"
        )
    if r.weighted != f.weighted or not np.array_equal(r.w, f.w):
        raise ModelComparisonError(
            "the models were fitted with different weights; fit both with the same weights="
        )


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
        columns from the full design (its main-effect tests depend on the contrast coding).

    Returns
    -------
    DataFrame
        Indexed by term (the intercept is not tested), columns ``chi2``, ``df``, ``pvalue``;
        ``attrs["test"]`` is ``"LR"`` or ``"Wald"``, ``attrs["note"]`` says which and why.
        A term with a coefficient that diverges under separation has NaN ``chi2`` and
        ``pvalue``, and the note names its coefficients.

    Notes
    -----
    With the model-based covariance: likelihood-ratio tests of refitted restricted models
    (tolerance 1e-12); Firth fits compare penalised log-likelihoods. With a robust or
    cluster covariance, beside which the likelihood ratio has no chi2 distribution: Wald tests
    with that covariance, as ``car::Anova(test.statistic="Wald", vcov.=...)``. Type III tests
    the term's coefficients in the full model; type II tests the part of the term's
    hypothesis that is conjugate (in the covariance's metric) to its relatives', as car does,
    which equals W(term and relatives) - W(relatives). Refused for survey fits.
    """
    check_option("type", type, ("II", "III"))
    refuse_likelihood_tests(res, "anova")
    data = res._data
    terms = {
        t: cols
        for t, cols in data.terms.items()
        if t != "Intercept" and tuple(cols) != (data.intercept,)
    }
    if not terms:
        raise DataError("anova: the model has no terms besides the intercept to test")
    factors = _term_factors(data, terms)
    relatives: dict[str, list[int]] = {
        term: sorted(
            {c for other, ocols in terms.items() if factors[term] < factors[other] for c in ocols}
        )
        if type == "II"
        else []
        for term in terms
    }
    diverging = {term: _diverging_labels(res, cols) for term, cols in terms.items()}
    wald = not res.covariance.lr_valid
    if wald:
        chi2s = {
            term: _anova_wald(res, list(cols), relatives[term])
            for term, cols in terms.items()
            if not diverging[term]
        }
    else:
        chi2s = _anova_lr(res, terms, relatives, diverging)
    rows = []
    for term, cols in terms.items():
        df = data.q * len(cols)
        chi2 = chi2s.get(term, np.nan)
        rows.append((term, chi2, df, float(stats.chi2.sf(chi2, df)) if chi2 >= 0 else np.nan))
    out = pd.DataFrame(
        [r[1:] for r in rows],
        columns=["chi2", "df", "pvalue"],
        index=pd.Index([r[0] for r in rows], name="term"),
    )
    out.attrs["type"] = type
    out.attrs["test"] = "Wald" if wald else "LR"
    if wald:
        note = (
            f"Type {type} Wald tests with the {res.covariance.label} covariance "
            "(likelihood-ratio tests are not valid with it)"
        )
    else:
        note = f"Type {type} likelihood-ratio tests" + (
            " of penalised (Firth) log-likelihoods" if res.solver.penalized else ""
        )
    labels = [label for term in terms for label in diverging[term]]
    if labels:
        note += ". " + _diverging_note(labels)
    out.attrs["note"] = note
    return out


def _anova_lr(
    res: MNLogitResults,
    terms: dict[str, Any],
    relatives: dict[str, list[int]],
    diverging: dict[str, list[str]],
) -> dict[str, float]:
    """LR chi2 of every term without a diverging coefficient, from refits of the design."""
    data = res._data
    full_ll = res.penalized_llf if res.solver.penalized else res.llf
    assert full_ll is not None  # penalised fits set penalized_llf
    all_cols = range(data.p)
    cache: dict[frozenset, float] = {frozenset(all_cols): full_ll}
    progress = Progress(res._core.verbose, prefix="anova")
    unconverged: list[str] = []

    def loglik(drop: set[int]) -> float:
        keep = frozenset(c for c in all_cols if c not in drop)
        if keep not in cache:
            with progress.task(f"  refit with {len(keep)} of {data.p} columns"):
                cache[keep] = _refit_loglik(res, sorted(keep), unconverged)
        return cache[keep]

    out = {}
    for k, (term, cols) in enumerate(terms.items()):
        if diverging[term]:
            continue
        progress.say(f"term {k + 1} of {len(terms)}: {term}")
        rel = set(relatives[term])
        out[term] = 2.0 * (loglik(rel) - loglik(rel | set(cols)))
    if unconverged:
        _warn_unconverged(unconverged)
    return out


def _anova_wald(res: MNLogitResults, cols: list[int], relatives: list[int]) -> float:
    """Wald chi2 of a term: car's type II when it has relatives, type III otherwise."""
    data = res._data
    R = _selection(data, cols)
    if relatives:
        # car's ConjComp: the rows of span(term + relatives) that are V-conjugate to the
        # relatives' rows, so the term is tested as though its relatives were absent. Rows
        # selecting coefficients span the same hypotheses in the equilibrated coordinates,
        # so the metric is the covariance there.
        R1 = _selection(data, relatives)
        Z = _selection(data, sorted(set(cols) | set(relatives))).T
        block = np.flatnonzero(np.any(Z != 0, axis=1))
        V = _covariance_block(res, block)[0]
        Q, Rq = np.linalg.qr(Z[block].T @ V @ R1[:, block].T, mode="complete")
        rank = int(np.sum(np.abs(np.diag(Rq)) > 1e-10 * np.abs(Rq).max()))
        S = res._core.scaled_cov[1]
        R = (Z @ Q[:, rank:]).T * S  # back to the coefficients in the user's units
    return _wald_statistic(res, R, np.zeros(len(R)))


def _covariance_block(res: MNLogitResults, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The covariance of the coefficients at positions ``idx`` in the equilibrated
    coordinates the fit ran on (S * flat(B)), and S there; the user's units when the columns
    were not rescaled, without the whole matrix if that would not fit in memory."""
    if res._core.scale is None:
        return res._cov_block(idx), np.ones(len(idx))
    V, S = res._scaled_cov
    return V[np.ix_(idx, idx)], S[idx]


def _selection(data: ModelData, cols: Any) -> np.ndarray:
    """Rows of the identity picking design columns ``cols`` in every equation."""
    idx = [j * data.p + a for j in range(data.q) for a in cols]
    R = np.zeros((len(idx), data.p * data.q))
    R[np.arange(len(idx)), idx] = 1.0
    return R


def _term_factors(data: ModelData, terms: dict[str, Any]) -> dict[str, frozenset[str]]:
    """Each term's factors (``x1:group`` -> {x1, group}), from the ModelSpec when there is one."""
    out = {}
    spec_terms = {}
    if data.spec is not None:
        spec_terms = {("Intercept" if str(t) == "1" else str(t)): t for t in data.spec.terms}
    for term in terms:
        if term in spec_terms:
            out[term] = frozenset(str(f) for f in spec_terms[term].factors)
        else:
            out[term] = frozenset(split_top(term, ":"))
    return out


def _refit_loglik(
    res: MNLogitResults, cols: list[int], unconverged: list[str] | None = None
) -> float:
    """(Penalised) log-likelihood of the model with only design columns ``cols``.

    A refit that does not converge is warned about, or, with ``unconverged``, listed there
    for the caller's one warning.
    """
    data = res._data.subset_columns(cols)
    if not cols:  # every outcome equally likely: nothing to estimate
        return data.evaluator()(np.zeros((0, data.q)), 0).loglik
    # warm start: the full fit's coefficients of the columns kept (the refit is then a few
    # steps from its maximum where the dropped term mattered little)
    start = res._core.B[cols]
    core = res.solver.fit(data, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL, start=start)
    value = core.penalized_loglik if res.solver.penalized else core.loglik
    assert value is not None  # penalised fits set penalized_loglik
    if not core.converged:
        what = f"columns {', '.join(data.column_names)} ({core.n_iter} iterations)"
        if unconverged is None:
            _warn_unconverged([what])
        else:
            unconverged.append(what)
    return value


def _warn_unconverged(models: list[str]) -> None:
    warn(
        f"the restricted model(s) with {'; '.join(models)} did not converge (separation, or "
        "max_iter reached); their likelihood-ratio tests are unreliable",
        ConvergenceWarning,
    )


# --- Wald tests ----------------------------------------------------------------------------------
def wald_test(res: MNLogitResults, constraints: Constraints) -> TestResult:
    """Joint Wald test of linear restrictions R b = q, with the results' own covariance.

    Parameters
    ----------
    res : MNLogitResults
    constraints : str, list of str, or (R, q)
        * a term name (``"age"``, ``"x1:group"``): every coefficient of the term is zero in
          every equation; a design-column name does the same for that one column;
        * a list of terms (and/or restriction strings): all of them jointly;
        * a restriction string ``"medium:age = high:age"`` or ``"2:age - 3:age = 0"``: each
          coefficient is ``outcome:column`` (outcome as ``str`` of the level; an outcome or
          column that is not a plain name in backticks, as ``"`-x`:age"``), with ``+``, ``-``
          and numeric multipliers (``"0.5*bus:x1"``); several restrictions separated by commas;
          a side without ``=`` is set to 0;
        * ``(R, q)``: R is (r, p (K - 1)) over the equation-major parameter vector (the order of
          ``cov_params()``), q a scalar or length-r vector.

    Returns
    -------
    TestResult
        W = (R b - q)' (R V R')^-1 (R b - q) with df = r; V is the model-based, robust or
        cluster-robust covariance the model was fitted with. For a survey fit, V is the
        design-based covariance and the result is Stata's adjusted Wald F,
        F = (d - r + 1) / (d r) W on (r, d - r + 1) df with d the design degrees of freedom
        (``details["chi2"]`` keeps W).
    """
    refuse_penalised(res, "wald_test")
    data = res._data
    R, q, labels = restrictions(data, constraints)
    if np.linalg.matrix_rank(R) < R.shape[0]:
        raise DataError(
            f"the {R.shape[0]} restrictions are linearly dependent (rank "
            f"{np.linalg.matrix_rank(R)}); drop the redundant ones"
        )
    H0 = "H0: " + "; ".join(labels)
    involved = np.flatnonzero((R != 0).any(axis=0) & flat(res._diverging))
    if len(involved):
        names = [f"{res.equations[k // data.p]}:{data.column_names[k % data.p]}" for k in involved]
        kind = res.covariance.label
        blank = _not_computed(R.shape[0], f"Wald test ({kind} covariance)", names)
        return replace(
            blank, note=f"{H0}\n{blank.note}", details=dict(R=R, q=q, restrictions=labels)
        )
    return _wald(res, R, q, H0, restrictions=labels)


def _wald_statistic(res: MNLogitResults, R: np.ndarray, q: np.ndarray) -> float:
    """(R b - q)' (R V R')^-1 (R b - q) with the fit's covariance V; NaN when R V R' is
    singular. Only the covariance of the coefficients R involves is formed (without the
    whole matrix when that would not fit in memory). Computed in the coefficients of the
    equilibrated columns, b_s = S b, with R S^-1 and each restriction (a row of R with its
    q) scaled to a largest entry of 1, which leaves W unchanged and keeps columns in extreme
    units from overflowing or underflowing R V R'."""
    used = np.flatnonzero(np.any(R != 0, axis=0))
    V, S = _covariance_block(res, used)
    Ru = R[:, used] / S
    size = np.abs(Ru).max(axis=1)
    size[size == 0] = 1.0
    Ru, qs = Ru / size[:, None], q / size
    r = Ru @ (flat(res._core.B)[used] * S) - qs
    c = cholesky(Ru @ V @ Ru.T)
    if c is None:
        return float("nan")
    return float(r @ linalg.cho_solve((c, False), r, check_finite=False))


def _wald(
    res: MNLogitResults,
    R: np.ndarray,
    q: np.ndarray,
    note: str,
    method: str | None = None,
    **details: Any,
) -> TestResult:
    """The Wald test of R b = q: chi2, or for survey fits Stata's adjusted Wald F."""
    stat = _wald_statistic(res, R, q)
    if np.isnan(stat):
        note += (
            ". The covariance of the restrictions, R V R', is not positive definite (a zero "
            "variance, as in a census of every PSU, or collinear restrictions), so the Wald "
            "statistic is not defined."
        )
    kind = res.covariance.label
    d = res.df_design
    if d is not None:
        return adjusted_wald_f(
            stat,
            R.shape[0],
            d,
            method or f"Adjusted Wald test ({kind} covariance, {d:g} design df)",
            note,
            R=R,
            q=q,
            chi2=stat,
            **details,
        )
    return chi2_test(
        stat, R.shape[0], method or f"Wald test ({kind} covariance)", note, R=R, q=q, **details
    )
