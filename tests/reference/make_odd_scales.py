"""Random small data sets at odd scales for tests/test_odd_scales_reference.py.

Each case draws (numpy's default_rng([8686, seed])) an outcome of K = 2..5 levels given as
text, as integers (negative, 0 and positive; any of them the reference) or as a Categorical
in a permuted order; predictors at scales from 1e-6 to 1e6 (x1, z), around an offset of
0, 1e3 or 1e6 (x2), positive (x3, for logs); a factor f of 2-6 levels, often with a rare
one, and g of 2-3 levels; in some cases rows missing x1 or f and integer frequency weights
0-3; a formula of one to three terms among main effects, `x1:f`, `f:g`, `x2*f`, `x1*z`,
`np.log(x3):g`, `I(x1**2)`, `poly(x1, 2)` and `poly(x2, 2, raw=True)`, spelled for mnlogit
and for R; and eight new rows whose f and g are drawn apart (combinations the fit may not
hold). SEEDS are 20 of a run over seeds 0-599 chosen to cover these features, among the
draws R fits to a finite maximum that mnlogit does not find separated.

Run from this folder:  python make_odd_scales.py
Writes odd_scales.csv.gz (the rows of every case, `role` fit or new) and
odd_scales_specs.json; make_odd_scales.R fits them.
"""

import json
import platform

import numpy as np
import pandas as pd

SEEDS = [
    3,
    108,
    144,
    148,
    170,
    202,
    243,
    250,
    282,
    298,
    318,
    322,
    342,
    373,
    374,
    437,
    457,
    474,
    555,
    596,
]

# (python, R, variables)
ATOMS = [
    ("x1", "x1", ["x1"]),
    ("x2", "x2", ["x2"]),
    ("np.log(x3)", "log(x3)", ["x3"]),
    ("x1 + I(x1**2)", "x1 + I(x1^2)", ["x1"]),
    ("poly(x1, 2)", "poly(x1, 2)", ["x1"]),
    ("poly(x2, 2, raw=True)", "poly(x2, 2, raw = TRUE)", ["x2"]),
    ("f", "f", ["f"]),
    ("g", "g", ["g"]),
    ("x1:f", "x1:f", ["x1", "f"]),
    ("f:g", "f:g", ["f", "g"]),
    ("f + g", "f + g", ["f", "g"]),
    ("x1*z", "x1*z", ["x1", "z"]),
    ("x2*f", "x2*f", ["x2", "f"]),
    ("np.log(x3):g", "log(x3):g", ["x3", "g"]),
    ("z + I(z**2)", "z + I(z^2)", ["z"]),
]
SCALES = [1e-6, 1e-4, 1e-2, 1.0, 1e2, 1e4, 1e6]


def draw(seed):
    rng = np.random.default_rng([8686, seed])
    K = int(rng.integers(2, 6))
    kind = str(rng.choice(["str", "int", "cat"]))
    if kind == "int":
        labels = sorted(rng.choice([-3, 0, 1, 2, 5, 10, 42, 100], K, replace=False).tolist())
    else:
        labels = list(rng.choice(["A", "b", "zz", "mid", "Q1", "lo", "hi"], K, replace=False))
    nt = int(rng.integers(1, 4))
    idx = rng.choice(len(ATOMS), nt, replace=False)
    py = " + ".join(ATOMS[i][0] for i in idx)
    r = " + ".join(ATOMS[i][1] for i in idx)
    vars_ = sorted({v for i in idx for v in ATOMS[i][2]})
    n = int(rng.integers(60, 400))
    s1, s3, sz = (float(rng.choice(SCALES)) for _ in range(3))
    off = float(rng.choice([0.0, 1e3, 1e6]))
    rng.normal(size=n)  # an unused draw, kept so that the listed seeds give these data
    x1 = rng.normal(size=n) * s1
    x2 = off + rng.normal(size=n) * float(rng.choice([0.1, 1.0, 10.0]))
    x3 = np.exp(rng.normal(size=n)) * s3
    z = rng.normal(size=n) * sz
    nf = int(rng.integers(2, 7))
    flev = ["f" + c for c in "abcdef"[:nf]]
    pf = rng.dirichlet(np.ones(nf) * 2)
    if nf > 2 and rng.random() < 0.5:  # a rare level
        pf[-1] = 0.02
        pf /= pf.sum()
    f = rng.choice(flev, n, p=pf)
    ng = int(rng.integers(2, 4))
    glev = ["u", "v", "w"][:ng]
    g = rng.choice(glev, n)
    # outcome from a true model on standardized predictors
    Z = np.column_stack(
        [x1 / s1, (x2 - off), np.log(x3 / s3), z / sz, (f == flev[0]) * 1.0, (g == glev[-1]) * 1.0]
    )
    B = rng.normal(0, 0.6, (Z.shape[1], K))
    eta = rng.normal(0, 0.7, K) + Z @ B
    P = np.exp(eta - eta.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    u = rng.random(n)[:, None]
    yi = (P.cumsum(1) < u).sum(1).clip(max=K - 1)
    y = np.array(labels, dtype=object)[yi]
    df = pd.DataFrame({"y": y, "x1": x1, "x2": x2, "x3": x3, "z": z, "f": f, "g": g})
    if rng.random() < 0.4:
        df.loc[rng.random(n) < 0.05, "x1"] = np.nan
        df["f"] = df["f"].astype(object)
        df.loc[rng.random(n) < 0.04, "f"] = None
    weights = bool(rng.random() < 0.5)
    if weights:
        df["w"] = rng.integers(0, 4, n)
    present = [lev for lev in labels if lev in set(df["y"])]
    ref = present[int(rng.integers(len(present)))]
    order = list(labels)
    if kind == "cat":
        order = list(rng.permutation(labels))
    # new rows: levels drawn independently (unseen combinations of f and g)
    m = 8
    new = pd.DataFrame(
        {
            "x1": rng.choice(df["x1"].dropna(), m),
            "x2": rng.choice(df["x2"], m),
            "x3": rng.choice(df["x3"], m),
            "z": rng.choice(df["z"], m),
            "f": rng.choice(flev, m),
            "g": rng.choice(glev, m),
        }
    )
    # keep new x within fitted range for poly
    spec = dict(
        seed=seed,
        K=K,
        kind=kind,
        labels=[str(lev) if kind != "int" else int(lev) for lev in labels],
        order=[str(lev) if kind != "int" else int(lev) for lev in order],
        ref=ref if kind != "int" else int(ref),
        formula_py="y ~ " + py,
        formula_r="y ~ " + r,
        vars=vars_,
        weights=weights,
        flev=flev,
        glev=glev,
        n=n,
        scales=dict(s1=s1, s3=s3, sz=sz, off=off),
    )
    return spec, df, new


if __name__ == "__main__":
    drawn = [draw(seed) for seed in SEEDS]
    frames = [
        part.assign(case=spec["seed"], role=role)
        for spec, df, new in drawn
        for part, role in ((df, "fit"), (new, "new"))
    ]
    pd.concat(frames).to_csv("odd_scales.csv.gz", index=False, float_format="%.17g")
    versions = {"python": platform.python_version()} | {
        module.__name__: module.__version__ for module in (np, pd)
    }
    with open("odd_scales_specs.json", "w") as fh:
        json.dump({"versions": versions, "cases": [d[0] for d in drawn]}, fh, indent=1)
