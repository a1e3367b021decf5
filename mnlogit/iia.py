"""Tests of Independence of Irrelevant Alternatives (IIA).

Under IIA the odds between any two outcomes do not depend on which other outcomes exist, so a
model refitted without one outcome (its rows dropped, the level removed) estimates the same
coefficients for the remaining equations as the full model. Three tests compare the two fits:

* Hausman–McFadden (1984): H = d' V^+ d with d = b_restricted - b_full on the common
  coefficients and V = V_restricted - V_full (model-based covariances). Defaults follow
  Stata/SPost ``mlogtest, iia``; ``inverse="solve", df="k"`` follows R's ``mlogit::hmftest``.
* suest: a Wald test of the same d with the covariance of (b_full, b_restricted) estimated
  jointly from the stacked per-row scores, as Stata's ``suest`` does; positive semi-definite by
  construction.
* Small–Hsiao (1985): a likelihood-ratio test on a random half of the data.

Restricted models are fitted by the estimation core on recoded copies of the model's arrays; the
user's data and fit are never modified. Each test is one entry of :data:`METHODS` (its label, the
options it reads, how it is computed); a new test is one more entry.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from scipy import linalg

from ._checks import check_option, lookup_option
from ._data import InMemoryData, ModelData
from ._fisher import row_scores
from ._levels import same_level
from ._linalg import flat
from ._progress import Progress
from ._solvers import FitResult, estimate
from ._test_result import TestResult, chi2_test, p_text
from .exceptions import (
    DataError,
    IIATestWarning,
    LevelError,
    OptionError,
)

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = ["METHODS", "IIAMethod", "IIATestResult", "iia_table", "iia_test"]

INVERSES = ("pinv", "solve")
DFS = ("rank", "k")
# The options of iia_test that select how a test is computed, with their defaults; each
# method reads some of them (IIAMethod.options) and refuses the others when they are changed.
DEFAULTS: dict[str, Any] = {
    "include_intercepts": True,
    "inverse": "pinv",
    "df": "rank",
    "seed": None,
}
FIT_TOL = 1e-12  # restricted fits: d is a small difference, so converge well past the default
CHUNK = 8192  # rows per block when summing per-row scores

NEGATIVE_NOTE = (
    "chi2 < 0: the model fitted on these data fails to meet the asymptotic assumptions of the "
    "Hausman test; see method='suest' for a generalized test."
)


@dataclass(frozen=True)
class IIATestResult(TestResult):
    """A test of IIA: the chi-squared test plus what was omitted and how it was compared.

    Attributes
    ----------
    statistic, df, pvalue, method, note
        As for every :class:`~mnlogit.inference.TestResult`; ``pvalue`` is NaN when the
        statistic is negative or could not be computed (the note says why).
    omitted
        The outcome level left out of the restricted model.
    restricted
        The restricted fit (an ``MNLogitResults``, model-based covariance); for Small–Hsiao,
        the restricted refit on the second half.
    positive_definite
        Whether V = V_restricted - V_full is positive definite (Hausman–McFadden only; None
        for the other methods).
    rank
        Numerical rank of the covariance matrix the statistic inverts (None for Small–Hsiao).
    details
        ``ref`` (the reference of both fits), ``coefficients`` (the compared (outcome, term)
        pairs), ``d`` and ``V``; for Small–Hsiao ``L0``, ``L1``, ``seed``, ``n_a``, ``n_b``.

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

    def __str__(self) -> str:
        ref = self.details.get("ref")
        lines = [
            f"{self.method}, omitting {self.omitted!r} (reference {ref!r})",
            f"chi2({self.df:g}) = {self.statistic:.4f}, {p_text(self.pvalue)}",
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


# --- public entry points ---------------------------------------------------------------------
def iia_test(
    res: MNLogitResults,
    omit: Any,
    method: str = "hausman",
    *,
    include_intercepts: bool = True,
    inverse: str = "pinv",
    df: str = "rank",
    seed: Any = None,
) -> IIATestResult:
    """Test Independence of Irrelevant Alternatives by leaving the outcome ``omit`` out.

    Parameters
    ----------
    res : MNLogitResults
        A maximum-likelihood fit with at least three outcome levels.
    omit : level
        The outcome to leave out. Omitting the reference refits both models against the largest
        remaining level (the note says which), as ``mlogtest`` does.
    method : {"hausman", "suest", "small-hsiao"}
        Hausman–McFadden with model-based covariances (needs ``cov_type="nonrobust"``); Wald
        test with the jointly estimated (suest) sandwich covariance; or Small–Hsiao.
    include_intercepts : bool
        Compare the intercepts too (Stata/SPost and mlogit default). Hausman and suest only.
    inverse : {"pinv", "solve"}
        Moore–Penrose inverse with Stata's rank tolerance, or a linear solve (mlogit::hmftest).
    df : {"rank", "k"}
        Degrees of freedom: the rank of the inverted matrix (Stata) or the number of compared
        coefficients (mlogit::hmftest).
    seed : int, Generator or None
        Random split of the data (Small–Hsiao only); a fixed seed reproduces the test.

    Returns
    -------
    IIATestResult

    Notes
    -----
    Hausman–McFadden: d = b_r - b_f over every coefficient of the remaining non-reference
    equations, V = V_r - V_f, H = d' V^+ d. V is often indefinite and H can be negative; H is
    then reported as is, with a NaN p-value and a note.

    suest: with per-row scores g (the restricted model's are zero on the omitted rows), the
    influence of row i on d is t_i = V_r g_r,i - V_f g_f,i, Var(d) = n/(n-1) sum w_i t_i t_i'
    (clusters: G/(G-1) sum over clusters of the summed t), and W = d' Var(d)^+ d.

    Small–Hsiao: random halves A and B (frequency weights split as repeated rows);
    b_AB = b_A / sqrt(2) + (1 - 1/sqrt(2)) b_B; L0 is the restricted log-likelihood on B at the
    remaining equations of b_AB, L1 the restricted maximum on B; SH = -2 (L0 - L1) with
    df = the restricted model's parameter count.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.iia import iia_test
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> iia_test(res, "walk").method
    'Hausman-McFadden test of IIA'
    >>> iia_test(res, "walk", method="small-hsiao", seed=1).df
    4.0
    """
    return _run(
        res,
        omit,
        method,
        include_intercepts=include_intercepts,
        inverse=inverse,
        df=df,
        seed=seed,
        stacklevel=4,
    )


def iia_table(res: MNLogitResults, method: str = "hausman", **options: Any) -> pd.DataFrame:
    """:func:`iia_test` with every outcome level omitted in turn, as Stata's ``mlogtest, iia``.

    Parameters
    ----------
    res : MNLogitResults
        A maximum-likelihood fit with at least three outcome levels.
    method : {"hausman", "suest", "small-hsiao"}
        As for :func:`iia_test`.
    **options
        ``include_intercepts``, ``inverse``, ``df`` and ``seed``, as for :func:`iia_test`.

    Returns
    -------
    DataFrame
        Indexed by the omitted level; columns ``statistic``, ``df``, ``pvalue``,
        ``positive_definite`` and ``note``.

    Examples
    --------
    >>> import mnlogit
    >>> from mnlogit.iia import iia_table
    >>> res = mnlogit.fit("mode ~ parking", mnlogit.datasets.load("travel"), ref="car")
    >>> list(iia_table(res).index)
    ['bus', 'car', 'train', 'walk']
    """
    rows = []
    progress = Progress(res._core.verbose, prefix="iia_table")
    for k, lv in enumerate(res.outcomes):  # a plain loop keeps warnings at the user's line
        with progress.task(f"level {k + 1} of {len(res.outcomes)} ({lv!r}) omitted"):
            rows.append(_run(res, lv, method, stacklevel=4, **options))
    return pd.DataFrame(
        {
            "statistic": [r.statistic for r in rows],
            "df": [r.df for r in rows],
            "pvalue": [r.pvalue for r in rows],
            "positive_definite": [r.positive_definite for r in rows],
            "note": [r.note for r in rows],
        },
        index=pd.Index(res.outcomes, name="omitted"),
    )


# --- validation and set-up -------------------------------------------------------------------
def _run(
    res: MNLogitResults,
    omit: Any,
    method: str,
    *,
    include_intercepts: bool = True,
    inverse: str = "pinv",
    df: str = "rank",
    seed: Any = None,
    stacklevel: int = 4,
) -> IIATestResult:
    test = lookup_option("method", method, METHODS)
    given = {"include_intercepts": include_intercepts, "inverse": inverse, "df": df, "seed": seed}
    check_option("inverse", inverse, INVERSES)
    check_option("df", df, DFS)
    if not isinstance(include_intercepts, (bool, np.bool_)):
        raise OptionError(f"include_intercepts: expected True or False; got {include_intercepts!r}")
    _refuse_unused(test, given)
    if res.solver.penalized:
        raise OptionError(
            f"IIA tests compare maximum-likelihood fits; this fit used method={res.method!r}"
            + (f" with penalty={res.penalty!r}" if res.penalty is not None else "")
            + ". Refit with method='newton' and no penalty."
        )
    if res.covariance.needs_design:
        raise OptionError(
            "IIA tests are not available for survey data (probability weights or a design): "
            "Hausman-McFadden needs the efficient covariance, Small-Hsiao a likelihood, and "
            "suest here sandwiches independent rows, not the design's PSUs"
        )
    if test.efficient_only and not res.covariance.efficient:
        others = " or ".join(
            f"method={m.name!r}" for m in METHODS.values() if m.variance and not m.efficient_only
        )
        raise OptionError(
            f"method={test.name!r} needs the efficient (model-based) covariance; this fit has "
            f"cov_type={res.cov_type!r}. Use {others}, which allows for robust and clustered "
            "errors."
        )
    data = res._data
    levels = data.levels
    if len(levels) < 3:
        raise DataError(
            f"an IIA test needs at least 3 outcome levels (one to omit, two to "
            f"compare); the outcome has {len(levels)}: {levels!r}"
        )
    level = data.coding.find(omit)
    if level is None:
        raise LevelError(f"omit: {omit!r} is not an outcome level; the levels are {levels!r}")
    omit = level
    notes: list[str] = []
    ref = data.ref
    if same_level(omit, ref):
        ref = _largest_remaining(data, omit)
        notes.append(
            f"{omit!r} is the reference; both models were refitted with the largest "
            f"remaining outcome, {ref!r}, as the reference."
        )
    out = test.run(test, res, omit, ref, notes, **{k: given[k] for k in test.options})
    if out.details.get("failed"):
        warnings.warn(
            f"IIA test omitting {omit!r} not computed: {out.details['failed']}",
            IIATestWarning,
            stacklevel=stacklevel,
        )
    return out


def _refuse_unused(test: IIAMethod, given: dict[str, Any]) -> None:
    """Refuse options changed from their defaults that ``test`` does not read."""
    changed = [
        (k, v)
        for k, v in given.items()
        if k not in test.options and (v is not None if DEFAULTS[k] is None else v != DEFAULTS[k])
    ]
    if not changed:
        return
    shown = ", ".join(f"{k}={v!r}" for k, v in changed)
    users = {m.name for m in METHODS.values() for k, _ in changed if k in m.options}
    if len(users) == 1:  # one method reads them: name it
        raise OptionError(
            f"{shown}: only method={users.pop()!r} uses {'it' if len(changed) == 1 else 'them'}; "
            f"got method={test.name!r}"
        )
    raise OptionError(f"{shown}: not used by method={test.name!r} ({test.summary})")


def _largest_remaining(data: ModelData, omit: Any) -> Any:
    """The level with the largest (weighted) count other than ``omit``; ties: level order."""
    counts = np.empty(len(data.levels))
    counts[data.coding.core_to_level] = data.outcome_counts()
    order = [i for i in range(len(data.levels)) if not same_level(data.levels[i], omit)]
    return data.levels[max(order, key=lambda i: (counts[i], -i))]


def _full_fit(res: MNLogitResults, ref: Any) -> tuple[ModelData, FitResult]:
    """The full model against ``ref``: the fit itself or its exact re-expression (no refit)."""
    alt = res if same_level(ref, res.ref) else res.with_ref(ref)
    return alt._data, alt._core


def _restricted_data(full: ModelData, omit: Any) -> ModelData:
    """The restricted model's data: ``full`` without the rows and the level ``omit``."""
    keep_levels = tuple(lv for lv in full.levels if not same_level(lv, omit))
    # rows held elsewhere (partitions) are selected and recoded where they live
    rows = full.subset_rows(full.y != full.coding.equation(omit))
    return rows.recode(keep_levels, full.ref)


def _fit_failure(core: FitResult, what: str) -> str | None:
    """Why a fit cannot be used (separation, singular information, no convergence), or None."""
    if core.cov is None:
        return (
            f"the {what} has a singular information matrix (a coefficient is not "
            "identified on its rows, or the outcomes are separated)"
        )
    if core.diverged:
        return f"the {what} diverged: its coefficients run off to infinity (separation)"
    if not core.converged:
        return f"the {what} did not converge in {core.n_iter} iterations"
    return None


def _failed(
    test: IIAMethod,
    omit: Any,
    ref: Any,
    restricted: MNLogitResults,
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
    restricted: MNLogitResults,
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
def _common(
    full: ModelData, restricted: ModelData, include_intercepts: bool
) -> tuple[np.ndarray, np.ndarray, list[tuple[Any, str]]]:
    """Equation-major indices of the common coefficients in each fit, and their labels."""
    p = full.p
    cols = [a for a in range(p) if include_intercepts or a != full.intercept]
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
) -> IIATestResult:
    """Hausman–McFadden and suest: d' Var(d)^+ d with Var(d) from ``test.variance``."""
    full, core_f = _full_fit(res, ref)
    rdata = _restricted_data(full, omit)
    core_r = estimate(rdata, tol=FIT_TOL)
    restricted = type(res)(rdata, core_r)  # model-based covariance
    reason = _fit_failure(core_f, "full model") or _fit_failure(core_r, "restricted model")
    if reason:
        return _failed(test, omit, ref, restricted, reason, notes)
    idx_f, idx_r, labels = _common(full, rdata, include_intercepts)
    d = flat(core_r.B)[idx_r] - flat(core_f.B)[idx_f]
    assert core_r.cov is not None and core_f.cov is not None  # _fit_failure checked them
    assert test.variance is not None  # the comparison tests have one
    V = test.variance(res, full, core_f, rdata, core_r, idx_f, idx_r, omit)
    stat, rank, pos_def, problem = _quadratic_form(d, V, inverse)
    if problem:
        notes.append(problem)
    elif test.efficient_only and not pos_def:
        notes.append("V = V_restricted - V_full is not positive definite.")
    if stat < 0:
        notes.append(NEGATIVE_NOTE)
    dof = rank if df == "rank" else len(d)
    details = {
        "ref": ref,
        "coefficients": labels,
        "d": d,
        "V": V,
        "inverse": inverse,
        "include_intercepts": include_intercepts,
    }
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


def _quadratic_form(
    d: np.ndarray, V: np.ndarray, inverse: str
) -> tuple[float, int, bool, str | None]:
    """d' V^+ d (or d' V^-1 d by a solve), the rank of V, whether V is positive definite.

    The rank uses Stata's (and numpy's) tolerance max(dim) * eps * sigma_max; V is symmetric,
    so its singular values are the absolute eigenvalues and the Moore–Penrose inverse keeps the
    eigenvectors whose eigenvalue clears the tolerance.
    """
    V = (V + V.T) / 2
    lam, U = linalg.eigh(V)
    tol = len(d) * np.finfo(float).eps * (np.abs(lam).max() if lam.size else 0.0)
    keep = np.abs(lam) > tol
    rank = int(keep.sum())
    pos_def = bool(lam.size and lam.min() > tol)
    if inverse == "pinv":
        z = U[:, keep].T @ d
        return float(z @ (z / lam[keep])), rank, pos_def, None
    if rank < len(d):
        return (
            float("nan"),
            rank,
            pos_def,
            (
                f"V is singular (rank {rank} of {len(d)}), so inverse='solve' cannot be used; "
                "use inverse='pinv'."
            ),
        )
    if pos_def:
        x = linalg.cho_solve(linalg.cho_factor(V, check_finite=False), d, check_finite=False)
    else:
        x = linalg.lu_solve(linalg.lu_factor(V, check_finite=False), d, check_finite=False)
    return float(d @ x), rank, pos_def, None


def _difference_cov(
    res: MNLogitResults,
    full: ModelData,
    core_f: FitResult,
    rdata: ModelData,
    core_r: FitResult,
    idx_f: np.ndarray,
    idx_r: np.ndarray,
    omit: Any,
) -> np.ndarray:
    """V_restricted - V_full on the common coefficients (model-based covariances)."""
    assert core_f.cov is not None and core_r.cov is not None  # _fit_failure checked them
    return core_r.cov[np.ix_(idx_r, idx_r)] - core_f.cov[np.ix_(idx_f, idx_f)]


def _suest_cov(
    res: MNLogitResults,
    full: ModelData,
    core_f: FitResult,
    rdata: ModelData,
    core_r: FitResult,
    idx_f: np.ndarray,
    idx_r: np.ndarray,
    omit: Any,
) -> np.ndarray:
    """Var(b_r - b_f) on the common coefficients from the stacked sandwich of both fits.

    Each row's influence on d is t_i = V_r[idx_r] g_r,i - V_f[idx_f] g_f,i (the restricted
    score is zero on omitted rows), so the p*q-dimensional meat is never formed.
    """
    X_all, w = full.X, full.w  # per-row scores need the rows in memory
    assert core_f.cov is not None and core_r.cov is not None  # _fit_failure checked them
    A_f = core_f.cov[:, idx_f]
    A_r = core_r.cov[:, idx_r]
    keep = full.y != full.coding.equation(omit)
    y_r = np.empty(full.n_rows, dtype=np.intp)
    y_r[keep] = rdata.y
    y_r[~keep] = 0  # placeholder; these rows' restricted scores are zeroed below
    groups = full.groups if res.covariance.needs_groups else None
    n_groups = 0 if groups is None else int(groups.max()) + 1
    m = len(idx_f)
    sums = np.zeros((n_groups, m))
    meat = np.zeros((m, m))
    for lo in range(0, full.n_rows, CHUNK):
        sl = slice(lo, lo + CHUNK)
        X = X_all[sl]
        t = row_scores(X, y_r[sl], core_r.B) @ A_r
        t[~keep[sl]] = 0.0
        t -= row_scores(X, full.y[sl], core_f.B) @ A_f
        if groups is not None:
            np.add.at(sums, groups[sl], t * w[sl, None])
        else:
            tw = t * np.sqrt(w[sl])[:, None]
            meat += tw.T @ tw
    if groups is not None:
        return sums.T @ sums * (n_groups / (n_groups - 1))
    n = full.sum_weights
    return meat * (n / (n - 1))


# --- Small–Hsiao ---------------------------------------------------------------------------------
def _split_weights(w: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Half A's weights: a random half of the observations, frequency-weighted rows split."""
    counts = np.rint(w).astype(np.int64)
    total = int(counts.sum())
    return rng.multivariate_hypergeometric(counts, total // 2, method="marginals").astype(float)


def _half(data: InMemoryData, w: np.ndarray, name: str) -> InMemoryData:
    half = replace(data, w=w).subset_rows(w > 0)
    counts = half.outcome_counts()
    core_to_level = half.coding.core_to_level
    missing = [half.levels[core_to_level[c]] for c in np.flatnonzero(counts <= 0)]
    if missing:
        raise DataError(
            f"Small-Hsiao: half {name} of the random split has no observations with outcome "
            f"{', '.join(map(repr, missing))}; the test needs every outcome in both halves "
            "(try another seed or more data)"
        )
    return half


def _small_hsiao(
    test: IIAMethod, res: MNLogitResults, omit: Any, ref: Any, notes: list[str], *, seed: Any
) -> IIATestResult:
    full, _ = _full_fit(res, ref)
    rng = np.random.default_rng(seed)
    w_a = _split_weights(full.w, rng)  # raises NotInMemoryError for rows held elsewhere
    assert isinstance(full, InMemoryData)
    half_a = _half(full, w_a, "A")
    half_b = _half(full, full.w - w_a, "B")
    fit_a = estimate(half_a, tol=FIT_TOL)
    fit_b = estimate(half_b, tol=FIT_TOL)
    rdata = _restricted_data(half_b, omit)
    core_r = estimate(rdata, tol=FIT_TOL)
    restricted = type(res)(rdata, core_r)  # model-based covariance
    details = {"n_a": half_a.sum_weights, "n_b": half_b.sum_weights}
    reason = (
        _fit_failure(fit_a, "full model on half A")
        or _fit_failure(fit_b, "full model on half B")
        or _fit_failure(core_r, "restricted model on half B")
    )
    if reason:
        return _failed(test, omit, ref, restricted, reason, notes, **details)
    c = 1.0 / np.sqrt(2.0)
    b_ab = c * fit_a.B + (1.0 - c) * fit_b.B
    eqs = [full.coding.equation(eq) for eq in rdata.equations]
    # restricted model's likelihood: probabilities renormalised over the remaining outcomes
    l0 = rdata.evaluator()(np.ascontiguousarray(b_ab[:, eqs]), 0).loglik
    l1 = core_r.loglik
    stat = -2.0 * (l0 - l1)
    details = {"ref": ref, "L0": l0, "L1": l1, "seed": seed, **details}
    return _result(stat, rdata.p * rdata.q, test, omit, restricted, notes, details)


# --- the table of methods -----------------------------------------------------------------------
@dataclass(frozen=True)
class IIAMethod:
    """One test of IIA: the entry ``method=`` selects. A new test is one entry in METHODS."""

    name: str
    label: str  # the test's name in its result
    run: Callable[..., IIATestResult]  # run(test, res, omit, ref, notes, **its options)
    options: tuple[str, ...]  # the options of DEFAULTS it reads; changing another is an error
    summary: str  # what the test is, for messages
    # Var(d) on the common coefficients, for the tests that compare the two fits' d
    variance: Callable[..., np.ndarray] | None = None
    # needs the model-based covariance: Var(d) is V_r - V_f, which may be indefinite (reported)
    efficient_only: bool = False

    def __repr__(self) -> str:
        return f"<IIAMethod {self.name!r}: {self.label}>"


METHODS: dict[str, IIAMethod] = {
    m.name: m
    for m in (
        IIAMethod(
            "hausman",
            "Hausman-McFadden test of IIA",
            _compare,
            ("include_intercepts", "inverse", "df"),
            "d' (V_restricted - V_full)^+ d with model-based covariances",
            variance=_difference_cov,
            efficient_only=True,
        ),
        IIAMethod(
            "suest",
            "suest-based Hausman test of IIA",
            _compare,
            ("include_intercepts", "inverse", "df"),
            "a Wald test of d with the jointly estimated sandwich covariance",
            variance=_suest_cov,
        ),
        IIAMethod(
            "small-hsiao",
            "Small-Hsiao test of IIA",
            _small_hsiao,
            ("seed",),
            "a likelihood-ratio test of every restricted coefficient",
        ),
    )
}
