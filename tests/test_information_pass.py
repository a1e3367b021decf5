"""The information pass's three ways of summing (stacked, by equation, unique entries) give
the information sum_i w_i (diag(P_i) - P_i P_i') kron x_i x_i' that the definition gives."""

import numpy as np
import pytest

from mnlogit import _fisher


def _direct(X, w, B):
    """The information, equation-major, from its definition: one (p, p) block per pair of
    equations, each a weighted product over all rows."""
    eta = np.column_stack([X @ B, np.zeros(len(X))])
    P = np.exp(eta - eta.max(axis=1, keepdims=True))
    P = (P / P.sum(axis=1, keepdims=True))[:, :-1]
    p, q = B.shape
    info = np.empty((p * q, p * q))
    for j in range(q):
        for k in range(q):
            v = w * ((j == k) * P[:, j] - P[:, j] * P[:, k])
            info[j * p : (j + 1) * p, k * p : (k + 1) * p] = X.T @ (X * v[:, None])
    return info


@pytest.mark.parametrize(
    ("p", "q", "way"),
    [(12, 3, "stacked"), (110, 2, "by equation"), (104, 4, "by equation"), (20, 6, "pairs")],
)
@pytest.mark.parametrize("weighted", [False, True])
def test_every_way_of_summing_gives_the_information(p, q, way, weighted):
    rng = np.random.default_rng([p, q])
    n = 3_000
    X = rng.standard_normal((n, p)) * rng.choice([0.01, 1.0, 50.0], size=p)
    B = rng.standard_normal((p, q)) / (np.abs(X).mean(axis=0)[:, None] * np.sqrt(p))
    y = rng.integers(0, q + 1, n)
    w = rng.integers(0, 4, n).astype(float) if weighted else None
    sums = _fisher._Sums(p, q, _fisher.INFO, _fisher.Scratch())
    assert sums.pairwise == (way == "pairs") and sums.by_equation == (way == "by equation")
    got = _fisher.stats(X, y, w, B, _fisher.INFO, threads=2, chunk=700).info
    want = _direct(X, np.ones(n) if w is None else w, B)
    scale = np.sqrt(np.outer(np.diag(want), np.diag(want)))
    np.testing.assert_array_less(np.abs(got - want), 1e-12 * scale + 1e-300)
    np.testing.assert_array_equal(got, got.T)  # exactly symmetric
