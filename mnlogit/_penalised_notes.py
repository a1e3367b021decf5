"""The notes of a Firth fit's Wald tests, coefficient tables and delta-method numbers on
separated data: the coefficients that maximum likelihood sends to infinity are finite only
through the penalty, where Wald standard errors are unreliable (Heinze & Schemper 2002), and
the penalised likelihood-ratio test is what to use instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from ._linalg import flat
from ._methods import METHODS
from ._once import compute_once
from ._recession import bounded_along_separation
from ._test_result import labels_shown
from .separation import detect, diverging_cells, exact_check_runs

if TYPE_CHECKING:  # for annotations only: results imports this module
    from ._data import ModelData
    from .results import MNLogitResults

__all__ = [
    "cell_labels",
    "penalised_delta_note",
    "penalised_under_separation",
    "penalised_wald_note",
]


def cell_labels(res: MNLogitResults, cells: np.ndarray) -> list[str]:
    """``outcome:column`` labels of positions ``cells`` of the equation-major parameters."""
    p = res._data.p
    return [f"{res.equations[k // p]}:{res._data.column_names[k % p]}" for k in cells]


def _penalised_cells(res: MNLogitResults) -> tuple[str, np.ndarray] | None:
    """For a Firth fit (with standard errors) of separated data in memory: the kind of
    separation and the (p, q) cells maximum likelihood would send to infinity, which are
    finite only through the penalty; else None (also when the exact check cannot run: a
    test or summary is not refused for want of its note)."""
    data = res._data
    if not (res.solver.penalized and res.solver.inference and exact_check_runs(data)):
        return None
    sep = compute_once(data, "_separation_ml_reports", lambda d: _ml_separation(d, res._core.B))
    if sep is None:
        return None
    return sep.kind, diverging_cells(sep, data)


def _ml_separation(data: ModelData, start: np.ndarray) -> Any:
    """The separation a maximum-likelihood fit of ``data`` reports, run from ``start`` (a
    Firth fit's estimates, a few steps from the maximum when it exists): where it converges,
    as it does on data that are not separated, the exact check's linear program over every
    row (seconds at 1e5 rows, where the fit from there takes a few passes) is not run."""
    core = METHODS["newton"].fit(data, start=start)
    if core.separation_check is not None:
        return core.separation_check[0]
    return None if core.converged else detect(data)


def penalised_under_separation(
    res: MNLogitResults,
    R: np.ndarray,
    instead: str = "anova(), or mnlogit.lr_test of the fit without them",
) -> str:
    """For a Firth fit of separated data whose restrictions involve coefficients that
    maximum likelihood would send to infinity: why their Wald test is unreliable and what
    to use instead, else ""."""
    found = _penalised_cells(res)
    if found is None:
        return ""
    kind, diverging = found
    cells = np.flatnonzero((R != 0).any(axis=0) & flat(diverging))
    if not len(cells) or bounded_along_separation(res._data, R):
        return ""
    shown = labels_shown(cell_labels(res, cells))
    return (
        f"The data are {kind}ly separated: {shown} are finite only through Firth's "
        "penalty, where Wald tests are unreliable (their standard errors are inflated; "
        f"Heinze & Schemper 2002). Use the penalised likelihood-ratio test: {instead}"
    )


def penalised_wald_note(res: MNLogitResults) -> str:
    """What a Firth fit's coefficient table says of the coefficients finite only through
    the penalty (the data separated along them), whose z, p-value and interval are Wald's,
    as :meth:`~MNLogitResults.wald_test` says of a test of them; else ""."""
    found = _penalised_shown(res)
    if found is None:
        return ""
    kind, shown = found
    return (
        f"The data are {kind}ly separated: {shown} are finite only through Firth's penalty "
        "(maximum likelihood sends them to infinity). Their z statistics, p-values and "
        "intervals are Wald's, which are unreliable there (their standard errors are "
        "inflated; Heinze & Schemper 2002): test them by the penalised likelihood-ratio "
        "test, anova() or mnlogit.lr_test of the fit without them."
    )


def _penalised_shown(res: MNLogitResults) -> tuple[str, str] | None:
    """The kind of separation and the labels shown of the coefficients finite only through
    Firth's penalty (:func:`_penalised_cells`), or None when there are none."""
    found = _penalised_cells(res)
    if found is None or not found[1].any():
        return None
    return found[0], labels_shown(cell_labels(res, np.flatnonzero(flat(found[1]))))


def penalised_delta_note(res: MNLogitResults) -> str:
    """What a Firth fit's margins, effects and prediction intervals say of the coefficients
    finite only through the penalty: their delta-method standard errors are built on those
    coefficients' Wald ones, unreliable there; else ""."""
    found = _penalised_shown(res)
    if found is None:
        return ""
    kind, shown = found
    return (
        f"The data are {kind}ly separated: {shown} are finite only through Firth's penalty, "
        "where Wald standard errors are unreliable (Heinze & Schemper 2002), and so are the "
        "delta-method standard errors, tests and intervals here of what reads them."
    )
