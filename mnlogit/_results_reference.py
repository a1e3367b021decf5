"""Another reference category for MNLogitResults: the same fit re-expressed, without refitting."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from ._levels import same_level
from ._other_options import answering_other_options
from ._results_rendering import RenderingMixin
from ._solvers import FitResult
from ._subpop_levels import named_reference
from .separation import re_expressed

if TYPE_CHECKING:  # annotations only: results imports this
    from .results import MNLogitResults

__all__ = ["ReferenceMixin"]


class ReferenceMixin(RenderingMixin):
    """``with_ref``: the coefficients, information and covariance against another level."""

    @answering_other_options
    def with_ref(self, level: Any) -> MNLogitResults:
        """The same fit against reference ``level``, without refitting.

        Parameters
        ----------
        level : outcome level
            The new reference, matched by value and kind as ``ref=`` is.

        Returns
        -------
        MNLogitResults
            Same log-likelihood, probabilities, method and covariance type.

        Notes
        -----
        With b_r = 0 for the old reference, the new coefficients are b'_k = b_k - b_new for
        every level k other than the new reference: B' = B M, i.e. vec(B') = T vec(B) with
        T = M' (x) I_p and det T = +-1. The model-based covariance becomes T V T' and the
        information T^-T I T^-1; a robust or cluster sandwich is recomputed from the recoded
        outcome, which equals T V T' exactly because every score transforms by T^-T. Under
        separation, ``separation`` is re-expressed against ``level`` as a fit with that
        reference finds it, and the coefficients marked as diverging are those it marks:
        those some separating direction moves (:meth:`~mnlogit.separation.Separation.diverging`).

        Examples
        --------
        >>> import mnlogit
        >>> df = mnlogit.datasets.load("travel")
        >>> res = mnlogit.fit("mode ~ np.log(distance)", df, ref="car")
        >>> res.with_ref("bus").ref
        'bus'
        """
        fitted = self.__dict__.get("_fitted")
        if fitted is not None:
            # re-expressed from the fit itself, not from this re-expression of it: B M M'
            # is B only to rounding, so with_ref("bus").with_ref("car") gave the fit's
            # numbers 1e-16 off, and a table of several references built either way differed
            return cast("MNLogitResults", fitted.with_ref(level))
        data = self._data
        new_ref = named_reference(data, level)
        if same_level(new_ref, data.ref):
            return self._results
        new_data = data.recode(data.levels, new_ref)
        M = data.coding.ref_change(new_data.coding)
        M_inv = new_data.coding.ref_change(data.coding)
        core = self._core
        # the fit's orthogonal basis holds, M mixing equations, not columns
        basis = None if core.basis is None else (core.basis[0], _re_based(core.basis[1], M, M_inv))
        # the information and covariance follow when first read (from the original's, which
        # are then computed once for both)
        new_core = replace(
            core,
            B=core.B @ M,
            computed=None,
            deferred=functools.partial(_re_expressed, core, M, M_inv, data.p),
            basis=basis,
        )
        derived = type(self)(
            new_data,
            new_core,
            cov_type=self.cov_type,
            method=self.solver,
            separation=re_expressed(self.separation, new_data),
        )
        derived._set(_fitted=self)
        return cast("MNLogitResults", derived)


def _re_based(core: FitResult, M: np.ndarray, M_inv: np.ndarray) -> FitResult:
    """The fit on the orthogonal basis, ``core``, re-expressed for the coefficients B M."""
    return replace(
        core,
        B=core.B @ M,
        computed=None,
        deferred=functools.partial(_re_expressed, core, M, M_inv, core.B.shape[0]),
        basis=None,
    )


def _symmetric(A: np.ndarray) -> np.ndarray:
    return (A + A.T) / 2


def _re_expressed(
    core: FitResult, M: np.ndarray, M_inv: np.ndarray, p: int
) -> tuple[np.ndarray, np.ndarray | None]:
    """The information and covariance of ``core`` for the coefficients B M (see with_ref),
    in the units the fit ran on: B M mixes equations, not columns, so the columns' scale s
    carries over (s B M = (s B) M), and a column in units of 1e-200 keeps standard errors
    that its covariance in the user's units, 1e+400, cannot hold (they were NaN).

    With T = M' (x) I_p, T V T' is, block by block of equations, sum_ij M_ik M_jl V_ij: two
    products with the q x q matrix M on the (q, p, q, p) view of V, 2 q (pq)^2 flops where
    the Kronecker matrices take 2 (pq)^3 (and (pq)^2 memory each)."""

    def transform(A: np.ndarray, L: np.ndarray) -> np.ndarray:  # (L' (x) I) A (L (x) I)
        q = L.shape[0]
        A4 = A.reshape(q, p, q, p)
        out = np.tensordot(L, A4, axes=(0, 0))  # (q, p, q, p): equations of the rows
        out = np.tensordot(out, L, axes=(2, 0))  # (q, p, p, q): then of the columns
        return _symmetric(out.transpose(0, 1, 3, 2).reshape(q * p, q * p))

    cov = core.scaled_cov[0]
    return transform(core.scaled_info, M_inv.T), None if cov is None else transform(cov, M)
