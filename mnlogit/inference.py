"""Test results, likelihood-ratio and Wald tests, robust covariances, another reference.

Everything here works on a fitted results object and its :class:`~mnlogit._estimate.ModelData`.
Restricted models are refitted only through :func:`mnlogit._estimate.estimate` (or the Firth
core) on a subset of the design columns, so estimation stays in one place; results objects are
built with ``type(res)(...)`` so that this module never imports results.py.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import pandas as pd
from scipy import linalg, stats

from . import _fisher
from ._estimate import ModelData, _same_level, estimate
from .exceptions import (
    ColumnNotFoundError,
    ConvergenceWarning,
    DataError,
    LevelError,
    ModelComparisonError,
    OptionError,
    check_option,
)

__all__ = [
    "TestResult",
    "anova",
    "chi2_test",
    "lr_test",
    "lr_test_null",
    "sandwich_cov",
    "wald_test",
    "with_ref",
]

# Restricted refits for LR tests: tight enough that a chi2 of a few units is exact to ~1e-10
# relative even when the log-likelihoods are in the thousands (Newton converges quadratically,
# so the last step leaves an error far below the tolerance).
REFIT_TOL = 1e-12
REFIT_MAX_ITER = 200


@dataclass(frozen=True)
class TestResult:
    """The result of a statistical test: statistic, degrees of freedom, p-value and a note."""

    statistic: float
    df: float
    pvalue: float
    method: str
    note: str = ""
    details: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    __test__ = False  # not a pytest test class

    def __str__(self) -> str:
        p = "nan" if np.isnan(self.pvalue) else f"{self.pvalue:.4g}"
        text = f"{self.method}: chi2({self.df:g}) = {self.statistic:.4f}, p = {p}"
        return f"{text}\n{self.note}" if self.note else text


def chi2_test(statistic: float, df: float, method: str, note: str = "", **details) -> TestResult:
    """A chi-squared test result; the p-value is NaN when the statistic is negative."""
    pvalue = float(stats.chi2.sf(statistic, df)) if statistic >= 0 and df > 0 else float("nan")
    return TestResult(float(statistic), float(df), pvalue, method, note, details)


def lr_test_null(res) -> TestResult:
    """LR test of a fit against the intercept-only model, df = (K - 1)(p - 1).

    A Firth fit is compared with the Firth fit of the intercept-only model on their penalised
    log-likelihoods, as nested Firth fits are compared everywhere (see :func:`lr_test`).
    """
    method = "Likelihood-ratio test against the intercept-only model"
    if res.method != "firth":
        return chi2_test(2.0 * (res.llf - res.llnull), res.df_model, method)
    intercept = res.model_data.intercept
    null = _refit_loglik(res, [] if intercept is None else [intercept])
    return chi2_test(
        2.0 * (res.penalized_llf - null),
        res.df_model,
        method,
        "penalised (Firth) log-likelihoods of both models",
    )


# --- nested likelihood-ratio tests ---------------------------------------------------------------
def lr_test(restricted, full) -> TestResult:
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
    """
    _check_comparable(restricted, full)
    r, f = restricted.model_data, full.model_data
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
    firth = full.method == "firth"
    ll_r, ll_f = (
        (restricted.penalized_llf, full.penalized_llf) if firth else (restricted.llf, full.llf)
    )
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


def _check_comparable(restricted, full) -> None:
    for name, res in (("restricted", restricted), ("full", full)):
        if not hasattr(res, "model_data"):
            raise ModelComparisonError(
                f"{name}: expected a fitted MNLogitResults; got {type(res).__name__}"
            )
    r, f = restricted.model_data, full.model_data
    if len(r.levels) != len(f.levels) or not all(
        _same_level(a, b) for a, b in zip(r.levels, f.levels, strict=True)
    ):
        raise ModelComparisonError(
            f"the models have different outcome levels ({', '.join(map(repr, r.levels))} vs "
            f"{', '.join(map(repr, f.levels))}); fit both to the same outcome"
        )
    if not _same_level(r.ref, f.ref):
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
def anova(res, type: str = "II") -> pd.DataFrame:  # car::Anova's argument name
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
    data = res.model_data
    firth = res.method == "firth"
    full_ll = res.penalized_llf if firth else res.llf
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

    def loglik(drop: set[int]) -> float:
        keep = frozenset(c for c in all_cols if c not in drop)
        if keep not in cache:
            cache[keep] = _refit_loglik(res, sorted(keep))
        return cache[keep]

    rows = []
    for term, cols in terms.items():
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


def _term_factors(data: ModelData, terms: dict) -> dict[str, frozenset]:
    """Each term's factors (``x1:group`` -> {x1, group}), from the ModelSpec when there is one."""
    out = {}
    spec_terms = {}
    if data.spec is not None:
        spec_terms = {("Intercept" if str(t) == "1" else str(t)): t for t in data.spec.terms}
    for term in terms:
        if term in spec_terms:
            out[term] = frozenset(str(f) for f in spec_terms[term].factors)
        else:
            out[term] = frozenset(_split_top(term, ":"))
    return out


def _refit_loglik(res, cols: list[int]) -> float:
    """(Penalised) log-likelihood of the model with only design columns ``cols``."""
    data = res.model_data.subset_columns(cols)
    if not cols:  # every outcome equally likely: nothing to estimate
        return data.evaluator()(np.zeros((0, data.q)), 0).loglik
    if res.method == "firth":
        from ._firth import firth_fit

        core = firth_fit(data, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL)
        value = core.penalized_loglik
    else:
        core = estimate(data, max_iter=REFIT_MAX_ITER, tol=REFIT_TOL)
        value = core.loglik
    if not core.converged:
        warnings.warn(
            f"the restricted model with columns {', '.join(data.column_names) or '(none)'} did "
            f"not converge in {core.n_iter} iterations; its likelihood-ratio test is unreliable",
            ConvergenceWarning,
            stacklevel=4,
        )
    return value


# --- Wald tests ----------------------------------------------------------------------------------
def wald_test(res, constraints) -> TestResult:
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
        cluster-robust covariance the model was fitted with.
    """
    data = res.model_data
    R, q, labels = _restrictions(data, constraints)
    if np.linalg.matrix_rank(R) < R.shape[0]:
        raise DataError(
            f"the {R.shape[0]} restrictions are linearly dependent (rank "
            f"{np.linalg.matrix_rank(R)}); drop the redundant ones"
        )
    b = _fisher.flat(res.params.to_numpy())
    V = res.cov_params().to_numpy()
    r = R @ b - q
    M = R @ V @ R.T
    c = _fisher.cholesky(M)
    if c is None:
        stat = float("nan")
    else:
        stat = float(r @ linalg.cho_solve((c, False), r, check_finite=False))
    kind = {"nonrobust": "model-based", "robust": "robust (HC0)", "cluster": "cluster-robust"}.get(
        res.cov_type, res.cov_type
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


def _restrictions(data: ModelData, constraints) -> tuple[np.ndarray, np.ndarray, list[str]]:
    k = data.p * data.q
    if (
        isinstance(constraints, tuple)
        and len(constraints) == 2
        and not all(isinstance(c, str) for c in constraints)
    ):
        R = np.atleast_2d(np.asarray(constraints[0], dtype=np.float64))
        q = (
            np.broadcast_to(np.asarray(constraints[1], dtype=np.float64), (R.shape[0],)).copy()
            if np.ndim(constraints[1]) <= 1
            else None
        )
        if (
            R.ndim != 2
            or R.shape[1] != k
            or q is None
            or (np.ndim(constraints[1]) == 1 and len(constraints[1]) != R.shape[0])
        ):
            raise DataError(
                f"(R, q): R must have {k} columns (p={data.p} x {data.q} equations, "
                f"equation-major) and q one value per row of R; got R of shape "
                f"{np.shape(constraints[0])} and q of shape {np.shape(constraints[1])}"
            )
        if not (np.isfinite(R).all() and np.isfinite(q).all()):
            raise DataError("(R, q): every entry must be finite")
        return R, q, [f"R b = q ({R.shape[0]} restrictions)"]
    if isinstance(constraints, str):
        items = [constraints]
    elif (
        isinstance(constraints, (list, tuple))
        and constraints
        and all(isinstance(c, str) for c in constraints)
    ):
        items = list(constraints)
    else:
        raise OptionError(
            "constraints: expected a term name, a list of terms, a restriction string such as "
            f"'a:x = b:x', or an (R, q) pair; got {constraints!r}"
        )
    rows, qs, labels = [], [], []
    for item in items:
        pieces = [item] if item.strip() in data.terms else _split_top(item, ",")
        for piece in pieces:
            piece = piece.strip()
            cols = data.terms.get(piece)
            if cols is None and piece in data.column_names:
                cols = (data.column_names.index(piece),)
            if cols is not None:
                for j in range(data.q):
                    for c in cols:
                        row = np.zeros(k)
                        row[j * data.p + c] = 1.0
                        rows.append(row)
                        qs.append(0.0)
                labels.append(f"{piece} = 0 in every equation")
                continue
            row, qv = _linear_restriction(data, piece)
            rows.append(row)
            qs.append(qv)
            labels.append(piece if "=" in piece else f"{piece} = 0")
    return np.array(rows), np.array(qs), labels


_NUMBER = re.compile(r"\s*((?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)")


def _linear_restriction(data: ModelData, text: str) -> tuple[np.ndarray, float]:
    """One row of R and its q from ``"a:x - 2*b:x = 0.5"``."""
    if text.count("=") > 1:
        raise DataError(f"restriction {text!r}: expected one '='; separate restrictions by commas")
    lhs, eq, rhs = text.partition("=")
    if eq and not (lhs.strip() and rhs.strip()):
        raise DataError(f"restriction {text!r}: both sides of '=' must be non-empty")
    row_l, const_l = _parse_side(data, lhs, text)
    row_r, const_r = _parse_side(data, rhs, text) if eq else (np.zeros_like(row_l), 0.0)
    row = row_l - row_r
    if not row.any():
        raise DataError(f"restriction {text!r} involves no coefficient")
    return row, const_r - const_l


def _coefficient_labels(data: ModelData) -> list[tuple[str, int]]:
    labels = [
        (f"{eq}:{col}", j * data.p + a)
        for j, eq in enumerate(data.equations)
        for a, col in enumerate(data.column_names)
    ]
    return sorted(labels, key=lambda t: -len(t[0]))  # longest first: "b:x1:g" before "b:x1"


def _parse_side(data: ModelData, side: str, text: str) -> tuple[np.ndarray, float]:
    """Sum of signed, optionally scaled coefficients ``outcome:column`` and constants."""
    labels = _coefficient_labels(data)
    row = np.zeros(data.p * data.q)
    const = 0.0
    sign, expect_term, dangling = 1.0, True, False
    i = _skip_space(side, 0)
    while i < len(side):
        if side[i] in "+-":
            if not expect_term:  # a binary operator starts the next term
                expect_term, sign = True, 1.0
            sign *= -1.0 if side[i] == "-" else 1.0
            dangling = True
            i = _skip_space(side, i + 1)
            continue
        if not expect_term:
            raise DataError(f"restriction {text!r}: expected '+' or '-' before {side[i:]!r}")
        label = _match_label(labels, side, i)
        mult = 1.0
        if label is None:  # a number: a constant, or a multiplier ("2*a:x", "2 a:x")
            m = _NUMBER.match(side, i)
            if m is None:
                raise _unknown_coefficient(data, side[i:], text)
            mult = float(m.group(1))
            i = _skip_space(side, m.end())
            if i < len(side) and side[i] == "*":
                i = _skip_space(side, i + 1)
            if i < len(side) and side[i] not in "+-":
                label = _match_label(labels, side, i)
                if label is None:
                    raise _unknown_coefficient(data, side[i:], text)
        if label is None:
            const += sign * mult
        else:
            row[label[1]] += sign * mult
            i = _skip_space(side, i + len(label[0]))
        sign, expect_term, dangling = 1.0, False, False
    if dangling:
        raise DataError(f"restriction {text!r}: an operator has nothing after it")
    return row, const


def _skip_space(text: str, i: int) -> int:
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _match_label(labels: list[tuple[str, int]], side: str, i: int) -> tuple[str, int] | None:
    for name, index in labels:
        if side.startswith(name, i):
            end = i + len(name)
            if end == len(side) or side[end].isspace() or side[end] in "+-":
                return name, index
    return None


def _unknown_coefficient(data: ModelData, rest: str, text: str) -> Exception:
    token = re.split(r"\s[+-]|\s*$", rest.strip(), maxsplit=1)[0]
    outcomes = ", ".join(repr(str(e)) for e in data.equations)
    columns = ", ".join(repr(c) for c in data.column_names)
    if token.startswith(f"{data.ref}:"):
        return LevelError(
            f"restriction {text!r}: {str(data.ref)!r} is the reference outcome and has no "
            f"coefficients; outcomes with coefficients: {outcomes}"
        )
    if any(token.startswith(f"{e}:") for e in data.equations):
        return ColumnNotFoundError(
            f"restriction {text!r}: {token!r} names no design column; columns are {columns}"
        )
    terms = ", ".join(repr(t) for t in data.terms)
    return LevelError(
        f"restriction {text!r}: cannot read {token!r}; expected a term ({terms}) or "
        f"'<outcome>:<column>' with outcome one of {outcomes} and column one of {columns}"
    )


def _split_top(text: str, sep: str) -> list[str]:
    """Split at ``sep`` outside brackets and quotes."""
    parts, depth, quote, start = [], 0, None, 0
    for i, ch in enumerate(text):
        if quote:
            quote = None if ch == quote else quote
        elif ch in "'\"`":
            quote = ch
        elif ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


# --- robust covariances --------------------------------------------------------------------------
def row_scores(X: np.ndarray, y: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Per-row (unweighted) scores, (m, p*q) equation-major: (e_y - P) (x) x."""
    m, p = X.shape
    q = B.shape[1]
    resid = -_fisher.probabilities(X, B)[:, :q]
    is_eq = y < q
    resid[np.flatnonzero(is_eq), y[is_eq]] += 1.0
    return (resid[:, :, None] * X[:, None, :]).reshape(m, q * p)


def score_meat(data: ModelData, B: np.ndarray, *, cluster: bool, chunk: int = 8192) -> np.ndarray:
    """Middle of the sandwich: sum of outer products of row (or cluster) scores.

    Frequency weights count repeated rows, so a row contributes w_i g_i g_i' (HC0 on the
    expanded data); a cluster contributes (sum_i w_i g_i)(sum_i w_i g_i)'.
    """
    n, p = data.X.shape
    k = p * data.q
    if cluster:
        G = int(data.groups.max()) + 1
        sums = np.zeros((G, k))
        for lo in range(0, n, chunk):
            sl = slice(lo, lo + chunk)
            g = row_scores(data.X[sl], data.y[sl], B) * data.w[sl, None]
            np.add.at(sums, data.groups[sl], g)
        return sums.T @ sums
    meat = np.zeros((k, k))
    for lo in range(0, n, chunk):
        sl = slice(lo, lo + chunk)
        g = row_scores(data.X[sl], data.y[sl], B) * np.sqrt(data.w[sl])[:, None]
        meat += g.T @ g
    return meat


def sandwich_cov(data: ModelData, B: np.ndarray, bread: np.ndarray, *, cluster: bool) -> np.ndarray:
    """HC0 sandwich A^-1 M A^-1, or cluster-robust with the G/(G-1) factor (Stata's vce(cluster)).

    ``bread`` is the inverse information A^-1.
    """
    # a distributed ModelData sums the scores over its partitions itself
    meat = (
        data.score_meat(B, cluster=cluster)
        if hasattr(data, "score_meat")
        else score_meat(data, B, cluster=cluster)
    )
    V = bread @ meat @ bread
    if cluster:
        G = int(data.groups.max()) + 1
        V *= G / (G - 1)
    return (V + V.T) / 2


# --- another reference ---------------------------------------------------------------------------
def with_ref(res, level):
    """The same fit against reference ``level``, without refitting.

    Parameters
    ----------
    res : MNLogitResults
    level : outcome level
        The new reference, matched by value and kind as ``ref=`` is.

    Returns
    -------
    MNLogitResults
        Same log-likelihood, probabilities, method and covariance type.

    Notes
    -----
    With b_r = 0 for the old reference, the new coefficients are b'_k = b_k - b_new for every
    level k other than the new reference: B' = B M, i.e. vec(B') = T vec(B) with
    T = M' (x) I_p and det T = +-1. The model-based covariance becomes T V T' and the
    information T^-T I T^-1; a robust or cluster sandwich is recomputed from the recoded
    outcome, which equals T V T' exactly because every score transforms by T^-T.
    """
    data = res.model_data
    new_ref = next((lv for lv in data.levels if _same_level(lv, level)), None)
    if new_ref is None:
        raise LevelError(
            f"with_ref: {level!r} is not a level of outcome {data.outcome_name!r}; "
            f"levels are {', '.join(map(repr, data.levels))}"
        )
    if _same_level(new_ref, data.ref):
        return res
    new_data = data.recode(data.levels, new_ref)
    M = _ref_change(data, new_data)
    M_inv = _ref_change(new_data, data)
    p = data.p
    T = np.kron(M.T, np.eye(p))
    T_inv = np.kron(M_inv.T, np.eye(p))
    core = res._core
    cov = None if core.cov is None else _symmetric(T @ core.cov @ T.T)
    new_core = replace(core, B=core.B @ M, info=_symmetric(T_inv.T @ core.info @ T_inv), cov=cov)
    return type(res)(
        new_data, new_core, cov_type=res.cov_type, method=res.method, separation=res.separation
    )


def _ref_change(old: ModelData, new: ModelData) -> np.ndarray:
    """M with B_new = B_old M: b'_k = b_k - b_ref_new (b_ref_old = 0)."""
    q = old.q
    old_col = {int(lv): j for j, lv in enumerate(old.core_to_level()[:q])}
    new_ref_pos = int(new.core_to_level()[q])
    M = np.zeros((q, q))
    for j, lv in enumerate(new.core_to_level()[:q]):
        if int(lv) in old_col:
            M[old_col[int(lv)], j] += 1.0
        M[old_col[new_ref_pos], j] -= 1.0
    return M


def _symmetric(A: np.ndarray) -> np.ndarray:
    return (A + A.T) / 2
