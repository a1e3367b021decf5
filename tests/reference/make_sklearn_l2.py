"""Reference values of scikit-learn's L2-penalised logistic regression (sklearn_l2.json).

Run from the repository root: ``python tests/reference/make_sklearn_l2.py``. It writes
``sklearn_l2.csv`` (the data: simulated, rounded to 4 decimals, so that the CSV holds exactly
the values fitted) and ``sklearn_l2.json``. Each case is ``LogisticRegression(C=C)`` fitted
with the newton-cholesky solver to tol=1e-14 (its Newton decrement), cross-checked against
the lbfgs solver run to gtol=1e-12 (the largest difference in probabilities is stored as
``lbfgs_max_prob_diff``). The data were drawn from a multinomial logit with K = 2, 3 and 6
outcomes; the cases use the first 60, 500 or 2000 rows.
"""

from __future__ import annotations

import json
import platform
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import scipy
import sklearn
from sklearn.linear_model import LogisticRegression

HERE = Path(__file__).parent
N = 2000
P = 4
PROB_ROWS = 40  # probabilities are stored for this many evenly spaced rows of each case


def make_data() -> pd.DataFrame:
    rng = np.random.default_rng(20240519)
    X = rng.standard_normal((N, P)) * [1.0, 2.0, 0.5, 1.0] + [0.0, 1.0, 0.0, -1.0]
    df = pd.DataFrame(np.round(X, 4), columns=[f"x{j + 1}" for j in range(P)])
    design = np.column_stack([np.ones(N), df.to_numpy()])
    for K in (2, 3, 6):
        B = rng.standard_normal((P + 1, K)) * 0.8
        eta = design @ B
        prob = np.exp(eta - eta.max(axis=1, keepdims=True))
        prob /= prob.sum(axis=1, keepdims=True)
        u = rng.random(N)[:, None]
        y = (u > np.cumsum(prob, axis=1)).sum(axis=1)
        df[f"y{K}"] = np.array(list("abcdef"))[y]
    df["fw"] = rng.integers(0, 4, N)  # frequency weights (whole numbers, some zero)
    df["pw"] = np.round(rng.uniform(0.2, 3.0, N), 3)  # fractional (sampling) weights
    return df


CASES = [
    # (name, K, n, C, weights, fit_intercept)
    *[(f"K{K}_n{n}", K, n, 1.0, None, True) for K in (2, 3, 6) for n in (60, 500, 2000)],
    ("K3_n500_C0.05", 3, 500, 0.05, None, True),
    ("K6_n500_C20", 6, 500, 20.0, None, True),
    ("K3_n500_freq", 3, 500, 1.0, "fw", True),
    ("K3_n500_prob", 3, 500, 0.5, "pw", True),
    ("K2_n500_prob", 2, 500, 0.5, "pw", True),
    ("K3_n500_nointercept", 3, 500, 1.0, None, False),
    ("K2_n60_nointercept", 2, 60, 1.0, None, False),
]


def fit(df: pd.DataFrame, K: int, n: int, C: float, weights, intercept: bool, **kw):
    rows = df.iloc[:n]
    X = rows[[f"x{j + 1}" for j in range(P)]].to_numpy()
    y = rows[f"y{K}"].to_numpy()
    sw = None if weights is None else rows[weights].to_numpy(dtype=float)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return LogisticRegression(C=C, fit_intercept=intercept, **kw).fit(X, y, sample_weight=sw), X


def main() -> None:
    df = make_data()
    df.to_csv(HERE / "sklearn_l2.csv", index=False)
    df = pd.read_csv(HERE / "sklearn_l2.csv")  # fit exactly what the tests read
    out = {
        "generated_by": "tests/reference/make_sklearn_l2.py",
        "software": {
            "scikit-learn": sklearn.__version__,
            "numpy": np.__version__,
            "scipy": scipy.__version__,
            "pandas": pd.__version__,
            "python": platform.python_version(),
        },
        "objective": "C * sum_i w_i log-loss_i + 1/2 ||W||^2, intercepts not penalised",
        "coef_layout": "coef_ as scikit-learn gives it: (1, p) for K = 2, (K, p) otherwise; "
        "rows in classes_ order",
        "cases": {},
    }
    for name, K, n, C, weights, intercept in CASES:
        clf, X = fit(
            df, K, n, C, weights, intercept, solver="newton-cholesky", tol=1e-14, max_iter=1000
        )
        check, _ = fit(df, K, n, C, weights, intercept, solver="lbfgs", tol=1e-12, max_iter=100000)
        rows = np.linspace(0, n - 1, PROB_ROWS).round().astype(int)
        proba = clf.predict_proba(X)
        out["cases"][name] = {
            "K": K,
            "n": n,
            "C": C,
            "weights": weights,
            "fit_intercept": intercept,
            "classes": [str(c) for c in clf.classes_],
            "coef": clf.coef_.tolist(),
            "intercept": clf.intercept_.tolist(),
            "prob_rows": rows.tolist(),
            "proba": proba[rows].tolist(),
            "n_iter": int(clf.n_iter_[0]),
            "lbfgs_max_prob_diff": float(np.abs(check.predict_proba(X) - proba).max()),
        }
    (HERE / "sklearn_l2.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
