"""statsmodels' robust and cluster-robust covariances of some of make_robust_random.R's draws
(robust_random_statsmodels.json), a second tool beside R's sandwiches built by hand.

statsmodels' MNLogit has no frequency weights: a weighted draw is fitted on its rows repeated
w times (a row of weight 0 dropped), which is what a frequency weight means. Its conventions:
``cov_type="HC0"`` has no small-sample factor; ``cov_type="cluster"`` multiplies by
G/(G-1) (N-1)/(N-k) unless ``use_correction=False``, so the cluster covariance stored here
is statsmodels' with ``use_correction=False`` times G/(G-1) (Stata's and mnlogit's factor).
The design is formulaic's (treatment coding, R's column order), the outcome coded with the
draw's reference first, as statsmodels takes the lowest code for its reference.

Run from this folder:  python make_robust_random.py  (after Rscript make_robust_random.R)
"""

import json

import numpy as np
import pandas as pd
import statsmodels
import statsmodels.api as sm
from formulaic import model_matrix

CASES = [2, 5, 7, 13, 15, 19, 29, 30]  # unweighted and weighted, 2 clusters among them
LEVELS = {"f1": ["lo", "mid", "hi", "top"], "f2": ["p", "q", "r"]}


def rows_of(case: dict, all_rows: pd.DataFrame) -> pd.DataFrame:
    d = all_rows[all_rows["case"] == case["case"]].drop(columns="case").reset_index(drop=True)
    for name, levels in LEVELS.items():
        d[name] = pd.Categorical(d[name], categories=[v for v in levels if v in set(d[name])])
    return d


def main() -> None:
    reference = json.loads(open("robust_random.json").read())
    all_rows = pd.read_csv("robust_random.csv.gz")
    out = {}
    for case in reference["cases"]:
        if case["case"] not in CASES:
            continue
        assert case["weights"] != "fractional"
        d = rows_of(case, all_rows)
        d = d.loc[d.index.repeat(d["w"].astype(int))].reset_index(drop=True)
        X = model_matrix(case["formula"].split("~")[1], d)
        order = [case["ref"], *case["outcomes"]]
        y = pd.Categorical(d["y"], categories=order).codes
        groups = pd.factorize(d["cl"])[0]
        G = len(np.unique(groups))
        model = sm.MNLogit(y, np.asarray(X, dtype=float))
        options = {"method": "newton", "maxiter": 100, "tol": 1e-14, "disp": False}
        hc0 = model.fit(cov_type="HC0", **options)
        cl = model.fit(
            cov_type="cluster",
            cov_kwds={"groups": groups, "use_correction": False},
            **options,
        )
        out[str(case["case"])] = {
            "params": hc0.params.T.ravel().tolist(),  # equation-major
            "cov_robust": np.asarray(hc0.cov_params()).tolist(),
            "cov_cluster": (np.asarray(cl.cov_params()) * G / (G - 1)).tolist(),
            "clusters": G,
            "nobs": len(d),
        }
    meta = {
        "generated_by": "tests/reference/make_robust_random.py",
        "statsmodels": statsmodels.__version__,
        "numpy": np.__version__,
        "pandas": pd.__version__,
        "note": "cov_cluster: use_correction=False times G/(G-1); cov_robust: cov_type='HC0'",
    }
    with open("robust_random_statsmodels.json", "w") as fh:
        json.dump({"meta": meta, "cases": out}, fh)


if __name__ == "__main__":
    main()
