"""Reference values for tests/test_margins_weighted_rows_reference.py: margins of a
multinomial logit with a factor x numeric interaction, frequency weights (one of them 0)
and rows missing a value, computed by hand in numpy, independent of mnlogit (R is not on
this machine; the sums are those of margins_weights_cluster.R).

The model is ``y ~ C(g, Treatment('b')) * x + np.log(u) + flag`` (reference outcome A),
whose design is built here column by column (in another order than formulaic's, which the
margins do not depend on); the fit is Newton's method on the weighted log-likelihood to a
step below 1e-13, the rows missing x or g left out. Covariances: the inverse weighted
information (model-based), and the cluster-robust sandwich A M A with M the outer products
of the clusters' weighted score sums times G / (G - 1) (Stata's mlogit, vce(cluster)).

Margins, each with its delta-method standard error sqrt(J V J'):
- ``rows``: Pr(y = k) with x set to 1 and 3 and g to each level in every row, averaged with
  the weights over the rows used; J analytic, dP_ik / db_l = P_ik (delta_kl - P_il) x_i;
- ``slopes``: the average effect of x with g set to each level, dP_ik/dx = P_ik (s_ik -
  sum_j P_ij s_ij) with s_ij = b_x,j + b_(g:x),j, and J by central differences in the
  coefficients (step 1e-5, Richardson-extrapolated);
- ``slope_contrasts``: the slopes at a and c less the slope at b (the coding's baseline);
- ``grid``: Pr(y = k) on the reference grid at x = 2, g each level, u at its weighted mean
  over the rows used (log taken of the mean), flag's two levels weighted equally.

Run from tests/reference: python make_margins_weighted_rows.py
Writes margins_weighted_rows.csv (the data) and margins_weighted_rows.json.
"""

import json
import platform
import sys

import numpy as np
import pandas as pd

LEVELS = ["a", "b", "c"]  # g; b is the baseline
OUTCOMES = ["A", "B", "C"]  # A is the reference outcome


def data() -> pd.DataFrame:
    rng = np.random.default_rng(57)
    n = 500
    d = pd.DataFrame(
        {
            "x": rng.normal(2.0, 1.0, n),
            "u": rng.uniform(0.5, 6.0, n),
            "g": rng.choice(LEVELS, n),
            "flag": rng.random(n) < 0.4,
            "w": rng.integers(1, 5, n).astype(float),
            "cl": np.arange(n) // 5,
        }
    )
    eta = np.column_stack(
        [
            np.zeros(n),
            0.6 * d["x"] - 0.4 * (d["g"] == "a") + 0.5 * (d["g"] == "c") * d["x"] - 0.5,
            0.4 * np.log(d["u"]) + 0.6 * d["flag"] - 0.3 * (d["g"] == "a") * d["x"],
        ]
    )
    P = np.exp(eta) / np.exp(eta).sum(axis=1, keepdims=True)
    d["y"] = np.array(OUTCOMES)[(rng.random(n)[:, None] > P.cumsum(axis=1)).sum(axis=1)]
    d.loc[d.index % 11 == 3, "x"] = np.nan
    d.loc[d.index % 13 == 5, "g"] = None
    d.loc[[8, 40], "w"] = 0.0  # counted among the rows used, adding nothing
    return d


def design(x, u, g, flag) -> np.ndarray:
    """Intercept, a, c, x, log(u), flag, a:x, c:x."""
    a = (g == "a").astype(float)
    c = (g == "c").astype(float)
    return np.column_stack([np.ones(len(x)), a, c, x, np.log(u), flag.astype(float), a * x, c * x])


def probabilities(X: np.ndarray, B: np.ndarray) -> np.ndarray:
    eta = np.column_stack([np.zeros(len(X)), X @ B])
    eta -= eta.max(axis=1, keepdims=True)
    P = np.exp(eta)
    return P / P.sum(axis=1, keepdims=True)


def fit(X: np.ndarray, Y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Newton's method: (B (p x 2), the inverse information, equation-major)."""
    p = X.shape[1]
    B = np.zeros((p, 2))
    for _ in range(100):
        P = probabilities(X, B)
        grad = np.concatenate([X.T @ (w * (Y[:, k] - P[:, k])) for k in (1, 2)])
        H = np.zeros((2 * p, 2 * p))
        for j, k in ((1, 1), (1, 2), (2, 1), (2, 2)):
            v = w * P[:, j] * ((j == k) - P[:, k])
            H[(j - 1) * p : j * p, (k - 1) * p : k * p] = (X * v[:, None]).T @ X
        step = np.linalg.solve(H, grad)
        B += step.reshape(2, p).T
        if np.abs(step).max() < 1e-13:
            break
    P = probabilities(X, B)
    for j, k in ((1, 1), (1, 2), (2, 1), (2, 2)):
        v = w * P[:, j] * ((j == k) - P[:, k])
        H[(j - 1) * p : j * p, (k - 1) * p : k * p] = (X * v[:, None]).T @ X
    return B, np.linalg.inv(H)


def cluster_cov(X, Y, w, B, A, clusters) -> np.ndarray:
    P = probabilities(X, B)
    U = np.column_stack([(Y[:, k] - P[:, k])[:, None] * X for k in (1, 2)]) * w[:, None]
    S = pd.DataFrame(U).groupby(clusters).sum().to_numpy()
    G = len(S)
    return G / (G - 1) * A @ (S.T @ S) @ A


def mean_probability(X, w, B):
    """Weighted mean of P over the rows (3,) and its Jacobian (3, 2p), equation-major."""
    P = probabilities(X, B)
    p = X.shape[1]
    J = np.zeros((3, 2 * p))
    for k in range(3):
        for ell in (1, 2):
            v = w * P[:, k] * ((k == ell) - P[:, ell])
            J[k, (ell - 1) * p : ell * p] = v @ X / w.sum()
    return w @ P / w.sum(), J


def slope(X, w, b):
    """The weighted mean of dP_k/dx over the rows of X (x enters as x, a:x and c:x)."""
    B = b.reshape(2, -1).T
    P = probabilities(X, B)
    D = np.zeros_like(X)
    D[:, 3], D[:, 6], D[:, 7] = 1.0, X[:, 1], X[:, 2]
    S = np.column_stack([np.zeros(len(X)), D @ B])
    return w @ (P * (S - (P * S).sum(axis=1, keepdims=True))) / w.sum()


def slope_jacobian(X, w, b):
    def diff(h):
        cols = []
        for a in range(len(b)):
            up, down = b.copy(), b.copy()
            up[a] += h
            down[a] -= h
            cols.append((slope(X, w, up) - slope(X, w, down)) / (2 * h))
        return np.column_stack(cols)

    d1, d2 = diff(1e-5), diff(5e-6)
    return d2 + (d2 - d1) / 3.0


def se(J, V):
    return np.sqrt(np.einsum("ka,ab,kb->k", J, V, J))


def main() -> None:
    d = data()
    d.to_csv("margins_weighted_rows.csv", index=False)
    used = d.dropna(subset=["x", "g"])
    X = design(used["x"].to_numpy(), used["u"].to_numpy(), used["g"].to_numpy(), used["flag"])
    Y = (used["y"].to_numpy()[:, None] == np.array(OUTCOMES)).astype(float)
    w = used["w"].to_numpy()
    B, A = fit(X, Y, w)
    b = B.T.ravel()
    covs = {"nonrobust": A, "cluster": cluster_cov(X, Y, w, B, A, used["cl"].to_numpy())}

    def at(x=None, g=None, frame=used):
        xs = frame["x"].to_numpy() if x is None else np.full(len(frame), float(x))
        gs = frame["g"].to_numpy() if g is None else np.full(len(frame), g)
        return design(xs, frame["u"].to_numpy(), gs, frame["flag"].to_numpy())

    out: dict = {"formula": "y ~ C(g, Treatment('b')) * x + np.log(u) + flag", "ref": "A"}
    for name, V in covs.items():
        rows, slopes, contrasts = [], [], []
        for x in (1.0, 3.0):
            for g in LEVELS:
                est, J = mean_probability(at(x, g), w, B)
                for k, o in enumerate(OUTCOMES):
                    rows.append({"x": x, "g": g, "outcome": o, "estimate": est[k]})
                    rows[-1]["se"] = se(J, V)[k]
        parts = {}
        for g in LEVELS:
            Xg = at(g=g)
            est, J = slope(Xg, w, b), slope_jacobian(Xg, w, b)
            parts[g] = (est, J)
            for k, o in enumerate(OUTCOMES):
                slopes.append({"g": g, "outcome": o, "estimate": est[k], "se": se(J, V)[k]})
        for g in ("a", "c"):
            est = parts[g][0] - parts["b"][0]
            J = parts[g][1] - parts["b"][1]
            for k, o in enumerate(OUTCOMES):
                contrasts.append(
                    {"g": f"{g} - b", "outcome": o, "estimate": est[k], "se": se(J, V)[k]}
                )
        um = np.average(used["u"], weights=w)
        grid = []
        for g in LEVELS:
            Js, ests = [], []
            for f in (False, True):
                Xc = design(np.array([2.0]), np.array([um]), np.array([g]), np.array([f]))
                est, J = mean_probability(Xc, np.ones(1), B)
                ests.append(est)
                Js.append(J)
            est, J = np.mean(ests, axis=0), np.mean(Js, axis=0)
            for k, o in enumerate(OUTCOMES):
                grid.append({"g": g, "outcome": o, "estimate": est[k], "se": se(J, V)[k]})
        out[name] = {
            "rows": rows,
            "slopes": slopes,
            "slope_contrasts": contrasts,
            "grid": grid,
        }
    out["n_used"] = len(used)
    out["versions"] = {
        "python": sys.version.split()[0],
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "platform": platform.platform(),
    }
    with open("margins_weighted_rows.json", "w") as f:
        json.dump(out, f, indent=1)


if __name__ == "__main__":
    main()
