"""Standard errors of margins that count the covariates averaged over as sampled (Stata's
``margins, vce(unconditional)``; Korn and Graubard's predictive margins, SUDAAN's PREDMARG):
the options of ``margins(vce=)`` (:data:`VCES`), each margin's influence at every row, and
their covariance summed as the fit's covariance sums the coefficients' influences.

A margin averaged over the rows, m = sum_i w_i g_i(b) / W, estimates a population mean: its
influence at row i is z_i = w_i (g_i - m) / W + J A^-1 w_i u_i, the first term the rows'
sampling (their covariates drawn with them), the second the coefficients' (J the margin's
Jacobian, A^-1 w_i u_i the row's influence on the coefficients, u_i its score). The totals of
z_i go through the fit's own covariance (:meth:`mnlogit.covariance.Covariance.linearised`):
strata, PSUs, fpc, lonely PSUs and a subpopulation for a survey design, clusters with
G/(G-1) for a cluster-robust fit, rows for a robust one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

from .._checks import lookup_option
from .._covariance_names import other_name_hint
from .._in_memory_data import InMemoryData
from .._linalg import in_basis
from .._memory import check_margins_fit
from .._methods import on_basis
from ..covariance import COVARIANCES
from ..exceptions import OptionError
from . import _delta
from ._kinds import GRID

if TYPE_CHECKING:  # for annotations only: results imports this package
    from ..results import MNLogitResults

__all__ = ["VCES", "Sampled", "Vce", "lookup_vce", "sampled_covariance"]


@dataclass(frozen=True)
class Vce:
    """What ``margins(vce=...)`` names: whether the covariates averaged over count as
    sampled, and what the table's Covariance line adds to the fit's covariance."""

    name: str
    sampled: bool
    label: str = ""

    def describe(self, covariance: str) -> str:
        """The Covariance line of a table of these margins, the fit's ``covariance`` being
        described as it is."""
        return f"{covariance}, {self.label}" if self.label else covariance

    def check(self, res: MNLogitResults, average: str) -> None:
        """Refuse what has no unconditional variance: a reference grid (no rows are averaged,
        so there is no sampling of covariates to add), a fit without standard errors, and a
        covariance that sums no rows' influences (the model-based one)."""
        if not self.sampled:
            return
        if average == GRID:
            raise OptionError(
                f"vce={self.name!r} counts the covariates that margins average over the rows "
                'as sampled; average="grid" averages over a reference grid of fixed values, '
                'which has no sampling variance to add: use average="rows" (values set by at= '
                'or over= stay fixed there), or vce="delta" on the grid'
            )
        if not res.solver.inference:
            raise OptionError(
                f"vce={self.name!r}: a {res.solver.label} fit has no covariance to linearise "
                "its margins with; refit without the penalty for standard errors"
            )
        if not res.covariance.linearises:
            allowed = "cov_type='robust' or cov_type='cluster' (with groups=), or a survey design"
            raise OptionError(
                f"vce={self.name!r} linearises the margins over the rows as the fit's "
                f"covariance linearises its coefficients, but this fit's is "
                f"{res.covariance.label} (cov_type={res.covariance.name!r}), which treats "
                f"the covariates as fixed, as Stata's vce(unconditional) refuses after it. "
                f"Refit with {allowed} (weight_type='probability' or design=...), or use "
                "vce='delta'"
            )

    def check_size(self, res: MNLogitResults, settings: dict[str, list], effects: list) -> None:
        """Refuse margins whose values at every row would not fit in memory (see
        :func:`mnlogit._memory.check_margins_fit`): every combination of the ``settings``
        times, for each of the ``effects`` (none: probabilities), its effects, times the
        outcomes."""
        if not self.sampled:
            return
        combinations = math.prod(len(values) for values in settings.values())
        parts = sum(1 if v.levels is None else len(v.levels) - 1 for v in effects) or 1
        data = res._data
        check_margins_fit(data.n_rows, combinations * parts * len(data.levels))


VCES: dict[str, Vce] = {
    v.name: v
    for v in (
        Vce("delta", sampled=False),
        Vce("unconditional", sampled=True, label="unconditional (covariates sampled)"),
    )
}
DEFAULT_VCE = "delta"


def lookup_vce(vce: Any) -> Vce:
    """The entry of :data:`VCES` that ``vce`` names, or an :class:`OptionError` listing them
    (a covariance's name, Stata's ``vce(robust)`` after ``margins``, answered with the fit's
    ``cov_type=``)."""
    try:
        return lookup_option("vce", vce, VCES)
    except OptionError as exc:
        key = vce.strip().lower() if isinstance(vce, str) else None
        if key is None or not (key in COVARIANCES or other_name_hint(key)):
            raise
        raise OptionError(
            f"{exc}: vce= says whether the covariates averaged over count as sampled; the "
            "covariance is the fit's (Stata's vce() of the estimation command): refit with "
            "mnlogit.fit(..., cov_type=...)"
        ) from None


def note(vce: Vce, res: MNLogitResults) -> str:
    """What a table of margins says of its standard errors when they count the covariates
    as sampled."""
    return (
        f"Standard errors count the covariates averaged over as sampled (vce={vce.name!r}, "
        "Stata's margins, vce(unconditional)): each margin is linearised with the "
        "coefficients at every row and its variance summed as the fit's "
        f"{res.covariance.label} covariance sums theirs; the values set by at= or over= "
        "are fixed."
    )


@dataclass(frozen=True)
class Sampled:
    """The unconditional covariance of the margins first computed, each in units of its
    ``size`` (M,): that of m_a / size_a is ``cov`` (M, M); and each row of a table as a
    combination of them, ``loadings`` (r, M): the identity for the margins, differences of
    its rows for their contrasts."""

    cov: np.ndarray
    size: np.ndarray
    loadings: np.ndarray
    vce: str

    def se(self, delta: np.ndarray) -> np.ndarray:
        """The standard errors of the table's rows; NaN where the delta method's (``delta``)
        are, which runs through a coefficient without a sampling variance, and where a
        margin's own covariance is not finite.

        Each row's loadings in the margins' units are divided by their largest first, as
        :func:`._delta.delta_se` divides a Jacobian: a standard error of 1e158 or of 1e-162
        (an effect per unit of a column in units of 1e-160 or 1e160) is a double, its
        square is not."""
        C, unknown = _delta.known_part(self.cov)
        L = self.loadings * self.size
        top = np.abs(L).max(axis=1, initial=0.0)
        top = np.where(top == 0.0, 1.0, top)
        Ln = L / top[:, None]
        var = np.einsum("ra,ab,rb->r", Ln, C, Ln) if L.size else np.zeros(len(L))
        se = top * np.sqrt(np.maximum(var, 0.0))
        bad = (L[:, unknown] != 0).any(axis=1) | np.isnan(delta) | ~np.isfinite(var)
        return np.where(bad, np.nan, se)

    def pairs(self, rows: list[tuple[int, int]]) -> Sampled:
        """The differences of the table's rows ``(i, j)``: row i less row j."""
        index = np.array(rows, dtype=np.intp).reshape(-1, 2)
        loadings = self.loadings[index[:, 0]] - self.loadings[index[:, 1]]
        return Sampled(self.cov, self.size, loadings, self.vce)


def sampled_covariance(
    res: MNLogitResults,
    blocks: list[np.ndarray],
    sort: np.ndarray,
    jacobian: np.ndarray,
    vce: Vce,
) -> Sampled:
    """The unconditional covariance of margins whose values at the rows of positive weight
    are ``blocks`` (n+, K each, in the order computed; emptied here), the table's rows being
    those ``sort`` picks of them, and whose Jacobians with respect to S * flat(B) are
    ``jacobian`` (M, pq) in the table's order (see :attr:`MNLogitResults._scaled_cov`).

    The rows' own terms are (g_i - m) / W with m their weighted mean; the coefficients'
    influence is projected on bread J' first, as the fit's sandwich projects the scores on
    the bread. A margin whose Jacobian passes the largest double has no covariance (NaN).
    The (n, M) values are held once, and then their deviations in their place (see
    :func:`mnlogit._memory.check_margins_fit`).
    """
    data, core = res._data, res._core
    width = blocks[0].shape[1]
    # the table keeps each block of K outcomes together: reorder the blocks, not the
    # columns, which held a copy of them beside the blocks and the columns in their order
    values = np.concatenate([blocks[b] for b in sort[::width] // width], axis=1)
    blocks.clear()
    M = values.shape[1]
    bread = res._sandwich_and_bread[2]
    if bread is None:
        return Sampled(np.full((M, M), np.nan), np.ones(M), np.eye(M), vce.name)
    w = data.w
    kept = w > 0
    u = _delta.unit_weights(w[kept])
    values -= u @ values / u.sum()  # the deviations from the margins
    finite = np.isfinite(jacobian).all(axis=1)
    J = np.where(finite[:, None], jacobian, 0.0)
    # each margin's influence in units of its largest part: the products of effects of
    # 1e160 (a column in units of 1e-160) passed the largest double, inf that made every
    # standard error of the table NaN, and those of effects of 1e-160 fell below the
    # smallest, standard errors of 0
    size = np.maximum(np.abs(J).max(axis=1, initial=0.0), np.abs(values).max(axis=0))
    size = np.where((size > 0.0) & np.isfinite(size), size, 1.0)
    J /= size[:, None]
    values /= size
    values /= float(np.sum(w[kept]))
    if kept.all():
        extra = values
    else:
        extra = np.zeros((data.n_rows, M))
        extra[kept] = values
        del values
    rows, B = data, core.B
    if core.scale is not None:  # the columns the fit ran on, whose bread this is
        rows, s = data.equilibrated()
        B = core.B * s[:, None]
    T = res._delta_coordinates[1]
    if T is not None:
        # a fit on an orthogonal basis of nearly dependent columns: the bread of S * B has
        # a condition number of 1e10 there, which left these standard errors right only to
        # 4e-4 (relative) beside y ~ year + I(year**2 - 4e6); the basis's is well conditioned
        assert core.basis is not None
        _, on_q = core.basis
        bread, B = on_q.scaled_cov[0], on_q.B
        rows, J = on_basis(rows, T), in_basis(J, T)
    project = bread @ J.T
    assert isinstance(rows, InMemoryData)  # margins refuse rows kept in partitions
    with res._limits():
        cov = res.covariance.linearised(rows, B, project, extra)
    cov[~finite, :] = cov[:, ~finite] = np.nan
    return Sampled(cov, size, np.eye(M), vce.name)
