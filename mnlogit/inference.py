"""Statistical tests of a fit: the test result type, likelihood-ratio tests (against the null,
of nested fits, per term as car's Anova) and Wald tests of linear restrictions.

Everything here works on a fitted results object and its :class:`~mnlogit._data.ModelData`.
Restricted models are refitted only through the fitted method's solver (the table in
:mod:`mnlogit._solvers`) on a subset of the design columns, so estimation stays in one place;
this module never imports model.py or results.py.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import linalg, stats

from ._checks import check_option
from ._data import ModelData
from ._levels import same_level
from ._linalg import cholesky, flat
from ._progress import Progress
from ._restrictions import Constraints, restrictions, split_top
from .exceptions import (
    ConvergenceWarning,
    DataError,
    ModelComparisonError,
)

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = [
    "TestResult",
    "anova",
    "chi2_test",
    "lr_test",
    "lr_test_null",
    "wald_test",
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
        p = "nan" if np.isnan(self.pvalue) else f"{self.pvalue:.4g}"
        dist = "chi2" if self.df_denom is None else "F"
        df = f"{self.df:g}" if self.df_denom is None else f"{self.df:g}, {self.df_denom:g}"
        text = f"{self.method}: {dist}({df}) = {self.statistic:.4f}, p = {p}"
        return f"{text}\n{self.note}" if self.note else text


def chi2_test(
    statistic: float, df: float, method: str, note: str = "", **details: Any
) -> TestResult:
    """A chi-squared test result; the p-value is NaN when the statistic is negative."""
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
        return TestResult(
            float("nan"), float(k), float("nan"), method, f"{note} {why}".strip(), details, d2
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


def lr_test_null(res: MNLogitResults) -> TestResult:
    """LR test of a fit against the intercept-only model, df = (K - 1)(p - 1).

    A Firth fit is compared with the Firth fit of the intercept-only model on their penalised
    log-likelihoods, as nested Firth fits are compared everywhere (see :func:`lr_test`).
    Refused for survey fits (see :func:`refuse_likelihood_tests`).
    """
    refuse_likelihood_tests(res, "lr_test")
    method = "Likelihood-ratio test against the intercept-only model"
    if not res.solver.penalized:
        return chi2_test(2.0 * (res.llf - res.llnull), res.df_model, method)
    intercept = res._data.intercept
    null = _refit_loglik(res, [] if intercept is None else [intercept])
    assert res.penalized_llf is not None  # set by every penalised fit
    return chi2_test(
        2.0 * (res.penalized_llf - null),
        res.df_model,
        method,
        "penalised (Firth) log-likelihoods of both models",
    )


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
        The fits differ in rows, weights, outcome levels, reference or method, or the designs
        are not nested.

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
    df = r.q * (f.p - r.p)
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
        "Likelihood-ratio test of nested models",
        " ".join(notes),
        llf_restricted=ll_r,
        llf_full=ll_f,
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


# --- per-term likelihood-ratio tests (car::Anova) ------------------------------------------------
def anova(res: MNLogitResults, type: str = "II") -> pd.DataFrame:  # car::Anova's argument name
    """Per-term likelihood-ratio tests, each term dropped from every equation.

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
        Indexed by term (the intercept is not tested), columns ``chi2``, ``df``, ``pvalue``.

    Notes
    -----
    Restricted models are refitted with a tolerance of 1e-12. Firth fits compare penalised
    log-likelihoods. The covariance type does not matter: LR tests use no covariance.
    """
    check_option("type", type, ("II", "III"))
    refuse_likelihood_tests(res, "anova")
    data = res._data
    firth = res.solver.penalized
    full_ll = res.penalized_llf if firth else res.llf
    assert full_ll is not None  # penalised fits set penalized_llf
    terms = {
        t: cols
        for t, cols in data.terms.items()
        if t != "Intercept" and tuple(cols) != (data.intercept,)
    }
    if not terms:
        raise DataError("anova: the model has no terms besides the intercept to test")
    factors = _term_factors(data, terms)
    all_cols = range(data.p)
    cache: dict[frozenset, float] = {frozenset(all_cols): full_ll}
    progress = Progress(res._core.verbose, prefix="anova")

    def loglik(drop: set[int]) -> float:
        keep = frozenset(c for c in all_cols if c not in drop)
        if keep not in cache:
            with progress.task(f"  refit with {len(keep)} of {data.p} columns"):
                cache[keep] = _refit_loglik(res, sorted(keep))
        return cache[keep]

    rows = []
    for k, (term, cols) in enumerate(terms.items()):
        progress.say(f"term {k + 1} of {len(terms)}: {term}")
        relatives: set[int] = set()
        if type == "II":
            for other, ocols in terms.items():
                if factors[term] < factors[other]:
                    relatives.update(ocols)
        chi2 = 2.0 * (loglik(relatives) - loglik(relatives | set(cols)))
        df = data.q * len(cols)
        rows.append((term, chi2, df, float(stats.chi2.sf(chi2, df)) if chi2 >= 0 else np.nan))
    out = pd.DataFrame(
        [r[1:] for r in rows],
        columns=["chi2", "df", "pvalue"],
        index=pd.Index([r[0] for r in rows], name="term"),
    )
    out.attrs["type"] = type
    out.attrs["note"] = f"Type {type} likelihood-ratio tests" + (
        " of penalised (Firth) log-likelihoods" if firth else ""
    )
    return out


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


def _refit_loglik(res: MNLogitResults, cols: list[int]) -> float:
    """(Penalised) log-likelihood of the model with only design columns ``cols``."""
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
        warnings.warn(
            f"the restricted model with columns {', '.join(data.column_names) or '(none)'} did "
            f"not converge in {core.n_iter} iterations; its likelihood-ratio test is unreliable",
            ConvergenceWarning,
            stacklevel=4,
        )
    return value


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
          coefficient is ``outcome:column`` (outcome as ``str`` of the level), with ``+``, ``-``
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
    b = flat(res.params.to_numpy())
    used = np.flatnonzero(np.any(R != 0, axis=0))  # the coefficients the restrictions involve
    V = res._cov_block(used)  # their covariance (without the whole matrix, if too large)
    r = R @ b - q
    M = R[:, used] @ V @ R[:, used].T
    c = cholesky(M)
    if c is None:
        stat = float("nan")
    else:
        stat = float(r @ linalg.cho_solve((c, False), r, check_finite=False))
    kind = res.covariance.label
    d = res.df_design
    if d is not None:
        return adjusted_wald_f(
            stat,
            R.shape[0],
            d,
            f"Adjusted Wald test ({kind} covariance, {d:g} design df)",
            "H0: " + "; ".join(labels),
            R=R,
            q=q,
            restrictions=labels,
            chi2=stat,
        )
    return chi2_test(
        stat,
        R.shape[0],
        f"Wald test ({kind} covariance)",
        "H0: " + "; ".join(labels),
        R=R,
        q=q,
        restrictions=labels,
    )
