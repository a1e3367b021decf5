"""Random data sets and formulas for tests/test_random_formulas_reference.py.

Each case draws (numpy's default_rng(seed)) an outcome with K = 2..6 levels of unbalanced
frequencies from a multinomial logit, numbers x1, x2, x3 > 0, a text factor f, a factor g
given as a Categorical with an unused category, integer codes k, an ordered Categorical o,
missing values in x1 and f in some cases, and integer frequency weights or fractional
weights (fitted as weight_type='probability') in others; and a formula of one interaction
(factor:factor, factor:number, number:number, `*`, `/`, three-way, poly() or bs() by a
factor) and/or main effects (poly() raw and orthogonal, bs(), cr() with R's ns() knots,
scale(), center(), I(x1**2), logs, codings Sum, Helmert, Poly, Treatment), with or without
the intercept, spelled for mnlogit and for R. SEEDS are draws whose fits are not separated
and whose R fits converge; make_random_formulas.R fits them.

Run from this folder:  python make_random_formulas.py
Writes random_formulas.csv.gz (the rows of every case, `role` fit or new) and
random_formulas_specs.json.
"""

import json
import platform
import re

import numpy as np
import pandas as pd

SEEDS = [
    2129,
    2154,
    2026,
    3198,
    2058,
    3197,
    3195,
    2030,
    3053,
    3103,
    2231,
    2053,
    2190,
    2046,
    2133,
    2075,
    2153,
    2082,
    3158,
    3108,
    2045,
    2038,
    3077,
    2003,
    3266,
    3136,
    2139,
    3174,
    2008,
    3160,
    3172,
    3105,
    2203,
    2213,
]

# atoms: name -> (python spelling, R spelling, variables, kind, same_params)
ATOMS = {
    "x1": ("x1", "x1", ["x1"], "num", True),
    "x2": ("x2", "x2", ["x2"], "num", True),
    "lx3": ("np.log(x3)", "log(x3)", ["x3"], "num", True),
    "sq": ("x1 + I(x1**2)", "x1 + I(x1^2)", ["x1"], "num", True),
    "sc": ("scale(x2)", "scale(x2)", ["x2"], "num", True),
    "ce": ("center(x2)", "scale(x2, scale = FALSE)", ["x2"], "num", True),
    "p2": ("poly(x1, 2)", "poly(x1, 2)", ["x1"], "num", True),
    "p3": ("poly(x2, 3)", "poly(x2, 3)", ["x2"], "num", True),
    "p3r": ("poly(x2, 3, raw=True)", "poly(x2, 3, raw = TRUE)", ["x2"], "num", True),
    "p2r": ("poly(x1, 2, raw=True)", "poly(x1, 2, raw = TRUE)", ["x1"], "num", True),
    "bs": ("bs(x2, df=4)", "bs(x2, df = 4)", ["x2"], "num", True),
    "bs2": ("bs(x1, degree=2, knots=[0.0])", "bs(x1, degree = 2, knots = 0)", ["x1"], "num", True),
    "ns": ("cr(x2, df=3, constraints='center')", "ns(x2, df = 3)", ["x2"], "num", False),
    "f": ("f", "f", ["f"], "fac", True),
    "g": ("g", "g", ["g"], "fac", True),
    "k": ("C(k)", "factor(k)", ["k"], "fac", True),
    "o": ("o", "o", ["o"], "fac", True),
    "fs": ("C(f, Sum)", "C(f, contr.sum)", ["f"], "fac", True),
    "fh": ("C(f, Helmert)", "C(f, contr.helmert)", ["f"], "fac", True),
    "ft": ("C(f, Treatment('c'))", "relevel(f, 'c')", ["f"], "fac", True),
    "op": ("C(o, Poly)", "oo", ["o"], "fac", True),
    "gt": ("C(g, Treatment('r'))", "relevel(g, 'r')", ["g"], "fac", True),
    "ks": ("C(k, Sum)", "C(factor(k), contr.sum)", ["k"], "fac", True),
    "sq3": ("np.sqrt(x3)", "sqrt(x3)", ["x3"], "num", True),
    "ex1": ("np.exp(x1 / 3)", "exp(x1 / 3)", ["x1"], "num", True),
    "st": ("standardize(x2)", "scale(x2)", ["x2"], "num", False),
    "bs3": ("bs(x1, knots=[-0.5, 0.5])", "bs(x1, knots = c(-0.5, 0.5))", ["x1"], "num", True),
    "bs5": ("bs(x2, df=5, degree=2)", "bs(x2, df = 5, degree = 2)", ["x2"], "num", True),
    "p3o": ("poly(x1, 3)", "poly(x1, 3)", ["x1"], "num", True),
}
# interactions: (python, R, vars, main-effect atoms it already contains)
INTER = [
    ("f:g", "f:g", ["f", "g"]),
    ("f*g", "f*g", ["f", "g"]),
    ("f:x1", "f:x1", ["f", "x1"]),
    ("f*x1", "f*x1", ["f", "x1"]),
    ("f/x1", "f/x1", ["f", "x1"]),
    ("x1:x2", "x1:x2", ["x1", "x2"]),
    ("x1*x2", "x1*x2", ["x1", "x2"]),
    ("g/x2", "g/x2", ["g", "x2"]),
    ("o*x1", "o*x1", ["o", "x1"]),
    ("poly(x1, 2)*f", "poly(x1, 2)*f", ["x1", "f"]),
    ("C(k)*x2", "factor(k)*x2", ["k", "x2"]),
    ("C(f, Sum)*x1", "C(f, contr.sum)*x1", ["f", "x1"]),
    ("f*np.log(x3)", "f*log(x3)", ["f", "x3"]),
    ("g*C(k)", "g*factor(k)", ["g", "k"]),
    ("x1 + x1:g", "x1 + x1:g", ["x1", "g"]),
    ("scale(x2):f", "scale(x2):f", ["x2", "f"]),
    ("center(x2)*g", "scale(x2, scale = FALSE)*g", ["x2", "g"]),
    ("x1:x2:f", "x1:x2:f", ["x1", "x2", "f"]),
    ("x1*x2*g", "x1*x2*g", ["x1", "x2", "g"]),
    ("(f + g + x1)**2", "(f + g + x1)^2", ["f", "g", "x1"]),
    ("f/g", "f/g", ["f", "g"]),
    ("np.log(x3):x1", "log(x3):x1", ["x3", "x1"]),
    ("C(o, Poly)*x1", "oo*x1", ["o", "x1"]),
    ("bs(x2, df=4)*g", "bs(x2, df = 4)*g", ["x2", "g"]),
    ("poly(x1, 2, raw=True):g", "poly(x1, 2, raw = TRUE):g", ["x1", "g"]),
    ("C(k):x2 + C(k)", "factor(k):x2 + factor(k)", ["k", "x2"]),
]


def draw(seed: int) -> tuple[dict, pd.DataFrame, pd.DataFrame] | None:
    rng = np.random.default_rng(seed)
    K = int(rng.integers(2, 7))
    levels = list("abcdef"[:K])
    # formula
    used, py_terms, r_terms = set(), [], []
    same = True
    if rng.random() < 0.55:
        py, r, vs = INTER[rng.integers(len(INTER))]
        py_terms.append(py)
        r_terms.append(r)
        used |= set(vs)
    n_atoms = int(rng.integers(0 if py_terms else 1, 3))
    names = list(ATOMS)
    rng.shuffle(names)
    for a in names:
        if n_atoms == 0:
            break
        py, r, vs, _kind, sp = ATOMS[a]
        if set(vs) & used:
            continue
        py_terms.append(py)
        r_terms.append(r)
        used |= set(vs)
        same &= sp
        n_atoms -= 1
    nointercept = rng.random() < 0.15
    # count params roughly
    p_guess = (
        1
        + 3 * len(py_terms)
        + (4 if py_terms and ("*" in py_terms[0] or "/" in py_terms[0]) else 0)
    )
    small = rng.random() < 0.25
    n = int(max(25, 2.0 * p_guess * (K - 1))) if small else int(rng.integers(150, 600))
    # data
    x1 = rng.normal(0, 1, n).round(4)
    x2 = rng.uniform(-2, 3, n).round(4)
    x3 = np.exp(rng.normal(1, 0.7, n)).round(4)
    flev = ["a", "b", "c", "d"][: int(rng.integers(3, 5))]
    fp = rng.dirichlet(np.ones(len(flev)) * 3)
    f = rng.choice(flev, n, p=fp)
    glev_used = ["p", "q", "r"]
    g = rng.choice(glev_used, n, p=[0.5, 0.3, 0.2])
    k = rng.choice([1, 2, 3, 4], n, p=[0.3, 0.3, 0.2, 0.2])
    olev = ["lo", "mid", "hi"]
    o = rng.choice(olev, n, p=[0.4, 0.35, 0.25])
    # outcome from a true model
    X = np.column_stack(
        [
            x1,
            x2,
            np.log(x3),
            (f == flev[1]) * 1.0,
            (g == "q") * 1.0,
            (k == 2) * 1.0,
            (o == "hi") * 1.0,
        ]
    )
    B = rng.normal(0, 0.5, (X.shape[1], K))
    icpt = rng.normal(0, 1.0, K)
    eta = icpt + X @ B
    P = np.exp(eta - eta.max(1, keepdims=True))
    P /= P.sum(1, keepdims=True)
    u = rng.random(n)[:, None]
    y = np.array(levels)[(P.cumsum(1) < u).sum(1).clip(max=K - 1)]
    df = pd.DataFrame({"y": y, "x1": x1, "x2": x2, "x3": x3, "f": f, "g": g, "k": k, "o": o})
    # missing values
    miss = rng.random() < 0.3
    if miss:
        m = rng.random(n) < 0.05
        df.loc[m, "x1"] = np.nan
        m2 = rng.random(n) < 0.04
        df["f"] = df["f"].astype(object)
        df.loc[m2, "f"] = None
    wkind = rng.choice(["none", "int", "frac"], p=[0.5, 0.35, 0.15])
    if wkind == "int":
        df["w"] = rng.integers(1, 5, n)
    elif wkind == "frac":
        df["w"] = rng.uniform(0.2, 3, n).round(3)
    ref = str(rng.choice(levels))
    present = sorted(set(df["y"]))
    if len(present) < 2:
        return None
    if ref not in present:
        ref = present[0]
    others = [lev for lev in present if lev != ref]
    ref2 = str(rng.choice(others))
    rhs_py = " + ".join(py_terms)
    rhs_r = " + ".join(r_terms)
    if nointercept:
        if rng.random() < 0.5:
            rhs_py += " - 1"
            rhs_r += " - 1"
        else:
            rhs_py = "0 + " + rhs_py
            rhs_r = "0 + " + rhs_r
    # wald term: one whole main-effect atom (python and R spellings of it)
    wald = None
    for py, r in zip(py_terms, r_terms, strict=True):
        if "*" not in py and "/" not in py and "+" not in py and ":" not in py:
            wald = [py, r]
    # new rows: 7 complete rows in reverse order (inside the fitted ranges, as bs() needs)
    comp = df.dropna()
    nd = comp.sample(min(7, len(comp)), random_state=seed).copy()
    nd = nd.iloc[::-1].reset_index(drop=True)
    return (
        dict(
            seed=seed,
            K=K,
            n=n,
            ref=ref,
            ref2=ref2,
            weights=wkind != "none",
            pweights=wkind == "frac",
            small=small,
            formula_py="y ~ " + rhs_py,
            formula_r="y ~ " + rhs_r,
            same_params=bool(same),
            nointercept=nointercept,
            missing=miss,
            wald=wald,
            flev=flev,
        ),
        df,
        nd,
    )


def ns_knots(spec: dict, df: pd.DataFrame) -> dict:
    """cr() with the inner knots R's ns(x2, df = 3) takes (quantiles of all values of the
    rows used; cr(df=3) takes them of the distinct values)."""
    if "cr(x2" not in spec["formula_py"]:
        return spec
    used = [
        c
        for c in ("x1", "x2", "x3", "f", "g", "k", "o")
        if re.search(rf"\b{c}\b", spec["formula_py"])
    ]
    if spec["weights"]:
        used.append("w")
    knots = np.quantile(df.dropna(subset=used)["x2"], [1 / 3, 2 / 3])
    text = f"knots=[{float(knots[0])!r}, {float(knots[1])!r}]"
    return dict(spec, formula_py=spec["formula_py"].replace("df=3", text))


if __name__ == "__main__":
    specs, frames = [], []
    for seed in SEEDS:
        drawn = draw(seed)
        assert drawn is not None, seed
        spec, df, new = drawn
        specs.append(ns_knots(spec, df))
        frames += [df.assign(case=seed, role="fit"), new.assign(case=seed, role="new")]
    pd.concat(frames).to_csv("random_formulas.csv.gz", index=False)
    versions = {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "pandas": pd.__version__,
    }
    with open("random_formulas_specs.json", "w") as fh:
        json.dump({"versions": versions, "cases": specs}, fh, indent=1)
