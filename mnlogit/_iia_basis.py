"""The basis the IIA comparison tests compare two fits on.

Var(d), the covariance of the difference of a restricted and a full fit's coefficients, is a
small difference of two covariances; beside a column far from zero (a year, x + 1e5) both are
nearly singular next to the intercept, and their difference cancelled to noise (a Hausman
chi2 of 1.69 where the same data with x centred give 1.91), and likewise beside columns that
are nearly combinations of the others (a cubic in x on [3, 4]: -0.083520 where poly(x, 3) gives
-0.083507). Such fits are compared refitted on centred, orthogonalised columns.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np
from scipy import linalg

from ._data import ModelData
from ._fisher import INFO
from ._iia_variances import cov_of_scaled
from ._in_memory_data import InMemoryData
from ._linalg import (
    ORTHOGONALISE_BELOW,
    cho_solve,
    cholesky,
    flat,
    inverse_from_cholesky,
    row_factor,
    unflat,
)
from ._parallel import single_threaded_blas
from ._solvers import FitResult
from ._sums import OFF_CENTRE, column_moments

if TYPE_CHECKING:  # for annotations only
    from .results import MNLogitResults

__all__ = ["FIT_TOL", "OFF_CENTRE", "at_maximum", "column_scale", "conditioned"]

FIT_TOL = 1e-12  # restricted fits: d is a small difference, so converge well past the default


def at_maximum(data: ModelData, core: FitResult) -> FitResult:
    """``core`` one Newton step on, with the covariance at the new estimates: the maximum
    to the rounding of the sums.

    A fit converged to FIT_TOL stops a step of about 1e-12 short, and a step taken with the
    information it was computed from leaves the covariance at the point before it. Those are
    far below the standard errors, but V = V_r - V_f of 30 outcomes has eigenvalues of 1e-13
    of the covariances' norm, which such a step moves by a few percent: the Hausman chi2
    omitting one level read 1.886, 1.539 and 1.818 for the same model fitted to tol=1e-6,
    1e-10 and 1e-13 (1.848 each once at the maximum). ``core`` as it is when the step is not
    an ascent or the information is singular (then reported as the fit's own failure).
    """
    s = core.scale
    on = data
    if s is not None:
        on, divisors = data.equilibrated()
        if not np.array_equal(divisors, s):  # (not the columns it ran on)
            return core
    B = core.B if s is None else core.B * s[:, None]  # s are powers of two: exact
    evaluate = on.evaluator()
    here = evaluate(B, INFO)
    c = None if here.info is None else cholesky(here.info)
    if c is None or here.score is None:
        return core
    B = B + unflat(cho_solve(c, flat(here.score)), B.shape[0])
    there = evaluate(B, INFO)
    info = there.info
    c = None if info is None else cholesky(info)
    # (a step at the maximum gains at most the rounding of the log-likelihood)
    if info is None or c is None or not there.loglik >= here.loglik - 1e-12 * abs(here.loglik):
        return core
    return replace(
        core,
        B=B if s is None else B / s[:, None],
        loglik=there.loglik,
        computed=(info, inverse_from_cholesky(c)),
        deferred=None,
        basis=None,  # (the estimates moved off those of any basis the fit ran on)
    )


def column_scale(core: FitResult, data: ModelData) -> np.ndarray:
    """The divisors of the columns the fit of ``data`` ran on; for a fit that ran on them
    as given (rows held elsewhere), those of the in-memory fit, from the data's sums. A dask
    fit compared in the columns' own units had Moore-Penrose ranks that depend on them: with
    x in units of 1e-6, chi2(9) = 0.246 where x as it is gives -1.254 on 10 df; in units of
    1e-20, chi2(2) = 0.442."""
    if core.scale is not None:
        return core.scale
    return np.ones(core.B.shape[0]) if data.in_memory else data.equilibrated_sums()[0]


def conditioned(
    res: MNLogitResults,
    full: ModelData,
    rdata: ModelData,
    core_f: FitResult,
    core_r: FitResult,
) -> tuple[tuple[ModelData, ModelData, FitResult, FitResult], np.ndarray | None]:
    """Both fits on a well-conditioned basis, and the map of its coefficients back to the
    full fit's equilibrated columns' (equation-major); or the fits as they are and None (no
    column far from zero beside its spread nor nearly a combination of the others, on the
    full model's rows or the restricted model's, or refits that did not converge). Without
    an intercept column, see _without_intercept. Rows held elsewhere (partitions) are
    factored and moved where they live: a dask fit compared on its own basis gave a Hausman
    chi2 of 4.03 for x + 1e3 and 125.6 on 4 df for x + 1e5, where x as it is gives 4.45 on
    6 df.

    The basis: the equilibrated columns minus their means over the full model's rows,
    orthogonalised by a QR of those rows, the intercept apart; over the restricted model's
    rows when a column is nearly a combination of the others there. Centring moves the intercepts
    only and the QR mixes the other columns among themselves, so the compared coefficients
    map onto themselves with or without the intercepts. The refits start at the fits'
    estimates there, a step or none from their maxima."""
    j = full.intercept
    as_given = (full, rdata, core_f, core_r), None
    if full.p < 2:
        return as_given
    if j is None:
        return _without_intercept(res, full, rdata, core_f, core_r) or as_given
    p, s = full.p, column_scale(core_f, full)
    scale, _ = full.equilibrated_sums()
    if not np.array_equal(scale, s):  # (the fit ran on these columns)
        return as_given
    # orthogonal on the restricted model's rows when its columns are nearly combinations
    # of each other there (x2 = x1 + 1e-6 noise but on the omitted outcome's rows): a basis
    # orthogonal on the full model's rows, where they are not, left the restricted fit's
    # covariance nearly singular, and V_r - V_f lost the directions that carried the
    # statistic to its rounding (suest chi2(3) = 1.74 where R gives chi2(6) = 35.28)
    on = rdata if _nearly_collinear(rdata) else full
    m, spread = _moments(on, s)
    m[j] = 0.0
    if on is full and not _nearly_collinear(full) and not (np.abs(m) > OFF_CENTRE * spread).any():
        return as_given  # the fits' own basis loses no more than refits to FIT_TOL would
    others = [a for a in range(p) if a != j]
    if isinstance(on, InMemoryData):
        with single_threaded_blas():  # many small QRs: threads only contend for them
            R, length = row_factor(on.X[:, others] / s[others] - m[others], on.w)
    else:  # one pass over rows held elsewhere; any column lengths serve, as T divides by them
        length = np.sqrt(on.sum_weights) * spread[others]
        length[~(length > 0)] = 1.0
        # rows (X / s - m) / length, as (X - m s) / (length s): s are powers of two
        so = s[others]
        R = on.subset_columns(others).column_factor(m[others] * so, length * so)
    root = np.sqrt(on.sum_weights)  # new columns of root mean square 1
    T = np.eye(p)  # the centred coefficients from the new ones
    T[np.ix_(others, others)] = linalg.solve_triangular(R, np.eye(p - 1)) * (root / length)[:, None]
    T_inv, back = np.eye(p), np.eye(p)
    T_inv[np.ix_(others, others)] = R * (length / root)[None, :]
    back[j] -= m  # b_0 = c_0 - m'c
    moved = _refits(res, (full, rdata), (core_f, core_r), s, m, T, T_inv, j)
    if moved is None:
        return as_given
    to_given = np.kron(np.eye(core_f.B.shape[1]), back @ T)
    if on is rdata and _well_conditioned(full, s, j):
        moved = (moved[0], moved[1], _mapped(core_f, moved[2], s, to_given), moved[3])
    return moved, to_given


def _well_conditioned(full: ModelData, s: np.ndarray, j: int) -> bool:
    """Whether the full model's own columns give its covariance to the digits a refit on
    another basis would (none nearly a combination of the others, none far from zero)."""
    m, spread = _moments(full, s)
    m[j] = 0.0
    return not _nearly_collinear(full) and not (np.abs(m) > OFF_CENTRE * spread).any()


def _mapped(
    core_f: FitResult, moved_f: FitResult, s: np.ndarray, to_given: np.ndarray
) -> FitResult:
    """The full fit on the restricted model's basis, mapped there from its own columns.

    Refitted on that basis, whose columns are millions of times larger on the omitted
    outcome's rows when its columns are nearly combinations of each other on the others,
    the full model's information was as ill-conditioned, and its covariance lost the digits
    that V_r - V_f keeps: a Hausman chi2 of -254.7 (through partitions -278.8) where the
    fits computed each on columns well conditioned on its own rows give -295.44.
    ``to_given`` maps the basis's coefficients to those of the columns divided by ``s``,
    in which ``core_f`` (at its maximum) gives both.
    """
    q = core_f.B.shape[1]
    back = np.linalg.inv(to_given)
    r = np.tile(s, q) / core_f.scaled_cov[1]  # the fit's own scaled curvature to s's units
    cov, info = cov_of_scaled(core_f, s), core_f.scaled_info / r[:, None] / r[None, :]
    S = moved_f.scaled_cov[1]  # the basis fit's scale, which its curvature is kept in
    return replace(
        moved_f,
        B=unflat(back @ flat(core_f.B * s[:, None]), moved_f.B.shape[0]),
        computed=(
            to_given.T @ info @ to_given / S[:, None] / S[None, :],
            back @ cov @ back.T * S[:, None] * S[None, :],
        ),
        deferred=None,
        basis=None,
    )


def _refits(
    res: MNLogitResults,
    datas: tuple[ModelData, ModelData],
    cores: tuple[FitResult, FitResult],
    s: np.ndarray,
    m: np.ndarray,
    T: np.ndarray,
    T_inv: np.ndarray,
    j: int | None,
) -> tuple[ModelData, ModelData, FitResult, FitResult] | None:
    """Both fits refitted on the columns (X / s - m) @ T from their estimates, or None when
    a refit does not converge."""
    fits = []
    for data, core in zip(datas, cores, strict=True):
        moved = data.map_columns(s, m, T)
        start = core.B * s[:, None]
        if j is not None:
            start[j] += m @ start
        refit = res.solver.fit(moved, tol=FIT_TOL, start=T_inv @ start)
        if not refit.converged or refit.diverged or refit.scaled_cov[0] is None:
            return None
        fits.append((moved, at_maximum(moved, refit)))
    (full_c, f_c), (rdata_c, r_c) = fits
    return full_c, rdata_c, f_c, r_c


def _without_intercept(
    res: MNLogitResults,
    full: ModelData,
    rdata: ModelData,
    core_f: FitResult,
    core_r: FitResult,
) -> tuple[tuple[ModelData, ModelData, FitResult, FitResult], np.ndarray] | None:
    """Both fits on an orthogonal basis of the columns, not centred (no intercept column to
    take the means), when a column is nearly a combination of the others; else None. A full
    set of dummies spans the constant as an intercept does: beside it x + 1e7 gave a Hausman
    chi2(7) of -0.25 (suest chi2(8) = 7.40) where x gives chi2(10) = 0.70 (8.21), in
    memory or in partitions."""
    s = column_scale(core_f, full)
    scale, _ = full.equilibrated_sums()
    if not np.array_equal(scale, s):  # (the fit ran on these columns)
        return None
    # orthogonal on the restricted model's rows when they nearly alias columns, as in
    # conditioned
    on = rdata if _nearly_collinear(rdata) else full
    if on is full and not _nearly_collinear(full):
        return None
    if isinstance(on, InMemoryData):
        with single_threaded_blas():
            R, length = row_factor(on.X / s, on.w)
    else:  # one pass over rows held elsewhere, as in conditioned
        length = np.sqrt(_sum_squares(on, s))
        length[~(length > 0)] = 1.0
        R = on.column_factor(None, length * s)
    root = np.sqrt(on.sum_weights)
    p = full.p
    T = linalg.solve_triangular(R, np.eye(p)) * (root / length)[:, None]
    T_inv = R * (length / root)[None, :]
    moved = _refits(res, (full, rdata), (core_f, core_r), s, np.zeros(p), T, T_inv, None)
    if moved is None:
        return None
    return moved, np.kron(np.eye(core_f.B.shape[1]), T)


def _nearly_collinear(data: ModelData) -> bool:
    """Whether a column of ``data`` is nearly a combination of the others on its rows (read
    on the equilibrated columns, as the rank check reads them: X'WX of a column in units of
    1e200 overflows)."""
    residuals = data.equilibrated()[0].column_residuals()
    return residuals is not None and bool((residuals <= ORTHOGONALISE_BELOW).any())


def _sum_squares(data: ModelData, s: np.ndarray) -> np.ndarray:
    """The weighted sums of squares of the columns of ``data`` divided by ``s``, from the
    sums the data keep (their squares stay in range in units of 1e200): s and the data's
    own divisors are powers of two, so the ratio is exact."""
    scale, sums = data.equilibrated_sums()
    return sums["sum_squares"] * (scale / s) ** 2


def _moments(data: ModelData, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column's weighted mean and spread over the rows of ``data``, of the columns
    divided by ``s``, from the sums the data keep (a pass over X took 0.8 s at 1e6 x 20)."""
    scale, sums = data.equilibrated_sums()
    m, spread = column_moments(sums, data.sum_weights)
    return m * (scale / s), spread * (scale / s)
