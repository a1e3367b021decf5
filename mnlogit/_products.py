"""Products of the information with directions, never forming it: sum_i w_i (W_i kron
x_i x_i') V in chunked passes, for conjugate-gradient solves with the information
(:mod:`mnlogit._blocksolve`) where the (pq)^2 matrix would not fit in memory.
"""

from __future__ import annotations

import numpy as np

from ._fisher import CHUNK_BYTES
from ._parallel import default_threads, run_split
from ._scores import probabilities

__all__ = ["information_product"]


def information_product(
    X: np.ndarray,
    w: np.ndarray | None,
    B: np.ndarray,
    V: np.ndarray,
    *,
    threads: int | None = None,
    curvature: bool = False,
) -> tuple[np.ndarray, np.ndarray | None]:
    """The information times ``V`` (pq, k), equation-major, without forming the information:
    sum_i w_i (W_i kron x_i x_i') V, i.e. for each column v (a (p, q) direction D) the
    (p, q) matrix sum_i w_i x_i (W_i D'x_i)', in one pass over row chunks across workers
    (m p q k flops per chunk, twice). With ``curvature`` also sum_i w_i W_i (q, q).
    """
    n, p = X.shape
    q = B.shape[1]
    k = V.shape[1]
    D = V.reshape(q, p, k).transpose(1, 0, 2).reshape(p, q * k)  # x'D for all k at once
    threads = default_threads(n) if threads is None else max(1, threads)
    chunk = max(256, min(16_384, CHUNK_BYTES // (8 * (q * k + p + q))))
    bounds = np.linspace(0, n, threads + 1).astype(int)

    def slab(part: int) -> tuple[np.ndarray, np.ndarray]:
        total = np.zeros((p, q * k))
        curv = np.zeros((q, q))
        for lo in range(bounds[part], bounds[part + 1], chunk):
            hi = min(lo + chunk, bounds[part + 1])
            Xc = X[lo:hi]
            P = probabilities(Xc, B)[:, :q]
            if w is not None:
                Pw = P * w[lo:hi, None]
            else:
                Pw = P
            U = np.dot(Xc, D).reshape(-1, q, k)  # x_i' D_v for every v
            # W_i u = P_i u - P_i (P_i . u), weighted
            U *= P[:, :, None]
            U -= P[:, :, None] * U.sum(axis=1, keepdims=True)
            if w is not None:
                U *= w[lo:hi, None, None]
            total += np.dot(Xc.T, U.reshape(-1, q * k))
            if curvature:
                curv += np.diag(Pw.sum(axis=0)) - np.dot(Pw.T, P)
        return total, curv

    parts = run_split(slab, threads)
    total = sum(part[0] for part in parts[1:]) + parts[0][0]
    out = total.reshape(p, q, k).transpose(1, 0, 2).reshape(q * p, k)
    curv = sum(part[1] for part in parts[1:]) + parts[0][1] if curvature else None
    return out, curv
