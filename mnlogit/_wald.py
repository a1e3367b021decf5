"""Wald tests of linear restrictions with a fit's own covariance (chi2, or for survey fits
Stata's adjusted Wald F), computed in the equilibrated coordinates the fit ran on.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy import linalg

from ._checks import statistic_name
from ._clusters import FEW_CLUSTERS
from ._distributions import f_sf
from ._linalg import NEAR_COLLINEAR, RANK_TOL, cholesky, flat, in_basis
from ._owned import owned_note
from ._penalised_notes import cell_labels, penalised_under_separation
from ._recession import bounded_along_separation
from ._restriction_arrays import AMPLIFIED, orthonormal_rows, scaled_rows, span_amplified
from ._restrictions import (
    Constraints,
    dropped_rows,
    keeps_constant,
    restrictions,
)
from ._subpop_levels import outside_named
from ._test_result import (
    TestResult,
    _diverging_labels,
    _not_computed,
    _slopes,
    adjusted_wald_f,
    chi2_test,
    labels_shown,
    no_slopes,
    not_final,
    not_final_note,
    refuse_penalised,
)
from .report._format import count

if TYPE_CHECKING:  # for annotations only: results imports this module
    from .results import MNLogitResults

__all__ = [
    "rank_shortfall",
    "too_many_restrictions",
    "wald_test",
    "wald_test_slopes",
]


def wald_test_slopes(res: MNLogitResults) -> TestResult:
    """Wald test that every slope is zero in every equation, with the fit's covariance.

    What the summary shows instead of the likelihood-ratio test when the covariance does not
    allow one (Stata's ``mlogit, vce(robust)`` header); an adjusted Wald F for survey fits.
    NaN, with a note, when a slope diverges under separation. Its null is that of
    :meth:`~MNLogitResults.lr_test`: in a design without an intercept column whose columns add
    up to one (``y ~ 0 + g``), the intercept-only model, on ``df_model`` degrees of freedom.
    """
    refuse_penalised(res, "wald_test_slopes")
    data = res._data
    slopes = _slopes(data)
    d, kind = res.df_design, res.covariance.label
    method = (
        f"Wald test of all slopes ({kind} covariance)"
        if d is None  # a survey fit's is the adjusted F, on the design's df as wald_test says
        else f"Adjusted Wald test of all slopes ({kind} covariance, {count(d)} design df)"
    )
    if not slopes:
        return no_slopes(method)
    R = dropped_rows(data, slopes)
    if not len(R):  # a lone column that is the constant in other units (a column of 2s)
        return no_slopes(method)
    labels = _diverging_labels(res, slopes)
    if labels:
        return _not_computed(len(R), method, labels, res, design_df=d)
    H0 = "H0: every slope = 0 in every equation"
    if data.intercept is None and keeps_constant(data, slopes) is not None:
        # as the LR test and df_model: the null is the intercept-only model, which this
        # design (a full set of dummies) spans without an intercept column
        H0 = (
            "H0: every equation is constant (the intercept-only model; the design has no "
            "intercept column, but its columns add up to one)"
        )
    # as wald_test says of a term whose coefficients only the penalty keeps finite
    penalised = penalised_under_separation(res, R, "res.lr_test()")
    H0 += f". {penalised}" if penalised else ""
    return _wald(res, R, np.zeros(len(R)), H0, method)


def _covariance_block(res: MNLogitResults, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The covariance of the coefficients at positions ``idx`` in the equilibrated
    coordinates the fit ran on (S * flat(B)), and S there; the user's units when the columns
    were not rescaled, without the whole matrix if that would not fit in memory."""
    if res._core.scale is None:
        return res._cov_block(idx), np.ones(len(idx))
    V, S = res._scaled_cov
    return V[np.ix_(idx, idx)], S[idx]


def wald_test(res: MNLogitResults, constraints: Constraints) -> TestResult:
    """Joint Wald test of linear restrictions R b = q, with the results' own covariance.

    Parameters
    ----------
    res : MNLogitResults
    constraints : str, list of str, or (R, q)
        * a term name (``"age"``, ``"x1:group"``, or ``"age = 0"`` as Stata's ``test``
          writes it): every coefficient of the term is zero in every equation; a
          design-column name does the same for that one column (a column of X labelled by a
          tuple, as a MultiIndex labels it, named by the tuple or by its ``str``);
        * a list of terms (and/or restriction strings): all of them jointly;
        * a restriction string ``"medium:age = high:age"`` or ``"2:age - 3:age = 0"``: each
          coefficient is ``outcome:column`` (outcome as ``str`` of the level; an outcome or
          column that is not a plain name in backticks, as ``"`-x`:age"``, a column also
          as ``Q()`` looks it up, ``"bus:Q('my var')"``), with ``+``, ``-``
          and numeric multipliers (``"0.5*bus:x1"``); several restrictions separated by commas;
          a side without ``=`` is set to 0; a chain ``"a:x = b:x = 0"`` is ``a:x = b:x`` and
          ``a:x = 0``, as Stata's ``test`` reads it;
        * ``(R, q)``: R is (r, p (K - 1)) over the equation-major parameter vector (the order of
          ``cov_params()``), q a scalar or length-r vector.

    Returns
    -------
    TestResult
        W = (R b - q)' (R V R')^-1 (R b - q) with df = r; V is the model-based, robust or
        cluster-robust covariance the model was fitted with. For a survey fit, V is the
        design-based covariance and the result is Stata's adjusted Wald F,
        F = (d - r + 1) / (d r) W on (r, d - r + 1) df with d the design degrees of freedom
        (``details["chi2"]`` keeps W). The statistic and p-value are NaN, with a note, when
        a restricted coefficient diverges under separation (unless the restrictions involve
        the diverging ones only through combinations that stay finite along every
        separating direction, as the difference of two that diverge together), when the
        covariance's rank is below the number of restrictions, or when the fit stopped
        before converging (its coefficients are then not the estimates).
    """
    refuse_penalised(res, "wald_test")
    data = res._data
    with outside_named(data, constraints):
        R, q, labels = restrictions(data, constraints)
    H0 = "H0: " + "; ".join(labels)
    involved = np.flatnonzero((R != 0).any(axis=0) & flat(res._diverging))
    names = cell_labels(res, involved)
    if len(involved) and not res._diverging_unchecked and bounded_along_separation(data, R):
        # BC - Ontario of a factor whose dummies all diverge with the intercept: finite, and
        # tested (it was NaN as any test of a diverging coefficient is)
        H0 += (
            f". The coefficient(s) {labels_shown(names)} diverge under separation, but the "
            "restrictions involve them only through combinations that stay finite along every "
            "separating direction (as a difference of two that diverge together does): those "
            "are tested, at the fit's stopping point"
        )
    elif len(involved):
        kind, d = res.covariance.label, res.df_design
        method = (
            f"Wald test ({kind} covariance)"
            if d is None
            else f"Adjusted Wald test ({kind} covariance, {count(d)} design df)"
        )
        blank = _not_computed(R.shape[0], method, names, res, design_df=d)
        return replace(
            blank,
            note=f"{H0}\n{blank.note}",
            details=dict(R=R, q=q, restrictions=labels, reason=blank.note),
        )
    penalised = penalised_under_separation(res, R)
    if penalised:
        H0 += ". " + penalised
    return _wald(res, R, q, H0, restrictions=labels)


def too_many_restrictions(res: MNLogitResults, k: int) -> str:
    """Why ``k`` restrictions exceed what the fit's covariance can test (its rank is below
    ``k``: a cluster-robust covariance of G clusters has rank G - 1 at most, a design-based
    one at most its PSUs holding rows less one), else "".
    Such a Wald statistic divides by a zero of R V R' that rounding may leave nonzero."""
    short = rank_shortfall(res, k, "restriction tested" if k == 1 else "restrictions tested")
    if not short:
        return ""
    advice = res.covariance.rank_reason(res._data)[1]
    return (
        f"Not computed: {short}, so the Wald statistic is not defined (the statistic and "
        f"p-value are NaN). {advice}"
    )


def type_ii_too_wide(
    res: MNLogitResults, blocks: dict[str, int], terms: dict[str, Any]
) -> tuple[list[str], str]:
    """The terms whose type II Wald test cannot be computed, with why (else [], "").

    ``blocks`` maps each term with relatives to the number of coefficients of the term and
    the terms that contain it. Its test (car's ConjComp) works in their covariance: past the
    covariance's rank, its null directions fall among the tested rows, R V R' is singular,
    and the statistic is rounding over rounding (1e13 where the type III test gives 5).
    ``terms`` maps the terms to their columns: type III is advised for those whose own
    coefficients all keep a variance (see :func:`owned_note`)."""
    wide = [term for term, k in blocks.items() if rank_shortfall(res, k, "")]
    if not wide:
        return [], ""
    k = max(blocks[term] for term in wide)
    short = rank_shortfall(res, k, "coefficients of such a term and the terms that contain it")
    advice = res.covariance.rank_reason(res._data)[1]
    owned = flat(res._owned)
    own = [t for t in wide if not (np.any(dropped_rows(res._data, terms[t]) != 0, 0) & owned).any()]
    # not for a term whose own coefficients include one without variance: NaN there too
    other = (
        "Use type='III', or res.wald_test of the term, which test its own coefficients"
        + (f" (for {', '.join(map(repr, own))})" if own != wide else "")
        + ". "
        if own
        else ""
    )
    return wide, (
        f"Not computed: the type II Wald tests of {', '.join(map(repr, wide))}, each in the "
        f"covariance of the term's coefficients and those of the terms that contain it: "
        f"{short} (the statistics and p-values are NaN). {other}{advice}"
    )


def anova_wald(res: MNLogitResults, cols: list[int], relatives: list[int]) -> float:
    """Wald chi2 of a term: car's type II when it has relatives, type III otherwise."""
    data = res._data
    R = dropped_rows(data, cols)
    if relatives:
        # car's ConjComp: the rows of span(term + relatives) that are V-conjugate to the
        # relatives' rows, so the term is tested as though its relatives were absent, in
        # the equilibrated coordinates (b_s = S b, rows R / S), where the covariance is.
        # Each row scaled to a largest entry of 1, which leaves the spans alone: a column
        # in units of 1e150 gave rows of 1e-150 beside rows of 1, whose digits the QR below
        # lost (a type II chi2 of 81 where the same fit in units of 1 gives 124), and
        # units of 1e-200 overflowed it (NaN).
        S = res._core.scaled_cov[1]
        R1 = _unit_rows(dropped_rows(data, relatives) / S)
        Z = _unit_rows(dropped_rows(data, sorted(set(cols) | set(relatives))) / S).T
        block = np.flatnonzero(np.any(Z != 0, axis=1))
        V_T = res._delta_coordinates if res._core.basis is not None else None
        if V_T is not None and V_T[1] is not None:
            # conjugacy is the same in the fit's orthogonal basis, where V keeps its digits
            V, T = V_T
            if singular_block(V):
                return float("nan")
            M = in_basis(Z.T, T) @ V @ in_basis(R1, T).T
        else:
            V = _covariance_block(res, block)[0]
            if singular_block(V):  # a null direction of V, conjugate to every row, is tested
                return float("nan")
            M = Z[block].T @ V @ R1[:, block].T
        Q, Rq = np.linalg.qr(M, mode="complete")
        rank = int(np.sum(np.abs(np.diag(Rq)) > 1e-10 * np.abs(Rq).max()))
        R = (Z @ Q[:, rank:]).T * S  # back to the coefficients in the user's units
    return _wald_statistic(res, R, np.zeros(len(R)))


def _unit_rows(R: np.ndarray) -> np.ndarray:
    """R with each row divided by its largest absolute entry."""
    return R / np.abs(R).max(axis=1, keepdims=True)


def singular_block(V: np.ndarray) -> bool:
    """Whether a covariance block is singular to rounding, on the scale of its correlations
    (a zero variance, or a combination of the coefficients with none)."""
    d = np.sqrt(np.diag(V))
    if not np.all(np.isfinite(d)) or np.any(d <= 0):
        return True
    return bool(np.linalg.eigvalsh(V / np.outer(d, d))[0] <= 1e-10)


def near_collinear_note(res: MNLogitResults, cols: Any) -> str:
    """Why the covariance of restrictions on design columns ``cols`` is singular to rounding
    when one of them is nearly a combination of the columns before it (the fit warned), and
    what to do; "" otherwise.

    The covariance is held in the columns' own units, where such coefficients are nearly
    aliased: a cubic in x on [30, 31] left its slopes' correlations an eigenvalue of 4e-11,
    and the test of every slope was NaN with a note of a zero variance or collinear
    restrictions, which it had neither, and no way out."""
    residuals = res._data.column_residuals()
    if residuals is None:
        return ""
    near = [a for a in sorted(set(cols)) if RANK_TOL < residuals[a] <= NEAR_COLLINEAR]
    if not near:
        return ""
    names = ", ".join(repr(res._data.column_names[a]) for a in near)
    return (
        f"The covariance of the restrictions, R V R', is singular to its rounding: column(s) "
        f"{names} are nearly linear combinations of the columns before them (residual "
        f"{min(residuals[a] for a in near):.1e} of their length), so the coefficients "
        "restricted are nearly aliased in the columns' own units and the Wald statistic is not "
        "defined. Refit on columns that are not, spanning the same model (a polynomial as "
        "poly(x, 3), variables less their means), for the same test of every slope or of a "
        "whole polynomial"
        + (
            ", or use a likelihood-ratio test (lr_test, anova), which needs no covariance."
            if res.covariance.lr_valid
            else "."
        )
    )


def singular_note(
    res: MNLogitResults, nan: list[str], terms: dict[str, Any], relatives: dict[str, list[int]]
) -> str:
    """The anova note for Wald tests of the terms ``nan`` left NaN by a singular covariance,
    else "": coefficients without a sandwich variance (one cluster's or PSU's, see
    :func:`owned_note`), nearly collinear columns (:func:`near_collinear_note`), or a
    singular block otherwise. ``relatives`` holds the columns of the terms that contain
    each term in a type II table, empty lists in a type III one."""
    if not nan:
        return ""
    data = res._data
    owned = flat(res._owned)

    def cells(cols: Any) -> np.ndarray:  # the coefficients of these columns, every equation
        return np.any(dropped_rows(data, sorted(cols)) != 0, axis=0)

    hit = {t: cells([*terms[t], *relatives[t]]) & owned for t in nan}
    through = [t for t in nan if hit[t].any()]
    note = ""
    if through:
        # the generic "singular (a zero variance...)" sent the user to type='III' and to
        # wald_test of the term, NaN too where the term's own coefficients have no variance
        mask = np.logical_or.reduce([hit[t] for t in through])
        why = owned_note(res, mask).rstrip(".")
        note = f". Not computed: {', '.join(map(repr, through))}: {why[0].lower()}{why[1:]}"
        own = [t for t in through if not (cells(terms[t]) & owned).any()]
        if own:
            note += (
                f". The type III Wald test of {', '.join(map(repr, own))} (or res.wald_test "
                "of the term) tests only the term's own coefficients, which keep their variance"
            )
    rest = [t for t in nan if t not in through]
    if not rest:
        return note
    cols = [c for t in rest for c in (*terms[t], *relatives[t])]
    near = near_collinear_note(res, cols)
    if near:  # nearly collinear columns: another type or test of them would be singular too
        return f"{note}. Not computed: {', '.join(map(repr, rest))}: {near[0].lower()}{near[1:-1]}"
    type_ii = any(relatives[t] for t in rest)
    return note + (
        f". Not computed: {', '.join(map(repr, rest))}: the covariance of the coefficients "
        "the test involves"
        + (" (for type II, with those of the terms that contain the term)" if type_ii else "")
        + " is singular (a zero variance, or a combination of them with none), so the Wald "
        "statistic is not defined (the statistic and p-value are NaN)"
        + (
            "; type='III' or res.wald_test of the term tests its own coefficients"
            if type_ii
            else ""
        )
    )


def untestable(res: MNLogitResults) -> str:
    """Why no single coefficient (or combination of them) can be tested, or "": a covariance
    of rank 0 (a census, whose standard errors are 0) gives every z statistic a zero divisor,
    as it gives Wald tests (see :func:`too_many_restrictions`)."""
    short = rank_shortfall(res, 1, "coefficient tested at a time")
    stat = statistic_name(res.df_design)
    return f"No {stat} statistics or p-values: {short}." if short else ""


def rank_shortfall(res: MNLogitResults, k: int, what: str) -> str:
    """ "the <covariance> has rank at most b (<why>), below the k <what>" when the fit's
    covariance cannot support a Wald test of ``k`` coefficients or restrictions, else ""."""
    bound = res.covariance.rank_bound(res._data)
    if bound is None or k <= bound:
        return ""
    return f"{rank_clause(res)}, below the {k} {what}"


def rank_clause(res: MNLogitResults) -> str:
    """ "the <covariance> has rank at most b (<why>)": what bounds the rank of the fit's
    covariance (for a bound of 0, a census, why every standard error is 0), or "" when only
    the number of coefficients bounds it."""
    cov = res.covariance
    bound = cov.rank_bound(res._data)
    if bound is None:
        return ""
    why = cov.rank_reason(res._data)[0]
    return f"the {cov.describe(res._data)} covariance has rank at most {bound} ({why})"


def _wald_statistic(res: MNLogitResults, R: np.ndarray, q: np.ndarray) -> float:
    """(R b - q)' (R V R')^-1 (R b - q) with the fit's covariance V; NaN when R V R' is
    singular or when the fit stopped short of its estimates (:func:`not_final`). Only the
    covariance of the coefficients R involves is formed (without the
    whole matrix when that would not fit in memory). Computed in the coefficients of the
    equilibrated columns, b_s = S b, with R S^-1 and each restriction (a row of R with its
    q) scaled to a largest entry of 1, which leaves W unchanged and keeps columns in extreme
    units from overflowing or underflowing R V R'."""
    return _wald_and_rounding(res, R, q)[0]


def _wald_and_rounding(res: MNLogitResults, R: np.ndarray, q: np.ndarray) -> tuple[float, bool]:
    """:func:`_wald_statistic`, and whether it is NaN for the rounding of q or of R, amplified
    by restrictions near dependence (:func:`orthonormal_rows`, :func:`span_amplified`): a
    reason of its own, as R V R' is then positive definite and no variance is zero."""
    if too_many_restrictions(res, R.shape[0]) or not_final(res) is not None:
        return float("nan"), False
    used = np.flatnonzero(np.any(R != 0, axis=0))
    basis = res._core.basis
    if basis is not None and res._delta_coordinates[1] is not None:
        # a fit on an orthogonal basis of nearly dependent columns: R on B_Q, whose
        # covariance keeps the digits of R V R' that the one of S * B rounds away (see
        # MNLogitResults._delta_coordinates)
        V, T = res._delta_coordinates
        S = res._scaled_cov[1]
        Rs, qs = scaled_rows(R, q, S)
        b = flat(basis[1].B)
        restated = orthonormal_rows(in_basis(Rs, T), qs)
    else:
        V, S = _covariance_block(res, used)
        Rs, qs = scaled_rows(R[:, used], q, S)
        b = flat(res._core.B)[used] * S
        restated = orthonormal_rows(Rs, qs)
    if restated is None or span_amplified(Rs):
        return float("nan"), True
    Ru, qs = restated
    r = Ru @ b - qs
    M = Ru @ V @ Ru.T
    c = cholesky(M)
    # a null direction of a sandwich that rounding leaves positive (a factor level of fewer
    # rows than equations): the statistic would divide by rounding, or fail by the reference
    if c is None or singular_block(M):
        return float("nan"), False
    # ||c'^-1 r||^2, a sum of squares: a hypothesised value far beyond the estimates (q of
    # 1e300) gives W past the largest double, which is +inf, not numpy's overflow warning
    # (an error under np.seterr(all="raise")), nor inf - inf = NaN from r'(M^-1 r)
    with np.errstate(over="ignore"):
        y = linalg.solve_triangular(c, r, trans="T", check_finite=False)
        return float(y @ y), False


def _wald(
    res: MNLogitResults,
    R: np.ndarray,
    q: np.ndarray,
    note: str,
    method: str | None = None,
    **details: Any,
) -> TestResult:
    """The Wald test of R b = q: chi2, or for survey fits Stata's adjusted Wald F."""
    touched = (R != 0).any(axis=0) & flat(res._owned)
    stat, amplified = (float("nan"), False) if touched.any() else _wald_and_rounding(res, R, q)
    why = (
        not_final_note(res, "a Wald test")
        or owned_note(res, touched)
        or too_many_restrictions(res, R.shape[0])
        or (AMPLIFIED if amplified else "")
    )
    if not why and np.isnan(stat):
        why = near_collinear_note(res, np.flatnonzero((R != 0).any(axis=0)) % res._data.p) or (
            "The covariance of the restrictions, R V R', is not positive definite (a zero "
            "variance, as in a census of every PSU, or collinear restrictions) or within "
            "1e-10 of it on the scale of their correlations (a combination of the "
            "coefficients whose variance is that small beside theirs, as where the PSUs that "
            "carry nearly all of the sampling weight are too few to vary it), so the Wald "
            "statistic is not defined."
        )
    if why:
        note += ". " + why
        details["reason"] = why  # without the hypothesis: what a summary note quotes
        # restrictions on coefficients without standard errors: a summary, which names
        # those in a note of its own, need not say it twice
        details["owned"] = bool(touched.any())
    kind = res.covariance.label
    d = res.df_design
    if d is not None:
        return adjusted_wald_f(
            stat,
            R.shape[0],
            d,
            method or f"Adjusted Wald test ({kind} covariance, {count(d)} design df)",
            note,
            R=R,
            q=q,
            chi2=stat,
            **details,
        )
    few = few_clusters(res, stat, R.shape[0])
    if few:
        note += ". " + few[0]
        details.update(few[1])
    return chi2_test(
        stat, R.shape[0], method or f"Wald test ({kind} covariance)", note, R=R, q=q, **details
    )


def few_clusters(res: MNLogitResults, stat: float, k: int) -> tuple[str, dict[str, Any]] | None:
    """For a cluster-robust Wald chi2 ``stat`` of ``k`` restrictions on fewer than
    FEW_CLUSTERS clusters: a sentence saying that its chi2 reference is asymptotic in the
    number of clusters, with the small-sample reference F(k, G - 1) of W / k that Stata's
    ``test`` uses after ``regress, vce(cluster)``, and those values (``F``, ``F_df_denom``,
    ``F_pvalue``, and the sentence as ``few_clusters``) for the test's details; None
    otherwise."""
    if not res.covariance.needs_groups:
        return None
    G = res._data.n_clusters
    if G >= FEW_CLUSTERS or not np.isfinite(stat):  # not computed: its note says why
        return None
    F = stat / k
    pvalue = float(f_sf(F, k, G - 1))
    text = (
        f"With {G} clusters: the chi2 reference is asymptotic in the number of clusters and "
        f"over-rejects when they are few; on the small-sample reference F({k}, G - 1) that "
        f"Stata's test uses after regress, vce(cluster), W / {k} = {F:.4g} gives "
        f"F({k}, {G - 1}) p = {pvalue:.4g}."
    )
    return text, {"F": F, "F_df_denom": float(G - 1), "F_pvalue": pvalue, "few_clusters": text}


def few_clusters_table(res: MNLogitResults) -> str:
    """The sentence of :func:`few_clusters` for a table of cluster-robust Wald tests (anova),
    else ""."""
    if not res.covariance.needs_groups or res._data.n_clusters >= FEW_CLUSTERS:
        return ""
    G = res._data.n_clusters
    return (
        f"With {G} clusters: the chi2 references are asymptotic in the number of clusters and "
        f"over-reject when they are few; chi2 / df on F(df, {G - 1}) is the small-sample "
        "reference that Stata's test uses after regress, vce(cluster)"
    )
