"""Rows whose own outcome is near certain: their scores, log-probabilities and information
are computed without the cancellation of 1 - P, so frequency weights that make one outcome's
rows weigh 1e12 to 1e20 beside ones give the fit the weights ask for."""

import warnings

import numpy as np
import pandas as pd
import pytest

import mnlogit
from mnlogit import _fisher, _grouped


def _data() -> pd.DataFrame:
    rng = np.random.default_rng(1)
    n = 200
    return pd.DataFrame(
        {
            "x": rng.normal(size=n),
            "z": rng.normal(size=n),
            "y": rng.choice(list("abc"), size=n),
        }
    )


def _fit(df: pd.DataFrame, weight: float) -> mnlogit.MNLogitResults:
    w = np.where(df["y"] == "c", weight, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return mnlogit.fit("y ~ x + z", df, weights=w)


@pytest.mark.parametrize("weight", [1e12, 1e16, 1e20])
def test_one_level_weighted_far_above_the_others_gives_the_limit_fit(weight):
    # Weighting one outcome's rows by s moves the estimates by O(1/s) (the slopes and their
    # standard errors tend to a limit; the intercept of that outcome grows like log s).
    # Before, 1 - P was a difference: at 1e12 the slopes were 1.2e-5 off, at 1e14 2.5e-3
    # with standard errors 4% off, and from 1e16 the fit stopped at its start, all NaN.
    df = _data()
    base, res = _fit(df, 1e8), _fit(df, weight)
    assert res.converged
    slopes = ["x", "z"]
    np.testing.assert_allclose(res.params.loc[slopes], base.params.loc[slopes], rtol=1e-6)
    np.testing.assert_allclose(res.bse.loc[slopes], base.bse.loc[slopes], rtol=1e-6)
    np.testing.assert_allclose(res.bse.loc["Intercept"], base.bse.loc["Intercept"], rtol=1e-6)
    step = np.log(weight / 1e8)
    np.testing.assert_allclose(
        res.params.loc["Intercept", "c"], base.params.loc["Intercept", "c"] + step, rtol=1e-9
    )


def _near_certain_design(p: int, K: int, seed: int = 0):
    """Rows of which a third have equation 0's outcome certain to 1e-12 and, those of them
    whose outcome it is, weights of 1e12: what those rows add to the sums is O(1) per row,
    as much as an ordinary row's, and their 1 - P has 4 of its digits as a difference."""
    rng = np.random.default_rng(seed)
    n = 300
    X = np.column_stack([np.ones(n), rng.standard_normal((n, p - 1))])
    B = rng.standard_normal((p, K - 1)) * 0.1
    z = rng.random(n) < 1 / 3
    X[:, 1] = z  # a dummy whose coefficient makes outcome 0 near certain
    B[1, 0] = 27.6
    y = np.where(z, np.where(rng.random(n) < 0.8, 0, 1), rng.integers(0, K, n))
    w = np.where(z & (y == 0), 1e12, 1.0)
    return X, y, w, B


def _textbook(X, y, w, B):
    """Log-likelihood, score (p, q) and information of the definitions, in extended
    precision, with no difference of nearly equal numbers."""
    L = np.longdouble
    eta = np.column_stack([X @ B, np.zeros(len(y))]).astype(L)
    E = np.exp(eta - eta.max(axis=1, keepdims=True))
    P = E / E.sum(axis=1, keepdims=True)
    # 1 - P_j is the others' sum over the whole sum, log P = shifted eta - log(1 + the
    # others' share beside the largest): as differences they would keep 7 digits here
    K = E.shape[1]
    C = np.column_stack([E[:, np.arange(K) != j].sum(axis=1) for j in range(K)])
    C /= E.sum(axis=1, keepdims=True)
    top = E.argmax(axis=1)
    rest = E.sum(axis=1) * C[np.arange(len(y)), top]
    log_p = (eta - eta.max(axis=1, keepdims=True))[np.arange(len(y)), y] - np.log1p(rest)
    q = B.shape[1]
    Y = (y[:, None] == np.arange(q + 1)).astype(L)
    XL, wL = X.astype(L), w.astype(L)
    loglik = (wL * log_p).sum()
    R = np.where(Y == 1, C, -P)  # e_y - P
    score = XL.T @ (R[:, :q] * wL[:, None])
    Pq = P[:, :q]
    W = -Pq[:, :, None] * Pq[:, None, :]
    W[:, np.arange(q), np.arange(q)] = Pq * C[:, :q]
    info = np.einsum("i,ijk,ia,ib->jakb", wL, W, XL, XL).reshape(q * X.shape[1], -1)
    return float(loglik), score.astype(float), info.astype(float)


@pytest.mark.parametrize(
    "p, K",
    [(4, 3), (_fisher.BY_EQUATION_MIN_COLUMNS, 3), (4, _fisher.PAIRWISE_MIN_Q + 2)],
    ids=["stacked", "by-equation", "unique-entries"],
)
def test_sums_of_near_certain_rows_against_their_definitions(p, K):
    # Before, 1 - P of those rows was w - w P and the diagonal blocks a difference of sums
    # of w P and w P^2: the information was 1e-4 off (relative to its largest entry).
    X, y, w, B = _near_certain_design(p, K)
    loglik, score, info = _textbook(X, y, w, B)
    for threads, chunk in [(1, len(y)), (2, 37)]:
        got = _fisher.stats(X, y, w, B, _fisher.INFO, threads=threads, chunk=chunk)
        np.testing.assert_allclose(got.loglik, loglik, rtol=1e-12)
        np.testing.assert_allclose(got.score, score, rtol=1e-7, atol=1e-9 * np.abs(score).max())
        np.testing.assert_allclose(got.info, info, rtol=1e-7, atol=1e-9 * np.abs(info).max())
        assert np.array_equal(got.info, got.info.T)
        grad = _fisher.stats(X, y, w, B, _fisher.SCORE, threads=threads, chunk=chunk)
        np.testing.assert_allclose(
            grad.score, got.score, rtol=1e-13, atol=1e-13 * np.abs(score).max()
        )


def test_grouped_information_of_near_certain_rows_against_its_definition():
    # The dummies' sums by group held P - P^2 of each row, which cancels as the dense sums did.
    rng = np.random.default_rng(2)
    X, y, w, B = _near_certain_design(4, 4)
    levels = rng.integers(0, _grouped.MIN_BLOCK_COLUMNS + 1, len(y))
    D = (levels[:, None] == np.arange(1, _grouped.MIN_BLOCK_COLUMNS + 1)).astype(float)
    X = np.column_stack([X, D])
    B = np.vstack([B, rng.standard_normal((D.shape[1], B.shape[1])) * 0.1])
    blocks = _grouped.find_indicator_blocks(X, {"f": tuple(range(4, X.shape[1]))})
    assert len(blocks) == 1
    _, _, info = _textbook(X, y, w, B)
    got = _grouped.grouped_information(X, w, B, blocks, threads=2)
    np.testing.assert_allclose(got, info, rtol=1e-7, atol=1e-9 * np.abs(info).max())


def _weighted_fit(df: pd.DataFrame, weight: float, kind: str) -> mnlogit.MNLogitResults:
    w = np.where(df["y"] == "c", weight, 1.0)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return mnlogit.fit("y ~ x + z", df, weights=w, weight_type=kind)


@pytest.mark.parametrize("weight", [1e12, 1e14])
def test_probability_weights_far_apart_give_the_frequency_weights_estimates(weight):
    # The same weights as counts or as probabilities give the same estimates. As probability
    # weights (scaled to mean 1, so the other outcomes' rows weigh 1e-12 of the deviance),
    # the fit stopped "converged" 0.016 standard errors away at 1e12 and 0.33 at 1e14.
    df = _data()
    prob, freq = _weighted_fit(df, weight, "probability"), _weighted_fit(df, weight, "frequency")
    assert prob.converged
    np.testing.assert_allclose(prob.params, freq.params, rtol=1e-9, atol=1e-9)


@pytest.mark.parametrize("weight", [1e12, 1e16, 1e20])
def test_design_based_standard_errors_of_probability_weights_far_apart(weight):
    # The sandwich's row scores took 1 - P of the heavy rows as a difference too: their
    # standard errors were 1.6e-3 off at 1e12, 6e-2 at 1e14, and NaN from 1e16 (the fit
    # stopped at its start). They tend to a limit as the ratio grows.
    df = _data()
    base, res = _weighted_fit(df, 1e11, "probability"), _weighted_fit(df, weight, "probability")
    slopes = ["x", "z"]
    np.testing.assert_allclose(res.params.loc[slopes], base.params.loc[slopes], rtol=1e-9)
    np.testing.assert_allclose(res.bse, base.bse, rtol=1e-9)


@pytest.mark.parametrize("cov", ["robust", "cluster"])
@pytest.mark.parametrize("weight", [1e12, 1e16])
def test_sandwich_standard_errors_of_one_level_weighted_far_above_the_others(cov, weight):
    # The sandwich's row scores took w (1 - P) of those rows as a difference: robust and
    # cluster-robust standard errors were 3e-4 off at 1e12; from 1e16 the fit did not run.
    df = _data().assign(site=np.arange(200) % 25)
    options = {"cov_type": cov} | ({"groups": "site"} if cov == "cluster" else {})

    def fit(w):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            return mnlogit.fit("y ~ x + z", df, weights=np.where(df["y"] == "c", w, 1.0), **options)

    slopes = ["x", "z"]
    np.testing.assert_allclose(fit(weight).bse.loc[slopes], fit(1e8).bse.loc[slopes], rtol=1e-7)
