"""Columns of the inverse information without the information matrix: I X = E solved by
preconditioned conjugate gradients on information-vector products, for the covariance of
selected coefficients of a fit whose information would not fit in memory (see
:mod:`mnlogit._memory`).

Each iteration is one pass over the rows, m p q k flops for k right-hand sides, with the
Kronecker metric W-bar (x) X'WX as preconditioner (exact when the outcome probabilities do
not vary with x).
"""

from __future__ import annotations

import numpy as np

from ._in_memory_data import InMemoryData
from ._linalg import cho_solve, cholesky
from ._parallel import default_threads, single_threaded_blas
from ._progress import Progress
from .exceptions import EstimationError

__all__ = ["solve_information"]

# Conjugate gradients stop when every column's residual, in the preconditioner's norm, is
# this small relative to the right-hand side's (the solution is then good to about the
# square root of the preconditioned condition number times this).
SOLVE_TOL = 1e-11
SOLVE_MAX_ITER = 2000


def solve_information(
    data: InMemoryData,
    B: np.ndarray,
    E: np.ndarray,
    *,
    threads: int | None = None,
    progress: Progress | None = None,
) -> np.ndarray:
    """I(B)^-1 E for E (pq, k), by preconditioned conjugate gradients, one column each, all
    columns sharing every pass over the rows.

    The preconditioner is M = W-bar (x) X'WX, with W-bar = sum_i w_i W_i / sum_i w_i: its
    inverse costs two small Cholesky solves. Stops when every column's residual r satisfies
    r'M^-1 r <= SOLVE_TOL^2 e'M^-1 e; raises :class:`EstimationError` if that takes more than
    SOLVE_MAX_ITER passes. As in a fit's passes, ``threads`` workers split the rows and BLAS
    keeps to one thread.
    """
    threads = default_threads(data.n_rows) if threads is None else threads
    with single_threaded_blas():
        return _solve(data, B, E, threads, progress or Progress(False))


def _solve(
    data: InMemoryData, B: np.ndarray, E: np.ndarray, threads: int, progress: Progress
) -> np.ndarray:
    p, q = B.shape
    k = E.shape[1]
    # X'WX = S G S with G that of the equilibrated columns X / s, whose sums the rank check
    # kept: the exact G when a wide design's sample of rows could not settle the rank
    scaled, s = data.equilibrated()
    cG = cholesky(scaled.metric_gram())
    if cG is None:  # a sample that missed a rare dummy (the rank check found it none)
        cG = cholesky(scaled.gram()[0])
    _, curvature = data.information_product(
        B, np.zeros((p * q, 1)), threads=threads, curvature=True
    )
    assert curvature is not None
    cW = cholesky(curvature / data.sum_weights)
    if cG is None or cW is None:
        raise EstimationError("the information's preconditioner is singular at the estimates")

    def precondition(R: np.ndarray) -> np.ndarray:
        # (W (x) G)^-1 vec: G^-1 along the columns, W^-1 along the equations
        V = R.reshape(q, p, k).transpose(1, 0, 2).reshape(p, q * k)
        Z = cho_solve(cG, V / s[:, None]) / s[:, None]
        Z = Z.reshape(p, q, k).transpose(1, 0, 2).reshape(q, p * k)
        Z = cho_solve(cW, Z) / data.sum_weights
        return Z.reshape(q * p, k)

    X = np.zeros_like(E)
    R = E.copy()
    Z = precondition(R)
    P = Z.copy()
    rz = np.einsum("ij,ij->j", R, Z)
    start = rz.copy()
    for it in range(1, SOLVE_MAX_ITER + 1):
        AP, _ = data.information_product(B, P, threads=threads)
        alpha = rz / np.einsum("ij,ij->j", P, AP)
        X += alpha * P
        R -= alpha * AP
        Z = precondition(R)
        rz_new = np.einsum("ij,ij->j", R, Z)
        done = bool(np.all(rz_new <= SOLVE_TOL**2 * start))
        if it % 10 == 0 or done:
            progress.say(
                f"block solve for {k} coefficients: pass {it}, largest relative residual "
                f"{float(np.sqrt(np.max(rz_new / start))):.2e}"
            )
        if done:
            return X
        P = Z + (rz_new / rz) * P
        rz = rz_new
    raise EstimationError(
        f"the block solve for {k} coefficients did not converge in {SOLVE_MAX_ITER} passes over "
        "the rows; ask for fewer terms or fit fewer columns"
    )
