"""The tests of IIA themselves: Hausman–McFadden and suest, a ``run`` with a ``variance`` of
d each that :data:`mnlogit.iia.METHODS` lists, what every test shares (the restricted
model, the refits, why one cannot be used) and their result type :class:`IIATestResult`.
Small–Hsiao is in :mod:`mnlogit._iia_small_hsiao`. The checks of the options and the choice
of the reference are :func:`mnlogit.iia.iia_test`'s.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ._alike import level_said
from ._data import ModelData
from ._iia_basis import FIT_TOL, at_maximum, column_scale, conditioned
from ._iia_rank import NEGATIVE_NOTE, hinted, quadratic_form
from ._iia_variances import CHUNK, cov_of_scaled
from ._levels import same_level
from ._linalg import RANK_TOL, flat
from ._progress import iterations
from ._separation_advice import kind_of
from ._solvers import FitResult
from ._test_result import TestResult, chi2_test, statistic_text
from ._wald import rank_shortfall

if TYPE_CHECKING:  # for annotations only: iia imports this module, results imports iia
    from .iia import IIAMethod
    from .results import MNLogitResults

__all__ = ["IIATestResult"]


def _refit(res: MNLogitResults, data: ModelData) -> FitResult:
    """The maximum-likelihood fit of ``data`` (a restricted model or a half) by the fitted
    model's own solver.

    The refits run as the model's own fit does: on equilibrated columns (a column in units of
    1e-8 or 1e8 had left them ill-conditioned, a Hausman chi2 of 0.229 where the same data in
    ordinary units give 0.259, and in units of 1e-300 singular), and on past steps that stop
    shrinking when the exact check finds no separation. Without that, a restricted model
    whose maximum lies far out along a flat direction (``mode ~ bs(distance, df=3)`` on the
    travel data, where the full fit converges) was reported as diverged by separation and
    the test was not computed.
    """
    return res.solver.fit(data, tol=FIT_TOL)


@dataclass(frozen=True)
class IIATestResult(TestResult):
    """A test of IIA: the chi-squared test plus what was omitted and how it was compared.

    Attributes
    ----------
    statistic, df, pvalue, method, note, df_denom, statistic_name
        As for every :class:`~mnlogit.inference.TestResult` (``df_denom`` None: chi-squared);
        ``pvalue`` NaN where the statistic is negative or not computed (the note says why).
    omitted
        The outcome level left out of the restricted model.
    restricted
        The restricted fit (an ``MNLogitResults``, model-based covariance); for Small–Hsiao,
        the restricted refit on the second half. None when a half lacks an outcome, or when
        the restricted design is rank deficient on its rows (the note names the columns).
    positive_definite
        Whether V = V_restricted - V_full is positive definite (Hausman–McFadden only; None
        for the other methods).
    rank
        Numerical rank of the covariance matrix the statistic inverts (None for Small–Hsiao).
    details
        ``ref`` (the reference of both fits), ``coefficients`` (the compared (outcome, term)
        pairs), ``d`` and ``V`` in the columns' own units; for Small–Hsiao ``L0``, ``L1``,
        ``seed`` (the one drawn when none was given), ``n_a``, ``n_b``. Beside a column far
        from zero the statistic is computed on centred columns, where V is far better
        conditioned, so ``d' V^+ d`` recomputed from these may not reproduce it.

    Examples
    --------
    >>> import mnlogit
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> test = res.iia_test("walk")
    >>> test.omitted, test.df, test.restricted.outcomes
    ('walk', 4.0, ('bus', 'car', 'train'))
    """

    omitted: Any = None
    restricted: MNLogitResults | None = field(default=None, compare=False, repr=False)
    positive_definite: bool | None = None
    rank: int | None = None

    __test__ = False  # not a pytest test class

    # IPython takes a class's own __repr__ (the dataclass's) before a base's _repr_pretty_
    _repr_pretty_ = TestResult._repr_pretty_

    def __str__(self) -> str:
        ref = self.details.get("ref")
        lines = [
            f"{self.method}, omitting {level_said(self.omitted)} (reference {level_said(ref)})",
            statistic_text(self.statistic, self.df, self.pvalue),
        ]
        if self.positive_definite is not None:
            pd_text = "positive definite" if self.positive_definite else "not positive definite"
            lines.append(
                f"V_restricted - V_full: {pd_text}, rank {self.rank} of "
                f"{len(self.details.get('coefficients', ()))}"
            )
        if self.note:
            lines.append(f"Note: {self.note}")
        return "\n".join(lines)


def _full_fit(res: MNLogitResults, ref: Any) -> tuple[ModelData, FitResult]:
    """The full model against ``ref``: the fit itself or its exact re-expression (no refit)."""
    alt = res if same_level(ref, res.ref) else res.with_ref(ref)
    return alt._data, alt._core


def _polished(res: MNLogitResults, ref: Any, shared: dict[str, Any]) -> tuple[ModelData, FitResult]:
    """The full model against ``ref``, taken on from its estimates to its maximum (the same
    for every level of a table: computed once, kept in ``shared``).

    d is a small difference that V^+ magnifies, so both of its fits must be at their maxima
    to the same precision: a fit the user stopped at tol=1e-2 (three iterations, its
    log-likelihood 4e-5 short) gave a Hausman chi2 of 125.05 where its maximum gives -7.31.
    From a fit converged at the default tolerance this is a step or none, and then the
    Newton step of :func:`at_maximum`.
    """
    kept = shared.setdefault("polished full fits", [])
    for ref_k, full_fit in kept:
        if same_level(ref_k, ref):
            return full_fit
    data, core = _full_fit(res, ref)
    if not _fit_failure(core, "full model"):  # (going on from a diverged fit is no use)
        core = res.solver.fit(data, tol=FIT_TOL, start=core.B)
        if not _fit_failure(core, "full model"):
            core = at_maximum(data, core)
    kept.append((ref, (data, core)))
    return data, core


def _restricted_data(full: ModelData, omit: Any) -> ModelData:
    """The restricted model's data: ``full`` without the rows and the level ``omit``."""
    keep_levels = tuple(lv for lv in full.levels if not same_level(lv, omit))
    # rows held elsewhere (partitions) are selected and recoded where they live
    rows = full.subset_rows(full.y != full.coding.equation(omit))
    return rows.recode(keep_levels, full.ref)


def _fit_failure(core: FitResult, what: str, luck: str = "") -> str | None:
    """Why a fit cannot be used (separation, singular information, no convergence), or None;
    ``luck`` is the advice for a separation that another draw of the rows can mend."""
    if core.scaled_cov[0] is None:
        return (
            f"the {what} has a singular information matrix (a coefficient is not "
            "identified on its rows, or the outcomes are separated)"
        )
    if core.diverged and core.separation_check == (None,):  # the exact check found none
        return (
            f"the {what} stopped after {iterations(core.n_iter)}, short of its maximum "
            "(the exact check finds no separation)"
        )
    if core.diverged:
        sep = core.separation_check[0] if core.separation_check else None
        terms = tuple(getattr(sep, "terms", None) or ())
        # a Firth fit is refused by the IIA tests: only a design with a finite maximum helps
        if luck:
            advice = luck
        elif kind_of(sep).complete:
            advice = "merge outcome levels or use other predictors to test IIA"
        elif terms:
            shown = ", ".join(repr(t) for t in terms)
            advice = (
                f"drop the separating terms ({shown}) from the formula or merge the levels "
                "that separate the outcomes to test IIA"
            )
        else:
            advice = "drop the separating terms or merge levels to test IIA"
        return (
            f"the {what} diverged: its coefficients run off to infinity (separation), and the "
            "tests compare maximum-likelihood estimates, which do not exist there (a Firth "
            f"fit's are not such estimates); {advice}"
        )
    if not core.converged:  # the user's max_iter stopped the full model: said how to go on
        raisable = what == "full model" and not core.stalled and core.rounding is None
        more = "; refit it with a larger max_iter to test IIA" if raisable else ""
        return f"the {what} did not converge in {iterations(core.n_iter)}{more}"
    return None


def _rank_deficient(
    data: ModelData,
    what: str,
    advice: str = "leave them out of the formula to test IIA on the others",
) -> str | None:
    """Why the design of ``what`` is rank deficient on its own rows, as a fit of them is
    refused, or None (data that give no residuals: the refit's singular information is the
    backstop).

    Leaving rows out can alias columns the full model tells apart (x2 equal to x1 but on
    the omitted outcome's rows); the refit then "converged" with a covariance of
    eigenvalues -8.5e-3 and 7e13, and the tests gave numbers (suest chi2(6) = 80.0).
    """
    residuals = data.equilibrated()[0].column_residuals()
    if residuals is None:
        return None
    aliased = np.flatnonzero(residuals <= RANK_TOL)
    if not len(aliased):
        return None
    return (
        f"the {what} is rank deficient: column(s) "
        f"{', '.join(repr(data.column_names[j]) for j in aliased)} are combinations of the "
        f"others on its rows (or 0 on all of them), so its coefficients are not identified; "
        f"{advice}"
    )


def _failed(
    test: IIAMethod,
    omit: Any,
    ref: Any,
    restricted: MNLogitResults | None,
    reason: str,
    notes: list[str],
    **details: Any,
) -> IIATestResult:
    notes = [*notes, f"Not computed: {reason}."]
    nan = float("nan")
    details = {"ref": ref, "failed": reason, **details}
    return _result(nan, nan, test, omit, restricted, notes, details)


def _result(
    stat: float,
    dof: float,
    test: IIAMethod,
    omit: Any,
    restricted: MNLogitResults | None,
    notes: list[str],
    details: dict[str, Any],
    **extra: Any,
) -> IIATestResult:
    """The chi-squared test of ``stat`` (p-value NaN when negative) as an IIATestResult."""
    base = chi2_test(stat, dof, test.label)
    return IIATestResult(
        base.statistic,
        base.df,
        base.pvalue,
        base.method,
        " ".join(notes),
        details,
        omitted=omit,
        restricted=restricted,
        **extra,
    )


# --- Hausman–McFadden and suest ----------------------------------------------------------------
def _constant_column(full: ModelData) -> int | None:
    """The column that is the constant by itself: the intercept, or without one a column of
    one value (arrays given to MNLogit with a column of 5s), whose coefficients are the
    intercepts scaled; None when no single column is (a full set of dummies spans it)."""
    if full.intercept is not None:
        return full.intercept
    a = full.constant_combination
    if a is None:
        return None
    (nonzero,) = np.nonzero(a)
    return int(nonzero[0]) if len(nonzero) == 1 else None


def _common(
    full: ModelData, restricted: ModelData, include_intercepts: bool
) -> tuple[np.ndarray, np.ndarray, list[tuple[Any, str]]]:
    """Equation-major indices of the common coefficients in each fit, and their labels."""
    p = full.p
    constant = _constant_column(full)
    cols = [a for a in range(p) if include_intercepts or a != constant]
    idx_f, idx_r, labels = [], [], []
    for jr, eq in enumerate(restricted.equations):
        jf = full.coding.equation(eq)
        idx_f += [jf * p + a for a in cols]
        idx_r += [jr * p + a for a in cols]
        labels += [(eq, full.column_names[a]) for a in cols]
    return np.array(idx_f, dtype=np.intp), np.array(idx_r, dtype=np.intp), labels


def _compare(
    test: IIAMethod,
    res: MNLogitResults,
    omit: Any,
    ref: Any,
    notes: list[str],
    *,
    include_intercepts: bool,
    inverse: str,
    df: str,
    shared: dict[str, Any],
) -> IIATestResult:
    """Hausman–McFadden and suest: d' Var(d)^+ d with Var(d) from ``test.variance``."""
    full, core_f = _polished(res, ref, shared)
    rdata = _restricted_data(full, omit)
    # a separated full model is said of itself first, as Small-Hsiao says it: a factor level
    # only the omitted outcome's rows have was told as the restricted model's rank deficiency
    full_failure = _fit_failure(core_f, "full model")
    reason = _rank_deficient(rdata, f"restricted model (the rows without {level_said(omit)})")
    if reason:
        return _failed(test, omit, ref, None, full_failure or reason, notes)
    core_r = _refit(res, rdata)
    reason = full_failure or _fit_failure(core_r, "restricted model")
    if reason:
        return _failed(test, omit, ref, type(res)(rdata, core_r), reason, notes)
    core_r = at_maximum(rdata, core_r)
    restricted = type(res)(rdata, core_r)  # model-based covariance
    idx_f, idx_r, labels = _common(full, rdata, include_intercepts)
    constant = _constant_column(full)
    if not include_intercepts and constant is not None and constant != full.intercept:
        # a column of 5s was compared as a slope, and the note said there was no constant
        notes.append(
            f"include_intercepts=False: column {full.column_names[constant]!r} is constant "
            "(the intercept, scaled), so its coefficients were left out."
        )
    elif not include_intercepts and constant is None:
        # a design without a constant was said to have it in a factor's dummies
        spanned = full.constant_combination is not None
        notes.append(
            "include_intercepts=False: the design has no intercept column ("
            + (
                "its constant is in the dummies of a factor coded in full"
                if spanned
                else "nor any constant"
            )
            + "), so nothing was left out and every coefficient was compared."
        )
    reason = (
        ""
        if test.efficient_only
        else _too_few_clusters(
            res,
            labels,
            None if not include_intercepts or constant is None else full.column_names[constant],
        )
        or _owned(res, full, rdata, labels, omit)
    )
    if reason:
        return _failed(test, omit, ref, restricted, reason, notes)
    d = flat(core_r.B)[idx_r] - flat(core_f.B)[idx_f]
    assert test.variance is not None  # the comparison tests have one
    # Var(d) from both fits on centred, orthogonalised columns: a column far from zero (a
    # year, x + 1e5) left the covariances nearly singular beside the intercept, and V_r - V_f
    # cancelled to noise (a chi2 of 1.69 where the same data with x centred give 1.91)
    # (refits on that basis, to FIT_TOL and at their maxima)
    (full_c, rdata_c, core_f_c, core_r_c), back = conditioned(res, full, rdata, core_f, core_r)
    # d and its variance in the units of the full fit's equilibrated columns (its scale s):
    # the rank of V and its Moore-Penrose inverse then do not depend on the columns' units
    # (nor overflow for a column in units of 1e-300); s is one for columns in ordinary units
    s = column_scale(core_f, full)
    scaled = np.tile(s, core_f.B.shape[1])[idx_f]
    s_c = column_scale(core_f_c, full_c)  # the scale of the basis the variance is computed in
    V_s = test.variance(res, full_c, core_f_c, rdata_c, core_r_c, idx_f, idx_r, omit, s_c)
    reason = _saturated(full) or _vanishing(V_s, core_f_c, core_r_c, idx_f, idx_r, s_c)
    if reason:
        return _failed(test, omit, ref, restricted, reason, notes)
    scaled_c = np.tile(s_c, core_f.B.shape[1])[idx_f]
    d_c = (flat(core_r_c.B)[idx_r] - flat(core_f_c.B)[idx_f]) * scaled_c
    # Var(d) and d with each compared coefficient in units of its standard error (both
    # fits' variances summed), where the rank's tolerance reads them: each entry's rounding
    # is that of the coefficients' own variances. In the columns' units a coefficient the
    # restricted fit leaves 1e6 times less determined than the full fit (a column a million
    # times larger on the omitted outcome's rows) set the tolerance above a direction that
    # carried the statistic: suest chi2(5) = 2.36 where R gives chi2(6) = 35.28.
    unit = 1.0 / _standard_errors(core_f_c, core_r_c, idx_f, idx_r, s_c)
    units = unit[:, None] * unit[None, :]
    # V_r - V_f is a small difference of the fits' covariances: an eigenvalue below their
    # rounding is zero, however far above the rounding of V itself, as Stata's tolerance
    # reads it. (suest's Var(d), a sum of squares, keeps Stata's tolerance.)
    size = (
        max(
            float(np.linalg.norm(cov_of_scaled(core, s_c)[np.ix_(idx, idx)] * units, 2))
            for core, idx in ((core_f_c, idx_f), (core_r_c, idx_r))
        )
        if test.efficient_only
        else 0.0
    )
    name = "V = V_restricted - V_full" if test.efficient_only else "Var(d), the suest covariance,"
    form = quadratic_form(d_c * unit, V_s * units, inverse, size, name)
    if form.undetermined:
        reason = hinted(form.undetermined, full.in_memory)
        return _failed(test, omit, ref, restricted, reason, notes)
    stat, rank, pos_def, problem = form.statistic, form.rank, form.positive_definite, form.problem
    if back is not None:  # to the full fit's equilibrated columns
        A = back[np.ix_(idx_f, idx_f)] / scaled_c
        V_s = A @ V_s @ A.T
    with np.errstate(over="ignore"):  # shown in the user's units: inf past the float range
        V = V_s / scaled[:, None] / scaled[None, :]
    if problem:
        notes.append(f"Not computed: {problem}.")
    elif test.efficient_only and not pos_def:
        notes.append("V = V_restricted - V_full is not positive definite.")
    if stat < 0:
        notes.append(hinted(NEGATIVE_NOTE, full.in_memory))
    dof = rank if df == "rank" else len(d)
    details = {
        "ref": ref,
        "coefficients": labels,
        "d": d,
        "V": V,
        "inverse": inverse,
        "include_intercepts": include_intercepts,
    }
    if problem:  # warned of as every test not computed is: a NaN with no word said nothing
        details["failed"] = problem
    return _result(
        stat,
        dof,
        test,
        omit,
        restricted,
        notes,
        details,
        positive_definite=pos_def if test.efficient_only else None,
        rank=rank,
    )


def _too_few_clusters(
    res: MNLogitResults, labels: list[tuple[Any, str]], intercept: str | None
) -> str:
    """Why a sandwich Var(d) cannot support a test of the compared coefficients ``labels``:
    its meat sums the scores of G clusters, which add up to zero at both maxima, so its rank
    is at most G - 1 (a Moore-Penrose inverse would test only a G - 1 dimensional part of
    d, with no word); "" when it can. ``intercept``: the name of the intercept column when
    the intercepts are among them."""
    short = rank_shortfall(res, len(labels), "coefficients compared")
    if not short:
        return ""
    # include_intercepts=False is advised only where it helps: it was advised to a test
    # already without them, and beside a bound that the slopes alone exceed
    slopes = sum(name != intercept for _, name in labels)
    helps = intercept is not None and not rank_shortfall(res, slopes, "")
    return f"{short}, so the Wald statistic of d is not defined; " + (
        "compare fewer coefficients (include_intercepts=False) or fit with more clusters"
        if helps
        else "fit with more clusters, or with fewer predictors"
    )


def _owned(
    res: MNLogitResults,
    full: ModelData,
    rdata: ModelData,
    labels: list[tuple[Any, str]],
    omit: Any,
) -> str:
    """Why the sandwich holds nothing of the variance of some compared coefficient, or "".

    A column only one cluster's rows carry (a dummy for it) has coefficients fitted to that
    cluster alone, in either fit, whose score total they set to zero: Var(d) misses their
    sampling variance, and a dummy for one cluster of 30 turned a suest chi2 of 1.3 into
    59.9 (p = 5e-11) on data under IIA. Each fit is checked on its own rows.
    """
    cov = res.covariance
    unit = cov.units(full)
    if unit is None:
        return ""
    in_full = res._unit_owned[:, 0]  # the fit's own, computed once
    owned = in_full | cov.owned(rdata)
    compared = {name for _, name in labels}
    names = [name for a, name in enumerate(full.column_names) if owned[a] and name in compared]
    if not names:
        return ""
    of_fit = [name for a, name in enumerate(full.column_names) if in_full[a] and name in compared]
    if of_fit:
        names = of_fit  # the formula's identifiers, told first
    else:
        # only the rows left without the omitted outcome: the fit's standard errors are
        # finite and the formula holds no identifier to leave out (every a and b row in
        # one cluster was told "leave cluster identifiers out of the formula" of y ~ x)
        return (
            f"without the rows of {level_said(omit)}, the coefficients of "
            f"{', '.join(map(repr, names))} "
            f"are each determined by the rows of a single {unit[1]} (the restricted model's "
            f"rows lie in one {unit[1]}, or those carrying them do), so the {cov.label} "
            "covariance holds nothing of their sampling variance in the restricted model; "
            f"omit another outcome, or, if the rows are independent, use method='hausman' "
            "on a fit with cov_type='nonrobust'"
        )
    return (
        f"the coefficients of {', '.join(map(repr, names))} are each determined by the rows "
        f"of a single {unit[1]}, so the {cov.label} covariance holds nothing of their "
        f"sampling variance (their standard errors are NaN); leave {unit[1]} identifiers out "
        f"of the formula: the {unit[1]}s are already in the covariance"
    )


# Var(d) smaller than this fraction of the compared coefficients' own variances in every
# direction is zero as far as the fits can tell: the two fits' estimates agree to their
# convergence (a saturated design, which gives them identically, leaves V at 1e-10 of them
# and the stacked sandwich at 1e-19, where genuine comparisons give 1e-2 and more, and about
# the omitted outcome's share of the rows at least). The backstop of _saturated's exact
# check, for rows not in memory.
VANISHING = 1e-8


def _saturated(full: ModelData) -> str:
    """Why a design makes the two fits' estimates equal identically, or "".

    A design with as many distinct rows (of positive weight) as columns gives each covariate
    pattern coefficients of its own: every fit reproduces each pattern's outcome shares, so
    each remaining pair of outcomes has the same log odds with or without the omitted one,
    and d and its covariance are rounding (of the size of the fits' convergence, however
    loose). Checked on rows in memory only.
    """
    if not full.in_memory:
        return ""
    seen = np.empty((0, full.p))
    for lo in range(0, full.n_rows, CHUNK):  # a design with a continuous column stops at once
        rows = full.X[lo : lo + CHUNK][full.w[lo : lo + CHUNK] > 0]
        seen = np.unique(np.concatenate([seen, rows]), axis=0)
        if len(seen) > full.p:
            return ""
    said = (
        "its one row of predictors has coefficients of its own (intercepts only)"
        if len(seen) == 1
        else f"its {len(seen)} distinct rows of predictors each have coefficients of their "
        "own (intercepts only, or factors with all their interactions)"
    )
    return (
        f"the design is saturated: {said}, "
        "so the restricted model's estimates equal the full model's identically and the test "
        "has nothing to compare"
    )


def _standard_errors(
    core_f: FitResult, core_r: FitResult, idx_f: np.ndarray, idx_r: np.ndarray, s: np.ndarray
) -> np.ndarray:
    """The compared coefficients' model-based variances summed over both fits, rooted."""
    D = np.diag(cov_of_scaled(core_f, s))[idx_f] + np.diag(cov_of_scaled(core_r, s))[idx_r]
    return np.sqrt(D)


def _vanishing(
    V_s: np.ndarray,
    core_f: FitResult,
    core_r: FitResult,
    idx_f: np.ndarray,
    idx_r: np.ndarray,
    s: np.ndarray,
) -> str:
    """Why Var(d) is zero to the fits' precision (then d is too, and d' Var(d)^+ d is
    rounding divided by rounding), or "".

    Measured against the model-based variances of the compared coefficients, summed over
    both fits, so that the columns' units and the coefficients' sizes do not matter.
    """
    if not len(idx_f):
        return ""
    root = _standard_errors(core_f, core_r, idx_f, idx_r, s)
    size = np.linalg.norm(V_s / root[:, None] / root[None, :], 2)
    if size > VANISHING:
        return ""
    return (
        f"the covariance of d is {size:.1e} of the compared coefficients' variances, zero to "
        "the fits' precision: the restricted model's estimates equal the full model's by "
        "construction (as when the design has intercepts only, or factors with all their "
        "interactions), so the test has nothing to compare"
    )
