"""Reference values of robust and cluster-robust covariances with frequency weights
(weighted_robust_statsmodels.json), from statsmodels fits of the data with every row
repeated as many times as its weight says: what a frequency weight means.

Run from this folder: ``python make_weighted_robust.py``. On womenlf.csv (263 rows), frequency
weights w = row % 4 (0 to 3; row numbered from 1) with the rows of clusters 0, 1 and 2 all at
weight 0, clusters cl = (row - 1) // 5 (50 of them hold a row of positive weight):

* ``partic ~ hincome + children + region`` (three outcomes, reference fulltime):
  ``statsmodels.MNLogit`` on the repeated rows, Newton to tol 1e-14, ``cov_type="HC0"``
  (A^-1 (sum_i u_i u_i') A^-1 over the repeated rows) and ``cov_type="cluster"`` with
  ``use_correction=False`` (no small-sample factor), multiplied here by G / (G - 1) with G
  the clusters of the repeated rows: Stata's ``vce(cluster)`` factor, which mnlogit applies.
  statsmodels' own default factor, G/(G-1) (N-1)/(N-K), is not Stata's and is not stored.
* ``working ~ hincome + children + region`` (working = partic != "not.work"):
  ``statsmodels.GLM(Binomial, freq_weights=w).fit(cov_type="HC0")`` on the rows of positive
  weight (its sandwich divides by sqrt(w), NaN on a row of weight 0), which equals the fit of
  the repeated rows (checked here to 1e-10), and
  ``GLM(var_weights=w)``'s HC0, another convention (weights as precisions, not counts) that
  mnlogit does not follow, kept to show the difference.

Versions are stored in the JSON.
"""

from __future__ import annotations

import json
import platform
from pathlib import Path

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm

HERE = Path(__file__).parent


def data() -> pd.DataFrame:
    df = pd.read_csv(HERE / "womenlf.csv")
    row = np.arange(1, len(df) + 1)
    df["cl"] = (row - 1) // 5
    df["w"] = np.where(df["cl"] < 3, 0, row % 4)
    df["working"] = (df["partic"] != "not.work").astype(int)
    return df


def design(df: pd.DataFrame) -> pd.DataFrame:
    X = pd.get_dummies(df[["hincome", "children", "region"]], drop_first=True, dtype=float)
    X.insert(0, "const", 1.0)
    return X


def main() -> None:
    df = data()
    X = design(df)
    repeat = df.index.repeat(df["w"])
    rep, Xr = df.loc[repeat], X.loc[repeat]
    levels = ["fulltime", "not.work", "parttime"]
    y = pd.Categorical(rep["partic"], categories=levels).codes
    fit = {"method": "newton", "disp": 0, "tol": 1e-14, "maxiter": 200}
    hc0 = sm.MNLogit(y, Xr).fit(cov_type="HC0", **fit)
    G = int(rep["cl"].nunique())
    cluster = sm.MNLogit(y, Xr).fit(
        cov_type="cluster",
        cov_kwds={"groups": rep["cl"].to_numpy(), "use_correction": False},
        **fit,
    )
    # statsmodels orders the covariance equation by equation: (outcome, term)
    names = [f"{lv}:{c}" for lv in levels[1:] for c in X.columns]
    multinomial = {
        "formula": "partic ~ hincome + children + region",
        "ref": "fulltime",
        "columns": {c: c for c in X.columns},
        "params": np.asarray(hc0.params).T.tolist(),
        "vcov_order": names,
        "vcov_hc0": np.asarray(hc0.cov_params()).tolist(),
        "vcov_cluster": (np.asarray(cluster.cov_params()) * G / (G - 1)).tolist(),
        "clusters": G,
        "nobs": len(rep),
        "llf": float(hc0.llf),
    }
    binom = sm.families.Binomial()
    pos = df["w"] > 0
    Xp, yp, wp = X[pos], df.loc[pos, "working"], df.loc[pos, "w"]
    freq = sm.GLM(yp, Xp, family=binom, freq_weights=wp).fit(cov_type="HC0")
    repeated = sm.GLM(rep["working"], Xr, family=binom).fit(cov_type="HC0")
    assert np.allclose(freq.cov_params(), repeated.cov_params(), rtol=1e-10, atol=1e-14)
    var = sm.GLM(yp, Xp, family=binom, var_weights=wp).fit(cov_type="HC0")
    binary = {
        "formula": "working ~ hincome + children + region",
        "ref": 0,
        "terms": list(X.columns),
        "params": freq.params.tolist(),
        "vcov_hc0_freq_weights": np.asarray(freq.cov_params()).tolist(),
        "vcov_hc0_var_weights": np.asarray(var.cov_params()).tolist(),
    }
    out = {
        "source": "tests/reference/make_weighted_robust.py",
        "data": "womenlf.csv; w = row % 4 (row from 1), 0 in clusters 0-2; cl = (row-1) // 5",
        "versions": {
            "python": platform.python_version(),
            "statsmodels": statsmodels.__version__,
            "numpy": np.__version__,
            "pandas": pd.__version__,
        },
        "multinomial": multinomial,
        "binary": binary,
    }
    (HERE / "weighted_robust_statsmodels.json").write_text(json.dumps(out, indent=1) + "\n")


if __name__ == "__main__":
    main()
