"""Other libraries' words for the L2 penalty, answered with the classifier's parameters.

``alpha=`` was answered with "C=, its inverse": C weighs the summed log-likelihood, where
SGDClassifier's alpha and glmnet's lambda weigh the mean over the rows, so C=1/alpha gave a
penalty n times too weak. The answer now gives C=1/(alpha*n), checked here against a direct
minimisation of the mean log-loss plus alpha * ||coef||^2 / 2. scikit-learn 1.8's
``l1_ratio=0``, its spelling of the L2 penalty, was answered only with "penalty= takes 'l2'".
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy.optimize import minimize
from scipy.special import log_softmax

pytest.importorskip("sklearn")

from mnlogit.exceptions import InputTypeError
from mnlogit.sklearn import MNLogitClassifier

RNG = np.random.default_rng(770)
N, P, K = 150, 3, 3
X = RNG.standard_normal((N, P))
Y = np.argmax(X @ RNG.standard_normal((P, K)) + RNG.gumbel(size=(N, K)), axis=1)


def _mean_loss_fit(alpha: float) -> np.ndarray:
    """Probabilities minimising the mean log-loss + alpha * ||W||^2 / 2 (intercepts free),
    the penalty of SGDClassifier's alpha and glmnet's lambda, by L-BFGS."""
    onehot = np.eye(K)[Y]

    def objective(theta):
        W, b = theta[: P * K].reshape(P, K), theta[P * K :]
        logp = log_softmax(X @ W + b, axis=1)
        resid = np.exp(logp) - onehot
        value = -(onehot * logp).sum() / N + alpha * (W**2).sum() / 2
        grad = np.concatenate([(X.T @ resid / N + alpha * W).ravel(), resid.sum(axis=0) / N])
        return value, grad

    theta = minimize(
        objective,
        np.zeros(P * K + K),
        jac=True,
        method="L-BFGS-B",
        options={"gtol": 1e-12, "ftol": 1e-16, "maxiter": 10000},
    ).x
    return np.exp(log_softmax(X @ theta[: P * K].reshape(P, K) + theta[P * K :], axis=1))


def test_alpha_is_answered_with_the_c_of_the_same_penalty():
    with pytest.raises(InputTypeError) as answered:
        MNLogitClassifier(alpha=0.05)
    said = str(answered.value)
    assert "C=1 / (alpha * n)" in said
    assert "its inverse" not in said


@pytest.mark.parametrize("alpha", [0.01, 0.2])
def test_the_c_the_answer_gives_fits_the_mean_log_loss_penalised_by_alpha(alpha):
    clf = MNLogitClassifier(penalty="l2", C=1 / (alpha * N)).fit(X, Y)
    np.testing.assert_allclose(clf.predict_proba(X), _mean_loss_fit(alpha), atol=1e-6)
    # C=1/alpha, what "its inverse" said, is another fit
    other = MNLogitClassifier(penalty="l2", C=1 / alpha).fit(X, Y)
    assert np.abs(other.predict_proba(X) - _mean_loss_fit(alpha)).max() > 1e-3


def test_l1_ratio_zero_is_answered_as_the_l2_penalty():
    with pytest.raises(InputTypeError, match=r"an l1_ratio of 0, .* is penalty='l2' here"):
        MNLogitClassifier(l1_ratio=0, C=0.5)
